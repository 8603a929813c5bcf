"""Rules for names and paths that come from the data contract: SQL identifiers and confined relative paths."""

from __future__ import annotations

import re

MAX_IDENTIFIER = 63
IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")
IDENTIFIER_RULE = "forventet små bokstaver a–z, sifre og _, og første tegn en bokstav"
MAX_PATH = 255
MAX_SHOWN = 40
DRIVE = re.compile(r"[A-Za-z]:")


def shown(value: object) -> str:
    """A value as a data maintainer should see it in a message: quoted, control characters escaped, cut short."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
    if len(text) > MAX_SHOWN:
        text = text[: MAX_SHOWN - 1] + "…"
    return f"«{text}»"


def is_identifier(value: object) -> bool:
    """True for a name that may become a DuckDB table or column name."""
    return isinstance(value, str) and len(value) <= MAX_IDENTIFIER and IDENTIFIER.fullmatch(value) is not None


def identifier_problem(value: object) -> str | None:
    """Why a value is not a valid name, in Norwegian, or None when it is."""
    if is_identifier(value):
        return None
    if isinstance(value, str) and IDENTIFIER.fullmatch(value):
        return f"{shown(value)} er for langt som navn ({len(value)} tegn, høyst {MAX_IDENTIFIER})"
    return f"{shown(value)} er ikke et gyldig navn ({IDENTIFIER_RULE})"


def quote_identifier(name: str) -> str:
    """A DuckDB identifier in double quotes, any inner quote doubled."""
    return '"' + name.replace('"', '""') + '"'


def path_problem(value: object) -> str | None:
    """Why a value is not a relative path inside data/, in Norwegian, or None when it is."""
    if not isinstance(value, str) or not value:
        return f"{shown(value)}: stien er tom eller ikke tekst"
    expected = "forventet en relativ sti inne i datamappen, med / som skilletegn"
    if len(value) > MAX_PATH:
        return f"{shown(value)}: stien er {len(value)} tegn, høyst {MAX_PATH}"
    if "\\" in value or "\x00" in value or not value.isprintable():
        return f"{shown(value)}: stien har omvendt skråstrek, NUL eller kontrolltegn ({expected})"
    if value.startswith("/") or DRIVE.match(value):
        return f"{shown(value)}: stien er absolutt ({expected})"
    if ".." in value:
        return f"{shown(value)}: stien inneholder «..» ({expected})"
    parts = value.split("/")
    if "" in parts or "." in parts:
        return f"{shown(value)}: stien har tomme ledd eller «.» ({expected})"
    return None
