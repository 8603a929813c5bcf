"""The data contract: data/datapackage.json parsed into frozen specs (nothing is guessed)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.errors import BuildError, Exit

FIELD_TYPES = {"string", "integer", "number", "date"}
ALLOWED_ENCODINGS = {"utf-8", "windows-1252", "utf-16"}
MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_LINE_CHARS = 1024 * 1024
DEFAULT_MAX_LENGTH = 1000


@dataclass(frozen=True)
class FieldSpec:
    """One column of a resource."""

    name: str
    type: str
    title: str
    description: str
    required: bool = False
    pattern: str | None = None
    enum: tuple[str, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = DEFAULT_MAX_LENGTH
    decimal_char: str = "."
    group_chars: str = ""
    money: bool = False
    role: str | None = None
    is_year: bool = False
    is_url: bool = False
    allow_negative: bool = False


@dataclass(frozen=True)
class ResourceSpec:
    """One input file and its Table Schema."""

    name: str
    path: str
    format: str
    encoding: str
    delimiter: str
    quote_char: str
    sheet: str | None
    fields: tuple[FieldSpec, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[tuple[str, ...], str, tuple[str, ...]], ...]
    missing_values: tuple[str, ...]
    allow_empty: bool = False

    def field(self, name: str) -> FieldSpec:
        """The field with this name."""
        return next(f for f in self.fields if f.name == name)


@dataclass(frozen=True)
class Reconcile:
    """A sum check: grouped detail rows must equal a totals resource (D-15)."""

    resource: str
    where: tuple[tuple[str, str], ...]
    group_by: tuple[str, ...]
    sum_field: str
    totals: str
    total_field: str
    tolerance: str


@dataclass(frozen=True)
class Contract:
    """The whole data package."""

    root: Path
    resources: tuple[ResourceSpec, ...]
    release_version: str
    release_date: str
    first_year: int
    last_year: int
    report_deadline: str
    reconcile: tuple[Reconcile, ...]
    listed_files: frozenset[str]
    license_name: str
    releases_dir: str = "utgivelser"
    titles: Mapping[str, tuple[str, str]] = field(default_factory=dict)

    def resource(self, name: str) -> ResourceSpec:
        """The resource with this name."""
        return next(r for r in self.resources if r.name == name)


def load_contract(data_dir: Path) -> Contract:
    """Parse data_dir/datapackage.json; a malformed descriptor is a configuration error."""
    path = data_dir / "datapackage.json"
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BuildError(str(path), "finner ikke datapackage.json", code=Exit.USAGE) from exc
    except json.JSONDecodeError as exc:
        raise BuildError(str(path), f"ugyldig JSON: {exc}", code=Exit.USAGE) from exc
    try:
        return _contract(data_dir, raw)
    except (KeyError, TypeError, ValueError) as exc:
        raise BuildError(str(path), f"ugyldig beskrivelse: {exc!r}", code=Exit.USAGE) from exc


def _contract(root: Path, raw: dict[str, Any]) -> Contract:
    """Build the Contract from the parsed JSON."""
    resources = tuple(_resource(r) for r in raw["resources"])
    listed = {r.path for r in resources} | {"datapackage.json"}
    listed |= {u["path"] for u in raw.get("x-upstream", [])}
    listed |= set(raw.get("x-scripts", []))
    release = raw["x-release"]
    years = raw["x-years"]
    return Contract(
        root=root,
        resources=resources,
        release_version=str(release["version"]),
        release_date=str(release["date"]),
        first_year=int(years["first"]),
        last_year=int(years["last"]),
        report_deadline=str(raw.get("x-reportDeadline", "06-14")),
        reconcile=tuple(_reconcile(r) for r in raw.get("x-reconcile", [])),
        listed_files=frozenset(listed),
        license_name=str(raw.get("licenses", [{"name": "NLOD-2.0"}])[0]["name"]),
        releases_dir=str(raw.get("x-releases", "utgivelser")),
        titles={r["name"]: (str(r.get("title", r["name"])), str(r.get("description", ""))) for r in raw["resources"]},
    )


def _resource(raw: dict[str, Any]) -> ResourceSpec:
    """Parse one resource descriptor."""
    dialect = raw.get("dialect", {})
    schema = raw["schema"]
    encoding = raw.get("encoding", "utf-8").lower()
    if encoding not in ALLOWED_ENCODINGS:
        raise ValueError(f"encoding {encoding!r} for {raw['name']} (allowed: {sorted(ALLOWED_ENCODINGS)})")
    fmt = raw.get("format", "csv")
    if fmt not in ("csv", "xlsx"):
        raise ValueError(f"format {fmt!r} for {raw['name']}")
    delimiter = dialect.get("delimiter", ",")
    return ResourceSpec(
        name=raw["name"],
        path=raw["path"],
        format=fmt,
        encoding=encoding,
        delimiter="\t" if delimiter == "tab" else delimiter,
        quote_char=dialect.get("quoteChar", '"'),
        sheet=raw.get("x-sheet"),
        fields=tuple(_field(f) for f in schema["fields"]),
        primary_key=tuple(schema.get("primaryKey", [])),
        foreign_keys=tuple(
            (tuple(fk["fields"]), fk["reference"]["resource"], tuple(fk["reference"]["fields"]))
            for fk in schema.get("foreignKeys", [])
        ),
        missing_values=tuple(schema.get("missingValues", [""])),
        allow_empty=bool(raw.get("x-allowEmpty", False)),
    )


def _field(raw: dict[str, Any]) -> FieldSpec:
    """Parse one field descriptor."""
    if raw["type"] not in FIELD_TYPES:
        raise ValueError(f"field {raw['name']!r} has unsupported type {raw['type']!r}")
    cons = raw.get("constraints", {})
    enum = cons.get("enum")
    return FieldSpec(
        name=raw["name"],
        type=raw["type"],
        title=raw.get("title", raw["name"]),
        description=raw.get("description", ""),
        required=bool(cons.get("required", False)),
        pattern=cons.get("pattern"),
        enum=tuple(enum) if enum else None,
        minimum=cons.get("minimum"),
        maximum=cons.get("maximum"),
        max_length=int(cons.get("maxLength", DEFAULT_MAX_LENGTH)),
        decimal_char=raw.get("decimalChar", "."),
        group_chars=raw.get("groupChar", ""),
        money=bool(raw.get("x-money", False)),
        role=raw.get("x-role"),
        is_year=bool(raw.get("x-year", False)),
        is_url=bool(raw.get("x-url", False)),
        allow_negative=bool(raw.get("x-allowNegative", False)),
    )


def _reconcile(raw: dict[str, Any]) -> Reconcile:
    """Parse one reconciliation rule."""
    return Reconcile(
        resource=raw["resource"],
        where=tuple(sorted(raw.get("where", {}).items())),
        group_by=tuple(raw["groupBy"]),
        sum_field=raw["sum"],
        totals=raw["totals"],
        total_field=raw["totalField"],
        tolerance=str(raw.get("tolerance", "0")),
    )
