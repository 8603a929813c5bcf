"""The one list of characters that make a spreadsheet read text as a formula (OWASP CSV injection, ASVS 1.2.10)."""

from __future__ import annotations

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could read this text as a formula."""
    return text.startswith(FORMULA_TRIGGERS)


def neutralise(text: str) -> str:
    """Prefix formula-like text with an apostrophe, so a spreadsheet shows it as text."""
    return "'" + text if is_formula_like(text) else text
