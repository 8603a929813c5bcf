"""The one Decimal → JSON conversion is exact for every amount a column can hold."""

from __future__ import annotations

import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.render.json_numbers import json_number

AMOUNTS = st.decimals(min_value=Decimal("-9999999999999999.99"), max_value=Decimal("9999999999999999.99"), places=2)


@settings(max_examples=300)
@given(AMOUNTS)
def test_every_money_value_survives_json(value: Decimal) -> None:
    """Written as JSON and read back, the value is the same decimal (as a number, or as exact text)."""
    back = json.loads(json.dumps(json_number(value)))
    assert Decimal(str(back)) == value


def test_whole_values_are_integers_and_short_decimals_floats() -> None:
    """78 579 000,00 is the integer 78579000; 0,25 a float; an 18-digit value stays exact text."""
    assert json_number(Decimal("78579000.00")) == 78579000 and isinstance(json_number(Decimal("78579000.00")), int)
    assert json_number(Decimal("0.25")) == 0.25
    assert json_number(Decimal("9999999999999999.99")) == "9999999999999999.99"
