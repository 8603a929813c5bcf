"""Builds through the CLI on the fixture: exit codes, atomic publish, reproducibility; one end-to-end build of the
bundled data."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import builder.cli
from bench import summary
from builder.build import build
from builder.cli import main
from builder.config import Config, load_config
from builder.errors import BuildError, Exit
from tests.conftest import FIXTURE_CONTENT, FIXTURE_DATA, ROOT, fast_config
from tests.helpers import manifest
from tests.test_site import ALL_PAGES

FIXTURE = ("--data", str(FIXTURE_DATA), "--content", str(FIXTURE_CONTENT))
# The same fast build of the fixture in a subprocess (signals, environments).
FAST_BUILD = (
    "import sys\nfrom tests.conftest import fast_config\nfrom builder.build import build\n"
    "from pathlib import Path\nout = Path(sys.argv[1])\n"
    "build(fast_config(data_dir=Path('tests/fixtures/data'), out_dir=out, report_path=out.parent / 'r.json'))\n"
)


@pytest.fixture(autouse=True)
def fast_cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """CLI builds in this module compress fast and write their report into tmp_path (not into the repository)."""

    def fast(**options: object) -> Config:
        report = options.pop("report_path", None) or tmp_path / "build-report.json"
        return load_config(**{**options, "fast_compression": True, "search": False, "report_path": report})

    monkeypatch.setattr(builder.cli, "load_config", fast)


@pytest.fixture
def previous(tmp_path: Path, built_site: Path) -> Path:
    """A copy of the session's built fixture site (its symlink, releases and report): the site a build replaces."""
    shutil.copytree(built_site.parent, tmp_path / "prev", symlinks=True)
    return tmp_path / "prev" / "site"


def invoke(*args: str) -> tuple[int, str]:
    """Run the CLI in-process; exit code and combined output."""
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_strict_with_only_warnings_says_so(tmp_path: Path) -> None:
    """--strict on the fixture (one deliberate D-ZERO warning) exits 1 and names warnings, not «0 feil»."""
    code, out = invoke("build", *FIXTURE, "--strict", "--out", str(tmp_path / "site"))
    assert code == 1, out
    assert "D-ZERO" in out and "1 advarsel i inndata, og --strict gjør dem til feil" in out
    assert "0 feil" not in out and not (tmp_path / "site").exists()


def test_fixture_build_summary_counts_its_pages(tmp_path: Path) -> None:
    """Exit 0 and one Norwegian summary line naming the fixture's pages (redirect pages included), files, bytes and
    seconds, which the bench reads back."""
    code, out = invoke("build", *FIXTURE, "--out", str(tmp_path / "site"))
    assert code == 0, out
    line = out.strip().splitlines()[-1]
    assert line.startswith(f"bygde {len(ALL_PAGES)} sider, ") and " filer, " in line and " byte (" in line, line
    assert " MB) på " in line and "; versjon " in line, line
    printed = summary.parse(line)
    assert printed["pages"] == len(ALL_PAGES) and printed["files"] > printed["pages"]
    assert set(printed) >= {"load_s", "model_s", "render_s", "write_s"}
    assert (tmp_path / "site").is_symlink() and (tmp_path / "site" / "fylke" / "31-ostfold" / "index.html").is_file()


def test_bad_data_exits_1_and_keeps_site(previous: Path, data_dir: Path) -> None:
    """A validation error exits 1, names rule, file and row, and leaves the previous site byte-identical."""
    out_dir = previous
    before = manifest(out_dir)
    text = (data_dir / "tildelinger.csv").read_text("utf-8").replace("2019,dekomp,01,", "2019,dekomp,1,", 1)
    (data_dir / "tildelinger.csv").write_text(text, "utf-8")
    code, out = invoke("build", "--data", str(data_dir), "--content", str(FIXTURE_CONTENT), "--out", str(out_dir))
    assert code == 1
    assert "FEIL [D-CODE] tildelinger.csv rad 1 (linje 2)" in out
    assert manifest(out_dir) == before


def test_check_reports_and_exits_1(tmp_path: Path, data_dir: Path) -> None:
    """`innsyn check` prints the finding and writes a JSON report."""
    (data_dir / "extra.csv").write_text("x\n", "utf-8")
    report = tmp_path / "report.json"
    code, out = invoke("check", "--data", str(data_dir), "--report", str(report))
    assert code == 1
    assert "FEIL [D-MANIFEST] extra.csv" in out
    assert '"D-MANIFEST"' in report.read_text("utf-8")


