"""Rules for the state accounts: a booking under an embete's org.nr. falls in exactly one embete of that year."""

from __future__ import annotations

from collections import defaultdict

from builder.load.collect import Collector, Row

BOOKINGS = "bokforinger.csv"
OFFICES = "statsforvaltere.csv"


def span(office: Row) -> str:
    """The years an embete existed, e.g. 2019–2023 or 2024–."""
    return f"{office['fra_aar']}–{office['til_aar'] or ''}"


def valid_in(office: Row, year: int) -> bool:
    """True when the embete existed in the year."""
    return bool(office["fra_aar"] <= year <= (office["til_aar"] or 9999))


def offices_by_orgnr(offices: list[Row]) -> dict[str, list[Row]]:
    """Embeter with a known org.nr., by org.nr., in row order."""
    found: dict[str, list[Row]] = defaultdict(list)
    for office in offices:
        if office["orgnr"]:
            found[office["orgnr"]].append(office)
    return found


def embete_years(rows: dict[str, list[Row]], out: Collector) -> None:
    """A booking whose org.nr. belongs to an embete must fall in a year one of its embeter existed."""
    by_orgnr = offices_by_orgnr(rows.get("statsforvaltere", []))
    for booking in rows.get("bokforinger", []):
        eras = by_orgnr.get(booking["orgnr"] or "")
        if not eras or any(valid_in(e, booking["aar"]) for e in eras):
            continue
        known = ", ".join(f"{e['embete_id']} ({e['navn']}, {span(e)})" for e in eras)
        out.add(
            "D-ORGNR-YEAR",
            BOOKINGS,
            booking["_line"],
            f"«{booking['orgnr']}» ({booking['virksomhet']}) er organisasjonsnummeret til {known}, "
            f"men ingen av dem fantes i {booking['aar']}.",
            rowNumber=booking["_number"],
            fieldName="orgnr",
            cell=booking["orgnr"],
            expected=f"et embete i {OFFICES} med dette organisasjonsnummeret som gjaldt i {booking['aar']}",
            hint="Sjekk året og organisasjonsnummeret, eller embetets fra_aar og til_aar i statsforvaltere.csv.",
        )


def embete_overlaps(offices: list[Row], out: Collector) -> None:
    """Two embeter with the same org.nr. must not overlap in time, so each booking maps to exactly one."""
    for orgnr, eras in offices_by_orgnr(offices).items():
        for i, later in enumerate(eras):
            for earlier in eras[:i]:
                first, last = later["fra_aar"], min(later["til_aar"] or 9999, earlier["til_aar"] or 9999)
                if max(first, earlier["fra_aar"]) > last:
                    continue
                out.add(
                    "D-ORGNR-OVERLAP",
                    OFFICES,
                    later["_line"],
                    f"«{orgnr}» er organisasjonsnummeret både til {earlier['embete_id']} ({span(earlier)}, linje "
                    f"{earlier['_line']}) og {later['embete_id']} ({span(later)}); periodene overlapper, så en "
                    "bokføring kan ikke knyttes til ett embete.",
                    rowNumber=later["_number"],
                    fieldName="orgnr",
                    cell=orgnr,
                    expected="perioder som ikke overlapper for embeter med samme organisasjonsnummer",
                )
