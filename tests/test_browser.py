"""Every built page, bokmål and nynorsk, in real Chromium: no errors, no outside requests, charts shown, reflow at
320 px, axe and HTML_CodeSniffer (pa11y's engine) clean."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.a11y_results import record_axe, record_htmlcs
from tests.browser import CHROMIUM, CHROMIUM_ARGS, have_chromium, serve
from tests.page_checks import AXE_TAGS, offenders, run_both
from tests.survey import PLOTLY_LOADED, run_survey, watch
from tests.test_site import COUNTIES, FIXTURE_PAGES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not have_chromium(), reason="Debian chromium or playwright missing (make system-deps)"),
]
# Every page of the fixture site in both languages (the redirect pages leave at once: tests/test_site.py).
SURVEYED = sorted(FIXTURE_PAGES + ["/nn" + p for p in FIXTURE_PAGES])


@pytest.fixture(scope="module")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site on a loopback server."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium with a desktop and a phone context (each keeps its cache, like a visitor)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield {
            1280: b.new_context(viewport={"width": 1280, "height": 900}),
            320: b.new_context(viewport={"width": 320, "height": 700}),
        }
        b.close()


def visit(contexts: dict[int, Any], url: str, width: int) -> tuple[Any, list[str], list[str]]:
    """Open a page; returns the page, console/page errors, and requests to other hosts or that failed."""
    page = contexts[width].new_page()
    errors, bad = watch(page, url)
    page.goto(url, wait_until="load")
    return page, errors, bad


@pytest.fixture(scope="module")
def survey(built_site: Path, site_url: str) -> dict[str, dict[str, Any]]:
    """Every page in both languages surveyed once (tests/survey.py)."""
    return run_survey(built_site, site_url)


def test_every_page_renders_cleanly(survey: dict[str, dict[str, Any]]) -> None:
    """No console errors and no failed or outside requests, at desktop and phone width."""
    problems = {p: (r["errors"], r["bad"]) for p, r in survey.items() if r["errors"] or r["bad"]}
    assert not problems, problems
    assert sorted(survey) == SURVEYED


def test_no_sideways_scroll_at_320px(survey: dict[str, dict[str, Any]]) -> None:
    """Reflow (WCAG 1.4.10): nothing is wider than a 320 px screen; wide tables scroll inside their region."""
    assert not {p: r["overflow"] for p, r in survey.items() if r["overflow"] > 0}


def test_axe_finds_no_wcag_violations(survey: dict[str, dict[str, Any]]) -> None:
    """axe-core with the WCAG 2.0/2.1 A and AA tags reports nothing on any page in either language."""
    record_axe(survey, AXE_TAGS)  # the accessibility statement's counts, when INNSYN_A11Y_RESULTS is set
    found = offenders(survey, "axe")
    assert not found, "axe fant brudd:\n" + "\n".join(found)


def test_htmlcs_finds_no_wcag2aa_errors(survey: dict[str, dict[str, Any]]) -> None:
    """HTML_CodeSniffer with WCAG2AA, as pa11y runs it (errors only), reports nothing on any page in either language."""
    record_htmlcs(survey)  # the accessibility statement's counts, when INNSYN_A11Y_RESULTS is set
    found = offenders(survey, "htmlcs")
    assert not found, "HTML_CodeSniffer (pa11y) fant feil:\n" + "\n".join(found)


def test_both_engines_flag_a_missing_alt_and_low_contrast(site_url: str, browser: dict[int, Any]) -> None:
    """The checks can fail: an <img> without alt and grey text on white added to a page are found by both engines,
    with pa11y's codes (H37, G18.Fail) and selectors."""
    page, _, _ = visit(browser, site_url + "/nn/om/", 1280)
    page.evaluate("""() => document.querySelector('main').insertAdjacentHTML('afterbegin',
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" id="uten-alt">'
        + '<p id="lav-kontrast" style="color:#bbb;background:#fff">Lav kontrast</p>')""")
    found = run_both(page)
    page.close()
    assert sorted((rule, targets[0]) for rule, targets in found["axe"]) == [
        ("color-contrast", "#lav-kontrast"),
        ("image-alt", "#uten-alt"),
    ]
    assert sorted(map(tuple, found["htmlcs"])) == [
        ("WCAG2AA.Principle1.Guideline1_1.1_1_1.H37", "#uten-alt"),
        ("WCAG2AA.Principle1.Guideline1_4.1_4_3.G18.Fail", "#lav-kontrast"),
    ]


