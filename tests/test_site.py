"""The built site as a reader and a screen reader see it: valid structure, escaped data, sources, links."""

from __future__ import annotations

import re
from pathlib import Path

import html5lib

from builder.build import build
from builder.publish.checks import broken_links
from tests.conftest import fast_config

NS = {"h": "http://www.w3.org/1999/xhtml"}
# The fixture's counties with allocations (15 Møre og Romsdal has none, so no page), schemes and years with data.
COUNTIES = [
    "01-ostfold",
    "02-akershus",
    "03-oslo",
    "06-buskerud",
    "12-hordaland",
    "14-sogn-og-fjordane",
    "30-viken",
    "31-ostfold",
    "32-akershus",
    "33-buskerud",
    "46-vestland",
]
SCHEMES = ["dekomp", "kompetanseloftet", "rekomp"]
YEARS = ["2019", "2020", "2021", "2023", "2024"]
FIXED = ["/", "/fylke/", "/ordning/", "/ar/", "/sammenlign/", "/status/", "/redaksjon/kortkoder/", "/data/"]
# The fixture's three budget posts (bevilgninger.csv) and its nine embeter (statsforvaltere.csv).
POSTS = ["226-21", "226-22", "231-21"]
EMBETER = [
    "buskerud",
    "hordaland",
    "more-romsdal",
    "obo-akershus",
    "oslo-akershus",
    "oslo-viken",
    "ostfold",
    "sogn-fjordane",
    "vestland",
]
# The five recipients of tildelinger.csv lines 27–31: by org.nr., else by name and hash (tests/test_recipients.py).
RECIPIENTS = ["958935420", "964338531", "917641404", "oygarden-kommune-1aa2c4", "ardal-kommune-d6c067"]
# Every page of the fixture site, as a path (README of tests/fixtures): 47 with the 404 page.
FIXTURE_PAGES = sorted(
    [*FIXED, "/data/ordbok/", "/data/dekning/", "/om/", "/404.html", "/status/2024/", "/testdata/"]
    + ["/om/personvern/", "/om/tilgjengelighet/"]
    + [f"/fylke/{c}/" for c in COUNTIES]
    + [f"/ordning/{s}/" for s in SCHEMES]
    + [f"/ar/{y}/" for y in YEARS]
    + ["/budsjett/", *(f"/budsjett/{p}/" for p in POSTS)]
    + ["/statsforvalter/", *(f"/statsforvalter/{e}/" for e in EMBETER)]
    + ["/mottaker/", *(f"/mottaker/{r}/" for r in RECIPIENTS)]
)


# Earlier addresses of the scheme pages (their slugs repeated the id), kept as redirect pages.
MOVED = [f"/ordning/{s}-{s}/" for s in SCHEMES]
# Every page again in nynorsk under /nn/, redirect pages too.
NYNORSK = ["/nn" + p for p in FIXTURE_PAGES + MOVED]
ALL_PAGES = sorted(FIXTURE_PAGES + MOVED + NYNORSK)


