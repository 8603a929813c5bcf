"""The privacy statement and the accessibility statement, the latter read from the tests' own results."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.config import A11Y_RESULTS
from builder.errors import BuildError, Exit
from builder.model.page_content import Content, Rows
from builder.model.routes import url_for
from builder.render.i18n import t

# The tools whose runs the results file holds, in the order the statement shows them.
TOOLS = ("axe", "htmlcs", "nu")


@dataclass(frozen=True)
class ToolRun:
    """One automatic check: which tool, when, on which pages, and what it found."""

    tool: str
    version: str
    date: str
    rules: tuple[str, ...]
    pages: tuple[str, ...]
    findings: int
    by_page: tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Deviation:
    """A known shortcoming that the automatic checks do not show."""

    topic: str
    text: str


@dataclass(frozen=True)
class A11yFacts:
    """What the accessibility statement shows: each tool's run, the known deviations, the latest run's date."""

    runs: tuple[ToolRun, ...]
    deviations: tuple[Deviation, ...]
    date: str


def about_crumbs() -> tuple[tuple[str, str], ...]:
    """The breadcrumbs back to the front page and /om/."""
    return ((t("nav.home"), url_for("home")), (t("about.title"), url_for("about")))


def privacy(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Personvernerklæring: what the static site does and does not do with its visitors."""
    return Content(t("privacy.title"), t("privacy.description"), about_crumbs())


def accessibility(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Tilgjengelighetserklæring from the committed results of the axe, HTML_CodeSniffer and Nu runs."""
    facts = read_results(A11Y_RESULTS)
    return Content(t("a11y_statement.title"), t("a11y_statement.description"), about_crumbs(), facts=facts)


def read_results(path: Path) -> A11yFacts:
    """The results file, checked: a missing or malformed file stops the build with what is wrong."""
    try:
        raw = json.loads(path.read_text("utf-8"))
        runs = tuple(_run(tool, raw[tool]) for tool in TOOLS)
        deviations = tuple(Deviation(str(d["gjelder"]), str(d["beskrivelse"])) for d in raw["avvik"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(
            str(path),
            f"kan ikke lese testresultatene til tilgjengelighetserklæringen ({type(exc).__name__}: {exc}); "
            "lag filen på nytt med INNSYN_A11Y_RESULTS (se tests/a11y_results.py)",
            code=Exit.INTERNAL,
        ) from exc
    return A11yFacts(runs, deviations, max(r.date for r in runs))


def _run(tool: str, raw: Mapping[str, Any]) -> ToolRun:
    """One tool's section of the results file."""
    by_page = tuple((str(p), tuple(str(f) for f in found)) for p, found in sorted(raw["funn_per_side"].items()))
    findings = int(raw["funn"])
    if findings != sum(len(found) for _, found in by_page):
        raise ValueError(f"{tool}: funn ({findings}) er ikke summen av funn_per_side")
    return ToolRun(
        tool=tool,
        version=str(raw["versjon"]),
        date=str(raw["dato"]),
        rules=tuple(str(r) for r in raw.get("regler", ())),
        pages=tuple(sorted(str(p) for p in raw["sider"])),
        findings=findings,
        by_page=by_page,
    )
