"""`innsyn fetch`: rebuild the reference tables from the public APIs in memory, validate, then replace data/ files.

Nothing in data/ changes unless every fetched table validates with the same rules as hand-written data;
each fetched row cites a source row in kilder.csv with the exact request URL and the retrieval date."""

from __future__ import annotations

import csv
import io
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.errors import BuildError, Exit
from builder.fetch import dfo, statsregnskap
from builder.fetch import sources as src
from builder.fetch.client import Client, FetchError
from builder.load.contract import Contract, load_contract
from builder.load.validate import validate

ENDPOINTS = {
    "klass": "https://data.ssb.no/api/klass/v1",
    "pxweb": "https://data.ssb.no/api/pxwebapi/v2",
    "udir": "https://statistikkportalen.udir.no/api/rapportering",
    "dfo": dfo.BASE,
}
TABLES = ("fylker", "fylkesoverganger", "nevnere", "kilder", *statsregnskap.TABLES)
SSB, UDIR = "Statistisk sentralbyrå", "Utdanningsdirektoratet"

# Udir's report page for staff in grunnskolen (GSI); the report version behind it is resolved at run time.
UDIR_STAFF_REPORT = "GSK_Personale"
UDIR_STAFF_MEASURE = "Årsverk for undervisningspersonale"
TEACHER_FTES = src.Denominator("larerarsverk_grunnskole", "10-01", 1, "Årsverk for undervisningspersonale")
# SSB tables: (denominator, table id, code list for Region giving counties as they were each year).
SSB_TABLES = {
    "barnehageansatte": (
        src.Denominator("barnehageansatte", "12-15", 0, "Ansatte i barnehager"),
        "09344",
        "vs_Fylker",
    ),
    "elever": (src.Denominator("elever", "10-01", 0, "Elever i grunnskolen"), "11980", "vs_Fylker"),
}


@dataclass
class Work:
    """The tables being rebuilt (CSV rows as strings), the sources recorded and what to tell the maintainer."""

    contract: Contract
    client: Client
    endpoints: Mapping[str, str]
    last_year: int
    tables: dict[str, list[dict[str, Any]]]
    urls: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    year: int | None = None  # --year as given (the DFØ sources fetch that one year)

    def get(self, source: str, url: str, accept: str = "application/json") -> bytes:
        """One request through the polite client, remembered for the report."""
        self.urls.append(url)
        return self.client.get(source, url, accept)

    def counties(self) -> src.Counties:
        """County validity as the (possibly just fetched) fylker table has it."""
        return src.Counties.from_rows(self.tables["fylker"])

    def cite(self, kilde_id: str, title: str, publisher: str, url: str) -> None:
        """Add or update the source row: exact request URL and retrieval date."""
        rows = self.tables["kilder"]
        row = next((r for r in rows if r["kilde_id"] == kilde_id), None)
        if row is None:
            row = {"kilde_id": kilde_id, "tittel": title, "utgiver": publisher, "type": "offisiell"}
            rows.append(row)
        row.update(url=url, dato=self.client.today, merknad="")  # dated and linked now: no reason needed

    def replace_denominator(self, nevner: str, rows: list[dict[str, Any]]) -> None:
        """Every row of one denominator replaced by the fetched rows (no stale row survives)."""
        kept = [r for r in self.tables["nevnere"] if r["nevner"] != nevner]
        self.tables["nevnere"] = sorted(kept + rows, key=lambda r: (r["nevner"], int(r["aar"]), r["fylkesnummer"]))


def fetch_counties(work: Work) -> None:
    """fylker.csv from Klass 104: every code and its validity; codes the data uses must still be there."""
    url = src.klass_counties_url(work.endpoints["klass"], work.last_year)
    rows = src.counties_from_klass(work.get("fylker", url), "fylker")
    missing = sorted({r["fylkesnummer"] for r in work.tables["fylker"]} - {r["fylkesnummer"] for r in rows})
    if missing:
        raise FetchError("fylker", f"svaret mangler fylkesnummer {', '.join(missing)}")
    work.tables["fylker"] = rows
    work.cite("ssb-klass-104", "Standard for fylkesinndeling (Klass 104)", SSB, url)


