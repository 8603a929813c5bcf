"""The published values of a data version as the machine CSV's cell texts, and the records of released versions in
data/<x-releases>/ read back; a record from before values were kept holds only the tables' sha256."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.errors import BuildError, Exit
from builder.model.datasets import Dataset
from builder.render.csv_writer import MACHINE, cell


@dataclass(frozen=True)
class TableValues:
    """One published table: its field names, its primary key and every row's cells, in the published order."""

    fields: tuple[str, ...]
    key: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Snapshot:
    """What one version published; `tables` is None for a record that holds only hashes."""

    version: str
    tables: Mapping[str, TableValues] | None
    date: str = ""
    names: frozenset[str] = frozenset()  # the tables the version published (its hashes)


def table_values(ds: Dataset) -> TableValues:
    """A dataset's rows as the cells of its machine CSV (the text a download holds)."""
    names = tuple(str(f["name"]) for f in ds.fields)
    numeric = [f["type"] in ("integer", "number") for f in ds.fields]
    rows = tuple(tuple(cell(r[n], num, MACHINE) for n, num in zip(names, numeric, strict=True)) for r in ds.rows)
    return TableValues(names, tuple(ds.primary_key), rows)


def snapshot(version: str, datasets: Sequence[Dataset]) -> Snapshot:
    """The values a build publishes, as a snapshot of its version."""
    return Snapshot(version, {ds.name: table_values(ds) for ds in datasets})


def values_json(values: TableValues) -> dict[str, Any]:
    """A table's values as the record stores them (`felt`, `nokkel`, `rader`)."""
    return {"felt": list(values.fields), "nokkel": list(values.key), "rader": [list(r) for r in values.rows]}


def version_order(version: str) -> tuple[int, ...]:
    """A version such as 2026.10 as numbers, so that 2026.10 comes after 2026.9."""
    return tuple(int(part) for part in version.split(".") if part.isdigit())


def read_snapshots(folder: Path) -> list[Snapshot]:
    """Every record in the folder, oldest version first (none when the folder does not exist)."""
    if not folder.is_dir():
        return []
    found = [_read(path) for path in sorted(folder.glob("*.json"))]
    return sorted(found, key=lambda s: version_order(s.version))


def _read(path: Path) -> Snapshot:
    """One record; a record that is not what `innsyn release` writes stops the build."""
    where = f"{path.parent.name}/{path.name}"
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        values = body.get("verdier")
        tables = None if values is None else {name: _table(v) for name, v in values.items()}
        return Snapshot(str(body["versjon"]), tables, str(body.get("dato") or ""), frozenset(body["tabeller"]))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BuildError(
            where, f"utgivelsesposten kan ikke leses ({exc}). Skriv den på nytt med innsyn release.", code=Exit.DATA
        ) from exc


def _table(body: Mapping[str, Any]) -> TableValues:
    """One table of a record."""
    fields = tuple(str(f) for f in body["felt"])
    rows = tuple(tuple(str(c) for c in row) for row in body["rader"])
    if any(len(row) != len(fields) for row in rows):
        raise ValueError("en rad har et annet antall verdier enn feltene")
    return TableValues(fields, tuple(str(k) for k in body["nokkel"]), rows)


def first_issued(snapshots: Sequence[Snapshot], names: Sequence[str], today: str) -> dict[str, str]:
    """Each table's first release date: the earliest record that published it, else today's release."""
    return {n: min((s.date for s in snapshots if n in s.names and s.date), default=today) for n in names}
