"""The coverage page /data/dekning/: per scheme, year and level what is published, its status, and for what is
missing the source that would complete it (dekning_kilder.csv) (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from builder.model import codes
from builder.model.page_content import Content, Rows, scheme_link
from builder.model.pages.gaps import scheme_years, year_span
from builder.model.routes import url_for
from builder.model.specs import ColumnSpec, PageInput, PageSpec, TableSpec, build_table
from builder.render.i18n import t

Row = Mapping[str, Any]
LEVELS = ("nasjonalt", "fylke", "statsforvalter", "mottaker")


def level_column(level: str) -> ColumnSpec:
    """One level's column: what is known in words, its status mark, «Ikke publisert» when nothing is."""
    return ColumnSpec(level, f"coverage.col_{level}", status=f"st_{level}", empty="coverage.missing")


COVERAGE = PageSpec(
    tables=(
        TableSpec(
            "dekning",
            "coverage.table",
            "coverage",
            (ColumnSpec("aar", "col.year", "year"), *(level_column(level) for level in LEVELS)),
            select=lambda rows, page: scheme_matrix(rows, page.row),
        ),
    )
)


@dataclass(frozen=True)
class Missing:
    """A level with years not (fully) published, and the source that would complete it."""

    niva: str
    years: str
    source_text: str
    source_id: str


@dataclass(frozen=True)
class SchemeCoverage:
    """One scheme's section: its name and page, its table and what is missing."""

    ordning: str
    href: str
    table_id: str
    missing: tuple[Missing, ...]


@dataclass(frozen=True)
class CoverageFacts:
    """Every scheme's coverage, in the order of the schemes list."""

    schemes: tuple[SchemeCoverage, ...]


def cell_text(found: Row) -> str:
    """What one level has in one year, in words (the status mark comes from the cell's status)."""
    if found["niva"] == "nasjonalt":
        return codes.word("status", found["status"])
    if found["niva"] == "statsforvalter":
        return t("coverage.post_only", n=found["kjent"], av=found["av"])
    if found["kjent"] < found["av"]:
        return t("coverage.partial", n=found["kjent"], av=found["av"])
    return t("coverage.full", status=codes.word("status", found["status"]), av=found["av"])


def complete(found: Row | None) -> bool:
    """Whether a level is fully known in a year (the accounts never split a post, so statsforvalter never is)."""
    return found is not None and found["niva"] != "statsforvalter" and found["kjent"] >= found["av"]


def scheme_matrix(rows: Sequence[Row], scheme: Row) -> list[dict[str, Any]]:
    """One row per year of the scheme: per level the text of what is known and its status (None: not published)."""
    found = {(r["aar"], r["niva"]): r for r in rows if r["ordning_id"] == scheme["ordning_id"]}
    out = []
    for aar in scheme["years"]:
        row: dict[str, Any] = {"aar": aar}
        for level in LEVELS:
            cell = found.get((aar, level))
            row[level] = cell_text(cell) if cell else None
            row[f"st_{level}"] = cell["status"] if cell else None
        out.append(row)
    return out


def missing(scheme: Row, rows: Sequence[Row], sources: Mapping[str, Row]) -> tuple[Missing, ...]:
    """The levels with a year not fully known, each with the source that would complete it."""
    found = {(r["aar"], r["niva"]): r for r in rows if r["ordning_id"] == scheme["ordning_id"]}
    out = []
    for level in LEVELS:
        years = [y for y in scheme["years"] if not complete(found.get((y, level)))]
        if not years:
            continue
        source = sources.get(level)
        text = str(source["kilde_tekst"]) if source else t("coverage.no_source")
        out.append(Missing(level, year_span(years), text, str(source["kilde_id"] or "") if source else ""))
    return tuple(out)


def coverage(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Dekning: one table per scheme (years as rows, levels as columns) and what would complete it."""
    by_scheme: dict[str, dict[str, Row]] = {}
    for r in rows["coverage_sources"]:
        by_scheme.setdefault(str(r["ordning_id"]), {})
        if r["niva"]:
            by_scheme[str(r["ordning_id"])][str(r["niva"])] = r
    schemes = list({str(r["ordning_id"]): r for r in rows["coverage_sources"]}.values())
    spec = COVERAGE.tables[0]
    tables, sections = [], []
    for info in schemes:
        scheme = {**info, "years": scheme_years(info, params["shared"])}
        table_spec = replace(spec, id=f"dekning-{info['ordning_id']}")
        page = PageInput(rows, scheme, {"ordning": info["ordning"]})
        tables.append(build_table(table_spec, page).table)
        gaps = missing(scheme, rows["coverage"], by_scheme[str(info["ordning_id"])])
        sections.append(SchemeCoverage(str(info["ordning"]), scheme_link(info), table_spec.id, gaps))
    crumbs = ((t("nav.home"), url_for("home")), (t("nav.data"), url_for("data")))
    facts = CoverageFacts(tuple(sections))
    return Content(t("coverage.title"), t("coverage.description"), crumbs, tuple(tables), facts=facts)
