"""The preview keeps the model in memory: a Markdown edit updates the page; a bad edit keeps the last good one;
and it lives in its own folder, so the published site never sees a draft."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

import builder.build as b
from builder.build import build
from builder.config import Config
from builder.dev.preview import Preview, preview_config
from builder.dev.serve import attempt
from builder.errors import BuildError, Exit
from tests.conftest import FIXTURE_CONTENT, FIXTURE_DATA, ROOT, copy_data, fast_config
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


SOURCE = "Beregnet i testpakken: en sum fordelt etter lærerårsverk på fylkene i testdataene"  # kilder.csv, row 1
FOOTER = '<footer class="site-footer">'
COMPRESSED = (".br", ".gz")


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Preview, Path, dict[str, int]]]:
    """One preview over copies of the fixture data, content and templates, built once for this module, with
    validate, load and model counted (the counts start at 0 for each test)."""
    root = tmp_path_factory.mktemp("live")
    copy_data(root / "data")
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    shutil.copytree(ROOT / "templates", root / "templates")
    shutil.copytree(ROOT / "builder" / "static", root / "static")
    calls = {"validate": 0, "load": 0, "model": 0}
    with pytest.MonkeyPatch.context() as patch:
        for name in calls:
            patch.setattr(b, name, counted(getattr(b, name), name, calls))
        config = fast_config(
            data_dir=root / "data",
            content_dir=root / "content",
            templates_dir=root / "templates",
            static_dir=root / "static",
            out_dir=root / ".preview" / "site",
        )
        preview = Preview(preview_config(config))
        preview.full()
        try:
            yield preview, root, calls
        finally:
            preview.close()


def counted(real: Callable[..., Any], name: str, calls: dict[str, int]) -> Callable[..., Any]:
    """real, counting its calls in calls[name]."""

    def call(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        return real(*args, **kwargs)

    return call


def served(root: Path, rel: str) -> str:
    """A file of the live preview release, as the preview server reads it."""
    return (root / ".preview" / "site" / rel).read_text("utf-8")


def test_data_edit_validates_loads_and_models_once(live: tuple[Preview, Path, dict[str, int]]) -> None:
    """A changed cell in data/ runs validation, loading and the model exactly once, and the page shows it."""
    preview, root, calls = live
    calls.update(validate=0, load=0, model=0)
    kilder = root / "data" / "kilder.csv"
    kilder.write_text(kilder.read_text("utf-8").replace(SOURCE, SOURCE + " (rettet)", 1), "utf-8")
    preview.full()
    assert calls == {"validate": 1, "load": 1, "model": 1}
    assert f"<strong>{SOURCE} (rettet)</strong>" in served(root, "om/index.html")


def test_invalid_data_edit_shows_the_error_and_keeps_the_pages(
    live: tuple[Preview, Path, dict[str, int]], capsys: pytest.CaptureFixture[str]
) -> None:
    """A cell that breaks validation prints the Norwegian finding in the server's log; every served file stays."""
    preview, root, _ = live
    site = root / ".preview" / "site"
    before = manifest(site)
    tildelinger = root / "data" / "tildelinger.csv"
    good = tildelinger.read_text("utf-8")
    tildelinger.write_text(good.replace(",27937000,", ",27 937 kr,", 1), "utf-8")
    try:
        assert not attempt(preview.full, "rebuilt the site")
        err = capsys.readouterr().err
        assert "FEIL [D-NUMBER] tildelinger.csv rad 1 (linje 2)" in err
        assert "Bygget feilet; forrige versjon vises fortsatt." in err
        assert manifest(site) == before
    finally:
        tildelinger.write_text(good, "utf-8")
    preview.full()
    assert manifest(site) == before  # the same data again: not one file differs


def test_template_edit_renders_from_the_kept_model(live: tuple[Preview, Path, dict[str, int]]) -> None:
    """A template edit re-renders every page without validating, loading or modelling."""
    preview, root, calls = live
    calls.update(validate=0, load=0, model=0)
    base = root / "templates" / "base.html"
    original = base.read_text("utf-8")
    base.write_text(original.replace(FOOTER, FOOTER + "<p>Ny bunntekst</p>", 1), "utf-8")
    try:
        preview.templates_changed()
        assert calls == {"validate": 0, "load": 0, "model": 0}
        for rel in ("index.html", "om/index.html", "status/2024/index.html"):
            assert "<p>Ny bunntekst</p>" in served(root, rel)
    finally:
        base.write_text(original, "utf-8")
    preview.templates_changed()
    assert "Ny bunntekst" not in served(root, "index.html")


def test_static_edit_serves_the_new_asset(live: tuple[Preview, Path, dict[str, int]]) -> None:
    """An edited stylesheet gets a new hashed address on every page, and that file is served."""
    preview, root, calls = live
    css = root / "static" / "site.css"
    css.write_text(css.read_text("utf-8") + "\n.ny-regel { color: red; }\n", "utf-8")
    calls.update(validate=0, load=0, model=0)
    preview.static_changed()
    assert calls == {"validate": 0, "load": 0, "model": 0}
    link = re.search(r'href="/(assets/site\.[0-9a-f]+\.css)"', served(root, "om/index.html"))
    assert link and ".ny-regel { color: red; }" in served(root, link.group(1))
    assert link.group(1) in served(root, "index.html")


def test_served_files_equal_a_build(live: tuple[Preview, Path, dict[str, int]]) -> None:
    """After a Markdown edit (re-rendered from the kept model) the preview serves byte for byte what `innsyn
    build` writes from the same input, apart from the compressed copies the preview leaves out."""
    preview, root, calls = live
    page = root / "content" / "status" / "2024.md"
    page.write_text(page.read_text("utf-8") + "\nEn setning til fra redaksjonen.\n", "utf-8")
    calls.update(validate=0, load=0, model=0)
    preview.content_changed()
    assert calls == {"validate": 0, "load": 0, "model": 0}
    assert "En setning til fra redaksjonen." in served(root, "status/2024/index.html")
    out = root / "built" / "site"
    build(replace(preview.config, out_dir=out, report_path=root / "built" / "report.json"))
    built = {rel: digest for rel, digest in manifest(out).items() if not rel.endswith(COMPRESSED)}
    assert manifest(root / ".preview" / "site") == built
