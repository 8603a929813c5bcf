"""The frozen build configuration; CLI flags override defaults, and only this module reads the environment."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from builder.errors import BuildError, Exit

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
PREVIEW_OUT = ROOT / ".preview" / "site"
PUBLIC_OUT = ROOT / "site"  # the public site; a demo package (x-demo) is never built into it
DEMO_OUT = ROOT / "demo-site"  # where `make demo` builds examples/demo/
# Package data (pyproject.toml [tool.setuptools.package-data]): queries and views, messages, static files.
SQL_DIR = PACKAGE / "sql"
I18N_DIR = PACKAGE / "i18n"
# The accessibility statement's test results, written by the axe and Nu runs in tests/ (tests/a11y_results.py).
A11Y_RESULTS = PACKAGE / "a11y_results.json"


@dataclass(frozen=True)
class Publisher:
    """Who publishes the site and how to reach them: the footer, the feed and the two statements show it."""

    name: str
    orgnr: str
    email: str
    contact_url: str

    @property
    def orgnr_grouped(self) -> str:
        """The organisation number as written in Norway, in groups of three: 970 018 131."""
        return " ".join(self.orgnr[i : i + 3] for i in range(0, len(self.orgnr), 3))


PUBLISHER = Publisher(
    name="Utdanningsdirektoratet",
    orgnr="970018131",
    email="postmottak@udir.no",
    contact_url="https://www.udir.no/om-udir/kontakt-oss/",
)


@dataclass(frozen=True)
class Config:
    """Paths, base URL and the build date."""

    data_dir: Path = ROOT / "data"
    content_dir: Path = ROOT / "content"
    templates_dir: Path = ROOT / "templates"
    static_dir: Path = PACKAGE / "static"
    out_dir: Path = PUBLIC_OUT
    report_path: Path = ROOT / "build-report.json"
    cache_dir: Path | None = ROOT / ".cache" / "precompress"
    base_url: str = "https://kompetanseinnsyn.no"
    build_date: str = ""
    strict: bool = False
    drafts: bool = False
    keep_releases: int = 3
    fast_compression: bool = False  # tests and previews: brotli 1 and gzip 1 instead of the release levels
    archive: bool = True  # the offline archive of the whole release; the preview leaves it out
    search: bool = True  # the Pagefind index; tests that do not search leave it out


def load_config(**overrides: Any) -> Config:
    """Defaults with non-None overrides; the build date from SOURCE_DATE_EPOCH or the release date."""
    values = {k: v for k, v in overrides.items() if v is not None}
    for key in ("data_dir", "content_dir", "templates_dir", "static_dir", "report_path"):
        if key in values:
            values[key] = Path(values[key]).resolve()
    if "out_dir" in values:
        values["out_dir"] = output_path(Path(values["out_dir"]))
    config = replace(Config(), **values)
    problems = []
    if config.keep_releases < 1:
        problems.append(f"--keep-releases må være minst 1 (fikk {config.keep_releases})")
    if not config.base_url.startswith(("https://", "http://")):
        problems.append(f"--base-url må starte med https:// eller http:// (fikk {config.base_url!r})")
    if not config.data_dir.is_dir():
        problems.append(f"datamappen {config.data_dir} finnes ikke")
    if problems:
        raise BuildError("config", "; ".join(problems), code=Exit.USAGE)
    return replace(config, base_url=config.base_url.rstrip("/"), build_date=config.build_date or build_date())


def refuse_demo_in_public_site(config: Config, demo: bool) -> None:
    """A demonstration package (x-demo) is never published into the public site/ (exit 2, nothing written)."""
    if demo and config.out_dir == output_path(PUBLIC_OUT):
        raise BuildError(
            str(config.out_dir),
            f"datapakken i {config.data_dir} er en demo (x-demo) med oppdiktede tall og publiseres aldri i site/; "
            f"bygg den med «make demo» (til {DEMO_OUT.name}/) eller velg en annen --out",
            code=Exit.USAGE,
        )


def output_path(path: Path) -> Path:
    """An absolute output path whose last component is kept as given: `site` is the symlink the build swaps,
    so resolving it would make the live release the output folder."""
    if path.name in ("", ".", ".."):
        return path.resolve()
    return path.parent.resolve() / path.name


def build_date() -> str:
    """ISO date of the build: SOURCE_DATE_EPOCH when set, else empty (the release date is used)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch:
        return ""
    try:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    except ValueError as exc:
        raise BuildError("SOURCE_DATE_EPOCH", f"ikke et heltall: {epoch!r}", code=Exit.USAGE) from exc
