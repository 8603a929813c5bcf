"""The budget pages: the three posts that carry the schemes, and one page per post (budget, accounts, who booked
it, what it was booked as, the reconciliation); the accounts never split a post between its schemes (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.model.figures import Stacked
from builder.model.page_content import Content, Rows
from builder.model.pages.budget_words import (
    accounts_caption,
    appropriation_caption,
    as_groups,
    kinds_caption,
    kinds_in_order,
    reconcile_note,
    side_by_side,
    with_kind,
)
from builder.model.pages.history import Release, page_history
from builder.model.pivot import Pivot
from builder.model.routes import url_for
from builder.model.specs import ChartSpec, ColumnSpec, HasRows, PageInput, PageSpec, TableSpec, sections
from builder.render.i18n import t

Row = Mapping[str, Any]
YEAR = ColumnSpec("aar", "col.year", "year")


def post_link(row: Row) -> str:
    """Link to a budget post's page."""
    return url_for("budget_post", kapittel=row["kapittel"], post=row["post"])


def embete_link(row: Row) -> str:
    """Link to the embete page of a booking that maps to an embete, else none."""
    return url_for("embete", embete=row["embete_id"]) if row.get("embete_id") else ""


def money(key: str, label: str, status: str = "status") -> ColumnSpec:
    """An amount column in kroner with its status."""
    return ColumnSpec(key, label, "nok", status=status)


BUDGET = PageSpec(
    tables=(
        TableSpec(
            "poster",
            "budget.table_posts",
            "budget_posts",
            (
                ColumnSpec("post_kode", "budget.col_post", link=post_link),
                ColumnSpec("post_navn", "budget.col_post_name"),
                ColumnSpec("omfatter", "budget.col_carries"),
                YEAR,
                money("saldert", "budget.col_adopted"),
                money("revidert", "budget.col_revised"),
                money("regnskap", "budget.col_accounts"),
            ),
        ),
    )
)


def no_accounts_note(rows: Sequence[Row], page: PageInput) -> list[dict[str, Any]]:
    """The years with a note where the accounts are not closed yet (never a zero)."""
    return [{**r, "merknad": t("budget.no_accounts") if r["regnskap"] is None else None} for r in rows]


BUDGET_POST = PageSpec(
    tables=(
        TableSpec(
            "bevilgning",
            "budget.table_years",
            "budget_post_years",
            (
                YEAR,
                money("saldert", "budget.col_adopted"),
                money("revidert", "budget.col_revised"),
                money("regnskap", "budget.col_accounts"),
                ColumnSpec("merknad", "col.note"),
            ),
            select=no_accounts_note,
        ),
        TableSpec(
            "virksomhetstyper",
            "budget.table_kinds",
            "budget_post_kinds",
            (YEAR,),
            select=kinds_in_order,
            pivot=Pivot("aar", across="virksomhetstype", label="type_navn"),
            when=HasRows(("budget_post_kinds",)),
        ),
        TableSpec(
            "bokforinger",
            "budget.table_bookings",
            "budget_post_bookings",
            (
                YEAR,
                ColumnSpec("virksomhet", "budget.col_entity"),
                ColumnSpec("orgnr", "budget.col_orgnr"),
                ColumnSpec("type_navn", "budget.col_kind"),
                ColumnSpec("embete", "budget.col_embete", link=embete_link),
                money("belop", "col.amount_nok"),
            ),
            select=with_kind,
            when=HasRows(("budget_post_bookings",)),
        ),
        TableSpec(
            "artskontoer",
            "budget.table_accounts",
            "budget_post_accounts",
            (
                YEAR,
                money("lonn", "budget.col_salaries"),
                money("drift", "budget.col_running"),
                money("egne", "budget.col_own"),
                money("overforing", "budget.col_transfers"),
                money("belop", "col.sum_nok"),
            ),
            when=HasRows(("budget_post_accounts",)),
        ),
        TableSpec(
            "avstemming",
            "budget.table_reconcile",
            "budget_post_reconcile",
            (
                YEAR,
                money("regnskap", "budget.col_accounts", "regnskap_status"),
                money("bokfort", "budget.col_booked", "bok_status"),
                ColumnSpec("differanse", "col.difference_nok", "nok", status="status", pin=True),
                ColumnSpec("rader", "budget.col_rows", "int"),
                ColumnSpec("tillatt", "budget.col_allowed", "nok"),
                ColumnSpec("forklaring", "budget.col_why"),
            ),
            select=reconcile_note,
            when=HasRows(("budget_post_reconcile",)),
        ),
    ),
    charts=(
        ChartSpec("bevilgning", "bevilgning", side_by_side, appropriation_caption),
        ChartSpec("virksomhetstyper", "virksomhetstyper", Stacked("aar", series="type_navn"), kinds_caption),
        ChartSpec("artskontoer", "artskontoer", as_groups, accounts_caption),
    ),
)


@dataclass(frozen=True)
class BudgetPostFacts:
    """What the post page shows besides tables: the post, what it carries (with scheme links) and the years
    without accounts."""

    info: Mapping[str, Any]
    carries: Sequence[Mapping[str, Any]]
    open_years: Sequence[int]
    history: Sequence[Release] = ()  # what changed on the page between releases


@dataclass(frozen=True)
class BudgetFacts:
    """What the budget page shows besides its table: the posts, each with its link."""

    posts: Sequence[Mapping[str, Any]]


def budget_crumbs() -> tuple[tuple[str, str], ...]:
    """Breadcrumbs back to the budget page."""
    return ((t("nav.home"), url_for("home")), (t("nav.budget"), url_for("budget")))


def budget(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Budsjett: the three posts with what each carries, budget and accounts in the latest accounts year."""
    tables, _ = sections(BUDGET, PageInput(rows, params["row"], {}))
    posts = [{**r, "href": post_link(r)} for r in rows["budget_posts"]]
    crumbs = ((t("nav.home"), url_for("home")),)
    return Content(t("budget.title"), t("budget.description"), crumbs, tables, facts=BudgetFacts(posts))


def budget_post(rows: Rows, params: Mapping[str, Any]) -> Content:
    """One budget post 2014–: budget and accounts side by side, who booked it, as what, and the reconciliation."""
    info = params["row"]
    words = {"post": info["post_kode"], "navn": info["post_navn"]}
    tables, figures = sections(BUDGET_POST, PageInput(rows, info, words))
    carries = [
        {**r, "href": url_for("scheme", ordning=r["ordning_id"], navn=r["kortnavn"]) if r["kortnavn"] else ""}
        for r in rows["budget_post_carries"]
    ]
    open_years = [int(r["aar"]) for r in rows["budget_post_years"] if r["regnskap"] is None]
    title = t("budget.post_title", post=info["post_kode"], navn=info["post_navn"])
    history = page_history(params["shared"], "budget_post", str(info["kapittel"]), str(info["post"]))
    facts = BudgetPostFacts(info, carries, open_years, history)
    description = t("budget.post_description", post=info["post_kode"])
    return Content(title, description, budget_crumbs(), tables, figures, facts)
