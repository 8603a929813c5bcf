"""Charts drawn at build time as accessible inline SVG from the same figure dicts Plotly draws (pure).

Each chart is drawn twice, for a phone (300 units wide) and for a wide screen or paper (680 units wide); the
stylesheet shows one. Text stays horizontal: bar charts whose category labels do not fit side by side are
drawn as horizontal bars, and a line chart shows every k-th category label."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from markupsafe import Markup

from builder.render.svg_marks import (
    GRID,
    INK,
    MUTED,
    ZERO,
    Place,
    bands,
    dash_attr,
    defs,
    fill_of,
    label_places,
    legend,
    marker_line,
    symbol,
)
from builder.render.svg_model import Plot, read_figure, value_range
from builder.render.svg_text import nice_ticks, num, text_width, tick_labels, value_text, wrap, xml

# (class suffix, width in user units, font size): the phone variant first.
VARIANTS = (("smal", 300.0, 12.0), ("bred", 680.0, 13.0))
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"


@dataclass(frozen=True)
class Frame:
    """The plot area, its value scale and its category slots."""

    x0: float
    y0: float
    x1: float
    y1: float
    ticks: tuple[Decimal, ...]
    count: int
    horizontal: bool

    @property
    def slot(self) -> float:
        """The size of one category's slot along the category axis."""
        return ((self.y1 - self.y0) if self.horizontal else (self.x1 - self.x0)) / max(self.count, 1)

    def at(self, value: float) -> float:
        """The coordinate of a value on the value axis."""
        lo, hi = float(self.ticks[0]), float(self.ticks[-1])
        share = (value - lo) / (hi - lo)
        return self.x0 + share * (self.x1 - self.x0) if self.horizontal else self.y1 - share * (self.y1 - self.y0)

    def cat(self, index: int, share: float = 0.5) -> float:
        """The coordinate of a point in a category's slot (share 0–1 across the slot)."""
        return (self.y0 if self.horizontal else self.x0) + (index + share) * self.slot


def title_block(plot: Plot, width: float, size: float) -> tuple[str, float]:
    """The value axis title, horizontal above the plot, and the height it takes."""
    lines = wrap(plot.title, width, size) if plot.title else []
    spans = "".join(f'<tspan x="0" y="{num(size * (1 + 1.25 * k))}">{xml(t)}</tspan>' for k, t in enumerate(lines))
    text = f'<text class="chart-axis-title" fill="{INK}">{spans}</text>' if lines else ""
    return text, size * 1.25 * len(lines) + (size * 0.6 if lines else 0)


def fits_vertical(plot: Plot, width: float, size: float) -> bool:
    """Whether every category label fits under its bar in at most two lines of whole words."""
    if plot.kind == "line":
        return True
    slot = (width - 60) / max(len(plot.categories), 1) - 4
    for label in plot.categories:
        words = label.split() or [""]
        if max(text_width(w, size) for w in words) > slot or len(wrap(label, slot, size)) > 2:
            return False
    return True


def shown_labels(plot: Plot, slot: float, size: float) -> list[list[str]]:
    """The category labels of a vertical chart: wrapped bars' labels, or every k-th label of a line chart."""
    if plot.kind == "bar":
        return [wrap(c, slot - 4, size) for c in plot.categories]
    widest = max(text_width(c, size) for c in plot.categories) + 8
    step = max(1, math.ceil(widest / slot))
    n = len(plot.categories)
    return [[c] if (n - 1 - i) % step == 0 else [] for i, c in enumerate(plot.categories)]


def value_ticks(plot: Plot, room: float, size: float, horizontal: bool) -> tuple[list[Decimal], list[str]]:
    """Round ticks for the value axis, as many as fit the room without labels touching."""
    lo, hi = value_range(plot)
    for target in range(5, 1, -1):
        ticks = nice_ticks(lo, hi, target)
        labels = tick_labels(ticks)
        need = (max(text_width(t, size) for t in labels) + 10) if horizontal else size * 2.2
        if room / max(len(ticks) - 1, 1) >= need:
            break
    return ticks, labels


