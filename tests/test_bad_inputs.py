"""The bad-input catalogue of reliability.md §9 (B1–B47, B52–B53), on the fixture data package: each gives its
exact rule and location. Line 2 of tildelinger.csv is the fixture's 2019 dekomp frame of 01 Østfold."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from builder.errors import Finding
from builder.load.contract import load_contract
from builder.load.validate import validate
from tests.conftest import FIXTURE_DATA

GRANTS = "tildelinger.csv"
# The fixture's first allocation row, as written in tests/fixtures/data/tildelinger.csv (line 2).
ROW = (FIXTURE_DATA / "tildelinger.csv").read_text("utf-8").splitlines()[1]


def url_cell(line: str, url: str) -> str:
    """Line 2 of the fixture's kilder.csv (beregning-nokkel, no URL) with `url` in its url column (before merknad)."""
    assert ",beregning,," in line, line
    return line.replace(",beregning,,", f",beregning,{url},", 1)


def lines(path: Path) -> list[str]:
    """The file's lines without line ends."""
    return path.read_text(encoding="utf-8").split("\n")


def set_line(data: Path, name: str, number: int, text: str) -> None:
    """Replace one physical line of a data file."""
    content = lines(data / name)
    content[number - 1] = text
    (data / name).write_text("\n".join(content), encoding="utf-8")


def insert_line(data: Path, name: str, number: int, text: str) -> None:
    """Insert a physical line before line `number`."""
    content = lines(data / name)
    content.insert(number - 1, text)
    (data / name).write_text("\n".join(content), encoding="utf-8")


def grant(amount: str = "27937000", county: str = "01", year: str = "2019", name: str = "", note: str = "") -> str:
    """A tildelinger row like line 2 (without its note) with one part changed."""
    return f"{year},dekomp,{county},,{name},{amount},ramme,beregnet,beregning-nokkel,{note}"


def findings(data: Path, **kw: Any) -> list[Finding]:
    """Validate a data directory."""
    return validate(load_contract(data), **kw).findings


def assert_finding(
    found: list[Finding], rule: str, file: str, line: int, text: str = "", severity: str = "error"
) -> Finding:
    """The expected finding is among those reported."""
    hits = [f for f in found if f.rule == rule and f.file == file and f.line == line and f.severity == severity]
    assert hits, f"no {rule} at {file}:{line}; got " + "; ".join(f.human() for f in found[:8])
    assert any(text in f.human() for f in hits), [f.human() for f in hits]
    return hits[0]


