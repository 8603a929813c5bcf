"""The one route table: every page kind, its URL pattern, template, the query listing its pages and its queries."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from builder.language import localized

_TRANSLIT = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "á": "a", "ö": "o", "ä": "a", "é": "e", "ü": "u"})
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")


@dataclass(frozen=True)
class Route:
    """A page kind. `each` names the query whose rows list the pages; `queries` are run per page. An `optional`
    route may have no pages (its `each` query no rows); any other route without pages stops the build."""

    name: str
    pattern: str
    template: str
    each: str | None = None
    queries: tuple[str, ...] = ()
    params: tuple[str, ...] = field(default=())
    optional: bool = False

    def path(self, **params: Any) -> str:
        """The page's URL path, e.g. /fylke/46-vestland/."""
        return self.pattern.format(**params)

    def output(self, **params: Any) -> str:
        """The file the page is written to, relative to the site root."""
        url = self.path(**params)
        return url.lstrip("/") + "index.html" if url.endswith("/") else url.lstrip("/")


ROUTES: tuple[Route, ...] = (
    Route(
        "home",
        "/",
        "index.html",
        queries=("national_by_year", "national_by_scheme_year", "counties_overview", "home_accounts", "home_posts"),
    ),
    Route("counties", "/fylke/", "counties.html", queries=("counties_overview",)),
    Route(
        "county",
        "/fylke/{fylke_slug}/",
        "county.html",
        each="counties",
        queries=(
            "county_bookings",
            "county_by_scheme_year",
            "county_totals",
            "county_key",
            "county_recipients",
            "county_reporting",
            "county_offices",
            "county_transitions",
            "county_comparable",
            "county_bookings_hidden",
        ),
        params=("fylke",),
    ),
    Route("schemes", "/ordning/", "schemes.html", queries=("schemes_overview",)),
    Route(
        "scheme",
        "/ordning/{ordning_slug}/",
        "scheme.html",
        each="schemes",
        queries=(
            "scheme_national",
            "scheme_by_county_years",
            "scheme_key",
            "scheme_key_notes",
            "scheme_cofinancing",
            "recipients_in_scheme",
        ),
        params=("ordning",),
    ),
    Route("years", "/ar/", "years.html", queries=("years",)),
    Route(
        "year",
        "/ar/{aar}/",
        "year.html",
        each="years",
        queries=("year_national", "year_matrix", "year_changes", "year_reporting"),
        params=("aar",),
    ),
    Route("compare", "/sammenlign/", "compare.html", queries=("compare_data", "schemes", "counties_overview")),
    Route("status_index", "/status/", "status_index.html"),
    Route("status", "/status/{aar}/", "status.html", each="content"),
    Route("page", "/{slug}/", "page.html", each="content"),
    Route("shortcodes", "/redaksjon/kortkoder/", "shortcodes.html"),
    Route("data", "/data/", "data.html"),
    Route("dictionary", "/data/ordbok/", "dictionary.html"),
    # What is published per scheme, year and level, and the sources that would complete it (H8).
    Route("coverage", "/data/dekning/", "coverage.html", queries=("coverage", "coverage_sources")),
    Route("about", "/om/", "about.html", queries=("sources", "transitions", "status_counts")),
    # Who stands behind the site: the privacy statement and the accessibility statement (issue 15).
    Route("privacy", "/om/personvern/", "privacy.html"),
    Route("accessibility", "/om/tilgjengelighet/", "accessibility.html"),
    # The state budget and accounts, and the statsforvalter embeter (H5).
    Route("budget", "/budsjett/", "budget.html", queries=("budget_posts",)),
    Route(
        "budget_post",
        "/budsjett/{post_slug}/",
        "budget_post.html",
        each="budget_post_list",
        queries=(
            "budget_post_years",
            "budget_post_carries",
            "budget_post_kinds",
            "budget_post_bookings",
            "budget_post_accounts",
            "budget_post_reconcile",
        ),
        params=("kapittel", "post"),
    ),
    Route("embeter", "/statsforvalter/", "embeter.html", queries=("embeter",)),
    Route(
        "embete",
        "/statsforvalter/{embete}/",
        "embete.html",
        each="embeter",
        queries=(
            "embete_bookings",
            "embete_counties",
            "embete_lineage",
            "embete_booked_names",
            "embete_per_fte",
            "embete_allocations",
        ),
        params=("embete",),
    ),
    # One page per recipient of a grant (tilsagn) and the list of them: none where the data have no recipient rows.
    Route(
        "recipients", "/mottaker/", "recipients.html", each="recipient_index", queries=("recipients",), optional=True
    ),
    Route(
        "recipient",
        "/mottaker/{mottaker_slug}/",
        "recipient.html",
        each="recipients",
        queries=("recipient_grants",),
        params=("mottaker",),
        optional=True,
    ),
    Route("notfound", "/404.html", "404.html"),
)

ROUTE_BY_NAME: Mapping[str, Route] = {r.name: r for r in ROUTES}
NAV = (
    "home",
    "counties",
    "schemes",
    "years",
    "recipients",
    "budget",
    "embeter",
    "compare",
    "status_index",
    "data",
    "about",
)


