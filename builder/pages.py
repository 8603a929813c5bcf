"""Per-route assembly: query rows → titles, tables and facts for the template (pure, no I/O)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from builder import fmt
from builder.messages import t
from builder.routes import url_for
from builder.tables import Column, Table, table

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Content:
    """What a page shows besides the shared frame."""

    title: str
    description: str
    crumbs: tuple[tuple[str, str], ...]
    tables: tuple[Table, ...] = ()
    facts: Mapping[str, Any] = field(default_factory=dict)

    @property
    def statuses(self) -> frozenset[str]:
        """Every data status shown on the page."""
        return frozenset().union(*(tb.statuses for tb in self.tables)) if self.tables else frozenset()


def county_link(row: Mapping[str, Any]) -> str:
    """Link to a county page from a row with fylkesnummer and navn."""
    return url_for("county", fylke=row["fylkesnummer"], navn=row["navn"])


def home(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Forside: national totals per year and per scheme."""
    by_year = rows["national_by_year"]
    latest = by_year[-1]["aar"] if by_year else None
    totals = table(
        "nasjonalt-per-aar",
        t("home.table_years"),
        by_year,
        (
            Column("aar", t("col.year"), "year"),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
            Column("ordninger", t("col.schemes_count"), "int"),
        ),
        extra_sources=_sources(rows["national_by_scheme_year"]),
    )
    per_scheme = table(
        "nasjonalt-per-ordning",
        t("home.table_schemes"),
        rows["national_by_scheme_year"],
        (
            Column("aar", t("col.year"), "year"),
            Column("ordning", t("col.scheme")),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        ),
    )
    return Content(
        t("home.title"),
        t("home.description"),
        (),
        (totals, per_scheme),
        {"latest": latest, "latest_total": by_year[-1]["belop"] if by_year else None},
    )