def grid(frame: Frame, labels: list[str], size: float) -> str:
    """Grid lines at every tick, the zero line darker, and the tick labels."""
    lines, texts = [], []
    for tick, label in zip(frame.ticks, labels, strict=True):
        p = num(frame.at(float(tick)))
        zero = f' stroke="{ZERO}"' if tick == 0 else ""
        if frame.horizontal:
            lines.append(f'<path d="M{p} {num(frame.y0)}V{num(frame.y1)}"{zero}/>')
            texts.append(f'<text x="{p}" y="{num(frame.y1 + size + 4)}">{xml(label)}</text>')
        else:
            lines.append(f'<path d="M{num(frame.x0)} {p}H{num(frame.x1)}"{zero}/>')
            y = num(frame.at(float(tick)) + size * 0.35)
            texts.append(f'<text x="{num(frame.x0 - 6)}" y="{y}">{xml(label)}</text>')
    anchor = "middle" if frame.horizontal else "end"
    return (
        f'<g class="chart-grid"><g stroke="{GRID}">{"".join(lines)}</g>'
        f'<g fill="{MUTED}" text-anchor="{anchor}">{"".join(texts)}</g></g>'
    )


def category_labels(frame: Frame, labels: list[list[str]], size: float) -> str:
    """Category labels: left of horizontal bars (right-aligned), or centred under a vertical chart's slots."""
    parts = []
    line_h = size * 1.2
    for i, lines in enumerate(labels):
        if frame.horizontal:
            first = frame.cat(i) - line_h * (len(lines) - 1) / 2 + size * 0.35
            x = num(frame.x0 - 6)
        else:
            first = frame.y1 + size + 4
            x = num(frame.cat(i))
        spans = "".join(f'<tspan x="{x}" y="{num(first + k * line_h)}">{xml(t)}</tspan>' for k, t in enumerate(lines))
        parts.append(f"<text>{spans}</text>")
    anchor = "end" if frame.horizontal else "middle"
    return f'<g class="chart-categories" fill="{INK}" text-anchor="{anchor}">{"".join(parts)}</g>'


def mark_title(plot: Plot, cat: int, series: int, value: float) -> str:
    """The hover text of one mark: category, series when there are several, and the value with its unit."""
    where = plot.categories[cat] if len(plot.series) == 1 else f"{plot.categories[cat]}, {plot.series[series].name}"
    return f"{where}: {value_text(value, plot.unit)}"


def bar_marks(plot: Plot, frame: Frame, uid: str) -> str:
    """Every bar as a rect with its hover title, grouped by series (one fill per group, a highlight on its bar)."""
    groups = []
    all_bands = bands(plot)
    for si, series in enumerate(plot.series):
        base = fill_of(series, si, uid)
        rects = []
        for b in (b for b in all_bands if b.series == si):
            a, z = sorted((frame.at(b.v0), frame.at(b.v1)))
            c0, c1 = frame.cat(b.cat, b.start), frame.cat(b.cat, b.end)
            x, y, w, h = (a, c0, z - a, c1 - c0) if frame.horizontal else (c0, a, c1 - c0, z - a)
            own = fill_of(series, si, uid, b.cat)
            fill = f' fill="{own}"' if own != base else ""
            tip = xml(mark_title(plot, b.cat, si, b.value))
            rects.append(
                f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}"{fill}><title>{tip}</title></rect>'
            )
        groups.append(f'<g fill="{base}">{"".join(rects)}</g>')
    return f'<g class="chart-marks" stroke="#ffffff" stroke-width="0.5">{"".join(groups)}</g>'


def line_marks(plot: Plot, frame: Frame) -> str:
    """Every line (broken at gaps, never bridged) with a marker and hover title per point."""
    parts = []
    for si, s in enumerate(plot.series):
        path, pen = [], "M"
        for i, v in enumerate(s.values):
            if v is None:
                pen = "M"
                continue
            path.append(f"{pen}{num(frame.cat(i))} {num(frame.at(v))}")
            pen = "L"
        colour = xml(s.colour)
        parts.append(f'<path d="{"".join(path)}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr(s.dash)}/>')
        for i, v in enumerate(s.values):
            if v is not None:
                parts.append(symbol(s.symbol, frame.cat(i), frame.at(v), s.colour, mark_title(plot, i, si, v)))
    return f'<g class="chart-marks">{"".join(parts)}</g>'


def marker_places(plot: Plot, frame: Frame, width: float, size: float) -> list[Place]:
    """The places of the plot's marker lines and labels, left to right."""
    marks = sorted(plot.markers, key=lambda m: m.position)
    return label_places([frame.cat(0, m.position + 0.5) for m in marks], [m.label for m in marks], width, size)


