"""Post-build checks on a release before it goes live: every internal link, asset and #fragment resolves."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from builder.errors import BuildError, Exit

# The site's own HTML: every attribute value is double-quoted (Jinja autoescape), so tags are read by pattern; the
# bodies of <script> and <style> and comments are skipped first (tests compare this with html.parser).
_SKIPPED = re.compile(r"<script\b[^>]*>.*?</script\s*>|<style\b[^>]*>.*?</style\s*>|<!--.*?-->", re.S | re.I)
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?>")
_ATTR = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


@dataclass
class Links:
    """The href/src values and element ids of one page."""

    links: list[str] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


def links_and_ids(text: str) -> Links:
    """href/src values (the absolute canonical link aside) and ids of one HTML text."""
    found = Links()
    for match in _TAG.finditer(_SKIPPED.sub(_opening, text)):
        attrs = _attributes(match.group(2) or "")
        canonical = match.group(1).lower() == "link" and attrs.get("rel") == "canonical"
        for name in ("href", "src"):
            if name in attrs and not canonical:
                found.links.append(attrs[name])
        if attrs.get("id"):
            found.ids.add(attrs["id"])
    return found


def _opening(block: re.Match[str]) -> str:
    """The opening tag of a skipped script or style block, for its src (nothing for a comment)."""
    text = block.group(0)
    return "" if text.startswith("<!--") else text[: text.index(">") + 1]


def _attributes(source: str) -> dict[str, str]:
    """A tag's attributes by lower-case name (the first of repeated names, as browsers do), values unescaped."""
    attrs: dict[str, str] = {}
    for m in _ATTR.finditer(source):
        value = next((v for v in m.groups()[1:] if v is not None), "")
        attrs.setdefault(m.group(1).lower(), html.unescape(value))
    return attrs


def parse(path: Path) -> Links:
    """Links and ids of one HTML file."""
    return links_and_ids(path.read_text(encoding="utf-8"))


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
