"""The state accounts (bevilgninger, bokforinger, artskontoer, post_ordninger) and the embeter by org.nr.: the bundled
files against the upstream copies, the mapping of bookings to embeter, and the load-stage rules on hostile copies of
the fixture, reported all at once by `innsyn check`."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.errors import BuildError
from builder.load.contract import load_contract
from builder.load.database import load
from builder.load.validate import validate
from tests.conftest import DATA, FIXTURE_DATA

UPSTREAM = DATA / "upstream" / "statsregnskap"
MILLION = Decimal(1_000_000)
WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)
EMBETE_PREFIXES = ("Fylkesmannen i ", "Statsforvalteren i ", "Statsforvaltaren i ")
BOOKINGS = "bokforinger.csv"


def rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV file as text."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def kroner(mill: str) -> Decimal | None:
    """Millions with one decimal as kroner, computed here (not by the script under test)."""
    return None if mill == "" else Decimal(mill) * MILLION


def amount(text: str) -> Decimal | None:
    """A bundled amount in kroner."""
    return None if text == "" else Decimal(text)


def mod11(orgnr: str) -> bool:
    """The check digit of a Norwegian organisation number, computed by hand."""
    rest = sum(int(d) * w for d, w in zip(orgnr[:8], WEIGHTS, strict=True)) % 11
    return rest != 1 and (0 if rest == 0 else 11 - rest) == int(orgnr[8])


# 1. The bundled files are the upstream values in kroner -------------------------------------------------------


def test_appropriations_are_upstream_millions_in_kroner() -> None:
    """bevilgninger.csv = poster.csv × 1 000 000, rounding 100 000 kr, official, cited to DFØ."""
    upstream = {(r["aar"], r["kapittel"], r["post"]): r for r in rows(UPSTREAM / "poster.csv")}
    bundled = rows(DATA / "bevilgninger.csv")
    assert len(bundled) == len(upstream) == 39
    for r in bundled:
        up = upstream[(r["aar"], r["kapittel"], r["post"])]
        assert r["post_navn"] == up["post_navn"]
        for ours, theirs in (("saldert", "saldert_mill"), ("revidert", "revidert_mill"), ("regnskap", "regnskap_mill")):
            assert amount(r[ours]) == kroner(up[theirs]), (r, ours)
        assert (r["avrunding"], r["status"], r["kilde_id"]) == ("100000", "offisiell", "dfo-statsregnskap")
    assert {r["aar"] for r in bundled if r["regnskap"] == ""} == {"2026"}
    assert amount(next(r for r in bundled if r["aar"] == "2014" and r["post"] == "21")["regnskap"]) == 803_200_000


def test_bookings_are_upstream_millions_in_kroner() -> None:
    """bokforinger.csv = virksomheter.csv × 1 000 000, names exactly as booked, the remainder without org.nr."""
    upstream = {(r["aar"], r["kapittel"], r["post"], r["virksomhet"]): r for r in rows(UPSTREAM / "virksomheter.csv")}
    bundled = rows(DATA / BOOKINGS)
    assert len(bundled) == len(upstream) == 415
    for r in bundled:
        up = upstream[(r["aar"], r["kapittel"], r["post"], r["virksomhet"])]
        assert r["orgnr"] == up["orgnr"] and amount(r["belop"]) == kroner(up["belop_mill"]), r
        assert (r["avrunding"], r["status"], r["kilde_id"]) == ("100000", "offisiell", "dfo-statsregnskap")
        assert (r["orgnr"] == "") == r["virksomhet"].startswith("Øvrige ("), r
    names = {r["virksomhet"] for r in bundled}
    assert {"Statsforvaltaren i  Møre og Romsdal", "Statsforvaltaren i Vestlandet"} <= names  # kept as booked


def test_account_types_are_upstream_millions_in_kroner() -> None:
    """artskontoer.csv = artskonto.csv × 1 000 000; income stays negative."""
    upstream = {(r["aar"], r["kapittel"], r["post"], r["artskonto"]): r for r in rows(UPSTREAM / "artskonto.csv")}
    bundled = rows(DATA / "artskontoer.csv")
    assert len(bundled) == len(upstream) == 1186
    for r in bundled:
        up = upstream[(r["aar"], r["kapittel"], r["post"], r["artskonto"])]
        assert amount(r["belop"]) == kroner(up["belop_mill"]), r
        assert [r[k] for k in ("artskonto_navn", "kontoklasse", "kontoklasse_navn")] == [
            up[k] for k in ("artskonto_navn", "kontoklasse", "kontoklasse_navn")
        ]
    first = next(r for r in bundled if (r["aar"], r["post"], r["artskonto"]) == ("2014", "21", "341"))
    assert first["kapittel"] == "0226" and first["belop"] == "-1000000"


def test_make_data_reproduces_the_files_byte_for_byte(tmp_path: Path) -> None:
    """Both generators, run on a copy of data/, write exactly the committed files."""
    copy = shutil.copytree(DATA, tmp_path / "data", ignore=shutil.ignore_patterns("__pycache__"))
    for script in ("make_example.py", "make_statsregnskap.py"):
        subprocess.run([sys.executable, str(copy / script)], check=True, capture_output=True)
    for path in sorted(DATA.glob("*.csv")):
        assert (copy / path.name).read_bytes() == path.read_bytes(), path.name


# 2. Embeter by org.nr. -----------------------------------------------------------------------------------------


def offices_in(year: int) -> list[dict[str, str]]:
    """The embeter of statsforvaltere.csv that existed in a year."""
    return [o for o in rows(DATA / "statsforvaltere.csv") if int(o["fra_aar"]) <= year <= int(o["til_aar"] or 9999)]


def test_every_embete_booking_maps_to_exactly_one_embete() -> None:
    """Every 2014–2025 booking by a fylkesmann or statsforvalter (known here by its name in the upstream copy)
    matches exactly one embete with its org.nr. that existed that year."""
    bookings = [r for r in rows(UPSTREAM / "virksomheter.csv") if r["virksomhet"].startswith(EMBETE_PREFIXES)]
    assert len(bookings) == 298
    for b in bookings:
        hits = [o["embete_id"] for o in offices_in(int(b["aar"])) if o["orgnr"] == b["orgnr"]]
        assert len(hits) == 1, (b, hits)


@pytest.mark.parametrize(
    ("year", "orgnr", "embete"),
    [
        (2014, "974761319", "oslo-akershus"),
        (2019, "974761319", "oslo-viken"),
        (2024, "974761319", "obo-akershus"),  # booked as «Statsforvalteren i Oslo og Viken» that year
        (2015, "974762994", "vest-agder"),
        (2016, "974762994", "aust-vest-agder"),
        (2019, "974762994", "agder"),  # booked as «Fylkesmannen i Aust- og Vest-Agder»
        (2017, "974764350", "sor-trondelag"),
        (2018, "974764350", "trondelag"),
        (2016, "974761645", "hedmark"),
        (2019, "974761645", "innlandet"),
        (2021, "974760665", "vestland"),  # booked as «Statsforvaltaren i Vestlandet»
    ],
)
def test_renames_and_mergers_follow_the_orgnr(year: int, orgnr: str, embete: str) -> None:
    """The org.nr. is stable across renames and mergers; the year picks the embete."""
    assert [o["embete_id"] for o in offices_in(year) if o["orgnr"] == orgnr] == [embete]


def test_offices_have_valid_orgnr_and_cover_every_county_each_year() -> None:
    """Every embete but Aust-Agder has a mod-11-valid org.nr.; 2014–2025 every county valid that year is covered by
    exactly one embete that existed that year, and Trøndelag's 16 and 17 by their own embeter until 2017."""
    offices = {o["embete_id"]: o for o in rows(DATA / "statsforvaltere.csv")}
    assert [k for k, o in offices.items() if not o["orgnr"]] == ["aust-agder"]
    assert all(mod11(o["orgnr"]) for o in offices.values() if o["orgnr"])
    cover = rows(DATA / "statsforvalter_fylker.csv")
    for year in range(2014, 2026):
        existing = {o["embete_id"] for o in offices_in(year)}
        for county in rows(DATA / "fylker.csv"):
            if not int(county["gyldig_fra_aar"]) <= year <= int(county["gyldig_til_aar"] or 9999):
                continue
            hits = [
                c["embete_id"]
                for c in cover
                if c["fylkesnummer"] == county["fylkesnummer"]
                and int(c["fra_aar"]) <= year <= int(c["til_aar"] or 9999)
            ]
            assert len(hits) == 1 and hits[0] in existing, (year, county["fylkesnummer"], hits)
    by_county = {(c["fylkesnummer"], c["fra_aar"]): c["embete_id"] for c in cover}
    assert by_county[("16", "2014")] == "sor-trondelag" and by_county[("17", "2014")] == "nord-trondelag"
    assert by_county[("10", "2014")] == "vest-agder" and by_county[("10", "2016")] == "aust-vest-agder"


