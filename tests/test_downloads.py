"""Downloads for journalists: every table in four formats equals the table shown; formula injection is impossible;
the whole release is published as CSV, Parquet, ZIP and a valid datapackage.json with checksums; versions hold."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
import openpyxl
import pyarrow.parquet as pq
import pytest

from builder.build import Report, assembling, build, record_release
from builder.errors import BuildError, Exit
from builder.load.formula import FORMULA_TRIGGERS
from builder.model import queries
from builder.model.datasets import Release
from builder.model.site import Site
from builder.model.tables import Column, table
from builder.render.downloads import columns, csv_bytes, download_base, xlsx_bytes
from tests.conftest import FIXTURE_DATA, fast_config

RELEASE = Release("2026.1", "2026-11-23", "NLOD-2.0", "https://example.no")


@pytest.fixture(scope="module")
def assembled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Site, duckdb.DuckDBPyConnection]]:
    """The model of the fixture (as built into built_site) and its loaded database, kept open for the queries."""
    report = tmp_path_factory.mktemp("model") / "build-report.json"
    with assembling(fast_config(data_dir=FIXTURE_DATA, report_path=report), Report()) as (assembly, con):
        yield assembly.site, con


def expected(value: Any) -> Any:
    """A raw value as the machine CSV should carry it."""
    if value is None:
        return ""
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return Decimal(str(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time():  # an XLSX date reads back as midnight
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def numeric_columns(tb: Any) -> list[bool]:
    """Which output columns hold numbers."""
    return [(c.numeric or c.kind == "year") and not status for _, _, c, status in columns(tb)]


def parsed(row: list[str], numeric: list[bool], decimal: str = ".", percent: list[bool] | None = None) -> list[Any]:
    """A CSV row with numbers as Decimal (by column type); a share written in percent back to a fraction."""
    shares = percent or [False] * len(row)
    return [
        (Decimal(c.replace(decimal, ".")) / (100 if p else 1)) if n and c else c
        for c, n, p in zip(row, numeric, shares, strict=True)
    ]


def read_back(base: Path, numeric: list[bool]) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Header and values of one table in each of its four download formats (the Excel CSV's shares in percent)."""
    machine = list(csv.reader(io.StringIO(base.with_suffix(".maskinlesbar.csv").read_text("utf-8"))))
    raw = base.with_suffix(".csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw, base
    excel = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    body = json.loads(base.with_suffix(".json").read_text("utf-8"))
    percent = [c["type"] in ("pct", "signed_pct") for c in body["kolonner"]]
    sheet = openpyxl.load_workbook(base.with_suffix(".xlsx"))["Tabell"]
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row), base
    cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    return {
        "maskinlesbar.csv": (machine[0], [parsed(row, numeric) for row in machine[1:]]),
        "csv": (machine[0], [parsed(row, numeric, ",", percent) for row in excel[1:]]),
        "json": ([c["navn"] for c in body["kolonner"]], [[expected(v) for v in r.values()] for r in body["rader"]]),
        "xlsx": (machine[0], [[expected(v) for v in row] for row in cells]),
    }


def test_every_table_reads_back_the_same_in_four_formats(built_site: Path, assembled: tuple[Site, Any]) -> None:
    """Every table on every page: same header, rows, order and values in the machine CSV, the Excel CSV, the
    JSON and the XLSX, one row per row shown."""
    site, _ = assembled
    checked = 0
    for page in site.pages:
        for tb in page.content.tables:
            base = built_site / download_base(page.url, tb.id)
            formats = read_back(base, numeric_columns(tb))
            header, rows = formats["maskinlesbar.csv"]
            assert header == [name for name, _, _, _ in columns(tb)] and len(rows) == len(tb.rows), base
            for name, got in formats.items():
                assert got == (header, rows), (base, name)
            checked += 1
    assert checked > 100


