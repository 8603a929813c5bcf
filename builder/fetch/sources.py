"""The public sources `innsyn fetch` reads: request URLs and parsers, pure functions from response bytes to rows.

SSB Klass 104 (county codes and their changes), SSB PxWebApi v2 in JSON-stat2 (kindergarten staff, pupils) and
Udir's statistics report API (teacher FTEs, GSI). Every parser checks the shape it relies on and raises
FetchError naming the source and what was wrong."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from builder.fetch import jsonstat
from builder.fetch.client import FetchError

Row = dict[str, Any]


@dataclass(frozen=True)
class Counties:
    """Which county codes were valid in which years, from data/fylker.csv."""

    spans: Mapping[str, tuple[int, int | None]]

    @classmethod
    def from_rows(cls, rows: Iterable[Mapping[str, Any]]) -> Counties:
        """From fylker rows (CSV strings or typed values)."""
        return cls(
            {
                str(r["fylkesnummer"]): (
                    int(r["gyldig_fra_aar"]),
                    int(r["gyldig_til_aar"]) if str(r["gyldig_til_aar"]) else None,
                )
                for r in rows
            }
        )

    def valid_in(self, year: int) -> set[str]:
        """County codes valid in a year."""
        return {c for c, (start, end) in self.spans.items() if start <= year and (end is None or year <= end)}


@dataclass(frozen=True)
class Denominator:
    """A count per county and year that the allocation keys use (one value of nevnere.nevner)."""

    nevner: str
    count_day: str
    decimals: int
    title: str


def decode(body: bytes, source: str, what: str) -> Any:
    """JSON from a response body, exact decimals kept; a parse error names the source."""
    try:
        return json.loads(body, parse_float=Decimal)
    except ValueError as exc:
        raise FetchError(source, f"kunne ikke lese svaret som {what}: {exc}") from exc


def number_text(value: Decimal, decimals: int) -> str:
    """A count as the data package writes it (fixed decimals, point as separator)."""
    return f"{value:.{decimals}f}"


# --- SSB Klass 104 -------------------------------------------------------------------------------------------


def klass_counties_url(base: str, last_year: int) -> str:
    """The Klass request for every county code valid from 1919 to the end of `last_year`."""
    return f"{base}/classifications/104/codes?from=1919-01-01&to={last_year + 1}-01-01"


def klass_changes_url(base: str, first_year: int, last_year: int) -> str:
    """The Klass request for every change in the county classification in the site's years."""
    return f"{base}/classifications/104/changes?from={first_year}-01-01&to={last_year + 1}-01-01"


def counties_from_klass(body: bytes, source: str) -> list[Row]:
    """Rows for data/fylker.csv from a Klass `codes` response; a code that changed meaning is an error."""
    try:
        codes = decode(body, source, "Klass-JSON")["codes"]
    except (KeyError, TypeError) as exc:
        raise FetchError(source, f"kunne ikke lese svaret som Klass-JSON: mangler {exc}") from exc
    rows: dict[str, Row] = {}
    for item in codes:
        try:
            code, name = str(item["code"]), str(item["name"])
            start, end = str(item["validFromInRequestedRange"]), item.get("validToInRequestedRange")
        except KeyError as exc:
            raise FetchError(source, f"mangler feltet {exc} i {item}") from exc
        short = name.split(" - ")[0]
        if code in rows and rows[code]["navn"] != short:
            raise FetchError(source, f"fylkesnummer {code} har endret betydning: «{rows[code]['navn']}» og «{short}»")
        rows[code] = {
            "fylkesnummer": code,
            "navn": short,
            "offisielt_navn": name if " - " in name else "",
            "gyldig_fra_aar": int(start[:4]),
            "gyldig_til_aar": int(str(end)[:4]) - 1 if end else "",
            "kilde_id": "ssb-klass-104",
        }
    return [rows[k] for k in sorted(rows)]


def changes_from_klass(body: bytes, source: str) -> set[tuple[str, str, int]]:
    """(old code, new code, year) for every change in a Klass `changes` response."""
    try:
        changes = decode(body, source, "Klass-JSON")["codeChanges"]
        return {(str(c["oldCode"]), str(c["newCode"]), int(str(c["changeOccurred"])[:4])) for c in changes}
    except (KeyError, TypeError, ValueError) as exc:
        raise FetchError(source, f"kunne ikke lese endringene i Klass-svaret: mangler eller feil i {exc}") from exc


