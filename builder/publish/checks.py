"""Post-build checks on a release before it goes live: every internal link, asset and #fragment resolves."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from builder.errors import BuildError, Exit


class _Links(HTMLParser):
    """Collects href/src values and element ids."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None and not (tag == "link" and _is_canonical(attrs)):
                self.links.append(value)
            elif name == "id" and value:
                self.ids.add(value)


def _is_canonical(attrs: list[tuple[str, str | None]]) -> bool:
    """The canonical link is absolute by design."""
    return ("rel", "canonical") in attrs


def parse(path: Path) -> _Links:
    """Links and ids of one HTML file."""
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def resolve(root: Path, page: Path, link: str) -> tuple[Path | None, str]:
    """The file and fragment an internal link points at; None for external links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc:
        return None, ""
    if not parts.path:
        return page, parts.fragment
    base = root if parts.path.startswith("/") else page.parent
    target = base / unquote(parts.path.lstrip("/"))
    if parts.path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target, parts.fragment


SEARCH_PREFIX = "/pagefind/"  # written by the search step; absent from builds without a search index


def broken_links(root: Path, skip: tuple[str, ...] = ()) -> list[str]:
    """Every internal link, asset or fragment that does not resolve, as 'page: link' (links under `skip` aside)."""
    pages = {p: parse(p) for p in sorted(root.rglob("*.html"))}
    problems = []
    for page, info in pages.items():
        for link in info.links:
            if link.startswith(skip):
                continue
            target, fragment = resolve(root, page, link)
            if target is None:
                continue
            rel = page.relative_to(root).as_posix()
            if not target.is_file():
                problems.append(f"{rel}: {link}")
            elif fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if fragment not in ids:
                    problems.append(f"{rel}: {link} (mangler id «{fragment}»)")
    return problems


def check_release(root: Path, skip: tuple[str, ...] = ()) -> None:
    """Fail the build with exit code 3 when any internal link is broken (P-7)."""
    problems = broken_links(root, skip)
    if problems:
        shown = "\n  ".join(problems[:20])
        more = f"\n  … og {len(problems) - 20} til" if len(problems) > 20 else ""
        raise BuildError("kontroll", f"{len(problems)} brutte interne lenker:\n  {shown}{more}", code=Exit.CHECK)


def check_release_without_search(root: Path) -> None:
    """The link check of a build made without the search index (tests, never `innsyn build`)."""
    check_release(root, (SEARCH_PREFIX,))
