"""A table whose first column (the row labels) stays in place while the figures scroll sideways,
as a spreadsheet's frozen pane: a wide budget monitor keeps saying which service a figure is for.

The frozen column is a second view over the same model and selection, laid over the table's
left edge (Qt's "frozen column" example).
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QFrame, QHeaderView, QTableView, QWidget

FIT_ROWS = 2_000   # up to this many rows, each row's own height is copied to the frozen column


class FrozenLabelTable(QTableView):
    """A QTableView with its column 0 frozen; Tab leaves it (it never traps the keyboard)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(False)
        self.frozen = QTableView(self)
        self.frozen.setObjectName("frozen_labels")
        self.frozen.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.frozen.setTabKeyNavigation(False)
        self.frozen.verticalHeader().hide()
        self.frozen.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.frozen.setFrameShape(QFrame.Shape.NoFrame)
        self.frozen.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.frozen.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.frozen.setWordWrap(True)
        self.viewport().stackUnder(self.frozen)
        self.horizontalHeader().sectionResized.connect(self._column_resized)
        self.verticalHeader().sectionResized.connect(
            lambda row, _old, size: self.frozen.setRowHeight(row, size))
        self.frozen.verticalScrollBar().valueChanged.connect(self.verticalScrollBar().setValue)
        self.verticalScrollBar().valueChanged.connect(self.frozen.verticalScrollBar().setValue)
        self.frozen.clicked.connect(lambda index: self.setFocus())

    def setModel(self, model: QAbstractItemModel) -> None:
        super().setModel(model)
        self.frozen.setModel(model)
        self.frozen.setSelectionModel(self.selectionModel())
        self.frozen.setSortingEnabled(False)
        for signal in (model.columnsInserted, model.modelReset, model.layoutChanged):
            signal.connect(self._show_first_column_only)
        self._show_first_column_only()

    def setItemDelegate(self, delegate) -> None:
        super().setItemDelegate(delegate)
        self.frozen.setItemDelegate(delegate)

    def setSortingEnabled(self, enable: bool) -> None:
        super().setSortingEnabled(enable)
        self.frozen.horizontalHeader().setSortIndicatorShown(False)

    def _show_first_column_only(self, *_args) -> None:
        model = self.model()
        for column in range(model.columnCount() if model else 0):
            self.frozen.setColumnHidden(column, column != 0)
        self.frozen.verticalHeader().setDefaultSectionSize(self.verticalHeader().defaultSectionSize())
        if model is not None and model.rowCount() <= FIT_ROWS:   # a long table's rows are all one height
            for row in range(model.rowCount()):
                self.frozen.setRowHeight(row, self.rowHeight(row))
        self._place()

    def _column_resized(self, column: int, _old: int, size: int) -> None:
        if column == 0:
            self.frozen.setColumnWidth(0, size)
            self._place()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._place()

    def _place(self) -> None:
        """Lay the frozen column exactly over column 0, header and all."""
        self.frozen.horizontalHeader().setFixedHeight(self.horizontalHeader().height())
        self.frozen.setColumnWidth(0, self.columnWidth(0))
        self.frozen.setGeometry(self.verticalHeader().width() + self.frameWidth(), self.frameWidth(),
                                self.columnWidth(0), self.viewport().height() + self.horizontalHeader().height())

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self._place()

    def moveCursor(self, action, modifiers) -> QModelIndex:
        """Keep the cell moved to by the keyboard out from under the frozen column."""
        current = super().moveCursor(action, modifiers)
        if (action == QAbstractItemView.CursorAction.MoveLeft and current.column() > 0
                and self.visualRect(current).topLeft().x() < self.frozen.columnWidth(0)):
            bar = self.horizontalScrollBar()
            bar.setValue(bar.value() + self.visualRect(current).topLeft().x() - self.frozen.columnWidth(0))
        return current
