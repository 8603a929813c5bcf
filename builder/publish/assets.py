"""Static files under content-hashed names, so browsers may cache them for ever."""

from __future__ import annotations

import hashlib
from pathlib import Path

PRECOMPRESSED = {".gz", ".br"}  # the vendored siblings builder/publish/compress.py serves as they are


def hashed_assets(static_dir: Path) -> dict[str, tuple[str, bytes]]:
    """Static files keyed by name → (content-hashed URL, bytes); shipped .gz/.br siblings are not assets."""
    out = {}
    for path in sorted(p for p in static_dir.rglob("*") if p.is_file() and p.suffix not in PRECOMPRESSED):
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()[:12]
        name = path.relative_to(static_dir).as_posix()
        stem, dot, ext = name.rpartition(".")
        out[name] = (f"/assets/{stem}.{digest}.{ext}" if dot else f"/assets/{name}.{digest}", data)
    return out


def asset_urls(assets: dict[str, tuple[str, bytes]]) -> dict[str, str]:
    """Static file name → its hashed URL, for the templates' asset()."""
    return {name: url for name, (url, _) in assets.items()}


def asset_files(assets: dict[str, tuple[str, bytes]]) -> dict[str, bytes]:
    """The static files at their hashed paths."""
    return {url.lstrip("/"): data for url, data in assets.values()}