def test_every_chart_is_drawn_with_caption_and_table(survey: dict[str, dict[str, Any]]) -> None:
    """axe misses charts: each chart shows as its SVG without any interaction (one drawing, role img, labelled by
    its non-empty caption), next to a data table, with no links; plotly.js is not loaded; a phone gets its drawing."""
    charts = [(p, c) for p, r in survey.items() for c in r["charts"]]
    for path, chart in charts:
        assert chart["shown"] == 1 and chart["role"] == "img" and chart["labelled"], (path, chart)
        assert chart["caption"] > 10 and chart["table"], (path, chart)
        assert chart["links"] == 0 and chart["points"] > 0, (path, chart)
    assert not {p for p, r in survey.items() if r["plotly"]}
    assert not {p for p, r in survey.items() if not r["fit"]}
    drawn = {p: {c["id"] for c in r["charts"]} for p, r in survey.items()}
    for county in COUNTIES:
        assert "chart-per-ordning-og-aar" in drawn[f"/fylke/{county}/"], county
    # the comparable series in today's borders: only today's counties with predecessors (not 03 Oslo)
    comparable = ["/fylke/31-ostfold/", "/fylke/32-akershus/", "/fylke/33-buskerud/", "/fylke/46-vestland/"]
    assert sorted(p for p, ids in drawn.items() if "chart-sammenlignbar" in ids) == sorted(
        comparable + ["/nn" + p for p in comparable]
    )
    assert "chart-rapportering" not in drawn["/ar/2021/"]  # 2021 has no reporting rows
    # the fixture's national totals do not cover every scheme each year, so the front page draws no trend chart
    assert "chart-nasjonal-utvikling" not in drawn["/"]
    for post in ("226-21", "231-21"):
        assert {"chart-bevilgning", "chart-virksomhetstyper", "chart-artskontoer"} <= drawn[f"/budsjett/{post}/"]
    assert "chart-bokforinger" in drawn["/statsforvalter/vestland/"]


def test_asking_for_an_interactive_chart_loads_plotly_and_draws_it(site_url: str, browser: dict[int, Any]) -> None:
    """The button loads plotly.js (once, same origin) and draws that chart alone in place of its SVG; print still
    shows the SVG; the scheme page's focus list upgrades its chart and dims the other counties."""
    page, errors, bad = visit(browser, site_url + "/fylke/46-vestland/", 1280)
    assert not page.evaluate(PLOTLY_LOADED)
    page.click("#figur-per-ordning-og-aar button.chart-upgrade")
    page.wait_for_selector("#chart-per-ordning-og-aar-interaktiv.js-plotly-plot svg.main-svg")
    state = page.evaluate("""() => ({
        interactive: [...document.querySelectorAll('figure.is-interactive')].map(f => f.id),
        points: document.querySelectorAll('#chart-per-ordning-og-aar-interaktiv .point').length,
        still: document.querySelector('#figur-per-ordning-og-aar .chart-static').getBoundingClientRect().height,
        button: document.querySelector('#figur-per-ordning-og-aar button.chart-upgrade').hidden,
        scripts: [...document.scripts].filter(s => s.src.includes('plotly')).map(s => new URL(s.src).origin),
    })""")
    assert state["interactive"] == ["figur-per-ordning-og-aar"] and state["points"] > 0, state
    assert state["still"] == 0 and state["button"] and state["scripts"] == [site_url], state
    page.emulate_media(media="print")
    printed = page.evaluate("""() => ({
        live: document.querySelector('#chart-per-ordning-og-aar-interaktiv').getBoundingClientRect().height,
        svg: document.querySelector('#svg-per-ordning-og-aar-bred').getBoundingClientRect().height})""")
    assert printed["live"] == 0 and printed["svg"] > 100, printed
    page.close()
    scheme, more_errors, more_bad = visit(browser, site_url + "/ordning/dekomp/", 1280)
    scheme.select_option("#fokus-fylker-over-tid", label="46 Vestland")
    scheme.wait_for_selector("#chart-fylker-over-tid-interaktiv.js-plotly-plot svg.main-svg")
    opacity = scheme.evaluate(
        "() => document.getElementById('chart-fylker-over-tid-interaktiv').data.map(t => [t.name, t.opacity])"
    )
    assert ["Vestland", 1] in opacity and any(o == 0.2 for _, o in opacity), opacity
    scheme.close()
    assert not (errors or bad or more_errors or more_bad), (errors, bad, more_errors, more_bad)


