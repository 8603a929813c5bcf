"""Every table's download menu offers each format twice (the newest file and this release's fixed copy under
/data/v/<version>/), and a «Slik siterer du» text naming the table, the publisher, the version, the date and the
fixed copy's absolute URL; in nynorsk on nynorsk pages, with the same files. In Chromium at 375 px the opened menu
and citation fit the phone; screenshots are kept in test-artifacts/test_citation/."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import html5lib
import pytest

from builder.render.bulk import versioned
from builder.render.downloads import TABLE_FORMATS, table_download_url, table_version_url
from tests.browser import CHROMIUM, CHROMIUM_ARGS, have_chromium, serve
from tests.conftest import FIXTURE_DATA, ROOT

ARTIFACTS = ROOT / "test-artifacts" / "test_citation"
BASE = "https://kompetanseinnsyn.no"  # the default base URL the session build uses
# The formats of every table, as README «Downloads for journalists» lists them.
SUFFIXES = (".xlsx", ".csv", ".maskinlesbar.csv", ".json")
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober", "november")
MONTHS += ("desember",)
PACKAGE = json.loads((FIXTURE_DATA / "datapackage.json").read_text("utf-8"))
VERSION = PACKAGE["x-release"]["version"]
YEAR, MONTH, DAY = (int(x) for x in PACKAGE["x-release"]["date"].split("-"))
DATE = f"{DAY}. {MONTHS[MONTH - 1]} {YEAR}"  # how the footer writes the release date (15. mars 2025)


def text(node: Any) -> str:
    """The element's text with whitespace collapsed."""
    return " ".join("".join(node.itertext()).split())


def html_pages(root: Path) -> list[Path]:
    """Every page of the site that has a table menu (redirect stubs have none)."""
    return [p for p in sorted(root.rglob("index.html")) if 'class="table-tools"' in p.read_text("utf-8")]


def page_dir(root: Path, page: Path) -> str:
    """The download folder of a page, by hand: its path without /nn/, the front page as «forside»."""
    inner = page.parent.relative_to(root).as_posix()
    inner = "" if inner in (".", "nn") else inner.removeprefix("nn/")
    return inner or "forside"


@cache
def blocks(page: Path) -> list[dict[str, Any]]:
    """Per table: its id, caption, the menu's links (href → text) and the citation text."""
    tree = html5lib.parse(page.read_bytes(), namespaceHTMLElements=False)
    found = []
    for block in tree.iter("div"):
        if block.get("class", "").split()[:1] != ["table-block"]:
            continue
        tools = block.find("div[@class='table-tools']")
        if tools is None:  # an empty table offers nothing to download or cite
            assert block.find(".//td[@colspan]") is not None, (page, block.get("id"))
            continue
        menu = tools.find("details[@class='downloads']")
        cite = tools.find("details[@class='citation']/p[@class='citation-text']")
        found.append(
            {
                "id": block.get("id").removeprefix("tabell-"),
                "caption": text(block.find(".//caption")),
                "links": {a.get("href"): text(a) for a in menu.iter("a") if a.get("download") is not None},
                "citation": text(cite),
                "h1": text(tree.find(".//h1")),
                "ignored": tools.get("data-pagefind-ignore") is not None,
            }
        )
    return found


@pytest.mark.parametrize("page_url", ["/", "/nn/", "/fylke/03-oslo/", "/nn/ordning/dekomp/"])
def test_version_url_is_where_the_release_copies_each_download(page_url: str) -> None:
    """The menu's fixed link is the path bulk.versioned() writes the newest file's copy to, for nynorsk pages too."""
    for fmt in TABLE_FORMATS:
        newest = table_download_url(page_url, "t", fmt).lstrip("/")
        assert list(versioned({newest: b""}, "2026.2")) == [table_version_url(page_url, "t", fmt, "2026.2")[1:]]


def test_every_menu_offers_the_newest_and_the_fixed_copy_of_each_format(built_site: Path) -> None:
    """Per format a newest link (/data/<page>/<table>.<ext>) and one to /data/v/<version>/<page>/<table>.<ext>,
    whose file is this release's copy: the same bytes as the newest. No two links of a menu read the same."""
    seen = 0
    for page in html_pages(built_site):
        folder = page_dir(built_site, page)
        for tb in blocks(page):
            expected = []
            for suffix in SUFFIXES:
                newest = f"/data/{folder}/{tb['id']}{suffix}"
                fixed = f"/data/v/{VERSION}/{folder}/{tb['id']}{suffix}"
                expected += [newest, fixed]
                assert (built_site / fixed.lstrip("/")).read_bytes() == (built_site / newest.lstrip("/")).read_bytes()
                assert VERSION in tb["links"][fixed] and tb["links"][newest] in tb["links"][fixed], (page, fixed)
            assert sorted(tb["links"]) == sorted(expected), (page, tb["id"])
            assert len(set(tb["links"].values())) == len(expected), (page, tb["links"])
            assert tb["ignored"], (page, tb["id"])  # kept out of the search excerpts
            seen += 1
    assert seen >= 100, seen


