"""STAGE 3: Jinja with autoescape and StrictUndefined; templates only format what the model computed."""

from __future__ import annotations

from pathlib import Path

import jinja2

from builder.errors import BuildError, Exit
from builder.model.routes import url_for
from builder.model.site import Page, Site
from builder.render import fmt
from builder.render.downloads import download_base
from builder.render.i18n import t


def environment(templates_dir: Path, assets: dict[str, str]) -> jinja2.Environment:
    """The one Jinja environment: autoescape on for every template, undefined names raise."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        nok=fmt.nok, number=fmt.number, mill=fmt.mill, pct=fmt.pct, date_nb=fmt.date_nb, signed_pct=fmt.signed_pct
    )
    env.globals.update(t=t, url_for=url_for, asset=lambda name: assets[name], download_base=download_base)
    return env


def render_page(env: jinja2.Environment, page: Page, site: Site) -> str:
    """Render one page; template errors name the template, line and page."""
    try:
        template = env.get_template(page.template)
        return template.render(page=page, c=page.content, site=site)
    except jinja2.TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f"templates/{page.template}" + (f" line {line}" if line else "")
        raise BuildError(where, f"{exc} (page {page.url})", code=Exit.INTERNAL) from exc
