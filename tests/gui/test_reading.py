"""Reading the pack: wide tables, RAG at any width, long comments, short table names, and text that
reads (contrast at least 4.5:1) under a light and a dark palette."""

from __future__ import annotations

import re

import pytest
from gui_test_data import budget_monitor, write_workbook
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QStyleOptionViewItem

from memberpack.gui.charts import ChartView
from memberpack.gui.dataset_view import LABEL_WIDTHS, DatasetView
from memberpack.gui.domain_view import short_names
from memberpack.gui.main_window import MainWindow
from memberpack.gui.overview_view import ADVERSE, Tile
from memberpack.gui.palette import MIN_CONTRAST, contrast, dark_palette
from memberpack.importers import import_files
from memberpack.store.pack import Pack

COMMENT = ("Three new residential placements since Month 5, two of them out of county; the service "
           "expects one to step down to fostering by January.")


@pytest.fixture
def wide_pack(tmp_path):
    """A return 30 figures wide, with a RAG column and a long comment column."""
    header = ["Service"] + [f"Month {m} Forecast £k" for m in range(1, 29)] + ["RAG", "Comment"]
    rows = [header] + [[f"Service {r}"] + [r * 10 + m for m in range(1, 29)] + ["Red" if r % 2 else "Green",
                                                                               COMMENT] for r in range(1, 13)]
    path = write_workbook(tmp_path / "wide.xlsx", "Monitor", rows)
    pack_path = tmp_path / "wide.mpack"
    with Pack.create(pack_path) as pack:
        import_files(pack, [path])
    return pack_path


def dataset_view(qtbot, pack_path) -> DatasetView:
    pack = Pack.open(pack_path)
    ds = pack.datasets()[0]
    view = DatasetView(ds, pack.observations(ds.id))
    pack.close()
    qtbot.addWidget(view)
    view.resize(1000, 600)
    view.show()
    qtbot.waitExposed(view)
    return view


def test_a_wide_table_keeps_its_labels_and_scroll_bar_in_sight(qtbot, wide_pack):
    view = dataset_view(qtbot, wide_pack)
    table = view.table
    assert LABEL_WIDTHS[0] <= table.columnWidth(0) <= LABEL_WIDTHS[1]
    assert table.horizontalHeader().length() > table.viewport().width()
    assert table.height() <= view.scroll.viewport().height()          # the sideways bar is on screen with it
    assert table.horizontalScrollBar().isVisible()
    table.horizontalScrollBar().setValue(table.horizontalScrollBar().maximum())
    assert table.frozen.isVisible() and table.frozen.columnWidth(0) == table.columnWidth(0)
    assert table.frozen.indexAt(table.frozen.visualRect(table.model().index(0, 0)).center()).data() == "Service 1"
    assert not table.tabKeyNavigation()


def test_rag_keeps_its_letter_in_a_narrow_column_and_comments_are_cut_short(qtbot, wide_pack):
    view = dataset_view(qtbot, wide_pack)
    model = view.model
    rag = model.measures.index("RAG") + 1
    comment = model.measures.index("Comment") + 1
    index = view.proxy.index(0, rag)
    option = QStyleOptionViewItem()
    option.rect = view.table.visualRect(index).adjusted(0, 0, -view.table.columnWidth(rag) + 24, 0)
    view.table.itemDelegate().initStyleOption(option, index)
    assert option.text == "▲ R"
    option = QStyleOptionViewItem()
    option.rect = view.table.visualRect(index).adjusted(0, 0, 200, 0)
    view.table.itemDelegate().initStyleOption(option, index)
    assert option.text == "▲ Red"
    shown = model.index(0, comment).data()
    assert shown.endswith("…") and len(shown) <= 49 and COMMENT.startswith(shown[:-1])
    assert COMMENT in model.index(0, comment).data(Qt.ItemDataRole.ToolTipRole)


