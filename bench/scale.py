"""Packages for the benchmark: a copy of the bundled data, and the demo package with its grants (tilsagn) replaced by
N generated recipients, so that a build has exactly N recipient pages; every data check stays green."""

from __future__ import annotations

import csv
import io
import itertools
import shutil
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "examples" / "demo"
DEMO_CONTENT = ROOT / "examples" / "content"
GRANTS_PER_RECIPIENT = 8  # about the demo's own 1 091 grants to 131 recipients
ORG_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)  # the modulus-11 weights of builder/load/cells.py


def copy_data(dest: Path) -> Path:
    """A copy of data/ (draft: no release manifests)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "data", dest, ignore=shutil.ignore_patterns("__pycache__", "utgivelser"))
    return dest


def check_digit(first8: str) -> int | None:
    """The modulus-11 check digit of an org.nr.'s first eight digits, or None where none exists (remainder 1)."""
    rest = sum(int(d) * w for d, w in zip(first8, ORG_WEIGHTS, strict=True)) % 11
    check = 0 if rest == 0 else 11 - rest
    return None if check == 10 else check


def orgnrs() -> Iterator[str]:
    """Valid, distinct organisation numbers (9 digits, modulus-11), from 990000000 up."""
    for n in itertools.count(99_000_000):
        check = check_digit(str(n))
        if check is not None:
            yield f"{n}{check}"


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    """A CSV file's header and rows."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        rows = list(reader)
    return list(reader.fieldnames or []), rows


def generated_grants(template: list[dict[str, str]], count: int) -> list[dict[str, str]]:
    """`count` recipients with GRANTS_PER_RECIPIENT grants each, in the demo's (year, scheme, county) slots and
    amounts; every other recipient has an org.nr., the rest only a name, so both kinds of address are built."""
    slots = sorted({(r["aar"], r["ordning_id"], r["fylkesnummer"]): r for r in template}.items())
    numbers = orgnrs()
    out = []
    for i in range(count):
        orgnr = next(numbers) if i % 2 == 0 else ""
        name = f"Eksempelmottaker {i + 1:05d} {'AS' if orgnr else 'skolelag'}"
        for j in range(GRANTS_PER_RECIPIENT):
            _, slot = slots[(i * GRANTS_PER_RECIPIENT + j) % len(slots)]
            out.append({**slot, "mottaker_orgnr": orgnr, "mottaker_navn": name, "merknad": ""})
    return out


def demo_with_recipients(count: int, dest: Path) -> dict[str, int]:
    """A copy of examples/demo/ whose grants go to `count` generated recipients (draft: no release manifests)."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(DEMO, dest, ignore=shutil.ignore_patterns("__pycache__", "utgivelser"))
    path = dest / "tildelinger.csv"
    fields, rows = read_rows(path)
    template = [r for r in rows if r["belopstype"] == "tilsagn"]
    if len({(r["aar"], r["ordning_id"], r["fylkesnummer"]) for r in template}) < GRANTS_PER_RECIPIENT:
        raise SystemExit(f"{path}: for få tilsagn å lage mottakere av")
    kept = [r for r in rows if r["belopstype"] != "tilsagn"]
    grants = generated_grants(template, count)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept + grants)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return {"recipients": count, "tilsagn": len(grants), "tildelinger": len(kept) + len(grants)}
