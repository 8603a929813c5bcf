"""Editorial Markdown: live figures from the data, hostile Markdown inert or rejected, clear errors with lines."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import html5lib
import pytest
from click.testing import CliRunner

from builder.build import build
from builder.cli import main
from builder.errors import BuildError, Exit
from builder.render.fmt import nok
from tests.conftest import FIXTURE_DATA, ROOT, fast_config


def site_with(tmp_path: Path, pages: dict[str, str], drafts: bool = False) -> Path:
    """Build the fixture data with the given content files (relative to content/)."""
    content = tmp_path / "content"
    for rel, text in pages.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, "utf-8")
    out = tmp_path / "site"
    config = fast_config(data_dir=FIXTURE_DATA, content_dir=content, out_dir=out, report_path=tmp_path / "r.json")
    build(replace(config, drafts=drafts))
    return out


def failure(tmp_path: Path, pages: dict[str, str]) -> str:
    """The error message of a build that must fail on content."""
    with pytest.raises(BuildError) as info:
        site_with(tmp_path, pages)
    assert info.value.code == Exit.DATA
    return info.value.message


def without_marks(html: str) -> str:
    """A page's HTML without the status marks after shortcode numbers."""
    return re.sub(r'<span class="status-mark"[^>]*><abbr[^>]*>\w</abbr></span>', "", html)


def page(title: str, body: str, extra: str = "") -> str:
    """A Markdown file with front matter."""
    return f"---\ntitle: {title}\n{extra}---\n{body}\n"


def test_fixture_status_page_has_live_figures(built_site: Path) -> None:
    """The fixture's 2024 status page shows the fixture's figures (tests/fixtures/README.md), a figure with its
    table, and the key-figure box. Every number rests on eksempel frames, so each carries its mark."""
    marked = (built_site / "status" / "2024" / "index.html").read_text("utf-8")
    assert f'{nok(291_500_000)}<span class="status-mark" data-status="eksempel" data-pagefind-ignore>' in marked
    text = without_marks(marked)
    assert f"fordelt {nok(291_500_000)} gjennom" in text and "+12,1\u00a0% sammenlignet med 2023" in text
    assert f"Dekomp fikk {nok(265_000_000)}," in text and f"Vestland fikk {nok(89_500_000)} i alt." in text
    assert "rammen per fylke i 5 fylker." in text and "50\u00a0% av rapportene kom inn" in text
    assert "Nøkkeltall" in text and 'id="chart-innhold-1"' in text and 'id="tabell-innhold-1"' in text
    index = (built_site / "status" / "index.html").read_text("utf-8")
    assert 'href="/status/2024/"' in index


def test_new_status_page_with_shortcodes(tmp_path: Path) -> None:
    """A status page written with shortcodes gets correct numbers, figures and tables."""
    body = (
        'Dekomp fikk {{< tall "sum" ordning="dekomp" år=2024 >}} ({{< tall "endring" ordning="dekomp" år=2024 >}}).'
        '\n\n{{< tabell "per_fylke" ordning="rekomp" år=2024 >}}\n\nI {{< tall "fylker" år=2024 >}} fylker.'
    )
    out = site_with(tmp_path, {"status/2024.md": page("Status 2024", body, "date: 2025-03-01\n")})
    text = without_marks((out / "status" / "2024" / "index.html").read_text("utf-8"))
    assert f"Dekomp fikk {nok(265_000_000)} (+1,9\u00a0%)" in text
    assert "I 5 fylker." in text  # 03, 31, 32, 33 and 46 have money in 2024
    assert text.count("<table") == 2 and (out / "data" / "status" / "2024" / "innhold-1.csv").is_file()


