"""The Overview tab: headlines first, as a councillor asks for them.

Tiles for the budget position (net budget, forecast, net variance in words and %) and the count of
red items; then lists of reserves and deficits, red items (by table and period, with amounts), the
biggest adverse movements, KPIs that got worse, members' notes and questions, and what changed since
each table's previous period. The words are the narrative layer's; a label that repeats in its
table is named with its section; the Table column gives the table's short name and the period
(the whole title in the tooltip). Activating a line opens its own row.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import (QFrame, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QScrollArea, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from memberpack.analysis.headlines import Headlines, Item
from memberpack.analysis.narrative import period_span, share_text
from memberpack.gui.cell_text import change_text
from memberpack.gui.palette import MIN_CONTRAST
from memberpack.gui.plain_text import plain_label, plain_tip
from memberpack.model.annotations import PACK, Target
from memberpack.model.charts import readable
from memberpack.model.table_names import short_names
from memberpack.store.classification import pack_classification_text

ADVERSE, FAVOURABLE = "#a61b1b", "#1b6e34"
TABLE_WIDTH = 260  # the Table column of a list at most: short names, the tooltip has the whole title
TABLE_NAME = 34    # characters of a table's short name in the Table column
SHOWN_ROWS = 8     # a list taller than this scrolls


def _blend(a: QColor, b: QColor, share: float) -> str:
    """``share`` of the way from colour ``a`` to ``b``."""
    return QColor.fromRgbF(*(x + (y - x) * share for x, y in zip(a.getRgbF()[:3], b.getRgbF()[:3]))).name()


class Tile(QFrame):
    """One headline figure: caption, value, and a line saying what it means."""

    def __init__(self, caption: str, value: str, detail: str = "", colour: str | None = None) -> None:
        super().__init__()
        palette = QGuiApplication.palette()
        base, ink = palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)
        back = _blend(base, ink, 0.04)
        muted = readable(_blend(base, ink, 0.7), back, MIN_CONTRAST)
        rule = _blend(base, ink, 0.35)
        ink = ink.name()
        self.setObjectName("tile")   # the palette's colours, so a tile reads on a dark desktop too
        self.setStyleSheet(f"#tile {{ background: {back}; border: 1px solid {rule}; border-radius: 6px; }}")
        self.value = value
        layout = QVBoxLayout(self)
        for text, style in ((caption, f"color:{muted}; font-size:10pt"),
                            (value, f"color:{readable(colour or ink, back, MIN_CONTRAST)}; font-size:20pt; "
                                    "font-weight:600"),
                            (detail, f"color:{muted}; font-size:9pt")):
            if text:
                label = plain_label(text)
                label.setStyleSheet(style)
                label.setWordWrap(True)
                layout.addWidget(label)
        layout.addStretch(1)
        self.setAccessibleName(f"{caption}: {value}. {detail}")
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)


class OverviewView(QScrollArea):
    """Headline tiles and lists; ``open_figure(dataset name, row label)`` asks to show a figure."""

    open_figure = Signal(str, str, str)   # dataset name, row label, source cell

    def __init__(self, headlines: Headlines, meta: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.headlines = headlines
        self.tiles: dict[str, Tile] = {}
        self.lists: dict[str, QTreeWidget] = {}
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(12)
        layout.addWidget(self._title(meta))
        tiles = QHBoxLayout()
        for key, tile in self._tiles(headlines).items():
            self.tiles[key] = tile
            tiles.addWidget(tile, 1)
        layout.addLayout(tiles)
        if headlines.other_budgets:   # another directorate's monitor: its own position, never summed
            told = (escape(b.named, quote=False) for b in headlines.other_budgets)
            others = QLabel("<br>".join(told))
            others.setWordWrap(True)
            others.setObjectName("otherBudgets")
            layout.addWidget(others)
        tables = sorted({i.dataset for i in headlines.items() if i.dataset})
        self.table_names = dict(zip(tables, short_names(tables, TABLE_NAME)))

        def changed(i: Item) -> str:
            return change_text(i.display, i.previous_display, i.change) + (f", {i.verdict}" if i.verdict else "")

        def measure(i: Item) -> str:
            return i.measure if i.measure != i.period else ""   # a period is in the Table column

        sections = (
            ("deficits", "Reserves and deficits", headlines.deficits, ("Item", "Figure"), measure, changed,
             headlines.no_deficits),
            ("red", "Red items", headlines.red_items, ("Item", "Figure"), measure, lambda i: f"▲ {i.display}",
             "Nothing is rated Red."),
            ("movements", "Biggest adverse movements since the last report"
             + (f", {headlines.movements_period}" if headlines.movements_period else ""),
             headlines.adverse_movements[:8], ("Service", "Movement"), lambda i: "", lambda i: i.display,
             "No service's variance got worse."),
            ("worse", "Measures that got worse since their previous period", headlines.worse_kpis,
             ("Measure", "Latest (was)"), measure, changed, "No measure moved the wrong way."),
            ("noted", "Noted or questioned by members", headlines.noted, ("About", "Kind"), lambda i: i.display,
             lambda i: i.measure, "No shared notes yet."),
            ("changes", "What changed since the previous period", headlines.changes, ("Figure", "Now (was)"),
             lambda i: i.measure, changed, "No table has an earlier period in the pack to compare with."),
        )
        for key, title, items, head, under, value, empty in sections:
            layout.addWidget(self._list(key, title, items, head, under, value, empty))
        layout.addStretch(1)
        self.setWidget(body)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def _title(self, meta: dict[str, str]) -> QLabel:
        parts = [meta.get("committee") or "", f"meeting {meta['meeting_date']}" if meta.get("meeting_date") else "",
                 pack_classification_text(meta)]
        label = QLabel(f"<h2 style='margin:0'>{escape(meta.get('title') or 'Briefing pack')}</h2>"
                       f"<span>{escape(' · '.join(p for p in parts if p))}</span>")
        label.setWordWrap(True)
        return label

    def _tiles(self, h: Headlines) -> dict[str, Tile]:
        tiles: dict[str, Tile] = {}
        red = len(h.red_items)
        if h.budget is not None:
            b = h.budget
            where = f"{b.label}" + (f", {b.period}" if b.period else "")
            tiles["budget"] = Tile("Net budget", b.money(b.budget), where)
            tiles["forecast"] = Tile("Forecast outturn", b.money(b.forecast), "Projected spend for the year")
            adverse = bool(b.variance) and b.convention.adverse(b.variance)
            meaning = "adverse" if adverse else "favourable" if b.variance else "on budget"
            tiles["variance"] = Tile("Net forecast variance", f"{b.money(abs(b.variance))} {b.word}",
                                     f"{share_text(b.variance, b.budget)} of budget, {meaning}. "
                                     f"{b.convention.figures_key}",
                                     ADVERSE if adverse else FAVOURABLE)
        else:
            tiles["budget"] = Tile("Budget", "No budget monitor", "Import a budget monitoring return to see it")
        tiles["red"] = Tile("Red items", f"▲ {red}" if red else "0",   # the Red shape only beside Red items
                            "Lines rated Red in the pack, totals aside" if red else "Nothing rated Red",
                            ADVERSE if red else FAVOURABLE)
        return tiles

    def table_text(self, item: Item) -> str:
        """The Table column: the table's short name, then the period its figure is from (the two
        periods a change is between), unless the table's name or the figure's column says it
        (``Forecast carry forward 31 Mar 2024``)."""
        when = period_span(item.previous_period, item.period) if item.previous_display else item.period or ""
        name = self.table_names.get(item.dataset, item.dataset)
        return f"{name}\n{when}" if when and when not in item.dataset and when not in item.measure else name

    def _list(self, key: str, title: str, items: list[Item], head: tuple[str, str], under, value,
              empty: str) -> QGroupBox:
        """A headline list: the row's name with its measure (or note) under it, the figure, and the
        table it is from; the tooltip has the whole line, the full table title and the cell."""
        box = QGroupBox(f"{title} ({len(items)})")
        tree = QTreeWidget()
        tree.setHeaderLabels([*head, "Table"])
        tree.setRootIsDecorated(False)
        tree.setAccessibleName(title)
        tree.setAlternatingRowColors(True)
        tree.setStyleSheet("QTreeWidget::item { padding: 3px 0; }")
        tree.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # long names and titles keep their distinguishing end
        for item in items:
            second = under(item)
            row = QTreeWidgetItem([f"{item.name}\n{second}" if second else item.name, value(item),
                                   self.table_text(item)])
            what = item.name if key == "noted" else f"{item.name}, {item.measure}"
            was = f", was {item.was}" if item.previous_display and key != "noted" else ""
            tip = (f"{what}: {item.display if key != 'noted' else item.measure}{was}\n{item.source}"
                   + (f", cell {item.cell}" if item.cell else ""))
            for column in range(3):
                row.setToolTip(column, plain_tip(tip))
            row.setData(0, Qt.ItemDataRole.UserRole, (item.dataset, item.label, item.cell))
            tree.addTopLevelItem(row)
        if not items:
            none = QTreeWidgetItem([empty, "", ""])
            tree.addTopLevelItem(none)
            none.setFirstColumnSpanned(True)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(2, min(tree.sizeHintForColumn(2) + 12, TABLE_WIDTH) if items else TABLE_WIDTH)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # long figures are elided too; an empty list keeps its heading whole
        header.resizeSection(1, min(max(tree.sizeHintForColumn(1), header.sectionSizeHint(1)) + 12, 170))
        tree.itemActivated.connect(self._activated)
        lines = [max(tree.topLevelItem(i).text(c).count("\n") + 1 for c in range(3))
                 for i in range(min(tree.topLevelItemCount(), SHOWN_ROWS))]
        tree.setFixedHeight(header.sizeHint().height() + 2 * tree.frameWidth() + 2
                            + sum(n * tree.fontMetrics().lineSpacing() + 8 for n in lines))
        self.lists[key] = tree
        layout = QVBoxLayout(box)
        layout.addWidget(tree)
        return box

    def _activated(self, row: QTreeWidgetItem, _column: int) -> None:
        where = row.data(0, Qt.ItemDataRole.UserRole)
        if where:
            self.open_figure.emit(*where)

    def current_target(self) -> Target:
        return Target(PACK)
