"""The release store beside the output path: which targets may be replaced, the atomic swap, modes, pruning."""

from __future__ import annotations

import errno
import os
import re
import shutil
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

from builder.errors import BuildError, Exit

RELEASE_NAME = re.compile(r"[0-9a-f]{16}")
STORE_NAME = re.compile(r"\..+-releases")
TEMP_NAME = re.compile(r".+\.tmp-(\d+)")
ORDER_FILE = "order.txt"
DIR_MODE, FILE_MODE = 0o755, 0o644
REASONS = {
    errno.ENOSPC: "disken er full",
    errno.EDQUOT: "diskkvoten er brukt opp",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.EACCES: "ingen tilgang",
    errno.EPERM: "ingen tilgang",
    errno.ENAMETOOLONG: "filnavnet er for langt",
    errno.EMFILE: "for mange åpne filer",
    errno.EIO: "inn-/utfeil på disken",
    errno.ENOENT: "mappen finnes ikke",
    errno.ENOTDIR: "en del av stien er ikke en mappe",
}


def store_for(out_dir: Path) -> Path:
    """The folder holding every release of out_dir: `.<name>-releases` beside it."""
    return out_dir.parent / f".{out_dir.name}-releases"


def check_target(out_dir: Path) -> None:
    """Refuse (exit 2, nothing touched) an output path the build would have to move or overwrite."""
    store = store_for(out_dir)
    hint = "Flytt eller slett den, eller velg en annen --out."
    if any(STORE_NAME.fullmatch(folder.name) for folder in out_dir.parents):
        _refuse(out_dir, "ligger inne i en publisert versjon; velg en --out utenfor mapper som heter .<navn>-releases.")
    if store.exists() and (store.is_symlink() or not store.is_dir()):
        _refuse(store, f"skal være mappen med versjonene av {out_dir.name}, men er ikke en vanlig mappe. {hint}")
    if out_dir.is_symlink():
        target = Path(os.path.normpath(out_dir.parent / os.readlink(out_dir)))
        if target.parent != store:
            _refuse(out_dir, f"er en symbolsk lenke til {target}, ikke til en versjon i {store}. {hint}")
    elif out_dir.is_dir():
        if any(out_dir.iterdir()):
            _refuse(out_dir, f"er en mappe som ikke er tom og ikke ble laget av innsyn build. {hint}")
    elif out_dir.is_file():
        _refuse(out_dir, f"er en fil, ikke en mappe. {hint}")
    elif out_dir.exists():
        _refuse(out_dir, f"finnes allerede og er verken en mappe eller en symbolsk lenke. {hint}")


def _refuse(path: Path, message: str) -> NoReturn:
    """A usage error naming the path; the path is left as it is."""
    raise BuildError(str(path), message, code=Exit.USAGE)


def describe(exc: OSError) -> str:
    """What an operating-system error means, in Norwegian."""
    code = exc.errno or 0
    return REASONS.get(code) or f"feil fra operativsystemet ({errno.errorcode.get(code, code)}: {exc.strerror or exc})"


@contextmanager
def storage_errors(where: Path, after: str) -> Iterator[None]:
    """Turn an OSError into a BuildError naming the file and the reason (exit 4), followed by `after`."""
    try:
        yield
    except OSError as exc:
        message = f"kan ikke skrive: {describe(exc)}; {after}"
        raise BuildError(str(exc.filename or where), message, code=Exit.INTERNAL) from exc


def prepare_store(store: Path, out_dir: Path) -> None:
    """Create the store readable by a web server, and remove what dead builds left behind."""
    store.mkdir(parents=True, exist_ok=True)
    store.chmod(DIR_MODE)
    for path in store.iterdir():
        if _dead_temp(path):
            remove(path)
    for link in out_dir.parent.glob(f".{glob_escape(out_dir.name)}.link-*"):
        pid = link.name.rpartition("-")[2]
        if link.is_symlink() and pid.isdigit() and not alive(int(pid)):
            link.unlink()


def glob_escape(name: str) -> str:
    """A file name with glob wildcards taken literally."""
    return re.sub(r"([*?\[])", r"[\1]", name)


