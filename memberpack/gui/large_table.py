"""A table of many thousand rows (a ledger, a statistics file) read straight from its stored blocks.

No :class:`~memberpack.model.observation.Observation` is made per figure: each column stays the
arrays it is stored as, and a cell's text is made when the cell is drawn. The blocks are read and
arranged on a worker thread over a connection of its own; sorting and filtering work out a new
row order with numpy on a worker too (a filter waits for typing to pause), so the window never
waits for them; only the rows in sight are ever drawn.
"""

from __future__ import annotations

from bisect import bisect_right

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QLineEdit, QVBoxLayout, QWidget

from memberpack.analysis.charts import source_line
from memberpack.gui import note_targets
from memberpack.gui.frozen_table import FrozenLabelTable
from memberpack.model.annotations import Target
from memberpack.model.blocks import BlockColumn, FigureBlock, Texts
from memberpack.model.number_formats import general, render
from memberpack.model.observation import DATA, Dataset, Observation
from memberpack.model.text_search import blank, containing, could_be_a_number, joined, lowered
from memberpack.model.values import clean_number

LARGE_ROWS = 5_000      # tables longer than this (stored as blocks only) are read this way
DEBOUNCE_MS = 200
EXPANDED_PARTS = 64     # a block's column expanded for drawing (two blocks of 20 columns are in sight at most)
_DISPLAY, _ALIGNMENT, _TOOLTIP = (int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole,
                                                  Qt.ItemDataRole.ToolTipRole))
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def readable(blocks: list[FigureBlock]) -> bool:
    """True when the blocks make a plain table this model can show: rows only, no sections or totals,
    each column one metric and unit."""
    return bool(blocks) and all(b.sections.values == [None] and set(b.roles.values) <= {DATA} for b in blocks) \
        and len({tuple(c.measure for c in b.columns) for b in blocks}) == 1 \
        and not any(c.row_metrics is not None or c.row_units is not None for b in blocks for c in b.columns)


class _Column:
    """One measure's cells over every block, kept as the blocks keep them."""

    def __init__(self, parts: list[BlockColumn]) -> None:
        first = parts[0]
        self.measure, self.unit, self.letter = first.measure, first.unit, first.letter
        self.metric_id, self.period, self.position = first.metric_id, first.period, first.position
        self.parts = parts
        self.raw = np.concatenate([p.values for p in parts]).astype(np.float64)
        self.values = np.concatenate([p.values * p.factor if p.raw else p.values for p in parts]).astype(np.float64)
        self._searched: dict[bool, Texts] = {}   # made on the one worker thread that filters

    def containing(self, needle: str) -> np.ndarray:
        """A flag per row: does the cell's text, as shown, contain ``needle`` (lower case)? Figures
        shown through their number format are written out only for a needle a figure could hold."""
        return containing(self.searched(could_be_a_number(needle)), needle)

    def searched(self, with_figures: bool) -> Texts:
        """The column's texts in lower case, those kept as written and, ``with_figures``, the figures
        written out through their format (others left blank)."""
        with_figures = with_figures and any(p.displays is None for p in self.parts)
        if with_figures not in self._searched:
            self._searched[with_figures] = joined([
                lowered(p.displays) if p.displays is not None
                else lowered(Texts.of([display for _v, _u, display, _s in p.cells()])) if with_figures
                else blank(len(p.values)) for p in self.parts])
        return self._searched[with_figures]


class LargeTable:
    """A dataset's blocks arranged for a view: labels coded once over the whole table, each measure's
    cells as one column. Plain Python and numpy, so it is built on a worker thread."""

    def __init__(self, blocks: list[FigureBlock]) -> None:
        self.blocks = blocks
        self.starts = np.cumsum([0] + [len(b) for b in blocks])
        self._starts: list[int] = self.starts.tolist()
        self._expanded: dict[tuple[int, int], list] = {}   # cells of parts not kept raw, as last drawn
        self.sheet = blocks[0].sheet
        index: dict[str, int] = {}
        codes = []
        for b in blocks:   # a block at a time: no one long step holds Python's lock (and the window)
            new = [label for label in b.labels.values if label not in index]   # a block's labels are distinct
            index.update(zip(new, range(len(index), len(index) + len(new))))
            local = np.fromiter(map(index.__getitem__, b.labels.values), dtype=np.int32, count=len(b.labels.values))
            codes.append(local[b.labels.codes])
        self.label_codes = np.concatenate(codes)
        self.label_values = list(index)
        self.lines = np.concatenate([b.lines for b in blocks])
        self.rows_in_table = np.concatenate([b.rows for b in blocks])
        self.columns = [_Column([b.columns[i] for b in blocks]) for i in range(len(blocks[0].columns))]
        self.measures = [c.measure for c in self.columns]
        self._label_texts: Texts | None = None

    def __len__(self) -> int:
        return int(self.starts[-1])

    def label(self, row: int) -> str:
        return self.label_values[self.label_codes[row]]

    def cell(self, row: int, column: int) -> tuple[float | None, str | None, str, str | None]:
        """(value, unit, display, status) of one cell, made from its block's arrays (asked for every
        cell in sight at each paint, so kept to plain Python on Python numbers)."""
        b = bisect_right(self._starts, row) - 1
        i = row - self._starts[b]
        part = self.columns[column].parts[b]
        if i in part.specials or not part.raw:
            key = (column, b)
            if key not in self._expanded:
                if len(self._expanded) >= EXPANDED_PARTS:
                    self._expanded.clear()
                self._expanded[key] = part.cells()
            return self._expanded[key][i]
        raw = float(part.values[i])
        if part.displays is not None:
            offsets = part.displays.offsets
            display = part.displays.data[int(offsets[i]):int(offsets[i + 1])].decode()
        elif part.code is not None:
            display = render(raw, part.code)
        else:
            display = general(raw) if not raw.is_integer() else f"{raw:.0f}"
        return clean_number(raw * part.factor), part.unit, display, None

    def searched_labels(self) -> Texts:
        if self._label_texts is None:
            self._label_texts = lowered(Texts.of(self.label_values))
        return self._label_texts

    def prepare_filter(self) -> None:
        """Make what a filter searches (for words; figures are written out for a number), so the
        first filter is as quick as the next."""
        self.searched_labels()
        for column in self.columns:
            column.searched(False)

    def ordered(self, column: int, descending: bool, needle: str) -> np.ndarray:
        """The rows that match ``needle`` (lower case), sorted by ``column`` (-1: as stored)."""
        rows = np.arange(len(self), dtype=np.int64)
        if column == 0:
            rank = np.argsort(np.argsort(np.array(self.label_values, dtype=str)))
            rows = np.argsort(rank[self.label_codes], kind="stable")
        elif column > 0:
            values = self.columns[column - 1].values
            rows = np.argsort(np.where(np.isnan(values), np.inf if not descending else -np.inf, values),
                              kind="stable")
        if descending and column >= 0:
            rows = rows[::-1]
        if needle:
            keep = containing(self.searched_labels(), needle)[self.label_codes]
            for c in self.columns:
                keep |= c.containing(needle)
            rows = rows[keep[rows]]
        return rows


