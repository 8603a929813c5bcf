"""The one end-to-end build of the bundled dataset: data/ with the real content/, checked without pinning its
numbers, so it holds when the example data is replaced by real data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import yaml

from builder.build import build
from builder.config import load_config
from builder.publish.checks import SEARCH_PREFIX, broken_links
from tests.conftest import DATA, ROOT


def column(name: str, field: str) -> set[str]:
    """The distinct values of one column of a bundled CSV file."""
    with (DATA / name).open(encoding="utf-8-sig", newline="") as f:
        return {row[field] for row in csv.DictReader(f)}


def published_status_years() -> set[str]:
    """The years of content/status/*.md that are not drafts."""
    years = set()
    for path in (ROOT / "content" / "status").glob("*.md"):
        front = yaml.safe_load(path.read_text("utf-8").split("---")[1]) or {}
        if not front.get("draft"):
            years.add(path.stem)
    return years


def assert_page(root: Path, pattern: str) -> None:
    """Exactly one page matches a path pattern (a code or id followed by its slug)."""
    found = list(root.glob(pattern))
    assert len(found) == 1, (pattern, found)


def assert_downloads_parse(root: Path) -> int:
    """Every JSON file under /data/ parses, and each table has rows as wide as its columns; returns the count."""
    files = sorted((root / "data").rglob("*.json"))
    for path in files:
        doc = json.loads(path.read_text("utf-8"))
        if "kolonner" in doc:
            assert all(len(row) == len(doc["kolonner"]) for row in doc["rader"]), path
    return len(files)


def test_bundled_data_builds_into_a_whole_site(tmp_path: Path) -> None:
    """data/ and content/ build; every county, scheme and year with an allocation, every published status page
    and the about page exist; no internal link is broken; every download's JSON parses."""
    out = tmp_path / "site"
    config = load_config(out_dir=out, report_path=tmp_path / "build-report.json", fast_compression=True, search=False)
    report = build(config)
    root = out.resolve()
    assert report.pages > 0 and (root / "index.html").is_file()
    counties, schemes, years = (column("tildelinger.csv", f) for f in ("fylkesnummer", "ordning_id", "aar"))
    assert counties and schemes and years and published_status_years()
    for code in counties:
        assert_page(root, f"fylke/{code}-*/index.html")
    assert len(list(root.glob("fylke/*/index.html"))) == len(counties)
    for scheme in schemes:
        assert_page(root, f"ordning/{scheme}-*/index.html")
    for year in years:
        assert (root / "ar" / year / "index.html").is_file(), year
    for year in published_status_years():
        assert (root / "status" / year / "index.html").is_file(), year
    assert (root / "om" / "index.html").is_file() and (root / "404.html").is_file()
    assert broken_links(root, (SEARCH_PREFIX,)) == []  # built without the search index
    assert assert_downloads_parse(root) > 0
