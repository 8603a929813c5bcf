"""The built site as a reader and a screen reader see it: valid structure, escaped data, sources, links."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib
import pytest

from builder.build import build
from builder.config import load_config
from builder.publish.checks import broken_links
from tests.conftest import unreleased
from tests.test_bad_inputs import lines, set_line

NS = {"h": "http://www.w3.org/1999/xhtml"}


def parse(path: Path):  # type: ignore[no-untyped-def]
    """An html5lib tree, namespace-qualified."""
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=True)


def pages(root: Path) -> list[Path]:
    """Every HTML page of a site."""
    return sorted(root.rglob("*.html"))


def test_page_set(built_site: Path) -> None:
    """Home, the county list, a page per county with data (today's 15 and the expired ones), about and 404."""
    counties = sorted(p.parent.name for p in (built_site / "fylke").glob("*/index.html"))
    assert len(counties) == 31
    assert {"46-vestland", "30-viken", "31-ostfold", "01-ostfold", "55-troms"} <= set(counties)
    for rel in ("index.html", "fylke/index.html", "om/index.html", "404.html", "sitemap.xml", "robots.txt"):
        assert (built_site / rel).is_file(), rel


def test_every_page_is_norwegian_with_title_and_canonical(built_site: Path) -> None:
    """lang=nb, a meaningful title, description, canonical URL and Open Graph tags on every page."""
    for page in pages(built_site):
        tree = parse(page)
        assert tree.get("lang") == "nb"
        title = tree.find(".//h:title", NS).text
        assert title and "Kompetanseinnsyn" in title
        metas = {m.get("name") or m.get("property"): m.get("content") for m in tree.iterfind(".//h:meta", NS)}
        assert metas["description"] and metas["og:title"]
        canonical = [link for link in tree.iterfind(".//h:link", NS) if link.get("rel") == "canonical"]
        assert canonical and canonical[0].get("href").startswith("https://")


def test_tables_are_accessible(built_site: Path) -> None:
    """Every table has a caption, scoped headers, and numbers right-aligned."""
    count = 0
    for page in pages(built_site):
        for table in parse(page).iterfind(".//h:table", NS):
            count += 1
            assert (table.find("h:caption", NS).text or "").strip()
            heads = table.findall(".//h:thead//h:th", NS)
            assert heads and all(th.get("scope") == "col" for th in heads)
            for th in table.findall(".//h:tbody//h:th", NS):
                assert th.get("scope") == "row"
    assert count > 100


def test_tables_name_their_sources(built_site: Path) -> None:
    """Every data table is followed by a Kilde line linking to the source list."""
    text = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    blocks = re.findall(r'<div class="table-block".*?</div>\s*(?:<p class="source">(.*?)</p>)?', text, re.S)
    assert blocks and all(source for source in blocks)
    assert 'href="/om/#kilde-eksempeldata"' in text


def test_status_notice_and_marks(built_site: Path) -> None:
    """Pages with example or derived figures say so above the first table and mark the cells."""
    text = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    assert text.index("Siden viser eksempeldata") < text.index("<table")
    assert 'class="mark mark-e"' in text and 'class="mark mark-b"' in text


def test_norwegian_number_format(built_site: Path) -> None:
    """Amounts use no-break spaces for grouping."""
    text = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    assert re.search(r">\d{1,3}(\u00a0\d{3})+<", text)


def test_reform_links_both_ways(built_site: Path) -> None:
    """Viken links to its 2024 successors, and Østfold (31) links back to Viken and to 01 Østfold."""
    viken = (built_site / "fylke" / "30-viken" / "index.html").read_text("utf-8")
    for successor in ("/fylke/31-ostfold/", "/fylke/32-akershus/", "/fylke/33-buskerud/"):
        assert f'href="{successor}"' in viken
    ostfold = (built_site / "fylke" / "31-ostfold" / "index.html").read_text("utf-8")
    assert 'href="/fylke/30-viken/"' in ostfold and 'href="/fylke/01-ostfold/"' in ostfold
    assert "(utgått)" in viken


def test_internal_links_resolve(built_site: Path) -> None:
    """No broken internal link or fragment anywhere."""
    assert broken_links(built_site) == []


def test_no_external_requests_in_markup(built_site: Path) -> None:
    """Scripts, styles, icons and images come from the site itself (S-9)."""
    for page in pages(built_site):
        tree = parse(page)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for el in tree.iterfind(f".//h:{tag}", NS):
                value = el.get(attr) or ""
                if tag == "link" and el.get("rel") == "canonical":
                    continue
                assert not re.match(r"^(https?:)?//", value), (page, tag, value)


def test_no_livereload_in_build(built_site: Path) -> None:
    """The preview's livereload script never reaches the built site."""
    assert not any("livereload" in p.read_text("utf-8", errors="ignore") for p in built_site.rglob("*.html"))


HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


@pytest.mark.slow
def test_hostile_names_are_escaped(tmp_path: Path, data_dir: Path) -> None:
    """Script tags and attribute breakers in data show as text and never become elements."""
    rows = lines(data_dir / "tildelinger.csv")
    number = next(i for i, line in enumerate(rows) if line.startswith("2026,dekomp,46") and "Vestlandet" in line)
    set_line(
        data_dir,
        "tildelinger.csv",
        number + 1,
        rows[number].replace("Høgskulen på Vestlandet", '"' + HOSTILE.replace('"', '""') + '"'),
    )
    report = lines(data_dir / "rapportering.csv")
    r = next(i for i, line in enumerate(report) if line.startswith("2026,dekomp,46") and "Vestlandet" in line)
    set_line(
        data_dir,
        "rapportering.csv",
        r + 1,
        report[r].replace(",Høgskulen på Vestlandet,", ',"' + HOSTILE.replace('"', '""') + '",', 1),
    )
    out = tmp_path / "site"
    build(load_config(data_dir=unreleased(data_dir), out_dir=out, report_path=tmp_path / "r.json"))
    page = out / "fylke" / "46-vestland" / "index.html"
    text = page.read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    tree = parse(page)
    assert not [s for s in tree.iterfind(".//h:script", NS) if "alert" in (s.text or "")]
    assert not [i for i in tree.iterfind(".//h:img", NS) if i.get("onerror")]