def counties(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Fylker: every county's latest total, per FTE and change."""
    current = [r for r in rows["counties_overview"] if not r["utgatt"]]
    former = [r for r in rows["counties_overview"] if r["utgatt"]]
    cols = (
        Column("fylkesnummer", t("col.county_no")),
        Column("navn", t("col.county"), link=county_link),
        Column("aar", t("col.year"), "year"),
        Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        Column("per_larerarsverk", t("col.per_fte"), "nok", status_key="nevner_status"),
        Column("endring", t("col.change"), "signed_pct", status_key="status"),
    )
    now = table(
        "fylker-i-dag",
        t("counties.table_current"),
        current,
        cols,
        sortable=True,
        extra_sources=("gsi-skoleporten-2019",),
    )
    old = table("fylker-utgatt", t("counties.table_former"), former, cols, sortable=True)
    crumbs = ((t("nav.home"), "/"),)
    return Content(t("counties.title"), t("counties.description"), crumbs, (now, old))


def county(rows: Rows, params: Mapping[str, Any]) -> Content:
    """One county: allocations per scheme and year, normalised figures, recipients, reporting, reforms."""
    info = params["row"]
    name = info["navn"] + (f" {t('county.expired')}" if info["utgatt"] else "")
    by_scheme = table(
        "per-ordning-og-aar",
        t("county.table_by_scheme", navn=info["navn"]),
        rows["county_by_scheme_year"],
        (
            Column("aar", t("col.year"), "year"),
            Column("ordning", t("col.scheme")),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        ),
    )
    totals = table(
        "per-larerarsverk",
        t("county.table_per_fte", navn=info["navn"]),
        rows["county_totals"],
        (
            Column("aar", t("col.year"), "year"),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
            Column("larerarsverk", t("col.fte"), "dec1", status_key="nevner_status"),
            Column("per_larerarsverk", t("col.per_fte"), "nok", status_key="status"),
            Column("land_per_larerarsverk", t("col.per_fte_national"), "nok", status_key="status"),
        ),
        extra_sources=_denominator_sources(rows["county_totals"]),
    )
    recipients = table(
        "mottakere",
        t("county.table_recipients", navn=info["navn"]),
        rows["county_recipients"],
        (
            Column("aar", t("col.year"), "year"),
            Column("ordning", t("col.scheme")),
            Column("mottaker_navn", t("col.recipient")),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        ),
    )
    reporting = table(
        "rapportering",
        t("county.table_reporting", navn=info["navn"]),
        rows["county_reporting"],
        (
            Column("aar", t("col.year"), "year"),
            Column("rapporter", t("col.reports"), "int", status_key="status"),
            Column("i_tide", t("col.on_time"), "int", status_key="status"),
            Column("sent", t("col.late"), "int", status_key="status"),
            Column("mangler", t("col.missing"), "int", status_key="status"),
        ),
        extra_sources=("eksempeldata",),
    )
    tables = [by_scheme, totals, recipients, reporting]
    if rows["county_comparable"] and not info["utgatt"]:
        tables.append(
            table(
                "sammenlignbar",
                t("county.table_comparable", navn=info["navn"]),
                rows["county_comparable"],
                (
                    Column("aar", t("col.year"), "year"),
                    Column("fra_fylker", t("col.from_counties")),
                    Column("belop", t("col.amount_nok"), "nok", status_key="status"),
                ),
                extra_sources=("ssb-klass-104-endringer",),
            )
        )
    crumbs = ((t("nav.home"), "/"), (t("nav.counties"), url_for("counties")))
    facts = {
        "info": info,
        "offices": rows["county_offices"],
        "links": _transition_links(rows),
        "reformed": bool(rows["county_transitions"]),
        "name": name,
    }
    return Content(
        t("county.title", navn=name), t("county.description", navn=info["navn"]), crumbs, tuple(tables), facts
    )


def about(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Om tallene: sources, statuses, the reform mapping."""
    sources = table(
        "kilder",
        t("about.table_sources"),
        rows["sources"],
        (
            Column("kilde_id", t("col.source_id")),
            Column("tittel", t("col.title")),
            Column("utgiver", t("col.publisher")),
            Column("dato", t("col.date"), "date"),
            Column("type", t("col.source_type")),
        ),
    )
    transitions = table(
        "fylkesoverganger",
        t("about.table_transitions"),
        rows["transitions"],
        (
            Column("aar", t("col.year"), "year"),
            Column("fra_navn", t("col.from_county")),
            Column("til_navn", t("col.to_county")),
            Column("relasjon", t("col.relation")),
            Column("andel", t("col.share"), "pct"),
            Column("merknad", t("col.note")),
        ),
    )
    statuses = table(
        "statuser",
        t("about.table_status"),
        rows["status_counts"],
        (
            Column("belopstype", t("col.amount_kind")),
            Column("status", t("col.status")),
            Column("rader", t("col.rows"), "int"),
            Column("belop", t("col.amount_nok"), "nok"),
        ),
        extra_sources=("eksempeldata", "beregning-nokkel"),
    )
    crumbs = ((t("nav.home"), "/"),)
    return Content(
        t("about.title"), t("about.description"), crumbs, (statuses, transitions, sources), {"sources": rows["sources"]}
    )


def notfound(rows: Rows, params: Mapping[str, Any]) -> Content:
    """The 404 page."""
    return Content(t("notfound.title"), t("notfound.description"), ((t("nav.home"), "/"),))


def _sources(rows: list[dict[str, Any]]) -> tuple[str, ...]:
    """Distinct source ids on rows."""
    return tuple(sorted({r["kilde_id"] for r in rows if r.get("kilde_id")}))


def _denominator_sources(rows: list[dict[str, Any]]) -> tuple[str, ...]:
    """Sources of the teacher FTE counts used."""
    years = {r["telleaar"] for r in rows if r.get("telleaar")}
    return tuple(sorted("gsi-skoleporten-2019" if y == 2019 else "gsi-skoleporten-alle" for y in years))


def _transition_links(rows: Rows) -> list[dict[str, Any]]:
    """Predecessor and successor links with their reform year."""
    out = []
    for r in rows["county_transitions"]:
        href = url_for("county", fylke=r["fylkesnummer"], navn=r["navn"]) if r["har_side"] else ""
        out.append({**r, "href": href, "share": fmt.pct(Decimal(r["andel"])) if r["relasjon"] == "deling" else ""})
    return out


ASSEMBLERS = {"home": home, "counties": counties, "county": county, "about": about, "notfound": notfound}
