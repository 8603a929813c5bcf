"""Per-route assembly for the overview pages: query rows → titles, tables, charts and facts (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from builder.model.page_content import (
    Content,
    Rows,
    change,
    county_link,
    denominator_sources,
    scheme_link,
    sources_of,
    year_link,
)
from builder.model.tables import Column, table
from builder.render import charts, fmt
from builder.render.charts import Chart
from builder.render.i18n import t

# Tile-map positions (column, row) of today's counties, roughly as on a map of Norway.
TILES = {
    "56": (4, 1),
    "55": (3, 1),
    "18": (3, 2),
    "50": (3, 3),
    "15": (2, 4),
    "34": (3, 4),
    "46": (1, 5),
    "33": (2, 5),
    "32": (3, 5),
    "03": (4, 5),
    "11": (1, 6),
    "40": (2, 6),
    "39": (3, 6),
    "31": (4, 6),
    "42": (2, 7),
}


def home(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Forside: national total per year, the latest year per scheme, the county tile map."""
    by_year = rows["national_by_year"]
    latest = by_year[-1] if by_year else None
    year_cols = (
        Column("aar", t("col.year"), "year"),
        Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        Column("ordninger", t("col.schemes_count"), "int"),
    )
    totals = table(
        "nasjonalt-per-aar",
        t("home.table_years"),
        by_year,
        year_cols,
        extra_sources=sources_of(rows["national_by_scheme_year"]),
    )
    split = [r for r in rows["national_by_scheme_year"] if latest and r["aar"] == latest["aar"]]
    per_scheme = table(
        "siste-aar-per-ordning",
        t("home.table_schemes", aar=latest["aar"] if latest else ""),
        split,
        (
            Column("ordning", t("col.scheme"), link=scheme_link),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        ),
    )
    current = [r for r in rows["counties_overview"] if not r["utgatt"]]
    tiles = table(
        "fylkeskart",
        t("home.table_tiles"),
        current,
        (
            Column("navn", t("col.county"), link=county_link),
            Column("per_larerarsverk", t("col.per_fte"), "nok", status_key="nevner_status"),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        ),
        extra_sources=denominator_sources(current),
    )
    figures = (
        Chart(
            "nasjonal-utvikling",
            charts.bars(by_year, x="aar", y="belop", y_title=t("col.amount_nok")),
            _trend_caption(by_year),
            totals.id,
        ),
        Chart(
            "ordninger-siste-aar",
            charts.bars(split, x="ordning", y="belop", y_title=t("col.amount_nok"), horizontal=True),
            _split_caption(split),
            per_scheme.id,
        ),
    )
    return Content(
        t("home.title"),
        t("home.description"),
        (),
        (totals, per_scheme, tiles),
        figures,
        {"latest": latest, "tiles": tile_map(current), "latest_status": params["shared"]["latest_status"]},
    )


def _trend_caption(rows: Sequence[Mapping[str, Any]]) -> str:
    """The national trend in one sentence."""
    if len(rows) < 2:
        return t("home.caption_trend_short")
    first, last = rows[0], rows[-1]
    return t(
        "home.caption_trend",
        first=first["aar"],
        last=last["aar"],
        first_amount=fmt.mill(first["belop"]),
        last_amount=fmt.mill(last["belop"]),
        change=fmt.signed_pct(change(last["belop"], first["belop"])),
    )


def _split_caption(rows: Sequence[Mapping[str, Any]]) -> str:
    """The largest scheme in the latest year."""
    if not rows:
        return t("table.empty")
    top = max(rows, key=lambda r: r["belop"])
    total = sum(r["belop"] for r in rows)
    return t(
        "home.caption_split",
        aar=top["aar"],
        ordning=top["ordning"],
        amount=fmt.mill(top["belop"]),
        share=fmt.pct(top["belop"] / total, 0),
    )


