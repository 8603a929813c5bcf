"""STAGE 3: Jinja with autoescape and StrictUndefined; templates only format what the model computed."""

from __future__ import annotations

from pathlib import Path

import jinja2

from builder.config import PUBLISHER
from builder.errors import BuildError, Exit
from builder.language import localized, unlocalized
from builder.model.routes import url_for
from builder.model.site import Page, Site
from builder.render import bulk, catalog, fmt, svg
from builder.render.downloads import TABLE_FORMATS, table_download_url, table_version_url
from builder.render.i18n import t

# Files that are not pages (so not in the route table), by the name templates use for them.
SITE_FILES = {
    "feed": "feed.xml",
    "search_css": "pagefind/pagefind-ui.css",
    "search_js": "pagefind/pagefind-ui.js",
    "zip": bulk.ZIP,
    "zip_demo": bulk.DEMO_ZIP,
    "package": bulk.PACKAGE,
    "checksums": bulk.SUMS,
    "catalog_ttl": catalog.CATALOG_TTL,
    "catalog_jsonld": catalog.CATALOG_JSONLD,
}


def file_url(name: str) -> str:
    """The site-relative URL of a file that is not a page, e.g. file_url("feed") → /feed.xml."""
    return "/" + SITE_FILES[name]


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
        nok=fmt.nok,
        number=fmt.number,
        mill=fmt.mill,
        pct=fmt.pct,
        date_nb=fmt.date_nb,
        signed_pct=fmt.signed_pct,
        words=fmt.words,
        years=fmt.years,
        deadline=lambda facts: fmt.day_month(facts.deadline_month, facts.deadline_day),
        chart_svg=lambda chart: svg.chart_markup(chart.id, chart.figure),
        file_name=lambda url: url.rpartition("/")[2],  # a download's own name, shown as its link text
    )
    env.globals.update(
        t=t,
        url_for=url_for,
        asset=lambda name: assets[name],
        file_url=file_url,
        table_formats=TABLE_FORMATS,
        table_download_url=table_download_url,
        table_version_url=table_version_url,
        dataset_formats=bulk.DATASET_FORMATS,
        dataset_download_url=bulk.dataset_download_url,
        versions_url=bulk.versions_url,
        publisher=PUBLISHER,
        localized=localized,
        unlocalized=unlocalized,
    )
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