Mutation = Callable[[Path], None]
CASES: list[tuple[str, Mutation, str, str, int, str]] = [
    (
        "B1-cp1252",
        lambda d: (d / "fylker.csv").write_bytes((d / "fylker.csv").read_text("utf-8").encode("cp1252")),
        "D-ENCODING",
        "fylker.csv",
        2,
        "byte 4 (0xD8)",
    ),
    (
        "B3-mojibake",
        lambda d: set_line(d, "fylker.csv", 2, "01,Ã˜stfold,,1919,2019,ssb-klass-104"),
        "D-MOJIBAKE",
        "fylker.csv",
        2,
        "forventet «Østfold»",
    ),
    (
        "B5-utf16",
        lambda d: (d / GRANTS).write_bytes((d / GRANTS).read_text("utf-8").encode("utf-16")),
        "D-ENCODING",
        GRANTS,
        1,
        "UTF-16",
    ),
    (
        "B6-semicolon",
        lambda d: (d / "nasjonale_rammer.csv").write_text(
            (d / "nasjonale_rammer.csv").read_text("utf-8").replace(",", ";"), "utf-8"
        ),
        "D-HEADER",
        "nasjonale_rammer.csv",
        1,
        "semikolondelt",
    ),
    (
        "B7-decimal-comma",
        lambda d: set_line(d, GRANTS, 2, grant('"27937000,50"')),
        "D-NUMBER",
        GRANTS,
        2,
        "Desimalkomma",
    ),
    (
        "B9-currency",
        lambda d: set_line(d, GRANTS, 2, grant("kr 27937000")),
        "D-NUMBER",
        GRANTS,
        2,
        "kun tall er tillatt",
    ),
    ("B9-suffix", lambda d: set_line(d, GRANTS, 2, grant("27937000,-")), "D-ROWSHAPE", GRANTS, 2, "11 felt"),
    (
        "B10-scientific",
        lambda d: set_line(d, GRANTS, 2, grant("1.2E+06")),
        "D-NUMBER",
        GRANTS,
        2,
        "vitenskapelig notasjon",
    ),
    ("B11-excel-error", lambda d: set_line(d, GRANTS, 2, grant("#REF!")), "D-EXCELERR", GRANTS, 2, "«#REF!»"),
    ("B11-nan", lambda d: set_line(d, GRANTS, 2, grant("NaN")), "D-EXCELERR", GRANTS, 2, "«NaN»"),
    ("B12-negative", lambda d: set_line(d, GRANTS, 2, grant("-5000")), "D-SIGN", GRANTS, 2, "negativt"),
    ("B12-unicode-minus", lambda d: set_line(d, GRANTS, 2, grant("\u22125000")), "D-SIGN", GRANTS, 2, "negativt"),
    ("B15-lost-zero", lambda d: set_line(d, GRANTS, 2, grant(county="1")), "D-CODE", GRANTS, 2, "mente du «01»"),
    ("B16-unknown", lambda d: set_line(d, GRANTS, 2, grant(county="99")), "D-CODE", GRANTS, 2, "ukjent fylkesnummer"),
    ("B16-svalbard", lambda d: set_line(d, GRANTS, 2, grant(county="21")), "D-CODE", GRANTS, 2, "ukjent fylkesnummer"),
    (
        "B17-viken-2024",
        lambda d: set_line(d, GRANTS, 2, grant(county="30", year="2024")),
        "D-CODE-YEAR",
        GRANTS,
        2,
        "«30» (Viken) gjaldt 2020–2023, raden gjelder 2024.",
    ),
    (
        "B17-ostfold-2022",
        lambda d: set_line(d, GRANTS, 2, grant(county="31", year="2022")),
        "D-CODE-YEAR",
        GRANTS,
        2,
        "gjaldt 2024–",
    ),
    ("B19-two-digit", lambda d: set_line(d, GRANTS, 2, grant(year="24")), "D-YEAR", GRANTS, 2, "4 siffer"),
    ("B19-letter-o", lambda d: set_line(d, GRANTS, 2, grant(year="2O24")), "D-YEAR", GRANTS, 2, "4 siffer"),
    ("B19-range", lambda d: set_line(d, GRANTS, 2, grant(year="2204")), "D-YEAR", GRANTS, 2, "2018–2025"),
    (
        "B20-school-year",
        lambda d: set_line(d, GRANTS, 2, grant(year="2023/2024")),
        "D-YEAR",
        GRANTS,
        2,
        "forventet årstall",
    ),
    (
        "B21-dupkey",
        lambda d: insert_line(d, GRANTS, 3, grant(amount="5")),
        "D-DUPKEY",
        GRANTS,
        3,
        "finnes på linje 2 og linje 3",
    ),
    ("B22-duprow", lambda d: insert_line(d, GRANTS, 3, ROW), "D-DUPROW", GRANTS, 3, "identisk med linje 2"),
    (
        "B23-total-row",
        lambda d: insert_line(d, GRANTS, 3, grant(name="Totalt")),
        "D-TOTALROW",
        GRANTS,
        3,
        "summeringsrad («Totalt»)",
    ),
    ("B24-sum", lambda d: set_line(d, GRANTS, 2, grant("27938000")), "D-SUM", GRANTS, 2, "differanse 1 000,00"),
    (
        "B25-missing",
        lambda d: set_line(d, GRANTS, 1, lines(d / GRANTS)[0].replace(",belop", "")),
        "D-HEADER",
        GRANTS,
        1,
        "«belop» mangler",
    ),
    (
        "B25-extra",
        lambda d: set_line(d, GRANTS, 1, lines(d / GRANTS)[0] + ",kommentar"),
        "D-HEADER",
        GRANTS,
        1,
        "ukjent kolonne «kommentar»",
    ),
    (
        "B25-duplicate",
        lambda d: set_line(d, GRANTS, 1, lines(d / GRANTS)[0].replace("merknad", "belop")),
        "D-HEADER",
        GRANTS,
        1,
        "«belop» finnes to ganger",
    ),
    (
        "B25-misspelled",
        lambda d: set_line(d, GRANTS, 1, lines(d / GRANTS)[0].replace("belop", "beløp")),
        "D-HEADER",
        GRANTS,
        1,
        "mente du «belop»",
    ),
    (
        "B25-padded-case",
        lambda d: set_line(d, GRANTS, 1, lines(d / GRANTS)[0].replace(",belop,", ", Belop ,")),
        "D-HEADER",
        GRANTS,
        1,
        "mente du «belop»",
    ),
    ("B26-empty", lambda d: (d / "kilder.csv").write_text("", "utf-8"), "D-EMPTY", "kilder.csv", 0, "ingen datarader"),
    (
        "B26-header-only",
        lambda d: (d / "ordninger.csv").write_text(lines(d / "ordninger.csv")[0] + "\n", "utf-8"),
        "D-EMPTY",
        "ordninger.csv",
        0,
        "ingen datarader",
    ),
    ("B27-extra-cell", lambda d: set_line(d, GRANTS, 2, ROW + ",x"), "D-ROWSHAPE", GRANTS, 2, "11 felt, forventet 10"),
    ("B27-missing-cell", lambda d: set_line(d, GRANTS, 2, ROW.rsplit(",", 1)[0]), "D-ROWSHAPE", GRANTS, 2, "9 felt"),
    ("B28-blank-middle", lambda d: insert_line(d, GRANTS, 3, ""), "D-BLANKROW", GRANTS, 3, "tom rad"),
    ("B29-newline", lambda d: set_line(d, GRANTS, 2, grant(note='"linje\nto"')), "D-CHARS", GRANTS, 2, "linjeskift"),
    (
        "B30-quote",
        lambda d: set_line(d, GRANTS, 4, grant(county="03", note='"aldri lukket')),
        "D-QUOTE",
        GRANTS,
        4,
        "åpnet på linje 4",
    ),
    ("B31-nul", lambda d: set_line(d, GRANTS, 2, grant(note="a\x00b")), "D-CHARS", GRANTS, 2, "U+0000"),
    ("B31-rtl", lambda d: set_line(d, GRANTS, 2, grant(note="ab\u202ec")), "D-CHARS", GRANTS, 2, "U+202E"),
    ("B31-zwsp", lambda d: set_line(d, GRANTS, 2, grant(note="a\u200bb")), "D-CHARS", GRANTS, 2, "U+200B"),
    ("B31-c1", lambda d: set_line(d, GRANTS, 2, grant(note="a\u0085b")), "D-CHARS", GRANTS, 2, "U+0085"),
    ("B32-padded-key", lambda d: set_line(d, GRANTS, 2, grant(county=" 01 ")), "D-WHITESPACE", GRANTS, 2, "mellomrom"),
    (
        "B33-nfd-duplicate",
        lambda d: (
            insert_line(d, GRANTS, 3, grant(amount="1", name="Va\u030aler")),
            insert_line(d, GRANTS, 3, grant(amount="2", name="Våler")),
        ),
        "D-DUPKEY",
        GRANTS,
        4,
        "linje 3 og linje 4",
    ),
    (
        "B38-javascript-url",
        lambda d: set_line(d, "kilder.csv", 2, url_cell(lines(d / "kilder.csv")[1], "javascript:alert(1)")),
        "S-URL",
        "kilder.csv",
        2,
        "kun https:",
    ),
    (
        "B38-tab-javascript",
        lambda d: set_line(d, "kilder.csv", 2, url_cell(lines(d / "kilder.csv")[1], '"java\tscript:x"')),
        "S-URL",
        "kilder.csv",
        2,
        "kun https:",
    ),
    (
        "B38-data-url",
        lambda d: set_line(d, "kilder.csv", 2, url_cell(lines(d / "kilder.csv")[1], '"data:text/html,x"')),
        "S-URL",
        "kilder.csv",
        2,
        "kun https:",
    ),
    (
        "B40-empty-name",
        lambda d: set_line(d, "fylker.csv", 2, "01,,,1919,2019,ssb-klass-104"),
        "D-REQUIRED",
        "fylker.csv",
        2,
        "mangler",
    ),
    (
        "B40-long-name",
        lambda d: set_line(d, "fylker.csv", 2, "01," + "Ø" * 300 + ",,1919,2019,ssb-klass-104"),
        "D-LENGTH",
        "fylker.csv",
        2,
        "300 tegn",
    ),
    (
        "B53-undeclared-missing",
        lambda d: set_line(d, GRANTS, 2, grant("n/a")),
        "D-MISSING",
        GRANTS,
        2,
        "«n/a» er ikke et deklarert manglende-verdi-symbol",
    ),
    (
        "D1-unlisted",
        lambda d: (d / "extra.csv").write_text("a\n1\n", "utf-8"),
        "D-MANIFEST",
        "extra.csv",
        0,
        "ikke oppført",
    ),
    (
        "D2-sniffer-preamble",
        lambda d: (d / GRANTS).write_text("c0\nv0\na;b\n", "utf-8"),
        "D-HEADER",
        GRANTS,
        1,
        "ukjent kolonne «c0»",
    ),
    (
        "D-ORGNR",
        lambda d: set_line(d, GRANTS, 2, ROW.replace(",01,,,", ",01,123456789,,", 1)),
        "D-ORGNR",
        GRANTS,
        2,
        "organisasjonsnummer",
    ),
    (
        "D-ENUM",
        lambda d: set_line(d, GRANTS, 2, ROW.replace(",eksempel,", ",offisiel,")),
        "D-ENUM",
        GRANTS,
        2,
        "mente du «offisiell»",
    ),
    (
        "D-DATE",
        lambda d: set_line(
            d, "rapportering.csv", 2, lines(d / "rapportering.csv")[1].replace("2019-05-10", "10.05.2019")
        ),
        "D-DATE",
        "rapportering.csv",
        2,
        "ÅÅÅÅ-MM-DD",
    ),
    (
        "D-FOREIGNKEY",
        lambda d: set_line(d, GRANTS, 2, ROW.replace("eksempeldata", "finnes-ikke")),
        "D-FOREIGNKEY",
        GRANTS,
        2,
        "finnes ikke i kilder",
    ),
    (
        "D-PERSONAL-fnr",
        lambda d: set_line(d, GRANTS, 2, grant(note="kontakt 01017012345")),
        "D-PERSONAL",
        GRANTS,
        2,
        "fødselsnummer",
    ),
    (
        "D-SHARE",
        lambda d: set_line(
            d, "fylkesoverganger.csv", 8, lines(d / "fylkesoverganger.csv")[7].replace("0.2408", "0.2508")
        ),
        "D-SHARE",
        "fylkesoverganger.csv",
        8,
        "summerer til 1.0100",
    ),
]


