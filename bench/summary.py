"""The build's Norwegian summary line read back (builder/cli_text.py `summary` writes it): pages, files, bytes and
seconds per stage."""

from __future__ import annotations

import re

# The stages as the line names them, back to the names the bench's results use.
STAGES = {"innlesing": "load", "modell": "model", "gjengivelse": "render", "skriving": "write"}
NUMBER = r"(\d[\d\u00a0 ]*)"
COUNTS = re.compile(rf"bygde {NUMBER} sider, {NUMBER} filer, {NUMBER} byte")
STAGE = re.compile(r"(innlesing|modell|gjengivelse|skriving) (\d+(?:,\d+)?) s")


def whole(text: str) -> int:
    """A whole number grouped with spaces or no-break spaces: «12 026 946» → 12026946."""
    return int(re.sub(r"[\u00a0 ]", "", text))


def parse(line: str) -> dict[str, float]:
    """pages, files, bytes and `<stage>_s` of one summary line; SystemExit where the line is not one."""
    found = COUNTS.search(line)
    if found is None:
        raise SystemExit(f"fant ikke sammendraget i utskriften: {line}")
    pages, files, size = (whole(x) for x in found.groups())
    stages = {f"{STAGES[k]}_s": float(v.replace(",", ".")) for k, v in STAGE.findall(line)}
    return {"pages": pages, "files": files, "bytes": size, **stages}