def test_keyboard_order_and_visible_focus(site_url: str, browser: dict[int, Any]) -> None:
    """Tab from the top reaches the skip link first, then the site name, the language switch, the search and the
    main navigation, with visible focus."""
    page, _, _ = visit(browser, site_url + "/fylke/46-vestland/", 1280)
    page.wait_for_selector("#sok input")
    seen = []
    for _ in range(7):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate("""() => {
            const el = document.activeElement; const s = getComputedStyle(el);
            return {text: el.textContent.trim() || el.getAttribute('placeholder'), tag: el.tagName,
                    outline: (s.outlineStyle !== 'none' && s.outlineWidth !== '0px') || s.boxShadow !== 'none'};
        }""")
        )
    assert seen[0]["text"] == "Hopp til hovedinnholdet"
    assert seen[1]["text"] == "Kompetanseinnsyn"
    assert seen[2]["text"] == "Nynorsk"
    assert seen[3]["tag"] == "INPUT" and "Søk" in seen[3]["text"]
    nav = [s["text"] for s in seen[4:]]
    assert nav[nav.index("Forside") :][:2] == ["Forside", "Fylker"] and nav.index("Forside") <= 1
    assert all(s["outline"] for s in seen)
    for _ in range(6):
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#hovedinnhold"
    page.close()


def column(page: Any, table: str, index: int, script: str = "c => c.textContent.trim()") -> list[Any]:
    """The cells of one column of a table's body, top to bottom."""
    return list(page.eval_on_selector_all(f"{table} tbody tr > :nth-child({index})", f"cs => cs.map({script})"))


def test_sortable_table_sorts_in_norwegian_order(site_url: str, browser: dict[int, Any]) -> None:
    """The fixture's six counties of today sort by name in Norwegian order (Østfold last), by 2024 amount and by
    amount per teacher FTE numerically (15 Møre og Romsdal, without figures, first), and a second click reverses."""
    table = "#tabell-fylker-i-dag"
    page, _, _ = visit(browser, site_url + "/fylke/", 1280)
    assert column(page, table, 1) == ["03", "15", "31", "32", "33", "46"]
    page.click(f"{table} thead th:nth-child(2) button")
    names = ["Akershus", "Buskerud", "Møre og Romsdal", "Oslo", "Vestland", "Østfold"]
    assert column(page, table, 2) == names
    assert page.get_attribute(f"{table} thead th:nth-child(2)", "aria-sort") == "ascending"
    page.click(f"{table} thead th:nth-child(2) button")
    assert column(page, table, 2) == names[::-1]
    page.click(f"{table} thead th:nth-child(5) button")
    amounts = column(page, table, 5, "c => c.dataset.value || ''")
    assert amounts == ["", "30000000", "32000000", "70000000", "70000000", "89500000"]
    page.click(f"{table} thead th:nth-child(6) button")  # 2024 kr per teacher FTE: 9 491, 9 577, 9 623, 9 636, 9 813
    assert column(page, table, 2) == ["Møre og Romsdal", "Buskerud", "Akershus", "Oslo", "Østfold", "Vestland"]
    page.close()


