"""Data tables as plain, formatted structures: the same rows feed the HTML table and the downloads."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from builder.model.statuses import FLAGGED, MARK, known
from builder.render import fmt

NUMERIC_KINDS = {"nok", "int", "dec1", "pct", "signed_pct"}


@dataclass(frozen=True)
class Column:
    """One column: the row key, its header (with unit), and how to format it."""

    key: str
    label: str
    kind: str = "text"
    status_key: str | None = None
    link: Callable[[Mapping[str, Any]], str] | None = None
    heat: bool = False
    words: Callable[[Any], str] | None = None  # display text of a code (the value, and so the downloads, keep it)
    empty: str | None = None  # display text of an empty cell instead of «–»
    also: str | None = None  # row key of a second name shown in parentheses (a scheme's short name), page only
    pin: bool = False  # the amount a scrolling table keeps in view at the right, where it is not the rule's pick

    @property
    def numeric(self) -> bool:
        """True for right-aligned numeric columns."""
        return self.kind in NUMERIC_KINDS


@dataclass(frozen=True)
class Cell:
    """A formatted cell: text, the raw value for sorting and downloads, an optional status mark and link."""

    text: str
    value: Any
    mark: str = ""
    href: str = ""
    level: int | None = None
    status: str | None = None


@dataclass(frozen=True)
class Table:
    """A captioned table with its source ids and the statuses of its cells."""

    id: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    sources: tuple[str, ...]
    statuses: frozenset[str]
    sortable: bool = False

    @property
    def pinned(self) -> int | None:
        """The column a scrolling table keeps in view at the right: a pinned one, else a numeric last column (a sum,
        an amount), else the last amount (kr) column; None where the table has none of them."""
        cols = self.columns
        pinned = [i for i, c in enumerate(cols) if c.pin]
        if pinned:
            return pinned[0]
        if len(cols) > 1 and cols[-1].numeric:
            return len(cols) - 1
        amounts = [i for i, c in enumerate(cols) if c.kind == "nok" and i > 0]
        return amounts[-1] if amounts else None

    @property
    def flagged(self) -> list[str]:
        """The non-official statuses in the table, in a fixed order."""
        return [s for s in FLAGGED if s in self.statuses]


def format_value(value: Any, kind: str) -> str:
    """Display text for a value of a column kind."""
    if value is None:
        return "–"
    formatters: dict[str, Callable[[Any], str]] = {
        "nok": lambda v: fmt.number(v),
        "int": lambda v: fmt.number(v),
        "dec1": lambda v: fmt.number(v, 1),
        "pct": fmt.pct,
        "signed_pct": fmt.signed_pct,
        "date": fmt.date_nb,
        "year": str,
        "bool": lambda v: "ja" if v else "nei",
    }
    return formatters.get(kind, str)(value)


def table(
    table_id: str,
    caption: str,
    rows: Iterable[Mapping[str, Any]],
    columns: Sequence[Column],
    *,
    source_key: str = "kilde_id",
    extra_sources: Iterable[str] = (),
    sortable: bool = False,
) -> Table:
    """Build a Table from query rows; sources are the distinct source ids on the rows."""
    rows = list(rows)
    cuts = {c.key: _cuts([r.get(c.key) for r in rows]) for c in columns if c.heat}
    body = tuple(tuple(_cell(r, c, cuts.get(c.key), table_id) for c in columns) for r in rows)
    sources = {s for r in rows for s in str(r.get(source_key) or "").split(",") if s} | set(extra_sources)
    statuses = frozenset(str(r[c.status_key]) for r in rows for c in columns if c.status_key and r.get(c.status_key))
    return Table(table_id, caption, tuple(columns), body, tuple(sorted(sources)), statuses, sortable=sortable)


def _cuts(values: Sequence[Any]) -> list[Any]:
    """Four cut points splitting a column's values into five heat levels."""
    known = sorted(v for v in values if v is not None)
    return [known[min(len(known) - 1, len(known) * k // 5)] for k in range(1, 5)] if known else []


def _cell(row: Mapping[str, Any], col: Column, cuts: list[Any] | None = None, table_id: str = "") -> Cell:
    """One formatted cell."""
    value = row.get(col.key)
    status = (
        known(row.get(col.status_key), f"tabell «{table_id}», kolonne «{col.key}»")
        if col.status_key and value is not None
        else None
    )
    mark = MARK[status] if status else ""
    href = col.link(row) if col.link and value is not None else ""
    if isinstance(value, Decimal) and col.kind in ("nok", "int"):
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value
    level = sum(1 for cut in cuts if value > cut) if cuts is not None and value is not None else None
    if value is None:
        text = col.empty or format_value(value, col.kind)
    else:
        text = col.words(value) if col.words else format_value(value, col.kind)
        text = with_also(text, row.get(col.also)) if col.also else text
    return Cell(text, value, mark, href, level, status)


def with_also(text: str, other: Any) -> str:
    """A name with a second name in parentheses, unless that one is empty or already part of the name."""
    return f"{text} ({other})" if other and str(other).casefold() not in text.casefold() else text
