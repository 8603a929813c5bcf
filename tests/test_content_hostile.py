"""Hostile and broken content files: YAML bombs, bidi and control characters, links out of content/, FIFOs,
BOM, CRLF and non-UTF-8 files, wrong types, templates and clashing addresses, shortcodes inside code, and
formula-like scheme names in every CSV and XLSX download."""

from __future__ import annotations

import csv
import io
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.build import build
from builder.cli import main
from builder.load.formula import FORMULA_TRIGGERS
from builder.model.content import ContentError, Source, _split, read_sources
from builder.model.datasets import Dataset, Release
from builder.model.editorial import body_blocks
from builder.model.tables import Column, table
from builder.render.bulk import dataset_csv
from builder.render.downloads import csv_bytes, xlsx_bytes
from tests.conftest import FIXTURE_DATA, fast_config, unreleased

RELEASE = Release("2026.1", "2026-11-23", "NLOD-2.0", "https://example.no")


def read(tmp_path: Path, files: dict[str, str | bytes]) -> tuple[list[Source], list[str]]:
    """Write files under tmp_path/content and read them back: the sources and the error lines."""
    for rel, text in files.items():
        path = tmp_path / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    (tmp_path / "content").mkdir(exist_ok=True)
    errors: list[ContentError] = []
    sources = read_sources(tmp_path / "content", tmp_path, errors)
    return sources, [e.human() for e in errors]


def front(lines: str, body: str = "Tekst") -> str:
    """A Markdown file with the given front matter lines."""
    return f"---\n{lines}---\n{body}\n"


def billion_laughs() -> str:
    """Nine levels of nine aliases each: 9^9 strings if anything ever built it."""
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{','.join(['*' + prev] * 9)}]\n")
    return front("".join(lines) + "title: *i\n")


def test_yaml_alias_bomb_is_refused_before_anything_is_built(tmp_path: Path) -> None:
    """Anchors and aliases are refused from the parse events, with file and line (no MemoryError)."""
    sources, errors = read(tmp_path, {"bomb.md": billion_laughs()})
    assert not sources
    assert (
        errors[0] == "FEIL [M-FRONTMATTER] content/bomb.md linje 2: YAML-anker («&a») er ikke tillatt i front matter."
    )
    assert "FEIL [M-FRONTMATTER] content/bomb.md linje 11: YAML-alias («*i») er ikke tillatt i front matter." in errors


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("title: &t Tittel\ndescription: *t\n", "linje 2: YAML-anker («&t»)"),
        ("title: [a, b]\n", "linje 2: bare enkle verdier (tekst, dato, true/false) er tillatt"),
        ("title: " + "[" * 5000 + "]" * 5000 + "\n", "linje 1: front matter er for lang (10007 tegn; høyst 10000)."),
        ("title: " + "[" * 3000 + "]" * 3000 + "\n", "linje 2: bare enkle verdier"),
        ("title: A\ntitle: B\n", "linje 3: feltet «title» står to ganger (også på linje 2)."),
        ("title: A\nfarge: rød\n", "linje 3: ukjent felt «farge»"),
        ("title: A\ndescription: 1" + "0" * 5000 + "\n", "linje 3: «description» kan ikke leses"),
        ("title: A\ndescription: !!python/object:os.system x\n", "linje 3: «description» kan ikke leses"),
        ("title: [A\n", "ugyldig YAML"),
        ("- a\n- b\n", "linje 2: front matter må bestå av felt på formen «navn: verdi»."),
    ],
)
def test_front_matter_is_flat_safe_yaml(tmp_path: Path, lines: str, expected: str) -> None:
    """Nesting, size, duplicate keys, unknown keys and tags are content errors naming file and line."""
    sources, errors = read(tmp_path, {"a.md": front(lines)})
    assert not sources
    assert any(e.startswith("FEIL [M-FRONTMATTER] content/a.md ") and expected in e for e in errors), errors


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("title: ab\u202ecd\n", "linje 2: ulovlig tegn U+202E (retningsstyring) på plass 10."),
        ("title: A\ndescription: x\u2066y\u2069\n", "linje 3: ulovlig tegn U+2066 (retningsstyring) på plass 15."),
        ("title: A\ndescription: x\x07y\n", "linje 3: ulovlig tegn U+0007 (kontrolltegn) på plass 15."),
        ("title: A\ndescription: x\x85y\n", "linje 3: ulovlig tegn U+0085 (kontrolltegn)"),
        ("title: A\ndescription: x\u200by\n", "linje 3: ulovlig tegn U+200B (nullbredde mellomrom)"),
        ('title: "ab\\u202Ecd"\n', "linje 2: «title» inneholder ulovlig tegn U+202E (retningsstyring)."),
        ("title: |\n  To\n  linjer\n", "linje 2: «title» inneholder ulovlig tegn U+000A (linjeskift)."),
        ('title: A\ndescription: "a\\x1bb"\n', "linje 3: «description» inneholder ulovlig tegn U+001B (kontrolltegn)."),
    ],
)
def test_bidi_and_control_characters_are_refused(tmp_path: Path, lines: str, expected: str) -> None:
    """As in data cells: raw or escaped, a bidi or control character names file and line."""
    sources, errors = read(tmp_path, {"a.md": front(lines)})
    assert not sources
    assert any(e.startswith(f"FEIL [M-FRONTMATTER] content/a.md {expected}") for e in errors), errors


