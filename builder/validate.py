"""Validate every declared input file and return typed rows; all findings at once (reliability.md §2)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from builder.cells import Value, clean_text, parse_cell
from builder.contract import MAX_FILE_BYTES, Contract, ResourceSpec
from builder.errors import Finding, sort_findings
from builder.read import Table, read_table

TOTAL_NAMES = re.compile(r"^(sum|totalt?|hele landet|heile landet|i alt|norge)$", re.IGNORECASE)
Row = dict[str, Any]


@dataclass(frozen=True)
class Validated:
    """Typed rows per resource (each with `_line`) and every finding."""

    rows: dict[str, list[Row]]
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        """True when no finding is an error."""
        return not any(f.severity == "error" for f in self.findings)


class Collector:
    """Collects findings; `at()` gives a reporter bound to one place."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, rule: str, file: str, line: int, message: str, *, severity: str = "error", **kw: Any) -> None:
        """Record one finding."""
        self.findings.append(Finding(file=file, line=line, rule=rule, severity=severity, message=message, **kw))

    def at(self, file: str, line: int, **place: Any) -> Any:
        """A reporter for one cell or row."""

        def problem(rule: str, message: str, *, severity: str = "error", **kw: Any) -> None:
            self.add(rule, file, line, message, severity=severity, **{**place, **kw})

        return problem


def validate(contract: Contract, max_bytes: int = MAX_FILE_BYTES) -> Validated:
    """Read, check and type every resource of the contract."""
    out = Collector()
    unlisted(contract, out)
    rows: dict[str, list[Row]] = {}
    for spec in contract.resources:
        table = read_table(contract.root, spec, out.add, max_bytes=max_bytes)
        rows[spec.name] = typed_rows(table, contract, out)
        duplicates(spec, rows[spec.name], out)
    foreign_keys(contract, rows, out)
    county_years(contract, rows, out)
    reconcile(contract, rows, out)
    outliers(rows.get("tildelinger", []), out)
    transition_shares(rows.get("fylkesoverganger", []), out)
    return Validated(rows, sort_findings(out.findings))


def unlisted(contract: Contract, out: Collector) -> None:
    """Every file in data/ must be declared (D-1)."""
    for path in sorted(p for p in contract.root.rglob("*") if p.is_file()):
        rel = path.relative_to(contract.root).as_posix()
        released = rel.startswith(contract.releases_dir + "/") and rel.endswith(".json")
        if "__pycache__" in rel or rel in contract.listed_files or released:
            continue
        out.add(
            "D-MANIFEST",
            rel,
            0,
            "filen er ikke oppført i datapackage.json.",
            hint="Legg den til som ressurs med fullt skjema, eller fjern den fra data/.",
        )


def typed_rows(table: Table, contract: Contract, out: Collector) -> list[Row]:
    """Parse every cell of every record; rows with a bad cell are kept out."""
    spec = table.spec
    keys = key_fields(spec)
    years = (contract.first_year, contract.last_year)
    rows = []
    for rec in table.records:
        row: Row = {"_line": rec.line, "_number": rec.number}
        good = True
        for idx, (f, raw) in enumerate(zip(spec.fields, rec.cells, strict=True), start=1):
            problem = out.at(
                spec.path,
                rec.line,
                rowNumber=rec.number,
                fieldName=f.name,
                fieldNumber=idx,
                cell=None if raw is None else raw[:200],
                sheet=spec.sheet if spec.format == "xlsx" else None,
            )
            ok, value = typed_cell(raw, f, f.name in keys, years, spec, problem)
            good &= ok
            row[f.name] = value
        if good and not total_row(spec, row, out):
            rows.append(row)
    return rows


def typed_cell(
    raw: str | None, f: Any, key: bool, years: tuple[int, int], spec: ResourceSpec, problem: Any
) -> tuple[bool, Value]:
    """Clean then parse one cell."""
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


def foreign_keys(contract: Contract, rows: dict[str, list[Row]], out: Collector) -> None:
    """Every reference must exist in the referenced resource."""
    for spec in contract.resources:
        for fields, target, target_fields in spec.foreign_keys:
            known = {tuple(r[f] for f in target_fields) for r in rows.get(target, [])}
            for row in rows[spec.name]:
                value = tuple(row[f] for f in fields)
                if None in value or value in known:
                    continue
                rule = "D-CODE" if spec.field(fields[0]).role == "fylke" else "D-FOREIGNKEY"
                text = "ukjent fylkesnummer" if rule == "D-CODE" else f"finnes ikke i {target}"
                out.add(
                    rule,
                    spec.path,
                    row["_line"],
                    f"«{', '.join(map(str, value))}»: {text}.",
                    rowNumber=row["_number"],
                    fieldName=fields[0],
                    cell=str(value[0]),
                )


