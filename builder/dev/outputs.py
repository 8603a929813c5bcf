"""The preview's output files: the same files as build.render(), with each page's HTML and each page's table
downloads kept from the last render and reused while their inputs are unchanged, and written in place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import jinja2

from builder.language import language
from builder.model.datasets import Release
from builder.model.site import Page, Site
from builder.publish.assets import asset_files
from builder.publish.releases import FILE_MODE
from builder.render.bulk import SUMS, checksums, versioned
from builder.render.downloads import page_table_files
from builder.render.feeds import site_files
from builder.render.jinja import render_page

# What a page's downloads depend on: its tables, the release and the sources the tables cite.
DownloadKey = tuple[Any, Release, tuple[Any, ...]]


@dataclass
class Renders:
    """The last rendered HTML per page and downloads per page, and the files last written."""

    html: dict[str, tuple[Page, bytes]] = field(default_factory=dict)
    downloads: dict[str, tuple[DownloadKey, dict[str, bytes]]] = field(default_factory=dict)
    site_key: Site | None = None
    data: dict[str, bytes] = field(default_factory=dict)
    latest: dict[str, bytes] = field(default_factory=dict)
    written: dict[str, bytes] | None = None
    rendered: int = 0

    def files(
        self, env: jinja2.Environment, site: Site, bulk: Mapping[str, bytes], assets: Mapping[str, Any], fresh: bool
    ) -> dict[str, bytes]:
        """Every file build.render() makes for this site; `fresh` re-renders every page (templates or assets
        changed), otherwise a page equal to the one last rendered, on a site equal apart from its pages, keeps its
        HTML."""
        key = replace(site, pages=())
        fresh = fresh or key != self.site_key
        self.site_key, self.rendered = key, 0
        pages = {p.output: self.page_html(env, p, site, fresh) for p in site.pages}
        self.html = {out: self.html[out] for out in pages}
        files = {**pages, **asset_files(dict(assets)), **site_files(site), **self.data_files(site, bulk)}
        return files

    def page_html(self, env: jinja2.Environment, page: Page, site: Site, fresh: bool) -> bytes:
        """A page's HTML, rendered again only when the page or anything it is rendered with changed."""
        kept = self.html.get(page.output)
        if not fresh and kept is not None and kept[0] == page:
            return kept[1]
        with language(page.lang):
            html = render_page(env, page, site).encode("utf-8")
        self.html[page.output] = (page, html)
        self.rendered += 1
        return html

    def data_files(self, site: Site, bulk: Mapping[str, bytes]) -> dict[str, bytes]:
        """As bulk.data_files(): per-table downloads and the bulk files, newest and versioned, with SHA256SUMS;
        recomputed only when a download or bulk file changed."""
        latest = {**self.page_downloads(site), **bulk}
        if latest != self.latest:
            self.latest = latest
            self.data = {**latest, **versioned(latest, site.release)}
            self.data[SUMS] = checksums(self.data)
        return self.data

    def page_downloads(self, site: Site) -> dict[str, bytes]:
        """Every page's table downloads, each page's made again only when its tables, the release or the sources
        they cite changed."""
        files: dict[str, bytes] = {}
        seen: dict[str, tuple[DownloadKey, dict[str, bytes]]] = {}
        release = site.release_info
        for page in site.pages:
            tables = page.content.tables
            cited = tuple(site.sources.get(s) for table in tables for s in table.sources)
            key: DownloadKey = (tables, release, cited)
            kept = self.downloads.get(page.url)
            made = kept[1] if kept is not None and kept[0] == key else page_table_files([page], release, site.sources)
            seen[page.url] = (key, made)
            files.update(made)
        self.downloads = seen
        return files

    def changes(self, files: Mapping[str, bytes]) -> tuple[dict[str, bytes], list[str]]:
        """The files that differ from those last written, and the paths no longer made."""
        before = self.written or {}
        changed = {rel: data for rel, data in files.items() if before.get(rel) != data}
        gone = sorted(set(before) - set(files))
        return changed, gone


def write_in_place(files: Mapping[str, bytes], root: Path) -> None:
    """Replace files of the live preview release one by one (each by a rename), readable by any user."""
    for rel, data in sorted(files.items()):
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.preview")
        tmp.write_bytes(data)
        tmp.chmod(FILE_MODE)
        tmp.replace(target)


def remove_in_place(paths: list[str], root: Path) -> None:
    """Remove files the site no longer has (a deleted page and its downloads) from the live preview release."""
    for rel in paths:
        (root / rel).unlink(missing_ok=True)
