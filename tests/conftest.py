"""Shared fixtures: a writable copy of the bundled data, and one built site per test session."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder.build import build
from builder.config import load_config

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    """`--update-snapshots` regenerates the golden HTML (make snapshots); CI never does."""
    parser.addoption("--update-snapshots", action="store_true", help="rewrite tests/snapshots/ from this build")


def copy_data(dest: Path) -> Path:
    """A copy of data/ without caches."""
    shutil.copytree(DATA, dest, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def unreleased(data: Path) -> Path:
    """Drop the recorded release manifests, as for a draft whose values may still change."""
    shutil.rmtree(data / "utgivelser", ignore_errors=True)
    return data


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A writable copy of the bundled data."""
    return copy_data(tmp_path / "data")


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
    """The bundled data built once into a temporary directory."""
    out = tmp_path_factory.mktemp("built") / "site"
    build(load_config(out_dir=out, report_path=out.parent / "build-report.json"))
    return out
