"""The wizard's preview: the raw cells around each table found, with the reading highlighted,
and the officer's corrections (header rows, label column, key and ignored columns, unit, kind).

Header rows are blue, the label column yellow, key columns green, and cells outside the table
(or ignored) grey, so an officer can see at a glance whether the importer read the table the
way they laid it out. A correction reads the file again with the corrected
:class:`~memberpack.importers.table_layout.TableLayout`. The page opens on the first *unsure* table,
its doubt in a banner, and Next waits until every unsure table is corrected or confirmed.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton,
                               QTableView, QVBoxLayout, QWizardPage)

from memberpack.errors import MemberpackError
from memberpack.gui.wizard_words import in_wizard_words, kind_title
from memberpack.importers import read_file
from memberpack.importers.cells import column_index, column_letter
from memberpack.importers.engine import FileResult
from memberpack.importers.table_layout import TableLayout
from memberpack.importers.report import FIGURES_DOUBT, PERIOD_CLEARED, UNSURE, TableReport
from memberpack.importers.reader import read_sheets
from memberpack.model.display import counted
from memberpack.model.number_formats import render
from memberpack.model.periods import parse_period
from memberpack.model.values import clean_number
from memberpack.model.observation import LAYOUT_KINDS

HEADER_COLOUR, LABEL_COLOUR, KEY_COLOUR, OUTSIDE_COLOUR = "#cfe0f5", "#fbefc0", "#d5ecd4", "#9aa3ad"
DOUBT_STYLE = "background: #fde2b8; color: #5a3300; padding: 6px; font-weight: 600"
MAX_ROWS, CONTEXT_ROWS = 60, 3
UNITS = (("As written in the headers", None), ("£ (pounds)", "£"), ("£k (thousands)", "£k"),
         ("£m (millions)", "£m"), ("% (percentages)", "%"), ("Rate per 10,000", "per 10,000"))
ERROR_STYLE = "color: #a61b1b; font-weight: 600"
_Index = QModelIndex | QPersistentModelIndex


def sheet_rows(path: Path, sheet: str, first: int, last: int) -> list[list[Any]]:
    """Rows ``first``..``last`` (0-based, inclusive) of one sheet, blank rows kept."""
    rows: list[list[Any]] = []
    for found in read_sheets(path, sheet):
        for index, values in found.rows:
            if index > last:
                break
            if index >= first:
                rows += [[] for _ in range(index - first - len(rows))]
                rows.append(list(values))
    return rows


def shown(value: Any) -> str:
    """A cell as the spreadsheet shows it in General format: ``12`` not ``12.0``, ``0.7`` for
    0.7000000000000011, ``TRUE``, dates as 30/09/2024 (with the time when there is one)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, (int, float)):
        return render(value, None)
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y}" if value.time() == datetime.min.time() else f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def _period_why(period: str | None, reason: str) -> str:
    """Where the period shown came from (`` (from the title)``), or that the officer set or cleared it."""
    if reason == PERIOD_CLEARED or period and reason.startswith("set "):
        return f" ({reason})"
    return f" (from {reason})" if period and reason else ""


