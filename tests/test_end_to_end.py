"""The two end-to-end builds: the bundled data/ with the real content/ (the public site: no `eksempel` figure in any
page or download), and the demonstration package examples/demo/ (every page bannered, DEMO in every download). Both
are checked without pinning their numbers, so they hold when more real data arrives."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from builder.build import build
from builder.config import load_config
from builder.publish.checks import SEARCH_PREFIX, broken_links
from tests.conftest import DATA, ROOT

DEMO = ROOT / "examples" / "demo"
DEMO_CONTENT = ROOT / "examples" / "content"
EXAMPLE = "eksempel"
BANNER = "DEMO – oppdiktede tall, ikke offisielle"
NYNORSK_BANNER = "DEMO – oppdikta tal, ikkje offisielle"  # the banner on the pages under /nn/


def column(name: str, field: str, data: Path = DATA) -> set[str]:
    """The distinct values of one column of a CSV file of a data package."""
    with (data / name).open(encoding="utf-8-sig", newline="") as f:
        return {row[field] for row in csv.DictReader(f)}


def published_status_years(content: Path) -> set[str]:
    """The years of <content>/status/*.md that are not drafts."""
    return {p.stem for p in (content / "status").glob("*.md") if "draft: true" not in p.read_text("utf-8")}


def assert_page(root: Path, pattern: str) -> None:
    """Exactly one page matches a path pattern (a code or id followed by its slug)."""
    found = list(root.glob(pattern))
    assert len(found) == 1, (pattern, found)


def assert_downloads_parse(root: Path) -> int:
    """Every JSON file under /data/ parses, and each table has rows as wide as its columns; returns the count."""
    files = sorted((root / "data").rglob("*.json"))
    for path in files:
        doc = json.loads(path.read_text("utf-8"))
        if "kolonner" in doc:
            assert all(len(row) == len(doc["kolonner"]) for row in doc["rader"]), path
    return len(files)


def build_package(tmp_path: Path, data: Path, content: Path) -> Path:
    """One full build of a data package into tmp_path/site (fast compression, no search index)."""
    out = tmp_path / "site"
    config = load_config(
        data_dir=data,
        content_dir=content,
        out_dir=out,
        report_path=tmp_path / "build-report.json",
        fast_compression=True,
        search=False,
    )
    assert build(config).pages > 0
    return out.resolve()


def assert_whole_site(root: Path, data: Path, content: Path) -> None:
    """A page for every county with an allocation, every scheme, every year with a figure and every published
    status page; no internal link is broken; every download's JSON parses."""
    assert (root / "index.html").is_file()
    counties = column("tildelinger.csv", "fylkesnummer", data)
    for code in counties:
        assert_page(root, f"fylke/{code}-*/index.html")
    for scheme in column("ordninger.csv", "ordning_id", data):
        assert_page(root, f"ordning/{scheme}-*/index.html")
    for year in column("tildelinger.csv", "aar", data) | column("nasjonale_rammer.csv", "aar", data):
        assert (root / "ar" / year / "index.html").is_file(), year
    for year in published_status_years(content):
        assert (root / "status" / year / "index.html").is_file(), year
    assert (root / "om" / "index.html").is_file() and (root / "404.html").is_file()
    assert broken_links(root, (SEARCH_PREFIX,)) == []  # built without the search index
    assert assert_downloads_parse(root) > 0


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/demo/ with its content built once for this module."""
    return build_package(tmp_path_factory.mktemp("demo"), DEMO, DEMO_CONTENT)


def test_bundled_data_builds_into_a_whole_site(bundled_site: Path) -> None:
    """data/ holds only offisiell and beregnet rows and builds into a whole site, without a banner."""
    for name in ("tildelinger.csv", "nasjonale_rammer.csv", "nevnere.csv", "bokforinger.csv"):
        assert column(name, "status") <= {"offisiell", "beregnet"}, name
    assert_whole_site(bundled_site, DATA, ROOT / "content")
    assert BANNER not in (bundled_site / "index.html").read_text("utf-8")
    assert (bundled_site / "data" / "siste" / "kompetanseinnsyn.zip").is_file()


def test_demo_package_builds_into_a_whole_labelled_site(demo_site: Path) -> None:
    """examples/demo/ (the illustrative grid) builds into a whole site with the banner on every page."""
    assert EXAMPLE in column("tildelinger.csv", "status", DEMO)
    assert_whole_site(demo_site, DEMO, DEMO_CONTENT)
    pages = sorted(demo_site.rglob("*.html"))
    unlabelled = [p for p in pages if BANNER not in p.read_text("utf-8") and NYNORSK_BANNER not in p.read_text("utf-8")]
    assert pages and unlabelled == []


def status_column(name: object) -> bool:
    """A status column: `status`, `<column>_status` (machine names) or `<header> – status` (Norwegian headers)."""
    return isinstance(name, str) and (name == "status" or name.endswith(("_status", "– status")) or name == "Status")


def statuses(root: Path) -> Iterator[tuple[str, object]]:
    """(file, value) of every status cell of every download, each read back with its own reader: CSV (both
    dialects), JSON (every object key, nested), XLSX (every sheet, openpyxl) and Parquet (pyarrow), the members of
    every ZIP included (the bulk ZIP, and the offline archive with the whole site and the bulk ZIP inside it)."""
    for path in sorted((root / "data").rglob("*")):
        if path.is_file():
            yield from file_statuses(str(path.relative_to(root)), path.suffix, path.read_bytes())


def file_statuses(name: str, suffix: str, data: bytes) -> Iterator[tuple[str, object]]:
    """The status cells of one file by its kind; ZIP members are read the same way, by their own suffix."""
    if suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from file_statuses(f"{name}!{member}", Path(member).suffix, archive.read(member))
    elif suffix == ".csv":
        yield from csv_statuses(name, data)
    elif suffix == ".json":
        yield from ((name, v) for v in json_statuses(json.loads(data.decode("utf-8"))))
    elif suffix == ".xlsx":
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
        sheets = [list(sheet.iter_rows(values_only=True)) for sheet in book]
        book.close()
        for rows in sheets:
            keep = [i for i, h in enumerate(rows[0] if rows else ()) if status_column(h)]
            yield from ((name, row[i]) for row in rows[1:] for i in keep)
    elif suffix == ".parquet":
        table = pq.read_table(pa.BufferReader(data)).to_pydict()
        yield from ((name, v) for col, values in table.items() if status_column(col) for v in values)


def csv_statuses(name: str, data: bytes) -> Iterator[tuple[str, object]]:
    """The status cells of a CSV file in either dialect (the Excel one has a BOM and semicolons)."""
    text = data.decode("utf-8-sig")
    delimiter = ";" if text.split("\n", 1)[0].count(";") else ","
    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    keep = [i for i, h in enumerate(rows[0] if rows else []) if status_column(h)]
    yield from ((name, row[i]) for row in rows[1:] for i in keep)


def json_statuses(doc: object) -> Iterator[object]:
    """The value of every status key in a JSON document."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if status_column(key) and not isinstance(value, dict | list):
                yield value
            yield from json_statuses(value)
    elif isinstance(doc, list):
        for value in doc:
            yield from json_statuses(value)


