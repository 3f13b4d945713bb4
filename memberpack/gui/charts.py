"""Drawing a :class:`~memberpack.model.charts.ChartSpec` with pyqtgraph.

The PDF draws the same specs with reportlab, so what a councillor sees on screen and on paper
agree: the same colours, dash patterns and markers (:func:`~memberpack.model.charts.series_styles`),
the same value range and axis titles. Variance bars are horizontal (service names are long),
coloured and lettered A or (F); lines break where a figure is missing, with the source's DNA or tbc
written on the axis there; every point is marked, so a benchmark with one figure still shows.
Lines of one unit but very different sizes are drawn as small multiples rather than squashed.
"""

from __future__ import annotations

from html import escape

import math

import numpy as np
import pyqtgraph as pg  # memberpack.gui (imported first) has set PYQTGRAPH_QT_LIB=PySide6
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from memberpack.analysis.charts import flag_text, largest_bars, point_text
from memberpack.gui.plain_text import plain_label, plain_tip
from memberpack.gui.palette import MIN_CONTRAST
from memberpack.model.charts import (BAR, MIN_CONTRAST as GRAPHICS_CONTRAST, ChartSpec, Series, SeriesStyle,
                                     line_groups, readable, series_styles)
from memberpack.model.units import PER_10000

pg.setConfigOptions(antialias=True)
_SYMBOL_TEXT = {"circle": "●", "square": "■", "triangle": "▲", "diamond": "◆", "cross": "✕", "plus": "+"}

STATUS_COLOURS = {"adverse": "#c0392b", "favourable": "#2e7d32", None: "#5d6d7e"}
SYMBOLS = {"circle": "o", "square": "s", "triangle": "t1", "diamond": "d", "cross": "x", "plus": "+"}
LABEL_GAP = 8   # pixels between a bar and its figure, and beyond the figure
MIN_BAR_SHARE = 0.3   # of a chart's width the bars keep, however long their figures
MAX_NAMES_SHARE, MIN_NAMES_WIDTH = 0.4, 110   # of a chart's width (in pixels, at least) the bars' names may take
ZERO_ROOM = 40   # pixels a value tick's text may run past the bar axis's ends (its "0", a money tick "(£0.5m)")


class GroupedAxis(pg.AxisItem):
    """A value axis written as the PDF writes it: thousands grouped (1,000 and 43,090, never 43090
    or pyqtgraph's 1e+06)."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (pyqtgraph's name)
        places = max(0, math.ceil(-math.log10(spacing * scale))) if spacing * scale > 0 else 0
        return [f"{v * scale:,.{places}f}" for v in values]


def value_text(value: float | None, unit: str | None, spec: ChartSpec | None = None) -> str:
    """A chart figure as a councillor reads it: £12.4m, 38.9%, 53.7 per 10,000."""
    if value is None:
        return "no figure"
    text = point_text(value, unit, spec)  # the same figure text the PDF's charts print
    return f"{text} per 10,000" if unit == PER_10000 else text


def wrapped(text: str, metrics, room: int) -> str:
    """``text`` broken between words into lines at most ``room`` pixels wide (a word wider than that
    on a line of its own, cut short with "…" only if it alone is too wide)."""
    lines: list[str] = []
    for word in text.split():
        if lines and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return "\n".join(line if metrics.horizontalAdvance(line) <= room else  # (elidedText cut one exactly as wide)
                     metrics.elidedText(line, Qt.TextElideMode.ElideRight, room) for line in lines) or text


def chart_colours() -> tuple[str, str]:
    """The plot area's background and its axes' colour, from the application's palette (its base
    and text colours), so a chart on a dark desktop is dark too."""
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base).name(), palette.color(QPalette.ColorRole.Text).name()


def _scale(spec: ChartSpec) -> tuple[float, str]:
    """Money is plotted in the table's own scale (£m, £k or £), so axis and table agree."""
    return spec.scale, spec.y_label


