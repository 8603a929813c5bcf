"""The preview keeps the last good model in memory and updates only what an edit touches, in place in the served
preview release (its own store, never the published site: see preview_config):

- data/: validate, load and model once, then render; only files whose bytes changed are written;
- templates/: re-render every page from the kept model (no validation, loading or modelling);
- static files: hash the assets again and re-render every page;
- content/: re-model the editorial pages from the kept database and re-render only pages that changed.

The pages and downloads are the bytes `innsyn build` writes. What the preview leaves out: gzip and Brotli copies
(the preview server serves the plain files), and after the first build the release store (files are replaced in
place), the link check and the Pagefind index (search shows the first build's pages)."""

from __future__ import annotations

import time
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from builder.build import Assembly, Report, assembling, finish_release
from builder.config import PREVIEW_OUT, Config, refuse_demo_in_public_site
from builder.dev.outputs import Renders, remove_in_place, write_in_place
from builder.errors import BuildError, Exit
from builder.language import DEFAULT
from builder.model.content import ContentError
from builder.model.editorial import kind_of
from builder.model.languages import TWIN_SUFFIX
from builder.model.site import (
    EDITORIAL,
    content_sources,
    deadline_params,
    editorial_twins,
    refuse_content_errors,
)
from builder.publish.assets import asset_urls, hashed_assets
from builder.publish.checks import check_release_without_search
from builder.publish.releases import carried_forward, check_target, storage_errors
from builder.publish.write import publish
from builder.render.jinja import environment


@dataclass
class Preview:
    """The last good build, kept in memory so that each edit redoes only what it touches."""

    config: Config
    assembly: Assembly | None = None
    con: Any = None
    env: Any = None
    assets: dict[str, Any] = field(default_factory=dict)
    extra: dict[str, int] = field(default_factory=dict)
    renders: Renders = field(default_factory=Renders)
    stack: ExitStack = field(default_factory=ExitStack)

    def __post_init__(self) -> None:
        """Refuse to preview into the published site."""
        refuse_published(self.config.out_dir)

    @property
    def site(self) -> Any:
        """The Site last shown, or None before the first good build."""
        return self.assembly.site if self.assembly else None

    def full(self) -> float:
        """Validate, load and model once, then render and write: the first time as a complete release (link
        check and search index), later only the files that changed. Returns seconds."""
        start = time.perf_counter()
        stack = ExitStack()
        try:
            if self.renders.written is None:
                check_target(self.config.out_dir)
            assembly, con = stack.enter_context(assembling(self.config, Report()))
            refuse_demo_in_public_site(assembly.config, assembly.contract.demo)
            assets = hashed_assets(assembly.config.static_dir)
            env = environment(assembly.config.templates_dir, asset_urls(assets))
            self.show(env, assembly, assets, fresh=True)
        except BaseException:
            stack.close()
            raise
        self.stack.close()
        self.stack, self.con, self.env, self.assets = stack, con, env, assets
        self.extra = deadline_params(assembly.contract)
        return time.perf_counter() - start

    def content_changed(self) -> float:
        """Re-model the editorial pages from content/ and re-render the pages that changed. Returns seconds."""
        if self.assembly is None:
            return self.full()
        start = time.perf_counter()
        errors: list[ContentError] = []
        sources = content_sources(self.config, errors)
        if status_years(sources) != status_years_of(self.assembly.site):
            return self.full()  # the newest status year shows on built-in pages too: model everything again
        pages = editorial_twins(self.con, sources, self.extra, errors)
        refuse_content_errors(errors)
        kept = tuple(p for p in self.assembly.site.pages if p.route not in EDITORIAL)
        site = replace(self.assembly.site, pages=kept + tuple(pages))
        self.show(self.env, replace(self.assembly, site=site), self.assets, fresh=False)
        return time.perf_counter() - start

    def templates_changed(self) -> float:
        """Re-render every page from the kept model (Jinja reloads the templates that changed). Returns seconds."""
        if self.assembly is None:
            return self.full()
        start = time.perf_counter()
        self.show(self.env, self.assembly, self.assets, fresh=True)
        return time.perf_counter() - start

    def static_changed(self) -> float:
        """Hash the static files again and re-render every page with the new asset addresses. Returns seconds."""
        if self.assembly is None:
            return self.full()
        start = time.perf_counter()
        assets = hashed_assets(self.assembly.config.static_dir)
        env = environment(self.assembly.config.templates_dir, asset_urls(assets))
        self.show(env, self.assembly, assets, fresh=True)
        self.env, self.assets = env, assets
        return time.perf_counter() - start

    def show(self, env: Any, assembly: Assembly, assets: dict[str, Any], fresh: bool) -> None:
        """Render the site and put it in the preview release; the model is kept only once it is shown."""
        files = self.renders.files(env, assembly.site, assembly.bulk, assets, fresh)
        if self.renders.written is None:
            first_release(assembly.config, files)
        else:
            changed, gone = self.renders.changes(files)
            root = self.config.out_dir.resolve()
            try:
                with storage_errors(self.config.out_dir, "forhåndsvisningen kan være delvis oppdatert"):
                    write_in_place(changed, root)
                    remove_in_place(gone, root)
            except BaseException:
                self.renders.written = None  # the disk no longer matches: the next good build is a whole release
                raise
        self.renders.written, self.assembly = files, assembly

    def close(self) -> None:
        """Close the in-memory database."""
        self.stack.close()


def first_release(config: Config, files: dict[str, bytes]) -> None:
    """The first preview build as a whole release, as `innsyn build` publishes it but without compressed copies."""
    every = {**files, **carried_forward(config.out_dir, files)}
    finish = finish_release if config.search else check_release_without_search
    publish(every, config.out_dir, finish, config.keep_releases)


def status_years(sources: list[Any]) -> list[int]:
    """The years of the status pages in content/ (the newest shows on built-in pages)."""
    own = [s for s in sources if not s.path.endswith(TWIN_SUFFIX)]  # a nynorsk twin is the same page
    return sorted(int(kind_of(s)[1]["aar"]) for s in own if kind_of(s)[0] == "status")


def status_years_of(site: Any) -> list[int]:
    """The years of the status pages the kept site was modelled with."""
    return sorted(int(p.params["aar"]) for p in site.pages if p.route == "status" and p.lang == DEFAULT)


def preview_config(config: Config) -> Config:
    """The preview's own settings: drafts included, fast compression (should anything compress), its report beside
    its output, no offline archive, only the live release kept (edits change that release in place, so an older
    one could no longer match its id)."""
    refuse_published(config.out_dir)
    report = config.out_dir.parent / "build-report.json"
    return replace(config, drafts=True, report_path=report, keep_releases=1, fast_compression=True, archive=False)


def refuse_published(out_dir: Path) -> None:
    """A usage error when the preview would write drafts into the folder `innsyn build` publishes."""
    if out_dir == Config().out_dir:
        raise BuildError(
            str(out_dir),
            "forhåndsvisningen skriver aldri til nettstedet som publiseres; "
            f"velg en annen --out (standard: {PREVIEW_OUT}).",
            code=Exit.USAGE,
        )
