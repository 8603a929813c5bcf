"""Run a named SQL file from builder/sql/ with DuckDB named parameters; rows come back as dicts."""

from __future__ import annotations

from functools import cache
from typing import Any

import duckdb

from builder.config import SQL_DIR
from builder.errors import BuildError, Exit
from builder.load.names import is_identifier


@cache
def sql_text(name: str) -> str:
    """The text of builder/sql/<name>.sql; the name is a plain identifier, never a path."""
    if not is_identifier(name):
        raise FileNotFoundError(f"no query named {name!r}")
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    """Rows of query `name` as dicts; errors name the file and the parameters."""
    try:
        cur = con.execute(sql_text(name), params or None)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row, strict=True)) for row in cur.fetchall()]
    except (duckdb.Error, FileNotFoundError) as exc:
        shown = ", ".join(f"{k}={v!r}" for k, v in sorted(params.items()))
        raise BuildError(f"builder/sql/{name}.sql", f"{exc} (params: {shown})", code=Exit.INTERNAL) from exc
