"""The raw cells of a sheet, with the table the importer found in them highlighted.

Header rows are blue, the label column yellow, and cells outside the table grey, so an officer
can see at a glance whether the importer read the table the way they laid it out.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from memberpack.importers.cells import column_letter
from memberpack.importers.report import TableReport

HEADER_COLOUR, LABEL_COLOUR, OUTSIDE_COLOUR = "#cfe0f5", "#fbefc0", "#9aa3ad"
MAX_ROWS, MAX_COLUMNS = 80, 20
_Index = QModelIndex | QPersistentModelIndex


def column_number(letters: str) -> int:
    """0-based column of ``"A"``, ``"AB"``…"""
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number - 1


def cell_bounds(cell_range: str) -> tuple[int, int, int, int] | None:
    """First row, first column, last row, last column (0-based) of ``"A3:G14"``."""
    m = re.fullmatch(r"([A-Z]+)(\d+):([A-Z]+)(\d+)", cell_range or "")
    if not m:
        return None
    return int(m[2]) - 1, column_number(m[1]), int(m[4]) - 1, column_number(m[3])


class SheetPreviewModel(QAbstractTableModel):
    """Read-only view of the top-left of a sheet (at most 80 rows by 20 columns)."""

    def __init__(self, rows: list[list[Any]], report: TableReport, parent=None) -> None:
        super().__init__(parent)
        self.rows = [list(r[:MAX_COLUMNS]) for r in rows[:MAX_ROWS]]
        self.columns = max((len(r) for r in self.rows), default=0)
        self.report = report
        self.header_rows = {r - 1 for r in report.header_rows}
        self.label_column = column_number(report.label_column) if report.label_column else -1
        self.bounds = cell_bounds(report.cell_range)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.columns

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return column_letter(section) if orientation == Qt.Orientation.Horizontal else str(section + 1)

    def role_of(self, row: int, column: int) -> str:
        """``header``, ``label``, ``data`` or ``outside`` for a cell of the sheet."""
        if self.bounds:
            top, left, bottom, right = self.bounds
            if not (top <= row <= bottom and left <= column <= right) and row not in self.header_rows:
                return "outside"
        if row in self.header_rows:
            return "header"
        return "label" if column == self.label_column else "data"

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        value = self.rows[row][column] if column < len(self.rows[row]) else None
        kind = self.role_of(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return {"header": QBrush(QColor(HEADER_COLOUR)), "label": QBrush(QColor(LABEL_COLOUR))}.get(kind)
        if role == Qt.ItemDataRole.ForegroundRole and kind == "outside":
            return QBrush(QColor(OUTSIDE_COLOUR))
        if role == Qt.ItemDataRole.ToolTipRole:
            meaning = {"header": "header row", "label": "row labels", "data": "figure", "outside": "not read"}[kind]
            return f"{column_letter(column)}{row + 1}: {meaning}"
        return None