# Tables whose rows are one query's rows unchanged: page, table id, query, its parameters, and the query column
# each status column comes from (a status column names the value column it describes, `<key>_status`).
RESORTED = {"county_recipients"}
KEY_STATUS = {"etter_nokkel": "nokkel_status", "differanse": "differanse_status"}
PER_FTE_STATUS = {
    "larerarsverk": "nevner_status",
    "per_larerarsverk": "per_status",
    "land_per_larerarsverk": "land_status",
}  # the model puts recipient names in Norwegian order within year and scheme
QUERY_TABLES = [
    ("fylke/46-vestland", "mottakere", "county_recipients", {"fylke": "46"}, {}),
    ("fylke/46-vestland", "nokkel", "county_key", {"fylke": "46"}, KEY_STATUS),
    ("fylke/46-vestland", "per-larerarsverk", "county_totals", {"fylke": "46"}, PER_FTE_STATUS),
    ("fylke/46-vestland", "rapportering", "county_reporting", {"fylke": "46", "frist_dag": 14, "frist_maaned": 6}, {}),
    ("fylke/31-ostfold", "sammenlignbar", "county_comparable", {"fylke": "31"}, {}),
    ("fylke/03-oslo", "per-larerarsverk", "county_totals", {"fylke": "03"}, PER_FTE_STATUS),
    ("ar/2024", "rapportering", "year_reporting", {"aar": 2024, "frist_dag": 14, "frist_maaned": 6}, {}),
]


def query_values(row: dict[str, Any], header: list[str], status_of: dict[str, str]) -> list[Any]:
    """One query row in the order of a download's header; a status is empty where its value is."""
    values = []
    for name in header:
        key = name.removesuffix("_status")
        if name == key:
            values.append(expected(row[name]))
        else:
            values.append("" if row[key] is None else row[status_of.get(key, "status")])
    return values


@pytest.mark.parametrize(("page", "table_id", "query", "params", "status_of"), QUERY_TABLES)
def test_downloads_hold_the_query_rows(
    built_site: Path,
    assembled: tuple[Site, duckdb.DuckDBPyConnection],
    page: str,
    table_id: str,
    query: str,
    params: dict[str, Any],
    status_of: dict[str, str],
) -> None:
    """Each of the four files of a table holds exactly the rows of its SQL, run on the loaded fixture, in order
    (names are re-sorted in Norwegian order by the model, which the recipients order test checks on its own)."""
    _, con = assembled
    rows = queries.run(con, query, **params)
    assert rows, query
    base = built_site / "data" / page / table_id
    machine_header = base.with_suffix(".maskinlesbar.csv").read_text("utf-8").splitlines()[0].split(",")
    want = [query_values(r, machine_header, status_of) for r in rows]
    numeric = [bool(want) and isinstance(v, Decimal) for v in want[0]]
    for name, (header, got) in read_back(base, numeric).items():
        assert header == machine_header, (base, name)
        assert (sorted(got, key=repr) if query in RESORTED else got) == (
            sorted(want, key=repr) if query in RESORTED else want
        ), (base, name)


def test_vestland_recipients_are_the_fixture_rows(built_site: Path) -> None:
    """The recipients download of 46 Vestland holds the fixture's four 2024 grants (tildelinger.csv lines 28–31)."""
    text = (built_site / "data" / "fylke" / "46-vestland" / "mottakere.maskinlesbar.csv").read_text("utf-8")
    assert set(text.splitlines()[1:]) == {
        "2024,Desentralisert ordning for kompetanseutvikling i skolen,Bergen kommune,22000000,eksempel",
        "2024,Desentralisert ordning for kompetanseutvikling i skolen,Høgskulen på Vestlandet,14000000,eksempel",
        "2024,Desentralisert ordning for kompetanseutvikling i skolen,Øygarden kommune,3500000,eksempel",
        "2024,Desentralisert ordning for kompetanseutvikling i skolen,Årdal kommune,1200000,eksempel",
    }


def test_vestland_recipients_in_norwegian_order(built_site: Path) -> None:
    """Recipients are sorted in Norwegian order: Øygarden before Årdal (tests/fixtures/README.md)."""
    text = (built_site / "data" / "fylke" / "46-vestland" / "mottakere.maskinlesbar.csv").read_text("utf-8")
    names = [line.split(",")[2] for line in text.splitlines()[1:]]
    assert names == ["Bergen kommune", "Høgskulen på Vestlandet", "Øygarden kommune", "Årdal kommune"]


