"""`innsyn fetch` against a local replay server: the sources' real formats, fault cases, nothing half-written."""

from __future__ import annotations

import csv
import io
import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.fetch import Client, FetchError, fetch
from builder.fetch.refresh import UDIR_STAFF_REPORT
from tests.conftest import DATA
from tests.helpers import manifest
from tests.replay import make_replay

REPLAY = Path(__file__).parent / "replay"
TODAY = "2026-11-23"
Script = list[tuple[int, bytes, float]]


def fixture_name(path: str) -> str | None:
    """Which recorded response answers a request path (with query)."""
    route, _, query = path.partition("?")
    udir = f"/api/rapportering/{make_replay.UDIR_DATA}"
    exact = {
        "/api/klass/v1/classifications/104/codes": "klass-104-codes.json",
        "/api/klass/v1/classifications/104/changes": "klass-104-changes.json",
        "/api/pxwebapi/v2/tables/09344/data": "ssb-09344.json",
        "/api/pxwebapi/v2/tables/11980/data": "ssb-11980.json",
        f"/api/rapportering/rest/v1/Rapportside/{UDIR_STAFF_REPORT}": "udir-rapportside.json",
        f"{udir}/filterVerdier": "udir-filterverdier.json",
    }
    if route == f"{udir}/data" and (tid := re.search(r"TidID\((\d+)\)", query)):
        return f"udir-data-{tid.group(1)}.json"
    return exact.get(route)


class Replay(BaseHTTPRequestHandler):
    """Answers each request with its recorded response, unless a script for that response says otherwise."""

    scripts: ClassVar[dict[str, Script]] = {}
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        """Serve the scripted answer (the last one repeats) or the recorded file."""
        Replay.seen.append((self.path, self.headers.get("User-Agent", "")))
        name = fixture_name(self.path)
        script = Replay.scripts.get(name or "")
        if script:
            status, body, delay = script.pop(0) if len(script) > 1 else script[0]
        elif name and (REPLAY / name).exists():
            status, body, delay = 200, (REPLAY / name).read_bytes(), 0
        else:
            status, body, delay = 404, b'{"melding": "finnes ikke"}', 0
        time.sleep(delay)
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            if status == 429:
                self.send_header("Retry-After", "1")
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@pytest.fixture
def replay() -> Iterator[dict[str, str]]:
    """A replay server on loopback; yields the API base URLs pointing at it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Replay)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Replay.seen.clear()
    Replay.scripts = {}
    base = f"http://127.0.0.1:{server.server_address[1]}/api"
    yield {"klass": f"{base}/klass/v1", "pxweb": f"{base}/pxwebapi/v2", "udir": f"{base}/rapportering"}
    server.shutdown()
    server.server_close()


def client(tmp_path: Path, waits: list[float] | None = None, **kw: Any) -> Client:
    """A client with no real waiting, recording the waits it would have made."""
    return Client(
        tmp_path / "cache",
        min_interval=0,
        backoff=0.01,
        today=TODAY,
        sleep=(waits.append if waits is not None else lambda s: None),
        **kw,
    )


def rows(path: Path) -> list[dict[str, str]]:
    """A CSV file's rows."""
    return list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))


def recorded(name: str) -> Any:
    """A recorded response, decoded."""
    return json.loads((REPLAY / name).read_text("utf-8"))


def edited(name: str, change: Callable[[Any], Any]) -> Script:
    """One answer: the recorded response with a change applied."""
    body = recorded(name)
    change(body)
    return [(200, json.dumps(body).encode(), 0)]


