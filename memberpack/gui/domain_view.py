"""A domain tab (Finance, Social care, …): the list of its tables beside the one being read.

Each table's view (and pyqtgraph with it) is built the first time it is shown, so opening a
large pack stays quick.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QSplitter, QStackedWidget, QVBoxLayout, QWidget

from memberpack.gui.dataset_view import DatasetView
from memberpack.model.annotations import Target
from memberpack.model.metrics import DOMAIN_TITLES, OTHER
from memberpack.model.observation import OPEN_STATISTICS, Dataset
from memberpack.store.pack import Pack


class DomainView(QWidget):
    """The tables of one domain; ``target_changed`` follows the reader's selection."""

    target_changed = Signal(object)

    def __init__(self, pack: Pack, title: str, datasets: list[Dataset], comparisons: dict[str, list] | None = None,
                 parent: QWidget | None = None) -> None:
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
                           "<p>Import a workbook with <b>File › Import…</b> (Ctrl+I), or drag one onto this "
                           "window.</p>")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty.setWordWrap(True)
            layout.addWidget(empty)
            return
        self.list = QListWidget()
        self.list.setAccessibleName(f"{title} tables")
        self.list.setMaximumWidth(260)
        self.list.setWordWrap(True)
        for ds in datasets:
            item = QListWidgetItem(ds.name)
            item.setToolTip(f"{ds.source_file}, sheet {ds.sheet}, cells {ds.cell_range}")
            self.list.addItem(item)
        self.stack = QStackedWidget()
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)
        self.list.currentRowChanged.connect(self.show_dataset)
        if len(datasets) == 1:
            self.list.hide()
        self.list.setCurrentRow(0)

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
                view = DatasetView(ds, self.pack.observations(ds.id), found)
            view.target_changed.connect(self.target_changed)
            view.show_notes(self._noted)
            self.views[position] = view
            self.stack.addWidget(view)
        return self.views[position]

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

