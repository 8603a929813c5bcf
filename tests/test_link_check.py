"""The link check on a hand-made tree: missing pages, assets and fragments found; external links not followed."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.errors import BuildError
from builder.publish.checks import broken_links, check_release, check_release_without_search, resolve


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
