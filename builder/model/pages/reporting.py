"""Reporting completeness, shown per year on a county page and per county on a year page (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from builder.model.specs import ColumnSpec, PageInput
from builder.render import charts, fmt
from builder.render.charts import Figure
from builder.render.i18n import t

COUNTS = (
    ColumnSpec("rapporter", "col.reports", "int", status="status"),
    ColumnSpec("i_tide", "col.on_time", "int", status="status"),
    ColumnSpec("sent", "col.late", "int", status="status"),
    ColumnSpec("mangler", "col.missing", "int", status="status"),
)
CATEGORIES = (("on_time", "i_tide"), ("late", "sent"), ("missing", "mangler"))


@dataclass(frozen=True)
class ReportingBars:
    """Stacked bars by x: reported on time, late, missing."""

    x: str

    def __call__(self, rows: Sequence[Mapping[str, Any]], page: PageInput) -> Figure:
        """The figure."""
        long = [{"x": r[self.x], "kategori": t(f"col.{k}"), "antall": r[v]} for r in rows for k, v in CATEGORIES]
        return charts.stacked_bars(
            long, x="x", y="antall", series="kategori", y_title=t("col.reports"), hover_unit=t("unit.reports")
        )


def reporting_caption(rows: Sequence[Mapping[str, Any]], page: PageInput) -> str:
    """Share reported on time over all rows."""
    total = sum(r["rapporter"] for r in rows)
    if not total:
        return t("table.empty")
    on_time = sum(r["i_tide"] for r in rows)
    missing = sum(r["mangler"] for r in rows)
    return t("county.caption_reporting", share=fmt.pct(Decimal(on_time) / total, 0), total=total, missing=missing)
