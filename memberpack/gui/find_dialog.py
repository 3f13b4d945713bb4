"""Find in pack (Ctrl+Shift+F): figures whose row, section, column or value match what is typed,
from every table of the pack, each a line that opens the figure in its tab."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from memberpack.gui.cell_text import cell_text
from memberpack.model.observation import OPEN_STATISTICS
from memberpack.store.pack import Pack

MAX_FOUND = 200
DEBOUNCE_MS = 250


class FindDialog(QDialog):
    """``go_to(dataset key, row label)`` asks the window to show a figure found."""

    go_to = Signal(str, str)

    def __init__(self, pack: Pack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.setWindowTitle("Find in pack")
        self.resize(560, 420)
        self.query = QLineEdit()
        self.query.setPlaceholderText("Row, column or figure, e.g. placements or 10.4")
        self.query.setAccessibleName("Find figures")
        self.found = QListWidget()
        self.found.setAccessibleName("Figures found")
        self.found.setAlternatingRowColors(True)
        self.found.itemActivated.connect(self._activated)
        self.summary = QLabel("Type to search every table of the pack.")
        self.summary.setAccessibleName("How many figures were found")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.summary)
        layout.addWidget(self.found, 1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self.query.textChanged.connect(self._timer.start)
        self.query.returnPressed.connect(self._return_pressed)

    def search(self) -> int:
        """List the figures matching the query (at most :data:`MAX_FOUND`); returns how many are listed."""
        words = self.query.text().casefold().split()
        self.found.clear()
        if not words:
            self.summary.setText("Type to search every table of the pack.")
            return 0
        for dataset in self.pack.datasets():
            if dataset.kind == OPEN_STATISTICS:
                continue
            for obs in self.pack.iter_observations(dataset.id):
                shown = cell_text(obs)
                text = " ".join(filter(None, (obs.label, obs.section, obs.measure, shown, obs.display))).casefold()
                if all(w in text for w in words):
                    item = QListWidgetItem(f"{obs.label} – {obs.measure}: {shown}\n{dataset.name}")
                    item.setToolTip(f"{dataset.name}\n{dataset.source_file}, sheet {obs.sheet}, cell {obs.cell}")
                    item.setData(Qt.ItemDataRole.UserRole, (dataset.key, obs.label))
                    self.found.addItem(item)
                    if self.found.count() >= MAX_FOUND:
                        break
            if self.found.count() >= MAX_FOUND:
                break
        count = self.found.count()
        self.summary.setText("No figure matches." if not count else f"{count} figure(s) found"
                             + (" (the first ones; type more to narrow)" if count >= MAX_FOUND else "")
                             + ". Press Enter on one to open it.")
        if count:
            self.found.setCurrentRow(0)
        return count

    def _return_pressed(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.search()
        self.found.setFocus()

    def _activated(self, item: QListWidgetItem) -> None:
        self.go_to.emit(*item.data(Qt.ItemDataRole.UserRole))
