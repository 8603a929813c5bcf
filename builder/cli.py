"""The `innsyn` command: build, check and serve (exit codes: 0 ok, 1 data, 2 usage, 3 check, 4 internal)."""

from __future__ import annotations

import signal
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

import click

from builder.cli_text import COMMANDS, OPTIONS, STAGES, NorwegianGroup, summary
from builder.config import load_config
from builder.errors import BuildError, Exit, Finding, ValidationFailed
from builder.faults import internal_line, memory_line, os_error_line

if TYPE_CHECKING:  # the build (DuckDB, pyarrow, Jinja) is imported inside the commands: `innsyn --help` stays fast
    from builder.build import Report

MAX_SHOWN_PER_RULE = 20


def print_findings(findings: list[Finding]) -> None:
    """Every finding on stderr (at most 20 per rule, then a count), errors and warnings alike."""
    shown: dict[str, int] = {}
    for f in findings:
        shown[f.rule] = shown.get(f.rule, 0) + 1
        if shown[f.rule] <= MAX_SHOWN_PER_RULE:
            click.echo(f.human(), err=True)
    for rule, count in sorted(shown.items()):
        if count > MAX_SHOWN_PER_RULE:
            click.echo(f"… [{rule}] {count - MAX_SHOWN_PER_RULE} til (se build-report.json)", err=True)


def run_guarded(action: Callable[[], Any]) -> Any:
    """Run an action, turning failures into messages and exit codes; SIGTERM behaves like Ctrl-C."""

    def on_term(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, on_term)
    try:
        return action()
    except ValidationFailed as exc:
        print_findings(exc.findings)
        click.echo(f"Feil: {exc.message}; nettstedet er ikke endret.", err=True)
        sys.exit(Exit.DATA)
    except BuildError as exc:
        click.echo(f"Feil: {exc.where}: {exc.message}", err=True)
        sys.exit(exc.code)
    except KeyboardInterrupt:
        click.echo("Avbrutt; nettstedet er ikke endret.", err=True)
        sys.exit(Exit.INTERNAL)
    except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
        raise
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        _fail_internally(exc)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _fail_internally(exc: Exception) -> NoReturn:
    """One Norwegian line for an unexpected failure (the traceback only with --debug), then exit 4."""
    debug = _debug_enabled()
    if debug:
        click.echo(traceback.format_exc().rstrip(), err=True)
    if isinstance(exc, OSError):
        line = os_error_line(exc)
    elif isinstance(exc, MemoryError):
        line = memory_line()
    else:
        line = internal_line(exc, debug=debug)
    click.echo(line, err=True)
    sys.exit(Exit.INTERNAL)


