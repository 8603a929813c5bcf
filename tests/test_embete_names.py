"""The embeter's official names over time (embete_navn.csv): the fixture's periods, the load check on hostile copies,
the county pages' office lists and the statsforvalter pages; and finding 17's plain text on /data/ and /om/."""

from __future__ import annotations

import csv
import html
import re
from pathlib import Path

import pytest

from builder.load.contract import load_contract
from builder.load.validate import validate
from builder.render.fmt import years
from tests.conftest import FIXTURE_DATA, copy_data

NAMES = "embete_navn.csv"
LAST_YEAR = 2027  # x-years.last of the fixture package


def read(name: str, root: Path = FIXTURE_DATA) -> list[dict[str, str]]:
    """Rows of one fixture file."""
    with (root / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def name_in(embete: str, year: int) -> list[str]:
    """Every official name the fixture gives one embete in one year."""
    return [
        r["navn"]
        for r in read(NAMES)
        if r["embete_id"] == embete and int(r["fra_aar"]) <= year <= int(r["til_aar"] or 9999)
    ]


def text(page: Path) -> str:
    """A page's text without tags, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8"))).split())


def offices(site: Path, county: str) -> list[str]:
    """The items of a county page's office list (the money-flow section)."""
    page = (site / "fylke" / county / "index.html").read_text(encoding="utf-8")
    section = page[page.index('id="h-penger"') :].split("</section>", 1)[0]
    return [html.unescape(li) for li in re.findall(r"<li>(.*?)</li>", section)]


def test_names_by_year_from_the_fixture() -> None:
    """The 2021 rename: Vestland and Oslo og Viken were fylkesmenn until 2020, then statsforvaltere."""
    assert name_in("vestland", 2019) == name_in("vestland", 2020) == ["Fylkesmannen i Vestland"]
    assert name_in("vestland", 2021) == name_in("vestland", 2026) == ["Statsforvalteren i Vestland"]
    assert name_in("oslo-viken", 2020) == ["Fylkesmannen i Oslo og Viken"]
    assert name_in("oslo-viken", 2023) == ["Statsforvalteren i Oslo og Viken"]
    assert name_in("oslo-viken", 2024) == []
    assert name_in("more-romsdal", 2017) == ["Fylkesmannen i Møre og Romsdal"]
    for r in read(NAMES):
        if r["navn"].startswith("Fylkesmannen i "):
            assert int(r["til_aar"]) <= 2020, r
        else:
            assert int(r["fra_aar"]) >= 2021, r


def test_every_embete_has_exactly_one_name_each_year() -> None:
    """Each embete in statsforvaltere.csv has one name in every year it existed, and none outside them."""
    for office in read("statsforvaltere.csv"):
        first, last = int(office["fra_aar"]), int(office["til_aar"] or LAST_YEAR)
        after = last + 1 if office["til_aar"] else last  # an open embete goes on after the package's last year
        for year in range(first - 1, after + 1):
            expected = 1 if first <= year <= last else 0
            assert len(name_in(office["embete_id"], year)) == expected, (office["embete_id"], year)


def test_year_ranges_in_words() -> None:
    """One year alone, a closed range, an open range."""
    assert years(2019, 2019) == "2019"
    assert years(2019, 2020) == "2019–2020"
    assert years(2021, None) == "2021–"


def hostile(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    """A copy of the fixture with one line of embete_navn.csv changed; the data folder and that line's number."""
    data = copy_data(tmp_path / "data")
    lines = (data / NAMES).read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines, start=1) if line.startswith(old))
    lines[number - 1] = lines[number - 1].replace(old, new)
    (data / NAMES).write_text("".join(lines), encoding="utf-8")
    return data, number


@pytest.mark.parametrize(
    ("old", "new", "field", "cell", "words"),
    [
        (
            "vestland,Statsforvalteren i Vestland,2021,",
            "vestland,Statsforvalteren i Vestland,2020,",
            "fra_aar",
            "2020",
            "overlapper",
        ),
        (
            "vestland,Statsforvalteren i Vestland,2021,",
            "vestland,Statsforvalteren i Vestland,2022,",
            "fra_aar",
            "2022",
            "hull",
        ),
        (
            "oslo-viken,Statsforvalteren i Oslo og Viken,2021,2023",
            "oslo-viken,Statsforvalteren i Oslo og Viken,2021,2022",
            "til_aar",
            "2022",
            "slutter ikke",
        ),
        (
            "buskerud,Fylkesmannen i Buskerud,2017,",
            "buskerud,Fylkesmannen i Buskerud,2016,",
            "fra_aar",
            "2016",
            "begynner ikke",
        ),
    ],
)
def test_name_periods_must_cover_the_embetes_years(
    tmp_path: Path, old: str, new: str, field: str, cell: str, words: str
) -> None:
    """An overlap, a gap, a short end and an early start are each named by file, line and column."""
    data, line = hostile(tmp_path, old, new)
    found = [f for f in validate(load_contract(data)).findings if f.rule == "D-NAME-PERIOD"]
    assert [(f.file, f.line, f.fieldName, f.cell, f.severity) for f in found] == [(NAMES, line, field, cell, "error")]
    assert words in found[0].message


