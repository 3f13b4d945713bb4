"""A long table on screen: the model over a :class:`~memberpack.gui.large_table.LargeTable` and its
view with a filter. Reading, sorting and filtering run on workers (a filter waits for typing to
pause), so the window never waits for them; only the rows in sight are ever drawn.

This module needs no numpy: the window builds the view at once, and numpy loads on the worker that
reads the table.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QVBoxLayout, QWidget

from memberpack.analysis.charts import source_line
from memberpack.gui import note_targets
from memberpack.gui.frozen_table import FrozenLabelTable
from memberpack.model.annotations import Target
from memberpack.model.observation import Dataset, Observation

if TYPE_CHECKING:
    from memberpack.gui.large_table import LargeTable

LARGE_ROWS = 5_000      # tables longer than this (stored as blocks only) are read this way
DEBOUNCE_MS = 200
_DISPLAY, _ALIGNMENT, _TOOLTIP, _FONT, _BACKGROUND = (
    int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ToolTipRole,
                     Qt.ItemDataRole.FontRole, Qt.ItemDataRole.BackgroundRole))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def _read(path: str, dataset_id: int) -> tuple[LargeTable | None, object]:
    """The table and its rows as stored (on a worker: numpy loads there, not on the GUI thread)."""
    from memberpack.gui.large_table import load_table  # noqa: PLC0415

    table = load_table(path, dataset_id)
    return table, table.all_rows() if table is not None else None


class LargeTableModel(QAbstractTableModel):
    """Read-only model over a :class:`LargeTable` (none, and no rows, until it is read); ``order``
    is the table's rows in view, in view order, a section's heading as ``-(run + 1)``. Headings,
    sub totals and totals are bold and headings shaded, as in the small view."""

    def __init__(self, dataset: Dataset, parent=None) -> None:
        super().__init__(parent)
        self.dataset = dataset
        self.table: LargeTable | None = None
        self.measures: list[str] = []
        self.order = ()
        self._bold = QFont()
        self._bold.setBold(True)

    def set_table(self, table: LargeTable, order) -> None:
        self.beginResetModel()
        self.table, self.measures = table, table.measures
        self.sheet = table.sheet
        self.order = order
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self.table) if self.table is not None else 0

    @property
    def shown(self) -> int:
        """Rows in view, not counting section headings."""
        return int((self.order >= 0).sum()) if self.table is not None and self.table.grouped else len(self.order)

    # --- Qt model interface --------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.order)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() or self.table is None else len(self.measures) + 1

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or section == 0:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.measures[section - 1]
        return None

    def data(self, index: QModelIndex, role=_DISPLAY):
        """Asked about seven times per cell in sight at each paint: roles not shown answer at once."""
        if role == _DISPLAY:
            row, column = int(self.order[index.row()]), index.column()
            if row < 0:
                return self.table.heading(row) if column == 0 else ""
            return self.table.label(row) if column == 0 else self.table.cell(row, column - 1)[2]
        if role == _ALIGNMENT:
            return _RIGHT if index.column() > 0 else None
        if role == _FONT:
            row = int(self.order[index.row()])
            return self._bold if row < 0 or self.table.totals[row] else None
        if role == _BACKGROUND:
            shaded = int(self.order[index.row()]) < 0
            return QGuiApplication.palette().brush(QPalette.ColorRole.AlternateBase) if shaded else None
        if role == _TOOLTIP and index.isValid():
            row = int(self.order[index.row()])
            if row < 0:
                return f"Section: {self.table.heading(row)}"
            if index.column() == 0:
                return f"{self.label(row)}\n{self.dataset.source_file}, sheet {self.sheet}"
            obs = self.observation(index)
            return f"{obs.label} – {obs.measure}: {obs.display}\n{self.dataset.source_file}, sheet {obs.sheet}, cell {obs.cell}"
        return None

    # --- cells -------------------------------------------------------------------------
    def label(self, row: int) -> str | None:
        """The label of a table row (None for a heading)."""
        return self.table.label(row) if row >= 0 else None

    def cell(self, row: int, column: int) -> tuple[float | None, str | None, str, str | None]:
        return self.table.cell(row, column)

    def observation(self, index: QModelIndex) -> Observation | None:
        """The figure at ``index`` as an Observation (made for this one cell, for a note or tooltip)."""
        if not index.isValid() or index.column() == 0 or int(self.order[index.row()]) < 0:
            return None
        table = self.table
        row, column = int(self.order[index.row()]), table.columns[index.column() - 1]
        value, unit, display, status = table.cell(row, index.column() - 1)
        if value is not None and value != value and not display:   # no figure in this cell of a total row
            return None
        return Observation(table.label(row), column.measure, value, unit, display, status, table.section(row),
                           column.period, table.role(row), table.sheet, f"{column.letter}{int(table.lines[row])}", int(table.rows_in_table[row]),
                           column.position, column.metric_id)

    # --- order: worked out on a worker, applied here --------------------------------------------
    def set_order(self, order) -> None:
        self.beginResetModel()
        self.order = order
        self.endResetModel()

    def row_of(self, label: str) -> int:
        """The view row of the first row labelled ``label``, or -1."""
        return -1 if self.table is None else self.table.row_in(self.order, label)


class LargeDatasetView(QWidget):
    """A long table with its filter; sorting and filtering never hold up the window.
    ``order_changed`` fires once a new order is in view (the benchmark waits for it)."""

    target_changed = Signal(object)
    order_changed = Signal()
    loaded = Signal(bool)   # True: the table is in view; False: not a plain table, show it in full

    def __init__(self, dataset: Dataset, pack_path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset = dataset
        self.model = LargeTableModel(dataset, self)
        self.charts: list = []
        self.comparisons = None
        self.table = FrozenLabelTable()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._sort_clicked)
        self.table.setAccessibleName(f"Table: {dataset.name}")
        self.table.selectionModel().currentChanged.connect(lambda *_: self.target_changed.emit(self.current_target()))
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter rows (row label or figure)…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter rows of {dataset.name}")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.reorder)
        self.filter.textChanged.connect(self._timer.start)
        heading = QLabel(f"<h3 style='margin:0'>{dataset.name}</h3>")
        heading.setWordWrap(True)
        self.count = QLabel()
        source = QLabel(source_line(dataset) + (f" · period {dataset.period}" if dataset.period else ""))
        source.setWordWrap(True)
        layout = QVBoxLayout(self)
        for widget in (heading, source, self.count, self.filter):
            layout.addWidget(widget)
        layout.addWidget(self.table, 1)
        self._sort = (-1, False)
        self._job = None
        self._again = False
        self.count.setText("Reading the table…")
        self.reading = True   # until the table is in view, or known not to be shown here
        self.setFocusProxy(self.table)
        from memberpack.gui.workers import Job, pool  # noqa: PLC0415

        path, dataset_id = str(pack_path), dataset.id
        self._load_job = Job(lambda _p, _c: _read(path, dataset_id), self)
        self._load_job.succeeded.connect(self._table_read)
        self._load_job.failed.connect(self._read_failed)
        self._load_job.start(pool("tables"))

    def _read_failed(self, message: str) -> None:
        self.reading = False
        self.count.setText(f"The table cannot be read: {message}")

    def _table_read(self, read) -> None:
        self.reading = False
        table, order = read
        if table is None:
            self.loaded.emit(False)
            return
        self.model.set_table(table, order)
        self.table.setColumnWidth(0, 200)
        for column in range(1, self.model.columnCount()):
            self.table.setColumnWidth(column, 96)
        self._show_count()
        from memberpack.gui.workers import Job, pool  # noqa: PLC0415

        self._prepare_job = Job(lambda _p, _c: table.prepare_filter(), self)   # on the filters' own thread
        self._prepare_job.start(pool("tables"))
        self.loaded.emit(True)

    def _sort_clicked(self, column: int) -> None:
        previous, descending = self._sort
        self._sort = (column, not descending if column == previous else False)
        self.table.horizontalHeader().setSortIndicator(
            column, Qt.SortOrder.DescendingOrder if self._sort[1] else Qt.SortOrder.AscendingOrder)
        self.reorder()

    def reorder(self) -> None:
        """Work out the rows in view on a worker thread, then show them (the latest request wins)."""
        if self._job is not None:
            self._again = True
            return
        table = self.model.table
        if table is None:
            return
        from memberpack.gui.workers import Job, pool  # noqa: PLC0415

        column, descending = self._sort
        needle = self.filter.text().strip().lower()
        self._job = Job(lambda _p, _c: table.ordered(column, descending, needle), self)
        self._job.succeeded.connect(self._ordered)
        self._job.start(pool("tables"))

    def _ordered(self, order) -> None:
        self._job = None
        if self._again:
            self._again = False
            self.reorder()
            return
        self.model.set_order(order)
        self._show_count()
        self.order_changed.emit()

    def _show_count(self) -> None:
        shown, total = self.model.shown, self.model.total
        self.count.setText(f"{total:,} rows" if shown == total else f"{shown:,} of {total:,} rows")

    # --- the same interface as DatasetView ------------------------------------------------------
    def select_label(self, label: str | None) -> bool:
        row = self.model.row_of(label) if label else -1
        if row < 0 and self.filter.text():
            self.filter.clear()
            return False
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def selected_row_label(self) -> str | None:
        index = self.table.selectionModel().currentIndex()
        return self.model.label(int(self.model.order[index.row()])) if index.isValid() else None

    def current_target(self) -> Target:
        index = self.table.selectionModel().currentIndex()
        obs = self.model.observation(index)
        if obs is not None:
            return note_targets.of_observation(self.dataset, obs)
        label = self.selected_row_label()
        if label is not None:
            row = int(self.model.order[index.row()])
            return note_targets.of_row(self.dataset, label, self.model.table.section(row), None)
        return note_targets.of_dataset(self.dataset)

    def show_notes(self, _targets: list[Target]) -> None:
        """Notes are listed in the panel; a long table does not mark its cells."""
