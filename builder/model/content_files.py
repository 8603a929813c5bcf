"""Finding and reading the Markdown files under content/: inside content/ only, regular files only, UTF-8 only.

A symlink (file or directory) that leads out of content/, a FIFO or device named *.md, a file that is too big
or not UTF-8 is a problem naming the file; such a file is never opened for reading (or read no further)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 1_000_000


@dataclass(frozen=True)
class FileProblem:
    """Why one content file cannot be used."""

    file: str
    line: int
    rule: str
    message: str


@dataclass(frozen=True)
class Text:
    """The decoded text of one Markdown file, with LF line endings and no BOM."""

    file: str
    text: str


def markdown_texts(content_dir: Path, root: Path) -> tuple[list[Text], list[FileProblem]]:
    """Every *.md under content_dir, sorted by path, read safely."""
    texts: list[Text] = []
    problems: list[FileProblem] = []
    if not content_dir.is_dir():
        return texts, problems
    base = content_dir.resolve()
    for shown, real in sorted(_walk(content_dir, base, root, problems, {base})):
        read = _read(shown, real, problems)
        if read is not None:
            texts.append(read)
    return texts, problems


def _name(path: Path, root: Path) -> str:
    """The path an editor recognises, e.g. content/status/2025.md."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def _walk(folder: Path, base: Path, root: Path, problems: list[FileProblem], seen: set[Path]) -> list[tuple[str, Path]]:
    """(shown name, resolved path) of the Markdown files below folder; links out of content/ are problems."""
    found: list[tuple[str, Path]] = []
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(FileProblem(_name(folder, root), 1, "M-FILE", f"mappen kan ikke leses ({_why(exc)})."))
        return found
    for entry in entries:
        path = Path(entry.path)
        is_md = entry.name.endswith(".md")
        try:
            real = path.resolve()
            is_dir = real.is_dir()
        except (OSError, RuntimeError):
            if is_md:
                problems.append(FileProblem(_name(path, root), 1, "M-FILE", "symbolsk lenke i sløyfe; den leses ikke."))
            continue
        if entry.is_symlink() and not real.is_relative_to(base) and (is_md or is_dir):
            problems.append(FileProblem(_name(path, root), 1, "M-FILE", OUTSIDE))
        elif is_dir and real not in seen:
            found.extend(_walk(path, base, root, problems, seen | {real}))
        elif is_md and not is_dir:
            found.append((_name(path, root), real))
    return found


OUTSIDE = "er en symbolsk lenke som peker ut av content/; den leses ikke og publiseres ikke."


def _why(exc: OSError) -> str:
    """A short Norwegian reason for an OS error."""
    if isinstance(exc, FileNotFoundError):
        return "finnes ikke; brutt symbolsk lenke?"
    if isinstance(exc, PermissionError):
        return "mangler lesetilgang"
    return exc.strerror or type(exc).__name__


def _read(shown: str, real: Path, problems: list[FileProblem]) -> Text | None:
    """The text of one file, or None with a problem; FIFOs and devices are never read."""
    try:
        fd = os.open(real, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError as exc:
        problems.append(FileProblem(shown, 1, "M-FILE", f"kan ikke åpnes ({_why(exc)})."))
        return None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            problems.append(FileProblem(shown, 1, "M-FILE", "er ikke en vanlig fil (f.eks. en FIFO); den leses ikke."))
            return None
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        problems.append(FileProblem(shown, 1, "M-FILE", f"er for stor (over {MAX_BYTES} byte)."))
        return None
    return _decode(shown, data, problems)


def _decode(shown: str, data: bytes, problems: list[FileProblem]) -> Text | None:
    """UTF-8 (a BOM is allowed and dropped); CRLF and CR become LF."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(
            FileProblem(
                shown,
                line,
                "M-ENCODING",
                f"filen er ikke gyldig UTF-8: byten 0x{data[exc.start]:02X} ved byteposisjon {exc.start} "
                "(regnet fra 0) kan ikke leses. Lagre filen som UTF-8.",
            )
        )
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return Text(shown, text)
