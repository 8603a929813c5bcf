"""`innsyn fetch --only statsregnskap` and `--only bevilgninger` against DFØ's replayed zips: the bundled figures come
back exact, --year touches one year, and every fault gives one Norwegian line and leaves data/ byte-identical."""

from __future__ import annotations

import csv
import io
import threading
import zipfile
from collections.abc import Callable, Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.fetch import Client, FetchError, dfo, fetch
from tests.conftest import DATA
from tests.helpers import manifest
from tests.replay import make_statsregnskap_replay as replay_script

REPLAY = Path(__file__).parent / "replay"
UPSTREAM = DATA / "upstream" / "statsregnskap"
ACCOUNTS, BUDGETS = "statsregnskapet_aar_2023.zip", "bevilgninger_full_historikk.zip"
TODAY = "2026-11-23"
HALF_TENTH = Decimal(50_000)  # 0,05 mill. kr: the rounding of the bundled figures, in kroner
MILLION = Decimal(1_000_000)


class Dfo(BaseHTTPRequestHandler):
    """Answers /nedlasting/<file> with the recorded zip, unless a test put another body (or status) there."""

    bodies: ClassVar[dict[str, tuple[int, bytes]]] = {}
    seen: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        """The body for the path's file name, else 404."""
        name = self.path.rsplit("/", 1)[-1]
        Dfo.seen.append(name)
        recorded = (200, (REPLAY / name).read_bytes()) if (REPLAY / name).exists() else (404, b"<html>404</html>")
        status, body = Dfo.bodies.get(name, recorded)
        self.send_response(status)
        self.send_header("Content-Type", "application/zip" if status == 200 else "text/html")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def endpoints() -> Iterator[dict[str, str]]:
    """A DFØ replay server on loopback; yields the endpoint map pointing at it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Dfo)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    Dfo.bodies, Dfo.seen = {}, []
    yield {"dfo": f"http://127.0.0.1:{server.server_address[1]}/nedlasting"}
    server.shutdown()
    server.server_close()


def client(tmp_path: Path) -> Client:
    """A client that never waits."""
    return Client(tmp_path / "cache", min_interval=0, backoff=0.01, today=TODAY, sleep=lambda s: None, retries=1)


def rows(path: Path) -> list[dict[str, str]]:
    """A CSV file's rows."""
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def of_year(table: list[dict[str, str]], year: str) -> list[dict[str, str]]:
    """The rows of one year."""
    return [r for r in table if r["aar"] == year]


def kroner(mill: str) -> Decimal:
    """Bundled millions as kroner."""
    return Decimal(mill) * MILLION


