"""The demo rule: `eksempel` rows only in a package declared `x-demo`, a demo never into site/, the county-complete
sum rule, and the sentences that say what is not published."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.config import PUBLIC_OUT, load_config, refuse_demo_in_public_site
from builder.errors import BuildError, Exit
from builder.load.contract import load_contract
from builder.load.validate import validate
from builder.model.pages.gaps import scheme_gaps, year_gaps, year_span
from tests.conftest import DATA, FIXTURE_DATA, copy_data, unreleased


def undeclared(data: Path) -> Path:
    """The copy without its x-demo declaration."""
    path = data / "datapackage.json"
    raw = json.loads(path.read_text("utf-8"))
    raw.pop("x-demo", None)
    path.write_text(json.dumps(raw, ensure_ascii=False, indent=2), "utf-8")
    return data


def test_the_fixture_and_the_demo_are_declared_demo_and_data_is_not() -> None:
    """tests/fixtures/data and examples/demo hold example rows and say x-demo; data/ holds none and does not."""
    demo = DATA.parent / "examples" / "demo"
    assert load_contract(FIXTURE_DATA).demo and load_contract(demo).demo and not load_contract(DATA).demo
    assert "DEMO" in json.loads((demo / "datapackage.json").read_text("utf-8"))["title"]


def test_example_rows_outside_a_demo_are_a_finding(tmp_path: Path) -> None:
    """Without x-demo the fixture's eksempel rows are one D-DEMO error per file, at its first such row."""
    data = undeclared(copy_data(tmp_path / "data"))
    found = [f for f in validate(load_contract(data)).findings if f.rule == "D-DEMO"]
    by_file = {f.file: f for f in found}
    # tests/fixtures/README.md: eksempel rows in tildelinger (22 frames, the six 2019 dekomp frames split from a
    # newspaper figure among them, + 5 recipients), nasjonale_rammer, rapportering (every row: 26) and artskontoer
    # (the balancing 853 rows).
    assert set(by_file) == {"tildelinger.csv", "nasjonale_rammer.csv", "rapportering.csv", "artskontoer.csv"}
    grants = by_file["tildelinger.csv"]
    assert grants.severity == "error" and grants.line == 2 and "27 rader" in grants.message
    assert "ikke en demo" in grants.message and "x-demo" in (grants.expected or "")


def test_a_demo_package_is_refused_in_the_public_site(tmp_path: Path) -> None:
    """A demo is never published into site/ (exit 2); another --out is fine, and data/ may go to site/."""
    with pytest.raises(BuildError) as caught:
        refuse_demo_in_public_site(load_config(data_dir=FIXTURE_DATA), demo=True)
    assert caught.value.code == Exit.USAGE and "make demo" in str(caught.value) and "site/" in str(caught.value)
    refuse_demo_in_public_site(load_config(data_dir=FIXTURE_DATA, out_dir=tmp_path / "demo"), demo=True)
    refuse_demo_in_public_site(load_config(out_dir=PUBLIC_OUT), demo=False)


def test_build_of_a_demo_into_site_stops_before_writing(tmp_path: Path) -> None:
    """`innsyn build --data <demo>` with the default --out stops with exit 2 and writes nothing there."""
    from builder.build import build

    before = sorted(p.name for p in PUBLIC_OUT.parent.glob(".site-releases/*")) if PUBLIC_OUT.parent.exists() else []
    config = load_config(data_dir=FIXTURE_DATA, report_path=tmp_path / "report.json")
    with pytest.raises(BuildError) as caught:
        build(config)
    assert caught.value.code == Exit.USAGE
    assert sorted(p.name for p in PUBLIC_OUT.parent.glob(".site-releases/*")) == before


def grants_line(data: Path, line: int, old: str, new: str) -> None:
    """Replace text on one line of tildelinger.csv."""
    path = data / "tildelinger.csv"
    lines = path.read_text("utf-8").split("\n")
    assert old in lines[line - 1]
    lines[line - 1] = lines[line - 1].replace(old, new)
    path.write_text("\n".join(lines), "utf-8")


