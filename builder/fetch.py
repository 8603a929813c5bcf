"""`innsyn fetch`: refresh reference tables from public APIs into data/, atomically and with provenance.

Implemented source: SSB Klass classification 104 (county codes and their validity) → data/fylker.csv.
Every response is cached by URL and retrieval date, so `--offline` rebuilds the same tables; nothing in
data/ changes unless every fetched table validates with the same rules as hand-written data."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.contract import load_contract
from builder.errors import BuildError, Exit
from builder.validate import validate

USER_AGENT = "Kompetanseinnsyn/0.1 (+https://kompetanseinnsyn.no; innsyn fetch)"
ENDPOINTS = {"klass": "https://data.ssb.no/api/klass/v1"}


class FetchError(BuildError):
    """A source could not be fetched or parsed; names the source and the HTTP status or parse error."""

    def __init__(self, source: str, message: str):
        super().__init__(f"kilde «{source}»", message, code=Exit.DATA)


@dataclass
class Client:
    """A polite HTTP client: timeouts, a User-Agent, spacing between requests, retries with back-off on 429/5xx,
    and a cache of raw responses keyed by URL and retrieval date."""

    cache_dir: Path
    offline: bool = False
    timeout: float = 30.0
    retries: int = 4
    backoff: float = 2.0
    min_interval: float = 2.0  # SSB allows 30 queries a minute
    today: str = field(default_factory=lambda: dt.date.today().isoformat())
    sleep: Callable[[float], None] = time.sleep
    _last: float = 0.0

    def get(self, source: str, url: str) -> bytes:
        """The body of a GET, from the cache when offline."""
        if self.offline:
            return self._cached(source, url)
        for attempt in range(self.retries + 1):
            wait = self.min_interval - (time.monotonic() - self._last)
            if wait > 0:
                self.sleep(wait)
            self._last = time.monotonic()
            try:
                request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body: bytes = response.read()
                self._store(url, body)
                return body
            except urllib.error.HTTPError as exc:
                if (exc.code != 429 and exc.code < 500) or attempt == self.retries:
                    raise FetchError(source, f"HTTP {exc.code} fra {url}") from exc
                retry_after = exc.headers.get("Retry-After", "")
                self.sleep(float(retry_after) if retry_after.isdigit() else self.backoff * 2**attempt)
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                if attempt == self.retries:
                    raise FetchError(source, f"ingen svar fra {url} ({exc})") from exc
                self.sleep(self.backoff * 2**attempt)
        raise FetchError(source, f"ga opp etter {self.retries} nye forsøk: {url}")

    def _key(self, url: str) -> str:
        return hashlib.sha256(url.encode()).hexdigest()[:24]

    def _store(self, url: str, body: bytes) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        (self.cache_dir / f"{self._key(url)}-{self.today}.body").write_bytes(body)

    def _cached(self, source: str, url: str) -> bytes:
        hits = sorted(self.cache_dir.glob(f"{self._key(url)}-*.body"))
        if not hits:
            raise FetchError(source, f"ingen lagret respons for {url} (kjør uten --offline først)")
        return hits[-1].read_bytes()


def klass_counties_url(base: str, last_year: int) -> str:
    """The Klass request for every county code valid from 1919 to the end of `last_year`."""
    return f"{base}/classifications/104/codes?from=1919-01-01&to={last_year + 1}-01-01"


def counties_from_klass(body: bytes, source: str) -> list[dict[str, Any]]:
    """Rows for data/fylker.csv from a Klass `codes` response; a code that changed meaning is an error."""
    try:
        codes = json.loads(body)["codes"]
    except (ValueError, KeyError, TypeError) as exc:
        raise FetchError(source, f"kunne ikke lese svaret som Klass-JSON: {exc}") from exc
    rows: dict[str, dict[str, Any]] = {}
    for item in codes:
        try:
            code, name = str(item["code"]), str(item["name"])
            start, end = str(item["validFromInRequestedRange"]), item.get("validToInRequestedRange")
        except KeyError as exc:
            raise FetchError(source, f"mangler feltet {exc} i {item}") from exc
        short = name.split(" - ")[0]
        if code in rows and rows[code]["navn"] != short:
            raise FetchError(source, f"fylkesnummer {code} har endret betydning: «{rows[code]['navn']}» og «{short}»")
        rows[code] = {
            "fylkesnummer": code,
            "navn": short,
            "offisielt_navn": name if " - " in name else "",
            "gyldig_fra_aar": int(start[:4]),
            "gyldig_til_aar": int(str(end)[:4]) - 1 if end else "",
            "kilde_id": "ssb-klass-104",
        }
    return [rows[k] for k in sorted(rows)]


def check_complete(rows: list[dict[str, Any]], expected: set[str], source: str) -> None:
    """Every county the data already uses must still be in the response."""
    missing = sorted(expected - {r["fylkesnummer"] for r in rows})
    if missing:
        raise FetchError(source, f"svaret mangler fylkesnummer {', '.join(missing)}")


def csv_text(fields: list[str], rows: Sequence[Mapping[str, Any]]) -> str:
    """Rows as the data package's CSV dialect (UTF-8, comma, LF)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def diff(old: str, new: str, key: list[str]) -> dict[str, int]:
    """Rows added, changed and removed between two CSV texts, by primary key."""

    def index(text: str) -> dict[tuple[str, ...], dict[str, str]]:
        return {tuple(r[k] for k in key): r for r in csv.DictReader(io.StringIO(text))}

    before, after = index(old), index(new)
    return {
        "lagt til": len(after.keys() - before.keys()),
        "fjernet": len(before.keys() - after.keys()),
        "endret": sum(1 for k in after.keys() & before.keys() if after[k] != before[k]),
    }


