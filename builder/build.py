"""The four stages in order: load → model → render → write."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from builder.checks import check_release
from builder.config import Config
from builder.contract import Contract, load_contract
from builder.errors import Finding, ValidationFailed, write_report
from builder.exports import checksums, manifest, page_table_files, versioned
from builder.extras import site_files
from builder.load import load
from builder.model import Site, model
from builder.releases import check_target, storage_errors
from builder.render import environment, render_page
from builder.search import index as search_index
from builder.validate import validate
from builder.write import hashed_assets, precompress, publish

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class Assembled:
    """The model of one build, with its database connection (open while the caller's stack is)."""

    config: Config
    contract: Contract
    site: Site
    con: duckdb.DuckDBPyConnection


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
    with ExitStack() as stack:
        assembled = assemble(config, report, stack)
    return publish_site(assembled, report, progress)


def assemble(config: Config, report: Report, stack: ExitStack) -> Assembled:
    """Refuse a bad output path, validate, load and model; the database stays open until `stack` closes."""
    check_target(config.out_dir)
    with timed(report, "load"):
        contract = load_contract(config.data_dir)
        config = replace(config, build_date=config.build_date or contract.release_date)
        validated = validate(contract)
        report.findings = validated.findings
        with storage_errors(config.report_path, "nettstedet er ikke endret"):
            config.report_path.parent.mkdir(parents=True, exist_ok=True)
            write_report(config.report_path, validated.findings)
        if not validated.ok or (config.strict and validated.findings):
            raise ValidationFailed(validated.findings)
        con = stack.enter_context(load(contract, validated.rows))
    with timed(report, "model"):
        site = model(con, contract, config)
    return Assembled(config, contract, site, con)


def publish_site(assembled: Assembled, report: Report, progress: Progress | None = None) -> Report:
    """Render the model and publish it as a new release."""
    config, site = assembled.config, assembled.site
    with timed(report, "render"):
        files = render(site, config, progress)
        files.update(carried_forward(config.out_dir, files))
    with timed(report, "write"):
        written = publish(files, config.out_dir, finish_release, config.keep_releases)
    report.pages, report.files, report.bytes, report.release_id = (
        len(site.pages),
        written.files,
        written.bytes,
        written.release_id,
    )
    return report


@contextmanager
def timed(report: Report, stage: str) -> Iterator[None]:
    """Add the seconds spent in the block to the stage's time."""
    start = time.perf_counter()
    try:
        yield
    finally:
        report.stages[stage] = report.stages.get(stage, 0.0) + time.perf_counter() - start


def render(site: Site, config: Config, progress: Progress | None = None) -> dict[str, bytes]:
    """Every output file of the site as bytes, keyed by path relative to the root."""
    assets = hashed_assets(config.static_dir)
    env = environment(config.templates_dir, {name: url for name, (url, _) in assets.items()})
    files: dict[str, bytes] = {}
    for i, page in enumerate(site.pages, start=1):
        files[page.output] = render_page(env, page, site).encode("utf-8")
        if progress:
            progress("render", i, len(site.pages))
    files.update({url.lstrip("/"): data for url, data in assets.values()})
    files.update(site_files(site))
    files.update(data_files(site))
    files.update(precompress(files, config.cache_dir))
    return files


def carried_forward(out_dir: Path, files: dict[str, bytes]) -> dict[str, bytes]:
    """Files of the live release that must outlive it: earlier data versions under /data/v/ (so cited
    extracts stay downloadable) and hashed assets (so a page loaded just before the swap still gets its CSS
    and JS). Never overwrites a file of the new release."""
    live = out_dir.resolve() if out_dir.exists() else None
    if live is None or not live.is_dir():
        return {}
    keep: dict[str, bytes] = {}
    for folder in ("data/v", "assets"):
        for path in sorted((live / folder).rglob("*")) if (live / folder).is_dir() else []:
            rel = path.relative_to(live).as_posix()
            if path.is_file() and rel not in files:
                keep[rel] = path.read_bytes()
    return keep


def finish_release(root: Path) -> None:
    """Before the swap: add the search index, then check every link (exit 3 on failure)."""
    search_index(root)
    check_release(root)


def data_files(site: Site) -> dict[str, bytes]:
    """Per-table downloads and the bulk release, newest and versioned, with SHA256SUMS over all of them."""
    latest = {**page_table_files(site.pages, site.release_info, site.sources), **site.bulk}
    files = {**latest, **versioned(latest, site.release)}
    files["data/SHA256SUMS"] = checksums(files)
    return files


def record_release(config: Config) -> Path:
    """Write data/<releases>/<version>.json: the sha256 of each published table for this version."""
    contract = load_contract(config.data_dir)
    validated = validate(contract)
    if not validated.ok:
        raise ValidationFailed(validated.findings)
    with load(contract, validated.rows) as con:
        site = model(con, contract, replace(config, build_date=contract.release_date))
    path = contract.root / contract.releases_dir / f"{contract.release_version}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {"versjon": contract.release_version, "dato": contract.release_date, "tabeller": manifest(site.datasets)}
    path.write_text(json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


def report_path_for(out_dir: Path) -> Path:
    """Where build-report.json goes for an output directory."""
    return out_dir.parent / "build-report.json"
