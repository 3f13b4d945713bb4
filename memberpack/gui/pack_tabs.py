"""The tabs of a pack: Overview, then one per domain (Finance, Social care, Inclusion,
Education, Workforce when there is any, Other data).

A domain tab is built the first time it is shown, so the window paints quickly and pyqtgraph
loads only when a chart is first needed. With ``overview_later`` even the Overview's headlines
(which read the pack's figures) are worked out just after the window's first paint.
"""

from __future__ import annotations

import importlib
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from memberpack.errors import MemberpackError
from memberpack.gui.panel_widths import tables_width
from memberpack.model.annotations import Target
from memberpack.model.metrics import DOMAIN_TITLES, EDUCATION, FINANCE, INCLUSION, OTHER, SOCIAL_CARE
from memberpack.store.pack import Pack

if TYPE_CHECKING:
    from memberpack.gui.overview_view import OverviewView

ALWAYS_SHOWN = (FINANCE, SOCIAL_CARE, INCLUSION, EDUCATION, OTHER)
TAB_MODULES = ("memberpack.gui.domain_view", "memberpack.analysis.annotation_targets",
               "memberpack.importers.table_reader")   # loaded after the first paint, off the GUI thread


def build_qt_classes() -> None:
    """Build every widget class PySide6 has (each with its enums) now, on a worker. PySide builds a
    class the first time Python meets it, and the first widget C++ hands to Python (a table's
    viewport) makes it build them all: about 40 ms the GUI thread would otherwise spend when a
    table is first opened."""
    from PySide6 import QtWidgets  # noqa: PLC0415

    for name in dir(QtWidgets):
        getattr(QtWidgets, name)