def _debug_enabled() -> bool:
    """True when the command line has the global --debug flag."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.find_root().params.get("debug"))


class GuardedGroup(NorwegianGroup):
    """A command group whose commands never show a traceback: whatever escapes them goes through run_guarded."""

    def invoke(self, ctx: click.Context) -> Any:
        """Invoke the chosen command under run_guarded."""
        invoke = super().invoke
        return run_guarded(lambda: invoke(ctx))


@click.group(cls=GuardedGroup, help=COMMANDS["main"], context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kompetanseinnsyn", help=OPTIONS["version"])
@click.option("--debug", is_flag=True, help=OPTIONS["debug"])
def main(debug: bool) -> None:
    """Build the Kompetanseinnsyn static site from the data in data/."""


@main.command("build", help=COMMANDS["build"])
@click.option("--data", "data_dir", type=click.Path(path_type=Path), help=OPTIONS["data"])
@click.option("--content", "content_dir", type=click.Path(path_type=Path), help=OPTIONS["content"])
@click.option("--out", "out_dir", type=click.Path(path_type=Path), help=OPTIONS["out"])
@click.option("--base-url", help=OPTIONS["base-url"])
@click.option("--strict", is_flag=True, help=OPTIONS["strict"])
@click.option("--drafts", is_flag=True, default=None, help=OPTIONS["drafts"])
@click.option(
    "--keep-releases",
    type=click.IntRange(min=1),
    help=OPTIONS["keep-releases"],
)
def build_cmd(**options: Any) -> None:
    """Validate the data, build every page and publish the site atomically."""
    from builder.build import build

    config = run_guarded(lambda: load_config(**options))
    bar = _progress() if sys.stderr.isatty() else None
    report: Report = run_guarded(lambda: build(config, progress=bar))
    warnings = [f for f in report.findings if f.severity == "warning"]
    if warnings:
        print_findings(warnings)
    click.echo(summary(report.pages, report.files, report.bytes, report.stages, report.release_id), err=True)


@main.command("check", help=COMMANDS["check"])
@click.option("--data", "data_dir", type=click.Path(path_type=Path), help=OPTIONS["data"])
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path),
    help=OPTIONS["report"],
)
def check_cmd(**options: Any) -> None:
    """Validate the data only: print every finding and write a JSON report."""
    from builder.build import check

    config = run_guarded(lambda: load_config(**options))
    findings: list[Finding] = run_guarded(lambda: check(config))
    print_findings(findings)
    errors = sum(1 for f in findings if f.severity == "error")
    click.echo(f"{errors} feil, {len(findings) - errors} advarsler; rapport: {config.report_path}", err=True)
    sys.exit(Exit.DATA if errors else Exit.OK)


@main.command("release", help=COMMANDS["release"])
@click.option("--data", "data_dir", type=click.Path(path_type=Path), help=OPTIONS["data"])
def release_cmd(**options: Any) -> None:
    """Record the published values of the current data version, so later silent changes fail the build."""
    from builder.build import record_release

    config = run_guarded(lambda: load_config(**options))
    path = run_guarded(lambda: record_release(config))
    click.echo(f"registrerte {path}", err=True)


@main.group("new", help=COMMANDS["new"])
def new_group() -> None:
    """Create content from a template."""


@new_group.command("status", help=COMMANDS["new status"])
@click.argument("year", type=click.IntRange(2000, 2100))
@click.option("--content", "content_dir", type=click.Path(path_type=Path), help=OPTIONS["content"])
def new_status(year: int, content_dir: Path | None) -> None:
    """Scaffold content/status/<year>.md with the year's shortcodes filled in."""
    from builder.load.contract import load_contract
    from builder.model.editorial import scaffold_status
    from builder.render.fmt import day_month

    config = run_guarded(lambda: load_config(content_dir=content_dir))
    contract = run_guarded(lambda: load_contract(config.data_dir))
    month, day = (int(part) for part in contract.report_deadline.split("-")[:2])
    path = config.content_dir / "status" / f"{year}.md"
    if path.exists():
        raise click.UsageError(f"{path} finnes allerede; den blir ikke overskrevet.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold_status(year, day_month(month, day)), encoding="utf-8")
    click.echo(f"opprettet {path}", err=True)


@main.command("fetch", help=COMMANDS["fetch"])
@click.option(
    "--only",
    help=OPTIONS["only"],
)
@click.option(
    "--year",
    type=int,
    help=OPTIONS["year"],
)
@click.option("--cache", "cache_dir", type=click.Path(path_type=Path), help=OPTIONS["cache"])
@click.option("--offline", is_flag=True, help=OPTIONS["offline"])
@click.option("--data", "data_dir", type=click.Path(path_type=Path), help=OPTIONS["data"])
@click.option(
    "--endpoint",
    multiple=True,
    help=OPTIONS["endpoint"],
)
def fetch_cmd(
    only: str | None, year: int | None, cache_dir: Path | None, offline: bool, endpoint: tuple[str, ...], **options: Any
) -> None:
    """Refresh reference tables from public APIs into data/; nothing changes unless all of it validates."""
    from builder.fetch import ENDPOINTS, Client, fetch

    config = run_guarded(lambda: load_config(**options))
    endpoints = dict(ENDPOINTS)
    for item in endpoint:
        name, _, url = item.partition("=")
        if name not in endpoints or not url.startswith(("http://", "https://")):
            names = ", ".join(sorted(endpoints))
            raise click.UsageError(f"--endpoint {item!r}: skriv NAVN=URL med http(s), der NAVN er en av {names}")
        endpoints[name] = url.rstrip("/")
    client = Client(cache_dir or config.data_dir.parent / ".cache" / "fetch", offline=offline)
    result = run_guarded(lambda: fetch(config.data_dir, client, endpoints, only, year))
    for url in result["hentet"]:
        click.echo(f"hentet {url}", err=True)
    for note in result["merknader"]:
        click.echo(f"merk: {note}", err=True)
    for table, counts in result["tabeller"].items():
        click.echo(f"{table}: " + ", ".join(f"{n} {k}" for k, n in counts.items()), err=True)


@main.command("serve", help=COMMANDS["serve"])
@click.option("--port", default=8000, show_default=True, help=OPTIONS["port"])
@click.option("--host", default="127.0.0.1", show_default=True, help=OPTIONS["host"])
@click.option("--allow-remote", is_flag=True, help=OPTIONS["allow-remote"])
@click.option("--data", "data_dir", type=click.Path(path_type=Path), help=OPTIONS["data"])
@click.option(
    "--out",
    "out_dir",
    type=click.Path(path_type=Path),
    help=OPTIONS["preview-out"],
)
def serve_cmd(port: int, host: str, allow_remote: bool, **options: Any) -> None:
    """Build, serve on 127.0.0.1 and rebuild on changes to data, content, templates and static files."""
    from builder.config import PREVIEW_OUT
    from builder.dev.preview import preview_config
    from builder.dev.serve import serve

    if host not in ("127.0.0.1", "localhost", "::1") and not allow_remote:
        raise click.UsageError(f"--host {host} er ikke loopback; legg til --allow-remote for å vise forhåndsvisningen.")
    options["out_dir"] = options["out_dir"] or PREVIEW_OUT
    config = run_guarded(lambda: preview_config(load_config(**options)))
    serve(config, host, port)


def _progress() -> Callable[[str, int, int], None]:
    """A one-line progress bar on stderr."""

    def show(stage: str, done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        end = "\n" if done == total else ""
        name = STAGES.get(stage, stage)
        click.echo(f"\r{name:11} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}{end}", err=True, nl=False)

    return show
