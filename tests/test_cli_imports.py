"""`innsyn --help` imports only the command line: the build's heavy modules load inside the commands."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("duckdb", "pyarrow", "jinja2", "brotli", "xlsxwriter", "builder.build")
SCRIPT = f"""
import sys
from builder.cli import main
try:
    main(["--help"])
except SystemExit:
    pass
print("loaded:" + ",".join(m for m in {HEAVY!r} if m in sys.modules))
"""


def test_help_imports_none_of_the_build() -> None:
    """After `innsyn --help` none of DuckDB, pyarrow, Jinja, brotli, xlsxwriter or builder.build is loaded."""
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    lines = proc.stdout.strip().splitlines()
    assert lines[0].startswith("Bruk:") and "build" in proc.stdout
    assert lines[-1] == "loaded:"


def test_help_is_norwegian() -> None:
    """The help of the command and of a subcommand reads in Norwegian, click's own headings and help option too."""
    from click.testing import CliRunner

    from builder.cli import main

    top = CliRunner().invoke(main, ["--help"], prog_name="innsyn").output
    assert top.startswith("Bruk: innsyn [VALG] KOMMANDO [ARGUMENTER]...")
    assert "\nValg:\n" in top and "\nKommandoer:\n" in top and "Vis denne hjelpen og avslutt." in top
    assert "Vis versjonen og avslutt." in top and "Show" not in top and "Options" not in top
    build = CliRunner().invoke(main, ["build", "-h"]).output
    assert "Kontroller dataene, bygg alle sidene" in build and "Datamappen (standard: data/)." in build
    status = CliRunner().invoke(main, ["new", "status", "--help"], prog_name="innsyn").output
    assert status.startswith("Bruk: innsyn new status [VALG] YEAR") and "Vis denne hjelpen og avslutt." in status
