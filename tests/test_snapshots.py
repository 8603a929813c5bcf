"""Golden HTML of the fixture site, one page per kind; `make snapshots` regenerates them and the diff is reviewed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SNAPSHOTS = Path(__file__).parent / "snapshots"
# The split (31), the merger with recipients (46), a scheme, a year, both content pages, the method page.
PAGES = {
    "forside": "index.html",
    "fylker": "fylke/index.html",
    "fylke-31-ostfold": "fylke/31-ostfold/index.html",
    "fylke-46-vestland": "fylke/46-vestland/index.html",
    "ordning-dekomp": "ordning/dekomp/index.html",
    "ar-2024": "ar/2024/index.html",
    "status-2024": "status/2024/index.html",
    "testdata": "testdata/index.html",
    "om": "om/index.html",
    "404": "404.html",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_matches_snapshot(built_site: Path, request: pytest.FixtureRequest, name: str) -> None:
    """The page equals its reviewed snapshot byte for byte."""
    html = (built_site / PAGES[name]).read_text("utf-8")
    path = SNAPSHOTS / f"{name}.html"
    if request.config.getoption("--update-snapshots"):
        if os.environ.get("CI"):
            pytest.fail("snapshots are never regenerated in CI")
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(html, "utf-8")
    assert path.is_file(), f"missing snapshot {path.name}: run `make snapshots` and review the diff"
    assert html == path.read_text("utf-8"), f"{name} differs from its snapshot: review, then `make snapshots`"


def test_no_stale_snapshots() -> None:
    """Every snapshot file belongs to a page above, so none is left over from an older page set."""
    assert sorted(p.stem for p in SNAPSHOTS.glob("*.html")) == sorted(PAGES)
