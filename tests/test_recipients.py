"""Recipient pages against hand-computed values from the fixture and demo CSVs (read here with the csv module): a page
per recipient (org.nr. where known, else a stable, collision-safe slug of the name), the list /mottaker/, the links
from county and scheme pages, downloads, and no recipient page or menu entry where the data have no recipient rows."""

from __future__ import annotations

import csv
import hashlib
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from builder.errors import BuildError
from builder.load.contract import load_contract
from builder.load.database import load
from builder.load.validate import validate
from builder.model.pages import recipient as pages
from builder.model.queries import run
from builder.model.routes import ROUTE_BY_NAME, recipient_slug, url_for
from builder.model.site import _route_pages
from tests.conftest import FIXTURE_DATA, ROOT

DEMO = ROOT / "examples" / "demo"


def grants(data: Path) -> list[dict[str, str]]:
    """The tilsagn rows of a package's tildelinger.csv."""
    with (data / "tildelinger.csv").open(encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f) if r["belopstype"] == "tilsagn"]


def main_text(path: Path) -> str:
    """The <main> of a built page, its no-break spaces as plain spaces."""
    html = path.read_text("utf-8")
    return re.sub("[\u00a0\u202f]", " ", html[html.index("<main") : html.index("</main>")])


def name_hash(name: str) -> str:
    """The first six hex digits of the SHA-256 of a name in NFC, as the recipient slug promises."""
    return hashlib.sha256(unicodedata.normalize("NFC", name).encode("utf-8")).hexdigest()[:6]


def test_slug_is_the_orgnr_or_the_name_with_a_hash_of_the_exact_name() -> None:
    """A known org.nr. is the address whatever the name; a name-only recipient gets its words and a hash, so two names
    that read alike in ASCII (Årdal, Ardal) get two addresses, and the same name in NFD gets the same one."""
    assert recipient_slug("958935420", "Oslo kommune") == "958935420"
    assert recipient_slug("958935420", "Oslo kommune, Utdanningsetaten") == "958935420"
    assert recipient_slug(None, "Årdal kommune") == f"ardal-kommune-{name_hash('Årdal kommune')}"
    assert recipient_slug(None, "Ardal kommune") == f"ardal-kommune-{name_hash('Ardal kommune')}"
    assert recipient_slug(None, "Årdal kommune") != recipient_slug(None, "Ardal kommune")
    assert recipient_slug(None, unicodedata.normalize("NFD", "Årdal kommune")) == recipient_slug(None, "Årdal kommune")
    assert url_for("recipient", orgnr=None, navn="Øygarden kommune") == (
        f"/mottaker/oygarden-kommune-{name_hash('Øygarden kommune')}/"
    )


def test_an_optional_route_may_have_no_pages_and_any_other_still_stops() -> None:
    """With no tilsagn rows the recipient routes give no pages; the same route not marked optional stops the build
    with «ingen sider», as every other route does."""
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE v_tilsagn (mottaker_id VARCHAR)")  # the grants with a recipient: none
    route = ROUTE_BY_NAME["recipients"]
    assert route.optional and ROUTE_BY_NAME["recipient"].optional
    assert not ROUTE_BY_NAME["county"].optional
    assert _route_pages(con, route, {}, {}) == []  # type: ignore[arg-type]
    with pytest.raises(BuildError, match="ingen sider"):
        _route_pages(con, replace(route, optional=False), {}, {})  # type: ignore[arg-type]


def fixture_slugs() -> dict[str, str]:
    """Name → expected address segment of the fixture's five recipients (tildelinger.csv lines 27–31)."""
    return {r["mottaker_navn"]: r["mottaker_orgnr"] or "" for r in grants(FIXTURE_DATA)}


def test_fixture_has_one_page_per_recipient_and_a_list_in_norwegian_order(built_site: Path) -> None:
    """Five recipients: three by org.nr., Øygarden and Årdal by name; the list names all five, Ø before Å."""
    expected = {
        "958935420",
        "964338531",
        "917641404",
        f"oygarden-kommune-{name_hash('Øygarden kommune')}",
        f"ardal-kommune-{name_hash('Årdal kommune')}",
    }
    assert {p.parent.name for p in (built_site / "mottaker").glob("*/index.html")} == expected
    listing = main_text(built_site / "mottaker" / "index.html")
    names = re.findall(r'<a href="/mottaker/[^"]+/">([^<]+)</a>', listing)
    assert names == ["Bergen kommune", "Høgskulen på Vestlandet", "Oslo kommune", "Øygarden kommune", "Årdal kommune"]
    assert 'href="/mottaker/"' in (built_site / "index.html").read_text("utf-8")  # in the menu


