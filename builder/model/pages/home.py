"""The front page: the accounts of the posts that carry the schemes, the published national figures, the tile map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from builder.model.figures import Bars
from builder.model.page_content import Content, Rows, change, county_link, scheme_link
from builder.model.routes import url_for
from builder.model.specs import (
    AllOf,
    ChartSpec,
    ColumnSpec,
    HasRows,
    PageInput,
    PageSpec,
    TableSpec,
    first_year,
    sections,
)
from builder.model.statuses import marked
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
SCHEME = ColumnSpec("ordning", "col.scheme", link=scheme_link, also="kortnavn")


@dataclass(frozen=True)
class HomeFacts:
    """What the front page shows besides tables: the accounts headline, the latest year of national figures, whether
    the years can be compared, the tiles (when every county has a figure for the same year), the latest status page."""

    accounts: Mapping[str, Any] | None
    latest: Mapping[str, Any] | None
    comparable: bool
    tiles: Sequence[Mapping[str, Any]]
    latest_status: int | None
    tile_words: Mapping[str, Any]
    tiles_graded: bool


def comparable_years(page: PageInput) -> bool:
    """True when there are two or more years of national figures, each with the same schemes, so the years' totals
    can be set side by side."""
    schemes: dict[int, set[str]] = {}
    for r in page.rows["national_by_scheme_year"]:
        schemes.setdefault(r["aar"], set()).add(r["ordning_id"])
    return len(schemes) > 1 and len({frozenset(s) for s in schemes.values()}) == 1


def not_comparable(page: PageInput) -> bool:
    """True when the national figures cannot be set side by side as one series."""
    return bool(page.rows["national_by_scheme_year"]) and not comparable_years(page)


def several_schemes(page: PageInput) -> bool:
    """True when the latest year has figures for more than one scheme (a split worth a chart)."""
    return len(of_the_year(page.rows["national_by_scheme_year"], page)) > 1


def page_link(row: Mapping[str, Any]) -> str:
    """Link to the county's page where it has one (every county with figures or bookings does)."""
    return county_link(row) if row["har_side"] else ""


def map_year(rows: Sequence[Mapping[str, Any]]) -> int | None:
    """The latest year in which one of today's counties has a per-FTE figure (the tile map's year)."""
    years = [r["aar"] for r in current(rows) if r["per_larerarsverk"] is not None]
    return max(years) if years else None


def map_rows(rows: Sequence[Mapping[str, Any]], page: PageInput | None = None) -> list[Mapping[str, Any]]:
    """Every one of today's counties; the figures only where they are of the map's year (else none shown)."""
    year = map_year(rows)
    blank = {"aar": None, "ordninger": None, "per_larerarsverk": None, "belop": None}
    return [r if r["aar"] == year and year is not None else {**r, **blank} for r in current(rows)]


def has_map(page: PageInput) -> bool:
    """True when one of today's counties has a per-FTE figure."""
    return map_year(page.rows["counties_overview"]) is not None


