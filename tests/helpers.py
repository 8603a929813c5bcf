"""Small helpers shared by the tests."""

from __future__ import annotations

import hashlib
from pathlib import Path


def manifest(root: Path) -> dict[str, str]:
    """sha256 of every file below root, by relative path (symlinks followed)."""
    root = root.resolve()
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