def fetch_transitions(work: Work) -> None:
    """fylkesoverganger.csv checked against the Klass 104 change table."""
    url = src.klass_changes_url(work.endpoints["klass"], work.contract.first_year, work.last_year)
    changes = src.changes_from_klass(work.get("overganger", url), "overganger")
    work.tables["fylkesoverganger"] = src.reconcile_transitions(work.tables["fylkesoverganger"], changes, "overganger")
    work.cite("ssb-klass-104-endringer", "Endringer i fylkesinndelingen (Klass 104)", SSB, url)


def fetch_teacher_ftes(work: Work) -> None:
    """Teacher FTEs per county and school year from Udir's GSI report, one request per school year."""
    name, base = "larerarsverk", work.endpoints["udir"]
    path, current = src.udir_endpoint(work.get(name, src.udir_report_url(base, UDIR_STAFF_REPORT)), name)
    years = src.udir_years(work.get(name, src.udir_years_url(base, path, current)), name)
    rows: list[dict[str, Any]] = []
    noted: dict[str, list[int]] = {}
    for tid in years:
        year = tid // 100
        if not work.contract.first_year <= year <= work.last_year:
            continue
        url = src.udir_data_url(base, path, tid)
        kilde_id = f"udir-gsi-larerarsverk-{year}"
        fetched, notes = src.denominators_from_udir(
            work.get(name, url), UDIR_STAFF_MEASURE, TEACHER_FTES, year, work.counties(), kilde_id, name
        )
        rows += fetched
        for note in notes:
            noted.setdefault(note, []).append(year)
        title = f"Årsverk for undervisningspersonale i grunnskolen {year}–{str(year + 1)[2:]} (Udir, GSI)"
        work.cite(kilde_id, title, UDIR, url)
    work.replace_denominator(TEACHER_FTES.nevner, rows)
    work.notes += [f"{name}: {note} ({', '.join(map(str, seen))})" for note, seen in noted.items()]


def ssb_fetcher(name: str) -> Callable[[Work], None]:
    """The fetcher of one SSB statbank table of counts per county and year."""
    denominator, table, codelist = SSB_TABLES[name]

    def fetch_table(work: Work) -> None:
        url = src.pxweb_url(work.endpoints["pxweb"], table, work.contract.first_year, work.last_year, codelist)
        kilde_id = f"ssb-{table}"
        rows, notes = src.denominators_from_jsonstat(work.get(name, url), denominator, work.counties(), kilde_id, name)
        work.replace_denominator(denominator.nevner, rows)
        work.notes += [f"{name}: {n}" for n in notes]
        if rows:
            work.cite(kilde_id, f"{denominator.title} per fylke (SSB, tabell {table})", SSB, url)

    fetch_table.__doc__ = f"{denominator.title} per county from SSB table {table}."
    return fetch_table


SOURCES: dict[str, Callable[[Work], None]] = {
    "fylker": fetch_counties,
    "overganger": fetch_transitions,
    "larerarsverk": fetch_teacher_ftes,
    "barnehageansatte": ssb_fetcher("barnehageansatte"),
    "elever": ssb_fetcher("elever"),
    "statsregnskap": statsregnskap.fetch_accounts,
    "bevilgninger": statsregnskap.fetch_appropriations,
}
# DFØ's files are large (about 134 MB of CSV per accounts year): fetched only when named with --only.
ON_REQUEST = frozenset({"statsregnskap", "bevilgninger"})


def _chosen(name: str, only: str | None) -> bool:
    """Whether a source runs: the one named, or every source but the on-request ones."""
    return only == name or (only is None and name not in ON_REQUEST)