def test_replay_reproduces_the_bundled_figures(tmp_path: Path, data_dir: Path, endpoints: dict[str, str]) -> None:
    """Each 2023 figure is within 0,05 mill. of data/upstream/statsregnskap/ (the upstream the bundled data was
    made from), names exactly as bundled, the «Øvrige» row as its five entities, every amount exact (avrunding
    0.01), and the entities and artskontoer add up to the accounts to the øre."""
    fetch(data_dir, client(tmp_path), endpoints, only="statsregnskap", year=2023)
    posts = {(r["kapittel"], r["post"]): r for r in of_year(rows(UPSTREAM / "poster.csv"), "2023")}
    fetched = {(r["kapittel"], r["post"]): r for r in of_year(rows(data_dir / "bevilgninger.csv"), "2023")}
    assert fetched.keys() == posts.keys() == {("0226", "21"), ("0226", "22"), ("0231", "21")}
    for key, row in fetched.items():
        assert Decimal(row["saldert"]) == kroner(posts[key]["saldert_mill"])  # the replayed budget is not rounded
        assert Decimal(row["revidert"]) == kroner(posts[key]["revidert_mill"])  # the transfer is not counted
        assert abs(Decimal(row["regnskap"]) - kroner(posts[key]["regnskap_mill"])) <= HALF_TENTH, key
        assert (row["avrunding"], row["status"], row["kilde_id"]) == ("0.01", "offisiell", "dfo-statsregnskap-2023")
    entities = of_year(rows(data_dir / "bokforinger.csv"), "2023")
    for bundled in of_year(rows(UPSTREAM / "virksomheter.csv"), "2023"):
        key = (bundled["kapittel"], bundled["post"])
        same = [r for r in entities if (r["kapittel"], r["post"]) == key]
        if bundled["orgnr"]:
            (row,) = [r for r in same if r["orgnr"] == bundled["orgnr"]]
            assert row["virksomhet"] == bundled["virksomhet"]
            found = [Decimal(row["belop"])]
        else:  # «Øvrige (5 virksomheter)»: the entities the bundled list does not name
            named = {b["orgnr"] for b in of_year(rows(UPSTREAM / "virksomheter.csv"), "2023") if b["orgnr"]}
            found = [Decimal(r["belop"]) for r in same if r["orgnr"] not in named]
            assert len(found) == 5 and bundled["virksomhet"] == "Øvrige (5 virksomheter)"
        assert abs(sum(found) - kroner(bundled["belop_mill"])) <= HALF_TENTH, bundled
    assert "Statsforvaltaren i  Møre og Romsdal" in {r["virksomhet"] for r in entities}
    assert all(r["orgnr"] and r["avrunding"] == "0.01" for r in entities)
    kinds = of_year(rows(data_dir / "artskontoer.csv"), "2023")
    bundled_kinds = of_year(rows(UPSTREAM / "artskonto.csv"), "2023")
    assert len(kinds) == len(bundled_kinds) == 91
    by_key = {(r["kapittel"], r["post"], r["artskonto"]): r for r in kinds}
    for b in bundled_kinds:
        row = by_key[(b["kapittel"], b["post"], b["artskonto"])]
        assert (row["artskonto_navn"], row["kontoklasse"], row["kontoklasse_navn"]) == (
            b["artskonto_navn"],
            b["kontoklasse"],
            b["kontoklasse_navn"],
        )
        assert abs(Decimal(row["belop"]) - kroner(b["belop_mill"])) <= HALF_TENTH, b
    for key, row in fetched.items():
        total = Decimal(row["regnskap"])
        assert sum(Decimal(r["belop"]) for r in entities if (r["kapittel"], r["post"]) == key) == total
        assert sum(Decimal(r["belop"]) for r in kinds if (r["kapittel"], r["post"]) == key) == total
    sources = {r["kilde_id"]: r for r in rows(data_dir / "kilder.csv")}
    assert sources["dfo-statsregnskap-2023"]["url"] == f"{endpoints['dfo']}/{ACCOUNTS}"
    assert sources["dfo-bevilgninger"]["dato"] == TODAY and sources["dfo-statsregnskap-2023"]["dato"] == TODAY
    assert Dfo.seen == [BUDGETS, ACCOUNTS]


def test_year_touches_only_that_year(tmp_path: Path, bundled_data_dir: Path, endpoints: dict[str, str]) -> None:
    """--year 2023 rewrites that year's rows of the three tables (and cites the downloads); every other row and
    file stays as it was, and the «Øvrige» row gives way to each entity, with a note saying so."""
    before = {name: rows(DATA / f"{name}.csv") for name in ("bevilgninger", "bokforinger", "artskontoer")}
    old = manifest(bundled_data_dir)
    result = fetch(bundled_data_dir, client(tmp_path), endpoints, only="statsregnskap", year=2023)
    new = manifest(bundled_data_dir)
    assert {k for k in old if old[k] != new[k]} == {
        "bevilgninger.csv",
        "bokforinger.csv",
        "artskontoer.csv",
        "kilder.csv",
    }
    for name, earlier in before.items():
        after = rows(bundled_data_dir / f"{name}.csv")
        assert [r for r in after if r["aar"] != "2023"] == [r for r in earlier if r["aar"] != "2023"], name
    # 30 bundled 2023 bookings: the «Øvrige» row goes, its 5 entities come, the other 29 get exact amounts.
    assert result["tabeller"]["bokforinger"] == {"lagt til": 5, "fjernet": 1, "endret": 29}
    assert result["tabeller"]["artskontoer"] == {"lagt til": 0, "fjernet": 0, "endret": 91}
    assert result["tabeller"]["bevilgninger"] == {"lagt til": 0, "fjernet": 0, "endret": 3}
    assert any("«Øvrige (5 virksomheter)» er erstattet" in n for n in result["merknader"])


