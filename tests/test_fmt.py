"""Norwegian number, date and collation helpers, and their round trip with the strict number parser."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.load.cell_numbers import parse_number
from builder.model.collation import collate_key, sorted_nb
from builder.model.routes import slug
from builder.render.fmt import date_nb, mill, nok, number, pct, signed_pct


def test_number_grouping_and_decimal_comma() -> None:
    """1 234 567,8 with no-break spaces; a real minus sign."""
    assert number(Decimal("1234567.8"), 1) == "1\u00a0234\u00a0567,8"
    assert number(-1500) == "\u22121\u00a0500"
    assert nok(1234567) == "1\u00a0234\u00a0567\u00a0kr"
    assert mill(Decimal("45200000")) == "45,2\u00a0mill.\u00a0kr"
    assert pct(Decimal("0.125")) == "12,5\u00a0%"
    assert signed_pct(Decimal("0.032")) == "+3,2\u00a0%"


def test_dates() -> None:
    """15. mars 2025."""
    assert date_nb(dt.date(2025, 3, 15)) == "15. mars 2025"
    assert date_nb("2024-01-01") == "1. januar 2024"


def test_norwegian_collation() -> None:
    """Æ, Ø, Å come after Z, in that order (P-11)."""
    assert sorted_nb(["Ålesund", "Ærø", "Østfold", "Agder"]) == ["Agder", "Ærø", "Østfold", "Ålesund"]
    assert collate_key("Zebra") < collate_key("Ære")
    recipients = ["Årdal kommune", "Øygarden kommune", "Høgskulen på Vestlandet", "Bergen kommune"]
    assert sorted_nb(recipients) == ["Bergen kommune", "Høgskulen på Vestlandet", "Øygarden kommune", "Årdal kommune"]


def test_slugs_come_from_codes() -> None:
    """Paths keep the code, so Ås and As cannot collide, and names never escape the root."""
    assert slug("46", "Vestland") == "46-vestland"
    assert slug("50", "Trøndelag - Trööndelage") == "50-trondelag-troondelage"
    assert slug("01", "Ås") != slug("02", "As")
    assert slug("03", "../../etc/passwd") == "03-etc-passwd"
    assert slug("03", "") == "03"
    with pytest.raises(ValueError):
        slug("../x", "y")


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2, allow_nan=False, allow_infinity=False))
def test_number_round_trip(value: Decimal) -> None:
    """Formatting in nb-NO style and parsing with the declared separators gives the value back."""
    text = number(value, 2).replace("\u2212", "-")
    assert parse_number(text, ",", "\u00a0") == value
