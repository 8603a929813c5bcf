"""Per teacher FTE only for the schemes keyed on teacher FTEs, the national figure only when those schemes are
complete that year, and /fylke/ listing every county valid today; hand-computed from tests/fixtures/data."""

from __future__ import annotations

import csv
import json
from decimal import Decimal as D
from pathlib import Path
from typing import Any

from builder.load.contract import load_contract
from builder.load.database import load
from builder.load.validate import validate
from builder.model.queries import run
from tests.conftest import FIXTURE_DATA


def totals(
    extra_frames: tuple[dict[str, Any], ...] = (), extra_counts: tuple[dict[str, Any], ...] = ()
) -> dict[int, Any]:
    """county_totals for Hordaland (12) by year, with rows added to the fixture's frames and counts."""
    contract = load_contract(FIXTURE_DATA)
    rows = validate(contract).rows
    frame, count = rows["tildelinger"][0], rows["nevnere"][0]
    added = {
        "tildelinger": [*rows["tildelinger"], *({**frame, **f} for f in extra_frames)],
        "nevnere": [*rows["nevnere"], *({**count, **c} for c in extra_counts)],
    }
    with load(contract, {**rows, **added}) as con:
        return {r["aar"]: r for r in run(con, "county_totals", fylke="12")}


def test_per_fte_only_teacher_keyed_schemes() -> None:
    """Hordaland 2019: Dekomp 51 031 000 over 5 913,3 FTEs (2018 count) = 8 630 kr; Rekomp 15 538 000 (keyed on
    kindergarten staff) is left out. No national figure: 15 Møre og Romsdal has no Dekomp frame in 2019."""
    row = totals()[2019]
    assert (
        row["belop"] == D(51_031_000) and row["ordninger"] == "Desentralisert ordning for kompetanseutvikling i skolen"
    )
    assert row["per_larerarsverk"] == D(8630)
    assert row["land_per_larerarsverk"] is None and row["land_status"] is None


def test_national_figure_when_complete() -> None:
    """With a 2019 Dekomp frame (10 000 000) and a 2018 count (2 348,5) for 15, every county valid in 2019 has both:
    national = (230 000 000 + 10 000 000) / (26 651,5 + 2 348,5) = 240 000 000 / 29 000 = 8 276 kr, with the weakest
    status of its inputs (the fixture's other 2019 Dekomp frames are eksempel)."""
    frame = {"aar": 2019, "ordning_id": "dekomp", "fylkesnummer": "15", "belop": D(10_000_000), "status": "beregnet"}
    count = {"aar": 2018, "fylkesnummer": "15", "nevner": "larerarsverk_grunnskole", "verdi": D("2348.5")}
    row = totals((frame,), ({**count, "status": "offisiell"},))[2019]
    assert row["land_per_larerarsverk"] == D(8276) and row["land_status"] == "eksempel"


def test_counties_page_lists_every_county_valid_today(built_site: Path) -> None:
    """Every county of fylker.csv without an end year is in /fylke/'s table of today's counties, figures or not."""
    with (FIXTURE_DATA / "fylker.csv").open(encoding="utf-8") as f:
        today = {r["fylkesnummer"] for r in csv.DictReader(f) if not r["gyldig_til_aar"]}
    table = json.loads((built_site / "data" / "fylke" / "fylker-i-dag.json").read_text("utf-8"))
    assert {r["fylkesnummer"] for r in table["rader"]} == today
    without = [r for r in table["rader"] if r["fylkesnummer"] == "15"]
    assert without and without[0]["belop"] is None
