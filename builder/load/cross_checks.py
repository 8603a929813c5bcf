"""Rules across files: foreign keys, county codes by year, sums against totals, outliers, shares (D-9, D-13, D-15)."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any

from builder.load.collect import Collector, Row
from builder.load.contract import Contract


def foreign_keys(contract: Contract, rows: dict[str, list[Row]], out: Collector, unread: set[str]) -> None:
    """Every reference must exist in the referenced resource (unless that resource could not be read)."""
    for spec in contract.resources:
        for fields, target, target_fields in spec.foreign_keys:
            if target in unread:
                continue
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


def reconcile(contract: Contract, rows: dict[str, list[Row]], out: Collector, unread: set[str]) -> None:
    """Detail rows summed per group must equal the declared totals exactly (D-15), when both files were read."""
    for rule in contract.reconcile:
        if {rule.resource, rule.totals} & unread:
            continue
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
