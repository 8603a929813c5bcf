"""Hostile input files: size limits before expensive work, numbers the database can hold, ASCII digits only,
line-break look-alikes, and paths that lead out of data/ or to something that is not a file (issue 11)."""

from __future__ import annotations

import csv
import os
import re
import signal
import sys
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from types import FrameType
from typing import Any

import pyarrow as pa
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.cli import main
from builder.errors import Finding
from builder.load.cells import LINE_BREAKS, clean_text, parse_cell
from builder.load.contract import FieldSpec, load_contract
from builder.load.data_paths import read_inside
from builder.load.database import sql_type
from builder.load.limits import LIMITS, Limits
from builder.load.validate import validate
from tests.conftest import FIXTURE_DATA
from tests.test_bad_inputs import GRANTS, assert_finding, grant, lines, set_line, to_xlsx

XLSX = "nasjonale_rammer.xlsx"
SHEET_XML = "xl/worksheets/sheet1.xml"
YEARS = (2014, 2027)
SPECS = load_contract(FIXTURE_DATA)
MONEY = replace(SPECS.resource("tildelinger").field("belop"), minimum=None, allow_negative=True)
SHARE = replace(SPECS.resource("nevnere").field("verdi"), minimum=None, allow_negative=True)
COUNT = replace(SPECS.resource("rapportering").field("deltakere"), minimum=None)
YEAR = SPECS.resource("tildelinger").field("aar")
DATE = SPECS.resource("rapportering").field("rapportert_dato")
COUNTY = SPECS.resource("tildelinger").field("fylkesnummer")
ORGNR = replace(SPECS.resource("tildelinger").field("mottaker_orgnr"), role="orgnr")
# Digits of other scripts that Python's \d (and int(), Decimal()) accept: Arabic-Indic, Extended Arabic-Indic,
# Devanagari, Bengali, Thai, NKo, full-width and mathematical bold three.
OTHER_THREES = ("\u0663", "\u06f3", "\u0969", "\u09e9", "\u0e53", "\u07c3", "\uff13", "\U0001d7d1")


def found(data: Path, limits: Limits = LIMITS) -> list[Finding]:
    """Validate a data directory with the given limits."""
    return validate(load_contract(data), limits=limits).findings


def cell(text: str, f: FieldSpec) -> tuple[bool, Any, list[tuple[str, str]]]:
    """Parse one cell; the (rule, message) pairs it reported."""
    problems: list[tuple[str, str]] = []
    ok, value = parse_cell(text, f, YEARS, ("",), lambda rule, message, **kw: problems.append((rule, message)))
    return ok, value, problems


