"""A dataset as a Qt table: the source's rows, sections and sub totals, sortable within sections.

The model holds the rows of :class:`~memberpack.model.grid.Grid` plus a heading row wherever the
section changes. The proxy sorts and filters inside each section, so a sorted budget monitor
still reads as the officer laid it out: heading, services, sub total.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QPalette

from memberpack.analysis.narrative import column_titles
from memberpack.gui.cell_text import FLAG_COLOURS, RAG_COLOURS, cell_text, source_text
from memberpack.gui.palette import is_dark
from memberpack.gui.plain_text import plain_tip
from memberpack.model.grid import Grid, GridRow
from memberpack.model.observation import DATA, Dataset, Observation
from memberpack.model.short_text import shortened

SECTION = "section"
ObservationRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
NotedRole = Qt.ItemDataRole.UserRole + 3
_RANK = {SECTION: 0, DATA: 1}  # sub totals and totals sort after their section's rows
LONG_TEXT = 48   # a comment longer than this is cut short in its cell (whole in the tooltip)
RAG_TEXT = QColor("#1d2b3a")   # dark text on the pale RAG fills, whatever the palette
FLAG_COLOURS_DARK = {"adverse": "#ff8a80", "favourable": "#81c995"}   # A/(F) on a dark background


_Index = QModelIndex | QPersistentModelIndex


@dataclass(slots=True)
class TableRow:
    """A row as shown: a section heading or a row of the source table."""

    label: str
    section: str | None
    role: str
    section_index: int
    source: GridRow | None = None


class DatasetTableModel(QAbstractTableModel):
    """Read-only model over one dataset's latest observations."""

    def __init__(self, dataset: Dataset, observations: list[Observation], parent=None) -> None:
        super().__init__(parent)
        self.dataset = dataset
        grid = Grid.as_source(observations)
        self.measures = grid.measures
        self.titles = column_titles(grid)   # with the unit the source's units row gave ("Current Budget (£m)")
        self.rows: list[TableRow] = []
        sections: list[str | None] = []
        for row in grid.rows:
            if not sections or row.section != sections[-1]:
                sections.append(row.section)
                if row.section:
                    self.rows.append(TableRow(row.section, row.section, SECTION, len(sections) - 1))
            self.rows.append(TableRow(row.label, row.section, row.role, len(sections) - 1, row))
        self._noted: set[tuple[str, str | None, str | None]] = set()
        self._bold = QFont()
        self._bold.setBold(True)

    # --- Qt model interface --------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.measures) + 1

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal:
            return None
        title = self.titles[section - 1] if section else ""
        if role == Qt.ItemDataRole.DisplayRole:
            return _wrapped(title)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(title)
        return None

    def data(self, index: _Index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        obs = self.observation(index)
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return row.label
            return shortened(cell_text(obs), LONG_TEXT) if obs else ""   # one remark, not a tall row
        if role == Qt.ItemDataRole.FontRole and row.role != DATA:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.role == SECTION:
                return QGuiApplication.palette().brush(QPalette.ColorRole.AlternateBase)
            if obs and obs.status in RAG_COLOURS:
                return QBrush(QColor(RAG_COLOURS[obs.status]))
        if role == Qt.ItemDataRole.ForegroundRole and obs and obs.status in RAG_COLOURS:
            return QBrush(RAG_TEXT)
        if role == Qt.ItemDataRole.ForegroundRole and obs and obs.status in FLAG_COLOURS:
            return QBrush(QColor((FLAG_COLOURS_DARK if is_dark() else FLAG_COLOURS)[obs.status]))
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            centred = obs is not None and obs.value is None  # RAG, A/(F), arrows, DNA…
            return int((Qt.AlignmentFlag.AlignHCenter if centred else Qt.AlignmentFlag.AlignRight)
                       | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tip(self._tooltip(row, obs))
        if role == ObservationRole:
            return obs
        if role == SortRole:
            if index.column() == 0 or obs is None:
                return row.label.lower() if index.column() == 0 else None
            return obs.value if obs.value is not None else cell_text(obs)
        if role == NotedRole:
            return self.is_noted(row, self.column_title(index.column()) if index.column() else None)
        return None

    # --- lookups used by the views --------------------------------------------------------
    def column_title(self, column: int) -> str:
        return "" if column == 0 else self.measures[column - 1]

    def observation(self, index: _Index) -> Observation | None:
        row = self.rows[index.row()]
        if index.column() == 0 or row.source is None:
            return None
        return row.source.cells.get(self.measures[index.column() - 1])

    def row_of(self, label: str) -> int:
        """The model row of the first source row labelled ``label``, or -1."""
        return next((i for i, r in enumerate(self.rows) if r.source is not None and r.label == label), -1)

    def row_of_cell(self, cell: str) -> int:
        """The model row of the source row holding source cell ``cell`` (``C12``), or -1."""
        return next((i for i, r in enumerate(self.rows) if r.source is not None
                     and any(o.cell == cell for o in r.source.cells.values())), -1)

    def set_noted(self, keys: set[tuple[str, str | None, str | None]]) -> None:
        """Mark cells that carry notes: (label, section, measure); measure None marks the row label."""
        self._noted = keys
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.columnCount() - 1),
                                  [NotedRole])

    def is_noted(self, row: TableRow, measure: str | None) -> bool:
        return row.source is not None and (row.label, row.section, measure) in self._noted

    def _tooltip(self, row: TableRow, obs: Observation | None) -> str | None:
        if row.role == SECTION:
            return f"Section: {row.label}"
        if obs is None:
            return f"{row.label}\n{self.dataset.source_file}, sheet {self.dataset.sheet}"
        lines = [f"{row.label} – {obs.measure}: {cell_text(obs)}", source_text(obs, self.dataset.source_file)]
        if obs.period:
            lines.insert(1, f"Period: {obs.period}")
        if self.is_noted(row, obs.measure):
            lines.append("Has notes: see the Notes panel")
        return "\n".join(lines)


