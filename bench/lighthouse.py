"""Lighthouse 12 (mobile) on the bundled site: front page, a county page, a scheme page and a budget post.

`python -m bench.lighthouse` builds the bundled data into a temporary folder, serves it with `python -m http.server`
on localhost and runs Lighthouse with Debian's Chromium, printing performance, accessibility and best-practices
scores with total blocking time and largest contentful paint per page. Lighthouse is run from a cache folder
under /tmp (`npm install lighthouse@12` the first time). `--precompressed` serves the build's `.gz` files with
`Content-Encoding: gzip` instead, as nginx's `gzip_static` does in production (deploy/kompetanseinnsyn.conf)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.scale import ROOT

CACHE = Path(os.environ.get("KOMPETANSEINNSYN_LIGHTHOUSE", "/tmp/kompetanseinnsyn-lighthouse"))
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
FIXED_PAGES = ("/", "/fylke/03-oslo/", "/budsjett/226-21/")
CATEGORIES = ("performance", "accessibility", "best-practices")
TARGET = 90  # issue 14: mobile performance on the county, scheme and front pages


def lighthouse_cli() -> Path:
    """The Lighthouse 12 command line in the cache folder, installed with npm the first time."""
    cli = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
    if not cli.is_file():
        if shutil.which("npm") is None:
            raise SystemExit("npm mangler: installer Node.js (apt-get install nodejs npm)")
        CACHE.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(CACHE), "lighthouse@12"],
                       check=True, capture_output=True)  # fmt: skip
    return cli


def build_site(out: Path) -> Path:
    """The bundled data and content built into out (as `innsyn build --out` does); returns the served folder."""
    command = [sys.executable, "-m", "builder", "build", "--out", str(out)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bygget feilet ({done.returncode}):\n{done.stderr[-3000:]}")
    return out.resolve()


def scheme_page(site: Path) -> str:
    """The first scheme page in the sitemap."""
    text = (site / "sitemap.xml").read_text("utf-8")
    paths = [re.sub(r"^https?://[^/]+", "", u) for u in re.findall(r"<loc>([^<]+)</loc>", text)]
    return next(p for p in paths if re.fullmatch(r"/ordning/[^/]+/", p))


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(port: int) -> None:
    """Wait until the server accepts connections (at most 10 s)."""
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise SystemExit("http.server startet ikke")


def run_lighthouse(cli: Path, url: str, report: Path) -> dict[str, Any]:
    """One mobile Lighthouse run: the three scores (0–100), TBT and LCP in milliseconds."""
    command = ["node", str(cli), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", "--form-factor=mobile",
               "--chrome-flags=--headless=new --no-sandbox"]  # fmt: skip
    done = subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROME}, capture_output=True, text=True)
    if done.returncode != 0 or not report.is_file():
        raise SystemExit(f"Lighthouse feilet for {url}:\n{done.stderr[-2000:]}")
    data = json.loads(report.read_text("utf-8"))
    scores = {c: round(100 * (data["categories"][c]["score"] or 0)) for c in CATEGORIES}
    audits = data["audits"]
    return {**scores, "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
            "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"])}  # fmt: skip


class Precompressed(SimpleHTTPRequestHandler):
    """Static files, answered with the build's `.gz` sibling where the client accepts gzip (like `gzip_static`)."""

    def send_head(self) -> Any:
        """The `.gz` file with the original's type when it exists and is accepted, else the plain file."""
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        packed = path.with_name(path.name + ".gz")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not packed.is_file():
            return super().send_head()
        body = packed.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(packed.stat().st_size))
        self.end_headers()
        return body

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""


@contextmanager
def serving(site: Path, precompressed: bool) -> Iterator[int]:
    """`python -m http.server` on a free loopback port (or the gzip-aware handler); yields the port."""
    port = free_port()
    if precompressed:
        server = ThreadingHTTPServer(("127.0.0.1", port), partial(Precompressed, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            yield port
        finally:
            server.shutdown()
            server.server_close()
        return
    serve = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(site)]
    process = subprocess.Popen(serve, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(port)
        yield port
    finally:
        process.terminate()
        process.wait(10)


def measure(site: Path, pages: list[str], work: Path, precompressed: bool = False) -> dict[str, dict[str, Any]]:
    """Serve the site and run Lighthouse on each page."""
    cli = lighthouse_cli()
    with serving(site, precompressed) as port:
        return {
            p: run_lighthouse(cli, f"http://127.0.0.1:{port}{p}", work / f"lh{i}.json") for i, p in enumerate(pages)
        }


def report(results: dict[str, dict[str, Any]], precompressed: bool = False) -> None:
    """One line per page, and whether the performance target is met."""
    served = "gzip som nginx" if precompressed else "python -m http.server, ukomprimert"
    print(f"Lighthouse 12, mobil ({CHROME}; {served}); mål: ytelse minst {TARGET}")
    for page, r in results.items():
        mark = "ok" if r["performance"] >= TARGET else "under målet"
        print(f"  {page:32} ytelse {r['performance']:3}  tilgjengelighet {r['accessibility']:3}  beste praksis "
              f"{r['best-practices']:3}  TBT {r['tbt_ms']:5} ms  LCP {r['lcp_ms']:5} ms  {mark}")  # fmt: skip


def run(precompressed: bool = False) -> dict[str, dict[str, Any]]:
    """Build, serve and measure; returns the scores per page."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        work = Path(tmp)
        site = build_site(work / "site")
        pages = [*FIXED_PAGES[:2], scheme_page(site), *FIXED_PAGES[2:]]
        results = measure(site, pages, work, precompressed)
    report(results, precompressed)
    return results


if __name__ == "__main__":
    run(precompressed="--precompressed" in sys.argv[1:])
