"""Rules across files: foreign keys, county codes by year, sums against totals, outliers, shares (D-9, D-13, D-15)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from builder.load.collect import Collector, Row
from builder.load.contract import Contract, Reconcile


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
    """Detail rows summed per group must equal the declared totals (D-15), within the rule's tolerance and the
    rounding it declares, when both files were read."""
    for rule in contract.reconcile:
        if {rule.resource, rule.totals} & unread:
            continue
        detail = _groups(rule, rows[rule.resource])
        missing = _missing_counties(contract, rule, rows.get("fylker", []))
        for total in rows[rule.totals]:
            parts = detail.get(tuple(total[g] for g in rule.group_by), [])
            if total[rule.total_field] is None and not parts:
                continue  # no total yet (a year without accounts) and nothing to add up
            gaps = missing(total, parts)
            if rule.complete_by and (not parts or gaps):
                _check_partial(contract, rule, total, parts, gaps, out)
                continue  # a figure on its own, or a partial split: only its sum can be checked
            _check_sum(contract, rule, total, parts, out)


Missing = Callable[[Row, list[Row]], list[str]]


def _missing_counties(contract: Contract, rule: Reconcile, counties: list[Row]) -> Missing:
    """For a completeBy rule: the counties valid in a group's year that have no detail row in it."""
    year_field = next((g for g in rule.group_by if contract.resource(rule.resource).field(g).is_year), None)

    def missing(total: Row, parts: list[Row]) -> list[str]:
        if rule.complete_by is None or year_field is None:
            return []
        year, have = total[year_field], {p[rule.complete_by] for p in parts}
        valid = (c["fylkesnummer"] for c in counties if c["gyldig_fra_aar"] <= year <= (c["gyldig_til_aar"] or 9999))
        return sorted(c for c in valid if c not in have)

    return missing


def _check_partial(
    contract: Contract, rule: Reconcile, total: Row, parts: list[Row], missing: list[str], out: Collector
) -> None:
    """A split that leaves out some counties must not add up to more than the total (amounts are never negative)."""
    expected, actual = total[rule.total_field], sum((r[rule.sum_field] for r in parts), Decimal(0))
    if expected is None or actual <= expected:
        return
    spec, totals = contract.resource(rule.resource), contract.resource(rule.totals)
    first = min(parts, key=lambda r: r["_line"])
    what = ", ".join(f"{g} {total[g]}" for g in rule.group_by)
    out.add(
        "D-SUM",
        spec.path,
        first["_line"],
        f"{what}: {rule.sum_label} {nok(actual)} (uten {', '.join(missing)}) er mer enn {rule.total_label} "
        f"{nok(expected)} (differanse {nok(actual - expected)}). Total fra {totals.path} linje {total['_line']}.",
        expected=f"høyst {rule.total_label} {nok(expected)}",
        extra=(("expected", str(expected)), ("actual", str(actual)), ("difference", str(actual - expected))),
        rowNumber=first["_number"],
        fieldName=rule.sum_field,
        cell=format(actual, "f"),
    )


def _groups(rule: Reconcile, rows: list[Row]) -> dict[tuple[Any, ...], list[Row]]:
    """The detail rows the rule applies to, by group."""
    detail: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for row in rows:
        if all(str(row[k]) == v for k, v in rule.where):
            detail[tuple(row[g] for g in rule.group_by)].append(row)
    return detail


def allowed_difference(rule: Reconcile, total: Row, parts: list[Row]) -> Decimal:
    """The tolerance, plus half the declared rounding of each summed row and of the total: (n + 1) × a / 2 when
    all n rows and the total are rounded to a."""
    allowed = Decimal(rule.tolerance)
    if rule.rounding_field is None:
        return allowed
    roundings = (r[rule.rounding_field] or Decimal(0) for r in [*parts, total])
    return allowed + sum(roundings, Decimal(0)) / 2


def _check_sum(contract: Contract, rule: Reconcile, total: Row, parts: list[Row], out: Collector) -> None:
    """One group against its total: a finding naming expected, actual and difference when they differ too much."""
    spec, totals = contract.resource(rule.resource), contract.resource(rule.totals)
    actual = sum((r[rule.sum_field] for r in parts), Decimal(0))
    expected = total[rule.total_field]
    first = min(parts, key=lambda r: r["_line"]) if parts else None
    lines = sorted(r["_line"] for r in parts)
    span = f"linje {lines[0]}–{lines[-1]}" if lines else "ingen rader"
    what = ", ".join(f"{g} {total[g]}" for g in rule.group_by)
    where = f"Bidragende rader: {spec.path} {span}; total fra {totals.path} linje {total['_line']}."
    place: dict[str, Any] = {"fieldName": rule.sum_field, "cell": format(actual, "f")}
    if first is not None:
        place["rowNumber"] = first["_number"]
    if expected is None:
        out.add(
            "D-SUM",
            spec.path,
            lines[0],
            f"{what}: {rule.total_label} mangler, men {len(parts)} rader summerer til {nok(actual)}. {where}",
            expected=f"{rule.total_label} i {totals.path}",
            **place,
        )
        return
    diff, allowed = actual - expected, allowed_difference(rule, total, parts)
    if abs(diff) <= allowed:
        return
    limit = f"; tillatt avvik ± {nok(allowed)}" if allowed else ""
    out.add(
        "D-SUM",
        spec.path,
        lines[0] if lines else 0,
        f"{what}: {rule.sum_label} {nok(actual)} ≠ {rule.total_label} {nok(expected)} (differanse {nok(diff)}"
        f"{limit}). {where} Verktøyet kan ikke avgjøre hvilken side som er feil.",
        expected=f"{rule.total_label} {nok(expected)}" + (f" ± {nok(allowed)}" if allowed else ""),
        extra=(
            ("expected", str(expected)),
            ("actual", str(actual)),
            ("difference", str(diff)),
            ("tolerance", str(allowed)),
        ),
        **place,
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
