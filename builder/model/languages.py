"""The nynorsk twin of every page: the same pages modelled again in nynorsk and moved under /nn/."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from builder.language import DEFAULT, localized
from builder.model.content import ContentError, Source

if TYPE_CHECKING:
    from builder.model.site import Page

    P = TypeVar("P", bound=Page)

TWIN_SUFFIX = ".nn.md"  # content/status/2025.nn.md is the nynorsk text of content/status/2025.md


def sources_in(texts: list[Source], lang: str, errors: list[ContentError]) -> list[Source]:
    """The Markdown sources of a language: bokmål files, each replaced by its nynorsk twin where one exists."""
    own = [s for s in texts if not s.path.endswith(TWIN_SUFFIX)]
    twins = {s.path.removesuffix(TWIN_SUFFIX) + ".md": s for s in texts if s.path.endswith(TWIN_SUFFIX)}
    if lang == DEFAULT:
        paths = {s.path for s in own}
        for path, twin in sorted(twins.items()):
            if path not in paths:
                message = f"nynorskutgaven har ingen bokmålsutgave ({path} mangler)"
                errors.append(ContentError(twin.path, 1, "C-TWIN", message))
        return own
    return [twins.get(s.path, s) for s in own]


def text_language(source: Source) -> str:
    """The language a source is written in."""
    return "nn" if source.path.endswith(TWIN_SUFFIX) else DEFAULT


def relocated(page: P, lang: str) -> P:
    """A page modelled in `lang`, at its address in that language (/nn/… for nynorsk)."""
    if lang == DEFAULT:
        return page
    return replace(
        page,
        url=localized(page.url, lang),
        output=localized("/" + page.output, lang).lstrip("/"),
        moved_from=tuple(localized(old, lang) for old in page.moved_from),
        lang=lang,
    )