def test_earlier_scheme_addresses_send_readers_on(built_site: Path) -> None:
    """/ordning/dekomp-dekomp/ refreshes at once to /ordning/dekomp/, names it, points its canonical link there, is
    not indexed (robots, search) and is not in the sitemap; the nginx rule file says the same."""
    for scheme in SCHEMES:
        old = built_site / "ordning" / f"{scheme}-{scheme}" / "index.html"
        tree = parse(old)
        metas = {m.get("http-equiv") or m.get("name"): m.get("content") for m in tree.iterfind(".//h:meta", NS)}
        assert metas["refresh"] == f"0; url=/ordning/{scheme}/"
        assert metas["robots"] == "noindex"
        canonical = [link.get("href") for link in tree.iterfind(".//h:link", NS) if link.get("rel") == "canonical"]
        assert canonical == [f"https://kompetanseinnsyn.no/ordning/{scheme}/"]
        links = [a.get("href") for a in tree.find(".//h:main", NS).iterfind(".//h:a", NS)]
        assert links == [f"/ordning/{scheme}/"]
        assert "data-pagefind-body" not in old.read_text("utf-8")
    sitemap = (built_site / "sitemap.xml").read_text("utf-8")
    assert "/ordning/dekomp/" in sitemap and "dekomp-dekomp" not in sitemap
    rules = (built_site / "redirects.nginx.conf").read_text("utf-8").splitlines()[1:]
    expected = []
    for old, new in sorted(
        (f"{lang}/ordning/{s}-{s}/", f"{lang}/ordning/{s}/") for s in SCHEMES for lang in ("", "/nn")
    ):
        expected += [f"location = {old} {{ return 301 {new}; }}", f"location = {old}index.html {{ return 301 {new}; }}"]
        if not old.startswith("/nn/"):  # the nynorsk pages link the bokmål downloads
            expected.append(f"location ^~ /data{old} {{ rewrite ^/data{old}(.*)$ /data{new}$1 permanent; }}")
    assert rules == expected


def parse(path: Path):  # type: ignore[no-untyped-def]
    """An html5lib tree, namespace-qualified."""
    return html5lib.parse(path.read_bytes(), namespaceHTMLElements=True)


def pages(root: Path) -> list[Path]:
    """Every HTML page of a site."""
    return sorted(root.rglob("*.html"))


def page_path(root: Path, page: Path) -> str:
    """The URL path of a built HTML file."""
    rel = page.relative_to(root).as_posix()
    return "/" + rel.removesuffix("index.html") if rel.endswith("index.html") else "/" + rel


def test_page_set(built_site: Path) -> None:
    """Exactly the fixture's pages: a county page per county with data (none for 15), each scheme and year with
    data (no 2018, 2022 or 2025), the status and plain content pages, the fixed pages and 404."""
    root = built_site.resolve()
    assert sorted(p.parent.name for p in (root / "fylke").glob("*/index.html")) == COUNTIES
    assert sorted(page_path(root, p) for p in pages(root)) == ALL_PAGES
    for rel in ("sitemap.xml", "robots.txt", "feed.xml"):
        assert (root / rel).is_file(), rel


def test_every_page_is_norwegian_with_title_and_canonical(built_site: Path) -> None:
    """lang=nb (nn under /nn/), a meaningful title, description, canonical URL and Open Graph tags on every page."""
    for page in pages(built_site):
        tree = parse(page)
        assert tree.get("lang") == ("nn" if page_path(built_site, page).startswith("/nn/") else "nb"), page
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
    assert count > len(FIXTURE_PAGES)
    for path in [f"fylke/{c}" for c in COUNTIES] + [f"ordning/{s}" for s in SCHEMES] + [f"ar/{y}" for y in YEARS]:
        assert parse(built_site / path / "index.html").find(".//h:table", NS) is not None, path


def test_tables_name_their_sources(built_site: Path) -> None:
    """Every data table is followed by a Kilde line linking to the source list."""
    text = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    blocks = re.findall(r'<div class="table-block".*?</div>\s*(?:<p class="source">(.*?)</p>)?', text, re.S)
    assert blocks and all(source for source in blocks)
    for source in ("eksempeldata", "sf-vestland-kl-2021", "beregning-nokkel", "ssb-klass-104-endringer"):
        assert f'href="/om/#kilde-{source}"' in text, source


def test_status_notice_and_marks(built_site: Path) -> None:
    """Pages with example or derived figures say so above the first table and mark the cells: Vestland has
    eksempel frames and a beregnet 2019 comparable figure (12 + 14)."""
    for county in COUNTIES:
        text = (built_site / "fylke" / county / "index.html").read_text("utf-8")
        assert text.index("Siden viser eksempeldata") < text.index("<table"), county
    text = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    assert 'class="mark mark-e"' in text and 'class="mark mark-b"' in text


