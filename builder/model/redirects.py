"""Redirect pages: one at each earlier URL of a moved page, sending the reader on (route «redirect»)."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from builder.model.page_content import Content
from builder.render.i18n import t

if TYPE_CHECKING:
    from builder.model.site import Page

    P = TypeVar("P", bound=Page)

REDIRECT_TEMPLATE = "redirect.html"  # pages made from other pages' earlier URLs, not from a route


def redirect_pages(pages: list[P]) -> list[P]:
    """A page at each earlier URL of a moved page that sends the reader on (no search entry, not in the sitemap)."""
    out = []
    for page in pages:
        for old in page.moved_from:
            words = {"to": page.url, "title": page.content.title}
            content = Content(t("redirect.title"), t("redirect.description", **words), (), facts=words)
            redirect = replace(page, route="redirect", template=REDIRECT_TEMPLATE, url=old, moved_from=())
            out.append(replace(redirect, output=old.lstrip("/") + "index.html", params=words, content=content))
    return out
