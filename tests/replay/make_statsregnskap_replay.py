"""Write the DFØ replay zips in the real format from the bundled state-accounts figures, deterministically.

    python -m tests.replay.make_statsregnskap_replay      # rewrites tests/replay/statsregnskapet_aar_2023.zip
                                                         # and tests/replay/bevilgninger_full_historikk.zip

The figures come from data/upstream/statsregnskap/ (millions with one decimal, as rounded by the public
aggregation). The accounts zip holds one ISO-8859-1 CSV for 2023 in DFØ's format (`;`, every field quoted,
decimal comma with three decimals, one row per month and booking line): for each of the three posts, every
entity and every artskonto the bundled data has for 2023, as booking lines (entity × artskonto) whose yearly
sums are exact kroner and øre within 0,05 mill. of each bundled row, and whose total is within 0,05 mill. of
the post's accounts. The «Øvrige (5 virksomheter)» row on 226.21 becomes five synthetic entities (orgnr 9999999xx
with a valid modulus-11 check digit, names «Syntetisk virksomhet N»): the real ones are not in the bundled data.
Each line is split into 12 monthly rows with exact øre. A few lines on post 0226.01 show that other posts are left
out.

The appropriations zip holds every year and post of poster.csv as decisions: «Saldert budsjett» (the adopted
budget), one change decision (revised − adopted), and a transfer from the year before («Overført fra …»,
1 % of the adopted budget, synthetic) that neither series counts. Column names follow DFØ's column
description as documented by the aggregation project (Lippen1995/Project_statsbudsjett, docs/data-schema.md).
Columns the fetcher does not read (Konto, Programområde, Fagdepartement …) carry fixed placeholder values."""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UPSTREAM = ROOT / "data" / "upstream" / "statsregnskap"
OUT = Path(__file__).resolve().parent
YEAR = 2023
ACCOUNTS_ZIP, APPROPRIATIONS_ZIP = f"statsregnskapet_aar_{YEAR}.zip", "bevilgninger_full_historikk.zip"
ZIP_TIME = (2026, 7, 1, 0, 0, 0)
SLACK = 4_999_999  # øre: each exact sum stays strictly within 0,05 mill. (5 000 000 øre) of its rounded figure
# DFØ's column order (statsregnskapet_beskrivelse_av_kolonner.csv and bevilgninger_beskrivelse_av_kolonner.csv).
ACCOUNT_COLUMNS = [
    *("År", "Periode", "Konto_no", "Konto", "Programområde_id", "Programområde", "Programkategori_id"),
    *("Programkategori", "Fagdepartement_id", "Fagdepartement", "Kapittel_id", "Kapittel", "Post_id", "Post"),
    *("Post_type", "Kontoklasse_id", "Kontoklasse", "Kontogruppe_id", "Kontogruppe", "Artskonto_id", "Artskonto"),
    *("Fagdepartement_Virksomhet_id", "Fagdepartement_Virksomhet", "Virksomhet_id", "Virksomhet"),
    *("Regnskapsfører_id", "Regnskapsfører", "Beløp"),
]
APPROPRIATION_COLUMNS = [
    *("År", "Periode", "Tildelings_periode", "Programområde_id", "Programområde", "Programkategori_id"),
    *("Programkategori", "Fagdepartement_id", "Fagdepartement", "Kapittel_id", "Kapittel", "Post_id", "Post"),
    *("Post_type", "Bevilgning_beløp", "Bevilgning_overføres_beløp", "Bevilgning_overført_beløp", "Bevilgning"),
]
CHAPTERS = {"0226": "Kvalitetsutvikling i grunnopplæringen", "0231": "Barnehager"}
CATEGORY = {"0226": ("0720", "Grunnopplæringen"), "0231": ("0730", "Barnehager")}
OTHERS = [("999999905", "Syntetisk virksomhet 1", 2_000_000), ("999999913", "Syntetisk virksomhet 2", 1_500_000)]
OTHERS += [("999999921", "Syntetisk virksomhet 3", 1_000_000), ("999999948", "Syntetisk virksomhet 4", 700_000)]
OTHERS += [("999999956", "Syntetisk virksomhet 5", 500_000)]

Key = tuple[str, str, str]


