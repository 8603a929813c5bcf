"""Change history per page: the row diff between release records, the backfilled 2026.1 record proven against the
hashes recorded in November, and county, embete, budget post and scheme pages that show what changed."""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
from pathlib import Path

from builder.build import build, record_release
from builder.model.changes import CHANGED, NEW, REMOVED, Event, diff, diff_table, history, page_keys
from builder.model.records import Snapshot, TableValues, read_snapshots
from builder.publish.versions import record_text
from tests.conftest import DATA, fast_config

KEY = ("aar", "fylkesnummer")
FIELDS = ("aar", "fylkesnummer", "belop", "status")


def table(*rows: tuple[str, ...]) -> TableValues:
    """A small hand-made table keyed by year and county."""
    return TableValues(FIELDS, KEY, tuple(rows))


def snap(version: str, **tables: TableValues | None) -> Snapshot:
    """A hand-made release."""
    return Snapshot(version, {k: v for k, v in tables.items() if v is not None})


OLD = table(("2019", "01", "100", "offisiell"), ("2019", "02", "200", "eksempel"), ("2020", "01", "300", "offisiell"))
NEW_ = table(("2019", "01", "100", "offisiell"), ("2019", "02", "250", "beregnet"), ("2021", "01", "400", "offisiell"))


def test_diff_finds_changed_new_and_removed_rows() -> None:
    events = diff_table("t", OLD, NEW_)
    assert [(e.kind, e.key, e.diffs) for e in events] == [
        (CHANGED, ("2019", "02"), (("belop", "200", "250"), ("status", "eksempel", "beregnet"))),
        (REMOVED, ("2020", "01"), ()),
        (NEW, ("2021", "01"), ()),
    ]
    assert events[1].row["belop"] == "300"  # a removed row carries its last published values


def test_a_table_new_or_gone_in_a_version_is_all_new_or_all_removed() -> None:
    events = diff(snap("1", a=OLD), snap("2", b=NEW_))
    assert [(e.table, e.kind) for e in events] == [("a", REMOVED)] * 3 + [("b", NEW)] * 3


def test_a_column_added_in_the_newer_version_is_not_a_change() -> None:
    wider = TableValues((*FIELDS, "orgnr"), KEY, tuple((*r, "974762994") for r in OLD.rows))
    assert diff_table("t", OLD, wider) == []


def test_rows_belong_to_their_county_scheme_post_and_embete_pages() -> None:
    embeter = {"974762994": [("aust-vest-agder", 2016, 2018), ("agder", 2019, 9999)]}
    booking = Event(
        "bokforinger", NEW, ("2017",), {"aar": "2017", "kapittel": "0226", "post": "21", "orgnr": "974762994"}
    )
    assert page_keys(booking, embeter, {}) == {("budget_post", ("0226", "21")), ("embete", ("aust-vest-agder",))}
    reform = Event("fylkesoverganger", CHANGED, (), {"fra_fylkesnummer": "09", "til_fylkesnummer": "42", "aar": "2020"})
    assert page_keys(reform, embeter, {}) == {("county", ("09",)), ("county", ("42",))}
    covered = {"03": [("oslo-akershus", 2014, 2018), ("oslo-viken", 2019, 2023)]}
    grant = {"aar": "2019", "ordning_id": "dekomp", "fylkesnummer": "03", "mottaker_orgnr": "", "status": "eksempel"}
    example = Event("tildelinger", REMOVED, (), grant)
    assert page_keys(example, embeter, covered) == {("scheme", ("dekomp",)), ("county", ("03",))}
    calculated = Event("tildelinger", REMOVED, (), grant | {"status": "beregnet"})  # embete pages list these
    assert page_keys(calculated, embeter, covered) == {
        ("scheme", ("dekomp",)),
        ("county", ("03",)),
        ("embete", ("oslo-viken",)),
    }