def test_xlsx_keeps_codes_as_text_and_amounts_as_numbers(built_site: Path) -> None:
    """County numbers stay text with their leading zero; amounts are numbers with a thousands format."""
    book = openpyxl.load_workbook(built_site / "data" / "fylke" / "fylker-i-dag.xlsx")
    sheet = book["Tabell"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "03"
    # `#,##0` is Excel's thousands format, shown by a Norwegian Excel or Calc as 70 000 000 (`# ##0` showed 70000 000)
    assert sheet["E2"].data_type == "n" and sheet["E2"].number_format == "#,##0"
    assert sheet["E1"].value == "Beløp (kr)"
    assert sheet.freeze_panes == "A2"
    about = {row[0].value: row[1].value for row in book["Om dataene"].iter_rows()}
    assert about["Versjon"] == "9999.1" and about["Lisens"] == "NLOD-2.0"
    # every county of the fixture's fylker.csv without an end year, 15 Møre og Romsdal without figures
    assert [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)] == ["03", "15", "31", "32", "33", "46"]
    assert [sheet.cell(r, 5).value for r in range(2, sheet.max_row + 1)] == [
        70_000_000,
        None,
        32_000_000,
        70_000_000,
        30_000_000,
        89_500_000,
    ]


@pytest.mark.parametrize("trigger", FORMULA_TRIGGERS)
def test_formula_injection_is_impossible(trigger: str) -> None:
    """Every trigger is neutralised in CSV; XLSX cells are strings; numeric −1500 stays a number."""
    value = trigger + 'HYPERLINK("http://evil.example";"x")'
    rows = [{"navn": value, "belop": Decimal(-1500)}]
    tb = table("t", "Test", rows, (Column("navn", "Navn"), Column("belop", "Beløp (kr)", "nok")))
    for excel in (True, False):
        text = csv_bytes(tb, excel=excel).decode("utf-8-sig")
        row = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))[1]
        assert row[0] == "'" + value
        assert row[1] == "-1500"
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(tb, RELEASE, [], "x")))["Tabell"]
    stored = re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m.group(1), 16)), sheet["A2"].value)
    assert sheet["A2"].data_type == "s" and stored == value
    assert sheet["B2"].data_type == "n" and sheet["B2"].value == -1500


FIXTURE_RESOURCES = json.loads((FIXTURE_DATA / "datapackage.json").read_text("utf-8"))["resources"]


def test_bulk_files_and_checksums(built_site: Path) -> None:
    """ZIP of all CSVs, Parquet with descriptions, datapackage.json, and SHA256SUMS that verify."""
    bulk = built_site / "data" / "siste"
    names = zipfile.ZipFile(bulk / "kompetanseinnsyn-DEMO.zip").namelist()
    assert "tildelinger.csv" in names and "tildelinger.maskinlesbar.csv" in names
    assert len(names) == 2 * len(FIXTURE_RESOURCES) + 3  # with datapackage.json, LESMEG.txt and LISENS.txt
    table = pq.read_table(bulk / "tildelinger.parquet")
    assert table.num_rows == 30  # the fixture's tildelinger.csv
    assert sum(table.column("belop").to_pylist()) == Decimal(249_680_000 + 5_300_000 + 846_200_000 + 70_700_000)
    assert table.schema.field("belop").metadata[b"title"] == "Beløp (kr)".encode()
    assert str(table.schema.field("belop").type) == "decimal128(18, 2)"
    sums = (built_site / "data" / "SHA256SUMS").read_text("utf-8").splitlines()
    listed = {line.split("  ", 1)[1] for line in sums}
    assert {"siste/kompetanseinnsyn-DEMO.zip", "fylke/46-vestland/mottakere.maskinlesbar.csv"} <= listed
    for line in sums:
        digest, path = line.split("  ", 1)
        assert hashlib.sha256((built_site / "data" / path).read_bytes()).hexdigest() == digest


def test_datapackage_validates_with_frictionless(built_site: Path) -> None:
    """The published datapackage.json describes every CSV correctly (frictionless validate)."""
    from frictionless import Package

    package = Package(str((built_site / "data" / "siste" / "datapackage.json").resolve()))
    report = package.validate()
    assert report.valid, report.flatten(["resourcePath", "rowNumber", "fieldName", "type", "note"])[:10]
    assert package.get_resource("tildelinger").schema.get_field("belop").type == "number"


