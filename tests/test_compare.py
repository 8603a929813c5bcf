"""The comparison page (/sammenlign/): county groups by validity, the page's data, and in Chromium the marks, the
caption as a finding, per teacher FTE and a download that equals the table (hand-computed from the fixtures)."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builder.model.pages.listings import county_groups
from tests.browser import CHROMIUM, CHROMIUM_ARGS, have_chromium, serve

FIXTURES = Path(__file__).parent / "fixtures" / "data"
NBSP = "\u00a0"


def fixture_counties() -> list[dict[str, Any]]:
    """fylker.csv as rows with integer validity years."""
    with (FIXTURES / "fylker.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        {
            "fylkesnummer": r["fylkesnummer"],
            "navn": r["navn"],
            "gyldig_fra_aar": int(r["gyldig_fra_aar"]),
            "gyldig_til_aar": int(r["gyldig_til_aar"]) if r["gyldig_til_aar"] else None,
        }
        for r in rows
    ]


def test_county_groups_follow_validity_years() -> None:
    """Today's counties (no end year in fylker.csv) first, then one group per reform that ended counties."""
    groups = county_groups(fixture_counties())
    assert [g["heading"] for g in groups] == ["Dagens fylker", "Fylker før 2024", "Fylker før 2020"]
    numbers = [[k["nummer"] for k in g["counties"]] for g in groups]
    assert numbers == [["03", "15", "31", "32", "33", "46"], ["30"], ["01", "02", "06", "12", "14"]]
    labels = [k["navn"] for g in groups for k in g["counties"]]
    assert len(labels) == len(set(labels)) == 12  # each county once, no two alike («Østfold» twice before)
    assert "Østfold (31)" in labels and "Østfold (01), 1919–2019" in labels and "Viken (30), 2020–2023" in labels


def test_page_groups_and_data(built_site: Path) -> None:
    """The built form shows the groups in order; data.json has the frames with statuses and teacher FTEs."""
    html = (built_site / "sammenlign" / "index.html").read_text("utf-8")
    assert html.index("Dagens fylker") < html.index("Fylker før 2024") < html.index("Fylker før 2020")
    assert re.search(r"<noscript>.*href=\"/fylke/\"", html, re.S)
    data = json.loads((built_site / "sammenlign" / "data.json").read_text("utf-8"))
    rows = [dict(zip(data["kolonner"], r, strict=True)) for r in data["rader"]]
    oslo = next(r for r in rows if (r["aar"], r["fylkesnummer"], r["ordning_id"]) == (2024, "03", "dekomp"))
    # tildelinger.csv: 58 000 000 (eksempel); nevnere.csv: Oslo's latest count before 2024 is 2019's 6 027,0
    assert (oslo["belop"], oslo["status"], oslo["per_larer"], oslo["larerarsverk"]) == (
        58000000,
        "eksempel",
        True,
        6027,
    )
    rekomp = next(r for r in rows if (r["aar"], r["fylkesnummer"], r["ordning_id"]) == (2024, "46", "rekomp"))
    assert rekomp["per_larer"] is False and rekomp["larerarsverk"] == pytest.approx(6054.6 + 1588.7)


pytestmark_browser = pytest.mark.skipif(not have_chromium(), reason="Debian chromium or playwright missing")


@pytest.fixture(scope="module")
def page(built_site: Path) -> Iterator[Any]:
    """One Chromium page on the built fixture site."""
    from playwright.sync_api import sync_playwright

    with serve(built_site) as url, sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = b.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
        pg = context.new_page()
        pg.base = url  # type: ignore[attr-defined]
        yield pg
        b.close()


def table(page: Any) -> list[list[str]]:
    """The comparison table as text, header first (no-break spaces as spaces)."""
    rows = page.eval_on_selector_all(
        "#sammenligning table tr", "rs => rs.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )
    return [[c.replace(NBSP, " ") for c in r] for r in rows]


def download(page: Any) -> list[list[str]]:
    """The CSV the download link gives, parsed as Excel would (BOM, `;`)."""
    with page.expect_download() as info:
        page.click("#sammenligning-csv")
    raw = Path(info.value.path()).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    return list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))


