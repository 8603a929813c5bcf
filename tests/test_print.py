"""Printing to A4 in Chromium (content only, whole tables, no blank page, outside URLs) and the tile map on phones."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, have_chromium, serve
from tests.conftest import ROOT

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not have_chromium(), reason="Debian chromium or playwright missing (make system-deps)"),
]
ARTIFACTS = ROOT / "test-artifacts" / "test_print"
PRINTED = ["/fylke/46-vestland/", "/budsjett/226-21/"]
# What only a screen needs: the skip link, the download menus, the chart buttons, the search field.
SCREEN_ONLY = ["Hopp til hovedinnholdet", "Last ned tabellen", "Vis interaktiv graf", "Søk på nettstedet"]
# The A4 text width at the site's @page margins (210 mm less 2 × 14 mm) in CSS pixels.
A4_TEXT_PX = round((210 - 28) / 25.4 * 96)
SHOWN_CHARTS = (
    "() => [...document.querySelectorAll('svg.chart-svg')].filter(s => s.getBoundingClientRect().width > 0).length"
)


class Tables(HTMLParser):
    """The column headers of each table and the text of each body row's last cell."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[dict[str, list[str]]] = []
        self.cell: list[str] | None = None
        self.row: list[str] = []
        self.in_head = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Open tables, rows and cells."""
        if tag == "table":
            self.tables.append({"head": [], "last": []})
        elif tag == "thead":
            self.in_head = True
        elif tag == "tr":
            self.row = []
        elif tag in ("th", "td") and self.tables:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        """Close cells and rows into the current table."""
        if tag in ("th", "td") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "thead":
            self.in_head = False
        elif tag == "tr" and self.tables and self.row:
            table = self.tables[-1]
            table["head"] = self.row if self.in_head else table["head"]
            if not self.in_head:
                table["last"].append(self.row[-1])

    def handle_data(self, data: str) -> None:
        """Collect a cell's text (status marks included, as printed)."""
        if self.cell is not None:
            self.cell.append(data)


def widest_table(html: str) -> dict[str, list[str]]:
    """The page's table with the most columns (the first of equals)."""
    parser = Tables()
    parser.feed(html)
    return max(parser.tables, key=lambda t: len(t["head"]))


def words(text: str) -> list[str]:
    """The words of a text, without punctuation that a line break may separate."""
    return re.findall(r"[\wæøåÆØÅ%–.,:]+", text)


def has_phrase(text: str, phrase: str) -> bool:
    """Whether a phrase occurs in a text as whole words."""
    return re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text) is not None


def outside_links(html: str) -> list[str]:
    """The http(s) targets of links in the parts that print: the main content and the footer's publisher line."""
    main = html[html.index("<main") : html.index("</main>")]
    footer = re.search(r'<p class="footer-publisher">.*?</p>', html, re.S)
    return re.findall(r'<a [^>]*href="(https?://[^"]+)"', main + (footer.group(0) if footer else ""))


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """One headless Chromium for this module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def printed(built_site: Path, chromium: Any) -> dict[str, dict[str, Any]]:
    """Each page printed to A4 as a visitor would (no background option), with its text and navigation labels."""
    from pypdf import PdfReader

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    results: dict[str, dict[str, Any]] = {}
    with serve(built_site) as url:
        page = chromium.new_page()
        for path in PRINTED:
            page.goto(url + path, wait_until="load")
            nav = page.eval_on_selector_all(".main-nav a", "els => els.map(e => e.textContent.trim())")
            main_text = page.inner_text("main")
            pdf = page.pdf(format="A4")
            (ARTIFACTS / (path.strip("/").replace("/", "_") + ".pdf")).write_bytes(pdf)
            pages = [p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages]
            results[path] = {"pages": pages, "text": "\n".join(pages), "nav": nav, "main": main_text}
        page.close()
    return results


@pytest.mark.parametrize("path", PRINTED)
def test_print_leaves_out_what_only_a_screen_needs(printed: dict[str, dict[str, Any]], path: str) -> None:
    """No skip link, download menu, chart button, search or navigation labels on paper; the publisher stays."""
    text = printed[path]["text"]
    for label in SCREEN_ONLY:
        assert label not in text, f"{path}: «{label}» printed"
    nav_only = [label for label in printed[path]["nav"] if not has_phrase(printed[path]["main"], label)]
    assert len(nav_only) >= 3, f"{path}: too few navigation labels to check: {printed[path]['nav']}"
    printed_nav = [label for label in nav_only if has_phrase(text, label)]
    assert not printed_nav, f"{path}: navigation printed: {printed_nav}"
    assert "Utgitt av Utdanningsdirektoratet" in text and "lisens NLOD-2.0" in text
    assert "Personvernerklæring" not in text, "the footer's link line is navigation"


@pytest.mark.parametrize("path", PRINTED)
def test_print_has_no_blank_page_and_a_sensible_length(printed: dict[str, dict[str, Any]], path: str) -> None:
    """Every page, the last one too, carries text; a few pages, not dozens."""
    pages = printed[path]["pages"]
    assert 2 <= len(pages) <= 10, f"{path}: {len(pages)} pages"
    thin = [i + 1 for i, p in enumerate(pages) if len(p.strip()) < 100]
    assert not thin, f"{path}: (nearly) blank pages {thin} of {len(pages)}"
    assert "Utgitt av Utdanningsdirektoratet" in pages[-1], "the footer closes the last page"


@pytest.mark.parametrize("path", PRINTED)
def test_print_shows_outside_urls_but_not_internal_ones(
    built_site: Path, printed: dict[str, dict[str, Any]], path: str
) -> None:
    """An outside link prints its URL after its text; a link within the site does not print its path."""
    html = (built_site / path.strip("/") / "index.html").read_text("utf-8")
    links = outside_links(html)
    assert links, f"{path}: no outside link to check"
    flat = "".join(printed[path]["text"].split())
    for href in links:
        assert f"({href})" in flat, f"{path}: {href} not printed"
    assert "(/om/#kilde-" not in flat and "(/data/" not in flat


@pytest.mark.parametrize("path", PRINTED)
def test_print_keeps_the_widest_table_whole(built_site: Path, printed: dict[str, dict[str, Any]], path: str) -> None:
    """Every header and every last-column cell of the page's widest table is on paper."""
    table = widest_table((built_site / path.strip("/") / "index.html").read_text("utf-8"))
    assert len(table["head"]) >= 6, f"{path}: widest table has {table['head']}"
    tokens = set(words(printed[path]["text"]))
    for cell in table["head"] + table["last"]:
        missing = [w for w in words(cell) if w not in tokens]
        assert not missing, f"{path}: «{cell}» not printed whole (missing {missing})"