@pytest.mark.parametrize(("case", "mutate", "rule", "file", "line", "text"), CASES, ids=[c[0] for c in CASES])
def test_bad_input(data_dir: Path, case: str, mutate: Mutation, rule: str, file: str, line: int, text: str) -> None:
    """Each bad input is reported with its rule, file and line."""
    mutate(data_dir)
    assert_finding(findings(data_dir), rule, file, line, text)


WARNINGS: list[tuple[str, Mutation, str, str, int, str]] = [
    ("B13-zero", lambda d: set_line(d, GRANTS, 2, grant("0")), "D-ZERO", GRANTS, 2, "beløpet er 0"),
    (
        "B14-outlier",
        lambda d: set_line(d, GRANTS, 20, "2024,dekomp,31,,,99999999999,ramme,eksempel,eksempeldata,"),
        "D-OUTLIER",
        GRANTS,
        20,
        "over ti ganger",
    ),
    ("B32-padded-text", lambda d: set_line(d, GRANTS, 2, grant(note=" luft ")), "D-WHITESPACE", GRANTS, 2, "fjernes"),
    (
        "B34-formula",
        lambda d: set_line(d, GRANTS, 2, grant(note='"=HYPERLINK(""http://evil.example"";""x"")"')),
        "D-FORMULA",
        GRANTS,
        2,
        "formeltegn",
    ),
    ("email", lambda d: set_line(d, GRANTS, 2, grant(note="ola@example.no")), "D-PERSONAL", GRANTS, 2, "e-post"),
]


