"""Who stands behind the site: the footer on every page, the privacy and accessibility statements, and the feed."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from typing import Any, cast

import pytest

from builder.config import A11Y_RESULTS
from builder.errors import BuildError
from builder.model.pages.statements import read_results
from builder.model.site import Site
from builder.render.feeds import feed
from tests import a11y_results
from tests.test_site import pages

ATOM = "{http://www.w3.org/2005/Atom}"
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli")
MONTHS += ("august", "september", "oktober", "november", "desember")
CONTACT = "https://www.udir.no/om-udir/kontakt-oss/"


def words(html: str) -> str:
    """The visible text of some HTML, with every kind of space as one plain space."""
    text = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def part(html: str, tag: str) -> str:
    """The first <tag>…</tag> of a page."""
    return html[html.index(f"<{tag}") : html.index(f"</{tag}>")]


def test_every_page_has_the_footer_and_the_feed(built_site: Path) -> None:
    """Publisher with org.nr., contact, licence, privacy, accessibility and the feed on every page, and the feed in
    every page head."""
    checked = 0
    for page in pages(built_site):
        if page.relative_to(built_site).as_posix().startswith("nn/"):
            continue  # the nynorsk twins: tests/test_nynorsk_site.py
        html = page.read_text("utf-8")
        footer = part(html, "footer")
        text = words(footer)
        assert "Utgitt av Utdanningsdirektoratet (org.nr. 970 018 131)" in text, page
        assert 'href="mailto:postmottak@udir.no"' in footer and f'href="{CONTACT}"' in footer, page
        assert "lisens NLOD-2.0" in text, page
        for href in ("/om/personvern/", "/om/tilgjengelighet/", "/feed.xml"):
            assert f'href="{href}"' in footer, (page, href)
        assert '<link rel="alternate" type="application/atom+xml" href="/feed.xml"' in part(html, "head"), page
        checked += 1
    assert checked > 40


def test_data_page_and_about_link_the_feed_and_the_statement(built_site: Path) -> None:
    """/data/ offers the feed next to the change log; /om/ sums up and links the accessibility statement."""
    data = part((built_site / "data" / "index.html").read_text("utf-8"), "main")
    log = data[data.index('id="h-endringslogg"') :]
    assert re.search(r'<a href="/feed.xml" type="application/atom\+xml">Abonner', log)
    about = part((built_site / "om" / "index.html").read_text("utf-8"), "main")
    section = about[about.index('id="tilgjengelighet"') :]
    assert 'href="/om/tilgjengelighet/"' in section and "WCAG 2.1" in words(section)


def test_privacy_statement_says_what_the_site_does(built_site: Path) -> None:
    """No cookies, no tracking, no third-party requests, what the server logs, the contact; in bokmål."""
    html = (built_site / "om" / "personvern" / "index.html").read_text("utf-8")
    text = words(part(html, "main"))
    assert text.startswith("Personvernerklæring Utdanningsdirektoratet er ansvarlig for Kompetanseinnsyn.")
    for claim in (
        "ingen informasjonskapsler (cookies)",
        "ingen analyseverktøy, ingen besøksstatistikk, ingen sporing",
        "henter ingenting fra andre nettsteder",
        "Serverlogger",
        "IP-adressen til nettleseren din",
        "Datatilsynet",
    ):
        assert claim in text, claim
    assert 'href="mailto:postmottak@udir.no"' in part(html, "main")


def test_privacy_claims_hold_for_the_built_pages(built_site: Path) -> None:
    """What the statement promises: no page loads anything from another host, and the script sets no cookie."""
    loads = re.compile(r"<(?:script|img|iframe|source|video|audio)\b[^>]*?\bsrc=\"([^\"]+)\"")
    styles = re.compile(r"<link rel=\"(?:stylesheet|icon|preload|modulepreload)\"[^>]*?\bhref=\"([^\"]+)\"")
    for page in pages(built_site):
        html = page.read_text("utf-8")
        for url in loads.findall(html) + styles.findall(html):
            assert url.startswith("/") and not url.startswith("//"), (page, url)
    for css in (built_site / "assets").rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text("utf-8")), css
    script = next((built_site / "assets").glob("site.*.js")).read_text("utf-8")
    assert "cookie" not in script and "localStorage" not in script and "sessionStorage" not in script


def test_accessibility_statement_shows_the_committed_results(built_site: Path) -> None:
    """The page states each tool's pages and findings and the run's date exactly as the results file has them."""
    raw = json.loads(A11Y_RESULTS.read_text("utf-8"))
    html = (built_site / "om" / "tilgjengelighet" / "index.html").read_text("utf-8")
    main = part(html, "main")
    latest = max(raw[tool]["dato"] for tool in ("axe", "htmlcs", "nu"))
    year, month, day = (int(x) for x in latest.split("-"))
    assert f"sist kjørt {day}. {MONTHS[month - 1]} {year}." in words(main)
    chromium = {"axe": " i Chromium", "htmlcs": " i Chromium, slik pa11y kjører verktøyet", "nu": ""}
    for tool, name in (("axe", "axe-core"), ("htmlcs", "HTML_CodeSniffer"), ("nu", "Nu Html Checker")):
        row = re.search(rf'<tr data-tool="{tool}">(.*?)</tr>', main, re.S).group(1)  # type: ignore[union-attr]
        cells = [words(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        assert cells[0] == f"{name} {raw[tool]['versjon']}" + chromium[tool]
        assert cells[3:] == [str(len(raw[tool]["sider"])), str(raw[tool]["funn"])]
    for deviation in raw["avvik"]:
        assert deviation["gjelder"] in words(main)
    assert 'href="https://uustatus.no/"' in main and 'href="mailto:postmottak@udir.no"' in main
    assert "Hva vi ikke har testet" in words(main)


def test_results_file_is_a_real_run() -> None:
    """The committed file holds each tool's run on the test site's pages in both languages (/, /nn/om/ among them)."""
    facts = read_results(A11Y_RESULTS)
    assert [r.tool for r in facts.runs] == ["axe", "htmlcs", "nu"]
    for run in facts.runs:
        assert run.version != "ikke kjørt" and {"/", "/om/", "/om/tilgjengelighet/", "/nn/om/"} <= set(run.pages)


def test_recording_writes_counts_and_keeps_the_deviations(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With INNSYN_A11Y_RESULTS set, a run replaces its tool's section and keeps «avvik»; unset, nothing is written."""
    out = tmp_path / "results.json"
    monkeypatch.delenv(a11y_results.ENV, raising=False)
    a11y_results.record("axe", "1.0", ["wcag2a"], {"/": ["x"]})
    assert not out.exists()
    monkeypatch.setenv(a11y_results.ENV, str(out))
    survey = {"/": {"axe": [("color-contrast", []), ("label", [])]}, "/om/": {"axe": []}}
    a11y_results.record_axe(survey, ["wcag2a", "wcag2aa"])
    data = json.loads(out.read_text("utf-8"))
    assert data["axe"]["funn"] == 2 and data["axe"]["sider"] == ["/", "/om/"]
    assert data["axe"]["funn_per_side"] == {"/": ["color-contrast", "label"]}
    assert data["avvik"] == json.loads(A11Y_RESULTS.read_text("utf-8"))["avvik"]
    data["nu"] = data["htmlcs"] = {**data["axe"], "funn": 0, "funn_per_side": {}}
    out.write_text(json.dumps(data), "utf-8")
    facts = read_results(out)
    assert facts.runs[0].findings == 2 and facts.runs[0].by_page == (("/", ("color-contrast", "label")),)


