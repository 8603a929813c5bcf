"""Pages as data: specs turned into tables and charts from hand-written rows, declared conditions, and every spec's
references (i18n keys in builder/i18n/nb.json, queries in builder/sql/ and in the page's route)."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from builder.model.changes import History
from builder.model.pages.county import COUNTY, CountyFacts, county
from builder.model.pages.registry import PAGE_SPECS
from builder.model.pages.scheme import SCHEME
from builder.model.pages.year import YEAR
from builder.model.routes import ROUTE_BY_NAME
from builder.model.specs import ColumnSpec, PageInput, PageSpec, TableSpec, build_table, sections
from builder.model.tables import Table
from tests.conftest import ROOT

NB = json.loads((ROOT / "builder" / "i18n" / "nb.json").read_text("utf-8"))
QUERIES = {p.stem for p in (ROOT / "builder" / "sql").glob("*.sql")}
SPECS = PAGE_SPECS
NBSP = "\u00a0"
D = Decimal


def spec_table(spec: PageSpec, table_id: str) -> TableSpec:
    """The table spec with this id."""
    return next(ts for ts in spec.tables if ts.id == table_id)


def texts(tb: Table) -> list[list[tuple[str, str]]]:
    """Each cell as (text, mark)."""
    return [[(c.text, c.mark) for c in row] for row in tb.rows]


def county_rows(**queries: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Every query of the county route, empty unless given."""
    return {q: queries.get(q, []) for q in ROUTE_BY_NAME["county"].queries}


def test_table_from_hand_written_rows() -> None:
    """The per-FTE table: headers from nb.json, Norwegian numbers, b marks from the denominator status and on the
    per-FTE figure from its own (weakest) status column, and the sources of its rows, of the scheme rows and of the
    denominators."""
    totals = [
        {
            "aar": 2023,
            "ordninger": "Dekomp",
            "belop": D("5300000.00"),
            "status": "offisiell",
            "larerarsverk": D("4210.5"),
            "nevner_status": "beregnet",
            "per_larerarsverk": D("1258.76"),
            "per_status": "beregnet",
            "land_per_larerarsverk": D("1100.00"),
            "land_status": "offisiell",
            "kilde_id": "udir-2023",
            "nevner_kilder": "gsi-2022,gsi-2021",
        },
        {
            "aar": 2024,
            "ordninger": "Dekomp, Kompetanseløftet",
            "belop": D("6000000.00"),
            "status": "offisiell",
            "larerarsverk": None,
            "nevner_status": None,
            "per_larerarsverk": None,
            "land_per_larerarsverk": None,
            "kilde_id": "udir-2024",
            "nevner_kilder": None,
        },
    ]
    schemes = [{"kilde_id": "udir-2023"}, {"kilde_id": "statsbudsjett-2024"}]
    page = PageInput(county_rows(county_totals=totals, county_by_scheme_year=schemes), {}, {"navn": "Vestland"})
    tb = build_table(spec_table(COUNTY, "per-larerarsverk"), page).table
    assert tb.caption == "Vestland: ramme per lærerårsverk"
    assert [(c.key, c.label, c.kind) for c in tb.columns] == [
        ("aar", "År", "year"),
        ("ordninger", "Ordninger", "text"),
        ("belop", "Beløp (kr)", "nok"),
        ("larerarsverk", "Lærerårsverk (antall)", "dec1"),
        ("per_larerarsverk", "Kr per lærerårsverk", "nok"),
        ("land_per_larerarsverk", "Landet, kr per lærerårsverk", "nok"),
    ]
    assert texts(tb) == [
        [
            ("2023", ""),
            ("Dekomp", ""),
            (f"5{NBSP}300{NBSP}000", ""),
            (f"4{NBSP}210,5", "b"),
            (f"1{NBSP}259", "b"),
            (f"1{NBSP}100", ""),
        ],
        [("2024", ""), ("Dekomp, Kompetanseløftet", ""), (f"6{NBSP}000{NBSP}000", ""), ("–", ""), ("–", ""), ("–", "")],
    ]
    assert tb.sources == ("gsi-2021", "gsi-2022", "statsbudsjett-2024", "udir-2023", "udir-2024")
    assert tb.statuses == {"offisiell", "beregnet"}


