"""Live-reloading preview on loopback; a failed rebuild keeps the last good site up."""

from __future__ import annotations

from dataclasses import replace

import click
from livereload import Server

from builder.build import build
from builder.config import Config
from builder.errors import BuildError, ValidationFailed


def rebuild(config: Config) -> bool:
    """Build once; print errors instead of raising so the server keeps running."""
    try:
        report = build(config)
    except ValidationFailed as exc:
        for f in exc.findings:
            if f.severity == "error":
                click.echo(f.human(), err=True)
        click.echo("Bygget feilet; forrige versjon vises fortsatt.", err=True)
        return False
    except BuildError as exc:
        click.echo(f"Error: {exc.where}: {exc.message}", err=True)
        click.echo("Bygget feilet; forrige versjon vises fortsatt.", err=True)
        return False
    click.echo(f"built {report.pages} pages in {report.seconds:.2f}s", err=True)
    return True


def serve(config: Config, host: str, port: int) -> None:
    """Serve config.out_dir (drafts included) and rebuild when inputs change."""
    config = replace(config, drafts=True)
    if not rebuild(config) and not config.out_dir.exists():
        raise SystemExit(1)
    server = Server()
    for folder in (config.data_dir, config.content_dir, config.templates_dir, config.static_dir):
        server.watch(str(folder / "**" / "*"), lambda: rebuild(config))
    click.echo(f"Serving http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    server.serve(root=str(config.out_dir), host=host, port=port, open_url_delay=None)