def test_norwegian_number_format(built_site: Path) -> None:
    """Amounts use no-break spaces for grouping: Vestland's 2024 total and its 2019 comparable Dekomp figure (12 and
    14 Dekomp 2019 in the fixture: 51 031 000 + 13 603 000; Rekomp is a row of its own, never added in)."""
    text = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    assert re.search(r">\d{1,3}(\u00a0\d{3})+<", text)
    assert (
        ">89\u00a0500\u00a0000<" in text and ">64\u00a0634\u00a0000<" in text and ">84\u00a0314\u00a0000<" not in text
    )


def test_reform_links_both_ways(built_site: Path) -> None:
    """Viken links to its 2024 successors, and Østfold (31) links back to Viken and to 01 Østfold."""
    viken = (built_site / "fylke" / "30-viken" / "index.html").read_text("utf-8")
    for successor in ("/fylke/31-ostfold/", "/fylke/32-akershus/", "/fylke/33-buskerud/"):
        assert f'href="{successor}"' in viken
    ostfold = (built_site / "fylke" / "31-ostfold" / "index.html").read_text("utf-8")
    assert 'href="/fylke/30-viken/"' in ostfold and 'href="/fylke/01-ostfold/"' in ostfold
    assert "(utgått)" in viken
    vestland = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    assert 'href="/fylke/12-hordaland/"' in vestland and 'href="/fylke/14-sogn-og-fjordane/"' in vestland
    sogn = (built_site / "fylke" / "14-sogn-og-fjordane" / "index.html").read_text("utf-8")
    assert 'href="/fylke/46-vestland/"' in sogn and 'href="/fylke/15-' not in sogn  # 15 has no page


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
                if tag == "link" and (el.get("rel") == "canonical" or el.get("hreflang")):  # not fetched
                    continue
                assert not re.match(r"^(https?:)?//", value), (page, tag, value)


def test_no_livereload_in_build(built_site: Path) -> None:
    """The preview's livereload script never reaches the built site."""
    assert not any("livereload" in p.read_text("utf-8", errors="ignore") for p in built_site.rglob("*.html"))


HOSTILE = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'


def replace_line(path: Path, number: int, old: str, new: str) -> None:
    """Replace the first `old` in one physical line (1-based) of a data file."""
    rows = path.read_text("utf-8").split("\n")
    assert old in rows[number - 1], rows[number - 1]
    rows[number - 1] = rows[number - 1].replace(old, new, 1)
    path.write_text("\n".join(rows), "utf-8")


def test_hostile_names_are_escaped(tmp_path: Path, data_dir: Path) -> None:
    """Script tags and attribute breakers in data show as text and never become elements."""
    quoted = '"' + HOSTILE.replace('"', '""') + '"'
    # 2024 dekomp 46 Høgskulen på Vestlandet: the recipient (line 29) and its report (line 23)
    replace_line(data_dir / "tildelinger.csv", 29, "Høgskulen på Vestlandet", quoted)
    replace_line(data_dir / "rapportering.csv", 23, ",Høgskulen på Vestlandet,", "," + quoted + ",")
    out = tmp_path / "site"
    build(fast_config(data_dir=data_dir, out_dir=out, report_path=tmp_path / "r.json"))
    page = out / "fylke" / "46-vestland" / "index.html"
    text = page.read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    tree = parse(page)
    assert not [s for s in tree.iterfind(".//h:script", NS) if "alert" in (s.text or "")]
    assert not [i for i in tree.iterfind(".//h:img", NS) if i.get("onerror")]


def test_recipients_in_norwegian_order(built_site: Path) -> None:
    """Vestland's 2024 recipients are listed in Norwegian order: Øygarden before Årdal (P-11)."""
    text = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    table = text[text.index("tilsagn til mottakere</caption>") :].split("</table>")[0]
    names = re.findall(r"Bergen kommune|Høgskulen på Vestlandet|Øygarden kommune|Årdal kommune", table)
    assert names == ["Bergen kommune", "Høgskulen på Vestlandet", "Øygarden kommune", "Årdal kommune"]
