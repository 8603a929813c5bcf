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
    assert lines[0].startswith("Usage:") and "build" in proc.stdout
    assert lines[-1] == "loaded:"
