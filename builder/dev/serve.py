"""Live-reloading preview on loopback; a failed rebuild keeps the last good site up."""

from __future__ import annotations

from collections.abc import Callable

import click
from livereload import Server

from builder.cli_text import seconds as format_seconds
from builder.config import Config
from builder.dev.preview import Preview, preview_config
from builder.dev.watch import Poller, Task
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
        click.echo(f"Feil: {exc.where}: {exc.message}", err=True)
        click.echo("Bygget feilet; forrige versjon vises fortsatt.", err=True)
        return False
    except OSError as exc:
        click.echo(f"Feil: {exc.filename or 'forhåndsvisning'}: kan ikke skrive: {describe(exc)}", err=True)
        click.echo("Bygget feilet; forrige versjon vises fortsatt.", err=True)
        return False
    click.echo(f"{what} på {format_seconds(seconds)}", err=True)
    return True


def serve(config: Config, host: str, port: int) -> None:
    """Serve config.out_dir, the preview's own folder (drafts included); each kind of edit redoes only what it
    touches (see builder/dev/preview.py)."""
    config = preview_config(config)
    preview = Preview(config)
    if not attempt(preview.full, "bygde nettstedet") and not config.out_dir.exists():
        raise SystemExit(1)
    data, static, templates, content = config.data_dir, config.static_dir, config.templates_dir, config.content_dir
    tasks = (  # a data rebuild redoes everything; new assets re-render every page, as a template edit does
        Task(data, lambda: attempt(preview.full, "bygde nettstedet på nytt"), (static, templates, content)),
        Task(static, lambda: attempt(preview.static_changed, "lagde sidene på nytt med nye filer"), (templates,)),
        Task(templates, lambda: attempt(preview.templates_changed, "lagde sidene på nytt")),
        Task(content, lambda: attempt(preview.content_changed, "oppdaterte sidene")),
    )
    server = Server(watcher=Poller(tasks))
    click.echo(f"Viser http://{host}:{port}/ (Ctrl-C avslutter)", err=True)
    try:
        server.serve(root=str(config.out_dir), host=host, port=port, open_url_delay=None)
    finally:
        preview.close()
