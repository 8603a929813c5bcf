"""The key-figure box on county, embete and scheme pages: its numbers against values hand-computed from the fixture
CSVs (tests/fixtures/data), a change only where the two years are comparable, a missing figure said in words, and
the box before the first chart with the reform notes after it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from builder.model.pages.keyfigures import county_schemes, total_figure


def page(site: Path, path: str) -> str:
    """A built page's HTML."""
    return (site / path.strip("/") / "index.html").read_text("utf-8")


def key_box(text: str) -> str:
    """The key-figure box's text, tags stripped and spaces normalised."""
    start = text.index('class="key-box key-figures"')
    box = text[start : text.index("</section>", start)]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", box)).replace("\xa0", " ").split())


def test_county_box_shows_the_latest_bookings_and_each_schemes_latest_frame(built_site: Path) -> None:
    """Oslo (03): oslo-viken covered 03 and 30 in 2021 and booked 134 900 000 on 226.21 (bokforinger.csv), nothing
    in 2020; dekomp 58 000 000 in 2024 against 57 500 000 in 2023 (+0,9 %, both eksempel), rekomp 12 000 000 in 2024
    with no 2023 frame, Kompetanseløftet 14 200 000 in 2021 only (tildelinger.csv)."""
    box = key_box(page(built_site, "fylke/03-oslo"))
    assert "Bokført av Statsforvalteren i Oslo og Viken i 2021" in box
    assert "for hele embetet (03 Oslo, 30 Viken)" in box
    assert "134,9 mill. kr Ingen tall for 2020 å sammenligne med." in box
    assert "58,0 mill. kr e +0,9 % fra 2023 e" in box
    assert "12,0 mill. kr e Ingen tall for 2023 å sammenligne med." in box
    assert "14,2 mill. kr e Ingen tall for 2020 å sammenligne med." in box
    assert "Per lærerårsverk i 2024" in box
    assert " 0 kr" not in box


def test_county_box_sources_link_to_the_sources(built_site: Path) -> None:
    """Every figure names its source: the accounts for bookings, the example frames for the schemes."""
    text = page(built_site, "fylke/03-oslo")
    start = text.index('class="key-box key-figures"')
    box = text[start : text.index("</section>", start)]
    assert 'href="/om/#kilde-dfo-statsregnskap"' in box
    assert 'href="/om/#kilde-eksempeldata"' in box


def test_key_box_comes_before_the_first_chart_and_the_reform_notes_after(built_site: Path) -> None:
    """Vestland (46) has reform links; the box, then the bookings chart, then the reform section."""
    text = page(built_site, "fylke/46-vestland")
    box, chart, reform = (text.index(s) for s in ('class="key-box', 'class="chart-figure"', 'id="h-reform"'))
    assert box < chart < reform
    assert "50,3 mill. kr" in key_box(text)  # 2021, 226.21, org.nr. 974760665 (bokforinger.csv)


def test_embete_and_scheme_boxes(built_site: Path) -> None:
    """oslo-viken booked 134 900 000 in 2021 and nothing in 2020; dekomp's national total is 265 000 000 in 2024
    against 260 000 000 in 2023, both eksempel: +1,9 % (nasjonale_rammer.csv)."""
    embete = key_box(page(built_site, "statsforvalter/oslo-viken"))
    assert "Bokført i 2021 på postene som bærer ordningene 134,9 mill. kr Ingen tall for 2020" in embete
    scheme = key_box(page(built_site, "ordning/dekomp"))
    assert "Nasjonal total i 2024 265,0 mill. kr e +1,9 % fra 2023 e" in scheme


ROW = {"kilde_id": "k", "ordning_id": "dekomp", "ordning": "Dekomp"}


@pytest.mark.parametrize(
    ("before", "words"),
    [
        ({"status": "eksempel"}, "+10,0 % fra 2023"),
        ({"status": "offisiell"}, "Ikke sammenlignbart med 2023"),
    ],
)
def test_change_only_for_one_status(before: dict[str, str], words: str) -> None:
    """110 against 100 is +10,0 %; with the year before of another status there is no change, only why."""
    rows = [{**ROW, "aar": 2023, "belop": 100, **before}, {**ROW, "aar": 2024, "belop": 110, "status": "eksempel"}]
    figure = total_figure(rows, "key.scheme_national", None, "")
    assert figure is not None
    assert words in figure.change.replace("\xa0", " ")
    assert (figure.change_status is None) == (before["status"] != "eksempel")


def test_change_only_for_the_same_posts() -> None:
    """A year with another post set is not compared."""
    rows = [
        {**ROW, "aar": 2023, "belop": 100_000_000, "status": "offisiell", "post_kode": "226.21"},
        {**ROW, "aar": 2024, "belop": 50_000_000, "status": "offisiell", "post_kode": "226.21"},
        {**ROW, "aar": 2024, "belop": 60_000_000, "status": "offisiell", "post_kode": "231.21"},
    ]
    figure = total_figure(rows, "key.embete_bookings", "post_kode", "")
    assert figure is not None and figure.value is not None
    assert figure.value.replace("\xa0", " ") == "110,0 mill. kr"
    assert figure.change.startswith("Ikke sammenlignbart")


def test_missing_schemes_are_said_in_words() -> None:
    """No frames: words, no value."""
    figure = county_schemes([], "Testfylke")
    assert figure.value is None
    assert "Testfylke" in figure.missing
