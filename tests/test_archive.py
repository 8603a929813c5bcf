"""The offline archive of a release (the whole site, the input data package and SHA256SUMS) and the bulk data ZIP
(every CSV with datapackage.json, LESMEG.txt and LISENS.txt), checked against the fixture package and the built
site's own files."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from builder.build import assemble, render
from builder.model.datasets import Release
from builder.render.archive import input_package
from builder.render.bulk_readme import readme
from tests.conftest import FIXTURE_DATA, fast_config
from tests.nginx import free_port

PACKAGE = json.loads((FIXTURE_DATA / "datapackage.json").read_text(encoding="utf-8"))
VERSION = PACKAGE["x-release"]["version"]
ARCHIVE = f"data/v/{VERSION}/kompetanseinnsyn-{VERSION}-nettsted-DEMO.zip"  # the fixture is a demo package
BULK = "data/siste/kompetanseinnsyn-DEMO.zip"
COMPRESSED = (".br", ".gz")


def site_files(root: Path) -> dict[str, Path]:
    """Every file of a built site by its path, without the precompressed copies."""
    out = {}
    for folder, _, names in os.walk(root):
        for name in names:
            path = Path(folder, name)
            if not name.endswith(COMPRESSED):
                out[path.relative_to(root).as_posix()] = path
    return out


@pytest.fixture(scope="module")
def unpacked(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built fixture site's archive, unpacked."""
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(built_site / ARCHIVE) as archive:
        archive.extractall(dest)
    return dest


def test_archive_at_the_versioned_path_says_demo(built_site: Path) -> None:
    """A demo build's archive lies in the version's fixed folder with DEMO in its name; the name without is absent."""
    assert (built_site / ARCHIVE).is_file()
    assert not (built_site / ARCHIVE.replace("-DEMO", "")).exists()
    data = (built_site / ARCHIVE).read_bytes()
    sidecar = (built_site / f"{ARCHIVE}.sha256").read_text(encoding="utf-8")
    assert sidecar == f"{hashlib.sha256(data).hexdigest()}  {ARCHIVE.rsplit('/', 1)[1]}\n"


