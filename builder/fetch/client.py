"""A polite HTTP client for the public APIs: timeouts, spacing, retries with back-off, a raw-response cache."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from builder.errors import BuildError, Exit

USER_AGENT = "Kompetanseinnsyn/0.1 (+https://kompetanseinnsyn.no; innsyn fetch)"


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

    def get(self, source: str, url: str, accept: str = "application/json") -> bytes:
        """The body of a GET (asking for `accept`), from the cache when offline."""
        if self.offline:
            return self._cached(source, url)
        for attempt in range(self.retries + 1):
            wait = self.min_interval - (time.monotonic() - self._last)
            if wait > 0:
                self.sleep(wait)
            self._last = time.monotonic()
            try:
                request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    body: bytes = response.read()
                self._store(url, body)
                return body
            except urllib.error.HTTPError as exc:
                exc.close()  # the error holds the response's socket; closing it here, not in the garbage collector
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