def test_fetch_reproduces_the_bundled_reference_tables(
    tmp_path: Path, bundled_data_dir: Path, replay: dict[str, str]
) -> None:
    """Counties and reforms come back byte-identical; every denominator value is the bundled one, now cited
    to the exact request it came from, and the transcribed sources they replace are gone."""
    result = fetch(bundled_data_dir, client(tmp_path), replay)
    for name in ("fylker.csv", "fylkesoverganger.csv"):
        assert (bundled_data_dir / name).read_bytes() == (DATA / name).read_bytes(), name

    def values(path: Path) -> list[tuple[str, ...]]:
        return [tuple(v for k, v in r.items() if k != "kilde_id") for r in rows(path)]

    assert values(bundled_data_dir / "nevnere.csv") == values(DATA / "nevnere.csv")
    sources = {r["kilde_id"]: r for r in rows(bundled_data_dir / "kilder.csv")}
    for row in rows(bundled_data_dir / "nevnere.csv"):
        cited = sources[row["kilde_id"]]
        assert cited["url"].startswith("http://127.0.0.1:") and cited["dato"] == TODAY, row
    fte_2016 = sources["udir-gsi-larerarsverk-2016"]["url"]
    assert fte_2016.endswith("/data?radSti=F&filter=EierformID(-10)_EnhetNivaa(2)_TidID(201610)&inkluderKoder=true")
    assert "valueCodes[Tid]=range(2014,2027)" in sources["ssb-09344"]["url"]
    assert "ssb-11980" not in sources  # the recorded pupil response has no values, so nothing cites it
    assert not {"gsi-skoleporten-alle", "gsi-skoleporten-2019", "ssb-barnehage-bhage0705"} & sources.keys()
    assert sources["ssb-klass-104-endringer"]["url"].endswith("/changes?from=2014-01-01&to=2028-01-01")
    assert result["tabeller"]["fylker"] == {"lagt til": 0, "fjernet": 0, "endret": 0}
    assert result["tabeller"]["nevnere"] == {"lagt til": 0, "fjernet": 0, "endret": len(rows(DATA / "nevnere.csv"))}
    assert any("Svalbard" in n for n in result["merknader"])
    assert all(agent.startswith("Kompetanseinnsyn/") for _, agent in Replay.seen)
    assert len(Replay.seen) == 2 + 2 + 6 + 2


def test_offline_rebuilds_the_same_tables_from_the_cache(
    tmp_path: Path, bundled_data_dir: Path, replay: dict[str, str]
) -> None:
    """After one fetch, --offline gives byte-identical files with no request; with no cache it is a clear error."""
    fetch(bundled_data_dir, client(tmp_path), replay)
    first = manifest(bundled_data_dir)
    Replay.seen.clear()
    fetch(bundled_data_dir, client(tmp_path, offline=True), replay)
    assert not Replay.seen and manifest(bundled_data_dir) == first
    with pytest.raises(FetchError, match="ingen lagret respons"):
        fetch(bundled_data_dir, client(tmp_path / "tom", offline=True), replay)


def test_429_then_success_waits_as_told(tmp_path: Path, bundled_data_dir: Path, replay: dict[str, str]) -> None:
    """A 429 with Retry-After from SSB is waited out, then the fetch succeeds."""
    Replay.scripts["ssb-09344.json"] = [(429, b"{}", 0), (200, (REPLAY / "ssb-09344.json").read_bytes(), 0)]
    waits: list[float] = []
    fetch(bundled_data_dir, client(tmp_path, waits), replay, only="barnehageansatte")
    assert 1.0 in waits and len(Replay.seen) == 2


def test_only_fetches_one_source(tmp_path: Path, bundled_data_dir: Path, replay: dict[str, str]) -> None:
    """--only asks one API and leaves the other tables alone; an unknown name is a usage error."""
    fetch(bundled_data_dir, client(tmp_path), replay, only="fylker")
    assert [p for p, _ in Replay.seen] == ["/api/klass/v1/classifications/104/codes?from=1919-01-01&to=2028-01-01"]
    assert (bundled_data_dir / "nevnere.csv").read_bytes() == (DATA / "nevnere.csv").read_bytes()
    with pytest.raises(Exception, match="ukjent kilde «skoler»"):
        fetch(bundled_data_dir, client(tmp_path), replay, only="skoler")


