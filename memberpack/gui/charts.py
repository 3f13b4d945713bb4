"""Drawing a :class:`~memberpack.model.charts.ChartSpec` with pyqtgraph.

The PDF draws the same specs with reportlab, so what a councillor sees on screen and on paper
agree. Variance bars are horizontal (service names are long), coloured and lettered A or (F);
earlier years are drawn fainter under the latest; benchmarks (England, region) are dashed.
Lines on very different scales (a scorecard of percentages, counts and rates) are drawn as small
multiples, one small chart per measure with its benchmarks, rather than squashed onto one axis.
"""

from __future__ import annotations

from html import escape

import pyqtgraph as pg  # memberpack.gui (imported first) has set PYQTGRAPH_QT_LIB=PySide6
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGridLayout, QLabel, QToolTip, QVBoxLayout, QWidget

from memberpack.analysis.charts import largest_bars, point_text
from memberpack.gui.plain_text import plain_label, plain_tip
from memberpack.model.charts import BAR, BENCHMARK, EARLIER, ChartSpec, Series
from memberpack.model.units import GBP, PER_10000

pg.setConfigOptions(background="w", foreground="#333333", antialias=True)

STATUS_COLOURS = {"adverse": "#c0392b", "favourable": "#2e7d32", None: "#5d6d7e"}
STATUS_WORDS = {"adverse": "A (adverse: overspend)", "favourable": "(F) (favourable: underspend)"}
DATA_COLOURS = ("#1f5fa8", "#d35400", "#16a085", "#8e44ad", "#7f8c8d")
EARLIER_COLOURS = ("#b8c2cc", "#8f9ba8", "#66727f")
BENCHMARK_COLOURS = ("#6a3d9a", "#e08214", "#2c7fb8")


def value_text(value: float | None, unit: str | None) -> str:
    """A chart figure as a councillor reads it: £12.4m, 38.9%, 53.7 per 10,000."""
    if value is None:
        return "no figure"
    text = point_text(value, unit)  # the same figure text the PDF's charts print
    return f"{text} per 10,000" if unit == PER_10000 else text


def line_groups(spec: ChartSpec) -> list[list[Series]]:
    """The series drawn together: all in one chart, or (when their sizes differ more than
    fivefold) one group per measure, each with the benchmark rows that follow it."""
    peaks = [max((abs(v) for v in s.values if v is not None), default=0) for s in spec.series if s.role != BENCHMARK]
    peaks = [p for p in peaks if p]
    if spec.kind == BAR or len(peaks) < 2 or max(peaks) <= 5 * min(peaks):
        return [list(spec.series)]
    groups: list[list[Series]] = []
    for series in spec.series:
        if series.role == BENCHMARK and groups:
            groups[-1].append(series)
        else:
            groups.append([series])
    return groups


def _scale(spec: ChartSpec) -> tuple[float, str]:
    """Money is plotted in £m or £k so the axis reads like the report."""
    if spec.unit != GBP:
        return 1.0, spec.y_label
    biggest = max((abs(v) for s in spec.series for v in s.values if v is not None), default=0)
    return (1e6, "£m") if biggest >= 1e6 else (1e3, "£k") if biggest >= 1e4 else (1.0, "£")


