"""STAGE 4: write the page tree into a fresh release directory, check it, then swap it in atomically."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from builder.errors import BuildError, Exit
from builder.publish.releases import (
    DIR_MODE,
    FILE_MODE,
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

WRITERS = 4  # threads creating files


@dataclass(frozen=True)
class Written:
    """Counts for the summary line and the release id."""

    files: int
    bytes: int
    release_id: str
    path: Path


def write_tree(files: Mapping[str, bytes], root: Path) -> int:
    """Write every file below a fresh root, refusing any path that escapes it; returns bytes written."""
    for rel in files:
        if not _inside(rel):
            raise BuildError("write", f"sti utenfor nettstedet: {rel!r}", code=Exit.INTERNAL)
    for folder in sorted({os.path.dirname(rel) for rel in files} - {""}):
        os.makedirs(root / folder, DIR_MODE, exist_ok=True)
    base, order = str(root), sorted(files)
    chunks = [order[i::WRITERS] for i in range(WRITERS)]
    with ThreadPoolExecutor(WRITERS) as pool:  # file creation waits on the file system, not on Python
        list(pool.map(lambda chunk: _write_files(base, chunk, files), chunks))
    return sum(len(content) for content in files.values())


def _inside(rel: str) -> bool:
    """A relative path of plain segments: nothing absolute, empty, `.` or `..` (root is fresh: no links in it)."""
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and "\\" not in rel and all(p not in {"", ".", ".."} for p in parts)


def _write_files(base: str, chunk: list[str], files: Mapping[str, bytes]) -> None:
    """Write one thread's share of the files."""
    for rel in chunk:
        _write_file(os.path.join(base, rel), files[rel])


def _write_file(path: str, content: bytes) -> None:
    """Create one new file with mode 0644 whatever the umask."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        os.fchmod(fd, FILE_MODE)
        view = memoryview(content)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


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
