"""Editorial Markdown: front matter, markdown-it-py with raw HTML off, safe links, local images only (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

from builder.language import localized
from builder.load.cells import safe_url
from builder.model import frontmatter
from builder.model.content_files import markdown_texts
from builder.model.routes import ROUTE_BY_NAME, slug

STATUS_PATH = re.compile(r"^content/status/(\d{4})(?:\.nn)?\.md$")  # a nynorsk twin: 2025.nn.md


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
        """Drafts are built only for the preview (front matter makes sure it is a real boolean)."""
        return self.meta.get("draft") is True


def read_sources(content_dir: Path, root: Path, errors: list[ContentError]) -> list[Source]:
    """Every Markdown file under content/, sorted, with its front matter checked."""
    texts, problems = markdown_texts(content_dir, root)
    errors.extend(ContentError(p.file, p.line, p.rule, p.message) for p in problems)
    return [source for text in texts if (source := _split(text.file, text.text, errors))]


def _split(rel: str, text: str, errors: list[ContentError]) -> Source | None:
    """Front matter and body of one file: a «---» line, the YAML, a «---» line."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        errors.append(ContentError(rel, 1, "M-FRONTMATTER", "mangler front matter (--- … --- øverst i filen)."))
        return None
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == "---"), None)
    if end is None:
        errors.append(ContentError(rel, 1, "M-FRONTMATTER", "front matter er ikke avsluttet med en linje «---»."))
        return None
    front, problems = frontmatter.parse("\n".join(lines[1:end]))
    errors.extend(ContentError(rel, line, "M-FRONTMATTER", message) for line, message in problems)
    if front is None or not _check_meta(rel, front, errors):
        return None
    return Source(rel, front.meta, "\n".join(lines[end + 1 :]), end + 2)


def _check_meta(rel: str, front: frontmatter.FrontMatter, errors: list[ContentError]) -> bool:
    """A title, and a template meant for this kind of content page."""
    if not str(front.meta.get("title") or "").strip():
        errors.append(ContentError(rel, front.lines.get("title", 1), "M-FRONTMATTER", "mangler «title»."))
        return False
    template = front.meta.get("template")
    allowed = content_templates(rel)
    if template is not None and template not in allowed:
        errors.append(
            ContentError(
                rel,
                front.lines["template"],
                "M-FRONTMATTER",
                f"ukjent mal «{template}» for denne siden (tillatt: {', '.join(allowed)}).",
            )
        )
        return False
    return True


def content_templates(rel: str) -> tuple[str, ...]:
    """Templates a content file may choose: a status page may drop its key-figure box, a plain page has one."""
    page = ROUTE_BY_NAME["page"].template
    return (page, ROUTE_BY_NAME["status"].template) if STATUS_PATH.match(rel) else (page,)


def markdown() -> MarkdownIt:
    """markdown-it-py with raw HTML off (V11), tables on, no linkify."""
    return MarkdownIt("js-default").enable("table")


def render_markdown(
    text: str, rel: str, first_line: int, errors: list[ContentError], marks: Mapping[str, str] | None = None
) -> Markup:
    """Safe HTML from Markdown: heading ids with a prefix, allowed link schemes, local images only.

    The only place that marks HTML as safe (S-2): raw HTML is off, so the renderer escapes everything else. `marks`
    maps placeholders in the text (a shortcode number's status) to the fixed HTML of their mark."""
    md = markdown()
    tokens = md.parse(text)
    for i, token in enumerate(tokens):
        line = first_line + (token.map[0] if token.map else 0)
        if token.type == "heading_open":
            token.attrSet("id", "h-" + slug("x", tokens[i + 1].content).removeprefix("x-"))
        for child in token.children or []:
            _check_child(child, rel, line, errors)
    return Markup(with_marks(md.renderer.render(tokens, md.options, {}), marks or {}))


def with_marks(html: str, marks: Mapping[str, str]) -> str:
    """Rendered HTML with each placeholder made into its mark; inside an attribute value (e.g. an image's alt text;
    markdown-it escapes every other double quote) the placeholder is dropped."""
    if not marks:
        return html
    found = re.compile("|".join(re.escape(k) for k in marks))
    html = re.sub(r'"[^"]*"', lambda m: found.sub("", m.group(0)), html)
    return found.sub(lambda m: marks[m.group(0)], html)


def _check_child(token: Token, rel: str, line: int, errors: list[ContentError]) -> None:
    """Links must use an allowed scheme (site links go to the page in the language being built); images must be
    local (privacy)."""
    if token.type == "link_open":
        href = str(token.attrGet("href") or "")
        if href.startswith("/") and not href.startswith(("//", "/data/", "/assets/")):
            token.attrSet("href", localized(href))  # a page link in a nynorsk page goes to the nynorsk page
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
