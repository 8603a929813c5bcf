"""STAGE 1: validated input rows → typed DuckDB tables → the views in sql/views/ (in name order), materialised."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pyarrow as pa

from builder.config import SQL_DIR
from builder.errors import BuildError, Exit
from builder.load.collect import Row
from builder.load.contract import Contract, FieldSpec, ResourceSpec
from builder.load.limits import DECIMAL_PRECISION, scale
from builder.load.names import quote_identifier

STAGING = "_incoming"


def sql_type(f: FieldSpec) -> tuple[str, pa.DataType]:
    """DuckDB and Arrow types for a field: codes stay text, money is DECIMAL, never float (D-7)."""
    if f.type == "integer":
        return "INTEGER", pa.int32()
    if f.type == "number":
        digits = scale(f)
        return f"DECIMAL({DECIMAL_PRECISION},{digits})", pa.decimal128(DECIMAL_PRECISION, digits)
    if f.type == "date":
        return "DATE", pa.date32()
    return "VARCHAR", pa.string()


def arrow_table(spec: ResourceSpec, rows: list[Row]) -> pa.Table:
    """Typed rows as an Arrow table with the schema's column order."""
    columns = {f.name: pa.array([r[f.name] for r in rows], type=sql_type(f)[1]) for f in spec.fields}
    return pa.table(columns)


def create_table(con: duckdb.DuckDBPyConnection, spec: ResourceSpec, data: pa.Table) -> None:
    """One typed table named after the resource, filled from Arrow (names are quoted, values never in SQL)."""
    table = quote_identifier(spec.name)
    cols = ", ".join(f"{quote_identifier(f.name)} {sql_type(f)[0]}" for f in spec.fields)
    con.execute(f"CREATE TABLE {table} ({cols})")
    # The staging name starts with "_", which no resource name may (builder/load/names.py), so they never collide.
    con.register(STAGING, data)
    try:
        con.execute(f"INSERT INTO {table} SELECT * FROM {STAGING}")
    finally:
        con.unregister(STAGING)


@contextmanager
def load(
    contract: Contract, rows: dict[str, list[Row]], sql_dir: Path = SQL_DIR
) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB with one table per resource and every view; closed on exit."""
    con = duckdb.connect(":memory:", config={"threads": 1})
    try:
        for spec in contract.resources:
            create_table(con, spec, arrow_table(spec, rows[spec.name]))
        create_views(con, sql_dir)
        yield con
    finally:
        con.close()


def create_views(con: duckdb.DuckDBPyConnection, sql_dir: Path = SQL_DIR) -> None:
    """Each file of sql/views/ in name order, its views materialised as tables of the same name right away, so
    later views and every page query read them instead of re-evaluating them (the base tables never change
    after loading)."""
    for view in sorted((sql_dir / "views").glob("*.sql")):
        try:
            con.execute(view.read_text(encoding="utf-8"))
            for name in _views(con):
                materialise(con, name)
        except duckdb.Error as exc:
            raise BuildError(f"builder/sql/views/{view.name}", str(exc), code=Exit.INTERNAL) from exc


def _views(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Names of the views not yet materialised, in creation order."""
    rows = con.execute((SQL_DIR / "catalog" / "views.sql").read_text(encoding="utf-8")).fetchall()
    return [name for (name,) in rows]


def materialise(con: duckdb.DuckDBPyConnection, view: str) -> None:
    """Replace a view by a table of its rows under the same name (rows in the view's order)."""
    name, staging = quote_identifier(view), quote_identifier(f"{STAGING}_{view}")
    con.execute(f"CREATE TABLE {staging} AS SELECT * FROM {name}")
    con.execute(f"DROP VIEW {name}")
    con.execute(f"ALTER TABLE {staging} RENAME TO {name}")
