"""The budget post page's row rules, figures and captions in words (pure)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from builder.model import codes
from builder.model.specs import PageInput
from builder.render import charts, fmt
from builder.render.charts import Figure
from builder.render.i18n import t

Row = Mapping[str, Any]
AMOUNTS = (("saldert", "budget.col_adopted"), ("revidert", "budget.col_revised"), ("regnskap", "budget.col_accounts"))


def with_kind(rows: Sequence[Row], page: PageInput) -> list[dict[str, Any]]:
    """Rows with the kind of entity in words (Udir, KD, statsforvalterne, andre, «Øvrige»)."""
    return [{**r, "type_navn": codes.word("virksomhetstype", r["virksomhetstype"])} for r in rows]


def kinds_in_order(rows: Sequence[Row], page: PageInput) -> list[dict[str, Any]]:
    """Rows with the kind in words, ordered by kind first, so the columns and series are Udir, KD, statsforvalterne,
    andre, «Øvrige» whichever year a kind first appears in."""
    return sorted(with_kind(rows, page), key=lambda r: (r["rekkefolge"], r["aar"]))


def reconcile_note(rows: Sequence[Row], page: PageInput) -> list[dict[str, Any]]:
    """Each reconciliation row with why bookings and accounts differ, in words."""
    out = []
    for r in rows:
        if r["differanse"] == 0:
            why = t("budget.why_exact") if r["avrunding"] <= Decimal("0.01") else t("budget.why_equal")
        elif r["innenfor"]:
            why = t("budget.why_rounding", avrunding=fmt.mill(r["avrunding"]))
        else:
            why = t("budget.why_outside")
        out.append({**r, "forklaring": why})
    return out


def _long(rows: Sequence[Row], pairs: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Wide rows as (aar, hva, belop), leaving out missing amounts so no zero stands in for them."""
    return [
        {"aar": r["aar"], "hva": label, "belop": r[key]} for r in rows for key, label in pairs if r[key] is not None
    ]


def side_by_side(rows: Sequence[Row], page: PageInput) -> Figure:
    """Grouped bars per year: adopted, revised, accounts."""
    return charts.stacked_bars(
        _long(rows, [(key, t(label)) for key, label in AMOUNTS]),
        x="aar",
        y="belop",
        series="hva",
        y_title=t("col.amount_nok"),
        mode="group",
    )


def as_groups(rows: Sequence[Row], page: PageInput) -> Figure:
    """Stacked bars per year: salaries, other running costs, transfers."""
    groups = (
        ("lonn", t("budget.group_lonn")),
        ("drift", t("budget.group_drift")),
        ("overforing", t("budget.group_overforing")),
    )
    return charts.stacked_bars(_long(rows, groups), x="aar", y="belop", series="hva", y_title=t("col.amount_nok"))


def appropriation_caption(rows: Sequence[Row], page: PageInput) -> str:
    """The latest accounts against the adopted and revised budget, and the years without accounts."""
    closed = [r for r in rows if r["regnskap"] is not None]
    open_years = [str(r["aar"]) for r in rows if r["regnskap"] is None]
    text = ""
    if closed:
        last = closed[-1]
        amounts = {k: fmt.mill(last[k]) for k, _ in AMOUNTS}
        text = t("budget.caption_years", post=page.words["post"], aar=last["aar"], **amounts)
    if open_years:
        text = f"{text} {t('budget.caption_open', aar=fmt.words(open_years))}".strip()
    return text


def kinds_caption(rows: Sequence[Row], page: PageInput) -> str:
    """The statsforvaltere's and Udir's part of the post in the latest year (rows as pivoted per year)."""
    last = max(rows, key=lambda r: r["aar"])
    sf, udir = last.get("belop_statsforvalter"), last.get("belop_udir")
    words = {"aar": last["aar"], "udir": fmt.mill(udir or 0), "total": fmt.mill(last["sum"])}
    if sf is None:
        return t("budget.caption_kinds_no_sf", **words)
    return t("budget.caption_kinds", sf=fmt.mill(sf), **words)


def accounts_caption(rows: Sequence[Row], page: PageInput) -> str:
    """The share of transfers and of own running costs in the latest year."""
    last = rows[-1]
    total = last["belop"]
    share = {k: fmt.pct(last[k] / total) if total else "–" for k in ("overforing", "egne")}
    return t("budget.caption_accounts", aar=last["aar"], overforing=share["overforing"], egne=share["egne"])
