"""The statsforvalter pages: every embete, and one page per embete (bookings per post and year, the counties it
covered, its names, amounts per teacher FTE, the official scheme figures for its counties) (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from builder.model.figures import Bars, Stacked
from builder.model.page_content import Content, Rows, county_link, scheme_link
from builder.model.pages.history import Release, page_history
from builder.model.pages.keyfigures import KeyFigure, embete_keys
from builder.model.routes import url_for
from builder.model.specs import ChartSpec, ColumnSpec, HasRows, PageInput, PageSpec, TableSpec, sections
from builder.render import fmt
from builder.render.i18n import t

Row = Mapping[str, Any]
YEAR = ColumnSpec("aar", "col.year", "year")


def embete_link(row: Row) -> str:
    """Link to an embete's page."""
    return url_for("embete", embete=row["embete_id"])


def post_link(row: Row) -> str:
    """Link to a budget post's page."""
    return url_for("budget_post", kapittel=row["kapittel"], post=row["post"])


def page_county_link(row: Row) -> str:
    """Link to a county's page where it has one."""
    return county_link({**row, "fylke": row.get("fylke") or row.get("navn")}) if row["har_side"] else ""


def today(rows: Sequence[Row], page: PageInput) -> list[Row]:
    """The embeter of today."""
    return [r for r in rows if r["dagens"]]


def earlier(rows: Sequence[Row], page: PageInput) -> list[Row]:
    """The earlier embeter (fylkesmenn and merged offices)."""
    return [r for r in rows if not r["dagens"]]


EMBETE_COLUMNS = (
    ColumnSpec("navn", "embete.col_embete", link=embete_link),
    ColumnSpec("fra_aar", "embete.col_from", "year"),
    ColumnSpec("til_aar", "embete.col_to", "year"),
    ColumnSpec("fylker", "embete.col_counties_last"),
    ColumnSpec("bok_aar", "embete.col_booked_year", "year"),
    ColumnSpec("belop_226_21", "embete.col_226_21", "nok", status="status_226_21"),
    ColumnSpec("belop_231_21", "embete.col_231_21", "nok", status="status_231_21"),
)
EMBETER = PageSpec(
    tables=(
        TableSpec("embeter-i-dag", "embete.table_today", "embeter", EMBETE_COLUMNS, select=today),
        TableSpec("embeter-tidligere", "embete.table_earlier", "embeter", EMBETE_COLUMNS, select=earlier),
    )
)


def bookings_caption(rows: Sequence[Row], page: PageInput) -> str:
    """What the embete booked in its latest year, in words."""
    last = max(r["aar"] for r in rows)
    year = [r for r in rows if r["aar"] == last]
    total = sum((r["belop"] for r in year), Decimal(0))
    posts = fmt.words([f"{r['post_kode']} {fmt.mill(r['belop'])}" for r in year])
    return t("embete.caption_bookings", navn=page.words["navn"], aar=last, total=fmt.mill(total), poster=posts)


def per_fte_caption(rows: Sequence[Row], page: PageInput) -> str:
    """The latest amount per teacher FTE, in words."""
    last = rows[-1]
    return t("embete.caption_per_fte", aar=last["aar"], belop=fmt.nok(last["per_larerarsverk"]))


EMBETE = PageSpec(
    tables=(
        TableSpec(
            "bokforinger",
            "embete.table_bookings",
            "embete_bookings",
            (
                YEAR,
                ColumnSpec("post_kode", "embete.col_post", link=post_link),
                ColumnSpec("virksomhet", "embete.col_booked_as"),
                ColumnSpec("belop", "col.amount_nok", "nok", status="status"),
            ),
            when=HasRows(("embete_bookings",)),
        ),
        TableSpec(
            "fylker",
            "embete.table_counties",
            "embete_counties",
            (
                ColumnSpec("fylkesnummer", "col.county_no"),
                ColumnSpec("navn", "col.county", link=page_county_link),
                ColumnSpec("fra_aar", "embete.col_from", "year"),
                ColumnSpec("til_aar", "embete.col_to", "year"),
            ),
            when=HasRows(("embete_counties",)),
        ),
        TableSpec(
            "offisielle-navn",
            "embete.table_names",
            "embete_lineage",
            (
                ColumnSpec("navn", "embete.col_official_name", link=embete_link),
                ColumnSpec("orgnr", "embete.col_orgnr"),
                ColumnSpec("fra_aar", "embete.col_from", "year"),
                ColumnSpec("til_aar", "embete.col_to", "year"),
            ),
        ),
        TableSpec(
            "bokforte-navn",
            "embete.table_booked_names",
            "embete_booked_names",
            (YEAR, ColumnSpec("virksomhet", "embete.col_booked_as"), ColumnSpec("poster", "embete.col_posts")),
            when=HasRows(("embete_booked_names",)),
        ),
        TableSpec(
            "per-larerarsverk",
            "embete.table_per_fte",
            "embete_per_fte",
            (
                YEAR,
                ColumnSpec("fylkesnumre", "embete.col_county_codes"),
                ColumnSpec("belop", "embete.col_226_21", "nok", status="bok_status"),
                ColumnSpec("larerarsverk", "col.fte", "dec1", status="nevner_status"),
                ColumnSpec("nevner_status", "embete.col_denominator_status", words="status"),
                ColumnSpec("per_larerarsverk", "col.per_fte", "nok", status="status"),
            ),
            denominators=True,
            when=HasRows(("embete_per_fte",)),
        ),
        TableSpec(
            "tildelinger",
            "embete.table_allocations",
            "embete_allocations",
            (
                YEAR,
                ColumnSpec("ordning", "col.scheme", link=scheme_link, also="kortnavn"),
                ColumnSpec("fylke", "col.county", link=page_county_link),
                ColumnSpec("belopstype", "embete.col_amount_kind", words="belopstype"),
                ColumnSpec("mottaker_navn", "embete.col_recipient"),
                ColumnSpec("belop", "col.amount_nok", "nok", status="status"),
            ),
            when=HasRows(("embete_allocations",)),
        ),
    ),
    charts=(
        ChartSpec("bokforinger", "bokforinger", Stacked("aar", series="post_kode", mode="group"), bookings_caption),
        ChartSpec("per-larerarsverk", "per-larerarsverk", Bars("aar", y="per_larerarsverk"), per_fte_caption),
    ),
)


@dataclass(frozen=True)
class EmbeteFacts:
    """What the embete template shows besides tables: the embete row, whether it exists today, the key figures."""

    info: Mapping[str, Any]
    current: bool
    keys: Sequence[KeyFigure] = ()
    history: Sequence[Release] = ()  # what changed on the page between releases


def embeter(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Statsforvaltere: every embete, today's ten first, then the earlier fylkesmenn."""
    tables, _ = sections(EMBETER, PageInput(rows, params["row"], {}))
    crumbs = ((t("nav.home"), url_for("home")),)
    return Content(t("embete.list_title"), t("embete.list_description"), crumbs, tables)


def embete(rows: Rows, params: Mapping[str, Any]) -> Content:
    """One embete: its bookings, counties, names, amounts per teacher FTE and the scheme figures for its counties."""
    info = params["row"]
    tables, figures = sections(EMBETE, PageInput(rows, info, {"navn": info["navn"]}))
    crumbs = ((t("nav.home"), url_for("home")), (t("nav.embeter"), url_for("embeter")))
    description = t("embete.description", navn=info["navn"])
    history = page_history(params["shared"], "embete", str(info["embete_id"]))
    facts = EmbeteFacts(info, bool(info["dagens"]), embete_keys(rows), history)
    return Content(info["navn"], description, crumbs, tables, figures, facts)
