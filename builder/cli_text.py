"""The Norwegian help of the `innsyn` command: command and option texts, and click's own headings in Norwegian;
the build's summary line."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import click

from builder.render import fmt

# The build's stages as the summary line and the progress bar name them (bench/summary.py reads them back).
STAGES = {"load": "innlesing", "model": "modell", "render": "gjengivelse", "write": "skriving"}

COMMANDS = {
    "main": "Bygg det statiske nettstedet Kompetanseinnsyn fra dataene i data/.\n\n\b\n"
    "Eksempel:\n  innsyn build --out site",
    "build": "Kontroller dataene, bygg alle sidene og publiser nettstedet i én atomisk operasjon.\n\n\b\n"
    "Eksempel:\n  innsyn build --data data --out site --base-url https://kompetanseinnsyn.no",
    "check": "Bare kontroller dataene: skriv ut alle funn og en JSON-rapport.\n\n\b\n"
    "Eksempel:\n  innsyn check --data data --report build-report.json",
    "release": "Registrer de publiserte verdiene i gjeldende dataversjon, slik at senere stille endringer stopper "
    "byggingen.\n\n\b\nEksempel:\n  innsyn release --data data",
    "new": "Lag nytt innhold fra en mal.\n\n\b\nEksempel:\n  innsyn new status 2026",
    "new status": "Lag content/status/<år>.md med årets kortkoder fylt inn (som utkast).\n\n\b\n"
    "Eksempel:\n  innsyn new status 2026",
    "fetch": "Hent referansetabeller fra offentlige API-er til data/; ingenting endres uten at alt er gyldig.\n\n\b\n"
    "Eksempel:\n  innsyn fetch --only fylker\n  innsyn fetch --only statsregnskap --year 2025",
    "serve": "Bygg, vis på 127.0.0.1 og bygg på nytt når data, innhold, maler eller statiske filer endres.\n\n\b\n"
    "Eksempel:\n  innsyn serve --port 8000",
}

OPTIONS = {
    "debug": "Vis hele sporingen (traceback) når en intern feil stopper en kommando.",
    "data": "Datamappen (standard: data/).",
    "content": "Mappen med Markdown-innhold (standard: content/).",
    "out": "Utmappen (standard: site/).",
    "base-url": "Absolutt adresse for kanoniske lenker, for eksempel https://kompetanseinnsyn.no.",
    "strict": "Behandle advarsler som feil.",
    "drafts": "Ta med sider merket draft: true (aldri ved publisering).",
    "keep-releases": "Hvor mange versjoner som beholdes ved siden av utmappen, den publiserte medregnet (standard: 3).",
    "report": "Hvor JSON-rapporten skrives (standard: build-report.json).",
    "only": "Hent bare én kilde: fylker, overganger, larerarsverk, barnehageansatte, elever, eller DFØs "
    "statsregnskap eller bevilgninger (de to bare når de er nevnt).",
    "year": "Siste år det spørres etter (standard: datapakkens siste år); for statsregnskap og bevilgninger det ene "
    "året som hentes (standard: alle årene dataene har).",
    "cache": "Mellomlager for rå svar (standard: .cache/fetch).",
    "offline": "Bruk bare svar fra mellomlageret.",
    "endpoint": "Overstyr en API-adresse: klass=, pxweb=, udir= eller dfo=https://… (for speil og tester).",
    "port": "Port på loopback-grensesnittet.",
    "host": "Grensesnittet det lyttes på (standard: loopback).",
    "allow-remote": "Kreves for å lytte på en adresse som ikke er loopback.",
    "preview-out": "Utmappe for forhåndsvisningen, aldri det publiserte nettstedet (standard: .preview/site).",
    "help": "Vis denne hjelpen og avslutt.",
    "version": "Vis versjonen og avslutt.",
}


def seconds(value: float) -> str:
    """Seconds with two decimals and a decimal comma: «3,21 s»."""
    return f"{fmt.number(Decimal(f'{value:.2f}'), 2)} s"


def summary(pages: int, files: int, size: int, stages: Mapping[str, float], release: str) -> str:
    """The build's one summary line, e.g. «bygde 112 sider, 4 206 filer, 12 026 946 byte (12,0 MB) på 3,21 s
    (innlesing 0,20 s, modell 0,67 s, gjengivelse 0,99 s, skriving 1,35 s); versjon f481d10b6c207414»."""
    parts = ", ".join(f"{STAGES.get(k, k)} {seconds(v)}" for k, v in stages.items())
    mb = fmt.number(Decimal(size) / 1_000_000, 1)
    return (
        f"bygde {fmt.number(pages)} sider, {fmt.number(files)} filer, {fmt.number(size)} byte ({mb} MB) på "
        f"{seconds(sum(stages.values()))} ({parts}); versjon {release}"
    )


HEADINGS = {"Options": "Valg", "Commands": "Kommandoer", "Arguments": "Argumenter"}


class NorwegianFormatter(click.HelpFormatter):
    """click's help layout with Norwegian headings («Bruk:», «Valg», «Kommandoer»)."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """The usage line, prefixed «Bruk:»."""
        super().write_usage(prog, args, "Bruk: " if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        """A section heading in Norwegian."""
        super().write_heading(HEADINGS.get(heading, heading))


class NorwegianContext(click.Context):
    """A click context whose help is laid out by NorwegianFormatter."""

    formatter_class = NorwegianFormatter


class NorwegianHelp:
    """Mixin for commands and groups: Norwegian help layout and help option text."""

    context_class: type[click.Context] = NorwegianContext

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[VALG]")
        if isinstance(self, click.Group):
            kwargs.setdefault("subcommand_metavar", "KOMMANDO [ARGUMENTER]...")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        """-h/--help, described in Norwegian."""
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = OPTIONS["help"]
        return option  # type: ignore[no-any-return]


class NorwegianCommand(NorwegianHelp, click.Command):
    """A command with Norwegian help."""


class NorwegianGroup(NorwegianHelp, click.Group):
    """A command group with Norwegian help, whose commands and subgroups have it too."""

    command_class = NorwegianCommand


NorwegianGroup.group_class = NorwegianGroup
