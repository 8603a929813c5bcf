"""The downloads in a real spreadsheet: LibreOffice Calc, headless and with the Norwegian locale, opens the Excel
CSVs as its text import does (`;`, UTF-8, language nb-NO; special numbers detected or not) and the XLSX files, and
saves them as HTML, which carries what a user sees in each cell and, for a number or date, its value (`sdval`).
Expected values are worked out by hand from tests/fixtures/data."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice Calc (soffice) mangler: installer Debian-pakken libreoffice-calc"
)

# Site file → the name it is opened under (unique per folder, so the HTML files do not collide).
CSV_FILES = {
    "data/fylke/fylker-i-dag.csv": "fylker.csv",
    "data/fylke/46-vestland/mottakere.csv": "mottakere.csv",
    "data/om/kilder.csv": "kilder.csv",
    "data/om/fylkesoverganger.csv": "overganger.csv",
    "data/ar/2020/endringer.csv": "endringer.csv",
    "data/siste/tildelinger.csv": "tildelinger.csv",
}
XLSX_FILES = {path.replace(".csv", ".xlsx"): name.replace(".csv", ".xlsx") for path, name in CSV_FILES.items()}
del XLSX_FILES["data/siste/tildelinger.xlsx"]  # the datasets come as CSV and Parquet only
# Calc's CSV import options: separator `;` (59), text in `"` (34), UTF-8 (76), from line 1, standard column
# types, language nb-NO (1044), quoted fields not forced to text, then whether special numbers (dates, percent,
# scientific) are detected; the Excel CSV must read right either way.
CSV_FILTER = "Text - txt - csv (StarCalc):59,34,76,1,,1044,false,{special}"
GROUPED = "[\u00a0\u202f ]"  # Norwegian thousands separator: a no-break space (Calc), a narrow one or a space


class Cells(HTMLParser):
    """The first table of Calc's HTML export as rows of (shown text, value or None)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[tuple[str, str | None]]] = []
        self.tables = 0
        self.cell: list[str] | None = None
        self.value: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open a row or a cell of the first table."""
        if tag == "table":
            self.tables += 1
        elif self.tables == 1 and tag == "tr":
            self.rows.append([])
        elif self.tables == 1 and tag == "td":
            self.cell, self.value = [], dict(attrs).get("sdval")

    def handle_endtag(self, tag: str) -> None:
        """Close a cell."""
        if tag == "td" and self.cell is not None:
            self.rows[-1].append(("".join(self.cell).strip(), self.value))
            self.cell = None

    def handle_data(self, data: str) -> None:
        """Text inside a cell."""
        if self.cell is not None:
            self.cell.append(data)


def convert(sources: list[Path], out: Path, profile: Path, infilter: str | None = None) -> None:
    """One soffice run converting every file to HTML, with the Norwegian locale and a private profile."""
    env = {**os.environ, "LC_ALL": "nb_NO.UTF-8", "LANG": "nb_NO.UTF-8", "LANGUAGE": "nb_NO"}
    command = [str(SOFFICE), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    command += [f"--infilter={infilter}"] if infilter else []
    command += ["--convert-to", "html", "--outdir", str(out), *map(str, sources)]
    proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
    missing = [s.name for s in sources if not (out / s.with_suffix(".html").name).is_file()]
    assert proc.returncode == 0 and not missing, (missing, proc.stdout, proc.stderr)


Sheets = dict[str, dict[str, list[list[tuple[str, str | None]]]]]


@pytest.fixture(scope="module")
def calc(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Sheets:
    """What Calc shows of each file, by how it was opened ("plain", "special", "xlsx") and the file's name."""
    work = tmp_path_factory.mktemp("calc")
    inputs = work / "in"
    inputs.mkdir()
    for path, name in (CSV_FILES | XLSX_FILES).items():
        shutil.copyfile(built_site / path, inputs / name)
    csvs = [inputs / name for name in CSV_FILES.values()]
    runs = {
        "plain": (csvs, CSV_FILTER.format(special="false")),
        "special": (csvs, CSV_FILTER.format(special="true")),
        "xlsx": ([inputs / name for name in XLSX_FILES.values()], None),
    }
    shown: Sheets = {}
    for mode, (files, infilter) in runs.items():
        convert(files, work / mode, work / "profile", infilter)
        shown[mode] = {}
        for source in files:
            parser = Cells()
            parser.feed((work / mode / source.with_suffix(".html").name).read_text("utf-8"))
            shown[mode][source.stem] = parser.rows
    return shown


def by_first(rows: list[list[tuple[str, str | None]]], column: str) -> dict[str, list[tuple[str, str | None]]]:
    """Data rows keyed by the text of one column, named by its header."""
    at = [text for text, _ in rows[0]].index(column)
    return {row[at][0]: row for row in rows[1:]}


def number(value: str | None) -> Decimal:
    """A cell's value as Calc wrote it (with the Norwegian decimal comma)."""
    assert value is not None, "cellen er tekst, ikke et tall"
    return Decimal(value.replace(",", "."))


def column(rows: list[list[tuple[str, str | None]]], name: str) -> int:
    """Where a column is, by its header."""
    return [text for text, _ in rows[0]].index(name)


