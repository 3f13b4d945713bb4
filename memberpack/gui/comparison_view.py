""""How we compare": our figures against England, the region and statistical neighbours, as a
compact table (one row per measure) and the trend chart of the selected measure.

The figures come from :mod:`memberpack.analysis.comparisons`; the chart is the comparison's
:class:`~memberpack.model.charts.ChartSpec` drawn by :class:`memberpack.gui.charts.ChartView`, our
line solid and thick, the comparators dashed and thinner, as in the PDF.
"""

from __future__ import annotations

from PySide6.QtCore import (QAbstractTableModel, QItemSelectionModel, QModelIndex, QPersistentModelIndex,
                            QSortFilterProxyModel, Qt, Signal)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from memberpack.analysis.charts import without_repeats
from memberpack.analysis.comparison_rows import intro_text, summary_head, summary_row
from memberpack.analysis.comparisons import (BEST, ENGLAND, NEIGHBOURS, REGION, TONE_COLOURS, UNJUDGED, WORST,
                                             Comparison)
from memberpack.gui.plain_text import plain_label, plain_tip
from memberpack.model.charts import ChartSpec

_Index = QModelIndex | QPersistentModelIndex
MEASURE, PERIOD, OURS, ENGLAND_COL, REGION_COL, NEIGHBOURS_COL, VERSUS, RANK, BAND = range(9)
ComparisonRole = Qt.ItemDataRole.UserRole + 11
MEASURE_CHARS = 24   # the Measure column is never narrower than this many characters


class ComparisonTableModel(QAbstractTableModel):
    """One row per comparison: ours, England, region, neighbours' average (n of N), verdict against
    England, rank of N and quartile band (letter and colour)."""

    def __init__(self, found: list[Comparison], parent=None) -> None:
        super().__init__(parent)
        self.comparisons = found
        self.headers = summary_head(found)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.comparisons)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def text(self, row: int, column: int) -> str:
        return summary_row(self.comparisons[row])[column]

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        c, column = self.comparisons[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            text = self.text(index.row(), column)
            if role == Qt.ItemDataRole.AccessibleTextRole and column == BAND and c.rank:
                return f"Band {c.rank.band} ({c.rank.tone})"
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and column > PERIOD:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter) if column != BAND \
                else int(Qt.AlignmentFlag.AlignCenter)
        if column == BAND and c.rank is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QColor(TONE_COLOURS[c.rank.tone])
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor("#ffffff" if c.rank.tone in (BEST, WORST, UNJUDGED) else "#1b1b1b")
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(self.tooltip(c, column))
        if role == ComparisonRole:
            return c
        return None

    @staticmethod
    def tooltip(c: Comparison, column: int) -> str:
        lines = [c.title]
        bench = c.benchmark({ENGLAND_COL: ENGLAND, REGION_COL: REGION, NEIGHBOURS_COL: NEIGHBOURS}.get(column, ""))
        if bench is not None and bench.of:
            lines.append(f"Average of the {bench.count} of {bench.of} statistical neighbours with a figure")
        if bench is not None and bench.difference is not None:
            lines.append(f"{c.area} minus {bench.name}: {c.difference_text(bench.difference)} ({bench.verdict})")
        if column in (RANK, BAND) and c.rank:
            lines.append(f"Rank {c.rank.text()} ({c.rank.direction}); band {c.rank.band}: "
                         f"{'neither better nor worse' if c.rank.tone == UNJUDGED else c.rank.tone}")
        lines.append(c.source + (f"; our figure from cell {c.cell}" if c.cell else ""))
        return "\n".join(lines)