def test_suppressed_value_is_reported_not_invented(
    tmp_path: Path, bundled_data_dir: Path, replay: dict[str, str]
) -> None:
    """A value Udir suppresses («*») gives no row and a note, never a guess or a stale row."""
    Replay.scripts["udir-data-201710.json"] = edited("udir-data-201710.json", lambda b: b["rows"][0].update(data=["*"]))
    result = fetch(bundled_data_dir, client(tmp_path), replay, only="larerarsverk")
    assert result["tabeller"]["nevnere"]["fjernet"] == 1
    assert any("skjermet" in n and "Østfold" in n for n in result["merknader"])
    assert not [r for r in rows(bundled_data_dir / "nevnere.csv") if r["aar"] == "2017" and r["fylkesnummer"] == "01"]


def _drop_region(code: str) -> Script:
    """The recorded kindergarten response without one region (values and labels)."""
    kept = [(c, label) for c, label in make_replay.regions(range(2015, 2019)) if c != code]
    years = list(range(2015, 2019))
    values = {
        (r["fylkesnummer"] or "0", int(r["aar"])): int(r["ansatte"])
        for r in make_replay.read("barnehage_ansatte_fylke_partial.csv")
    }
    body = make_replay.jsonstat("09344", kept, years, values, "Ansatte")
    return [(200, json.dumps(body).encode(), 0)]


def _split_change(body: Any) -> None:
    """A new split of 46 in 2027 that the curated table does not have."""
    change = {"oldCode": "46", "oldName": "Vestland", "changeOccurred": "2027-01-01"}
    body["codeChanges"] += [change | {"newCode": "47", "newName": "A"}, change | {"newCode": "48", "newName": "B"}]


FAULTS = [
    ("larerarsverk", {"udir-data-201810.json": [(500, b"feil", 0)]}, {}, "HTTP 500"),
    # urllib leaves the socket of a timed-out request to the garbage collector (a stdlib behaviour).
    pytest.param(
        "barnehageansatte",
        {"ssb-09344.json": [(200, b"{}", 1.5)]},
        {"timeout": 0.3, "retries": 1},
        "ingen svar",
        marks=pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
    ),
    ("fylker", {"klass-104-codes.json": [(200, b'{"codes": [ {"code": "03"', 0)]}, {}, "kunne ikke lese"),
    ("elever", {"ssb-11980.json": [(200, b'{"class": "collection"}', 0)]}, {}, "ikke et JSON-stat 2.0-datasett"),
    ("barnehageansatte", {"ssb-09344.json": _drop_region("14")}, {}, "mangler fylke 14 for 2015"),
    (
        "larerarsverk",
        {"udir-data-201610.json": edited("udir-data-201610.json", lambda b: b["rows"].pop(11))},
        {},
        "skoleåret 2016–2017 mangler fylke 12",
    ),
    (
        "larerarsverk",
        {
            "udir-data-201410.json": edited(
                "udir-data-201410.json", lambda b: b["metadata"]["columns"][-1][0].update(name="Årsverk")
            )
        },
        {},
        "ingen kolonne «Årsverk for undervisningspersonale»",
    ),
    (
        "fylker",
        {
            "klass-104-codes.json": edited(
                "klass-104-codes.json", lambda b: b["codes"].remove(next(c for c in b["codes"] if c["code"] == "46"))
            )
        },
        {},
        "mangler fylkesnummer 46",
    ),
    (
        "fylker",
        {
            "klass-104-codes.json": edited(
                "klass-104-codes.json", lambda b: b["codes"].append({**b["codes"][2], "name": "Bergen"})
            )
        },
        {},
        "fylkesnummer 03 har endret betydning",
    ),
    (
        "overganger",
        {"klass-104-changes.json": edited("klass-104-changes.json", lambda b: b["codeChanges"].pop())},
        {},
        "54→56 (2024) står som «deling»",
    ),
    (
        "overganger",
        {"klass-104-changes.json": edited("klass-104-changes.json", _split_change)},
        {},
        "må føres inn for hånd",
    ),
    (
        "fylker",
        {
            "klass-104-codes.json": edited(
                "klass-104-codes.json", lambda b: b["codes"][0].update(validFromInRequestedRange="1800-01-01")
            )
        },
        {},
        "validerer ikke",
    ),
]


