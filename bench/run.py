"""Run the benchmark: the bundled data built several times (time, memory, stages, page weight, edit-to-reload), the
page-scaling mode over the demo package (bench/pages.py), the ratio against Hugo and the DFØ aggregation.

The earlier 10× and 100× rows of data/ are gone: data/ has no recipient or reporting rows, so they built the same site
as 1×; the page-scaling mode scales what grows, the recipients."""

from __future__ import annotations

import json
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import hugo, lighthouse, pages, preview, statsregnskap, summary
from bench.preview import STATUS_PAGE
from bench.scale import ROOT, copy_data

RUNS = 3  # builds of the bundled data
PAGE_KINDS = {  # one page of each kind: the last path matching the pattern (the data decide which years have pages)
    "forside": "index.html",
    "fylke": "fylke/46-vestland/index.html",
    "ordning": "ordning/dekomp/index.html",
    "aar": "ar/*/index.html",
    "status": "status/*/index.html",
    "data": "data/index.html",
}
# Reference figures from the issue (Hugo 0.111 and a plain DuckDB + Jinja loop on this kind of machine).
TARGETS = {"build_1x_s": 1.0, "county_first_visit_kb": 150}
HUGO_RATIO_TARGET = 15  # issue 14: the full build at most 15 × Hugo's time on the 48-page anchor (moonshot 8 ×)


def build_once(data: Path, out: Path) -> dict[str, float]:
    """One `innsyn build` in a child process from an empty output folder: wall and CPU time, peak memory and the
    stage times it printed."""
    shutil.rmtree(out.parent / f".{out.name}-releases", ignore_errors=True)
    out.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu, start = hugo.cpu_of_children(), time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--data", str(data), "--out", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    wall, cpu = time.perf_counter() - start, hugo.cpu_of_children() - cpu
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    printed = summary.parse(proc.stderr.strip().splitlines()[-1])
    return {"wall_s": wall, "cpu_s": cpu, "peak_mb": max(peak, before) / 1024, **printed}


def page_weight(site: Path) -> dict[str, dict[str, int]]:
    """HTML size, and first-visit transfer with brotli (page + CSS + JS + chart data), per page kind."""
    out = {}
    for kind, pattern in PAGE_KINDS.items():
        matches = sorted(p.relative_to(site).as_posix() for p in site.glob(pattern))
        if not matches:
            continue
        rel = matches[-1]
        html = (site / rel).read_text("utf-8")
        assets = re.findall(r'(?:href|src)="(/(?:assets|pagefind)/[^"]+\.(?:css|js))"', html)
        brotli_total = (site / (rel + ".br")).stat().st_size
        bundle = 0
        for asset in assets:
            size = (site / (asset.lstrip("/") + ".br")).stat().st_size
            if "plotly" in asset:
                bundle = size
            else:
                brotli_total += size
        out[kind] = {
            "html_bytes": len(html.encode()),
            "first_visit_br_bytes": brotli_total,
            "chart_bundle_br_bytes": bundle,
        }
    return out


def edit_to_reload(data: Path, out: Path) -> float:
    """Time from a Markdown edit to updated pages in the preview (`innsyn serve` keeps the model in memory)."""
    from builder.config import load_config
    from builder.dev.preview import Preview

    with tempfile.TemporaryDirectory() as tmp:
        content = Path(tmp) / "content"
        shutil.copytree(ROOT / "content", content)
        pages = sorted(content.rglob("*.md"))
        if not pages:  # the bundled content has no Markdown page today: edit one written here
            (content / "status").mkdir(exist_ok=True)
            pages = [content / "status" / "2024.md"]
            pages[0].write_text(STATUS_PAGE, "utf-8")
        preview = Preview(
            load_config(data_dir=data, content_dir=content, out_dir=out, report_path=Path(tmp) / "r.json", drafts=True)
        )
        try:
            preview.full()
            page = pages[0]
            times = []
            for i in range(5):
                page.write_text(page.read_text("utf-8") + f"\nEn ny setning {i}.\n", "utf-8")
                times.append(preview.content_changed())
            return statistics.median(times)
        finally:
            preview.close()


def against_hugo(tmp: Path, rounds: int = 5) -> dict[str, object]:
    """The full build of the bundled data and Hugo on the 48-page anchor, alternated in this run: medians and the
    ratios of wall and CPU time (the ratio is the figure; absolute times drift on shared machines)."""
    source = hugo.prepare(tmp / "anchor")
    data = tmp / "anchor-data"
    copy_data(data)
    ours, theirs = [], []
    for _ in range(rounds):
        ours.append(build_once(data, tmp / "anchor-site"))
        theirs.append(hugo.hugo_once(source, tmp / "anchor-out"))
    result: dict[str, object] = {"rounds": rounds, "target_ratio": HUGO_RATIO_TARGET, "moonshot_ratio": 8}
    for kind in ("wall_s", "cpu_s"):
        mine, anchor = statistics.median(r[kind] for r in ours), statistics.median(r[kind] for r in theirs)
        result[kind] = {"innsyn": mine, "hugo": anchor, "ratio": mine / anchor}
    result["pages"] = ours[0]["pages"]
    result["stages"] = {k: statistics.median(r[k] for r in ours) for k in ("load_s", "model_s", "render_s", "write_s")}
    return result