@pytest.mark.parametrize("path", PRINTED)
def test_print_layout_fits_tables_in_the_a4_text_width(built_site: Path, chromium: Any, path: str) -> None:
    """In print media at the A4 text width no table is wider than its block (nothing cut at the right edge)."""
    with serve(built_site) as url:
        page = chromium.new_page(viewport={"width": A4_TEXT_PX, "height": 1000})
        page.emulate_media(media="print")
        page.goto(url + path, wait_until="load")
        wide = page.evaluate(
            """() => [...document.querySelectorAll('table')].filter(t =>
                 t.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                 || t.scrollWidth > t.parentElement.clientWidth + 1).map(t => t.caption && t.caption.textContent)"""
        )
        shown = page.evaluate(SHOWN_CHARTS)
        page.close()
    assert not wide, f"{path}: tables wider than A4: {wide}"
    assert shown >= 1, f"{path}: no chart prints"


# Per tile: whether the text overflows, and each word's line boxes and whether it sits inside the tile's content box.
TILE_WORDS = """() => [...document.querySelectorAll('.tile-map .tile')].map(tile => {
  const box = tile.querySelector('a, .tile-body'), cs = getComputedStyle(box), r = box.getBoundingClientRect();
  const left = r.left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft) - 0.5;
  const right = r.right - parseFloat(cs.borderRightWidth) - parseFloat(cs.paddingRight) + 0.5;
  const found = [], walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/\\S+/g)) {
      const range = document.createRange();
      range.setStart(node, m.index); range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter(b => b.width > 0);
      found.push({word: m[0], lines: rects.length, inside: rects.every(b => b.left >= left && b.right <= right)});
    }
  }
  return {name: tile.querySelector('.tile-name').textContent, fits: box.scrollWidth <= box.clientWidth, words: found};
})"""


@pytest.mark.parametrize("width", [320, 375])
def test_tile_names_fit_without_a_word_broken(bundled_site: Path, chromium: Any, width: int) -> None:
    """On a phone each county's name fits its tile, wrapping only between words ("Møre og / Romsdal")."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(bundled_site) as url:
        page = chromium.new_page(viewport={"width": width, "height": 800})
        page.goto(url + "/", wait_until="load")
        tiles = page.evaluate(TILE_WORDS)
        page.locator(".tile-map").screenshot(path=str(ARTIFACTS / f"tiles-{width}.png"))
        page.close()
    names = {t["name"] for t in tiles}
    assert {"Finnmark", "Trøndelag", "Møre og Romsdal", "Innlandet"} <= names, names
    for tile in tiles:
        assert tile["fits"], f"{width} px: {tile['name']} overflows its tile"
        for w in tile["words"]:
            assert w["lines"] == 1, f"{width} px: «{w['word']}» in {tile['name']} broken over {w['lines']} lines"
            assert w["inside"], f"{width} px: «{w['word']}» sticks out of the {tile['name']} tile"


# The search field's placeholder: its text width in its own font against the room between the paddings.
PLACEHOLDER = """() => { const i = document.querySelector('#sok input'), cs = getComputedStyle(i);
  const ctx = document.createElement('canvas').getContext('2d');
  ctx.font = getComputedStyle(i, '::placeholder').font;
  return {text: i.placeholder, width: ctx.measureText(i.placeholder).width,
          room: i.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight)}; }"""


def test_search_placeholder_is_not_cut_at_320_px(built_site: Path, chromium: Any) -> None:
    """The header search field shows its whole placeholder on a 320 px phone."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(built_site) as url:
        page = chromium.new_page(viewport={"width": 320, "height": 700})
        page.goto(url + "/", wait_until="load")
        page.wait_for_selector("#sok input", state="visible", timeout=10_000)
        found = page.evaluate(PLACEHOLDER)
        page.locator(".site-header").screenshot(path=str(ARTIFACTS / "search-320.png"))
        page.close()
    assert found["text"].startswith("Søk"), found
    assert found["width"] <= found["room"], f"placeholder cut: {found}"
