"""Findings, the build error and the exit codes shared by every stage."""

from __future__ import annotations

import enum
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path


class Exit(enum.IntEnum):
    """Process exit codes (reliability.md P-3)."""

    OK = 0
    DATA = 1
    USAGE = 2
    CHECK = 3
    INTERNAL = 4


SEVERITY_LABEL = {"error": "FEIL", "warning": "ADVARSEL"}


@dataclass(frozen=True, order=True)
class Finding:
    """One validation finding, located as precisely as the input allows."""

    file: str
    line: int
    rule: str
    severity: str
    message: str
    rowNumber: int | None = None
    fieldName: str | None = None
    fieldNumber: int | None = None
    cell: str | None = None
    expected: str | None = None
    hint: str | None = None
    sheet: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())

    def human(self) -> str:
        """The line a data maintainer reads, in Norwegian."""
        where = self.file
        if self.sheet and self.fieldNumber:
            where += f"!{column_letter(self.fieldNumber)}{self.line}"
        elif self.rowNumber is not None:
            where += f" rad {self.rowNumber} (linje {self.line})"
        elif self.line:
            where += f" linje {self.line}"
        if self.fieldName is not None:
            letter = f" ({column_letter(self.fieldNumber)})" if self.fieldNumber else ""
            where += f', kolonne "{self.fieldName}"{letter}'
        text = f"{SEVERITY_LABEL[self.severity]} [{self.rule}] {where}: {self.message}"
        if self.expected:
            text += f"\n     Forventet: {self.expected}"
        if self.hint:
            text += f"\n     Hint: {self.hint}"
        return text

    def as_json(self) -> dict[str, object]:
        """The machine form used in build-report.json."""
        data = asdict(self)
        data["extra"] = dict(self.extra)
        return data


def column_letter(number: int | None) -> str:
    """Spreadsheet column letter for a 1-based column number."""
    if not number:
        return ""
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


class BuildError(Exception):
    """A failure with a place, a message and an exit code."""

    def __init__(self, where: str, message: str, *, code: Exit = Exit.INTERNAL, hint: str | None = None):
        super().__init__(f"{where}: {message}")
        self.where, self.message, self.code, self.hint = where, message, code, hint


class ValidationFailed(BuildError):
    """Raised when data validation found errors; carries every finding."""

    def __init__(self, findings: list[Finding]):
        errors = sum(1 for f in findings if f.severity == "error")
        warnings = len(findings) - errors
        noun = "advarsel" if warnings == 1 else "advarsler"
        text = f"{errors} feil i inndata" if errors else f"{warnings} {noun} i inndata, og --strict gjør dem til feil"
        super().__init__("data", text, code=Exit.DATA)
        self.findings = findings


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in the report's stable order: file, line, rule, then the rest."""
    return sorted(set(findings))


def write_report(path: Path, findings: list[Finding]) -> None:
    """Write build-report.json with counts per rule and every finding."""
    counts: dict[str, dict[str, int]] = {}
    for f in findings:
        counts.setdefault(f.rule, {"error": 0, "warning": 0})[f.severity] += 1
    report = {
        "errors": sum(1 for f in findings if f.severity == "error"),
        "warnings": sum(1 for f in findings if f.severity == "warning"),
        "rules": {k: counts[k] for k in sorted(counts)},
        "findings": [f.as_json() for f in findings],
    }
    path.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