TITLE_LINE = 18   # characters of a column title's line: about what a figure column's widest (130 px) shows


@lru_cache(maxsize=4096)   # asked for at every paint of the header
def _wrapped(title: str) -> str:
    """Long column titles over two lines ("Full Year Projection £m"), or as many more (up to four)
    as it takes for each line to show whole in a narrow column ("Balance b/f at 1 Apr 2023
    Surplus/ (Deficit) (£m)" in three)."""
    words = title.split()
    if len(title) <= 12 or len(words) < 2:
        return title
    for count in range(2, min(len(words), 4) + 1):
        lines = min(([" ".join(words[a:b]) for a, b in zip((0, *cuts), (*cuts, len(words)))]
                     for cuts in combinations(range(1, len(words)), count - 1)),
                    key=lambda lines: max(map(len, lines)))
        if max(map(len, lines)) <= TITLE_LINE:
            break
    return "\n".join(lines)


class SectionSortProxy(QSortFilterProxyModel):
    """Sorts rows within their section (headings first, sub totals last) and filters by text.

    A heading stays visible while any row of its section matches the filter.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self._needle = ""

    def set_filter_text(self, text: str) -> None:
        self._needle = text.strip().lower()
        self.setFilterFixedString(self._needle)  # refilters; the match itself is in filterAcceptsRow

    def source(self) -> DatasetTableModel:
        return self.sourceModel()  # type: ignore[return-value]

    def _matches(self, row: TableRow) -> bool:
        if not self._needle:
            return True
        texts = [row.label] + ([cell_text(o) for o in row.source.cells.values()] if row.source else [])
        return any(self._needle in t.lower() for t in texts)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        rows = self.source().rows
        row = rows[source_row]
        if row.role == SECTION:
            return any(self._matches(r) for r in rows if r.section_index == row.section_index and r.source)
        return self._matches(row)

    def lessThan(self, left: _Index, right: _Index) -> bool:
        rows = self.source().rows
        a, b = rows[left.row()], rows[right.row()]
        group_a = (a.section_index, _RANK.get(a.role, 2))
        group_b = (b.section_index, _RANK.get(b.role, 2))
        if group_a != group_b or a.role != DATA:
            in_order = group_a < group_b or (group_a == group_b and left.row() < right.row())
            # Qt reverses the result for a descending sort; keep the source's grouping either way.
            return in_order if self.sortOrder() == Qt.SortOrder.AscendingOrder else not in_order
        va, vb = left.data(SortRole), right.data(SortRole)
        if va is None or vb is None or isinstance(va, str) != isinstance(vb, str):
            # blanks, then words such as "DNA", go after the figures in either direction
            ascending = self.sortOrder() == Qt.SortOrder.AscendingOrder
            rank_a, rank_b = (2 if v is None else 1 if isinstance(v, str) else 0 for v in (va, vb))
            return rank_a < rank_b if ascending else rank_a > rank_b
        return va < vb
