"""The method page (statuses, the reform mapping, sources) and the 404 page (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.model import codes
from builder.model.page_content import Content, Rows
from builder.model.pages.listings import home_crumbs
from builder.model.specs import ColumnSpec, PageInput, PageSpec, TableSpec, sections
from builder.render import fmt
from builder.render.i18n import t


@dataclass(frozen=True)
class AboutFacts:
    """What the method page shows besides tables: every source."""

    sources: Sequence[Mapping[str, Any]]


ABOUT = PageSpec(
    tables=(
        TableSpec(
            "statuser",
            "about.table_status",
            "status_counts",
            (
                ColumnSpec("belopstype", "col.amount_kind", words="belopstype"),
                ColumnSpec("status", "col.status", words="status"),
                ColumnSpec("rader", "col.rows", "int"),
                ColumnSpec("belop", "col.amount_nok", "nok"),
            ),
            extra_sources=("beregning-nokkel",),
        ),
        TableSpec(
            "fylkesoverganger",
            "about.table_transitions",
            "transitions",
            (
                ColumnSpec("aar", "col.year", "year"),
                ColumnSpec("fra_navn", "col.from_county"),
                ColumnSpec("til_navn", "col.to_county"),
                ColumnSpec("relasjon", "col.relation", words="relasjon"),
                ColumnSpec("andel", "col.share", "pct"),
                ColumnSpec("merknad", "col.note"),
            ),
        ),
        TableSpec(
            "kilder",
            "about.table_sources",
            "sources",
            (
                ColumnSpec("kilde_id", "col.source_id"),
                ColumnSpec("tittel", "col.title"),
                ColumnSpec("utgiver", "col.publisher"),
                ColumnSpec("dato", "col.date", "date"),
                ColumnSpec("type", "col.source_type", words="kildetype"),
                ColumnSpec("merknad", "about.col_reason"),
            ),
        ),
    )
)


def about(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Om tallene: statuses, the reform mapping, sources, accessibility."""
    facts_of_site = params["shared"]["facts"]
    words = {"years": fmt.words(facts_of_site.reform_years)}
    tables, _ = sections(ABOUT, PageInput(rows, params["row"], words))
    facts = AboutFacts([{**s, "type_navn": codes.word("kildetype", s["type"])} for s in rows["sources"]])
    return Content(t("about.title"), t("about.description"), home_crumbs(), tables, facts=facts)


def notfound(rows: Rows, params: Mapping[str, Any]) -> Content:
    """The 404 page."""
    return Content(t("notfound.title"), t("notfound.description"), home_crumbs())
