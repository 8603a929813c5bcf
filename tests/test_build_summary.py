"""The build's summary line is Norwegian (numbers grouped, decimal commas, stage names in Norwegian), and the bench
reads it back (bench/summary.py)."""

from __future__ import annotations

import pytest

from bench import summary
from builder.cli_text import summary as summary_line

NB = "\u00a0"


def test_summary_line_is_norwegian() -> None:
    """Counts grouped in threes with no-break spaces, megabytes and seconds with a decimal comma, stages named in
    Norwegian, the release id last; no English left."""
    stages = {"load": 0.7, "model": 3.97, "render": 4.21, "write": 3.46}
    line = summary_line(184, 3922, 27_104_331, stages, "c924ffabf7cfa63f")
    assert line == (
        f"bygde 184 sider, 3{NB}922 filer, 27{NB}104{NB}331 byte (27,1 MB) på 12,34 s "
        "(innlesing 0,70 s, modell 3,97 s, gjengivelse 4,21 s, skriving 3,46 s); versjon c924ffabf7cfa63f"
    )
    assert not {"built", "pages", "files", "bytes", "release", "in"} & set(line.replace(",", " ").split())


@pytest.mark.parametrize("space", [NB, " "])
def test_bench_reads_a_summary_line(space: str) -> None:
    """A line as the build prints it (or with plain spaces) gives pages, files, bytes and seconds per stage."""
    line = (
        f"bygde 1{space}184 sider, 13{space}922 filer, 127{space}104{space}331 byte (127,1 MB) på 12,34 s "
        "(innlesing 0,70 s, modell 3,97 s, gjengivelse 4,21 s, skriving 3,46 s); versjon c924ffabf7cfa63f"
    )
    assert summary.parse(line) == {
        "pages": 1184,
        "files": 13922,
        "bytes": 127_104_331,
        "load_s": 0.7,
        "model_s": 3.97,
        "render_s": 4.21,
        "write_s": 3.46,
    }


def test_bench_refuses_the_old_english_line() -> None:
    """The English line of earlier builds is not a summary any more: the bench stops and says so in Norwegian."""
    with pytest.raises(SystemExit, match="fant ikke sammendraget"):
        summary.parse("built 112 pages, 4206 files, 11101149 bytes in 14.22s (load 0.69s); release c924ffabf7cfa63f")
