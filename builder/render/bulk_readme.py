"""The plain-text LESMEG.txt and LISENS.txt of the bulk ZIP, in bokmål (pure functions of the release)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from builder.config import PUBLISHER
from builder.model.datasets import Dataset, Release
from builder.model.statuses import STATUSES
from builder.render import fmt
from builder.render.i18n import t

README = "LESMEG.txt"
LICENSE = "LISENS.txt"
LICENSE_TITLE = "Norsk lisens for offentlige data (NLOD) 2.0"
LICENSE_URL = "https://data.norge.no/nlod/no/2.0"


def readme(release: Release, datasets: Sequence[Dataset], extra: Iterable[tuple[str, str]]) -> bytes:
    """LESMEG.txt: what the package is, its version, publisher and licence, every file, the statuses, how to
    cite it and where it lives; a demo's says DEMO at the top."""
    title = "Kompetanseinnsyn – hele datasettet" + (f" – {t('demo.label')}" if release.demo else "")
    demo = [t("demo.banner"), "Tallene er laget for å vise hvordan nettstedet virker.", ""] if release.demo else []
    files = [f"  {name}: {what}" for name, what in extra]
    for ds in datasets:
        files.append(f"  {ds.name}.csv: {ds.title} (for Excel)")
        files.append(f"  {ds.name}.maskinlesbar.csv: {ds.title} (maskinlesbar)")
    marked = [ds for ds in datasets if any(f["name"] == "status" for f in ds.fields)]
    found = {row["status"] for ds in marked for row in ds.rows}
    statuses = [f"  {s}: {t(f'about.status_{s}')}" for s in STATUSES if s in found]
    lines = [
        title,
        "=" * len(title),
        "",
        *demo,
        f"Dataversjon: {release.version}",
        f"Dato: {release.date} ({fmt.date_nb(release.date)})",
        f"Utgiver: {PUBLISHER.name} (org.nr. {PUBLISHER.orgnr})",
        f"Lisens: {LICENSE_TITLE}, {LICENSE_URL} (se {LICENSE})",
        f"Nettsted: {release.site_url}/",
        f"Fast adresse for denne versjonen: {versioned_folder(release)}",
        "",
        "Hva dette er",
        "------------",
        "Alle tabellene bak nettstedet Kompetanseinnsyn: hvor mye hvert fylke får fra de statlige ordningene for",
        "kompetanseutvikling i barnehage og skole, år for år, med kilder. Hver tabell ligger i to utgaver:",
        "NAVN.csv er for Excel (semikolon, desimalkomma, fylkesnavn ved siden av hvert fylkesnummer), og",
        "NAVN.maskinlesbar.csv er for programmer (komma, desimalpunktum, UTF-8 uten BOM).",
        "datapackage.json beskriver de maskinlesbare filene (Frictionless Data): kolonner, typer, lisens,",
        "kilder og sjekksum (SHA-256) for hver fil.",
        "",
        "Filene",
        "------",
        *files,
        "",
        "Status for tallene",
        "------------------",
        f"Hver rad i {', '.join(ds.name for ds in marked)} har en status i kolonnen «status»:",
        *statuses,
        "",
        "Slik siterer du",
        "---------------",
        citation(release),
        "",
    ]
    return "\r\n".join(lines).encode("utf-8")


def versioned_folder(release: Release) -> str:
    """The absolute URL of this version's fixed folder (see bulk.versions_url)."""
    return f"{release.site_url}/data/v/{release.version}/"


def citation(release: Release) -> str:
    """One line to cite this version by."""
    demo = f" ({t('demo.label')})" if release.demo else ""
    return (
        f"{PUBLISHER.name} ({release.date[:4]}). Kompetanseinnsyn{demo}, dataversjon {release.version} "
        f"({fmt.date_nb(release.date)}). {LICENSE_TITLE}. {versioned_folder(release)}"
    )


def license_text(release: Release) -> bytes:
    """LISENS.txt: the licence's name and address, a short summary (not the licence text) and the attribution."""
    lines = [
        LICENSE_TITLE,
        "=" * len(LICENSE_TITLE),
        "",
        f"Dataene i denne pakken er utgitt av {PUBLISHER.name} under {LICENSE_TITLE}.",
        f"Hele lisensteksten står på {LICENSE_URL}",
        "",
        "Kort fortalt (dette er ikke lisensteksten): du kan kopiere, bruke, endre, sette sammen med andre data",
        "og dele dataene, også i kommersielle tjenester, så lenge du oppgir kilden og lisensen slik lisensen",
        "beskriver.",
        "",
        "Kildehenvisning:",
        f"Inneholder data under {LICENSE_TITLE} tilgjengeliggjort av {PUBLISHER.name}.",
        f"Dataversjon {release.version} ({release.date}): {versioned_folder(release)}",
        "",
    ]
    return "\r\n".join(lines).encode("utf-8")
