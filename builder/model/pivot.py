"""Long rows turned wide: one row per key with an amount, a status and a sum per value across (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from builder.model.statuses import weakest
from builder.model.tables import Column
from builder.render.i18n import t

AMOUNT_LABEL = "col.amount_of"
SUM_LABEL = "col.sum_nok"


@dataclass(frozen=True)
class Pivot:
    """One row per `key`, one amount column per `across` value headed by its `label`, then a sum; `keep` carries
    more row keys along, `heat` shades the cells by level."""

    key: str
    across: str
    label: str
    keep: tuple[str, ...] = ()
    heat: bool = False
    value: str = "belop"


def pivot(rows: Sequence[Mapping[str, Any]], spec: Pivot) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Wide rows (one per key) with a value and a status per value across, plus a total; and the column order."""
    key, across, value = spec.key, spec.across, spec.value
    order = list(dict.fromkeys((str(r[across]), str(r[spec.label])) for r in rows))
    wide: dict[Any, dict[str, Any]] = {}
    for r in rows:
        row = wide.setdefault(
            r[key],
            {key: r[key], **{k: r[k] for k in spec.keep}, "sum": Decimal(0), "st_sum": "offisiell", "kilde_id": ""},
        )
        row[f"belop_{r[across]}"] = r[value]
        row[f"st_{r[across]}"] = r["status"]
        row["sum"] += r[value]
        row["st_sum"] = weakest(row["st_sum"], r["status"])
        row["kilde_id"] = ",".join(sorted(set(filter(None, row["kilde_id"].split(","))) | {str(r["kilde_id"])}))
    return list(wide.values()), order


def value_columns(order: Sequence[tuple[str, str]], *, heat: bool = False) -> list[Column]:
    """One amount column per pivoted value and a sum column."""
    cols = [
        Column(f"belop_{k}", t(AMOUNT_LABEL, name=name), "nok", status_key=f"st_{k}", heat=heat) for k, name in order
    ]
    return [*cols, Column("sum", t(SUM_LABEL), "nok", status_key="st_sum", heat=heat)]