def rewrite_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    """Rewrite one member of a zip (xlsx) file in place."""
    with zipfile.ZipFile(path) as z:
        parts = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts:
            z.writestr(info.filename, change(data) if info.filename == member else data)


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging: a blocking open (a FIFO) or an endless loop is interrupted after 20 s."""

    def timeout(signum: int, frame: FrameType | None) -> None:
        raise TimeoutError("hang")

    previous = signal.signal(signal.SIGALRM, timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# 1. Limits before the expensive work --------------------------------------------------------------------------


def test_xlsx_cell_at_the_last_column_and_row_is_refused_quickly(
    data_dir: Path, edit_package: Callable[..., None]
) -> None:
    """A 5 kB sheet with one cell at XFD1048576 used to hang the build; its dimension is refused at once."""
    to_xlsx(data_dir, edit_package, lambda ws: ws.cell(1048576, 16384, "x"))
    start = time.monotonic()
    hit = assert_finding(found(data_dir), "D-LIMIT", XLSX, 0, "A1:XFD1048576")
    assert time.monotonic() - start < 10
    assert "grensen er 100 000 rader og 200 kolonner" in hit.human()


@pytest.mark.parametrize(("row", "column", "words"), [(1048576, 16384, "rad 1048576"), (3, 16384, "cellen XFD3")])
def test_xlsx_lying_dimension_is_not_trusted(
    data_dir: Path, edit_package: Callable[..., None], row: int, column: int, words: str
) -> None:
    """A dimension that claims A1:E6 while a cell sits far outside is caught by the scan of the cells."""
    to_xlsx(data_dir, edit_package, lambda ws: ws.cell(row, column, "x"))
    rewrite_member(
        data_dir / XLSX, SHEET_XML, lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:E6"', xml)
    )
    assert_finding(found(data_dir), "D-LIMIT", XLSX, 0, f"{words} i arket «Rammer» ligger utenfor grensen")


def test_xlsx_missing_or_small_dimension_reads_every_row(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """A dimension smaller than the data must not drop rows silently; no dimension at all is fine too."""
    to_xlsx(data_dir, edit_package, lambda ws: None)
    rewrite_member(data_dir / XLSX, SHEET_XML, lambda xml: re.sub(rb'<dimension ref="[^"]*"\s*/>', b"", xml))
    assert len(validate(load_contract(data_dir)).rows["nasjonale_rammer"]) == 5
    rewrite_member(
        data_dir / XLSX, SHEET_XML, lambda xml: xml.replace(b"<sheetData>", b'<dimension ref="A1:B2"/><sheetData>')
    )
    result = validate(load_contract(data_dir))
    assert [f.human() for f in result.findings if f.severity == "error"] == []
    assert len(result.rows["nasjonale_rammer"]) == 5


def test_xlsx_zip_bomb_member_is_refused_before_unpacking(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """A huge shared string (60 MB unpacked, 60 kB packed) is refused by its declared size, in well under a second."""
    to_xlsx(data_dir, edit_package, lambda ws: None)
    with zipfile.ZipFile(data_dir / XLSX, "a", zipfile.ZIP_DEFLATED) as z, z.open("xl/sharedStrings.xml", "w") as f:
        for _ in range(60):
            f.write(b"y" * 1024 * 1024)
    start = time.monotonic()
    hit = assert_finding(found(data_dir), "D-LIMIT", XLSX, 0, "«xl/sharedStrings.xml» er 62 914 560 byte utpakket")
    assert "grensen er 52 428 800 byte" in hit.human()
    assert time.monotonic() - start < 5


def test_xlsx_member_that_lies_about_its_size(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """A member declaring 100 bytes but unpacking to more is cut at 100 bytes and fails its CRC: D-XLSX, no crash."""
    to_xlsx(data_dir, edit_package, lambda ws: None)
    data = bytearray((data_dir / XLSX).read_bytes())
    entry = data.find(b"PK\x01\x02")
    while entry >= 0:
        name_length = int.from_bytes(data[entry + 28 : entry + 30], "little")
        if data[entry + 46 : entry + 46 + name_length] == SHEET_XML.encode():
            local = int.from_bytes(data[entry + 42 : entry + 46], "little")
            data[entry + 24 : entry + 28] = data[local + 22 : local + 26] = (100).to_bytes(4, "little")
        entry = data.find(b"PK\x01\x02", entry + 4)
    (data_dir / XLSX).write_bytes(bytes(data))
    assert_finding(found(data_dir), "D-XLSX", XLSX, 0, "")


def test_xlsx_member_count_and_total_size(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """More than 1 000 members, or more unpacked bytes in total than allowed, is refused."""
    to_xlsx(data_dir, edit_package, lambda ws: None)
    assert_finding(found(data_dir, Limits(zip_total_bytes=2000)), "D-LIMIT", XLSX, 0, "grensen er 2 000 byte")
    with zipfile.ZipFile(data_dir / XLSX, "a") as z:
        for i in range(1001):
            z.writestr(f"customXml/item{i}.xml", "<a/>")
    assert_finding(found(data_dir), "D-LIMIT", XLSX, 0, "deler, grensen er 1 000")


def test_xlsx_overlong_cell_text(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """A cell longer than Excel's own 32 767 characters is refused and not echoed."""
    to_xlsx(data_dir, edit_package, lambda ws: ws.cell(2, 4, "z" * 100))  # openpyxl itself cuts at 32 767
    rewrite_member(data_dir / XLSX, SHEET_XML, lambda xml: xml.replace(b"z" * 100, b"z" * 40_000))
    hit = assert_finding(found(data_dir), "D-LIMIT", XLSX, 2, "cellen har 40 000 tegn, grensen er 32 767")
    assert "zzzz" not in hit.message


