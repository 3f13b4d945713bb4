"""Drawing a :class:`ChartSpec` as vector graphics with reportlab's own chart widgets.

The same spec the app draws with pyqtgraph: variance bars coloured and lettered A or (F), series
over months or quarters with earlier years in grey, benchmarks as dashed lines, and measures of very
different sizes as small multiples (:func:`~memberpack.model.charts.line_groups`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import replace

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib import colors
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.validators import isAnything
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from memberpack.analysis.charts import MAX_BARS, flag_text, largest, point_text, tick_text
from memberpack.export.briefing import PRINTED_ROWS
from memberpack.export.pdf_styles import (ACCENT, ADVERSE, CHART_TEXT, FAVOURABLE, FONT, FRAME_HEIGHT, FRAME_WIDTH, INK,
                                          RULE, register_fonts)
from memberpack.model.charts import (BAR, ChartSpec, Series, SeriesStyle, line_groups, series_styles, tick_decimals,
                                     value_range)
from memberpack.model.short_text import shortened
from memberpack.model.units import GBP

LABEL_SIZE = CHART_TEXT
BAR_PITCH = 16
WRAPPED_PITCH = 22   # a bar whose name takes two lines
HEADINGS_ROOM = 150  # a page keeps this for the headings, title and summary above a bar chart
STATUS_COLOURS = {"adverse": ADVERSE, "favourable": FAVOURABLE}
MARKER_NAMES = {"circle": "FilledCircle", "square": "FilledSquare", "triangle": "FilledTriangle",
                "diamond": "FilledDiamond", "cross": "FilledCross", "plus": "StarSix"}


def chart_drawing(spec: ChartSpec, categories: list[str], series_names: list[str],
                  frame: tuple[float, float] = (FRAME_WIDTH, FRAME_HEIGHT)) -> Drawing:
    """``categories`` and ``series_names`` are the spec's, with any note markers appended. Bars are
    labelled with their figure and A/(F) in a column to their right, where no bar can hide them.
    The drawing is as wide as ``frame`` (width, height) and leaves room in it for its headings. Axes
    start from zero, as in the app and the HTML, so a line's or a bar's height is in proportion to its
    figure (a comparison of several areas too)."""
    register_fonts()
    if spec.kind == BAR:
        return _bars(spec, categories, *frame)
    groups = line_groups(spec)
    if len(groups) > 1:
        return _small_multiples(spec, groups, series_names, frame[0])
    return _lines(spec, series_names, frame[0])


def _small_multiples(spec: ChartSpec, groups: list[list[Series]], series_names: list[str], width: float) -> Drawing:
    """Lines of one unit but very different sizes, each measure (with its benchmarks) on its own
    axes from zero, two to a row, as the app draws them, so a small measure is not flattened along
    the bottom of a large one; each keeps the style it has in the whole chart."""
    looks = dict(zip(map(id, spec.series), series_styles(spec)))
    names = dict(zip(map(id, spec.series), series_names))
    half = width / 2
    parts = [_lines(replace(spec, series=group, y_range=None), [names[id(s)] for s in group], half,
                    [looks[id(s)] for s in group], plot_h=80) for group in groups]
    return RowsDrawing(width, [parts[i:i + 2] for i in range(0, len(parts), 2)])


class RowsDrawing(Drawing):
    """Small multiples, two to a row, that break between rows at the foot of a page: a table of
    many measures of different sizes draws more of them than one page holds."""

    _attrMap = AttrMap(BASE=Drawing, rows=AttrMapValue(isAnything, desc="the rows of parts, each a list of drawings"))

    def __init__(self, width: float, rows: list[list[Drawing]]) -> None:
        super().__init__(width, sum(max(part.height for part in row) for row in rows), initialFontName=FONT)
        self.rows = rows
        top = self.height
        for row in rows:
            tall = max(part.height for part in row)
            top -= tall
            for column, part in enumerate(row):
                group = Group(*part.contents)
                group.translate(column * width / 2, top + tall - part.height)
                self.add(group)

    def split(self, avail_width: float, avail_height: float) -> list[Drawing]:
        fitting = 0
        for row in itertools.accumulate(max(part.height for part in row) for row in self.rows):
            if row > avail_height:
                break
            fitting += 1
        if fitting == 0 or fitting == len(self.rows):
            return []
        return [RowsDrawing(self.width, self.rows[:fitting]), RowsDrawing(self.width, self.rows[fitting:])]


def _axis(axis, unit: str | None, spec: ChartSpec | None = None) -> None:
    axis.labels.fontName = FONT
    axis.labels.fontSize = LABEL_SIZE
    axis.labelTextFormat = lambda v: tick_text(v, unit, spec)
    axis.visibleGrid = 1
    axis.gridStrokeColor = RULE
    axis.gridStrokeWidth = 0.3
    axis.strokeColor = RULE


def _largest(spec: ChartSpec, categories: list[str], most: int) -> tuple[list[str], list, list]:
    """At most ``most`` bars, the largest by size, in their source order."""
    series = spec.series[0]
    statuses = series.statuses or [None] * len(categories)
    keep = largest(series.values, most)
    return [categories[i] for i in keep], [series.values[i] for i in keep], [statuses[i] for i in keep]


def _bars(spec: ChartSpec, all_categories: list[str], width: float, height: float) -> Drawing:
    room = min(70 * mm - 8, max(stringWidth(c, FONT, LABEL_SIZE) for c in all_categories))
    pitch = WRAPPED_PITCH if any(stringWidth(c, FONT, LABEL_SIZE) > room for c in all_categories) else BAR_PITCH
    most = min(MAX_BARS, int((height - HEADINGS_ROOM) // pitch))
    categories, values, statuses = _largest(spec, all_categories, most)
    n = len(categories)
    note = len(all_categories) > n
    room = min(room, max(stringWidth(c, FONT, LABEL_SIZE) for c in categories))
    label_w = room + 8
    categories = [_wrapped(c, room) for c in categories]  # a long label never runs off the page
    drawing = Drawing(width, n * pitch + 36 + 12 * note, initialFontName=FONT)
    if note:
        where = "the table lists all" if len(all_categories) <= PRINTED_ROWS else "the pack holds all"
        drawing.add(String(0, n * pitch + 38, f"The {n} largest of {len(all_categories):,}; {where}.",
                           fontName=FONT, fontSize=LABEL_SIZE, fillColor=INK))
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 28
    chart.width, chart.height = width - label_w - 26 * mm, n * pitch
    chart.data = [values]
    chart.barWidth = 10
    chart.groupSpacing = pitch - 10
    chart.bars.strokeColor = None
    for i, status in enumerate(statuses):
        chart.bars[(0, i)].fillColor = STATUS_COLOURS.get(status or "", ACCENT)
    chart.categoryAxis.categoryNames = categories
    chart.categoryAxis.reverseDirection = 1
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -4
    chart.categoryAxis.visibleTicks = 0
    chart.categoryAxis.joinAxisMode = "left"
    chart.categoryAxis.strokeColor = INK
    _axis(chart.valueAxis, spec.unit, spec)
    numbers = [v for v in values if v is not None] or [0.0]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = min(0.0, min(numbers)), max(0.0, max(numbers))
    if spec.unit == GBP:   # money ticks in the scale the axis title names (£50m), not the figures' (£0k beside £50.0m)
        ticks = nice_ticks(chart.valueAxis.valueMin / spec.scale, chart.valueAxis.valueMax / spec.scale)
        axis = replace(spec, figure_scale=0.0, decimals=tick_decimals(ticks[1] - ticks[0]) if len(ticks) > 1 else 0)
        chart.valueAxis.valueSteps = [t * spec.scale for t in ticks]
        chart.valueAxis.labelTextFormat = lambda v: tick_text(v, spec.unit, axis)
    drawing.add(chart)
    if spec.y_label:   # the value axis's title, with its unit
        drawing.add(String(chart.x + chart.width / 2, 2, spec.y_label, fontName=FONT, fontSize=LABEL_SIZE,
                           fillColor=INK, textAnchor="middle"))
    band, right = chart.height / n, chart.x + chart.width + 4
    for i, (value, status) in enumerate(zip(values, statuses)):
        text = f"{point_text(value, spec.unit, spec)} {flag_text(status, spec)}".strip()
        drawing.add(String(right, chart.y + chart.height - (i + 0.5) * band - LABEL_SIZE / 3, text, fontName=FONT,
                           fontSize=LABEL_SIZE, fillColor=STATUS_COLOURS.get(status or "", INK)))
    return drawing


_SLANT_MOST = 110                      # the longest slanted label, in points, before it is cut
_SIN_SLANT = math.sin(math.radians(35))


def _wrapped(text: str, width: float) -> str:
    """A bar's name in at most two lines of ``width``, broken between words, so two long names alike
    up to a cut still read apart; only a name longer than two lines ends with an ellipsis."""
    if stringWidth(text, FONT, LABEL_SIZE) <= width:
        return text
    words, first = text.split(), ""
    while words and stringWidth(f"{first} {words[0]}".strip(), FONT, LABEL_SIZE) <= width:
        first = f"{first} {words.pop(0)}".strip()
    if not first:
        return _clip(text, width)
    return f"{first}\n{_clip(' '.join(words), width)}"


def _clip(text: str, width: float) -> str:
    """A legend entry cut at a word to ``width`` with an ellipsis (the table under the chart has it whole)."""
    if stringWidth(text, FONT, LABEL_SIZE) <= width:
        return text
    fits = text[:int(width / (LABEL_SIZE * 0.25))]  # no glyph is narrower than a quarter of the size
    while fits and stringWidth(fits + "…", FONT, LABEL_SIZE) > width:
        fits = fits[:-1]
    return shortened(text, len(fits) + 1)


def nice_ticks(low: float, high: float, most: int = 6) -> list[float]:
    """Round tick values covering ``low`` to ``high``: steps of 1, 2 or 5 times a power of ten."""
    span = high - low or 1.0
    raw = span / max(1, most - 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    first = math.ceil(low / step - 1e-9) * step
    return [first + i * step for i in range(int((high - first) / step + 1e-9) + 1)]


def _rotated(x: float, y: float, text: str, angle: float, anchor: str = "middle", size: float = LABEL_SIZE) -> Group:
    group = Group(String(0, 0, text, fontName=FONT, fontSize=size, fillColor=INK, textAnchor=anchor))
    group.translate(x, y)
    group.rotate(angle)
    return group


def _marker(kind: str, x: float, y: float, colour, size: float = 4.5):
    marker = makeMarker(MARKER_NAMES.get(kind, "FilledCircle"), size=size, fillColor=colour, strokeColor=colour)
    marker.x, marker.y = x, y
    return marker


def _lines(spec: ChartSpec, series_names: list[str], width: float,
           looks: list[SeriesStyle] | None = None, plot_h: float = 120) -> Drawing:
    """Lines broken where a figure is missing (the source's DNA or tbc written on the axis there),
    every point marked, so a benchmark with one figure still shows; dash and marker differ by series."""
    looks = looks or series_styles(spec)
    columns = 2 if max(stringWidth(n, FONT, LABEL_SIZE) for n in series_names) < width / 2 - 40 else 1
    legend_h = -(-len(spec.series) // columns) * 11 + 4
    longest = max((stringWidth(c, FONT, LABEL_SIZE) for c in spec.categories), default=0)
    many = len(spec.categories) > 6 or longest > (width - 60) / max(1, len(spec.categories)) - 4
    # slanted periods get the depth they need to be read whole ("Year-End 2019/20"), up to a limit
    slant = min(_SLANT_MOST, longest) if many else 0
    axis_h = (max(44, round(14 + slant * _SIN_SLANT)) if many else 26) + (10 if spec.x_label else 0)
    drawing = Drawing(width, plot_h + axis_h + legend_h + 8, initialFontName=FONT)
    values = [v / spec.scale for s in spec.series for v in s.values if v is not None]
    low, high = (spec.y_range[0] / spec.scale, spec.y_range[1] / spec.scale) if spec.y_range \
        else value_range(values)
    ticks = nice_ticks(low, high)
    low, high = min(low, ticks[0]), max(high, ticks[-1])
    decimals = tick_decimals(ticks[1] - ticks[0]) if len(ticks) > 1 else 0
    widest = max(stringWidth(_tick_text(t, spec, decimals), FONT, LABEL_SIZE) for t in ticks)
    x0, y0 = max(54, widest + 22), axis_h + legend_h   # room for the ticks and, left of them, the axis title
    plot_w = width - x0 - 8

    def y_of(v: float) -> float:
        return y0 + (v - low) / ((high - low) or 1.0) * plot_h

    step = plot_w / max(1, len(spec.categories))

    def x_of(i: int) -> float:
        return x0 + (i + 0.5) * step

    for t in ticks:
        drawing.add(Line(x0, y_of(t), x0 + plot_w, y_of(t), strokeColor=RULE, strokeWidth=0.3))
        drawing.add(String(x0 - 3, y_of(t) - 2.5, _tick_text(t, spec, decimals), fontName=FONT,
                           fontSize=LABEL_SIZE, fillColor=INK, textAnchor="end"))
    drawing.add(Line(x0, y0, x0 + plot_w, y0, strokeColor=INK, strokeWidth=0.6))
    drawing.add(Line(x0, y0, x0, y0 + plot_h, strokeColor=INK, strokeWidth=0.6))
    if spec.y_label:
        drawing.add(_rotated(x0 - 3 - widest - 6, y0 + plot_h / 2, _clip(spec.y_label, plot_h), 90))
    for i, category in enumerate(spec.categories):
        if many:
            drawing.add(_rotated(x_of(i) + 2, y0 - 6, _clip(category, slant + 1), 35, "end", LABEL_SIZE))
        else:
            drawing.add(String(x_of(i), y0 - 10, category, fontName=FONT, fontSize=LABEL_SIZE,
                               fillColor=INK, textAnchor="middle"))
    if spec.x_label:
        drawing.add(String(x0 + plot_w / 2, y0 - axis_h + 6, spec.x_label, fontName=FONT, fontSize=LABEL_SIZE,
                           fillColor=INK, textAnchor="middle"))
    for series, look in zip(spec.series, looks):
        colour = colors.HexColor(look.colour)
        run: list[float] = []
        for i, value in enumerate([*series.values, None]):
            if value is None or i == spec.apart:   # a gap, or where the points standing apart end
                if len(run) > 2:
                    drawing.add(PolyLine(run, strokeColor=colour, strokeWidth=look.width,
                                         strokeDashArray=list(look.dash) or None))
                run = []
            if value is not None:
                run += [x_of(i), y_of(value / spec.scale)]
        for i, value in enumerate(series.values):
            mark = series.marks[i] if i < len(series.marks) else ""
            if value is not None:
                drawing.add(_marker(look.marker, x_of(i), y_of(value / spec.scale), colour))
            if mark:   # DNA on the axis where the figure would be; "c. 580" above its point
                drawing.add(String(x_of(i), y0 + 3 if value is None else y_of(value / spec.scale) + 5, mark,
                                   fontName=FONT, fontSize=LABEL_SIZE, fillColor=colour, textAnchor="middle"))
    col_w = width / columns
    for i, (name, look) in enumerate(zip(series_names, looks)):
        colour = colors.HexColor(look.colour)
        x, y = (i % columns) * col_w + 4, legend_h - 8 - (i // columns) * 11
        drawing.add(Line(x, y + 3, x + 22, y + 3, strokeColor=colour, strokeWidth=look.width,
                         strokeDashArray=list(look.dash) or None))
        drawing.add(_marker(look.marker, x + 11, y + 3, colour, 4))
        drawing.add(String(x + 26, y, _clip(name, col_w - 34), fontName=FONT, fontSize=LABEL_SIZE, fillColor=INK))
    return drawing


def _tick_text(value: float, spec: ChartSpec, decimals: int) -> str:
    """A tick in the axis's unit, with as many decimals as the tick step needs."""
    if spec.unit == GBP:
        suffix = {1e6: "m", 1e3: "k"}.get(spec.scale, "")
        text = f"£{abs(value):,.{decimals}f}{suffix}"
        return f"({text})" if value < 0 else text
    text = f"{value:,.{decimals}f}"
    return f"{text}%" if spec.unit == "percent" else text
