"""The county reforms: the comparable series in today's borders equals the fixture's documented mapping."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import pytest

from builder.load.contract import load_contract
from builder.load.database import load
from builder.load.validate import validate
from builder.model.queries import run
from tests.conftest import FIXTURE_DATA, ROOT


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """The fixture data loaded into DuckDB."""
    contract = load_contract(FIXTURE_DATA)
    with load(contract, validate(contract).rows) as connection:
        yield connection


def series(con: duckdb.DuckDBPyConnection, county: str) -> dict[tuple[int, str], dict[str, Any]]:
    """The comparable series of one of today's counties, by year and scheme (schemes are never added up)."""
    return {(r["aar"], r["ordning_id"]): r for r in run(con, "county_comparable", fylke=county)}


def test_split_county_follows_the_mapping(con: duckdb.DuckDBPyConnection) -> None:
    """31 Østfold: 2019 the figures of 01 Østfold; 2020–2023 Viken's times 0.2408; 2024 its own (no 2022)."""
    ostfold = series(con, "31")
    assert {k: r["belop"] for k, r in ostfold.items()} == {
        (2019, "dekomp"): Decimal(27_937_000),
        (2020, "dekomp"): Decimal(30_100_000),  # 125 000 000 × 0.2408
        (2021, "kompetanseloftet"): Decimal(7_344_400),  # 30 500 000 × 0.2408
        (2023, "dekomp"): Decimal(31_544_800),  # 131 000 000 × 0.2408
        (2024, "dekomp"): Decimal(32_000_000),
    }
    assert [ostfold[(y, "dekomp")]["fra_fylker"] for y in (2019, 2020, 2024)] == ["01", "30", "31"]
    # every frame carried here is eksempel in the fixture, and a carried figure is never stronger than its input
    assert {r["status"] for r in ostfold.values()} == {"eksempel"}


def test_split_shares_add_up(con: duckdb.DuckDBPyConnection) -> None:
    """Viken's 2024 shares are the recorded teacher-FTE shares and add up to 1."""
    shares = {
        r["til_fylkesnummer"]: r["andel"]
        for r in run(con, "transitions")
        if (r["fra_fylkesnummer"], r["relasjon"]) == ("30", "deling")
    }
    assert shares == {"31": Decimal("0.2408"), "32": Decimal("0.5300"), "33": Decimal("0.2292")}
    assert sum(shares.values()) == 1
    assert series(con, "32")[(2020, "dekomp")]["belop"] == Decimal(66_250_000)  # 125 000 000 × 0.5300


def test_merged_county_sums_its_predecessors(con: duckdb.DuckDBPyConnection) -> None:
    """46 Vestland: 2019 is 12 + 14 per scheme, then its own frames; schemes are never summed together."""
    vestland = series(con, "46")
    assert vestland[(2019, "dekomp")]["belop"] == Decimal(64_634_000)  # 51 031 000 + 13 603 000
    assert vestland[(2019, "rekomp")]["belop"] == Decimal(19_680_000)  # 15 538 000 + 4 142 000
    assert vestland[(2019, "rekomp")]["fra_fylker"] == "12, 14" and vestland[(2019, "rekomp")]["status"] == "beregnet"
    assert vestland[(2019, "dekomp")]["status"] == "eksempel"
    assert {k: r["belop"] for k, r in vestland.items() if k[0] > 2019} == {
        (2020, "dekomp"): Decimal(70_000_000),
        (2021, "kompetanseloftet"): Decimal(5_300_000),
        (2023, "dekomp"): Decimal(71_500_000),
        (2024, "dekomp"): Decimal(75_000_000),
        (2024, "rekomp"): Decimal(14_500_000),
    }


def test_partial_move_is_not_carried(con: duckdb.DuckDBPyConnection) -> None:
    """The `delvis` row 14 → 15 (Hornindal, share 0) carries nothing: 15 has no comparable series, and Oslo
    (no reform) is its own series."""
    assert series(con, "15") == {}
    oslo = {y: r["fra_fylker"] for (y, _), r in series(con, "03").items()}
    assert oslo == dict.fromkeys((2019, 2020, 2021, 2023, 2024), "03")


def test_a_comparable_series_names_the_sources_of_every_county_carried_in(bundled_site: Path) -> None:
    """46 Vestland in today's borders carries 12 Hordaland's and 14 Sogn og Fjordane's frames: the table links every
    source of those counties' frames (tildelinger.csv, read here), e.g. Fylkesmannen i Vestland's 2019 Rekomp letter."""
    with (ROOT / "data" / "tildelinger.csv").open(encoding="utf-8", newline="") as f:
        expected = {r["kilde_id"] for r in csv.DictReader(f) if r["fylkesnummer"] in ("12", "14", "46")}
    page = (bundled_site / "fylke" / "46-vestland" / "index.html").read_text(encoding="utf-8")
    block = page[page.index('id="tabell-sammenlignbar"') :].split('<div class="table-tools"', 1)[0]
    linked = set(re.findall(r'href="/om/#kilde-([a-z0-9-]+)"', block))
    assert "fm-vestland-rekomp-2019" in expected and expected <= linked, expected - linked
