"""One imported table on screen: its chart above, "how we compare" where the table gives benchmarks,
the table below, a filter box, its source."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPolygonF
from PySide6.QtWidgets import (QAbstractItemView, QFrame, QHeaderView, QLineEdit, QScrollArea,
                               QStyledItemDelegate, QStyleOptionViewItem, QVBoxLayout, QWidget)

from memberpack.analysis.charts import charts_for, source_line
from memberpack.analysis.narrative import doubt_line
from memberpack.analysis.table_period import table_period
from memberpack.gui import note_targets
from memberpack.gui.cell_text import RAG_SHAPES
from memberpack.gui.frozen_table import FrozenLabelTable
from memberpack.gui.plain_text import plain_label
from memberpack.gui.table_model import DatasetTableModel, NotedRole, ObservationRole, SectionSortProxy
from memberpack.model.annotations import Target
from memberpack.model.observation import Dataset, Observation


FIT_ROWS = 400          # tables up to this many rows are shown whole; longer ones scroll themselves
LONG_TABLE_ROWS = 25    # rows in sight in a long table
LABEL_WIDTHS = (140, 220)   # the label column: wide enough for a service's name, not half the screen
FIGURE_WIDTHS = (64, 130)
RAG_SHORT = {status: text.split()[0] + " " + text.split()[1][0] for status, text in RAG_SHAPES.items()}  # "▲ R"


class NoteMarkDelegate(QStyledItemDelegate):
    """Draws a small orange corner on cells that carry a note, as spreadsheets mark comments, and
    shortens a RAG word to its letter ("▲ R") where the column is too narrow for it: a RAG cell
    always says what it is, never only a strip of colour."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        obs = index.data(ObservationRole)
        if obs is not None and obs.status in RAG_SHORT and (
                option.fontMetrics.horizontalAdvance(option.text) > option.rect.width() - 8):
            option.text = RAG_SHORT[obs.status]

    def paint(self, painter: QPainter, option, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        if index.data(NotedRole):
            r = option.rect
            size = max(6, r.height() // 3)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor("#e67e22"))
            painter.drawPolygon(QPolygonF([QPointF(r.right() - size, r.top()), QPointF(r.right(), r.top()),
                                           QPointF(r.right(), r.top() + size)]))
            painter.restore()


class DatasetView(QWidget):
    """Chart and table of one dataset; ``target_changed`` follows what the reader selects."""

    target_changed = Signal(object)

    def __init__(self, dataset: Dataset, observations: list[Observation], comparisons: list | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset = dataset
        self.model = DatasetTableModel(dataset, observations, self)
        self.proxy = SectionSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = FrozenLabelTable()
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(NoteMarkDelegate(self.table))
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)   # source order until a header is clicked
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(False)
        self.table.setWordWrap(True)  # long KPI names wrap in the label column
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setResizeContentsPrecision(FIT_ROWS)   # widths from the first rows: a ledger has thousands
        self.table.verticalHeader().setResizeContentsPrecision(FIT_ROWS)
        self.table.resizeColumnsToContents()
        for column in range(1, self.model.columnCount()):
            self.table.setColumnWidth(column, min(max(self.table.columnWidth(column), FIGURE_WIDTHS[0]),
                                                  FIGURE_WIDTHS[1]))
        self.table.setColumnWidth(0, min(max(self.table.columnWidth(0), LABEL_WIDTHS[0]), LABEL_WIDTHS[1]))
        self.table.setAccessibleName(f"Table: {dataset.name}")
        for signal in (self.proxy.layoutChanged, self.proxy.rowsInserted, self.proxy.rowsRemoved,
                       self.proxy.modelReset):
            signal.connect(self._fit_table)
        self.table.selectionModel().currentChanged.connect(self._current_changed)

        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter rows (service, figure or status)…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter rows of {dataset.name}")
        self.filter.textChanged.connect(self.proxy.set_filter_text)

        heading = plain_label(dataset.name, "font-size: 13pt; font-weight: 600")
        heading.setWordWrap(True)
        period = table_period(dataset, observations)
        source = plain_label(source_line(dataset) + (f" · period {period}" if period else ""))
        source.setWordWrap(True)  # in the palette's text colour: grey on grey does not read in dark mode

        self.doubt = plain_label("⚠ " + doubt_line(dataset), "font-weight: 600")  # confirmed as read, in doubt
        self.doubt.setWordWrap(True)
        self.doubt.setAccessibleName("Unsure reading")
        self.doubt.setVisible(bool(doubt_line(dataset)))

        self.charts = []
        page = QWidget()
        content = QVBoxLayout(page)
        content.addWidget(heading)
        content.addWidget(source)
        content.addWidget(self.doubt)
        self.comparisons = None
        specs = charts_for(dataset, observations)
        if comparisons:
            from memberpack.gui.comparison_view import ComparisonView  # noqa: PLC0415 - only where there are any

            self.comparisons = ComparisonView(comparisons, drawn=specs)
        # The keyboard lands on the table (the view's focus proxy) and Tab goes on from it to "how we
        # compare" and the filter, in the order they join the page; above the table, they had come
        # before it, so Tab passed them by on its way from the table to the notes.
        for widget in (self.table, self.comparisons, self.filter):
            if widget is not None:
                widget.setParent(page)
        if self.comparisons is not None:
            content.addWidget(self.comparisons)
        if specs:
            from memberpack.gui.charts import ChartView  # noqa: PLC0415 - pyqtgraph loads with the first chart

            for spec in specs:
                chart = ChartView(spec)
                chart.figure_clicked.connect(self.select_cell)
                chart.chart_clicked.connect(lambda s=spec: self.target_changed.emit(note_targets.of_chart(s)))
                self.charts.append(chart)
                content.addWidget(chart)
        content.addWidget(self.filter)
        content.addWidget(self.table)
        content.addStretch(1)
        # One scroll for the whole table, chart and all, read like a page of the report.
        self.scroll = QScrollArea()
        self.scroll.setWidget(page)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self._fit_table()
        self.setFocusProxy(self.table)   # a tab change puts the keyboard in the table

    def _fit_table(self, *_args) -> None:
        """Make the table as tall as its rows, so only the page scrolls; a long table (a ledger of
        thousands of rows) gets a page's height and scrolls itself, so only the rows in sight are drawn.
        A table wider than the window is held to the window's height, so its sideways scroll bar is in
        sight with it rather than at the foot of the page."""
        if self.proxy.rowCount() > FIT_ROWS:
            self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            self.table.setFixedHeight(self.table.horizontalHeader().sizeHint().height()
                                      + LONG_TABLE_ROWS * self.table.verticalHeader().defaultSectionSize())
            return
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.resizeRowsToContents()
        rows = self.table.verticalHeader().length() or self.table.verticalHeader().defaultSectionSize()
        height = (self.table.horizontalHeader().sizeHint().height() + 2 * self.table.frameWidth() + rows
                  + self.table.horizontalScrollBar().sizeHint().height())
        room = self.scroll.viewport().height() - self.filter.sizeHint().height() - 24
        wide = self.table.horizontalHeader().length() > self.scroll.viewport().width() - 24
        if wide and room > 200 and height > room:
            self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
            height = room
        self.table.setFixedHeight(height)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_table()

    # --- selection ---------------------------------------------------------------------------
    def select_label(self, label: str | None) -> bool:
        """Select (and scroll to) the first row labelled ``label``; clears the filter if it hides it."""
        return self._select_row(self.model.row_of(label) if label else -1)

    def select_cell(self, cell: str) -> bool:
        """Select the row holding source cell ``cell``: a chart's bar or point, or a headline line,
        picks its own row even where another row (in another section) has the same label."""
        return self._select_row(self.model.row_of_cell(cell))

    def _select_row(self, row: int) -> bool:
        if row < 0:
            return False
        if not self.proxy.mapFromSource(self.model.index(row, 0)).isValid():
            self.filter.clear()
        proxy_index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.table.selectionModel().setCurrentIndex(
            proxy_index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(proxy_index)
        rect = self.table.visualRect(proxy_index)
        self.scroll.ensureVisible(0, self.table.y() + rect.center().y(), 0, rect.height() * 2)
        return True

    def selected_row_label(self) -> str | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[self.proxy.mapToSource(index).row()].label

    def current_target(self) -> Target:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return note_targets.of_dataset(self.dataset)
        source = self.proxy.mapToSource(index)
        row = self.model.rows[source.row()]
        obs = self.model.observation(source)
        if obs is not None:
            return note_targets.of_observation(self.dataset, obs)
        if row.source is not None:
            metric = next((o.metric_id for o in row.source.cells.values()), None)
            return note_targets.of_row(self.dataset, row.label, row.section, metric)
        return note_targets.of_dataset(self.dataset)

    def _current_changed(self, *_args) -> None:
        self.target_changed.emit(self.current_target())

    # --- notes ---------------------------------------------------------------------------------
    def show_notes(self, targets: list[Target]) -> None:
        """Mark the cells and rows that notes point at."""
        self.model.set_noted({(t.label, t.section, t.measure) for t in targets if t.dataset_key == self.dataset.key})
