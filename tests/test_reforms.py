"""The county reforms: the comparable series of a county changed in 2024 equals the documented mapping."""

from __future__ import annotations

from decimal import Decimal

from builder.load.contract import load_contract
from builder.load.database import load
from builder.load.validate import validate
from builder.model.queries import run
from tests.conftest import DATA


def test_ostfold_series_follows_the_mapping() -> None:
    """31 Østfold: before 2020 the figures of 01 Østfold; 2020–2023 Viken's times 31's share; from 2024 its own."""
    contract = load_contract(DATA)
    validated = validate(contract)
    with load(contract, validated.rows) as con:
        series = {r["aar"]: r["belop"] for r in run(con, "county_comparable", fylke="31")}
        share = next(
            r["andel"]
            for r in run(con, "transitions")
            if (r["fra_fylkesnummer"], r["til_fylkesnummer"], r["relasjon"]) == ("30", "31", "deling")
        )

        def total(code: str, year: int) -> Decimal:
            return sum(
                (r["belop"] for r in run(con, "county_by_scheme_year", fylke=code) if r["aar"] == year), Decimal(0)
            )

        assert series[2018] == total("01", 2018)
        assert series[2022] == (total("30", 2022) * share).quantize(Decimal(1))
        assert series[2025] == total("31", 2025)
    assert Decimal("0.2") < share < Decimal("0.3")