def print_against_hugo(result: dict[str, object]) -> None:
    """One line per measure: our median, Hugo's, the ratio and the target."""
    for kind in ("wall_s", "cpu_s"):
        m = result[kind]
        assert isinstance(m, dict)
        print(
            f"full build vs Hugo (48-page anchor), {kind[:-2]:4}  {m['innsyn']:.2f} s vs {m['hugo']:.3f} s"
            f" = {m['ratio']:.0f} ×   target ≤ {HUGO_RATIO_TARGET} × (moonshot 8 ×)",
            flush=True,
        )


def store(key: str, value: object) -> None:
    """Replace one entry of bench/results.json, keeping the others."""
    path = ROOT / "bench" / "results.json"
    stored = json.loads(path.read_text("utf-8")) if path.exists() else {}
    stored[key] = value
    path.write_text(json.dumps(stored, indent=2, default=float) + "\n", "utf-8")


def bundled(tmp: Path) -> dict[str, object]:
    """The bundled data built RUNS times: medians, page weight and edit-to-reload."""
    data = copy_data(tmp / "data")
    runs = [build_once(data, tmp / "site") for _ in range(RUNS)]
    median = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    entry: dict[str, object] = {**median, "per_page_ms": 1000 * median["wall_s"] / median["pages"]}
    entry["weight"] = page_weight(tmp / "site")
    entry["edit_to_reload_s"] = edit_to_reload(data, tmp / "site")
    entry["help_s"] = help_time()
    print(
        f"bundled data  wall {median['wall_s']:.2f}s  peak {median['peak_mb']:.0f} MB  "
        f"pages {median['pages']:.0f}  files {median['files']:.0f}  "
        f"load {median['load_s']:.2f}s model {median['model_s']:.2f}s render {median['render_s']:.2f}s "
        f"write {median['write_s']:.2f}s",
        flush=True,
    )
    return entry


def help_time(rounds: int = 5) -> float:
    """Median wall time of `innsyn --help` in a fresh interpreter (issue 14: under 0,15 s)."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        subprocess.run(
            [str(Path(sys.executable).parent / "innsyn"), "--help"], capture_output=True, check=True, cwd=ROOT
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def print_bundled(one: dict[str, Any]) -> None:
    """The bundled build's figures against their targets."""
    print("\ntarget                                   measured        target")
    print(f"build of the bundled data                {one['wall_s']:.2f} s          < {TARGETS['build_1x_s']} s")
    county = one["weight"]["fylke"]["first_visit_br_bytes"] / 1024
    print(f"county page first visit (br, no bundle)  {county:.0f} kB          ≤ {TARGETS['county_first_visit_kb']} kB")
    ratio = one["edit_to_reload_s"] / one["wall_s"]
    print(f"edit-to-reload / full build              {ratio:.0%}            ≤ 5 %")
    print(f"innsyn --help                            {one['help_s']:.2f} s          < 0.15 s")
    for kind, w in one["weight"].items():
        print(
            f"  {kind:8} html {w['html_bytes'] / 1024:7.1f} kB"
            f"  first visit br {w['first_visit_br_bytes'] / 1024:6.1f} kB"
            f"  + chart bundle {w['chart_bundle_br_bytes'] / 1024:.0f} kB"
        )


def main() -> None:
    """Run everything and store the results; `python -m bench.run pages|hugo|statsregnskap|preview|lighthouse` runs
    only the page-scaling mode, the comparison with Hugo, the DFØ aggregation, the preview's save-to-served times or
    the Lighthouse scores."""
    if sys.argv[1:] == ["statsregnskap"]:
        store("statsregnskap", statsregnskap.run())
        return
    if sys.argv[1:] == ["pages"]:
        store("pages", pages.run())
        return
    if sys.argv[1:] == ["lighthouse"]:
        store("lighthouse", lighthouse.run(precompressed=True))
        return
    if sys.argv[1:] == ["preview"]:
        store("preview", preview.run())
        return
    if sys.argv[1:] == ["hugo"]:
        if not hugo.available():
            raise SystemExit("Hugo or ../shared/bench/anchor is missing (apt-get install hugo)")
        with tempfile.TemporaryDirectory() as tmp:
            result = against_hugo(Path(tmp))
        print_against_hugo(result)
        store("hugo_anchor", result)
        return
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "cpus": len(__import__("os").sched_getaffinity(0)),
            "platform": platform.platform(),
        },
    }
    with tempfile.TemporaryDirectory() as tmp:
        results["bundled"] = bundled(Path(tmp))
    print_bundled(results["bundled"])
    results["pages"] = pages.run()
    if hugo.available():
        with tempfile.TemporaryDirectory() as tmp:
            results["hugo_anchor"] = against_hugo(Path(tmp))
        print_against_hugo(results["hugo_anchor"])
    else:
        print("Hugo or ../shared/bench/anchor is missing (apt-get install hugo): no ratio against Hugo", flush=True)
    results["statsregnskap"] = statsregnskap.run()
    results["preview"] = preview.run()
    if shutil.which("npm") and Path(lighthouse.CHROME).exists():
        results["lighthouse"] = lighthouse.run(precompressed=True)
    else:
        print("npm or Debian chromium is missing: no Lighthouse scores", flush=True)
    (ROOT / "bench" / "results.json").write_text(json.dumps(results, indent=2, default=float) + "\n", "utf-8")


if __name__ == "__main__":
    main()