def test_citation_names_table_publisher_version_date_and_a_fixed_url(built_site: Path) -> None:
    """The fixture is a demo: each citation says so, names the caption (after the page's heading unless the caption
    names it), Utdanningsdirektoratet, Kompetanseinnsyn,
    the version and date of datapackage.json, and ends with the absolute URL of the table's fixed CSV."""
    for page in html_pages(built_site):
        folder = page_dir(built_site, page)
        for tb in blocks(page):
            cite = tb["citation"]
            url = f"{BASE}/data/v/{VERSION}/{folder}/{tb['id']}.csv"
            assert cite.startswith("DEMO"), (page, cite)
            caption = tb["caption"] if tb["h1"] in tb["caption"] else f"{tb['h1']}: {tb['caption']}"  # what and where
            assert f"Utdanningsdirektoratet ({YEAR}). {caption.rstrip('.')}. Kompetanseinnsyn" in cite, cite
            assert f"versjon {VERSION}" in cite and DATE in cite, cite
            assert cite.endswith(" " + url), (page, cite)
            assert (built_site / url.removeprefix(BASE + "/")).is_file(), url


def test_nynorsk_citation_is_nynorsk_and_names_the_same_files(built_site: Path) -> None:
    """A nynorsk county page's citations and menus read in nynorsk and link the bokmål page's files."""
    bokmaal = blocks(built_site / "fylke" / "03-oslo" / "index.html")
    nynorsk = blocks(built_site / "nn" / "fylke" / "03-oslo" / "index.html")
    assert [b["id"] for b in nynorsk] == [b["id"] for b in bokmaal] and nynorsk
    for nb, nn in zip(bokmaal, nynorsk, strict=True):
        assert set(nn["links"]) == set(nb["links"])
        assert nn["citation"].split()[-1] == nb["citation"].split()[-1]
        assert nn["citation"].startswith("DEMO – oppdikta tal, ikkje offisielle.") and nn["caption"] in nn["citation"]
    html = (built_site / "nn" / "fylke" / "03-oslo" / "index.html").read_text("utf-8")
    assert "Slik siterer du tabellen" in html and "som ikkje blir endra" in html
    citations = " ".join(re.findall(r'class="citation.*?</details>', html, re.S))
    assert citations and not re.search(r"\b(ikke|tallene|endres)\b", citations)


def test_data_page_says_the_versioned_urls_are_stable_and_how_to_cite(built_site: Path) -> None:
    """/data/ says the addresses with a version number stay, and points to the citation under each table."""
    body = text(html5lib.parse((built_site / "data" / "index.html").read_bytes(), namespaceHTMLElements=False))
    assert f"/data/v/{VERSION}/" in body
    assert "Adressene med versjonsnummer er stabile" in body and "«Slik siterer du tabellen»" in body


@pytest.fixture(scope="module")
def opened(built_site: Path) -> Iterator[dict[int, Any]]:
    """The Oslo page at 375 and 1 366 px with the first table's menu and citation opened."""
    if not have_chromium():
        pytest.skip("Debian chromium or playwright missing (make system-deps)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serve(built_site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        pages = {}
        for width in (375, 1366):
            context = browser.new_context(viewport={"width": width, "height": 900})
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
            page = context.new_page()
            page.goto(url + "/fylke/03-oslo/", wait_until="load")
            tools = page.locator(".table-tools").first
            tools.locator("details.downloads > summary").click()
            tools.locator("details.citation > summary").click()
            tools.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"menu-{width}.png"))
            pages[width] = page
        yield pages
        browser.close()


# The right edge of the page and of every element in the first opened menu and citation, and the page's width.
EDGES = """() => { const tools = document.querySelector('.table-tools');
  const right = Math.max(...[...tools.querySelectorAll('*')].filter(e => e.getClientRects().length)
    .map(e => e.getBoundingClientRect().right));
  return {right, scroll: document.documentElement.scrollWidth, width: window.innerWidth}; }"""


@pytest.mark.browser
@pytest.mark.parametrize("width", [375, 1366])
def test_opened_menu_fits_the_viewport(opened: dict[int, Any], width: int) -> None:
    """Opened, the menu and the citation (the long URL too) stay within the viewport: no sideways scrolling."""
    edges = opened[width].evaluate(EDGES)
    assert edges["width"] == width
    assert edges["right"] <= width and edges["scroll"] <= width, edges


@pytest.mark.browser
def test_copy_button_copies_the_citation_as_plain_text(opened: dict[int, Any]) -> None:
    """With the script the copy button shows; it puts the citation's text on the clipboard and says so."""
    page = opened[1366]
    button = page.locator(".table-tools").first.locator("button.citation-copy")
    assert button.is_visible()
    button.click()
    page.wait_for_function("b => b.textContent === 'Kopiert'", arg=button.element_handle())
    shown = " ".join(page.locator(".table-tools").first.locator(".citation-text").inner_text().split())
    assert page.evaluate("navigator.clipboard.readText()") == shown


@pytest.mark.browser
def test_print_keeps_the_citation_and_drops_the_toggles(opened: dict[int, Any]) -> None:
    """On paper a table's citation shows (without opening it), its toggle and the download menu do not."""
    page = opened[1366]
    page.reload(wait_until="load")
    page.emulate_media(media="print")
    tools = page.locator(".table-tools").nth(1)
    assert tools.locator(".citation-text").is_visible()
    assert not tools.locator("details.citation > summary").is_visible()
    assert not tools.locator("details.downloads").is_visible()
    page.emulate_media(media="screen")
