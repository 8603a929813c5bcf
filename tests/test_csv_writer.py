"""The one CSV writer on hand-written rows: both dialects spelled exactly, every formula trigger neutralised (in
text cells and headers alike), numbers never, None as an empty cell, and a line break inside a cell quoted."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

import pytest

from builder.load.formula import FORMULA_TRIGGERS
from builder.render.csv_writer import EXCEL_NB, MACHINE, Dialect, write_csv

HEADER = ["navn", "=HYPERLINK(x)", "beløp"]
NUMERIC = [False, False, True]
ROWS: list[list[Any]] = [
    ["Østfold", None, Decimal("1234.50")],
    ["=1+1", "+47 22", Decimal("-5")],
    ["-x", "@SUM(A1)", 0],
    ["\tfane", "\rlinje", 1.25],
    ["a;b", "c,d", Decimal("1E+3")],
    [dt.date(2024, 6, 14), True, None],
]


def test_excel_dialect_bytes() -> None:
    """BOM, `;`, decimal comma, CRLF; every trigger prefixed with '; a separator inside a cell is quoted."""
    expected = (
        "\ufeffnavn;'=HYPERLINK(x);beløp\r\n"
        "Østfold;;1234,5\r\n"
        "'=1+1;'+47 22;-5\r\n"
        "'-x;'@SUM(A1);0\r\n"
        "'\tfane;\"'\rlinje\";1,25\r\n"
        '"a;b";c,d;1000\r\n'
        "2024-06-14;ja;\r\n"
    ).encode()
    assert write_csv(EXCEL_NB, HEADER, NUMERIC, ROWS) == expected


def test_machine_dialect_bytes() -> None:
    """No BOM, `,`, decimal point, LF; the same neutralisation; a comma inside a cell is quoted."""
    expected = (
        "navn,'=HYPERLINK(x),beløp\n"
        "Østfold,,1234.5\n"
        "'=1+1,'+47 22,-5\n"
        "'-x,'@SUM(A1),0\n"
        "'\tfane,\"'\rlinje\",1.25\n"
        'a;b,"c,d",1000\n'
        "2024-06-14,ja,\n"
    ).encode()
    assert write_csv(MACHINE, HEADER, NUMERIC, ROWS) == expected


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
@pytest.mark.parametrize("dialect", [EXCEL_NB, MACHINE], ids=["excel", "machine"])
def test_every_trigger_is_neutralised_in_header_and_cells(trigger: str, dialect: Dialect) -> None:
    """A header and a text cell starting with any formula trigger read back with a leading apostrophe."""
    text = trigger + "1+1"
    raw = write_csv(dialect, [text], [False], [[text]])
    sep = ";" if dialect is EXCEL_NB else ","
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=sep))
    assert rows == [["'" + text], ["'" + text]]


def test_numbers_are_numbers_not_text() -> None:
    """A negative number in a numeric column keeps its sign unprefixed; a number in a text column is plain text."""
    raw = write_csv(MACHINE, ["kode", "sum"], [False, True], [[3, Decimal("-0.50")], ["-3", -7]])
    assert raw == b"kode,sum\n3,-0.5\n'-3,-7\n"


@pytest.mark.parametrize("dialect", [EXCEL_NB, MACHINE], ids=["excel", "machine"])
def test_line_breaks_inside_a_cell_are_quoted(dialect: Dialect) -> None:
    """A CR or LF inside a cell is quoted in both dialects, so every reader sees one row (Python quotes a lone CR
    only when it is part of the line terminator, which the machine dialect's LF is not)."""
    raw = write_csv(dialect, ["a", "b"], [False, False], [["x\ry", "x\ny"]])
    sep, end = dialect.delimiter, dialect.lineterminator
    assert raw.decode("utf-8-sig") == f'a{sep}b{end}"x\ry"{sep}"x\ny"{end}'


def test_shares_in_percent_in_the_excel_dialect_only() -> None:
    """A share is written in percent for Excel (24,08 under «(%)», a number in every spreadsheet) and as the
    fraction for programs; a numeric column that is not a share keeps its value."""
    header, numeric, percent = ["andel (%)", "belop"], [True, True], [True, False]
    rows: list[list[Any]] = [[Decimal("0.2408"), 5], [1, Decimal("0.5")], [Decimal("-0.005"), None], [None, 7]]
    excel = write_csv(EXCEL_NB, header, numeric, rows, percent)
    assert excel == "\ufeffandel (%);belop\r\n24,08;5\r\n100;0,5\r\n-0,5;\r\n;7\r\n".encode()
    machine = write_csv(MACHINE, header, numeric, rows, percent)
    assert machine == b"andel (%),belop\n0.2408,5\n1,0.5\n-0.005,\n,7\n"
