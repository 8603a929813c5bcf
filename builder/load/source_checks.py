"""Source rules: a figure marked `offisiell` must rest on an official source, never only on a secondary one."""

from __future__ import annotations

from builder.load.collect import Collector, Row
from builder.load.contract import Contract

SECONDARY = "sekundær"


def official_not_secondary(contract: Contract, rows: dict[str, list[Row]], out: Collector) -> None:
    """A row with status offisiell whose kilde_id is a secondary source (e.g. a news article) is an error."""
    kinds = {s["kilde_id"]: s["type"] for s in rows.get("kilder", [])}
    for spec in contract.resources:
        for row in rows.get(spec.name, []):
            source = row.get("kilde_id")
            if row.get("status") != "offisiell" or kinds.get(str(source)) != SECONDARY:
                continue
            out.add(
                "D-SOURCE-SECONDARY",
                spec.path,
                row["_line"],
                f"raden har status «offisiell», men kilden «{source}» er en sekundærkilde.",
                rowNumber=row["_number"],
                fieldName="status",
                cell="offisiell",
                expected="en offisiell kilde for status «offisiell»",
                hint="Finn tallet i en offisiell kilde (f.eks. tildelingsbrev eller vedtak), eller sett status til "
                "«beregnet» og forklar i merknad at tallet bygger på en sekundærkilde.",
            )
