"""What is not published, in words: the years and schemes without a national total or a split per county."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from builder.render import fmt
from builder.render.i18n import t

Row = Mapping[str, Any]


def year_span(years: Iterable[int]) -> str:
    """Years in words with runs joined: `2017, 2020–2024 og 2026`."""
    runs: list[list[int]] = []
    for year in sorted(set(years)):
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return fmt.words([f"{r[0]}–{r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs])


def scheme_years(info: Row, shared: Mapping[str, Any]) -> range:
    """The years a scheme ran within the site's period, up to the release year."""
    facts, release = shared["facts"], shared["release"]
    first = max(int(info["fra_aar"]), facts.first_year)
    last = min(int(info["til_aar"] or 9999), facts.last_year, int(release.date[:4]))
    return range(first, last + 1)


def scheme_gaps(years: range, national: Sequence[Row], counties: Sequence[Row]) -> tuple[str, ...]:
    """One scheme's gaps: years without a national total, without a county split, and partial splits."""
    totals = {int(r["aar"]): r["belop"] for r in national}
    split: dict[int, list[Row]] = {}
    for r in counties:
        split.setdefault(int(r["aar"]), []).append(r)
    if not totals and not split:
        return (t("gaps.scheme_none", first=years.start, last=years.stop - 1),)
    lines = []
    if missing := [y for y in years if y not in totals]:
        lines.append(t("gaps.no_national", years=year_span(missing)))
    if missing := [y for y in years if y not in split]:
        lines.append(t("gaps.no_counties", years=year_span(missing)))
    for year in sorted(split):
        lines += partial(year, totals.get(year), split[year])
    return tuple(lines)


def partial(year: int, total: Decimal | None, rows: Sequence[Row]) -> list[str]:
    """A year whose county figures are known without the total, or add up to less than it."""
    known = sum((r["belop"] for r in rows), Decimal(0))
    names = fmt.words([str(r["fylke"]) for r in rows])
    if total is None:
        return [t("gaps.counties_without_total", aar=year, fylker=names if len(rows) <= 4 else len(rows))]
    if known < total:
        return [t("gaps.counties_partial", aar=year, n=len(rows), known=fmt.mill(known), total=fmt.mill(total))]
    return []


def year_gaps(aar: int, schemes: Sequence[Row]) -> tuple[str, ...]:
    """One year's gaps, scheme by scheme: no total, no split per county, or nothing at all."""
    lines, nothing = [], []
    for s in schemes:
        if s["belop"] is None and not s["fylker"]:
            nothing.append(str(s["ordning"]))
        elif not s["fylker"]:
            lines.append(t("gaps.year_no_counties", ordning=s["ordning"], aar=aar))
        elif s["belop"] is None:
            lines.append(t("gaps.year_no_national", ordning=s["ordning"], aar=aar))
    if nothing:
        lines.append(t("gaps.year_nothing", ordninger=fmt.words(nothing), aar=aar))
    return tuple(lines)
