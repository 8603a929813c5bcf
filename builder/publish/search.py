"""Client-side search: Pagefind indexes the finished release (its PyPI package ships the binary)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from builder.errors import BuildError, Exit
from builder.publish.compress import TEXT_SUFFIXES, precompress


def index(root: Path) -> None:
    """Write /pagefind/ into a release: the index of every page's main content, precompressed like the rest."""
    proc = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(root), "--output-subdir", "pagefind"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if proc.returncode != 0:
        raise BuildError("pagefind", proc.stderr.strip() or proc.stdout.strip(), code=Exit.INTERNAL)
    out = root / "pagefind"
    texts = {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.suffix in TEXT_SUFFIXES
    }
    for rel, data in precompress(texts, None).items():
        (root / rel).write_bytes(data)
