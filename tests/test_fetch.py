"""`innsyn fetch` against a local replay server: the real Klass format, fault cases, and nothing half-written."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.fetch import Client, FetchError, fetch
from tests.conftest import DATA
from tests.helpers import manifest

REPLAY = Path(__file__).parent / "replay" / "klass-104-codes.json"


class Replay(BaseHTTPRequestHandler):
    """Answers from a scripted list of (status, body, delay) per request; records the requests."""

    script: ClassVar[list[tuple[int, bytes, float]]] = []
    seen: ClassVar[list[tuple[str, str]]] = []

    def do_GET(self) -> None:
        """Serve the next scripted answer (the last one repeats)."""
        Replay.seen.append((self.path, self.headers.get("User-Agent", "")))
        status, body, delay = Replay.script.pop(0) if len(Replay.script) > 1 else Replay.script[0]
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
def replay() -> Iterator[str]:
    """A replay server on loopback; yields its Klass base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Replay)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Replay.seen.clear()
    yield f"http://127.0.0.1:{server.server_address[1]}/api/klass/v1"
    server.shutdown()
    server.server_close()


def client(tmp_path: Path, waits: list[float] | None = None, **kw: Any) -> Client:
    """A client with no real waiting, recording the waits it would have made."""
    return Client(
        tmp_path / "cache",
        min_interval=0,
        backoff=0.01,
        today="2026-11-23",
        sleep=(waits.append if waits is not None else lambda s: None),
        **kw,
    )


def answer(body: bytes, status: int = 200, delay: float = 0) -> list[tuple[int, bytes, float]]:
    """One scripted answer."""
    return [(status, body, delay)]


def test_fetch_reproduces_the_bundled_county_table(tmp_path: Path, data_dir: Path, replay: str) -> None:
    """Fetched from the recorded Klass response, data/fylker.csv is byte-identical to the bundled one."""
    Replay.script = answer(REPLAY.read_bytes())
    result = fetch(data_dir, client(tmp_path), {"klass": replay})
    assert (data_dir / "fylker.csv").read_bytes() == (DATA / "fylker.csv").read_bytes()
    assert result["fylker"] == {"lagt til": 0, "fjernet": 0, "endret": 0}
    path, agent = Replay.seen[0]
    assert path == "/api/klass/v1/classifications/104/codes?from=1919-01-01&to=2028-01-01"
    assert agent.startswith("Kompetanseinnsyn/")
    kilder = (data_dir / "kilder.csv").read_text("utf-8")
    assert f"{replay}/classifications/104/codes?from=1919-01-01&to=2028-01-01" in kilder and "2026-11-23" in kilder


def test_429_then_success_waits_as_told(tmp_path: Path, data_dir: Path, replay: str) -> None:
    """A 429 with Retry-After is waited out, then the fetch succeeds."""
    Replay.script = [(429, b"{}", 0), (200, REPLAY.read_bytes(), 0)]
    waits: list[float] = []
    fetch(data_dir, client(tmp_path, waits), {"klass": replay})
    assert 1.0 in waits and len(Replay.seen) == 2


def test_offline_rebuilds_from_the_cache(tmp_path: Path, data_dir: Path, replay: str) -> None:
    """After one fetch, --offline gives the same table with no request; with no cache it is a clear error."""
    Replay.script = answer(REPLAY.read_bytes())
    fetch(data_dir, client(tmp_path), {"klass": replay})
    Replay.seen.clear()
    fetch(data_dir, client(tmp_path, offline=True), {"klass": replay})
    assert not Replay.seen
    with pytest.raises(FetchError, match="ingen lagret respons"):
        fetch(data_dir, client(tmp_path / "tom", offline=True), {"klass": replay})


def _codes(change: Any) -> bytes:
    """The recorded response with a change applied."""
    body = json.loads(REPLAY.read_text("utf-8"))
    change(body["codes"])
    return json.dumps(body).encode()


FAULTS = [
    ("http-500", answer(b"feil", 500), {}, "HTTP 500"),
    # urllib leaves the socket of a timed-out request to the garbage collector (a stdlib behaviour).
    pytest.param(
        "timeout",
        answer(REPLAY.read_bytes(), delay=1.5),
        {"timeout": 0.3, "retries": 1},
        "ingen svar",
        marks=pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning"),
    ),
    ("malformed", answer(b'{"codes": [ {"code": "03"'), {}, "kunne ikke lese"),
    (
        "missing-county",
        answer(_codes(lambda c: c.remove(next(x for x in c if x["code"] == "46")))),
        {},
        "mangler fylkesnummer 46",
    ),
    (
        "changed-meaning",
        answer(_codes(lambda c: c.append({**c[2], "name": "Bergen"}))),
        {},
        "fylkesnummer 03 har endret betydning",
    ),
    (
        "invalid-row",
        answer(_codes(lambda c: c[0].update(validFromInRequestedRange="1800-01-01"))),
        {},
        "validerer ikke",
    ),
]


@pytest.mark.parametrize(("case", "script", "options", "message"), FAULTS)
def test_faults_leave_data_untouched(
    tmp_path: Path,
    data_dir: Path,
    replay: str,
    case: str,
    script: list[tuple[int, bytes, float]],
    options: dict[str, Any],
    message: str,
) -> None:
    """Each fault gives its clear message naming the source, and data/ stays byte-identical."""
    Replay.script = list(script)
    before = manifest(data_dir)
    with pytest.raises(FetchError) as info:
        fetch(data_dir, client(tmp_path, **options), {"klass": replay})
    assert message in info.value.message and "fylker" in info.value.where
    assert manifest(data_dir) == before


def test_cli_prints_the_diff(tmp_path: Path, data_dir: Path, replay: str) -> None:
    """`innsyn fetch` reports rows added, changed and removed per table."""
    Replay.script = answer(_codes(lambda c: c[0].update(name="Østfold - Østfold")))
    result = CliRunner().invoke(
        main, ["fetch", "--data", str(data_dir), "--cache", str(tmp_path / "c"), "--endpoint", f"klass={replay}"]
    )
    assert result.exit_code == 0, result.output
    assert "fylker: 0 lagt til, 0 fjernet, 1 endret" in result.output
