"""A derived figure carries the weakest status of its inputs, through page, chart caption and every download.

Expectations are worked out by hand from tests/fixtures/data (see tests/fixtures/README.md):
- 46 Vestland 2021: Kompetanseløftet 5 300 000 kr, `offisiell` (tildelinger.csv line 15); its teacher FTEs
  7 643,3 = 6 054,6 (12) + 1 588,7 (14), counted 1.10.2019 and mapped into Vestland, so `beregnet`;
  5 300 000 / 7 643,3 = 693,4 → 693 kr per FTE, which must be `beregnet` (b), not official.
- 01 Østfold 2019: 27 937 000 kr `beregnet` (split of the national 230 mill.) over an `offisiell` count:
  8 630 kr per FTE (b).
- 2021 key for Vestland: the key figure uses every 2021 Kompetanseløftet frame, and 03 and 30 are `eksempel`."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import openpyxl

from builder.load.collect import Collector
from builder.load.contract import load_contract
from builder.load.source_checks import official_not_secondary
from builder.model.statuses import marked
from tests.conftest import FIXTURE_DATA

MARK = r'<abbr class="mark mark-(\w)"'


def table_html(page: Path, table_id: str) -> str:
    """The HTML of one table block on a page."""
    html = page.read_text("utf-8")
    start = html.index(f'id="tabell-{table_id}"')
    return html[start : html.index("</table>", start)]


def row_cells(block: str, first: str) -> list[str]:
    """The cells (text with its mark letter, e.g. «693 b») of the row whose first cell is `first`."""
    for row in re.findall(r"<tr>(.*?)</tr>", block, re.S):
        cells = [
            re.sub(r"<[^>]+>", " ", re.sub(MARK + r"[^>]*>(\w)</abbr>", r" \2", c))
            for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        ]
        cells = [" ".join(c.split()) for c in cells]
        if cells and cells[0] == first:
            return cells
    raise AssertionError(f"no row {first}")


def test_per_fte_of_official_amount_and_computed_denominator_is_marked_b(built_site: Path) -> None:
    """The page shows 693 b, not an unmarked 693."""
    block = table_html(built_site / "fylke" / "46-vestland" / "index.html", "per-larerarsverk")
    cells = row_cells(block, "2021")
    assert (
        cells[1] == "Kompetanseløftet for spesialpedagogikk og inkluderende praksis"
        and cells[2] == "5 300 000"
        and cells[3] == "7 643,3 b"
        and cells[4] == "693 b"
    )


def test_per_fte_status_in_every_download(built_site: Path) -> None:
    """CSV (both dialects), JSON and XLSX say beregnet for the 2021 per-FTE figure."""
    base = built_site / "data" / "fylke" / "46-vestland" / "per-larerarsverk"
    machine = list(csv.DictReader(io.StringIO(base.with_suffix(".maskinlesbar.csv").read_text("utf-8"))))
    row = next(r for r in machine if r["aar"] == "2021")
    assert (row["per_larerarsverk"], row["per_larerarsverk_status"], row["belop_status"]) == (
        "693",
        "beregnet",
        "offisiell",
    )
    excel = base.with_suffix(".csv").read_bytes().decode("utf-8-sig")
    assert any(line.startswith("2021;") and ";693;beregnet;" in line for line in excel.splitlines())
    body = json.loads(base.with_suffix(".json").read_text("utf-8"))
    assert next(r for r in body["rader"] if r["aar"] == 2021)["per_larerarsverk_status"] == "beregnet"
    sheet = openpyxl.load_workbook(base.with_suffix(".xlsx"))["Tabell"]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = next(r for r in rows if "Kr per lærerårsverk – status" in r)
    values = next(r for r in rows if r[0] == 2021)
    assert values[header.index("Kr per lærerårsverk – status")] == "beregnet"


def test_chart_caption_states_the_mark(built_site: Path) -> None:
    """01 Østfold's 2019 and Vestland's 2024 per-FTE figures rest on eksempel frames, and their captions say (e)."""
    for slug, text in (("01-ostfold", "8\u00a0630\u00a0kr (e)"), ("46-vestland", "9\u00a0813\u00a0kr (e)")):
        html = (built_site / "fylke" / slug / "index.html").read_text("utf-8")
        caption = html[html.index('id="figur-per-larerarsverk"') :].split("</figcaption>")[0]
        assert text in caption, slug


def test_key_columns_carry_their_status(built_site: Path) -> None:
    """The key figure and the difference are marked: 2021's key rests on eksempel frames of 03 and 30."""
    cells = row_cells(table_html(built_site / "fylke" / "46-vestland" / "index.html", "nokkel"), "2021")
    assert cells[2] == "5 300 000" and cells[3].endswith(" e") and cells[4].endswith(" e")