def shot(page: Any, name: str) -> None:
    """Keep a screenshot as a test artefact."""
    folder = Path(__file__).parent.parent / "test-artifacts" / "test_compare"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


@pytestmark_browser
@pytest.mark.browser
def test_oslo_and_vestland_with_marks_caption_and_download(page: Any) -> None:
    """03 and 46, Dekomp: the fixture frames (tildelinger.csv, all eksempel) marked e, a caption that states the
    2024 finding, and a CSV equal to the table with a status column per county."""
    page.goto(page.base + "/sammenlign/?fylker=46,03&ordninger=dekomp")
    page.wait_for_selector("#chart-sammenligning svg.main-svg")
    assert table(page) == [
        ["År", "Oslo (03)", "Vestland (46)"],
        ["2019", "49 618 000e", "–"],
        ["2020", "55 000 000e", "70 000 000e"],
        ["2023", "57 500 000e", "71 500 000e"],
        ["2024", "58 000 000e", "75 000 000e"],
    ]
    caption = page.inner_text("#sammenligning-tekst").replace(NBSP, " ")
    assert caption == "I 2024 fikk Vestland 75,0 mill. kr (e) og Oslo 58,0 mill. kr (e) fra Dekomp."
    assert "e = eksempel" in page.inner_text("#sammenligning-tegn")
    assert download(page) == [
        ["År", "Oslo (03), kr", "Oslo (03), status", "Vestland (46), kr", "Vestland (46), status"],
        ["2019", "49618000", "eksempel", "", ""],
        ["2020", "55000000", "eksempel", "70000000", "eksempel"],
        ["2023", "57500000", "eksempel", "71500000", "eksempel"],
        ["2024", "58000000", "eksempel", "75000000", "eksempel"],
    ]
    # Kompetanseløftet 2021: Vestland's 5,3 mill. is offisiell (no mark), Oslo's 14,2 mill. an example
    page.check("input[name=ordning][value=kompetanseloftet]")
    assert table(page)[3] == ["2021", "14 200 000e", "5 300 000"]
    assert page.evaluate("location.search") == "?fylker=03,46&ordninger=dekomp,kompetanseloftet"
    shot(page, "amount-1366")


@pytestmark_browser
@pytest.mark.browser
def test_per_teacher_fte_leaves_out_other_keys(page: Any) -> None:
    """Per FTE (nevnere.csv): 2024 Oslo 58 000 000 / 6 027,0 = 9 623, Vestland 75 000 000 / (6 054,6 + 1 588,7)
    = 9 813; Rekomp (keyed on kindergarten staff) is left out and said to be."""
    page.goto(page.base + "/sammenlign/?fylker=03,46&ordninger=dekomp,rekomp&maal=per_larer")
    page.wait_for_selector("#chart-sammenligning svg.main-svg")
    assert table(page)[-1] == ["2024", "9 623e", "9 813e"]
    assert page.is_checked("input[name=maal][value=per_larer]")
    caption = page.inner_text("#sammenligning-tekst").replace(NBSP, " ")
    assert caption == "I 2024 fikk Vestland 9 813 kr (e) og Oslo 9 623 kr (e) per lærerårsverk fra Dekomp."
    assert "Rekomp er ikke med" in page.inner_text("#sammenligning-merknad")
    page.check("input[name=maal][value=belop]")
    assert page.evaluate("location.search") == "?fylker=03,46&ordninger=dekomp,rekomp"
    assert table(page)[-1] == ["2024", "70 000 000e", "89 500 000e"]


@pytestmark_browser
@pytest.mark.browser
def test_download_neutralises_a_hostile_name(page: Any) -> None:
    """A county name that reads as a formula gets a leading apostrophe in the CSV, as csv_writer.py does."""
    page.goto(page.base + "/sammenlign/?fylker=03")
    page.wait_for_selector("#sammenligning table tbody tr")
    page.eval_on_selector("input[name=fylke][value='03']", "b => b.setAttribute('data-navn', '=HYPERLINK(\"x\")')")
    page.check("input[name=ordning][value=dekomp]")
    header = download(page)[0]
    assert header[1:] == ['\'=HYPERLINK("x") (03), kr', '\'=HYPERLINK("x") (03), status']
