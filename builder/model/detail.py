"""Per-route assembly for the detail pages: one county, one scheme, one year (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from builder.model.collation import collated
from builder.model.page_content import Content, Rows, change, county_link, denominator_sources, sources_of
from builder.model.routes import url_for
from builder.model.statuses import weakest
from builder.model.tables import Column, Table, table
from builder.render import charts, fmt
from builder.render.charts import Chart
from builder.render.i18n import t


def pivot(
    rows: Sequence[Mapping[str, Any]],
    *,
    key: str,
    across: str,
    label: str,
    value: str = "belop",
    keep: Sequence[str] = (),
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Wide rows (one per `key`) with a value and a status per `across`, plus a total; and the column list."""
    order = list(dict.fromkeys((str(r[across]), str(r[label])) for r in rows))
    wide: dict[Any, dict[str, Any]] = {}
    for r in rows:
        row = wide.setdefault(
            r[key], {key: r[key], **{k: r[k] for k in keep}, "sum": Decimal(0), "st_sum": "offisiell", "kilde_id": ""}
        )
        row[f"belop_{r[across]}"] = r[value]
        row[f"st_{r[across]}"] = r["status"]
        row["sum"] += r[value]
        row["st_sum"] = weakest(row["st_sum"], r["status"])
        row["kilde_id"] = ",".join(sorted(set(filter(None, row["kilde_id"].split(","))) | {str(r["kilde_id"])}))
    return list(wide.values()), order


def value_columns(order: Sequence[tuple[str, str]], *, heat: bool = False) -> list[Column]:
    """One amount column per pivoted value and a sum column."""
    cols = [
        Column(f"belop_{k}", t("col.amount_of", name=name), "nok", status_key=f"st_{k}", heat=heat) for k, name in order
    ]
    return [*cols, Column("sum", t("col.sum_nok"), "nok", status_key="st_sum", heat=heat)]


def county(rows: Rows, params: Mapping[str, Any]) -> Content:
    """One county: allocations per scheme and year, normalised figures, key, recipients, reporting, reforms."""
    info = params["row"]
    navn = info["navn"]
    by_scheme = rows["county_by_scheme_year"]
    wide, order = pivot(by_scheme, key="aar", across="ordning_id", label="ordning")
    tables = [
        table(
            "per-ordning-og-aar",
            t("county.table_by_scheme", navn=navn),
            wide,
            [Column("aar", t("col.year"), "year"), *value_columns(order)],
        )
    ]
    figures = [
        Chart(
            "per-ordning-og-aar",
            charts.stacked_bars(by_scheme, x="aar", y="belop", series="ordning", y_title=t("col.amount_nok")),
            _county_caption(navn, wide),
            tables[0].id,
        )
    ]
    tables.append(
        table(
            "per-larerarsverk",
            t("county.table_per_fte", navn=navn),
            rows["county_totals"],
            (
                Column("aar", t("col.year"), "year"),
                Column("belop", t("col.amount_nok"), "nok", status_key="status"),
                Column("larerarsverk", t("col.fte"), "dec1", status_key="nevner_status"),
                Column("per_larerarsverk", t("col.per_fte"), "nok", status_key="status"),
                Column("land_per_larerarsverk", t("col.per_fte_national"), "nok", status_key="status"),
            ),
            extra_sources=denominator_sources(rows["county_totals"]) + sources_of(by_scheme),
        )
    )
    per_fte = [
        {"aar": r["aar"], "hvem": who, "verdi": r[k]}
        for r in rows["county_totals"]
        for who, k in ((navn, "per_larerarsverk"), (t("county.national"), "land_per_larerarsverk"))
    ]
    figures.append(
        Chart(
            "per-larerarsverk",
            charts.lines(per_fte, x="aar", y="verdi", series="hvem", y_title=t("col.per_fte")),
            _fte_caption(navn, rows["county_totals"]),
            "per-larerarsverk",
        )
    )
    tables.append(
        table(
            "nokkel",
            t("county.table_key", navn=navn),
            rows["county_key"],
            (
                Column("aar", t("col.year"), "year"),
                Column("ordning", t("col.scheme")),
                Column("belop", t("col.actual_nok"), "nok", status_key="status"),
                Column("etter_nokkel", t("col.key_nok"), "nok"),
                Column("differanse", t("col.difference_nok"), "nok"),
            ),
            extra_sources=("beregning-nokkel", *denominator_sources(rows["county_key"])),
        )
    )
    tables.append(
        table(
            "mottakere",
            t("county.table_recipients", navn=navn),
            collated(rows["county_recipients"], by="mottaker_navn", within=("aar", "ordning_id")),
            (
                Column("aar", t("col.year"), "year"),
                Column("ordning", t("col.scheme")),
                Column("mottaker_navn", t("col.recipient")),
                Column("belop", t("col.amount_nok"), "nok", status_key="status"),
            ),
        )
    )
    tables.append(
        table(
            "rapportering",
            t("county.table_reporting", navn=navn),
            rows["county_reporting"],
            _reporting_columns("aar", t("col.year"), "year"),
            extra_sources=("eksempeldata",),
        )
    )
    figures.append(
        Chart(
            "rapportering",
            _reporting_chart(rows["county_reporting"], "aar"),
            _reporting_caption(rows["county_reporting"]),
            "rapportering",
        )
    )
    if rows["county_comparable"] and not info["utgatt"] and rows["county_transitions"]:
        tables.append(
            table(
                "sammenlignbar",
                t("county.table_comparable", navn=navn),
                rows["county_comparable"],
                (
                    Column("aar", t("col.year"), "year"),
                    Column("fra_fylker", t("col.from_counties")),
                    Column("belop", t("col.amount_nok"), "nok", status_key="status"),
                ),
                extra_sources=("ssb-klass-104-endringer", *sources_of(by_scheme)),
            )
        )
        figures.append(
            Chart(
                "sammenlignbar",
                charts.bars(rows["county_comparable"], x="aar", y="belop", y_title=t("col.amount_nok")),
                t("county.caption_comparable", navn=navn),
                "sammenlignbar",
            )
        )
    name = navn + (f" {t('county.expired')}" if info["utgatt"] else "")
    facts = {
        "info": info,
        "offices": rows["county_offices"],
        "links": _transition_links(rows["county_transitions"]),
        "name": name,
    }
    crumbs = ((t("nav.home"), "/"), (t("nav.counties"), url_for("counties")))
    return Content(name, t("county.description", navn=navn), crumbs, tuple(tables), tuple(figures), facts)