class SheetPreviewModel(QAbstractTableModel):
    """Read-only view of the sheet around one table (at most 60 rows; every column, scrolled)."""

    def __init__(self, rows: list[list[Any]], first_row: int, layout: TableLayout, parent=None) -> None:
        super().__init__(parent)
        self.rows, self.first_row, self.layout = rows, first_row, layout
        self.columns = max((len(r) for r in rows), default=0)
        self.header_rows = {r - 1 for r in layout.header_rows} | ({layout.units_row - 1} if layout.units_row else set())
        self.label_column = column_index(layout.label_column)
        self.key_columns = {column_index(c) for c in (*layout.key_columns, *layout.context_columns)}
        self.ignored = {column_index(c) for c in layout.ignored_columns}
        self.table_columns = layout.col_range
        self.last_row = (layout.last_row or 1 << 30) - 1
        self.top = min(self.header_rows, default=layout.data_start)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else self.columns

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return column_letter(section) if orientation == Qt.Orientation.Horizontal else str(self.first_row + section + 1)

    def role_of(self, row: int, column: int) -> str:
        """``header``, ``label``, ``key``, ``data`` or ``outside`` for a cell (rows of this preview)."""
        sheet_row = self.first_row + row
        inside = column in self.table_columns and self.top <= sheet_row <= self.last_row
        if not inside or column in self.ignored:
            return "outside"
        if sheet_row in self.header_rows:
            return "header"
        return "label" if column == self.label_column else "key" if column in self.key_columns else "data"

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        value = self.rows[row][column] if column < len(self.rows[row]) else None
        kind = self.role_of(row, column)
        if role == Qt.ItemDataRole.DisplayRole:
            return shown(value)
        if role == Qt.ItemDataRole.BackgroundRole:
            return {"header": QBrush(QColor(HEADER_COLOUR)), "label": QBrush(QColor(LABEL_COLOUR)),
                    "key": QBrush(QColor(KEY_COLOUR))}.get(kind)
        if role == Qt.ItemDataRole.ForegroundRole and kind == "outside":
            return QBrush(QColor(OUTSIDE_COLOUR))
        if role == Qt.ItemDataRole.ToolTipRole:
            meaning = {"header": "header row", "label": "row labels", "key": "identifies the row", "data": "figure",
                       "outside": "not read"}[kind]
            return f"{column_letter(column)}{self.first_row + row + 1}: {meaning}"
        return None


def parse_columns(text: str) -> tuple[str, ...]:
    """``"A, c"`` -> ("A", "C"); raises ValueError for anything but column letters."""
    columns = tuple(part.upper() for part in re.split(r"[\s,]+", text.strip()) if part)
    if not all(re.fullmatch(r"[A-Z]{1,3}", c) for c in columns):
        raise ValueError(text)
    return columns


def parse_rows(text: str) -> tuple[int, ...]:
    """``"3, 4"`` -> (3, 4); raises ValueError for anything but row numbers."""
    rows = tuple(int(n) for n in re.split(r"[\s,]+", text.strip()) if n)
    if not rows or min(rows) < 1:
        raise ValueError(text)
    return rows


