"""Benchmark the DFØ accounts aggregation: a synthetic year file the size of 2023's, aggregated as `innsyn fetch` does.

    python -m bench.run statsregnskap      # only this benchmark; merged into bench/results.json

The file is synthesised deterministically (seeded) in a temporary folder: 285 000 monthly rows in DFØ's format
(ISO-8859-1, `;`, every field quoted, decimal comma with three decimals), about 134 MB, most of them on other
chapters and posts (as in the real file) and about 36 000 on the three posts we keep. A child process reads the
zip exactly as the fetch does (builder.fetch.dfo.read_accounts: unpack, header check, DuckDB load, checks and
aggregation) and reports its own time and peak memory (ru_maxrss of the child itself)."""

from __future__ import annotations

import csv
import io
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from bench.scale import ROOT

ROWS = 285_000
YEAR = 2023
RUNS = 3
TARGETS = {"wall_s": 10.0, "peak_mb": 500}
COLUMNS = [
    *("År", "Periode", "Konto_no", "Konto", "Programområde_id", "Programområde", "Programkategori_id"),
    *("Programkategori", "Fagdepartement_id", "Fagdepartement", "Kapittel_id", "Kapittel", "Post_id", "Post"),
    *("Post_type", "Kontoklasse_id", "Kontoklasse", "Kontogruppe_id", "Kontogruppe", "Artskonto_id", "Artskonto"),
    *("Fagdepartement_Virksomhet_id", "Fagdepartement_Virksomhet", "Virksomhet_id", "Virksomhet"),
    *("Regnskapsfører_id", "Regnskapsfører", "Beløp"),
]
OURS = ["022621", "022622", "023121"]


def _lines(rng: random.Random) -> list[list[str]]:
    """Booking lines (every column but Periode and Beløp): 3 000 on our posts, the rest elsewhere."""
    entities = [(f"{970_000_000 + 7919 * i}", f"Virksomhet nummer {i} i staten") for i in range(260)]
    kinds = [(f"{a}", f"Artskonto {a}: kjøp av tjenester til drift") for a in range(500, 600)]
    posts = OURS + [f"{c:04d}{p:02d}" for c in range(1, 2900, 7) for p in (1, 21, 45, 70)][:1200]
    out = []
    for n in range(ROWS // 12):
        post = OURS[n % 3] if n < 3000 else rng.choice(posts)
        org, (kind, kind_name) = rng.choice(entities), rng.choice(kinds)
        chapter = post[:4]
        out.append([
            str(YEAR), post, "Spesielle driftsutgifter", "07", "Utdanning og forskning", "0720",
            "Grunnopplæringen", "07", "Kunnskapsdepartementet", chapter, f"Kapittel {chapter} for tilskudd og drift",
            post, "Spesielle driftsutgifter", "Utgifter til drift", kind[0], "Annen driftskostnad",
            kind[:2], f"Kontogruppe {kind[:2]}", kind, kind_name, "07", "Kunnskapsdepartementet", *org, *org,
        ])  # fmt: skip
    return out


def synthesise(folder: Path) -> tuple[Path, int]:
    """The synthetic year zip in `folder`; returns its path and the CSV size in bytes."""
    rng = random.Random(YEAR)
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for line in _lines(rng):
        for month in range(1, 13):
            amount = rng.randint(-5_000_000_00, 50_000_000_00)
            sign, value = ("-" if amount < 0 else ""), abs(amount)
            writer.writerow([line[0], f"{YEAR}{month:02d}", *line[1:], f"{sign}{value // 100},{value % 100:02d}0"])
    body = text.getvalue().encode("latin-1")
    path = folder / f"statsregnskapet_aar_{YEAR}.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        info = zipfile.ZipInfo(f"statsregnskapet_aar_{YEAR}.csv", (2026, 7, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, body)
    return path, len(body)


def child(path: Path) -> None:
    """In the child process: aggregate the zip as the fetch does, print seconds, peak MB and row counts."""
    from builder.fetch.dfo import read_accounts

    start = time.perf_counter()
    accounts = read_accounts(path.read_bytes(), YEAR, "statsregnskap")
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = {"poster": len(accounts.posts), "virksomheter": len(accounts.entities), "artskontoer": len(accounts.kinds)}
    print(json.dumps({"aggregate_s": seconds, "peak_mb": peak, "rows": rows}))


def measure(path: Path) -> dict[str, float]:
    """One run in a fresh child process: wall time (with interpreter start) and the child's own figures."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "bench.statsregnskap", str(path)], capture_output=True, text=True, cwd=ROOT
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(proc.stderr)
    return {"wall_s": wall, **json.loads(proc.stdout.strip().splitlines()[-1])}


def run() -> dict[str, object]:
    """Synthesise, aggregate RUNS times, print and return the medians with the targets."""
    with tempfile.TemporaryDirectory(prefix="bench-dfo-") as tmp:
        start = time.perf_counter()
        path, size = synthesise(Path(tmp))
        made = time.perf_counter() - start
        runs = [measure(path) for _ in range(RUNS)]
        zipped = path.stat().st_size
    result: dict[str, object] = {
        "rows": ROWS,
        "csv_mb": size / 1e6,
        "zip_mb": zipped / 1e6,
        "synthesis_s": made,
        "wall_s": statistics.median(float(r["wall_s"]) for r in runs),
        "aggregate_s": statistics.median(float(r["aggregate_s"]) for r in runs),
        "peak_mb": max(float(r["peak_mb"]) for r in runs),
        "aggregated_rows": runs[0]["rows"],
        "targets": TARGETS,
    }
    result["met"] = result["wall_s"] <= TARGETS["wall_s"] and result["peak_mb"] <= TARGETS["peak_mb"]  # type: ignore[operator]
    print(
        f"statsregnskap  {ROWS} rows, {size / 1e6:.0f} MB CSV ({zipped / 1e6:.0f} MB zip)  "
        f"wall {result['wall_s']:.2f} s (aggregation {result['aggregate_s']:.2f} s, "
        f"target ≤ {TARGETS['wall_s']:.0f} s)  "
        f"peak {result['peak_mb']:.0f} MB (target ≤ {TARGETS['peak_mb']} MB)",
        flush=True,
    )
    return result


if __name__ == "__main__":
    child(Path(sys.argv[1]))