def _county_caption(navn: str, wide: Sequence[Mapping[str, Any]]) -> str:
    """The county's latest total and its change, in words."""
    if not wide:
        return t("table.empty")
    last = wide[-1]
    before = wide[-2] if len(wide) > 1 else None
    if before is None or before["aar"] != last["aar"] - 1:
        return t("county.caption_total_single", navn=navn, aar=last["aar"], amount=fmt.mill(last["sum"]))
    return t(
        "county.caption_total",
        navn=navn,
        aar=last["aar"],
        amount=fmt.mill(last["sum"]),
        change=fmt.signed_pct(change(last["sum"], before["sum"])),
        forrige=before["aar"],
    )


def _fte_caption(navn: str, rows: Sequence[Mapping[str, Any]]) -> str:
    """Per-FTE against the national figure in the latest year."""
    known = [r for r in rows if r["per_larerarsverk"] is not None and r["land_per_larerarsverk"]]
    if not known:
        return t("county.caption_fte_missing", navn=navn)
    last = known[-1]
    ratio = last["per_larerarsverk"] / last["land_per_larerarsverk"] - 1
    return t(
        "county.caption_fte",
        navn=navn,
        aar=last["aar"],
        amount=fmt.nok(last["per_larerarsverk"]),
        national=fmt.nok(last["land_per_larerarsverk"]),
        diff=fmt.signed_pct(ratio),
    )


def _reporting_columns(key: str, label: str, kind: str) -> list[Column]:
    """Columns of a reporting-completeness table."""
    first = Column(key, label, kind, link=county_link if key == "fylke" else None)
    return [
        first,
        Column("rapporter", t("col.reports"), "int", status_key="status"),
        Column("i_tide", t("col.on_time"), "int", status_key="status"),
        Column("sent", t("col.late"), "int", status_key="status"),
        Column("mangler", t("col.missing"), "int", status_key="status"),
    ]


def _reporting_chart(rows: Sequence[Mapping[str, Any]], x: str) -> charts.Figure:
    """Stacked bars: reported on time, late, missing."""
    long = [
        {"x": r[x], "kategori": t(f"col.{k}"), "antall": r[v]}
        for r in rows
        for k, v in (("on_time", "i_tide"), ("late", "sent"), ("missing", "mangler"))
    ]
    return charts.stacked_bars(
        long, x="x", y="antall", series="kategori", y_title=t("col.reports"), hover_unit=t("unit.reports")
    )


