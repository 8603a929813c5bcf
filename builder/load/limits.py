"""Size and shape limits for input files, and the numeric range of each column type (reliability.md D-20)."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from builder.load.contract import MAX_FILE_BYTES, MAX_LINE_CHARS, FieldSpec

MiB = 1024 * 1024
# Measured on the 2-core reference machine: validation checks about 27 000 rows of 10 columns (270 000 cells)
# a second, so 491 707 rows took 18 s and 900 MB. These limits keep one file's validation under about 20 s;
# they are counted while splitting, before any cell is typed.
MAX_CSV_ROWS = 500_000
MAX_CSV_CELLS = 5_000_000
MAX_XLSX_ROWS = 100_000
MAX_XLSX_COLUMNS = 200
XLSX_EXTRA_COLUMNS = 10
MAX_ZIP_MEMBERS = 1_000
MAX_ZIP_MEMBER_BYTES = 50 * MiB
MAX_ZIP_TOTAL_BYTES = 200 * MiB
MAX_CELL_CHARS = 32_767
MAX_MERGED_SHOWN = 1_000
MAX_EXTRA_HEADERS = 20  # beyond this many unknown header columns, one finding says so instead of one per column
HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}

# The column types of the database (builder/load/database.py sql_type): DECIMAL(18,2) for money, DECIMAL(18,4) for
# other numbers, INTEGER (32 bits) for whole numbers.
DECIMAL_PRECISION = 18
CSV_FIELD_LIMIT = 131_072  # the csv module's default field size limit, set for each read
MONEY_SCALE = 2
NUMBER_SCALE = 4
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


@dataclass(frozen=True)
class Limits:
    """Every limit in one value, so tests can lower them."""

    file_bytes: int = MAX_FILE_BYTES
    line_chars: int = MAX_LINE_CHARS
    csv_rows: int = MAX_CSV_ROWS
    csv_cells: int = MAX_CSV_CELLS
    xlsx_rows: int = MAX_XLSX_ROWS
    xlsx_columns: int = MAX_XLSX_COLUMNS
    xlsx_extra_columns: int = XLSX_EXTRA_COLUMNS
    zip_members: int = MAX_ZIP_MEMBERS
    zip_member_bytes: int = MAX_ZIP_MEMBER_BYTES
    zip_total_bytes: int = MAX_ZIP_TOTAL_BYTES
    cell_chars: int = MAX_CELL_CHARS


LIMITS = Limits()


def scale(f: FieldSpec) -> int:
    """Decimal places a number column can hold."""
    return MONEY_SCALE if f.money else NUMBER_SCALE


def magnitude_bound(f: FieldSpec) -> Decimal:
    """The smallest absolute value a number column cannot hold (10^(precision - scale))."""
    return Decimal(10) ** (DECIMAL_PRECISION - scale(f))


def grouped(n: int) -> str:
    """An integer with spaces between thousands, for messages."""
    return f"{n:,}".replace(",", " ")


def shown(text: str, limit: int = 80) -> str:
    """A value as echoed in a message: at most `limit` characters, invisible and control characters escaped."""
    cut = text if len(text) <= limit else text[:limit] + "…"
    return "".join(f"\\u{ord(ch):04X}" if unicodedata.category(ch) in HIDDEN else ch for ch in cut)
