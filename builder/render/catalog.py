"""The release as a DCAT-AP-NO catalogue for data.norge.no and other harvesters: /data/katalog.ttl (Turtle) and
/data/katalog.jsonld (JSON-LD), one dcat:Dataset per published table and one dcat:Distribution per bulk format.
Pure functions of the published data; the bytes depend only on it (every node is an IRI, JSON-LD is sorted)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, XSD, Namespace

from builder.config import PUBLISHER
from builder.language import DEFAULT, LANGUAGES, language
from builder.model.data_pages import keywords
from builder.model.datasets import Dataset, Published, dataset_texts
from builder.model.routes import url_for
from builder.render.formats import DownloadFormat
from builder.render.i18n import t

CATALOG_TTL = "data/katalog.ttl"
CATALOG_JSONLD = "data/katalog.jsonld"

ADMS = Namespace("http://www.w3.org/ns/adms#")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCAT_VERSION = URIRef(f"{DCAT}version")  # DCAT 3, not yet in rdflib's closed DCAT namespace
DCATAP = Namespace("http://data.europa.eu/r5r/")
EU = "http://publications.europa.eu/resource/authority/"
THEME = URIRef(f"{EU}data-theme/EDUC")  # Education, culture and sport (EU data theme, mandatory in DCAT-AP-NO)
THEMES = URIRef(f"{EU}data-theme")
NORWAY = (URIRef(f"{EU}country/NOR"), URIRef("https://data.geonorge.no/administrativeEnheter/nasjon/id/173163"))
PUBLIC = URIRef(f"{EU}access-right/PUBLIC")
LICENSE = URIRef(f"{EU}licence/NLOD_2_0")  # DCAT-AP-NO: licences from the EU licence vocabulary
LICENSE_PAGE = URIRef("https://data.norge.no/nlod/no/2.0")
STABLE = URIRef(f"{EU}planned-availability/STABLE")
COMPLETED = URIRef("http://purl.org/adms/status/Completed")
LANGUAGE = {"nb": URIRef(f"{EU}language/NOB"), "nn": URIRef(f"{EU}language/NNO")}
FILE_TYPE = {
    "text/csv": URIRef(f"{EU}file-type/CSV"),
    "application/vnd.apache.parquet": URIRef(f"{EU}file-type/PARQUET"),
}
IANA = "https://www.iana.org/assignments/media-types/"
AGENT = URIRef(f"https://data.brreg.no/enhetsregisteret/api/enheter/{PUBLISHER.orgnr}")  # Enhetsregisteret
PREFIXES = {
    "adms": ADMS,
    "dcat": DCAT,
    "dcatap": DCATAP,
    "dct": DCTERMS,
    "foaf": FOAF,
    "owl": OWL,
    "rdfs": RDFS,
    "vcard": VCARD,
    "xsd": XSD,
}
YEAR_FIELDS = ("aar", "fra_aar", "til_aar", "gyldig_fra_aar", "gyldig_til_aar")


def catalog_files(
    published: Published, files: Mapping[str, bytes], formats: Sequence[DownloadFormat[Any]], folder: str
) -> dict[str, bytes]:
    """The catalogue as Turtle and JSON-LD; `files` are the bulk files, `formats` the dataset formats in `folder`."""
    with language(DEFAULT):  # the IRIs are the bokmål pages' addresses
        graph = catalog_graph(published, files, formats, folder)
    return {CATALOG_TTL: turtle(graph), CATALOG_JSONLD: json_ld(graph)}


def catalog_graph(
    published: Published, files: Mapping[str, bytes], formats: Sequence[DownloadFormat[Any]], folder: str
) -> Graph:
    """dcat:Catalog with its publisher, contact point and licence, and every published table as a dcat:Dataset."""
    release = published.release
    base = release.site_url
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    node = URIRef(f"{base}{url_for('data')}#katalog")
    graph.add((node, RDF.type, DCAT.Catalog))
    graph.add((node, DCTERMS.identifier, Literal(str(node))))
    titles = {lang: demo_title(release.demo, t("data.jsonld_name", lang)) for lang in LANGUAGES}
    both(graph, node, DCTERMS.title, titles)
    both(graph, node, DCTERMS.description, {lang: demo_text(release.demo, lang) for lang in LANGUAGES})
    graph.add((node, FOAF.homepage, URIRef(f"{base}/")))
    graph.add((node, DCAT.themeTaxonomy, THEMES))
    for lang in LANGUAGES:
        graph.add((node, DCTERMS.language, LANGUAGE[lang]))
    shared(graph, node, published, first_release(published))
    for ds in published.datasets:
        graph.add((node, DCAT.dataset, dataset(graph, ds, published, files, formats, folder)))
    return graph


def shared(graph: Graph, node: URIRef, published: Published, issued: str) -> None:
    """What the catalogue and each dataset say alike: publisher, contact, licence, coverage and dates (`issued`: the
    first release that published it)."""
    release = published.release
    graph.add((node, DCTERMS.publisher, publisher(graph)))
    graph.add((node, DCAT.contactPoint, contact(graph, release.site_url)))
    graph.add((node, DCTERMS.license, licence(graph)))
    for place in NORWAY:
        graph.add((node, DCTERMS.spatial, place))
        graph.add((place, RDF.type, DCTERMS.Location))
    graph.add((node, DCTERMS.issued, date(issued)))
    graph.add((node, DCTERMS.modified, date(release.date)))


def dataset(
    graph: Graph,
    ds: Dataset,
    published: Published,
    files: Mapping[str, bytes],
    formats: Sequence[DownloadFormat[Any]],
    folder: str,
) -> URIRef:
    """One published table: titles and descriptions in bokmål (and nynorsk where translated), theme, coverage,
    access, keywords, version, and a distribution per format."""
    release = published.release
    base = release.site_url
    node = dataset_iri(base, ds.name)
    graph.add((node, RDF.type, DCAT.Dataset))
    graph.add((node, DCTERMS.identifier, Literal(str(node))))
    titles, descriptions = dataset_texts(ds)
    both(graph, node, DCTERMS.title, {lang: demo_title(release.demo, text) for lang, text in titles.items()})
    both(graph, node, DCTERMS.description, descriptions)
    shared(graph, node, published, published.issued.get(ds.name, published.release.date))
    graph.add((node, DCAT.theme, THEME))
    graph.add((node, DCTERMS.accessRights, PUBLIC))
    graph.add((PUBLIC, RDF.type, DCTERMS.RightsStatement))
    graph.add((node, DCTERMS.language, LANGUAGE["nb"]))  # the tables' columns and texts are in bokmål
    for lang in LANGUAGES:
        for word in keywords(lang):
            graph.add((node, DCAT.keyword, Literal(word, lang=lang)))
    graph.add((node, OWL.versionInfo, Literal(release.version)))
    graph.add((node, DCAT_VERSION, Literal(release.version)))
    graph.add((node, DCAT.landingPage, URIRef(f"{base}{url_for('data')}")))
    graph.add((node, FOAF.page, URIRef(f"{base}{url_for('dictionary')}")))
    years = year_range(ds)
    if years:
        graph.add((node, DCTERMS.temporal, period(graph, f"{node}-tidsrom", years)))
    for fmt in formats:
        graph.add((node, DCAT.distribution, distribution(graph, ds, fmt, release.version, files, base, folder)))
    return node


def distribution(
    graph: Graph,
    ds: Dataset,
    fmt: DownloadFormat[Any],
    version: str,
    files: Mapping[str, bytes],
    base: str,
    folder: str,
) -> URIRef:
    """One format of a table at its stable address under /data/siste/ (always the newest version)."""
    path = fmt.path(f"{folder}/{ds.name}")
    url = URIRef(f"{base}/{path}")
    node = URIRef(f"{dataset_iri(base, ds.name)}{fmt.suffix}")
    graph.add((node, RDF.type, DCAT.Distribution))
    graph.add((node, DCAT.accessURL, url))
    graph.add((node, DCAT.downloadURL, url))
    both(graph, node, DCTERMS.title, {lang: t(fmt.label_key, lang) for lang in LANGUAGES})
    description = {
        lang: t("catalog.distribution_description", lang, name=ds.name, format=t(fmt.label_key, lang))
        for lang in LANGUAGES
    }
    both(graph, node, DCTERMS.description, description)
    graph.add((node, DCTERMS.format, FILE_TYPE[fmt.media_type]))
    graph.add((FILE_TYPE[fmt.media_type], RDF.type, DCTERMS.MediaType))
    graph.add((node, DCAT.mediaType, URIRef(IANA + fmt.media_type)))
    graph.add((URIRef(IANA + fmt.media_type), RDF.type, DCTERMS.MediaType))
    graph.add((node, DCTERMS.license, licence(graph)))
    # The canonical xsd:decimal form (Turtle writes it so), so Turtle and JSON-LD give the same literal.
    graph.add((node, DCAT.byteSize, Literal(f"{len(files[path])}.0", datatype=XSD.decimal)))
    graph.add((node, DCATAP.availability, STABLE))
    graph.add((node, ADMS.status, COMPLETED))
    graph.add((node, OWL.versionInfo, Literal(version)))
    return node


def dataset_iri(base: str, name: str) -> URIRef:
    """A table's IRI: its entry on /data/ (the page gives each table the anchor datasett-<name>)."""
    return URIRef(f"{base}{url_for('data')}#datasett-{name}")


