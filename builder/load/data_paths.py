"""Open declared files only inside the data folder, and only when they are regular files (reliability.md D-1)."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

Report = Callable[..., None]

OUTSIDE = "filen peker utenfor datamappen og blir ikke lest."
OUTSIDE_HINT = "Legg selve filen i data/ i stedet for en symbolsk lenke til en fil et annet sted."
KINDS = {
    stat.S_IFDIR: "en mappe",
    stat.S_IFIFO: "et navngitt rør (FIFO)",
    stat.S_IFSOCK: "en sokkel",
    stat.S_IFCHR: "en enhetsfil",
    stat.S_IFBLK: "en enhetsfil",
    stat.S_IFLNK: "en symbolsk lenke",
}
OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def inside(root: Path, rel: str) -> Path | None:
    """The fully resolved path of rel below root, or None when it leads outside root (or loops)."""
    base = root.resolve()
    try:
        target = (base / rel).resolve()
    except (OSError, RuntimeError):
        return None
    return target if target != base and target.is_relative_to(base) else None


def not_regular(mode: int) -> str | None:
    """What a non-regular file is, in Norwegian; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return KINDS.get(stat.S_IFMT(mode), "ikke en vanlig fil")


def read_inside(root: Path, rel: str, max_bytes: int, report: Report) -> bytes | None:
    """The bytes of a declared file; a path outside root, a non-regular file or an oversize file is a finding."""
    target = inside(root, rel)
    if target is None:
        report("D-PATH", rel, 0, OUTSIDE, hint=OUTSIDE_HINT)
        return None
    try:
        kind = not_regular(os.stat(target).st_mode)
    except FileNotFoundError:
        report("D-MANIFEST", rel, 0, "filen finnes ikke, men er oppført i datapackage.json.")
        return None
    except OSError as exc:
        report("D-PATH", rel, 0, f"filen kan ikke leses ({exc.strerror}).")
        return None
    if kind:
        report("D-PATH", rel, 0, f"er ikke en vanlig fil, men {kind}; den blir ikke lest.")
        return None
    return _read_regular(target, rel, max_bytes, report)


def _read_regular(target: Path, rel: str, max_bytes: int, report: Report) -> bytes | None:
    """Read a file already checked to be regular, re-checking on the open descriptor (no FIFO ever blocks)."""
    try:
        fd = os.open(target, OPEN_FLAGS)
    except OSError as exc:
        report("D-PATH", rel, 0, f"filen kan ikke leses ({exc.strerror}).")
        return None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            report("D-PATH", rel, 0, "er ikke en vanlig fil; den blir ikke lest.")
            return None
        data = f.read(max_bytes + 1) if info.st_size <= max_bytes else b""
    size = max(info.st_size, len(data))
    if size > max_bytes:
        report(
            "D-LIMIT",
            rel,
            0,
            f"filen er {size} byte, grensen er {max_bytes} byte.",
            hint="Del filen opp eller øk grensen i konfigurasjonen.",
        )
        return None
    return data


def entries(root: Path) -> list[tuple[str, Path]]:
    """Every entry below root that is not a real directory, by relative path; symlinked folders are not entered."""
    found: list[tuple[str, Path]] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        here = Path(folder)
        linked = [d for d in dirs if (here / d).is_symlink()]
        dirs[:] = sorted(d for d in dirs if d not in linked)
        for name in sorted([*files, *linked]):
            path = here / name
            found.append((path.relative_to(root).as_posix(), path))
    return sorted(found)


def entry_problem(root: Path, path: Path) -> str | None:
    """Why an entry in data/ cannot be a data file (outside root, or not regular), without opening it."""
    rel = path.relative_to(root).as_posix()
    if inside(root, rel) is None:
        return "peker utenfor datamappen"
    try:
        kind = not_regular(os.stat(path).st_mode)
    except OSError:
        return "er en symbolsk lenke som ikke fører til noen fil"
    return f"er {kind}" if kind else None
