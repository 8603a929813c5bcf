"""The downloads a spreadsheet user opens: shares as percentages, dates as dates, every county number beside its
county's name in the CSVs, every source on the workbook's «Om dataene» sheet, and the XLSX first in the menu.
Expected values are worked out by hand from tests/fixtures/data (what Calc shows: tests/test_calc.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from builder.build import Report, assembling
from builder.model.site import Site
from builder.render.downloads import download_base
from builder.render.i18n import t
from tests.conftest import FIXTURE_DATA, fast_config
from tests.test_downloads import FIXTURE_RESOURCES


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The model of the fixture, as built into built_site."""
    report = tmp_path_factory.mktemp("model") / "build-report.json"
    with assembling(fast_config(data_dir=FIXTURE_DATA, report_path=report), Report()) as (assembly, _):
        yield assembly.site


def sheet_rows(path: Path) -> list[list[Any]]:
    """The cells of a workbook's «Tabell» sheet, header first."""
    return [list(row) for row in openpyxl.load_workbook(path)["Tabell"].iter_rows()]


def excel_csv(path: Path) -> list[list[str]]:
    """The rows of an Excel-flavour CSV, header first."""
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline=""), delimiter=";"))


# ar/2020: Oslo 49 618 000 (2019) → 55 000 000 (2020), tildelinger.csv lines 4 and 10; the change has six decimals
OSLO_2020 = (Decimal(55_000_000 - 49_618_000) / Decimal(49_618_000)).quantize(Decimal("0.000001"))


def test_shares_are_percentages(built_site: Path) -> None:
    """A share is a fraction with a percent format in the XLSX (24,1 %) and in percent under «(%)» in the Excel
    CSV (24,08), never a bare fraction there: fylkesoverganger.csv 30 → 31 in 2024, andel 0.2408; Oslo's change."""
    rows = sheet_rows(built_site / "data" / "om" / "fylkesoverganger.xlsx")
    assert [c.value for c in rows[0]][:5] == ["År", "Fra fylke", "Til fylke", "Relasjon", "Andel (%)"]
    viken = next(r for r in rows if [c.value for c in r[:3]] == [2024, "Viken", "Østfold"])
    assert viken[4].value == 0.2408 and viken[4].number_format == "0.0 %"
    text = excel_csv(built_site / "data" / "om" / "fylkesoverganger.csv")
    assert ["2024", "Viken", "Østfold", "deling", "24,08"] in [r[:5] for r in text]
    assert ["2020", "Østfold", "Viken", "hel", "100"] in [r[:5] for r in text]
    rows = sheet_rows(built_site / "data" / "ar" / "2020" / "endringer.xlsx")
    header = [c.value for c in rows[0]]
    oslo = next(r for r in rows if r[0].value == "Oslo")[header.index("Endring fra året før (%)")]
    assert oslo.value == float(OSLO_2020) and oslo.number_format == "+0.0 %;-0.0 %;0.0 %"
    text = excel_csv(built_site / "data" / "ar" / "2020" / "endringer.csv")
    shown = next(r for r in text if r[0] == "Oslo")[text[0].index("Endring fra året før (%)")]
    assert shown == "10,8469" and Decimal(shown.replace(",", ".")) == OSLO_2020 * 100


def test_every_share_column_says_percent(site: Site) -> None:
    """Every share column's header says «(%)», so the Excel CSV's 24,08 reads as 24,08 %."""
    shares = [c for p in site.pages for tb in p.content.tables for c in tb.columns if c.kind in ("pct", "signed_pct")]
    assert shares and all(c.label.endswith("(%)") for c in shares)


def test_xlsx_dates_are_dates(built_site: Path) -> None:
    """Dates are Excel dates shown as dd.mm.yyyy: Dagsavisen's article of 2020-02-06 (fixture kilder.csv)."""
    rows = sheet_rows(built_site / "data" / "om" / "kilder.xlsx")
    at = [c.value for c in rows[0]].index("Dato")
    cell = next(r for r in rows if r[0].value == "dagsavisen-2020-02-06")[at]
    assert cell.is_date and cell.value == dt.datetime(2020, 2, 6) and cell.number_format == "dd.mm.yyyy"


def fixture_rows(name: str) -> list[dict[str, str]]:
    """The rows of one of the fixture's CSV files."""
    return list(csv.DictReader(io.StringIO((FIXTURE_DATA / name).read_text("utf-8"), newline="")))


COUNTY_NAMES = {r["fylkesnummer"]: r["navn"] for r in fixture_rows("fylker.csv")}