def year_range(ds: Dataset) -> tuple[int, int | None] | None:
    """The first and last year in a table's year columns (aar, fra_aar, til_aar, …), or None without any; the last
    is None (still running) where a row's end year (til_aar, gyldig_til_aar) is empty."""
    fields = [f["name"] for f in ds.fields if f["name"] in YEAR_FIELDS]
    years = [int(row[name]) for row in ds.rows for name in fields if row[name] is not None]
    ends = [name for name in fields if name.endswith("til_aar")]
    running = any(row[name] is None for row in ds.rows for name in ends)
    return (min(years), None if running else max(years)) if years else None


def period(graph: Graph, iri: str, years: tuple[int, int | None]) -> URIRef:
    """dct:PeriodOfTime from 1 January of the first year to 31 December of the last (no end while running)."""
    node = URIRef(iri)
    graph.add((node, RDF.type, DCTERMS.PeriodOfTime))
    graph.add((node, DCAT.startDate, date(f"{years[0]}-01-01")))
    if years[1] is not None:
        graph.add((node, DCAT.endDate, date(f"{years[1]}-12-31")))
    return node


def publisher(graph: Graph) -> URIRef:
    """Utdanningsdirektoratet as its Enhetsregisteret URI, with name and organisation number."""
    graph.add((AGENT, RDF.type, FOAF.Agent))
    graph.add((AGENT, RDF.type, FOAF.Organization))
    graph.add((AGENT, FOAF.name, Literal(PUBLISHER.name, lang="nb")))
    graph.add((AGENT, DCTERMS.identifier, Literal(PUBLISHER.orgnr)))
    return AGENT


