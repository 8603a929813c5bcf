"""The budget and statsforvalter pages against hand-computed values from the data files (read here with the csv
module and summed independently of the SQL): budget and accounts per year, the reconciliation, bookings mapped to
embeter by org.nr. across renames, per-FTE status, and the JSON downloads holding every embete booking."""

from __future__ import annotations

import csv
import json
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from builder.load.collect import Row
from builder.load.contract import Contract, load_contract
from builder.load.database import load
from builder.load.validate import validate
from builder.model.queries import run
from tests.conftest import DATA, FIXTURE_DATA

D = Decimal


def read(data: Path, name: str) -> list[dict[str, str]]:
    """The rows of one CSV file of a data package."""
    with (data / name).open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def download(site: Path, page: str, table: str) -> dict[str, Any]:
    """A page table's JSON download."""
    return dict(json.loads((site / "data" / page / f"{table}.json").read_text("utf-8")))


def embete_of(data: Path) -> dict[tuple[str, int], str]:
    """(org.nr., year) → embete_id, from statsforvaltere.csv."""
    out = {}
    for e in read(data, "statsforvaltere.csv"):
        last = int(e["til_aar"]) if e["til_aar"] else 2100
        for year in range(int(e["fra_aar"]), last + 1):
            if e["orgnr"]:
                out[(e["orgnr"], year)] = e["embete_id"]
    return out


def post_code(row: dict[str, str]) -> str:
    """`226.21` from a row's kapittel and post."""
    return f"{row['kapittel'].lstrip('0')}.{row['post']}"


def booked_rows(
    site: Path, data: Path, years: range | None = None
) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """Every embete booking of the data (expected) and every row of the embete pages' JSON downloads (found)."""
    mapping = embete_of(data)
    expected = set()
    for b in read(data, "bokforinger.csv"):
        embete = mapping.get((b["orgnr"], int(b["aar"])))
        if embete and (years is None or int(b["aar"]) in years):
            expected.add((embete, int(b["aar"]), post_code(b), b["virksomhet"], D(b["belop"])))
    found = set()
    for path in (site / "data" / "statsforvalter").glob("*/bokforinger.json"):
        for r in json.loads(path.read_text("utf-8"))["rader"]:
            found.add((path.parent.name, r["aar"], r["post_kode"], r["virksomhet"], D(str(r["belop"]))))
    return expected, found


def test_post_page_shows_budget_and_accounts_per_year(built_site: Path) -> None:
    """Every year of 226.21 with adopted, revised and accounts exactly as in bevilgninger.csv."""
    expected = {
        int(r["aar"]): (D(r["saldert"]), D(r["revidert"]), D(r["regnskap"]) if r["regnskap"] else None)
        for r in read(FIXTURE_DATA, "bevilgninger.csv")
        if (r["kapittel"], r["post"]) == ("0226", "21")
    }
    rows = download(built_site, "budsjett/226-21", "bevilgning")["rader"]
    got = {
        r["aar"]: (
            D(str(r["saldert"])),
            D(str(r["revidert"])),
            None if r["regnskap"] is None else D(str(r["regnskap"])),
        )
        for r in rows
    }
    assert got == expected
    assert {p.name for p in (built_site / "budsjett").iterdir() if p.is_dir()} == {"226-21", "226-22", "231-21"}


def test_reconciliation_rows(built_site: Path) -> None:
    """Per year: bookings summed here against the accounts, the difference and (n + 1) × avrunding / 2."""
    sums: dict[int, list[Decimal]] = defaultdict(list)
    for b in read(FIXTURE_DATA, "bokforinger.csv"):
        if (b["kapittel"], b["post"]) == ("0226", "21"):
            sums[int(b["aar"])].append(D(b["belop"]))
    accounts = {
        int(r["aar"]): D(r["regnskap"])
        for r in read(FIXTURE_DATA, "bevilgninger.csv")
        if (r["kapittel"], r["post"]) == ("0226", "21")
    }
    rows = {r["aar"]: r for r in download(built_site, "budsjett/226-21", "avstemming")["rader"]}
    assert set(rows) == set(sums)
    for year, amounts in sums.items():
        r = rows[year]
        assert D(str(r["bokfort"])) == sum(amounts) and D(str(r["regnskap"])) == accounts[year]
        assert D(str(r["differanse"])) == sum(amounts) - accounts[year]
        assert r["rader"] == len(amounts) and D(str(r["tillatt"])) == (len(amounts) + 1) * D(100000) / 2
    # Hand-checked: 2018 books 200 000 kr less than the accounts, 2021 agrees exactly.
    assert rows[2018]["differanse"] == -200000 and "Avrunding i kilden" in rows[2018]["forklaring"]
    assert rows[2021]["differanse"] == 0 and rows[2021]["regnskap_status"] == "offisiell"


def test_booking_follows_the_orgnr_across_a_rename(built_site: Path) -> None:
    """974760665 booked as «Statsforvaltaren i Vestlandet» in 2021 belongs to Vestland, as Hordaland in 2018 to
    Hordaland; 974761319 is Oslo og Akershus in 2018 and Oslo og Viken in 2019."""

    def names(embete: str) -> set[tuple[int, str]]:
        return {
            (r["aar"], r["virksomhet"])
            for r in download(built_site, f"statsforvalter/{embete}", "bokforinger")["rader"]
        }

    assert (2021, "Statsforvaltaren i Vestlandet") in names("vestland")
    assert all(year >= 2019 for year, _ in names("vestland"))
    assert names("hordaland") == {(2018, "Fylkesmannen i Hordaland")}
    assert (2019, "Fylkesmannen i Oslo og Viken") in names("oslo-viken")
    assert {year for year, _ in names("oslo-akershus")} == {2018}
    page = (built_site / "budsjett" / "226-21" / "index.html").read_text("utf-8")
    assert 'href="/statsforvalter/vestland/"' in page


