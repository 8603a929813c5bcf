"""The preview server: loopback only unless asked, live reload injected only when serving, never in the build."""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.cli import main
from builder.config import PREVIEW_OUT, Config
from tests.conftest import FIXTURE_DATA, ROOT
from tests.nginx import free_port


def test_remote_host_needs_explicit_flag() -> None:
    """Binding to another interface without --allow-remote is a usage error."""
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output


# `innsyn serve` on the fixture: the command has no --content, and the bundled content needs the bundled data.
SERVE = (
    "import sys\nfrom pathlib import Path\nfrom builder.dev.preview import preview_config\n"
    "from builder.dev.serve import serve\nfrom tests.conftest import fast_config\n"
    "out, port = Path(sys.argv[1]), int(sys.argv[2])\n"
    "serve(preview_config(fast_config(data_dir=Path(sys.argv[3]), out_dir=out)), '127.0.0.1', port)\n"
)


def test_serve_builds_and_listens_on_loopback(tmp_path: Path) -> None:
    """The preview server builds the fixture, then answers on 127.0.0.1 with the site and the livereload script."""
    port = free_port()
    out = tmp_path / "site"
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(out), str(port), str(FIXTURE_DATA)],
        cwd=ROOT,
        stdout=log,
        stderr=log,
    )
    try:
        body = b""
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not body:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as response:
                    body = response.read()
            except OSError:
                time.sleep(0.5)
        assert b"Kompetanseinnsyn" in body and b"/fylke/46-vestland/" in body
        assert b"livereload" in body
        assert b"livereload" not in (out / "index.html").read_bytes()
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout
        assert listening and all("127.0.0.1" in line for line in listening.strip().splitlines())
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def test_serve_defaults_to_its_own_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --out, serve builds into .preview/site with drafts; --out site/ is refused with exit 2."""
    import builder.dev.serve

    seen: list[Config] = []
    monkeypatch.setattr(builder.dev.serve, "serve", lambda config, host, port: seen.append(config))
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code == 0, result.output
    assert seen[0].out_dir == PREVIEW_OUT and seen[0].drafts
    assert seen[0].report_path == PREVIEW_OUT.parent / "build-report.json"
    result = CliRunner().invoke(main, ["serve", "--out", str(Config().out_dir)])
    assert result.exit_code == 2
    assert "skriver aldri til nettstedet som publiseres" in result.output and len(seen) == 1


def test_watcher_runs_a_task_once_a_save_has_settled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A change runs its folder's task on the second poll that sees it unchanged, once; a data change, which
    rebuilds everything, skips the template task of the same poll; editor swap files are ignored."""
    from builder.dev import watch

    monkeypatch.setattr(watch.LiveReloadHandler, "reload_waiters", classmethod(lambda cls, path=None: None))
    data, templates = tmp_path / "data", tmp_path / "templates"
    for folder in (data, templates):
        folder.mkdir()
        (folder / "a.txt").write_text("1", "utf-8")
    ran: list[str] = []
    poller = watch.Poller(
        [
            watch.Task(data, lambda: ran.append("data"), (templates,)),
            watch.Task(templates, lambda: ran.append("templates")),
        ]
    )
    poller.poll()
    assert ran == []
    (templates / "a.txt").write_text("22", "utf-8")
    (templates / ".a.txt.swp").write_text("x", "utf-8")
    poller.poll()
    assert ran == []  # seen once: the save may still be going on
    poller.poll()
    poller.poll()
    assert ran == ["templates"]
    (data / "a.txt").write_text("333", "utf-8")
    (templates / "a.txt").write_text("4444", "utf-8")
    poller.poll()
    poller.poll()
    assert ran == ["templates", "data"]
    (templates / ".a.txt.swp").write_text("yy", "utf-8")
    poller.poll()
    poller.poll()
    assert ran == ["templates", "data"]