def test_a_broken_results_file_stops_the_build(tmp_path: Path) -> None:
    """A count that does not match its findings, or a missing tool, is a build error naming the file."""
    raw = json.loads(A11Y_RESULTS.read_text("utf-8"))
    raw["nu"]["funn"] = raw["nu"]["funn"] + 1
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw), "utf-8")
    with pytest.raises(BuildError, match=r"bad\.json"):
        read_results(bad)
    del raw["axe"]
    bad.write_text(json.dumps(raw), "utf-8")
    with pytest.raises(BuildError, match="testresultatene"):
        read_results(bad)


def test_built_feed_is_atom_with_alternates(built_site: Path) -> None:
    """feed.xml parses as Atom: the fixture's status page and its one release, unique ids, rel=alternate links."""
    root = ET.parse(built_site / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    rels = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert rels == {"self": "https://kompetanseinnsyn.no/feed.xml", "alternate": "https://kompetanseinnsyn.no/"}
    entries = root.findall(f"{ATOM}entry")
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    links = [e.find(f"{ATOM}link[@rel='alternate']").get("href") for e in entries]  # type: ignore[union-attr]
    assert len(set(ids)) == len(ids) == 2 and all(i and i.startswith("tag:kompetanseinnsyn.no,") for i in ids)
    assert sorted(links) == [
        "https://kompetanseinnsyn.no/data/#h-endringslogg",
        "https://kompetanseinnsyn.no/status/2024/",
    ]


def _changelog_site(changelog: list[dict[str, Any]]) -> Site:
    """The few fields feed() reads, with a given change log and no status pages."""
    fake = SimpleNamespace(
        pages=(), changelog=tuple(changelog), base_url="https://example.org", build_date="2026-01-01"
    )
    return cast(Site, fake)


def test_feed_ids_are_unique_per_release_and_entry_and_stable() -> None:
    """Three change-log entries, two of them in one release: three ids, and an entry keeps its id when others come."""
    first = {"versjon": "2026.1", "dato": "2026-11-23", "type": "første publisering", "beskrivelse": "A"}
    same_release = {"versjon": "2026.1", "dato": "2026-11-23", "type": "korreksjon", "beskrivelse": "B"}
    later = {"versjon": "2026.2", "dato": "2026-12-02", "type": "oppdatering", "beskrivelse": "A"}

    def ids(changelog: list[dict[str, Any]]) -> list[str]:
        root = ET.fromstring(feed(_changelog_site(changelog)))
        return [str(e.findtext(f"{ATOM}id")) for e in root.findall(f"{ATOM}entry")]

    all_three = ids([first, same_release, later])
    assert len(set(all_three)) == 3
    assert set(ids([first])) < set(all_three)
