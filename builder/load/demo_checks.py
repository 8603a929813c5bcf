"""Illustrative figures only in a demonstration package: a row with status `eksempel` needs `x-demo` (D-DEMO)."""

from __future__ import annotations

from builder.load.collect import Collector, Row
from builder.load.contract import Contract

EXAMPLE = "eksempel"
STATUS_FIELD = "status"


def examples_only_in_demo(contract: Contract, rows: dict[str, list[Row]], out: Collector) -> None:
    """One finding per file holding `eksempel` rows when the package is not declared a demo (x-demo)."""
    if contract.demo:
        return
    for spec in contract.resources:
        if not any(f.name == STATUS_FIELD for f in spec.fields):
            continue
        examples = [r for r in rows.get(spec.name, []) if r[STATUS_FIELD] == EXAMPLE]
        if not examples:
            continue
        first = min(examples, key=lambda r: r["_line"])
        out.add(
            "D-DEMO",
            spec.path,
            first["_line"],
            f"{len(examples)} {'rad' if len(examples) == 1 else 'rader'} har status «{EXAMPLE}» (den første på "
            f"linje {first['_line']}), men datapakken er ikke en demo. Eksempeltall publiseres aldri som "
            "offentlige tall.",
            rowNumber=first["_number"],
            fieldName=STATUS_FIELD,
            cell=EXAMPLE,
            expected="status offisiell eller beregnet, eller «x-demo»: true i datapackage.json",
            hint="Fjern eksempelradene fra data/ (de hører hjemme i examples/demo/, som bygges med make demo), "
            "eller merk pakken som demo med «x-demo»: true.",
        )