def compare_table(page: Any) -> list[list[str]]:
    """The comparison table as text, the header row first, status marks left out (tests/test_compare.py checks them)."""
    rows = page.eval_on_selector_all(
        "#sammenligning table tr", "rs => rs.map(r => [...r.cells].map(c => c.textContent.trim()))"
    )
    return [[re.sub(r"(?<=\d)[be]$", "", cell.replace("\u00a0", " ")) for cell in row] for row in rows]  # no marks


def test_compare_page_keeps_selection_in_url(site_url: str, browser: dict[int, Any]) -> None:
    """Selecting counties draws a chart and a table of the fixture frames (Vestland from 2020 only; 2021 only
    Kompetanseløftet) and puts the selection in a shareable URL."""
    page, errors, _ = visit(browser, site_url + "/sammenlign/?fylker=46,03", 1280)
    page.wait_for_selector("#chart-sammenligning svg.main-svg")
    assert compare_table(page)[1:] == [
        ["2019", "49 618 000", "–"],
        ["2020", "55 000 000", "70 000 000"],
        ["2021", "14 200 000", "5 300 000"],
        ["2023", "57 500 000", "71 500 000"],
        ["2024", "70 000 000", "89 500 000"],
    ]
    assert compare_table(page)[0][1:] == ["Oslo (03)", "Vestland (46)"]
    page.check("input[name=ordning][value=dekomp]")
    assert page.evaluate("location.search") == "?fylker=03,46&ordninger=dekomp"
    assert compare_table(page)[1:] == [
        ["2019", "49 618 000", "–"],
        ["2020", "55 000 000", "70 000 000"],
        ["2023", "57 500 000", "71 500 000"],
        ["2024", "58 000 000", "75 000 000"],
    ]
    shared = page.get_attribute("#del-lenke", "href")
    again, _, _ = visit(browser, site_url + shared, 1280)
    again.wait_for_selector("#chart-sammenligning svg.main-svg")
    assert again.is_checked("input[name=ordning][value=dekomp]") and again.is_checked("input[name=fylke][value='46']")
    again.close()
    assert not errors
    page.close()


def test_search_ranks_a_schemes_page_first_and_keeps_marks_out_of_excerpts(
    site_url: str, browser: dict[int, Any]
) -> None:
    """«dekomp» lists the scheme's page first (its short name weighs more than the county tables that repeat it),
    and no excerpt fuses a status mark into a number («5e fylker»)."""
    page, errors, _ = visit(browser, site_url + "/fylke/", 1280)
    page.fill("#sok input", "dekomp")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "as => as.map(a => a.getAttribute('href'))")
    assert links[0] == "/ordning/dekomp/", links
    excerpts = page.eval_on_selector_all(".pagefind-ui__result-excerpt", "es => es.map(e => e.textContent)")
    assert excerpts and not any(re.search(r"\d[be]\b", text) for text in excerpts), excerpts
    assert not any(text.lstrip().startswith("Merk:") for text in excerpts), excerpts
    assert not errors
    page.close()


def test_search_finds_a_county_from_any_page(site_url: str, browser: dict[int, Any]) -> None:
    """The header search (Pagefind, no server) finds 46 Vestland's page from another page, in Norwegian, and
    a recipient name with æøå (Øygarden kommune) leads there too."""
    page, errors, _ = visit(browser, site_url + "/ordning/", 1280)
    page.fill("#sok input", "Vestland")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "as => as.map(a => a.getAttribute('href'))")
    assert any(link.startswith("/fylke/46-vestland/") for link in links), links
    assert not any(link.startswith("/fylke/15-") for link in links), links  # 15 has no page
    assert "treff for" in page.inner_text(".pagefind-ui__message")
    page.fill("#sok input", "Øygarden")
    page.wait_for_function(
        "() => document.querySelector('.pagefind-ui__message')?.textContent.includes('Øygarden')", timeout=15000
    )
    # the message is written before the results' pages are fetched: wait for the result links themselves
    page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
    links = page.eval_on_selector_all(".pagefind-ui__result-link", "as => as.map(a => a.getAttribute('href'))")
    assert any(link.startswith("/fylke/46-vestland/") for link in links), links
    assert not errors
    page.close()