def test_check_clean_data_exits_0(tmp_path: Path) -> None:
    """The fixture and the bundled data validate."""
    code, out = invoke("check", "--data", str(FIXTURE_DATA), "--report", str(tmp_path / "r.json"))
    assert code == 0, out
    assert "D-ZERO" in out  # the fixture's one deliberate warning
    code, out = invoke("check", "--report", str(tmp_path / "r.json"))
    assert code == 0, out


def test_usage_error_exits_2(tmp_path: Path) -> None:
    """A bad option value is a usage error."""
    code, out = invoke("build", "--out", str(tmp_path / "s"), "--base-url", "ftp://x")
    assert code == 2
    assert "--base-url" in out
    code, _ = invoke("build", "--data", str(tmp_path / "missing"))
    assert code == 2


def test_broken_link_exits_3_and_keeps_site(tmp_path: Path, previous: Path) -> None:
    """A post-build check failure exits 3 before the swap."""
    out_dir = previous
    before = manifest(out_dir)
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    page = templates / "404.html"
    page.write_text(page.read_text("utf-8").replace("{{ url_for('home') }}", "/finnes-ikke/"), "utf-8")
    with pytest.raises(BuildError) as info:
        build(
            fast_config(
                data_dir=FIXTURE_DATA, out_dir=out_dir, templates_dir=templates, report_path=tmp_path / "r.json"
            )
        )
    assert info.value.code == Exit.CHECK
    assert "404.html: /finnes-ikke/" in info.value.message
    assert manifest(out_dir) == before


def test_failure_mid_render_keeps_site(previous: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An exception or Ctrl-C after some pages leaves the live site and no temporary release."""
    out_dir = previous
    before = manifest(out_dir)
    import builder.build as b

    real = b.render_page
    calls = {"n": 0}

    def flaky(*args: object) -> str:
        calls["n"] += 1
        if calls["n"] == 5:
            raise KeyboardInterrupt
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(b, "render_page", flaky)
    code, _ = invoke("build", *FIXTURE, "--out", str(out_dir))
    assert code != 0 and calls["n"] == 5
    assert manifest(out_dir) == before
    assert not [p for p in (out_dir.parent / ".site-releases").iterdir() if ".tmp-" in p.name]


def test_sigterm_mid_build_keeps_site(previous: Path) -> None:
    """SIGTERM during a (slowed) build exits non-zero and leaves the site unchanged."""
    out_dir = previous
    before = manifest(out_dir)
    slow = (
        "import time, builder.build as b; real = b.render_page\n"
        "def slow(*a):\n    time.sleep(0.2); return real(*a)\n"
        "b.render_page = slow\n" + FAST_BUILD
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", slow, str(out_dir)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, err
    assert manifest(out_dir) == before


@pytest.mark.slow
def test_reproducible_across_environments(tmp_path: Path) -> None:
    """Two builds with different TZ, LANG and PYTHONHASHSEED give byte-identical trees."""
    trees = []
    for i, (tz, lang, seed) in enumerate((("UTC", "C.UTF-8", "1"), ("Pacific/Auckland", "nb_NO.UTF-8", "4242"))):
        out = tmp_path / f"s{i}"
        env = {**os.environ, "TZ": tz, "LANG": lang, "LC_ALL": lang, "PYTHONHASHSEED": seed}
        proc = subprocess.run(
            [sys.executable, "-c", FAST_BUILD, str(out)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
        )
        assert proc.returncode == 0, proc.stderr
        trees.append(manifest(out))
    assert trees[0] == trees[1]
    assert len(trees[0]) > 50
    assert "fylke/31-ostfold/index.html" in trees[0]


def test_rebuild_is_idempotent(previous: Path) -> None:
    """Rebuilding unchanged input gives the same release id."""
    out_dir = previous
    assert invoke("build", *FIXTURE, "--out", str(out_dir))[0] == 0
    first = os.readlink(out_dir)
    assert invoke("build", *FIXTURE, "--out", str(out_dir))[0] == 0
    assert os.readlink(out_dir) == first


def test_every_command_has_help_with_example() -> None:
    """Each command documents itself with an example."""
    for command in ("build", "check", "serve"):
        code, out = invoke(command, "--help")
        assert code == 0 and "Eksempel:" in out and f"innsyn {command}" in out
