"""The one mapping of codes in the data to the words a page shows (`code.<vocabulary>.<code>` in nb.json).

Pages show the word; every download (machine and Excel CSV, XLSX, JSON) keeps the code, as the datasets and the
dictionary on /data/ordbok/ do."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from builder.errors import BuildError
from builder.model.statuses import STATUSES
from builder.render.i18n import t

VOCABULARIES: Mapping[str, tuple[str, ...]] = {
    "status": STATUSES,
    "belopstype": ("ramme", "tilsagn"),
    "relasjon": ("hel", "deling", "delvis", "tilsvarer"),
    "virksomhetstype": ("udir", "kd", "statsforvalter", "annen", "ovrige"),
    "kildetype": ("offisiell", "sekundær", "beregning", "eksempel"),
}


def word(vocabulary: str, code: object) -> str:
    """The word for a code; an unknown code is an internal error, never shown raw."""
    if code not in VOCABULARIES[vocabulary]:
        known = ", ".join(VOCABULARIES[vocabulary])
        raise BuildError("koder", f"ukjent kode {code!r} i «{vocabulary}» (kjente: {known})")
    return t(f"code.{vocabulary}.{code}")


def worder(vocabulary: str) -> Callable[[object], str]:
    """The word function of one vocabulary, for a table column."""
    VOCABULARIES[vocabulary]  # an unknown vocabulary fails when the spec is read
    return lambda code: word(vocabulary, code)


def keys(vocabulary: str | None) -> set[str]:
    """Every message key of a vocabulary (none for None)."""
    return {f"code.{vocabulary}.{c}" for c in VOCABULARIES[vocabulary]} if vocabulary else set()
