"""Source rules: a figure marked `offisiell` or `beregnet` must rest on an official source, not only a secondary one."""

from __future__ import annotations

from builder.load.collect import Collector, Row
from builder.load.contract import Contract

SECONDARY = "sekundær"
# Statuses a figure resting only on a secondary source may not have (it may be `eksempel`, in a demo).
PUBLIC = ("offisiell", "beregnet")


def official_not_secondary(contract: Contract, rows: dict[str, list[Row]], out: Collector) -> None:
    """A row with status offisiell or beregnet whose only source is secondary (e.g. a news article) is an error."""
    kinds = {s["kilde_id"]: s["type"] for s in rows.get("kilder", [])}
    for spec in contract.resources:
        for row in rows.get(spec.name, []):
            source, status = row.get("kilde_id"), row.get("status")
            if status not in PUBLIC or kinds.get(str(source)) != SECONDARY:
                continue
            out.add(
                "D-SOURCE-SECONDARY",
                spec.path,
                row["_line"],
                f"raden har status «{status}», men den eneste kilden, «{source}», er en sekundærkilde.",
                rowNumber=row["_number"],
                fieldName="status",
                cell=str(status),
                expected="en offisiell kilde for status «offisiell» eller «beregnet»",
                hint="Finn tallet i en offisiell kilde (f.eks. tildelingsbrev eller vedtak). Et tall som bare står i "
                "en sekundærkilde, kan ikke publiseres; det kan bare brukes som «eksempel» i demopakken.",
            )


def missing_reason(contract: Contract, rows: dict[str, list[Row]], out: Collector) -> None:
    """Every source has a date and a URL, or says in `merknad` why not (D-SOURCE-REASON)."""
    spec = next((s for s in contract.resources if s.name == "kilder"), None)
    if spec is None:
        return
    for row in rows.get("kilder", []):
        missing = [name for name, key in (("dato", "dato"), ("lenke", "url")) if row.get(key) in (None, "")]
        if not missing or str(row.get("merknad") or "").strip():
            continue
        out.add(
            "D-SOURCE-REASON",
            spec.path,
            row["_line"],
            f"kilden «{row.get('kilde_id')}» mangler {' og '.join(missing)}, men merknad sier ikke hvorfor.",
            rowNumber=row["_number"],
            fieldName="merknad",
            cell="",
            expected="dato og lenke, eller en merknad som sier hvorfor de mangler",
            hint="Fyll inn dato og url, eller skriv i merknad hvorfor kilden ikke har dem (f.eks. «beregnet av "
            "Kompetanseinnsyn; metoden står på /om/»).",
        )
