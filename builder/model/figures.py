"""Chart rules as data: which rows go on which axis; called with a table's rows they give a figure (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.model.specs import FigureRule, PageInput
from builder.render import charts
from builder.render.charts import Figure
from builder.render.i18n import t


@dataclass(frozen=True)
class Bars:
    """One bar per row, y by x; `y_title` is an i18n key."""

    x: str
    y: str = "belop"
    y_title: str = "col.amount_nok"
    horizontal: bool = False
    hover_unit: str = "kr"

    def __call__(self, rows: Sequence[Mapping[str, Any]], page: PageInput) -> Figure:
        """The figure."""
        return charts.bars(
            rows, x=self.x, y=self.y, y_title=t(self.y_title), horizontal=self.horizontal, hover_unit=self.hover_unit
        )


@dataclass(frozen=True)
class Stacked:
    """Bars of y by x stacked (or grouped) by series; `y_title` is an i18n key."""

    x: str
    series: str
    y: str = "belop"
    y_title: str = "col.amount_nok"
    mode: str = "stack"

    def __call__(self, rows: Sequence[Mapping[str, Any]], page: PageInput) -> Figure:
        """The figure."""
        return charts.stacked_bars(
            rows, x=self.x, y=self.y, series=self.series, y_title=t(self.y_title), mode=self.mode
        )


@dataclass(frozen=True)
class Lines:
    """One line per series, y by x; `y_title` is an i18n key."""

    x: str
    series: str
    y: str = "belop"
    y_title: str = "col.amount_nok"

    def __call__(self, rows: Sequence[Mapping[str, Any]], page: PageInput) -> Figure:
        """The figure."""
        return charts.lines(rows, x=self.x, y=self.y, series=self.series, y_title=t(self.y_title))


def border_years(page: PageInput) -> tuple[int, ...]:
    """The years the page's county changed borders: those of its transitions (predecessors or successors)."""
    return tuple(sorted({int(r["aar"]) for r in page.rows.get("county_transitions", ())}))


@dataclass(frozen=True)
class BorderMarks:
    """A time-series figure rule whose figure marks the years the county's borders changed («Ny fylkesinndeling»)."""

    rule: FigureRule

    @property
    def y_title(self) -> object:
        """The wrapped rule's axis title key, so the spec still declares it."""
        return getattr(self.rule, "y_title", None)

    def __call__(self, rows: Sequence[Mapping[str, Any]], page: PageInput) -> Figure:
        """The figure with its marks."""
        return charts.year_marks(self.rule(rows, page), border_years(page), t("chart.border_change"))