def county_years(contract: Contract, rows: dict[str, list[Row]], out: Collector) -> None:
    """County codes must be valid in the row's year, and names must match codes (D-9)."""
    counties = {r["fylkesnummer"]: r for r in rows.get("fylker", [])}
    for spec in contract.resources:
        year_field = next((f.name for f in spec.fields if f.is_year), None)
        code_fields = [f.name for f in spec.fields if f.role == "fylke"]
        name_field = next((f.name for f in spec.fields if f.role == "fylkenavn"), None)
        if not year_field:
            continue
        for row in rows[spec.name]:
            for cf in code_fields:
                county = counties.get(row[cf])
                if county is None or row[year_field] is None:
                    continue
                last = county["gyldig_til_aar"] or 9999
                if not county["gyldig_fra_aar"] <= row[year_field] <= last:
                    span = f"{county['gyldig_fra_aar']}–{county['gyldig_til_aar'] or ''}"
                    out.add(
                        "D-CODE-YEAR",
                        spec.path,
                        row["_line"],
                        f"«{row[cf]}» ({county['navn']}) gjaldt {span}, raden gjelder {row[year_field]}.",
                        rowNumber=row["_number"],
                        fieldName=cf,
                        cell=row[cf],
                    )
                elif name_field and row[name_field] and row[name_field] != county["navn"]:
                    out.add(
                        "D-CODE-NAME",
                        spec.path,
                        row["_line"],
                        f"{row[cf]} er «{county['navn']}», fant «{row[name_field]}».",
                        rowNumber=row["_number"],
                        fieldName=name_field,
                        cell=row[name_field],
                    )


def reconcile(contract: Contract, rows: dict[str, list[Row]], out: Collector) -> None:
    """Detail rows summed per group must equal the declared totals exactly (D-15)."""
    for rule in contract.reconcile:
        spec = contract.resource(rule.resource)
        detail: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
        for row in rows[rule.resource]:
            if all(str(row[k]) == v for k, v in rule.where):
                detail[tuple(row[g] for g in rule.group_by)].append(row)
        for total in rows[rule.totals]:
            key = tuple(total[g] for g in rule.group_by)
            parts = detail.get(key, [])
            actual = sum((r[rule.sum_field] for r in parts), Decimal(0))
            expected = total[rule.total_field]
            diff = actual - expected
            if abs(diff) > Decimal(rule.tolerance):
                lines = sorted(r["_line"] for r in parts)
                span = f"linje {lines[0]}–{lines[-1]}" if lines else "ingen rader"
                what = ", ".join(f"{g} {v}" for g, v in zip(rule.group_by, key, strict=True))
                out.add(
                    "D-SUM",
                    spec.path,
                    lines[0] if lines else 0,
                    f"{what}: sum av fylker {nok(actual)} ≠ nasjonal total {nok(expected)} "
                    f"(differanse {nok(diff)}). Bidragende rader: {spec.path} {span}; total fra "
                    f"{contract.resource(rule.totals).path} linje {total['_line']}. "
                    "Verktøyet kan ikke avgjøre hvilken side som er feil.",
                    extra=(("expected", str(expected)), ("actual", str(actual)), ("difference", str(diff))),
                )


def nok(value: Decimal) -> str:
    """Amount with two decimals in Norwegian style for messages."""
    text = f"{abs(value):,.2f}".replace(",", " ").replace(".", ",")
    return ("−" if value < 0 else "") + text


def outliers(rows: list[Row], out: Collector) -> None:
    """An amount more than ten times last year's largest for the scheme is worth a look (D-13)."""
    largest: dict[tuple[Any, ...], Decimal] = {}
    for row in rows:
        key = (row["ordning_id"], row["belopstype"], row["aar"])
        largest[key] = max(largest.get(key, Decimal(0)), row["belop"])
    for row in rows:
        before = largest.get((row["ordning_id"], row["belopstype"], row["aar"] - 1))
        if before and row["belop"] > 10 * before:
            out.add(
                "D-OUTLIER",
                "tildelinger.csv",
                row["_line"],
                f"beløpet {nok(row['belop'])} er over ti ganger fjorårets største ({nok(before)}).",
                severity="warning",
                rowNumber=row["_number"],
                fieldName="belop",
            )


def transition_shares(rows: list[Row], out: Collector) -> None:
    """The shares of a county that was merged or split must sum to 1."""
    totals: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    first_line: dict[tuple[str, int], int] = {}
    for row in rows:
        if row["relasjon"] in ("hel", "deling"):
            key = (row["fra_fylkesnummer"], row["aar"])
            totals[key] += row["andel"]
            first_line.setdefault(key, row["_line"])
    for key, total in sorted(totals.items()):
        if total != 1:
            out.add(
                "D-SHARE",
                "fylkesoverganger.csv",
                first_line[key],
                f"andelene for fylke {key[0]} i {key[1]} summerer til {total}, ikke 1.",
            )


def data_files(contract: Contract) -> list[Path]:
    """The declared resource files, for hashing and watching."""
    return [contract.root / r.path for r in contract.resources]