def vertical_markers(places: list[Place], frame: Frame, size: float) -> str:
    """The marker lines from their label's row above the plot down to the category axis."""
    parts = []
    for x, label, row, anchor, label_x in places:
        baseline = frame.y0 - 4 - size * 1.3 * row
        path = f"M{num(x)} {num(baseline - size)}V{num(frame.y1)}"
        parts.append(marker_line(path, label, label_x, baseline, anchor))
    return "".join(parts)


def vertical(plot: Plot, width: float, size: float, top: float, uid: str) -> tuple[str, float]:
    """A vertical bar or line chart below `top`; returns its SVG and its bottom edge."""
    height = min(max(width * 0.6, 180.0), 280.0)
    ticks, labels = value_ticks(plot, height, size, horizontal=False)
    left = max(text_width(t, size) for t in labels) + 10
    places = marker_places(plot, Frame(left, 0, width - 6, 0, (), len(plot.categories), False), width, size)
    y0 = top + size * 0.5 + size * 1.3 * (max((p[2] for p in places), default=-1) + 1)
    frame = Frame(left, y0, width - 6, y0 + height, tuple(ticks), len(plot.categories), False)
    cats = shown_labels(plot, frame.slot, size)
    marks = line_marks(plot, frame) if plot.kind == "line" else bar_marks(plot, frame, uid)
    body = (
        grid(frame, labels, size) + marks + vertical_markers(places, frame, size) + category_labels(frame, cats, size)
    )
    return body, frame.y1 + 8 + size * 1.2 * max([1, *(len(c) for c in cats)])


def horizontal(plot: Plot, width: float, size: float, top: float, uid: str) -> tuple[str, float]:
    """Horizontal bars below `top`, categories top-down; returns its SVG and its bottom edge."""
    cats = [wrap(c, width * 0.4, size) for c in plot.categories]
    left = max(text_width(line, size) for lines in cats for line in lines) + 10
    ticks, labels = value_ticks(plot, width - left - 30, size, horizontal=True)
    half = max(text_width(t, size) for t in labels) / 2 + 2
    left = max(left, text_width(labels[0], size) / 2 + 2)
    band = 22.0 if plot.stacked or len(plot.series) == 1 else 8.0 * len(plot.series) + 8
    row = max(band, size * 1.2 * max(len(c) for c in cats) + 6)
    frame = Frame(left, top, width - half, top + row * len(cats), tuple(ticks), len(cats), True)
    lines = "".join(
        marker_line(f"M{num(frame.x0)} {num(y)}H{num(frame.x1)}", m.label, frame.x1, y - 3, "end")
        for m in plot.markers
        for y in [frame.cat(0, m.position + 0.5)]
    )
    body = grid(frame, labels, size) + bar_marks(plot, frame, uid) + lines + category_labels(frame, cats, size)
    return body, frame.y1 + size + 10


def render(figure: dict[str, Any], uid: str, label_id: str, variant: tuple[str, float, float]) -> str:
    """One SVG of a figure dict at one width: title, grid, marks, labels and legend."""
    name, width, size = variant
    plot = read_figure(figure)
    title, top = title_block(plot, width, size)
    across = plot.horizontal or not fits_vertical(plot, width, size)
    draw = horizontal if across and plot.kind == "bar" else vertical
    body, bottom = draw(plot, width, size, top, uid)
    keys, keys_h = legend(plot, bottom + 4, width, size, uid) if plot.legend else ("", 0.0)
    height = bottom + keys_h + 6
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart-svg chart-svg-{name}" id="{xml(uid)}"'
        f' viewBox="0 0 {num(width)} {num(height)}" width="100%" role="img" aria-labelledby="{xml(label_id)}"'
        f' font-family="{FONT}" font-size="{num(size)}">'
        f"{defs(plot, uid)}{title}{body}{keys}</svg>"
    )


def chart_svg(chart_id: str, figure: dict[str, Any]) -> str:
    """Both variants of a chart, ids derived from the chart id, labelled by the figure caption."""
    label = f"figurtekst-{chart_id}"
    safe = re.sub(r"[^A-Za-z0-9_-]", "-", chart_id)
    return "".join(render(figure, f"svg-{safe}-{v[0]}", label, v) for v in VARIANTS)


def chart_markup(chart_id: str, figure: dict[str, Any]) -> Markup:
    """The SVG as template markup: every data string in it was escaped by svg_text.xml (tests/test_svg_charts.py)."""
    return Markup(chart_svg(chart_id, figure))
