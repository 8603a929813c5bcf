"""What both readers produce: text records with provenance, the reporter they call, and the header rule (D-5)."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from builder.load.contract import ResourceSpec
from builder.load.limits import MAX_EXTRA_HEADERS, grouped, shown

Report = Callable[..., None]


@dataclass(frozen=True)
class Record:
    """One data record: its 1-based number, the physical line (or Excel row) it starts on, and its cells."""

    number: int
    line: int
    cells: tuple[str | None, ...]


def check_header(
    header: list[str], spec: ResourceSpec, report: Report, line: int = 1, sheet: str | None = None
) -> bool:
    """The header must equal the schema's field list (D-5)."""
    expected = [f.name for f in spec.fields]
    got = [h.strip() for h in header]
    if got == expected:
        return True
    wrong = ";" if spec.delimiter != ";" else ","
    if len(got) == 1 and wrong in got[0]:
        report(
            "D-HEADER",
            spec.path,
            line,
            f"fant 1 kolonne «{shown(got[0])}», forventet {len(expected)}. Filen ser "
            f"{'semikolondelt' if wrong == ';' else 'kommadelt'} ut.",
            expected=spec.delimiter.join(expected),
            sheet=sheet,
        )
        return False
    if len(got) > len(expected) + MAX_EXTRA_HEADERS:
        report(
            "D-HEADER",
            spec.path,
            line,
            f"fant {grouped(len(got))} kolonner, forventet {len(expected)}.",
            expected=", ".join(expected),
            sheet=sheet,
        )
        return False
    seen: set[str] = set()
    for i, name in enumerate(got, start=1):
        if name in seen:
            report(
                "D-HEADER", spec.path, line, f"kolonnen «{shown(name)}» finnes to ganger.", fieldNumber=i, sheet=sheet
            )
        seen.add(name)
        if name not in expected:
            close = difflib.get_close_matches(name.lower(), expected, n=1)
            report(
                "D-HEADER",
                spec.path,
                line,
                f"ukjent kolonne «{shown(header[i - 1])}».",
                fieldNumber=i,
                sheet=sheet,
                hint=f"mente du «{close[0]}»?" if close else None,
                expected=", ".join(expected),
            )
    for name in expected:
        if name not in got:
            report(
                "D-HEADER", spec.path, line, f"kolonnen «{name}» mangler.", expected=", ".join(expected), sheet=sheet
            )
    if not set(got) ^ set(expected) and len(got) == len(expected) and len(seen) == len(got):
        report(
            "D-HEADER", spec.path, line, "kolonnene står i feil rekkefølge.", expected=", ".join(expected), sheet=sheet
        )
    return False
