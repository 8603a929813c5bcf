"""Read a chart's Plotly figure dict (as `charts.py` builds it) into the plain plot the SVG renderer draws (pure)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from builder.render.svg_text import plain

UNIT = re.compile(r"\.0f\} ([^<]*)<extra>")


@dataclass(frozen=True)
class Series:
    """One trace: its name, values aligned to the categories (None for a gap) and its look."""

    name: str
    values: tuple[float | None, ...]
    colour: str
    colours: tuple[str, ...]
    pattern: str
    dash: str
    symbol: str


@dataclass(frozen=True)
class Marker:
    """A vertical line across the plot at a category position (0 is the first category's centre) and its label."""

    position: float
    label: str


@dataclass(frozen=True)
class Plot:
    """A bar or line chart over categories; `horizontal` bars list the categories top-down."""

    kind: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    horizontal: bool
    stacked: bool
    legend: bool
    unit: str
    title: str
    markers: tuple[Marker, ...] = ()


def as_float(value: object) -> float | None:
    """A plotted value as a float (None stays None)."""
    return None if value is None else float(str(value))


def trace_series(trace: Mapping[str, Any], horizontal: bool) -> Series:
    """One trace as a series."""
    marker = trace.get("marker", {})
    colour = marker.get("color", "#0b5394")
    colours = tuple(colour) if isinstance(colour, list) else ()
    line = trace.get("line", {})
    return Series(
        name=plain(trace.get("name", "")),
        values=tuple(as_float(v) for v in (trace["x"] if horizontal else trace["y"])),
        colour=str(line.get("color") or (colours[0] if colours else colour)),
        colours=tuple(str(c) for c in colours),
        pattern=str(marker.get("pattern", {}).get("shape", "")),
        dash=str(line.get("dash", "solid")),
        symbol=str(marker.get("symbol", "circle")),
    )


def unit_of(figure: Mapping[str, Any]) -> str:
    """The unit of the values: the layout's meta, else the one in the first trace's hover template."""
    meta = figure["layout"].get("meta", {})
    if isinstance(meta, Mapping) and "unit" in meta:
        return str(meta["unit"])
    found = UNIT.search(str(figure["data"][0].get("hovertemplate", "")))
    return plain(found.group(1)) if found else ""


def categories_of(traces: Sequence[Mapping[str, Any]], horizontal: bool) -> tuple[str, ...]:
    """The category labels of the first trace (every trace of a chart shares them)."""
    return tuple(plain(c) for c in (traces[0]["y"] if horizontal else traces[0]["x"]))


def read_figure(figure: Mapping[str, Any]) -> Plot:
    """The plot of a figure dict built by `charts.bars`, `charts.stacked_bars` or `charts.lines`."""
    traces = figure["data"]
    layout = figure["layout"]
    kind = "line" if traces[0]["type"] == "scatter" else "bar"
    horizontal = traces[0].get("orientation") == "h"
    axis = layout["xaxis"] if horizontal else layout["yaxis"]
    return Plot(
        kind=kind,
        categories=categories_of(traces, horizontal),
        series=tuple(trace_series(t, horizontal) for t in traces),
        horizontal=horizontal,
        stacked=layout.get("barmode") == "stack",
        legend=bool(layout.get("showlegend", True)),
        unit=unit_of(figure),
        title=plain(axis.get("title", {}).get("text", "")),
        markers=() if horizontal else markers_of(layout),
    )


def markers_of(layout: Mapping[str, Any]) -> tuple[Marker, ...]:
    """The layout's vertical lines on the category axis (`charts.year_marks`), with the annotation at each one."""
    notes = {float(a["x"]): plain(a.get("text", "")) for a in layout.get("annotations", []) if a.get("xref") == "x"}
    return tuple(
        Marker(float(s["x0"]), notes.get(float(s["x0"]), ""))
        for s in layout.get("shapes", [])
        if s.get("type") == "line" and s.get("xref") == "x" and s.get("yref") == "paper" and s["x0"] == s["x1"]
    )


def value_range(plot: Plot) -> tuple[float, float]:
    """The value axis range, always including zero (bars start at zero; stacked bars at their sums)."""
    if plot.kind == "bar" and plot.stacked:
        ups, downs = [0.0], [0.0]
        for i in range(len(plot.categories)):
            vals = [s.values[i] for s in plot.series if s.values[i] is not None]
            ups.append(sum(v for v in vals if v is not None and v > 0))
            downs.append(sum(v for v in vals if v is not None and v < 0))
        return min(downs), max(ups)
    known = [v for s in plot.series for v in s.values if v is not None]
    return min([0.0, *known]), max([0.0, *known])
