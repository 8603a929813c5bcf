"""The one pipeline: load → model → render → publish. `innsyn build`, `innsyn release`, the preview and the tests
all reach a Site through assemble(); only build and the preview go on to render and publish it."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb
import jinja2

from builder.config import Config, refuse_demo_in_public_site
from builder.errors import Finding, ValidationFailed, write_report
from builder.language import language
from builder.load.contract import Contract, load_contract
from builder.load.database import load
from builder.load.validate import Validated, validate
from builder.model.datasets import published
from builder.model.records import first_issued, read_snapshots
from builder.model.site import Page, Site, model
from builder.publish.assets import asset_files, asset_urls, hashed_assets
from builder.publish.checks import check_release, check_release_without_search
from builder.publish.compress import precompress
from builder.publish.releases import carried_forward, check_target, storage_errors
from builder.publish.search import index as search_index
from builder.publish.versions import check_unchanged, record
from builder.publish.write import publish
from builder.render.archive import (
    ARCHIVE_PAGE,
    ArchiveLink,
    archive_files,
    archive_path,
    input_package,
    site_archive,
)
from builder.render.bulk import bulk_files, data_files, file_sizes
from builder.render.feeds import site_files
from builder.render.jinja import environment, render_page

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Assembly:
    """What the model stage hands on: the Site, and the bulk files whose sizes the data page shows."""

    config: Config
    contract: Contract
    site: Site
    bulk: Mapping[str, bytes]


@dataclass
class Report:
    """What a build did: counts, bytes, seconds per stage and every finding."""

    pages: int = 0
    files: int = 0
    bytes: int = 0
    release_id: str = ""
    stages: dict[str, float] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)

    @property
    def seconds(self) -> float:
        """Total time of all stages."""
        return sum(self.stages.values())


def check(config: Config) -> list[Finding]:
    """Validation only: every finding, and build-report.json."""
    validated = validate(load_contract(config.data_dir))
    write_report(config.report_path, validated.findings)
    return validated.findings


def build(config: Config, progress: Progress | None = None) -> Report:
    """Validate, model, render and publish; the previous site stays live on any failure."""
    report = Report()
    check_target(config.out_dir)  # before any work: a bad --out is refused with nothing read
    return publish_site(assemble(config, report), report, progress)


def record_release(config: Config) -> Path:
    """Write data/<releases>/<version>.json: the sha256 and the values of each published table for this version."""
    assembly = assemble(config)
    return record(assembly.contract, assembly.site.datasets)


def assemble(config: Config, report: Report | None = None) -> Assembly:
    """Validate, load and model; the database is closed before this returns, so rendering cannot query."""
    with assembling(config, report or Report()) as (assembly, _):
        return assembly


@contextmanager
def assembling(config: Config, report: Report) -> Iterator[tuple[Assembly, duckdb.DuckDBPyConnection]]:
    """assemble() with the database kept open for the block (the preview re-models content pages from it)."""
    with ExitStack() as stack:
        with timed(report, "load"):
            config, contract, validated = validated_input(config, report)
            con = stack.enter_context(load(contract, validated.rows))
        with timed(report, "model"):
            data = published(con, contract, config.base_url)
            records = read_snapshots(contract.root / contract.releases_dir)
            data = replace(data, issued=first_issued(records, [ds.name for ds in data.datasets], data.release.date))
            check_unchanged(contract, data.datasets)
        with timed(report, "render"):
            bulk = bulk_files(data)  # rendered before the pages: the data page shows the files' sizes
        with timed(report, "model"):
            site = model(con, contract, config, data, file_sizes(bulk))
        yield Assembly(config, contract, site, bulk), con


def validated_input(config: Config, report: Report) -> tuple[Config, Contract, Validated]:
    """The contract and every checked row, with build-report.json written; stops on errors (or warnings with
    --strict). The config gets the release date as build date unless SOURCE_DATE_EPOCH set one."""
    contract = load_contract(config.data_dir)
    config = replace(config, build_date=config.build_date or contract.release_date)
    validated = validate(contract)
    report.findings = validated.findings
    with storage_errors(config.report_path, "nettstedet er ikke endret"):
        config.report_path.parent.mkdir(parents=True, exist_ok=True)
        write_report(config.report_path, validated.findings)
    if not validated.ok or (config.strict and validated.findings):
        raise ValidationFailed(validated.findings)
    return config, contract, validated


def publish_site(assembly: Assembly, report: Report, progress: Progress | None = None) -> Report:
    """Render the model, then publish it as a new release beside the live one."""
    config, site = assembly.config, assembly.site
    refuse_demo_in_public_site(config, assembly.contract.demo)  # before anything is rendered or written
    with timed(report, "render"):
        package = input_package(assembly.contract) if config.archive else None
        files = render(site, assembly.bulk, config, progress, package)
    with timed(report, "write"):
        files.update(precompress(files, config.cache_dir, fast=config.fast_compression))
        files.update(carried_forward(config.out_dir, files))
        finish = finish_release if config.search else check_release_without_search
        written = publish(files, config.out_dir, finish, config.keep_releases)
    report.pages, report.files, report.bytes, report.release_id = (
        len(site.pages),
        written.files,
        written.bytes,
        written.release_id,
    )
    return report


def render(
    site: Site,
    bulk: Mapping[str, bytes],
    config: Config,
    progress: Progress | None = None,
    package: Mapping[str, bytes] | None = None,
) -> dict[str, bytes]:
    """Every output file of the site as bytes, keyed by path relative to the root (pure: nothing is read from
    the live site). With the input data package, the offline archive too, made last from every file rendered
    before it (the pages that show its size are rendered with it)."""
    assets = hashed_assets(config.static_dir)
    env = environment(config.templates_dir, asset_urls(assets))
    env.globals["archive"] = None  # the data page's link to the archive, set by archived()
    last = [p for p in site.pages if package is not None and p.template == ARCHIVE_PAGE]
    files = render_pages(env, site, [p for p in site.pages if package is None or p.template != ARCHIVE_PAGE], progress)
    files.update(asset_files(assets))
    files.update(site_files(site))
    files.update(data_files(site, bulk))
    if package is not None:
        files.update(archived(env, site, files, package, last))
    return files


def render_pages(
    env: jinja2.Environment, site: Site, pages: Sequence[Page], progress: Progress | None = None
) -> dict[str, bytes]:
    """Some pages of the site, each in its language."""
    files: dict[str, bytes] = {}
    for i, page in enumerate(pages, start=1):
        with language(page.lang):
            files[page.output] = render_page(env, page, site).encode("utf-8")
        if progress:
            progress("render", i, len(pages))
    return files


def archived(
    env: jinja2.Environment, site: Site, files: Mapping[str, bytes], package: Mapping[str, bytes], last: list[Page]
) -> dict[str, bytes]:
    """The offline archive of this release, and the pages that link it with its size."""
    path = archive_path(site.release, site.demo)

    def render_last(link: ArchiveLink) -> dict[str, bytes]:
        env.globals["archive"] = link
        return render_pages(env, site, last)

    pages, archive = site_archive(files, package, ArchiveLink("/" + path), site.release_date, render_last)
    return {**pages, **archive_files(path, archive)}


@contextmanager
def timed(report: Report, stage: str) -> Iterator[None]:
    """Add the seconds spent in the block to the stage's time."""
    start = time.perf_counter()
    try:
        yield
    finally:
        report.stages[stage] = report.stages.get(stage, 0.0) + time.perf_counter() - start


def finish_release(root: Path) -> None:
    """Before the swap: add the search index, then check every link (exit 3 on failure)."""
    search_index(root)
    check_release(root)
