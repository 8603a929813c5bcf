"""One county page: the embete's bookings in the state accounts first, then what is known of the schemes (per scheme
and year, per teacher FTE, the key, recipients, reporting) and the reforms."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from builder.model.collation import collated
from builder.model.figures import BorderMarks, Stacked
from builder.model.page_content import Content, Rows, change
from builder.model.pages.history import Release, page_history
from builder.model.pages.keyfigures import KeyFigure, county_keys
from builder.model.pages.recipient import recipient_link
from builder.model.pages.reporting import COUNTS, ReportingBars, reporting_caption
from builder.model.pivot import Pivot
from builder.model.routes import url_for
from builder.model.specs import AllOf, ChartSpec, ColumnSpec, HasRows, PageInput, PageSpec, TableSpec, Words, sections
from builder.model.statuses import marked, weakest
from builder.render import charts, fmt
from builder.render.charts import Figure
from builder.render.i18n import t

YEAR = ColumnSpec("aar", "col.year", "year")
SCHEME = ColumnSpec("ordning", "col.scheme", also="kortnavn")
AMOUNT = ColumnSpec("belop", "col.amount_nok", "nok", status="status")


@dataclass(frozen=True)
class CountyFacts:
    """What the county template shows besides tables: the county row, its offices, reform links, page name, and
    the ids of the tables the page has (a section without data says so instead), and the key figures."""

    info: Mapping[str, Any]
    offices: Sequence[Mapping[str, Any]]
    links: Sequence[Mapping[str, Any]]
    name: str
    shown: frozenset[str]
    keys: Sequence[KeyFigure] = ()
    history: Sequence[Release] = ()  # what changed on the page between releases


def has_per_fte(page: PageInput) -> bool:
    """True when some year has a per-FTE figure (else the chart would be empty)."""
    return any(r["per_larerarsverk"] is not None for r in page.rows["county_totals"])


def is_current(page: PageInput) -> bool:
    """True for one of today's counties."""
    return not page.row["utgatt"]


def recipients_in_order(rows: Sequence[Mapping[str, Any]], page: PageInput) -> Sequence[Mapping[str, Any]]:
    """Recipients in Norwegian order within each year and scheme."""
    return collated(rows, by="mottaker_navn", within=("aar", "ordning_id"))


def total_caption(wide: Sequence[Mapping[str, Any]], page: PageInput) -> str:
    """The county's latest total and its change from the year before, in words."""
    if not wide:
        return t("table.empty")
    last, before = wide[-1], (wide[-2] if len(wide) > 1 else None)
    # The sum carries the weakest status of the cells it adds up (st_sum, see pivot.py).
    words = {"navn": page.words["navn"], "aar": last["aar"], "amount": marked(fmt.mill(last["sum"]), last["st_sum"])}
    if before is None or before["aar"] != last["aar"] - 1:
        return t("county.caption_total_single", **words)
    return t(
        "county.caption_total",
        **words,
        change=fmt.signed_pct(change(last["sum"], before["sum"])),
        forrige=before["aar"],
    )


def fte_lines(rows: Sequence[Mapping[str, Any]], page: PageInput) -> Figure:
    """The county's and the nation's allocation per teacher FTE, one line each."""
    who = ((page.words["navn"], "per_larerarsverk"), (t("county.national"), "land_per_larerarsverk"))
    long = [{"aar": r["aar"], "hvem": name, "verdi": r[k]} for r in rows for name, k in who if r[k] is not None]
    return charts.lines(long, x="aar", y="verdi", series="hvem", y_title=t("col.per_fte"))


