"""Run a named SQL file from builder/sql/ with DuckDB named parameters; rows come back as dicts.

Each file declares its parameters on the line after its purpose comment (`-- params: fylke, aar` or
`-- params: none`); `run` takes exactly those names and `select_params` picks them from what a route has.
A page query may instead be keyed (`-- per: fylke` on line 3): it runs once for every page of its route and
returns each page's key in a column `key_<name>`; `grouped` splits its rows by page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

import duckdb

from builder.config import SQL_DIR
from builder.errors import BuildError, Exit
from builder.load.names import is_identifier

PARAMS_LINE = re.compile(r"-- params: (?P<names>none|[a-z_][a-z0-9_]*(?:, [a-z_][a-z0-9_]*)*)")
PER_LINE = re.compile(r"-- per: (?P<names>[a-z_][a-z0-9_]*(?:, [a-z_][a-z0-9_]*)*)")
KEY_PREFIX = "key_"


@cache
def sql_text(name: str) -> str:
    """The text of builder/sql/<name>.sql; the name is a plain identifier, never a path."""
    if not is_identifier(name):
        raise FileNotFoundError(f"no query named {name!r}")
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def sql_file(name: str) -> str:
    """The query's file as named in messages."""
    return f"builder/sql/{name}.sql"


@cache
def declared_params(name: str) -> frozenset[str]:
    """The parameter names a query declares on its second line."""
    lines = sql_text(name).splitlines()
    match = PARAMS_LINE.fullmatch(lines[1]) if len(lines) > 1 else None
    if match is None:
        raise BuildError(
            sql_file(name),
            "linje 2 må deklarere parameterne, for eksempel «-- params: fylke, aar» eller «-- params: none»",
            code=Exit.INTERNAL,
        )
    names = match["names"]
    return frozenset() if names == "none" else frozenset(names.split(", "))


@cache
def per_keys(name: str) -> tuple[str, ...]:
    """The page keys a keyed query declares on its third line (`-- per: fylke`), or () for a per-page query."""
    lines = sql_text(name).splitlines()
    match = PER_LINE.fullmatch(lines[2]) if len(lines) > 2 else None
    return tuple(match["names"].split(", ")) if match else ()


Key = tuple[Any, ...]


def grouped(name: str, rows: list[dict[str, Any]]) -> dict[Key, list[dict[str, Any]]]:
    """A keyed query's rows split by page key, each row without its key columns, in the query's order."""
    columns = [KEY_PREFIX + k for k in per_keys(name)]
    missing = [c for c in columns if rows and c not in rows[0]]
    if missing:
        raise BuildError(
            sql_file(name), f"spørringen gir ikke nøkkelkolonnen {_names(set(missing))}", code=Exit.INTERNAL
        )
    out: dict[Key, list[dict[str, Any]]] = {}
    for row in rows:
        key = tuple(row.pop(c) for c in columns)
        out.setdefault(key, []).append(row)
    return out


def _names(names: set[str] | frozenset[str]) -> str:
    """Parameter names for a message, sorted, or «ingen»."""
    return ", ".join(sorted(names)) or "ingen"


def check_params(name: str, given: set[str]) -> None:
    """Refuse a call whose parameter names differ from the declared ones."""
    declared = declared_params(name)
    if given != declared:
        raise BuildError(
            sql_file(name),
            f"parameterne stemmer ikke med «-- params: {_names(declared)}»: "
            f"mangler {_names(declared - given)}; uventet {_names(given - declared)}",
            code=Exit.INTERNAL,
        )


def select_params(name: str, route: str, available: Mapping[str, Any]) -> dict[str, Any]:
    """Exactly the declared parameters of query `name`, taken from what `route` has available."""
    declared = declared_params(name)
    missing = declared - available.keys()
    if missing:
        raise BuildError(
            f'route "{route}"',
            f"spørringen «{name}» ({sql_file(name)}) krever {_names(missing)}, som ruten ikke har",
            code=Exit.INTERNAL,
        )
    return {k: available[k] for k in sorted(declared)}


def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of query `name` as dicts (of a keyed query given its keys: that page's rows); errors name the file and
    the parameters."""
    try:
        keys = per_keys(name)
    except FileNotFoundError as exc:
        raise BuildError(sql_file(name), str(exc), code=Exit.INTERNAL) from exc
    if keys and set(keys) <= params.keys():
        wanted = tuple(params.pop(k) for k in keys)
        return grouped(name, run(con, name, **params)).get(wanted, [])
    try:
        check_params(name, set(params))
        cur = con.execute(sql_text(name), params or None)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    except (duckdb.Error, FileNotFoundError) as exc:
        shown = ", ".join(f"{k}={v!r}" for k, v in sorted(params.items()))
        raise BuildError(sql_file(name), f"{exc} (params: {shown})", code=Exit.INTERNAL) from exc