def test_csv_cell_limit_at_default_is_reached_quickly(data_dir: Path) -> None:
    """5 000 000 cells are counted while splitting, before any cell is typed (here 510 000 rows of 10)."""
    (data_dir / GRANTS).write_text(lines(data_dir / GRANTS)[0] + "\n" + ",,,,,,,,,\n" * 510_000, "utf-8")
    start = time.monotonic()
    result = found(data_dir)
    assert time.monotonic() - start < 15
    assert_finding(result, "D-LIMIT", GRANTS, 500_001, "flere enn 5 000 000 celler")
    assert not [f for f in result if f.rule == "D-SUM"], "an unread file gives no sum findings"


def test_csv_row_limit(data_dir: Path) -> None:
    """More data rows than the limit is one D-LIMIT naming the file, the limit and the line."""
    hit = assert_finding(found(data_dir, Limits(csv_rows=20)), "D-LIMIT", GRANTS, 22, "flere enn 20 datarader")
    assert hit.expected == "høyst 20 datarader per fil"
    assert not [f for f in found(data_dir, Limits(csv_rows=30)) if f.rule == "D-LIMIT"]  # the fixture has 30


def test_csv_overlong_cells(data_dir: Path) -> None:
    """A 40 000-character cell is a D-LIMIT; a field beyond the csv module's limit is one too, not a quote error."""
    set_line(data_dir, GRANTS, 2, grant(note="n" * 40_000))
    set_line(data_dir, "kilder.csv", 3, '"' + "k" * 200_000)
    raised = csv.field_size_limit(sys.maxsize)  # as frictionless does on import: the reader sets its own
    try:
        result = found(data_dir)
    finally:
        csv.field_size_limit(raised)
    assert_finding(result, "D-LIMIT", GRANTS, 2, "cellen har 40 000 tegn")
    assert_finding(result, "D-LIMIT", "kilder.csv", 3, "lengre enn 131 072 tegn")


def test_csv_header_floods_and_escapes(data_dir: Path) -> None:
    """300 000 header columns give one finding, not 600 000; terminal escapes in a header are shown escaped."""
    (data_dir / GRANTS).write_text("x," * 300_000 + "\n", "utf-8")
    header = lines(data_dir / "kilder.csv")[0]
    set_line(data_dir, "kilder.csv", 1, header + ",\x1b[2Jrød")
    result = found(data_dir)
    assert [f.message for f in result if f.file == GRANTS] == ["fant 300 001 kolonner, forventet 10."]
    hit = assert_finding(result, "D-HEADER", "kilder.csv", 1, "ukjent kolonne «\\u001B[2Jrød»")
    assert "\x1b" not in hit.human()


# 2. Numbers the database column can hold ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "f", "rule", "words"),
    [
        ("10955000.123", MONEY, "D-NUMBER", "høyst 2 desimaler"),
        ("0.12345", SHARE, "D-NUMBER", "høyst 4 desimaler"),
        ("10000000000000000", MONEY, "D-RANGE", "utenfor det kolonnen kan lagre"),
        ("-10000000000000000", MONEY, "D-RANGE", "utenfor det kolonnen kan lagre"),
        ("100000000000000", SHARE, "D-RANGE", "utenfor det kolonnen kan lagre"),
        ("2147483648", COUNT, "D-RANGE", "utenfor det kolonnen kan lagre"),
        ("-2147483649", COUNT, "D-RANGE", "utenfor det kolonnen kan lagre"),
        ("9" * 5000, COUNT, "D-RANGE", "…"),
    ],
)
def test_values_the_column_cannot_hold(text: str, f: FieldSpec, rule: str, words: str) -> None:
    """Too many decimals is D-NUMBER, too large is D-RANGE; the value is shown (cut short when long)."""
    ok, _, problems = cell(text, f)
    assert not ok
    assert [r for r, _ in problems] == [rule]
    assert words in problems[0][1]
    assert len(problems[0][1]) < 200


