"""Editorial pages from content/: status pages with live figures and a key-figure box, and plain pages."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from builder.model.content import STATUS_PATH, ContentError, Source, markdown, render_markdown
from builder.model.page_content import Content, scheme_link
from builder.model.routes import slug, url_for
from builder.model.shortcodes import (
    MARK_CLOSE,
    MARK_OPEN,
    PATTERN,
    SPECS,
    block,
    check,
    marks,
    number,
    outside_code_spans,
    parse_args,
    placeholder,
)
from builder.model.statuses import weakest
from builder.model.tables import Column, Table, table
from builder.render.charts import Chart
from builder.render.i18n import t

Query = Callable[..., list[dict[str, Any]]]


def kind_of(source: Source) -> tuple[str, dict[str, Any]]:
    """Route name and URL parameters for a content file."""
    match = STATUS_PATH.match(source.path)
    if match:
        return "status", {"aar": int(match.group(1))}
    stem = source.path.removeprefix("content/").removesuffix(".md").removesuffix(".nn")
    return "page", {"slug": slug("side", stem.replace("/", "-")).removeprefix("side-")}


def body_blocks(
    source: Source,
    query: Query,
    extra: Mapping[str, int],
    schemes: set[str],
    errors: list[ContentError],
    shown: set[str] | None = None,
) -> tuple[list[tuple[str, str]], list[Table], list[Chart]]:
    """Render a body into HTML blocks, with shortcode figures and tables placed where they stand; the statuses of
    the inline numbers are added to `shown`."""
    blocks: list[tuple[str, str]] = []
    tables: list[Table] = []
    figures: list[Chart] = []
    chunk: list[str] = []
    chunk_start = source.first_line
    statuses = set() if shown is None else shown

    def flush(next_line: int) -> None:
        nonlocal chunk, chunk_start
        if any(line.strip() for line in chunk):
            blocks.append(("html", render_markdown("\n".join(chunk), source.path, chunk_start, errors, marks())))
        chunk, chunk_start = [], next_line

    in_code = code_block_lines(source.body)
    for offset, line in enumerate(source.body.split("\n")):
        number_line = source.first_line + offset
        if offset in in_code:
            chunk.append(line)
            continue
        whole = PATTERN.fullmatch(line.strip())
        if whole and whole.group("kind") in ("figur", "tabell"):
            flush(number_line + 1)
            placed = _block(whole, source, number_line, query, schemes, errors, len(tables) + 1)
            if placed:
                tables.append(placed[0])
                if placed[1]:
                    figures.append(placed[1])
                blocks.append(("figure" if placed[1] else "table", placed[0].id))
            continue
        chunk.append(_inline(line, source, number_line, query, extra, schemes, errors, statuses))
    flush(0)
    return blocks, tables, figures


def code_block_lines(body: str) -> set[int]:
    """Lines (from 0) of fenced and indented code blocks: shortcodes there stay literal text."""
    return {
        i
        for token in markdown().parse(body)
        if token.type in ("fence", "code_block") and token.map
        for i in range(*token.map)
    }


def _block(
    match: re.Match[str],
    source: Source,
    line: int,
    query: Query,
    schemes: set[str],
    errors: list[ContentError],
    index: int,
) -> tuple[Table, Chart | None] | None:
    """One figure or table shortcode."""
    kind, name, args = match.group("kind"), match.group("name"), parse_args(match.group("args"))
    if not check(kind, name, args, schemes, (source.path, line), errors):
        return None
    placed = block(kind, name, args, query, f"innhold-{index}")
    if placed is None:
        errors.append(ContentError(source.path, line, "M-SHORTCODE", f'{kind} "{name}": ingen data for {args}.'))
    return placed


def _inline(
    line: str,
    source: Source,
    number_line: int,
    query: Query,
    extra: Mapping[str, int],
    schemes: set[str],
    errors: list[ContentError],
    shown: set[str],
) -> str:
    """Replace number shortcodes in a line by formatted numbers, each followed by its status placeholder."""

    def replace(match: re.Match[str]) -> str:
        kind, name, args = match.group("kind"), match.group("name"), parse_args(match.group("args"))
        if kind != "tall" and (kind, name) in {("figur", "per_fylke"), ("figur", "utvikling"), ("tabell", "per_fylke")}:
            errors.append(ContentError(source.path, number_line, "M-SHORTCODE", f"{kind} må stå alene på en linje."))
            return ""
        if not check(kind, name, args, schemes, (source.path, number_line), errors):
            return ""
        value = number(name, args, query, extra)
        if value is None:
            errors.append(
                ContentError(source.path, number_line, "M-SHORTCODE", f'tall "{name}": ingen data for {args}.')
            )
            return ""
        shown.add(value[1])
        return value[0] + placeholder(value[1])

    def expand(text: str) -> str:
        text = text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
        if "{{<" in text and not PATTERN.search(text):
            errors.append(
                ContentError(
                    source.path,
                    number_line,
                    "M-SHORTCODE",
                    'kortkoden er ikke skrevet riktig (forventet f.eks. {{< tall "sum" år=2025 >}}).',
                )
            )
        return PATTERN.sub(replace, text)

    return outside_code_spans(line, expand)


def key_figures(aar: int, query: Query, extra: Mapping[str, int]) -> tuple[Table, dict[str, Any]]:
    """The «Nøkkeltall» box of a status page: the data's numbers, whatever the editors wrote."""
    rows = query("status_schemes", aar=aar)
    facts = query("status_facts", aar=aar, **extra)
    tb = table(
        "nokkeltall",
        t("status.table_key", aar=aar),
        rows,
        (
            Column("ordning", t("col.scheme"), link=scheme_link, also="kortnavn"),
            Column("belop", t("col.amount_nok"), "nok", status_key="status"),
            Column("endring", t("col.change"), "signed_pct", status_key="endring_status"),
        ),
    )
    fact = facts[0] if facts else {}
    total = fact.get("rapporter") or 0
    summary = {
        "total": sum((r["belop"] for r in rows), Decimal(0)),
        "total_status": weakest(*(r["status"] for r in rows), *filter(None, [fact.get("fylker_status")]))
        if rows
        else None,
        "fylker": fact.get("fylker") or 0,
        "rapport_status": fact.get("status"),
        "rapporter": total,
        "i_tide": fact.get("i_tide") or 0,
        "sent": fact.get("sent") or 0,
        "mangler": fact.get("mangler") or 0,
        "egenandel": fact.get("egenandel"),
        "andel_i_tide": Decimal(fact["i_tide"]) / total if total else None,
    }
    return tb, summary


