"""One scheme page: national total over years, per county in the latest year and over years, key, co-financing."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.model.figures import Bars, Lines
from builder.model.page_content import Content, Rows, county_link
from builder.model.pages.gaps import scheme_gaps, scheme_years
from builder.model.pages.history import Release, page_history
from builder.model.pages.keyfigures import KeyFigure, scheme_keys
from builder.model.pages.recipient import RECIPIENT_LIST
from builder.model.pivot import Pivot
from builder.model.routes import url_for
from builder.model.specs import (
    ChartSpec,
    ColumnSpec,
    HasRows,
    PageInput,
    PageSpec,
    TableSpec,
    Words,
    first_year,
    sections,
)
from builder.render import charts, fmt
from builder.render.charts import Figure
from builder.render.i18n import t

YEAR = ColumnSpec("aar", "col.year", "year")
COUNTY = ColumnSpec("fylke", "col.county", link=county_link)
AMOUNT = ColumnSpec("belop", "col.amount_nok", "nok", status="status")


@dataclass(frozen=True)
class SchemeFacts:
    """What the scheme template shows besides tables: the scheme row, the (number, name) of its counties, what is
    not published (sentences), the ids of the tables and charts the page has, and the notes on figures we computed
    with the key (shown where the key is), and the key figures."""

    info: Mapping[str, Any]
    counties: Sequence[tuple[str, str]]
    gaps: Sequence[str] = ()
    tables: frozenset[str] = frozenset()
    charts: frozenset[str] = frozenset()
    key_notes: Sequence[str] = ()
    keys: Sequence[KeyFigure] = ()
    history: Sequence[Release] = ()  # what changed on the page between releases


def several_years(page: PageInput) -> bool:
    """True when the county figures span more than one year (a line needs two points)."""
    return len({r["aar"] for r in page.rows["scheme_by_county_years"]}) > 1


def latest_year(rows: Sequence[Mapping[str, Any]], page: PageInput) -> Sequence[Mapping[str, Any]]:
    """The rows of the latest year."""
    last = max((r["aar"] for r in rows), default=None)
    return [r for r in rows if r["aar"] == last]


def national_caption(rows: Sequence[Mapping[str, Any]], page: PageInput) -> str:
    """The national total's development in words."""
    navn = page.words["navn"]
    if not rows:
        return t("table.empty")
    first, last = rows[0], rows[-1]
    if len(rows) < 2:
        return t("scheme.caption_single", navn=navn, aar=first["aar"], amount=fmt.mill(first["belop"]))
    amounts = {"first_amount": fmt.mill(first["belop"]), "last_amount": fmt.mill(last["belop"])}
    return t("scheme.caption_national", navn=navn, first=first["aar"], last=last["aar"], **amounts)


def largest_caption(rows: Sequence[Mapping[str, Any]], page: PageInput) -> str:
    """The largest and smallest county in the latest year."""
    if not rows:
        return t("table.empty")
    top, low = max(rows, key=lambda r: r["belop"]), min(rows, key=lambda r: r["belop"])
    amounts = {"top_amount": fmt.mill(top["belop"]), "low_amount": fmt.mill(low["belop"])}
    return t("scheme.caption_latest", aar=top["aar"], top=top["fylke"], low=low["fylke"], **amounts)


def key_pairs(rows: Sequence[Mapping[str, Any]], page: PageInput) -> Figure:
    """Grouped bars per county: the actual allocation next to the key's."""
    kinds = ((t("col.actual_nok"), "belop"), (t("col.key_nok"), "etter_nokkel"))
    pairs = [{"fylke": r["fylke"], "hva": label, "belop": r[k]} for r in rows for label, k in kinds]
    return charts.stacked_bars(pairs, x="fylke", y="belop", series="hva", y_title=t("col.amount_nok"), mode="group")


def key_caption(rows: Sequence[Mapping[str, Any]], page: PageInput) -> str:
    """The county furthest from the key."""
    far = max(rows, key=lambda r: abs(r["differanse"]))
    words = {"aar": far["aar"], "fylke": far["fylke"], "diff": fmt.nok(far["differanse"])}
    return t("scheme.caption_key_approx", **words) if far["omtrent"] else t("scheme.caption_key", **words)


