"""STAGE 2: route table × query rows → a frozen Site of pages. The only stage that runs SQL."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import duckdb

from builder.config import Config
from builder.errors import BuildError, Exit
from builder.language import LANGUAGES, current, language, localized
from builder.load.contract import Contract
from builder.model import data_pages
from builder.model.changes import history as release_history
from builder.model.content import ContentError, Source, read_sources
from builder.model.datasets import Dataset, Published, Release
from builder.model.editorial import editorial_content, kind_of, shortcode_reference, status_index
from builder.model.languages import relocated, sources_in, text_language
from builder.model.page_content import Content, Rows, Shared
from builder.model.pages import about, budget, county, coverage, embete, home, listings, scheme, statements, year
from builder.model.pages import recipient as recipient_pages
from builder.model.queries import grouped, per_keys, run, select_params
from builder.model.records import read_snapshots, snapshot
from builder.model.redirects import redirect_pages
from builder.model.routes import NAV, ROUTE_BY_NAME, ROUTES, Route, moved_from, page_params, url_for
from builder.model.site_facts import SiteFacts, site_facts


@dataclass(frozen=True)
class Page:
    """One output page: where it goes and what it shows."""

    route: str
    template: str
    url: str
    output: str
    params: Mapping[str, Any]
    content: Content
    moved_from: tuple[str, ...] = ()  # earlier URLs of this page, each published as a redirect
    lang: str = "nb"  # the interface language (nynorsk pages live under /nn/)
    text_lang: str | None = None  # its Markdown text's language where it differs (no nynorsk twin: bokmål)

    @property
    def text_language(self) -> str:
        """The language of the page's own text."""
        return self.text_lang or self.lang


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
    facts: SiteFacts
    datasets: tuple[Dataset, ...] = ()
    changelog: tuple[Mapping[str, Any], ...] = ()
    demo: bool = False  # x-demo: a banner on every page and DEMO in every download

    @property
    def release_info(self) -> Release:
        """The release every extract carries."""
        return Release(self.release, self.release_date, self.license, self.base_url, self.demo)


def model(
    con: duckdb.DuckDBPyConnection,
    contract: Contract,
    config: Config,
    published: Published,
    sizes: Mapping[str, int],
) -> Site:
    """Run every route's queries and assemble its pages; `sizes` are the bytes of each bulk file, for /data/."""
    extra = deadline_params(contract)
    errors: list[ContentError] = []
    texts = content_sources(config, errors)
    statuses = sorted(int(kind_of(s)[1]["aar"]) for s in texts if kind_of(s)[0] == "status")
    facts = site_facts(con, contract)
    current = snapshot(contract.release_version, published.datasets)
    shared = Shared(
        facts=facts,
        datasets=published.datasets,
        sizes=sizes,
        changelog=published.changelog,
        release=published.release,
        latest_status=statuses[-1] if statuses else None,
        changes=release_history(read_snapshots(contract.root / contract.releases_dir), current),
    )
    built: list[Page] = []
    for lang in LANGUAGES:
        seen: list[ContentError] = []
        with language(lang):
            built.extend(language_pages(con, sources_in(texts, lang, seen), extra, shared, seen))
        errors.extend(e for e in seen if e not in errors)  # bokmål text on nynorsk pages: its errors once
    refuse_content_errors(errors)
    _refuse_duplicates(built)
    routed = {page.route for page in built}  # an optional route without pages has no menu entry
    nav = tuple((f"nav.{name}", url_for(name)) for name in NAV if name in routed)  # bokmål: base.html localizes
    history = tuple(sorted(published.changelog, key=lambda r: (r["dato"], r["versjon"]), reverse=True))
    return Site(
        tuple(built),
        nav,
        contract.release_version,
        contract.release_date,
        config.build_date,
        config.base_url,
        published.sources,
        contract.license_name,
        facts,
        published.datasets,
        history,
        contract.demo,
    )


def language_pages(
    con: duckdb.DuckDBPyConnection,
    texts: list[Source],
    extra: dict[str, int],
    shared: Shared,
    errors: list[ContentError],
) -> list[Page]:
    """Every page in the language being modelled, at its address in that language, with its redirect pages."""
    pages: list[Page] = []
    for route in ROUTES:
        if route.each != "content" and route.name not in ("status_index", "shortcodes"):
            pages.extend(_route_pages(con, route, extra, shared))
    pages.extend(editorial_pages(con, texts, extra, errors))
    moved = [relocated(page, current()) for page in pages]
    return moved + redirect_pages(moved)


