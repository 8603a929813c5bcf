"""`innsyn fetch --only statsregnskap [--year YYYY]` and `--only bevilgninger`: DFØ's exact figures into data/.

statsregnskap: for each year (the one given, else every year bevilgninger.csv has accounts for) the accounts zip
gives, per post we keep, the accounts (bevilgninger.regnskap), what each entity booked (bokforinger.csv, every
entity: no «Øvrige» remainder row) and what it was booked as (artskontoer.csv); the appropriations zip gives the
year's adopted and revised budget, so the year's rows are exact throughout (avrunding 0.01). bevilgninger: adopted
and revised budget for every year (or the one given) from the appropriations zip; the accounts on a row are left
as they are, and so is its rounding unless the row has no accounts yet or was exact already."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from builder.fetch import dfo
from builder.fetch.client import FetchError

if TYPE_CHECKING:
    from builder.fetch.refresh import Work

TABLES = ("bevilgninger", "bokforinger", "artskontoer")
PUBLISHER = "Direktoratet for forvaltning og økonomistyring (DFØ)"
EXACT = "0.01"
ZIP = "application/zip"
ACCOUNTS, APPROPRIATIONS = "statsregnskap", "bevilgninger"
APPROPRIATIONS_ID = "dfo-bevilgninger"
APPROPRIATIONS_TITLE = (
    "Bevilgningshistorikken i statsregnskapet (bevilgninger_full_historikk): saldert og revidert budsjett per "
    "post og år; regnskapet på samme rad er fra statsregnskapet for året"
)
Key = tuple[str, str, str]


def _key(row: Mapping[str, Any]) -> Key:
    """(aar, kapittel, post) as text."""
    return (str(row["aar"]), str(row["kapittel"]), str(row["post"]))


def _sort(rows: Iterable[dict[str, Any]], *fields: str) -> list[dict[str, Any]]:
    """Rows by year (as a number), chapter, post and then the given fields, as data/make_statsregnskap.py writes."""
    return sorted(rows, key=lambda r: (int(r["aar"]), r["kapittel"], r["post"], *(str(r[f]) for f in fields)))


def appropriations(work: Work) -> dict[Key, dict[str, Any]]:
    """Adopted and revised budget per (aar, kapittel, post) from DFØ's appropriations history (one download)."""
    url = dfo.appropriations_url(work.endpoints["dfo"])
    rows = dfo.read_appropriations(work.get(APPROPRIATIONS, url, accept=ZIP), APPROPRIATIONS)
    work.cite(APPROPRIATIONS_ID, APPROPRIATIONS_TITLE, PUBLISHER, url)
    for row in rows:
        if not row["saldert_vedtak"]:
            work.notes.append(
                f"{APPROPRIATIONS}: {row['aar']} kap. {row['kapittel']} post {row['post']} har ingen vedtak om "
                "saldert budsjett; saldert er 0"
            )
    return {_key(r): r for r in rows}


def _budget_fields(row: Mapping[str, Any]) -> dict[str, str]:
    """The appropriation columns of a bevilgninger row from an aggregated appropriations row."""
    return {
        "post_navn": row["post_navn"],
        "saldert": dfo.kroner(row["saldert"]),
        "revidert": dfo.kroner(row["revidert"]),
    }


def fetch_accounts(work: Work) -> None:
    """Every fetched year's rows in bevilgninger, bokforinger and artskontoer replaced by DFØ's exact figures."""
    accounted = {int(r["aar"]) for r in work.tables["bevilgninger"] if r["regnskap"]}
    years = [work.year] if work.year is not None else sorted(accounted)
    if not years:
        raise FetchError(ACCOUNTS, "bevilgninger.csv har ingen år med regnskap; oppgi året med --year")
    budgets = appropriations(work)
    for year in years:
        dfo.require_posts([r for k, r in budgets.items() if k[0] == str(year)], year, APPROPRIATIONS)
        url = dfo.accounts_url(work.endpoints["dfo"], year)
        accounts = dfo.read_accounts(work.get(ACCOUNTS, url, accept=ZIP), year, ACCOUNTS)
        kilde_id = f"dfo-statsregnskap-{year}"
        _replace_year(work, year, accounts, budgets, kilde_id)
        title = (
            f"Statsregnskapet {year} (statsregnskapet_aar_{year}): alle konteringer per måned, summert per post, "
            "virksomhet og artskonto; saldert og revidert budsjett fra bevilgningshistorikken"
        )
        work.cite(kilde_id, title, PUBLISHER, url)