def read(name: str) -> list[dict[str, str]]:
    """One bundled upstream CSV."""
    with (UPSTREAM / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def ore(mill: str) -> int:
    """Millions with one decimal as whole øre."""
    return int(Decimal(mill) * 100_000_000)


def amount(value: int) -> str:
    """Øre as DFØ writes kroner: decimal comma, three decimals."""
    sign, value = ("-" if value < 0 else ""), abs(value)
    return f"{sign}{value // 100},{value % 100:02d}0"


def jittered(targets: Sequence[int]) -> list[int]:
    """Targets moved by a fixed pattern of up to ±20 444,44 kr, so the exact sums are not round millions."""
    return [t + ((i * 7 + 3) % 9 - 4) * 511_111 for i, t in enumerate(targets)]


def spread(targets: Sequence[int], total: int) -> list[int]:
    """Targets jittered, then moved evenly so they add up to total; each ends within SLACK of its target."""
    moved = jittered(targets)
    q, r = divmod(total - sum(moved), len(moved))
    out = [t + q + (1 if i < r else 0) for i, t in enumerate(moved)]
    assert all(abs(o - t) <= SLACK for o, t in zip(out, targets, strict=True)), "rounding slack exceeded"
    return out


def common_total(entities: Sequence[int], accounts: Sequence[int], regnskap: int) -> int:
    """A total the entities, the artskontoer and the accounts all reach within their rounding (near regnskap
    + 12 345,67 kr, so the exact total is not a round figure either)."""
    lo = max(sum(entities) - SLACK * len(entities), sum(accounts) - SLACK * len(accounts), regnskap - SLACK)
    hi = min(sum(entities) + SLACK * len(entities), sum(accounts) + SLACK * len(accounts), regnskap + SLACK)
    assert lo <= hi, "the bundled figures cannot be reconciled"
    return min(max(regnskap + 1_234_567, lo), hi)


def lines(entities: Sequence[int], accounts: Sequence[int]) -> list[tuple[int, int, int]]:
    """Booking lines (entity, artskonto, øre) with the given row and column sums: negative artskontoer on the
    largest entity, the rest by the north-west corner rule (few lines, all positive)."""
    big = max(range(len(entities)), key=lambda i: entities[i])
    out = [(big, j, a) for j, a in enumerate(accounts) if a < 0]
    left = [e - (sum(a for a in accounts if a < 0) if i == big else 0) for i, e in enumerate(entities)]
    need = [max(a, 0) for a in accounts]
    assert all(e > 0 for e in left), "an entity with a negative total"
    i = j = 0
    while i < len(left) and j < len(need):
        x = min(left[i], need[j])
        if x:
            out.append((i, j, x))
        left[i] -= x
        need[j] -= x
        i, j = (i + 1, j) if left[i] == 0 else (i, j + 1)
    assert not any(left) and not any(need)
    return sorted(out)


def months(value: int) -> list[int]:
    """A yearly amount in øre split into 12 monthly amounts that add up exactly."""
    q, r = divmod(value, 12)
    return [q + (1 if m >= 12 - r else 0) for m in range(12)]


def post_entities(key: Key) -> list[tuple[str, str, int]]:
    """(orgnr, name, øre) of a post in the bundled data; the «Øvrige» row as its synthetic entities."""
    rows = [r for r in read("virksomheter.csv") if (r["aar"], r["kapittel"], r["post"]) == key]
    out = []
    for r in rows:
        if r["orgnr"]:
            out.append((r["orgnr"], r["virksomhet"], ore(r["belop_mill"])))
        else:
            assert sum(x for *_, x in OTHERS) * 100 == ore(r["belop_mill"]) and len(OTHERS) == 5, r
            out += [(o, n, x * 100) for o, n, x in OTHERS]
    return out


def account_row(key: Key, post: str, month: int, konto: dict[str, str], org: tuple[str, str], value: int) -> list[str]:
    """One monthly row of the accounts CSV."""
    _, chapter, number = key
    ministry = ("07", "Kunnskapsdepartementet")
    owner = ("13", "Kommunal- og distriktsdepartementet") if org[1].startswith("Stats") else ministry
    head = [str(YEAR), f"{YEAR}{month:02d}", f"{chapter}{number}", post, "07", "Utdanning og forskning"]
    head += [*CATEGORY[chapter], *ministry, chapter, CHAPTERS[chapter], f"{chapter}{number}", post]
    group = konto["artskonto"][:2]
    kind = [konto["kontoklasse"], konto["kontoklasse_navn"], group, f"Kontogruppe {group}"]
    return [*head, "Utgifter til drift", *kind, konto["artskonto"], konto["artskonto_navn"], *owner, *org, *org,
            amount(value)]  # fmt: skip


def accounts_rows() -> list[list[str]]:
    """Every monthly row of the 2023 accounts file for the three posts, plus a few on another post."""
    posts = {(r["aar"], r["kapittel"], r["post"]): r for r in read("poster.csv")}
    kontos = read("artskonto.csv")
    out: list[list[str]] = []
    for key in sorted(k for k in posts if k[0] == str(YEAR)):
        entities = post_entities(key)
        accounts = [r for r in kontos if (r["aar"], r["kapittel"], r["post"]) == key]
        total = common_total(
            [e for *_, e in entities], [ore(a["belop_mill"]) for a in accounts], ore(posts[key]["regnskap_mill"])
        )
        e_exact = spread([e for *_, e in entities], total)
        a_exact = spread([ore(a["belop_mill"]) for a in accounts], total)
        for i, j, value in lines(e_exact, a_exact):
            for month, part in enumerate(months(value), start=1):
                org = entities[i][:2]
                out.append(account_row(key, posts[key]["post_navn"], month, accounts[j], org, part))
    udir = ("970018131", "Utdanningsdirektoratet")
    salary = {"artskonto": "500", "artskonto_navn": "Lønn fast ansatte", "kontoklasse": "5"}
    salary["kontoklasse_navn"] = "Lønnskostnad"
    other = (str(YEAR), "0226", "01")
    return out + [account_row(other, "Driftsutgifter", m, salary, udir, 1_234_567_00) for m in range(1, 13)]


def appropriation_rows() -> list[list[str]]:
    """Adopted budget, one change and a transfer from the year before, per year and post (and one other post)."""
    other = {"aar": "2023", "kapittel": "0226", "post": "01", "post_navn": "Driftsutgifter"}
    out = []
    for r in [*read("poster.csv"), other | {"saldert_mill": "300.0", "revidert_mill": "310.0"}]:
        year, chapter, saldert, revidert = r["aar"], r["kapittel"], ore(r["saldert_mill"]), ore(r["revidert_mill"])
        head = [year, f"{year}12", f"{year}01", "07", "Utdanning og forskning", *CATEGORY[chapter], "07"]
        head += ["Kunnskapsdepartementet", chapter, CHAPTERS[chapter], f"{chapter}{r['post']}", r["post_navn"]]
        head += ["Utgifter til drift"]
        decisions = [(saldert, f"{year}.01.01 Saldert budsjett {year}")]
        if revidert != saldert:
            decisions.append((revidert - saldert, f"{year}.06.20 Prp: endringer i statsbudsjettet {year}"))
        decisions.append((saldert // 100, f"Overført fra {int(year) - 1}"))
        out += [[*head, amount(value), "0,000", "0,000", text] for value, text in decisions]
    return out


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[str]]) -> bytes:
    """DFØ's CSV dialect: ISO-8859-1, `;`, every field quoted, CRLF."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("latin-1")


def zip_bytes(member: str, body: bytes) -> bytes:
    """A zip with one member and a fixed timestamp."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        info = zipfile.ZipInfo(member, date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, body, compresslevel=9)
    return out.getvalue()


def members() -> dict[str, tuple[str, bytes]]:
    """Zip name → (member name, CSV bytes)."""
    return {
        ACCOUNTS_ZIP: (f"statsregnskapet_aar_{YEAR}.csv", csv_bytes(ACCOUNT_COLUMNS, accounts_rows())),
        APPROPRIATIONS_ZIP: ("bevilgninger_full_historikk.csv", csv_bytes(APPROPRIATION_COLUMNS, appropriation_rows())),
    }


def write(out: Path = OUT) -> list[Path]:
    """Write both zips into `out`; returns their paths."""
    paths = []
    for name, (member, body) in members().items():
        (out / name).write_bytes(zip_bytes(member, body))
        paths.append(out / name)
    return paths


if __name__ == "__main__":
    for path in write(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT):
        print(path)
