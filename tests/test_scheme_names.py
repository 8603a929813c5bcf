"""A reader meets a scheme by its public name (ordninger.csv `navn`), with the short name (`kortnavn`) after it in
parentheses where the public name does not already contain it: in table cells, chart legends and the downloads'
name column; a bare short name is never a table cell's whole text."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

from tests.conftest import FIXTURE_DATA

with (FIXTURE_DATA / "ordninger.csv").open(encoding="utf-8") as f:
    SCHEMES = {r["ordning_id"]: (r["navn"], r["kortnavn"]) for r in csv.DictReader(f)}
# Short names that are not themselves the public name (Oppfølgingsordningen is both).
BARE = {short for name, short in SCHEMES.values() if short != name}
MARKS = re.compile(r'<abbr class="mark[^"]*"[^>]*>.*?</abbr>', re.S)
CELL = re.compile(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", re.S)


def text(fragment: str) -> str:
    """Visible text of an HTML fragment, status marks left out, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", MARKS.sub("", fragment))).split())


def table(page: str, table_id: str) -> str:
    """The HTML of one table block of a page."""
    found = re.search(rf'id="tabell-{table_id}".*?</table>', page, re.S)
    assert found, table_id
    return found.group(0)


def test_the_year_table_names_schemes_by_their_public_names(built_site: Path) -> None:
    """/ar/2019/: Dekomp and Rekomp rows read «<public name> (<short name>)», from ordninger.csv."""
    page = (built_site / "ar" / "2019" / "index.html").read_text("utf-8")
    cells = {text(c) for c in CELL.findall(table(page, "nasjonalt"))}
    for scheme in ("dekomp", "rekomp"):
        name, short = SCHEMES[scheme]
        assert f"{name} ({short})" in cells, (scheme, cells)


def test_a_short_name_inside_the_public_name_is_not_repeated(built_site: Path) -> None:
    """Kompetanseløftet's public name starts with its short name: the scheme list shows the public name alone."""
    page = (built_site / "ordning" / "index.html").read_text("utf-8")
    cells = [text(c) for c in CELL.findall(table(page, "ordninger"))]
    name, short = SCHEMES["kompetanseloftet"]
    assert short in name and name in cells and f"{name} ({short})" not in cells


def test_no_table_cell_is_a_bare_short_name(built_site: Path) -> None:
    """On every page in both languages, no table cell's whole text is a short name such as «Dekomp» (but the data
    dictionary, whose example value of the field `kortnavn` is one)."""
    bare = []
    for path in sorted(built_site.rglob("index.html")):
        if "ordbok" in path.parts:
            continue
        for cell in CELL.findall(path.read_text("utf-8")):
            if text(cell) in BARE:
                bare.append((str(path.relative_to(built_site)), text(cell)))
    assert bare == []


def test_chart_legends_name_schemes_by_their_public_names(built_site: Path) -> None:
    """Oslo's chart per scheme and year: each legend entry (its wrapped lines joined) is a public name from
    ordninger.csv, never a short name; in both the narrow and the wide drawing."""
    page = (built_site / "fylke" / "03-oslo" / "index.html").read_text("utf-8")
    names = {name for name, _ in SCHEMES.values()}
    for variant in ("smal", "bred"):
        svg = re.search(rf'id="svg-per-ordning-og-aar-{variant}".*?</svg>', page, re.S)
        assert svg, variant
        legend = re.search(r'<g class="chart-legend">(.*?)</g>', svg.group(0), re.S)
        assert legend, variant
        entries = [text(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", legend.group(1), re.S)]
        assert entries and set(entries) <= names, (variant, entries)
        assert not set(entries) & BARE


def test_downloads_keep_one_name_column_with_the_public_name(built_site: Path) -> None:
    """The year table's machine CSV keeps its column names (`ordning`, `belop`, …); the name is the public one,
    without the short name in parentheses (that is for the page only)."""
    path = built_site / "data" / "ar" / "2019" / "nasjonalt.maskinlesbar.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0]) == ["ordning", "belop", "belop_status", "merknad"]
    assert {r["ordning"] for r in rows} == {SCHEMES["dekomp"][0], SCHEMES["rekomp"][0]}
