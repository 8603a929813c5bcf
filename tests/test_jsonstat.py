"""The JSON-stat 2.0 reader: cell order, the compact forms of value and status, and shape errors."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from builder.fetch import jsonstat


def dataset(**overrides: Any) -> dict[str, Any]:
    """A 2 × 3 dataset (Region × Tid) with values 1…6 in row-major order."""
    doc = {
        "version": "2.0",
        "class": "dataset",
        "label": "prøve",
        "id": ["Region", "Tid"],
        "size": [2, 3],
        "dimension": {
            "Region": {"category": {"index": {"03": 0, "46": 1}, "label": {"03": "Oslo", "46": "Vestland"}}},
            "Tid": {"category": {"index": ["2022", "2023", "2024"]}},
        },
        "value": [1, 2, 3, 4, 5, 6],
    }
    return doc | overrides


def test_cells_are_row_major_with_labels() -> None:
    """The last dimension varies fastest; labels default to the codes."""
    data = jsonstat.read(dataset())
    assert [(c.codes["Region"], c.codes["Tid"], c.value) for c in data.cells][:4] == [
        ("03", "2022", Decimal(1)),
        ("03", "2023", Decimal(2)),
        ("03", "2024", Decimal(3)),
        ("46", "2022", Decimal(4)),
    ]
    assert data.dimension("Region").labels["46"] == "Vestland"
    assert data.dimension("Tid").labels["2024"] == "2024"


def test_sparse_values_and_status() -> None:
    """Value and status as objects keyed by position; a missing value is None with its status."""
    data = jsonstat.read(dataset(value={"0": 10, "5": 2.5}, status={"1": "..", "5": "r"}))
    assert [c.value for c in data.cells] == [Decimal(10), None, None, None, None, Decimal("2.5")]
    assert [c.status for c in data.cells] == ["", "..", "", "", "", "r"]
    assert {c.status for c in jsonstat.read(dataset(status="p")).cells} == {"p"}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"class": "collection"}, "ikke et JSON-stat 2.0-datasett"),
        ({"size": [2, 2]}, "har 3 kategorier, men «size» sier 2"),
        ({"value": [1, 2, 3]}, "«value» har 3 verdier, men dimensjonene gir 6"),
        ({"value": {"9": 1}}, "ugyldig posisjon '9'"),
        ({"value": [1, 2, 3, 4, 5, "6"]}, "er ikke et tall"),
        ({"id": ["Region"]}, "ulik lengde"),
    ],
)
def test_shape_errors_say_what_is_wrong(change: dict[str, Any], message: str) -> None:
    """A document of the wrong shape is a JsonStatError naming the problem."""
    with pytest.raises(jsonstat.JsonStatError, match=message):
        jsonstat.read(dataset(**change))


def test_unknown_dimension_names_the_ones_there() -> None:
    """Asking for a dimension the dataset lacks lists the ones it has."""
    with pytest.raises(jsonstat.JsonStatError, match="har Region, Tid"):
        jsonstat.read(dataset()).dimension("ContentsCode")
