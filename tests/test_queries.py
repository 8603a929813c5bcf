"""Declared query parameters: each builder/sql/*.sql names its parameters, run() takes exactly those, and the model
picks exactly those from what a route has."""

from __future__ import annotations

import re

import duckdb
import pytest

from builder.config import SQL_DIR
from builder.errors import BuildError, Exit
from builder.model import queries
from builder.model.routes import ROUTES, Route

NAMES = sorted(p.stem for p in SQL_DIR.glob("*.sql"))
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
    assert queries.select_params("year_reporting", "year", available) == {"aar": 2024, **DEADLINE}
    assert queries.select_params("county_key", "county", available) == {"fylke": "46"}
    assert queries.select_params("years", "years", available) == {}


def test_select_params_refuses_a_declared_param_the_route_lacks() -> None:
    """A declared parameter the route does not have is an internal error naming the query and the route."""
    with pytest.raises(BuildError) as caught:
        queries.select_params("county_key", "year", {"aar": 2024, **DEADLINE})
    assert caught.value.code == Exit.INTERNAL
    assert caught.value.where == 'route "year"'
    assert "county_key" in caught.value.message and "fylke" in caught.value.message


@pytest.mark.parametrize("route", [r for r in ROUTES if r.queries], ids=lambda r: r.name)
def test_every_route_has_its_queries_params(route: Route) -> None:
    """Each route query finds all its declared parameters among the route's own and the deadline."""
    available = dict.fromkeys((*route.params, *DEADLINE))
    for query in route.queries:
        assert queries.select_params(query, route.name, available).keys() == queries.declared_params(query)