def test_history_lists_every_release_newest_first_and_skips_records_without_values() -> None:
    third = table(
        ("2019", "01", "100", "offisiell"), ("2019", "02", "260", "beregnet"), ("2021", "01", "400", "offisiell")
    )
    records = [Snapshot("2025.1", None), snap("2025.2", t=OLD), snap("2025.10", t=NEW_), snap("2026.1", t=third)]
    h = history(records, snap("2026.1", t=third))  # the current version's own record does not count twice
    assert [(s.version, s.previous, s.comparable) for s in h.steps] == [
        ("2026.1", "2025.10", True),
        ("2025.10", "2025.2", True),
        ("2025.2", "2025.1", False),
    ]
    county_02 = h.of("county", "02")
    assert [e.diffs for e in county_02[0]] == [(("belop", "250", "260"),)]
    assert [e.diffs for e in county_02[1]] == [(("belop", "200", "250"), ("status", "eksempel", "beregnet"))]
    assert 2 not in county_02
    assert [(e.kind, e.key) for e in h.of("county", "01")[1]] == [(REMOVED, ("2020", "01")), (NEW, ("2021", "01"))]


def test_a_record_reads_back_what_was_written(tmp_path: Path) -> None:
    body = {"versjon": "2025.1", "dato": "2025-01-01", "tabeller": {"t": "0" * 64}}
    values = {"t": {"felt": list(FIELDS), "nokkel": list(KEY), "rader": [list(r) for r in OLD.rows]}}
    (tmp_path / "2025.1.json").write_text(record_text({**body, "verdier": values}), encoding="utf-8")
    (tmp_path / "2024.9.json").write_text(json.dumps(body | {"versjon": "2024.9"}), encoding="utf-8")  # old format
    text = (tmp_path / "2025.1.json").read_text(encoding="utf-8")
    assert '    "t": {\n      "felt": ["aar", "fylkesnummer", "belop", "status"],' in text
    assert '        ["2019", "01", "100", "offisiell"],\n' in text  # one row per line
    names = frozenset({"t"})  # the tables each record published, and its date (for dct:issued in the catalogue)
    assert read_snapshots(tmp_path) == [
        Snapshot("2024.9", None, "2025-01-01", names),
        Snapshot("2025.1", {"t": OLD}, "2025-01-01", names),
    ]


def machine_csv(fields: list[str], rows: list[list[str]]) -> bytes:
    """The published machine CSV rebuilt with the standard library alone (not the project's writer)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_the_backfilled_2026_1_values_are_the_values_published_in_november() -> None:
    """The hashes in 2026.1.json were written by `innsyn release` in November 2026 (commit 61410a7), long before
    the values were backfilled from git; values that hash to them are exactly what 2026.1 published."""
    record = json.loads((DATA / "utgivelser" / "2026.1.json").read_text(encoding="utf-8"))
    assert sorted(record["verdier"]) == sorted(record["tabeller"])
    for name, values in record["verdier"].items():
        digest = hashlib.sha256(machine_csv(values["felt"], values["rader"])).hexdigest()
        assert digest == record["tabeller"][name], name
    assert len(record["verdier"]["tildelinger"]["rader"]) == 1707


def csv_rows(path: Path) -> list[dict[str, str]]:
    """A data file's rows as text."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def expected_counts(county: str) -> dict[str, tuple[int, int]]:
    """New and removed rows per table title for one county, from data/*.csv against the 2026.1 record's values."""
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    old = json.loads((DATA / "utgivelser" / "2026.1.json").read_text(encoding="utf-8"))["verdier"]
    out = {}
    for res in package["resources"]:
        name, key = res["name"], res["schema"]["primaryKey"]
        columns = [f["name"] for f in res["schema"]["fields"] if f["name"].endswith("fylkesnummer")]
        if not columns:
            continue
        now = {tuple(r[k] for k in key) for r in csv_rows(DATA / res["path"]) if county in (r[c] for c in columns)}
        before = set()
        if name in old:
            felt = old[name]["felt"]
            rows = [dict(zip(felt, r, strict=True)) for r in old[name]["rader"]]
            before = {tuple(r[k] for k in key) for r in rows if county in (r[c] for c in columns)}
        if now - before or before - now:
            out[res["title"]] = (len(now - before), len(before - now))
    return out


def history_section(page: Path) -> str:
    """The change-history section of a built page."""
    found = re.search(r'<section class="change-history".*?</section>', page.read_text(encoding="utf-8"), re.S)
    assert found, page
    return html.unescape(found.group(0))


