"""The front page: national total per year, the latest year per scheme, the county tile map (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from builder.model.figures import Bars
from builder.model.page_content import Content, Rows, change, county_link, scheme_link
from builder.model.specs import ChartSpec, ColumnSpec, PageInput, PageSpec, TableSpec, sections
from builder.render import fmt
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
AMOUNT = ColumnSpec("belop", "col.amount_nok", "nok", status="status")


@dataclass(frozen=True)
class HomeFacts:
    """What the front page shows besides tables: the latest national total, the tiles, the latest status page."""

    latest: Mapping[str, Any] | None
    tiles: Sequence[Mapping[str, Any]]
    latest_status: int | None


def current(rows: Sequence[Mapping[str, Any]], page: PageInput | None = None) -> list[Mapping[str, Any]]:
    """Today's counties."""
    return [r for r in rows if not r["utgatt"]]


def of_the_year(rows: Sequence[Mapping[str, Any]], page: PageInput) -> list[Mapping[str, Any]]:
    """The rows of the page's year (the latest)."""
    return [r for r in rows if r["aar"] == page.words["aar"]]


def trend_caption(rows: Sequence[Mapping[str, Any]], page: PageInput) -> str:
    """The national trend in one sentence."""
    if len(rows) < 2:
        return t("home.caption_trend_short")
    first, last = rows[0], rows[-1]
    amounts = {"first_amount": fmt.mill(first["belop"]), "last_amount": fmt.mill(last["belop"])}
    growth = fmt.signed_pct(change(last["belop"], first["belop"]))
    return t("home.caption_trend", first=first["aar"], last=last["aar"], change=growth, **amounts)


def split_caption(rows: Sequence[Mapping[str, Any]], page: PageInput) -> str:
    """The largest scheme in the latest year."""
    if not rows:
        return t("table.empty")
    top = max(rows, key=lambda r: r["belop"])
    share = fmt.pct(top["belop"] / sum(r["belop"] for r in rows), 0)
    return t("home.caption_split", aar=top["aar"], ordning=top["ordning"], amount=fmt.mill(top["belop"]), share=share)


HOME = PageSpec(
    tables=(
        TableSpec(
            "nasjonalt-per-aar",
            "home.table_years",
            "national_by_year",
            (ColumnSpec("aar", "col.year", "year"), AMOUNT, ColumnSpec("ordninger", "col.schemes_count", "int")),
            sources_from=("national_by_scheme_year",),
        ),
        TableSpec(
            "siste-aar-per-ordning",
            "home.table_schemes",
            "national_by_scheme_year",
            (ColumnSpec("ordning", "col.scheme", link=scheme_link), AMOUNT),
            select=of_the_year,
        ),
        TableSpec(
            "fylkeskart",
            "home.table_tiles",
            "counties_overview",
            (
                ColumnSpec("navn", "col.county", link=county_link),
                ColumnSpec("per_larerarsverk", "col.per_fte", "nok", status="nevner_status"),
                AMOUNT,
            ),
            select=current,
            denominators=True,
        ),
    ),
    charts=(
        ChartSpec("nasjonal-utvikling", "nasjonalt-per-aar", Bars("aar"), trend_caption),
        ChartSpec("ordninger-siste-aar", "siste-aar-per-ordning", Bars("ordning", horizontal=True), split_caption),
    ),
)


def home(rows: Rows, params: Mapping[str, Any]) -> Content:
    """The front page."""
    by_year = rows["national_by_year"]
    latest = by_year[-1] if by_year else None
    tables, figures = sections(HOME, PageInput(rows, params["row"], {"aar": latest["aar"] if latest else ""}))
    facts = HomeFacts(latest, tile_map(current(rows["counties_overview"])), params["shared"]["latest_status"])
    return Content(t("home.title"), t("home.description"), (), tables, figures, facts)


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
