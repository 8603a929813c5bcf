"""Checked scalar values of the data contract: dialect characters, patterns, versions, dates, tolerances."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from builder.load.descriptor import Node
from builder.load.names import identifier_problem, shown

VERSION = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,31}")
MAX_PATTERN = 500
MAX_SHEET = 31
MAX_LABEL = 80
FIRST_YEAR, LAST_YEAR = 1900, 2200


def choice(node: Node, allowed: Iterable[str], *, lower: bool = False) -> str:
    """One of the allowed words."""
    allowed = tuple(allowed)
    value = node.text().lower() if lower else node.text()
    if value not in allowed:
        node.fail(f"{shown(value)} er ikke tillatt (forventet {' eller '.join(allowed)})")
    return value


def one_char(node: Node) -> str:
    """A single character that is not a line break or NUL."""
    value = node.text()
    if len(value) != 1 or value in "\r\n\x00":
        node.fail(f"{shown(value)}: forventet nøyaktig ett tegn (ikke linjeskift)")
    return value


def delimiter(node: Node, quote_char: str) -> str:
    """The field separator: one character ("tab" for TAB), different from the quote character."""
    value = "\t" if node.value == "tab" else one_char(node)
    if value == quote_char or value.isalnum():
        node.fail(f"{shown(value)} kan ikke være skilletegn (forventet f.eks. «,», «;» eller «tab»)")
    return value


def sheet(node: Node) -> str | None:
    """An Excel sheet name, or None for the first sheet."""
    value = node.optional_text()
    if value is not None and not 0 < len(value) <= MAX_SHEET:
        node.fail(f"{shown(value)}: et arknavn har 1–{MAX_SHEET} tegn")
    return value


def decimal_char(node: Node) -> str:
    """The decimal mark: one character that is not a digit or a sign."""
    value = one_char(node)
    if value.isdigit() or value in "+-":
        node.fail(f"{shown(value)} kan ikke være desimaltegn (forventet «,» eller «.»)")
    return value


def group_chars(node: Node, decimal: str) -> str:
    """Thousands separators: none of them a digit, a sign or the decimal mark."""
    value = node.text()
    if any(ch.isdigit() or ch in "+-\r\n" or ch == decimal for ch in value):
        node.fail(f"{shown(value)}: tusenskille kan ikke være siffer, fortegn eller desimaltegnet {shown(decimal)}")
    return value


def pattern(node: Node) -> str | None:
    """A regular expression that compiles, or None."""
    value = node.optional_text()
    if value is None:
        return None
    if len(value) > MAX_PATTERN:
        node.fail(f"mønsteret er {len(value)} tegn, høyst {MAX_PATTERN}")
    try:
        re.compile(value)
    except re.error as exc:
        node.fail(f"{shown(value)} er ikke et gyldig regulært uttrykk ({exc.msg})")
    return value


def enum(node: Node) -> tuple[str, ...] | None:
    """The allowed values of a text field, or None when any value is allowed."""
    if node.value is None:
        return None
    return tuple(item.text() for item in node.items()) or None


def positive(node: Node) -> int:
    """A whole number of at least 1."""
    value = node.integer()
    if value < 1:
        node.fail(f"{value}: forventet et heltall på minst 1")
    return value


def years(node: Node) -> tuple[int, int]:
    """The first and last year the data may cover, in order."""
    first, last = node.key("first").integer(), node.key("last").integer()
    for name, year in (("first", first), ("last", last)):
        if not FIRST_YEAR <= year <= LAST_YEAR:
            node.key(name).fail(f"{year}: forventet et årstall mellom {FIRST_YEAR} og {LAST_YEAR}")
    if first > last:
        node.key("first").fail(f"første år {first} er etter siste år {last}")
    return first, last


def version(node: Node) -> str:
    """A data version such as 2026.1: letters, digits, '.', '-' and '_' only (it names a file)."""
    value = node.text()
    if not VERSION.fullmatch(value) or ".." in value:
        node.fail(f"{shown(value)} er ikke en gyldig versjon (forventet f.eks. «2026.1»)")
    return value


def iso_date(node: Node) -> str:
    """A calendar date written YYYY-MM-DD."""
    value = node.text()
    try:
        if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        dt.date.fromisoformat(value)
    except ValueError:
        node.fail(f"{shown(value)} er ikke en gyldig dato (forventet ÅÅÅÅ-MM-DD)")
    return value


def month_day(node: Node) -> str:
    """A day of the year written MM-DD."""
    value = node.text()
    try:
        if not re.fullmatch(r"[0-9]{2}-[0-9]{2}", value):
            raise ValueError(value)
        dt.date.fromisoformat(f"2000-{value}")
    except ValueError:
        node.fail(f"{shown(value)} er ikke en gyldig dag (forventet MM-DD, f.eks. «06-14»)")
    return value


def license_name(node: Node) -> str:
    """The name of the first licence."""
    items = node.items()
    if not items:
        node.fail("forventet minst én lisens")
    return items[0].key("name").text()


def title(node: Node, name: str) -> tuple[str, str]:
    """A resource's title and description."""
    return node.key("title", name).text(), node.key("description", "").text()


def where(node: Node) -> tuple[tuple[str, str], ...]:
    """Field = value conditions of a reconciliation rule, sorted by field."""
    pairs = sorted(node.mapping().items())
    for key, value in pairs:
        problem = identifier_problem(key)
        if problem:
            node.fail(f"nøkkelen {problem}")
        Node(value, f"{node.path}.{key}").text()
    return tuple(pairs)


def tolerance(node: Node) -> str:
    """A non-negative decimal number, as text."""
    value = node.value
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        node.fail(f"forventet et tall, fant {shown(value)}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite() or amount < 0:
        node.fail(f"{shown(value)}: forventet et desimaltall på minst 0, f.eks. «0» eller «0.5»")
    return str(value)


def optional_name(node: Node) -> str | None:
    """A field name that may reach SQL, or None when absent."""
    return None if node.value is None else node.name()


def label(node: Node) -> str:
    """A short text used in messages: 1 to MAX_LABEL printable characters (no line breaks or control characters)."""
    value = node.text()
    if not 0 < len(value) <= MAX_LABEL or not value.isprintable():
        node.fail(f"{shown(value)}: forventet en tekst på 1–{MAX_LABEL} tegn uten linjeskift eller kontrolltegn")
    return value
