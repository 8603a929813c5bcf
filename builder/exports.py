"""The whole release as files: CSV per input table, Parquet, a ZIP, a Frictionless datapackage.json, SHA256SUMS,
and the per-table downloads of every page. Pure functions of the model."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from builder.downloads import Release, plain_number, table_files
from builder.formula import neutralise
from builder.load import sql_type

BULK = "data/siste"
PARQUET_TYPES = {"string": "string", "integer": "integer", "number": "number", "date": "date"}


@dataclass(frozen=True)
class Dataset:
    """One published table: the input resource's schema and all its rows."""

    name: str
    title: str
    description: str
    fields: tuple[Mapping[str, Any], ...]
    rows: tuple[Mapping[str, Any], ...]
    primary_key: tuple[str, ...]


def dataset_csv(ds: Dataset, *, excel: bool) -> bytes:
    """A dataset as CSV in either flavour (see downloads.csv_bytes)."""
    import csv

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


def _spec(field: Mapping[str, Any]) -> Any:
    """A FieldSpec-like object for sql_type()."""
    from builder.contract import FieldSpec

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


def bulk_files(datasets: Sequence[Dataset], release: Release, sources: Sequence[Mapping[str, Any]]) -> dict[str, bytes]:
    """CSV (both flavours) and Parquet per dataset, a ZIP of the CSVs and datapackage.json, under /data/siste/."""
    files: dict[str, bytes] = {}
    for ds in datasets:
        files[f"{BULK}/{ds.name}.csv"] = dataset_csv(ds, excel=True)
        files[f"{BULK}/{ds.name}.maskinlesbar.csv"] = dataset_csv(ds, excel=False)
        files[f"{BULK}/{ds.name}.parquet"] = dataset_parquet(ds)
    csvs = {path.rsplit("/", 1)[1]: data for path, data in files.items() if path.endswith(".csv")}
    files[f"{BULK}/kompetanseinnsyn.zip"] = deterministic_zip(csvs, release.date)
    files[f"{BULK}/datapackage.json"] = package_json(datasets, files, release, sources)
    return files


def package_json(
    datasets: Sequence[Dataset], files: Mapping[str, bytes], release: Release, sources: Sequence[Mapping[str, Any]]
) -> bytes:
    """A Frictionless data package describing every published machine-readable CSV, with checksums."""
    resources = []
    for ds in datasets:
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
            {"title": s["tittel"], "path": s["url"]} if s.get("url") else {"title": s["tittel"]} for s in sources
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


def manifest(datasets: Sequence[Dataset]) -> dict[str, str]:
    """sha256 of each dataset's machine CSV: what a release publishes, for the change-log check."""
    return {ds.name: sha256(dataset_csv(ds, excel=False)) for ds in datasets}


def page_table_files(
    pages: Sequence[Any], release: Release, sources: Mapping[str, Mapping[str, Any]]
) -> dict[str, bytes]:
    """Every table of every page in four formats at /data/<page path>/<table id>.<ext>."""
    files: dict[str, bytes] = {}
    for page in pages:
        for table in page.content.tables:
            used = [sources[s] for s in table.sources if s in sources]
            files.update(table_files(table, download_base(page.url, table.id), release, used))
    return files


def download_base(page_url: str, table_id: str) -> str:
    """The path (without extension) of a page table's downloads, e.g. data/fylke/46-vestland/per-ordning-og-aar."""
    inner = page_url.strip("/") or "forside"
    return f"data/{inner}/{table_id}"


def plain(value: Any) -> Any:
    """JSON-friendly value."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value