# 3. What the posts carry ---------------------------------------------------------------------------------------


def test_post_schemes_are_recorded_with_a_source_and_say_the_accounts_do_not_split() -> None:
    """226.21, 231.21 and 226.22 carry the schemes the upstream README names; every row and every accounts resource
    says that the accounts do not split a post between its schemes."""
    mapping = rows(DATA / "post_ordninger.csv")
    carried = {(r["kapittel"], r["post"], r["ordning_id"]) for r in mapping if r["ordning_id"]}
    assert {("0226", "21", s) for s in ("dekomp", "kompetanseloftet", "oppfolging", "yrkesfag")} <= carried
    assert {("0231", "21", s) for s in ("rekomp", "kompetanseloftet")} <= carried
    assert not [r for r in mapping if r["post"] == "22" and r["ordning_id"]]
    assert any("videreutdanning" in r["omfatter"] for r in mapping if (r["kapittel"], r["post"]) == ("0226", "22"))
    assert all("fordeler ikke posten mellom ordningene" in r["merknad"] for r in mapping)
    sources = {r["kilde_id"]: r for r in rows(DATA / "kilder.csv")}
    assert {r["kilde_id"] for r in mapping} <= set(sources)
    assert sources["dfo-statsregnskap"]["url"] == "https://statsregnskapet.dfo.no/"
    package = json.loads((DATA / "datapackage.json").read_text("utf-8"))
    for res in package["resources"]:
        if res["name"] in ("bevilgninger", "bokforinger", "artskontoer", "post_ordninger"):
            assert "fordeler ikke" in res["description"], res["name"]


