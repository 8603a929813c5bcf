"""One Norwegian line for each failure that is not a finding: file-system errors, memory, internal errors."""

from __future__ import annotations

import errno
import os

UNCHANGED = "nettstedet er ikke endret."
MAX_DETAIL = 300
WRITE_REASONS = {
    errno.ENOSPC: "disken er full",
    errno.EDQUOT: "diskkvoten er brukt opp",
    errno.EROFS: "filsystemet er skrivebeskyttet",
    errno.EFBIG: "filen er for stor for filsystemet",
}
OTHER_REASONS = {
    errno.EACCES: "ingen tilgang",
    errno.EPERM: "ingen tilgang",
    errno.ENOENT: "finnes ikke",
    errno.ENOTDIR: "en del av stien er ikke en mappe",
    errno.EISDIR: "er en mappe, ikke en fil",
    errno.EEXIST: "finnes allerede",
    errno.ENAMETOOLONG: "filnavnet er for langt",
    errno.EMFILE: "for mange åpne filer",
    errno.EIO: "inn-/utfeil på disken",
}


def os_error_line(exc: OSError) -> str:
    """A file-system error as one line naming the path and the reason."""
    if exc.errno in WRITE_REASONS:
        verb, reason = "kan ikke skrive", WRITE_REASONS[exc.errno]
    else:
        verb = "kan ikke bruke"
        reason = OTHER_REASONS.get(exc.errno or 0) or _os_reason(exc)
    target = f" {_path(exc.filename)}" if exc.filename is not None else ""
    if exc.filename2 is not None:
        target += f" → {_path(exc.filename2)}"
    return f"Feil: {verb}{target}: {reason}; {UNCHANGED}"


def _os_reason(exc: OSError) -> str:
    """The operating system's own words for an error we have no Norwegian text for."""
    code = errno.errorcode.get(exc.errno or 0, type(exc).__name__)
    return f"feil fra operativsystemet ({code}: {one_line(exc.strerror or str(exc))})"


def memory_line() -> str:
    """Running out of memory, as one line."""
    return f"Feil: ikke nok minne til å fullføre; {UNCHANGED}"


def internal_line(exc: BaseException, *, debug: bool) -> str:
    """An unexpected exception as one line; the hint points to --debug unless it is already on."""
    detail = one_line(str(exc))
    text = f"Intern feil: {type(exc).__name__}" + (f": {detail}" if detail else "")
    return text if debug else f"{text} (kjør med --debug for detaljer)"


def one_line(text: str) -> str:
    """Text on one line, cut to a readable length."""
    flat = " ".join(text.split())
    return flat if len(flat) <= MAX_DETAIL else flat[: MAX_DETAIL - 1] + "…"


def _path(name: object) -> str:
    """A file name from an OSError, which may be text, bytes or a descriptor number."""
    text = os.fsdecode(name) if isinstance(name, bytes | str) else str(name)
    return "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in text)