@pytest.mark.parametrize(
    ("text", "f", "value"),
    [
        ("9999999999999999.99", MONEY, Decimal("9999999999999999.99")),
        ("-9999999999999999.99", MONEY, Decimal("-9999999999999999.99")),
        ("1.100", MONEY, Decimal("1.10")),
        ("99999999999999.9999", SHARE, Decimal("99999999999999.9999")),
        ("2147483647", COUNT, 2147483647),
        ("-2147483648", COUNT, -2147483648),
    ],
)
def test_values_at_the_edge_are_kept(text: str, f: FieldSpec, value: Any) -> None:
    """The largest values and trailing zeros beyond the scale (no information lost) are accepted."""
    ok, parsed, _ = cell(text, f)
    assert ok and parsed == value
    pa.array([parsed], type=sql_type(f)[1])


def test_check_and_build_agree_on_numbers(data_dir: Path, tmp_path: Path) -> None:
    """`check` exits 1 with D-NUMBER and D-RANGE, and `build` exits 1 with the same findings and no traceback."""
    grants = lines(data_dir / GRANTS)
    row = next(i for i, line in enumerate(grants, start=1) if ",22000000,tilsagn," in line)  # Bergen kommune
    set_line(data_dir, GRANTS, row, grants[row - 1].replace(",22000000,", ",22000000.125,"))
    reports = lines(data_dir / "rapportering.csv")
    set_line(data_dir, "rapportering.csv", 2, reports[1].replace(",410,", ",2147483648,"))
    set_line(data_dir, "rapportering.csv", 3, reports[2].replace(",48000000,", ",99999999999999999,"))
    runner = CliRunner()
    checked = runner.invoke(main, ["check", "--data", str(data_dir), "--report", str(tmp_path / "r.json")])
    assert checked.exit_code == 1, checked.output
    assert f'[D-NUMBER] {GRANTS} rad {row - 1} (linje {row}), kolonne "belop" (F)' in checked.output
    assert "høyst 2 desimaler" in checked.output
    assert '[D-RANGE] rapportering.csv rad 1 (linje 2), kolonne "deltakere" (H)' in checked.output
    assert '[D-RANGE] rapportering.csv rad 2 (linje 3), kolonne "brukt_belop" (F)' in checked.output
    built = runner.invoke(main, ["build", "--data", str(data_dir), "--out", str(tmp_path / "site")])
    assert built.exit_code == 1, built.output
    assert "Traceback" not in built.output and "pyarrow" not in built.output
    assert "høyst 2 desimaler" in built.output


# 3. ASCII digits only ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("three", OTHER_THREES)
def test_other_digits_are_refused_everywhere(three: str) -> None:
    """Money, numbers, integers, years, dates, county codes, org. numbers and schema patterns take only 0-9."""
    pattern = replace(SPECS.resource("tildelinger").field("kilde_id"), pattern=r"\d+")
    cases = [
        (f"1{three}00", MONEY),
        (f"0.{three}", SHARE),
        (f"{three}0", COUNT),
        (f"20{three}0", YEAR),
        (f"202{three}-01-01", DATE),
        (f"0{three}", COUNTY),
        (f"92{three}000000", ORGNR),
        (f"1{three}", pattern),
    ]
    for text, f in cases:
        ok, value, problems = cell(text, f)
        assert not ok and value is None, (text, f.name)
        assert problems, (text, f.name)
    _, _, problems = cell(f"1{three}00", MONEY)
    assert f"U+{ord(three):04X}" in problems[0][1] and "0–9" in problems[0][1]


@pytest.mark.parametrize("stored", ["\uff12\uff10\uff11\uff18", "\u0662\u0660\u0661\u0668", "2_018", "9" * 5000])
def test_xlsx_stored_number_must_be_ascii(data_dir: Path, edit_package: Callable[..., None], stored: str) -> None:
    """A number cell whose stored value is not an ASCII number (openpyxl would read full-width 2019 as 2019)."""
    to_xlsx(data_dir, edit_package, lambda ws: None)
    rewrite_member(data_dir / XLSX, SHEET_XML, lambda xml: xml.replace(b"<v>2019</v>", f"<v>{stored}</v>".encode(), 1))
    assert_finding(found(data_dir), "D-XLSX", XLSX, 0, "cellen A2 har et ugyldig tall")


