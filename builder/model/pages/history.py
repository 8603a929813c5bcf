"""A page's change history: for each release since the first recorded one, newest first, the change-log line, the
values that changed on the page's rows (before → after, with the row's status) and how many rows are new or gone."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from builder.language import current
from builder.model.changes import CHANGED, NEW, REMOVED, Event, Step
from builder.model.codes import VOCABULARIES, word
from builder.model.datasets import Dataset, dataset_texts
from builder.model.page_content import Shared
from builder.render import fmt

SHOWN = 25  # changed values listed per release; the rest are counted


@dataclass(frozen=True)
class ValueChange:
    """One changed value on one row."""

    table: str
    row: str
    field: str
    before: str
    after: str
    status: str
    numeric: bool = False  # a number, aligned right like the page's other amounts


@dataclass(frozen=True)
class RowCount:
    """Rows of one table that are new or gone in a release."""

    table: str
    new: int
    removed: int


@dataclass(frozen=True)
class Release:
    """One release compared with the one before it, for one page."""

    version: str
    date: str
    kind: str
    description: str
    previous: str
    comparable: bool
    changes: tuple[ValueChange, ...] = ()
    more: int = 0  # changed values not listed
    counts: tuple[RowCount, ...] = ()

    @property
    def empty(self) -> bool:
        """True when nothing on the page changed in this release."""
        return not self.changes and not self.more and not self.counts


def page_history(shared: Shared, kind: str, *key: str) -> tuple[Release, ...]:
    """The page's releases, newest first (none before a second version is recorded)."""
    history = shared["changes"]
    lines = {str(r["versjon"]): r for r in shared["changelog"]}
    tables = {ds.name: ds for ds in shared["datasets"]}
    events = history.of(kind, *key)
    steps = enumerate(history.steps)
    return tuple(release(step, lines.get(step.version, {}), events.get(i, ()), tables) for i, step in steps)


def release(step: Step, line: Mapping[str, Any], events: Sequence[Event], tables: Mapping[str, Dataset]) -> Release:
    """One step for one page."""
    changes = [c for e in events if e.kind == CHANGED for c in value_changes(e, tables.get(e.table))]
    changes += [c for e in events if e.kind == REMOVED for c in withdrawn(e, tables.get(e.table))]
    new = Counter(e.table for e in events if e.kind == NEW)
    removed = Counter(e.table for e in events if e.kind == REMOVED)
    names = sorted(new.keys() | removed.keys(), key=lambda name: title(name, tables))
    counts = tuple(RowCount(title(name, tables), new[name], removed[name]) for name in names)
    return Release(
        step.version,
        str(line.get("dato") or ""),
        str(line.get("type") or ""),
        str(line.get("beskrivelse") or ""),
        step.previous,
        step.comparable,
        tuple(changes[:SHOWN]),
        max(len(changes) - SHOWN, 0),
        counts,
    )


def title(name: str, tables: Mapping[str, Dataset]) -> str:
    """A table's title in the page's language (its file name when it is no longer published)."""
    ds = tables.get(name)
    return dataset_texts(ds)[0].get(current(), ds.title) if ds else f"{name}.csv"


def value_changes(event: Event, ds: Dataset | None) -> list[ValueChange]:
    """Each changed value of a row, shown as the page shows values (codes as words, numbers grouped)."""
    fields = {str(f["name"]): f for f in ds.fields} if ds else {}
    status = shown("status", event.row.get("status", ""), fields)
    row = " · ".join(part for part in event.key if part)  # an empty key part (no recipient) is left out
    table = title(event.table, {ds.name: ds} if ds else {})
    out = []
    for name, before, after in event.diffs:
        label = str(fields[name]["title"] or name) if name in fields else name
        numeric = name in fields and fields[name]["type"] in ("integer", "number") and not is_year(name)
        before_shown, after_shown = shown(name, before, fields), shown(name, after, fields)
        out.append(ValueChange(table, row, label, before_shown, after_shown, status, numeric))
    return out


def withdrawn(event: Event, ds: Dataset | None) -> list[ValueChange]:
    """A removed row that was not example data: each of its amounts, before and now gone, with the status it had
    (example rows are only counted; a table no longer published is only counted too)."""
    if ds is None or event.row.get("status", "") in ("", "eksempel"):
        return []
    fields = {str(f["name"]): f for f in ds.fields}
    status = shown("status", event.row["status"], fields)
    row = " · ".join(part for part in event.key if part)
    table = title(event.table, {ds.name: ds})
    amounts = [name for name, f in fields.items() if f.get("money") and event.row.get(name, "")]
    return [
        ValueChange(table, row, str(fields[n]["title"] or n), shown(n, event.row[n], fields), "–", status, True)
        for n in amounts
    ]


def is_year(name: str) -> bool:
    """Whether a field holds a year (`aar`, `fra_aar`), shown without grouping."""
    return name == "aar" or name.endswith("_aar")


def shown(name: str, text: str, fields: Mapping[str, Mapping[str, Any]]) -> str:
    """A cell as a page shows it: a status or amount type as its word, a number grouped, empty as a dash."""
    if text == "":
        return "–"
    if name in VOCABULARIES and text in VOCABULARIES[name]:
        return word(name, text)
    if name in fields and fields[name]["type"] in ("integer", "number") and not is_year(name):
        try:
            number = Decimal(text)
        except InvalidOperation:
            return text
        decimals = max(-int(number.as_tuple().exponent), 0)
        return fmt.number(number, decimals)
    return text
