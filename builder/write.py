"""STAGE 4: write the page tree into a fresh release directory, check it, then swap it in atomically."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import sys
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import brotli

from builder.errors import BuildError, Exit

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
    cache_dir.mkdir(parents=True, exist_ok=True)
    for suffix, data in zip((".gz", ".br"), result, strict=True):
        tmp = cache_dir / f"{key}{suffix}.tmp-{os.getpid()}"
        tmp.write_bytes(data)
        os.replace(tmp, cache_dir / f"{key}{suffix}")


def manifest_id(files: Mapping[str, bytes]) -> str:
    """A release id from the sha256 of every path and its content."""
    h = hashlib.sha256()
    for rel in sorted(files):
        h.update(rel.encode() + b"\0" + hashlib.sha256(files[rel]).digest())
    return h.hexdigest()[:16]


def publish(files: Mapping[str, bytes], out_dir: Path, check: Callable[[Path], None], keep: int = 3) -> Written:
    """Write a release beside out_dir, run `check` on it, then point out_dir at it with one atomic rename."""
    releases = out_dir.parent / f".{out_dir.name}-releases"
    releases.mkdir(parents=True, exist_ok=True)
    release_id = manifest_id(files)
    tmp = releases / f"{release_id}.tmp-{os.getpid()}"
    final = releases / release_id
    try:
        size = write_tree(files, tmp)
        check(tmp)
        if final.exists():
            shutil.rmtree(tmp)
        else:
            tmp.rename(final)
        _swap(out_dir, final)
    except BaseException:
        _remove(tmp)
        raise
    _prune(releases, final, keep)
    return Written(len(files), size, release_id, final)


def _swap(out_dir: Path, release: Path) -> None:
    """Replace out_dir (a symlink, or a legacy directory) so it points at the release."""
    if out_dir.exists() and not out_dir.is_symlink():
        legacy = release.parent / f"legacy-{os.getpid()}"
        out_dir.rename(legacy)
    link = out_dir.parent / f".{out_dir.name}.link-{os.getpid()}"
    if link.is_symlink():
        link.unlink()
    os.symlink(os.path.relpath(release, out_dir.parent), link)
    os.replace(link, out_dir)


def _prune(releases: Path, current: Path, keep: int) -> None:
    """Keep the newest `keep` releases (by mtime) plus the current one."""
    old = sorted(
        (p for p in releases.iterdir() if p.is_dir() and p != current and ".tmp-" not in p.name),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for path in old[max(keep - 1, 0) :]:
        _remove(path)


def _remove(path: Path) -> None:
    """Delete a directory tree if it is there; a leftover old release is harmless, so errors are not fatal."""
    try:
        shutil.rmtree(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        print(f"advarsel: kunne ikke slette {path}: {exc}", file=sys.stderr)
