"""The one route table: every page kind, its URL pattern, template, the query listing its pages and its queries."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

_TRANSLIT = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "á": "a", "ö": "o", "ä": "a", "é": "e", "ü": "u"})
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


@dataclass(frozen=True)
class Route:
    """A page kind. `each` names the query whose rows list the pages; `queries` are run per page."""

    name: str
    pattern: str
    template: str
    each: str | None = None
    queries: tuple[str, ...] = ()
    params: tuple[str, ...] = field(default=())

    def path(self, **params: Any) -> str:
        """The page's URL path, e.g. /fylke/46-vestland/."""
        return self.pattern.format(**params)

    def output(self, **params: Any) -> str:
        """The file the page is written to, relative to the site root."""
        url = self.path(**params)
        return url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/")


ROUTES: tuple[Route, ...] = (
    Route("home", "/", "index.html", queries=("national_by_year", "national_by_scheme_year", "counties_overview")),
    Route("counties", "/fylke/", "counties.html", queries=("counties_overview",)),
    Route(
        "county",
        "/fylke/{fylke_slug}/",
        "county.html",
        each="counties",
        queries=(
            "county_by_scheme_year",
            "county_totals",
            "county_key",
            "county_recipients",
            "county_reporting",
            "county_offices",
            "county_transitions",
            "county_comparable",
        ),
        params=("fylke",),
    ),
    Route("schemes", "/ordning/", "schemes.html", queries=("schemes_overview",)),
    Route(
        "scheme",
        "/ordning/{ordning_slug}/",
        "scheme.html",
        each="schemes",
        queries=("scheme_national", "scheme_by_county_years", "scheme_key", "scheme_cofinancing"),
        params=("ordning",),
    ),
    Route("years", "/ar/", "years.html", queries=("years",)),
    Route(
        "year",
        "/ar/{aar}/",
        "year.html",
        each="years",
        queries=("year_matrix", "year_changes", "year_reporting"),
        params=("aar",),
    ),
    Route("compare", "/sammenlign/", "compare.html", queries=("compare_data", "schemes")),
    Route("status_index", "/status/", "status_index.html"),
    Route("status", "/status/{aar}/", "status.html", each="content"),
    Route("page", "/{slug}/", "page.html", each="content"),
    Route("shortcodes", "/redaksjon/kortkoder/", "shortcodes.html"),
    Route("data", "/data/", "data.html"),
    Route("dictionary", "/data/ordbok/", "dictionary.html"),
    Route("about", "/om/", "about.html", queries=("sources", "transitions", "status_counts")),
    Route("notfound", "/404.html", "404.html"),
)

ROUTE_BY_NAME: Mapping[str, Route] = {r.name: r for r in ROUTES}
NAV = ("home", "counties", "schemes", "years", "compare", "status_index", "data", "about")


def page_params(route: Route, row: Mapping[str, Any]) -> dict[str, Any]:
    """URL and query parameters for one row of a route's `each` query."""
    if route.name == "county":
        return {"fylke": row["fylkesnummer"], "fylke_slug": slug(row["fylkesnummer"], row["navn"])}
    if route.name == "scheme":
        return {"ordning": row["ordning_id"], "ordning_slug": slug(row["ordning_id"], row["kortnavn"])}
    if route.name == "year":
        return {"aar": row["aar"]}
    return {}


def url_for(name: str, **params: Any) -> str:
    """Site-relative URL of a page, built from the route table."""
    route = ROUTE_BY_NAME[name]
    if name == "county" and "fylke_slug" not in params:
        params = {**params, "fylke_slug": slug(params["fylke"], params["navn"])}
    if name == "scheme" and "ordning_slug" not in params:
        params = {**params, "ordning_slug": slug(params["ordning"], params["navn"])}
    return route.path(**params)


def slug(code: str, name: str) -> str:
    """A path segment from a code and a name: `46-vestland`; the code keeps it unique (S-12)."""
    words = unicodedata.normalize("NFKD", name.lower().translate(_TRANSLIT))
    ascii_only = "".join(c for c in words if c.isascii())
    tail = re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:60].strip("-")
    result = f"{code}-{tail}" if tail else code
    if not SLUG_RE.match(result):
        raise ValueError(f"cannot build a safe path segment from {code!r}")
    return result
