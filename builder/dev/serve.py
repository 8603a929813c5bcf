"""Live-reloading preview on loopback; a failed rebuild keeps the last good site up."""

from __future__ import annotations

from collections.abc import Callable

import click
from livereload import Server

from builder.config import Config
from builder.dev.preview import Preview, preview_config
from builder.errors import BuildError, ValidationFailed
from builder.publish.releases import describe


def attempt(step: Callable[[], float], what: str) -> bool:
    """Run a rebuild step; print errors instead of raising so the server keeps running."""
    try:
        seconds = step()
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
    except OSError as exc:
        click.echo(f"Error: {exc.filename or 'forhåndsvisning'}: kan ikke skrive: {describe(exc)}", err=True)
        click.echo("Bygget feilet; forrige versjon vises fortsatt.", err=True)
        return False
    click.echo(f"{what} in {seconds:.2f}s", err=True)
    return True


def serve(config: Config, host: str, port: int) -> None:
    """Serve config.out_dir, the preview's own folder (drafts included); a Markdown edit re-renders only the
    editorial pages, any other change rebuilds the whole site."""
    config = preview_config(config)
    preview = Preview(config)
    if not attempt(preview.full, "built the site") and not config.out_dir.exists():
        raise SystemExit(1)
    server = Server()
    for folder in (config.data_dir, config.templates_dir, config.static_dir):
        server.watch(str(folder / "**" / "*"), lambda: attempt(preview.full, "rebuilt the site"))
    server.watch(str(config.content_dir / "**" / "*"), lambda: attempt(preview.content_changed, "updated the pages"))
    click.echo(f"Serving http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    try:
        server.serve(root=str(config.out_dir), host=host, port=port, open_url_delay=None)
    finally:
        preview.close()
