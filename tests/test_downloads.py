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
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pyarrow.parquet as pq
import pytest

from builder.build import assemble, build
from builder.config import load_config
from builder.errors import BuildError, Exit
from builder.load.formula import FORMULA_TRIGGERS
from builder.model.datasets import Release
from builder.model.site import Site
from builder.model.tables import Column, table
from builder.render.downloads import columns, csv_bytes, download_base, records, xlsx_bytes
from tests.conftest import DATA

RELEASE = Release("2026.1", "2026-11-23", "NLOD-2.0", "https://example.no")


@pytest.fixture(scope="module")
def site_model(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The model of the bundled data (the source of every table), through the build's own pipeline."""
    report = tmp_path_factory.mktemp("model") / "build-report.json"
    return assemble(load_config(data_dir=DATA, report_path=report)).site


def expected(value: Any) -> Any:
    """A raw value as the machine CSV should carry it."""
    if value is None:
        return ""
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return Decimal(str(value))
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def numeric_columns(tb: Any) -> list[bool]:
    """Which output columns hold numbers."""
    return [(c.numeric or c.kind == "year") and not status for _, _, c, status in columns(tb)]


def parsed(row: list[str], numeric: list[bool], decimal: str = ".") -> list[Any]:
    """A CSV row with numbers as Decimal (by column type)."""
    return [Decimal(c.replace(decimal, ".")) if n and c else c for c, n in zip(row, numeric, strict=True)]


def test_every_table_reads_back_equal(built_site: Path, site_model: Site) -> None:
    """Same rows, same order, same values in the machine CSV, the Excel CSV, the JSON and the XLSX."""
    checked = 0
    for page in site_model.pages:
        for tb in page.content.tables:
            base = built_site / download_base(page.url, tb.id)
            want = [[expected(v) for v in row] for row in records(tb)]
            numeric = numeric_columns(tb)
            machine = list(csv.reader(io.StringIO(base.with_suffix(".maskinlesbar.csv").read_text("utf-8"))))
            assert [parsed(row, numeric) for row in machine[1:]] == want, base
            raw = base.with_suffix(".csv").read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
            excel = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
            assert [parsed(row, numeric, ",") for row in excel[1:]] == want, base
            body = json.loads(base.with_suffix(".json").read_text("utf-8"))
            assert body["versjon"] == site_model.release and len(body["rader"]) == len(want)
            assert [
                [expected(Decimal(str(v))) if isinstance(v, float) else expected(v) for v in r.values()]
                for r in body["rader"]
            ] == want
            sheet = openpyxl.load_workbook(base.with_suffix(".xlsx"))["Tabell"]
            cells = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
            assert [
                [expected(Decimal(str(v))) if isinstance(v, float | int) else ("" if v is None else v) for v in row]
                for row in cells
            ] == want, base
            assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
            checked += 1
    assert checked > 150


def test_xlsx_keeps_codes_as_text_and_amounts_as_numbers(built_site: Path) -> None:
    """County numbers stay text with their leading zero; amounts are numbers with a thousands format."""
    book = openpyxl.load_workbook(built_site / "data" / "fylke" / "fylker-i-dag.xlsx")
    sheet = book["Tabell"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value == "03"
    assert sheet["D2"].data_type == "n" and sheet["D2"].number_format == "# ##0"
    assert sheet.freeze_panes == "A2"
    about = {row[0].value: row[1].value for row in book["Om dataene"].iter_rows()}
    assert about["Versjon"] == "2026.1" and about["Lisens"] == "NLOD-2.0"


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


def test_bulk_files_and_checksums(built_site: Path) -> None:
    """ZIP of all CSVs, Parquet with descriptions, datapackage.json, and SHA256SUMS that verify."""
    bulk = built_site / "data" / "siste"
    names = zipfile.ZipFile(bulk / "kompetanseinnsyn.zip").namelist()
    assert "tildelinger.csv" in names and "tildelinger.maskinlesbar.csv" in names and len(names) == 22
    table = pq.read_table(bulk / "tildelinger.parquet")
    assert table.num_rows > 1000
    assert table.schema.field("belop").metadata[b"title"] == "Beløp (kr)".encode()
    assert str(table.schema.field("belop").type) == "decimal128(18, 2)"
    sums = (built_site / "data" / "SHA256SUMS").read_text("utf-8").splitlines()
    assert len(sums) > 1000
    for line in sums[::50]:
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
    assert (built_site / "data" / "v" / "2026.1" / "fylke" / "46-vestland" / "per-ordning-og-aar.csv").is_file()
    assert (built_site / "data" / "v" / "2026.1" / "kompetanseinnsyn.zip").is_file()
    page = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    tables = page.count("<table")
    for ext in (".csv", ".maskinlesbar.csv", ".xlsx", ".json"):
        assert len(re.findall(rf'href="/data/fylke/46-vestland/[a-z-]+{re.escape(ext)}" download', page)) == tables
    assert "Dataversjon 2026.1." in page


def test_data_page_has_dataset_json_ld(built_site: Path) -> None:
    """/data/ carries schema.org Dataset JSON-LD with its distributions."""
    page = (built_site / "data" / "index.html").read_text("utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)  # type: ignore[union-attr]
    data = json.loads(block)
    assert data["@type"] == "Dataset" and data["version"] == "2026.1"
    assert any(d["contentUrl"].endswith("/data/siste/kompetanseinnsyn.zip") for d in data["distribution"])


def _bump(data: Path, version: str, entry: bool) -> None:
    """Move the data package to a new version, with or without a change-log line."""
    package = json.loads((data / "datapackage.json").read_text("utf-8"))
    package["x-release"]["version"] = version
    (data / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), "utf-8")
    if entry:
        with (data / "endringslogg.csv").open("a", encoding="utf-8") as f:
            f.write(f"{version},2026-12-01,korreksjon,Rettet beløpet for Østfold 2018 (feil i kilden).\n")


def test_silent_correction_fails_and_a_logged_one_passes(tmp_path: Path, data_dir: Path) -> None:
    """Changing a published value under the same version fails; a new version needs a change-log entry."""
    text = (data_dir / "tildelinger.csv").read_text("utf-8")
    text = text.replace("2018,dekomp,01,,,10955000", "2018,dekomp,01,,,10956000", 1).replace(
        "2018,dekomp,04,,,6724000", "2018,dekomp,04,,,6723000", 1
    )
    (data_dir / "tildelinger.csv").write_text(text, "utf-8")
    config = load_config(data_dir=data_dir, out_dir=tmp_path / "site", report_path=tmp_path / "r.json")
    build(load_config(out_dir=tmp_path / "site", report_path=tmp_path / "r.json"))
    first_css = next((tmp_path / "site" / "assets").glob("site.*.css")).name
    with pytest.raises(BuildError) as info:
        build(config)
    assert info.value.code == Exit.DATA and "allerede utgitt" in info.value.message
    _bump(data_dir, "2026.2", entry=False)
    with pytest.raises(BuildError) as info:
        build(config)
    assert "mangler en linje i endringsloggen" in info.value.message
    _bump(data_dir, "2026.2", entry=True)
    static = tmp_path / "static"
    shutil.copytree(config.static_dir, static)
    css = static / "site.css"
    css.write_text(css.read_text("utf-8") + "\n/* endret */\n", "utf-8")
    build(replace(config, static_dir=static))
    site = tmp_path / "site"
    assert (site / "data" / "v" / "2026.2" / "kompetanseinnsyn.zip").is_file()
    old = (site / "data" / "v" / "2026.1" / "fylke" / "01-ostfold" / "per-ordning-og-aar.maskinlesbar.csv").read_text()
    new = (site / "data" / "fylke" / "01-ostfold" / "per-ordning-og-aar.maskinlesbar.csv").read_text()
    assert "10955000" in old and "10956000" in new and "10956000" not in old
    assert (site / "assets" / first_css).is_file()
    assert len(list((site / "assets").glob("site.*.css"))) == 2
