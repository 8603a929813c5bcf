"""The recipient pages: every recipient of a grant (tilsagn), and one page per recipient with what it received by
scheme, year and county (pure). A recipient is its org.nr. where the grants give one, else its exact name."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from builder.model.collation import collated, sorted_nb
from builder.model.figures import Stacked
from builder.model.page_content import Content, Rows, county_link, scheme_link
from builder.model.pivot import Pivot
from builder.model.routes import url_for
from builder.model.specs import ChartSpec, ColumnSpec, HasRows, PageInput, PageSpec, TableSpec, sections
from builder.model.statuses import marked, weakest
from builder.render import fmt
from builder.render.i18n import t

Row = Mapping[str, Any]
YEAR = ColumnSpec("aar", "col.year", "year")
AMOUNT = ColumnSpec("belop", "col.amount_nok", "nok", status="status")


def recipient_link(row: Row) -> str:
    """Link to a recipient's page from a row with mottaker_orgnr and mottaker_navn."""
    return url_for("recipient", orgnr=row["mottaker_orgnr"], navn=row["mottaker_navn"])


def page_county_link(row: Row) -> str:
    """Link to the county's page where it has one."""
    return county_link(row) if row["har_side"] else ""


def in_order(rows: Sequence[Row], page: PageInput) -> Sequence[Row]:
    """Recipients in Norwegian order of their names."""
    return collated(rows, by="mottaker_navn", within=())


def several_years(page: PageInput) -> bool:
    """True when the grants span more than one year (only then does a chart over years help)."""
    return len({r["aar"] for r in page.rows["recipient_grants"]}) > 1


def by_scheme_year(rows: Sequence[Row], page: PageInput) -> list[Row]:
    """The grants summed per year and scheme, oldest year first, each sum with the weakest status of its grants."""
    sums: dict[tuple[int, str], dict[str, Any]] = {}
    for r in sorted(rows, key=lambda r: r["aar"]):  # stable: the query's scheme order within a year
        cell = sums.setdefault(
            (r["aar"], r["ordning_id"]),
            {"aar": r["aar"], "ordning_id": r["ordning_id"], "ordning": r["ordning"], "belop": Decimal(0)},
        )
        cell["belop"] += r["belop"]
        cell["status"] = weakest(str(cell.get("status") or r["status"]), r["status"])
        cell["kilde_id"] = ",".join(sorted({*filter(None, cell.get("kilde_id", "").split(",")), str(r["kilde_id"])}))
    return list(sums.values())


def years_caption(wide: Sequence[Row], page: PageInput) -> str:
    """The recipient's largest year in words."""
    top = max(wide, key=lambda r: (r["sum"], r["aar"]))
    words = {"navn": page.words["navn"], "aar": top["aar"], "amount": marked(fmt.mill(top["sum"]), top["st_sum"])}
    return t("recipient.caption_years", **words, first=wide[0]["aar"], last=wide[-1]["aar"])


# The recipients of one scheme, for the scheme page (builder/model/pages/scheme.py), only where it has some.
RECIPIENT_LIST = TableSpec(
    "mottakere",
    "scheme.table_recipients",
    "recipients_in_scheme",
    (
        ColumnSpec("mottaker_navn", "col.recipient", link=recipient_link),
        ColumnSpec("fylker", "recipients.col_counties"),
        ColumnSpec("fra_aar", "recipients.col_first_year", "year"),
        ColumnSpec("til_aar", "col.latest_year", "year"),
        ColumnSpec("tilsagn", "recipients.col_grants", "int"),
        ColumnSpec("belop", "col.sum_nok", "nok", status="status"),
    ),
    select=in_order,
    sortable=True,
    when=HasRows(("recipients_in_scheme",)),
)
RECIPIENTS = PageSpec(
    tables=(
        TableSpec(
            "mottakere",
            "recipients.table",
            "recipients",
            (
                ColumnSpec("mottaker_navn", "col.recipient", link=recipient_link),
                ColumnSpec("mottaker_orgnr", "col.orgnr", empty="recipient.orgnr_unknown"),
                ColumnSpec("ordninger", "col.schemes"),
                ColumnSpec("fylker", "recipients.col_counties"),
                ColumnSpec("fra_aar", "recipients.col_first_year", "year"),
                ColumnSpec("til_aar", "col.latest_year", "year"),
                ColumnSpec("tilsagn", "recipients.col_grants", "int"),
                ColumnSpec("belop", "col.sum_nok", "nok", status="status"),
            ),
            select=in_order,
            sortable=True,
        ),
    )
)
RECIPIENT = PageSpec(
    tables=(
        TableSpec(
            "tilsagn",
            "recipient.table_grants",
            "recipient_grants",
            (
                YEAR,
                ColumnSpec("ordning", "col.scheme", link=scheme_link, also="kortnavn"),
                ColumnSpec("fylke", "col.county", link=page_county_link),
                AMOUNT,
                ColumnSpec("merknad", "col.note"),
            ),
        ),
        TableSpec(
            "per-ordning-og-aar",
            "recipient.table_by_scheme",
            "recipient_grants",
            (YEAR,),
            select=by_scheme_year,
            pivot=Pivot("aar", across="ordning_id", label="ordning"),
            when=several_years,
        ),
    ),
    charts=(ChartSpec("per-ordning-og-aar", "per-ordning-og-aar", Stacked("aar", series="ordning"), years_caption),),
)


@dataclass(frozen=True)
class RecipientFacts:
    """What the recipient template shows besides tables: the recipient's row (org.nr., years), its total in words
    with its status mark, the other names its grants give under the same org.nr., and the ids of its tables."""

    info: Mapping[str, Any]
    summary: str
    other_names: Sequence[str]
    shown: frozenset[str]


@dataclass(frozen=True)
class RecipientsFacts:
    """What the recipient list shows besides its table: how many recipients and how many have an org.nr."""

    count: int
    with_orgnr: int


def recipients(rows: Rows, params: Mapping[str, Any]) -> Content:
    """The list of every recipient."""
    listed = rows["recipients"]
    tables, _ = sections(RECIPIENTS, PageInput(rows, params["row"], {}))
    facts = RecipientsFacts(len(listed), sum(1 for r in listed if r["mottaker_orgnr"]))
    crumbs = ((t("nav.home"), url_for("home")),)
    return Content(t("recipients.title"), t("recipients.description"), crumbs, tables, (), facts)


def recipient(rows: Rows, params: Mapping[str, Any]) -> Content:
    """One recipient's page."""
    info = params["row"]
    navn = str(info["mottaker_navn"])
    tables, figures = sections(RECIPIENT, PageInput(rows, info, {"navn": navn}))
    names = sorted_nb(list({str(r["mottaker_navn"]) for r in rows["recipient_grants"] if r["mottaker_navn"]} - {navn}))
    years = fmt.years(info["fra_aar"], info["til_aar"])
    total = marked(fmt.mill(info["belop"]), info["status"])
    summary = t("recipient.summary", amount=total, count=info["tilsagn"], years=years)
    facts = RecipientFacts(info, summary, tuple(names), frozenset(tb.id for tb in tables))
    crumbs = ((t("nav.home"), url_for("home")), (t("nav.recipients"), url_for("recipients")))
    return Content(navn, t("recipient.description", navn=navn), crumbs, tables, figures, facts)
