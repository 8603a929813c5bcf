"""Build-time SVG charts: valid XML for every chart kind, escaped data strings, the figure's numbers, flat labels."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from builder.render import charts, svg

NS = {"s": "http://www.w3.org/2000/svg"}
NBSP = "\u00a0"
HOSTILE = '<script>alert("x")</script> "&amp; Co'


def kinds() -> dict[str, dict[str, Any]]:
    """One figure of each kind charts.py builds, on small hand-made rows."""
    years = [{"aar": a, "belop": b} for a, b in ((2022, 10_000_000), (2023, 20_000_000), (2024, 40_000_000))]
    counties = [{"fylke": f, "belop": b} for f, b in (("Oslo", 70_000_000), ("Vestland", 89_500_000))]
    long = [
        {"aar": a, "hva": h, "belop": b}
        for a, h, b in ((2023, "Dekomp", 30), (2023, "Rekomp", 10), (2024, "Dekomp", 40), (2024, "Rekomp", 20))
    ]
    per_fte = [{"aar": a, "hvem": h, "verdi": v} for a, h, v in ((2021, "Oslo", 9491), (2024, "Oslo", 9636))]
    per_fte.append({"aar": 2024, "hvem": "Hele landet", "verdi": 9577})
    return {
        "bars": charts.bars(years, x="aar", y="belop", y_title="Beløp (kr)"),
        "horizontal": charts.bars(
            counties, x="fylke", y="belop", y_title="Beløp (kr)", horizontal=True, highlight="Oslo"
        ),
        "stacked": charts.stacked_bars(long, x="aar", y="belop", series="hva", y_title="Beløp (kr)"),
        "grouped": charts.stacked_bars(long, x="aar", y="belop", series="hva", y_title="Beløp (kr)", mode="group"),
        "lines": charts.lines(per_fte, x="aar", y="verdi", series="hvem", y_title="Kr per lærerårsverk"),
    }


def parse(text: str) -> list[ET.Element]:
    """Both variants of a chart's SVG as parsed XML roots."""
    return list(ET.fromstring(f"<root>{text}</root>"))


def titles(root: ET.Element) -> list[str]:
    """The hover titles of every mark, in document order."""
    return [t.text or "" for t in root.iterfind(".//s:g[@class='chart-marks']//s:title", NS)]


@pytest.mark.parametrize("kind", sorted(kinds()))
def test_every_kind_is_valid_accessible_svg(kind: str) -> None:
    """Each kind gives a phone and a wide SVG: valid XML, role img labelled by the caption, viewBox, full width."""
    roots = parse(svg.chart_svg("c-1", kinds()[kind]))
    assert [r.get("id") for r in roots] == ["svg-c-1-smal", "svg-c-1-bred"]
    for root in roots:
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert root.get("role") == "img" and root.get("aria-labelledby") == "figurtekst-c-1"
        assert root.get("width") == "100%" and re.fullmatch(r"0 0 (300|680) [\d.]+", root.get("viewBox") or "")
        assert titles(root), kind


def test_hostile_strings_stay_text() -> None:
    """Markup and ampersands in names and titles reach the SVG as text, never as elements or broken entities."""
    rows = [{"fylke": HOSTILE, "belop": 5}]
    text = svg.chart_svg("x", charts.bars(rows, x="fylke", y="belop", y_title=HOSTILE, horizontal=True))
    lines = charts.lines([{"aar": 2024, "hvem": HOSTILE, "v": 1}], x="aar", y="v", series="hvem", y_title="t")
    text += svg.chart_svg("y", lines)
    assert "<script" not in text and "&amp;amp;" in text
    for root in parse(text):
        assert not root.findall(".//s:script", NS)
        strings = [t for el in root.iter() for t in (el.text, el.tail) if t]
        assert any(HOSTILE in s for s in strings), strings


def test_titles_carry_the_figures_numbers() -> None:
    """Every mark's title is the category (and series) with the figure's value in Norwegian format and its unit."""
    figs = kinds()
    bars = parse(svg.chart_svg("a", figs["bars"]))[1]
    assert titles(bars) == [
        f"2022: 10{NBSP}000{NBSP}000{NBSP}kr",
        f"2023: 20{NBSP}000{NBSP}000{NBSP}kr",
        f"2024: 40{NBSP}000{NBSP}000{NBSP}kr",
    ]
    stacked = parse(svg.chart_svg("b", figs["stacked"]))[1]
    assert titles(stacked) == [
        f"2023, Dekomp: 30{NBSP}kr",
        f"2024, Dekomp: 40{NBSP}kr",
        f"2023, Rekomp: 10{NBSP}kr",
        f"2024, Rekomp: 20{NBSP}kr",
    ]
    lines = parse(svg.chart_svg("c", figs["lines"]))[0]
    assert titles(lines) == [
        f"2021, Oslo: 9{NBSP}491{NBSP}kr",
        f"2024, Oslo: 9{NBSP}636{NBSP}kr",
        f"2024, Hele landet: 9{NBSP}577{NBSP}kr",
    ]
    change = charts.bars(
        [{"fylke": "Oslo", "endring": 12.345}], x="fylke", y="endring", y_title="%", horizontal=True, hover_unit="%"
    )
    assert titles(parse(svg.chart_svg("d", change))[0]) == [f"Oslo: 12,3{NBSP}%"]


