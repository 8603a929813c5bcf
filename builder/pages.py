"""Per-route assembly for the overview pages: query rows → titles, tables, charts and facts (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from builder import charts, fmt
from builder.charts import Chart
from builder.messages import t
from builder.routes import url_for
from builder.tables import Column, Table, table

Rows = dict[str, list[dict[str, Any]]]
# Tile-map positions (column, row) of today's counties, roughly as on a map of Norway.
TILES = {
    "56": (4, 1),
    "55": (3, 1),
    "18": (3, 2),
    "50": (3, 3),
    "15": (2, 4),
    "34": (3, 4),
    "46": (1, 5),
    "33": (2, 5),
    "32": (3, 5),
    "03": (4, 5),
    "11": (1, 6),
    "40": (2, 6),
    "39": (3, 6),
    "31": (4, 6),
    "42": (2, 7),
}


@dataclass(frozen=True)
class Content:
    """What a page shows besides the shared frame."""

    title: str
    description: str
    crumbs: tuple[tuple[str, str], ...]
    tables: tuple[Table, ...] = ()
    charts: tuple[Chart, ...] = ()
    facts: Mapping[str, Any] = field(default_factory=dict)
    shown: frozenset[str] = frozenset()

    @property
    def statuses(self) -> frozenset[str]:
        """Every data status shown on the page, in tables or elsewhere."""
        return self.shown.union(*(tb.statuses for tb in self.tables))

    def table(self, table_id: str) -> Table:
        """The table with this id."""
        return next(tb for tb in self.tables if tb.id == table_id)

    def chart(self, chart_id: str) -> Chart:
        """The chart with this id."""
        return next(ch for ch in self.charts if ch.id == chart_id)


def county_link(row: Mapping[str, Any]) -> str:
    """Link to a county page from a row with fylkesnummer and a name."""
    return url_for("county", fylke=row["fylkesnummer"], navn=row.get("navn") or row["fylke"])


def scheme_link(row: Mapping[str, Any]) -> str:
    """Link to a scheme page from a row with ordning_id and a name."""
    return url_for("scheme", ordning=row["ordning_id"], navn=row.get("kortnavn") or row["ordning"])


def year_link(row: Mapping[str, Any]) -> str:
    """Link to a year page."""
    return url_for("year", aar=row["aar"])


def change(new: Decimal | None, old: Decimal | None) -> Decimal | None:
    """Relative change, or None without a base."""
    return (new - old) / old if new is not None and old else None


def sources_of(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """Distinct source ids on rows."""
    return tuple(sorted({str(r["kilde_id"]) for r in rows if r.get("kilde_id")}))


def denominator_sources(rows: Sequence[Mapping[str, Any]]) -> tuple[str, ...]:
    """Distinct sources of the denominators (teacher FTE counts) used on rows."""
    return tuple(sorted({s for r in rows for s in str(r.get("nevner_kilder") or "").split(",") if s}))


def home(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Forside: national total per year, the latest year per scheme, the county tile map."""
    by_year = rows["national_by_year"]
    latest = by_year[-1] if by_year else None
    year_cols = (
        Column("aar", t("col.year"), "year"),
        Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        Column("ordninger", t("col.schemes_count"), "int"),
    )
    totals = table(
        "nasjonalt-per-aar",
        t("home.table_years"),
        by_year,
        year_cols,
        extra_sources=sources_of(rows["national_by_scheme_year"]),
    )
    split = [r for r in rows["national_by_scheme_year"] if latest and r["aar"] == latest["aar"]]
    per_scheme = table(
        "siste-aar-per-ordning",
        t("home.table_schemes", aar=latest["aar"] if latest else ""),
        split,
        (
            Column("ordning", t("col.scheme"), link=scheme_link),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        ),
    )
    current = [r for r in rows["counties_overview"] if not r["utgatt"]]
    tiles = table(
        "fylkeskart",
        t("home.table_tiles"),
        current,
        (
            Column("navn", t("col.county"), link=county_link),
            Column("per_larerarsverk", t("col.per_fte"), "nok", status_key="nevner_status"),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        ),
        extra_sources=denominator_sources(current),
    )
    figures = (
        Chart(
            "nasjonal-utvikling",
            charts.bars(by_year, x="aar", y="belop", y_title=t("col.amount_nok")),
            _trend_caption(by_year),
            totals.id,
        ),
        Chart(
            "ordninger-siste-aar",
            charts.bars(split, x="ordning", y="belop", y_title=t("col.amount_nok"), horizontal=True),
            _split_caption(split),
            per_scheme.id,
        ),
    )
    return Content(
        t("home.title"),
        t("home.description"),
        (),
        (totals, per_scheme, tiles),
        figures,
        {"latest": latest, "tiles": tile_map(current), "latest_status": params["shared"]["latest_status"]},
    )