def editorial_twins(
    con: duckdb.DuckDBPyConnection, texts: list[Source], extra: dict[str, int], errors: list[ContentError]
) -> list[Page]:
    """The editorial pages in every language, each at its address (the preview re-models only these)."""
    pages: list[Page] = []
    for lang in LANGUAGES:
        seen: list[ContentError] = []
        with language(lang):
            pages.extend(relocated(p, lang) for p in editorial_pages(con, sources_in(texts, lang, seen), extra, seen))
        errors.extend(e for e in seen if e not in errors)
    return pages


def deadline_params(contract: Contract) -> dict[str, int]:
    """The reporting deadline as the query parameters $frist_maaned and $frist_dag."""
    month, day = contract.report_deadline.split("-")[:2]
    return {"frist_maaned": int(month), "frist_dag": int(day)}


EDITORIAL = ("status", "page", "status_index", "shortcodes")


def content_sources(config: Config, errors: list[ContentError]) -> list[Source]:
    """The Markdown files of content/ (drafts only when config.drafts)."""
    sources = read_sources(config.content_dir, config.content_dir.parent, errors)
    return [s for s in sources if config.drafts or not s.draft]


def refuse_content_errors(errors: list[ContentError]) -> None:
    """Stop with every content error at once, by file and line (exit 1)."""
    if errors:
        raise BuildError(
            "content",
            "\n" + "\n".join(e.human() for e in sorted(errors, key=lambda e: (e.file, e.line))),
            code=Exit.DATA,
        )


def editorial_pages(
    con: duckdb.DuckDBPyConnection, sources: list[Source], extra: dict[str, int], errors: list[ContentError]
) -> list[Page]:
    """Status pages, plain content pages, the status index and the shortcode reference."""
    schemes = {str(r["ordning_id"]) for r in run(con, "schemes")}

    def query(name: str, **params: Any) -> list[dict[str, Any]]:
        return run(con, name, **params)

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
        page = Page(name, template, route.path(**params), route.output(**params), params, content)
        pages.append(replace(page, text_lang=text_language(source)))
        if name == "status":
            entries.append(
                {
                    "aar": params["aar"],
                    "title": source.title,
                    "url": localized(route.path(**params)),
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


ASSEMBLERS: Mapping[str, Callable[[Rows, Mapping[str, Any]], Content]] = {
    "home": home.home,
    "counties": listings.counties,
    "county": county.county,
    "schemes": listings.schemes,
    "scheme": scheme.scheme,
    "years": listings.years,
    "year": year.year,
    "compare": listings.compare,
    "about": about.about,
    "notfound": about.notfound,
    "privacy": statements.privacy,
    "accessibility": statements.accessibility,
    "data": data_pages.data_page,
    "dictionary": data_pages.dictionary,
    "budget": budget.budget,
    "budget_post": budget.budget_post,
    "embeter": embete.embeter,
    "embete": embete.embete,
    "coverage": coverage.coverage,
    "recipients": recipient_pages.recipients,
    "recipient": recipient_pages.recipient,
}


def _route_pages(con: duckdb.DuckDBPyConnection, route: Route, extra: dict[str, int], shared: Shared) -> list[Page]:
    """All pages of one route."""
    each = run(con, route.each) if route.each else [{}]
    if route.each and not each and not route.optional:  # an optional route (recipients) may have no pages
        raise BuildError(
            f'route "{route.name}"',
            f'ingen sider: spørringen "{route.each}" ga ingen rader (er data/ tom?)',
            code=Exit.DATA,
        )
    keyed = {q: grouped(q, run(con, q, **select_params(q, route.name, extra))) for q in route.queries if per_keys(q)}
    pages = []
    for row in each:
        params = page_params(route, row)
        query_params = {k: params[k] for k in route.params}
        available = {**query_params, **extra}
        rows = {
            q: keyed[q].get(tuple(query_params[k] for k in per_keys(q)), [])
            if q in keyed
            else run(con, q, **select_params(q, route.name, available))
            for q in route.queries
        }
        content = ASSEMBLERS[route.name](rows, {**params, "row": row, "shared": shared})
        url, output, moved = route.path(**params), route.output(**params), moved_from(route.name, params, row)
        pages.append(Page(route.name, route.template, url, output, params, content, moved))
    return pages


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