def test_table_names_in_lists_are_short_with_the_title_whole_in_the_tooltip(qtbot, window):
    assert short_names(["2023/24 Budget Monitoring Report General Fund", "2023/24 Budget Monitoring Report DSG"]) == [
        "General Fund", "DSG"]
    assert short_names(["Only one table"]) == ["Only one table"]
    domain = window.tabs.domain_view(1)
    ds, _ = budget_monitor(window.pack)
    item = domain.list.item(next(i for i, d in enumerate(domain.datasets) if d.key == ds.key))
    assert len(item.text()) <= 64 and item.toolTip().startswith(ds.name + "\n")


def text_contrast_failures(window: MainWindow) -> list[str]:
    """Every label, list and table cell in sight whose text reads below 4.5:1 on its background."""
    failures = []
    for tab in range(window.tabs.count()):
        window.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
        for label in window.findChildren(QLabel):
            if not label.isVisible() or not label.text() or any(
                    isinstance(p, (Tile, ChartView)) for p in _ancestors(label)):
                continue   # a tile and a chart draw their own light background with their own colours
            if "color" in label.styleSheet() or "color:" in label.text():
                failures.append(f"fixed colour in {label.text()[:40]!r}")
                continue
            palette = label.palette()
            back = palette.color(label.backgroundRole() if label.autoFillBackground() else QPalette.ColorRole.Window)
            ratio = contrast(palette.color(label.foregroundRole()), back)
            if ratio < MIN_CONTRAST:
                failures.append(f"{label.text()[:40]!r}: {ratio:.1f}")
        if tab:
            view = window.tabs.domain_view(tab).current_view()
            model = getattr(view, "model", None)
            if model is None or not hasattr(model, "rows"):
                continue
            base = QApplication.palette()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    index = model.index(row, column)
                    fore = index.data(Qt.ItemDataRole.ForegroundRole)
                    back = index.data(Qt.ItemDataRole.BackgroundRole)
                    fore = fore.color() if fore is not None else base.color(QPalette.ColorRole.Text)
                    back = back.color() if back is not None else base.color(QPalette.ColorRole.Base)
                    if contrast(fore, back) < MIN_CONTRAST:
                        failures.append(f"cell {index.data()!r}: {contrast(fore, back):.1f}")
    notes = window.notes.list
    for i in range(notes.count()):
        fore = notes.item(i).foreground()
        colour = fore.color() if fore.style() != Qt.BrushStyle.NoBrush else notes.palette().color(QPalette.ColorRole.Text)
        if contrast(colour, notes.palette().color(QPalette.ColorRole.Base)) < MIN_CONTRAST:
            failures.append(f"note {notes.item(i).text()[:30]!r}")
    return failures


def _ancestors(widget):
    parent = widget.parentWidget()
    while parent is not None:
        yield parent
        parent = parent.parentWidget()


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_text_reads_under_a_light_and_a_dark_palette(qtbot, demo_pack, dark):
    app = QApplication.instance()
    before = app.palette()
    if dark:
        app.setPalette(dark_palette())
    try:
        window = MainWindow(Pack.open(demo_pack))
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        qtbot.waitExposed(window)
        qtbot.waitUntil(lambda: window.notes.read and window.notes.list.count() > 0)
        window.notes.show_message("The pack is read-only. Not saved: your text is kept.")
        assert text_contrast_failures(window) == []
        assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
        window.pack.close()
    finally:
        app.setPalette(before)


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_headline_tiles_take_the_palette_and_read_at_4_5_to_1(qtbot, dark):


    app = QApplication.instance()
    before = app.palette()
    if dark:
        app.setPalette(dark_palette())
    try:
        tile = Tile("Net forecast variance", "£12.4m overspend", "10.1% of budget, adverse.", ADVERSE)
        qtbot.addWidget(tile)
        back = QColor(re.search(r"background: (#[0-9a-f]{6})", tile.styleSheet()).group(1))
        assert (back.lightness() < 128) == dark                       # a dark tile on a dark desktop
        colours = [QColor(re.search(r"color:(#[0-9a-f]{6})", label.styleSheet()).group(1))
                   for label in tile.findChildren(QLabel)]
        assert len(colours) == 3 and all(contrast(c, back) >= MIN_CONTRAST for c in colours)
    finally:
        app.setPalette(before)
