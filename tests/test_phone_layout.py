"""The county page in Chromium at 375 and 1 366 px: the key-figure box near the top and above the first chart, the
first and the amount columns of a scrolled table in view on a phone, no table wider than its wrapper on a laptop.
Screenshots are kept in test-artifacts/test_phone_layout/."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, have_chromium, serve

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not have_chromium(), reason="Debian chromium or playwright missing (make system-deps)"),
]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "test_phone_layout"
# Oslo has the widest county tables of the fixture (per teacher FTE: six columns, the last one numeric).
COUNTY = "/fylke/03-oslo/"


@pytest.fixture(scope="module")
def pages(built_site: Path) -> Iterator[dict[int, Any]]:
    """The county page opened at 375 and 1 366 px."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(built_site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        opened = {}
        for width in (375, 1366):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.goto(url + COUNTY, wait_until="load")
            page.screenshot(path=str(ARTIFACTS / f"county-{width}.png"), full_page=True)
            opened[width] = page
        yield opened
        browser.close()


def test_key_box_is_near_the_top_and_above_the_first_chart(pages: dict[int, Any]) -> None:
    """At both widths the box starts within the first 700 px and ends before the first chart."""
    for width, page in pages.items():
        box = page.locator(".key-box").bounding_box()
        chart = page.locator("figure.chart-figure").first.bounding_box()
        assert box["y"] < 700, width
        assert box["y"] + box["height"] <= chart["y"], width


# After scrolling every table to its right end: each table's first cell and last numeric cell of its widest row,
# measured against the viewport.
EDGES = """() => [...document.querySelectorAll('.table-scroll')].filter(s => s.scrollWidth > s.clientWidth).map(s => {
  s.scrollLeft = s.scrollWidth;
  const row = s.querySelector('tbody tr');
  const first = row.firstElementChild.getBoundingClientRect();
  const last = row.lastElementChild;
  const r = last.getBoundingClientRect();
  return {id: s.parentElement.id, firstLeft: first.left, firstRight: first.right,
          lastNum: last.classList.contains('num'), lastLeft: r.left, lastRight: r.right, width: window.innerWidth};
})"""


def test_first_and_amount_columns_stay_in_view_on_a_phone(pages: dict[int, Any]) -> None:
    """At 375 px some tables scroll; scrolled to the right, the first column is still at the left edge and a
    numeric last column (the amount) within the viewport."""
    edges = pages[375].evaluate(EDGES)
    assert edges, "no table scrolls at 375 px; the test no longer looks at anything"
    for e in edges:
        assert e["firstLeft"] >= 0 and e["firstRight"] <= e["width"] / 2, e
        if e["lastNum"]:
            assert e["lastLeft"] >= e["firstRight"] - 1 and e["lastRight"] <= e["width"], e
    assert any(e["lastNum"] for e in edges)
    pages[375].screenshot(path=str(ARTIFACTS / "county-375-scrolled.png"), full_page=True)


def test_no_table_overflows_at_1366(pages: dict[int, Any]) -> None:
    """At 1 366 px every table fits its wrapper (the Sum and amount columns show without scrolling)."""
    over = pages[1366].evaluate(
        "() => [...document.querySelectorAll('.table-scroll')].filter(s => s.scrollWidth > s.clientWidth + 1)"
        ".map(s => s.parentElement.id)"
    )
    assert over == []


# The county's bookings table: its amount («Bokført (kr)») is not its last column (the counties the embete covered
# follow it), so the amount is pinned by class; its cells are read at both ends of the horizontal scroll.
BOOKED = """(end) => {
  const s = document.querySelector('#tabell-bokforinger .table-scroll');
  s.scrollLeft = end ? s.scrollWidth : 0;
  const heads = [...s.querySelectorAll('thead th')].map(th => th.textContent.trim());
  const index = heads.indexOf(%s);
  const cells = [...s.querySelectorAll('tbody tr')].slice(0, 10).map(tr => tr.children[index].getBoundingClientRect());
  return {scrolls: s.scrollWidth > s.clientWidth, index, columns: heads.length, width: window.innerWidth,
          cells: cells.map(r => [r.left, r.right])};
}"""


def test_county_bookings_amount_stays_in_view_on_a_phone(pages: dict[int, Any]) -> None:
    """At 375 px the bookings table scrolls; scrolled to its start and to its end, every amount cell of the first
    ten rows is within the viewport, although the amount is not the table's last column."""
    import json

    label = json.loads((Path(__file__).resolve().parent.parent / "builder" / "i18n" / "nb.json").read_text("utf-8"))
    script = BOOKED % json.dumps(label["county.col_booked_nok"])
    for end in (False, True):
        seen = pages[375].evaluate(script, end)
        assert seen["scrolls"] and 0 <= seen["index"] < seen["columns"] - 1, seen
        for left, right in seen["cells"]:
            assert left >= 0 and right <= seen["width"], (end, seen)
        pages[375].locator("#tabell-bokforinger").screenshot(
            path=str(ARTIFACTS / f"county-bookings-375-{int(end)}.png")
        )
