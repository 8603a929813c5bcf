"""SVG building blocks for the charts: fill patterns, marker symbols, dashes, bar bands and the legend (pure)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from builder.render.svg_model import Plot, Series
from builder.render.svg_text import num, text_width, wrap, xml

# Plotly's dash names as SVG dash arrays (for a 2-unit stroke).
DASHARRAY = {"dash": "7 4", "dot": "2 3", "dashdot": "7 3 2 3", "longdash": "13 4", "longdashdot": "13 4 2 4"}
# Plotly's pattern shapes, drawn in white on a 7 × 7 tile of the series colour.
PATTERN_PATHS = {
    "/": "M0 7L7 0M-1 1L1 -1M6 8L8 6",
    "\\": "M0 0L7 7M-1 6L1 8M6 -1L8 1",
    "x": "M0 7L7 0M-1 1L1 -1M6 8L8 6M0 0L7 7M-1 6L1 8M6 -1L8 1",
    "-": "M0 3.5H7",
    "|": "M3.5 0V7",
    "+": "M0 3.5H7M3.5 0V7",
}
INK = "#1a1a1a"
MUTED = "#4a4a4a"
GRID = "#d0d5db"
ZERO = "#6b7280"


def pattern_def(pid: str, colour: str, shape: str) -> str:
    """One `<pattern>`: the series colour with the shape in white over it."""
    c = xml(colour)
    if shape == ".":
        mark = '<circle cx="3.5" cy="3.5" r="1.4" fill="#ffffff" fill-opacity="0.9"/>'
    else:
        mark = f'<path d="{PATTERN_PATHS[shape]}" stroke="#ffffff" stroke-opacity="0.9" stroke-width="1.4"/>'
    return (
        f'<pattern id="{pid}" width="7" height="7" patternUnits="userSpaceOnUse">'
        f'<rect width="7" height="7" fill="{c}"/>{mark}</pattern>'
    )


def fill_of(series: Series, index: int, uid: str, bar: int = 0) -> str:
    """The fill of a bar: its pattern if it has one, else its own (highlight) or the series colour."""
    if series.pattern in PATTERN_PATHS or series.pattern == ".":
        return f"url(#{uid}-m{index})"
    colours = series.colours
    return xml(colours[bar] if bar < len(colours) else series.colour)


def defs(plot: Plot, uid: str) -> str:
    """The patterns the chart's bars use."""
    parts = [
        pattern_def(f"{uid}-m{i}", s.colour, s.pattern)
        for i, s in enumerate(plot.series)
        if plot.kind == "bar" and (s.pattern in PATTERN_PATHS or s.pattern == ".")
    ]
    return f"<defs>{''.join(parts)}</defs>" if parts else ""


def symbol(name: str, x: float, y: float, colour: str, title: str = "") -> str:
    """A marker symbol (about 8 units wide) centred on a point, with its hover title."""
    s = 4.0
    paths = {
        "square": f"M{num(x - s)} {num(y - s)}h8v8h-8z",
        "diamond": f"M{num(x)} {num(y - 5)}l5 5l-5 5l-5 -5z",
        "triangle-up": f"M{num(x)} {num(y - 5)}l5 9h-10z",
        "triangle-down": f"M{num(x)} {num(y + 5)}l5 -9h-10z",
        "cross": f"M{num(x - 1.5)} {num(y - s)}h3v2.5h2.5v3h-2.5v2.5h-3v-2.5h-2.5v-3h2.5z",
        "star": f"M{num(x)} {num(y - 5)}l1.5 3.5l3.5 .3l-2.7 2.4l.9 3.8l-3.2 -2l-3.2 2l.9 -3.8l-2.7 -2.4l3.5 -.3z",
        "x": f"M{num(x - 3.5)} {num(y - 3.5)}l7 7m0 -7l-7 7",
    }
    tip = f"<title>{xml(title)}</title>" if title else ""
    c = xml(colour)
    if name == "x":
        return f'<path d="{paths["x"]}" stroke="{c}" stroke-width="2.2" fill="none">{tip}</path>'
    if name in paths:
        return f'<path d="{paths[name]}" fill="{c}">{tip}</path>'
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="{num(s)}" fill="{c}">{tip}</circle>'


def dash_attr(dash: str) -> str:
    """The stroke-dasharray attribute of a Plotly dash name (nothing for solid)."""
    return f' stroke-dasharray="{DASHARRAY[dash]}"' if dash in DASHARRAY else ""


@dataclass(frozen=True)
class Band:
    """One bar in category space: its category, series, share of the slot (0–1) and its value span."""

    cat: int
    series: int
    start: float
    end: float
    v0: float
    v1: float
    value: float


def bands(plot: Plot) -> list[Band]:
    """Every bar of a bar chart: single, stacked (positive and negative parts apart) or grouped."""
    n = len(plot.series)
    out: list[Band] = []
    for cat in range(len(plot.categories)):
        up = down = 0.0
        for si, s in enumerate(plot.series):
            v = s.values[cat]
            if v is None:
                continue
            if plot.stacked or n == 1:
                base = up if v >= 0 else down
                out.append(Band(cat, si, 0.15, 0.85, base, base + v, v))
                up, down = (up + v, down) if v >= 0 else (up, down + v)
            else:
                width = 0.8 / n
                out.append(Band(cat, si, 0.1 + si * width, 0.1 + (si + 1) * width, 0.0, v, v))
    return out