def contact(graph: Graph, base: str) -> URIRef:
    """The contact the footer gives: Udir's post box and contact page."""
    node = URIRef(f"{base}{url_for('data')}#kontakt")
    graph.add((node, RDF.type, VCARD.Kind))
    graph.add((node, RDF.type, VCARD.Organization))
    graph.add((node, VCARD.fn, Literal(PUBLISHER.name)))
    graph.add((node, VCARD.hasEmail, URIRef(f"mailto:{PUBLISHER.email}")))
    graph.add((node, VCARD.hasURL, URIRef(PUBLISHER.contact_url)))
    return node


def licence(graph: Graph) -> URIRef:
    """NLOD 2.0 as the EU licence vocabulary names it, with the licence text on data.norge.no."""
    graph.add((LICENSE, RDF.type, DCTERMS.LicenseDocument))
    graph.add((LICENSE, RDFS.seeAlso, LICENSE_PAGE))
    return LICENSE


def both(graph: Graph, node: URIRef, prop: URIRef, texts: Mapping[str, str]) -> None:
    """One language-tagged literal per language."""
    for lang, text in texts.items():
        graph.add((node, prop, Literal(text, lang=lang)))


def demo_title(demo: bool, title: str) -> str:
    """A demo's titles say DEMO first, as its other files do."""
    return f"{t('demo.label')} – {title}" if demo else title


def demo_text(demo: bool, lang: str) -> str:
    """The catalogue's description, with the demo banner first in a demo."""
    text = t("data.jsonld_description", lang)
    return f"{t('demo.banner', lang)}. {text}" if demo else text


def date(value: str) -> Literal:
    """An xsd:date literal."""
    return Literal(value, datatype=XSD.date)


def first_release(published: Published) -> str:
    """The date of the first release in the change log (when the data were first issued)."""
    return min((str(r["dato"]) for r in published.changelog), default=published.release.date)


def turtle(graph: Graph) -> bytes:
    """The graph as Turtle (rdflib sorts subjects, predicates and objects, so the bytes are stable)."""
    return graph.serialize(format="turtle", encoding="utf-8")


def json_ld(graph: Graph) -> bytes:
    """The graph as compact JSON-LD, nodes sorted by @id and every value list sorted, so the bytes are stable."""
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = data.get("@graph", [data])
    body = {"@context": context, "@graph": sorted((canonical(n) for n in nodes), key=lambda n: str(n.get("@id")))}
    return (json.dumps(body, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def canonical(value: Any) -> Any:
    """A JSON-LD value with every list sorted (RDF values have no order) and nested objects likewise."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items() if k != "@context"}
    if isinstance(value, list):
        items = [canonical(v) for v in value]
        return sorted(items, key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
    return value
