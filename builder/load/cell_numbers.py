"""Numbers and whole numbers in cells: ASCII digits only, declared separators only, and only values the
database column can hold (reliability.md D-6, D-7, D-10)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from builder.load.contract import FieldSpec
from builder.load.limits import DECIMAL_PRECISION, INT_MAX, INT_MIN, grouped, magnitude_bound, scale, shown

Value = int | Decimal | None
Problem = Callable[..., None]

EXCEL_ERRORS = {
    "#VERDI!",
    "#VALUE!",
    "#N/A",
    "#I/T",
    "#REF!",
    "#DIV/0!",
    "#NAVN?",
    "#NAME?",
    "#NUM!",
    "#NULL!",
    "NAN",
    "INF",
    "-INF",
    "INFINITY",
    "+INF",
}
MISSING_LOOKALIKES = {"n/a", "na", "-", "--", "..", ":", "x", "null", "none", "i/t", "mangler", "?"}
# Python's \d matches every Unicode digit (٣, ３, ߃ …); only ASCII 0-9 may become a number.
OTHER_DIGIT = re.compile(r"(?![0-9])\d")
INTEGER = re.compile(r"-?[0-9]+")
INT_DIGITS = len(str(INT_MAX))


def integer_cell(text: str, f: FieldSpec, missing: tuple[str, ...], problem: Problem) -> tuple[bool, Value]:
    """Whole numbers in ASCII digits that fit the INTEGER column, within the schema's minimum and maximum."""
    if not INTEGER.fullmatch(text):
        if not undeclared_missing(text, missing, problem):
            problem(
                "D-INTEGER",
                f"«{shown(text)}» er ikke et heltall{_digit_reason(text)}.",
                expected="heltall uten skilletegn, med sifrene 0–9",
            )
        return False, None
    digits = text.lstrip("-").lstrip("0")
    if len(digits) > INT_DIGITS or not INT_MIN <= int(text) <= INT_MAX:
        problem(
            "D-RANGE",
            f"heltallet «{shown(text)}» er utenfor det kolonnen kan lagre.",
            expected=f"et heltall mellom {grouped(INT_MIN).replace('-', '−')} og {grouped(INT_MAX)}",
        )
        return False, None
    return constraint_range(int(text), f, problem)


def number_cell(text: str, f: FieldSpec, missing: tuple[str, ...], problem: Problem) -> tuple[bool, Value]:
    """Decimal numbers with the declared decimal and group characters only, that fit the DECIMAL column."""
    text = text.replace("\u2212", "-")
    if text.upper() in EXCEL_ERRORS:
        problem(
            "D-EXCELERR",
            f"cellen inneholder Excel-feilverdien «{text}».",
            hint="Rett formelen i Excel, eller la cellen stå tom hvis tallet mangler.",
        )
        return False, None
    value = parse_number(text, f.decimal_char, f.group_chars)
    if value is None:
        if not undeclared_missing(text, missing, problem):
            problem(
                "D-NUMBER",
                f"verdien «{shown(text)}» er ikke et tall{_number_reason(text, f)}.",
                expected=_number_expectation(f),
                hint=_number_hint(text, f),
            )
        return False, None
    if value < 0 and not f.allow_negative:
        problem(
            "D-SIGN",
            f"negativt beløp «{shown(text)}» er ikke tillatt i denne kolonnen.",
            hint="Tilbakebetalinger og korreksjoner må ligge i en kolonne som tillater negative tall.",
        )
        return False, None
    fitted = _fit(value, text, f, problem)
    if fitted is None:
        return False, None
    if f.money and fitted == 0:
        problem("D-ZERO", "beløpet er 0. Sjekk om raden skal publiseres.", severity="warning")
    return constraint_range(fitted, f, problem)


def _fit(value: Decimal, text: str, f: FieldSpec, problem: Problem) -> Decimal | None:
    """The value as the DECIMAL(18, scale) column stores it; too large or too many decimals is a finding."""
    places, bound = scale(f), magnitude_bound(f)
    if abs(value) >= bound:
        problem(
            "D-RANGE",
            f"verdien «{shown(text)}» er utenfor det kolonnen kan lagre.",
            expected=f"høyst {DECIMAL_PRECISION - places} siffer før desimaltegnet (under {grouped(int(bound))})",
        )
        return None
    found = decimals(value)
    if found > places:
        problem(
            "D-NUMBER",
            f"verdien «{shown(text)}» har {found} desimaler; kolonnen tillater høyst {places} desimaler.",
            expected=f"høyst {places} desimaler",
            hint="Rund av i kilden; verktøyet runder aldri av på egen hånd.",
        )
        return None
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:  # only trailing zeros beyond the scale: drop them
        return value.quantize(Decimal(1).scaleb(-places))
    return value