def alive(pid: int) -> bool:
    """Whether a process with this id exists (one of another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _dead_temp(path: Path) -> bool:
    """A temporary release of a process that no longer runs."""
    match = TEMP_NAME.fullmatch(path.name)
    return bool(match) and not alive(int(match.group(1)))  # type: ignore[union-attr]


def set_modes(root: Path) -> None:
    """Folders 0755 and files 0644 whatever the umask, so a web server running as another user can read them."""
    root.chmod(DIR_MODE)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, DIR_MODE)
        for name in files:
            path = os.path.join(folder, name)
            if not os.path.islink(path):
                os.chmod(path, FILE_MODE)


def install(tmp: Path, final: Path) -> None:
    """Move a finished temporary release to its id; an existing release with that id is reused as it is."""
    if final.is_symlink() or (final.exists() and not final.is_dir()):
        final.unlink()
    if final.is_dir():
        remove(tmp)
        set_modes(final)
    else:
        tmp.rename(final)


def swap(out_dir: Path, release: Path) -> None:
    """Point out_dir at the release with one atomic rename of a new symlink (an empty folder is replaced)."""
    check_target(out_dir)
    if out_dir.is_dir() and not out_dir.is_symlink():
        out_dir.rmdir()
    link = out_dir.parent / f".{out_dir.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(os.path.relpath(release, out_dir.parent), link)
    os.replace(link, out_dir)


def mark_current(store: Path, current: Path) -> None:
    """Record the release that just went live as the newest (order file and mtime); failures only warn."""
    try:
        os.utime(current)
        order = [name for name in read_order(store) if name != current.name and (store / name).is_dir()]
        tmp = store / f"{ORDER_FILE}.tmp-{os.getpid()}"
        tmp.write_text("".join(f"{name}\n" for name in [*order, current.name]), encoding="utf-8")
        tmp.chmod(FILE_MODE)
        os.replace(tmp, store / ORDER_FILE)
    except OSError as exc:
        print(f"advarsel: kunne ikke oppdatere {store / ORDER_FILE}: {describe(exc)}", file=sys.stderr)


def read_order(store: Path) -> list[str]:
    """Release ids in the order they went live, oldest first."""
    try:
        lines = (store / ORDER_FILE).read_text(encoding="utf-8").split()
    except (OSError, UnicodeDecodeError):
        return []
    return [name for name in lines if RELEASE_NAME.fullmatch(name)]


def prune(store: Path, current: Path, keep: int) -> None:
    """Keep the current release and the `keep - 1` that were live before it; remove everything else in the
    store except the order file and temporary releases of builds still running."""
    rank = {name: i for i, name in enumerate(read_order(store))}
    entries = [
        p
        for p in store.iterdir()
        if p.name != ORDER_FILE and p != current and not (TEMP_NAME.fullmatch(p.name) and not _dead_temp(p))
    ]
    releases = [p for p in entries if RELEASE_NAME.fullmatch(p.name) and p.is_dir() and not p.is_symlink()]
    releases.sort(key=lambda p: (rank.get(p.name, -1), p.stat().st_mtime_ns, p.name), reverse=True)
    kept = set(releases[: max(keep - 1, 0)])
    for path in entries:
        if path not in kept:
            remove(path)


def remove(path: Path) -> None:
    """Delete a tree, file or symlink if it is there; a leftover is harmless, so errors only warn."""
    try:
        if path.is_symlink() or not path.is_dir():
            path.unlink()
        else:
            shutil.rmtree(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        print(f"advarsel: kunne ikke slette {path}: {describe(exc)}", file=sys.stderr)


def carried_forward(out_dir: Path, files: Mapping[str, bytes]) -> dict[str, bytes]:
    """Files of the live release that must outlive it: earlier data versions under /data/v/ (so cited
    extracts stay downloadable) and hashed assets (so a page loaded just before the swap still gets its CSS
    and JS). Never overwrites a file of the new release."""
    live = out_dir.resolve() if out_dir.exists() else None
    if live is None or not live.is_dir():
        return {}
    keep: dict[str, bytes] = {}
    for folder in ("data/v", "assets"):
        for path in sorted((live / folder).rglob("*")) if (live / folder).is_dir() else []:
            rel = path.relative_to(live).as_posix()
            if path.is_file() and rel not in files:
                keep[rel] = path.read_bytes()
    return keep
