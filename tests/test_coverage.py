"""The coverage page /data/dekning/, the source-reason check and words instead of codes, on the fixture package.

Expected cells are read by hand from tests/fixtures/data: fylker.csv (which counties are valid each year),
tildelinger.csv (rammer and tilsagn), nasjonale_rammer.csv and dekning_kilder.csv."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from builder.load.contract import load_contract
from builder.load.validate import validate
from tests.conftest import FIXTURE_DATA, copy_data
from tests.test_status_propagation import row_cells, table_html

COVERAGE = Path("data") / "dekning" / "index.html"


def page(site: Path) -> Path:
    """The coverage page of a built site."""
    return site / COVERAGE


def test_dekomp_2019_per_county_is_partial_with_counts(built_site: Path) -> None:
    """2019 dekomp has rammer for 01, 02, 03, 06, 12, 14 (eksempel: split from a newspaper figure); 15 Møre og
    Romsdal was also valid: 6 of 7."""
    cells = row_cells(table_html(page(built_site), "dekning-dekomp"), "2019")
    assert cells == [
        "2019",
        "Eksempel e",
        "Delvis: 6 av 7 fylker e",
        "Bare hele posten: 2 av 3 embeter",
        "Ikke publisert",
    ]


def test_recipients_are_what_the_fixture_files_say(built_site: Path) -> None:
    """Tilsagn exist only for 2024 dekomp in 03 and 46 (eksempel) of the six counties of 2024; rekomp has none."""
    dekomp = row_cells(table_html(page(built_site), "dekning-dekomp"), "2024")
    assert dekomp[4] == "Delvis: 2 av 6 fylker e"
    rekomp = table_html(page(built_site), "dekning-rekomp")
    for year in range(2018, 2026):
        assert row_cells(rekomp, str(year))[4] == "Ikke publisert"


def test_official_national_total_has_no_mark(built_site: Path) -> None:
    """Kompetanseløftet 2021: 50 mill. offisiell nationally; 03, 30 (eksempel) and 46 (offisiell) of four counties."""
    cells = row_cells(table_html(page(built_site), "dekning-kompetanseloftet"), "2021")
    assert cells[1:3] == ["Offisiell", "Delvis: 3 av 4 fylker e"]


def test_a_missing_cell_names_its_completing_source(built_site: Path) -> None:
    """Under each table: the source text of dekning_kilder.csv for every level with a gap, or that none is known."""
    sources = {
        (r["ordning_id"], r["niva"]): r["kilde_tekst"]
        for r in csv.DictReader(io.StringIO((FIXTURE_DATA / "dekning_kilder.csv").read_text("utf-8")))
    }
    html = page(built_site).read_text("utf-8")
    section = html[html.index('id="h-dekning-dekomp"') : html.index('id="h-dekning-kompetanseloftet"')]
    assert f"<strong>Per fylke</strong> (2018–2025): {sources[('dekomp', 'fylke')]}" in section
    klo = html[html.index('id="h-dekning-kompetanseloftet"') :]
    assert "<strong>Per mottaker</strong>" in klo
    assert "Vi har ikke registrert hvilken kilde som ville fylt dette." in klo  # no row for it in the fixture


def test_coverage_is_linked_from_data_scheme_and_year_pages(built_site: Path) -> None:
    """/data/, a scheme page and a year page with gaps link to /data/dekning/."""
    for path in ("data/index.html", "ordning/rekomp/index.html", "ar/2020/index.html"):
        assert 'href="/data/dekning/"' in (built_site / path).read_text("utf-8"), path


def test_coverage_download_keeps_the_status(built_site: Path) -> None:
    """The JSON download of a coverage table carries each cell's status, empty where nothing is published."""
    path = next(built_site.glob("data/v/*/data/dekning/dekning-dekomp.json"))
    body = json.loads(path.read_text("utf-8"))
    row = next(r for r in body["rader"] if r["aar"] == 2019)
    assert row["fylke_status"] == "eksempel" and row["mottaker"] is None and row["mottaker_status"] is None


def test_source_without_date_or_url_needs_a_reason(tmp_path: Path) -> None:
    """Blanking the reason of a source with neither date nor URL is a D-SOURCE-REASON naming file, row, column."""
    data = copy_data(tmp_path / "data")
    path = data / "kilder.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    assert rows[0]["kilde_id"] == "beregning-nokkel" and not rows[0]["dato"] and not rows[0]["url"]
    rows[0]["merknad"] = "  "
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    found = [f for f in validate(load_contract(data)).findings if f.rule == "D-SOURCE-REASON"]
    assert [(f.file, f.line, f.rowNumber, f.fieldName) for f in found] == [("kilder.csv", 2, 1, "merknad")]
    assert "mangler dato og lenke" in found[0].message


def test_fixture_sources_all_have_date_and_url_or_a_reason() -> None:
    """Read independently from the fixture: every source without date or URL has a non-empty merknad."""
    for r in csv.DictReader(io.StringIO((FIXTURE_DATA / "kilder.csv").read_text("utf-8"))):
        assert (r["dato"] and r["url"]) or r["merknad"].strip(), r["kilde_id"]


def test_pages_show_words_not_codes(built_site: Path) -> None:
    """The method page's status table and an embete page's allocations show words; the downloads keep the code."""
    about = table_html(built_site / "om" / "index.html", "statuser")
    cells = [" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", about, re.S)]
    heads = [
        " ".join(re.sub(r"<[^>]+>", " ", c).split())
        for c in re.findall(r"<th scope=\"row\"[^>]*>(.*?)</th>", about, re.S)
    ]
    assert "Ramme til fylket" in heads and "ramme" not in heads and "tilsagn" not in heads
    assert "Beregnet" in cells and "beregnet" not in cells
    sources = table_html(built_site / "om" / "index.html", "kilder")
    assert ">sekundærkilde<" in sources and ">sekundær<" not in sources
    download = next(built_site.glob("data/v/*/om/statuser.maskinlesbar.csv")).read_text("utf-8")
    # statuser: one row per belopstype and status (tildelinger.csv: 1 offisiell, 8 beregnet, 16 eksempel rammer)
    codes = [line.split(",")[:2] for line in download.splitlines()[1:4]]
    assert codes == [["ramme", "offisiell"], ["ramme", "beregnet"], ["ramme", "eksempel"]]
