"""Read a declared Excel sheet into text records (reliability.md D-17, bad inputs B42-B47)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from builder.contract import ResourceSpec
from builder.read import Record, Report, check_header

SERIAL_RANGE = (20000, 80000)


def read_xlsx(path: Path, spec: ResourceSpec, report: Report) -> list[Record] | None:
    """Records from the resource's named sheet, with Excel rows as line numbers."""
    try:
        values = openpyxl.load_workbook(path, data_only=True)
        formulas = openpyxl.load_workbook(path, data_only=False)
    except Exception as exc:
        report("D-XLSX", spec.path, 0, f"kan ikke åpne Excel-filen: {exc}.")
        return None
    sheet_name = spec.sheet or values.sheetnames[0]
    for ws in values.worksheets:
        if ws.sheet_state != "visible" and ws.title != sheet_name:
            report("D-XLSX-HIDDEN", spec.path, 0, f"skjult ark «{ws.title}» blir ikke lest.", severity="warning")
    if sheet_name not in values.sheetnames:
        report(
            "D-XLSX-SHEET",
            spec.path,
            0,
            f"arket «{sheet_name}» finnes ikke.",
            expected=", ".join(values.sheetnames),
            sheet=sheet_name,
        )
        return None
    ws, wf = values[sheet_name], formulas[sheet_name]
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    width = len(spec.fields)
    last = _last_data_row(rows, spec, sheet_name, report)
    if last == 0:
        return []
    if not check_header(
        [_text(c) for c in rows[0]][:width] + [_text(c) for c in rows[0][width:] if _text(c)],
        spec,
        report,
        1,
        sheet=sheet_name,
    ):
        return None
    ok = _check_merged(ws, last, width, spec, sheet_name, report)
    records = []
    for excel_row in range(2, last + 1):
        row = rows[excel_row - 1]
        if not any(_text(c).strip() for c in row[:width]):
            report("D-BLANKROW", spec.path, excel_row, "tom rad midt i dataene.", sheet=sheet_name, fieldNumber=1)
            continue
        cells = []
        for col, spec_field in enumerate(spec.fields, start=1):
            value = row[col - 1] if col <= len(row) else None
            if value is None and wf.cell(excel_row, col).data_type == "f":
                report(
                    "D-XLSX-FORMULA",
                    spec.path,
                    excel_row,
                    "formel uten lagret verdi. Åpne og lagre filen i Excel, eller lim inn som verdier.",
                    sheet=sheet_name,
                    fieldNumber=col,
                    fieldName=spec_field.name,
                )
                ok = False
            cells.append(
                _cell_text(
                    value,
                    spec_field.name,
                    spec_field.type,
                    spec_field.is_year,
                    spec_field.role,
                    excel_row,
                    col,
                    spec,
                    sheet_name,
                    report,
                )
            )
        records.append(Record(excel_row - 1, excel_row, tuple(cells)))
    return records if ok else None


def _last_data_row(rows: list[list[Any]], spec: ResourceSpec, sheet: str, report: Report) -> int:
    """The last row with real content; whitespace-only rows after it are warned about and ignored."""
    last = 0
    for i, row in enumerate(rows, start=1):
        texts = [_text(c) for c in row]
        if any(t.strip() for t in texts):
            last = i
        elif any(texts):
            col = next(j for j, t in enumerate(texts, start=1) if t)
            report(
                "D-XLSX-STRAY",
                spec.path,
                i,
                "celle med bare mellomrom utenfor dataene ignoreres.",
                severity="warning",
                sheet=sheet,
                fieldNumber=col,
            )
    return last


def _check_merged(ws: Any, last: int, width: int, spec: ResourceSpec, sheet: str, report: Report) -> bool:
    """Merged cells inside the data range are an error."""
    ok = True
    for rng in sorted(ws.merged_cells.ranges, key=str):
        if rng.min_row <= last and rng.min_col <= width:
            report(
                "D-XLSX-MERGED",
                spec.path,
                rng.min_row,
                f"sammenslåtte celler i dataområdet ({rng.coord}).",
                sheet=sheet,
                fieldNumber=rng.min_col,
            )
            ok = False
    return ok


def _text(value: Any) -> str:
    """Plain text of a header or stray cell."""
    return "" if value is None else str(value)


def _cell_text(
    value: Any,
    name: str,
    type_: str,
    is_year: bool,
    role: str | None,
    row: int,
    col: int,
    spec: ResourceSpec,
    sheet: str,
    report: Report,
) -> str | None:
    """Text for a typed Excel cell, reporting dates and numbers where text was expected."""
    where = {"sheet": sheet, "fieldNumber": col, "fieldName": name}
    if value is None:
        return None
    if isinstance(value, dt.datetime | dt.date):
        if type_ == "date":
            return value.strftime("%Y-%m-%d")
        report(
            "D-XLSX-DATE",
            spec.path,
            row,
            "dato/serienummer i kolonne som forventer " + ("årstall." if is_year else "tekst eller tall."),
            cell=str(value),
            **where,
        )
        return str(value)
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        text = _number_text(value)
        if is_year and SERIAL_RANGE[0] <= value <= SERIAL_RANGE[1]:
            report(
                "D-XLSX-DATE", spec.path, row, "dato/serienummer i kolonne som forventer årstall.", cell=text, **where
            )
        elif role and len(text) == 2:
            report(
                "D-XLSX-TYPE",
                spec.path,
                row,
                f"koden {text} er lagret som tall i Excel; lest som tekst «{text}».",
                severity="warning",
                cell=text,
                **where,
            )
        return text
    return str(value)


def _number_text(value: int | float) -> str:
    """A number as plain text with no exponent."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return format(Decimal(str(value)), "f")
