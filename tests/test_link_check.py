"""The link check on a hand-made tree: missing pages, assets and fragments found; external links not followed."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from builder.errors import BuildError
from builder.publish.checks import broken_links, check_release, check_release_without_search, links_and_ids, resolve


def tree(root: Path, pages: dict[str, str]) -> Path:
    """Write pages (path → body) under root."""
    for rel, body in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!DOCTYPE html><html lang=nb><body>{body}</body></html>", "utf-8")
    return root


def test_resolve_maps_directories_to_index_and_keeps_fragments(tmp_path: Path) -> None:
    """`/fylke/` is fylke/index.html; a relative link resolves from the page's folder; https is external."""
    page = tmp_path / "fylke" / "46" / "index.html"
    assert resolve(tmp_path, page, "/fylke/#h") == (tmp_path / "fylke" / "index.html", "h")
    assert resolve(tmp_path, page, "x.csv") == (tmp_path / "fylke" / "46" / "x.csv", "")
    assert resolve(tmp_path, page, "#top") == (page, "top")
    assert resolve(tmp_path, page, "https://example.org/") == (None, "")


def test_broken_links_names_page_and_link(tmp_path: Path) -> None:
    """A missing page, a missing file and a missing id are each reported once; good links are not."""
    root = tree(
        tmp_path,
        {
            "index.html": '<a href="/om/">ok</a> <a href="/om/#kilder">ok</a> <a href="/borte/">x</a>'
            ' <a href="/om/#mangler">x</a> <img src="/bilde.png" alt=""> <a href="https://udir.no/">ext</a>',
            "om/index.html": '<h2 id="kilder">Kilder</h2>',
        },
    )
    assert sorted(broken_links(root)) == [
        "index.html: /bilde.png",
        "index.html: /borte/",
        "index.html: /om/#mangler (mangler id «mangler»)",
    ]


def test_check_release_fails_with_exit_3_and_skips_search_only_when_asked(tmp_path: Path) -> None:
    """A link into /pagefind/ is broken in a full build, skipped in a build made without the search index."""
    root = tree(tmp_path, {"index.html": '<link rel="stylesheet" href="/pagefind/pagefind-ui.css">'})
    with pytest.raises(BuildError) as err:
        check_release(root)
    assert err.value.code == 3 and "1 brutte interne lenker" in str(err.value)
    check_release_without_search(root)


class _Reference(HTMLParser):
    """The standard library's HTML parser, collecting what the link check collects: the independent expectation."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        canonical = tag == "link" and ("rel", "canonical") in attrs
        for name, value in attrs:
            if name in ("href", "src") and value is not None and not canonical:
                self.links.append(value)
            elif name == "id" and value:
                self.ids.add(value)


def reference(text: str) -> tuple[list[str], set[str]]:
    """Links and ids as html.parser reads them."""
    parser = _Reference()
    parser.feed(text)
    return parser.links, parser.ids


TRICKY = (
    "<a href=\"/a/?x=1&amp;y=2\">a</a><a href=/bare/>b</a><a id='q' href='/single/'>c</a>"
    '<script type="application/json">{"href": "/ikke/", "x": "<a href=\\"/ikke/\\">"}</script>'
    '<script src="/assets/site.js"></script><style>a[href="/ikke/"]{}</style><!-- <a href="/ikke/"> -->'
    '<link rel="canonical" href="https://example.org/x/"><IMG SRC="/stor.png" ALT=""><p id="">tom</p>'
    '<svg viewBox="0 0 10 10"><a href="/svg/"><title>t</title></a></svg><input disabled id="felt">'
)


def test_link_reader_agrees_with_html_parser_on_tricky_markup() -> None:
    """Entities, unquoted and single-quoted values, script/style bodies, comments, upper case, SVG, the canonical
    link and empty ids are read as html.parser reads them."""
    found = links_and_ids(TRICKY)
    assert (found.links, found.ids) == reference(TRICKY)
    assert found.links == ["/a/?x=1&y=2", "/bare/", "/single/", "/assets/site.js", "/stor.png", "/svg/"]


def test_link_reader_agrees_with_html_parser_on_every_built_page(built_site: Path) -> None:
    """On every page of the fixture build, the link check sees the same links and ids as html.parser."""
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 40
    for page in pages:
        text = page.read_text("utf-8")
        found = links_and_ids(text)
        assert (found.links, found.ids) == reference(text), page