def test_appropriations_refresh_budgets_and_keep_accounts(
    tmp_path: Path, bundled_data_dir: Path, endpoints: dict[str, str]
) -> None:
    """--only bevilgninger sets every year's adopted and revised budget from DFØ (transfers from the year before
    left out); accounts stay, and a row stays rounded while its accounts are; 2026 has none, so it is exact."""
    earlier = {(r["aar"], r["kapittel"], r["post"]): r for r in rows(DATA / "bevilgninger.csv")}
    fetch(bundled_data_dir, client(tmp_path), endpoints, only="bevilgninger")
    upstream = {(r["aar"], r["kapittel"], r["post"]): r for r in rows(UPSTREAM / "poster.csv")}
    after = {(r["aar"], r["kapittel"], r["post"]): r for r in rows(bundled_data_dir / "bevilgninger.csv")}
    assert after.keys() == upstream.keys() and len(after) == 39
    for key, row in after.items():
        assert Decimal(row["saldert"]) == kroner(upstream[key]["saldert_mill"]), key
        assert Decimal(row["revidert"]) == kroner(upstream[key]["revidert_mill"]), key
        assert row["regnskap"] == earlier[key]["regnskap"] and row["kilde_id"] == "dfo-bevilgninger"
        assert row["avrunding"] == ("0.01" if key[0] == "2026" else "100000"), key
    assert (bundled_data_dir / "bokforinger.csv").read_bytes() == (DATA / "bokforinger.csv").read_bytes()


def test_appropriations_fill_new_years_but_not_gaps(tmp_path: Path, data_dir: Path, endpoints: dict[str, str]) -> None:
    """On the fixture (2018, 2019 and 2021; years 2018–2025): its years get DFØ's budgets, the years after 2021 are
    added without accounts, and the gap 2020 is only noted (a row added there would have no accounts)."""
    result = fetch(data_dir, client(tmp_path), endpoints, only="bevilgninger")
    after = rows(data_dir / "bevilgninger.csv")
    assert sorted({r["aar"] for r in after}) == ["2018", "2019", "2021", "2022", "2023", "2024", "2025"]
    assert len([r for r in after if r["aar"] in ("2018", "2019", "2021")]) == 9  # every post, also 2018's 226.22
    added = [r for r in after if r["aar"] >= "2022"]
    assert len(added) == 12 and all(r["regnskap"] == "" and r["avrunding"] == "0.01" for r in added)
    assert any(n.startswith("bevilgninger: 2020 finnes i bevilgningshistorikken") for n in result["merknader"])
    assert any(
        n.startswith("bevilgninger: 2022, 2023, 2024, 2025 er lagt til uten regnskap") for n in result["merknader"]
    )


def test_dfo_is_fetched_only_when_named() -> None:
    """A plain `innsyn fetch` asks the reference APIs only; the DFØ downloads (134 MB a year) need --only."""
    from builder.fetch.refresh import SOURCES, _chosen

    assert [n for n in SOURCES if _chosen(n, None)] == [
        "fylker",
        "overganger",
        "larerarsverk",
        "barnehageansatte",
        "elever",
    ]
    assert [n for n in SOURCES if _chosen(n, "bevilgninger")] == ["bevilgninger"]


def member(name: str) -> bytes:
    """The CSV inside a recorded zip."""
    with zipfile.ZipFile(REPLAY / name) as archive:
        return archive.read(archive.namelist()[0])


def table(name: str) -> list[list[str]]:
    """A recorded zip's CSV as rows of fields (header first)."""
    return list(csv.reader(io.StringIO(member(name).decode("latin-1")), delimiter=";"))


def rezip(name: str, change: Callable[[list[list[str]]], list[list[str]]], encoding: str = "latin-1") -> bytes:
    """The recorded zip with its CSV's rows changed (and re-encoded)."""
    out = io.StringIO()
    csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerows(change(table(name)))
    return replay_script.zip_bytes(name.replace(".zip", ".csv"), out.getvalue().encode(encoding))


def drop_column(column: str) -> Callable[[list[list[str]]], list[list[str]]]:
    """A change removing one column."""

    def change(t: list[list[str]]) -> list[list[str]]:
        at = t[0].index(column)
        return [r[:at] + r[at + 1 :] for r in t]

    return change


def keep(test: Callable[[str], bool]) -> Callable[[list[list[str]]], list[list[str]]]:
    """A change keeping the header and the rows whose Post_id passes the test."""
    return lambda t: [t[0]] + [r for r in t[1:] if test(r[t[0].index("Post_id")])]


def set_cell(column: str, value: str, rows_: slice = slice(1, 2)) -> Callable[[list[list[str]]], list[list[str]]]:
    """A change writing `value` into `column` of some rows."""

    def change(t: list[list[str]]) -> list[list[str]]:
        at = t[0].index(column)
        for r in t[rows_]:
            r[at] = value
        return t

    return change


