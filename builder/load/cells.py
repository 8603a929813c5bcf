"""Parse and check one text cell against its field spec (reliability.md D-3, D-4, D-6 to D-10, D-16, S-4)."""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal

from builder.load.cell_numbers import integer_cell, number_cell
from builder.load.contract import FieldSpec
from builder.load.formula import is_formula_like
from builder.load.limits import shown

Value = str | int | Decimal | dt.date | None
Problem = Callable[..., None]

BAD_CHARS = {0xFFFD: "erstatningstegn", 0x200B: "nullbredde mellomrom", 0xFEFF: "BOM/nullbredde"}
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
# Everything str.splitlines() breaks on: CR, LF, VT, FF, FS, GS, RS, NEL, LINE and PARAGRAPH SEPARATOR.
LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# Every character D-CHARS refuses (TAB is allowed): controls, line breaks, BAD_CHARS and BIDI, in one search.
FORBIDDEN = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u200b\ufeff\ufffd\u202a-\u202e\u2066-\u2069]")
MOJIBAKE = ("Ã¦", "Ã¸", "Ã¥", "Ã†", "Ã˜", "Ã…")
URL_SCHEMES = ("https:", "http:", "mailto:")
FNR = re.compile(r"(?<![0-9])[0-7][0-9][01][0-9]{3}\s?[0-9]{5}(?![0-9])")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
ORG_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def clean_text(raw: str, f: FieldSpec, key: bool, problem: Problem) -> str | None:
    """Check characters, mojibake and padding; return NFC text, or None when unusable."""
    ok = True
    bad_char = FORBIDDEN.search(raw)
    if bad_char:
        ok = False
        ch, code = bad_char.group(), ord(bad_char.group())
        if ch in LINE_BREAKS:
            where = "" if ch in "\r\n" else f" (U+{code:04X}) på plass {bad_char.start() + 1}"
            problem("D-CHARS", f"linjeskift i feltet{where}.", hint="Fjern linjeskift inne i cellen.")
        else:
            name = BAD_CHARS.get(code) or ("retningsstyring" if code in BIDI else "kontrolltegn")
            problem("D-CHARS", f"ulovlig tegn U+{code:04X} ({name}) på plass {bad_char.start() + 1}.")
    for bad in MOJIBAKE:
        if bad in raw:
            problem(
                "D-MOJIBAKE",
                f"verdien «{shown(raw)}» ser dobbeltkodet ut; forventet «{shown(unmojibake(raw))}».",
                hint="filen ser ut til å være dobbeltkodet (UTF-8 lest som Windows-1252).",
            )
            ok = False
            break
    text = unicodedata.normalize("NFC", raw)
    if text != text.strip():
        if key:
            problem(
                "D-WHITESPACE",
                f"verdien «{shown(text)}» har mellomrom foran eller bak.",
                hint="Fjern mellomrommene; nøkkelfelt må være eksakte.",
            )
            ok = False
        else:
            problem("D-WHITESPACE", f"mellomrom foran eller bak «{shown(text)}» fjernes.", severity="warning")
        text = text.strip()
    return text if ok else None


def unmojibake(text: str) -> str:
    """The text as it was before UTF-8 was decoded as Windows-1252."""
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def parse_cell(
    text: str, f: FieldSpec, years: tuple[int, int], missing: tuple[str, ...], problem: Problem
) -> tuple[bool, Value]:
    """Parse cleaned text into a typed value; (False, None) when invalid."""
    if text in missing:
        if f.required:
            problem("D-REQUIRED", "verdien mangler.", expected="en verdi (feltet er påkrevd)")
            return False, None
        return True, None
    if f.type == "string":
        return _string(text, f, problem)
    if f.type == "integer" and f.is_year:
        return _year(text, years, problem)
    if f.type == "integer":
        return integer_cell(text, f, missing, problem)
    if f.type == "number":
        return number_cell(text, f, missing, problem)
    return _date(text, problem)