def test_per_fte_is_the_bookings_over_the_counties_fte(built_site: Path) -> None:
    """Vestland 2021: 226.21 bookings / teacher FTEs of 12 and 14 counted 2019 (46 did not exist), so beregnet
    although the booking is offisiell; 2019: 12 and 14 counted 2018, both offisiell."""
    bookings = {
        int(b["aar"]): D(b["belop"])
        for b in read(FIXTURE_DATA, "bokforinger.csv")
        if b["orgnr"] == "974760665" and (b["kapittel"], b["post"]) == ("0226", "21")
    }
    fte = {
        (int(n["aar"]), n["fylkesnummer"]): D(n["verdi"])
        for n in read(FIXTURE_DATA, "nevnere.csv")
        if n["nevner"] == "larerarsverk_grunnskole"
    }
    rows = {r["aar"]: r for r in download(built_site, "statsforvalter/vestland", "per-larerarsverk")["rader"]}
    for year, count_year in ((2019, 2018), (2021, 2019)):
        total = fte[(count_year, "12")] + fte[(count_year, "14")]
        assert D(str(rows[year]["per_larerarsverk"])) == (bookings[year] / total).quantize(D(1))
    assert rows[2019]["per_larerarsverk_status"] == "offisiell"
    assert rows[2021]["belop_status"] == "offisiell" and rows[2021]["nevner_status"] == "beregnet"
    assert rows[2021]["per_larerarsverk_status"] == "beregnet"


@pytest.fixture(scope="module")
def fixture_rows() -> tuple[Contract, dict[str, list[Row]]]:
    """The fixture package's contract and validated rows, to load afresh with a booking's status changed (the
    views are materialised once per load, so a change to a base table needs a new load)."""
    contract = load_contract(FIXTURE_DATA)
    return contract, validate(contract).rows


def per_fte(fixture: tuple[Contract, dict[str, list[Row]]], statuses: dict[int, str]) -> dict[int, dict[str, Any]]:
    """embete_per_fte for Vestland by year, with Vestland's bookings of the given years set to a status."""
    contract, rows = fixture
    bookings = [
        {**b, "status": statuses[b["aar"]]} if b["orgnr"] == "974760665" and b["aar"] in statuses else b
        for b in rows["bokforinger"]
    ]
    with load(contract, {**rows, "bokforinger": bookings}) as con:
        return {r["aar"]: r for r in run(con, "embete_per_fte", embete="vestland")}


def test_per_fte_status_is_the_weakest(fixture_rows: tuple[Contract, dict[str, list[Row]]]) -> None:
    """A beregnet booking over official denominators gives beregnet; the denominators keep their own status."""
    assert per_fte(fixture_rows, {})[2019]["status"] == "offisiell"
    row = per_fte(fixture_rows, {2019: "beregnet"})[2019]
    assert (row["bok_status"], row["nevner_status"], row["status"]) == ("beregnet", "offisiell", "beregnet")
    row = per_fte(fixture_rows, {2019: "beregnet", 2021: "eksempel"})[2021]
    assert (row["nevner_status"], row["status"]) == ("beregnet", "eksempel")


def test_every_fixture_embete_booking_is_in_the_json_downloads(built_site: Path) -> None:
    """Each booking of bokforinger.csv that maps to an embete is a row of that embete's bookings table."""
    expected, found = booked_rows(built_site, FIXTURE_DATA)
    assert expected and expected == found
    listing = (built_site / "statsforvalter" / "index.html").read_text("utf-8")
    for e in read(FIXTURE_DATA, "statsforvaltere.csv"):
        assert f'href="/statsforvalter/{e["embete_id"]}/"' in listing


def test_allocations_only_official_or_calculated(built_site: Path) -> None:
    """Vestland's scheme figures are the offisiell/beregnet tildelinger rows of 12 and 14 (2019) and 46 (2020–)."""
    covered = {("12", 2019), ("14", 2019)} | {("46", y) for y in range(2020, 2030)}
    expected = {
        (int(r["aar"]), r["ordning_id"], D(r["belop"]))
        for r in read(FIXTURE_DATA, "tildelinger.csv")
        if r["status"] in ("offisiell", "beregnet") and (r["fylkesnummer"], int(r["aar"])) in covered
    }
    rows = download(built_site, "statsforvalter/vestland", "tildelinger")["rader"]
    assert {r["belop_status"] for r in rows} <= {"offisiell", "beregnet"}
    assert len(rows) == len(expected) and {r["belop"] for r in rows} == {int(b) for _, _, b in expected}


def test_every_bundled_embete_booking_2019_2025_is_downloadable(bundled_site: Path) -> None:
    """Every 2019–2025 booking of data/bokforinger.csv that maps to an embete is on an embete page's JSON download."""
    expected, found = booked_rows(bundled_site, DATA, range(2019, 2026))
    assert len(expected) >= 140  # ten embeter × seven years × 226.21 and 231.21, at least
    assert expected <= found