def fte_caption(rows: Sequence[Mapping[str, Any]], page: PageInput) -> str:
    """Per FTE against the national figure in the latest year with both."""
    navn = page.words["navn"]
    known = [r for r in rows if r["per_larerarsverk"] is not None]
    if not known:
        return t("county.caption_fte_missing", navn=navn)
    last = known[-1]
    amount = marked(fmt.nok(last["per_larerarsverk"]), last["per_status"])
    words = {"navn": navn, "aar": last["aar"], "amount": amount, "ordninger": last["ordninger"]}
    if not last["land_per_larerarsverk"]:
        # The national figure exists only when every county that year has a frame for the same schemes.
        return t("county.caption_fte_no_national", **words)
    ratio = last["per_larerarsverk"] / last["land_per_larerarsverk"] - 1
    national = marked(fmt.nok(last["land_per_larerarsverk"]), last["land_status"])
    return t("county.caption_fte", **words, national=national, diff=fmt.signed_pct(ratio))


def embete_link(row: Mapping[str, Any]) -> str:
    """Link to the embete's page."""
    return url_for("embete", embete=row["embete_id"])


def with_post_text(rows: Sequence[Mapping[str, Any]], page: PageInput) -> list[Mapping[str, Any]]:
    """Bookings with the post as people write it and, for an embete covering several counties, which."""
    return [{**r, "post_tekst": t("home.post_label", kapittel=int(r["kapittel"]), post=r["post"])} for r in rows]


def bookings_caption(rows: Sequence[Mapping[str, Any]], page: PageInput) -> str:
    """The latest year's bookings of the embete in words, saying when it covered several counties."""
    last_year = rows[-1]["aar"]
    last = [r for r in rows if r["aar"] == last_year]
    total = marked(fmt.mill(sum(r["belop"] for r in last)), weakest(*(r["status"] for r in last)))
    words = {"aar": last_year, "embete": last[0]["embete"], "amount": total, "navn": page.words["navn"]}
    if last[0]["antall_fylker"] > 1:
        return t("county.caption_bookings_shared", **words, fylker=last[0]["fylker"])
    return t("county.caption_bookings", **words)


BOOKINGS = TableSpec(
    "bokforinger",
    "county.table_bookings",
    "county_bookings",
    (
        YEAR,
        ColumnSpec("embete", "county.col_embete", link=embete_link),
        ColumnSpec("post_tekst", "home.col_post"),
        ColumnSpec("belop", "county.col_booked_nok", "nok", status="status"),
        ColumnSpec("fylker", "county.col_covered"),
    ),
    select=with_post_text,
    extra_sources=("statsregnskap-poster-ordninger", "dfo-statsforvalter"),
    when=HasRows(("county_bookings",)),
)


def budget_post_link(row: Mapping[str, Any]) -> str:
    """Link to the post's budget page, where the remainder row «Øvrige» stands."""
    return url_for("budget_post", kapittel=row["kapittel"], post=row["post"])


# Years (2014–2018) where the accounts name only the largest entities and the embete is not among them.
HIDDEN = TableSpec(
    "ovrige",
    "county.table_hidden",
    "county_bookings_hidden",
    (
        YEAR,
        ColumnSpec("embete", "county.col_embete"),
        ColumnSpec("post_tekst", "home.col_post", link=budget_post_link),
        ColumnSpec("samlet_som", "county.col_hidden_in"),
        ColumnSpec("belop", "county.col_hidden_nok", "nok", status="status"),
    ),
    select=with_post_text,
    extra_sources=("statsregnskap-poster-ordninger",),
    when=HasRows(("county_bookings_hidden",)),
)