class ChartView(QWidget):
    """One chart with its title and summary. A click on a bar gives ``bar_clicked(category)``;
    anywhere else on the chart, ``chart_clicked`` (to write a note on the chart as a whole)."""

    bar_clicked = Signal(int)
    chart_clicked = Signal()

    def __init__(self, spec: ChartSpec, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        shown = largest_bars(spec) if spec.kind == BAR else spec
        left_out = len(spec.categories) - len(shown.categories)
        self.spec = spec = shown
        self.scale, axis_label = _scale(spec)
        self.bars: pg.BarGraphItem | None = None
        self.curves: list[pg.PlotDataItem] = []
        self.plots: list[pg.PlotWidget] = []
        title = plain_label(spec.title, "font-weight: 600")
        title.setWordWrap(True)
        self.key = QLabel()
        self.key.setWordWrap(True)
        summary = plain_label(spec.summary + self._flag_text() + (
            f" The chart shows the {len(spec.categories)} largest of {len(spec.categories) + left_out:,}; "
            "the table lists all." if left_out else ""))
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        groups = line_groups(spec)
        if spec.kind == BAR:
            self.plot = self._new_plot(max(240, 24 * len(spec.categories) + 70), spec.series)
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
        plot = pg.PlotWidget()
        plot.setAccessibleName(f"Chart: {self.spec.title}" + (f" – {series[0].name}" if self.plots else ""))
        plot.setAccessibleDescription(self.spec.summary)
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        plot.setFixedHeight(height)
        plot.scene().sigMouseMoved.connect(lambda pos, p=plot, s=series: self._hover(p, s, pos))
        plot.scene().sigMouseClicked.connect(lambda event, p=plot: self._click(p, event))
        self.plots.append(plot)
        return plot

    def _flag_text(self) -> str:
        statuses = {s for series in self.spec.series for s in series.statuses}
        if statuses & {"adverse", "favourable"}:
            return "  Red bars marked A are adverse (overspend); green bars marked (F) are favourable."
        return ""

    # --- drawing ---------------------------------------------------------------------------
    def _draw_bars(self, axis_label: str) -> None:
        series = self.spec.series[0]
        values = [(v or 0.0) / self.scale for v in series.values]
        statuses = series.statuses or [None] * len(values)
        brushes = [pg.mkBrush(STATUS_COLOURS.get(s, STATUS_COLOURS[None])) for s in statuses]
        positions = list(range(len(values)))
        self.bars = pg.BarGraphItem(x0=[min(0.0, v) for v in values], width=[abs(v) for v in values],
                                    y=positions, height=0.6, brushes=brushes, pen=pg.mkPen(None))
        self.plot.addItem(self.bars)
        self.plot.addLine(x=0, pen=pg.mkPen("#555555", width=1))
        span = max((abs(v) for v in values), default=1.0) or 1.0
        for i, (value, status) in enumerate(zip(values, statuses)):
            flag = {"adverse": " A", "favourable": " (F)"}.get(status or "", "")
            label = pg.TextItem(self._bar_text(series.values[i]) + flag,
                                color=STATUS_COLOURS.get(status, "#333333"),
                                anchor=(0, 0.5) if value >= 0 else (1, 0.5))
            label.setPos(value + (0.02 * span if value >= 0 else -0.02 * span), i)
            self.plot.addItem(label)
        axis = self.plot.getAxis("left")
        axis.setTicks([[(i, c) for i, c in enumerate(self.spec.categories)]])
        metrics = self.plot.fontMetrics()
        axis.setWidth(min(260, max((metrics.horizontalAdvance(c) for c in self.spec.categories), default=40) + 20))
        self.plot.getViewBox().invertY(True)
        self.plot.setLabel("bottom", axis_label)
        low = min(0.0, *values) if values else 0.0
        high = max(0.0, *values) if values else 1.0
        self.plot.setXRange(low - 0.4 * span if low < 0 else low, high + 0.3 * span, padding=0)
        self.plot.setYRange(-0.6, len(values) - 0.4, padding=0)

    def _bar_text(self, value: float | None) -> str:
        """A bar's figure in the axis's unit (``£10.4m``), so labels, axis and table agree."""
        if value is None or self.spec.unit != GBP or self.scale == 1.0:
            return value_text(value, self.spec.unit)
        symbol = "m" if self.scale == 1e6 else "k"
        text = f"£{abs(value) / self.scale:,.{1 if symbol == 'm' else 0}f}{symbol}"
        return f"({text})" if value < 0 else text

    def _draw_lines(self, plot: pg.PlotWidget, group: list[Series], axis_label: str) -> str:
        """Draw ``group`` on ``plot``; returns its key (coloured line, name) as rich text."""
        xs = list(range(len(self.spec.categories)))
        counters = {EARLIER: 0, BENCHMARK: 0, "data": 0}
        keys: list[str] = []
        for series in group:
            role = series.role if series.role in counters else "data"
            palette = {EARLIER: EARLIER_COLOURS, BENCHMARK: BENCHMARK_COLOURS}.get(role, DATA_COLOURS)
            colour = QColor(palette[counters[role] % len(palette)])
            counters[role] += 1
            pen = QPen(colour)
            pen.setCosmetic(True)
            pen.setWidthF(3.0 if role == "data" else 2.0)
            if role == BENCHMARK:
                pen.setStyle(Qt.PenStyle.DashLine)
            points = [(x, v / self.scale) for x, v in zip(xs, series.values) if v is not None]
            curve = plot.plot([p[0] for p in points], [p[1] for p in points], pen=pen,
                                   symbol="o" if role != BENCHMARK else None, symbolSize=7,
                                   symbolBrush=colour, symbolPen=pg.mkPen(colour), name=series.name)
            self.curves.append(curve)
            keys.append(f"<span style='color:{colour.name()}; font-weight:700'>"
                        f"{'╌╌' if role == BENCHMARK else '━━'}</span>&nbsp;{escape(series.name)}")
        # Long period names ("Year-End 2019/20") over two lines, so neighbours do not run together.
        ticks = [(i, c.rsplit(" ", 1)[0] + "\n" + c.rsplit(" ", 1)[1] if len(c) > 8 and " " in c else c)
                 for i, c in enumerate(self.spec.categories)]
        plot.getAxis("bottom").setTicks([ticks])
        plot.getAxis("bottom").setStyle(hideOverlappingLabels=40)  # the first name may run past the edge
        if any("\n" in text for _i, text in ticks):
            plot.getAxis("bottom").setHeight(2 * plot.fontMetrics().height() + 14)
        if axis_label:
            plot.setLabel("left", axis_label)
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
            text = f"{series.name}: {value_text(value, self.spec.unit)}"
            if status in STATUS_WORDS:
                text += f" {STATUS_WORDS[status]}"
            lines.append(text + (f" (cell {cell})" if cell else ""))
        lines.append(self.spec.source)
        return "\n".join(lines)

    def _hover(self, plot: pg.PlotWidget, group: list[Series], scene_pos: QPointF) -> None:
        index = self.category_at(scene_pos, plot)
        if index is None or not plot.sceneBoundingRect().contains(scene_pos):
            QToolTip.hideText()
            return
        QToolTip.showText(plot.mapToGlobal(plot.mapFromScene(scene_pos)), plain_tip(self.hover_text(index, group)), plot)

    def _click(self, plot: pg.PlotWidget, event) -> None:
        index = self.category_at(event.scenePos(), plot)
        if index is not None and self.spec.kind == BAR:
            self.bar_clicked.emit(index)
        else:
            self.chart_clicked.emit()