# 4. Line breaks that are not CR or LF ------------------------------------------------------------------------


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\u0085", "\u000b", "\u000c", "\u001c", "\u001e"])
def test_line_break_lookalikes_are_line_breaks(brk: str) -> None:
    """U+2028, U+2029, NEL, VT, FF (everything str.splitlines breaks on) are «linjeskift i feltet»."""
    problems: list[tuple[str, str]] = []
    assert clean_text(f"Ein{brk}to", MONEY, False, lambda rule, msg, **kw: problems.append((rule, msg))) is None
    assert problems[0][0] == "D-CHARS"
    assert problems[0][1].startswith("linjeskift i feltet") and f"U+{ord(brk):04X}" in problems[0][1]


# 5. Paths out of data/ and files that are not regular files --------------------------------------------------


def test_symlinked_file_outside_data_is_not_read(data_dir: Path, tmp_path: Path) -> None:
    """A declared file that is a symlink to a file outside data/ is a D-PATH finding; its content is never shown."""
    secret = tmp_path / "secret.csv"
    secret.write_text("hemmelig,innhold\n", "utf-8")
    (data_dir / "kilder.csv").unlink()
    (data_dir / "kilder.csv").symlink_to(secret)
    result = found(data_dir)
    assert_finding(result, "D-PATH", "kilder.csv", 0, "peker utenfor datamappen")
    assert not [f for f in result if "hemmelig" in f.human() or "hemmelig" in (f.cell or "")]
    assert not [f for f in result if f.rule == "D-FOREIGNKEY"], "an unread file gives no reference findings"


def test_symlinked_folder_outside_data_is_not_read(
    data_dir: Path, tmp_path: Path, edit_package: Callable[..., None]
) -> None:
    """A directory component that is a symlink out of data/ is refused the same way, and not walked."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (data_dir / "kilder.csv").rename(outside / "kilder.csv")
    (data_dir / "sub").symlink_to(outside)
    edit_package(lambda raw: next(r for r in raw["resources"] if r["name"] == "kilder").update(path="sub/kilder.csv"))
    result = found(data_dir)
    assert_finding(result, "D-PATH", "sub/kilder.csv", 0, "peker utenfor datamappen")
    assert_finding(result, "D-MANIFEST", "sub", 0, "peker utenfor datamappen")


@pytest.mark.usefixtures("alarm")
def test_fifo_and_folder_where_a_file_is_declared(data_dir: Path) -> None:
    """A FIFO is reported, never opened (it would block); a folder likewise; both used to read as missing."""
    (data_dir / "ordninger.csv").unlink()
    os.mkfifo(data_dir / "ordninger.csv")
    (data_dir / "kilder.csv").unlink()
    (data_dir / "kilder.csv").mkdir()
    result = found(data_dir)
    assert_finding(result, "D-PATH", "ordninger.csv", 0, "er ikke en vanlig fil, men et navngitt rør (FIFO)")
    assert_finding(result, "D-PATH", "kilder.csv", 0, "er ikke en vanlig fil, men en mappe")


@pytest.mark.usefixtures("alarm")
def test_unlisted_entries_are_reported_without_opening(data_dir: Path, tmp_path: Path) -> None:
    """Unlisted FIFOs and symlinks out of data/ are D-MANIFEST findings; a FIFO among the releases is D-PATH."""
    (tmp_path / "elsewhere.csv").write_text("x\n", "utf-8")
    os.mkfifo(data_dir / "extra.fifo")
    (data_dir / "lenke.csv").symlink_to(tmp_path / "elsewhere.csv")
    (data_dir / "utgivelser").mkdir(exist_ok=True)
    os.mkfifo(data_dir / "utgivelser" / "2099.1.json")
    result = found(data_dir)
    assert_finding(result, "D-MANIFEST", "extra.fifo", 0, "navngitt rør")
    assert_finding(result, "D-MANIFEST", "lenke.csv", 0, "peker utenfor datamappen")
    assert_finding(result, "D-PATH", "utgivelser/2099.1.json", 0, "navngitt rør")


def test_read_inside_never_leaves_the_root(tmp_path: Path) -> None:
    """`..`, absolute paths and symlink loops are refused without reading; a symlink inside the root is fine."""
    root = tmp_path / "data"
    root.mkdir()
    (tmp_path / "secret.csv").write_text("hemmelig\n", "utf-8")
    (root / "a.csv").write_text("a\n", "utf-8")
    (root / "b.csv").symlink_to(root / "a.csv")
    (root / "loop").symlink_to(root / "loop")
    reported: list[tuple[Any, ...]] = []

    def report(*args: Any, **kw: Any) -> None:
        reported.append(args)

    for rel in ("../secret.csv", str(tmp_path / "secret.csv"), "loop", "loop/x.csv", ".", "a.csv/../../secret.csv"):
        assert read_inside(root, rel, 1000, report) is None, rel
        assert reported.pop()[0] == "D-PATH", rel
    assert read_inside(root, "b.csv", 1000, report) == b"a\n"


# 6. Properties of the number and text rules ------------------------------------------------------------------


def layout(value: Decimal, decimal_char: str, group: str) -> str:
    """A number written with the given decimal and group characters."""
    whole, _, frac = format(abs(value), "f").partition(".")
    if group:
        whole = f"{int(whole):,}".replace(",", group)
    return ("-" if value < 0 else "") + whole + (decimal_char + frac if frac else "")


SEPARATORS = st.sampled_from(
    [(".", ""), (",", ""), (",", " "), (",", "\u00a0"), (",", "\u202f"), (",", "."), (".", " ")]
)
LIMIT = Decimal("9999999999999999.99")


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=-LIMIT, max_value=LIMIT, places=2, allow_nan=False, allow_infinity=False), SEPARATORS)
def test_money_round_trip(value: Decimal, separators: tuple[str, str]) -> None:
    """Any amount with at most 2 decimals within DECIMAL(18,2), written with the declared characters, parses back."""
    decimal_char, group = separators
    f = replace(MONEY, decimal_char=decimal_char, group_chars=group)
    ok, parsed, problems = cell(layout(value, decimal_char, group), f)
    assert ok, problems
    assert parsed == value


NUMBERISH = st.from_regex(r"-?[0-9]{1,20}(\.[0-9]{1,7})?", fullmatch=True)


@settings(max_examples=200, deadline=None)
@given(NUMBERISH, st.sampled_from([MONEY, SHARE, COUNT]))
def test_whatever_is_accepted_loads_into_arrow(text: str, f: FieldSpec) -> None:
    """Every value parse_cell accepts converts without error to the column's Arrow type (builder/load/database.py)."""
    ok, value, _ = cell(text, f)
    if ok:
        pa.array([value], type=sql_type(f)[1])