SCHEME = PageSpec(
    tables=(
        TableSpec(
            "nasjonalt",
            "scheme.table_national",
            "scheme_national",
            (YEAR, AMOUNT, ColumnSpec("merknad", "col.note")),
            when=HasRows(("scheme_national",)),
        ),
        TableSpec(
            "fylker-siste-aar",
            "scheme.table_latest",
            "scheme_by_county_years",
            (COUNTY, AMOUNT),
            select=latest_year,
            caption_words=first_year,
            when=HasRows(("scheme_by_county_years",)),
        ),
        TableSpec(
            "fylker-over-tid",
            "scheme.table_years",
            "scheme_by_county_years",
            (ColumnSpec("fylkesnummer", "col.county_no"), COUNTY),
            pivot=Pivot("fylkesnummer", across="aar", label="aar", keep=("fylke",)),
            when=HasRows(("scheme_by_county_years",)),
        ),
        # The key and the co-financing only for schemes that have them.
        TableSpec(
            "nokkel",
            "scheme.table_key",
            "scheme_key",
            (
                COUNTY,
                ColumnSpec("belop", "col.actual_nok", "nok", status="status"),
                ColumnSpec("larerarsverk", "col.fte", "dec1", status="nevner_status"),
                ColumnSpec("etter_nokkel", "col.key_nok", "nok"),
                ColumnSpec("differanse", "col.difference_nok", "nok"),
                ColumnSpec("merknad", "col.note"),
            ),
            extra_sources=("beregning-nokkel",),
            denominators=True,
            when=HasRows(("scheme_key",)),
            caption_words=first_year,
        ),
        TableSpec(
            "egenandel",
            "scheme.table_cofinancing",
            "scheme_cofinancing",
            (
                YEAR,
                ColumnSpec("rapporter", "col.reports", "int", status="status"),
                ColumnSpec("brukt", "col.used_nok", "nok", status="status"),
                ColumnSpec("egenandel", "col.cofinancing_nok", "nok", status="status"),
                ColumnSpec("andel", "col.cofinancing_share", "pct", status="status"),
            ),
            when=HasRows(("scheme_cofinancing",)),
        ),
        RECIPIENT_LIST,
    ),
    charts=(
        ChartSpec("nasjonalt", "nasjonalt", Bars("aar"), national_caption),
        ChartSpec("fylker-siste-aar", "fylker-siste-aar", Bars("fylke", horizontal=True), largest_caption),
        ChartSpec(
            "fylker-over-tid",
            "fylker-over-tid",
            Lines("aar", series="fylke"),
            Words("scheme.caption_years"),
            when=several_years,
        ),
        ChartSpec("nokkel", "nokkel", key_pairs, key_caption),
    ),
)


def scheme(rows: Rows, params: Mapping[str, Any]) -> Content:
    """One scheme page."""
    info = params["row"]
    tables, figures = sections(SCHEME, PageInput(rows, info, {"navn": info["kortnavn"]}))
    counties = sorted({(r["fylkesnummer"], r["fylke"]) for r in rows["scheme_by_county_years"]})
    crumbs = ((t("nav.home"), url_for("home")), (t("nav.schemes"), url_for("schemes")))
    navn = info["navn"]
    years = scheme_years(info, params["shared"])
    gaps = scheme_gaps(years, rows["scheme_national"], rows["scheme_by_county_years"])
    notes = tuple(str(r["merknad"]).rstrip(".") for r in rows["scheme_key_notes"])
    ids = frozenset(tb.id for tb in tables)
    history = page_history(params["shared"], "scheme", str(info["ordning_id"]))
    charts = frozenset(ch.id for ch in figures)
    facts = SchemeFacts(info, counties, gaps, ids, charts, notes, scheme_keys(rows), history)
    return Content(navn, t("scheme.description", navn=navn), crumbs, tables, figures, facts)
