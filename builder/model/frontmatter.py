"""Front matter of a Markdown file: flat, safe YAML (no anchors, aliases or nesting), checked field by field (pure).

Problems are returned as (file line, Norwegian message); the caller adds the file name and rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from builder.load.cells import BAD_CHARS, BIDI

MAX_CHARS = 10_000
FIRST_LINE = 2  # the YAML starts on the line after the opening «---»
ALLOWED_KEYS = {"title", "description", "date", "template", "draft"}
Problem = tuple[int, str]


class _Loader(yaml.SafeLoader):
    """Safe YAML that leaves dates as text, so a bad date is our error with a line, not a YAML crash."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class FrontMatter:
    """The checked fields and the line each one stands on."""

    meta: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)


def bad_char(ch: str, allow_newline: bool = False) -> str | None:
    """The Norwegian name of a character not allowed in text (as for data cells), or None."""
    code = ord(ch)
    if ch == "\t" or (ch == "\n" and allow_newline):
        return None
    if ch == "\n":
        return "linjeskift"
    if code in BAD_CHARS:
        return BAD_CHARS[code]
    if code in BIDI:
        return "retningsstyring"
    if code < 0x20 or 0x7F <= code <= 0x9F:
        return "kontrolltegn"
    return None


def char_problems(text: str, first_line: int) -> list[Problem]:
    """One problem per line holding a control, bidi or replacement character."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=first_line):
        for pos, ch in enumerate(line, start=1):
            name = bad_char(ch)
            if name:
                problems.append((number, f"ulovlig tegn U+{ord(ch):04X} ({name}) på plass {pos}."))
                break
    return problems


def parse(raw: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Check and read the YAML between the «---» lines; None when it cannot be used."""
    if len(raw) > MAX_CHARS:
        return None, [(1, f"front matter er for lang ({len(raw)} tegn; høyst {MAX_CHARS}).")]
    problems = char_problems(raw, FIRST_LINE) or _structure_problems(raw)
    if problems:
        return None, problems
    loader = _Loader(raw)
    try:
        node = loader.get_single_node()
        if node is None:
            return FrontMatter({}), []
        if not isinstance(node, yaml.MappingNode):
            return None, [(_line(node), "front matter må bestå av felt på formen «navn: verdi».")]
        return _fields(loader, node)
    except yaml.YAMLError as exc:
        return None, [_yaml_problem(exc)]
    finally:
        loader.dispose()


def _structure_problems(raw: str) -> list[Problem]:
    """Anchors, aliases and nested values, found in the parse events before anything is built (no alias bombs)."""
    problems: dict[int, str] = {}
    try:
        for line, message in _event_problems(raw):
            problems.setdefault(line, message)
    except yaml.YAMLError as exc:
        return [_yaml_problem(exc)]
    return sorted(problems.items())


def _event_problems(raw: str) -> Iterator[Problem]:
    """Walk the YAML events once; yield what a flat front matter may not hold."""
    depth = 0
    for event in yaml.parse(raw, Loader=_Loader):
        line = (event.start_mark.line if event.start_mark else 0) + FIRST_LINE
        anchor = getattr(event, "anchor", None)
        if isinstance(event, yaml.AliasEvent):
            yield line, f"YAML-alias («*{anchor}») er ikke tillatt i front matter."
        elif anchor:
            yield line, f"YAML-anker («&{anchor}») er ikke tillatt i front matter."
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > 1:
                yield line, "bare enkle verdier (tekst, dato, true/false) er tillatt, ikke lister eller tabeller."
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _fields(loader: _Loader, node: yaml.MappingNode) -> tuple[FrontMatter | None, list[Problem]]:
    """Each key once, each value a known, well-typed scalar."""
    meta: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        key, line = str(key_node.value), _line(key_node)
        if key in lines:
            problems.append((line, f"feltet «{key}» står to ganger (også på linje {lines[key]})."))
            continue
        lines[key] = line
        if key not in ALLOWED_KEYS:
            allowed = ", ".join(sorted(ALLOWED_KEYS))
            problems.append((line, f"ukjent felt «{key}» (tillatt: {allowed})."))
            continue
        try:
            value = loader.construct_object(value_node, deep=True)
        except (yaml.YAMLError, ValueError) as exc:
            problems.append((_line(value_node), f"«{key}» kan ikke leses: {exc}"))
            continue
        checked = _check_value(key, value, value_node, problems)
        if checked is not None:
            meta[key] = checked
    if problems:
        return None, problems
    return FrontMatter(meta, lines), []


def _check_value(key: str, value: Any, node: yaml.Node, problems: list[Problem]) -> Any:
    """The value of one field in its proper type, or None (with a problem when it was wrong)."""
    line = _line(node)
    if key == "draft":
        if not isinstance(value, bool):
            shown = f'"{node.value}"' if getattr(node, "style", None) else str(node.value) or "en tom verdi"
            problems.append((line, f"«draft» må være true eller false (uten anførselstegn), ikke {shown}."))
        return value
    if value is None:
        return None
    text = value if isinstance(value, str) else str(node.value)
    for ch in text:
        name = bad_char(ch, allow_newline=key == "description")
        if name:
            problems.append((line, f"«{key}» inneholder ulovlig tegn U+{ord(ch):04X} ({name})."))
            return None
    if key == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            problems.append((line, f"ugyldig dato «{text}»; bruk ÅÅÅÅ-MM-DD."))
            return None
    return text


def _line(node: yaml.Node) -> int:
    """The file line a YAML node starts on."""
    return int(node.start_mark.line) + FIRST_LINE


def _yaml_problem(exc: yaml.YAMLError) -> Problem:
    """A YAML syntax error with the line it points at."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = int(mark.line) + FIRST_LINE if mark is not None else 1
    problem = getattr(exc, "problem", None) or str(exc)
    return line, f"ugyldig YAML: {problem}."
