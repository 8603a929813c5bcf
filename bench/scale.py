"""Scale the bundled data by a factor into a directory: more recipients and reporting rows, still valid."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _rewrite(path: Path, factor: int, key: str) -> int:
    """Repeat every row whose `key` is set `factor` times with a numbered recipient; returns the row count."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    fields = list(reader.fieldnames or [])  # the header, also for a file with no rows (rapportering.csv today)
    out_rows = []
    for row in rows:
        if not row["mottaker_navn"] or (key in row and row[key] == "ramme"):
            out_rows.append(row)
            continue
        for i in range(factor):
            copy = dict(row)
            copy["mottaker_navn"] = row["mottaker_navn"] if i == 0 else f"{row['mottaker_navn']} – enhet {i + 1}"
            out_rows.append(copy)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(out_rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return len(out_rows)


def scale(factor: int, dest: Path) -> dict[str, int]:
    """A copy of data/ with tilsagn and reporting rows multiplied by `factor` (draft: no release manifests)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "data", dest, ignore=shutil.ignore_patterns("__pycache__", "utgivelser"))
    return {
        "tildelinger": _rewrite(dest / "tildelinger.csv", factor, "belopstype"),
        "rapportering": _rewrite(dest / "rapportering.csv", factor, ""),
    }