def test_pivoted_table_and_its_chart() -> None:
    """Rows per scheme and year become one row per year with a column per scheme and a sum carrying the weakest
    status; the chart caption states the latest total and its change."""
    by_scheme = [
        {"aar": 2023, "ordning_id": "dekomp", "ordning": "Dekomp", "belop": D(3_000_000), "status": "offisiell"},
        {"aar": 2023, "ordning_id": "rekomp", "ordning": "Rekomp", "belop": D(1_000_000), "status": "beregnet"},
        {"aar": 2024, "ordning_id": "dekomp", "ordning": "Dekomp", "belop": D(5_000_000), "status": "offisiell"},
    ]
    for r in by_scheme:
        r["kilde_id"] = f"kilde-{r['aar']}"
    page = PageInput(county_rows(county_by_scheme_year=by_scheme), {"utgatt": False}, {"navn": "Vestland"})
    tables, charts = sections(COUNTY, page)
    tb = tables[0]
    assert [c.label for c in tb.columns] == ["År", "Dekomp (kr)", "Rekomp (kr)", "Sum (kr)"]
    assert texts(tb) == [
        [("2023", ""), (f"3{NBSP}000{NBSP}000", ""), (f"1{NBSP}000{NBSP}000", "b"), (f"4{NBSP}000{NBSP}000", "b")],
        [("2024", ""), (f"5{NBSP}000{NBSP}000", ""), ("–", ""), (f"5{NBSP}000{NBSP}000", "")],
    ]
    assert tb.sources == ("kilde-2023", "kilde-2024")
    assert charts[0].table_id == tb.id
    assert charts[0].caption == f"Vestland fikk 5,0{NBSP}mill.{NBSP}kr i 2024, +25,0{NBSP}% fra 2023."


def comparable_page(*, expired: bool, transitions: bool) -> PageInput:
    """A county with a comparable series, expired or not, with or without reform transitions."""
    comparable = [
        {"aar": 2019, "ordning_id": "dekomp", "ordning": "Dekomp", "fra_fylker": "12, 14"}
        | {"belop": D(900_000), "status": "beregnet", "kilde_id": "x"}
    ]
    moves = [{"fylkesnummer": "12"}] if transitions else []
    rows = county_rows(county_comparable=comparable, county_transitions=moves)
    return PageInput(rows, {"utgatt": expired}, {"navn": "Vestland"})


@pytest.mark.parametrize(
    ("expired", "transitions", "shown"), [(False, True, True), (True, True, False), (False, False, False)]
)
def test_comparable_series_only_for_todays_counties_with_reforms(expired: bool, transitions: bool, shown: bool) -> None:
    """The comparable series (table and chart) is there for today's counties with transitions, else absent; the
    other sections have no rows here, so they are absent too (no empty table or chart)."""
    tables, charts = sections(COUNTY, comparable_page(expired=expired, transitions=transitions))
    assert [tb.id for tb in tables] == (["sammenlignbar"] if shown else [])
    assert [ch.id for ch in charts] == (["sammenlignbar"] if shown else [])


def test_scheme_key_and_cofinancing_only_with_rows() -> None:
    """A scheme without published figures has no table and no chart (no empty chart, no «i None»); key rows
    alone give the key table and chart."""
    rows = {q: [] for q in ROUTE_BY_NAME["scheme"].queries}
    tables, charts = sections(SCHEME, PageInput(rows, {}, {"navn": "Dekomp"}))
    assert tables == () and charts == ()
    key = [
        {"aar": 2019, "fylke": "Oslo", "fylkesnummer": "03", "belop": D(10), "etter_nokkel": D(12)}
        | {"differanse": D(-2), "larerarsverk": D(5), "status": "beregnet", "nevner_status": "offisiell"}
        | {"omtrent": False, "merknad": None}
    ]
    tables, charts = sections(SCHEME, PageInput({**rows, "scheme_key": key}, {}, {"navn": "Dekomp"}))
    assert tables[-1].id == "nokkel" and tables[-1].caption == "Faktisk ramme og ramme etter nøkkelen i 2019"
    assert charts[-1].caption == f"Størst avvik fra nøkkelen i 2019: Oslo, −2{NBSP}kr."


