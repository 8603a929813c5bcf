"""The one Decimal → JSON conversion: whole numbers as integers, others as floats only where that is exact."""

from __future__ import annotations

from decimal import Decimal


def json_number(value: Decimal | int | float) -> int | float | str:
    """An int for whole values, a float when it round-trips exactly, else the exact decimal text."""
    d = value if isinstance(value, Decimal) else Decimal(str(value))
    if d == d.to_integral_value():
        return int(d)
    f = float(d)
    return f if Decimal(repr(f)) == d else str(d)
