"""Shared fixtures: writable copies of the fixture data package (tests/fixtures/) and of the bundled data, and one
site built from the fixture per test session (fast compression; with the search index, which the browser uses)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder.build import build
from builder.config import Config, load_config

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
FIXTURE_CONTENT = ROOT / "tests" / "fixtures" / "content"


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-snapshots` regenerates the golden HTML (make snapshots); CI never does."""
    parser.addoption("--update-snapshots", action="store_true", help="rewrite tests/snapshots/ from this build")


def copy_data(dest: Path, source: Path = FIXTURE_DATA) -> Path:
    """A copy of a data package (the fixture unless told otherwise) without caches."""
    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def fast_config(**overrides: Any) -> Config:
    """A build configuration for tests: the fixture content, fast compression and no search index unless asked."""
    settings: dict[str, Any] = {"content_dir": FIXTURE_CONTENT, "fast_compression": True, "search": False}
    return load_config(**{**settings, **overrides})


def unreleased(data: Path) -> Path:
    """Drop the recorded release manifests, as for a draft whose values may still change."""
    shutil.rmtree(data / "utgivelser", ignore_errors=True)
    return data


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the fixture data package."""
    return copy_data(tmp_path / "data")


@pytest.fixture
def bundled_data_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled data/, for the end-to-end tests of the published dataset."""
    return copy_data(tmp_path / "bundled", DATA)


@pytest.fixture
def edit_package(data_dir: Path) -> Callable[[Callable[[dict[str, Any]], None]], None]:
    """Edit datapackage.json of the copy in place."""

    def edit(change: Callable[[dict[str, Any]], None]) -> None:
        path = data_dir / "datapackage.json"
        raw = json.loads(path.read_text(encoding="utf-8"))
        change(raw)
        path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), encoding="utf-8")

    return edit


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture data and content built once into a temporary directory, with the search index."""
    out = tmp_path_factory.mktemp("built") / "site"
    build(fast_config(data_dir=FIXTURE_DATA, out_dir=out, report_path=out.parent / "build-report.json", search=True))
    return out


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data/ and content/ built once for the session (the end-to-end tests of the real package)."""
    out = tmp_path_factory.mktemp("bundled") / "site"
    build(fast_config(data_dir=DATA, content_dir=ROOT / "content", out_dir=out, report_path=out.parent / "r.json"))
    return out.resolve()
