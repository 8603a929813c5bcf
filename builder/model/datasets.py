"""What a release publishes: every input table with its schema, the change log and the sources (plain data)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import duckdb

from builder.errors import BuildError, Exit
from builder.load.contract import Contract
from builder.model.queries import run
from builder.render.i18n import catalogue


@dataclass(frozen=True)
class Release:
    """What every extract carries about its origin."""

    version: str
    date: str
    license: str
    site_url: str
    demo: bool = False  # a demonstration package (x-demo): every extract says DEMO


@dataclass(frozen=True)
class Dataset:
    """One published table: the input resource's schema and all its rows."""

    name: str
    title: str
    description: str
    fields: tuple[Mapping[str, Any], ...]
    rows: tuple[Mapping[str, Any], ...]
    primary_key: tuple[str, ...]


@dataclass(frozen=True)
class Published:
    """The release's data: the input tables, the change log, the sources by id and the release itself."""

    datasets: tuple[Dataset, ...]
    changelog: tuple[Mapping[str, Any], ...]
    sources: Mapping[str, Mapping[str, Any]]
    release: Release
    issued: Mapping[str, str] = field(default_factory=dict)  # table → date of the first release that published it

    @property
    def source_list(self) -> list[Mapping[str, Any]]:
        """The sources in id order."""
        return [self.sources[k] for k in sorted(self.sources)]


def published(con: duckdb.DuckDBPyConnection, contract: Contract, base_url: str) -> Published:
    """Every input table, the change log and the sources; the version must have a change-log entry (T27)."""
    sources = {r["kilde_id"]: r for r in run(con, "sources")}
    datasets = tuple(dataset(con, contract, spec.name) for spec in contract.resources)
    changelog = tuple(run(con, "dataset", tabell="endringslogg"))
    require_changelog_entry(contract, changelog)
    release = Release(contract.release_version, contract.release_date, contract.license_name, base_url, contract.demo)
    return Published(datasets, changelog, sources, release)


def dataset(con: duckdb.DuckDBPyConnection, contract: Contract, name: str) -> Dataset:
    """One input resource with its schema and rows, for the bulk downloads."""
    spec = contract.resource(name)
    fields = tuple(
        {"name": f.name, "type": f.type, "title": f.title, "description": f.description, "money": f.money}
        for f in spec.fields
    )
    title, description = contract.titles.get(name, (name, ""))
    return Dataset(name, title, description, fields, tuple(run(con, "dataset", tabell=name)), spec.primary_key)


def require_changelog_entry(contract: Contract, changelog: tuple[Mapping[str, Any], ...]) -> None:
    """A data version is published only with a line in the change log that describes it (T27)."""
    version = contract.release_version
    if not any(r["versjon"] == version for r in changelog):
        raise BuildError(
            "data/endringslogg.csv",
            f"dataversjon {version} (x-release i datapackage.json) mangler en "
            "linje i endringsloggen. Beskriv hva som er nytt eller rettet.",
            code=Exit.DATA,
        )


def dataset_texts(ds: Dataset) -> tuple[dict[str, str], dict[str, str]]:
    """A table's titles and descriptions by language: bokmål from its descriptor, nynorsk from nn.json only while
    the bokmål text it was translated from (nb.json) is still the descriptor's, so no stale translation is shown."""
    titles, descriptions = {"nb": ds.title}, {"nb": ds.description}
    for key, texts, current in (("title", titles, ds.title), ("description", descriptions, ds.description)):
        message = f"catalog.{key}.{ds.name}"
        if catalogue("nb").get(message) == current and message in catalogue("nn"):
            texts["nn"] = catalogue("nn")[message]
    return titles, {lang: text for lang, text in descriptions.items() if text}