def decimals(value: Decimal) -> int:
    """Decimal places that carry information (trailing zeros do not)."""
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or exponent >= 0:
        return 0
    text = "".join(map(str, digits))
    stripped = text.rstrip("0")
    return max(0, -exponent - (len(text) - len(stripped))) if stripped else 0


def constraint_range(value: int | Decimal, f: FieldSpec, problem: Problem) -> tuple[bool, Value]:
    """Minimum and maximum constraints of the schema."""
    if (f.minimum is not None and value < Decimal(str(f.minimum))) or (
        f.maximum is not None and value > Decimal(str(f.maximum))
    ):
        problem("D-RANGE", f"verdien {value} er utenfor tillatt område.", expected=f"mellom {f.minimum} og {f.maximum}")
        return False, None
    return True, value


def parse_number(text: str, decimal_char: str, group_chars: str) -> Decimal | None:
    """Strict number grammar: optional minus, ASCII digits grouped only by declared characters, declared decimal."""
    groups = "".join(re.escape(g) for g in group_chars)
    grouped_digits = rf"[0-9]{{1,3}}(?:[{groups}][0-9]{{3}})+" if groups else r"(?!)"
    pattern = rf"-?(?:[0-9]+|{grouped_digits})(?:{re.escape(decimal_char)}[0-9]+)?"
    if not re.fullmatch(pattern, text):
        return None
    plain = text
    for g in group_chars:
        plain = plain.replace(g, "")
    try:
        return Decimal(plain.replace(decimal_char, "."))
    except InvalidOperation:
        return None


def undeclared_missing(text: str, missing: tuple[str, ...], problem: Problem) -> bool:
    """Report a missing-value symbol that the schema does not declare."""
    if text.lower() not in MISSING_LOOKALIKES:
        return False
    allowed = ", ".join(f"«{m}»" for m in missing if m) or "tom celle"
    problem("D-MISSING", f"«{text}» er ikke et deklarert manglende-verdi-symbol (tillatt: {allowed}).")
    return True


def _digit_reason(text: str) -> str:
    """Name the first digit that is not ASCII 0-9 (Arabic-Indic, full-width …), if any."""
    other = OTHER_DIGIT.search(text)
    if not other:
        return ""
    ch = other.group()
    name = unicodedata.name(ch, "ukjent")
    return f"; «{ch}» (U+{ord(ch):04X} {name}) er ikke et av sifrene 0–9"


def _number_reason(text: str, f: FieldSpec) -> str:
    """A short reason for a rejected number."""
    if OTHER_DIGIT.search(text):
        return _digit_reason(text)
    if re.search(r"[0-9][eE][-+]?[0-9]", text):
        return "; vitenskapelig notasjon – formater kolonnen som tall før eksport"
    if re.search(r"kr|%|,-|\(|\)|[A-DF-Za-df-z]", text):
        return "; kun tall er tillatt"
    if f.decimal_char == "," and re.fullmatch(r"-?[0-9]{1,3}(\.[0-9]{3})+", text):
        return "; tvetydig: «.» er ikke deklarert som tusenskille"
    return ""


def _number_expectation(f: FieldSpec) -> str:
    """How a number must look in this column."""
    groups = {" ": "mellomrom", "\u00a0": "hardt mellomrom", "\u202f": "smalt hardt mellomrom", ".": "punktum"}
    grouping = " eller ".join(groups.get(g, repr(g)) for g in f.group_chars) or "ingen"
    return f'desimaltall med "{f.decimal_char}" som desimaltegn og {grouping} som tusenskille'


def _number_hint(text: str, f: FieldSpec) -> str | None:
    """A guess at what went wrong."""
    if OTHER_DIGIT.search(text):
        return "Skriv tallet med vanlige sifre 0–9 (for eksempel fra et norsk tastatur)."
    if f.decimal_char == "." and "," in text:
        return "Desimalkomma? Kolonnen er deklarert med punktum som desimaltegn."
    if re.search(r"[Oo]", text) and re.search(r"[0-9]", text):
        return '"O" (bokstav) i stedet for "0" (null)?'
    return None