def test_recipient_page_shows_amount_status_source_and_links(built_site: Path) -> None:
    """Oslo kommune: 30 000 000 kr in 2024 (dekomp, 03 Oslo, eksempel, source eksempeldata); one year, so no chart."""
    text = main_text(built_site / "mottaker" / "958935420" / "index.html")
    assert "Oslo kommune" in text and "Organisasjonsnummer: 958935420." in text
    assert "Til sammen 30,0 mill. kr (e) i 1 tilsagn (2024)." in text
    assert '30 000 000<abbr class="mark mark-e"' in text
    assert 'href="/fylke/03-oslo/"' in text and 'href="/ordning/dekomp/"' in text
    assert 'href="/om/#kilde-eksempeldata"' in text
    assert "<figure" not in text
    machine = (built_site / "data" / "mottaker" / "958935420" / "tilsagn.maskinlesbar.csv").read_text("utf-8")
    assert machine.splitlines() == [
        "aar,ordning,fylke,belop,belop_status,merknad",
        "2024,Desentralisert ordning for kompetanseutvikling i skolen,Oslo,30000000,eksempel,",
    ]


def test_county_and_scheme_pages_link_every_recipient(built_site: Path) -> None:
    """46 Vestland links its four recipients; the dekomp page lists all five, with the total of each."""
    slugs = {n: o or recipient_slug(None, n) for n, o in fixture_slugs().items()}
    county = main_text(built_site / "fylke" / "46-vestland" / "index.html")
    linked = set(re.findall(r'<a href="/mottaker/([^"/]+)/">', county))
    assert linked == {
        slugs[n] for n in ("Bergen kommune", "Høgskulen på Vestlandet", "Øygarden kommune", "Årdal kommune")
    }
    scheme = json.loads((built_site / "data" / "ordning" / "dekomp" / "mottakere.json").read_text("utf-8"))
    totals = {row["mottaker_navn"]: row["belop"] for row in scheme["rader"]}
    assert totals == {
        "Bergen kommune": 22000000,
        "Høgskulen på Vestlandet": 14000000,
        "Oslo kommune": 30000000,
        "Øygarden kommune": 3500000,
        "Årdal kommune": 1200000,
    }
    page = main_text(built_site / "ordning" / "dekomp" / "index.html")
    assert set(re.findall(r'<a href="/mottaker/([^"/]+)/">', page)) == set(slugs.values())


def test_public_build_has_no_recipient_pages_and_no_menu_entry(bundled_site: Path) -> None:
    """data/ has no tilsagn rows, so no /mottaker/ pages, no downloads for them and no link to them anywhere."""
    assert not grants(ROOT / "data")
    assert not (bundled_site / "mottaker").exists() and not (bundled_site / "data" / "mottaker").exists()
    for page in bundled_site.rglob("*.html"):
        assert 'href="/mottaker/' not in page.read_text("utf-8"), page


@pytest.fixture(scope="module")
def demo_db() -> Iterator[duckdb.DuckDBPyConnection]:
    """The demo package loaded once for this module (no build)."""
    contract = load_contract(DEMO)
    with load(contract, validate(contract).rows) as con:
        yield con


def test_demo_has_a_recipient_per_name_and_sums_per_scheme_and_year(demo_db: duckdb.DuckDBPyConnection) -> None:
    """The demo's tilsagn name 131 recipients, none with an org.nr.; Universitetet i Sørøst-Norge's page sums its
    grants per year and scheme as the CSV does, and, over several years, has a chart of them."""
    rows = grants(DEMO)
    listed = run(demo_db, "recipients")
    assert len(listed) == len({r["mottaker_navn"] for r in rows}) == 131
    assert not any(r["mottaker_orgnr"] for r in rows)
    name = "Universitetet i Sørøst-Norge"
    expected: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    for r in rows:
        if r["mottaker_navn"] == name:
            expected[(int(r["aar"]), r["ordning_id"])] += Decimal(r["belop"])
    info = next(r for r in listed if r["mottaker_navn"] == name)
    page_rows = {"recipient_grants": run(demo_db, "recipient_grants", mottaker=info["mottaker_id"])}
    content = pages.recipient(page_rows, {"row": info})
    wide = content.table("per-ordning-og-aar")
    got = {
        (row[0].value, col.key.removeprefix("belop_")): cell.value
        for row in wide.rows
        for col, cell in zip(wide.columns, row, strict=True)
        if col.key.startswith("belop_") and cell.value is not None
    }
    assert got == expected
    assert info["belop"] == sum(expected.values()) and info["status"] == "eksempel"
    assert [ch.id for ch in content.charts] == ["per-ordning-og-aar"]
    yearly: dict[int, Decimal] = defaultdict(Decimal)
    for (aar, _), amount in expected.items():
        yearly[aar] += amount
    top = max(yearly, key=lambda aar: yearly[aar])
    caption = content.charts[0].caption.replace("\u00a0", " ")
    assert f"fikk mest i {top}: " in caption and "mill. kr (e)" in caption and f"{min(yearly)}–{max(yearly)}" in caption