def test_hostile_markdown_is_inert(tmp_path: Path) -> None:
    """Raw HTML shows as text, javascript: links are not links, heading ids get a prefix."""
    body = (
        '# Tittel\n\n<script>alert(1)</script>\n\n<iframe src="https://evil.example"></iframe>\n\n'
        "<img src=x onerror=alert(1)>\n\n[klikk](javascript:alert(1)) og <style>p{}</style>\n\n## Del to"
    )
    out = site_with(tmp_path, {"om-ordningene.md": page("Om ordningene", body)})
    text = (out / "om-ordningene" / "index.html").read_text("utf-8")
    main_part = text[text.index("<main") : text.index("</main>")]
    tree = html5lib.parse(main_part, namespaceHTMLElements=False)
    assert not [e for e in tree.iter() if e.tag in ("script", "iframe", "style", "img")]
    assert not [e for e in tree.iter() for a in e.attrib if a.startswith("on")]
    assert not [e for e in tree.iter("a") if "javascript" in (e.get("href") or "")]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in main_part
    assert 'id="h-del-to"' in main_part


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ({"a.md": "---\ndescription: x\n---\nTekst\n"}, "FEIL [M-FRONTMATTER] content/a.md linje 1: mangler «title»."),
        ({"a.md": page("A", "x", "date: 2025-13-45\n")}, "content/a.md linje 3: ugyldig dato «2025-13-45»"),
        (
            {"a.md": page("A", "Tekst\n\n![bilde](https://cdn.example/x.png)")},
            "FEIL [S-EXTERNAL] content/a.md linje 6: eksterne bilder er ikke tillatt (personvern)",
        ),
        (
            {"a.md": page("A", 'Linje\n{{< tall "snitt" år=2024 >}}')},
            'content/a.md linje 5: ukjent kortkode tall "snitt"',
        ),
        ({"a.md": page("A", '{{< tall "sum" år=2030 >}}')}, 'content/a.md linje 4: tall "sum": ingen data'),
        ({"a.md": page("A", '{{< tall "sum" år=2022 >}}')}, 'content/a.md linje 4: tall "sum": ingen data'),
        ({"a.md": page("A", '{{< figur "per_fylke" ordning="finnes" år=2024 >}}')}, "ukjent ordning «finnes»"),
        ({"a.md": page("A", '{{< figur "per_fylke" >}}')}, "mangler «år»"),
        ({"a.md": page("A", '{{< tall "sum" år=2024 farge=rød >}}')}, "ukjent parameter «farge»"),
        ({"a.md": page("A", "Se {{< tall sum >}}")}, "kortkoden er ikke skrevet riktig"),
    ],
)
def test_content_errors_name_file_and_line(tmp_path: Path, pages: dict[str, str], expected: str) -> None:
    """Bad front matter, external images and wrong shortcodes stop the build with file and line."""
    assert expected in failure(tmp_path, pages)


def test_drafts_only_with_flag(tmp_path: Path) -> None:
    """draft: true is built only with --drafts (and by serve), never published otherwise."""
    pages = {"status/2024.md": page("Utkast 2024", "Tekst", "draft: true\n")}
    out = site_with(tmp_path / "a", pages)
    assert not (out / "status" / "2024").exists()
    out = site_with(tmp_path / "b", pages, drafts=True)
    assert "Utkast – publiseres ikke." in (out / "status" / "2024" / "index.html").read_text("utf-8")


def test_new_status_command_scaffolds_a_buildable_page(tmp_path: Path) -> None:
    """`innsyn new status 2024` writes a page whose shortcodes are filled in for that year and build."""
    content = tmp_path / "content"
    result = CliRunner().invoke(main, ["new", "status", "2024", "--content", str(content)])
    assert result.exit_code == 0, result.output
    text = (content / "status" / "2024.md").read_text("utf-8")
    assert "år=2024" in text and "draft: true" in text
    again = CliRunner().invoke(main, ["new", "status", "2024", "--content", str(content)])
    assert again.exit_code == 2
    out = tmp_path / "site"
    config = fast_config(data_dir=FIXTURE_DATA, content_dir=content, out_dir=out, report_path=tmp_path / "r.json")
    build(replace(config, drafts=True))
    assert "innhold-1" in (out / "status" / "2024" / "index.html").read_text("utf-8")


def test_feed_and_shortcode_reference(built_site: Path) -> None:
    """The Atom feed lists status pages and releases; editors get a page listing every shortcode."""
    feed = ET.fromstring((built_site / "feed.xml").read_bytes())
    titles = [e.findtext("{http://www.w3.org/2005/Atom}title") for e in feed.iter("{http://www.w3.org/2005/Atom}entry")]
    assert "Status for lokal kompetanseutvikling 2024 (testdata)" in titles and any("9999.1" in t for t in titles)
    reference = (built_site / "redaksjon" / "kortkoder" / "index.html").read_text("utf-8")
    for code in ("tall &#34;sum&#34;", "figur &#34;per_fylke&#34;", "tabell &#34;per_fylke&#34;"):
        assert code in reference or code.replace("&#34;", "&quot;") in reference


def test_content_dir_in_repo_builds_clean() -> None:
    """The bundled content has no drafts left and its status pages name their year."""
    for path in (ROOT / "content" / "status").glob("*.md"):
        assert re.fullmatch(r"\d{4}\.md", path.name)
        assert "draft: true" not in path.read_text("utf-8")