def reconcile_transitions(current: Sequence[Row], changes: set[tuple[str, str, int]], source: str) -> list[Row]:
    """fylkesoverganger.csv checked against Klass: curated shares and notes kept, plain merges added.

    A split reported by Klass that the table lacks needs shares a person decides, and a whole or split
    transition in the table that Klass does not report is stale: both are errors, listed together."""
    coded = {(r["fra_fylkesnummer"], r["til_fylkesnummer"], int(r["aar"])): r for r in current}
    klass_kinds = ("hel", "deling")
    problems = [
        f"{fra}→{til} ({aar}) står som «{r['relasjon']}» i fylkesoverganger.csv, men Klass melder ingen slik endring"
        for (fra, til, aar), r in sorted(coded.items())
        if r["relasjon"] in klass_kinds and (fra, til, aar) not in changes
    ]
    rows = list(current)
    targets: dict[tuple[str, int], set[str]] = {}
    for fra, til, aar in changes:
        targets.setdefault((fra, aar), set()).add(til)
    for fra, til, aar in sorted(changes - coded.keys()):
        if len(targets[(fra, aar)]) > 1:
            problems.append(
                f"Klass melder at fylke {fra} ble delt i {aar} (til {', '.join(sorted(targets[(fra, aar)]))}); "
                f"andelen som gikk til {til} må føres inn for hånd i fylkesoverganger.csv"
            )
            continue
        rows.append(
            {"fra_fylkesnummer": fra, "til_fylkesnummer": til, "aar": aar, "relasjon": "hel", "andel": 1}
            | {"merknad": "", "kilde_id": "ssb-klass-104-endringer"}
        )
    if problems:
        raise FetchError(source, "fylkesovergangene stemmer ikke med Klass:\n" + "\n".join(problems))
    return rows


# --- SSB PxWebApi v2 (JSON-stat2) --------------------------------------------------------------------------


def pxweb_url(base: str, table: str, first_year: int, last_year: int, codelist: str) -> str:
    """A PxWebApi v2 data request: every content code, the years asked for, regions from a code list."""
    return (
        f"{base}/tables/{table}/data?lang=no&outputFormat=json-stat2"
        f"&valueCodes[ContentsCode]=*&valueCodes[Tid]=range({first_year},{last_year})"
        f"&codelist[Region]={codelist}&valueCodes[Region]=*"
    )


def denominators_from_jsonstat(
    body: bytes, denominator: Denominator, counties: Counties, kilde_id: str, source: str
) -> tuple[list[Row], list[str]]:
    """nevnere rows from a JSON-stat2 dataset with Region × Tid (one content); notes on what was left out."""
    try:
        data = jsonstat.read(decode(body, source, "JSON-stat2"))
        region, years = data.dimension("Region"), data.dimension("Tid")
    except jsonstat.JsonStatError as exc:
        raise FetchError(source, f"svaret er ikke JSON-stat2 slik vi venter: {exc}") from exc
    wide = [d for d in data.dimensions if d.id not in ("Region", "Tid") and len(d.codes) != 1]
    if wide:
        found = "; ".join(f"{d.id}: {', '.join(d.codes)}" for d in wide)
        raise FetchError(source, f"svaret har mer enn én verdi i dimensjoner vi ikke bruker ({found})")
    for tid in years.codes:
        missing = counties.valid_in(_year(tid, source)) - set(region.codes)
        if missing:
            raise FetchError(source, f"svaret mangler fylke {', '.join(sorted(missing))} for {tid}")
    rows, absent = [], 0
    for cell in data.cells:
        code, year = cell.codes["Region"], _year(cell.codes["Tid"], source)
        if code not in counties.spans:
            continue
        if cell.value is None:
            absent += 1
            continue
        if code not in counties.valid_in(year):
            raise FetchError(source, f"verdi for fylke {code} i {year}, men fylket fantes ikke det året")
        rows.append(_denominator_row(denominator, year, code, cell.value, kilde_id))
    skipped = sorted(f"{c} {region.labels[c]}" for c in region.codes if c not in counties.spans)
    notes = [f"{absent} fylke-år uten verdi hos kilden"] if absent else []
    return rows, notes + ([f"regioner som ikke er fylker ble hoppet over: {', '.join(skipped)}"] if skipped else [])


def _year(code: str, source: str) -> int:
    """A Tid code's year ("2024" or "2024-2025")."""
    if not re.match(r"^[0-9]{4}", code):
        raise FetchError(source, f"ukjent tidskode «{code}»")
    return int(code[:4])


