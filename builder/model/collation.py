"""Norwegian alphabetical order (Æ, Ø, Å after Z), the project's own collation: no locale, no ICU version."""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

_ORDER = {ch: i for i, ch in enumerate("abcdefghijklmnopqrstuvwxyzæøå")}


def collate_key(text: str) -> tuple[tuple[int, int], ...]:
    """Sort key for Norwegian alphabetical order (Æ < Ø < Å after Z), case-insensitive."""
    out = []
    for ch in unicodedata.normalize("NFC", text.lower()):
        if ch in _ORDER:
            out.append((0, _ORDER[ch]))
        elif ch.isdigit():
            out.append((-1, ord(ch)))
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            out.append((0, _ORDER[base]) if base in _ORDER else (-2, ord(ch)))
    return tuple(out)


def sorted_nb(items: list[str]) -> list[str]:
    """Strings in Norwegian alphabetical order."""
    return sorted(items, key=lambda s: (collate_key(s), s))


def collated(rows: Sequence[Mapping[str, Any]], by: str, within: tuple[str, ...]) -> list[Mapping[str, Any]]:
    """Rows as the query ordered them, with each run of equal `within` values put in Norwegian order of `by`."""
    out: list[Mapping[str, Any]] = []
    for _, run in itertools.groupby(rows, key=lambda r: tuple(r[k] for k in within)):
        out.extend(sorted(run, key=lambda r: (collate_key(str(r[by] or "")), str(r[by] or ""))))
    return out
