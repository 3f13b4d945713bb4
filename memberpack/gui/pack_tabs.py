"""The tabs of a pack: Overview, then one per domain (Finance, Social care, Inclusion,
Education, Workforce when there is any, Other data).

Only the Overview is built at once; a domain tab is built the first time it is shown, so the
window paints quickly and pyqtgraph loads only when a chart is first needed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from memberpack.analysis.headlines import headlines
from memberpack.gui.overview_view import OverviewView
from memberpack.model.annotations import Target
from memberpack.model.metrics import DOMAIN_TITLES, EDUCATION, FINANCE, INCLUSION, OTHER, SOCIAL_CARE
from memberpack.store.pack import Pack

ALWAYS_SHOWN = (FINANCE, SOCIAL_CARE, INCLUSION, EDUCATION, OTHER)


class PackTabs(QTabWidget):
    """``target_changed`` carries the item selected in whichever tab is in view."""

    target_changed = Signal(object)

    def __init__(self, pack: Pack, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.setDocumentMode(True)
        self.setAccessibleName("Pack sections")
        self.overview = OverviewView(headlines(pack), pack.meta())
        self.overview.open_figure.connect(self._open_figure)
        self.addTab(self.overview, "Overview")
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
        self.currentChanged.connect(self._tab_changed)

    def domain_view(self, tab: int):
        """The view of domain tab ``tab`` (1 = Finance…), built on first use."""
        if tab not in self.views:
            from memberpack.gui.domain_view import DomainView  # noqa: PLC0415 - after the first paint
            title, datasets = self.domains[tab - 1]
            view = DomainView(self.pack, title, datasets, self.comparisons())
            view.target_changed.connect(self.target_changed)
            view.show_notes(self._noted)
            self.widget(tab).layout().addWidget(view)
            view.show()  # at once, not at the layout's queued show: the caller may use it now
            self.views[tab] = view
        return self.views[tab]

    def comparisons(self) -> dict[str, list]:
        """How our authority compares, by dataset key (worked out once, when a domain is first shown)."""
        if self._comparisons is None:
            from memberpack.analysis.comparisons import by_dataset, pack_comparisons  # noqa: PLC0415

            self._comparisons = by_dataset(pack_comparisons(self.pack))
        return self._comparisons

    def current_target(self) -> Target:
        tab = self.currentIndex()
        return self.overview.current_target() if tab == 0 else self.domain_view(tab).current_target()

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
