"""The record of released data versions (data/<x-releases>/<version>.json): what each version published, so
that a value cannot change silently under a version that is already out (T27)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from pathlib import Path

from builder.errors import BuildError, Exit
from builder.load.contract import Contract
from builder.model.datasets import Dataset
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
    """Write the record of the current version: its date and the sha256 of each published table."""
    path = record_path(contract)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"versjon": contract.release_version, "dato": contract.release_date, "tabeller": manifest(datasets)}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path
