"""The nynorsk site under /nn/: every page twinned, linked both ways with hreflang, its links staying in nynorsk,
its downloads the bokmål files, its texts from nn.json (axe and HTML_CodeSniffer on every nynorsk page:
tests/test_browser.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.test_site import FIXTURE_PAGES, page_path, pages

NN = json.loads((Path(__file__).parent.parent / "builder" / "i18n" / "nn.json").read_text("utf-8"))
BASE = "https://kompetanseinnsyn.no"


def test_every_bokmaal_page_has_a_nynorsk_twin_and_both_point_at_each_other(built_site: Path) -> None:
    """/fylke/46-vestland/ ↔ /nn/fylke/46-vestland/: lang, hreflang nb/nn/x-default and the visible switch."""
    for path in FIXTURE_PAGES:
        rel = path.lstrip("/") if path.endswith(".html") else path.lstrip("/") + "index.html"
        bokmaal = (built_site / rel).read_text("utf-8")
        nynorsk = (built_site / "nn" / rel).read_text("utf-8")
        assert '<html lang="nb">' in bokmaal and '<html lang="nn">' in nynorsk, path
        for html in (bokmaal, nynorsk):
            assert f'hreflang="nb" href="{BASE}{path}"' in html, path
            assert f'hreflang="nn" href="{BASE}/nn{path}"' in html, path
            assert f'hreflang="x-default" href="{BASE}{path}"' in html, path
        assert f'<a href="/nn{path}" hreflang="nn" lang="nn">Nynorsk</a>' in bokmaal, path
        assert f'<a href="{path}" hreflang="nb" lang="nb">Bokmål</a>' in nynorsk, path


def test_nynorsk_pages_link_nynorsk_pages_and_the_bokmaal_downloads(built_site: Path) -> None:
    """Every internal page link on a nynorsk page stays under /nn/ (the language switch aside); downloads and
    assets are the one set of files the bokmål pages link."""
    nynorsk = [p for p in pages(built_site) if page_path(built_site, p).startswith("/nn/")]
    assert len(nynorsk) >= len(FIXTURE_PAGES)
    for page in nynorsk:
        html = page.read_text("utf-8")
        body = html[html.index("<body") :]
        for href in re.findall(r'href="(/[^"#]*)', body):
            if href.startswith(("/nn/", "/data/", "/assets/", "/feed.xml", "/pagefind/")):
                continue
            assert re.search(rf'<a href="{re.escape(href)}" hreflang="nb"', body), (page, href)
        for href in re.findall(r'href="(/data/[^"]+\.(?:csv|xlsx|json))"', body):
            assert (built_site / href.lstrip("/")).is_file(), (page, href)
    assert not (built_site / "data" / "nn").exists()


def test_nynorsk_texts_come_from_the_nynorsk_catalogue(built_site: Path) -> None:
    """The menu, the skip link and the footer's privacy link read in nynorsk; a status page without a nynorsk
    twin keeps its bokmål text, marked lang=nb, with a note in nynorsk."""
    html = (built_site / "nn" / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    for key in ("a11y.skip", "nav.counties", "nav.schemes"):
        assert NN[key] in html, key
    assert (
        'class="language-note"' not in html
        and '<main id="hovedinnhold" class="wrap" tabindex="-1" data-pagefind-body>' in html
    )
    status = (built_site / "nn" / "status" / "2024" / "index.html").read_text("utf-8")
    assert '<main id="hovedinnhold" class="wrap" tabindex="-1" lang="nb"' in status
    assert f'<p class="language-note" lang="nn">{NN["lang.text_only_nb"]}</p>' in status
