"""The one CSV writer: two dialects as data, every text cell and every header neutralised against formula injection."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from itertools import chain
from typing import Any

from builder.load.formula import neutralise


@dataclass(frozen=True)
class Dialect:
    """How a CSV file is spelled: field separator, decimal mark, line ending, whether it opens with a BOM and
    whether a share is written in percent (1,5 for 0.015, under a header that says «(%)»)."""

    delimiter: str
    decimal: str
    lineterminator: str
    bom: bool
    percent: bool = False


# What Excel with Norwegian settings opens by a double click: `;`, decimal comma, CRLF, a UTF-8 BOM, shares in
# percent (a bare 0,015 under «(%)» reads wrong; `1,5%` would be text in Calc unless special numbers are detected).
EXCEL_NB = Dialect(delimiter=";", decimal=",", lineterminator="\r\n", bom=True, percent=True)
# For programs: `,`, decimal point, LF, no BOM, shares as fractions (0.015).
MACHINE = Dialect(delimiter=",", decimal=".", lineterminator="\n", bom=False)


def plain_number(value: int | float | Decimal) -> str:
    """A number without exponent, grouping or trailing zeros."""
    return format(Decimal(str(value)).normalize(), "f")


def cell(value: Any, numeric: bool, dialect: Dialect, percent: bool = False) -> str:
    """One cell: numbers plain with the dialect's decimal mark (a share in percent where the dialect says so),
    dates ISO, booleans ja/nei, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if numeric and isinstance(value, int | float | Decimal):
        if percent and dialect.percent:
            return plain_number(Decimal(str(value)) * 100).replace(".", dialect.decimal)
        return plain_number(value).replace(".", dialect.decimal)
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(str(value))


def write_csv(
    dialect: Dialect,
    header: Sequence[str],
    numeric: Sequence[bool],
    rows: Iterable[Sequence[Any]],
    percent: Sequence[bool] = (),
) -> bytes:
    """UTF-8 CSV bytes: the neutralised header, then one line per row of raw values (`numeric` per column, and
    `percent` for the numeric columns holding shares)."""
    shares = list(percent) or [False] * len(numeric)
    cells = ([cell(v, n, dialect, p) for v, n, p in zip(row, numeric, shares, strict=True)] for row in rows)
    text = "".join(_lines(dialect, chain([[neutralise(name) for name in header]], cells)))
    return (("\ufeff" if dialect.bom else "") + text).encode("utf-8")


def _lines(dialect: Dialect, rows: Iterable[list[str]]) -> Iterator[str]:
    """Each row as one line ending in the dialect's line ending; a cell holding CR or LF is always quoted."""
    buffer = io.StringIO()
    # Written with CRLF whatever the dialect, so that Python quotes a lone CR too (it quotes only the characters
    # of the line terminator), then given the dialect's own ending.
    writer = csv.writer(buffer, delimiter=dialect.delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue().removesuffix("\r\n") + dialect.lineterminator
        buffer.seek(0)
        buffer.truncate()