class ChartView(QWidget):
    """One chart with its title and summary. A click on a bar gives ``bar_clicked(category)`` and,
    like a click on a line's point, ``figure_clicked(source cell)``, which names its own row even
    where labels repeat; anywhere else on the chart, ``chart_clicked`` (a note on the whole chart)."""

    bar_clicked = Signal(int)
    figure_clicked = Signal(str)
    chart_clicked = Signal()

    def __init__(self, spec: ChartSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        shown = largest_bars(spec) if spec.kind == BAR else spec
        left_out = len(spec.categories) - len(shown.categories)
        self.spec = spec = shown
        self.scale, axis_label = _scale(spec)
        self.background, self.foreground = chart_colours()
        pg.setConfigOptions(background=self.background, foreground=self.foreground)  # for the plots made here
        self.bars: pg.BarGraphItem | None = None
        self.curves: list[pg.PlotDataItem] = []
        self.plots: list[pg.PlotWidget] = []
        title = plain_label(spec.title, "font-weight: 600")
        title.setWordWrap(True)
        self.key = QLabel()
        self.key.setWordWrap(True)
        summary = plain_label(spec.summary + (f" {spec.left_out}" if spec.left_out else "") + (
            f" The chart shows the {len(spec.categories)} largest of {len(spec.categories) + left_out:,}; "
            "the table lists all." if left_out else ""))
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        groups = line_groups(spec)
        if spec.kind == BAR:
            self.plot = self._new_plot(240, spec.series)
            layout.addWidget(self.plot)
            self._draw_bars(axis_label)
        elif len(groups) == 1:
            self.plot = self._new_plot(300, spec.series)
            layout.addWidget(self.plot)
            self.key.setText(self._draw_lines(self.plot, spec.series, axis_label))
        else:
            grid = QGridLayout()
            for n, group in enumerate(groups):
                plot = self._new_plot(190, group)
                caption = QLabel(self._draw_lines(plot, group, axis_label))
                caption.setWordWrap(True)
                grid.addWidget(caption, 2 * (n // 2), n % 2)
                grid.addWidget(plot, 2 * (n // 2) + 1, n % 2)
            self.plot = self.plots[0]
            layout.addLayout(grid)
        layout.addWidget(self.key)
        layout.addWidget(summary)

    def _new_plot(self, height: int, series: list[Series]) -> pg.PlotWidget:
        plot = pg.PlotWidget(axisItems={"left": GroupedAxis("left"), "bottom": GroupedAxis("bottom")})
        plot.setAccessibleName(f"Chart: {self.spec.title}" + (f" – {series[0].name}" if self.plots else ""))
        plot.setAccessibleDescription(self.spec.summary)
        plot.setMenuEnabled(False)
        plot.setFocusPolicy(Qt.FocusPolicy.NoFocus)   # no keys of its own: Tab passes on (its table has its figures)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.setFixedHeight(height)
        plot.scene().sigMouseMoved.connect(lambda pos, p=plot, s=series: self._hover(p, s, pos))
        plot.scene().sigMouseClicked.connect(lambda event, p=plot, g=series: self._click(p, event, g))
        self.plots.append(plot)
        return plot

    # --- drawing ---------------------------------------------------------------------------
    def colour(self, colour: str, minimum: float = GRAPHICS_CONTRAST) -> str:
        """``colour`` as it reads on this chart's background: 3:1 for a bar, line or marker, 4.5:1
        for text (:data:`~memberpack.gui.palette.MIN_CONTRAST`)."""
        return readable(colour, self.background, minimum)

    def _draw_bars(self, axis_label: str) -> None:
        series = self.spec.series[0]
        values = [(v or 0.0) / self.scale for v in series.values]
        statuses = series.statuses or [None] * len(values)
        brushes = [pg.mkBrush(self.colour(STATUS_COLOURS.get(s, STATUS_COLOURS[None]))) for s in statuses]
        positions = list(range(len(values)))
        self.bars = pg.BarGraphItem(x0=[min(0.0, v) for v in values], width=[abs(v) for v in values],
                                    y=positions, height=0.6, brushes=brushes, pen=pg.mkPen(None))
        self.plot.addItem(self.bars)
        self.plot.addLine(x=0, pen=pg.mkPen(self.foreground, width=1))
        self.bar_labels: list[tuple[pg.TextItem, float]] = []
        for i, (value, status) in enumerate(zip(values, statuses)):
            flag = flag_text(status, self.spec)
            text = value_text(series.values[i], self.spec.unit, self.spec) + (f" {flag}" if flag else "")
            label = pg.TextItem(text,
                                color=self.colour(STATUS_COLOURS[status], MIN_CONTRAST) if status in STATUS_COLOURS
                                else self.foreground,
                                anchor=(0, 0.5) if value >= 0 else (1, 0.5))
            label.setPos(value, i)
            self.plot.addItem(label)
            self.bar_labels.append((label, value))
        metrics = self.plot.fontMetrics()
        self.names_at = 0   # the width the names were last cut to
        self.names_width = min(260, max((metrics.horizontalAdvance(c) for c in self.spec.categories), default=40) + 20)
        self.plot.getViewBox().invertY(True)
        self.plot.setLabel("bottom", axis_label)
        # the tick at the axis's left end (0, where all bars are positive) runs past its edge: shown
        self.plot.getAxis("bottom").setStyle(hideOverlappingLabels=ZERO_ROOM)
        self.plot.setYRange(-0.6, len(values) - 0.4, padding=0)
        self._fit_bars()
        self.plot.getViewBox().sigResized.connect(self._fit_bars)

    def _fit_bars(self, *_args) -> None:
        """Leave room beside the bars for their figures in pixels, as wide as the figures are written
        ('(£0.7m) (F)', '£5.6m surplus'), however narrow the chart: a share of the value range had
        left '£10.' of '£10.4m A' on a 420-pixel chart."""
        self._fit_names()
        values = [value for _label, value in self.bar_labels]
        low, high = min(0.0, *values), max(0.0, *values)
        widths = [(label.boundingRect().width() + LABEL_GAP, value) for label, value in self.bar_labels]
        left = max((w for w, v in widths if v < 0), default=0.0)
        right = max((w for w, v in widths if v >= 0), default=0.0)
        pixels = self.plot.getViewBox().width()
        bars = max(pixels - left - right, MIN_BAR_SHARE * pixels, 1.0)   # a chart too narrow still shows its bars
        per_pixel = ((high - low) or 1.0) / bars
        for label, value in self.bar_labels:
            label.setPos(value + (LABEL_GAP / 2 * per_pixel if value >= 0 else -LABEL_GAP / 2 * per_pixel),
                         label.pos().y())
        self.plot.setXRange(low - left * per_pixel, high + right * per_pixel, padding=0)

    def _fit_names(self) -> None:
        """The bars' names, on a narrow chart in at most a share of its width, so the figures beside
        the bars keep theirs. A name wider than its room is written whole over as many lines as it
        needs, the bars spaced to fit (pyqtgraph leaves out a tick text wider than its axis: a bar with
        no name; cut short with "…", two names alike up to the cut could not be told apart)."""
        axis = self.plot.getAxis("left")
        width = round(min(self.names_width, max(MIN_NAMES_WIDTH, MAX_NAMES_SHARE * self.plot.width())))
        if width == self.names_at:
            return
        self.names_at = width
        metrics = self.plot.fontMetrics()
        names = [wrapped(c, metrics, width - 20) for c in self.spec.categories]
        axis.setTicks([list(enumerate(names))])
        axis.setWidth(width)
        lines = max((n.count("\n") + 1 for n in names), default=1)
        self.plot.setFixedHeight(max(240, max(24, lines * metrics.lineSpacing() + 8) * len(names) + 70))

    def _draw_lines(self, plot: pg.PlotWidget, group: list[Series], axis_label: str) -> str:
        """Draw ``group`` on ``plot``; returns its key (line sample, name) as rich text."""
        xs = list(range(len(self.spec.categories)))
        looks = dict(zip(map(id, self.spec.series), series_styles(self.spec, self.background)))
        keys: list[str] = []
        for series in group:
            look: SeriesStyle = looks[id(series)]
            colour = QColor(look.colour)
            pen = QPen(colour)
            pen.setCosmetic(True)
            pen.setWidthF(look.width)
            if look.dash:
                pen.setDashPattern([d / look.width for d in look.dash])
            ys = [math.nan if v is None else v / self.scale for v in series.values]
            # no line across a gap, nor from the points standing apart (last year's outturn) to the rest
            connect = np.array([a is not None and b is not None and i + 1 != self.spec.apart for i, (a, b)
                                in enumerate(zip(series.values, [*series.values[1:], None]))]) \
                if self.spec.apart else "finite"
            curve = plot.plot(xs, ys, pen=pen, connect=connect, symbol=SYMBOLS.get(look.marker, "o"),
                              symbolSize=9 if sum(v is not None for v in series.values) == 1 else 7,
                              symbolBrush=colour, symbolPen=pg.mkPen(colour), name=series.name)
            self.curves.append(curve)
            for x, mark, value in zip(xs, series.marks, series.values):
                if mark:   # DNA, tbc: on the axis where the figure would be; "c. 580" under its point
                    text = pg.TextItem(mark, color=self.colour(look.colour, MIN_CONTRAST),
                                       anchor=(0.5, -0.1 if value is not None else 1))
                    text.setPos(x, (value if value is not None else (self.spec.y_range or (0, 0))[0]) / self.scale)
                    plot.addItem(text)
            dash = "━━" if not look.dash else "╍╍" if look.dash[0] > 4 else "┅┅"
            keys.append(f"<span style='color:{look.colour}; font-weight:700'>{dash}{_SYMBOL_TEXT[look.marker]}"
                        f"</span>&nbsp;{escape(series.name)}")
        # Long period names ("Year-End 2019/20") over two lines, so neighbours do not run together.
        ticks = [(i, c.rsplit(" ", 1)[0] + "\n" + c.rsplit(" ", 1)[1] if len(c) > 8 and " " in c else c)
                 for i, c in enumerate(self.spec.categories)]
        plot.getAxis("bottom").setTicks([ticks])
        plot.getAxis("bottom").setStyle(hideOverlappingLabels=40)  # the first name may run past the edge
        if any("\n" in text for _i, text in ticks):
            plot.getAxis("bottom").setHeight(2 * plot.fontMetrics().height() + 14)
        if axis_label:
            plot.setLabel("left", axis_label)
        if self.spec.x_label:
            plot.setLabel("bottom", self.spec.x_label)
        if len(group) == len(self.spec.series) and self.spec.y_range:
            low, high = (v / self.scale for v in self.spec.y_range)
        else:   # a small multiple: its own range, from zero
            values = [v / self.scale for s in group for v in s.values if v is not None] or [1.0]
            low, high = min(0.0, *values), 1.1 * max(values) or 1.0
        plot.setYRange(low, high, padding=0.02)
        plot.showGrid(y=True, alpha=0.25)
        plot.setXRange(-0.5, len(xs) - 0.5, padding=0)
        return "&nbsp;&nbsp;&nbsp;".join(keys)

    # --- hover and click ---------------------------------------------------------------------
    def category_at(self, scene_pos: QPointF, plot: pg.PlotWidget | None = None) -> int | None:
        """The category (bar or period) under a scene position of ``plot``, if any."""
        point = (plot or self.plot).getViewBox().mapSceneToView(scene_pos)
        index = round(point.y() if self.spec.kind == BAR else point.x())
        return index if 0 <= index < len(self.spec.categories) else None

    def hover_text(self, index: int, group: list[Series] | None = None) -> str:
        """What hovering over category ``index`` shows: the value(s) and their source cells."""
        lines = [self.spec.categories[index]]
        for series in group or self.spec.series:
            value = series.values[index] if index < len(series.values) else None
            status = series.statuses[index] if index < len(series.statuses) else None
            cell = series.cells[index] if index < len(series.cells) else ""
            mark = series.marks[index] if index < len(series.marks) else ""
            text = f"{series.name}: {mark or value_text(value, self.spec.unit, self.spec)}"
            if status in ("adverse", "favourable"):
                text += f" {flag_text(status, self.spec)} ({status})"
            lines.append(text + (f" (cell {cell})" if cell else ""))
        lines.append(self.spec.source)
        return "\n".join(lines)

    def _hover(self, plot: pg.PlotWidget, group: list[Series], scene_pos: QPointF) -> None:
        index = self.category_at(scene_pos, plot)
        if index is None or not plot.sceneBoundingRect().contains(scene_pos):
            QToolTip.hideText()
            return
        QToolTip.showText(plot.mapToGlobal(plot.mapFromScene(scene_pos)), plain_tip(self.hover_text(index, group)), plot)

    def point_at(self, scene_pos: QPointF, plot: pg.PlotWidget, group: list[Series]) -> str | None:
        """The source cell of the point nearest a click on a line chart (its own row's, even where
        two rows share a label), or None when no point is near."""
        index = self.category_at(scene_pos, plot)
        if index is None:
            return None
        y = plot.getViewBox().mapSceneToView(scene_pos).y() * self.scale
        near = [(abs(s.values[index] - y), s.cells[index]) for s in group
                if index < len(s.values) and s.values[index] is not None and index < len(s.cells) and s.cells[index]]
        low, high = plot.getViewBox().viewRange()[1]
        close = [pair for pair in near if pair[0] <= 0.08 * (high - low) * self.scale]
        return min(close)[1] if close else None

    def _click(self, plot: pg.PlotWidget, event, group: list[Series]) -> None:
        index = self.category_at(event.scenePos(), plot)
        if index is not None and self.spec.kind == BAR:
            self.bar_clicked.emit(index)
            cells = self.spec.series[0].cells
            if index < len(cells) and cells[index]:
                self.figure_clicked.emit(cells[index])
            return
        cell = self.point_at(event.scenePos(), plot, group) if self.spec.kind != BAR else None
        if cell:
            self.figure_clicked.emit(cell)
        else:
            self.chart_clicked.emit()
