"""Reform marks on county time series (plotly shape and build-time SVG line), and status marks that pass contrast on
every heat cell and tile (axe and our own WCAG computation, in Chromium at 375 and 1 366 px)."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from builder.model.figures import BorderMarks, Stacked
from builder.model.pages.county import COUNTY
from builder.model.specs import PageInput
from builder.render import charts, svg
from tests.browser import CHROMIUM, CHROMIUM_ARGS, have_chromium, serve

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "data"
NS = {"s": "http://www.w3.org/2000/svg"}
ARTIFACTS = ROOT / "test-artifacts" / "test_chart_marks"


def transitions(fylke: str) -> list[dict[str, Any]]:
    """The fixture's transitions into or out of a county, read straight from the CSV."""
    with (FIXTURE / "fylkesoverganger.csv").open(encoding="utf-8") as f:
        return [r for r in csv.DictReader(f) if fylke in (r["fra_fylkesnummer"], r["til_fylkesnummer"])]


def page(fylke: str) -> PageInput:
    """A county page's input with only what the chart rule reads: its transitions."""
    return PageInput({"county_transitions": transitions(fylke)}, {}, {"navn": fylke})


# Four years, two schemes: short labels, so both SVG drawings keep vertical bars.
ROWS = [
    {"aar": a, "ordning": o, "belop": b}
    for a in (2018, 2019, 2020, 2021)
    for o, b in (("Dekomp", 30_000_000 + a), ("Rekomp", 10_000_000))
]
RULE = BorderMarks(Stacked("aar", series="ordning"))


def test_vestland_gets_a_plotly_line_between_2019_and_2020() -> None:
    """46 Vestland came out of 12 and 14 in 2020: one dashed line at category position 2 − 0,5, labelled."""
    assert {r["aar"] for r in transitions("46")} == {"2020"}
    layout = RULE(ROWS, page("46"))["layout"]
    (shape,) = layout["shapes"]
    assert (shape["type"], shape["xref"], shape["yref"], shape["x0"], shape["x1"]) == ("line", "x", "paper", 1.5, 1.5)
    (note,) = layout["annotations"]
    assert (note["x"], note["text"], note["showarrow"]) == (1.5, "Ny fylkesinndeling", False)


def test_oslo_without_reforms_gets_no_marks() -> None:
    """03 Oslo has no transitions in the fixture: no shapes, no annotations, no marker in the SVG."""
    assert transitions("03") == []
    figure = RULE(ROWS, page("03"))
    assert "shapes" not in figure["layout"] and "annotations" not in figure["layout"]
    assert "chart-marker" not in svg.chart_svg("c", figure)


def test_a_reform_year_outside_the_series_is_not_marked() -> None:
    """30 Viken: 2020 (created) is in the series and marked; 2024 (split) is not in 2018–2021, so no second line."""
    assert {r["aar"] for r in transitions("30")} == {"2020", "2024"}
    assert [s["x0"] for s in RULE(ROWS, page("30"))["layout"]["shapes"]] == [1.5]


def bar_edges(root: ET.Element, year: str) -> tuple[float, float]:
    """The left and right edge of a year's bars, found by their hover titles."""
    rects = [r for r in root.iter(f"{{{NS['s']}}}rect") if (r.findtext("s:title", "", NS) or "").startswith(year)]
    lefts = [float(r.get("x", "0")) for r in rects]
    return min(lefts), max(x + float(r.get("width", "0")) for x, r in zip(lefts, rects, strict=True))


@pytest.mark.parametrize("variant", svg.VARIANTS, ids=lambda v: v[0])
def test_the_svg_line_stands_between_the_2019_and_2020_bars(variant: tuple[str, float, float]) -> None:
    """In both drawings the marker is a vertical line between the 2019 bars and the 2020 bars, with its label."""
    root = ET.fromstring(svg.render(RULE(ROWS, page("46")), "u", "l", variant))
    (marker,) = root.iterfind(".//s:g[@class='chart-marker']", NS)
    found = re.fullmatch(r"M([\d.]+) ([\d.]+)V([\d.]+)", marker.find("s:path", NS).get("d", ""))  # type: ignore[union-attr]
    assert found, "a vertical path"
    x = float(found.group(1))
    assert bar_edges(root, "2019")[1] < x < bar_edges(root, "2020")[0]
    # Halfway between the two bars' centres, i.e. where the 2020 slot starts.
    centres = [sum(bar_edges(root, y)) / 2 for y in ("2019", "2020")]
    assert x == pytest.approx(sum(centres) / 2, abs=0.1)
    assert marker.findtext("s:text", "", NS) == "Ny fylkesinndeling"