class PreviewPage(QWizardPage):
    """One table at a time; corrections are kept per file in ``wizard.overrides``."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle("Check how each table was read")
        self.setSubTitle(f"<span style='background:{HEADER_COLOUR}'>&nbsp;Header and units rows&nbsp;</span> "
                         f"<span style='background:{LABEL_COLOUR}'>&nbsp;Row labels&nbsp;</span> "
                         f"<span style='background:{KEY_COLOUR}'>&nbsp;Identifying columns&nbsp;</span> "
                         "Grey cells are not read. Correct the reading below if it is wrong.")
        self.tables = QComboBox()
        self.tables.setAccessibleName("Table found")
        self.tables.currentIndexChanged.connect(self._switch_table)
        self.header_rows = QLineEdit()
        self.header_rows.setAccessibleName("Header rows")
        self.header_rows.setToolTip("Row numbers of the column headings, e.g. 3 or 3, 4")
        self.label_column = QComboBox()
        self.label_column.setAccessibleName("Column holding the row labels")
        self.unit = QComboBox()
        self.unit.setAccessibleName("Unit of the figures")
        for title, symbol in UNITS:
            self.unit.addItem(title, symbol)
        self.kind = QComboBox()
        self.kind.setAccessibleName("Layout of the table")
        for kind in LAYOUT_KINDS:
            self.kind.addItem(kind_title(kind), kind)
        self.period = QLineEdit()
        self.period.setAccessibleName("Period the table reports")
        self.period.setPlaceholderText("not stated")
        self.period.setToolTip("The period the figures are for, e.g. 2023/24 Month 6, Q3 2020/21, 2022/23 or Sep 2023; "
                               "clear it when the table reports no one period")
        self.key_columns = QLineEdit()
        self.key_columns.setAccessibleName("Identifying columns")
        self.key_columns.setToolTip("Columns that say which row this is (code, year, type), e.g. A, C")
        self.ignored_columns = QLineEdit()
        self.ignored_columns.setAccessibleName("Columns to ignore")
        self.ignored_columns.setToolTip("Columns not to read at all, e.g. D")
        self.doubt = QLabel()
        self.doubt.setWordWrap(True)
        self.doubt.setStyleSheet(DOUBT_STYLE)
        self.doubt.setAccessibleName("Why this table is unsure")
        self.doubt.hide()
        self.fractions = QCheckBox()
        self.fractions.setAccessibleName("The percentages are fractions")
        self.fractions.setToolTip("The percentages in doubt are typed as fractions with no percentage format: "
                                  "read each as a hundred times the figure")
        self.fractions.clicked.connect(self._say_fractions)
        self.fractions.hide()
        self.confirm = QCheckBox("I have checked the unsure tables: import them as read")
        self.confirm.toggled.connect(self.completeChanged)
        self.confirm.hide()
        self.apply = QPushButton("Read &again with these choices")
        self.apply.clicked.connect(lambda: self.apply_corrections())
        self.detected = QLabel()
        self.detected.setTextFormat(Qt.TextFormat.PlainText)  # file and sheet names are data
        self.detected.setWordWrap(True)
        self.error = QLabel()
        self.error.setTextFormat(Qt.TextFormat.PlainText)  # file and sheet names are data
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.grid = QTableView()
        self.grid.setAccessibleName("Preview of the sheet")
        self.grid.horizontalHeader().setDefaultSectionSize(90)
        form = QFormLayout()
        form.addRow("&Table:", self.tables)
        choices = QHBoxLayout()
        for text, widget in (("&Header rows:", self.header_rows), ("La&bels in column:", self.label_column),
                             ("&Unit:", self.unit), ("&Layout:", self.kind)):
            choices.addWidget(QLabel(text, buddy=widget))
            choices.addWidget(widget, 1)
        keys = QHBoxLayout()
        for text, widget in (("&Period:", self.period), ("&Identifying columns:", self.key_columns),
                             ("I&gnore columns:", self.ignored_columns)):
            keys.addWidget(QLabel(text, buddy=widget))
            keys.addWidget(widget, 1)
        keys.addWidget(self.apply)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.doubt)
        layout.addWidget(self.fractions)
        layout.addLayout(choices)
        layout.addLayout(keys)
        layout.addWidget(self.detected)
        layout.addWidget(self.error)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.confirm)
        self._entries: list[tuple[int, int]] = []  # (file, table) of each combo entry
        self._shown: tuple = ()   # the choices as the table in view was read, to see what the officer changed
        self._position = -1       # the entry in view

    def initializePage(self) -> None:
        self._fill_tables(0)
        unsure = self.unsure_entries()
        if unsure:
            self.tables.setCurrentIndex(unsure[0])

    def unsure_entries(self) -> list[int]:
        """Positions (in the table list) of the tables read with a doubt."""
        results = self.wizard().results  # type: ignore[attr-defined]
        return [i for i, (f, t) in enumerate(self._entries) if results[f].tables[t].report.verdict == UNSURE]

    def isComplete(self) -> bool:
        return not self._entries or not self.unsure_entries() or self.confirm.isChecked()

    def choices(self) -> tuple:
        """The officer's choices as the form holds them."""
        return (self.header_rows.text().strip(), self.label_column.currentText(), self.unit.currentIndex(),
                self.kind.currentIndex(), self.period.text().strip(), self.key_columns.text().strip(),
                self.ignored_columns.text().strip())

    def validatePage(self) -> bool:
        """Choices changed but not yet read again are read now: Next had dropped them, so a unit
        corrected to £k was imported as written."""
        if self._entries and self.choices() != self._shown:
            return self.apply_corrections() and self.isComplete()
        return True

    def _switch_table(self, position: int) -> None:
        """Show another table, first reading the one left with the choices changed for it."""
        left = self._position
        if 0 <= left < len(self._entries) and self.choices() != self._shown:
            self.tables.blockSignals(True)
            self.tables.setCurrentIndex(left)
            self.tables.blockSignals(False)
            self.apply_corrections(then_show=position)   # when they cannot be used, the reason shows here
            return
        self._show_table(position)

    def _fill_tables(self, current: int) -> None:
        results: list[FileResult] = self.wizard().results  # type: ignore[attr-defined]
        self.tables.blockSignals(True)
        self.tables.clear()
        self._entries = [(f, t) for f, result in enumerate(results) for t in range(len(result.tables))]
        for f, t in self._entries:
            report = results[f].tables[t].report
            mark = "Unsure: " if report.verdict == UNSURE else ""
            self.tables.addItem(f"{mark}{results[f].path.name} › {report.sheet}: {report.title or '(untitled)'} "
                                f"({report.cell_range})")
        self.tables.setCurrentIndex(min(current, len(self._entries) - 1))
        self.tables.blockSignals(False)
        self._show_table(self.tables.currentIndex())
        self.confirm.setVisible(bool(self.unsure_entries()))
        self.completeChanged.emit()

    def current(self) -> tuple[FileResult, TableLayout]:
        f, t = self._entries[self.tables.currentIndex()]
        result = self.wizard().results[f]  # type: ignore[attr-defined]
        return result, result.tables[t].layout

    def _show_table(self, position: int) -> None:
        if not 0 <= position < len(self._entries):
            return
        self._position = position
        result, layout = self.current()
        report = result.tables[self._entries[position][1]].report
        first = max(0, min(layout.header_rows, default=layout.first_row) - 1 - CONTEXT_ROWS)
        last = min((layout.last_row or first + MAX_ROWS) + CONTEXT_ROWS - 1, first + MAX_ROWS - 1)
        try:
            rows = sheet_rows(result.path, layout.sheet, first, last)
        except MemberpackError as exc:
            rows = []
            self.error.setText(in_wizard_words(str(exc)))
        self.grid.setModel(SheetPreviewModel(rows, first, layout, self.grid))
        self.header_rows.setText(", ".join(map(str, layout.header_rows)))
        self.label_column.clear()
        self.label_column.addItems([column_letter(c) for c in range(max(len(r) for r in rows) if rows else 1)]
                                   or [layout.label_column])
        self.label_column.setCurrentText(layout.label_column)
        self.key_columns.setText(", ".join(layout.key_columns))
        self.ignored_columns.setText(", ".join(layout.ignored_columns))
        self.period.setText(layout.period or "")
        self.doubt.setText(_doubt_banner(report))
        self.doubt.setVisible(bool(report.doubts))
        doubted = report.fractions_doubted
        if doubted:
            example = next(iter(doubted.values()))
            self.fractions.setText(f"These are &fractions: {example:g} means {clean_number(example * 100):g}%")
        self.fractions.setChecked(bool(layout.fractions))
        self.fractions.setVisible(bool(doubted))
        self.unit.setCurrentIndex(max(0, self.unit.findData(layout.unit)))
        self.kind.setCurrentIndex(max(0, self.kind.findData(layout.kind)))
        source = {"detected": "detected", "remembered": "remembered from last time"}.get(
            getattr(report, "layout_source", ""), getattr(report, "layout_source", "") or "detected")
        self.detected.setText(
            f"Read as {kind_title(layout.kind)} ({in_wizard_words(layout.kind_reason) or source}): header "
            f"{'row' if len(layout.header_rows) == 1 else 'rows'} {', '.join(map(str, layout.header_rows)) or 'none'}, "
            f"labels in column {layout.label_column}, unit "
            f"{layout.unit or report.unit or 'as written in the headers'}, period {layout.period or 'not stated'}"
            f"{_period_why(layout.period, report.period_reason)}; "
            f"{counted(report.rows_read, 'row')}, {counted(report.cells_read, 'figure')}.{_fractions_read(layout, report)}")
        self._shown = self.choices()

    def apply_corrections(self, then_show: int | None = None) -> bool:
        """Read the file again with the officer's choices for the table in view (then show the
        entry ``then_show``, if given); False, with the reason shown, when they cannot be used."""
        if not self._entries:
            return False
        result, layout = self.current()
        try:
            corrected = replace(layout, header_rows=parse_rows(self.header_rows.text()),
                                label_column=self.label_column.currentText(), unit=self.unit.currentData(),
                                kind=self.kind.currentData(), kind_reason="chosen in the import wizard")
        except ValueError:
            self.error.setText("Header rows: give row numbers, such as 3 or 3, 4.")
            return False
        period = self.period.text().strip()
        if period != (layout.period or ""):   # kept only when changed: else read from the titles as before
            found = parse_period(period)
            if period and found is None:
                self.error.setText("Period: write it as 2023/24 Month 6, Q3 2020/21, 2022/23 or Sep 2023.")
                return False
            # cleared: the table states no period, and none is read from its titles
            corrected = replace(corrected, period=found.label() if found else None, period_cleared=found is None)
        else:   # as read: one set by hand stays, one read from a title is read from it again (and said so)
            report = result.tables[self._entries[self.tables.currentIndex()][1]].report
            corrected = replace(corrected, period=layout.period if report.period_reason == "set by hand" else None)
        try:
            keys, ignored = parse_columns(self.key_columns.text()), parse_columns(self.ignored_columns.text())
        except ValueError:
            self.error.setText("Columns: give column letters, such as A or A, C.")
            return False
        if keys != layout.key_columns or ignored != layout.ignored_columns:
            corrected = replace(corrected, key_columns=keys, key_roles=(), ignored_columns=ignored,
                                context_columns=tuple(c for c in layout.context_columns if c not in keys + ignored))
        overrides = [o for o in self.wizard().overrides.get(result.path, []) if not layout.covers(o)] + [corrected]
        return self._read_again(result, overrides, then_show)

    def _say_fractions(self, checked: bool) -> None:
        """The officer's word on the table in view: the percentages in doubt are fractions (or, unticked,
        not); the file is read again with it, and with any choices changed but not yet read."""
        wizard = self.wizard()
        result, layout = self.current()
        before = wizard.fractions.get(result.path, ())
        table = (layout.sheet, layout.first_row)
        wizard.fractions[result.path] = (*(w for w in before if w[:2] != table), (*table, checked))
        read = self.apply_corrections() if self.choices() != self._shown else \
            self._read_again(result, wizard.overrides.get(result.path, []))
        if not read:   # the reason shows; the box as it was
            wizard.fractions[result.path] = before
            self.fractions.setChecked(not checked)

    def _read_again(self, result: FileResult, overrides: list[TableLayout], then_show: int | None = None) -> bool:
        """Read ``result``'s file again with ``overrides`` and the officer's word on its fractions, and show
        it (the entry ``then_show``, if given); False, with the reason shown, when it cannot be read."""
        wizard = self.wizard()
        try:
            reread = read_file(result.path, overrides=overrides, remembered=wizard.remembered,
                               corrections=wizard.corrections(result.path))
        except MemberpackError as exc:
            self.error.setText(in_wizard_words(str(exc)))
            return False
        self.error.clear()
        wizard.overrides[result.path] = overrides
        wizard.results[wizard.results.index(result)] = reread
        self._fill_tables(self.tables.currentIndex() if then_show is None else then_show)
        return True


def _doubt_banner(report: TableReport) -> str:
    """Why the table is unsure, and what answers it: a correction below where a doubt is about the
    layout, unit, period or fractions; else only the officer who checked the figures."""
    if not report.doubts:
        return ""
    correctable = any(report.doubt_about(d) != FIGURES_DOUBT for d in report.doubts)
    then = "Correct the reading below, or tick" if correctable else "Check the figures in the workbook, then tick"
    return f"Unsure: {in_wizard_words('; '.join(report.doubts))}. {then} the box at the bottom to import it as read."


def _fractions_read(layout: TableLayout, report: TableReport) -> str:
    """`` 'Attendance %' read as percentages (0.345 as 34.5%), as you said.`` where they were; else nothing."""
    names = [name for name in layout.fractions if name in report.fractions_doubted]
    if not names:
        return ""
    example = report.fractions_doubted[names[0]]
    how = "as you said for an earlier import of this table" if layout.fractions_recalled else "as you said"
    return (f" {', '.join(repr(n) for n in names)} read as percentages ({example:g} as "
            f"{clean_number(example * 100):g}%), {how}.")
