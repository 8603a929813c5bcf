"""Guards for an Excel input before openpyxl reads its cells: zip sizes, the sheet's extent, merged and formula
cells (reliability.md D-17, D-20; bad inputs B42-B43)."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from openpyxl.utils.cell import get_column_letter, range_boundaries

from builder.load.contract import ResourceSpec
from builder.load.limits import MAX_MERGED_SHOWN, Limits, grouped, shown

Report = Callable[..., None]
COORDINATE = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
ROW_NUMBER = re.compile(r"[0-9]{1,7}")
# A stored number as Excel writes it; openpyxl would also turn Unicode digits (٣) or 5 000 digits into numbers.
XML_NUMBER = re.compile(r"[-+]?(?:[0-9]{1,300}(?:\.[0-9]{0,300})?|\.[0-9]{1,300})(?:[eE][-+]?[0-9]{1,4})?")
EXTENT_HINT = (
    "Slett tomme rader og kolonner nedenfor og til høyre for dataene (også celler med bare formatering), "
    "eller del arket opp."
)


@dataclass
class SheetScan:
    """What one pass over the sheet XML found: its real extent, merged ranges and formulas without a value."""

    last_row: int = 0
    last_column: int = 0
    merged: list[tuple[int, int, str]] = field(default_factory=list)
    formulas: set[tuple[int, int]] = field(default_factory=set)


def open_zip(data: bytes, spec: ResourceSpec, report: Report, limits: Limits) -> zipfile.ZipFile | None:
    """The workbook as a zip archive, refused when it has too many members or unpacks too large (zip bomb)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        report("D-XLSX", spec.path, 0, f"kan ikke åpne Excel-filen: den er ikke en gyldig .xlsx-fil ({exc}).")
        return None
    # The sizes are those the archive declares; zipfile never unpacks more than the declared size of a member
    # (a member that lies fails its CRC check), so checking them bounds what openpyxl can unpack.
    members = archive.infolist()
    biggest = max(members, key=lambda m: m.file_size, default=None)
    total = sum(m.file_size for m in members)
    problem = None
    if len(members) > limits.zip_members:
        problem = f"Excel-filen har {grouped(len(members))} deler, grensen er {grouped(limits.zip_members)}"
    elif biggest is not None and biggest.file_size > limits.zip_member_bytes:
        problem = (
            f"delen «{shown(biggest.filename)}» er {grouped(biggest.file_size)} byte utpakket, "
            f"grensen er {grouped(limits.zip_member_bytes)} byte"
        )
    elif total > limits.zip_total_bytes:
        problem = f"Excel-filen er {grouped(total)} byte utpakket, grensen er {grouped(limits.zip_total_bytes)} byte"
    if problem:
        archive.close()
        report("D-LIMIT", spec.path, 0, problem + "; den blir ikke lest.", hint="Lagre arket på nytt fra Excel.")
        return None
    return archive


def dimension_ok(ws: Any, spec: ResourceSpec, sheet: str, report: Report, limits: Limits) -> bool:
    """The sheet's declared <dimension> is within the row and column limits (checked before reading cells)."""
    rows, columns = ws.max_row or 0, ws.max_column or 0
    if rows <= limits.xlsx_rows and columns <= limits.xlsx_columns:
        return True
    ref = f"A1:{get_column_letter(min(max(columns, 1), 18278))}{rows}"
    report(
        "D-LIMIT",
        spec.path,
        0,
        f"arket «{sheet}» har dimensjonen {ref} ({grouped(rows)} rader, {grouped(columns)} kolonner); "
        f"grensen er {grouped(limits.xlsx_rows)} rader og {grouped(limits.xlsx_columns)} kolonner.",
        sheet=sheet,
        hint=EXTENT_HINT,
    )
    return False


