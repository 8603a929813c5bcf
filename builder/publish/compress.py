"""Reproducible .gz and .br siblings of every text file, cached by content between builds (L-1)."""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import os
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import brotli

TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".csv", ".svg", ".xml", ".txt", ".ttl", ".jsonld"}


FAST = (1, 1)  # (gzip level, brotli quality) for tests and previews
ASSET_QUALITY = 10  # CSS and scripts, fetched once and cached by browsers: 1,9 % more bytes than 11, 40 % of its time
PAGE_QUALITY = 8  # pages: 6 % more bytes than 10 for a twentieth of its time (README, Benchmark)
DATA_QUALITY = 5  # data downloads: 11 costs seconds per megabyte for a few per cent
CACHED_FROM_QUALITY = 9  # below this, compressing again costs less than reading two cached files
VENDOR_DIR = Path(__file__).resolve().parent.parent / "static" / "vendor"
VENDORED_FROM_BYTES = 32_000  # vendored files this large ship with their .gz and .br (quality 11) made once


def _compress(item: tuple[bytes, tuple[int, int]]) -> tuple[bytes, bytes]:
    """gzip (mtime 0) and brotli of one file at the given levels: both reproducible."""
    data, (level, quality) = item
    return gzip.compress(data, compresslevel=level, mtime=0), brotli.compress(data, quality=quality)


def brotli_quality(rel: str) -> int:
    """Brotli quality of one file: ASSET_QUALITY under assets/, DATA_QUALITY under data/, else PAGE_QUALITY."""
    if rel.startswith("data/"):
        return DATA_QUALITY
    return ASSET_QUALITY if rel.startswith("assets/") else PAGE_QUALITY


def levels(rel: str, fast: bool) -> tuple[int, int]:
    """(gzip level, brotli quality) of one file."""
    return FAST if fast else (9, brotli_quality(rel))


def precompress(
    files: Mapping[str, bytes], cache_dir: Path | None = None, workers: int | None = None, *, fast: bool = False
) -> dict[str, bytes]:
    """Reproducible .gz and .br siblings for every text file (L-1). Identical contents are compressed once, on
    both cores (threads: brotli and zlib release the GIL), and a cache keyed by the content's sha256 and the
    levels spares unchanged pages and assets between builds, whatever their size."""
    texts = {rel: data for rel, data in files.items() if Path(rel).suffix in TEXT_SUFFIXES}
    keys = {rel: _key(data, levels(rel, fast)) for rel, data in texts.items()}
    unique = {keys[rel]: (data, levels(rel, fast)) for rel, data in texts.items()}
    ready = vendored() if not fast else {}
    done = {key: ready.get(key[:64]) or _cached_if_worth(cache_dir, key, unique[key][1]) for key in unique}
    todo = sorted(key for key, value in done.items() if value is None)
    with ThreadPoolExecutor(max_workers=workers or len(os.sched_getaffinity(0))) as pool:
        for key, result in zip(todo, pool.map(_compress, [unique[k] for k in todo]), strict=True):
            done[key] = result
            if _worth_caching(unique[key][1]):
                _store(cache_dir, key, result)
    out = {}
    for rel in texts:
        gz, br = done[keys[rel]]  # type: ignore[misc]
        out[rel + ".gz"], out[rel + ".br"] = gz, br
    return out


def _cached_if_worth(cache_dir: Path | None, key: str, level: tuple[int, int]) -> tuple[bytes, bytes] | None:
    """Compressed forms from the cache for levels worth caching."""
    return _cached(cache_dir, key) if _worth_caching(level) else None


@cache
def vendored() -> dict[str, tuple[bytes, bytes]]:
    """The shipped .gz and .br of each large vendored file, by the sha256 of the file they compress."""
    out = {}
    for source in sorted(VENDOR_DIR.iterdir()):
        gz, br = source.with_name(source.name + ".gz"), source.with_name(source.name + ".br")
        if source.suffix in TEXT_SUFFIXES and gz.is_file() and br.is_file():
            out[hashlib.sha256(source.read_bytes()).hexdigest()] = (gz.read_bytes(), br.read_bytes())
    return out


def write_vendored() -> list[Path]:
    """Make the .gz (level 9) and .br (quality 11) of each large vendored file once (`make vendor`)."""
    written = []
    for source in sorted(VENDOR_DIR.iterdir()):
        if source.suffix in TEXT_SUFFIXES and source.stat().st_size >= VENDORED_FROM_BYTES:
            data = source.read_bytes()
            gz, br = _compress((data, (9, 11)))
            for suffix, content in ((".gz", gz), (".br", br)):
                target = source.with_name(source.name + suffix)
                target.write_bytes(content)
                written.append(target)
    return written


def _worth_caching(level: tuple[int, int]) -> bool:
    """Whether outputs at these levels are cached: slow brotli qualities are, fast ones are cheaper to redo."""
    return level[1] >= CACHED_FROM_QUALITY


def _key(data: bytes, level: tuple[int, int]) -> str:
    """Cache key: the content's sha256 and the levels (release-level keys keep their earlier form)."""
    digest = hashlib.sha256(data).hexdigest()
    return f"{digest}-q{level[1]}" if level[0] == 9 else f"{digest}-g{level[0]}q{level[1]}"


def _cached(cache_dir: Path | None, key: str) -> tuple[bytes, bytes] | None:
    """Compressed forms from the cache, if both are there."""
    if cache_dir is None:
        return None
    gz, br = cache_dir / f"{key}.gz", cache_dir / f"{key}.br"
    return (gz.read_bytes(), br.read_bytes()) if gz.is_file() and br.is_file() else None


def _store(cache_dir: Path | None, key: str, result: tuple[bytes, bytes]) -> None:
    """Keep both compressed forms for the next build."""
    if cache_dir is None:
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
