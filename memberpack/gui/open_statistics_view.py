"""Official statistics (every authority's figures, often tens of thousands of rows) on screen: not
the raw table, but how our authority compares, indicator by indicator."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from memberpack.analysis.charts import source_line
from memberpack.analysis.comparisons import Comparison
from memberpack.gui import note_targets
from memberpack.gui.comparison_view import ComparisonView
from memberpack.gui.plain_text import plain_label
from memberpack.model.annotations import Target
from memberpack.model.observation import Dataset

NO_AUTHORITY = ("Set our authority (File › Pack details…, Ctrl+Shift+D) to see how it compares with England, "
                "its region and its statistical neighbours in these statistics.")


class OpenStatisticsView(QWidget):
    """The comparisons of one open-statistics dataset, with a filter over its indicators."""

    target_changed = Signal(object)

    def __init__(self, dataset: Dataset, figures: int, found: list[Comparison],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset = dataset
        heading = plain_label(dataset.name, "font-size: 13pt; font-weight: 600")
        heading.setWordWrap(True)
        source = plain_label(f"{source_line(dataset)} · {figures:,} figures across all areas, shown as how our "
                        "authority compares rather than as one long table.")
        source.setWordWrap(True)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter indicators…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter indicators of {dataset.name}")
        page = QWidget()
        content = QVBoxLayout(page)
        content.addWidget(heading)
        content.addWidget(source)
        self.comparisons: ComparisonView | None = None
        if found:
            self.comparisons = ComparisonView(found)
            self.table = self.comparisons.table
            self.filter.textChanged.connect(self.comparisons.set_filter_text)
            self.table.selectionModel().currentRowChanged.connect(lambda *_: self.target_changed.emit(
                self.current_target()))
            content.addWidget(self.filter)
            content.addWidget(self.comparisons)
        else:
            self.table = QLabel(NO_AUTHORITY)
            self.table.setWordWrap(True)
            self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.table.setAccessibleName(NO_AUTHORITY)
            content.addWidget(self.table)
        content.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(page)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.setFocusProxy(self.table)

    def select_label(self, label: str | None) -> bool:
        """Select the indicator called ``label`` (its measure, or its chart's title for a note on it)."""
        if self.comparisons is None or not label:
            return False
        for row in range(self.comparisons.proxy.rowCount()):
            c = self.comparisons.comparison(row)
            if label in (c.measure, c.title, c.trend.title if c.trend else None):
                self.table.selectRow(row)
                return True
        return False

    def current_target(self) -> Target:
        if self.comparisons is not None:
            c = self.comparisons.comparison(self.table.currentIndex().row())
            if c is not None and c.trend is not None:
                return note_targets.of_chart(c.trend)
        return note_targets.of_dataset(self.dataset)

    def show_notes(self, targets: list[Target]) -> None:
        """Notes on these statistics are on their charts; the panel lists them."""
