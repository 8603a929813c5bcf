"""The key-figure box at the top of county, embete and scheme pages: the latest figure of the page's own rows, the
change from the year before where the two years are comparable (the same schemes or posts and one status), and
its sources (pure)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from builder.model.page_content import Rows, change
from builder.model.statuses import weakest
from builder.render import fmt
from builder.render.i18n import t

Row = Mapping[str, Any]


@dataclass(frozen=True)
class KeyFigure:
    """One figure of the box: what it is, its value with its status (or, when missing, the words saying so), its
    change from the year before in words, its source ids and the id of the page element that shows it in full."""

    label: str
    value: str | None
    status: str | None = None
    missing: str = ""
    change: str = ""
    change_status: str | None = None
    sources: tuple[str, ...] = ()
    anchor: str = ""
    parts: tuple[KeyFigure, ...] = ()


def source_ids(rows: Iterable[Row], *keys: str) -> tuple[str, ...]:
    """Distinct source ids (comma-separated in the rows) under some keys."""
    return tuple(sorted({s for r in rows for k in keys for s in str(r.get(k) or "").split(",") if s}))


def of_year(rows: Sequence[Row], year: int) -> list[Row]:
    """The rows of one year."""
    return [r for r in rows if r["aar"] == year]


def change_words(new: Decimal, old_rows: Sequence[Row], old: Decimal, comparable: bool, year: int) -> str:
    """The change from the year before in words: a percentage, or why there is none."""
    if not old_rows:
        return t("key.change_no_previous", forrige=year - 1)
    pct = change(new, old)
    if not comparable or pct is None:
        return t("key.change_not_comparable", forrige=year - 1)
    return t("key.change", change=fmt.signed_pct(pct), forrige=year - 1)


def one_status(*groups: Iterable[Row], key: str = "status") -> str | None:
    """The one status of every row in the groups, or None when they differ."""
    found = {r[key] for g in groups for r in g}
    return next(iter(found)) if len(found) == 1 else None


def total_figure(rows: Sequence[Row], label_key: str, same: str | None, anchor: str, **words: Any) -> KeyFigure | None:
    """The latest year's sum of `belop` and its change when both years have the same `same` values (the same schemes
    or posts) and one status."""
    if not rows:
        return None
    year = max(r["aar"] for r in rows)
    last, before = of_year(rows, year), of_year(rows, year - 1)
    total = sum((r["belop"] for r in last), Decimal(0))
    old = sum((r["belop"] for r in before), Decimal(0))
    status = one_status(last, before) if before else None
    comparable = status is not None and (same is None or {r[same] for r in last} == {r[same] for r in before})
    return KeyFigure(
        t(label_key, aar=year, **words),
        fmt.mill(total),
        weakest(*(r["status"] for r in last)),
        change=change_words(total, before, old, comparable, year),
        change_status=status if comparable else None,
        sources=source_ids(last, "kilde_id"),
        anchor=anchor,
    )


def post_of(row: Row) -> str:
    """The chapter and post of a booking, as one key."""
    return f"{row['kapittel']}.{row['post']}"


def county_bookings(rows: Sequence[Row], navn: str) -> KeyFigure:
    """The latest year's bookings of the embete covering the county, on the posts that carry the schemes."""
    marked_rows = [{**r, "hva": (r["embete_id"], post_of(r))} for r in rows]
    if not rows:
        return KeyFigure(t("key.county_bookings_none"), None, missing=t("county.bookings_missing", navn=navn))
    last = of_year(rows, max(r["aar"] for r in rows))[0]
    label = "key.county_bookings_shared" if last["antall_fylker"] > 1 else "key.county_bookings"
    figure = total_figure(marked_rows, label, "hva", "figur-bokforinger", embete=last["embete"], fylker=last["fylker"])
    assert figure is not None
    return figure