def _replace_year(
    work: Work, year: int, accounts: dfo.Accounts, budgets: Mapping[Key, Mapping[str, Any]], kilde_id: str
) -> None:
    """One year's rows of the three tables replaced; the rest of each table untouched."""
    common = {"avrunding": EXACT, "status": "offisiell", "kilde_id": kilde_id}
    fresh = [
        {"aar": str(year), "kapittel": p["kapittel"], "post": p["post"], **_budget_fields(budgets[_key(p)])}
        | {"regnskap": dfo.kroner(p["regnskap"])}
        | common
        for p in accounts.posts
    ]
    entities = [
        {**_text(r, ("orgnr", "virksomhet")), "belop": dfo.kroner(r["belop"])} | common for r in accounts.entities
    ]
    kinds = [
        {
            **_text(r, ("artskonto", "artskonto_navn", "kontoklasse", "kontoklasse_navn")),
            "belop": dfo.kroner(r["belop"]),
        }
        | common
        for r in accounts.kinds
    ]
    _note_remainders(work, year)
    work.tables["bevilgninger"] = _sort(_other_years(work.tables["bevilgninger"], year) + fresh)
    work.tables["bokforinger"] = _sort(_other_years(work.tables["bokforinger"], year) + entities, "virksomhet")
    work.tables["artskontoer"] = _sort(_other_years(work.tables["artskontoer"], year) + kinds, "artskonto")


def _text(row: Mapping[str, Any], fields: Sequence[str]) -> dict[str, str]:
    """The key columns and the given fields of an aggregated row, as CSV text."""
    return {"aar": str(row["aar"]), "kapittel": row["kapittel"], "post": row["post"]} | {f: str(row[f]) for f in fields}


def _other_years(rows: Iterable[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    """The rows of every year but one."""
    return [r for r in rows if int(r["aar"]) != year]


def _note_remainders(work: Work, year: int) -> None:
    """Say where an «Øvrige (N virksomheter)» row gives way to each entity on its own."""
    for row in work.tables["bokforinger"]:
        if int(row["aar"]) == year and not row["orgnr"]:
            work.notes.append(
                f"{ACCOUNTS}: {year} kap. {row['kapittel']} post {row['post']}: «{row['virksomhet']}» er erstattet "
                "av hver virksomhet for seg (de eksakte tallene lister alle)"
            )


def fetch_appropriations(work: Work) -> None:
    """Adopted and revised budget of every year (or the one given) in bevilgninger.csv from DFØ."""
    budgets = appropriations(work)
    table = {_key(r): r for r in work.tables["bevilgninger"]}
    years = {work.year} if work.year is not None else _appropriation_years(work, table, budgets)
    added = sorted(y for y in years if not any(int(k[0]) == y for k in table))
    for year in sorted(years):
        dfo.require_posts([r for k, r in budgets.items() if k[0] == str(year)], year, APPROPRIATIONS)
        for chapter, post in dfo.POSTS:
            key = (str(year), chapter, post)
            table[key] = _updated(table.get(key), budgets[key])
    work.tables["bevilgninger"] = _sort(table.values())
    if added:
        work.notes.append(
            f"{APPROPRIATIONS}: {', '.join(map(str, added))} er lagt til uten regnskap; hent regnskapet med "
            "--only statsregnskap --year ÅÅÅÅ når DFØ har publisert det"
        )


def _appropriation_years(work: Work, table: Mapping[Key, Any], budgets: Mapping[Key, Any]) -> set[int]:
    """The table's years, and the history's years after them (new budget years); gaps are noted, not filled,
    since a row added here has no accounts."""
    first, last = work.contract.first_year, work.contract.last_year
    have = {int(k[0]) for k in table}
    offered = {int(k[0]) for k in budgets if first <= int(k[0]) <= last}
    years = have | {y for y in offered if y > max(have, default=first - 1)}
    gaps = sorted(offered - years)
    if gaps:
        work.notes.append(
            f"{APPROPRIATIONS}: {', '.join(map(str, gaps))} finnes i bevilgningshistorikken, men ikke i "
            "bevilgninger.csv; hent et slikt år med --only statsregnskap --year ÅÅÅÅ"
        )
    return years


def _updated(row: Mapping[str, Any] | None, budget: Mapping[str, Any]) -> dict[str, Any]:
    """A bevilgninger row with DFØ's budget; exact only if its accounts are exact or not there yet."""
    if row is None:
        row = {"aar": str(budget["aar"]), "kapittel": budget["kapittel"], "post": budget["post"], "regnskap": ""}
        row |= {"avrunding": EXACT}
    exact = not row["regnskap"] or Decimal(str(row["avrunding"])) == Decimal(EXACT)
    return {**row, **_budget_fields(budget), "status": "offisiell", "kilde_id": APPROPRIATIONS_ID} | {
        "avrunding": EXACT if exact else row["avrunding"]
    }
