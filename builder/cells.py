"""Parse and check one text cell against its field spec (reliability.md D-3, D-4, D-6 to D-10, D-16, S-4)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from builder.contract import FieldSpec

Value = str | int | Decimal | dt.date | None
Problem = Callable[..., None]

BAD_CHARS = {0xFFFD: "erstatningstegn", 0x200B: "nullbredde mellomrom", 0xFEFF: "BOM/nullbredde"}
BIDI = set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A))
MOJIBAKE = ("Ã¦", "Ã¸", "Ã¥", "Ã†", "Ã˜", "Ã…")
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
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠")
URL_SCHEMES = ("https:", "http:", "mailto:")
FNR = re.compile(r"(?<!\d)[0-7]\d[01]\d\d{2}\s?\d{5}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
ORG_WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)


def clean_text(raw: str, f: FieldSpec, key: bool, problem: Problem) -> str | None:
    """Check characters, mojibake and padding; return NFC text, or None when unusable."""
    ok = True
    for pos, ch in enumerate(raw, start=1):
        code = ord(ch)
        if ch in "\r\n":
            problem("D-CHARS", "linjeskift i feltet.", hint="Fjern linjeskift inne i cellen.")
            ok = False
            break
        if code in BAD_CHARS or code in BIDI or (code < 0x20 and ch != "\t") or 0x7F <= code <= 0x9F:
            name = BAD_CHARS.get(code) or ("retningsstyring" if code in BIDI else "kontrolltegn")
            problem("D-CHARS", f"ulovlig tegn U+{code:04X} ({name}) på plass {pos}.")
            ok = False
            break
    for bad in MOJIBAKE:
        if bad in raw:
            problem(
                "D-MOJIBAKE",
                f"verdien «{raw}» ser dobbeltkodet ut; forventet «{unmojibake(raw)}».",
                hint="filen ser ut til å være dobbeltkodet (UTF-8 lest som Windows-1252).",
            )
            ok = False
            break
    text = unicodedata.normalize("NFC", raw)
    if text != text.strip():
        if key:
            problem(
                "D-WHITESPACE",
                f"verdien «{text}» har mellomrom foran eller bak.",
                hint="Fjern mellomrommene; nøkkelfelt må være eksakte.",
            )
            ok = False
        else:
            problem("D-WHITESPACE", f"mellomrom foran eller bak «{text}» fjernes.", severity="warning")
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
    if f.type == "integer":
        return _integer(text, f, years, missing, problem)
    if f.type == "number":
        return _number(text, f, missing, problem)
    return _date(text, problem)


def _string(text: str, f: FieldSpec, problem: Problem) -> tuple[bool, Value]:
    """Length, pattern, enum and URL checks for text."""
    if len(text) > f.max_length:
        problem("D-LENGTH", f"teksten er {len(text)} tegn, grensen er {f.max_length}.")
        return False, None
    if f.role == "fylke" and not re.fullmatch(r"[0-9]{2}", text):
        hint = f"Excel fjerner ofte innledende null – mente du «0{text}»?" if re.fullmatch(r"[1-9]", text) else None
        problem("D-CODE", f"«{text}» er ikke et gyldig fylkesnummer (2 siffer).", cell=text, hint=hint)
        return False, None
    if f.role == "orgnr" and not valid_orgnr(text):
        problem(
            "D-ORGNR",
            f"«{text}» er ikke et gyldig organisasjonsnummer.",
            expected="9 siffer med gyldig kontrollsiffer (modulus 11)",
        )
        return False, None
    if f.pattern and not re.fullmatch(f.pattern, text):
        problem("D-PATTERN", f"«{text}» har feil form.", expected=f"mønsteret {f.pattern}")
        return False, None
    if f.enum and text not in f.enum:
        close = difflib.get_close_matches(text, f.enum, n=1)
        problem(
            "D-ENUM",
            f"«{text}» er ikke en tillatt verdi.",
            expected=", ".join(f.enum),
            hint=f"mente du «{close[0]}»?" if close else None,
        )
        return False, None
    if f.is_url and not safe_url(text):
        problem("S-URL", f"«{text}»: kun https:, http:, mailto: eller relative lenker er tillatt.")
        return False, None
    _text_warnings(text, problem)
    return True, text


def _text_warnings(text: str, problem: Problem) -> None:
    """Formula prefixes and personal data in free text."""
    if text.startswith(FORMULA_START):
        problem(
            "D-FORMULA",
            f"teksten «{text[:60]}» starter med et formeltegn; den skrives som tekst i uttrekk.",
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


def _integer(
    text: str, f: FieldSpec, years: tuple[int, int], missing: tuple[str, ...], problem: Problem
) -> tuple[bool, Value]:
    """Whole numbers; year fields must be four digits inside the configured range."""
    if f.is_year:
        if not re.fullmatch(r"[0-9]{4}", text):
            problem("D-YEAR", f"«{text}»: forventet årstall (4 siffer).", expected=f"{years[0]}–{years[1]}")
            return False, None
        if not years[0] <= int(text) <= years[1]:
            problem("D-YEAR", f"året {text} er utenfor gyldig område.", expected=f"{years[0]}–{years[1]}")
            return False, None
        return True, int(text)
    if not re.fullmatch(r"-?[0-9]+", text):
        if not _undeclared_missing(text, missing, problem):
            problem("D-INTEGER", f"«{text}» er ikke et heltall.", expected="heltall uten skilletegn")
        return False, None
    return _range(int(text), f, problem)


def _number(text: str, f: FieldSpec, missing: tuple[str, ...], problem: Problem) -> tuple[bool, Value]:
    """Decimal numbers with the declared decimal and group characters only."""
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
        if not _undeclared_missing(text, missing, problem):
            problem(
                "D-NUMBER",
                f"verdien «{text}» er ikke et tall{_number_reason(text, f)}.",
                expected=_number_expectation(f),
                hint=_number_hint(text, f),
            )
        return False, None
    if value < 0 and not f.allow_negative:
        problem(
            "D-SIGN",
            f"negativt beløp «{text}» er ikke tillatt i denne kolonnen.",
            hint="Tilbakebetalinger og korreksjoner må ligge i en kolonne som tillater negative tall.",
        )
        return False, None
    if f.money and value == 0:
        problem("D-ZERO", "beløpet er 0. Sjekk om raden skal publiseres.", severity="warning")
    return _range(value, f, problem)


def _range(value: int | Decimal, f: FieldSpec, problem: Problem) -> tuple[bool, Value]:
    """Minimum and maximum constraints."""
    if (f.minimum is not None and value < Decimal(str(f.minimum))) or (
        f.maximum is not None and value > Decimal(str(f.maximum))
    ):
        problem("D-RANGE", f"verdien {value} er utenfor tillatt område.", expected=f"mellom {f.minimum} og {f.maximum}")
        return False, None
    return True, value


def parse_number(text: str, decimal_char: str, group_chars: str) -> Decimal | None:
    """Strict number grammar: optional minus, digits grouped only by declared characters, declared decimal."""
    groups = "".join(re.escape(g) for g in group_chars)
    grouped = rf"\d{{1,3}}(?:[{groups}]\d{{3}})+" if groups else r"(?!)"
    pattern = rf"-?(?:\d+|{grouped})(?:{re.escape(decimal_char)}\d+)?"
    if not re.fullmatch(pattern, text):
        return None
    plain = text
    for g in group_chars:
        plain = plain.replace(g, "")
    try:
        return Decimal(plain.replace(decimal_char, "."))
    except InvalidOperation:
        return None


def _undeclared_missing(text: str, missing: tuple[str, ...], problem: Problem) -> bool:
    """Report a missing-value symbol that the schema does not declare."""
    if text.lower() not in MISSING_LOOKALIKES:
        return False
    allowed = ", ".join(f"«{m}»" for m in missing if m) or "tom celle"
    problem("D-MISSING", f"«{text}» er ikke et deklarert manglende-verdi-symbol (tillatt: {allowed}).")
    return True


def _number_reason(text: str, f: FieldSpec) -> str:
    """A short reason for a rejected number."""
    if re.search(r"\d[eE][-+]?\d", text):
        return "; vitenskapelig notasjon – formater kolonnen som tall før eksport"
    if re.search(r"kr|%|,-|\(|\)|[A-DF-Za-df-z]", text):
        return "; kun tall er tillatt"
    if f.decimal_char == "," and re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        return "; tvetydig: «.» er ikke deklarert som tusenskille"
    return ""


def _number_expectation(f: FieldSpec) -> str:
    """How a number must look in this column."""
    groups = {" ": "mellomrom", "\u00a0": "hardt mellomrom", "\u202f": "smalt hardt mellomrom", ".": "punktum"}
    grouping = " eller ".join(groups.get(g, repr(g)) for g in f.group_chars) or "ingen"
    return f'desimaltall med "{f.decimal_char}" som desimaltegn og {grouping} som tusenskille'


def _number_hint(text: str, f: FieldSpec) -> str | None:
    """A guess at what went wrong."""
    if f.decimal_char == "." and "," in text:
        return "Desimalkomma? Kolonnen er deklarert med punktum som desimaltegn."
    if re.search(r"[Oo]", text) and re.search(r"\d", text):
        return '"O" (bokstav) i stedet for "0" (null)?'
    return None


def _date(text: str, problem: Problem) -> tuple[bool, Value]:
    """ISO 8601 calendar dates."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError(text)
        return True, dt.date.fromisoformat(text)
    except ValueError:
        problem("D-DATE", f"«{text}» er ikke en gyldig dato.", expected="ÅÅÅÅ-MM-DD, f.eks. 2025-06-14")
        return False, None
