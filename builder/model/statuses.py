"""The one status vocabulary: what each figure is, its rank (a derived figure carries its weakest input) and mark.

Checked against the SQL view `v_status` (builder/sql/views/10_status.sql) by tests/test_statuses.py."""

from __future__ import annotations

from builder.errors import BuildError

STATUSES = ("offisiell", "beregnet", "eksempel")
RANK = {status: rank for rank, status in enumerate(STATUSES)}
MARK = {"offisiell": "", "beregnet": "b", "eksempel": "e"}
FLAGGED = tuple(s for s in STATUSES if MARK[s])


def weakest(*statuses: str) -> str:
    """The weakest of some statuses (offisiell > beregnet > eksempel), each of them checked."""
    return max((known(s, "status") for s in statuses), key=RANK.__getitem__)


def known(status: object, where: str) -> str:
    """A status from the vocabulary; a missing or unknown one is an internal error, never «offisiell»."""
    if status not in RANK:
        raise BuildError(where, f"tallet mangler gyldig status (fikk {status!r}, forventet {', '.join(STATUSES)})")
    return str(status)


def marked(text: str, status: object) -> str:
    """A figure in running text (a caption, a headline) with its status mark after it: «693 kr (b)»."""
    mark = MARK[known(status, f"teksten «{text}»")]
    return f"{text} ({mark})" if mark else text