def _trend_caption(rows: Sequence[Mapping[str, Any]]) -> str:
    """The national trend in one sentence."""
    if len(rows) < 2:
        return t("home.caption_trend_short")
    first, last = rows[0], rows[-1]
    return t(
        "home.caption_trend",
        first=first["aar"],
        last=last["aar"],
        first_amount=fmt.mill(first["belop"]),
        last_amount=fmt.mill(last["belop"]),
        change=fmt.signed_pct(change(last["belop"], first["belop"])),
    )


def _split_caption(rows: Sequence[Mapping[str, Any]]) -> str:
    """The largest scheme in the latest year."""
    if not rows:
        return t("table.empty")
    top = max(rows, key=lambda r: r["belop"])
    total = sum(r["belop"] for r in rows)
    return t(
        "home.caption_split",
        aar=top["aar"],
        ordning=top["ordning"],
        amount=fmt.mill(top["belop"]),
        share=fmt.pct(top["belop"] / total, 0),
    )


def tile_map(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Tiles for today's counties with a quintile class by allocation per teacher FTE."""
    values = sorted(r["per_larerarsverk"] for r in rows if r["per_larerarsverk"] is not None)
    tiles: list[dict[str, Any]] = []
    for r in rows:
        value = r["per_larerarsverk"]
        level = sum(1 for v in quantiles(values) if value is not None and value > v)
        col, row = TILES.get(r["fylkesnummer"], (5, 1 + len(tiles)))
        tiles.append(
            {
                "nummer": r["fylkesnummer"],
                "navn": r["navn"],
                "href": county_link(r),
                "col": col,
                "row": row,
                "level": level,
                "value": fmt.nok(value) if value is not None else "–",
            }
        )
    return tiles


def quantiles(values: Sequence[Decimal]) -> list[Decimal]:
    """Four cut points splitting sorted values into five classes."""
    if not values:
        return []
    return [values[min(len(values) - 1, len(values) * k // 5)] for k in range(1, 5)]


def counties(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Fylker: every county's latest total, per FTE and change, sortable."""
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
        extra_sources=denominator_sources(current),
    )
    old = table(
        "fylker-utgatt",
        t("counties.table_former"),
        former,
        cols,
        sortable=True,
        extra_sources=denominator_sources(former),
    )
    return Content(t("counties.title"), t("counties.description"), ((t("nav.home"), "/"),), (now, old))


def schemes(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Ordninger: every scheme with its administrator and latest national total."""
    overview = table(
        "ordninger",
        t("schemes.table"),
        rows["schemes_overview"],
        (
            Column("kortnavn", t("col.scheme"), link=scheme_link),
            Column("forvalter", t("col.administrator")),
            Column("aar", t("col.latest_year"), "year"),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        ),
    )
    return Content(
        t("schemes.title"),
        t("schemes.description"),
        ((t("nav.home"), "/"),),
        (overview,),
        facts={"schemes": rows["schemes_overview"]},
    )


def years(rows: Rows, params: Mapping[str, Any]) -> Content:
    """År: every year with its total."""
    overview = table(
        "aar",
        t("years.table"),
        rows["years"],
        (
            Column("aar", t("col.year"), "year", link=year_link),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
        ),
        extra_sources=("eksempeldata",),
    )
    return Content(t("years.title"), t("years.description"), ((t("nav.home"), "/"),), (overview,))


def compare(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Sammenlign: the selection form; the data goes to a JSON file beside the page."""
    counties_seen = {r["fylkesnummer"]: r["fylke"] for r in rows["compare_data"]}
    options = [{"nummer": k, "navn": v} for k, v in sorted(counties_seen.items())]
    return Content(
        t("compare.title"),
        t("compare.description"),
        ((t("nav.home"), "/"),),
        facts={"counties": options, "schemes": rows["schemes"], "data": rows["compare_data"]},
        shown=frozenset(r["status"] for r in rows["compare_data"]),
    )


def about(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Om tallene: statuses, the reform mapping, sources, accessibility."""
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
    return Content(
        t("about.title"),
        t("about.description"),
        ((t("nav.home"), "/"),),
        (statuses, transitions, sources),
        facts={"sources": rows["sources"]},
    )


def notfound(rows: Rows, params: Mapping[str, Any]) -> Content:
    """The 404 page."""
    return Content(t("notfound.title"), t("notfound.description"), ((t("nav.home"), "/"),))


def data_page(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Data: every published table with size and formats, the bulk files, and the change log."""
    shared = params["shared"]
    bulk = shared["bulk"]
    listing = []
    for ds in shared["datasets"]:
        sizes = {ext: len(bulk[f"data/siste/{ds.name}.{ext}"]) for ext in ("csv", "maskinlesbar.csv", "parquet")}
        listing.append(
            {
                "navn": ds.name,
                "tittel": ds.title,
                "beskrivelse": ds.description,
                "rader": len(ds.rows),
                "kolonner": ", ".join(f["name"] for f in ds.fields),
                "antall_kolonner": len(ds.fields),
                "csv_kb": Decimal(sizes["csv"]) / 1024,
                "parquet_kb": Decimal(sizes["parquet"]) / 1024,
            }
        )
    overview = table(
        "datasett",
        t("data.table_datasets"),
        listing,
        (
            Column("navn", t("col.dataset")),
            Column("tittel", t("col.title")),
            Column("rader", t("col.rows"), "int"),
            Column("antall_kolonner", t("col.columns"), "int"),
            Column("csv_kb", t("col.csv_kb"), "dec1"),
            Column("parquet_kb", t("col.parquet_kb"), "dec1"),
        ),
    )
    changelog = table(
        "endringslogg",
        t("data.table_changelog"),
        shared["changelog"],
        (
            Column("versjon", t("col.version")),
            Column("dato", t("col.date"), "date"),
            Column("type", t("col.change_type")),
            Column("beskrivelse", t("col.description")),
        ),
    )
    zip_size = len(bulk["data/siste/kompetanseinnsyn.zip"])
    return Content(
        t("data.title"),
        t("data.description"),
        ((t("nav.home"), "/"),),
        (overview, changelog),
        facts={
            "datasets": listing,
            "zip_kb": fmt.number(Decimal(zip_size) / 1024, 0),
            "jsonld": json_ld(shared, listing),
        },
    )


def json_ld(shared: Mapping[str, Any], listing: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """schema.org Dataset (with DCAT-AP-NO-style fields where they map) for catalogues and dataset search."""
    release = shared["release"]
    base = release.site_url
    files = [
        {"@type": "DataDownload", "encodingFormat": fmt_type, "contentUrl": f"{base}/data/siste/{name}"}
        for name, fmt_type in (("kompetanseinnsyn.zip", "application/zip"), ("datapackage.json", "application/json"))
    ]
    files += [
        {
            "@type": "DataDownload",
            "name": d["tittel"],
            "encodingFormat": "text/csv",
            "contentUrl": f"{base}/data/siste/{d['navn']}.maskinlesbar.csv",
        }
        for d in listing
    ]
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": t("data.jsonld_name"),
        "description": t("data.jsonld_description"),
        "url": f"{base}/data/",
        "version": release.version,
        "dateModified": release.date,
        "inLanguage": "nb",
        "isAccessibleForFree": True,
        "license": "https://data.norge.no/nlod/no/2.0",
        "keywords": [t("data.jsonld_keywords")],
        "creator": {"@type": "Organization", "name": "Utdanningsdirektoratet"},
        "publisher": {"@type": "Organization", "name": "Utdanningsdirektoratet"},
        "spatialCoverage": "Norge",
        "temporalCoverage": t("data.jsonld_period"),
        "distribution": files,
    }


UNITS = {"money": "kr", "integer": "", "number": "", "date": "dato", "string": "tekst"}


def dictionary(rows: Rows, params: Mapping[str, Any]) -> Content:
    """Ordbok: every column of every published table, its Norwegian name, type, unit, meaning and an example."""
    tables = []
    for ds in params["shared"]["datasets"]:
        entries = []
        for f in ds.fields:
            example = next((r[f["name"]] for r in ds.rows if r[f["name"]] is not None), None)
            unit = (
                "kr" if f.get("money") else ("år" if f["name"] in ("aar", "fra_aar", "til_aar") else UNITS[f["type"]])
            )
            entries.append(
                {
                    "kolonne": f["name"],
                    "navn": f["title"],
                    "type": f["type"],
                    "enhet": unit,
                    "betydning": f["description"],
                    "eksempel": "" if example is None else str(example),
                }
            )
        tables.append(
            table(
                f"ordbok-{ds.name}",
                t("dictionary.table", navn=ds.title, id=ds.name),
                entries,
                (
                    Column("kolonne", t("col.column")),
                    Column("navn", t("col.norwegian_name")),
                    Column("type", t("col.type")),
                    Column("enhet", t("col.unit")),
                    Column("betydning", t("col.meaning")),
                    Column("eksempel", t("col.example")),
                ),
            )
        )
    crumbs = ((t("nav.home"), "/"), (t("nav.data"), url_for("data")))
    return Content(t("dictionary.title"), t("dictionary.description"), crumbs, tuple(tables))