def test_a_county_page_names_the_release_and_counts_its_new_and_removed_rows(bundled_site: Path) -> None:
    section = history_section(bundled_site / "fylke" / "03-oslo" / "index.html")
    line = next(r for r in csv_rows(DATA / "endringslogg.csv") if r["versjon"] == "2026.2")
    assert "<h3>Versjon 2026.2 sammenlignet med 2026.1</h3>" in section
    assert f"(2. desember 2026, {line['type']}): <span>{line['beskrivelse']}</span></p>" in section
    shown = {
        m[0]: (int(m[1]), int(m[2]))
        for m in re.findall(r"<li>(.+?) – nye rader: (\d+), fjernede rader: (\d+)\.</li>", section)
    }
    expected = expected_counts("03")
    assert shown == expected and expected  # Oslo lost the example rows of 2026.1


def test_a_corrected_value_shows_before_and_after_on_its_county_page(tmp_path: Path, data_dir: Path) -> None:
    """Release 9999.1 of the fixture, correct Østfold's and Akershus' 2019 frames (the sum stays), release 9999.2
    with a change-log line: the county page shows the old and the new amount and the line; every other county
    says in one line that nothing changed."""
    config = fast_config(data_dir=data_dir, out_dir=tmp_path / "site", report_path=tmp_path / "r.json")
    record_release(config)
    grants = data_dir / "tildelinger.csv"
    text = grants.read_text("utf-8")
    text = text.replace("2019,dekomp,01,,,27937000", "2019,dekomp,01,,,27938000", 1)
    grants.write_text(text.replace("2019,dekomp,02,,,61073000", "2019,dekomp,02,,,61072000", 1), "utf-8")
    package = json.loads((data_dir / "datapackage.json").read_text("utf-8"))
    package["x-release"]["version"] = "9999.2"
    (data_dir / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False), "utf-8")
    with (data_dir / "endringslogg.csv").open("a", encoding="utf-8") as f:
        f.write("9999.2,2025-12-01,korreksjon,Rettet beløpet for Østfold 2019 (feil i kilden).\n")
    build(config)
    section = history_section(tmp_path / "site" / "fylke" / "01-ostfold" / "index.html")
    assert "Endringsloggen for 9999.2 (1. desember 2025, korreksjon): <span>Rettet beløpet for Østfold 2019" in section
    nynorsk = history_section(tmp_path / "site" / "nn" / "fylke" / "01-ostfold" / "index.html")
    assert '(1. desember 2025, korreksjon): <span lang="nb">Rettet beløpet for Østfold 2019' in nynorsk
    nbsp = "\u00a0"
    row = f'<td class="num">27{nbsp}937{nbsp}000</td><td class="num">27{nbsp}938{nbsp}000</td>'
    assert row in section and ">2019 · dekomp · 01 · ramme</td>" in section  # the empty recipient part left out
    assert "nye rader" not in section  # nothing was added or removed
    others = sorted(p for p in (tmp_path / "site" / "fylke").glob("*/index.html") if p.parent.name[:2] not in "01 02")
    assert others
    for page in others:  # the other counties: one plain line
        assert "Ingen publiserte tall for denne siden er endret siden versjon 9999.1." in history_section(page), page


def test_withdrawn_real_figures_are_listed_with_their_amount(bundled_site: Path) -> None:
    """Oslo lost its calculated 2019 dekomp frame in 2026.2: the history lists it with the amount recorded in 2026.1
    and its status then, not only in a count; the removed example rows are only counted."""
    old = json.loads((DATA / "utgivelser" / "2026.1.json").read_text(encoding="utf-8"))["verdier"]["tildelinger"]
    rows = [dict(zip(old["felt"], r, strict=True)) for r in old["rader"]]
    now = {(r["aar"], r["ordning_id"], r["fylkesnummer"]) for r in csv_rows(DATA / "tildelinger.csv")}
    gone = [
        r
        for r in rows
        if r["fylkesnummer"] == "03" and r["status"] != "eksempel" and (r["aar"], r["ordning_id"], "03") not in now
    ]
    assert [(r["aar"], r["ordning_id"], r["status"]) for r in gone] == [("2019", "dekomp", "beregnet")]
    amount = f"{int(gone[0]['belop']):,}".replace(",", "\u00a0")
    section = history_section(bundled_site / "fylke" / "03-oslo" / "index.html")
    row = (
        f'<td class="text">2019 · dekomp · 03 · ramme</td><td class="text">Beløp (kr)</td>'
        f'<td class="num">{amount}</td><td class="num">–</td><td class="text">Beregnet</td>'
    )
    assert row in section, section
    assert section.count('<tr><th scope="row"') == 1  # none of Oslo's 122 removed example rows is listed
