"""Norwegian formatting and collation done by our own code, never the process locale (P-11)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import ROUND_HALF_EVEN, Decimal

NBSP = "\u00a0"
MINUS = "\u2212"
MONTHS = (
    "januar",
    "februar",
    "mars",
    "april",
    "mai",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "desember",
)
# Norwegian alphabet: Æ, Ø, Å come after Z, in that order.


def group(digits: str) -> str:
    """Group a run of digits in threes with no-break spaces."""
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return NBSP.join(out)


def number(value: Decimal | int | float | None, decimals: int = 0) -> str:
    """`1 234 567,8` with no-break spaces and a decimal comma; a real minus sign."""
    if value is None:
        return ""
    q = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_EVEN)
    sign = MINUS if q < 0 else ""
    whole, _, frac = format(abs(q), "f").partition(".")
    return sign + group(whole) + ("," + frac if frac else "")


def nok(value: Decimal | int | float | None) -> str:
    """Whole kroner: `1 234 567 kr`."""
    return "" if value is None else f"{number(value)}{NBSP}kr"


def mill(value: Decimal | int | float | None) -> str:
    """Millions with one decimal: `45,2 mill. kr`."""
    return "" if value is None else f"{number(Decimal(str(value)) / 1_000_000, 1)}{NBSP}mill.{NBSP}kr"


def pct(value: Decimal | float | None, decimals: int = 1) -> str:
    """Percent with a decimal comma: `12,5 %`."""
    return "" if value is None else f"{number(Decimal(str(value)) * 100, decimals)}{NBSP}%"


def years(first: int, last: int | None) -> str:
    """A year range: `2019` for one year, `2019–2020`, `2021–` while it lasts."""
    if last is None:
        return f"{first}–"
    return str(first) if first == last else f"{first}–{last}"


def signed_pct(value: Decimal | float | None) -> str:
    """Change in percent with an explicit sign: `+3,2 %` / `−1,0 %`."""
    if value is None:
        return ""
    text = pct(value)
    return text if text.startswith(MINUS) else "+" + text


def words(items: Sequence[object], conjunction: str = "og") -> str:
    """A list in words: `2018, 2020 og 2024`."""
    texts = [str(i) for i in items]
    return f"{', '.join(texts[:-1])} {conjunction} {texts[-1]}" if len(texts) > 1 else "".join(texts)


def day_month(month: int, day: int) -> str:
    """A day of the year in words: `14. juni`."""
    return f"{day}. {MONTHS[month - 1]}"


def date_nb(value: dt.date | str | None) -> str:
    """`15. mars 2025`."""
    if value is None or value == "":
        return ""
    d = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"
