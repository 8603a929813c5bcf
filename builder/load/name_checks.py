"""Rules for the embeter's official names: each embete's name periods cover its years exactly, without overlap."""

from __future__ import annotations

from collections import defaultdict

from builder.load.collect import Collector, Row

NAMES = "embete_navn.csv"
OFFICES = "statsforvaltere.csv"
OPEN = 9999


def period(row: Row) -> str:
    """A period in words, e.g. 2019–2020 or 2021–."""
    return f"{row['fra_aar']}–{row['til_aar'] or ''}"


def end(row: Row) -> int:
    """The last year of a period, an open one counting as far in the future."""
    return int(row["til_aar"] or OPEN)


def name_periods(rows: dict[str, list[Row]], out: Collector) -> None:
    """Every embete in statsforvaltere.csv has names in embete_navn.csv for exactly the years it existed."""
    by_embete: dict[str, list[Row]] = defaultdict(list)
    for row in rows.get("embete_navn", []):
        by_embete[row["embete_id"]].append(row)
    for office in rows.get("statsforvaltere", []):
        names = sorted(by_embete.get(office["embete_id"], []), key=lambda r: r["fra_aar"])
        if not names:
            out.add(
                "D-NAME-MISSING",
                OFFICES,
                office["_line"],
                f"embetet {office['embete_id']} ({period(office)}) har ingen navn i {NAMES}.",
                rowNumber=office["_number"],
                fieldName="embete_id",
                cell=office["embete_id"],
                hint=f"Legg til embetets navn med fra_aar og til_aar i {NAMES}.",
            )
            continue
        covers(office, names, out)


def covers(office: Row, names: list[Row], out: Collector) -> None:
    """The name periods of one embete, in order: start with it, follow on year by year, end with it."""
    expected_start = office["fra_aar"]
    for i, row in enumerate(names):
        if row["fra_aar"] != expected_start:
            problem = (
                "begynner ikke det året embetet ble opprettet"
                if i == 0
                else (
                    "overlapper forrige navneperiode"
                    if row["fra_aar"] < expected_start
                    else "etterlater et hull etter forrige navneperiode"
                )
            )
            name_finding(out, row, "fra_aar", expected_start, office, problem)
        expected_start = end(row) + 1
    last = names[-1]
    if end(last) != end(office):
        name_finding(out, last, "til_aar", office["til_aar"], office, "slutter ikke det året embetet sluttet")


def name_finding(out: Collector, row: Row, field: str, wanted: object, office: Row, problem: str) -> None:
    """One name period that overlaps another, leaves a gap, or reaches past the embete's years."""
    cell = row[field]
    shown = "tom (fortsatt)" if wanted is None else str(wanted)
    out.add(
        "D-NAME-PERIOD",
        NAMES,
        row["_line"],
        f"navnet «{row['navn']}» ({period(row)}) for {row['embete_id']} {problem}; embetet fantes "
        f"{period(office)} (statsforvaltere.csv linje {office['_line']}).",
        rowNumber=row["_number"],
        fieldName=field,
        cell="" if cell is None else str(cell),
        expected=f"{field} = {shown}",
        hint="Navneperiodene skal følge hverandre år for år fra embetets fra_aar til dets til_aar.",
    )
