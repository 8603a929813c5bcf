"""Collecting findings: one list for the whole validation, and reporters bound to a place."""

from __future__ import annotations

from typing import Any

from builder.errors import Finding

Row = dict[str, Any]


class Collector:
    """Collects every finding of one validation."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, rule: str, file: str, line: int, message: str, *, severity: str = "error", **kw: Any) -> None:
        """Record one finding."""
        self.findings.append(Finding(file=file, line=line, rule=rule, severity=severity, message=message, **kw))


class CellReporter:
    """The reporter for the cell being checked; moved from cell to cell, so no closure is made per cell."""

    __slots__ = ("field", "file", "index", "line", "number", "out", "raw", "sheet")

    def __init__(self, out: Collector, file: str, sheet: str | None) -> None:
        self.out, self.file, self.sheet = out, file, sheet
        self.line, self.number, self.field, self.index = 0, 0, "", 0
        self.raw: str | None = None

    def move(self, line: int, number: int, field: str, index: int, raw: str | None) -> None:
        """Point the reporter at another cell."""
        self.line, self.number, self.field, self.index, self.raw = line, number, field, index, raw

    def __call__(self, rule: str, message: str, *, severity: str = "error", **kw: Any) -> None:
        """Record one finding at the current cell."""
        place = {
            "rowNumber": self.number,
            "fieldName": self.field,
            "fieldNumber": self.index,
            "cell": None if self.raw is None else self.raw[:200],
            "sheet": self.sheet,
        }
        self.out.add(rule, self.file, self.line, message, severity=severity, **{**place, **kw})