def test_year_change_chart_only_with_changes() -> None:
    """The change table only with county totals, its chart only when some county has a change; the national,
    matrix and reporting tables only with their rows."""
    change = {"fylke": "Oslo", "fylkesnummer": "03", "forrige_belop": None, "belop": D(5), "status": "offisiell"}
    rows = {q: [] for q in ROUTE_BY_NAME["year"].queries}
    tables, charts = sections(
        YEAR, PageInput({**rows, "year_changes": [{**change, "endring": None}]}, {}, {"aar": 2024})
    )
    assert [tb.id for tb in tables] == ["endringer"] and charts == ()
    rows["year_changes"] = [{**change, "forrige_belop": D(4), "endring": D("0.25")}]
    _, charts = sections(YEAR, PageInput(rows, {}, {"aar": 2024}))
    assert [ch.id for ch in charts] == ["endringer"]
    assert charts[0].caption == f"Størst økning i 2024: Oslo (+25,0{NBSP}%)."
    rows["year_changes"] = [{**change, "forrige_belop": D(8), "endring": D("-0.375")}, {**change, "endring": None}]
    _, charts = sections(YEAR, PageInput(rows, {}, {"aar": 2024}))
    assert charts[0].caption == (
        f"Ingen fylker fikk mer i 2024 enn året før; minst nedgang: Oslo (\u221237,5{NBSP}%)."
        " Endringen er regnet bare for 1 av 2 fylker: der begge årene har tall av samme slag"
        " (de samme ordningene og samme status)."
    )


@pytest.mark.parametrize("route", sorted(SPECS))
def test_every_spec_names_known_messages_and_queries(route: str) -> None:
    """Each key is in nb.json; each query has a .sql file and is run by the page's route; charts name a table."""
    spec = SPECS[route]
    assert spec.message_keys() - NB.keys() == set()
    used = {ts.query for ts in spec.tables} | {q for ts in spec.tables for q in ts.sources_from}
    assert used <= QUERIES, used - QUERIES
    assert used <= set(ROUTE_BY_NAME[route].queries), used - set(ROUTE_BY_NAME[route].queries)
    ids = [ts.id for ts in spec.tables]
    assert len(ids) == len(set(ids)) and {cs.table for cs in spec.charts} <= set(ids)


def test_column_spec_header_comes_from_the_catalogue() -> None:
    """A column spec names its header by key; the built column carries the Norwegian text."""
    col = ColumnSpec("larerarsverk", "col.fte", "dec1", status="nevner_status").column()
    assert (col.label, col.status_key, col.numeric) == ("Lærerårsverk (antall)", "nevner_status", True)


def test_county_facts_are_typed() -> None:
    """An expired county's page: its name says so, and the reform links carry their address and share."""
    info = {"fylkesnummer": "30", "navn": "Viken", "utgatt": True}
    move = {"fylkesnummer": "03", "navn": "Oslo", "har_side": True, "relasjon": "deling", "andel": "0.25"}
    shared = {"changes": History(), "changelog": (), "datasets": ()}  # no earlier release recorded
    content = county(county_rows(county_transitions=[move]), {"row": info, "shared": shared})
    assert isinstance(content.facts, CountyFacts)
    assert (content.title, content.facts.name, content.facts.info) == ("Viken (utgått)", "Viken (utgått)", info)
    assert [(link["href"], link["share"]) for link in content.facts.links] == [("/fylke/03-oslo/", f"25,0{NBSP}%")]
    assert "sammenlignbar" not in [tb.id for tb in content.tables]
