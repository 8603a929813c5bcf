"""Read one declared input file into text records with provenance (reliability.md D-2 to D-5, D-17, D-20)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from builder.load.contract import ResourceSpec
from builder.load.data_paths import read_inside
from builder.load.limits import LIMITS, Limits
from builder.load.read_csv import read_csv
from builder.load.read_xlsx import read_xlsx
from builder.load.records import Record, Report


@dataclass(frozen=True)
class Table:
    """The records of one file, or none when the file could not be read."""

    spec: ResourceSpec
    records: tuple[Record, ...]
    readable: bool


def read_table(root: Path, spec: ResourceSpec, report: Report, limits: Limits = LIMITS) -> Table:
    """Read a resource file as text cells; every problem is reported, never guessed around."""
    data = read_inside(root, spec.path, limits.file_bytes, report)
    if data is None:
        return Table(spec, (), False)
    read = read_xlsx if spec.format == "xlsx" else read_csv
    records = read(data, spec, report, limits)
    if records is None:
        return Table(spec, (), False)
    if not records and not spec.allow_empty:
        report("D-EMPTY", spec.path, 0, f"{spec.path} inneholder ingen datarader.")
    return Table(spec, tuple(records), True)
