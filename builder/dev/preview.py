"""Fast preview of editorial changes: the data model stays in memory, and a Markdown edit re-renders only the
editorial pages, their downloads, the feed and the status index, straight into the served preview release
(its own store, never the published site: see preview_config)."""

from __future__ import annotations

import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from builder.build import Report, assembling, publish_site
from builder.config import PREVIEW_OUT, Config
from builder.errors import BuildError, Exit
from builder.model.content import ContentError
from builder.model.site import (
    EDITORIAL,
    Site,
    content_sources,
    deadline_params,
    editorial_pages,
    refuse_content_errors,
)
from builder.publish.assets import asset_urls, hashed_assets
from builder.publish.compress import precompress
from builder.publish.releases import FILE_MODE, check_target, storage_errors
from builder.render.downloads import page_table_files
from builder.render.feeds import feed
from builder.render.jinja import environment, render_page


@dataclass
class Preview:
    """The last good full build, kept in memory so that content edits are cheap."""

    config: Config
    site: Site | None = None
    con: Any = None
    env: Any = None
    extra: dict[str, int] = field(default_factory=dict)
    stack: ExitStack = field(default_factory=ExitStack)

    def __post_init__(self) -> None:
        """Refuse to preview into the published site."""
        refuse_published(self.config.out_dir)

    def full(self) -> float:
        """A complete, atomic build that keeps its model and database for later content edits. Returns seconds."""
        start = time.perf_counter()
        stack, report = ExitStack(), Report()
        try:
            check_target(self.config.out_dir)
            assembly, con = stack.enter_context(assembling(self.config, report))
            publish_site(assembly, report)
        except BaseException:
            stack.close()
            raise
        self.stack.close()
        self.stack, self.con, self.site = stack, con, assembly.site
        self.extra = deadline_params(assembly.contract)
        self.env = environment(assembly.config.templates_dir, asset_urls(hashed_assets(assembly.config.static_dir)))
        return time.perf_counter() - start

    def content_changed(self) -> float:
        """Re-render the editorial pages from content/ into the live preview release. Returns seconds."""
        if self.site is None:
            return self.full()
        start = time.perf_counter()
        errors: list[ContentError] = []
        pages = editorial_pages(self.con, content_sources(self.config, errors), self.extra, errors)
        refuse_content_errors(errors)
        kept = tuple(p for p in self.site.pages if p.route not in EDITORIAL)
        self.site = replace(self.site, pages=kept + tuple(pages))
        files = {p.output: render_page(self.env, p, self.site).encode("utf-8") for p in pages}
        files.update(page_table_files(pages, self.site.release_info, self.site.sources))
        files["feed.xml"] = feed(self.site)
        files.update(precompress(files, self.config.cache_dir, fast=self.config.fast_compression))
        with storage_errors(self.config.out_dir, "forhåndsvisningen kan være delvis oppdatert"):
            write_in_place(files, self.config.out_dir.resolve())
        return time.perf_counter() - start

    def close(self) -> None:
        """Close the in-memory database."""
        self.stack.close()


def preview_config(config: Config) -> Config:
    """The preview's own settings: drafts included, fast compression, its report beside its output, only the live
    release kept (content edits change that release in place, so an older one could no longer match its id)."""
    refuse_published(config.out_dir)
    report = config.out_dir.parent / "build-report.json"
    return replace(config, drafts=True, report_path=report, keep_releases=1, fast_compression=True)


def refuse_published(out_dir: Path) -> None:
    """A usage error when the preview would write drafts into the folder `innsyn build` publishes."""
    if out_dir == Config().out_dir:
        raise BuildError(
            str(out_dir),
            "forhåndsvisningen skriver aldri til nettstedet som publiseres; "
            f"velg en annen --out (standard: {PREVIEW_OUT}).",
            code=Exit.USAGE,
        )


def write_in_place(files: dict[str, bytes], root: Path) -> None:
    """Replace files of the live preview release one by one (each by a rename), readable by any user."""
    for rel, data in sorted(files.items()):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.preview")
        tmp.write_bytes(data)
        tmp.chmod(FILE_MODE)
        tmp.replace(target)