def county_schemes(rows: Sequence[Row], navn: str) -> KeyFigure:
    """One card: the latest published allocation of each scheme to the county, each with its change when of one
    status (no sum across schemes of different years)."""
    if not rows:
        return KeyFigure(t("key.county_schemes_none"), None, missing=t("county.schemes_missing", navn=navn))
    parts = []
    for ordning in dict.fromkeys(r["ordning_id"] for r in rows):
        mine = [r for r in rows if r["ordning_id"] == ordning]
        figure = total_figure(mine, "key.county_scheme", "ordning_id", "", ordning=mine[-1]["ordning"])
        if figure is not None:
            parts.append(figure)
    sources = tuple(sorted({s for p in parts for s in p.sources}))
    label = t("key.county_schemes")
    return KeyFigure(label, "", sources=sources, anchor="figur-per-ordning-og-aar", parts=tuple(parts))


def county_fte(totals: Sequence[Row], frames: Sequence[Row], navn: str) -> list[KeyFigure]:
    """The latest allocation per teacher FTE where the page computes it; a change only for the same schemes, with
    every frame and both denominators of one status."""
    if not totals:
        return []
    known = [r for r in totals if r["per_larerarsverk"] is not None]
    if not known:
        return [KeyFigure(t("key.per_fte_none"), None, missing=t("county.caption_fte_missing", navn=navn))]
    last = known[-1]
    year = last["aar"]
    before = [r for r in known if r["aar"] == year - 1 and r["ordninger"] == last["ordninger"]]
    used = [r for r in frames if r["aar"] in (year, year - 1) and r["ordning"] in str(last["ordninger"]).split(", ")]
    status = one_status(used, [*before, last], key="status") if before else None
    same_denominator = before and one_status([last, *before], key="nevner_status") == status
    comparable = bool(status is not None and same_denominator)
    old = before[0]["per_larerarsverk"] if before else Decimal(0)
    return [
        KeyFigure(
            t("key.county_per_fte", aar=year, ordninger=last["ordninger"]),
            fmt.nok(last["per_larerarsverk"]),
            last["per_status"],
            change=change_words(last["per_larerarsverk"], before, old, comparable, year),
            change_status=status if comparable else None,
            sources=source_ids([*of_year(used, year), last], "kilde_id", "nevner_kilder"),
            anchor="figur-per-larerarsverk",
        )
    ]


def county_keys(rows: Rows, navn: str) -> tuple[KeyFigure, ...]:
    """The county page's key figures: bookings, each scheme's latest allocation, per teacher FTE."""
    frames = rows["county_by_scheme_year"]
    return (
        county_bookings(rows["county_bookings"], navn),
        county_schemes(frames, navn),
        *county_fte(rows["county_totals"], frames, navn),
    )


def embete_keys(rows: Rows) -> tuple[KeyFigure, ...]:
    """The embete page's key figures: its latest bookings and its bookings on 226.21 per teacher FTE."""
    bookings = total_figure(rows["embete_bookings"], "key.embete_bookings", "post_kode", "figur-bokforinger")
    none = KeyFigure(t("key.embete_bookings_none"), None, missing=t("embete.bookings_none"))
    return (bookings or none, embete_fte(rows["embete_per_fte"]))


def embete_fte(rows: Sequence[Row]) -> KeyFigure:
    """The latest bookings per teacher FTE; a change only for the same counties, all of one status."""
    if not rows:
        return KeyFigure(t("key.per_fte_none"), None, missing=t("embete.per_fte_none"))
    last = rows[-1]
    year = last["aar"]
    before = [r for r in rows if r["aar"] == year - 1 and r["fylkesnumre"] == last["fylkesnumre"]]
    keys = ("bok_status", "nevner_status", "status")
    found = {r[k] for r in [last, *before] for k in keys}
    comparable = bool(before) and len(found) == 1
    old = before[0]["per_larerarsverk"] if before else Decimal(0)
    return KeyFigure(
        t("key.embete_per_fte", aar=year),
        fmt.nok(last["per_larerarsverk"]),
        last["status"],
        change=change_words(last["per_larerarsverk"], before, old, comparable, year),
        change_status=last["status"] if comparable else None,
        sources=source_ids([last], "kilde_id", "nevner_kilder"),
        anchor="figur-per-larerarsverk",
    )


def scheme_keys(rows: Rows) -> tuple[KeyFigure, ...]:
    """The scheme page's key figure: the latest national total and its change when of one status."""
    national = total_figure(rows["scheme_national"], "key.scheme_national", None, "figur-nasjonalt")
    return (national or KeyFigure(t("key.scheme_national_none"), None, missing=t("key.scheme_national_missing")),)