def test_versioned_copies_and_page_menu(built_site: Path) -> None:
    """Each file also sits under /data/v/<version>/; every table on a page offers the four formats."""
    assert (built_site / "data" / "v" / "9999.1" / "fylke" / "46-vestland" / "per-ordning-og-aar.csv").is_file()
    assert (built_site / "data" / "v" / "9999.1" / "kompetanseinnsyn-DEMO.zip").is_file()
    page = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    tables = page.count("<table")
    for ext in (".csv", ".maskinlesbar.csv", ".xlsx", ".json"):
        assert len(re.findall(rf'href="/data/fylke/46-vestland/[a-z-]+{re.escape(ext)}" download', page)) == tables
    assert tables == 7 and "Dataversjon 9999.1." in page


def test_data_page_has_dataset_json_ld(built_site: Path) -> None:
    """/data/ carries schema.org Dataset JSON-LD with its distributions."""
    page = (built_site / "data" / "index.html").read_text("utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)  # type: ignore[union-attr]
    data = json.loads(block)
    assert data["@type"] == "Dataset" and data["version"] == "9999.1"
    assert any(d["contentUrl"].endswith("/data/siste/kompetanseinnsyn-DEMO.zip") for d in data["distribution"])


def _bump(data: Path, version: str, entry: bool) -> None:
    """Move the data package to a new version, with or without a change-log line."""
    package = json.loads((data / "datapackage.json").read_text("utf-8"))
    package["x-release"]["version"] = version
    (data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), "utf-8")
    if entry:
        with (data / "endringslogg.csv").open("a", encoding="utf-8") as f:
            f.write(f"{version},2025-12-01,korreksjon,Rettet beløpet for Østfold 2019 (feil i kilden).\n")


def test_silent_correction_fails_and_a_logged_one_passes(tmp_path: Path, data_dir: Path) -> None:
    """Changing a released value under the same version fails; a new version needs a change-log entry; the
    released version's files stay under /data/v/ and old assets stay."""
    # search stays on until a build without the index passes the link check (base.html links /pagefind/)
    config = fast_config(data_dir=data_dir, out_dir=tmp_path / "site", report_path=tmp_path / "r.json")
    assert record_release(config) == data_dir / "utgivelser" / "9999.1.json"
    build(config)
    first_css = next((tmp_path / "site" / "assets").glob("site.*.css")).name
    text = (data_dir / "tildelinger.csv").read_text("utf-8")
    text = text.replace("2019,dekomp,01,,,27937000", "2019,dekomp,01,,,27938000", 1).replace(
        "2019,dekomp,02,,,61073000", "2019,dekomp,02,,,61072000", 1
    )
    (data_dir / "tildelinger.csv").write_text(text, "utf-8")
    with pytest.raises(BuildError) as info:
        build(config)
    assert info.value.code == Exit.DATA and "allerede utgitt" in info.value.message
    _bump(data_dir, "9999.2", entry=False)
    with pytest.raises(BuildError) as info:
        build(config)
    assert "mangler en linje i endringsloggen" in info.value.message
    _bump(data_dir, "9999.2", entry=True)
    static = tmp_path / "static"
    shutil.copytree(config.static_dir, static)
    css = static / "site.css"
    css.write_text(css.read_text("utf-8") + "\n/* endret */\n", "utf-8")
    build(replace(config, static_dir=static))
    site = tmp_path / "site"
    assert (site / "data" / "v" / "9999.2" / "kompetanseinnsyn-DEMO.zip").is_file()
    old = (site / "data" / "v" / "9999.1" / "fylke" / "01-ostfold" / "per-ordning-og-aar.maskinlesbar.csv").read_text()
    new = (site / "data" / "fylke" / "01-ostfold" / "per-ordning-og-aar.maskinlesbar.csv").read_text()
    assert "27937000" in old and "27938000" in new and "27938000" not in old
    assert (site / "assets" / first_css).is_file()
    assert len(list((site / "assets").glob("site.*.css"))) == 2