def _string(text: str, f: FieldSpec, problem: Problem) -> tuple[bool, Value]:
    """Length, pattern, enum and URL checks for text."""
    if len(text) > f.max_length:
        problem("D-LENGTH", f"teksten er {len(text)} tegn, grensen er {f.max_length}.")
        return False, None
    if f.role == "fylke" and not re.fullmatch(r"[0-9]{2}", text):
        hint = f"Excel fjerner ofte innledende null – mente du «0{text}»?" if re.fullmatch(r"[1-9]", text) else None
        problem("D-CODE", f"«{shown(text)}» er ikke et gyldig fylkesnummer (2 siffer).", cell=text[:200], hint=hint)
        return False, None
    if f.role == "orgnr" and not valid_orgnr(text):
        problem(
            "D-ORGNR",
            f"«{shown(text)}» er ikke et gyldig organisasjonsnummer.",
            expected="9 siffer med gyldig kontrollsiffer (modulus 11)",
        )
        return False, None
    if f.pattern and not schema_pattern(f.pattern).fullmatch(text):
        problem("D-PATTERN", f"«{shown(text)}» har feil form.", expected=f"mønsteret {f.pattern}")
        return False, None
    if f.enum and text not in f.enum:
        close = difflib.get_close_matches(text, f.enum, n=1)
        problem(
            "D-ENUM",
            f"«{shown(text)}» er ikke en tillatt verdi.",
            expected=", ".join(f.enum),
            hint=f"mente du «{close[0]}»?" if close else None,
        )
        return False, None
    if f.is_url and not safe_url(text):
        problem("S-URL", f"«{shown(text)}»: kun https:, http:, mailto: eller relative lenker er tillatt.")
        return False, None
    _text_warnings(text, problem)
    return True, text


@functools.lru_cache(maxsize=256)
def schema_pattern(pattern: str) -> re.Pattern[str]:
    """A schema pattern compiled once, with \\d and \\w meaning ASCII digits and letters only."""
    return re.compile(pattern, re.ASCII)


def _text_warnings(text: str, problem: Problem) -> None:
    """Formula prefixes and personal data in free text."""
    if is_formula_like(text):
        problem(
            "D-FORMULA",
            f"teksten «{shown(text, 60)}» starter med et formeltegn; den skrives som tekst i uttrekk.",
            severity="warning",
        )
    if FNR.search(text):
        problem(
            "D-PERSONAL",
            "teksten ser ut til å inneholde et fødselsnummer (11 siffer).",
            hint="Personopplysninger skal ikke publiseres.",
        )
    elif EMAIL.search(text):
        problem("D-PERSONAL", "teksten ser ut til å inneholde en e-postadresse.", severity="warning")


def safe_url(text: str) -> bool:
    """True for https/http/mailto or site-relative URLs (checked on the normalised value)."""
    norm = re.sub(r"[\x00-\x20\x7f]", "", text).lower()
    if norm.startswith(URL_SCHEMES):
        return True
    return ":" not in norm.split("/", 1)[0] and not norm.startswith("//")


def valid_orgnr(text: str) -> bool:
    """Norwegian organisation number: 9 digits, modulus-11 check digit."""
    if not re.fullmatch(r"[0-9]{9}", text):
        return False
    rest = sum(int(d) * w for d, w in zip(text[:8], ORG_WEIGHTS, strict=True)) % 11
    check = 0 if rest == 0 else 11 - rest
    return check != 10 and check == int(text[8])


def _year(text: str, years: tuple[int, int], problem: Problem) -> tuple[bool, Value]:
    """Year fields must be four ASCII digits inside the configured range."""
    if not re.fullmatch(r"[0-9]{4}", text):
        problem("D-YEAR", f"«{shown(text)}»: forventet årstall (4 siffer).", expected=f"{years[0]}–{years[1]}")
        return False, None
    if not years[0] <= int(text) <= years[1]:
        problem("D-YEAR", f"året {text} er utenfor gyldig område.", expected=f"{years[0]}–{years[1]}")
        return False, None
    return True, int(text)


def _date(text: str, problem: Problem) -> tuple[bool, Value]:
    """ISO 8601 calendar dates in ASCII digits."""
    try:
        if not DATE.fullmatch(text):
            raise ValueError(text)
        return True, dt.date.fromisoformat(text)
    except ValueError:
        problem("D-DATE", f"«{shown(text)}» er ikke en gyldig dato.", expected="ÅÅÅÅ-MM-DD, f.eks. 2025-06-14")
        return False, None
