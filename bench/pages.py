"""The page-scaling mode: the demo package with 0, 100, 1 000 and 10 000 generated recipients, each build measured
on its own (wall, CPU and peak memory of that child process alone), and the cost of each added page."""

from __future__ import annotations

import itertools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import summary
from bench.scale import DEMO_CONTENT, ROOT, demo_with_recipients

# 0: the baseline the per-recipient cost is measured from; BENCH_SIZES=0,100,1000 runs fewer (a quick look)
SIZES = tuple(int(n) for n in os.environ.get("BENCH_SIZES", "0,100,1000,10000").split(","))
RUNS = {0: 3, 100: 3, 1_000: 2, 10_000: 1}
CPU_PER_PAGE_TARGET_MS = 10.0  # issue 14: CPU per added page, downloads included
COST_RATIO_TARGET = 1.2  # issue 14: cost per page at 10 000 pages against 100
PEAK_TARGET_MIB = 400  # issue 14: peak memory at 100 × rows


def build_measured(data: Path, out: Path) -> dict[str, float]:
    """One `innsyn build` of a demo package from an empty output folder, in a child process whose own resource
    usage (os.wait4) gives CPU time and peak memory; plus the pages, files and stage times it printed."""
    shutil.rmtree(out.parent / f".{out.name}-releases", ignore_errors=True)
    out.unlink(missing_ok=True)
    command = [sys.executable, "-m", "builder", "build", "--data", str(data), "--content", str(DEMO_CONTENT)]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([*command, "--out", str(out)], stdout=subprocess.DEVNULL, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise SystemExit(f"bygget av {data} feilet ({proc.returncode}):\n{text[-3000:]}")
    printed = summary.parse(text.strip().splitlines()[-1])
    cpu = usage.ru_utime + usage.ru_stime
    return {"wall_s": wall, "cpu_s": cpu, "peak_mib": usage.ru_maxrss / 1024, **printed}


def measure(tmp: Path) -> dict[str, dict[str, Any]]:
    """Every size built RUNS times: the medians, and the rows of the generated package."""
    results: dict[str, dict[str, Any]] = {}
    for size in SIZES:
        data = tmp / f"demo-{size}"
        rows = demo_with_recipients(size, data)
        runs = [build_measured(data, tmp / f"site-{size}") for _ in range(RUNS[size])]
        median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
        results[str(size)] = {"rows": rows, "runs": len(runs), **median}
        print(
            f"{size:>6} mottakere  sider {median['pages']:.0f}  filer {median['files']:.0f}  "
            f"tid {median['wall_s']:.1f} s  CPU {median['cpu_s']:.1f} s  topp {median['peak_mib']:.0f} MiB  "
            f"(load {median.get('load_s', 0):.1f} model {median.get('model_s', 0):.1f} "
            f"render {median.get('render_s', 0):.1f} write {median.get('write_s', 0):.1f} s)",
            flush=True,
        )
        shutil.rmtree(data)
    return results


def per_page(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """CPU per added page between sizes, CPU per recipient page over the baseline, and the ratio 10 000 / 100."""
    steps = {}
    for a, b in itertools.pairwise(SIZES[1:]):
        ra, rb = results[str(a)], results[str(b)]
        added = rb["pages"] - ra["pages"]
        steps[f"{a}-{b}"] = {
            "added_pages": added,
            "cpu_ms_per_page": 1000 * (rb["cpu_s"] - ra["cpu_s"]) / added,
            "wall_ms_per_page": 1000 * (rb["wall_s"] - ra["wall_s"]) / added,
        }
    base = results["0"]
    over_base = {
        str(s): 1000 * (results[str(s)]["cpu_s"] - base["cpu_s"]) / (results[str(s)]["pages"] - base["pages"])
        for s in SIZES[1:]
    }
    average = {str(s): 1000 * results[str(s)]["cpu_s"] / results[str(s)]["pages"] for s in SIZES[1:]}
    first, last = str(SIZES[1]), str(SIZES[-1])
    return {
        "steps": steps,
        "cpu_ms_per_recipient_page": over_base,
        "cpu_ms_per_page_all": average,
        "cost_ratio": over_base[last] / over_base[first],
        "cost_ratio_all_pages": average[last] / average[first],
    }


def report(results: dict[str, dict[str, Any]], scaling: dict[str, Any]) -> None:
    """The figures against their targets."""
    print("\nmål                                                målt            mål")
    for step, s in scaling["steps"].items():
        print(
            f"CPU per ny side {step:<13} ({s['added_pages']:.0f} sider)  {s['cpu_ms_per_page']:6.1f} ms"
            f"       ≤ {CPU_PER_PAGE_TARGET_MS:.0f} ms   (veggtid {s['wall_ms_per_page']:.1f} ms)"
        )
    for size, ms in scaling["cpu_ms_per_recipient_page"].items():
        print(f"CPU per mottakerside over 0 mottakere, {size:>6}     {ms:6.1f} ms")
    ratio = scaling["cost_ratio"]
    span = f"{SIZES[-1]} / {SIZES[1]}"
    print(f"kostnad per side {span:<14} (over 0 mottakere)  {ratio:6.2f}          ≤ {COST_RATIO_TARGET} (10 000 / 100)")
    print(f"kostnad per side {span:<14} (alle sider)        {scaling['cost_ratio_all_pages']:6.2f}")
    largest = results[str(SIZES[-1])]
    print(
        f"toppminne ved {SIZES[-1]} mottakere ({largest['rows']['tilsagn']} tilsagn)  {largest['peak_mib']:6.0f} MiB"
        f"      ≤ {PEAK_TARGET_MIB} MiB (målet gjelder 100 × rader)",
        flush=True,
    )


def run() -> dict[str, Any]:
    """The whole page-scaling mode: measure, print, and return what bench/results.json stores."""
    with tempfile.TemporaryDirectory() as tmp:
        results = measure(Path(tmp))
    scaling = per_page(results)
    report(results, scaling)
    targets = {"cpu_ms_per_page": CPU_PER_PAGE_TARGET_MS, "cost_ratio": COST_RATIO_TARGET, "peak_mib": PEAK_TARGET_MIB}
    return {"sizes": results, **scaling, "targets": targets}