def tile_map(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Tiles for today's counties with a quintile class by allocation per teacher FTE."""
    values = sorted(r["per_larerarsverk"] for r in rows if r["per_larerarsverk"] is not None)
    tiles: list[dict[str, Any]] = []
    for r in rows:
        value = r["per_larerarsverk"]
        level = sum(1 for v in quantiles(values) if value is not None and value > v)
        col, row = TILES.get(r["fylkesnummer"], (5, 1 + len(tiles)))
        tiles.append(
            {
                "nummer": r["fylkesnummer"],
                "navn": r["navn"],
                "href": county_link(r),
                "col": col,
                "row": row,
                "level": level,
                "value": fmt.nok(value) if value is not None else "–",
            }
        )
    return tiles


def quantiles(values: Sequence[Decimal]) -> list[Decimal]:
    """Four cut points splitting sorted values into five classes."""
    if not values:
        return []
    return [values[min(len(values) - 1, len(values) * k // 5)] for k in range(1, 5)]


def counties(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Fylker: every county's latest total, per FTE and change, sortable."""
    current = [r for r in rows["counties_overview"] if not r["utgatt"]]
    former = [r for r in rows["counties_overview"] if r["utgatt"]]
    cols = (
        Column("fylkesnummer", t("col.county_no")),
        Column("navn", t("col.county"), link=county_link),
        Column("aar", t("col.year"), "year"),
        Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        Column("per_larerarsverk", t("col.per_fte"), "nok", status_key="nevner_status"),
        Column("endring", t("col.change"), "signed_pct", status_key="status"),
    )
    now = table(
        "fylker-i-dag",
        t("counties.table_current"),
        current,
        cols,
        sortable=True,
        extra_sources=denominator_sources(current),
    )
    old = table(
        "fylker-utgatt",
        t("counties.table_former"),
        former,
        cols,
        sortable=True,
        extra_sources=denominator_sources(former),
    )
    return Content(t("counties.title"), t("counties.description"), ((t("nav.home"), "/"),), (now, old))


def schemes(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Ordninger: every scheme with its administrator and latest national total."""
    overview = table(
        "ordninger",
        t("schemes.table"),
        rows["schemes_overview"],
        (
            Column("kortnavn", t("col.scheme"), link=scheme_link),
            Column("forvalter", t("col.administrator")),
            Column("aar", t("col.latest_year"), "year"),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        ),
    )
    return Content(
        t("schemes.title"),
        t("schemes.description"),
        ((t("nav.home"), "/"),),
        (overview,),
        facts={"schemes": rows["schemes_overview"]},
    )


def years(rows: Rows, params: Mapping[str, Any]) -> Content:
    """År: every year with its total."""
    overview = table(
        "aar",
        t("years.table"),
        rows["years"],
        (
            Column("aar", t("col.year"), "year", link=year_link),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        ),
        extra_sources=("eksempeldata",),
    )
    return Content(t("years.title"), t("years.description"), ((t("nav.home"), "/"),), (overview,))


def compare(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Sammenlign: the selection form; the data goes to a JSON file beside the page."""
    counties_seen = {r["fylkesnummer"]: r["fylke"] for r in rows["compare_data"]}
    options = [{"nummer": k, "navn": v} for k, v in sorted(counties_seen.items())]
    return Content(
        t("compare.title"),
        t("compare.description"),
        ((t("nav.home"), "/"),),
        facts={"counties": options, "schemes": rows["schemes"], "data": rows["compare_data"]},
        shown=frozenset(r["status"] for r in rows["compare_data"]),
    )


def about(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Om tallene: statuses, the reform mapping, sources, accessibility."""
    sources = table(
        "kilder",
        t("about.table_sources"),
        rows["sources"],
        (
            Column("kilde_id", t("col.source_id")),
            Column("tittel", t("col.title")),
            Column("utgiver", t("col.publisher")),
            Column("dato", t("col.date"), "date"),
            Column("type", t("col.source_type")),
        ),
    )
    transitions = table(
        "fylkesoverganger",
        t("about.table_transitions"),
        rows["transitions"],
        (
            Column("aar", t("col.year"), "year"),
            Column("fra_navn", t("col.from_county")),
            Column("til_navn", t("col.to_county")),
            Column("relasjon", t("col.relation")),
            Column("andel", t("col.share"), "pct"),
            Column("merknad", t("col.note")),
        ),
    )
    statuses = table(
        "statuser",
        t("about.table_status"),
        rows["status_counts"],
        (
            Column("belopstype", t("col.amount_kind")),
            Column("status", t("col.status")),
            Column("rader", t("col.rows"), "int"),
            Column("belop", t("col.amount_nok"), "nok"),
        ),
        extra_sources=("eksempeldata", "beregning-nokkel"),
    )
    return Content(
        t("about.title"),
        t("about.description"),
        ((t("nav.home"), "/"),),
        (statuses, transitions, sources),
        facts={"sources": rows["sources"]},
    )


def notfound(rows: Rows, params: Mapping[str, Any]) -> Content:
    """The 404 page."""
    return Content(t("notfound.title"), t("notfound.description"), ((t("nav.home"), "/"),))
