"""Declared query parameters: each builder/sql/*.sql names its parameters, run() takes exactly those, and the model
picks exactly those from what a route has."""

from __future__ import annotations

import re
from collections.abc import Iterator

import duckdb
import pytest

from builder.config import SQL_DIR
from builder.errors import BuildError, Exit
from builder.load.contract import load_contract
from builder.load.database import load
from builder.load.validate import validate
from builder.model import queries
from builder.model.routes import ROUTES, Route
from tests.conftest import FIXTURE_DATA

NAMES = sorted(p.stem for p in SQL_DIR.glob("*.sql"))


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    """The fixture data loaded into DuckDB."""
    contract = load_contract(FIXTURE_DATA)
    with load(contract, validate(contract).rows) as connection:
        yield connection


DEADLINE = {"frist_dag": 14, "frist_maaned": 6}


@pytest.mark.parametrize("name", NAMES)
def test_declared_params_match_the_placeholders(name: str) -> None:
    """The one place the SQL text is scanned: `-- params:` lists exactly the `$name`s the query uses."""
    used = set(re.findall(r"\$([a-z_][a-z0-9_]*)", queries.sql_text(name)))
    assert queries.declared_params(name) == used


def test_run_refuses_missing_and_unexpected_params() -> None:
    """A call with other names than the declared ones is an internal error naming the file and both differences."""
    con = duckdb.connect(":memory:")
    with pytest.raises(BuildError) as caught:
        queries.run(con, "sc_number", aar=2024, ordning=None, kommune="0301")
    assert caught.value.code == Exit.INTERNAL
    assert caught.value.where == "builder/sql/sc_number.sql"
    assert "mangler fylke" in caught.value.message and "uventet kommune" in caught.value.message


def test_run_refuses_params_for_a_query_without_any() -> None:
    """A query declared `-- params: none` takes no parameters."""
    with pytest.raises(BuildError, match="mangler ingen; uventet aar"):
        queries.run(duckdb.connect(":memory:"), "years", aar=2024)


def test_select_params_picks_exactly_the_declared_ones() -> None:
    """From a route's parameters and the deadline, a query gets only what it declares."""
    available = {"aar": 2024, "fylke": "46", **DEADLINE}
    assert queries.select_params("status_facts", "status", available) == {"aar": 2024, **DEADLINE}
    assert queries.select_params("county_reporting", "county", available) == DEADLINE
    assert queries.select_params("years", "years", available) == {}


def test_select_params_refuses_a_declared_param_the_route_lacks() -> None:
    """A declared parameter the route does not have is an internal error naming the query and the route."""
    with pytest.raises(BuildError) as caught:
        queries.select_params("sc_number", "year", {"aar": 2024, **DEADLINE})
    assert caught.value.code == Exit.INTERNAL
    assert caught.value.where == 'route "year"'
    assert "sc_number" in caught.value.message and "fylke, ordning" in caught.value.message


@pytest.mark.parametrize("route", [r for r in ROUTES if r.queries], ids=lambda r: r.name)
def test_every_route_has_its_queries_params(route: Route) -> None:
    """Each route query finds all its declared parameters among the route's own and the deadline."""
    available = dict.fromkeys((*route.params, *DEADLINE))
    for query in route.queries:
        assert queries.select_params(query, route.name, available).keys() == queries.declared_params(query)


KEYED = [name for name in NAMES if queries.per_keys(name)]


def test_page_queries_of_the_big_routes_are_keyed() -> None:
    """One query per route kind: every query of the county, embete, scheme, year and post pages runs once."""
    for route in ROUTES:
        if route.name in {"county", "embete", "scheme", "year", "budget_post", "recipient"}:
            assert [q for q in route.queries if not queries.per_keys(q)] == [], route.name


@pytest.mark.parametrize("route", [r for r in ROUTES if r.queries], ids=lambda r: r.name)
def test_keyed_queries_are_keyed_by_their_routes_params(route: Route) -> None:
    """A keyed query's page keys are exactly its route's page parameters, and it takes none of them as `$name`."""
    for query in route.queries:
        keys = queries.per_keys(query)
        if keys:
            assert set(keys) == set(route.params), query
            assert not set(keys) & queries.declared_params(query), query


def test_grouped_splits_rows_by_key_in_query_order_without_the_key_columns() -> None:
    """Rows of a keyed query come back per page key, in the order the query gave them."""
    rows = [
        {"key_kapittel": "0226", "key_post": "21", "aar": 2020},
        {"key_kapittel": "0231", "key_post": "21", "aar": 2019},
        {"key_kapittel": "0226", "key_post": "21", "aar": 2021},
    ]
    assert queries.grouped("budget_post_years", rows) == {
        ("0226", "21"): [{"aar": 2020}, {"aar": 2021}],
        ("0231", "21"): [{"aar": 2019}],
    }


def test_grouped_refuses_rows_without_the_key_column() -> None:
    """A keyed query that forgot its key column is an internal error naming the file and the column."""
    with pytest.raises(BuildError) as caught:
        queries.grouped("county_key", [{"fylkesnummer": "46", "aar": 2020}])
    assert caught.value.code == Exit.INTERNAL
    assert caught.value.where == "builder/sql/county_key.sql" and "key_fylke" in caught.value.message


@pytest.mark.parametrize("name", KEYED)
def test_keyed_queries_return_their_key_columns(name: str, con: duckdb.DuckDBPyConnection) -> None:
    """Each keyed query, run on the fixture package, names its key columns first."""
    cur = con.execute(queries.sql_text(name), dict.fromkeys(queries.declared_params(name), 1) or None)
    columns = [d[0] for d in cur.description]
    assert columns[: len(queries.per_keys(name))] == [f"key_{k}" for k in queries.per_keys(name)]


def test_run_with_a_keyed_querys_keys_gives_that_pages_rows(con: duckdb.DuckDBPyConnection) -> None:
    """`run` of a keyed query with its keys returns the rows of that page only, without the key column."""
    cur = con.execute(
        "SELECT aar, ordning_id, ordning, belop, status, kilde_id, merknad FROM v_rammer"
        " WHERE fylkesnummer = '46' ORDER BY aar, ordning_id"
    )
    expected = [dict(zip([d[0] for d in cur.description], r, strict=True)) for r in cur.fetchall()]
    assert expected and queries.run(con, "county_by_scheme_year", fylke="46") == expected
    assert queries.run(con, "county_by_scheme_year", fylke="99") == []