def test_an_embete_without_names_is_named(tmp_path: Path) -> None:
    """Buskerud's only name removed: the finding points at buskerud's line in statsforvaltere.csv (line 2)."""
    data = copy_data(tmp_path / "data")
    lines = (data / NAMES).read_text(encoding="utf-8").splitlines(keepends=True)
    (data / NAMES).write_text("".join(x for x in lines if not x.startswith("buskerud,")), encoding="utf-8")
    found = [f for f in validate(load_contract(data)).findings if f.rule.startswith("D-NAME")]
    assert [(f.rule, f.file, f.line, f.fieldName) for f in found] == [
        ("D-NAME-MISSING", "statsforvaltere.csv", 2, "embete_id")
    ]


def test_county_office_lists_show_the_2021_rename(built_site: Path) -> None:
    """03 Oslo: four names over five periods of coverage; 12 Hordaland's single Vestland year reads «2019»."""
    assert offices(built_site, "03-oslo") == [
        "Fylkesmannen i Oslo og Akershus (2017–2018)",
        "Fylkesmannen i Oslo og Viken (2019–2020)",
        "Statsforvalteren i Oslo og Viken (2021–2023)",
        "Statsforvalteren i Østfold, Buskerud, Oslo og Akershus (2024–)",
    ]
    assert offices(built_site, "12-hordaland") == [
        "Fylkesmannen i Hordaland (2017–2018)",
        "Fylkesmannen i Vestland (2019)",
    ]
    assert offices(built_site, "46-vestland") == [
        "Fylkesmannen i Vestland (2020)",
        "Statsforvalteren i Vestland (2021–)",
    ]


def test_statsforvalter_pages_use_the_names_of_their_years(built_site: Path) -> None:
    """The embete page lists Hordaland, then Vestland under both names; the list shows each embete's latest name."""
    page = text(built_site / "statsforvalter" / "vestland" / "index.html")
    names = page[page.index("Offisielle navn under samme organisasjonsnummer") :]
    assert re.search(
        r"Fylkesmannen i Hordaland 974760665 2017 2018 Fylkesmannen i Vestland 974760665 2019 2020 "
        r"Statsforvalteren i Vestland 974760665 2021",
        names,
    )
    listing = text(built_site / "statsforvalter" / "index.html")
    assert "Statsforvalteren i Vestland" in listing
    assert "Fylkesmannen i Vestland" not in listing


def test_data_and_method_pages_read_plainly(built_site: Path) -> None:
    """No «..» on /data/ or /om/, file names as code, and no 0,0 % share where only single municipalities moved."""
    for page in ("data", "om"):
        assert not re.search(r"(?<!\.)\.\.(?!\.)", text(built_site / page / "index.html")), page
    data = (built_site / "data" / "index.html").read_text(encoding="utf-8")
    assert "(<code>embete_navn.csv</code>)" in data
    about = (built_site / "om" / "index.html").read_text(encoding="utf-8")
    table = about[about.index('id="tabell-fylkesoverganger"') :].split("</table>", 1)[0]
    shares = re.findall(r"\d+,\d\xa0%", html.unescape(table))
    rows = list(csv.DictReader((FIXTURE_DATA / "fylkesoverganger.csv").read_text("utf-8").splitlines()))
    whole = sum(1 for r in rows if r["relasjon"] in ("hel", "tilsvarer"))
    assert not re.search(r"(?<![\d,])0,0\xa0%", html.unescape(table)) and any(r["relasjon"] == "delvis" for r in rows)
    # the fixture's deling rows (0.2292/0.2408/0.53) and every whole county carried at 100 %
    assert sorted(shares) == sorted(["22,9\xa0%", "24,1\xa0%", "53,0\xa0%"] + ["100,0\xa0%"] * whole)


def test_county_bookings_name_the_embete_as_it_was_called_that_year(built_site: Path) -> None:
    """03 Oslo's bookings table: 2019 under «Fylkesmannen i Oslo og Viken», 2021 under «Statsforvalteren …», as in
    embete_navn.csv (the same org.nr. 974761319 in both years), never today's name on an earlier year."""
    page = (built_site / "fylke" / "03-oslo" / "index.html").read_text(encoding="utf-8")
    table = page[page.index('id="tabell-bokforinger"') :].split("</table>", 1)[0]
    rows = [text_of(row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    named = {row.split()[0]: row for row in rows if row[:4].isdigit()}
    assert named["2019"].startswith("2019 Fylkesmannen i Oslo og Viken "), named["2019"]
    assert named["2021"].startswith("2021 Statsforvalteren i Oslo og Viken "), named["2021"]


def text_of(fragment: str) -> str:
    """The text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())
