"""Publishing into the release store: no nesting on rebuilds, refused targets, modes, pruning and disk faults."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from builder.build import build
from builder.cli import main
from builder.config import load_config
from builder.errors import BuildError, Exit
from builder.publish import write
from builder.publish.releases import ORDER_FILE, read_order
from builder.publish.write import publish
from tests.conftest import FIXTURE_DATA, fast_config
from tests.helpers import manifest


def tiny(n: int, size: int = 0) -> dict[str, bytes]:
    """A small release whose content depends on n (plus `size` bytes of incompressible padding)."""
    files = {"index.html": f"<p>versjon {n}</p>".encode(), "data/v/1/a.csv": b"x,y\n1,2\n"}
    if size:
        files["data/stor.bin"] = os.urandom(size)
    return files


def fake_index(root: Path) -> None:
    """Stands in for Pagefind: writes files into the release during the check, under the current umask."""
    (root / "pagefind").mkdir()
    (root / "pagefind" / "index.js").write_bytes(b"//")


def dead_pid() -> int:
    """The id of a process that has just exited."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def tree(root: Path) -> dict[str, bytes]:
    """Every file below root (symlinks not followed) with its bytes, to prove a path was left untouched."""
    if root.is_file():
        return {"": root.read_bytes()}
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def three_builds(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, list[dict[str, object]]]]:
    """The fixture built three times into the same output under umask 077, with the search index (whose files
    the modes test checks); after each build, the tree, the link and the store's listing."""
    base = tmp_path_factory.mktemp("three")
    out = base / "site"
    states: list[dict[str, object]] = []
    previous = os.umask(0o077)
    try:
        for _ in range(3):
            build(fast_config(data_dir=FIXTURE_DATA, out_dir=out, report_path=base / "r.json", search=True))
            store = base / ".site-releases"
            states.append(
                {
                    "tree": manifest(out),
                    "link": os.readlink(out),
                    "store": sorted(p.name for p in store.iterdir()),
                    "nested": sorted(str(p) for p in store.rglob("*") if p.name.endswith("-releases")),
                }
            )
    finally:
        os.umask(previous)
    yield out, states


def test_three_builds_leave_one_flat_store(three_builds: tuple[Path, list[dict[str, object]]]) -> None:
    """Done when: one store, at most N releases, nothing nested, `site` straight into it, identical trees."""
    out, states = three_builds
    assert sorted(p.name for p in out.parent.iterdir()) == [".site-releases", "r.json", "site"]
    for state in states:
        assert state["nested"] == []
        store = state["store"]
        assert isinstance(store, list) and ORDER_FILE in store and len(store) - 1 <= 3
        assert not [name for name in store if name.startswith("legacy-") or ".tmp-" in name]
        link = str(state["link"])
        assert link.startswith(".site-releases/") and link.count("/") == 1
    assert states[0]["tree"] == states[1]["tree"] == states[2]["tree"]
    assert "fylke/46-vestland/index.html" in states[0]["tree"]  # type: ignore[operator]
    assert (out.parent / ".site-releases" / str(states[2]["link"]).split("/")[1]).is_dir()


def test_modes_ignore_the_umask(three_builds: tuple[Path, list[dict[str, object]]]) -> None:
    """Under umask 077 every folder is 0755 and every file 0644, the Pagefind output and the store included."""
    out, _ = three_builds
    release = out.resolve()
    paths = [release.parent, release, *release.rglob("*")]
    wrong = [
        f"{p}: {oct(stat.S_IMODE(p.stat().st_mode))}"
        for p in paths
        if stat.S_IMODE(p.stat().st_mode) != (0o755 if p.is_dir() else 0o644)
    ]
    assert not wrong, wrong[:5]
    assert any(p.suffix == ".pf_meta" or "pagefind" in p.parts for p in paths)
    assert stat.S_IMODE((release.parent / ORDER_FILE).stat().st_mode) == 0o644


