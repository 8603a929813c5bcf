"""Write the replay server's responses, in each source's real format, from the real values in data/upstream/.

    python -m tests.replay.make_replay            # rewrites tests/replay/*.json

data/upstream/ is the bundled copy of ../shared/data (see data/upstream/SOURCES.md). Every number in a
response comes from there; where the upstream copy has no value the response carries none, the way the
APIs mark a missing value (JSON-stat2: null with status «..»; Udir: no row). Shapes follow the APIs:
SSB Klass `codes`/`changes` JSON, SSB PxWebApi v2 JSON-stat2, Udir's statistics report API
(`Rapportside` → `dataEndepunkt`, `filterVerdier`, `data` with metadata.columns and rows). The report
number and version in `dataEndepunkt` are placeholders: the fetcher resolves them at run time."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = ROOT / "data" / "upstream"
OUT = Path(__file__).resolve().parent
KLASS = "https://data.ssb.no/api/klass/v1/classifications/104"
UDIR_DATA = "rest/v1/Statistikk/GSK/GSI/2/4"
MEASURE = "Årsverk for undervisningspersonale"


def read(name: str) -> list[dict[str, str]]:
    """One upstream CSV."""
    with (UPSTREAM / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def counties_valid(year: int) -> list[dict[str, str]]:
    """Upstream county rows valid on 1 January of a year."""
    day = f"{year}-01-01"
    return [
        c
        for c in read("fylker.csv")
        if c["gyldig_fra"] <= day and (not c["gyldig_til_eksklusiv"] or day < c["gyldig_til_eksklusiv"])
    ]


def klass_codes() -> dict[str, Any]:
    """Klass 104 `codes?from=1919-01-01&to=2028-01-01`."""
    codes = [
        {
            "code": c["fylkesnummer"],
            "parentCode": None,
            "level": "1",
            "name": c["offisielt_navn"].split(" (")[0],  # one row carries a note in parentheses
            "shortName": "",
            "presentationName": "",
            "validFromInRequestedRange": max(c["gyldig_fra"], "1919-01-01"),
            "validToInRequestedRange": c["gyldig_til_eksklusiv"] or None,
            "notes": "",
        }
        for c in read("fylker.csv")
    ]
    return {"codes": codes, "_links": {"self": {"href": f"{KLASS}/codes?from=1919-01-01&to=2028-01-01"}}}


def klass_changes() -> dict[str, Any]:
    """Klass 104 `changes?from=2014-01-01&to=2028-01-01`: county code changes (not single municipalities)."""
    changes = [
        {
            "oldCode": r["fra_fylkesnummer"],
            "oldName": r["fra_fylke"],
            "oldShortName": "",
            "newCode": r["til_fylkesnummer"],
            "newName": r["til_fylke"],
            "newShortName": "",
            "changeOccurred": r["dato"],
        }
        for r in read("fylke_crosswalk.csv")
        if r["relasjon"].startswith(("merge", "split"))
    ]
    return {"codeChanges": changes, "_links": {"self": {"href": f"{KLASS}/changes?from=2014-01-01&to=2028-01-01"}}}


def jsonstat(
    label: str, regions: list[tuple[str, str]], years: list[int], values: dict[tuple[str, int], int], unit: str
) -> dict[str, Any]:
    """A PxWebApi v2 JSON-stat2 dataset with Region × Tid and one content code."""
    cells = [values.get((code, year)) for code, _ in regions for year in years]
    return {
        "version": "2.0",
        "class": "dataset",
        "label": label,
        "source": "Statistisk sentralbyrå",
        "id": ["Region", "ContentsCode", "Tid"],
        "size": [len(regions), 1, len(years)],
        "dimension": {
            "Region": {
                "label": "region",
                "category": {"index": {c: i for i, (c, _) in enumerate(regions)}, "label": dict(regions)},
            },
            "ContentsCode": {"label": "statistikkvariabel", "category": {"index": {unit: 0}, "label": {unit: unit}}},
            "Tid": {
                "label": "år",
                "category": {
                    "index": {str(y): i for i, y in enumerate(years)},
                    "label": {str(y): str(y) for y in years},
                },
            },
        },
        "value": cells,
        "status": {str(i): ".." for i, v in enumerate(cells) if v is None},
        "role": {"geo": ["Region"], "time": ["Tid"], "metric": ["ContentsCode"]},
    }


def regions(years: Iterable[int]) -> list[tuple[str, str]]:
    """The whole country and every county valid in any of the years, as statbank lists them."""
    seen = {c["fylkesnummer"]: c["fylke"] for y in years for c in counties_valid(y)}
    return [("0", "Hele landet"), *sorted(seen.items())]


def kindergarten_staff() -> dict[str, Any]:
    """SSB table 09344, employees in kindergartens per county (15 December), from the upstream partial table."""
    years = list(range(2015, 2019))
    values = {
        (r["fylkesnummer"] or "0", int(r["aar"])): int(r["ansatte"])
        for r in read("barnehage_ansatte_fylke_partial.csv")
    }
    return jsonstat(
        "09344: Ansatte i barnehager, etter region, statistikkvariabel og år", regions(years), years, values, "Ansatte"
    )


def pupils() -> dict[str, Any]:
    """SSB table 11980, pupils per county: the upstream copy has no pupil counts, so every value is missing."""
    years = list(range(2015, 2020))
    return jsonstat(
        "11980: Elever i grunnskolen, etter region, statistikkvariabel og år", regions(years), years, {}, "Elever"
    )


def udir_report() -> dict[str, Any]:
    """Udir `Rapportside` for the staff report: where the data endpoint is and the current school year."""
    return {
        "rappside": {
            "rapportElementer": [{"dataEndepunkt": f"{UDIR_DATA}/data"}],
            "filterDefaultVerdier": {"TidID": [201910]},
        }
    }


def gsi_rows() -> list[dict[str, str]]:
    """Upstream teacher FTEs, all owner types."""
    return [r for r in read("gsi_arsverk_undervisning_grunnskole_fylke.csv") if r["eierform"] == "alle"]


def udir_years() -> dict[str, Any]:
    """Udir `filterVerdier`: the school years the report offers."""
    years = sorted({r["skoleaar"] for r in gsi_rows()})
    return {
        "TidID": [{"id": int(y[:4]) * 100 + 10, "navn": y} for y in years],
        "EierformID": [
            {"id": -10, "navn": "Alle eierformer"},
            {"id": 1, "navn": "Offentlig"},
            {"id": 2, "navn": "Privat"},
        ],
    }


def udir_data(school_year: str) -> dict[str, Any]:
    """Udir `data` for one school year at county level, values as Udir writes them (decimal comma)."""
    rows = [r for r in gsi_rows() if r["skoleaar"] == school_year]
    return {
        "metadata": {"rowHierarchy": ["EnhetID"], "columns": [[{"name": MEASURE, "columnCount": 1}]]},
        "rows": [
            {
                "navn": r["fylke"],
                "id": f"1.{r['fylkesnummer'] or '99'}",
                "kode": r["fylkesnummer"],
                "data": [r["arsverk_undervisningspersonale"].replace(".", ",")],
            }
            for r in rows
        ],
    }


def responses() -> dict[str, Any]:
    """Every replay file by name."""
    out = {
        "klass-104-codes.json": klass_codes(),
        "klass-104-changes.json": klass_changes(),
        "ssb-09344.json": kindergarten_staff(),
        "ssb-11980.json": pupils(),
        "udir-rapportside.json": udir_report(),
        "udir-filterverdier.json": udir_years(),
    }
    for year in sorted({r["skoleaar"] for r in gsi_rows()}):
        out[f"udir-data-{year[:4]}10.json"] = udir_data(year)
    return out


def write(out: Path) -> list[Path]:
    """Write every response into a directory."""
    paths = []
    for name, body in responses().items():
        path = out / name
        path.write_text(json.dumps(body, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
