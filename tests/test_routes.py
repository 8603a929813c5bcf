"""The route table: URLs and output files from patterns, unique patterns and templates that exist."""

from __future__ import annotations

from builder.model.routes import NAV, ROUTE_BY_NAME, ROUTES, legacy_slug, moved_from, slug, url_for
from tests.conftest import ROOT


def test_url_for_builds_slugs_from_code_and_name() -> None:
    """A county URL from its number and name; a scheme URL from its id and short name; a year URL."""
    assert url_for("county", fylke="46", navn="Vestland") == "/fylke/46-vestland/"
    assert url_for("county", fylke="50", navn="Trøndelag") == "/fylke/50-trondelag/"
    assert url_for("scheme", ordning="dekomp", navn="Dekomp") == "/ordning/dekomp/"
    assert url_for("year", aar=2024) == "/ar/2024/"
    assert url_for("about") == "/om/"


def test_slugs_never_repeat_themselves() -> None:
    """A name that is the code, or starts with it as a word, is the whole segment; other names follow the code."""
    assert slug("dekomp", "Dekomp") == "dekomp"
    assert slug("oppfolging", "Oppfølgingsordningen") == "oppfolging-oppfolgingsordningen"
    assert slug("klo", "KLO – Kompetanseløftet") == "klo-kompetanseloftet"
    assert slug("yrkesfag", "Fag- og yrkesopplæring") == "yrkesfag-fag-og-yrkesopplaering"
    assert slug("vo", "Voksenopplæring") == "vo-voksenopplaering"
    assert slug("03", "Oslo") == "03-oslo"


def test_a_scheme_page_keeps_its_earlier_url_as_a_redirect() -> None:
    """/ordning/dekomp-dekomp/ was the scheme's address before; a page whose slug did not change has none."""
    assert legacy_slug("dekomp", "Dekomp") == "dekomp-dekomp"
    row = {"ordning_id": "dekomp", "kortnavn": "Dekomp"}
    assert moved_from("scheme", {"ordning": "dekomp", "ordning_slug": "dekomp"}, row) == ("/ordning/dekomp-dekomp/",)
    row = {"ordning_id": "vo", "kortnavn": "Voksenopplæring"}
    assert moved_from("scheme", {"ordning": "vo", "ordning_slug": "vo-voksenopplaering"}, row) == ()
    assert moved_from("county", {"fylke": "03", "fylke_slug": "03-oslo"}, {"fylkesnummer": "03"}) == ()


def test_output_files() -> None:
    """A URL ending in / is written as index.html in its folder; a file URL as itself."""
    assert ROUTE_BY_NAME["home"].output() == "index.html"
    assert ROUTE_BY_NAME["county"].output(fylke_slug="46-vestland") == "fylke/46-vestland/index.html"
    assert ROUTE_BY_NAME["notfound"].output() == "404.html"


def test_patterns_are_unique_and_templates_exist() -> None:
    """No two routes share a pattern or a name; every template and every NAV entry exists."""
    assert len({r.pattern for r in ROUTES}) == len(ROUTES)
    assert len(ROUTE_BY_NAME) == len(ROUTES)
    assert all((ROOT / "templates" / r.template).is_file() for r in ROUTES)
    assert set(NAV) <= set(ROUTE_BY_NAME)


def test_parameterised_routes_declare_their_listing_query() -> None:
    """A route whose pattern has a placeholder lists its pages with an `each` query."""
    for r in ROUTES:
        if "{" in r.pattern:
            assert r.each, r.name
