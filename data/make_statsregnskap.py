"""Write the state-accounts resources in data/ from the copies in data/upstream/statsregnskap/.

Run with `python data/make_statsregnskap.py` (`make data` runs it after make_example.py; standard library only).
Deterministic: the same upstream files always give byte-identical output. Amounts are Decimal, never float.

The upstream figures are millions of kroner with one decimal (rounded by the public aggregation they were
transcribed from, see data/upstream/SOURCES.md §7). They are stored as exact kroner (× 1 000 000) with
`avrunding` = 100 000 kr, the rounding of the source, until `innsyn fetch --only statsregnskap` replaces a year
with DFØ's exact figures (`avrunding` 0.01). The accounts do not split a post between the schemes it carries.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
UP = HERE / "upstream" / "statsregnskap"
MILLION = Decimal(1_000_000)
ROUNDING = "100000"  # 0,1 mill. kr: the rounding of every upstream amount
SOURCE = "dfo-statsregnskap"
MAPPING_SOURCE = "statsregnskap-poster-ordninger"
NOT_SPLIT = (
    "Statsregnskapet fordeler ikke posten mellom ordningene; bevilgning, regnskap, bokføringer og "
    "artskontoer gjelder hele posten samlet."
)

# What each post carries (data/upstream/statsregnskap/README.md): (kapittel, post, ordning_id, omfatter, note).
POST_SCHEMES: list[tuple[str, str, str, str, str]] = [
    ("0226", "21", "dekomp", "Desentralisert ordning for kompetanseutvikling i skolen (dekomp)", ""),
    (
        "0226",
        "21",
        "kompetanseloftet",
        "Skoledelen av Kompetanseløftet for spesialpedagogikk og inkluderende praksis",
        "",
    ),
    ("0226", "21", "oppfolging", "Oppfølgingsordningen", ""),
    (
        "0226",
        "21",
        "yrkesfag",
        "Overføringene til fylkeskommunene til kompetanseutvikling i fag- og yrkesopplæringen",
        "",
    ),
    (
        "0226",
        "22",
        "",
        "Den nasjonale videreutdanningsordningen for lærere og skoleledere",
        "Ordningen er ikke blant ordningene i ordninger.csv.",
    ),
    ("0231", "21", "rekomp", "Regional ordning for kompetanseutvikling i barnehage (rekomp)", ""),
    (
        "0231",
        "21",
        "kompetanseloftet",
        "Barnehagedelen av Kompetanseløftet for spesialpedagogikk og inkluderende praksis",
        "",
    ),
]
# The posts carry other spending too: their accounts in the first year, before the schemes started.
OTHER_SPENDING = {("0226", "21"): "dekomp startet i 2017", ("0231", "21"): "rekomp startet i 2018"}


def read(name: str) -> list[dict[str, str]]:
    """Rows of an upstream CSV file."""
    with (UP / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(name: str, fields: list[str], rows: Iterable[dict[str, str]]) -> None:
    """Write rows as UTF-8 CSV with LF line ends, in the order given."""
    with (HERE / name).open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def kroner(mill: str) -> str:
    """An amount in millions with one decimal as whole kroner ('' stays empty)."""
    if mill == "":
        return ""
    value = Decimal(mill) * MILLION
    if value != value.to_integral_value():
        raise ValueError(f"{mill} mill. er ikke et helt antall kroner")
    return format(value.quantize(Decimal(1)), "f")


def appropriations() -> list[dict[str, str]]:
    """One row per post and year: adopted, revised and accounts."""
    rows = [
        {
            "aar": r["aar"],
            "kapittel": r["kapittel"],
            "post": r["post"],
            "post_navn": r["post_navn"],
            "saldert": kroner(r["saldert_mill"]),
            "revidert": kroner(r["revidert_mill"]),
            "regnskap": kroner(r["regnskap_mill"]),
            "avrunding": ROUNDING,
            "status": "offisiell",
            "kilde_id": SOURCE,
        }
        for r in read("poster.csv")
    ]
    return sorted(rows, key=lambda r: (r["aar"], r["kapittel"], r["post"]))


def bookings() -> list[dict[str, str]]:
    """What each accounting entity booked on a post in a year (the remainder row without org.nr.)."""
    rows = [
        {
            "aar": r["aar"],
            "kapittel": r["kapittel"],
            "post": r["post"],
            "orgnr": r["orgnr"],
            "virksomhet": r["virksomhet"],
            "belop": kroner(r["belop_mill"]),
            "avrunding": ROUNDING,
            "status": "offisiell",
            "kilde_id": SOURCE,
        }
        for r in read("virksomheter.csv")
    ]
    return sorted(rows, key=lambda r: (r["aar"], r["kapittel"], r["post"], r["virksomhet"]))


def account_types() -> list[dict[str, str]]:
    """What a post's money was booked as, by artskonto."""
    rows = [
        {
            "aar": r["aar"],
            "kapittel": r["kapittel"],
            "post": r["post"],
            "artskonto": r["artskonto"],
            "artskonto_navn": r["artskonto_navn"],
            "kontoklasse": r["kontoklasse"],
            "kontoklasse_navn": r["kontoklasse_navn"],
            "belop": kroner(r["belop_mill"]),
            "avrunding": ROUNDING,
            "status": "offisiell",
            "kilde_id": SOURCE,
        }
        for r in read("artskonto.csv")
    ]
    return sorted(rows, key=lambda r: (r["aar"], r["kapittel"], r["post"], r["artskonto"]))


def mill_text(mill: str) -> str:
    """Millions in Norwegian style for a note, e.g. 803,2 mill. kr."""
    return f"{mill.replace('.', ',')} mill. kr"


def post_schemes(posts: list[dict[str, str]]) -> list[dict[str, str]]:
    """Which schemes each post carries, and that the accounts do not split a post between them."""
    rows = [
        {
            "kapittel": k,
            "post": p,
            "ordning_id": o,
            "omfatter": what,
            "merknad": f"{NOT_SPLIT} {note}".strip(),
            "kilde_id": MAPPING_SOURCE,
        }
        for k, p, o, what, note in POST_SCHEMES
    ]
    first = min(r["aar"] for r in posts)
    accounts = {(r["kapittel"], r["post"]): r for r in read("poster.csv") if r["aar"] == first}
    for (chapter, post), started in OTHER_SPENDING.items():
        upstream = accounts[(chapter, post)]
        rows.append(
            {
                "kapittel": chapter,
                "post": post,
                "ordning_id": "",
                "omfatter": "Andre tiltak og oppgaver på posten, også lønn og drift hos virksomhetene som "
                "bokfører på den (se fordelingen på artskonto på postens side)",
                "merknad": f"{NOT_SPLIT} Regnskapet for posten var {mill_text(upstream['regnskap_mill'])} i "
                f"{first}, før ordningene ({started}).",
                "kilde_id": SOURCE,
            }
        )
    return sorted(rows, key=lambda r: (r["kapittel"], r["post"], r["omfatter"]))


def main() -> None:
    """Write bevilgninger.csv, bokforinger.csv, artskontoer.csv and post_ordninger.csv."""
    posts = appropriations()
    write("bevilgninger.csv", list(posts[0]), posts)
    entities = bookings()
    write("bokforinger.csv", list(entities[0]), entities)
    kinds = account_types()
    write("artskontoer.csv", list(kinds[0]), kinds)
    schemes = post_schemes(posts)
    write("post_ordninger.csv", list(schemes[0]), schemes)


if __name__ == "__main__":
    main()
