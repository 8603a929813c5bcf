"""Hostile data end to end: injected names and free text stay inert text in pages, charts and markup."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from markupsafe import escape

from builder.build import build
from tests.browser import CHROMIUM, CHROMIUM_ARGS, have_chromium, serve
from tests.conftest import copy_data, fast_config
from tests.test_html_valid import vnu

SCRIPT = "<script>alert(1)</script>"
BREAKER = '"><img src=x onerror=alert(1)>'
CLOSER = "</script><script>alert(1)</script>"
PHISH = '<a href="https://evil.example/phish">Oslo</a>'
FORMULA = '=HYPERLINK("http://evil.example";"klikk")'
LONG = "Langtnavnutenmellomrom" * 12
TRAVERSAL = "../../etc/passwd"


def rewrite(path: Path, change: Any) -> None:
    """Rewrite a CSV data file row by row."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0])
    for row in rows:
        change(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), "utf-8")


# The fixture's four 2024 dekomp recipients in 46 Vestland (tildelinger.csv lines 28–31), each a different attack.
RECIPIENTS = {
    "Bergen kommune": BREAKER + SCRIPT,
    "Høgskulen på Vestlandet": LONG,
    "Øygarden kommune": TRAVERSAL,
    "Årdal kommune": FORMULA,
}


def inject(data: Path) -> None:
    """Put hostile values into scheme names, recipient names, notes and source titles."""

    def scheme(row: dict[str, str]) -> None:
        if row["ordning_id"] == "dekomp":
            row["navn"] = row["kortnavn"] = PHISH  # the public name is the label pages and charts show
            row["beskrivelse"] = SCRIPT + BREAKER
        if row["ordning_id"] == "rekomp":
            row["navn"] = row["kortnavn"] = CLOSER[:60]

    def grant(row: dict[str, str]) -> None:
        if row["fylkesnummer"] == "46" and row["belopstype"] == "tilsagn":
            row["mottaker_navn"] = RECIPIENTS[row["mottaker_navn"]] + f" {row['aar']}"
        if row["fylkesnummer"] == "46" and row["belopstype"] == "ramme":
            row["merknad"] = CLOSER + PHISH

    def source(row: dict[str, str]) -> None:
        if row["kilde_id"] == "eksempeldata":
            row["tittel"] = SCRIPT + " " + PHISH

    rewrite(data / "ordninger.csv", scheme)
    rewrite(data / "tildelinger.csv", grant)
    rewrite(data / "kilder.csv", source)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data with hostile values, built."""
    base = tmp_path_factory.mktemp("hostile")
    data = copy_data(base / "data")
    inject(data)
    out = base / "site"
    build(fast_config(data_dir=data, out_dir=out, report_path=base / "report.json"))
    return out


def test_injection_reached_the_pages(hostile_site: Path) -> None:
    """The attack is real: each hostile value is on Vestland's page, escaped (so the checks below can fail)."""
    text = (hostile_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    for value in (*RECIPIENTS.values(), PHISH, CLOSER):
        assert str(escape(value)) in text, value


def test_markup_has_no_injected_elements(hostile_site: Path) -> None:
    """The raw HTML carries the hostile strings only escaped."""
    for page in hostile_site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert "<script>alert" not in text and "onerror=alert" not in text.replace("onerror=alert(1)&gt;", "")
        assert '<a href="https://evil.example' not in text
        assert "<img src=x" not in text


def test_hostile_site_still_validates(hostile_site: Path) -> None:
    """Every page of the hostile build passes the Nu Html Checker."""
    pages = sorted(hostile_site.resolve().rglob("*.html"))
    errors = vnu(pages)
    assert not errors, [(e.get("url"), e.get("message")) for e in errors[:5]]


@pytest.fixture(scope="module")
def hostile_browser(hostile_site: Path) -> Iterator[tuple[str, Any]]:
    """Chromium on the hostile build, with alert() trapped."""
    if not have_chromium():
        pytest.skip("Debian chromium missing")
    from playwright.sync_api import sync_playwright

    with serve(hostile_site) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 320, "height": 800})
        context.add_init_script("window.__ran = false; window.alert = () => { window.__ran = true; };")
        yield url, context
        browser.close()


STATE = """() => ({
    ran: window.__ran,
    injected: document.querySelectorAll(
        'img[src="x"], [onerror], script:not([src]):not([type="application/json"])').length,
    evil: document.querySelectorAll('a[href*="evil.example"]').length,
    chartLinks: document.querySelectorAll('.chart-static a, .js-plotly-plot a').length,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
    legend: [...document.querySelectorAll('.chart-svg-smal .chart-legend text')].map(e => e.textContent).join(' '),
    plotlyLegend: [...document.querySelectorAll('.js-plotly-plot .legendtext')].map(e => e.textContent).join('|'),
})"""


@pytest.mark.parametrize(
    "path", ["/", "/fylke/46-vestland/", "/ordning/", "/ar/2024/", "/om/", "/sammenlign/?fylker=46"]
)
def test_nothing_runs_and_charts_show_text(hostile_browser: tuple[str, Any], path: str) -> None:
    """No script ran, no element or attribute was injected, no link appeared in a chart, no sideways scroll."""
    url, context = hostile_browser
    page = context.new_page()
    page.goto(url + path, wait_until="load")
    page.wait_for_timeout(300)
    static = page.evaluate(STATE)  # the build-time SVG charts
    hostile = page.locator("figure.chart-figure", has_text="evil.example").locator("button.chart-upgrade")
    upgrades = hostile if hostile.count() else page.locator("button.chart-upgrade")
    if upgrades.count():  # and the interactive plotly drawing of a chart (a hostile one), after a reader asks for it
        upgrades.first.click()
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15000)
    drawn = page.evaluate(STATE)
    page.close()
    for state in (static, drawn):
        assert not state["ran"] and state["injected"] == 0 and state["evil"] == 0 and state["chartLinks"] == 0, state
        assert state["overflow"] <= 0, state
    if path == "/fylke/46-vestland/":
        # the SVG legend wraps long names over lines (tspans), so compare without spaces
        assert PHISH.replace(" ", "") in static["legend"].replace(" ", ""), static["legend"]
        assert PHISH in drawn["plotlyLegend"], drawn["plotlyLegend"]
