"""The preview keeps the model in memory: a Markdown edit updates the page; a bad edit keeps the last good one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.config import load_config
from builder.errors import BuildError
from builder.preview import Preview
from tests.conftest import ROOT


def test_markdown_edit_updates_only_the_editorial_pages(tmp_path: Path) -> None:
    """After a content edit the status page shows the new text; other pages are untouched; errors keep the page."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    preview = Preview(
        load_config(content_dir=content, out_dir=tmp_path / "site", report_path=tmp_path / "r.json", drafts=True)
    )
    try:
        preview.full()
        page = tmp_path / "site" / "status" / "2025" / "index.html"
        home = (tmp_path / "site" / "index.html").stat().st_mtime_ns
        source = content / "status" / "2025.md"
        source.write_text(source.read_text("utf-8") + "\nEn ny setning fra redaksjonen.\n", "utf-8")
        preview.content_changed()
        assert "En ny setning fra redaksjonen." in page.read_text("utf-8")
        assert (tmp_path / "site" / "index.html").stat().st_mtime_ns == home
        good = page.read_bytes()
        source.write_text(source.read_text("utf-8") + '\n{{< tall "finnes-ikke" år=2025 >}}\n', "utf-8")
        with pytest.raises(BuildError, match="ukjent kortkode"):
            preview.content_changed()
        assert page.read_bytes() == good
    finally:
        preview.close()