def test_expired_counties_per_fte_is_not_official(built_site: Path) -> None:
    """/fylke/: 01 Østfold's 2019 per FTE (eksempel amount, offisiell count) is e in the page and the download."""
    cells = row_cells(table_html(built_site / "fylke" / "index.html", "fylker-utgatt"), "01")
    assert cells[3] == "Desentralisert ordning for kompetanseutvikling i skolen" and cells[5] == "8 630 e"
    rows = csv.DictReader(
        io.StringIO((built_site / "data" / "fylke" / "fylker-utgatt.maskinlesbar.csv").read_text("utf-8"))
    )
    assert next(r for r in rows if r["fylkesnummer"] == "01")["per_larerarsverk_status"] == "eksempel"


def test_shortcode_numbers_and_key_box_carry_their_status(built_site: Path) -> None:
    """/status/2024/: the sum 291 500 000 kr rests on eksempel frames, and says so in the HTML."""
    html = (built_site / "status" / "2024" / "index.html").read_text("utf-8")
    assert '291\u00a0500\u00a0000\u00a0kr<span class="status-mark" data-status="eksempel" data-pagefind-ignore>' in html
    start = html.index('class="key-box"')
    box = html[start : html.index("</aside>", start)]
    assert box.count('data-status="eksempel"') == 3


def test_marked_text() -> None:
    """A figure in running text gets its mark letter, an official one none."""
    assert marked("693 kr", "beregnet") == "693 kr (b)"
    assert marked("693 kr", "offisiell") == "693 kr"


def test_official_figure_from_a_secondary_source_is_an_error() -> None:
    """A row marked offisiell or beregnet citing a news article is a D-SOURCE-SECONDARY finding naming file and line."""
    contract = load_contract(FIXTURE_DATA)
    rows = {
        "kilder": [{"kilde_id": "avis", "type": "sekundær"}, {"kilde_id": "udir", "type": "offisiell"}],
        "nasjonale_rammer": [
            {"status": "offisiell", "kilde_id": "avis", "_line": 2, "_number": 1},
            {"status": "beregnet", "kilde_id": "avis", "_line": 3, "_number": 2},
            {"status": "offisiell", "kilde_id": "udir", "_line": 4, "_number": 3},
        ],
    }
    out = Collector()
    official_not_secondary(contract, rows, out)
    assert [(f.rule, f.file, f.line) for f in out.findings] == [
        ("D-SOURCE-SECONDARY", "nasjonale_rammer.csv", 2),
        ("D-SOURCE-SECONDARY", "nasjonale_rammer.csv", 3),
    ]


def test_fixture_has_no_official_row_on_a_secondary_source() -> None:
    """Read independently from the fixture's CSV files: no offisiell row cites a sekundær source."""
    kinds = {
        r["kilde_id"]: r["type"] for r in csv.DictReader(io.StringIO((FIXTURE_DATA / "kilder.csv").read_text("utf-8")))
    }
    for path in FIXTURE_DATA.glob("*.csv"):
        for r in csv.DictReader(io.StringIO(path.read_text("utf-8"))):
            assert not (r.get("status") == "offisiell" and kinds.get(r.get("kilde_id", "")) == "sekundær"), path
