"""The site as nginx serves it with deploy/: headers, precompression, a strict CSP in a real browser, and load."""

from __future__ import annotations

import functools
import gzip
import re
import shutil
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import brotli
import pytest

from builder.publish.releases import swap as _swap
from tests.browser import CHROMIUM, CHROMIUM_ARGS, have_chromium
from tests.nginx import have_nginx, nginx

pytestmark = pytest.mark.skipif(not have_nginx(), reason="nginx with the brotli module is missing (make system-deps)")
CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; "
    "style-src 'self' 'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
PAGE_TYPES = [
    "/",
    "/fylke/",
    "/fylke/46-vestland/",
    "/fylke/30-viken/",
    "/ordning/",
    "/ordning/dekomp/",
    "/ar/",
    "/ar/2024/",
    "/sammenlign/?fylker=03,46",
    "/status/2024/",
    "/om/",
    "/finnes-ikke/",
]


@pytest.fixture(scope="module")
def served(built_site: Path) -> Iterator[tuple[str, Path]]:
    """nginx on loopback serving a copy of the built site through a `site` symlink, in a directory its
    workers (www-data when started as root) can read."""
    base = Path(tempfile.mkdtemp(prefix="innsyn-nginx-"))
    try:
        base.chmod(0o755)
        release = base / ".site-releases" / "a"
        shutil.copytree(built_site.resolve(), release)
        for path in [base / ".site-releases", *release.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        root = base / "site"
        _swap(root, release)
        with nginx(root, base / "nginx") as url:
            yield url, root
    finally:
        shutil.rmtree(base, ignore_errors=True)


def get(url: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    """Status, headers (lower-case names) and body of a GET."""
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def test_html_headers(served: tuple[str, Path]) -> None:
    """HTML: the exact CSP, nosniff, a referrer policy and no-cache."""
    status, headers, _ = get(served[0] + "/fylke/46-vestland/")
    assert status == 200
    assert headers["content-security-policy"] == CSP
    assert "unsafe-inline" not in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
    assert headers["cache-control"] == "no-cache"
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_hashed_assets_are_immutable(served: tuple[str, Path]) -> None:
    """Content-hashed assets are cached for a year and keep the security headers."""
    url, root = served
    asset = next(root.resolve().joinpath("assets").rglob("site.*.css"))
    status, headers, _ = get(url + "/" + asset.relative_to(root.resolve()).as_posix())
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(("encoding", "decode"), [("br", brotli.decompress), ("gzip", gzip.decompress)])
def test_precompressed_files(served: tuple[str, Path], encoding: str, decode: Any) -> None:
    """The .br and .gz files are served with Vary, and decompress to exactly the original bytes."""
    url, root = served
    status, headers, body = get(url + "/fylke/46-vestland/", **{"Accept-Encoding": encoding})
    assert status == 200
    assert headers["content-encoding"] == encoding
    assert "Accept-Encoding" in headers["vary"]
    assert decode(body) == (root / "fylke" / "46-vestland" / "index.html").read_bytes()


def test_csv_is_a_utf8_download(served: tuple[str, Path]) -> None:
    """CSV extracts: text/csv in UTF-8, offered as a download, revalidated every time."""
    status, headers, body = get(served[0] + "/data/fylke/46-vestland/per-ordning-og-aar.csv")
    assert status == 200
    assert headers["content-type"] == "text/csv; charset=utf-8"
    assert headers["content-disposition"] == "attachment"
    assert headers["cache-control"] == "no-cache" and headers["x-content-type-options"] == "nosniff"
    assert body.startswith(b"\xef\xbb\xbf")
    lines = body.decode("utf-8-sig").split("\r\n")
    assert "2021;;;5300000;offisiell;;;5300000;offisiell" in lines  # Vestland's official Kompetanseløftet frame
    assert "2024;75000000;eksempel;;;14500000;eksempel;89500000;eksempel" in lines


@pytest.mark.parametrize(
    ("path", "media_type"),
    [("/data/katalog.ttl", "text/turtle"), ("/data/katalog.jsonld", "application/ld+json")],
)
def test_catalogue_has_its_media_type(served: tuple[str, Path], path: str, media_type: str) -> None:
    """The DCAT-AP-NO catalogue is served as Turtle and JSON-LD in UTF-8, so a harvester can tell them apart."""
    status, headers, body = get(served[0] + path)
    assert status == 200
    assert headers["content-type"] == f"{media_type}; charset=utf-8"
    assert headers["x-content-type-options"] == "nosniff"
    assert body == (served[1] / path.lstrip("/")).read_bytes()


@pytest.mark.parametrize("folder", ["/data/siste/", "/data/v/9999.1/"])
def test_data_folders_list_their_files(served: tuple[str, Path], folder: str) -> None:
    """The folders the data page and the citations name answer with a listing of their files, not 403."""
    status, headers, body = get(served[0] + folder)
    assert status == 200 and headers["content-type"].startswith("text/html")
    names = set(re.findall(r'<a href="([^"]+)"', body.decode("utf-8"))) - {"../"}
    on_disk = {p.name + ("/" if p.is_dir() else "") for p in (served[1] / folder.strip("/")).iterdir()}
    assert names == on_disk and any(n.endswith(".csv") for n in names), names ^ on_disk


class _Stay(urllib.request.HTTPRedirectHandler):
    """Report a redirect instead of following it."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def test_a_moved_page_redirects_permanently(served: tuple[str, Path]) -> None:
    """The scheme's earlier address and its index.html answer 301 to the new one (the build's nginx rules)."""
    opener = urllib.request.build_opener(_Stay)
    for old in ("/ordning/dekomp-dekomp/", "/ordning/dekomp-dekomp/index.html"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            opener.open(served[0] + old, timeout=10)
        caught.value.close()
        assert caught.value.code == 301, old
        assert caught.value.headers["Location"] == served[0] + "/ordning/dekomp/", old
    with pytest.raises(urllib.error.HTTPError) as caught:  # the newest downloads under the earlier address too
        opener.open(served[0] + "/data/ordning/dekomp-dekomp/nasjonalt.csv", timeout=10)
    caught.value.close()
    assert caught.value.code == 301
    assert caught.value.headers["Location"] == served[0] + "/data/ordning/dekomp/nasjonalt.csv"


def test_not_found_has_headers_and_page(served: tuple[str, Path]) -> None:
    """A missing page gives 404 with our page and the security headers."""
    status, headers, body = get(served[0] + "/finnes-ikke/")
    assert status == 404
    assert headers["content-security-policy"] == CSP
    assert b"Fant ikke siden" in body


def _note_csp(sink: list[str], message: Any) -> None:
    """Keep console messages about the Content Security Policy."""
    if "Content Security Policy" in message.text:
        sink.append(message.text)


@pytest.mark.skipif(not have_chromium(), reason="Debian chromium missing")
def test_no_csp_violations_and_charts_drawn(served: tuple[str, Path]) -> None:
    """Under the real CSP: zero securitypolicyviolation events, every chart's SVG there and the interactive chart
    drawn when asked for, on every page type."""
    from playwright.sync_api import sync_playwright

    problems = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        context.add_init_script(
            "window.__csp = []; document.addEventListener('securitypolicyviolation',"
            " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        for path in PAGE_TYPES:
            page = context.new_page()
            console: list[str] = []
            page.on("console", functools.partial(_note_csp, console))
            page.goto(served[0] + path, wait_until="load")
            figures = page.locator("figure.chart-figure").count()
            static = page.locator("figure.chart-figure .chart-static svg").count()
            if page.locator("button.chart-upgrade").count():  # plotly.js loads and draws under the CSP too
                page.locator("button.chart-upgrade").first.click()
            if figures and (path.startswith("/sammenlign/") or page.locator("button.chart-upgrade").count()):
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=15000)
            drawn = page.evaluate("document.querySelectorAll('.js-plotly-plot .trace').length")
            if not path.startswith("/sammenlign/"):  # the comparison page draws with plotly.js from the start
                drawn = drawn if page.locator("button.chart-upgrade").count() else static
            if path == "/":
                page.fill("#sok input", "Vestland")
                page.wait_for_selector(".pagefind-ui__result-link", timeout=15000)
            violations = page.evaluate("window.__csp")
            missing = (figures and not drawn) or (figures and not path.startswith("/sammenlign/") and static < figures)
            if violations or console or missing:
                problems[path] = (violations, console, drawn)
            page.close()
        browser.close()
    assert not problems, problems


@pytest.mark.skipif(not shutil.which("wrk"), reason="wrk missing (make system-deps)")
def test_load_with_release_swaps(served: tuple[str, Path], tmp_path: Path) -> None:
    """A short wrk run on a county page and the chart bundle while the release is swapped: no errors."""
    url, root = served
    release = root.resolve()
    twin = release.parent / (release.name + "-twin")
    shutil.copytree(release, twin)
    bundle = next((release / "assets" / "vendor").glob("plotly-basic.min.*.js")).relative_to(release).as_posix()
    stop = threading.Event()
    swaps = 0

    def swapper() -> None:
        nonlocal swaps
        while not stop.is_set():
            _swap(root, twin if swaps % 2 == 0 else release)
            swaps += 1

    thread = threading.Thread(target=swapper)
    thread.start()
    try:
        outputs = [
            subprocess.run(
                ["wrk", "-t1", "-c16", "-d3s", "-H", "Accept-Encoding: br", f"{url}{target}"],
                capture_output=True,
                text=True,
                timeout=30,
            ).stdout
            for target in ("/fylke/46-vestland/", "/" + bundle)
        ]
    finally:
        stop.set()
        thread.join()
        _swap(root, release)
        shutil.rmtree(twin)
    for out in outputs:
        assert "Non-2xx" not in out, out
        assert "Socket errors" not in out, out
        assert int(re.search(r"(\d+) requests in", out).group(1)) > 100, out  # type: ignore[union-attr]
    assert swaps > 10