# 4. The SQL view ---------------------------------------------------------------------------------------------


def test_view_joins_bookings_to_embeter_by_orgnr_and_year() -> None:
    """v_bokforinger on the fixture: kinds counted by hand from tests/fixtures/data/bokforinger.csv (28 rows)."""
    contract = load_contract(FIXTURE_DATA)
    with load(contract, validate(contract).rows) as con:
        kinds = con.execute("SELECT virksomhetstype, count(*) FROM v_bokforinger GROUP BY 1 ORDER BY 1").fetchall()
        assert kinds == [("kd", 5), ("ovrige", 6), ("statsforvalter", 11), ("udir", 6)]
        embeter = con.execute(
            "SELECT aar, virksomhet, embete_id FROM v_bokforinger WHERE orgnr IN ('974761319', '974760665') "
            "AND kapittel = '0226' AND post = '21' ORDER BY aar, virksomhet"
        ).fetchall()
    assert embeter == [
        (2018, "Fylkesmannen i Hordaland", "hordaland"),
        (2018, "Fylkesmannen i Oslo og Akershus", "oslo-akershus"),
        (2019, "Fylkesmannen i Oslo og Viken", "oslo-viken"),
        (2019, "Fylkesmannen i Vestland", "vestland"),
        (2021, "Statsforvaltaren i Vestlandet", "vestland"),
        (2021, "Statsforvalteren i Oslo og Viken", "oslo-viken"),
    ]