def test_checksums_cover_and_verify_every_file(unpacked: Path) -> None:
    """SHA256SUMS lists every other file of the archive once, each with its own sha256 (coreutils format)."""
    listed = {}
    for line in (unpacked / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, _, path = line.partition("  ")
        assert len(digest) == 64 and path not in listed
        listed[path] = digest
    files = {p.relative_to(unpacked).as_posix() for p in unpacked.rglob("*") if p.is_file()}
    assert set(listed) == files - {"SHA256SUMS"}
    for path, digest in listed.items():
        assert hashlib.sha256((unpacked / path).read_bytes()).hexdigest() == digest, path
    done = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=unpacked, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_archive_holds_the_whole_site(built_site: Path, unpacked: Path) -> None:
    """Every file of the release but the precompressed copies, the search index and the archive itself, byte-equal;
    every HTML page among them."""
    built = site_files(built_site)
    expected = {p for p in built if not p.startswith("pagefind/") and not p.startswith(ARCHIVE)}
    inside = {p for p in site_files(unpacked) if not p.startswith("datapakke/")} - {"SHA256SUMS"}
    assert inside == expected
    assert {p for p in built if p.endswith(".html")} <= inside
    assert "index.html" in inside and "nn/index.html" in inside and "data/index.html" in inside
    for path in sorted(inside):
        assert (unpacked / path).read_bytes() == built[path].read_bytes(), path


def test_archive_holds_the_input_package(unpacked: Path) -> None:
    """datapakke/ is the fixture's datapackage.json and every resource it lists, byte for byte, and nothing else."""
    names = {"datapackage.json", *(r["path"] for r in PACKAGE["resources"])}
    folder = unpacked / "datapakke"
    inside = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert inside == names
    for name in names:
        assert (unpacked / "datapakke" / name).read_bytes() == (FIXTURE_DATA / name).read_bytes(), name


def test_data_page_links_the_archive_with_its_size(built_site: Path) -> None:
    """Both data pages link the archive and give its size in whole kB, the size of the archive they are in."""
    size = round((built_site / ARCHIVE).stat().st_size / 1000)  # kB as in SI
    for page in ("data/index.html", "nn/data/index.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        link = re.search(rf'<a href="/{re.escape(ARCHIVE)}" download>[^<]*\(([\d\s]+) kB\)</a>', html)
        assert link, page
        assert int(re.sub(r"\s", "", link.group(1))) == size, page


def test_two_renders_give_the_same_archive(built_site: Path) -> None:
    """The session build's archive and a fresh render of the same input are the same bytes."""
    assembly = assemble(fast_config(data_dir=FIXTURE_DATA))
    files = render(assembly.site, assembly.bulk, assembly.config, None, input_package(assembly.contract))
    assert files[ARCHIVE] == (built_site / ARCHIVE).read_bytes()
    assert files["data/index.html"] == (built_site / "data/index.html").read_bytes()


@pytest.fixture(scope="module")
def served(unpacked: Path) -> Iterator[str]:
    """`python -m http.server` in the unpacked folder, on a free port; stopped after the tests."""
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=unpacked,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(base + "/robots.txt", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        proc.kill()
        proc.wait(timeout=10)


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("/", "index.html"),
        ("/fylke/46-vestland/", "fylke/46-vestland/index.html"),
        ("/nn/", "nn/index.html"),
        ("/data/siste/tildelinger.csv", "data/siste/tildelinger.csv"),
    ],
)
def test_unpacked_archive_serves_offline(served: str, built_site: Path, url: str, path: str) -> None:
    """Served from the unpacked folder as root, pages and downloads come back whole (links are root-relative)."""
    with urllib.request.urlopen(served + url, timeout=10) as response:
        assert response.status == 200
        assert response.read() == (built_site / path).read_bytes()


def bulk_members(built_site: Path) -> dict[str, bytes]:
    """The bulk ZIP's members by name."""
    with zipfile.ZipFile(io.BytesIO((built_site / BULK).read_bytes())) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_bulk_zip_holds_package_readme_licence_and_every_csv(built_site: Path) -> None:
    """Every CSV of /data/siste/ byte-equal, datapackage.json as published, LESMEG.txt (saying DEMO) and
    LISENS.txt naming NLOD 2.0 and its address."""
    members = bulk_members(built_site)
    csvs = {p.name for p in (built_site / "data/siste").glob("*.csv")}
    assert len(csvs) == 2 * len(PACKAGE["resources"])
    assert set(members) == csvs | {"datapackage.json", "LESMEG.txt", "LISENS.txt"}
    for name in csvs | {"datapackage.json"}:
        assert members[name] == (built_site / "data/siste" / name).read_bytes(), name
    text = members["LESMEG.txt"].decode("utf-8")
    assert text.startswith("Kompetanseinnsyn – hele datasettet – DEMO")
    assert f"Dataversjon: {VERSION}" in text and "Utdanningsdirektoratet" in text
    assert f"https://kompetanseinnsyn.no/data/v/{VERSION}/" in text
    assert all(f"  {name}: " in text for name in members)
    assert "  beregnet: " in text
    licence = members["LISENS.txt"].decode("utf-8")
    assert "Norsk lisens for offentlige data (NLOD) 2.0" in licence and "https://data.norge.no/nlod/no/2.0" in licence


def test_bulk_package_resources_resolve_inside_the_zip(built_site: Path, tmp_path: Path) -> None:
    """Every resource path of the ZIP's datapackage.json is a member with the declared sha256, and frictionless
    validates the unpacked package."""
    members = bulk_members(built_site)
    package = json.loads(members["datapackage.json"])
    assert len(package["resources"]) == len(PACKAGE["resources"])
    for resource in package["resources"]:
        data = members[resource["path"]]
        assert resource["hash"] == f"sha256:{hashlib.sha256(data).hexdigest()}"
        assert resource["bytes"] == len(data)
    for name, data in members.items():
        (tmp_path / name).write_bytes(data)
    from frictionless import Package

    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["resourceName", "message"])[:5]


def test_public_readme_does_not_say_demo() -> None:
    """A public release's LESMEG.txt names the release and has no DEMO."""
    text = readme(Release("2026.2", "2026-12-02", "NLOD-2.0", "https://kompetanseinnsyn.no"), (), ()).decode()
    assert text.startswith("Kompetanseinnsyn – hele datasettet\r\n")
    assert "DEMO" not in text and "Dataversjon: 2026.2" in text and "2. desember 2026" in text
