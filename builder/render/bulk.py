"""The whole release as files: CSV per input table, Parquet, a ZIP, a Frictionless datapackage.json, and with the
per-table downloads of every page, the versioned copies and SHA256SUMS. Pure functions of the model."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Mapping
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from builder.load.contract import FieldSpec
from builder.load.database import sql_type
from builder.model.datasets import Dataset, Published
from builder.model.site import Site
from builder.render.bulk_readme import LICENSE, README, license_text, readme
from builder.render.catalog import catalog_files
from builder.render.csv_writer import EXCEL_NB, MACHINE, write_csv
from builder.render.downloads import page_table_files
from builder.render.formats import DownloadFormat
from builder.render.i18n import t

BULK = "data/siste"
VERSIONS = "data/v"


COUNTIES = "fylker"  # the dataset naming every county number


def dataset_csv(ds: Dataset, *, excel: bool, counties: Mapping[str, str] | None = None) -> bytes:
    """A dataset as CSV in the Excel or the machine dialect, headed by its field names. The Excel flavour adds the
    county's name after each county number (`fylke` after `fylkesnummer`), since a spreadsheet shows «03» as 3."""
    header = [str(f["name"]) for f in ds.fields]
    numeric = [f["type"] in ("integer", "number") for f in ds.fields]
    rows = [[row[f["name"]] for f in ds.fields] for row in ds.rows]
    if excel and counties and ds.name != COUNTIES:
        for i in reversed([i for i, name in enumerate(header) if is_county_number(name)]):
            header.insert(i + 1, header[i].replace("fylkesnummer", "fylke"))
            numeric.insert(i + 1, False)
            for row in rows:
                row.insert(i + 1, counties.get(row[i]) if row[i] else None)
    return write_csv(EXCEL_NB if excel else MACHINE, header, numeric, rows)


def is_county_number(field: str) -> bool:
    """Whether a field holds county numbers (`fylkesnummer`, `fra_fylkesnummer`, …)."""
    return field == "fylkesnummer" or field.endswith("_fylkesnummer")


def county_names(published: Published) -> dict[str, str]:
    """Every county number's name, from the counties dataset (numbers are never reused)."""
    rows = next((ds.rows for ds in published.datasets if ds.name == COUNTIES), ())
    return {str(r["fylkesnummer"]): str(r["navn"]) for r in rows}


def dataset_parquet(ds: Dataset, published: Published | None = None) -> bytes:
    """A dataset as Parquet with column types, titles and descriptions in the schema metadata (and DEMO in a
    demo's title)."""
    demo = published is not None and published.release.demo
    fields = []
    arrays = []
    for f in ds.fields:
        spec = _spec(f)
        arrow_type = sql_type(spec)[1]
        meta = {b"title": f["title"].encode(), b"description": f["description"].encode()}
        fields.append(pa.field(f["name"], arrow_type, metadata=meta))
        arrays.append(pa.array([r[f["name"]] for r in ds.rows], type=arrow_type))
    title = f"{t('demo.label')} – {ds.title}" if demo else ds.title
    meta = {b"title": title.encode(), b"description": ds.description.encode()}
    if demo:
        meta[b"demo"] = t("demo.banner").encode()
    schema = pa.schema(fields, metadata=meta)
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), buffer, compression="zstd")
    return buffer.getvalue()


def _spec(field: Mapping[str, Any]) -> FieldSpec:
    """The field as a FieldSpec, for sql_type()."""
    return FieldSpec(
        field["name"], field["type"], field["title"], field["description"], money=field.get("money", False)
    )