def truncated_csv() -> bytes:
    """The accounts zip whose CSV stops halfway through its last row (a zip of a cut-off file)."""
    body = member(ACCOUNTS).rstrip(b"\r\n")
    return replay_script.zip_bytes("statsregnskapet_aar_2023.csv", body[: body.rfind(b'";"') + 1])


def two_csvs() -> bytes:
    """A zip with a second CSV beside the accounts."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("statsregnskapet_aar_2023.csv", member(ACCOUNTS))
        archive.writestr("../../utenfor.csv", b"x")
    return out.getvalue()


FAULTS = [
    ("statsregnskap", ACCOUNTS, (REPLAY / ACCOUNTS).read_bytes()[:5000], "ikke en hel zip-fil"),
    ("statsregnskap", ACCOUNTS, b"<!DOCTYPE html><html><body>Siden finnes ikke</body></html>", "HTML-side"),
    ("statsregnskap", ACCOUNTS, rezip(ACCOUNTS, lambda t: t, "utf-8"), "UTF-8-kodet; DFØ leverer ISO-8859-1"),
    ("statsregnskap", ACCOUNTS, rezip(ACCOUNTS, lambda t: t, "utf-16"), "UTF-16-kodet"),
    ("statsregnskap", ACCOUNTS, rezip(ACCOUNTS, drop_column("Virksomhet_id")), "mangler kolonnen «Virksomhet_id»"),
    ("statsregnskap", ACCOUNTS, rezip(ACCOUNTS, keep(lambda v: v != "022622")), "2023: mangler kap. 0226 post 22"),
    ("statsregnskap", ACCOUNTS, rezip(ACCOUNTS, keep(lambda v: v == "022601")), "ingen rader for 2023 på postene"),
    ("statsregnskap", ACCOUNTS, rezip(ACCOUNTS, set_cell("År", "2022", slice(1, None))), "har rader for 2022"),
    ("statsregnskap", ACCOUNTS, rezip(ACCOUNTS, set_cell("Beløp", "1.234,50")), "«Beløp» har 1 ugyldige verdier"),
    ("statsregnskap", ACCOUNTS, truncated_csv(), "linje 1477: 27 felt, ventet 28"),
    ("statsregnskap", ACCOUNTS, two_csvs(), "nøyaktig én CSV-fil"),
    ("statsregnskap", ACCOUNTS, rezip(ACCOUNTS, set_cell("Virksomhet_id", "999999990", slice(1, 13))), "D-ORGNR"),
    ("bevilgninger", BUDGETS, rezip(BUDGETS, drop_column("Bevilgning")), "mangler kolonnen «Bevilgning»"),
    ("bevilgninger", BUDGETS, rezip(BUDGETS, keep(lambda v: v != "023121")), "2023: mangler kap. 0231 post 21"),
]


@pytest.mark.parametrize(("source", "name", "body", "message"), FAULTS, ids=[f[3][:40] for f in FAULTS])
def test_faults_give_one_line_and_leave_data_untouched(
    tmp_path: Path,
    data_dir: Path,
    endpoints: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    source: str,
    name: str,
    body: bytes,
    message: str,
) -> None:
    """Each broken download stops `innsyn fetch` with exit 1 and one Norwegian line naming the source and the
    problem; data/ is byte-identical and nothing is left beside its files."""
    monkeypatch.setattr("builder.fetch.Client", lambda cache, offline: client(cache))
    Dfo.bodies[name] = (200, body)
    before = manifest(data_dir)
    args = ["fetch", "--only", "statsregnskap", "--year", "2023", "--data", str(data_dir), "--cache", str(tmp_path)]
    result = CliRunner().invoke(main, [*args, f"--endpoint=dfo={endpoints['dfo']}"])
    lines = result.output.strip().splitlines()
    assert result.exit_code == 1, result.output
    assert lines[0].startswith(f"Feil: kilde «{source}»: ") and message in result.output, result.output
    if "validerer ikke" not in lines[0]:
        assert len(lines) == 1, result.output
    assert manifest(data_dir) == before


def test_a_year_dfo_has_not_published_is_an_http_error(
    tmp_path: Path, data_dir: Path, endpoints: dict[str, str]
) -> None:
    """A year without a file at DFØ (404) names the status and the address; data/ is untouched."""
    before = manifest(data_dir)
    with pytest.raises(FetchError, match=r"HTTP 404 fra .*statsregnskapet_aar_2022\.zip") as info:
        fetch(data_dir, client(tmp_path), endpoints, only="statsregnskap", year=2022)
    assert info.value.where == "kilde «statsregnskap»" and manifest(data_dir) == before


def test_entity_name_is_the_latest_months(tmp_path: Path) -> None:
    """An entity booked under two names in a year is named as in its latest month; its amount is the sum of both."""
    renamed = "Fylkesmannen i Oslo og Viken"

    def early_months_renamed(t: list[list[str]]) -> list[list[str]]:
        org, name, month = (t[0].index(c) for c in ("Virksomhet_id", "Virksomhet", "Periode"))
        for r in t[1:]:
            if r[org] == "974761319" and r[month] <= "202306":
                r[name] = renamed
        return t

    def late_months_renamed(t: list[list[str]]) -> list[list[str]]:
        org, name, month = (t[0].index(c) for c in ("Virksomhet_id", "Virksomhet", "Periode"))
        for r in t[1:]:
            if r[org] == "974761319" and r[month] == "202312":
                r[name] = renamed
        return t

    plain = dfo.read_accounts((REPLAY / ACCOUNTS).read_bytes(), 2023, "statsregnskap")
    early = dfo.read_accounts(rezip(ACCOUNTS, early_months_renamed), 2023, "statsregnskap")
    late = dfo.read_accounts(rezip(ACCOUNTS, late_months_renamed), 2023, "statsregnskap")

    def oslo(accounts: dfo.Accounts) -> list[tuple[str, Decimal]]:
        return [(r["virksomhet"], r["belop"]) for r in accounts.entities if r["orgnr"] == "974761319"]

    assert [n for n, _ in oslo(early)] == ["Statsforvalteren i Oslo og Viken"] * 2
    assert [n for n, _ in oslo(late)] == [renamed] * 2
    assert [b for _, b in oslo(early)] == [b for _, b in oslo(plain)] == [b for _, b in oslo(late)]


def test_zip_members_never_leave_the_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A member's name is never a path: the CSV lands under a fixed name; an oversized member is refused."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("../../utenfor.csv", member(ACCOUNTS))
    folder = tmp_path / "pakket-ut"
    folder.mkdir()
    assert dfo.unpack(out.getvalue(), "statsregnskap", folder) == folder / "dfo.csv"
    assert [p.name for p in tmp_path.rglob("*.csv")] == ["dfo.csv"]
    monkeypatch.setattr(dfo, "MAX_CSV_BYTES", 1000)
    with pytest.raises(FetchError, match="over grensen"):
        dfo.unpack((REPLAY / ACCOUNTS).read_bytes(), "statsregnskap", folder)


def test_cli_prints_requests_and_the_diff(
    tmp_path: Path, data_dir: Path, endpoints: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`innsyn fetch --only statsregnskap --year 2023` lists both downloads and the rows added per table (the fixture
    has no 2023 rows: 3 posts, the 29 named entities plus 5 from «Øvrige», 91 artskontoer)."""
    monkeypatch.setattr("builder.fetch.Client", lambda cache, offline: client(cache))
    args = ["fetch", "--only", "statsregnskap", "--year", "2023", "--data", str(data_dir), "--cache", str(tmp_path)]
    result = CliRunner().invoke(main, [*args, f"--endpoint=dfo={endpoints['dfo']}"])
    assert result.exit_code == 0, result.output
    assert f"hentet {endpoints['dfo']}/{BUDGETS}" in result.output
    assert f"hentet {endpoints['dfo']}/{ACCOUNTS}" in result.output
    assert "bevilgninger: 3 lagt til, 0 fjernet, 0 endret" in result.output
    assert "bokforinger: 34 lagt til, 0 fjernet, 0 endret" in result.output
    assert "artskontoer: 91 lagt til, 0 fjernet, 0 endret" in result.output


def test_replay_zips_are_rebuilt_by_the_script(tmp_path: Path) -> None:
    """The committed zips hold exactly what tests/replay/make_statsregnskap_replay.py writes from the upstream copy."""
    for path in replay_script.write(tmp_path):
        with zipfile.ZipFile(path) as made, zipfile.ZipFile(REPLAY / path.name) as kept:
            assert made.namelist() == kept.namelist()
            assert [made.read(n) for n in made.namelist()] == [kept.read(n) for n in kept.namelist()], path.name