class _FittedTable(QTableView):
    """A table as tall as its rows (the page scrolls, not the table), long measures wrapped to the
    width the measure column has once laid out: the rest of the width, but never less than
    :data:`MEASURE_CHARS` characters (a narrow tab scrolls the figures sideways instead)."""

    def fit(self) -> None:
        self._size_measures()
        self.resizeRowsToContents()
        header = self.horizontalHeader()
        height = header.sizeHint().height() + self.verticalHeader().length()
        if header.length() > self.viewport().width():   # the sideways scroll bar takes its own room
            height += self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(height + 2 * self.frameWidth() + 2)

    def _size_measures(self) -> None:
        header = self.horizontalHeader()
        others = sum(header.sectionSize(c) for c in range(header.count()) if c != MEASURE
                     and not header.isSectionHidden(c))
        least = MEASURE_CHARS * self.fontMetrics().averageCharWidth()
        mode = QHeaderView.ResizeMode.Stretch if self.viewport().width() - others >= least \
            else QHeaderView.ResizeMode.Interactive
        if header.sectionResizeMode(MEASURE) != mode:
            header.setSectionResizeMode(MEASURE, mode)
        if mode == QHeaderView.ResizeMode.Interactive and header.sectionSize(MEASURE) != least:
            header.resizeSection(MEASURE, least)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit()


class ComparisonView(QWidget):
    """The "how we compare" table and the trend chart of the measure selected in it."""

    chart_shown = Signal(object)

    def __init__(self, found: list[Comparison], parent: QWidget | None = None, drawn: list[ChartSpec] = ()) -> None:
        super().__init__(parent)
        self.drawn = list(drawn)   # the table's own charts: a trend they already draw is not drawn again
        self.model = ComparisonTableModel(found, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(MEASURE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = _FittedTable()
        self.table.setModel(self.proxy)
        self.table.setTabKeyNavigation(False)   # Tab leaves the table; the arrow keys move in it
        self.table.setAccessibleName("How we compare")
        self.table.setAccessibleDescription(intro_text(found))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MEASURE, QHeaderView.ResizeMode.Stretch)
        for column in range(PERIOD + 1, self.model.columnCount()):  # no neighbours or ranks: no empty columns
            self.table.setColumnHidden(column, not any(self.model.text(r, column) for r in range(len(found))))
        heading = QLabel("<h4 style='margin:0'>How we compare</h4>")
        intro = plain_label(intro_text(found))
        intro.setWordWrap(True)
        self.chart_box = QVBoxLayout()
        self.chart = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        for widget in (heading, intro, self.table):
            layout.addWidget(widget)
        layout.addLayout(self.chart_box)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self.show_trend(current.row()))
        self.proxy.modelReset.connect(self._fit)
        self.proxy.layoutChanged.connect(self._fit)
        self._fit()
        if found:  # the first measure's trend, with the keyboard there but no row highlighted yet
            self.table.selectionModel().setCurrentIndex(self.proxy.index(0, 0),
                                                        QItemSelectionModel.SelectionFlag.NoUpdate)
            self.show_trend(0)

    def _fit(self) -> None:
        self.table.fit()

    def set_filter_text(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self._fit()

    def comparison(self, proxy_row: int) -> Comparison | None:
        index = self.proxy.index(proxy_row, 0)
        return index.data(ComparisonRole) if index.isValid() else None

    def show_trend(self, proxy_row: int) -> None:
        """Draw the trend of the comparison at ``proxy_row`` under the table (none: no chart)."""
        from memberpack.gui.charts import ChartView  # noqa: PLC0415 - pyqtgraph loads with the first chart

        c = self.comparison(proxy_row)
        if self.chart is not None and c is not None and self.chart.spec is c.trend:
            return
        if self.chart is not None:
            self.chart_box.removeWidget(self.chart)
            self.chart.hide()  # at once: it is deleted only when the event loop next runs
            self.chart.deleteLater()
            self.chart = None
        if c is None:
            return
        if c.trend is None or without_repeats(self.drawn, [c.trend])[0] is None:
            return   # one period only (the table row says it all), or the table's own chart below draws it
        self.chart = ChartView(c.trend)
        self.chart.setToolTip(plain_tip(c.trend.source))
        self.chart_box.addWidget(self.chart)
        self.chart_shown.emit(self.chart)
