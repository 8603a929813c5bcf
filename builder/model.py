"""STAGE 2: route table × query rows → a frozen Site of pages. The only stage that runs SQL."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb

from builder import pages as overview
from builder import pages_detail as detail
from builder.config import Config
from builder.content import ContentError, Source, read_sources
from builder.contract import Contract
from builder.downloads import Release
from builder.editorial import editorial_content, kind_of, shortcode_reference, status_index
from builder.errors import BuildError, Exit
from builder.exports import Dataset, bulk_files, manifest
from builder.pages import Content
from builder.queries import run
from builder.routes import NAV, ROUTE_BY_NAME, ROUTES, Route, page_params, url_for


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
    datasets: tuple[Dataset, ...] = ()
    bulk: Mapping[str, bytes] = field(default_factory=dict)
    changelog: tuple[Mapping[str, Any], ...] = ()

    @property
    def release_info(self) -> Release:
        """The release every extract carries."""
        return Release(self.release, self.release_date, self.license, self.base_url)


def model(con: duckdb.DuckDBPyConnection, contract: Contract, config: Config) -> Site:
    """Run every route's queries and assemble its pages."""
    deadline = contract.report_deadline.split("-")
    extra = {"frist_maaned": int(deadline[0]), "frist_dag": int(deadline[1])}
    sources = {r["kilde_id"]: r for r in run(con, "sources")}
    datasets = tuple(_dataset(con, contract, spec.name) for spec in contract.resources)
    changelog = tuple(run(con, "dataset", tabell="endringslogg"))
    check_release(contract, datasets, changelog)
    release = Release(contract.release_version, contract.release_date, contract.license_name, config.base_url)
    bulk = bulk_files(datasets, release, [sources[k] for k in sorted(sources)])
    errors: list[ContentError] = []
    texts = [
        s for s in read_sources(config.content_dir, config.content_dir.parent, errors) if config.drafts or not s.draft
    ]
    statuses = sorted(int(kind_of(s)[1]["aar"]) for s in texts if kind_of(s)[0] == "status")
    shared = {
        "datasets": datasets,
        "bulk": bulk,
        "changelog": changelog,
        "release": release,
        "latest_status": statuses[-1] if statuses else None,
    }
    built: list[Page] = []
    for route in ROUTES:
        if route.each != "content" and route.name not in ("status_index", "shortcodes"):
            built.extend(_route_pages(con, route, extra, shared))
    built.extend(editorial_pages(con, texts, extra, errors))
    if errors:
        raise BuildError(
            "content",
            "\n" + "\n".join(e.human() for e in sorted(errors, key=lambda e: (e.file, e.line))),
            code=Exit.DATA,
        )
    _refuse_duplicates(built)
    nav = tuple((f"nav.{name}", url_for(name)) for name in NAV)
    history = tuple(sorted(changelog, key=lambda r: (r["dato"], r["versjon"]), reverse=True))
    return Site(
        tuple(built),
        nav,
        contract.release_version,
        contract.release_date,
        config.build_date,
        config.base_url,
        sources,
        contract.license_name,
        datasets,
        bulk,
        history,
    )


EDITORIAL = ("status", "page", "status_index", "shortcodes")


def editorial_pages(
    con: duckdb.DuckDBPyConnection, sources: list[Source], extra: dict[str, int], errors: list[ContentError]
) -> list[Page]:
    """Status pages, plain content pages, the status index and the shortcode reference."""
    schemes = {str(r["ordning_id"]) for r in run(con, "schemes")}

    def query(name: str, **params: Any) -> list[dict[str, Any]]:
        return run(con, name, **_params_for(name, params, {}))

    pages: list[Page] = []
    entries = []
    owners = dict(_builtin_owners())
    for source in sources:
        name, params = kind_of(source)
        route = ROUTE_BY_NAME[name]
        if not _claim(owners, route.output(**params), route.path(**params), source.path, errors):
            continue
        template = str(source.meta.get("template") or route.template)
        content = editorial_content(source, name, params, query, extra, schemes, errors)
        pages.append(Page(name, template, route.path(**params), route.output(**params), params, content))
        if name == "status":
            entries.append(
                {
                    "aar": params["aar"],
                    "title": source.title,
                    "url": route.path(**params),
                    "date": source.meta.get("date"),
                    "description": content.description,
                }
            )
    for name, content in (("status_index", status_index(entries)), ("shortcodes", shortcode_reference())):
        route = ROUTE_BY_NAME[name]
        pages.append(Page(name, route.template, route.path(), route.output(), {}, content))
    return pages