def rects(root: ET.Element) -> list[dict[str, float]]:
    """The geometry of every bar."""
    return [
        {k: float(r.get(k) or 0) for k in ("x", "y", "width", "height")}
        for r in root.iterfind(".//s:g[@class='chart-marks']//s:rect", NS)
    ]


def test_bar_lengths_are_proportional_to_values() -> None:
    """10, 20 and 40 million give bars of heights 1 : 2 : 4 on a zero-based axis; stacked parts add up."""
    heights = [r["height"] for r in rects(parse(svg.chart_svg("a", kinds()["bars"]))[1])]
    assert heights[1] == pytest.approx(2 * heights[0], abs=0.2)
    assert heights[2] == pytest.approx(4 * heights[0], abs=0.2)
    # series by series: Dekomp 30 (2023), 40 (2024), then Rekomp 10 (2023), 20 (2024)
    d23, d24, r23, r24 = rects(parse(svg.chart_svg("b", kinds()["stacked"]))[1])
    assert d24["height"] + r24["height"] == pytest.approx(1.5 * (d23["height"] + r23["height"]), abs=0.3)
    assert r23["height"] == pytest.approx(d23["height"] / 3, abs=0.2)
    assert r23["y"] + r23["height"] == pytest.approx(d23["y"], abs=0.15)  # Rekomp sits on Dekomp


def test_ticks_are_norwegian_and_start_at_zero() -> None:
    """Tick labels use no-break spaces and decimal commas, millions as «mill.», and include zero."""
    ticks = [
        t.text
        for t in parse(svg.chart_svg("a", kinds()["bars"]))[1].iterfind(".//s:g[@class='chart-grid']//s:text", NS)
    ]
    assert ticks[0] == "0" and f"40{NBSP}mill." in ticks
    per_fte = parse(svg.chart_svg("c", kinds()["lines"]))[1]
    grid = [t.text for t in per_fte.iterfind(".//s:g[@class='chart-grid']//s:text", NS)]
    assert grid[0] == "0" and all(re.fullmatch(r"\d{1,3}(\u00a0\d{3})*", g or "") for g in grid), grid


def test_labels_are_never_rotated_and_many_bars_turn_horizontal_on_a_phone() -> None:
    """No transform anywhere; twelve years of bars lie horizontally on the phone drawing, upright on the wide one."""
    rows = [{"aar": 2014 + i, "belop": 1000 * (i + 1)} for i in range(12)]
    phone, wide = parse(svg.chart_svg("m", charts.bars(rows, x="aar", y="belop", y_title="kr")))
    for root in (phone, wide):
        assert not [el for el in root.iter() if el.get("transform") or el.get("writing-mode")]
    phone_bars, wide_bars = rects(phone), rects(wide)
    assert len({round(r["height"], 1) for r in phone_bars}) == 1  # horizontal: every bar one row high
    assert phone_bars[11]["width"] == pytest.approx(12 * phone_bars[0]["width"], rel=0.01)
    assert len({round(r["width"], 1) for r in wide_bars}) == 1  # vertical: every bar one slot wide
    labels = [t.text for t in phone.iterfind(".//s:g[@class='chart-categories']//s:tspan", NS)]
    assert labels == [str(2014 + i) for i in range(12)]


def test_lines_break_at_gaps_and_legend_names_every_series() -> None:
    """A missing year breaks the line (two pen-ups), and the legend names each series once."""
    rows = [{"aar": a, "hvem": "Oslo", "v": 5} for a in (2019, 2020, 2023, 2024)]
    rows += [{"aar": 2021, "hvem": "Norge", "v": 1}]
    root = parse(svg.chart_svg("g", charts.lines(rows, x="aar", y="v", series="hvem", y_title="kr")))[1]
    oslo = root.find(".//s:g[@class='chart-marks']/s:path", NS)
    assert oslo is not None and (oslo.get("d") or "").count("M") == 2
    legend = [t.text for t in root.iterfind(".//s:g[@class='chart-legend']//s:tspan", NS)]
    assert legend == ["Oslo", "Norge"]


def test_output_is_deterministic_with_ids_from_the_chart_id() -> None:
    """The same figure gives the same bytes; pattern ids are the chart's SVG id with a suffix."""
    fig = kinds()["stacked"]
    first = svg.chart_svg("per-ordning", fig)
    assert first == svg.chart_svg("per-ordning", kinds()["stacked"])
    ids = re.findall(r'\bid="([^"]+)"', first)
    assert ids and all(i.startswith(("svg-per-ordning-smal", "svg-per-ordning-bred")) for i in ids)
    assert len(ids) == len(set(ids))


def test_built_county_page_shows_every_chart_as_inline_svg(built_site: Path) -> None:
    """Every figure on a county page holds its SVG labelled by its caption; plotly.js is not loaded eagerly."""
    html = (built_site / "fylke" / "03-oslo" / "index.html").read_text("utf-8")
    figures = re.findall(r'<figure class="chart-figure" id="figur-([^"]+)">(.*?)</figure>', html, re.S)
    assert len(figures) >= 2
    for chart_id, body in figures:
        assert f'<figcaption id="figurtekst-{chart_id}">' in body
        assert body.count(f'role="img" aria-labelledby="figurtekst-{chart_id}"') == 2
    assert not re.search(r"<script[^>]+plotly[^>]*\bsrc=|<script src=\"[^\"]*plotly", html)
    assert re.search(r'data-plotly="/assets/vendor/plotly-basic\.min\.[0-9a-f]+\.js"', html)