COUNTY = PageSpec(
    tables=(
        BOOKINGS,
        HIDDEN,
        TableSpec(
            "per-ordning-og-aar",
            "county.table_by_scheme",
            "county_by_scheme_year",
            (YEAR,),
            pivot=Pivot("aar", across="ordning_id", label="ordning"),
            when=HasRows(("county_by_scheme_year",)),
        ),
        TableSpec(
            "per-larerarsverk",
            "county.table_per_fte",
            "county_totals",
            (
                YEAR,
                ColumnSpec("ordninger", "col.schemes"),
                AMOUNT,
                ColumnSpec("larerarsverk", "col.fte", "dec1", status="nevner_status"),
                ColumnSpec("per_larerarsverk", "col.per_fte", "nok", status="per_status", pin=True),
                ColumnSpec("land_per_larerarsverk", "col.per_fte_national", "nok", status="land_status"),
            ),
            sources_from=("county_by_scheme_year",),
            denominators=True,
            when=HasRows(("county_totals",)),
        ),
        TableSpec(
            "nokkel",
            "county.table_key",
            "county_key",
            (
                YEAR,
                SCHEME,
                ColumnSpec("belop", "col.actual_nok", "nok", status="status"),
                ColumnSpec("etter_nokkel", "col.key_nok", "nok", status="nokkel_status"),
                ColumnSpec("differanse", "col.difference_nok", "nok", status="differanse_status"),
            ),
            extra_sources=("beregning-nokkel",),
            denominators=True,
            when=HasRows(("county_key",)),
        ),
        TableSpec(
            "mottakere",
            "county.table_recipients",
            "county_recipients",
            (YEAR, SCHEME, ColumnSpec("mottaker_navn", "col.recipient", link=recipient_link), AMOUNT),
            select=recipients_in_order,
            when=HasRows(("county_recipients",)),
        ),
        TableSpec(
            "rapportering",
            "county.table_reporting",
            "county_reporting",
            (YEAR, *COUNTS),
            when=HasRows(("county_reporting",)),
        ),
        # The comparable series in today's borders: only for today's counties that came out of a reform.
        TableSpec(
            "sammenlignbar",
            "county.table_comparable",
            "county_comparable",
            (YEAR, SCHEME, ColumnSpec("fra_fylker", "col.from_counties"), AMOUNT),
            extra_sources=("ssb-klass-104-endringer",),
            sources_from=("county_by_scheme_year",),
            when=AllOf((HasRows(("county_comparable", "county_transitions")), is_current)),
        ),
    ),
    charts=(
        ChartSpec("bokforinger", "bokforinger", BorderMarks(Stacked("aar", series="post_tekst")), bookings_caption),
        ChartSpec(
            "per-ordning-og-aar", "per-ordning-og-aar", BorderMarks(Stacked("aar", series="ordning")), total_caption
        ),
        ChartSpec("per-larerarsverk", "per-larerarsverk", BorderMarks(fte_lines), fte_caption, when=has_per_fte),
        ChartSpec("rapportering", "rapportering", BorderMarks(ReportingBars("aar")), reporting_caption),
        ChartSpec(
            "sammenlignbar",
            "sammenlignbar",
            Stacked("aar", series="ordning", mode="group"),
            Words("county.caption_comparable"),
        ),
    ),
)


def county(rows: Rows, params: Mapping[str, Any]) -> Content:
    """One county page."""
    info = params["row"]
    navn = info["navn"]
    tables, figures = sections(COUNTY, PageInput(rows, info, {"navn": navn}))
    name = navn + (f" {t('county.expired')}" if info["utgatt"] else "")
    shown = frozenset(tb.id for tb in tables)
    links = transition_links(rows["county_transitions"])
    history = page_history(params["shared"], "county", str(info["fylkesnummer"]))
    facts = CountyFacts(info, rows["county_offices"], links, name, shown, county_keys(rows, navn), history)
    crumbs = ((t("nav.home"), url_for("home")), (t("nav.counties"), url_for("counties")))
    return Content(name, t("county.description", navn=navn), crumbs, tables, figures, facts)


def transition_links(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Predecessor and successor links with their reform year."""
    out = []
    for r in rows:
        href = url_for("county", fylke=r["fylkesnummer"], navn=r["navn"]) if r["har_side"] else ""
        share = fmt.pct(Decimal(r["andel"])) if r["relasjon"] == "deling" else ""
        out.append({**r, "href": href, "share": share})
    return out