def test_publish_keeps_the_last_n_in_the_order_they_went_live(tmp_path: Path) -> None:
    """keep=3 keeps the live release and the two before it; republishing an old id makes it the newest."""
    out = tmp_path / "site"
    ids = [publish(tiny(n), out, fake_index, keep=3).release_id for n in range(5)]
    store = tmp_path / ".site-releases"
    assert sorted(p.name for p in store.iterdir()) == sorted([*ids[2:], ORDER_FILE])
    again = publish(tiny(2), out, fake_index, keep=3).release_id
    assert again == ids[2] and read_order(store)[-1] == ids[2]
    newest = publish(tiny(9), out, fake_index, keep=3).release_id
    assert sorted(p.name for p in store.iterdir()) == sorted([ids[2], ids[4], newest, ORDER_FILE])
    assert os.readlink(out) == f".site-releases/{newest}"
    assert publish(tiny(10), out, fake_index, keep=1).release_id in os.readlink(out)
    assert len([p for p in store.iterdir() if p.is_dir()]) == 1


def test_stale_leftovers_of_dead_builds_are_removed(tmp_path: Path) -> None:
    """Temporary releases and link names of dead processes go, those of running ones stay, old-layout junk goes."""
    out = tmp_path / "site"
    publish(tiny(0), out, fake_index)
    store = tmp_path / ".site-releases"
    dead, running = dead_pid(), os.getppid()
    (store / f"aaaaaaaaaaaaaaaa.tmp-{dead}").mkdir()
    (store / f"bbbbbbbbbbbbbbbb.tmp-{running}").mkdir()
    (store / "legacy-123" / ".x-releases").mkdir(parents=True)
    os.symlink(".site-releases/nowhere", tmp_path / f".site.link-{dead}")
    os.symlink(".site-releases/nowhere", tmp_path / f".site.link-{running}")
    publish(tiny(1), out, fake_index)
    names = {p.name for p in store.iterdir()}
    assert f"bbbbbbbbbbbbbbbb.tmp-{running}" in names
    assert f"aaaaaaaaaaaaaaaa.tmp-{dead}" not in names and "legacy-123" not in names
    assert not (tmp_path / f".site.link-{dead}").is_symlink()
    assert (tmp_path / f".site.link-{running}").is_symlink()


def test_rebuild_through_the_old_nested_layout_heals_it(tmp_path: Path) -> None:
    """A store left by the old builder (a release id that is a symlink into a nested store) is flattened."""
    out, store = tmp_path / "site", tmp_path / ".site-releases"
    first = publish(tiny(0), out, fake_index).release_id
    nested = store / f".{first}-releases" / first
    nested.parent.mkdir()
    os.rename(store / first, nested)
    os.symlink(f".{first}-releases/{first}", store / first)
    publish(tiny(0), out, fake_index)
    assert sorted(p.name for p in store.iterdir()) == [first, ORDER_FILE]
    assert (store / first).is_dir() and not (store / first).is_symlink()
    assert (out / "index.html").read_bytes() == tiny(0)["index.html"]


def _file(path: Path) -> None:
    path.write_text("notater\n", "utf-8")


def _folder(path: Path) -> None:
    path.mkdir()
    (path / "viktig.txt").write_text("ikke slett\n", "utf-8")


def _foreign_link(path: Path) -> None:
    (path.parent / "annet").mkdir()
    (path.parent / "annet" / "index.html").write_text("annet nettsted\n", "utf-8")
    os.symlink("annet", path)


REFUSED: dict[str, tuple[Callable[[Path], None], str]] = {
    "file": (_file, "er en fil, ikke en mappe"),
    "folder": (_folder, "er en mappe som ikke er tom"),
    "symlink": (_foreign_link, "er en symbolsk lenke til"),
}


