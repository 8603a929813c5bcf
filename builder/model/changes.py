"""What changed between released versions, row by row, and which county, embete, budget post and scheme page each
changed row belongs to: computed once for the site from the release records and the current build (pure)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from builder.model.records import Snapshot, TableValues, version_order

CHANGED, NEW, REMOVED = "endret", "ny", "fjernet"
PageKey = tuple[str, tuple[str, ...]]  # (page kind, key): ("county", ("03",)), ("budget_post", ("0226", "21"))


@dataclass(frozen=True)
class Event:
    """One row that changed between two versions: its values changed, it is new, or it was removed."""

    table: str
    kind: str
    key: tuple[str, ...]
    row: Mapping[str, str]  # the newer version's cells (the older one's for a removed row)
    diffs: tuple[tuple[str, str, str], ...] = ()  # (field, before, after) for a changed row


@dataclass(frozen=True)
class Step:
    """One release to the next: `comparable` is False when the older record holds no values."""

    version: str
    previous: str
    comparable: bool


@dataclass(frozen=True)
class History:
    """Every release-to-release step, newest first, and each page's events per step."""

    steps: tuple[Step, ...] = ()
    events: Mapping[PageKey, Mapping[int, tuple[Event, ...]]] = field(default_factory=dict)

    def of(self, kind: str, *key: str) -> Mapping[int, tuple[Event, ...]]:
        """The events of one page, by step index."""
        return self.events.get((kind, tuple(key)), {})


def diff_table(name: str, old: TableValues | None, new: TableValues | None) -> list[Event]:
    """The rows of one table that changed, are new or were removed, in key order; fields compared by name."""
    key = shared_key(old, new)
    if not key:
        return []
    before, after = _keyed(old, key), _keyed(new, key)
    common = [f for f in new.fields if f in old.fields] if old and new else []
    events = []
    for k in sorted(before.keys() | after.keys()):
        if k not in before:
            events.append(Event(name, NEW, k, after[k]))
        elif k not in after:
            events.append(Event(name, REMOVED, k, before[k]))
        else:
            diffs = tuple((f, before[k][f], after[k][f]) for f in common if before[k][f] != after[k][f])
            if diffs:
                events.append(Event(name, CHANGED, k, after[k], diffs))
    return events


def shared_key(old: TableValues | None, new: TableValues | None) -> tuple[str, ...]:
    """The key both versions can be matched on: the newer one's, else the older one's, else none."""
    for values in (new, old):
        if values and all(set(values.key) <= set(v.fields) for v in (old, new) if v):
            return values.key
    return ()


def _keyed(values: TableValues | None, key: tuple[str, ...]) -> dict[tuple[str, ...], dict[str, str]]:
    """Rows by their key cells."""
    if values is None:
        return {}
    rows = (dict(zip(values.fields, row, strict=True)) for row in values.rows)
    return {tuple(r[k] for k in key): r for r in rows}


def diff(old: Snapshot, new: Snapshot) -> list[Event]:
    """Every changed, new and removed row between two snapshots with values, table by table in name order."""
    before, after = old.tables or {}, new.tables or {}
    names = sorted(before.keys() | after.keys())
    return [e for name in names for e in diff_table(name, before.get(name), after.get(name))]


def history(records: Sequence[Snapshot], current: Snapshot) -> History:
    """Each step from one recorded version to the next, and on to the current build, newest first, split by page.
    The current build's own record (if written) is the current snapshot; later records are ignored."""
    earlier = [r for r in records if version_order(r.version) < version_order(current.version)]
    chain = [*earlier, current]
    pairs = list(pairwise(chain))[::-1]
    embeter, covered = embete_years(current), county_embeter(current)
    steps, events = [], defaultdict[PageKey, dict[int, list[Event]]](lambda: defaultdict(list))
    for i, (old, new) in enumerate(pairs):
        comparable = old.tables is not None and new.tables is not None
        steps.append(Step(new.version, old.version, comparable))
        for event in diff(old, new) if comparable else []:
            for page in page_keys(event, embeter, covered):
                events[page][i].append(event)
    frozen = {page: {i: tuple(evs) for i, evs in by_step.items()} for page, by_step in events.items()}
    return History(tuple(steps), frozen)


def embete_years(current: Snapshot) -> dict[str, list[tuple[str, int, int]]]:
    """Each organisation number's embeter with their years, from the current statsforvaltere table."""
    table = (current.tables or {}).get("statsforvaltere")
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    if table is None or "orgnr" not in table.fields:
        return out
    for row in (dict(zip(table.fields, r, strict=True)) for r in table.rows):
        if row["orgnr"]:
            first, last = _year(row.get("fra_aar"), 0), _year(row.get("til_aar"), 9999)
            out[row["orgnr"]].append((row["embete_id"], first, last))
    return out


def _year(text: str | None, default: int) -> int:
    """A year cell, or the default when empty."""
    return int(text) if text and text.isdigit() else default


def page_keys(
    event: Event, embeter: Mapping[str, list[tuple[str, int, int]]], covered: Mapping[str, list[tuple[str, int, int]]]
) -> set[PageKey]:
    """The pages a changed row belongs to: its counties, scheme, budget post and embete (by org.nr., or for an
    official or calculated scheme figure, which embete pages show, the embete that covered its county that year)."""
    row = event.row
    pages: set[PageKey] = {("county", (v,)) for f, v in row.items() if v and _county_field(f)}
    if row.get("ordning_id"):
        pages.add(("scheme", (row["ordning_id"],)))
    if row.get("kapittel") and row.get("post"):
        pages.add(("budget_post", (row["kapittel"], row["post"])))
    if row.get("embete_id"):
        pages.add(("embete", (row["embete_id"],)))
    elif row.get("orgnr"):
        year = _year(row.get("aar"), -1)
        pages.update(("embete", (e,)) for e, a, b in embeter.get(row["orgnr"], []) if year < 0 or a <= year <= b)
    if event.table == "tildelinger" and row.get("status") in SHOWN_ON_EMBETE and row.get("fylkesnummer"):
        year = _year(row.get("aar"), -1)
        pages.update(("embete", (e,)) for e, a, b in covered.get(row["fylkesnummer"], []) if a <= year <= b)
    return pages


SHOWN_ON_EMBETE = ("offisiell", "beregnet")  # the statuses of the scheme figures an embete page lists


def county_embeter(current: Snapshot) -> dict[str, list[tuple[str, int, int]]]:
    """Each county's embeter with the years they covered it, from the current statsforvalter_fylker table."""
    table = (current.tables or {}).get("statsforvalter_fylker")
    out: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for row in (dict(zip(table.fields, r, strict=True)) for r in table.rows) if table else ():
        first, last = _year(row.get("fra_aar"), 0), _year(row.get("til_aar"), 9999)
        out[row["fylkesnummer"]].append((row["embete_id"], first, last))
    return out


def _county_field(name: str) -> bool:
    """Whether a field holds county numbers (`fylkesnummer`, `fra_fylkesnummer`, …)."""
    return name == "fylkesnummer" or name.endswith("_fylkesnummer")