def test_page_csvs_name_every_county_number(built_site: Path, site: Site) -> None:
    """A spreadsheet shows «03» as 3, so every page table with county numbers also names the county, in the same
    row: the name beside each number is the one fylker.csv gives it."""
    checked = 0
    for page in site.pages:
        for tb in page.content.tables:
            if not tb.rows or "fylkesnummer" not in [c.key for c in tb.columns]:
                continue
            base = built_site / download_base(page.url, tb.id)
            machine = list(csv.reader(io.StringIO(base.with_suffix(".maskinlesbar.csv").read_text("utf-8"))))
            excel = excel_csv(base.with_suffix(".csv"))
            code, name = machine[0].index("fylkesnummer"), excel[0].index("Fylke")
            assert [(m[code], e[name]) for m, e in zip(machine[1:], excel[1:], strict=True)] == [
                (m[code], COUNTY_NAMES[m[code]]) for m in machine[1:]
            ], base
            checked += 1
    assert checked >= 4


def test_dataset_csvs_name_every_county_number(built_site: Path) -> None:
    """Each county number in a dataset's Excel CSV is followed by the county's name (fylker.csv); the machine CSV
    is the input table unchanged."""
    bulk = built_site / "data" / "siste"
    named = 0
    for resource in FIXTURE_RESOURCES:
        fields = [f["name"] for f in resource["schema"]["fields"]]
        machine = list(csv.DictReader(io.StringIO((bulk / f"{resource['name']}.maskinlesbar.csv").read_text("utf-8"))))
        text = excel_csv(bulk / f"{resource['name']}.csv")
        codes = [f for f in fields if f.endswith("fylkesnummer")] if resource["name"] != "fylker" else []
        want = [x for f in fields for x in ([f, f.replace("fylkesnummer", "fylke")] if f in codes else [f])]
        assert text[0] == want, resource["name"]
        for row, line in zip(machine, text[1:], strict=True):
            got = dict(zip(want, line, strict=True))
            assert all(got[c.replace("fylkesnummer", "fylke")] == COUNTY_NAMES.get(row[c], "") for c in codes)
        named += len(codes)
    assert named >= 5  # tildelinger, nevnere, rapportering, statsforvalter_fylker and fylkesoverganger (two)


def test_xlsx_of_every_page_table_names_its_sources(built_site: Path, site: Site) -> None:
    """The «Om dataene» sheet of every workbook names each source its table lists, by title."""
    for page in site.pages:
        for tb in page.content.tables:
            if not tb.rows:
                continue
            path = built_site / download_base(page.url, tb.id)
            about = openpyxl.load_workbook(path.with_suffix(".xlsx"))["Om dataene"]
            named = [str(row[1].value) for row in about.iter_rows() if row[0].value == "Kilde"]
            assert len(named) == len(tb.sources), path
            for line, source in zip(named, tb.sources, strict=True):
                assert line.startswith(f"{site.sources[source]['tittel']} ("), (path, source)


def test_counties_workbook_names_the_amounts_source(built_site: Path) -> None:
    """fylker-i-dag.xlsx names the source of its amounts (the fixture's 2024 frames, tildelinger.csv lines 19–26,
    are all «eksempeldata») beside the teacher FTEs' (gsi-skoleporten-2019)."""
    about = openpyxl.load_workbook(built_site / "data" / "fylke" / "fylker-i-dag.xlsx")["Om dataene"]
    named = [str(row[1].value) for row in about.iter_rows() if row[0].value == "Kilde"]
    titles = {r["kilde_id"]: r["tittel"] for r in fixture_rows("kilder.csv")}
    assert [line.split(" (")[0] for line in named] == [
        titles["eksempeldata"].split(" (")[0],
        titles["gsi-skoleporten-2019"].split(" (")[0],
    ]


def test_menu_offers_the_xlsx_first(built_site: Path) -> None:
    """Each table's download menu starts with the XLSX, which says it is the one for Excel; the Excel CSV's link
    warns that codes lose their leading zero there."""
    page = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    menus = re.findall(r'<details class="downloads">.*?</details>', page, re.S)
    links = [re.findall(r'<a href="/data/fylke/46-vestland/[a-z-]+(\.[a-z.]+)" download>([^<]*)</a>', m) for m in menus]
    assert len(menus) == 7 and all(found[0] == (".xlsx", t("download.xlsx")) for found in links)
    assert all((".csv", t("download.csv_excel")) in found for found in links)
    assert "Excel" in t("download.xlsx") and "03" in t("download.csv_excel")
