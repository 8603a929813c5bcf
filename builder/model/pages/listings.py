"""The list pages: every county, every scheme, every year, and the comparison form (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.model.page_content import Content, Rows, scheme_link, year_link
from builder.model.pages.home import current, page_link
from builder.model.routes import url_for
from builder.model.specs import ColumnSpec, PageInput, PageSpec, TableSpec, sections
from builder.render.i18n import t

AMOUNT = ColumnSpec("belop", "col.amount_nok", "nok", status="status")


COUNTY_COLUMNS = (
    ColumnSpec("fylkesnummer", "col.county_no"),
    ColumnSpec("navn", "col.county", link=page_link),
    ColumnSpec("aar", "col.year", "year"),
    ColumnSpec("ordninger", "col.schemes", empty="counties.none_published"),
    AMOUNT,
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
                ColumnSpec("kortnavn", "col.scheme", link=scheme_link),
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
                ColumnSpec("belop", "years.col_national", "nok", status="status"),
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


def compare(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Sammenlign: the selection form; the data goes to a JSON file beside the page.

    Its facts stay a mapping: render/feeds.py reads them as facts["data"] to write that file."""
    # Today's counties always (a county without figures shows an empty selection), and every county with figures.
    counties_seen = {r["fylkesnummer"]: r["navn"] for r in rows["counties"] if not r["utgatt"]}
    counties_seen.update({r["fylkesnummer"]: r["fylke"] for r in rows["compare_data"]})
    options = [{"nummer": k, "navn": v} for k, v in sorted(counties_seen.items())]
    return Content(
        t("compare.title"),
        t("compare.description"),
        home_crumbs(),
        facts={"counties": options, "schemes": rows["schemes"], "data": rows["compare_data"]},
        shown=frozenset(r["status"] for r in rows["compare_data"]),
    )
