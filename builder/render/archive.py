"""The offline archive of one release: every rendered file of the site, the input data package under datapakke/
and SHA256SUMS over all of it, as one ZIP under /data/v/<version>/. The data page shows the archive's size and is
itself in the archive, so its pages are rendered last, until the size they show is the size of the result."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from builder.errors import BuildError, Exit
from builder.load.contract import Contract
from builder.load.data_paths import read_inside
from builder.load.limits import LIMITS
from builder.render import fmt
from builder.render.bulk import VERSIONS, deterministic_zip, sha256

ARCHIVE_PAGE = "data.html"  # the template of the pages that show the archive's size
PACKAGE_DIR = "datapakke"
SUMS = "SHA256SUMS"
ROUNDS = 6  # renders of the data pages before giving up on a size that keeps moving (two in practice)
COMPRESSED = (".br", ".gz")


@dataclass(frozen=True)
class ArchiveLink:
    """What the data page shows of the archive: its address and size (None before it exists)."""

    url: str
    kb: str | None = None


def archive_path(version: str, demo: bool) -> str:
    """data/v/<version>/kompetanseinnsyn-<version>-nettsted.zip; a demo's name ends in -DEMO."""
    return f"{VERSIONS}/{version}/kompetanseinnsyn-{version}-nettsted{'-DEMO' if demo else ''}.zip"


def input_package(contract: Contract) -> dict[str, bytes]:
    """datapackage.json and every resource file it lists, read through the loader's guarded reader, under
    datapakke/."""
    names = sorted({"datapackage.json", *(r.path for r in contract.resources)})
    return {f"{PACKAGE_DIR}/{rel}": _read(contract.root, rel) for rel in names}


def _read(root: Path, rel: str) -> bytes:
    """One declared file of the data folder (validated earlier in the build; a problem now is an error)."""

    def fail(_code: str, where: str, _line: int, message: str, **_: object) -> None:
        raise BuildError(where, f"kan ikke legge filen i arkivet: {message}", code=Exit.INTERNAL)

    data = read_inside(root, rel, LIMITS.file_bytes, fail)
    if data is None:  # read_inside reports before it returns None
        raise BuildError(rel, "kan ikke legge filen i arkivet", code=Exit.INTERNAL)
    return data


def checksums(files: Mapping[str, bytes]) -> bytes:
    """SHA256SUMS in the coreutils format over every file, paths relative to the archive's root."""
    return "".join(f"{sha256(data)}  {path}\n" for path, data in sorted(files.items())).encode("utf-8")


def site_archive(
    files: Mapping[str, bytes],
    package: Mapping[str, bytes],
    link: ArchiveLink,
    when: str,
    render_last: Callable[[ArchiveLink], dict[str, bytes]],
) -> tuple[dict[str, bytes], bytes]:
    """The pages that show the archive (rendered by `render_last` with its size) and the archive: `files` (no
    precompressed copies), those pages, the package and SHA256SUMS. Returns when the size shown is the size."""
    site = {rel: data for rel, data in files.items() if not _precompressed(rel, files)}
    base = deterministic_zip({**site, **package}, when)  # compressed once; the last pages are appended
    shown = link
    for _ in range(ROUNDS):
        pages = render_last(shown)
        rest = {**site, **package, **pages}
        archive = deterministic_zip({**pages, SUMS: checksums(rest)}, when, base)
        size = ArchiveLink(link.url, kilobytes(len(archive)))
        if size == shown:
            return pages, archive
        shown = size
    raise BuildError(link.url, "størrelsen på arkivet endrer seg hver gang datasiden lages på nytt", code=Exit.INTERNAL)


def archive_files(path: str, archive: bytes) -> dict[str, bytes]:
    """The archive and, beside it, its own checksum (`sha256sum -c <name>.sha256` in the download folder)."""
    name = path.rsplit("/", 1)[1]
    return {path: archive, f"{path}.sha256": f"{sha256(archive)}  {name}\n".encode()}


def _precompressed(rel: str, files: Mapping[str, bytes]) -> bool:
    """A .br or .gz copy of another file of the site."""
    return rel.endswith(COMPRESSED) and rel[:-3] in files


def kilobytes(size: int) -> str:
    """Whole kB, as the data page writes them."""
    return fmt.number(Decimal(size) / 1000, 0)  # kB: 1 000 bytes (SI)
