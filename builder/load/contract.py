"""The data contract: data/datapackage.json parsed into frozen specs (nothing is guessed)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import BuildError, Exit
from builder.load import contract_values as values
from builder.load.contract_refs import check_references, check_unique
from builder.load.descriptor import DescriptorError, Node, read_descriptor

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
    """A sum check: grouped detail rows must equal a totals resource (D-15), within the tolerance plus, when
    rounding_field is set, half the declared rounding of each summed row and of the total."""

    resource: str
    where: tuple[tuple[str, str], ...]
    group_by: tuple[str, ...]
    sum_field: str
    totals: str
    total_field: str
    tolerance: str
    rounding_field: str | None = None
    sum_label: str = "sum av fylker"
    total_label: str = "nasjonal total"
    # A county field: the sum must equal the total only when the group has a row for every county valid in its
    # year (a partial split may not exceed it; a total without detail rows is a figure on its own).
    complete_by: str | None = None


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
    demo: bool = False  # x-demo: a demonstration package; only it may hold rows with status eksempel

    def resource(self, name: str) -> ResourceSpec:
        """The resource with this name."""
        return next(r for r in self.resources if r.name == name)


def load_contract(data_dir: Path) -> Contract:
    """Parse data_dir/datapackage.json; any problem is a configuration error naming its JSON path."""
    path = data_dir / "datapackage.json"
    raw = read_descriptor(path)
    try:
        contract = _contract(data_dir, Node(raw))
        check_references(contract)
    except DescriptorError as exc:
        raise BuildError(str(path), str(exc), code=Exit.USAGE) from exc
    return contract


def _contract(root: Path, node: Node) -> Contract:
    """Build the Contract from the parsed JSON."""
    node.mapping()
    resource_nodes = node.key("resources").items()
    resources = tuple(_resource(r) for r in resource_nodes)
    listed = {r.path for r in resources} | {"datapackage.json"}
    listed |= {u.key("path").relative_path() for u in node.key("x-upstream", []).items()}
    listed |= {s.relative_path() for s in node.key("x-scripts", []).items()}
    release = node.key("x-release")
    first, last = values.years(node.key("x-years"))
    return Contract(
        root=root,
        resources=resources,
        release_version=values.version(release.key("version")),
        release_date=values.iso_date(release.key("date")),
        first_year=first,
        last_year=last,
        report_deadline=values.month_day(node.key("x-reportDeadline", "06-14")),
        reconcile=tuple(_reconcile(r) for r in node.key("x-reconcile", []).items()),
        listed_files=frozenset(listed),
        license_name=values.license_name(node.key("licenses", [{"name": "NLOD-2.0"}])),
        releases_dir=node.key("x-releases", "utgivelser").relative_path(),
        titles={spec.name: values.title(r, spec.name) for spec, r in zip(resources, resource_nodes, strict=True)},
        demo=node.key("x-demo", False).flag(),
    )


def _resource(node: Node) -> ResourceSpec:
    """Parse one resource descriptor."""
    dialect = node.key("dialect", {})
    schema = node.key("schema")
    quote_char = values.one_char(dialect.key("quoteChar", '"'))
    field_nodes = schema.key("fields").items()
    if not field_nodes:
        schema.key("fields").fail("en ressurs må ha minst ett felt")
    fields = tuple(_field(f) for f in field_nodes)
    check_unique([f.name for f in fields], [f.key("name") for f in field_nodes], "feltnavnet")
    return ResourceSpec(
        name=node.key("name").name(),
        path=node.key("path").relative_path(),
        format=values.choice(node.key("format", "csv"), ("csv", "xlsx")),
        encoding=values.choice(node.key("encoding", "utf-8"), sorted(ALLOWED_ENCODINGS), lower=True),
        delimiter=values.delimiter(dialect.key("delimiter", ","), quote_char),
        quote_char=quote_char,
        sheet=values.sheet(node.key("x-sheet", None)),
        fields=fields,
        primary_key=schema.key("primaryKey", []).names(),
        foreign_keys=tuple(_foreign_key(fk) for fk in schema.key("foreignKeys", []).items()),
        missing_values=tuple(v.text() for v in schema.key("missingValues", [""]).items()),
        allow_empty=node.key("x-allowEmpty", False).flag(),
    )


def _foreign_key(node: Node) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """One foreign key: own fields, the referenced resource and its fields (of the same count)."""
    fields = node.key("fields").names()
    reference = node.key("reference")
    target_fields = reference.key("fields").names()
    if len(fields) != len(target_fields) or not fields:
        reference.key("fields").fail(f"forventet {len(fields)} felt, like mange som i fields")
    return fields, reference.key("resource").name(), target_fields


def _field(node: Node) -> FieldSpec:
    """Parse one field descriptor."""
    name = node.key("name").name()
    cons = node.key("constraints", {})
    cons.mapping()
    decimal = values.decimal_char(node.key("decimalChar", "."))
    minimum, maximum = cons.key("minimum", None).number(), cons.key("maximum", None).number()
    if minimum is not None and maximum is not None and minimum > maximum:
        cons.key("minimum").fail(f"minimum {minimum} er større enn maximum {maximum}")
    return FieldSpec(
        name=name,
        type=values.choice(node.key("type"), sorted(FIELD_TYPES)),
        title=node.key("title", name).text(),
        description=node.key("description", "").text(),
        required=cons.key("required", False).flag(),
        pattern=values.pattern(cons.key("pattern", None)),
        enum=values.enum(cons.key("enum", None)),
        minimum=minimum,
        maximum=maximum,
        max_length=values.positive(cons.key("maxLength", DEFAULT_MAX_LENGTH)),
        decimal_char=decimal,
        group_chars=values.group_chars(node.key("groupChar", ""), decimal),
        money=node.key("x-money", False).flag(),
        role=node.key("x-role", None).optional_text(),
        is_year=node.key("x-year", False).flag(),
        is_url=node.key("x-url", False).flag(),
        allow_negative=node.key("x-allowNegative", False).flag(),
    )


def _reconcile(node: Node) -> Reconcile:
    """Parse one reconciliation rule."""
    return Reconcile(
        resource=node.key("resource").name(),
        where=values.where(node.key("where", {})),
        group_by=node.key("groupBy").names(),
        sum_field=node.key("sum").name(),
        totals=node.key("totals").name(),
        total_field=node.key("totalField").name(),
        tolerance=values.tolerance(node.key("tolerance", "0")),
        rounding_field=values.optional_name(node.key("roundingField", None)),
        sum_label=values.label(node.key("sumLabel", "sum av fylker")),
        total_label=values.label(node.key("totalLabel", "nasjonal total")),
        complete_by=values.optional_name(node.key("completeBy", None)),
    )
