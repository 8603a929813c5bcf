"""What a page shows besides the shared frame, and the small helpers every page assembler uses (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypedDict

from builder.model.changes import History
from builder.model.datasets import Dataset, Release
from builder.model.routes import url_for
from builder.model.site_facts import SiteFacts
from builder.model.tables import Table
from builder.render.charts import Chart

Rows = dict[str, list[dict[str, Any]]]


class Shared(TypedDict):
    """What every page assembler may read besides its own rows, as params["shared"]."""

    facts: SiteFacts
    datasets: tuple[Dataset, ...]
    sizes: Mapping[str, int]
    changelog: tuple[Mapping[str, Any], ...]
    release: Release
    latest_status: int | None
    changes: History  # what changed for each page between releases (builder/model/changes.py)


@dataclass(frozen=True)
class Content:
    """What a page shows besides the shared frame.

    `facts` is what the template shows besides tables and charts: a frozen dataclass per page kind (CountyFacts,
    SchemeFacts, … in builder/model/pages/), or a mapping for the pages that read it by key (editorial pages,
    /data/, the comparison page, whose facts render/feeds.py reads)."""

    title: str
    description: str
    crumbs: tuple[tuple[str, str], ...]
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    facts: Any = field(default_factory=dict)
    shown: frozenset[str] = frozenset()

    @property
    def statuses(self) -> frozenset[str]:
        """Every data status shown on the page, in tables or elsewhere."""
        return self.shown.union(*(tb.statuses for tb in self.tables))

    def table(self, table_id: str) -> Table:
        """The table with this id."""
        return next(tb for tb in self.tables if tb.id == table_id)

    def chart(self, chart_id: str) -> Chart:
        """The chart with this id."""
        return next(ch for ch in self.charts if ch.id == chart_id)


def county_link(row: Mapping[str, Any]) -> str:
    """Link to a county page from a row with fylkesnummer and a name."""
    return url_for("county", fylke=row["fylkesnummer"], navn=row.get("navn") or row["fylke"])


def scheme_link(row: Mapping[str, Any]) -> str:
    """Link to a scheme page from a row with ordning_id and a name."""
    return url_for("scheme", ordning=row["ordning_id"], navn=row["kortnavn"])


def year_link(row: Mapping[str, Any]) -> str:
    """Link to a year page."""
    return url_for("year", aar=row["aar"])


def change(new: Decimal | None, old: Decimal | None) -> Decimal | None:
    """Relative change, or None without a base."""
    return (new - old) / old if new is not None and old else None


def sources_of(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """Distinct source ids on rows."""
    return tuple(sorted({str(r["kilde_id"]) for r in rows if r.get("kilde_id")}))


def denominator_sources(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """Distinct sources of the denominators (teacher FTE counts) used on rows."""
    return tuple(sorted({s for r in rows for s in str(r.get("nevner_kilder") or "").split(",") if s}))