# 5. Hostile copies of the fixture -----------------------------------------------------------------------------


def edit_line(data: Path, name: str, match: str, change: Callable[[str], str]) -> int:
    """Change the one line of a data file that contains `match`; its line number."""
    content = (data / name).read_text("utf-8").split("\n")
    [number] = [i for i, line in enumerate(content, start=1) if match in line]
    content[number - 1] = change(content[number - 1])
    (data / name).write_text("\n".join(content), "utf-8")
    return number


def check(data: Path, report: Path) -> tuple[int, str, list[dict[str, Any]]]:
    """`innsyn check` on a data directory: exit code, output and the report's findings."""
    result = CliRunner().invoke(main, ["check", "--data", str(data), "--report", str(report)])
    return result.exit_code, result.output, json.loads(report.read_text("utf-8"))["findings"]


def one(findings: list[dict[str, Any]], rule: str, file: str, line: int) -> dict[str, Any]:
    """The single finding of a rule at a file and line."""
    hits = [f for f in findings if (f["rule"], f["file"], f["line"]) == (rule, file, line)]
    assert len(hits) == 1, (rule, file, line, findings)
    return hits[0]


def test_bad_check_digit_missing_embete_and_wrong_sums_are_reported_at_once(data_dir: Path, tmp_path: Path) -> None:
    """Four mistakes in two files: each is a finding naming file, row, column, value and expected, in one run."""
    bad = edit_line(data_dir, BOOKINGS, "2019,0226,21,974761319,", lambda s: s.replace("974761319", "974761318"))
    gone = edit_line(
        data_dir,
        BOOKINGS,
        "2021,0226,21,872417842,",
        lambda s: s.replace("872417842,Kunnskapsdepartementet", "974760460,Fylkesmannen i Østfold"),
    )
    off = edit_line(data_dir, BOOKINGS, "2019,0231,21,970018131,", lambda s: s.replace(",220300000,", ",221300000,"))
    kinds = edit_line(data_dir, "artskontoer.csv", "2018,0231,21,500,", lambda s: s.replace(",6600000,", ",7100000,"))
    code, out, findings = check(data_dir, tmp_path / "r.json")
    assert code == 1, out

    digit = one(findings, "D-ORGNR", BOOKINGS, bad)
    assert (digit["rowNumber"], digit["fieldName"], digit["cell"]) == (bad - 1, "orgnr", "974761318")
    assert "modulus 11" in digit["expected"]

    year = one(findings, "D-ORGNR-YEAR", BOOKINGS, gone)
    assert (year["rowNumber"], year["fieldName"], year["cell"]) == (gone - 1, "orgnr", "974760460")
    assert "ostfold (Fylkesmannen i Østfold, 2017–2018)" in year["message"] and "2021" in year["expected"]

    # 2019 0231 21: 221,3 + 67,8 + 25,1 + 21,1 + 117,0 mill. = 452,3 mill. against accounts of 451,2 mill.; five
    # rows and the total, each rounded to 100 000 kr, allow (5 + 1) × 50 000 = 300 000 kr.
    group = edit_line(data_dir, BOOKINGS, "2019,0231,21,974761319,", lambda s: s)
    total = one(findings, "D-SUM", BOOKINGS, group)
    assert (total["rowNumber"], total["fieldName"], total["cell"]) == (group - 1, "belop", "452300000")
    assert total["expected"] == "regnskap 451 200 000,00 ± 300 000,00"
    assert total["extra"] == {
        "expected": "451200000",
        "actual": "452300000",
        "difference": "1100000",
        "tolerance": "300000",
    }
    assert "sum av virksomheter 452 300 000,00 ≠ regnskap 451 200 000,00 (differanse 1 100 000,00" in total["message"]
    assert group < off  # the finding names the group's first row, the edited one is further down

    # 2018 0231 21 artskontoer: 7,1 + 255,5 + 201,4 = 464,0 mill. against 463,5 mill., allowed 4 × 50 000 kr.
    types = one(findings, "D-SUM", "artskontoer.csv", kinds)
    assert (types["cell"], types["expected"]) == ("464000000", "regnskap 463 500 000,00 ± 200 000,00")

    for rule, file, line in (("D-ORGNR", BOOKINGS, bad), ("D-ORGNR-YEAR", BOOKINGS, gone), ("D-SUM", BOOKINGS, group)):
        assert f"FEIL [{rule}] {file} rad {line - 1} (linje {line})" in out