def sums(data: Path) -> list[str]:
    """The D-SUM messages for tildelinger.csv."""
    found = validate(load_contract(data)).findings
    return [f.message for f in found if f.rule == "D-SUM" and f.file == "tildelinger.csv"]


def test_a_partial_county_split_may_not_exceed_its_total(tmp_path: Path) -> None:
    """The fixture's splits leave out 15 Møre og Romsdal, so they are partial: below the total passes (the rule
    declares completeBy), above it is a D-SUM naming the missing county and the difference."""
    data = unreleased(copy_data(tmp_path / "data"))
    assert sums(data) == []
    grants_line(data, 2, "27937000", "26937000")  # 2019 dekmop 01: a million less, still partial
    assert sums(data) == []
    grants_line(data, 2, "26937000", "27938000")  # a thousand more than the split of 230 mill.
    (message,) = sums(data)
    assert "aar 2019, ordning_id dekomp" in message and "uten 15" in message and "differanse 1 000,00" in message


def test_a_total_without_county_rows_is_a_figure_of_its_own(tmp_path: Path) -> None:
    """A national total with no county frames (like 2024 yrkesfag in data/) is no D-SUM."""
    data = unreleased(copy_data(tmp_path / "data"))
    path = data / "nasjonale_rammer.csv"
    path.write_text(path.read_text("utf-8") + "2023,rekomp,51000000,offisiell,sf-vestland-kl-2021,\n", "utf-8")
    assert sums(data) == []


def test_bundled_data_reconciles_where_complete() -> None:
    """data/: 2019 dekomp and 2021 Kompetanseløftet cover every county and add up; no D-SUM at all."""
    assert [f for f in validate(load_contract(DATA)).findings if f.rule == "D-SUM"] == []


def test_year_span_joins_runs() -> None:
    """Runs of three or more years become a range; the rest are listed."""
    assert year_span([2026, 2017, 2020, 2021, 2022, 2023]) == "2017, 2020–2023 og 2026"
    assert year_span([2018, 2019]) == "2018, 2019"
    assert year_span([2024]) == "2024"


def test_scheme_gaps_say_what_is_missing() -> None:
    """A scheme with one national total, a full split that year and a partial split another year."""
    national = [{"aar": 2019, "belop": 230}]
    counties = [{"aar": 2018, "fylke": "Akershus", "belop": 22}, {"aar": 2018, "fylke": "Oslo", "belop": 17}]
    counties += [{"aar": 2019, "fylke": "Oslo", "belop": 230}]
    gaps = scheme_gaps(range(2017, 2021), national, counties)
    assert gaps == (
        "Den nasjonale rammen er ikke publisert for 2017, 2018 og 2020.",
        "Udir har ikke publisert fordelingen per fylke for 2017 og 2020.",
        "For 2018 er bare tallene for Akershus og Oslo kjent; den nasjonale rammen for året er ikke publisert.",
    )
    assert scheme_gaps(range(2023, 2027), [], []) == (
        "Udir har ikke publisert tall for ordningen for noen år fra 2023 til 2026: verken den nasjonale rammen "
        "eller fordelingen per fylke.",
    )


def test_year_gaps_name_each_scheme() -> None:
    """Per scheme of the year: total only, counties only, or nothing."""
    rows = [
        {"ordning": "Dekomp", "belop": None, "fylker": 0},
        {"ordning": "Rekomp", "belop": None, "fylker": 0},
        {"ordning": "Fag- og yrkesopplæring", "belop": 51, "fylker": 0},
        {"ordning": "Kompetanseløftet", "belop": None, "fylker": 2},
        {"ordning": "Oppfølgingsordningen", "belop": 9, "fylker": 3},
    ]
    assert year_gaps(2024, rows) == (
        "Udir har ikke publisert fordelingen per fylke for Fag- og yrkesopplæring i 2024; bare den nasjonale "
        "rammen er kjent.",
        "Den nasjonale rammen for Kompetanseløftet i 2024 er ikke publisert; bare tallene per fylke er kjent.",
        "Ingen tall er publisert for Dekomp og Rekomp i 2024.",
    )
