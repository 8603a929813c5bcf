"""One year page: scheme × county heat table, changes from the year before, reporting completeness."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.model.page_content import Content, Rows, county_link
from builder.model.pages.gaps import year_gaps
from builder.model.pages.reporting import COUNTS, ReportingBars, reporting_caption
from builder.model.pivot import Pivot
from builder.model.routes import url_for
from builder.model.specs import ChartSpec, ColumnSpec, HasRows, PageInput, PageSpec, TableSpec, sections
from builder.render import charts, fmt
from builder.render.charts import Figure
from builder.render.i18n import t

COUNTY = ColumnSpec("fylke", "col.county", link=county_link)


@dataclass(frozen=True)
class YearFacts:
    """What the year template shows besides tables: the year, what is not published (sentences), and the ids of
    the tables and charts the page has."""

    aar: int
    gaps: Sequence[str] = ()
    tables: frozenset[str] = frozenset()
    charts: frozenset[str] = frozenset()


def has_national(page: PageInput) -> bool:
    """True when some scheme has a national total this year."""
    return any(r["belop"] is not None for r in page.rows["year_national"])


def national_rows(rows: Sequence[Mapping[str, Any]], page: PageInput) -> Sequence[Mapping[str, Any]]:
    """The schemes with a national total this year."""
    return [r for r in rows if r["belop"] is not None]


def has_changes(page: PageInput) -> bool:
    """True when some county has a change from the year before."""
    return any(r["endring"] is not None for r in page.rows["year_changes"])


def change_bars(rows: Sequence[Mapping[str, Any]], page: PageInput) -> Figure:
    """Horizontal bars: each county's change in per cent."""
    pct = [{"fylke": r["fylke"], "endring": r["endring"] * 100} for r in rows if r["endring"] is not None]
    return charts.bars(pct, x="fylke", y="endring", y_title=t("col.change"), horizontal=True, hover_unit="%")


def change_caption(rows: Sequence[Mapping[str, Any]], page: PageInput) -> str:
    """The largest increase in words."""
    aar = page.words["aar"]
    known = [r for r in rows if r["endring"] is not None]
    if not known:
        return t("year.caption_no_change", aar=aar)
    top = max(known, key=lambda r: r["endring"])
    words = {"aar": aar, "fylke": top["fylke"], "change": fmt.signed_pct(top["endring"])}
    change = t("year.caption_change", **words) if top["endring"] > 0 else t("year.caption_all_fell", **words)
    if len(known) == len(rows):
        return change
    return f"{change} {t('year.caption_change_covers', n=len(known), total=len(rows))}"


YEAR = PageSpec(
    tables=(
        TableSpec(
            "nasjonalt",
            "year.table_national",
            "year_national",
            (
                ColumnSpec("ordning", "col.scheme", also="kortnavn"),
                ColumnSpec("belop", "col.amount_nok", "nok", status="status"),
                ColumnSpec("merknad", "col.note"),
            ),
            select=national_rows,
            when=has_national,
        ),
        TableSpec(
            "matrise",
            "year.table_matrix",
            "year_matrix",
            (COUNTY,),
            pivot=Pivot("fylkesnummer", across="ordning_id", label="ordning", keep=("fylke",), heat=True),
            when=HasRows(("year_matrix",)),
        ),
        TableSpec(
            "endringer",
            "year.table_changes",
            "year_changes",
            (
                COUNTY,
                ColumnSpec("forrige_belop", "col.previous_nok", "nok", status="status"),
                ColumnSpec("belop", "col.amount_nok", "nok", status="status"),
                ColumnSpec("endring", "col.change", "signed_pct", status="status"),
            ),
            when=HasRows(("year_changes",)),
        ),
        TableSpec(
            "rapportering",
            "year.table_reporting",
            "year_reporting",
            (COUNTY, *COUNTS),
            when=HasRows(("year_reporting",)),
        ),
    ),
    # The tables are always there; their charts only with something to draw.
    charts=(
        ChartSpec("endringer", "endringer", change_bars, change_caption, when=has_changes),
        ChartSpec(
            "rapportering", "rapportering", ReportingBars("fylke"), reporting_caption, when=HasRows(("year_reporting",))
        ),
    ),
)


def year(rows: Rows, params: Mapping[str, Any]) -> Content:
    """One year page."""
    aar = params["aar"]
    tables, figures = sections(YEAR, PageInput(rows, params["row"], {"aar": aar}))
    crumbs = ((t("nav.home"), url_for("home")), (t("nav.years"), url_for("years")))
    facts = YearFacts(
        aar, year_gaps(aar, rows["year_national"]), frozenset(tb.id for tb in tables), frozenset(c.id for c in figures)
    )
    return Content(t("year.title", aar=aar), t("year.description", aar=aar), crumbs, tables, figures, facts)
