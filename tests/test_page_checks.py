"""The in-page accessibility engines: vendored as recorded, their findings counted and named as pa11y counts them."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from tests import a11y_results
from tests.page_checks import AXE, HTMLCS, offenders

ROOT = Path(__file__).resolve().parent.parent
VENDOR_JSON = ROOT / "builder" / "static" / "vendor" / "VENDOR.json"


def test_vendored_engines_are_the_recorded_builds() -> None:
    """axe-core and HTML_CodeSniffer have the sha256, version and licence VENDOR.json records, licence files beside."""
    entries = {e["path"]: e for e in json.loads(VENDOR_JSON.read_text("utf-8"))}
    for path, version, licence in ((AXE, "4.14.1", "MPL-2.0"), (HTMLCS, "2.6.0", "BSD-3-Clause")):
        entry = entries[path.relative_to(ROOT).as_posix()]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == entry["sha256"], path
        assert (entry["version"], entry["license"]) == (version, licence)
    assert HTMLCS.read_text("utf-8").startswith("/*! @pa11y/html_codesniffer - v2.6.0 ")
    assert "Squiz Pty Ltd" in (HTMLCS.parent / "HTMLCS-LICENSE.txt").read_text("utf-8")


def test_htmlcs_findings_are_counted_per_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two errors on one page are two findings (as pa11y lists them), with the bundle's own version."""
    out = tmp_path / "results.json"
    monkeypatch.setenv(a11y_results.ENV, str(out))
    code = "WCAG2AA.Principle1.Guideline1_1.1_1_1.H37"
    survey = {"/nn/": {"htmlcs": [[code, "#a"], [code, "#b"]]}, "/": {"htmlcs": []}}
    a11y_results.record_htmlcs(survey)
    data = json.loads(out.read_text("utf-8"))["htmlcs"]
    assert (data["versjon"], data["regler"], data["funn"], data["sider"]) == ("2.6.0", ["WCAG2AA"], 2, ["/", "/nn/"])
    assert data["funn_per_side"] == {"/nn/": [f"{code} (#a)", f"{code} (#b)"]}


def test_offenders_name_page_rule_and_selector() -> None:
    """The assertion message has one line per finding, sorted by page; axe's up to three targets are joined."""
    survey = {
        "/nn/ar/2024/": {"axe": [["color-contrast", ["#x", "td > abbr"]]], "htmlcs": [["G18.Fail", "#x"]]},
        "/": {"axe": [], "htmlcs": [["H25", ""]]},
    }
    assert offenders(survey, "axe") == ["/nn/ar/2024/: color-contrast @ #x, td > abbr"]
    assert offenders(survey, "htmlcs") == ["/: H25 @ (hele siden)", "/nn/ar/2024/: G18.Fail @ #x"]
