"""Read one declared input file into text records with provenance (reliability.md D-2 to D-5, D-17, D-20)."""

from __future__ import annotations

import codecs
import csv
import difflib
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from builder.contract import ResourceSpec
from builder.data_paths import read_inside
from builder.limits import CSV_FIELD_LIMIT, LIMITS, MAX_EXTRA_HEADERS, Limits, grouped, shown

UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True)
class Record:
    """One data record: its 1-based number, the physical line (or Excel row) it starts on, and its cells."""

    number: int
    line: int
    cells: tuple[str | None, ...]


@dataclass(frozen=True)
class Table:
    """The records of one file, or none when the file could not be read."""

    spec: ResourceSpec
    records: tuple[Record, ...]
    readable: bool


Report = Callable[..., None]


def read_table(root: Path, spec: ResourceSpec, report: Report, limits: Limits = LIMITS) -> Table:
    """Read a resource file as text cells; every problem is reported, never guessed around."""
    data = read_inside(root, spec.path, limits.file_bytes, report)
    if data is None:
        return Table(spec, (), False)
    if spec.format == "xlsx":
        from builder.read_xlsx import read_xlsx

        records = read_xlsx(data, spec, report, limits)
    else:
        records = _read_csv(data, spec, report, limits)
    if records is None:
        return Table(spec, (), False)
    if not records and not spec.allow_empty:
        report("D-EMPTY", spec.path, 0, f"{spec.path} inneholder ingen datarader.")
    return Table(spec, tuple(records), True)


def _read_csv(data: bytes, spec: ResourceSpec, report: Report, limits: Limits) -> list[Record] | None:
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