def deterministic_zip(files: Mapping[str, bytes], when: str, base: bytes = b"") -> bytes:
    """A ZIP whose bytes depend only on the files and the date; with `base` (such a ZIP), its entries come first
    as they are, and the files are added after them."""
    buffer = io.BytesIO(base)
    with zipfile.ZipFile(buffer, "a" if base else "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            archive.writestr(zip_entry(name, when), files[name])
    return buffer.getvalue()


def zip_entry(name: str, when: str) -> zipfile.ZipInfo:
    """One ZIP member dated `when` (midnight), mode 0644, deflated."""
    info = zipfile.ZipInfo(name, date_time=dt.date.fromisoformat(when).timetuple()[:6])
    info.external_attr = 0o644 << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def sha256(data: bytes) -> str:
    """Hex digest."""
    return hashlib.sha256(data).hexdigest()


# Writes one dataset of the release (a demo's files say DEMO; the Excel CSV names the counties).
DatasetWriter = Callable[[Dataset, Published], bytes]

DATASET_CSV_MACHINE: DownloadFormat[DatasetWriter] = DownloadFormat(
    ".maskinlesbar.csv", "download.csv_machine", "text/csv", lambda ds, _: dataset_csv(ds, excel=False)
)
DATASET_FORMATS: tuple[DownloadFormat[DatasetWriter], ...] = (
    DownloadFormat(
        ".csv",
        "download.csv_excel",
        "text/csv",
        lambda ds, published: dataset_csv(ds, excel=True, counties=county_names(published)),
    ),
    DATASET_CSV_MACHINE,
    DownloadFormat(".parquet", "download.parquet", "application/vnd.apache.parquet", dataset_parquet),
)
ZIP = f"{BULK}/kompetanseinnsyn.zip"
DEMO_ZIP = f"{BULK}/kompetanseinnsyn-DEMO.zip"  # a demo's ZIP says so in its name
PACKAGE = f"{BULK}/datapackage.json"
SUMS = "data/SHA256SUMS"


def zip_path(demo: bool) -> str:
    """Where the ZIP of every dataset goes: kompetanseinnsyn.zip, or kompetanseinnsyn-DEMO.zip for a demo."""
    return DEMO_ZIP if demo else ZIP


def bulk_files(published: Published) -> dict[str, bytes]:
    """Every DATASET_FORMATS file per dataset, datapackage.json, and a ZIP of the CSVs with the package, a README
    and the licence, under /data/siste/."""
    files: dict[str, bytes] = {}
    for ds in published.datasets:
        for fmt in DATASET_FORMATS:
            files[fmt.path(f"{BULK}/{ds.name}")] = fmt.writer(ds, published)
    files[PACKAGE] = package_json(published, files)
    files[zip_path(published.release.demo)] = bulk_zip(published, files)
    files.update(catalog_files(published, files, DATASET_FORMATS, BULK))  # /data/katalog.ttl and .jsonld
    return files


def bulk_zip(published: Published, files: Mapping[str, bytes]) -> bytes:
    """The ZIP of every CSV, with datapackage.json (its resource paths are files in the ZIP), LESMEG.txt and
    LISENS.txt."""
    release = published.release
    inside = {path.rsplit("/", 1)[1]: data for path, data in files.items() if path.endswith((".csv", ".json"))}
    extra = (
        (README, "denne filen"),
        (LICENSE, "lisensen"),
        ("datapackage.json", "beskrivelse av tabellene (Frictionless Data), med sjekksummer"),
    )
    inside[README] = readme(release, published.datasets, extra)
    inside[LICENSE] = license_text(release)
    return deterministic_zip(inside, release.date)


def file_sizes(files: Mapping[str, bytes]) -> dict[str, int]:
    """Bytes per file, for the data page."""
    return {path: len(data) for path, data in files.items()}


def package_json(published: Published, files: Mapping[str, bytes]) -> bytes:
    """A Frictionless data package describing every published machine-readable CSV, with checksums."""
    release = published.release
    resources = []
    for ds in published.datasets:
        path = DATASET_CSV_MACHINE.path(ds.name)
        data = files[f"{BULK}/{path}"]
        resources.append(
            {
                "name": ds.name,
                "path": path,
                "profile": "tabular-data-resource",
                "title": ds.title,
                "description": ds.description,
                "format": "csv",
                "mediatype": DATASET_CSV_MACHINE.media_type,
                "encoding": "utf-8",
                "bytes": len(data),
                "hash": f"sha256:{sha256(data)}",
                "schema": {
                    "fields": [
                        {"name": f["name"], "type": f["type"], "title": f["title"], "description": f["description"]}
                        for f in ds.fields
                    ],
                    "primaryKey": list(ds.primary_key) if _key_complete(ds) else [],
                    "missingValues": [""],
                },
            }
        )
    demo = {"x-demo": True, "description": t("demo.banner")} if release.demo else {}
    package = {
        "profile": "tabular-data-package",
        "name": "kompetanseinnsyn-demo" if release.demo else "kompetanseinnsyn",
        "title": f"Kompetanseinnsyn – {t('demo.label')}" if release.demo else "Kompetanseinnsyn",
        **demo,
        "version": release.version,
        "created": f"{release.date}T00:00:00Z",
        "homepage": release.site_url,
        "licenses": [
            {
                "name": release.license,
                "path": "https://data.norge.no/nlod/no/2.0",
                "title": "Norsk lisens for offentlige data (NLOD) 2.0",
            }
        ],
        "sources": [
            {"title": s["tittel"], "path": s["url"]} if s.get("url") else {"title": s["tittel"]}
            for s in published.source_list
        ],
        "resources": resources,
    }
    return (json.dumps(package, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _key_complete(ds: Dataset) -> bool:
    """Frictionless primary keys may not hold empty values (frictionless#1623): declare only complete ones."""
    return all(all(r[k] is not None for k in ds.primary_key) for r in ds.rows)


def versioned(files: Mapping[str, bytes], version: str) -> dict[str, bytes]:
    """Copies of data files under /data/v/<version>/ (the unversioned ones are the newest, «siste»)."""
    out = {}
    for path, data in files.items():
        rest = path.removeprefix("data/").removeprefix("siste/")
        out[f"{VERSIONS}/{version}/{rest}"] = data
    return out


def checksums(files: Mapping[str, bytes]) -> bytes:
    """SHA256SUMS in the coreutils format, paths relative to /data/."""
    lines = [f"{sha256(data)}  {path.removeprefix('data/')}\n" for path, data in sorted(files.items())]
    return "".join(lines).encode("utf-8")


def data_files(site: Site, bulk: Mapping[str, bytes]) -> dict[str, bytes]:
    """Per-table downloads and the bulk release, newest and versioned, with SHA256SUMS over all of them."""
    latest = {**page_table_files(site.pages, site.release_info, site.sources), **bulk}
    files = {**latest, **versioned(latest, site.release)}
    files[SUMS] = checksums(files)
    return files


def dataset_download_url(name: str, fmt: DownloadFormat[DatasetWriter]) -> str:
    """The site-relative URL of the newest release of one dataset in one format."""
    return "/" + fmt.path(f"{BULK}/{name}")


def versions_url(version: str) -> str:
    """The site-relative folder of one data version's copies (see versioned())."""
    return f"/{VERSIONS}/{version}/"
