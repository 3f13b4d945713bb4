"""Drawing a :class:`~memberpack.model.charts.ChartSpec` with pyqtgraph.

The PDF draws the same specs with reportlab, so what a councillor sees on screen and on paper
agree. Variance bars are horizontal (service names are long), coloured and lettered A or (F);
earlier years are drawn fainter under the latest; benchmarks (England, region) are dashed.
"""

from __future__ import annotations

import pyqtgraph as pg  # memberpack.gui (imported first) has set PYQTGRAPH_QT_LIB=PySide6
from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QLabel, QToolTip, QVBoxLayout, QWidget

from memberpack.analysis.charts import money_text
from memberpack.model.charts import BAR, BENCHMARK, EARLIER, ChartSpec
from memberpack.model.units import GBP, PER_10000, PERCENT

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
    if unit == GBP:
        return money_text(value)
    if unit == PERCENT:
        return f"{value:.1f}%"
    if unit == PER_10000:
        return f"{value:,.1f} per 10,000"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


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
        self.spec = spec
        self.scale, axis_label = _scale(spec)
        self.plot = pg.PlotWidget()
        self.plot.setAccessibleName(f"Chart: {spec.title}")
        self.plot.setAccessibleDescription(spec.summary)
        self.plot.setMenuEnabled(False)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        bars = len(spec.categories) if spec.kind == BAR else 0
        self.plot.setFixedHeight(max(240, 24 * bars + 70) if bars else 300)
        self.bars: pg.BarGraphItem | None = None
        self.curves: list[pg.PlotDataItem] = []
        title = QLabel(f"<b>{spec.title}</b>")
        title.setWordWrap(True)
        self.key = QLabel()
        self.key.setWordWrap(True)
        summary = QLabel(spec.summary + self._flag_text())
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(title)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.key)
        layout.addWidget(summary)
        if spec.kind == BAR:
            self._draw_bars(axis_label)
        else:
            self._draw_lines(axis_label)
        self.plot.scene().sigMouseMoved.connect(self._hover)
        self.plot.scene().sigMouseClicked.connect(self._click)

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

    def _draw_lines(self, axis_label: str) -> None:
        xs = list(range(len(self.spec.categories)))
        counters = {EARLIER: 0, BENCHMARK: 0, "data": 0}
        keys: list[str] = []
        for series in self.spec.series:
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
            curve = self.plot.plot([p[0] for p in points], [p[1] for p in points], pen=pen,
                                   symbol="o" if role != BENCHMARK else None, symbolSize=7,
                                   symbolBrush=colour, symbolPen=pg.mkPen(colour), name=series.name)
            self.curves.append(curve)
            keys.append(f"<span style='color:{colour.name()}; font-weight:700'>"
                        f"{'╌╌' if role == BENCHMARK else '━━'}</span>&nbsp;{series.name}")
        self.key.setText("&nbsp;&nbsp;&nbsp;".join(keys))
        self.plot.getAxis("bottom").setTicks([[(i, c) for i, c in enumerate(self.spec.categories)]])
        self.plot.setLabel("left", axis_label)
        self.plot.showGrid(y=True, alpha=0.25)
        self.plot.setXRange(-0.3, len(xs) - 0.7, padding=0)

    # --- hover and click ---------------------------------------------------------------------
    def category_at(self, scene_pos: QPointF) -> int | None:
        """The category (bar or period) under a scene position, if any."""
        point = self.plot.getViewBox().mapSceneToView(scene_pos)
        index = round(point.y() if self.spec.kind == BAR else point.x())
        return index if 0 <= index < len(self.spec.categories) else None

    def hover_text(self, index: int) -> str:
        """What hovering over category ``index`` shows: the value(s) and their source cells."""
        lines = [self.spec.categories[index]]
        for series in self.spec.series:
            value = series.values[index] if index < len(series.values) else None
            status = series.statuses[index] if index < len(series.statuses) else None
            cell = series.cells[index] if index < len(series.cells) else ""
            text = f"{series.name}: {value_text(value, self.spec.unit)}"
            if status in STATUS_WORDS:
                text += f" {STATUS_WORDS[status]}"
            lines.append(text + (f" (cell {cell})" if cell else ""))
        lines.append(self.spec.source)
        return "\n".join(lines)

    def _hover(self, scene_pos: QPointF) -> None:
        index = self.category_at(scene_pos)
        if index is None or not self.plot.sceneBoundingRect().contains(scene_pos):
            QToolTip.hideText()
            return
        global_pos = self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos))
        QToolTip.showText(global_pos, self.hover_text(index), self.plot)

    def _click(self, event) -> None:
        index = self.category_at(event.scenePos())
        if index is not None and self.spec.kind == BAR:
            self.bar_clicked.emit(index)
        else:
            self.chart_clicked.emit()
