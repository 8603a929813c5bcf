"""Editorial Markdown: front matter, markdown-it-py with raw HTML off, safe links, local images only (pure)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from builder.cells import safe_url
from builder.fmt import slug

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so a bad date is our error with a line, not a YAML crash."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
ALLOWED_KEYS = {"title", "description", "date", "template", "draft"}


@dataclass(frozen=True)
class ContentError:
    """One problem in a content file, with its line."""

    file: str
    line: int
    rule: str
    message: str

    def human(self) -> str:
        """The line an editor reads."""
        return f"FEIL [{self.rule}] {self.file} linje {self.line}: {self.message}"


@dataclass(frozen=True)
class Source:
    """A Markdown file split into front matter and body, with the body's first line number."""

    path: str
    meta: dict[str, Any]
    body: str
    first_line: int

    @property
    def title(self) -> str:
        """The page title."""
        return str(self.meta["title"])

    @property
    def draft(self) -> bool:
        """Drafts are built only for the preview."""
        return bool(self.meta.get("draft", False))


def read_sources(content_dir: Path, root: Path, errors: list[ContentError]) -> list[Source]:
    """Every Markdown file under content/, sorted, with its front matter checked."""
    out = []
    for path in sorted(content_dir.rglob("*.md")):
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
        source = _split(rel, path.read_text(encoding="utf-8"), errors)
        if source:
            out.append(source)
    return out


def _split(rel: str, text: str, errors: list[ContentError]) -> Source | None:
    """Front matter and body of one file."""
    match = FRONT.match(text)
    if not match:
        errors.append(ContentError(rel, 1, "M-FRONTMATTER", "mangler front matter (--- … --- øverst i filen)."))
        return None
    try:
        meta = yaml.load(match.group(1), Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        errors.append(ContentError(rel, 2, "M-FRONTMATTER", f"ugyldig YAML: {exc}"))
        return None
    ok = _check_meta(rel, meta, match.group(1), errors)
    first = match.group(0).count("\n") + 1
    return Source(rel, meta, text[match.end() :], first) if ok else None


def _check_meta(rel: str, meta: dict[str, Any], raw: str, errors: list[ContentError]) -> bool:
    """Title required, date a real ISO date, no unknown keys."""

    def line_of(key: str) -> int:
        for i, line in enumerate(raw.split("\n"), start=2):
            if line.startswith(f"{key}:"):
                return i
        return 1

    before = len(errors)
    if not isinstance(meta, dict) or not str(meta.get("title") or "").strip():
        errors.append(ContentError(rel, 1, "M-FRONTMATTER", "mangler «title»."))
        return False
    for key in sorted(set(meta) - ALLOWED_KEYS):
        errors.append(
            ContentError(
                rel, line_of(key), "M-FRONTMATTER", f"ukjent felt «{key}» (tillatt: {', '.join(sorted(ALLOWED_KEYS))})."
            )
        )
    if "date" in meta and not isinstance(meta["date"], dt.date):
        try:
            meta["date"] = dt.date.fromisoformat(str(meta["date"]))
        except ValueError:
            errors.append(
                ContentError(rel, line_of("date"), "M-FRONTMATTER", f"ugyldig dato «{meta['date']}»; bruk ÅÅÅÅ-MM-DD.")
            )
    return len(errors) == before


def markdown() -> MarkdownIt:
    """markdown-it-py with raw HTML off (V11), tables on, no linkify."""
    return MarkdownIt("js-default").enable("table")


def render_markdown(text: str, rel: str, first_line: int, errors: list[ContentError]) -> Markup:
    """Safe HTML from Markdown: heading ids with a prefix, allowed link schemes, local images only.

    The only place that marks HTML as safe (S-2): raw HTML is off, so the renderer escapes everything else."""
    md = markdown()
    tokens = md.parse(text)
    for i, token in enumerate(tokens):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "heading_open":
            token.attrSet("id", "h-" + slug("x", tokens[i + 1].content).removeprefix("x-"))
        for child in token.children or []:
            _check_child(child, rel, line, errors)
    return Markup(md.renderer.render(tokens, md.options, {}))


def _check_child(token: Token, rel: str, line: int, errors: list[ContentError]) -> None:
    """Links must use an allowed scheme; images must be local (privacy)."""
    if token.type == "link_open":
        href = str(token.attrGet("href") or "")
        if not safe_url(href):
            errors.append(
                ContentError(
                    rel,
                    line,
                    "S-URL",
                    f"lenken «{href}» er ikke tillatt; kun https:, http:, mailto: eller relative lenker.",
                )
            )
    if token.type == "image":
        src = str(token.attrGet("src") or "")
        if re.match(r"^[a-z][a-z0-9+.-]*:|^//", src, re.I) and not src.lower().startswith("data:image/"):
            errors.append(
                ContentError(rel, line, "S-EXTERNAL", f"eksterne bilder er ikke tillatt (personvern): «{src}».")
            )