def _denominator_row(denominator: Denominator, year: int, code: str, value: Decimal, kilde_id: str) -> Row:
    """One nevnere row."""
    return {
        "aar": year,
        "fylkesnummer": code,
        "nevner": denominator.nevner,
        "verdi": number_text(value, denominator.decimals),
        "telledato": f"{year}-{denominator.count_day}",
        "status": "offisiell",
        "kilde_id": kilde_id,
    }


# --- Udir statistics report API (statistikkportalen) ---------------------------------------------------------


def udir_report_url(base: str, report: str) -> str:
    """The report page that names the current version's data endpoint."""
    return f"{base}/rest/v1/Rapportside/{report}"


def udir_endpoint(body: bytes, source: str) -> tuple[str, int]:
    """(data path without /data, Udir's current school-year code) from a Rapportside response."""
    page = decode(body, source, "Udir-rapportside")
    try:
        path = str(page["rappside"]["rapportElementer"][0]["dataEndepunkt"])
        current = int(page["rappside"]["filterDefaultVerdier"]["TidID"][0])
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        raise FetchError(source, f"rapportsiden har ikke dataEndepunkt og TidID der vi venter dem ({exc})") from exc
    if not path.endswith("/data"):
        raise FetchError(source, f"dataEndepunkt «{path}» slutter ikke på /data")
    return path.removesuffix("/data").strip("/"), current


def udir_years_url(base: str, path: str, current: int) -> str:
    """The filter values of the report (which school years exist)."""
    return f"{base}/{path}/filterVerdier?filter=TidID({current})"


def udir_years(body: bytes, source: str) -> list[int]:
    """Every school-year code (YYYY10 = counted 1 October YYYY) the report offers, oldest first."""
    try:
        return sorted(int(t["id"]) for t in decode(body, source, "Udir-filterverdier")["TidID"])
    except (KeyError, TypeError, ValueError) as exc:
        raise FetchError(source, f"filterverdiene har ingen TidID-liste ({exc})") from exc


def udir_data_url(base: str, path: str, tid: int) -> str:
    """One school year, county level, all owner types, with codes."""
    return f"{base}/{path}/data?radSti=F&filter=EierformID(-10)_EnhetNivaa(2)_TidID({tid})&inkluderKoder=true"


def denominators_from_udir(
    body: bytes, measure: str, denominator: Denominator, year: int, counties: Counties, kilde_id: str, source: str
) -> tuple[list[Row], list[str]]:
    """nevnere rows for one school year from a report data response; «*» (suppressed) gives no row."""
    doc = decode(body, source, "Udir-statistikk")
    try:
        names = [str(c["name"]) for c in doc["metadata"]["columns"][-1]]
        lines = [(str(r.get("kode") or ""), str(r["navn"]), list(r["data"])) for r in doc["rows"]]
    except (KeyError, IndexError, TypeError) as exc:
        raise FetchError(source, f"svaret for {year} har ikke metadata.columns og rows slik vi venter ({exc})") from exc
    if measure not in names:
        raise FetchError(source, f"svaret for {year} har ingen kolonne «{measure}» (har {', '.join(names)})")
    at = names.index(measure)
    rows, notes, seen = [], [], set()
    for code, name, cells in lines:
        if len(cells) != len(names):
            raise FetchError(source, f"raden «{name}» for {year} har {len(cells)} celler, ventet {len(names)}")
        if code not in counties.spans:
            notes.append(f"hoppet over «{name}» ({code or 'uten kode'}), som ikke er et fylke")
            continue
        seen.add(code)
        value = _udir_number(str(cells[at]), source, f"{name} {year}")
        if value is None:
            notes.append(f"verdien for {name} er skjermet («*») hos Udir")
            continue
        rows.append(_denominator_row(denominator, year, code, value, kilde_id))
    missing = counties.valid_in(year) - seen
    if missing:
        raise FetchError(source, f"svaret for skoleåret {year}–{year + 1} mangler fylke {', '.join(sorted(missing))}")
    return rows, notes


def _udir_number(raw: str, source: str, where: str) -> Decimal | None:
    """A cell as Udir writes it ("3 143,0"), or None when suppressed («*») or empty."""
    text = raw.replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if text in ("", "*"):
        return None
    try:
        return Decimal(text)
    except InvalidOperation as exc:
        raise FetchError(source, f"cellen {where} er «{raw}», ikke et tall") from exc
