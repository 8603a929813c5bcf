"""Chart builders are pure: figure dicts from rows, data strings escaped, gaps kept, colour never the only cue."""

from __future__ import annotations

from decimal import Decimal

from builder.render import charts


def test_split_series_aligns_values_and_keeps_gaps() -> None:
    """x values sorted, series in first-seen order, a missing point is None (never 0)."""
    rows = [
        {"aar": 2021, "hvem": "Vestland", "v": Decimal("10.5")},
        {"aar": 2020, "hvem": "Vestland", "v": 7},
        {"aar": 2021, "hvem": "Norge", "v": 3},
    ]
    xs, groups = charts.split_series(rows, x="aar", y="v", series="hvem")
    assert xs == ["2020", "2021"]
    assert groups == [("Vestland", [7, 10.5]), ("Norge", [None, 3])]


def test_stacked_bars_one_trace_per_series_with_distinct_patterns() -> None:
    """Each series is a trace with its own colour and fill pattern; barmode is the requested mode."""
    rows = [{"aar": 2024, "ordning": o, "belop": 100} for o in ("Dekomp", "Rekomp", "Kompetanseløftet")]
    fig = charts.stacked_bars(rows, x="aar", y="belop", series="ordning", y_title="Beløp (kr)", mode="group")
    names = [tr["name"] for tr in fig["data"]]
    assert names == ["Dekomp", "Rekomp", "Kompetanseløftet"]
    assert len({tr["marker"]["pattern"]["shape"] for tr in fig["data"]}) == 3
    assert len({tr["marker"]["color"] for tr in fig["data"]}) == 3
    assert fig["layout"]["barmode"] == "group"
    assert fig["layout"]["separators"] == ",\u00a0"


def test_data_strings_are_escaped_for_plotly() -> None:
    """Names with markup reach Plotly as text: `<`, `>` and `&` escaped in labels, names and the axis title."""
    rows = [{"fylke": "<a href='x'>Oslo</a> & co", "belop": 1}]
    fig = charts.bars(rows, x="fylke", y="belop", y_title="<b>kr</b>", horizontal=True)
    assert fig["data"][0]["y"] == ["&lt;a href='x'&gt;Oslo&lt;/a&gt; &amp; co"]
    assert fig["layout"]["xaxis"]["title"]["text"] == "&lt;b&gt;kr&lt;/b&gt;"
    lines = charts.lines([{"aar": 2024, "hvem": "<i>", "v": 1}], x="aar", y="v", series="hvem", y_title="t")
    assert lines["data"][0]["name"] == "&lt;i&gt;"
    assert "<i>" not in str(lines)


def test_horizontal_bars_grow_with_rows_and_read_top_down() -> None:
    """A horizontal bar chart gets 28 px per row and lists the first row at the top."""
    rows = [{"fylke": f"F{i}", "belop": i} for i in range(20)]
    fig = charts.bars(rows, x="fylke", y="belop", y_title="kr", horizontal=True)
    assert fig["layout"]["height"] == 28 * 20 + 80
    assert fig["layout"]["yaxis"]["autorange"] == "reversed"
    assert fig["data"][0]["orientation"] == "h"


def test_lines_differ_by_dash_and_marker_not_only_colour() -> None:
    """Every line has its own dash and marker symbol, and gaps are not bridged."""
    rows = [{"aar": a, "hvem": h, "v": 1} for a in (2020, 2021) for h in ("A", "B", "C")]
    fig = charts.lines(rows, x="aar", y="v", series="hvem", y_title="kr")
    assert len({tr["line"]["dash"] for tr in fig["data"]}) == 3
    assert len({tr["marker"]["symbol"] for tr in fig["data"]}) == 3
    assert all(tr["connectgaps"] is False for tr in fig["data"])


def test_numbers_for_plotting() -> None:
    """Decimals become plain numbers; None stays None."""
    assert charts.number(Decimal("12.50")) == 12.5
    assert charts.number(Decimal("1000")) == 1000
    assert charts.number(None) is None


def test_layout_names_the_unit_for_the_svg_drawing() -> None:
    """Each figure carries its value unit in layout.meta, so the build-time SVG writes «12,3 %» or «5 kr»."""
    pct = charts.bars([{"f": "Oslo", "e": 1}], x="f", y="e", y_title="%", horizontal=True, hover_unit="%")
    assert pct["layout"]["meta"] == {"unit": "%"}
    stacked = charts.stacked_bars([{"a": 2024, "s": "A", "b": 1}], x="a", y="b", series="s", y_title="kr")
    assert stacked["layout"]["meta"] == {"unit": "kr"}