def per_fte_lines(rows: Any, page: PageInput) -> charts.Figure:
    """A line chart rule like the county's per-FTE chart."""
    return charts.lines(rows, x="aar", y="verdi", series="hvem", y_title="Kroner")


def test_two_close_reform_labels_do_not_overlap() -> None:
    """With 2020 and 2024 both in a twelve-year line chart on a phone, the two labels sit in different rows."""
    rows = [{"aar": a, "hvem": "Viken", "verdi": 9000 + a} for a in range(2014, 2026)]
    figure = BorderMarks(per_fte_lines)(rows, page("30"))
    root = ET.fromstring(svg.render(figure, "u", "l", svg.VARIANTS[0]))
    texts = [m.find("s:text", NS) for m in root.iterfind(".//s:g[@class='chart-marker']", NS)]
    assert len(texts) == 2
    assert len({t.get("y") for t in texts if t is not None}) == 2


def test_county_time_series_are_marked_and_the_comparable_series_is_not() -> None:
    """Every year-axis chart of the county page marks reforms, except the series already in today's borders."""
    marked = {c.id for c in COUNTY.charts if isinstance(c.figure, BorderMarks)}
    assert marked == {"bokforinger", "per-ordning-og-aar", "per-larerarsverk", "rapportering"}


# WCAG 2.1 contrast of each status mark in a heat cell or tile against the first opaque background behind it.
MARK_CONTRAST = """() => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const bg = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
    if (c.length === 3 || c[3] > 0) return c; } return [255, 255, 255]; };
  return [...document.querySelectorAll('.heat abbr.mark, .tile abbr.mark')].map(m => {
    const a = lum(rgb(getComputedStyle(m).color)), b = lum(bg(m));
    return {cell: m.parentElement.className, ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)};
  });
}"""
AXE = ROOT / "tests" / "vendor" / "axe.min.js"


@pytest.fixture(scope="module")
def contrast_runs(built_site: Path) -> Iterator[dict[tuple[int, str], dict[str, Any]]]:
    """axe's colour-contrast rule and the marks' own contrast on the year page and the front page, at two widths."""
    if not have_chromium():
        pytest.skip("Debian chromium or playwright missing (make system-deps)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    out: dict[tuple[int, str], dict[str, Any]] = {}
    with serve(built_site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width in (375, 1366):
            context = browser.new_context(viewport={"width": width, "height": 900})
            for path in ("/ar/2024/", "/"):
                tab = context.new_page()
                tab.goto(url + path, wait_until="load")
                tab.add_script_tag(path=str(AXE))
                axe = tab.evaluate("() => axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast']}})")
                marks = tab.evaluate(MARK_CONTRAST)
                name = path.strip("/").replace("/", "-") or "forside"
                tab.screenshot(path=str(ARTIFACTS / f"{name}-{width}.png"), full_page=True)
                out[(width, path)] = {"violations": axe["violations"], "marks": marks}
                tab.close()
            context.close()
        browser.close()
    yield out


@pytest.mark.browser
def test_axe_finds_no_contrast_violations(contrast_runs: dict[tuple[int, str], dict[str, Any]]) -> None:
    """axe-core's colour-contrast rule reports nothing on /ar/2024/ and / at 375 and 1 366 px."""
    assert {k: [n["target"] for v in r["violations"] for n in v["nodes"]] for k, r in contrast_runs.items()} == {
        k: [] for k in contrast_runs
    }


@pytest.mark.browser
def test_status_marks_on_heat_cells_pass_aa(contrast_runs: dict[tuple[int, str], dict[str, Any]]) -> None:
    """axe leaves one-letter marks unjudged («too short»), so each is measured: at least 4,5:1 on its background."""
    year_marks = contrast_runs[(1366, "/ar/2024/")]["marks"]
    assert len(year_marks) >= 10  # the fixture's 2024 matrix marks its example figures
    assert {m["cell"] for m in year_marks} >= {"num heat heat-0", "num heat heat-3"}
    low = {k: [m for m in r["marks"] if m["ratio"] < 4.5] for k, r in contrast_runs.items()}
    assert low == {k: [] for k in contrast_runs}


def test_a_reform_year_that_opens_the_series_is_not_marked() -> None:
    """Vestland's own series starts in 2020: a line on the axis itself would mark no break within it."""
    rows = [r for r in ROWS if r["aar"] >= 2020]
    assert "shapes" not in RULE(rows, page("46"))["layout"]