def map_words(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Caption words: the map's year and the schemes its figures cover."""
    known = [r for r in rows if r["per_larerarsverk"] is not None]
    schemes = sorted({s for r in known for s in str(r["ordninger"]).split(", ")})
    return {"aar": known[0]["aar"] if known else None, "ordninger": fmt.words(schemes)}


def graded(values: Sequence[Decimal]) -> bool:
    """True when the figures differ by more than rounding (1 % of the largest), so colour levels say something."""
    return len(values) > 1 and (max(values) - min(values)) > max(values) / 100


def post_label(row: Mapping[str, Any]) -> str:
    """A post as people write it: «kap. 226 post 21»."""
    return t("home.post_label", kapittel=int(row["kapittel"]), post=row["post"])


def post_link(row: Mapping[str, Any]) -> str:
    """Link to the post's budget page."""
    return url_for("budget_post", kapittel=row["kapittel"], post=row["post"])


def with_post_labels(rows: Sequence[Mapping[str, Any]], page: PageInput) -> list[Mapping[str, Any]]:
    """The posts with their label."""
    return [{**r, "post_tekst": post_label(r)} for r in rows]


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
    amounts = {
        "first_amount": marked(fmt.mill(first["belop"]), first["status"]),
        "last_amount": marked(fmt.mill(last["belop"]), last["status"]),
    }
    growth = fmt.signed_pct(change(last["belop"], first["belop"]))
    return t("home.caption_trend", first=first["aar"], last=last["aar"], change=growth, **amounts)


def split_caption(rows: Sequence[Mapping[str, Any]], page: PageInput) -> str:
    """The largest scheme in the latest year."""
    if not rows:
        return t("table.empty")
    top = max(rows, key=lambda r: r["belop"])
    share = fmt.pct(top["belop"] / sum(r["belop"] for r in rows), 0)
    amount = marked(fmt.mill(top["belop"]), top["status"])
    return t("home.caption_split", aar=top["aar"], ordning=top["ordning"], amount=amount, share=share)


HOME = PageSpec(
    tables=(
        TableSpec(
            "regnskap-poster",
            "home.table_accounts",
            "home_posts",
            (
                ColumnSpec("post_tekst", "home.col_post", link=post_link),
                ColumnSpec("post_navn", "home.col_post_name"),
                ColumnSpec("ordninger", "home.col_carries"),
                ColumnSpec("regnskap", "home.col_accounts_nok", "nok", status="status"),
            ),
            select=with_post_labels,
            extra_sources=("statsregnskap-poster-ordninger",),
            when=HasRows(("home_posts",)),
            caption_words=first_year,
        ),
        TableSpec(
            "nasjonalt-per-aar",
            "home.table_years",
            "national_by_year",
            (ColumnSpec("aar", "col.year", "year"), AMOUNT, ColumnSpec("ordninger", "col.schemes_count", "int")),
            sources_from=("national_by_scheme_year",),
            when=comparable_years,
        ),
        TableSpec(
            "nasjonale-summer",
            "home.table_published",
            "national_by_scheme_year",
            (ColumnSpec("aar", "col.year", "year"), SCHEME, AMOUNT),
            when=not_comparable,
        ),
        TableSpec(
            "siste-aar-per-ordning",
            "home.table_schemes",
            "national_by_scheme_year",
            (SCHEME, AMOUNT),
            select=of_the_year,
            when=AllOf((comparable_years, several_schemes)),
        ),
        TableSpec(
            "fylkeskart",
            "home.table_tiles",
            "counties_overview",
            (
                ColumnSpec("navn", "col.county", link=page_link),
                ColumnSpec("aar", "col.year", "year"),
                ColumnSpec("ordninger", "col.schemes", empty="home.tile_none"),
                ColumnSpec("per_larerarsverk", "col.per_fte", "nok", status="per_status"),
                AMOUNT,
            ),
            select=map_rows,
            denominators=True,
            when=has_map,
            caption_words=map_words,
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
    page = PageInput(rows, params["row"], {"aar": latest["aar"] if latest else ""})
    tables, figures = sections(HOME, page)
    accounts = rows["home_accounts"][0] if rows["home_accounts"] else None
    posts = fmt.words([post_label(r) for r in rows["home_posts"]])
    headline = (
        {**accounts, "tekst": marked(fmt.mill(accounts["regnskap"]), accounts["status"]), "poster": posts}
        if accounts
        else None
    )
    on_map = map_rows(rows["counties_overview"])
    tiles = tile_map(on_map) if has_map(page) else []
    facts = HomeFacts(
        headline,
        latest,
        comparable_years(page),
        tiles,
        params["shared"]["latest_status"],
        map_words(on_map),
        graded([r["per_larerarsverk"] for r in on_map if r["per_larerarsverk"] is not None]),
    )
    shown = frozenset({accounts["status"]} if accounts else set())
    return Content(t("home.title"), t("home.description"), (), tables, figures, facts, shown)


def tile_map(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Tiles for today's counties with a quintile class by allocation per teacher FTE, one class when the figures
    differ only by rounding, and «none» for a county without a figure that year."""
    values = sorted(r["per_larerarsverk"] for r in rows if r["per_larerarsverk"] is not None)
    cuts = quantiles(values) if graded(values) else []
    tiles: list[dict[str, Any]] = []
    for r in rows:
        value = r["per_larerarsverk"]
        level: int | str = sum(1 for v in cuts if value > v) if value is not None else "none"
        col, row = TILES.get(r["fylkesnummer"], (5, 1 + len(tiles)))
        tiles.append(
            {
                "nummer": r["fylkesnummer"],
                "navn": r["navn"],
                "href": page_link(r),
                "col": col,
                "row": row,
                "level": level,
                "value": fmt.nok(value) if value is not None else t("home.tile_none"),
            }
        )
    return tiles


def quantiles(values: Sequence[Decimal]) -> list[Decimal]:
    """Four cut points splitting sorted values into five classes."""
    if not values:
        return []
    return [values[min(len(values) - 1, len(values) * k // 5)] for k in range(1, 5)]
