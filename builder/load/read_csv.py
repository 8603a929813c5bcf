"""Read a CSV file with exactly its declared encoding and dialect (reliability.md D-2 to D-5, D-20)."""

from __future__ import annotations

import codecs
import csv
import io

from builder.load.contract import ResourceSpec
from builder.load.limits import CSV_FIELD_LIMIT, Limits, grouped
from builder.load.records import Record, Report, check_header

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_csv(data: bytes, spec: ResourceSpec, report: Report, limits: Limits) -> list[Record] | None:
    """Decode, split and header-check a CSV file."""
    text = decode(data, spec, report)
    if text is None or not _line_lengths(text, spec, report, limits.line_chars):
        return None
    rows = _split(text, spec, report, limits)
    if rows is None:
        return None
    if not rows:
        if not spec.allow_empty:
            report("D-EMPTY", spec.path, 0, f"{spec.path} inneholder ingen datarader.")
        return None
    header_line, header = rows[0]
    if not check_header(header, spec, report, header_line):
        return None
    return shape_rows(rows[1:], spec, report)


def _line_lengths(text: str, spec: ResourceSpec, report: Report, limit: int) -> bool:
    """Every physical line is at most `limit` characters (found without copying the text)."""
    start, number = 0, 1
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        if end - start > limit:
            report("D-LIMIT", spec.path, number, f"linjen er lengre enn {limit} tegn ({end - start}).")
            return False
        start, number = end + 1, number + 1
    return True


def decode(data: bytes, spec: ResourceSpec, report: Report) -> str | None:
    """Bytes to text with the declared encoding only; UTF-8 BOM stripped, errors located."""
    if spec.encoding == "utf-8" and data[:2] in UTF16_BOMS:
        report(
            "D-ENCODING",
            spec.path,
            1,
            "filen starter med FF FE / FE FF (UTF-16).",
            hint='Oppgi "encoding": "utf-16" og riktig skilletegn (tab) i datapackage.json, eller lagre som UTF-8.',
        )
        return None
    codec = {"utf-8": "utf-8-sig", "windows-1252": "cp1252", "utf-16": "utf-16"}[spec.encoding]
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        byte = data[exc.start]
        hint = (
            (
                'Er filen lagret som «CSV (semikolondelt)» fra Excel? Oppgi "encoding": "windows-1252" i '
                "datapackage.json, eller lagre filen som «CSV UTF-8»."
            )
            if spec.encoding == "utf-8"
            else "Byten er ikke definert i Windows-1252; filen har trolig en annen koding."
        )
        report(
            "D-ENCODING", spec.path, line, f"byte {col} (0x{byte:02X}): ikke gyldig {spec.encoding.upper()}.", hint=hint
        )
        return None


def _split(text: str, spec: ResourceSpec, report: Report, limits: Limits) -> list[tuple[int, list[str]]] | None:
    """Split text into records with the declared dialect, keeping each record's first line; stop at the limits."""
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=spec.delimiter,
        quotechar=spec.quote_char,
        doublequote=True,
        strict=True,
    )
    rows: list[tuple[int, list[str]]] = []
    start, filled, cells = 1, 0, 0
    previous_limit = csv.field_size_limit(CSV_FIELD_LIMIT)  # process-wide; other libraries raise it
    try:
        for row in reader:
            filled += any(row)
            cells += len(row)
            if filled > limits.csv_rows + 1 or cells > limits.csv_cells:
                _too_big(spec, report, start, filled > limits.csv_rows + 1, limits)
                return None
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        _split_error(exc, spec, report, start)
        return None
    finally:
        csv.field_size_limit(previous_limit)
    while rows and not any(c.strip() for c in rows[-1][1]):
        rows.pop()
    return rows


def _too_big(spec: ResourceSpec, report: Report, line: int, rows: bool, limits: Limits) -> None:
    """The file has more data rows or cells than validation handles in bounded time."""
    what, limit = ("datarader", limits.csv_rows) if rows else ("celler", limits.csv_cells)
    report(
        "D-LIMIT",
        spec.path,
        line,
        f"filen har flere enn {grouped(limit)} {what} (grensen nås på linje {line}); den blir ikke kontrollert.",
        expected=f"høyst {grouped(limit)} {what} per fil",
        hint="Del filen opp, for eksempel per år.",
    )


def _split_error(exc: csv.Error, spec: ResourceSpec, report: Report, start: int) -> None:
    """A quote that never closes, or a field beyond the csv module's field size limit."""
    if "field larger than field limit" in str(exc):
        report(
            "D-LIMIT",
            spec.path,
            start,
            f"et felt som starter på linje {start} er lengre enn {grouped(CSV_FIELD_LIMIT)} tegn.",
            hint='Sjekk at hvert felt som starter med " også slutter med ".',
        )
        return
    report(
        "D-QUOTE",
        spec.path,
        start,
        f"anførselstegn åpnet på linje {start} lukkes aldri ({exc}).",
        hint='Sjekk at hvert felt som starter med " også slutter med ".',
    )


def shape_rows(rows: list[tuple[int, list[str]]], spec: ResourceSpec, report: Report) -> list[Record]:
    """Turn split rows into records, reporting blank rows inside the data and ragged rows."""
    width = len(spec.fields)
    records = []
    for number, (line, row) in enumerate(rows, start=1):
        if not any(c.strip() for c in row):
            report("D-BLANKROW", spec.path, line, "tom rad midt i dataene.", rowNumber=number)
            continue
        if len(row) != width:
            report(
                "D-ROWSHAPE", spec.path, line, f"linje {line}: {len(row)} felt, forventet {width}.", rowNumber=number
            )
            continue
        records.append(Record(number, line, tuple(row)))
    return records
