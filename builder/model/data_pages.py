"""Per-route assembly for /data/ and /data/ordbok/: the published tables, their files and every column (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from builder.model.page_content import Content, Rows
from builder.model.routes import url_for
from builder.model.tables import Column, table
from builder.render import fmt
from builder.render.i18n import t


def data_page(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Data: every published table with size and formats, the bulk files, and the change log."""
    shared = params["shared"]
    bulk = shared["sizes"]
    listing = []
    for ds in shared["datasets"]:
        sizes = {ext: bulk[f"data/siste/{ds.name}.{ext}"] for ext in ("csv", "maskinlesbar.csv", "parquet")}
        listing.append(
            {
                "navn": ds.name,
                "tittel": ds.title,
                "beskrivelse": ds.description,
                "rader": len(ds.rows),
                "kolonner": ", ".join(f["name"] for f in ds.fields),
                "antall_kolonner": len(ds.fields),
                "csv_kb": Decimal(sizes["csv"]) / 1000,
                "parquet_kb": Decimal(sizes["parquet"]) / 1000,
            }
        )
    overview = table(
        "datasett",
        t("data.table_datasets"),
        listing,
        (
            Column("navn", t("col.dataset")),
            Column("tittel", t("col.title")),
            Column("rader", t("col.rows"), "int"),
            Column("antall_kolonner", t("col.columns"), "int"),
            Column("csv_kb", t("col.csv_kb"), "dec1"),
            Column("parquet_kb", t("col.parquet_kb"), "dec1"),
        ),
    )
    changelog = table(
        "endringslogg",
        t("data.table_changelog"),
        shared["changelog"],
        (
            Column("versjon", t("col.version")),
            Column("dato", t("col.date"), "date"),
            Column("type", t("col.change_type")),
            Column("beskrivelse", t("col.description")),
        ),
    )
    zip_size = bulk[bulk_zip(bulk)]
    return Content(
        t("data.title"),
        t("data.description"),
        ((t("nav.home"), url_for("home")),),
        (overview, changelog),
        facts={
            "datasets": listing,
            "zip_kb": fmt.number(Decimal(zip_size) / 1000, 0),  # kB: 1 000 bytes (SI)
            "jsonld": json_ld(shared, listing),
        },
    )


def bulk_zip(sizes: Mapping[str, int]) -> str:
    """The path of the ZIP of every dataset (its name says DEMO in a demo build)."""
    return next(p for p in sorted(sizes) if p.startswith("data/siste/") and p.endswith(".zip"))


def json_ld(shared: Mapping[str, Any], listing: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """schema.org Dataset (with DCAT-AP-NO-style fields where they map) for catalogues and dataset search."""
    release = shared["release"]
    base = release.site_url
    files = [
        {"@type": "DataDownload", "encodingFormat": fmt_type, "contentUrl": f"{base}/data/siste/{name}"}
        for name, fmt_type in (
            (bulk_zip(shared["sizes"]).rsplit("/", 1)[1], "application/zip"),
            ("datapackage.json", "application/json"),
        )
    ]
    files += [
        {
            "@type": "DataDownload",
            "name": d["tittel"],
            "encodingFormat": "text/csv",
            "contentUrl": f"{base}/data/siste/{d['navn']}.maskinlesbar.csv",
        }
        for d in listing
    ]
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": t("data.jsonld_name"),
        "description": t("data.jsonld_description"),
        "url": f"{base}/data/",
        "version": release.version,
        "dateModified": release.date,
        "inLanguage": "nb",
        "isAccessibleForFree": True,
        "license": "https://data.norge.no/nlod/no/2.0",
        "keywords": keywords(),
        "creator": {"@type": "Organization", "name": "Utdanningsdirektoratet"},
        "publisher": {"@type": "Organization", "name": "Utdanningsdirektoratet"},
        "spatialCoverage": {"@type": "Place", "name": t("data.jsonld_place"), "sameAs": list(NORWAY)},
        "temporalCoverage": shared["facts"].period,
        "distribution": files,
    }


# Norway in Wikidata and GeoNames, for the schema.org Place of the data's coverage.
NORWAY = ("https://www.wikidata.org/wiki/Q20", "https://sws.geonames.org/3144096/")


def keywords(lang: str | None = None) -> list[str]:
    """The site's keywords, one per entry (the message `data.jsonld_keywords` lists them separated by commas)."""
    return [word.strip() for word in t("data.jsonld_keywords", lang).split(",") if word.strip()]


UNITS = {"money": "kr", "integer": "", "number": "", "date": "dato", "string": "tekst"}


def dictionary(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Ordbok: every column of every published table, its Norwegian name, type, unit, meaning and an example."""
    tables = []
    for ds in params["shared"]["datasets"]:
        entries = []
        for f in ds.fields:
            example = next((r[f["name"]] for r in ds.rows if r[f["name"]] is not None), None)
            unit = (
                "kr" if f.get("money") else ("år" if f["name"] in ("aar", "fra_aar", "til_aar") else UNITS[f["type"]])
            )
            entries.append(
                {
                    "kolonne": f["name"],
                    "navn": f["title"],
                    "type": f["type"],
                    "enhet": unit,
                    "betydning": f["description"],
                    "eksempel": "" if example is None else str(example),
                }
            )
        tables.append(
            table(
                f"ordbok-{ds.name}",
                t("dictionary.table", navn=ds.title, id=ds.name),
                entries,
                (
                    Column("kolonne", t("col.column")),
                    Column("navn", t("col.norwegian_name")),
                    Column("type", t("col.type")),
                    Column("enhet", t("col.unit")),
                    Column("betydning", t("col.meaning")),
                    Column("eksempel", t("col.example")),
                ),
            )
        )
    crumbs = ((t("nav.home"), url_for("home")), (t("nav.data"), url_for("data")))
    return Content(t("dictionary.title"), t("dictionary.description"), crumbs, tuple(tables))