def _builtin_owners() -> list[tuple[str, str]]:
    """(output file, description) of every built-in page with a fixed address, which content may not take."""
    return [
        (route.output(), f"den innebygde siden «{route.name}» ({route.template})")
        for route in ROUTES
        if "{" not in route.pattern
    ]


def _claim(owners: dict[str, str], output: str, url: str, path: str, errors: list[ContentError]) -> bool:
    """Take an output file for a content page, or report both owners of the address (S-SLUG)."""
    if output in owners:
        errors.append(
            ContentError(path, 1, "S-SLUG", f"samme adresse {url} som {owners[output]}; gi en av filene et annet navn.")
        )
        return False
    owners[output] = path
    return True


def _dataset(con: duckdb.DuckDBPyConnection, contract: Contract, name: str) -> Dataset:
    """One input resource with its schema and rows, for the bulk downloads."""
    spec = contract.resource(name)
    fields = tuple(
        {"name": f.name, "type": f.type, "title": f.title, "description": f.description, "money": f.money}
        for f in spec.fields
    )
    title, description = contract.titles.get(name, (name, ""))
    return Dataset(name, title, description, fields, tuple(run(con, "dataset", tabell=name)), spec.primary_key)


def check_release(contract: Contract, datasets: tuple[Dataset, ...], changelog: tuple[dict[str, Any], ...]) -> None:
    """Published values may change only with a new version that has a change-log entry (T27)."""
    version = contract.release_version
    if not any(r["versjon"] == version for r in changelog):
        raise BuildError(
            "data/endringslogg.csv",
            f"dataversjon {version} (x-release i datapackage.json) mangler en "
            "linje i endringsloggen. Beskriv hva som er nytt eller rettet.",
            code=Exit.DATA,
        )
    stored = contract.root / contract.releases_dir / f"{version}.json"
    if not stored.is_file():
        return
    before = json.loads(stored.read_text(encoding="utf-8"))["tabeller"]
    changed = sorted(k for k, v in manifest(datasets).items() if before.get(k) != v)
    if changed:
        raise BuildError(
            f"data/{contract.releases_dir}/{version}.json",
            f"publiserte verdier er endret i {', '.join(changed)}, men versjon {version} er allerede "
            "utgitt. Øk versjonen i datapackage.json (x-release) og beskriv endringen i "
            "endringslogg.csv.",
            code=Exit.DATA,
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
    "data": overview.data_page,
    "dictionary": overview.dictionary,
}


def _route_pages(
    con: duckdb.DuckDBPyConnection, route: Route, extra: dict[str, int], shared: dict[str, Any]
) -> list[Page]:
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
        content = ASSEMBLERS[route.name](rows, {**params, "row": row, "shared": shared})
        pages.append(Page(route.name, route.template, route.path(**params), route.output(**params), params, content))
    return pages


def _params_for(query: str, params: dict[str, Any], extra: dict[str, int]) -> dict[str, Any]:
    """Only the parameters a query's SQL mentions."""
    from builder.queries import sql_text

    text = sql_text(query)
    return {k: v for k, v in {**params, **extra}.items() if f"${k}" in text}


def _refuse_duplicates(pages: list[Page]) -> None:
    """Two pages may never write the same file (S-12)."""
    seen: dict[str, Page] = {}
    for page in pages:
        if page.output in seen:
            first = seen[page.output]
            raise BuildError(
                "model",
                f"to sider har adressen {page.url} og skriver {page.output} "
                f"(ruter «{first.route}» {dict(first.params)} og «{page.route}» {dict(page.params)})",
                code=Exit.DATA,
            )
        seen[page.output] = page
