"""Reading datapackage.json defensively, and typed access to its parts that names each part's JSON path."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from builder.errors import BuildError, Exit
from builder.load.names import identifier_problem, path_problem, shown

MAX_DESCRIPTOR_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 64
JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
BRACKET = re.compile(r"[\[\]{}]")
KIND = {dict: "et objekt", list: "en liste", str: "tekst", bool: "sann/usann", int: "et heltall", float: "et tall"}
MISSING: Any = object()


class DescriptorError(Exception):
    """A problem at one JSON path of the descriptor."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}" if path else message)


def read_descriptor(path: Path) -> Any:
    """The parsed JSON of datapackage.json; size, encoding, nesting and syntax problems are usage errors."""
    text = _descriptor_text(path)
    depth = json_depth(text)
    if depth > MAX_DEPTH:
        _usage(path, f"JSON-strukturen er nøstet dypere enn grensen på {MAX_DEPTH} nivåer")
    try:
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        _usage(path, f"ugyldig JSON på linje {exc.lineno}, kolonne {exc.colno} ({exc.msg})")
    except DescriptorError as exc:
        _usage(path, f"ugyldig JSON: {exc}")
    except (ValueError, RecursionError) as exc:
        _usage(path, f"ugyldig JSON: {type(exc).__name__}: {str(exc)[:200]}")


def _descriptor_text(path: Path) -> str:
    """The file's text: a regular file, at most MAX_DESCRIPTOR_BYTES, valid UTF-8 (a BOM is dropped)."""
    try:
        if not path.is_file():
            _usage(path, "finner ikke datapackage.json" if not path.exists() else "er ikke en vanlig fil")
        with path.open("rb") as f:
            data = f.read(MAX_DESCRIPTOR_BYTES + 1)
    except OSError as exc:
        _usage(path, f"kan ikke leses ({exc.strerror})")
    if len(data) > MAX_DESCRIPTOR_BYTES:
        _usage(path, f"filen er større enn grensen på {MAX_DESCRIPTOR_BYTES // (1024 * 1024)} MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        byte = data[exc.start]
        _usage(path, f"ikke gyldig UTF-8 ved byte {exc.start} (0x{byte:02X}, linje {line}); lagre filen som UTF-8")
    return text.removeprefix("\ufeff")


def json_depth(text: str) -> int:
    """How deeply arrays and objects nest in JSON text (brackets inside strings do not count)."""
    depth = deepest = 0
    for match in BRACKET.finditer(JSON_STRING.sub('""', text)):
        depth += 1 if match.group() in "[{" else -1
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
    return deepest


def _usage(path: Path, message: str) -> NoReturn:
    """Stop with a configuration error about the descriptor file."""
    raise BuildError(str(path), message, code=Exit.USAGE)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object whose keys must be unique (a repeated key would silently override the first)."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DescriptorError("", f"nøkkelen {shown(key)} står mer enn én gang i samme objekt")
        seen[key] = value
    return seen


def _no_constant(name: str) -> NoReturn:
    """NaN and Infinity are not JSON."""
    raise DescriptorError("", f"{name} er ikke tillatt i JSON")


@dataclass(frozen=True)
class Node:
    """One value of the descriptor and its JSON path, e.g. resources[2].schema.fields[4].name."""

    value: Any
    path: str = ""

    def fail(self, message: str) -> NoReturn:
        """Stop with a problem at this path."""
        raise DescriptorError(self.path, message)

    def key(self, name: str, default: Any = MISSING) -> Node:
        """The member `name` of this object; without a default it is required."""
        members = self.mapping()
        path = f"{self.path}.{name}" if self.path else name
        if name in members:
            return Node(members[name], path)
        if default is MISSING:
            raise DescriptorError(path, "påkrevd, men mangler")
        return Node(default, path)

    def mapping(self) -> dict[str, Any]:
        """This value as a JSON object."""
        return self._expect(dict)  # type: ignore[no-any-return]

    def items(self) -> list[Node]:
        """The elements of this JSON array."""
        return [Node(v, f"{self.path}[{i}]") for i, v in enumerate(self._expect(list))]

    def text(self) -> str:
        """This value as a string."""
        return self._expect(str)  # type: ignore[no-any-return]

    def optional_text(self) -> str | None:
        """This value as a string, or None for null."""
        return None if self.value is None else self.text()

    def flag(self) -> bool:
        """This value as true or false."""
        return self._expect(bool)  # type: ignore[no-any-return]

    def integer(self) -> int:
        """This value as a whole number."""
        return self._expect(int)  # type: ignore[no-any-return]

    def number(self) -> float | None:
        """This value as a number, or None for null."""
        return None if self.value is None else self._expect(int, float)

    def name(self) -> str:
        """This value as a name that may reach SQL (resources, fields)."""
        problem = identifier_problem(self.value)
        if problem:
            self.fail(problem)
        return self.text()

    def names(self) -> tuple[str, ...]:
        """A list of names, or one name given as a string (as the Table Schema allows for primaryKey)."""
        if isinstance(self.value, str):
            return (self.name(),)
        return tuple(item.name() for item in self.items())

    def relative_path(self) -> str:
        """This value as a file path confined to the data directory."""
        problem = path_problem(self.value)
        if problem:
            self.fail(problem)
        return self.text()

    def _expect(self, *types: type) -> Any:
        """The value, if it has one of these JSON types (a boolean is never a number)."""
        value = self.value
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            found = KIND.get(type(value), "null")
            detail = "" if value is None or isinstance(value, dict | list) else f" {shown(value)}"
            self.fail(f"forventet {KIND[types[0]]}, fant {found}{detail}")
        return value
