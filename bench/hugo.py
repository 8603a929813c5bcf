"""The Hugo anchor (../shared/bench/anchor): the same kind of 48-page site built by Hugo, timed in the same run as
the project's build so that the benchmark reports ratios, which drift far less than absolute times."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bench.scale import ROOT

ANCHOR = ROOT.parent / "shared" / "bench" / "anchor"


def available() -> bool:
    """Whether Hugo and the anchor generator are both there (Debian: `apt-get install hugo`)."""
    return shutil.which("hugo") is not None and (ANCHOR / "gen.py").is_file()


def prepare(work: Path, factor: int = 1) -> Path:
    """Generate the anchor site (48 × factor entity pages) under work; returns its Hugo source folder."""
    subprocess.run([sys.executable, str(ANCHOR / "gen.py"), str(factor), str(work)], check=True, capture_output=True)
    return work / "hugo"


def cpu_of_children() -> float:
    """User + system CPU seconds of every finished child so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def hugo_once(source: Path, out: Path) -> dict[str, float]:
    """One Hugo build into an empty folder: wall and CPU seconds."""
    shutil.rmtree(out, ignore_errors=True)
    cpu, start = cpu_of_children(), time.perf_counter()
    subprocess.run(["hugo", "--quiet", "-s", str(source), "-d", str(out)], check=True, capture_output=True)
    return {"wall_s": time.perf_counter() - start, "cpu_s": cpu_of_children() - cpu}
