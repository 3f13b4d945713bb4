"""Drawing a :class:`ChartSpec` as vector graphics with reportlab's own chart widgets.

The same spec the app draws with pyqtgraph: variance bars coloured and lettered A or (F), series
over months or quarters with earlier years in grey, benchmarks as dashed lines.
"""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.graphics.widgets.markers import makeMarker
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from memberpack.analysis.charts import FLAG_LETTERS, MAX_BARS, largest, point_text
from memberpack.export.briefing import PRINTED_ROWS
from memberpack.export.pdf_styles import (ACCENT, ADVERSE, BENCHMARKS, CHART_TEXT, EARLIER, FAVOURABLE, FONT,
                                          FRAME_HEIGHT, FRAME_WIDTH, INK, RULE, SERIES, register_fonts)
from memberpack.model.charts import BAR, BENCHMARK as BENCHMARK_ROLE, EARLIER as EARLIER_ROLE, ChartSpec

LABEL_SIZE = CHART_TEXT
BAR_PITCH = 16
HEADINGS_ROOM = 150  # a page keeps this for the headings, title and summary above a bar chart
STATUS_COLOURS = {"adverse": ADVERSE, "favourable": FAVOURABLE}


def chart_drawing(spec: ChartSpec, categories: list[str], series_names: list[str],
                  frame: tuple[float, float] = (FRAME_WIDTH, FRAME_HEIGHT), *, from_zero: bool = True) -> Drawing:
    """``categories`` and ``series_names`` are the spec's, with any note markers appended. Bars are
    labelled with their figure and A/(F) in a column to their right, where no bar can hide them.
    The drawing is as wide as ``frame`` (width, height) and leaves room in it for its headings. Lines
    start from zero unless ``from_zero`` is False (a comparison: the gaps between areas matter)."""
    register_fonts()
    if spec.kind == BAR:
        return _bars(spec, categories, *frame)
    return _lines(spec, series_names, frame[0], from_zero)


def _axis(axis, unit: str | None) -> None:
    axis.labels.fontName = FONT
    axis.labels.fontSize = LABEL_SIZE
    axis.labelTextFormat = lambda v: point_text(v, unit)
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
    most = min(MAX_BARS, int((height - HEADINGS_ROOM) // BAR_PITCH))
    categories, values, statuses = _largest(spec, all_categories, most)
    n = len(categories)
    note = len(all_categories) > n
    label_w = min(70 * mm, max(stringWidth(c, FONT, LABEL_SIZE) for c in categories) + 8)
    categories = [_clip(c, label_w - 8) for c in categories]  # a long label never runs off the page
    drawing = Drawing(width, n * BAR_PITCH + 24 + 12 * note, initialFontName=FONT)
    if note:
        where = "the table lists all" if len(all_categories) <= PRINTED_ROWS else "the pack holds all"
        drawing.add(String(0, n * BAR_PITCH + 26, f"The {n} largest of {len(all_categories):,}; {where}.",
                           fontName=FONT, fontSize=LABEL_SIZE, fillColor=INK))
    chart = HorizontalBarChart()
    chart.x, chart.y = label_w, 16
    chart.width, chart.height = width - label_w - 26 * mm, n * BAR_PITCH
    chart.data = [values]
    chart.barWidth = 10
    chart.groupSpacing = BAR_PITCH - 10
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
    _axis(chart.valueAxis, spec.unit)
    numbers = [v for v in values if v is not None] or [0.0]
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = min(0.0, min(numbers)), max(0.0, max(numbers))
    drawing.add(chart)
    band, right = chart.height / n, chart.x + chart.width + 4
    for i, (value, status) in enumerate(zip(values, statuses)):
        text = f"{point_text(value, spec.unit)} {FLAG_LETTERS.get(status or '', '')}".strip()
        drawing.add(String(right, chart.y + chart.height - (i + 0.5) * band - LABEL_SIZE / 3, text, fontName=FONT,
                           fontSize=LABEL_SIZE, fillColor=STATUS_COLOURS.get(status or "", INK)))
    return drawing


def _clip(text: str, width: float) -> str:
    """A legend entry cut to ``width`` with an ellipsis (the table under the chart has it whole)."""
    if stringWidth(text, FONT, LABEL_SIZE) <= width:
        return text
    text = text[:int(width / (LABEL_SIZE * 0.25))]  # no glyph is narrower than a quarter of the size
    while text and stringWidth(text + "…", FONT, LABEL_SIZE) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _line_style(role: str, data_index: int, benchmark_index: int) -> tuple:
    """Colour, width and dash of a series: data in colour, earlier years grey, benchmarks dashed."""
    if role == BENCHMARK_ROLE:
        return BENCHMARKS[benchmark_index % len(BENCHMARKS)], 1.2, [4, 2] if benchmark_index % 2 == 0 else [1.5, 2]
    if role == EARLIER_ROLE:
        return EARLIER, 1, None
    return SERIES[data_index % len(SERIES)], 2, None


def _lines(spec: ChartSpec, series_names: list[str], width: float, from_zero: bool) -> Drawing:
    looks = []
    data_i = bench_i = 0
    for s in spec.series:
        looks.append(_line_style(s.role, data_i, bench_i))
        data_i += s.role not in (BENCHMARK_ROLE, EARLIER_ROLE)
        bench_i += s.role == BENCHMARK_ROLE
    columns = 2 if max(stringWidth(n, FONT, LABEL_SIZE) for n in series_names) < width / 2 - 30 else 1
    legend_h = -(-len(spec.series) // columns) * 11 + 4
    many = len(spec.categories) > 8
    axis_h = 34 if many else 18
    drawing = Drawing(width, 130 + axis_h + legend_h, initialFontName=FONT)
    chart = HorizontalLineChart()
    chart.x, chart.y = 42, axis_h + legend_h
    chart.width, chart.height = width - 52, 120
    chart.data = [list(s.values) for s in spec.series]
    chart.categoryAxis.categoryNames = spec.categories
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = LABEL_SIZE
    if many:
        chart.categoryAxis.labels.angle = 35
        chart.categoryAxis.labels.boxAnchor = "ne"
    chart.categoryAxis.strokeColor = INK
    _axis(chart.valueAxis, spec.unit)
    values = [v for s in spec.series for v in s.values if v is not None]
    if values and min(values) >= 0 and from_zero:
        chart.valueAxis.valueMin = 0
    chart.valueAxis.rangeRound = "both"   # the axis ends on a tick above the highest point, not below it
    chart.joinedLines = 1
    for i, (colour, weight, dash) in enumerate(looks):
        line = chart.lines[i]
        line.strokeColor, line.strokeWidth, line.strokeDashArray = colour, weight, dash
        line.symbol = makeMarker("FilledCircle", size=3.5, fillColor=colour) if dash is None and weight > 1 else None
    drawing.add(chart)
    col_w = width / columns
    for i, (name, (colour, weight, dash)) in enumerate(zip(series_names, looks)):
        x, y = (i % columns) * col_w + 4, legend_h - 8 - (i // columns) * 11
        drawing.add(Line(x, y + 3, x + 18, y + 3, strokeColor=colour, strokeWidth=weight, strokeDashArray=dash))
        drawing.add(String(x + 22, y, _clip(name, col_w - 30), fontName=FONT, fontSize=LABEL_SIZE, fillColor=INK))
    return drawing
