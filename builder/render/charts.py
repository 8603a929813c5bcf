"""Pure Plotly figure builders: rows in, figure dicts out; every data string is HTML-escaped (S-8)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from builder.render.json_numbers import json_number

Figure = dict[str, Any]
# Okabe–Ito-based palette; every colour has at least 3:1 contrast against white (WCAG 1.4.11).
PALETTE = ("#0b5394", "#b45309", "#047857", "#9d174d", "#5b21b6", "#374151", "#0e7490", "#a16207")
PATTERNS = ("", "/", ".", "x", "\\", "+", "-", "|")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "x", "star", "cross", "triangle-down")
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
# More category labels than fit side by side on a 375 px screen: slant them (see fit_ticks).
MANY_TICKS = 6


@dataclass(frozen=True)
class Chart:
    """A figure with its stable id, its caption (the finding in words) and the id of its data table."""

    id: str
    figure: Figure
    caption: str
    table_id: str


def plotly_text(value: object) -> str:
    """Escape a data string for Plotly's pseudo-HTML, so `<a href>` shows as text (V15)."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def number(value: Decimal | int | float | None) -> float | int | None:
    """A number for plotting (plotly needs a number even where JSON text would be more exact)."""
    if value is None:
        return None
    converted = json_number(value)
    return float(converted) if isinstance(converted, str) else converted


def base_layout(y_title: str, *, legend: bool = True, height: int = 360, unit: str = "kr") -> dict[str, Any]:
    """Shared layout: Norwegian separators, system font, room for a legend under the plot; `meta.unit` for the SVG."""
    return {
        "meta": {"unit": unit},
        "separators": ",\u00a0",
        "font": {"family": FONT, "size": 13, "color": "#1a1a1a"},
        "height": height,
        "margin": {"l": 64, "r": 12, "t": 12, "b": 40},
        "paper_bgcolor": "#ffffff",
        "plot_bgcolor": "#ffffff",
        "showlegend": legend,
        "legend": {"orientation": "h", "yanchor": "top", "y": -0.15, "x": 0},
        "yaxis": {
            "title": {"text": plotly_text(y_title)},
            "gridcolor": "#d0d5db",
            "tickformat": ",.0f",
            "rangemode": "tozero",
            "zerolinecolor": "#6b7280",
            "automargin": True,
        },
        "xaxis": {"type": "category", "tickfont": {"size": 12}, "automargin": True},
        "hoverlabel": {"namelength": -1},
    }


def fit_ticks(layout: dict[str, Any], count: int) -> dict[str, Any]:
    """Slanted category labels when there are many, so a phone screen (375 px) shows every label whole."""
    if count > MANY_TICKS:
        layout["xaxis"] = {**layout["xaxis"], "tickangle": -45}
    return layout


def stacked_bars(
    rows: Sequence[Mapping[str, Any]],
    *,
    x: str,
    y: str,
    series: str,
    y_title: str,
    hover_unit: str = "kr",
    mode: str = "stack",
) -> Figure:
    """Stacked (or grouped) vertical bars of y by x, one pattern-filled trace per series value."""
    xs, groups = split_series(rows, x=x, y=y, series=series)
    traces = []
    for i, (name, ys) in enumerate(groups):
        colour = PALETTE[i % len(PALETTE)]
        traces.append(
            {
                "type": "bar",
                "name": plotly_text(name),
                "x": xs,
                "y": ys,
                "marker": {
                    "color": colour,
                    "line": {"color": "#ffffff", "width": 1},
                    "pattern": {
                        "shape": PATTERNS[i % len(PATTERNS)],
                        "bgcolor": colour,
                        "fgcolor": "#ffffff",
                        "fgopacity": 0.9,
                        "size": 7,
                        "solidity": 0.25,
                    },
                },
                "hovertemplate": f"%{{x}}: %{{y:,.0f}} {hover_unit}<extra>{plotly_text(name)}</extra>",
            }
        )
    layout = fit_ticks(base_layout(y_title, unit=hover_unit), len(xs))
    layout["barmode"] = mode
    return {"data": traces, "layout": layout}


