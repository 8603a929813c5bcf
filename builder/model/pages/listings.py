"""The list pages: every county, every scheme, every year, and the comparison form (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.load.formula import FORMULA_TRIGGERS
from builder.model.page_content import Content, Rows, scheme_link, year_link
from builder.model.pages.home import current, page_link
from builder.model.routes import url_for
from builder.model.specs import ColumnSpec, PageInput, PageSpec, TableSpec, sections
from builder.render import charts, fmt
from builder.render.i18n import t

AMOUNT = ColumnSpec("belop", "col.amount_nok", "nok", status="status")


COUNTY_COLUMNS = (
    ColumnSpec("fylkesnummer", "col.county_no"),
    ColumnSpec("navn", "col.county", link=page_link),
    ColumnSpec("aar", "col.year", "year"),
    ColumnSpec("ordninger", "col.schemes", empty="counties.none_published"),
    ColumnSpec("belop", "col.amount_nok", "nok", status="status", pin=True),
    ColumnSpec("per_larerarsverk", "col.per_fte_keyed", "nok", status="per_status"),
    ColumnSpec("endring", "col.change", "signed_pct", status="endring_status"),
)


@dataclass(frozen=True)
class SchemesFacts:
    """What the scheme list shows besides its table: every scheme's row."""

    schemes: Sequence[Mapping[str, Any]]


def former(rows: Sequence[Mapping[str, Any]], page: PageInput) -> list[Mapping[str, Any]]:
    """The counties that no longer exist."""
    return [r for r in rows if r["utgatt"]]


COUNTIES = PageSpec(
    tables=(
        TableSpec(
            "fylker-i-dag",
            "counties.table_current",
            "counties_overview",
            COUNTY_COLUMNS,
            select=current,
            denominators=True,
            sortable=True,
        ),
        TableSpec(
            "fylker-utgatt",
            "counties.table_former",
            "counties_overview",
            COUNTY_COLUMNS,
            select=former,
            denominators=True,
            sortable=True,
        ),
    )
)
SCHEMES = PageSpec(
    tables=(
        TableSpec(
            "ordninger",
            "schemes.table",
            "schemes_overview",
            (
                ColumnSpec("navn", "col.scheme", link=scheme_link, also="kortnavn"),
                ColumnSpec("forvalter", "col.administrator"),
                ColumnSpec("aar", "col.latest_year", "year", empty="schemes.none_published"),
                AMOUNT,
            ),
        ),
    )
)
YEARS = PageSpec(
    tables=(
        TableSpec(
            "aar",
            "years.table",
            "years",
            (
                ColumnSpec("aar", "col.year", "year", link=year_link),
                ColumnSpec("belop", "years.col_national", "nok", status="status", pin=True),
                ColumnSpec("ordninger", "years.col_schemes", "int"),
                ColumnSpec("ordninger_fylker", "years.col_county_schemes", "int"),
            ),
        ),
    )
)


def home_crumbs() -> tuple[tuple[str, str], ...]:
    """The breadcrumb back to the front page."""
    return ((t("nav.home"), url_for("home")),)


def counties(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Fylker: every county's latest total, per FTE and change, sortable."""
    tables, _ = sections(COUNTIES, PageInput(rows, params["row"], {}))
    return Content(t("counties.title"), t("counties.description"), home_crumbs(), tables)


def schemes(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Ordninger: every scheme with its administrator and latest national total."""
    tables, _ = sections(SCHEMES, PageInput(rows, params["row"], {}))
    facts = SchemesFacts(rows["schemes_overview"])
    return Content(t("schemes.title"), t("schemes.description"), home_crumbs(), tables, facts=facts)


def years(rows: Rows, params: Mapping[str, Any]) -> Content:
    """År: every year with its total."""
    tables, _ = sections(YEARS, PageInput(rows, params["row"], {}))
    return Content(t("years.title"), t("years.description"), home_crumbs(), tables)


def county_label(row: Mapping[str, Any]) -> str:
    """A county's option label: «Oslo (03)», with its years when it no longer exists: «Viken (30), 2020–2023»."""
    label = f"{row['navn']} ({row['fylkesnummer']})"
    if row["gyldig_til_aar"] is None:
        return label
    return f"{label}, {fmt.years(row['gyldig_fra_aar'], row['gyldig_til_aar'])}"


def county_options(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, str]]:
    """Each county's checkbox: its number, its label and its bare name (for captions and table headers)."""
    return [{"nummer": r["fylkesnummer"], "navn": county_label(r), "kort": r["navn"]} for r in rows]


def county_groups(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Today's counties first, then the earlier ones grouped by the reform that ended them («Fylker før 2024»)."""
    today = [r for r in rows if r["gyldig_til_aar"] is None]
    groups = [{"id": "i-dag", "heading": t("compare.counties_today"), "counties": county_options(today)}]
    for end in sorted({r["gyldig_til_aar"] for r in rows if r["gyldig_til_aar"] is not None}, reverse=True):
        before = county_options([r for r in rows if r["gyldig_til_aar"] == end])
        groups.append(
            {"id": f"for-{end + 1}", "heading": t("compare.counties_before", aar=end + 1), "counties": before}
        )
    return [g for g in groups if g["counties"]]


def compare_setup() -> dict[str, Any]:
    """What the page's script needs to draw with the site's chart conventions and write a safe CSV."""
    return {
        "layout": {
            "belop": charts.base_layout(t("compare.axis_amount")),
            "per_larer": charts.base_layout(t("compare.axis_per_fte")),
        },
        "palette": charts.PALETTE,
        "dashes": charts.DASHES,
        "symbols": charts.SYMBOLS,
        "triggers": FORMULA_TRIGGERS,
        "manyTicks": charts.MANY_TICKS,
    }


def compare(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Sammenlign: the selection form; the data goes to a JSON file beside the page.

    Its facts stay a mapping: render/feeds.py reads them as facts["data"] to write that file."""
    # Every county valid today or with a page, each once; a county without figures shows «no figures».
    keyed = {r["ordning_id"] for r in rows["compare_data"] if r["per_larer"]}
    schemes = [
        {"id": s["ordning_id"], "navn": s["navn"], "kortnavn": s["kortnavn"], "per_larer": s["ordning_id"] in keyed}
        for s in rows["schemes"]
    ]
    return Content(
        t("compare.title"),
        t("compare.description"),
        home_crumbs(),
        facts={
            "groups": county_groups(rows["counties_overview"]),
            "schemes": schemes,
            "data": rows["compare_data"],
            "setup": compare_setup(),
        },
        shown=frozenset(r["status"] for r in rows["compare_data"]),
    )
