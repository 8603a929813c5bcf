"""Cross-references in the data contract: unique names, and keys and rules that name existing fields."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from builder.load.descriptor import DescriptorError, Node

if TYPE_CHECKING:
    from builder.load.contract import Contract, ResourceSpec


def check_unique(names: Sequence[str], nodes: Sequence[Node], what: str) -> None:
    """Each name occurs once; a repeat names both places."""
    first: dict[str, str] = {}
    for name, node in zip(names, nodes, strict=True):
        if name in first:
            node.fail(f"{what} «{name}» står to ganger (også i {first[name]})")
        first[name] = node.path


def check_references(contract: Contract) -> None:
    """Resource names are unique, and keys and reconciliation rules refer to fields that exist."""
    resources = contract.resources
    check_unique([r.name for r in resources], [_at(i, "name") for i in range(len(resources))], "ressursnavnet")
    by_name = {r.name: r for r in resources}
    for i, spec in enumerate(resources):
        _known_fields(spec, spec.primary_key, f"resources[{i}].schema.primaryKey")
        for j, (fields, target, target_fields) in enumerate(spec.foreign_keys):
            at = f"resources[{i}].schema.foreignKeys[{j}]"
            _known_fields(spec, fields, f"{at}.fields")
            referenced = _known_resource(by_name, target, f"{at}.reference.resource")
            _known_fields(referenced, target_fields, f"{at}.reference.fields")
    for k, rule in enumerate(contract.reconcile):
        at = f"x-reconcile[{k}]"
        detail = _known_resource(by_name, rule.resource, f"{at}.resource")
        totals = _known_resource(by_name, rule.totals, f"{at}.totals")
        _known_fields(detail, [key for key, _ in rule.where], f"{at}.where", indexed=False)
        _known_fields(detail, rule.group_by, f"{at}.groupBy")
        _known_fields(totals, rule.group_by, f"{at}.groupBy")
        _known_fields(detail, [rule.sum_field], f"{at}.sum", indexed=False)
        _known_fields(totals, [rule.total_field], f"{at}.totalField", indexed=False)
        if rule.complete_by is not None:
            _county_field(detail, rule.complete_by, rule.group_by, f"{at}.completeBy")
        if rule.rounding_field is not None:
            for spec in (detail, totals):
                _known_fields(spec, [rule.rounding_field], f"{at}.roundingField", indexed=False)
                if spec.field(rule.rounding_field).type != "number":
                    raise DescriptorError(
                        f"{at}.roundingField",
                        f"feltet «{rule.rounding_field}» i ressursen «{spec.name}» må ha type number",
                    )


def _county_field(spec: ResourceSpec, name: str, group_by: Sequence[str], path: str) -> None:
    """completeBy names a county field (x-role fylke) of the detail resource, and the rule groups by a year."""
    _known_fields(spec, [name], path, indexed=False)
    if spec.field(name).role != "fylke":
        raise DescriptorError(path, f"feltet «{name}» i ressursen «{spec.name}» må ha x-role «fylke»")
    if not any(spec.field(g).is_year for g in group_by):
        raise DescriptorError(path, "regelen må gruppere på et årsfelt (x-year) for å vite hvilke fylker som gjaldt")


def _at(index: int, key: str) -> Node:
    """A node standing for resources[index].key, for messages only."""
    return Node(None, f"resources[{index}].{key}")


def _known_resource(by_name: dict[str, ResourceSpec], name: str, path: str) -> ResourceSpec:
    """The resource of this name, or a problem at path."""
    if name not in by_name:
        raise DescriptorError(path, f"ressursen «{name}» finnes ikke{_guess(name, by_name)}")
    return by_name[name]


def _known_fields(spec: ResourceSpec, names: Sequence[str], path: str, *, indexed: bool = True) -> None:
    """Every name is a field of spec, or a problem at path (with [j] for list elements)."""
    fields = [f.name for f in spec.fields]
    for j, name in enumerate(names):
        if name not in fields:
            where = f"{path}[{j}]" if indexed else path
            raise DescriptorError(
                where,
                f"feltet «{name}» finnes ikke i ressursen «{spec.name}»{_guess(name, fields)} "
                f"(feltene er {', '.join(fields)})",
            )


def _guess(name: str, known: Sequence[str] | dict[str, ResourceSpec]) -> str:
    """A did-you-mean hint, or nothing."""
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; mente du «{close[0]}»?" if close else ""