def page_params(route: Route, row: Mapping[str, Any]) -> dict[str, Any]:
    """URL and query parameters for one row of a route's `each` query."""
    if route.name == "county":
        return {"fylke": row["fylkesnummer"], "fylke_slug": slug(row["fylkesnummer"], row["navn"])}
    if route.name == "scheme":
        return {"ordning": row["ordning_id"], "ordning_slug": slug(row["ordning_id"], row["kortnavn"])}
    if route.name == "year":
        return {"aar": row["aar"]}
    if route.name == "budget_post":
        return {"kapittel": row["kapittel"], "post": row["post"], "post_slug": post_slug(row["kapittel"], row["post"])}
    if route.name == "embete":
        return {"embete": embete_slug(row["embete_id"])}
    if route.name == "recipient":
        return {
            "mottaker": row["mottaker_id"],
            "mottaker_slug": recipient_slug(row["mottaker_orgnr"], row["mottaker_navn"]),
        }
    return {}


def url_for(name: str, **params: Any) -> str:
    """Site-relative URL of a page in the language being built (nynorsk under /nn/), from the route table."""
    return localized(_url_for(name, **params))


def _url_for(name: str, **params: Any) -> str:
    """Site-relative URL of a page in bokmål, built from the route table."""
    route = ROUTE_BY_NAME[name]
    if name == "county" and "fylke_slug" not in params:
        params = {**params, "fylke_slug": slug(params["fylke"], params["navn"])}
    if name == "scheme" and "ordning_slug" not in params:
        params = {**params, "ordning_slug": slug(params["ordning"], params["navn"])}
    if name == "budget_post" and "post_slug" not in params:
        params = {"post_slug": post_slug(params["kapittel"], params["post"])}
    if name == "embete":
        params = {"embete": embete_slug(params["embete"])}
    if name == "recipient":
        params = {"mottaker_slug": recipient_slug(params.get("orgnr"), params["navn"])}
    return route.path(**params)


def slug(code: str, name: str) -> str:
    """A path segment from a code and a name, never repeating itself: `46-vestland`, `dekomp` (not
    `dekomp-dekomp`); two pages with one path stop the build (S-12)."""
    tail = _ascii_words(name)
    if tail == str(code) or tail.startswith(f"{code}-"):
        return _safe(tail, code)
    return _safe(f"{code}-{tail}" if tail else str(code), code)


def legacy_slug(code: str, name: str) -> str:
    """The path segment the same page had before slugs stopped repeating the code (kept as a redirect)."""
    tail = _ascii_words(name)
    return _safe(f"{code}-{tail}" if tail else str(code), code)


def _safe(result: str, code: str) -> str:
    """A checked path segment."""
    if not SLUG_RE.match(result):
        raise ValueError(f"cannot build a safe path segment from {code!r}")
    return result


def moved_from(route: str, params: Mapping[str, Any], row: Mapping[str, Any]) -> tuple[str, ...]:
    """Earlier URLs of a page that now lives elsewhere (a scheme's `/ordning/dekomp-dekomp/`), for redirects."""
    if route != "scheme":
        return ()
    old = ROUTE_BY_NAME[route].path(ordning_slug=legacy_slug(row["ordning_id"], row["kortnavn"]))
    return (old,) if old != ROUTE_BY_NAME[route].path(**params) else ()


def post_slug(kapittel: str, post: str) -> str:
    """The path segment of a budget post: chapter without leading zeros and post, `226-21`."""
    result = f"{str(kapittel).lstrip('0')}-{post}"
    if not SLUG_RE.match(result):
        raise ValueError(f"cannot build a safe path segment from {kapittel!r} {post!r}")
    return result


def embete_slug(embete_id: str) -> str:
    """An embete's id as its path segment (`oslo-viken`), refused unless it is already a safe segment."""
    if not SLUG_RE.match(str(embete_id)):
        raise ValueError(f"cannot build a safe path segment from {embete_id!r}")
    return str(embete_id)


def recipient_slug(orgnr: str | None, navn: str) -> str:
    """A recipient's path segment: its org.nr. (`958935420`), else its name and a short hash of the exact name
    (`ardal-kommune-d6c067`), so names that read alike never share an address and a name keeps its own."""
    if orgnr:
        result = str(orgnr)
    else:
        exact = unicodedata.normalize("NFC", navn)
        digest = hashlib.sha256(exact.encode("utf-8")).hexdigest()[:6]
        tail = _ascii_words(exact)
        result = f"{tail}-{digest}" if tail else digest
    if not SLUG_RE.match(result):
        raise ValueError(f"cannot build a safe path segment from {orgnr!r} {navn!r}")
    return result


def _ascii_words(name: str) -> str:
    """A name in lower-case ASCII words joined by hyphens, at most 60 characters: `Trøndelag` → `trondelag`."""
    words = unicodedata.normalize("NFKD", name.lower().translate(_TRANSLIT))
    ascii_only = "".join(c for c in words if c.isascii())
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")[:60].strip("-")