# The fixture's 2024 frames per county today (tildelinger.csv lines 19–26): 03 dekomp 58 + rekomp 12 million,
# 46 dekomp 75 + rekomp 14,5 million, 33 rekomp 0; 15 Møre og Romsdal has no figures.
COUNTIES_2024 = {"Oslo": 70_000_000, "Østfold": 32_000_000, "Akershus": 70_000_000, "Buskerud": 30_000_000}
COUNTIES_2024["Vestland"] = 89_500_000
# Days from Calc's day zero (1899-12-30) to Dagsavisen's article of 2020-02-06 (kilder.csv).
DAGSAVISEN = (dt.date(2020, 2, 6) - dt.date(1899, 12, 30)).days


@pytest.mark.parametrize("mode", ["plain", "special"])
def test_csv_amounts_are_numbers_and_names_intact(calc: Sheets, mode: str) -> None:
    """In the county list, each amount is a number equal to the fixture's sum, æøå survive, a county number loses
    its zero (03 → 3, as in any spreadsheet) and the row names the county."""
    rows = by_first(calc[mode]["fylker"], "Fylke")
    amount = column(calc[mode]["fylker"], "Beløp (kr)")
    assert {name: number(rows[name][amount][1]) for name in COUNTIES_2024} == COUNTIES_2024
    assert rows["Møre og Romsdal"][amount] == ("", None)
    assert rows["Oslo"][0] == ("3", "3")
    recipients = by_first(calc[mode]["mottakere"], "Mottaker")
    at = column(calc[mode]["mottakere"], "Beløp (kr)")
    assert {name: number(row[at][1]) for name, row in recipients.items()} == {
        "Bergen kommune": 22_000_000,
        "Høgskulen på Vestlandet": 14_000_000,
        "Øygarden kommune": 3_500_000,
        "Årdal kommune": 1_200_000,
    }  # tildelinger.csv lines 28–31


@pytest.mark.parametrize("mode", ["plain", "special"])
def test_csv_dates_and_shares_are_numbers(calc: Sheets, mode: str) -> None:
    """An ISO date is a date; a share under «(%)» is the number in percent (24,08 for the fixture's 0.2408, 10,8469
    for Oslo's change from 49 618 000 to 55 000 000)."""
    sources = by_first(calc[mode]["kilder"], "Kilde-id")
    at = column(calc[mode]["kilder"], "Dato")
    assert number(sources["dagsavisen-2020-02-06"][at][1]) == DAGSAVISEN
    assert sources["beregning-nokkel"][at] == ("", None)  # no date in kilder.csv
    moves = calc[mode]["overganger"]
    share = column(moves, "Andel (%)")
    viken = [row[share][1] for row in moves if [text for text, _ in row[:3]] == ["2024", "Viken", "Østfold"]]
    assert [number(v) for v in viken] == [Decimal("24.08")]
    change = by_first(calc[mode]["endringer"], "Fylke")["Oslo"][
        column(calc[mode]["endringer"], "Endring fra året før (%)")
    ]
    assert number(change[1]) == (Decimal(5_382_000) / 49_618_000 * 100).quantize(Decimal("0.0001"))


def test_dataset_csv_names_the_county_beside_its_number(calc: Sheets) -> None:
    """tildelinger.csv in Calc: 01 becomes 1, but the next column says Østfold (fylker.csv), and the amount is the
    number of tildelinger.csv line 2."""
    rows = calc["plain"]["tildelinger"]
    header = [text for text, _ in rows[0]]
    first = dict(zip(header, rows[1], strict=True))
    assert header[2:4] == ["fylkesnummer", "fylke"]
    assert first["fylkesnummer"] == ("1", "1") and first["fylke"] == ("Østfold", None)
    assert number(first["belop"][1]) == 27_937_000


def test_xlsx_shows_grouped_amounts_codes_dates_and_percent(calc: Sheets) -> None:
    """The workbooks as a Norwegian Calc shows them: 70 000 000 with a space between the groups, «03» with its
    zero, 06.02.2020 for a date, 24,1 % and +10,8 % for shares."""
    counties = by_first(calc["xlsx"]["fylker"], "Fylke")
    text, value = counties["Oslo"][column(calc["xlsx"]["fylker"], "Beløp (kr)")]
    assert re.fullmatch(f"70{GROUPED}000{GROUPED}000", text) and number(value) == 70_000_000
    assert counties["Oslo"][0] == ("03", None) and counties["Vestland"][0] == ("46", None)
    sources = by_first(calc["xlsx"]["kilder"], "Kilde-id")
    assert sources["dagsavisen-2020-02-06"][column(calc["xlsx"]["kilder"], "Dato")] == ("06.02.2020", str(DAGSAVISEN))
    moves = calc["xlsx"]["overganger"]
    share = column(moves, "Andel (%)")
    viken = [row[share] for row in moves if [text for text, _ in row[:3]] == ["2024", "Viken", "Østfold"]]
    assert [(re.sub(r"\s", " ", t), number(v)) for t, v in viken] == [("24,1 %", Decimal("0.2408"))]
    changes = calc["xlsx"]["endringer"]
    text, value = by_first(changes, "Fylke")["Oslo"][column(changes, "Endring fra året før (%)")]
    assert re.sub(r"\s", " ", text) == "+10,8 %" and number(value) == Decimal("0.108469")
    recipients = [row[column(calc["xlsx"]["mottakere"], "Mottaker")][0] for row in calc["xlsx"]["mottakere"][1:]]
    assert recipients == ["Bergen kommune", "Høgskulen på Vestlandet", "Øygarden kommune", "Årdal kommune"]
