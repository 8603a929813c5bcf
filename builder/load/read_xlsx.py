"""Read a declared Excel sheet into text records (reliability.md D-17, D-20, bad inputs B42-B47).

The zip archive and the sheet's extent are checked first (builder/load/xlsx_scan.py); openpyxl then streams the
cells in read-only mode, and only the schema's columns plus a few more (to see extra header columns).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from typing import Any

import openpyxl
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from builder.load.contract import ResourceSpec
from builder.load.limits import Limits, shown
from builder.load.records import Record, Report, check_header
from builder.load.xlsx_scan import SheetScan, dimension_ok, open_zip, scan_sheet

SERIAL_RANGE = (20000, 80000)


def read_xlsx(data: bytes, spec: ResourceSpec, report: Report, limits: Limits) -> list[Record] | None:
    """Records from the resource's named sheet, with Excel rows as line numbers."""
    archive = open_zip(data, spec, report, limits)
    if archive is None:
        return None
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds (KeyError, ValueError, zip and XML errors)
        archive.close()
        report("D-XLSX", spec.path, 0, f"kan ikke åpne Excel-filen: {shown(str(exc), 200)}.")
        return None
    try:
        return _read_sheet(archive, wb, spec, report, limits)
    finally:
        wb.close()
        archive.close()


def _read_sheet(
    archive: zipfile.ZipFile, wb: Any, spec: ResourceSpec, report: Report, limits: Limits
) -> list[Record] | None:
    """Check the sheet's name and extent, then read its rows."""
    sheet_name = spec.sheet or wb.sheetnames[0]
    for ws in wb.worksheets:
        if ws.sheet_state != "visible" and ws.title != sheet_name:
            report("D-XLSX-HIDDEN", spec.path, 0, f"skjult ark «{ws.title}» blir ikke lest.", severity="warning")
    if sheet_name not in wb.sheetnames or not isinstance(wb[sheet_name], ReadOnlyWorksheet):
        report(
            "D-XLSX-SHEET",
            spec.path,
            0,
            f"arket «{sheet_name}» finnes ikke.",
            expected=", ".join(wb.sheetnames),
            sheet=sheet_name,
        )
        return None
    ws = wb[sheet_name]
    width = len(spec.fields)
    if not dimension_ok(ws, spec, sheet_name, report, limits):
        return None
    # The sheet's own path inside the archive, as openpyxl resolved it from the workbook relations.
    scan = scan_sheet(archive, ws._worksheet_path, width, spec, sheet_name, report, limits)
    if scan is None:
        return None
    ws.reset_dimensions()  # the declared dimension may be too small; the scan found the real extent
    columns = max(width, min(scan.last_column, width + limits.xlsx_extra_columns))
    try:
        rows = [list(r) for r in ws.iter_rows(max_row=scan.last_row, max_col=columns, values_only=True)]
    except Exception as exc:  # openpyxl's cell conversions raise many kinds (ValueError, IndexError, OverflowError)
        report("D-XLSX", spec.path, 0, f"kan ikke lese arket «{sheet_name}»: {shown(str(exc))}.", sheet=sheet_name)
        return None
    return _records(rows if scan.last_row else [], scan, spec, sheet_name, report)


def _records(
    rows: list[list[Any]], scan: SheetScan, spec: ResourceSpec, sheet_name: str, report: Report
) -> list[Record] | None:
    """Header check, then one record per non-blank row; merged cells and formulas without a value are errors."""
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
    ok = _check_merged(scan.merged, last, spec, sheet_name, report)
    records = []
    for excel_row in range(2, last + 1):
        row = rows[excel_row - 1]
        if not any(_text(c).strip() for c in row[:width]):
            report("D-BLANKROW", spec.path, excel_row, "tom rad midt i dataene.", sheet=sheet_name, fieldNumber=1)
            continue
        ok &= _no_lost_formulas(row, excel_row, scan, spec, sheet_name, report)
        cells = [
            _cell_text(row[col - 1], f.name, f.type, f.is_year, f.role, excel_row, col, spec, sheet_name, report)
            for col, f in enumerate(spec.fields, start=1)
        ]
        records.append(Record(excel_row - 1, excel_row, tuple(cells)))
    return records if ok else None


def _no_lost_formulas(
    row: list[Any], excel_row: int, scan: SheetScan, spec: ResourceSpec, sheet: str, report: Report
) -> bool:
    """A formula whose value was never stored reads as empty: an error, never a silent blank."""
    ok = True
    for col, f in enumerate(spec.fields, start=1):
        if row[col - 1] is None and (excel_row, col) in scan.formulas:
            report(
                "D-XLSX-FORMULA",
                spec.path,
                excel_row,
                "formel uten lagret verdi. Åpne og lagre filen i Excel, eller lim inn som verdier.",
                sheet=sheet,
                fieldNumber=col,
                fieldName=f.name,
            )
            ok = False
    return ok


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


def _check_merged(
    merged: list[tuple[int, int, str]], last: int, spec: ResourceSpec, sheet: str, report: Report
) -> bool:
    """Merged cells inside the data range are an error."""
    ok = True
    for min_row, min_col, ref in sorted(merged, key=lambda m: m[2]):
        if min_row <= last:
            report(
                "D-XLSX-MERGED",
                spec.path,
                min_row,
                f"sammenslåtte celler i dataområdet ({ref}).",
                sheet=sheet,
                fieldNumber=min_col,
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