def _reporting_caption(rows: Sequence[Mapping[str, Any]]) -> str:
    """Share reported on time over all years."""
    total = sum(r["rapporter"] for r in rows)
    if not total:
        return t("table.empty")
    on_time = sum(r["i_tide"] for r in rows)
    return t(
        "county.caption_reporting",
        share=fmt.pct(Decimal(on_time) / total, 0),
        total=total,
        missing=sum(r["mangler"] for r in rows),
    )


def _transition_links(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Predecessor and successor links with their reform year."""
    out = []
    for r in rows:
        href = url_for("county", fylke=r["fylkesnummer"], navn=r["navn"]) if r["har_side"] else ""
        share = fmt.pct(Decimal(r["andel"])) if r["relasjon"] == "deling" else ""
        out.append({**r, "href": href, "share": share})
    return out


def scheme(rows: Rows, params: Mapping[str, Any]) -> Content:
    """One scheme: rules, national total over years, per county latest and over years, key, co-financing."""
    info = params["row"]
    national = rows["scheme_national"]
    tables = [
        table(
            "nasjonalt",
            t("scheme.table_national", navn=info["kortnavn"]),
            national,
            (
                Column("aar", t("col.year"), "year"),
                Column("belop", t("col.amount_nok"), "nok", status_key="status"),
                Column("merknad", t("col.note")),
            ),
        )
    ]
    figures = [
        Chart(
            "nasjonalt",
            charts.bars(national, x="aar", y="belop", y_title=t("col.amount_nok")),
            _scheme_caption(info["kortnavn"], national),
            "nasjonalt",
        )
    ]
    by_county = rows["scheme_by_county_years"]
    latest_year = max((r["aar"] for r in by_county), default=None)
    latest = [r for r in by_county if r["aar"] == latest_year]
    tables.append(
        table(
            "fylker-siste-aar",
            t("scheme.table_latest", aar=latest_year),
            latest,
            (
                Column("fylke", t("col.county"), link=county_link),
                Column("belop", t("col.amount_nok"), "nok", status_key="status"),
            ),
        )
    )
    figures.append(
        Chart(
            "fylker-siste-aar",
            charts.bars(latest, x="fylke", y="belop", y_title=t("col.amount_nok"), horizontal=True),
            _largest_caption(latest),
            "fylker-siste-aar",
        )
    )
    wide, order = pivot(by_county, key="fylkesnummer", across="aar", label="aar", keep=("fylke",))
    tables.append(
        table(
            "fylker-over-tid",
            t("scheme.table_years", navn=info["kortnavn"]),
            wide,
            [
                Column("fylkesnummer", t("col.county_no")),
                Column("fylke", t("col.county"), link=county_link),
                *value_columns(order),
            ],
        )
    )
    figures.append(
        Chart(
            "fylker-over-tid",
            charts.lines(by_county, x="aar", y="belop", series="fylke", y_title=t("col.amount_nok")),
            t("scheme.caption_years"),
            "fylker-over-tid",
        )
    )
    if rows["scheme_key"]:
        key = rows["scheme_key"]
        tables.append(
            table(
                "nokkel",
                t("scheme.table_key", aar=key[0]["aar"]),
                key,
                (
                    Column("fylke", t("col.county"), link=county_link),
                    Column("belop", t("col.actual_nok"), "nok", status_key="status"),
                    Column("larerarsverk", t("col.fte"), "dec1", status_key="nevner_status"),
                    Column("etter_nokkel", t("col.key_nok"), "nok"),
                    Column("differanse", t("col.difference_nok"), "nok"),
                ),
                extra_sources=("beregning-nokkel", *denominator_sources(key)),
            )
        )
        pairs = [
            {"fylke": r["fylke"], "hva": label, "belop": r[k]}
            for r in key
            for label, k in ((t("col.actual_nok"), "belop"), (t("col.key_nok"), "etter_nokkel"))
        ]
        figures.append(
            Chart(
                "nokkel",
                charts.stacked_bars(
                    pairs, x="fylke", y="belop", series="hva", y_title=t("col.amount_nok"), mode="group"
                ),
                _key_caption(key),
                "nokkel",
            )
        )
    if rows["scheme_cofinancing"]:
        tables.append(
            table(
                "egenandel",
                t("scheme.table_cofinancing"),
                rows["scheme_cofinancing"],
                (
                    Column("aar", t("col.year"), "year"),
                    Column("rapporter", t("col.reports"), "int", status_key="status"),
                    Column("brukt", t("col.used_nok"), "nok", status_key="status"),
                    Column("egenandel", t("col.cofinancing_nok"), "nok", status_key="status"),
                    Column("andel", t("col.cofinancing_share"), "pct", status_key="status"),
                ),
            )
        )
    crumbs = ((t("nav.home"), "/"), (t("nav.schemes"), url_for("schemes")))
    return Content(
        info["navn"],
        t("scheme.description", navn=info["navn"]),
        crumbs,
        tuple(tables),
        tuple(figures),
        {"info": info, "counties": sorted({(r["fylkesnummer"], r["fylke"]) for r in by_county})},
    )


def _scheme_caption(name: str, rows: Sequence[Mapping[str, Any]]) -> str:
    """The national total's development in words."""
    if len(rows) < 2:
        return (
            t("table.empty")
            if not rows
            else t("scheme.caption_single", navn=name, aar=rows[0]["aar"], amount=fmt.mill(rows[0]["belop"]))
        )
    first, last = rows[0], rows[-1]
    return t(
        "scheme.caption_national",
        navn=name,
        first=first["aar"],
        last=last["aar"],
        first_amount=fmt.mill(first["belop"]),
        last_amount=fmt.mill(last["belop"]),
    )


def _largest_caption(rows: Sequence[Mapping[str, Any]]) -> str:
    """The largest and smallest county in the latest year."""
    if not rows:
        return t("table.empty")
    top = max(rows, key=lambda r: r["belop"])
    low = min(rows, key=lambda r: r["belop"])
    return t(
        "scheme.caption_latest",
        aar=top["aar"],
        top=top["fylke"],
        top_amount=fmt.mill(top["belop"]),
        low=low["fylke"],
        low_amount=fmt.mill(low["belop"]),
    )


def _key_caption(rows: Sequence[Mapping[str, Any]]) -> str:
    """The county furthest from the key."""
    far = max(rows, key=lambda r: abs(r["differanse"]))
    return t("scheme.caption_key", aar=far["aar"], fylke=far["fylke"], diff=fmt.nok(far["differanse"]))


def year(rows: Rows, params: Mapping[str, Any]) -> Content:
    """One year: scheme × county heat table, changes from the year before, reporting completeness."""
    aar = params["aar"]
    wide, order = pivot(rows["year_matrix"], key="fylkesnummer", across="ordning_id", label="ordning", keep=("fylke",))
    tables: list[Table] = [
        table(
            "matrise",
            t("year.table_matrix", aar=aar),
            wide,
            [Column("fylke", t("col.county"), link=county_link), *value_columns(order, heat=True)],
        )
    ]
    changes = rows["year_changes"]
    tables.append(
        table(
            "endringer",
            t("year.table_changes", aar=aar),
            changes,
            (
                Column("fylke", t("col.county"), link=county_link),
                Column("forrige_belop", t("col.previous_nok"), "nok", status_key="status"),
                Column("belop", t("col.amount_nok"), "nok", status_key="status"),
                Column("endring", t("col.change"), "signed_pct", status_key="status"),
            ),
        )
    )
    pct_rows = [{"fylke": r["fylke"], "endring": r["endring"] * 100} for r in changes if r["endring"] is not None]
    figures = (
        [
            Chart(
                "endringer",
                charts.bars(pct_rows, x="fylke", y="endring", y_title=t("col.change"), horizontal=True, hover_unit="%"),
                _change_caption(aar, changes),
                "endringer",
            )
        ]
        if pct_rows
        else []
    )
    tables.append(
        table(
            "rapportering",
            t("year.table_reporting", aar=aar),
            rows["year_reporting"],
            _reporting_columns("fylke", t("col.county"), "text"),
        )
    )
    if rows["year_reporting"]:
        figures.append(
            Chart(
                "rapportering",
                _reporting_chart(rows["year_reporting"], "fylke"),
                _reporting_caption(rows["year_reporting"]),
                "rapportering",
            )
        )
    crumbs = ((t("nav.home"), "/"), (t("nav.years"), url_for("years")))
    return Content(
        t("year.title", aar=aar), t("year.description", aar=aar), crumbs, tuple(tables), tuple(figures), {"aar": aar}
    )


def _change_caption(aar: int, rows: Sequence[Mapping[str, Any]]) -> str:
    """The largest increase in words."""
    known = [r for r in rows if r["endring"] is not None]
    if not known:
        return t("year.caption_no_change", aar=aar)
    top = max(known, key=lambda r: r["endring"])
    return t("year.caption_change", aar=aar, fylke=top["fylke"], change=fmt.signed_pct(top["endring"]))