def scan_sheet(
    archive: zipfile.ZipFile, member: str, width: int, spec: ResourceSpec, sheet: str, report: Report, limits: Limits
) -> SheetScan | None:
    """One streaming pass over the sheet XML; a cell beyond the limits stops it (the dimension may lie)."""
    scan = SheetScan()
    try:
        with archive.open(member) as source:
            outside = _scan(source, width, scan, limits)
    except (ParseError, zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        report("D-XLSX", spec.path, 0, f"kan ikke lese arket «{sheet}»: {shown(str(exc))}.", sheet=sheet)
        return None
    if outside:
        report(
            "D-LIMIT",
            spec.path,
            0,
            f"{outside} i arket «{sheet}» ligger utenfor grensen på {grouped(limits.xlsx_rows)} rader og "
            f"{grouped(limits.xlsx_columns)} kolonner; arket blir ikke lest.",
            sheet=sheet,
            hint=EXTENT_HINT,
        )
        return None
    return scan


def _scan(source: IO[bytes], width: int, scan: SheetScan, limits: Limits) -> str | None:
    """Fill `scan`; return the first cell (or row) outside the limits, in words, if any."""
    row = column = 0
    containers: list[Element] = []
    for event, elem in iterparse(source, events=("start", "end")):
        tag = elem.tag.rpartition("}")[2]
        if event == "start":
            if tag in ("sheetData", "mergeCells"):
                containers.append(elem)
            elif tag == "row":
                row, column = _row_number(elem.get("r"), row), 0
                if row > limits.xlsx_rows:
                    return f"rad {row}"
            elif tag == "mergeCell" and len(scan.merged) < MAX_MERGED_SHOWN:
                _merged(elem.get("ref") or "", width, scan)
            continue
        if tag == "c":
            row, column = _position(elem.get("r"), row, column)
            if row > limits.xlsx_rows or column > limits.xlsx_columns:
                return f"cellen {get_column_letter(min(column, 18278))}{row}"
            scan.last_row, scan.last_column = max(scan.last_row, row), max(scan.last_column, column)
            if _formula_without_value(elem, row, column) and column <= width:
                scan.formulas.add((row, column))
        elif tag in ("row", "mergeCell") and containers:
            containers[-1].clear()  # finished rows are dropped, so memory stays flat however long the sheet
    return None


def _position(ref: str | None, row: int, column: int) -> tuple[int, int]:
    """Row and column of a cell from its `r` attribute, or the next cell when `r` is left out."""
    if ref is None:
        return max(row, 1), column + 1
    match = COORDINATE.fullmatch(ref)
    if not match:
        raise ValueError(f"ugyldig cellereferanse «{shown(ref)}»")
    letters, digits = match.groups()
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return int(digits), number


def _row_number(ref: str | None, previous: int) -> int:
    """The number of a <row>, or the next one when `r` is left out."""
    if ref is None:
        return previous + 1
    if not ROW_NUMBER.fullmatch(ref):
        raise ValueError(f"ugyldig radnummer «{shown(ref)}»")
    return int(ref)


def _formula_without_value(cell: Element, row: int, column: int) -> bool:
    """A formula cell whose cached value was never stored (openpyxl then reads None); a bad number is an error."""
    children = {child.tag.rpartition("}")[2]: child for child in cell}
    value = children["v"].text if "v" in children else None
    if cell.get("t", "n") == "n" and value and not XML_NUMBER.fullmatch(value.strip()):
        raise ValueError(f"cellen {get_column_letter(min(column, 18278))}{row} har et ugyldig tall «{shown(value)}»")
    return "f" in children and not value


def _merged(ref: str, width: int, scan: SheetScan) -> None:
    """Record a merged range that starts in the schema's columns."""
    try:
        min_col, min_row, _, _ = range_boundaries(ref)
    except (ValueError, TypeError):
        min_col, min_row = 1, 1
    if min_col is not None and min_row is not None and min_col <= width:
        scan.merged.append((min_row, min_col, shown(ref)))
