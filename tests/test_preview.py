"""The preview keeps the model in memory: a Markdown edit updates the page; a bad edit keeps the last good one;
and it lives in its own folder, so the published site never sees a draft."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import builder.build as b
from builder.config import Config
from builder.dev.preview import Preview, preview_config
from builder.errors import BuildError, Exit
from tests.conftest import FIXTURE_CONTENT, FIXTURE_DATA, fast_config
from tests.helpers import manifest

DRAFT = "---\ntitle: Utkast 2023\ndraft: true\n---\nUtkast fra redaksjonen.\n"


def test_markdown_edit_updates_only_the_preview(
    tmp_path: Path, built_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A content edit shows in the preview's own release (drafts included) and leaves the published site (a copy
    of the session's fixture build) byte-identical; one full preview build validates and models once; errors keep
    the last good page."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    (content / "status" / "2023.md").write_text(DRAFT, "utf-8")
    shutil.copytree(built_site.parent, tmp_path / "published", symlinks=True)
    site = tmp_path / "published" / "site"
    published = manifest(site)
    calls = {"validate": 0}
    real_validate = b.validate

    def counting(*args: object) -> object:
        calls["validate"] += 1
        return real_validate(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(b, "validate", counting)
    out = tmp_path / ".preview" / "site"
    # search stays on until a build without the index passes the link check (base.html links /pagefind/)
    preview = Preview(preview_config(fast_config(data_dir=FIXTURE_DATA, content_dir=content, out_dir=out)))
    try:
        preview.full()
        assert calls["validate"] == 1
        assert "Utkast fra redaksjonen." in (out / "status" / "2023" / "index.html").read_text("utf-8")
        page = out / "status" / "2024" / "index.html"
        home = (out / "index.html").stat().st_mtime_ns
        source = content / "status" / "2024.md"
        source.write_text(source.read_text("utf-8") + "\nEn ny setning fra redaksjonen.\n", "utf-8")
        preview.content_changed()
        assert "En ny setning fra redaksjonen." in page.read_text("utf-8")
        assert (out / "index.html").stat().st_mtime_ns == home
        good = page.read_bytes()
        source.write_text(source.read_text("utf-8") + '\n{{< tall "finnes-ikke" år=2024 >}}\n', "utf-8")
        with pytest.raises(BuildError, match="ukjent kortkode"):
            preview.content_changed()
        assert page.read_bytes() == good
    finally:
        preview.close()
    assert manifest(site) == published
    assert not (site / "status" / "2023").exists()
    assert (tmp_path / ".preview" / "build-report.json").is_file()


def test_preview_refuses_the_published_site() -> None:
    """The preview never writes into site/, whatever the caller passes."""
    with pytest.raises(BuildError, match="skriver aldri til nettstedet som publiseres") as info:
        preview_config(Config())
    assert info.value.code == Exit.USAGE
    with pytest.raises(BuildError):
        Preview(Config())
