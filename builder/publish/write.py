"""STAGE 4: write the page tree into a fresh release directory, check it, then swap it in atomically."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from builder.errors import BuildError, Exit
from builder.publish.releases import (
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


@dataclass(frozen=True)
class Written:
    """Counts for the summary line and the release id."""

    files: int
    bytes: int
    release_id: str
    path: Path


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
