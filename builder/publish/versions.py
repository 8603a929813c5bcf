"""The record of released data versions (data/<x-releases>/<version>.json): what each version published, so
that a value cannot change silently under a version that is already out (T27), and each page can show what changed
between releases. A record holds each table's sha256 (`tabeller`) and its values (`verdier`: the machine CSV's
cells, one row per line); a record from before values were kept has only the hashes."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from builder.errors import BuildError, Exit
from builder.load.contract import Contract
from builder.model.datasets import Dataset
from builder.model.records import table_values, values_json
from builder.render.bulk import dataset_csv


def manifest(datasets: Sequence[Dataset]) -> dict[str, str]:
    """sha256 of each dataset's machine CSV: what a release publishes."""
    return {ds.name: hashlib.sha256(dataset_csv(ds, excel=False)).hexdigest() for ds in datasets}


def record_path(contract: Contract) -> Path:
    """Where the current version's record lives."""
    return contract.root / contract.releases_dir / f"{contract.release_version}.json"


def check_unchanged(contract: Contract, datasets: Sequence[Dataset]) -> None:
    """Published values may change only with a new version: compare with the record of this version, if any."""
    stored = record_path(contract)
    if not stored.is_file():
        return
    version = contract.release_version
    before = json.loads(stored.read_text(encoding="utf-8"))["tabeller"]
    changed = sorted(k for k, v in manifest(datasets).items() if before.get(k) != v)
    if changed:
        raise BuildError(
            f"data/{contract.releases_dir}/{version}.json",
            f"publiserte verdier er endret i {', '.join(changed)}, men versjon {version} er allerede "
            "utgitt. Øk versjonen i datapackage.json (x-release) og beskriv endringen i "
            "endringslogg.csv.",
            code=Exit.DATA,
        )


def record(contract: Contract, datasets: Sequence[Dataset]) -> Path:
    """Write the record of the current version: its date, the sha256 and the values of each published table."""
    path = record_path(contract)
    path.parent.mkdir(parents=True, exist_ok=True)
    values = {ds.name: values_json(table_values(ds)) for ds in datasets}
    body = {"versjon": contract.release_version, "dato": contract.release_date, "tabeller": manifest(datasets)}
    path.write_text(record_text({**body, "verdier": values}), encoding="utf-8")
    return path


def record_text(body: Mapping[str, Any]) -> str:
    """A record as JSON with sorted keys, two-space indents and each table row on one line (small diffs).
    Each list is first a placeholder, then replaced by its one-line JSON."""
    rows: list[str] = []

    def mark(items: list[str]) -> str:
        rows.append(json.dumps(items, ensure_ascii=False))
        return f"\u0000{len(rows) - 1}"

    def lines(table: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "felt": mark(table["felt"]),
            "nokkel": mark(table["nokkel"]),
            "rader": [mark(r) for r in table["rader"]],
        }

    shown = {**body, "verdier": {k: lines(v) for k, v in body.get("verdier", {}).items()}}
    text = json.dumps(shown, ensure_ascii=False, indent=2, sort_keys=True)
    return re.sub(r'"\\u0000(\d+)"', lambda m: rows[int(m.group(1))], text) + "\n"
