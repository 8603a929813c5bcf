"""The DCAT-AP-NO catalogue (/data/katalog.ttl and .jsonld) and the schema.org Dataset JSON-LD on /data/, checked on
the fixture site against its datapackage.json, its files and its footer, and against SHACL shapes written from the
DCAT-AP-NO property lists (tests/shapes/dcat_ap_no.ttl)."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, XSD, Namespace

from builder.model.datasets import Dataset, Published, Release, dataset_texts
from builder.render.bulk import BULK, DATASET_FORMATS
from builder.render.catalog import catalog_files, catalog_graph

ROOT = Path(__file__).resolve().parent.parent
SHAPES = ROOT / "tests" / "shapes" / "dcat_ap_no.ttl"
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
EU = "http://publications.europa.eu/resource/authority/"
UDIR = URIRef("https://data.brreg.no/enhetsregisteret/api/enheter/970018131")
# What each dataset format is, written out by hand: (EU file type, IANA media type).
FORMATS = {
    ".csv": ("CSV", "text/csv"),
    ".maskinlesbar.csv": ("CSV", "text/csv"),
    ".parquet": ("PARQUET", "application/vnd.apache.parquet"),
}
YEAR_COLUMNS = {"aar", "fra_aar", "til_aar", "gyldig_fra_aar", "gyldig_til_aar"}


@pytest.fixture(scope="module")
def package(built_site: Path) -> dict[str, Any]:
    """The built site's datapackage.json."""
    data: dict[str, Any] = json.loads((built_site / "data/siste/datapackage.json").read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def graph(built_site: Path) -> Graph:
    """The built catalogue, parsed from Turtle."""
    return Graph().parse(built_site / "data/katalog.ttl", format="turtle")


def one(graph: Graph, node: Any, prop: URIRef) -> Any:
    """The single value of a property."""
    values = list(graph.objects(node, prop))
    assert len(values) == 1, (node, prop, values)
    return values[0]


def by_language(graph: Graph, node: Any, prop: URIRef) -> dict[str | None, str]:
    """A property's literals by language tag (one per language)."""
    values = [v for v in graph.objects(node, prop) if isinstance(v, Literal)]
    langs = [v.language for v in values]
    assert len(langs) == len(set(langs)), (node, prop, values)
    return {v.language: str(v) for v in values}


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib's own parser
def test_turtle_and_json_ld_are_the_same_graph(built_site: Path, graph: Graph) -> None:
    """The two serialisations parse to isomorphic graphs."""
    other = Graph().parse(built_site / "data/katalog.jsonld", format="json-ld")
    assert len(graph) > 500
    assert isomorphic(graph, other)


def test_catalog_properties(graph: Graph, package: dict[str, Any]) -> None:
    """One dcat:Catalog with the mandatory and recommended properties, DEMO in the fixture's titles."""
    (catalog,) = graph.subjects(RDF.type, DCAT.Catalog)
    base = package["homepage"]
    titles = by_language(graph, catalog, DCTERMS.title)
    assert set(titles) == {"nb", "nn"} and all(title.startswith("DEMO – ") for title in titles.values())
    assert titles["nb"] != titles["nn"]
    assert set(by_language(graph, catalog, DCTERMS.description)) == {"nb", "nn"}
    assert str(one(graph, catalog, DCTERMS.identifier)) == str(catalog)
    assert one(graph, catalog, DCTERMS.publisher) == UDIR
    assert one(graph, catalog, DCTERMS.license) == URIRef(f"{EU}licence/NLOD_2_0")
    assert set(graph.objects(catalog, DCTERMS.language)) == {URIRef(f"{EU}language/NOB"), URIRef(f"{EU}language/NNO")}
    assert one(graph, catalog, FOAF.homepage) == URIRef(f"{base}/")
    assert one(graph, catalog, DCTERMS.modified) == Literal(package["created"][:10], datatype=XSD.date)
    assert one(graph, catalog, DCAT.contactPoint) is not None
    assert len(set(graph.objects(catalog, DCAT.dataset))) == len(package["resources"])


def test_every_dataset_has_every_listed_property(built_site: Path, graph: Graph, package: dict[str, Any]) -> None:
    """Each table in /data/siste/datapackage.json is a dcat:Dataset with every mandatory and recommended property."""
    base = package["homepage"]
    datasets = set(graph.subjects(RDF.type, DCAT.Dataset))
    identifiers = {str(one(graph, ds, DCTERMS.identifier)) for ds in datasets}
    resources = {r["name"]: r for r in package["resources"]}
    assert identifiers == {f"{base}/data/#datasett-{name}" for name in resources}
    email = footer_email(built_site)
    for ds in datasets:
        name = str(ds).rsplit("#datasett-", 1)[1]
        titles = by_language(graph, ds, DCTERMS.title)
        assert titles["nb"] == f"DEMO – {resources[name]['title']}"
        assert set(titles) == {"nb", "nn"}, name  # every fixture table has its nynorsk translation
        assert by_language(graph, ds, DCTERMS.description)["nb"] == resources[name]["description"]
        assert one(graph, ds, DCTERMS.publisher) == UDIR
        assert one(graph, ds, DCAT.theme) == URIRef(f"{EU}data-theme/EDUC")
        assert URIRef(f"{EU}country/NOR") in set(graph.objects(ds, DCTERMS.spatial))
        assert one(graph, ds, DCTERMS.accessRights) == URIRef(f"{EU}access-right/PUBLIC")
        assert one(graph, ds, DCTERMS.license) == URIRef(f"{EU}licence/NLOD_2_0")
        assert str(one(graph, ds, OWL.versionInfo)) == package["version"]
        assert one(graph, ds, DCAT.landingPage) == URIRef(f"{base}/data/")
        contact = one(graph, ds, DCAT.contactPoint)
        assert one(graph, contact, VCARD.hasEmail) == URIRef(f"mailto:{email}")
        for lang in ("nb", "nn"):
            words = [str(k) for k in graph.objects(ds, DCAT.keyword) if k.language == lang]
            assert len(words) >= 3 and all("," not in w for w in words), (name, lang)
        check_temporal(graph, ds, built_site / f"data/siste/{name}.maskinlesbar.csv")
        check_distributions(graph, ds, name, built_site)


def footer_email(site: Path) -> str:
    """The contact address the footer of the front page links."""
    match = re.search(r'href="mailto:([^"]+)"', (site / "index.html").read_text(encoding="utf-8"))
    assert match
    return match.group(1)


def check_temporal(graph: Graph, ds: Any, machine_csv: Path) -> None:
    """dct:temporal spans the first to the last year in the table's year columns, open-ended where an end year is
    empty; none without such columns."""
    with machine_csv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    columns = YEAR_COLUMNS & set(rows[0] if rows else ())
    years = [int(row[c]) for row in rows for c in columns if row[c]]
    periods = list(graph.objects(ds, DCTERMS.temporal))
    if not years:
        assert periods == [], ds
        return
    (period,) = periods
    assert one(graph, period, RDF.type) == DCTERMS.PeriodOfTime
    assert one(graph, period, DCAT.startDate) == Literal(f"{min(years)}-01-01", datatype=XSD.date)
    if any(not row[c] for row in rows for c in columns if c.endswith("til_aar")):  # a period still running
        assert list(graph.objects(period, DCAT.endDate)) == [], ds
    else:
        assert one(graph, period, DCAT.endDate) == Literal(f"{max(years)}-12-31", datatype=XSD.date)


def check_distributions(graph: Graph, ds: Any, name: str, site: Path) -> None:
    """One distribution per format, each downloadable from the built site, with its size, format and media type."""
    found = {}
    for dist in graph.objects(ds, DCAT.distribution):
        url = str(one(graph, dist, DCAT.downloadURL))
        assert one(graph, dist, DCAT.accessURL) == URIRef(url)
        path = url.split("/", 3)[3]
        assert path.startswith(f"data/siste/{name}.")
        file = site / path
        assert file.is_file(), url
        suffix = path.removeprefix(f"data/siste/{name}")
        file_type, media = FORMATS[suffix]
        assert one(graph, dist, DCTERMS.format) == URIRef(f"{EU}file-type/{file_type}")
        assert one(graph, dist, DCAT.mediaType) == URIRef(f"https://www.iana.org/assignments/media-types/{media}")
        assert one(graph, dist, DCAT.byteSize).toPython() == file.stat().st_size
        assert one(graph, dist, DCTERMS.license) == URIRef(f"{EU}licence/NLOD_2_0")
        assert set(by_language(graph, dist, DCTERMS.title)) == {"nb", "nn"}
        found[suffix] = dist
    assert set(found) == set(FORMATS), name


def test_versioned_copies_and_checksums(built_site: Path, package: dict[str, Any]) -> None:
    """The catalogue is also under /data/v/<version>/, and SHA256SUMS lists both files with their digests."""
    sums = (built_site / "data/SHA256SUMS").read_text(encoding="utf-8").splitlines()
    for name in ("katalog.ttl", "katalog.jsonld"):
        data = (built_site / "data" / name).read_bytes()
        assert (built_site / "data/v" / package["version"] / name).read_bytes() == data
        digest = hashlib.sha256(data).hexdigest()
        assert f"{digest}  {name}" in sums
        assert f"{digest}  v/{package['version']}/{name}" in sums


def test_data_page_links_the_catalogue(built_site: Path) -> None:
    """/data/ and /nn/data/ link both files, which exist."""
    for page in ("data/index.html", "nn/data/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        for href in ("/data/katalog.ttl", "/data/katalog.jsonld"):
            assert f'href="{href}"' in html, (page, href)
            assert (built_site / href.lstrip("/")).is_file()


def test_shapes_pass(graph: Graph) -> None:
    """The catalogue meets every shape, warnings (recommended properties) included."""
    conforms, _, text = pyshacl.validate(graph, shacl_graph=Graph().parse(SHAPES))
    assert conforms, text


@pytest.mark.parametrize(("prop", "component"), [(DCTERMS.publisher, "MinCount"), (DCAT.keyword, "MinCount")])
def test_shapes_fail_without_a_property(graph: Graph, prop: URIRef, component: str) -> None:
    """A dataset without its publisher (mandatory) or keywords (recommended) fails the shapes."""
    broken = Graph()
    for triple in graph:
        broken.add(triple)
    ds = sorted(broken.subjects(RDF.type, DCAT.Dataset))[0]
    broken.remove((ds, prop, None))
    conforms, _, text = pyshacl.validate(broken, shacl_graph=Graph().parse(SHAPES))
    assert not conforms
    assert f"{component}ConstraintComponent" in text and str(ds) in text


def sample(demo: bool = False) -> tuple[Published, dict[str, bytes]]:
    """A small published release with one table, and its bulk files (sizes only matter)."""
    fields = ({"name": "aar", "type": "integer", "title": "År", "description": "", "money": False},)
    ds = Dataset(
        "tildelinger", "Tildelinger", "Rammer per fylke og tilsagn til mottakere", fields, ({"aar": 2019},), ()
    )
    release = Release("2030.1", "2030-05-01", "NLOD-2.0", "https://example.org", demo)
    changelog = ({"versjon": "2030.1", "dato": "2030-05-01", "type": "ny", "beskrivelse": "Første"},)
    files = {fmt.path(f"{BULK}/tildelinger"): b"x" * (i + 10) for i, fmt in enumerate(DATASET_FORMATS)}
    return Published((ds,), changelog, {}, release), files


def test_not_a_demo_says_no_demo() -> None:
    """Outside a demo no title says DEMO; sizes come from the files given."""
    published, files = sample()
    graph = catalog_graph(published, files, DATASET_FORMATS, BULK)
    titles = [str(o) for o in graph.objects(None, DCTERMS.title)]
    assert titles and not any("DEMO" in t for t in titles)
    sizes = sorted(o.toPython() for o in graph.objects(None, DCAT.byteSize) if isinstance(o, Literal))
    assert sizes == [10, 11, 12]


def test_a_changed_description_drops_the_stale_nynorsk() -> None:
    """A descriptor text that no longer matches what was translated keeps only its bokmål."""
    published, _ = sample()
    ds = published.datasets[0]
    changed = Dataset(ds.name, ds.title, "Ny tekst som ingen har oversatt", ds.fields, ds.rows, ds.primary_key)
    titles, descriptions = dataset_texts(changed)
    assert titles == {"nb": "Tildelinger", "nn": "Tildelingar"}
    assert descriptions == {"nb": "Ny tekst som ingen har oversatt"}


SAME_BYTES = """
import hashlib, sys
sys.path.insert(0, "tests")
from test_catalog import sample
from builder.render.bulk import BULK, DATASET_FORMATS
from builder.render.catalog import catalog_files
published, files = sample(demo=True)
for path, data in sorted(catalog_files(published, files, DATASET_FORMATS, BULK).items()):
    print(path, hashlib.sha256(data).hexdigest())
"""


def test_bytes_do_not_depend_on_the_hash_seed() -> None:
    """Two renders in processes with different hash seeds give the same bytes, as does a second render here."""
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", SAME_BYTES], cwd=ROOT, env=env, capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1] and outputs[0].count("katalog") == 2
    published, files = sample(demo=True)
    first = catalog_files(published, files, DATASET_FORMATS, BULK)
    assert first == catalog_files(published, files, DATASET_FORMATS, BULK)


def schema_org(page: Path) -> dict[str, Any]:
    """The schema.org JSON-LD of a page."""
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S)
    assert match
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_schema_org_keywords_and_place(built_site: Path) -> None:
    """keywords is a list of separate words and spatialCoverage a Place, in bokmål on /data/ and nynorsk on /nn/."""
    nb = schema_org(built_site / "data/index.html")
    nn = schema_org(built_site / "nn/data/index.html")
    for data, country, school in ((nb, "Norge", "skole"), (nn, "Noreg", "skule")):
        words = data["keywords"]
        assert isinstance(words, list) and len(words) >= 3
        assert all(isinstance(w, str) and w and "," not in w and w == w.strip() for w in words)
        assert school in words
        place = data["spatialCoverage"]
        assert place["@type"] == "Place" and place["name"] == country
        assert "https://www.wikidata.org/wiki/Q20" in place["sameAs"]


def test_each_dataset_is_issued_with_the_first_release_that_published_it(bundled_site: Path) -> None:
    """Bundled data: a table in the 2026.1 record was issued on that record's date; a table first published in
    this release (the state accounts) on this release's date; the catalogue itself on the first change-log date."""
    first = json.loads((ROOT / "data" / "utgivelser" / "2026.1.json").read_text(encoding="utf-8"))
    release = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))["x-release"]
    real = Graph().parse(bundled_site / "data" / "katalog.ttl", format="turtle")
    issued = {
        str(real.value(node, DCTERMS.identifier)).rpartition("#datasett-")[2]: str(real.value(node, DCTERMS.issued))
        for node in real.subjects(RDF.type, DCAT.Dataset)
    }
    expected = {name: first["dato"] if name in first["tabeller"] else release["date"] for name in issued}
    assert issued == expected
    assert {"bokforinger", "fylker"} <= issued.keys() and issued["bokforinger"] != issued["fylker"]
    catalog = next(real.subjects(RDF.type, DCAT.Catalog))
    assert str(real.value(catalog, DCTERMS.issued)) == first["dato"]
