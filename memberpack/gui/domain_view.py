"""A domain tab (Finance, Social care, …): the list of its tables beside the one being read.

Each table's view (and pyqtgraph with it) is built the first time it is shown, so opening a
large pack stays quick.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from memberpack.gui.classification_menu import popup, short_text
from memberpack.gui.dataset_view import DatasetView
from memberpack.gui.panel_widths import TABLES_WIDTH
from memberpack.gui.plain_text import plain_tip
from memberpack.model.annotations import Target
from memberpack.model.metrics import DOMAIN_TITLES, OTHER
from memberpack.model.observation import OPEN_STATISTICS, Dataset
from memberpack.model.table_names import short_names
from memberpack.store import classification
from memberpack.store.pack import Pack


class DomainView(QWidget):
    """The tables of one domain; ``target_changed`` follows the reader's selection."""

    target_changed = Signal(object)
    list_width_changed = Signal(int)   # the member dragged the list's edge (0: shut)

    def __init__(self, pack: Pack, title: str, datasets: list[Dataset], comparisons: dict[str, list] | None = None,
                 parent: QWidget | None = None, *, list_width: int = TABLES_WIDTH) -> None:
        super().__init__(parent)
        self.pack = pack
        self.comparisons = comparisons or {}  # by dataset key: "how we compare" beside the table
        self.title = title
        self.datasets = datasets
        self.views: dict[int, DatasetView] = {}
        self._noted: list[Target] = []
        layout = QVBoxLayout(self)
        if not datasets:
            what = "other" if title == DOMAIN_TITLES[OTHER] else title.lower()
            empty = QLabel(f"<p style='font-size:12pt'>No {what} tables in this pack yet.</p>"
                           "<p>Import a workbook with <b>File › Import workbooks…</b> (Ctrl+I), or drag one onto "
                           "this window.</p>")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty.setWordWrap(True)
            empty.setAccessibleName(f"No {what} tables in this pack yet")
            empty.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the keyboard lands on what the tab says
            self.setFocusProxy(empty)
            layout.addWidget(empty)
            return
        self.list = QListWidget()
        self.list.setAccessibleName(f"{title} tables")
        self.list.setWordWrap(True)
        self.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.list.customContextMenuRequested.connect(self._classify)
        exempt = classification.exemptions(pack, classification.DATASET)
        self.names = short_names([d.name for d in datasets])
        for ds, name in zip(datasets, self.names):
            item = QListWidgetItem(name + (f"  [{short_text(exempt[ds.key])}]" if ds.key in exempt else ""))
            item.setToolTip(plain_tip(f"{ds.name}\n{ds.source_file}, sheet {ds.sheet}, cells {ds.cell_range}"))
            self.list.addItem(item)
        self.stack = QStackedWidget()
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, True)   # the list can be shut, leaving the table the whole width
        self.splitter.setCollapsible(1, False)
        self.set_list_width(list_width)
        self.splitter.splitterMoved.connect(lambda _at, _handle: self.list_width_changed.emit(self.splitter.sizes()[0]))
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)
        self.list.currentRowChanged.connect(self.show_dataset)
        if len(datasets) == 1:
            self.list.hide()
        self.list.setCurrentRow(0)

    def set_list_width(self, width: int) -> None:
        if self.datasets:
            self.splitter.setSizes([width, max(self.splitter.width() - width, 1)])

    def _classify(self, at) -> None:
        """Public or Exempt (Schedule 12A paragraph) for the table under the pointer, every version of it."""
        position = self.list.indexAt(at).row()
        if position < 0:
            return
        ds = self.datasets[position]
        if popup(self, self.pack, ds.key, self.list.viewport().mapToGlobal(at)):
            found = classification.exemption(self.pack, classification.DATASET, ds.key)
            self.list.item(position).setText(self.names[position] + (f"  [{short_text(found)}]" if found else ""))

    def view(self, position: int) -> DatasetView:
        """The view of the dataset at ``position`` in the list, built on first use. Open statistics
        (every authority's figures) are shown as comparisons, never loaded as a table."""
        if position not in self.views:
            ds = self.datasets[position]
            found = self.comparisons.get(ds.key, [])
            if ds.kind == OPEN_STATISTICS:
                from memberpack.gui.open_statistics_view import OpenStatisticsView  # noqa: PLC0415

                view = OpenStatisticsView(ds, self.pack.figure_count(ds.id), found)
            else:
                view = self._large_view(ds) or DatasetView(ds, self.pack.observations(ds.id), found)
            view.target_changed.connect(self.target_changed)
            view.show_notes(self._noted)
            self.views[position] = view
            self.stack.addWidget(view)
        return self.views[position]

    def _large_view(self, ds: Dataset):
        """A table of many thousand rows stored in blocks is read from them (and its sub totals and totals,
        stored alone) on a worker and shown as it is read (one whose columns change from block to
        block is shown in full once that is known)."""
        from memberpack.gui.large_table_view import LARGE_ROWS, LargeDatasetView  # noqa: PLC0415

        rows, _cells = self.pack.block_rows(ds.id)
        if rows < LARGE_ROWS or self.pack.in_memory:
            return None  # (a pack held in memory has no file for the worker to read it from)
        view = LargeDatasetView(ds, self.pack.path)
        view.loaded.connect(lambda plain, d=ds: plain or self._show_in_full(d))
        return view

    def _show_in_full(self, ds: Dataset) -> None:
        position = self.datasets.index(ds)
        old = self.views.pop(position)
        view = DatasetView(ds, self.pack.observations(ds.id), self.comparisons.get(ds.key, []))
        view.target_changed.connect(self.target_changed)
        view.show_notes(self._noted)
        self.views[position] = view
        self.stack.addWidget(view)
        if self.stack.currentWidget() is old:
            self.stack.setCurrentWidget(view)
        old.deleteLater()

    def show_dataset(self, position: int) -> None:
        if 0 <= position < len(self.datasets):
            self.stack.setCurrentWidget(self.view(position))
            self.target_changed.emit(self.current_target())

    def current_view(self) -> DatasetView | None:
        return self.stack.currentWidget() if self.datasets else None  # type: ignore[return-value]

    def current_target(self) -> Target:
        view = self.current_view()
        return view.current_target() if view else Target()

    def reveal(self, dataset_key: str, label: str | None = None, cell: str = "") -> bool:
        """Show a dataset (and select a row in it); False if the dataset is not in this tab."""
        position = next((i for i, d in enumerate(self.datasets) if d.key == dataset_key), None)
        if position is None:
            return False
        self.list.setCurrentRow(position)
        self.show_dataset(position)
        view = self.view(position)
        if not (cell and hasattr(view, "select_cell") and view.select_cell(cell)) and label:
            view.select_label(label)
        self.view(position).table.setFocus()
        return True

    def show_notes(self, targets: list[Target]) -> None:
        self._noted = targets
        for view in self.views.values():
            view.show_notes(targets)

