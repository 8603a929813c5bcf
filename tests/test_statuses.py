"""One status vocabulary: the Python module and the SQL view agree, and a missing status is never «offisiell»."""

from __future__ import annotations

from decimal import Decimal

import duckdb
import pytest

from builder.config import SQL_DIR
from builder.errors import BuildError
from builder.model.statuses import MARK, RANK, STATUSES, weakest
from builder.model.tables import Column, table
from builder.render.downloads import records


def test_vocabulary_and_rank_match_the_sql_view() -> None:
    """v_status in builder/sql/views/10_status.sql ranks the same statuses in the same order."""
    con = duckdb.connect()
    con.execute((SQL_DIR / "views" / "10_status.sql").read_text("utf-8"))
    assert dict(con.execute("SELECT status, rang FROM v_status ORDER BY rang").fetchall()) == RANK
    assert tuple(RANK) == STATUSES == ("offisiell", "beregnet", "eksempel")
    assert MARK == {"offisiell": "", "beregnet": "b", "eksempel": "e"}


def test_weakest_status_wins() -> None:
    """A derived figure is never better than its weakest input."""
    assert weakest("offisiell", "beregnet") == "beregnet"
    assert weakest("eksempel", "offisiell", "beregnet") == "eksempel"
    assert weakest("offisiell") == "offisiell"
    with pytest.raises(BuildError):
        weakest("offisiell", "")


AMOUNT = Column("belop", "Beløp (kr)", "nok", status_key="status")


@pytest.mark.parametrize("status", [None, "", "Offisiell", "ukjent"])
def test_a_missing_or_unknown_status_is_an_error(status: object) -> None:
    """A figure without a known status stops the build instead of being shown or downloaded as official."""
    with pytest.raises(BuildError, match="mangler gyldig status"):
        table("t", "T", [{"belop": Decimal(5), "status": status}], (AMOUNT,))


def test_downloads_carry_the_status_not_the_mark() -> None:
    """Each status reaches the download as the model carried it; an empty value has no status."""
    rows = [
        {"belop": Decimal(1), "status": "offisiell"},
        {"belop": Decimal(2), "status": "beregnet"},
        {"belop": Decimal(3), "status": "eksempel"},
        {"belop": None, "status": None},
    ]
    assert records(table("t", "T", rows, (AMOUNT,))) == [
        [Decimal(1), "offisiell"],
        [Decimal(2), "beregnet"],
        [Decimal(3), "eksempel"],
        [None, None],
    ]