def editorial_content(
    source: Source,
    route: str,
    params: Mapping[str, Any],
    query: Query,
    extra: Mapping[str, int],
    schemes: set[str],
    errors: list[ContentError],
) -> Content:
    """The Content of one editorial page."""
    shown: set[str] = set()
    blocks, tables, figures = body_blocks(source, query, extra, schemes, errors, shown)
    facts: dict[str, Any] = {"blocks": blocks, "date": source.meta.get("date"), "draft": source.draft}
    crumbs: tuple[tuple[str, str], ...] = ((t("nav.home"), url_for("home")),)
    if route == "status":
        key_table, summary = key_figures(params["aar"], query, extra)
        tables.insert(0, key_table)
        facts.update(aar=params["aar"], summary=summary)
        shown |= {s for k in ("total_status", "rapport_status") if (s := summary[k])}
        crumbs = (*crumbs, (t("nav.status"), url_for("status_index")))
    description = str(source.meta.get("description") or t("status.default_description"))
    return Content(source.title, description, crumbs, tuple(tables), tuple(figures), facts, frozenset(shown))


def status_index(entries: list[dict[str, Any]]) -> Content:
    """/status/: every status page, newest first."""
    return Content(
        t("status.index_title"),
        t("status.index_description"),
        ((t("nav.home"), url_for("home")),),
        facts={"entries": sorted(entries, key=lambda e: e["aar"], reverse=True)},
    )


def shortcode_reference() -> Content:
    """/redaksjon/kortkoder/: every shortcode with its parameters and an example, for editors."""
    rows = [
        {
            "kortkode": f'{s.kind} "{s.name}"',
            "krever": ", ".join(s.required) or "–",
            "valgfritt": ", ".join(s.optional) or "–",
            "eksempel": s.example,
            "forklaring": s.help,
        }
        for s in SPECS
    ]
    tb = table(
        "kortkoder",
        t("shortcodes.table"),
        rows,
        (
            Column("kortkode", t("col.shortcode")),
            Column("krever", t("col.required")),
            Column("valgfritt", t("col.optional")),
            Column("eksempel", t("col.example")),
            Column("forklaring", t("col.meaning")),
        ),
    )
    return Content(t("shortcodes.title"), t("shortcodes.description"), ((t("nav.home"), url_for("home")),), (tb,))


def scaffold_status(year: int, deadline: str) -> str:
    """A new status page for a year, with the shortcodes for that year filled in (a draft until edited)."""
    return f"""---
title: Status for lokal kompetanseutvikling {year}
description: Hvordan midlene til lokal kompetanseutvikling ble fordelt i {year}, og hvordan rapporteringen gikk.
date: {year + 1}-03-01
draft: true
---

I {year} ble det fordelt {{{{< tall "sum" år={year} >}}}} gjennom ordningene for lokal kompetanseutvikling,
{{{{< tall "endring" år={year} >}}}} sammenlignet med {year - 1}.

## Fordelingen mellom fylkene

{{{{< figur "per_fylke" ordning="dekomp" år={year} >}}}}

## Rapporteringen

{{{{< tall "i_tide" år={year} >}}}} av rapportene kom inn innen fristen {deadline}.

## Utviklingen over tid

{{{{< figur "utvikling" >}}}}
"""
