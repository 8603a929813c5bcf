"""Pages as data: table and chart specs, and the one function that turns them and query rows into Tables and Charts."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.model import codes
from builder.model.page_content import denominator_sources, sources_of
from builder.model.pivot import AMOUNT_LABEL, SUM_LABEL, Pivot, pivot, value_columns
from builder.model.tables import Column, Table, table
from builder.render.charts import Chart, Figure
from builder.render.i18n import t

Row = Mapping[str, Any]


@dataclass(frozen=True)
class PageInput:
    """What a page's specs are read against: its query rows, the row that lists the page, and words for captions."""

    rows: Mapping[str, Sequence[Row]]
    row: Row
    words: Mapping[str, Any]


Condition = Callable[[PageInput], bool]
RowRule = Callable[[Sequence[Row], PageInput], Sequence[Row]]
FigureRule = Callable[[Sequence[Row], PageInput], Figure]
TextRule = Callable[[Sequence[Row], PageInput], str]


def always(page: PageInput) -> bool:
    """The condition of a section every page of its kind has."""
    return True


@dataclass(frozen=True)
class HasRows:
    """True when every named query returned rows."""

    queries: tuple[str, ...]

    def __call__(self, page: PageInput) -> bool:
        """Whether the condition holds on this page."""
        return all(page.rows[q] for q in self.queries)


@dataclass(frozen=True)
class AllOf:
    """True when every condition holds."""

    conditions: tuple[Condition, ...]

    def __call__(self, page: PageInput) -> bool:
        """Whether the condition holds on this page."""
        return all(c(page) for c in self.conditions)


@dataclass(frozen=True)
class ColumnSpec:
    """One column: the row key, the i18n key of its header, its kind, the row key of its status, a link rule."""

    key: str
    label: str
    kind: str = "text"
    status: str | None = None
    link: Callable[[Row], str] | None = None
    heat: bool = False
    words: str | None = None  # a vocabulary of builder/model/codes.py: the page shows the word, downloads the code
    empty: str | None = None  # the i18n key of an empty cell's text
    also: str | None = None  # the row key of a second name the page shows in parentheses (downloads keep the value)
    pin: bool = False  # the amount a scrolling table keeps in view at the right (Table.pinned)

    def column(self) -> Column:
        """The column with its header in words."""
        return Column(
            self.key,
            t(self.label),
            self.kind,
            status_key=self.status,
            link=self.link,
            heat=self.heat,
            words=codes.worder(self.words) if self.words else None,
            empty=t(self.empty) if self.empty else None,
            also=self.also,
            pin=self.pin,
        )

    def message_keys(self) -> set[str]:
        """The header's key, the empty cell's and those of the words of its codes."""
        return {self.label} | ({self.empty} if self.empty else set()) | codes.keys(self.words)


@dataclass(frozen=True)
class TableSpec:
    """A table: its id, caption key, query, columns, and where its rows, sources and presence come from.

    `select` narrows or orders the query rows; `pivot` turns them wide (its value columns follow `columns`).
    Sources are the rows' own `kilde_id`s, plus `extra_sources`, those of the `sources_from` queries and, with
    `denominators`, the sources of the denominators on the rows. The caption is filled with the page's words and
    `caption_words` of the rows. The table is left out where `when` does not hold."""

    id: str
    caption: str
    query: str
    columns: tuple[ColumnSpec, ...]
    pivot: Pivot | None = None
    select: RowRule | None = None
    extra_sources: tuple[str, ...] = ()
    sources_from: tuple[str, ...] = ()
    denominators: bool = False
    sortable: bool = False
    when: Condition = always
    caption_words: Callable[[Sequence[Row]], Mapping[str, Any]] | None = None


@dataclass(frozen=True)
class ChartSpec:
    """A chart of a table: the figure rule gets the table's rows before any pivot, the caption rule the rows as
    the table shows them. Left out with its table, or where `when` does not hold."""

    id: str
    table: str
    figure: FigureRule
    caption: TextRule
    when: Condition = always


@dataclass(frozen=True)
class PageSpec:
    """Everything a page kind shows as tables and charts, in page order."""

    tables: tuple[TableSpec, ...]
    charts: tuple[ChartSpec, ...] = ()

    def message_keys(self) -> set[str]:
        """Every message key the spec names: captions, headers, axis titles and fixed caption texts."""
        keys = {ts.caption for ts in self.tables}
        keys |= {k for ts in self.tables for c in ts.columns for k in c.message_keys()}
        keys |= {AMOUNT_LABEL, SUM_LABEL} if any(ts.pivot for ts in self.tables) else set()
        for cs in self.charts:
            y_title = getattr(cs.figure, "y_title", None)
            keys |= {y_title} if isinstance(y_title, str) else set()
            keys |= {cs.caption.key} if isinstance(cs.caption, Words) else set()
        return keys


@dataclass(frozen=True)
class Built:
    """A built table with the rows it came from (`rows`) and the rows it shows (`shown`)."""

    table: Table
    rows: Sequence[Row]
    shown: Sequence[Row]


def sections(spec: PageSpec, page: PageInput) -> tuple[tuple[Table, ...], tuple[Chart, ...]]:
    """The page's tables and charts, those whose conditions hold, in declared order."""
    built = {ts.id: build_table(ts, page) for ts in spec.tables if ts.when(page)}
    charts = tuple(build_chart(cs, built[cs.table], page) for cs in spec.charts if cs.table in built and cs.when(page))
    return tuple(b.table for b in built.values()), charts


def build_table(spec: TableSpec, page: PageInput) -> Built:
    """One table from its spec and the page's rows."""
    rows = page.rows[spec.query]
    if spec.select:
        rows = spec.select(rows, page)
    shown: Sequence[Row] = rows
    columns = [c.column() for c in spec.columns]
    if spec.pivot:
        shown, order = pivot(rows, spec.pivot)
        columns += value_columns(order, heat=spec.pivot.heat)
    sources = [*spec.extra_sources, *(s for q in spec.sources_from for s in sources_of(page.rows[q]))]
    if spec.denominators:
        sources += denominator_sources(shown)
    words = {**page.words, **(spec.caption_words(rows) if spec.caption_words else {})}
    caption = t(spec.caption, **words)
    return Built(table(spec.id, caption, shown, columns, extra_sources=sources, sortable=spec.sortable), rows, shown)


def build_chart(spec: ChartSpec, built: Built, page: PageInput) -> Chart:
    """One chart of a built table."""
    return Chart(spec.id, spec.figure(built.rows, page), spec.caption(built.shown, page), built.table.id)


@dataclass(frozen=True)
class Words:
    """A caption that is one message filled with the page's words."""

    key: str

    def __call__(self, rows: Sequence[Row], page: PageInput) -> str:
        """The caption."""
        return t(self.key, **page.words)


def first_year(rows: Sequence[Row]) -> dict[str, Any]:
    """Caption words: the year of the first row (None without rows)."""
    return {"aar": rows[0]["aar"] if rows else None}
