"""Preview latency as a reader sees it: start `innsyn serve` over a copy of data/, content/ and templates/, save an
edit, and poll the served page over HTTP until the change is there (`python -m bench.preview`)."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.nginx import free_port

# A Markdown status page the benchmarks edit, since content/ has none.
STATUS_PAGE = """---
title: Status for lokal kompetanseutvikling 2024
description: En side for å måle tiden fra en endring i Markdown til oppdatert side i forhåndsvisningen.
date: 2025-03-01
---

Tildelingene for 2024 står på sidene for hvert fylke og hver ordning.
"""
ROOT = Path(__file__).resolve().parent.parent

ROUNDS = 5
TARGETS_S = {"markdown": 0.15, "template": 1.0, "data": 1.5}  # issue 14
# The serve command without the click layer: `innsyn serve` has no --content or --templates, and the bench must
# never edit the project's own content/ or templates/. Same config as serve_cmd builds (load_config, then
# preview_config inside serve()).
CHILD = (
    "import sys\nfrom pathlib import Path\nfrom builder.config import load_config\n"
    "from builder.dev.serve import serve\n"
    "root, port = Path(sys.argv[1]), int(sys.argv[2])\n"
    "config = load_config(data_dir=root / 'data', content_dir=root / 'content', templates_dir=root / 'templates',"
    " out_dir=root / '.preview' / 'site')\n"
    "serve(config, '127.0.0.1', port)\n"
)
SOURCE_TITLE = "Sluttrapport: Evaluering av ny kompetansemodell (AFI-rapport 2026:02)"  # a cell of data/kilder.csv
FOOTER = '<footer class="site-footer">'


@dataclass(frozen=True)
class Edit:
    """One kind of edit: the file it saves, how the i-th version reads, the page and the text that shows it."""

    name: str
    path: str
    change: Callable[[str, int], str]
    page: str
    marker: Callable[[int], str]


EDITS = (
    Edit(
        "markdown",
        "content/status/2024.md",
        lambda text, i: text + f"\nMålesetning nummer {i} fra redaksjonen.\n",
        "/status/2024/",
        lambda i: f"Målesetning nummer {i} fra redaksjonen.",
    ),
    Edit(
        "template",
        "templates/base.html",
        lambda text, i: text.replace(FOOTER, FOOTER + f"<p>Malmerke {i}</p>", 1),
        "/",
        lambda i: f"<p>Malmerke {i}</p>",
    ),
    Edit(
        "data",
        "data/kilder.csv",
        lambda text, i: text.replace(SOURCE_TITLE, f"{SOURCE_TITLE} – måling {i}", 1),
        "/om/",
        lambda i: f"{SOURCE_TITLE} – måling {i}",
    ),
)


def prepare(root: Path) -> None:
    """Copies of data/ (without the recorded releases, so an edited value is a draft, not a silent change),
    content/ with one status page, and templates/."""
    shutil.copytree(ROOT / "data", root / "data", ignore=shutil.ignore_patterns("__pycache__", "utgivelser"))
    shutil.copytree(ROOT / "content", root / "content")
    (root / "content" / "status").mkdir(exist_ok=True)
    (root / "content" / "status" / "2024.md").write_text(STATUS_PAGE, "utf-8")
    shutil.copytree(ROOT / "templates", root / "templates")


def fetch(url: str) -> str:
    """The body of one page, or "" when the server does not answer (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return str(response.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float, present: bool = True) -> float:
    """Poll url until its body contains text (or, with present=False, a full page without it); seconds waited
    (SystemExit on timeout)."""
    start = time.perf_counter()
    while not shows(fetch(url), text, present):
        if time.perf_counter() - start > timeout:
            raise SystemExit(f"{url} viste ikke «{text}» etter {timeout:.0f} s")
        time.sleep(0.002)
    return time.perf_counter() - start


def shows(body: str, text: str, present: bool) -> bool:
    """Whether a body is what wait_for waits for."""
    return text in body if present else "</html>" in body and text not in body


def cpu_seconds(pid: int) -> float:
    """User and system CPU time of a running process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measure(root: Path, base: str, edit: Edit, pid: int) -> tuple[list[float], list[float]]:
    """Save the edit ROUNDS times (each from the original file); time save to served page, and the server's CPU
    seconds meanwhile (on a shared machine the wall time also counts other people's work)."""
    path = root / edit.path
    original = path.read_text("utf-8")
    times, cpu = [], []
    try:
        for i in range(1, ROUNDS + 1):
            time.sleep(0.5)  # let the previous rebuild settle, so each save is measured on its own
            changed = edit.change(original, i)
            assert changed != original, f"{edit.name}: endringen traff ikke {edit.path}"
            start, used = time.perf_counter(), cpu_seconds(pid)
            path.write_text(changed, "utf-8")
            wait_for(base + edit.page, edit.marker(i), 120)
            times.append(time.perf_counter() - start)
            cpu.append(cpu_seconds(pid) - used)
    finally:
        path.write_text(original, "utf-8")
    wait_for(base + edit.page, edit.marker(ROUNDS), 120, present=False)  # the restore rebuilds too
    return times, cpu


def run() -> dict[str, dict[str, object]]:
    """Start the preview server over a copy, measure each kind of edit, print the medians against the targets."""
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        prepare(root)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        with (root / "serve.log").open("w") as log:
            proc = subprocess.Popen([sys.executable, "-c", CHILD, tmp, str(port)], cwd=ROOT, stdout=log, stderr=log)
            try:
                wait_for(base + "/status/2024/", "</html>", 300)
                for edit in EDITS:
                    times, cpu = measure(root, base, edit, proc.pid)
                    median, target = statistics.median(times), TARGETS_S[edit.name]
                    results[edit.name] = {
                        "median_s": median,
                        "runs_s": times,
                        "server_cpu_s": statistics.median(cpu),
                        "target_s": target,
                    }
                    print(
                        f"preview {edit.name:8} save to served page  {median * 1000:7.0f} ms"
                        f"   target ≤ {target * 1000:.0f} ms   {'ok' if median <= target else 'over'}"
                        f"   (server CPU {statistics.median(cpu) * 1000:.0f} ms)",
                        flush=True,
                    )
            finally:
                proc.terminate()
                proc.wait(timeout=30)
        if proc.returncode not in (0, -15):
            print((root / "serve.log").read_text("utf-8")[-2000:], file=sys.stderr)
    return results


if __name__ == "__main__":
    run()