def test_symlinks_out_of_content_and_fifos_are_not_read(tmp_path: Path) -> None:
    """A link out of content/ (file or folder) or a FIFO named *.md is an error and is never opened."""
    outside = tmp_path / "privat"
    outside.mkdir()
    (outside / "hemmelig.md").write_text(front("title: Hemmelig\n"), "utf-8")
    content = tmp_path / "content"
    (content / "del").mkdir(parents=True)
    (content / "ekte.md").write_text(front("title: Ekte\n"), "utf-8")
    (content / "lekk.md").symlink_to(outside / "hemmelig.md")
    (content / "mappe").symlink_to(outside, target_is_directory=True)
    (content / "lokal.md").symlink_to(content / "ekte.md")
    (content / "del" / "sloyfe").symlink_to(content, target_is_directory=True)
    (content / "meg.md").symlink_to(content / "meg.md")
    os.mkfifo(content / "ror.md")
    (content / "mappe.md").mkdir()
    sources, errors = read(tmp_path, {})
    assert [s.path for s in sources] == ["content/ekte.md", "content/lokal.md"]
    outside_text = "er en symbolsk lenke som peker ut av content/; den leses ikke og publiseres ikke."
    assert errors == [
        f"FEIL [M-FILE] content/lekk.md linje 1: {outside_text}",
        f"FEIL [M-FILE] content/mappe linje 1: {outside_text}",
        "FEIL [M-FILE] content/meg.md linje 1: symbolsk lenke i sløyfe; den leses ikke.",
        "FEIL [M-FILE] content/ror.md linje 1: er ikke en vanlig fil (f.eks. en FIFO); den leses ikke.",
    ]


def test_bom_crlf_and_encoding(tmp_path: Path) -> None:
    """A BOM and CRLF or CR line endings are fine; a non-UTF-8 file names the byte offset and line."""
    files: dict[str, str | bytes] = {
        "bom.md": "\ufeff---\ntitle: Med BOM\n---\nTekst\n".encode(),
        "crlf.md": b"---\r\ntitle: CRLF\r\ndate: 2025-03-01\r\n---\r\nLinje\r\n",
        "cr.md": b"---\rtitle: CR\r---\rLinje\r",
        "latin1.md": "---\ntitle: Blåbær\n---\n".encode("latin-1"),
    }
    sources, errors = read(tmp_path, files)
    by_path = {s.path: s for s in sources}
    assert by_path["content/bom.md"].title == "Med BOM"
    assert by_path["content/crlf.md"].meta["date"].isoformat() == "2025-03-01"
    assert by_path["content/crlf.md"].body == "Linje\n" and by_path["content/crlf.md"].first_line == 5
    assert by_path["content/cr.md"].title == "CR"
    assert errors == [
        "FEIL [M-ENCODING] content/latin1.md linje 2: filen er ikke gyldig UTF-8: byten 0xE5 ved byteposisjon 13 "
        "(regnet fra 0) kan ikke leses. Lagre filen som UTF-8."
    ]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ('draft: "false"\n', 'linje 3: «draft» må være true eller false (uten anførselstegn), ikke "false".'),
        ("draft: 0\n", "linje 3: «draft» må være true eller false (uten anførselstegn), ikke 0."),
        ("draft:\n", "linje 3: «draft» må være true eller false (uten anførselstegn), ikke en tom verdi."),
        ("template: county.html\n", "linje 3: ukjent mal «county.html» for denne siden (tillatt: page.html)."),
        ("template: status.html\n", "linje 3: ukjent mal «status.html» for denne siden (tillatt: page.html)."),
        ("template: ../../etc/passwd\n", "linje 3: ukjent mal «../../etc/passwd»"),
    ],
)
def test_draft_and_template_are_checked(tmp_path: Path, lines: str, expected: str) -> None:
    """draft must be a YAML boolean; template one of the content templates, listed in the message."""
    sources, errors = read(tmp_path, {"a.md": front("title: A\n" + lines)})
    assert not sources
    assert any(e.startswith(f"FEIL [M-FRONTMATTER] content/a.md {expected}") for e in errors), errors