def test_bundled_site_publishes_no_example_figure(bundled_site: Path) -> None:
    """No page marks a figure `e` or carries the example notice, and no cell of any download (CSV, JSON, XLSX,
    Parquet, ZIP) holds the status `eksempel`."""
    notice = "Siden viser eksempeldata"
    for page in bundled_site.rglob("*.html"):
        html = page.read_text("utf-8")
        assert 'class="mark mark-e"' not in html and notice not in html, page
    seen = list(statuses(bundled_site))
    assert [(name, value) for name, value in seen if value == EXAMPLE] == []
    official = {Path(name.split("!")[0]).suffix for name, value in seen if value == "offisiell"}
    assert official == {".csv", ".json", ".xlsx", ".parquet", ".zip"}  # every reader does see the statuses


def test_demo_downloads_say_demo(demo_site: Path) -> None:
    """The demo's ZIP is named DEMO, its datapackage.json is titled DEMO and declares x-demo, every JSON download
    says demo, every XLSX has DEMO in its properties and on its first line, and every Parquet file in its title."""
    bulk = demo_site / "data" / "siste"
    assert (bulk / "kompetanseinnsyn-DEMO.zip").is_file() and not (bulk / "kompetanseinnsyn.zip").exists()
    package = json.loads((bulk / "datapackage.json").read_text("utf-8"))
    assert "DEMO" in package["title"] and package["x-demo"] is True
    tables = [p for p in (demo_site / "data").rglob("*.json") if "kolonner" in p.read_text("utf-8")[:2000]]
    assert tables and all(json.loads(p.read_text("utf-8"))["merknad"] == BANNER for p in tables)
    sheets = sorted((demo_site / "data").rglob("*.xlsx"))[:20]
    for path in sheets:
        book = openpyxl.load_workbook(path)
        assert book.properties.title.startswith("DEMO – ") and book.properties.keywords == "DEMO", path
        assert [c.value for c in book["Om dataene"][1]] == ["DEMO", BANNER], path
    assert sheets
    for path in bulk.glob("*.parquet"):
        meta = pq.read_schema(path).metadata
        assert meta[b"title"].startswith(b"DEMO") and meta[b"demo"] == BANNER.encode(), path
