"""The language pages are made in: bokmål at the site root, nynorsk under /nn/ (one context for model and render)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

LANGUAGES = ("nb", "nn")
DEFAULT = "nb"
PREFIX = {"nb": "", "nn": "/nn"}  # where each language's pages live
_current: ContextVar[str] = ContextVar("language", default=DEFAULT)


def current() -> str:
    """The language being modelled or rendered."""
    return _current.get()


@contextmanager
def language(lang: str) -> Iterator[None]:
    """Model or render in `lang` for the block."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}")
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def localized(path: str, lang: str | None = None) -> str:
    """A site path in a language: /fylke/ → /nn/fylke/ for nynorsk."""
    return PREFIX[lang or current()] + path


def unlocalized(path: str) -> str:
    """A site path without its language prefix: /nn/fylke/ → /fylke/."""
    for prefix in PREFIX.values():
        if prefix and (path == prefix or path.startswith(prefix + "/")):
            return path[len(prefix) :] or "/"
    return path