class PackTabs(QTabWidget):
    """``target_changed`` carries the item selected in whichever tab is in view."""

    target_changed = Signal(object)

    def __init__(self, pack: Pack, parent: QWidget | None = None, *, overview_later: bool = False,
                 tables_width: Callable[[], int] | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self._tables_width = tables_width
        self.tables_width: int | None = None   # the tables' list width, one for every tab: set as the first is built
        self.setDocumentMode(True)
        self.setAccessibleName("Pack sections")
        self._overview: OverviewView | None = None
        self._meta = pack.meta()
        self._overview_later = overview_later
        self._reading = overview_later   # the headlines and comparisons are read on a worker after the first paint
        first = QWidget()
        QVBoxLayout(first).setContentsMargins(0, 0, 0, 0)
        self.addTab(first, "Overview")
        if overview_later:
            waiting = QLabel("Reading the headlines…")
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            waiting.setAccessibleName("Reading the headlines")
            waiting.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            first.layout().addWidget(waiting)
            first.setFocusProxy(waiting)
        datasets = pack.datasets()
        self.domains: list[tuple[str, list]] = []
        for domain, title in DOMAIN_TITLES.items():
            mine = [d for d in datasets if d.domain == domain]
            if domain in ALWAYS_SHOWN or mine:
                self.domains.append((title, mine))
                page = QWidget()
                QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
                self.addTab(page, title)
        self.views: dict[int, QWidget] = {}
        self._noted: list[Target] = []
        self._comparisons: dict[str, list] | None = None
        self._without_comparisons: set[int] = set()
        self._reordered: set[int] = set()   # tabs built before the headlines put their lead monitor first
        self.currentChanged.connect(self._tab_changed)
        if not overview_later:
            self.build_overview()

    @property
    def overview(self) -> OverviewView:
        """The Overview tab's view (built now if it was left until after the first paint)."""
        return self.build_overview()

    def build_overview(self, found=None) -> OverviewView | None:
        """Show the Overview on the headlines ``found`` (worked out now if not given)."""
        if self._overview is None:
            from memberpack.gui.overview_view import OverviewView  # noqa: PLC0415 - after the first paint

            page = self.widget(0)
            waiting = page.focusProxy()
            if found is None:
                from memberpack.analysis.headlines import headlines  # noqa: PLC0415 - reads every figure

                try:
                    found = headlines(self.pack)
                except (MemberpackError, sqlite3.Error) as exc:  # damaged, or closed: say so where they would be
                    if waiting is None:
                        raise
                    self._not_read(str(exc))
                    return None
            self._lead_first(found)
            self._overview = OverviewView(found, self._meta)
            self._overview.open_figure.connect(self._open_figure)
            page.layout().addWidget(self._overview)
            page.setFocusProxy(self._overview)
            if waiting is not None:
                had_focus = waiting.hasFocus()
                waiting.deleteLater()
                waiting.hide()
                if had_focus:
                    self.focus_content()
        return self._overview

    def _lead_first(self, found) -> None:
        """The monitor the headlines lead on first in its tab's list, as the briefing opens its section
        with it (the lists are made in import order, before the headlines are read)."""
        lead = found.budget.dataset if found.budget is not None else None
        for tab, (title, datasets) in enumerate(self.domains, start=1):
            if any(d.name == lead for d in datasets[1:]):
                self.domains[tab - 1] = (title, sorted(datasets, key=lambda d: d.name != lead))
                if tab in self.views:   # built while the headlines were read: built again with the comparisons
                    self._reordered.add(tab)

    def _not_read(self, message: str) -> None:
        waiting = self.widget(0).focusProxy()
        if self._overview is None and waiting is not None:
            waiting.setText(f"The headlines cannot be read: {message}")
            waiting.setWordWrap(True)

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self._overview_later and self._overview is None:
            self._overview_later = False
            QTimer.singleShot(0, self, self._read_headlines)   # not once these tabs are gone

    def _read_headlines(self) -> None:
        """Work out the headlines on a worker thread, over a connection of its own: they read every
        figure of the pack, which for a 100,000-row table takes seconds the window must not freeze for."""
        if self._overview is not None:
            return
        from memberpack.gui.pack_reads import IN_PROCESS_FIGURES, pack_comparisons_by_dataset, pack_headlines  # noqa: PLC0415
        from memberpack.gui.workers import Job, in_process, pool  # noqa: PLC0415 - threads on demand

        path = self.pack.path

        try:
            large = sum(self.pack.figure_count(d.id) for d in self.pack.datasets()) > IN_PROCESS_FIGURES
        except sqlite3.Error:   # the pack was closed meanwhile (its window is going)
            return

        # a pack held in memory (protected, or an output version's copy) is read from copies of it
        copies = [self.pack.reader(), self.pack.reader()] if self.pack.in_memory else [str(path), str(path)]
        large = large and not self.pack.in_memory

        def read_headlines(_progress, _cancel):
            return in_process(pack_headlines, copies[0]) if large else pack_headlines(copies[0])

        def read_comparisons(_progress, _cancel):
            return in_process(pack_comparisons_by_dataset, copies[1]) if large else pack_comparisons_by_dataset(copies[1])

        self._reading = True
        # what a tab needs (numpy with a long table's view): loaded now on a worker, not on the GUI
        # thread when the first tab is opened
        modules = TAB_MODULES + (("memberpack.gui.large_table_view", "memberpack.gui.large_table") if large else ())
        self._warm_job = Job(lambda _p, _c: (importlib.import_module(modules[0]), build_qt_classes(),
                                             [importlib.import_module(name) for name in modules[1:]]))
        self._warm_job.start(pool("warm"))
        self._headlines_job = Job(read_headlines, self)   # gone with these tabs (a reload replaces them)
        self._headlines_job.succeeded.connect(self._headlines_read)
        self._headlines_job.failed.connect(self._not_read)
        self._headlines_job.start(pool("reads"))
        self._comparisons_job = Job(read_comparisons, self)   # the same one thread: after the headlines
        self._comparisons_job.succeeded.connect(self._comparisons_read)
        self._comparisons_job.failed.connect(lambda _message: self._comparisons_read({}))
        self._comparisons_job.start(pool("reads"))

    def _headlines_read(self, found) -> None:
        if self._overview is None:
            self.build_overview(found)

    def _comparisons_read(self, found: dict[str, list]) -> None:
        """The comparisons are in: tabs built without them, whose tables have some, are built again."""
        self._reading = False
        if self._comparisons is not None:
            return
        self._comparisons = found
        if not self.isVisible():   # a window closing meanwhile: nothing to build again
            return
        for tab in [t for t in self._without_comparisons
                    if t in self._reordered or any(d.key in found for d in self.domains[t - 1][1])]:
            old = self.views.pop(tab)
            position = old.list.currentRow() if old.datasets else 0
            old.hide()
            old.deleteLater()
            view = self.domain_view(tab)
            if view.datasets:
                view.list.setCurrentRow(position)
        self._without_comparisons.clear()
        self._reordered.clear()

    @property
    def read_in_background(self) -> bool:
        """True once the headlines and comparisons read after the first paint are in."""
        return self._overview is not None and not self._reading

    def domain_view(self, tab: int):
        """The view of domain tab ``tab`` (1 = Finance…), built on first use."""
        if tab not in self.views:
            from memberpack.gui.domain_view import DomainView  # noqa: PLC0415 - after the first paint
            title, datasets = self.domains[tab - 1]
            if self._comparisons is None and self._reading:   # still being read: built again when they are in
                self._without_comparisons.add(tab)
                comparisons = {}
            else:
                comparisons = self.comparisons()
            if self.tables_width is None:
                self.tables_width = self._tables_width() if self._tables_width else tables_width(self.window().width())
            view = DomainView(self.pack, title, datasets, comparisons, list_width=self.tables_width)
            view.target_changed.connect(self.target_changed)
            view.list_width_changed.connect(self._tables_width_changed)
            view.show_notes(self._noted)
            self.widget(tab).layout().addWidget(view)
            view.show()  # at once, not at the layout's queued show: the caller may use it now
            self.views[tab] = view
        return self.views[tab]

    def _tables_width_changed(self, width: int) -> None:
        """The member dragged one tab's list wider, narrower or shut: every tab's follows."""
        self.tables_width = width
        for view in self.views.values():
            view.set_list_width(width)

    def comparisons(self) -> dict[str, list]:
        """How our authority compares, by dataset key (worked out once, when a domain is first shown)."""
        if self._comparisons is None:
            from memberpack.analysis.comparisons import by_dataset, pack_comparisons  # noqa: PLC0415

            self._comparisons = by_dataset(pack_comparisons(self.pack))
        return self._comparisons

    def current_target(self) -> Target:
        tab = self.currentIndex()
        if tab == 0:
            return self._overview.current_target() if self._overview is not None else Target()
        return self.domain_view(tab).current_target()

    def _tab_changed(self, tab: int) -> None:
        if tab > 0:
            self.domain_view(tab)
        self.target_changed.emit(self.current_target())

    def reveal(self, dataset_key: str, label: str | None = None, cell: str = "") -> bool:
        """Bring a dataset (and a row of it: the one holding ``cell``, else the first labelled
        ``label``) into view, whichever tab it is in."""
        for tab, (_title, datasets) in enumerate(self.domains, start=1):
            if any(d.key == dataset_key for d in datasets):
                self.setCurrentIndex(tab)
                return self.domain_view(tab).reveal(dataset_key, label, cell)
        return False

    def _open_figure(self, dataset_name: str, label: str, cell: str = "") -> None:
        key = next((d.key for _t, ds in self.domains for d in ds if d.name == dataset_name), None)
        if key is not None:
            self.reveal(key, label, cell)

    def show_notes(self, targets: list[Target]) -> None:
        self._noted = targets
        for view in self.views.values():
            view.show_notes(targets)

    def focus_content(self) -> None:
        """Put the keyboard in the tab's content (its table, or the Overview's first list), not on
        the tab bar or a blank page."""
        tab = self.currentIndex()
        if tab == 0 and self._overview is None:
            target = self.widget(0)   # the "Reading the headlines" line, until they are read
        elif tab == 0:
            target = next(iter(self._overview.lists.values()), self._overview)
        else:
            view = self.domain_view(tab)
            target = view.current_view() or view
        target.setFocus(Qt.FocusReason.OtherFocusReason)