def fetch(
    data_dir: Path, client: Client, endpoints: Mapping[str, str], only: str | None = None, year: int | None = None
) -> dict[str, Any]:
    """Fetch the sources into memory, validate a staged copy of data/, then replace the changed files."""
    if only is not None and only not in SOURCES:
        raise BuildError("--only", f"ukjent kilde «{only}» (kjente: {', '.join(SOURCES)})", code=Exit.USAGE)
    contract = load_contract(data_dir)
    invalid = [f.human() for f in validate(contract).findings if f.severity == "error"]
    if invalid:
        raise BuildError("data/", "dataene validerer ikke før henting:\n" + "\n".join(invalid), code=Exit.DATA)
    before = {name: (data_dir / contract.resource(name).path).read_text("utf-8") for name in TABLES}
    work = Work(contract, client, endpoints, year or contract.last_year, {n: _rows(t) for n, t in before.items()})
    work.year = year
    for name, fetcher in SOURCES.items():
        if _chosen(name, only):
            fetcher(work)
    _drop_unused_sources(work, before)
    after = {name: _csv_text(contract, name, work.tables[name]) for name in TABLES}
    fetched = ", ".join(n for n in SOURCES if _chosen(n, only))
    _replace(data_dir, contract, {n: t for n, t in after.items() if t != before[n]}, fetched)
    keys = {name: list(contract.resource(name).primary_key) for name in TABLES}
    return {
        "tabeller": {name: diff(before[name], after[name], keys[name]) for name in TABLES},
        "hentet": work.urls,
        "merknader": work.notes,
    }


def _rows(text: str) -> list[dict[str, Any]]:
    """CSV rows as dicts of strings."""
    return list(csv.DictReader(io.StringIO(text)))


def _csv_text(contract: Contract, name: str, rows: Sequence[Mapping[str, Any]]) -> str:
    """Rows as the data package's CSV dialect (UTF-8, comma, LF), sources ordered by id."""
    fields = [f.name for f in contract.resource(name).fields]
    if name == "kilder":
        rows = sorted(rows, key=lambda r: str(r["kilde_id"]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _drop_unused_sources(work: Work, before: Mapping[str, str]) -> None:
    """Source rows that only the replaced rows cited are removed, so no stale source lingers."""
    cited = {str(r["kilde_id"]) for name in TABLES if name != "kilder" for r in work.tables[name]}
    for spec in work.contract.resources:
        if spec.name not in TABLES and any(f.name == "kilde_id" for f in spec.fields):
            cited |= {r["kilde_id"] for r in _rows((work.contract.root / spec.path).read_text("utf-8"))}
    earlier = {r["kilde_id"] for name in TABLES if name != "kilder" for r in _rows(before[name])}
    gone = earlier - cited
    work.tables["kilder"] = [r for r in work.tables["kilder"] if r["kilde_id"] not in gone]
    if gone:
        work.notes.append(f"kilder som ikke lenger brukes ble fjernet: {', '.join(sorted(gone))}")


def _replace(data_dir: Path, contract: Contract, changed: Mapping[str, str], fetched: str) -> None:
    """Validate a staged copy of data/ with the changed tables, then move each changed file into place."""
    if not changed:
        return
    with tempfile.TemporaryDirectory(prefix="innsyn-fetch-") as tmp:
        staged = Path(tmp) / "data"
        shutil.copytree(data_dir, staged, ignore=shutil.ignore_patterns("__pycache__"))
        for name, text in changed.items():
            (staged / contract.resource(name).path).write_text(text, "utf-8")
        result = validate(load_contract(staged))
        errors = [f.human() for f in result.findings if f.severity == "error"]
        if errors:
            raise FetchError(fetched, "de hentede tabellene validerer ikke:\n" + "\n".join(errors))
        _swap_in({data_dir / contract.resource(n).path: staged / contract.resource(n).path for n in changed})


def _swap_in(files: Mapping[Path, Path]) -> None:
    """Copy every new file beside its target, then rename them all into place: no partial file, a short window."""
    ready: dict[Path, Path] = {}
    try:
        for target, new in files.items():
            ready[target] = target.with_name(f".{target.name}.fetch-{os.getpid()}")
            shutil.copyfile(new, ready[target])
        for target, tmp_target in ready.items():
            os.replace(tmp_target, target)
    finally:
        for tmp_target in ready.values():
            tmp_target.unlink(missing_ok=True)


def diff(old: str, new: str, key: list[str]) -> dict[str, int]:
    """Rows added, changed and removed between two CSV texts, by primary key."""

    def index(text: str) -> dict[tuple[str, ...], dict[str, str]]:
        return {tuple(r[k] for k in key): r for r in csv.DictReader(io.StringIO(text))}

    before, after = index(old), index(new)
    return {
        "lagt til": len(after.keys() - before.keys()),
        "fjernet": len(before.keys() - after.keys()),
        "endret": sum(1 for k in after.keys() & before.keys() if after[k] != before[k]),
    }
