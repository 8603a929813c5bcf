"""Run a named SQL file from builder/sql/ with DuckDB named parameters; rows come back as dicts.

Each file declares its parameters on the line after its purpose comment (`-- params: fylke, aar` or
`-- params: none`); `run` takes exactly those names and `select_params` picks them from what a route has.
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
    """Rows of query `name` as dicts; errors name the file and the parameters."""
    try:
        check_params(name, set(params))
        cur = con.execute(sql_text(name), params or None)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    except (duckdb.Error, FileNotFoundError) as exc:
        shown = ", ".join(f"{k}={v!r}" for k, v in sorted(params.items()))
        raise BuildError(sql_file(name), f"{exc} (params: {shown})", code=Exit.INTERNAL) from exc