@pytest.mark.parametrize(("change", "found"), [(-100_000, False), (-200_000, True)])
def test_the_rounding_allowance_is_n_plus_one_halves(data_dir: Path, change: int, found: bool) -> None:
    """2018 0226 21 in the fixture: five bookings sum to 1 105 500 000 against accounts of 1 105 700 000, allowed
    (5 + 1) × 50 000 = 300 000; lowering the remainder by 100 000 reaches the limit, by 200 000 passes it."""
    line = edit_line(
        data_dir, BOOKINGS, "2018,0226,21,,", lambda s: s.replace(",242500000,", f",{242_500_000 + change},")
    )
    sums = [f for f in validate(load_contract(data_dir)).findings if f.rule == "D-SUM"]
    assert bool(sums) == found, [f.human() for f in sums]
    if found:
        assert sums[0].line == 2 and line == 6  # the group's first row; the remainder is its fifth
        assert "differanse −400 000,00; tillatt avvik ± 300 000,00" in sums[0].message


def test_missing_accounts_are_a_finding_only_when_something_was_booked(data_dir: Path) -> None:
    """A year without accounts and without bookings passes (like 2026); bookings without accounts are D-SUM."""
    posts = data_dir / "bevilgninger.csv"
    posts.write_text(
        posts.read_text("utf-8") + "2025,0226,21,Spesielle driftsutgifter,1164400000,1116400000,,100000,"
        "offisiell,dfo-statsregnskap\n",
        "utf-8",
    )
    assert not [f for f in validate(load_contract(data_dir)).findings if f.severity == "error"]
    edit_line(data_dir, "bevilgninger.csv", "2021,0226,21,", lambda s: s.replace(",1866800000,", ",,"))
    sums = [f for f in validate(load_contract(data_dir)).findings if f.rule == "D-SUM"]
    assert sorted(f.file for f in sums) == ["artskontoer.csv", BOOKINGS]
    assert all("2021" in f.message and "regnskap mangler, men" in f.message for f in sums)


def test_embeter_sharing_an_orgnr_must_not_overlap(data_dir: Path) -> None:
    """Oslo og Viken moved to start in 2018 overlaps Oslo og Akershus (2017–2018) under 974761319."""
    line = edit_line(data_dir, "statsforvaltere.csv", "oslo-viken,", lambda s: s.replace(",2019,2023,", ",2018,2023,"))
    found = [f for f in validate(load_contract(data_dir)).findings if f.rule == "D-ORGNR-OVERLAP"]
    assert [(f.file, f.line, f.fieldName, f.cell) for f in found] == [
        ("statsforvaltere.csv", line, "orgnr", "974761319")
    ]
    assert "oslo-akershus (2017–2018" in found[0].message


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda r: r["x-reconcile"][1].update(roundingField="avrundng"), "feltet «avrundng» finnes ikke"),
        (lambda r: r["x-reconcile"][1].update(roundingField="kapittel"), "må ha type number"),
        (lambda r: r["x-reconcile"][1].update(sumLabel="a\nb"), "uten linjeskift"),
    ],
)
def test_reconcile_rounding_is_checked_in_the_contract(
    data_dir: Path, edit_package: Callable[..., None], edit: Callable[[dict[str, Any]], None], message: str
) -> None:
    """A rounding field must exist in both resources and be a number; labels are one line."""
    edit_package(edit)
    with pytest.raises(BuildError) as caught:
        load_contract(data_dir)
    assert "x-reconcile[1]" in str(caught.value) and message in str(caught.value)
