"""Internal links come from the route table and the download-format registries: no template spells out a path,
and every registered format of a table and a dataset is written and linked from its page."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq

from builder.render.bulk import DATASET_FORMATS
from builder.render.downloads import TABLE_FORMATS
from tests.conftest import ROOT

# An attribute whose value starts with "/" (a site path), or a Jinja string literal that does.
HARD_CODED = re.compile(r"""\b(?:href|src|action|srcset|poster)\s*=\s*["']/|{[{%][^}]*?["']/[^}]*?[}%]}""")

MESSAGES = json.loads((ROOT / "builder" / "i18n" / "nb.json").read_text("utf-8"))


def test_pattern_catches_hard_coded_paths() -> None:
    """The check itself can fail: it sees a literal path in an attribute and in a Jinja expression."""
    assert HARD_CODED.search('<a href="/om/#kilder">')
    assert HARD_CODED.search("<script src='/pagefind/x.js'>")
    assert HARD_CODED.search('{{ t("data.versions", path="/data/v/" ~ site.release) }}')
    assert not HARD_CODED.search("<a href=\"{{ url_for('about') }}#kilder\">")
    assert not HARD_CODED.search('<a href="#hovedinnhold">')


def test_no_template_hard_codes_an_internal_path() -> None:
    """Every internal URL in a template comes from url_for, file_url, asset or a download-URL function."""
    templates = sorted((ROOT / "templates").glob("*.html"))
    assert len(templates) > 15
    for path in templates:
        hits = [m.group(0) for m in HARD_CODED.finditer(path.read_text("utf-8"))]
        assert not hits, (path.name, hits)


def _is_csv(data: bytes) -> bool:
    """UTF-8 text whose first line is a header."""
    return b"\n" in data and bool(data.decode("utf-8-sig").split("\n", 1)[0])


def _is_json(data: bytes) -> bool:
    """A JSON object."""
    return isinstance(json.loads(data), dict)


def _is_xlsx(data: bytes) -> bool:
    """An Office Open XML workbook."""
    return "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()


def _is_parquet(data: bytes) -> bool:
    """A Parquet file with at least one column."""
    return len(pq.read_schema(io.BytesIO(data)).names) > 0


# What a file of each media type must look like, checked independently of the writers.
LOOKS_LIKE: dict[str, Callable[[bytes], bool]] = {
    "text/csv": _is_csv,
    "application/json": _is_json,
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": _is_xlsx,
    "application/vnd.apache.parquet": _is_parquet,
}


def test_registries_hold_the_documented_formats() -> None:
    """The README promises four formats per table and CSV (both flavours) plus Parquet per dataset."""
    assert {".csv", ".maskinlesbar.csv", ".xlsx", ".json"} <= {f.suffix for f in TABLE_FORMATS}
    assert {".csv", ".maskinlesbar.csv", ".parquet"} <= {f.suffix for f in DATASET_FORMATS}
    for fmt in (*TABLE_FORMATS, *DATASET_FORMATS):
        assert fmt.label_key in MESSAGES and fmt.media_type in LOOKS_LIKE, fmt.suffix


def test_every_table_format_is_written_and_linked(built_site: Path) -> None:
    """The key table of Vestland exists in every registered format and its page links each with its label."""
    html = (built_site / "fylke" / "46-vestland" / "index.html").read_text("utf-8")
    for fmt in TABLE_FORMATS:
        path = f"data/fylke/46-vestland/nokkel{fmt.suffix}"
        assert LOOKS_LIKE[fmt.media_type]((built_site / path).read_bytes()), path
        assert f'<li><a href="/{path}" download>{MESSAGES[fmt.label_key]}</a>' in html, path


def test_every_dataset_format_is_written_and_linked(built_site: Path) -> None:
    """The allocations dataset exists under /data/siste/ in every registered format, each linked from /data/."""
    html = (built_site / "data" / "index.html").read_text("utf-8")
    item = html[html.index('<li id="datasett-tildelinger">') :].split("</li>", 1)[0]
    for fmt in DATASET_FORMATS:
        path = f"data/siste/tildelinger{fmt.suffix}"
        assert LOOKS_LIKE[fmt.media_type]((built_site / path).read_bytes()), path
        assert f'<a href="/{path}" download>{MESSAGES[fmt.label_key]}</a>' in item, path