ASCIIISH = st.text(alphabet="0123456789.,- -", max_size=12)
OTHER_DIGIT = st.characters(categories=["Nd"]).filter(lambda ch: ch not in "0123456789")


@settings(max_examples=200, deadline=None)
@given(ASCIIISH, OTHER_DIGIT, ASCIIISH, st.sampled_from([MONEY, SHARE, COUNT, YEAR, DATE, COUNTY]))
def test_any_other_digit_is_refused(before: str, digit: str, after: str, f: FieldSpec) -> None:
    """A value containing a digit that is not ASCII 0-9 never becomes a number, year, date or code."""
    ok, _, problems = cell(before + digit + after, f)
    assert not ok and problems


BREAKERS = st.sampled_from(sorted(LINE_BREAKS))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), BREAKERS, st.text(max_size=20))
def test_any_line_break_is_refused(before: str, brk: str, after: str) -> None:
    """Any text str.splitlines would split is refused by the character rules (D-CHARS)."""
    text = before + brk + after
    assert len(f"x{text}x".splitlines()) > 1
    problems: list[str] = []
    assert clean_text(text, MONEY, False, lambda rule, msg, **kw: problems.append(rule)) is None
    assert "D-CHARS" in problems


def test_every_character_splitlines_breaks_on_is_refused() -> None:
    """Exhaustively, over all of Unicode: each character str.splitlines breaks on is refused as a line break."""
    breakers = [chr(c) for c in range(0x110000) if len(f"x{chr(c)}x".splitlines()) > 1]
    assert sorted(LINE_BREAKS) == breakers
    problems: list[str] = []
    for brk in breakers:
        assert clean_text(f"a{brk}b", MONEY, False, lambda rule, msg, **kw: problems.append(msg)) is None
        assert problems.pop().startswith("linjeskift i feltet"), brk