def bars(
    rows: Sequence[Mapping[str, Any]],
    *,
    x: str,
    y: str,
    y_title: str,
    horizontal: bool = False,
    highlight: str | None = None,
    hover_unit: str = "kr",
) -> Figure:
    """One bar per row; horizontal bars read best for long category names on a phone."""
    labels = [plotly_text(r[x]) for r in rows]
    values = [number(r[y]) for r in rows]
    colours = [PALETTE[1] if highlight is not None and str(r[x]) == highlight else PALETTE[0] for r in rows]
    trace: dict[str, Any] = {"type": "bar", "marker": {"color": colours}, "name": plotly_text(y_title)}
    if horizontal:
        trace.update(
            y=labels, x=values, orientation="h", hovertemplate=f"%{{y}}: %{{x:,.0f}} {hover_unit}<extra></extra>"
        )
    else:
        trace.update(x=labels, y=values, hovertemplate=f"%{{x}}: %{{y:,.0f}} {hover_unit}<extra></extra>")
    layout = base_layout(
        y_title, legend=False, height=max(300, 28 * len(rows) + 80) if horizontal else 340, unit=hover_unit
    )
    if horizontal:
        layout["xaxis"], layout["yaxis"] = (
            {**layout["yaxis"], "title": {"text": plotly_text(y_title)}},
            {"type": "category", "autorange": "reversed", "automargin": True},
        )
        layout["margin"] = {"l": 8, "r": 12, "t": 12, "b": 48}
    else:
        fit_ticks(layout, len(labels))
    return {"data": [trace], "layout": layout}


def lines(
    rows: Sequence[Mapping[str, Any]], *, x: str, y: str, series: str, y_title: str, hover_unit: str = "kr"
) -> Figure:
    """One line per series value, each with its own dash and marker so colour is not the only cue."""
    xs, groups = split_series(rows, x=x, y=y, series=series)
    traces = []
    for i, (name, ys) in enumerate(groups):
        traces.append(
            {
                "type": "scatter",
                "mode": "lines+markers",
                "name": plotly_text(name),
                "x": xs,
                "y": ys,
                "connectgaps": False,
                "line": {"color": PALETTE[i % len(PALETTE)], "dash": DASHES[i % len(DASHES)], "width": 2},
                "marker": {"symbol": SYMBOLS[i % len(SYMBOLS)], "size": 7},
                "hovertemplate": f"%{{x}}: %{{y:,.0f}} {hover_unit}<extra>{plotly_text(name)}</extra>",
            }
        )
    return {"data": traces, "layout": fit_ticks(base_layout(y_title, unit=hover_unit), len(xs))}


def split_series(
    rows: Sequence[Mapping[str, Any]], *, x: str, y: str, series: str
) -> tuple[list[str], list[tuple[str, list[float | int | None]]]]:
    """The sorted x values, and per series (in first-seen order) its y values aligned to them (gaps as None)."""
    xs = sorted({str(r[x]) for r in rows})
    names = list(dict.fromkeys(str(r[series]) for r in rows))
    groups = []
    for name in names:
        values = {str(r[x]): r[y] for r in rows if str(r[series]) == name}
        groups.append((name, [number(values.get(v)) for v in xs]))
    return xs, groups


# A dashed grey line where a year's category starts: at least 3:1 against white (WCAG 1.4.11).
MARKER_COLOUR = "#4a4a4a"


def year_marks(figure: Figure, years: Sequence[int], label: str) -> Figure:
    """The figure with a dashed vertical line and a label where each given year's category starts (pure).

    A mark needs a vertical figure whose categories hold the year after the first one; the line stands between the
    year and the one before (plotly reads a number on a category axis as the category's position, so `i - 0.5`)."""
    traces = figure["data"]
    if not traces or traces[0].get("orientation") == "h":
        return figure
    categories = [str(x) for x in traces[0]["x"]]
    # A year that opens the series is no break within it: the axis already starts there.
    at = [categories.index(str(y)) - 0.5 for y in sorted(set(years)) if str(y) in categories[1:]]
    if not at:
        return figure
    layout = dict(figure["layout"])
    line = {"color": MARKER_COLOUR, "width": 1.5, "dash": "dash"}
    shapes = [
        {"type": "line", "xref": "x", "yref": "paper", "x0": x, "x1": x, "y0": 0, "y1": 1, "line": line} for x in at
    ]
    notes = [
        {
            "xref": "x",
            "yref": "paper",
            "x": x,
            "y": 1,
            "xanchor": "left",
            "yanchor": "bottom",
            "yshift": 18 * (k % 2),
            "showarrow": False,
            "text": plotly_text(label),
            "font": {"size": 12, "color": "#1a1a1a"},
        }
        for k, x in enumerate(at)
    ]
    layout["shapes"] = [*layout.get("shapes", []), *shapes]
    layout["annotations"] = [*layout.get("annotations", []), *notes]
    layout["margin"] = {**layout["margin"], "t": layout["margin"]["t"] + 18 * min(len(at), 2)}
    return {"data": traces, "layout": layout}