# Share of the legend's width a name is wrapped to: the width estimate is of a narrow UI font, and wide fonts
# (DejaVu Sans, the Linux fallback) run about 15 % longer, so long scheme names wrap before they would be clipped.
LEGEND_ROOM = 0.85


def legend_rows(plot: Plot, width: float, size: float) -> list[list[tuple[int, list[str], float]]]:
    """Legend items flowed into rows that fit the width: (series index, text lines, item width)."""
    rows: list[list[tuple[int, list[str], float]]] = [[]]
    used = 0.0
    for i, s in enumerate(plot.series):
        lines = wrap(s.name, (width - 30) * LEGEND_ROOM, size)
        item = 30 + max(text_width(line, size) for line in lines)
        if rows[-1] and used + item > width:
            rows.append([])
            used = 0.0
        rows[-1].append((i, lines, item))
        used += item + 14
    return rows if rows[0] else []


def legend_swatch(plot: Plot, index: int, x: float, y: float, uid: str) -> str:
    """The legend key of one series: a filled square for bars, a dashed line with its marker for lines."""
    s = plot.series[index]
    if plot.kind == "bar":
        return (
            f'<rect x="{num(x)}" y="{num(y - 6)}" width="14" height="14" fill="{fill_of(s, index, uid)}"'
            f' stroke="{ZERO}" stroke-width="0.5"/>'
        )
    line = (
        f'<path d="M{num(x - 2)} {num(y + 1)}h22" stroke="{xml(s.colour)}" stroke-width="2"'
        f' fill="none"{dash_attr(s.dash)}/>'
    )
    return line + symbol(s.symbol, x + 9, y + 1, s.colour)


def legend(plot: Plot, top: float, width: float, size: float, uid: str) -> tuple[str, float]:
    """The legend under the plot and its height."""
    line_h = size * 1.3
    parts: list[str] = []
    y = top
    for row in legend_rows(plot, width, size):
        x = 0.0
        for index, lines, item in row:
            parts.append(legend_swatch(plot, index, x + 2, y + line_h / 2, uid))
            spans = "".join(
                f'<tspan x="{num(x + 26)}" y="{num(y + line_h * (k + 0.5) + size * 0.35)}">{xml(t)}</tspan>'
                for k, t in enumerate(lines)
            )
            parts.append(f'<text fill="{INK}">{spans}</text>')
            x += item + 14
        y += line_h * max(len(lines) for _, lines, _ in row) + 6
    return f'<g class="chart-legend">{"".join(parts)}</g>', y - top


def marker_line(path: str, label: str, x: float, y: float, anchor: str) -> str:
    """One dashed marker line (an SVG path) with its label, haloed in white so it reads over bars and lines."""
    return (
        f'<g class="chart-marker"><path d="{path}" stroke="{MUTED}" stroke-width="1.5" stroke-dasharray="4 3"'
        f' fill="none"/><text x="{num(x)}" y="{num(y)}" text-anchor="{anchor}" fill="{INK}" stroke="#ffffff"'
        f' stroke-width="3" paint-order="stroke">{xml(label)}</text></g>'
    )


Place = tuple[float, str, int, str, float]  # a marker's x, label, label row, text anchor and label x


def stack_labels(xs: list[float], spans: list[tuple[float, float]]) -> list[int] | None:
    """Label rows, left to right, so no two labels in a row touch and no line crosses a label in a row below its own
    label; None when that cannot be done with these spans."""
    rows: list[int] = []
    for i, (a, z) in enumerate(spans):

        def free(row: int, i: int = i, a: float = a, z: float = z) -> bool:
            """Whether label i fits in this row."""
            for j, r in enumerate(rows):
                u0, u1 = spans[j]
                if (r == row and not (z + 8 < u0 or a > u1 + 8)) or (r > row and a - 4 <= xs[j] <= z + 4):
                    return False
                if r < row and u0 - 4 <= xs[i] <= u1 + 4:
                    return False
            return True

        row = next((r for r in range(len(rows) + 1) if free(r)), None)
        if row is None:
            return None
        rows.append(row)
    return rows


def label_places(xs: list[float], labels: list[str], width: float, size: float) -> list[Place]:
    """Marker lines at xs (left to right) with their labels: of every choice of label sides (right of its line
    where it fits), the one with the fewest label rows above the plot, else each label in a row of its own."""
    ws = [text_width(label, size) for label in labels]
    best: tuple[int, list[int], tuple[str, ...]] | None = None
    for sides in itertools.product(("start", "end"), repeat=len(xs)):
        spans = [
            (x + 4, x + 4 + w) if side == "start" else (x - 4 - w, x - 4)
            for x, w, side in zip(xs, ws, sides, strict=True)
        ]
        if any(a < 0 or z > width for a, z in spans):
            continue
        rows = stack_labels(xs, spans)
        if rows is not None and (best is None or max(rows, default=0) < best[0]):
            best = (max(rows, default=0), rows, sides)
    if best is None:
        fits = tuple("start" if x + 4 + w <= width else "end" for x, w in zip(xs, ws, strict=True))
        best = (len(xs) - 1, list(range(len(xs))), fits)
    _, rows, sides = best
    return [
        (x, label, row, side, x + 4 if side == "start" else x - 4)
        for x, label, row, side in zip(xs, labels, rows, sides, strict=True)
    ]
