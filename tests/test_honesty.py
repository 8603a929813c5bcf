"""Honesty rules on the bundled data, read independently from data/ CSV files."""

from __future__ import annotations

import csv
from pathlib import Path

from builder.load.collect import Collector
from builder.load.contract import load_contract
from builder.load.source_checks import official_not_secondary
from tests.conftest import FIXTURE_DATA

DATA = Path(__file__).resolve().parent.parent / "data"


def rows(name: str) -> list[dict[str, str]]:
    """The rows of one CSV file in data/."""
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_no_public_figure_rests_only_on_a_secondary_source() -> None:
    """No row of data/ whose only source is sekundær is offisiell or beregnet."""
    kinds = {r["kilde_id"]: r["type"] for r in rows("kilder.csv")}
    bad = [
        (path.name, r.get("kilde_id"))
        for path in sorted(DATA.glob("*.csv"))
        for r in rows(path.name)
        if r.get("status") in ("offisiell", "beregnet") and kinds.get(r.get("kilde_id", "")) == "sekundær"
    ]
    assert bad == []


def test_every_secondary_source_of_data_is_cited() -> None:
    """A secondary source stays in data/kilder.csv only while some row cites it."""
    cited = {r.get("kilde_id") for p in DATA.glob("*.csv") if p.name != "kilder.csv" for r in rows(p.name)}
    assert [r["kilde_id"] for r in rows("kilder.csv") if r["type"] == "sekundær" and r["kilde_id"] not in cited] == []


def test_computed_figure_from_a_secondary_source_is_an_error() -> None:
    """D-SOURCE-SECONDARY stops beregnet as well as offisiell on a secondary source, but allows eksempel."""
    contract = load_contract(FIXTURE_DATA)
    data = {
        "kilder": [{"kilde_id": "avis", "type": "sekundær"}],
        "nasjonale_rammer": [
            {"status": "offisiell", "kilde_id": "avis", "_line": 2, "_number": 1},
            {"status": "beregnet", "kilde_id": "avis", "_line": 3, "_number": 2},
            {"status": "eksempel", "kilde_id": "avis", "_line": 4, "_number": 3},
        ],
    }
    out = Collector()
    official_not_secondary(contract, data, out)
    assert [(f.rule, f.line) for f in out.findings] == [("D-SOURCE-SECONDARY", 2), ("D-SOURCE-SECONDARY", 3)]
