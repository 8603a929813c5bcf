"""The whole release as files: CSV per input table, Parquet, a ZIP, a Frictionless datapackage.json, and with the
per-table downloads of every page, the versioned copies and SHA256SUMS. Pure functions of the model."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from builder.load.contract import FieldSpec
from builder.load.database import sql_type
from builder.load.formula import neutralise
from builder.model.datasets import Dataset, Published
from builder.model.site import Site
from builder.render.downloads import page_table_files, plain_number

BULK = "data/siste"


def dataset_csv(ds: Dataset, *, excel: bool) -> bytes:
    """A dataset as CSV in either flavour (see downloads.csv_bytes)."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    writer.writerow([neutralise(str(f["name"])) for f in ds.fields])
    for row in ds.rows:
        writer.writerow([_cell(row[f["name"]], f["type"], "," if excel else ".") for f in ds.fields])
    return (("\ufeff" if excel else "") + out.getvalue()).encode("utf-8")


def _cell(value: Any, kind: str, decimal: str) -> str:
    """One exported cell."""
    if value is None:
        return ""
    if kind in ("integer", "number"):
        return plain_number(value).replace(".", decimal)
    if isinstance(value, dt.date):
        return value.isoformat()
    return neutralise(str(value))


def dataset_parquet(ds: Dataset) -> bytes:
    """A dataset as Parquet with column types, titles and descriptions in the schema metadata."""
    fields = []
    arrays = []
    for f in ds.fields:
        spec = _spec(f)
        arrow_type = sql_type(spec)[1]
        meta = {b"title": f["title"].encode(), b"description": f["description"].encode()}
        fields.append(pa.field(f["name"], arrow_type, metadata=meta))
        arrays.append(pa.array([r[f["name"]] for r in ds.rows], type=arrow_type))
    schema = pa.schema(fields, metadata={b"title": ds.title.encode(), b"description": ds.description.encode()})
    buffer = io.BytesIO()
    pq.write_table(pa.Table.from_arrays(arrays, schema=schema), buffer, compression="zstd")
    return buffer.getvalue()


def _spec(field: Mapping[str, Any]) -> FieldSpec:
    """The field as a FieldSpec, for sql_type()."""
    return FieldSpec(
        field["name"], field["type"], field["title"], field["description"], money=field.get("money", False)
    )


def deterministic_zip(files: Mapping[str, bytes], when: str) -> bytes:
    """A ZIP whose bytes depend only on the files and the date."""
    stamp = dt.date.fromisoformat(when).timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    """Hex digest."""
    return hashlib.sha256(data).hexdigest()


def bulk_files(published: Published) -> dict[str, bytes]:
    """CSV (both flavours) and Parquet per dataset, a ZIP of the CSVs and datapackage.json, under /data/siste/."""
    files: dict[str, bytes] = {}
    for ds in published.datasets:
        files[f"{BULK}/{ds.name}.csv"] = dataset_csv(ds, excel=True)
        files[f"{BULK}/{ds.name}.maskinlesbar.csv"] = dataset_csv(ds, excel=False)
        files[f"{BULK}/{ds.name}.parquet"] = dataset_parquet(ds)
    csvs = {path.rsplit("/", 1)[1]: data for path, data in files.items() if path.endswith(".csv")}
    files[f"{BULK}/kompetanseinnsyn.zip"] = deterministic_zip(csvs, published.release.date)
    files[f"{BULK}/datapackage.json"] = package_json(published, files)
    return files


def file_sizes(files: Mapping[str, bytes]) -> dict[str, int]:
    """Bytes per file, for the data page."""
    return {path: len(data) for path, data in files.items()}


def package_json(published: Published, files: Mapping[str, bytes]) -> bytes:
    """A Frictionless data package describing every published machine-readable CSV, with checksums."""
    release = published.release
    resources = []
    for ds in published.datasets:
        path = f"{ds.name}.maskinlesbar.csv"
        data = files[f"{BULK}/{path}"]
        resources.append(
            {
                "name": ds.name,
                "path": path,
                "profile": "tabular-data-resource",
                "title": ds.title,
                "description": ds.description,
                "format": "csv",
                "mediatype": "text/csv",
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
    package = {
        "profile": "tabular-data-package",
        "name": "kompetanseinnsyn",
        "title": "Kompetanseinnsyn",
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
        out[f"data/v/{version}/{rest}"] = data
    return out


def checksums(files: Mapping[str, bytes]) -> bytes:
    """SHA256SUMS in the coreutils format, paths relative to /data/."""
    lines = [f"{sha256(data)}  {path.removeprefix('data/')}\n" for path, data in sorted(files.items())]
    return "".join(lines).encode("utf-8")


def data_files(site: Site, bulk: Mapping[str, bytes]) -> dict[str, bytes]:
    """Per-table downloads and the bulk release, newest and versioned, with SHA256SUMS over all of them."""
    latest = {**page_table_files(site.pages, site.release_info, site.sources), **bulk}
    files = {**latest, **versioned(latest, site.release)}
    files["data/SHA256SUMS"] = checksums(files)
    return files
