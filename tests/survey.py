"""The browser survey: every built page, bokmål and nynorsk, loaded once and checked in one tab per process."""

from __future__ import annotations

import multiprocessing
import os
import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from tests.browser import CHROMIUM, CHROMIUM_ARGS
from tests.page_checks import run_both


def page_paths(root: Path) -> list[str]:
    """Every page in the sitemap, bokmål and nynorsk, as a path, and the two 404 pages."""
    text = (root / "sitemap.xml").read_text("utf-8")
    paths = [re.sub(r"^https?://[^/]+", "", u) for u in re.findall(r"<loc>([^<]+)</loc>", text)]
    return [*paths, "/404.html", "/nn/404.html"]


def watch(page: Any, url: str) -> tuple[list[str], list[str]]:
    """Collect a tab's console/page errors and its requests to other hosts or that failed, as they happen."""
    errors: list[str] = []
    bad: list[str] = []
    origin = re.match(r"https?://[^/]+", url).group(0)  # type: ignore[union-attr]
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("requestfailed", lambda r: bad.append(f"failed {r.url}"))
    page.on(
        "request",
        lambda r: bad.append(f"outside {r.url}") if not r.url.startswith((origin, "data:", "blob:")) else None,
    )
    page.on(
        "response",
        lambda r: bad.append(f"{r.status} {r.url}") if r.status >= 400 and not r.url.endswith("/404.html") else None,
    )
    return errors, bad


# Each chart as the page first shows it (no interaction): its build-time SVG, one drawing visible at a time.
CHART_REPORT = """() => [...document.querySelectorAll('figure.chart-figure')]
  .filter(f => f.querySelector('.chart-static')).map(fig => {
    const cap = fig.querySelector('figcaption');
    const shown = [...fig.querySelectorAll('svg.chart-svg')].filter(s => s.getBoundingClientRect().width > 0);
    const svg = shown[0];
    return {id: fig.id.replace(/^figur-/, 'chart-'), caption: cap ? cap.textContent.trim().length : 0,
            shown: shown.length, labelled: !!svg && svg.getAttribute('aria-labelledby') === cap.id,
            role: svg ? svg.getAttribute('role') : null, table: !!fig.querySelector('table caption'),
            links: fig.querySelectorAll('.chart-static a').length,
            points: svg ? svg.querySelectorAll('.chart-marks rect, .chart-marks path, .chart-marks circle').length : 0};
})"""
# plotly.js is neither run nor fetched before a reader asks for an interactive chart.
PLOTLY_LOADED = "() => !!window.Plotly || performance.getEntriesByType('resource').some(e => e.name.includes('plotly'))"


def survey_pages(base_url: str, paths: list[str]) -> dict[str, dict[str, Any]]:
    """Visit each page once in one tab of a Chromium of this process and record what the tests assert on."""
    from playwright.sync_api import sync_playwright

    results: dict[str, dict[str, Any]] = {}
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = b.new_context(viewport={"width": 1280, "height": 900}).new_page()
        errors, bad = watch(page, base_url)
        for path in paths:
            page.set_viewport_size({"width": 1280, "height": 900})
            page.goto(base_url + path, wait_until="load")
            results[path] = survey_page(page, errors, bad)
            errors.clear()
            bad.clear()
        b.close()
    return results


# On a phone every chart shows its phone drawing, no wider than its figure.
CHARTS_FIT = """() => [...document.querySelectorAll('.chart-static')].every(c => {
    const shown = [...c.querySelectorAll('svg.chart-svg')].filter(s => s.getBoundingClientRect().width > 0);
    return shown.length === 1 && shown[0].classList.contains('chart-svg-smal')
      && shown[0].getBoundingClientRect().width <= c.clientWidth + 1;
})"""


def survey_page(page: Any, errors: list[str], bad: list[str]) -> dict[str, Any]:
    """One loaded page at desktop width (charts, axe, HTML_CodeSniffer), then narrowed to a 320 px phone (sideways
    overflow, the phone drawings), with the errors and bad requests of both.

    Narrowing the same page is what WCAG 1.4.10 reflow asks for (a zoomed or narrowed window), and saves a
    second load with every chart drawn again."""
    result: dict[str, Any] = {
        "charts": page.evaluate(CHART_REPORT),
        "plotly": page.evaluate(PLOTLY_LOADED),
        **run_both(page),
    }
    page.set_viewport_size({"width": 320, "height": 700})
    result["fit"] = page.evaluate(CHARTS_FIT)
    result["overflow"] = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    result["errors"], result["bad"] = list(errors), list(bad)
    return result


def run_survey(root: Path, base_url: str) -> dict[str, dict[str, Any]]:
    """Every page surveyed by one Chromium per core, each in its own process (Playwright's sync API is per thread)."""
    paths = page_paths(root)
    workers = max(1, min(os.cpu_count() or 1, 4))
    chunks = [paths[i::workers] for i in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        parts = list(pool.map(survey_pages, [base_url] * workers, chunks))
    return {path: part[path] for part in parts for path in part}