def fetch(
    data_dir: Path, client: Client, endpoints: Mapping[str, str], only: str | None = None, year: int | None = None
) -> dict[str, Any]:
    """Fetch every source into a copy of data/, validate the copy, then replace the changed files."""
    if only not in (None, "fylker"):
        raise BuildError("--only", f"ukjent kilde «{only}» (kjente: fylker)", code=Exit.USAGE)
    contract = load_contract(data_dir)
    url = klass_counties_url(endpoints["klass"], year or contract.last_year)
    rows = counties_from_klass(client.get("fylker", url), "fylker")
    used = {r["fylkesnummer"] for r in validate(contract).rows.get("fylker", [])}
    check_complete(rows, used, "fylker")
    spec = contract.resource("fylker")
    new_text = csv_text([f.name for f in spec.fields], rows)
    old_text = (data_dir / spec.path).read_text("utf-8")
    with tempfile.TemporaryDirectory(prefix="innsyn-fetch-") as tmp:
        staged = Path(tmp) / "data"
        shutil.copytree(data_dir, staged, ignore=shutil.ignore_patterns("__pycache__"))
        (staged / spec.path).write_text(new_text, "utf-8")
        _record_source(staged, url, client.today)
        result = validate(load_contract(staged))
        if not result.ok:
            lines = "\n".join(f.human() for f in result.findings if f.severity == "error")
            raise FetchError("fylker", f"de hentede tabellene validerer ikke:\n{lines}")
        for name in (spec.path, "kilder.csv"):
            target = data_dir / name
            tmp_target = target.with_name(f".{target.name}.fetch-{os.getpid()}")
            shutil.copyfile(staged / name, tmp_target)
            os.replace(tmp_target, target)
    return {"fylker": diff(old_text, new_text, list(spec.primary_key)), "url": url}


def _record_source(data: Path, url: str, today: str) -> None:
    """Record the exact request URL and the retrieval date on the source row."""
    path = data / "kilder.csv"
    rows = list(csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    for row in rows:
        if row["kilde_id"] == "ssb-klass-104":
            row["url"], row["dato"] = url, today
    path.write_text(csv_text(list(rows[0]), rows), "utf-8")