@pytest.mark.parametrize(("source", "scripts", "options", "message"), FAULTS)
def test_faults_leave_data_untouched(
    tmp_path: Path,
    bundled_data_dir: Path,
    replay: dict[str, str],
    source: str,
    scripts: dict[str, Script],
    options: dict[str, Any],
    message: str,
) -> None:
    """Each fault gives its clear message naming the source, and data/ stays byte-identical."""
    Replay.scripts = {name: list(script) for name, script in scripts.items()}
    before = manifest(bundled_data_dir)
    with pytest.raises(FetchError) as info:
        fetch(bundled_data_dir, client(tmp_path, **options), replay)
    assert message in info.value.message and source in info.value.where, info.value.message
    assert manifest(bundled_data_dir) == before


def test_a_new_plain_merge_is_added_from_klass(tmp_path: Path, bundled_data_dir: Path, replay: dict[str, str]) -> None:
    """A whole-county change Klass reports and the table lacks is added as «hel» with share 1."""
    change = {"oldCode": "15", "oldName": "Møre og Romsdal", "newCode": "46", "newName": "Vestland"}
    Replay.scripts["klass-104-changes.json"] = edited(
        "klass-104-changes.json", lambda b: b["codeChanges"].append(change | {"changeOccurred": "2027-01-01"})
    )
    result = fetch(bundled_data_dir, client(tmp_path), replay, only="overganger")
    added = [r for r in rows(bundled_data_dir / "fylkesoverganger.csv") if r["aar"] == "2027"]
    assert added == [
        {"fra_fylkesnummer": "15", "til_fylkesnummer": "46", "aar": "2027", "relasjon": "hel", "andel": "1"}
        | {"merknad": "", "kilde_id": "ssb-klass-104-endringer"}
    ]
    assert result["tabeller"]["fylkesoverganger"]["lagt til"] == 1


def test_cli_prints_requests_notes_and_the_diff(tmp_path: Path, bundled_data_dir: Path, replay: dict[str, str]) -> None:
    """`innsyn fetch` lists what it asked for, what it left out, and rows added, changed and removed per table."""
    args = ["fetch", "--only", "barnehageansatte", "--data", str(bundled_data_dir), "--cache", str(tmp_path / "c")]
    args += [f"--endpoint={name}={url}" for name, url in replay.items()]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "nevnere: 0 lagt til, 0 fjernet, 5 endret" in result.output
    assert "hentet http://127.0.0.1:" in result.output
    assert "merk: barnehageansatte: regioner som ikke er fylker ble hoppet over: 0 Hele landet" in result.output


def test_replay_responses_are_rebuilt_from_the_bundled_upstream_copies(tmp_path: Path) -> None:
    """The committed responses are exactly what tests/replay/make_replay.py writes from data/upstream/."""
    for path in make_replay.write(tmp_path):
        assert path.read_bytes() == (REPLAY / path.name).read_bytes(), path.name
    assert {p.name for p in REPLAY.glob("*.json")} == {p.name for p in tmp_path.glob("*.json")}


def test_a_failure_while_swapping_in_leaves_no_file_changed(
    tmp_path: Path, bundled_data_dir: Path, replay: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every new file is copied beside its target before any rename; a failure there changes nothing in data/."""
    import builder.fetch.refresh as refresh

    real_copy, calls = refresh.shutil.copyfile, []

    def flaky_copy(src: Any, dst: Any, **kw: Any) -> Any:
        calls.append(dst)
        if str(dst).endswith(f".fetch-{refresh.os.getpid()}") and len([c for c in calls if ".fetch-" in str(c)]) == 2:
            raise OSError("disken er full")
        return real_copy(src, dst, **kw)

    before = manifest(bundled_data_dir)
    monkeypatch.setattr(refresh.shutil, "copyfile", flaky_copy)
    with pytest.raises(OSError, match="disken er full"):
        fetch(bundled_data_dir, client(tmp_path), replay, only="barnehageansatte")
    assert manifest(bundled_data_dir) == before
    assert not list(bundled_data_dir.glob(".*.fetch-*"))
