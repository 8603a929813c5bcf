"""STAGE 2: route table × query rows → a frozen Site of pages. The only stage that runs SQL."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import duckdb

from builder import pages as overview
from builder import pages_detail as detail
from builder.config import Config
from builder.contract import Contract
from builder.errors import BuildError, Exit
from builder.pages import Content
from builder.queries import run
from builder.routes import NAV, ROUTES, Route, page_params, url_for


@dataclass(frozen=True)
class Page:
    """One output page: where it goes and what it shows."""

    route: str
    template: str
    url: str
    output: str
    params: Mapping[str, Any]
    content: Content


@dataclass(frozen=True)
class Site:
    """Everything the renderer needs, computed once."""

    pages: tuple[Page, ...]
    nav: tuple[tuple[str, str], ...]
    release: str
    release_date: str
    build_date: str
    base_url: str
    sources: Mapping[str, Mapping[str, Any]]
    license: str


def model(con: duckdb.DuckDBPyConnection, contract: Contract, config: Config) -> Site:
    """Run every route's queries and assemble its pages."""
    deadline = contract.report_deadline.split("-")
    extra = {"frist_maaned": int(deadline[0]), "frist_dag": int(deadline[1])}
    built: list[Page] = []
    for route in ROUTES:
        built.extend(_route_pages(con, route, extra))
    _refuse_duplicates(built)
    sources = {r["kilde_id"]: r for r in run(con, "sources")}
    nav = tuple((f"nav.{name}", url_for(name)) for name in NAV)
    return Site(
        tuple(built),
        nav,
        contract.release_version,
        contract.release_date,
        config.build_date,
        config.base_url,
        sources,
        contract.license_name,
    )


ASSEMBLERS = {
    "home": overview.home,
    "counties": overview.counties,
    "county": detail.county,
    "schemes": overview.schemes,
    "scheme": detail.scheme,
    "years": overview.years,
    "year": detail.year,
    "compare": overview.compare,
    "about": overview.about,
    "notfound": overview.notfound,
}


def _route_pages(con: duckdb.DuckDBPyConnection, route: Route, extra: dict[str, int]) -> list[Page]:
    """All pages of one route."""
    each = run(con, route.each) if route.each else [{}]
    if route.each and not each:
        raise BuildError(
            f'route "{route.name}"',
            f'ingen sider: spørringen "{route.each}" ga ingen rader (er data/ tom?)',
            code=Exit.DATA,
        )
    pages = []
    for row in each:
        params = page_params(route, row)
        query_params = {k: params[k] for k in route.params}
        rows = {q: run(con, q, **_params_for(q, query_params, extra)) for q in route.queries}
        content = ASSEMBLERS[route.name](rows, {**params, "row": row})
        pages.append(Page(route.name, route.template, route.path(**params), route.output(**params), params, content))
    return pages


def _params_for(query: str, params: dict[str, Any], extra: dict[str, int]) -> dict[str, Any]:
    """Only the parameters a query's SQL mentions."""
    from builder.queries import sql_text

    text = sql_text(query)
    return {k: v for k, v in {**params, **extra}.items() if f"${k}" in text}


def _refuse_duplicates(pages: list[Page]) -> None:
    """Two pages may never write the same file (S-12)."""
    seen: dict[str, str] = {}
    for page in pages:
        if page.output in seen:
            raise BuildError(
                "model",
                f"to sider skriver {page.output} (ruter «{seen[page.output]}» og «{page.route}»)",
                code=Exit.DATA,
            )
        seen[page.output] = page.route