def load_table(path: str, dataset_id: int) -> LargeTable | None:
    """The dataset's table read from its blocks, over a connection of its own (on a worker); None if
    it is not a plain table of rows (sections, totals), which the full view shows instead."""
    from memberpack.store.pack import Pack  # noqa: PLC0415

    with Pack.open(path) as pack:
        blocks = pack.blocks(dataset_id)
    return LargeTable(blocks) if readable(blocks) else None


class LargeTableModel(QAbstractTableModel):
    """Read-only model over a :class:`LargeTable` (none, and no rows, until it is read); ``order``
    is the table's rows in view, in view order."""

    def __init__(self, dataset: Dataset, parent=None) -> None:
        super().__init__(parent)
        self.dataset = dataset
        self.table: LargeTable | None = None
        self.measures: list[str] = []
        self.order = np.arange(0, dtype=np.int64)

    def set_table(self, table: LargeTable) -> None:
        self.beginResetModel()
        self.table, self.measures = table, table.measures
        self.sheet = table.sheet
        self.order = np.arange(len(table), dtype=np.int64)
        self.endResetModel()

    @property
    def total(self) -> int:
        return len(self.table) if self.table is not None else 0

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
            return self.table.label(row) if column == 0 else self.table.cell(row, column - 1)[2]
        if role == _ALIGNMENT:
            return _RIGHT if index.column() > 0 else None
        if role == _TOOLTIP and index.isValid():
            row = int(self.order[index.row()])
            if index.column() == 0:
                return f"{self.label(row)}\n{self.dataset.source_file}, sheet {self.sheet}"
            obs = self.observation(index)
            return f"{obs.label} – {obs.measure}: {obs.display}\n{self.dataset.source_file}, sheet {obs.sheet}, cell {obs.cell}"
        return None

    # --- cells -------------------------------------------------------------------------
    def label(self, row: int) -> str:
        return self.table.label(row)

    def cell(self, row: int, column: int) -> tuple[float | None, str | None, str, str | None]:
        return self.table.cell(row, column)

    def observation(self, index: QModelIndex) -> Observation | None:
        """The figure at ``index`` as an Observation (made for this one cell, for a note or tooltip)."""
        if not index.isValid() or index.column() == 0:
            return None
        table = self.table
        row, column = int(self.order[index.row()]), table.columns[index.column() - 1]
        value, unit, display, status = table.cell(row, index.column() - 1)
        return Observation(table.label(row), column.measure, value, unit, display, status, None, column.period, DATA,
                           table.sheet, f"{column.letter}{int(table.lines[row])}", int(table.rows_in_table[row]),
                           column.position, column.metric_id)

    # --- order: worked out on a worker, applied here --------------------------------------------
    def set_order(self, order: np.ndarray) -> None:
        self.beginResetModel()
        self.order = order
        self.endResetModel()

    def row_of(self, label: str) -> int:
        """The view row of the first row labelled ``label``, or -1."""
        if self.table is None or label not in self.table.label_values:
            return -1
        code = self.table.label_values.index(label)
        found = np.flatnonzero(self.table.label_codes[self.order] == code)
        return int(found[0]) if len(found) else -1


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
        self.setFocusProxy(self.table)
        from memberpack.gui.workers import Job, pool  # noqa: PLC0415

        path, dataset_id = str(pack_path), dataset.id
        self._load_job = Job(lambda _p, _c: load_table(path, dataset_id), self)
        self._load_job.succeeded.connect(self._table_read)
        self._load_job.failed.connect(lambda message: self.count.setText(f"The table cannot be read: {message}"))
        self._load_job.start(pool("tables"))

    def _table_read(self, table: LargeTable | None) -> None:
        if table is None:
            self.loaded.emit(False)
            return
        self.model.set_table(table)
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
        shown, total = self.model.rowCount(), self.model.total
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
        if index.isValid():
            return note_targets.of_row(self.dataset, self.selected_row_label(), None, None)
        return note_targets.of_dataset(self.dataset)

    def show_notes(self, _targets: list[Target]) -> None:
        """Notes are listed in the panel; a long table does not mark its cells."""
