"""Validate every declared input file and return typed rows; all findings at once (reliability.md §2)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from builder.errors import Finding, sort_findings
from builder.load.accounts_checks import embete_overlaps, embete_years
from builder.load.cells import Problem, Value, clean_text, parse_cell
from builder.load.collect import CellReporter, Collector, Row
from builder.load.contract import Contract, FieldSpec, ResourceSpec
from builder.load.cross_checks import county_years, foreign_keys, outliers, reconcile, transition_shares
from builder.load.data_paths import entries, entry_problem
from builder.load.demo_checks import examples_only_in_demo
from builder.load.limits import LIMITS, Limits, grouped
from builder.load.name_checks import name_periods
from builder.load.read import Table, read_table
from builder.load.source_checks import missing_reason, official_not_secondary

TOTAL_NAMES = re.compile(r"^(sum|totalt?|hele landet|heile landet|i alt|norge)$", re.IGNORECASE)


@dataclass(frozen=True)
class Validated:
    """Typed rows per resource (each with `_line`) and every finding."""

    rows: dict[str, list[Row]]
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not any(f.severity == "error" for f in self.findings)


def validate(contract: Contract, max_bytes: int | None = None, limits: Limits = LIMITS) -> Validated:
    """Read, check and type every resource of the contract."""
    if max_bytes is not None:
        limits = replace(limits, file_bytes=max_bytes)
    out = Collector()
    unlisted(contract, out)
    rows: dict[str, list[Row]] = {}
    unread: set[str] = set()
    for spec in contract.resources:
        table = read_table(contract.root, spec, out.add, limits)
        if not table.readable:
            unread.add(spec.name)
        rows[spec.name] = typed_rows(table, contract, out, limits.cell_chars)
        duplicates(spec, rows[spec.name], out)
    # A file that could not be read has no rows; checks against it would only repeat that finding.
    foreign_keys(contract, rows, out, unread)
    county_years(contract, rows, out)
    reconcile(contract, rows, out, unread)
    outliers(rows.get("tildelinger", []), out)
    transition_shares(rows.get("fylkesoverganger", []), out)
    embete_years(rows, out)
    embete_overlaps(rows.get("statsforvaltere", []), out)
    name_periods(rows, out)
    examples_only_in_demo(contract, rows, out)
    official_not_secondary(contract, rows, out)
    missing_reason(contract, rows, out)
    return Validated(rows, sort_findings(out.findings))


def unlisted(contract: Contract, out: Collector) -> None:
    """Every entry in data/ must be declared (D-1) and be a regular file inside data/; nothing is opened here."""
    resources = {r.path for r in contract.resources}
    for rel, path in entries(contract.root):
        released = rel.startswith(contract.releases_dir + "/") and rel.endswith(".json")
        if "__pycache__" in rel or rel in resources:
            continue  # resources are checked when read (read_table)
        problem = entry_problem(contract.root, path)
        if rel in contract.listed_files or released:
            if problem:
                out.add("D-PATH", rel, 0, f"filen {problem} og blir ikke lest.")
            continue
        out.add(
            "D-MANIFEST",
            rel,
            0,
            "filen er ikke oppført i datapackage.json" + (f" (den {problem})." if problem else "."),
            hint="Legg den til som ressurs med fullt skjema, eller fjern den fra data/.",
        )


def typed_rows(table: Table, contract: Contract, out: Collector, max_chars: int = LIMITS.cell_chars) -> list[Row]:
    """Parse every cell of every record; rows with a bad cell are kept out."""
    spec = table.spec
    keys = key_fields(spec)
    years = (contract.first_year, contract.last_year)
    problem = CellReporter(out, spec.path, spec.sheet if spec.format == "xlsx" else None)
    fields = [(idx, f, f.name in keys) for idx, f in enumerate(spec.fields, start=1)]
    rows = []
    for rec in table.records:
        row: Row = {"_line": rec.line, "_number": rec.number}
        good = True
        for (idx, f, key), raw in zip(fields, rec.cells, strict=True):
            problem.move(rec.line, rec.number, f.name, idx, raw)
            ok, value = typed_cell(raw, f, key, years, spec, problem, max_chars)
            good &= ok
            row[f.name] = value
        if good and not total_row(spec, row, out):
            rows.append(row)
    return rows


def typed_cell(
    raw: str | None,
    f: FieldSpec,
    key: bool,
    years: tuple[int, int],
    spec: ResourceSpec,
    problem: Problem,
    max_chars: int = LIMITS.cell_chars,
) -> tuple[bool, Value]:
    """Clean then parse one cell; an overlong cell is refused before any other check."""
    if raw is not None and len(raw) > max_chars:
        problem("D-LIMIT", f"cellen har {grouped(len(raw))} tegn, grensen er {grouped(max_chars)}.")
        return False, None
    text = "" if raw is None else clean_text(raw, f, key, problem)
    if text is None:
        return False, None
    return parse_cell(text, f, years, spec.missing_values, problem)


def key_fields(spec: ResourceSpec) -> set[str]:
    """Fields where padding is an error: keys, codes and constrained ids."""
    keys = set(spec.primary_key) | {f for fk in spec.foreign_keys for f in fk[0]}
    return keys | {f.name for f in spec.fields if f.role or f.pattern or f.enum}


def total_row(spec: ResourceSpec, row: Row, out: Collector) -> bool:
    """A sum row inside the data is an error (D-14)."""
    for f in spec.fields:
        value = row.get(f.name)
        is_total = (f.role == "fylke" and value == "00") or (
            f.type == "string" and isinstance(value, str) and not f.enum and TOTAL_NAMES.match(value.strip())
        )
        if is_total:
            out.add(
                "D-TOTALROW",
                spec.path,
                row["_line"],
                f"linje {row['_line']} ser ut som en summeringsrad («{value}»). "
                "Summer skal ikke ligge blant fylkesradene.",
                rowNumber=row["_number"],
                fieldName=f.name,
            )
            return True
    return False


def duplicates(spec: ResourceSpec, rows: list[Row], out: Collector) -> None:
    """Exact duplicate rows and duplicate primary keys, naming both lines (D-11)."""
    seen_rows: dict[tuple[Any, ...], int] = {}
    seen_keys: dict[tuple[Any, ...], int] = {}
    names = [f.name for f in spec.fields]
    for row in rows:
        whole = tuple(row[n] for n in names)
        if whole in seen_rows:
            out.add(
                "D-DUPROW",
                spec.path,
                row["_line"],
                f"linje {row['_line']} er identisk med linje {seen_rows[whole]}.",
                rowNumber=row["_number"],
            )
            continue
        seen_rows[whole] = row["_line"]
        if not spec.primary_key:
            continue
        key = tuple("" if row[k] is None else row[k] for k in spec.primary_key)
        if key in seen_keys:
            shown = ", ".join(str(k) for k in key if k != "")
            out.add(
                "D-DUPKEY",
                spec.path,
                row["_line"],
                f"nøkkel ({shown}) finnes på linje {seen_keys[key]} og linje {row['_line']}.",
                rowNumber=row["_number"],
                expected=f"unik ({', '.join(spec.primary_key)})",
            )
        else:
            seen_keys[key] = row["_line"]
