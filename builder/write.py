"""STAGE 4: write the page tree into a fresh release directory, check it, then swap it in atomically."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli

from builder.errors import BuildError, Exit
from builder.releases import (
    check_target,
    install,
    mark_current,
    prepare_store,
    prune,
    remove,
    set_modes,
    storage_errors,
    store_for,
    swap,
)

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".csv", ".svg", ".xml", ".txt"}


@dataclass(frozen=True)
class Written:
    """Counts for the summary line and the release id."""

    files: int
    bytes: int
    release_id: str
    path: Path


def hashed_assets(static_dir: Path) -> dict[str, tuple[str, bytes]]:
    """Static files keyed by name → (content-hashed URL, bytes)."""
    out = {}
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file()):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:12]
        name = path.relative_to(static_dir).as_posix()
        stem, dot, ext = name.rpartition(".")
        out[name] = (f"/assets/{stem}.{digest}.{ext}" if dot else f"/assets/{name}.{digest}", data)
    return out


def write_tree(files: Mapping[str, bytes], root: Path) -> int:
    """Write every file below root, refusing any path that escapes it; returns bytes written."""
    total = 0
    base = root.resolve()
    for rel in sorted(files):
        target = (root / rel).resolve()
        if base not in target.parents:
            raise BuildError("write", f"sti utenfor nettstedet: {rel!r}", code=Exit.INTERNAL)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(files[rel])
        total += len(files[rel])
    return total


def _compress(item: tuple[bytes, int]) -> tuple[bytes, bytes]:
    """gzip (level 9, mtime 0) and brotli of one file: both reproducible."""
    data, quality = item
    return gzip.compress(data, compresslevel=9, mtime=0), brotli.compress(data, quality=quality)


def brotli_quality(rel: str) -> int:
    """Quality 11 for pages and assets; 5 for data downloads, where 11 costs seconds per megabyte for a few
    per cent (measured in `make bench`)."""
    return 5 if rel.startswith("data/") else 11


def precompress(files: Mapping[str, bytes], cache_dir: Path | None = None, workers: int = 2) -> dict[str, bytes]:
    """Reproducible .gz and .br siblings for every text file (L-1). Identical contents are compressed once,
    on both cores, and a cache keyed by the content's sha256 spares unchanged files between builds."""
    texts = {rel: data for rel, data in files.items() if Path(rel).suffix in TEXT_SUFFIXES}
    keys = {rel: f"{hashlib.sha256(data).hexdigest()}-q{brotli_quality(rel)}" for rel, data in texts.items()}
    unique = {keys[rel]: (data, brotli_quality(rel)) for rel, data in texts.items()}
    done = {key: _cached(cache_dir, key) for key in unique}
    todo = sorted(key for key, value in done.items() if value is None)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for key, result in zip(todo, pool.map(_compress, [unique[k] for k in todo]), strict=True):
            done[key] = result
            _store(cache_dir, key, result)
    out = {}
    for rel in texts:
        gz, br = done[keys[rel]]  # type: ignore[misc]
        out[rel + ".gz"], out[rel + ".br"] = gz, br
    return out


def _cached(cache_dir: Path | None, key: str) -> tuple[bytes, bytes] | None:
    """Compressed forms from the cache, if both are there."""
    if cache_dir is None:
        return None
    gz, br = cache_dir / f"{key}.gz", cache_dir / f"{key}.br"
    return (gz.read_bytes(), br.read_bytes()) if gz.is_file() and br.is_file() else None


def _store(cache_dir: Path | None, key: str, result: tuple[bytes, bytes]) -> None:
    """Keep large compressed files for the next build (small ones are cheaper to redo than to read)."""
    if cache_dir is None or len(result[1]) < 20_000:
        return
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for suffix, data in zip((".gz", ".br"), result, strict=True):
            tmp = cache_dir / f"{key}{suffix}.tmp-{os.getpid()}"
            tmp.write_bytes(data)
            os.replace(tmp, cache_dir / f"{key}{suffix}")
    except OSError:  # the cache only saves time: a full disk or a read-only cache must not fail the build
        for suffix in (".gz", ".br"):
            with contextlib.suppress(OSError):
                (cache_dir / f"{key}{suffix}.tmp-{os.getpid()}").unlink(missing_ok=True)


def manifest_id(files: Mapping[str, bytes]) -> str:
    """A release id from the sha256 of every path and its content."""
    h = hashlib.sha256()
    for rel in sorted(files):
        h.update(rel.encode() + b"\0" + hashlib.sha256(files[rel]).digest())
    return h.hexdigest()[:16]


def publish(files: Mapping[str, bytes], out_dir: Path, check: Callable[[Path], None], keep: int = 3) -> Written:
    """Write a release into the store beside out_dir, run `check` on it, then point out_dir at it with one
    atomic rename; any failure removes the temporary release and leaves the previous site as it was."""
    check_target(out_dir)
    store = store_for(out_dir)
    release_id = manifest_id(files)
    tmp = store / f"{release_id}.tmp-{os.getpid()}"
    final = store / release_id
    with storage_errors(store, "forrige versjon av nettstedet er ikke endret"):
        prepare_store(store, out_dir)
        try:
            remove(tmp)
            tmp.mkdir()
            size = write_tree(files, tmp)
            check(tmp)
            set_modes(tmp)
            install(tmp, final)
            swap(out_dir, final)
        except BaseException:
            remove(tmp)
            raise
    mark_current(store, final)
    prune(store, final, keep)
    return Written(len(files), size, release_id, final)


_swap = swap  # the name tests/test_serving.py imports