@pytest.mark.parametrize(("case", "mutate", "rule", "file", "line", "text"), WARNINGS, ids=[c[0] for c in WARNINGS])
def test_warning(data_dir: Path, case: str, mutate: Mutation, rule: str, file: str, line: int, text: str) -> None:
    """Warnings are reported with their location and do not stop the build."""
    mutate(data_dir)
    assert_finding(findings(data_dir), rule, file, line, text, severity="warning")


def test_b2_undefined_cp1252_byte(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """A byte that Windows-1252 does not define is named with its line."""
    edit_package(lambda raw: raw["resources"][0].update(encoding="windows-1252"))
    text = (data_dir / "kilder.csv").read_text("utf-8").encode("cp1252", errors="replace")
    parts = text.split(b"\n")
    parts[2] = parts[2] + b"\x81"
    (data_dir / "kilder.csv").write_bytes(b"\n".join(parts))
    assert_finding(findings(data_dir), "D-ENCODING", "kilder.csv", 3, "(0x81)")


def test_b1_declared_cp1252_is_accepted(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """A Windows-1252 file is fine when the descriptor says so, and its text is read correctly."""
    edit_package(lambda raw: raw["resources"][1].update(encoding="windows-1252"))
    (data_dir / "fylker.csv").write_bytes((data_dir / "fylker.csv").read_text("utf-8").encode("cp1252"))
    result = validate(load_contract(data_dir))
    assert result.ok
    assert result.rows["fylker"][0]["navn"] == "Østfold"


def test_b4_bom_is_stripped(data_dir: Path) -> None:
    """A UTF-8 BOM is accepted and not part of the first header."""
    (data_dir / GRANTS).write_bytes(b"\xef\xbb\xbf" + (data_dir / GRANTS).read_bytes())
    result = validate(load_contract(data_dir))
    assert result.ok, [f.human() for f in result.findings]


def test_b8_declared_group_separators(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """Declared group separators are accepted; an undeclared `.` with decimal comma is ambiguous."""

    def change(raw: dict[str, Any]) -> None:
        belop = next(
            f
            for r in raw["resources"]
            if r["name"] == "tildelinger"
            for f in r["schema"]["fields"]
            if f["name"] == "belop"
        )
        belop.update(decimalChar=",", groupChar=" \u00a0\u202f")

    edit_package(change)
    set_line(data_dir, GRANTS, 2, grant('"27\u00a0937\u202f000,00"'))
    set_line(data_dir, GRANTS, 3, lines(data_dir / GRANTS)[2].replace("61073000", "61 073 000"))
    set_line(data_dir, GRANTS, 4, lines(data_dir / GRANTS)[3].replace("49618000", "49.618.000"))
    found = findings(data_dir)
    assert not [f for f in found if f.line in (2, 3) and f.file == GRANTS and f.rule != "D-SUM"]
    assert_finding(found, "D-NUMBER", GRANTS, 4, "tvetydig")


def test_b18_code_name_mismatch(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """A county name column must match the code for that year."""

    def change(raw: dict[str, Any]) -> None:
        res = next(r for r in raw["resources"] if r["name"] == "nevnere")
        res["schema"]["fields"].insert(2, {"name": "fylke", "type": "string", "x-role": "fylkenavn"})

    edit_package(change)
    content = lines(data_dir / "nevnere.csv")
    fixed = []
    for i, line in enumerate(content):
        if not line:
            fixed.append(line)
            continue
        parts = line.split(",")
        parts.insert(2, "fylke" if i == 0 else ("Bergen" if i == 1 else ""))
        fixed.append(",".join(parts))
    (data_dir / "nevnere.csv").write_text("\n".join(fixed), "utf-8")
    assert_finding(findings(data_dir), "D-CODE-NAME", "nevnere.csv", 2, "er «Østfold», fant «Bergen»")


def test_b28_trailing_blank_lines_are_ignored(data_dir: Path) -> None:
    """Blank lines at the end of a file are not an error."""
    with (data_dir / GRANTS).open("a", encoding="utf-8") as f:
        f.write("\n\n\n")
    assert validate(load_contract(data_dir)).ok


def test_b41_long_line_is_refused_quickly(data_dir: Path) -> None:
    """A 10 MB single line gives D-LIMIT, not a hang."""
    (data_dir / GRANTS).write_text(lines(data_dir / GRANTS)[0] + "\n" + "x" * 10_000_000 + "\n", "utf-8")
    assert_finding(findings(data_dir), "D-LIMIT", GRANTS, 2, "lengre enn")


def test_b52_file_size_limit(data_dir: Path) -> None:
    """A file above the size limit is refused before parsing."""
    with (data_dir / GRANTS).open("r+b") as f:
        f.truncate(250 * 1024 * 1024)
    assert_finding(findings(data_dir), "D-LIMIT", GRANTS, 0, "grensen er")


def test_all_errors_at_once(data_dir: Path) -> None:
    """Lazy validation: three kinds of error in two files are all reported (D-21)."""
    set_line(data_dir, GRANTS, 2, grant(county="1"))
    set_line(data_dir, GRANTS, 3, lines(data_dir / GRANTS)[2].replace("2019", "2O19", 1))
    set_line(data_dir, "fylker.csv", 2, "01,Ã˜stfold,,1919,2019,ssb-klass-104")
    rules = {f.rule for f in findings(data_dir) if f.severity == "error"}
    assert {"D-CODE", "D-YEAR", "D-MOJIBAKE"} <= rules


# Excel inputs (B42–B47): the resource `nasjonale_rammer` is switched to an .xlsx file built here.
def to_xlsx(data: Path, edit: Callable[..., None], shape: Callable[[Any], None]) -> None:
    """Replace nasjonale_rammer.csv by an .xlsx with the same rows, then let `shape` alter the sheet."""
    rows = [line.split(",") for line in lines(data / "nasjonale_rammer.csv") if line][:6]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Rammer"
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row[:5], start=1):
            ws.cell(r, c, int(value) if r > 1 and c in (1, 3) else value)
    shape(ws)
    wb.save(data / "nasjonale_rammer.xlsx")
    (data / "nasjonale_rammer.csv").unlink()

    def change(raw: dict[str, Any]) -> None:
        res = next(r for r in raw["resources"] if r["name"] == "nasjonale_rammer")
        res.update(path="nasjonale_rammer.xlsx", format="xlsx", **{"x-sheet": "Rammer"})
        res["schema"]["fields"] = res["schema"]["fields"][:5]
        raw["x-reconcile"] = []

    edit(change)


XLSX_CASES: list[tuple[str, Callable[[Any], None], str, int, str, str]] = [
    ("B42-formula", lambda ws: ws.cell(3, 3, "=C2*2"), "D-XLSX-FORMULA", 3, "formel uten lagret verdi", "error"),
    ("B43-merged", lambda ws: ws.merge_cells("A5:B5"), "D-XLSX-MERGED", 5, "A5:B5", "error"),
    ("B45-number-code", lambda ws: None, "", 0, "", ""),
    ("B46-serial-year", lambda ws: ws.cell(2, 1, 45306), "D-XLSX-DATE", 2, "forventer årstall", "error"),
    ("B47-stray", lambda ws: ws.cell(1000, 1, " "), "D-XLSX-STRAY", 1000, "ignoreres", "warning"),
]


@pytest.mark.parametrize(
    ("case", "shape", "rule", "line", "text", "severity"),
    XLSX_CASES[:2] + XLSX_CASES[3:],
    ids=[c[0] for c in XLSX_CASES[:2] + XLSX_CASES[3:]],
)
def test_xlsx(
    data_dir: Path,
    edit_package: Callable[..., None],
    case: str,
    shape: Callable[[Any], None],
    rule: str,
    line: int,
    text: str,
    severity: str,
) -> None:
    """Excel-specific problems are located as sheet!cell."""
    to_xlsx(data_dir, edit_package, shape)
    found = assert_finding(findings(data_dir), rule, "nasjonale_rammer.xlsx", line, text, severity)
    assert "nasjonale_rammer.xlsx!" in found.human()


def test_xlsx_clean_sheet_is_read(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """A clean sheet reads with typed values."""
    to_xlsx(data_dir, edit_package, lambda ws: None)
    result = validate(load_contract(data_dir))
    assert [f.human() for f in result.findings if f.severity == "error"] == []
    assert result.rows["nasjonale_rammer"][0]["aar"] == 2019
    assert result.rows["nasjonale_rammer"][0]["belop"] == 230_000_000


def test_b44_missing_and_hidden_sheets(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """A missing sheet names the ones available; hidden sheets are ignored with a warning."""

    def shape(ws: Any) -> None:
        hidden = ws.parent.create_sheet("Skjult")
        hidden.sheet_state = "hidden"
        ws.title = "Feil navn"

    to_xlsx(data_dir, edit_package, shape)
    found = findings(data_dir)
    assert_finding(found, "D-XLSX-SHEET", "nasjonale_rammer.xlsx", 0, "Feil navn")
    assert_finding(found, "D-XLSX-HIDDEN", "nasjonale_rammer.xlsx", 0, "Skjult", severity="warning")


def test_b45_code_stored_as_number(data_dir: Path, edit_package: Callable[..., None]) -> None:
    """In an xlsx code column, the number 46 is read as '46' with a warning; 3 is a lost leading zero."""
    rows = [line.split(",") for line in lines(data_dir / "nevnere.csv") if line][:4]
    wb = openpyxl.Workbook()
    ws = wb.active
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            ws.cell(r, c, value)
    ws.cell(2, 2, 46)
    ws.cell(3, 2, 3)
    ws.cell(2, 1, 2020)
    wb.save(data_dir / "nevnere.xlsx")
    (data_dir / "nevnere.csv").unlink()
    edit_package(
        lambda raw: next(r for r in raw["resources"] if r["name"] == "nevnere").update(
            path="nevnere.xlsx", format="xlsx"
        )
    )
    found = findings(data_dir)
    assert_finding(found, "D-XLSX-TYPE", "nevnere.xlsx", 2, "lest som tekst «46»", severity="warning")
    assert_finding(found, "D-CODE", "nevnere.xlsx", 3, "mente du «03»")


def test_report_json_is_sorted_and_complete(data_dir: Path, tmp_path: Path) -> None:
    """build-report.json lists every finding in (file, line, rule) order with frictionless field names."""
    from builder.errors import write_report

    set_line(data_dir, GRANTS, 2, grant(county="1"))
    set_line(data_dir, "fylker.csv", 2, "01,Ã˜stfold,,1919,2019,ssb-klass-104")
    found = findings(data_dir)
    write_report(tmp_path / "r.json", found)
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    keys = [(f["file"], f["line"], f["rule"]) for f in report["findings"]]
    assert keys == sorted(keys)
    first = next(f for f in report["findings"] if f["rule"] == "D-CODE" and f["file"] == GRANTS)
    assert first["fieldName"] == "fylkesnummer" and first["cell"] == "1" and first["rowNumber"] == 1
    assert report["errors"] >= 2
