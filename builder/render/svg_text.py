"""Text and number helpers for the build-time SVG charts: escaping, estimated widths, wrapping, ticks (pure)."""

from __future__ import annotations

import math
from decimal import Decimal

from markupsafe import escape

from builder.render import fmt

# Estimated advance widths in em for a system sans-serif; deliberately a little generous so labels never collide.
NARROW = set("iljtfr.,:;'|!()[] \u00a0-")
WIDE = set("mwMWÆæ%@")
CAPITALS_WIDE = set("ABCDGHKNOQRUVXYØÅÖ")


def xml(text: object) -> str:
    """Escape a data string for SVG text or an attribute: `&`, `<`, `>`, `"` and `'`."""
    return str(escape(str(text)))


def plain(text: object) -> str:
    """Undo `charts.plotly_text` (which escaped `&`, `<`, `>` for Plotly), giving the data string itself."""
    return str(text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def text_width(text: str, size: float) -> float:
    """The estimated width of a line of text at a font size, in user units."""
    em = 0.0
    for ch in text:
        if ch in NARROW:
            em += 0.32
        elif ch in WIDE:
            em += 0.86
        elif ch in CAPITALS_WIDE:
            em += 0.72
        elif ch.isupper():
            em += 0.64
        else:
            em += 0.56
    return em * size


def split_word(word: str, width: float, size: float) -> list[str]:
    """A word longer than the width, cut into pieces that fit (a last resort; words are never cut otherwise)."""
    pieces, current = [], ""
    for ch in word:
        if current and text_width(current + ch, size) > width:
            pieces.append(current)
            current = ""
        current += ch
    return [*pieces, current] if current else pieces


def wrap(text: str, width: float, size: float) -> list[str]:
    """Lines of whole words that fit the width (a single word wider than the width is cut)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        if text_width(word, size) > width:
            *whole, current = split_word(word, width, size)
            lines.extend(whole)
        else:
            current = word
    return [*lines, current] if current else (lines or [""])


def num(value: float) -> str:
    """A coordinate with at most one decimal, fixed format (deterministic output)."""
    text = f"{value:.1f}"
    text = text[:-2] if text.endswith(".0") else text
    return "0" if text == "-0" else text


def nice_ticks(lo: float, hi: float, target: int) -> list[Decimal]:
    """Round tick values covering [lo, hi] with about `target` steps of 1, 2, 2,5 or 5 × 10^k."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / max(target, 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw * (1 - 1e-9))
    d_step = Decimal(repr(step)).normalize()
    first = math.floor(lo / step + 1e-9)
    last = math.ceil(hi / step - 1e-9)
    return [d_step * i for i in range(first, last + 1)]


def decimals_of(step: Decimal) -> int:
    """How many decimals a tick step needs (0 for whole steps)."""
    exponent = step.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def tick_labels(ticks: list[Decimal]) -> list[str]:
    """Norwegian tick labels; ticks of a million or more are written in millions (`80 mill.`)."""
    step = ticks[1] - ticks[0] if len(ticks) > 1 else Decimal(1)
    if max(abs(t) for t in ticks) >= 1_000_000:
        scaled = step / 1_000_000
        places = decimals_of(scaled)
        return ["0" if t == 0 else f"{fmt.number(t / 1_000_000, places)}{fmt.NBSP}mill." for t in ticks]
    places = decimals_of(step)
    return [fmt.number(t, places) for t in ticks]


def value_text(value: float, unit: str) -> str:
    """A value as the hover text shows it: `70 000 000 kr`, `12,3 %`."""
    if unit == "%":
        return f"{fmt.number(value, 1)}{fmt.NBSP}%"
    text = fmt.number(value)
    return f"{text}{fmt.NBSP}{unit}" if unit else text