@pytest.mark.parametrize("kind", sorted(REFUSED))
def test_occupied_out_is_refused_before_any_work(tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file, a foreign folder or a foreign symlink as --out exits 2 naming it; nothing is moved or created."""
    make, expected = REFUSED[kind]
    out = tmp_path / "site"
    make(out)
    before = {"out": tree(out), "listing": sorted(p.name for p in tmp_path.iterdir())}
    import builder.build as b

    def expensive(*args: object) -> None:
        raise AssertionError("the data was read before the output path was checked")

    monkeypatch.setattr(b, "load_contract", expensive)
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == Exit.USAGE, result.output
    assert f"Feil: {out}: {expected}" in result.output and "--out" in result.output
    with pytest.raises(BuildError) as info:
        publish(tiny(0), out, fake_index)
    assert info.value.code == Exit.USAGE
    assert {"out": tree(out), "listing": sorted(p.name for p in tmp_path.iterdir())} == before


def test_out_inside_a_release_is_refused(tmp_path: Path) -> None:
    """An --out below the live site would nest a store inside a release."""
    out = tmp_path / "site"
    publish(tiny(0), out, fake_index)
    with pytest.raises(BuildError, match="ligger inne i en publisert versjon") as info:
        publish(tiny(1), load_config(out_dir=out / "under").out_dir, fake_index)
    assert info.value.code == Exit.USAGE


def test_empty_folder_is_replaced(tmp_path: Path) -> None:
    """An empty folder as --out becomes the symlink."""
    out = tmp_path / "site"
    out.mkdir()
    publish(tiny(0), out, fake_index)
    assert out.is_symlink() and (out / "index.html").is_file()


def test_out_symlink_is_not_resolved(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """load_config keeps the last component of --out: `site` stays the symlink, not the release it points at."""
    out = tmp_path / "site"
    publish(tiny(0), out, fake_index)
    assert load_config(out_dir=out).out_dir == out
    monkeypatch.chdir(tmp_path)
    assert load_config(out_dir=Path("site")).out_dir == out


def test_keep_releases_must_be_positive() -> None:
    """--keep-releases 0 is a usage error, from the CLI and from load_config."""
    assert CliRunner().invoke(main, ["build", "--keep-releases", "0"]).exit_code == Exit.USAGE
    with pytest.raises(BuildError, match="--keep-releases") as info:
        load_config(keep_releases=0)
    assert info.value.code == Exit.USAGE


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "kan ikke skrive: disken er full"),
        (errno.EROFS, "kan ikke skrive: filsystemet er skrivebeskyttet"),
        (errno.EACCES, "kan ikke skrive: ingen tilgang"),
    ],
)
def test_write_errors_become_messages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str) -> None:
    """An OSError while writing names the file and the reason (exit 4), removes the temporary release and
    leaves the previous site as it was."""
    out = tmp_path / "site"
    publish(tiny(0), out, fake_index)
    before = manifest(out)
    real = write._write_file

    def failing(path: str, data: bytes) -> None:
        if path.endswith("/a.csv"):
            raise OSError(code, os.strerror(code), path)
        real(path, data)

    monkeypatch.setattr(write, "_write_file", failing)
    with pytest.raises(BuildError) as info:
        publish(tiny(1), out, fake_index)
    assert info.value.code == Exit.INTERNAL
    assert info.value.where.endswith("a.csv")
    assert info.value.message == f"{reason}; forrige versjon av nettstedet er ikke endret"
    assert manifest(out) == before
    assert not [p for p in (tmp_path / ".site-releases").iterdir() if ".tmp-" in p.name]


def test_write_error_through_the_cli_has_no_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI prints the one Norwegian line and exits 4."""
    import builder.build as pipeline  # `innsyn build` imports build() from here when it runs

    out = tmp_path / "site"

    def full_disk(*args: object, **kwargs: object) -> None:
        def fill(root: Path) -> None:
            raise OSError(errno.ENOSPC, "No space left on device", str(root / "pagefind"))

        publish(tiny(0), out, fill)

    monkeypatch.setattr(pipeline, "build", full_disk)
    result = CliRunner().invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == Exit.INTERNAL
    assert "kan ikke skrive: disken er full; forrige versjon av nettstedet er ikke endret" in result.output
    assert "Traceback" not in result.output and not out.exists()


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs (needs root and a kernel that lets us mount); skipped where mounting is not permitted."""
    mount = tmp_path / "disk"
    mount.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if proc.returncode != 0:
        pytest.skip(f"cannot mount tmpfs: {proc.stderr.decode(errors='replace').strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=False)


def test_real_disk_full(small_disk: Path) -> None:
    """On a really full disk the build fails with the Norwegian reason; the previous site stays, no temp left."""
    out = small_disk / "site"
    publish(tiny(0), out, fake_index)
    before = manifest(out)
    with pytest.raises(BuildError, match="kan ikke skrive: disken er full") as info:
        publish(tiny(1, size=3_000_000), out, fake_index)
    assert info.value.code == Exit.INTERNAL
    assert manifest(out) == before
    assert not [p for p in (small_disk / ".site-releases").iterdir() if ".tmp-" in p.name]