def test_good_draft_and_template_values(tmp_path: Path) -> None:
    """Real booleans and the templates meant for content pass; a status page may use the plain page template."""
    files: dict[str, str | bytes] = {
        "a.md": front("title: A\ndraft: false\ntemplate: page.html\n"),
        "b.md": front("title: B\ndraft: true\n"),
        "status/2025.md": front("title: S\ntemplate: page.html\n"),
        "status/2024.md": front("title: S\ntemplate: status.html\n"),
    }
    sources, errors = read(tmp_path, files)
    assert errors == []
    assert {s.path: s.draft for s in sources} == {
        "content/a.md": False,
        "content/b.md": True,
        "content/status/2024.md": False,
        "content/status/2025.md": False,
    }


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_front_matter_gives_a_source_or_errors(text: str) -> None:
    """Whatever the YAML, reading it never raises: either a source, or content errors with a line."""
    errors: list[ContentError] = []
    source = _split("content/x.md", f"---\n{text}\n---\nTekst", errors)
    assert (source is None) == bool(errors)
    assert all(e.line >= 1 and e.rule == "M-FRONTMATTER" for e in errors)


class FakeData:
    """Answers the number shortcode's query and records every query asked."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def __call__(self, name: str, **params: Any) -> list[dict[str, Any]]:
        self.asked.append(name)
        row = {"belop": Decimal(1_000_000), "status": "offisiell", "endring": Decimal("0.019")}
        return [{**row, "endring_status": "offisiell"}] if name == "sc_number" else []


def blocks_of(body: str) -> tuple[str, FakeData, list[str]]:
    """The rendered HTML of a body, the queries it ran and its errors."""
    source = Source("content/a.md", {"title": "A"}, body, 4)
    errors: list[ContentError] = []
    data = FakeData()
    blocks, tables, _ = body_blocks(source, data, {}, {"dekomp"}, errors)
    assert not tables
    return "".join(str(html) for kind, html in blocks if kind == "html"), data, [e.human() for e in errors]


SHORT = '{{< tall "sum" år=2025 >}}'


def test_shortcodes_in_code_spans_stay_literal() -> None:
    """A shortcode in backticks is shown as written; one outside on the same line is expanded."""
    html, data, errors = blocks_of(f"Skriv `{SHORT}` for å få {SHORT}, og ``{{{{< tall sum >}}}}`` er feil.")
    assert errors == []
    assert "<code>{{&lt; tall &quot;sum&quot; år=2025 &gt;}}</code>" in html
    assert "for å få 1\u00a0000\u00a0000\u00a0kr, og <code>{{&lt; tall sum &gt;}}</code> er feil." in html
    assert data.asked == ["sc_number"]


@pytest.mark.parametrize(
    "body",
    [
        f'```markdown\n{SHORT}\n{{{{< figur "per_fylke" år=2025 >}}}}\n{{{{< tall sum >}}}}\n```',
        f'~~~~\n{SHORT}\n```\n{{{{< tabell "per_fylke" år=2025 >}}}}\n~~~~',
        f'Eksempel:\n\n    {SHORT}\n    {{{{< figur "utvikling" >}}}}\n',
        f"- Liste\n\n  ```\n  {SHORT}\n  ```",
        '> ```\n> {{< figur "utvikling" >}}\n> ```',
    ],
)
def test_shortcodes_in_code_blocks_stay_literal(body: str) -> None:
    """Fenced (``` and ~~~, also in lists and quotes) and indented code keep shortcodes as text."""
    html, data, errors = blocks_of(body)
    assert errors == [] and data.asked == []
    assert html.count("<pre><code") == 1 and "{{&lt; " in html


def test_shortcode_after_a_closed_fence_is_expanded() -> None:
    """Only the code is literal: the line after the closing fence works as before."""
    html, data, errors = blocks_of(f"```\n{SHORT}\n```\n\n{SHORT}")
    assert errors == [] and data.asked == ["sc_number"]
    assert html.count("{{&lt; ") == 1


HOSTILE = '=HYPERLINK("http://evil.example","klikk")'


def test_headers_and_xlsx_text_are_neutralised() -> None:
    """Headers go through neutralisation in CSV; formula-like XLSX text keeps its text with Excel's quote prefix."""
    rows = [{"navn": "+SUM(A1)", "belop": Decimal(-1500)}]
    tb = table("t", "=Tittel", rows, (Column("navn", HOSTILE), Column("belop", "-Beløp (kr)", "nok")))
    for excel in (True, False):
        text = csv_bytes(tb, excel=excel).decode("utf-8-sig")
        head, row = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if excel else ","))
        assert head[0] == ("'" + HOSTILE if excel else "navn") and row == ["'+SUM(A1)", "-1500"]
        assert not excel or head[1] == "'-Beløp (kr)"
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(tb, RELEASE, [], "x")))
    sheet = book["Tabell"]
    assert [(c.value, c.data_type, bool(c.quotePrefix)) for c in sheet[1]] == [
        (HOSTILE, "s", True),
        ("-Beløp (kr)", "s", True),
    ]
    assert (sheet["A2"].value, sheet["A2"].quotePrefix) == ("+SUM(A1)", True)
    assert sheet["B2"].data_type == "n" and not sheet["B2"].quotePrefix
    about = {row[0].value: row[1] for row in book["Om dataene"].iter_rows()}
    assert about["Tabell"].value == "=Tittel" and about["Tabell"].quotePrefix
    fields = ({"name": "=felt", "type": "string"}, {"name": "belop", "type": "number"})
    ds = Dataset("d", "D", "", fields, ({"=felt": "@x", "belop": Decimal(-2)},), ())
    assert dataset_csv(ds, excel=False).decode() == "'=felt,belop\n'@x,-2\n"


def unneutralised(cell: str) -> bool:
    """A CSV cell a spreadsheet would run: starts with a trigger and is not a plain number."""
    return cell.startswith(FORMULA_TRIGGERS) and not re.fullmatch(r"-\d+([.,]\d+)?", cell)


def test_hostile_scheme_name_reaches_no_download_as_formula(tmp_path: Path, data_dir: Path) -> None:
    """A scheme named like a formula: every CSV cell and header is neutralised, no XLSX cell is a formula."""
    path = unreleased(data_dir) / "ordninger.csv"
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
    name, short = rows[0].index("navn"), rows[0].index("kortnavn")
    rows[2][name], rows[2][short] = HOSTILE, "=Dekomp"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)
    out = tmp_path / "site"
    # search stays on until a build without the index passes the link check (base.html links /pagefind/)
    build(fast_config(data_dir=data_dir, out_dir=out, report_path=tmp_path / "r.json"))
    seen, hits = 0, set()
    for csv_path in sorted(out.rglob("*.csv")):
        text = csv_path.read_bytes().decode("utf-8-sig")
        delimiter = "," if csv_path.name.endswith("maskinlesbar.csv") else ";"
        cells = [c for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter) for c in row]
        assert not [c for c in cells if unneutralised(c)], csv_path
        found = sum(c.startswith(("'=HYPERLINK", "'=Dekomp")) for c in cells)
        seen += found
        hits |= {csv_path.relative_to(out).as_posix()} if found else set()
    assert seen > 80
    assert {"data/siste/ordninger.csv", "data/siste/ordninger.maskinlesbar.csv"} <= hits
    for xlsx_path in sorted(out.rglob("*.xlsx"))[::5]:
        for sheet in openpyxl.load_workbook(xlsx_path).worksheets:
            for cell in (c for row in sheet.iter_rows() for c in row if c.value is not None):
                assert cell.data_type != "f", (xlsx_path, cell.coordinate)
                assert not isinstance(cell.value, str) or not unneutralised(cell.value) or cell.quotePrefix


def test_all_content_errors_at_once_without_traceback(tmp_path: Path) -> None:
    """Clashing addresses name both files and the URL; every content error is listed; exit 1, no traceback."""
    content = tmp_path / "content"
    files = {
        "a-b.md": front("title: A-B\n"),
        "a/b.md": front("title: A/B\n"),
        "fylke.md": front("title: Fylker\n"),
        "utkast.md": front('title: U\ndraft: "false"\n'),
        "mal.md": front("title: M\ntemplate: county.html\n"),
        "bombe.md": billion_laughs(),
    }
    for rel, text in files.items():
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, "utf-8")
    (content / "latin1.md").write_bytes("---\ntitle: Blåbær\n---\n".encode("latin-1"))
    args = ["build", "--data", str(FIXTURE_DATA), "--content", str(content), "--out", str(tmp_path / "site")]
    result = CliRunner().invoke(main, args)
    output = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 1, output
    assert "Traceback" not in output
    for line in (
        "FEIL [S-SLUG] content/a/b.md linje 1: samme adresse /a-b/ som content/a-b.md;",
        "FEIL [S-SLUG] content/fylke.md linje 1: samme adresse /fylke/ som den innebygde siden «counties»",
        "FEIL [M-FRONTMATTER] content/utkast.md linje 3: «draft» må være true eller false",
        "FEIL [M-FRONTMATTER] content/mal.md linje 3: ukjent mal «county.html»",
        "FEIL [M-FRONTMATTER] content/bombe.md linje 2: YAML-anker («&a»)",
        "FEIL [M-ENCODING] content/latin1.md linje 2: filen er ikke gyldig UTF-8",
    ):
        assert line in output, output
    assert not (tmp_path / "site").exists()
