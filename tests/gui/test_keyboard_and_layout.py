"""The app from the keyboard, and a layout that survives reloading the pack."""

from __future__ import annotations

import shutil

from gui_test_data import budget_monitor
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from memberpack import __version__
from memberpack.gui import actions as ids
from memberpack.gui.main_window import NOTES_WIDTH_KEY, MainWindow, window_settings
from memberpack.gui.panel_widths import NOTES_WIDTH
from memberpack.model.annotations import SHARED
from memberpack.store import annotation_store
from memberpack.store.pack import Pack


def focused(qtbot):
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    return QApplication.focusWidget()


def test_focus_starts_on_content_and_follows_the_tab(qtbot, window):
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.tabs.overview.lists["deficits"])   # the first list
    window.menu_actions[ids.NEXT_TAB].trigger()
    table = window.tabs.domain_view(1).current_view().table
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    assert focused(qtbot).accessibleName().startswith("Table: ")
    window.tabs.setCurrentIndex(window.tabs.count() - 1)    # Other data: empty in the demo pack
    qtbot.waitUntil(lambda: QApplication.focusWidget().accessibleName() == "No other tables in this pack yet")
    assert "File › Import workbooks…" in QApplication.focusWidget().text()
    assert window.menu_actions[ids.IMPORT].text() == "&Import workbooks…"


def test_tab_leaves_a_table(qtbot, window):
    window.tabs.setCurrentIndex(1)
    table = window.tabs.domain_view(1).current_view().table
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table)
    assert not table.tabKeyNavigation()
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is not table


def test_filter_scrolls_into_view(qtbot, window):
    window.tabs.setCurrentIndex(1)
    view = window.tabs.domain_view(1).current_view()
    view.scroll.verticalScrollBar().setValue(0)   # the filter is below the chart
    assert view.filter.visibleRegion().isEmpty()
    window.menu_actions[ids.FIND].trigger()
    assert view.filter.hasFocus() and not view.filter.visibleRegion().isEmpty()


def test_undo_and_redo_keys_work_with_the_note_editor_empty(qtbot, window, demo_pack):
    window.activateWindow()
    body = window.notes.body
    window.focus_notes()
    body.setPlainText("Check the agency spend")
    window.notes.visibility.setCurrentIndex(1)    # private
    qtbot.keyClick(body, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert body.hasFocus() and body.toPlainText() == ""
    assert window.notes.visibility.currentIndex() == 0   # the next note is shared unless chosen again

    def private_notes() -> list[str]:
        with Pack.open(demo_pack) as pack:
            return [n.body for n in annotation_store.all_notes(pack) if n.visibility != SHARED]

    assert "Check the agency spend" in private_notes()
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Check the agency spend" not in private_notes()
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Check the agency spend" in private_notes()
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window.tabs, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)   # from anywhere
    assert "Check the agency spend" in private_notes()
    body.setPlainText("typing")   # with text in it, Ctrl+Z belongs to the editor
    qtbot.keyClick(body, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "Check the agency spend" in private_notes()


def test_f4_focuses_notes_and_ctrl_q_quits(qtbot, window):
    window.activateWindow()
    window.tabs.setCurrentIndex(1)
    qtbot.keyClick(window.tabs, Qt.Key.Key_F4)
    assert window.notes_dock.isVisible() and window.notes.body.hasFocus()
    qtbot.keyClick(window.notes.body, Qt.Key.Key_F4)
    assert window.notes_dock.isVisible() and window.notes.body.hasFocus()   # never hides it
    assert window.menu_actions[ids.QUIT].shortcut().toString() == "Ctrl+Q"
    qtbot.keyClick(window.tabs, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not window.isVisible()


def test_find_in_pack_lists_figures_from_every_table_and_opens_one(qtbot, window):
    dialog = window.find_in_pack()
    assert window.menu_actions[ids.FIND_IN_PACK].shortcut().toString() == "Ctrl+Shift+F"
    dialog.query.setText("external placements")
    assert dialog.search() > 1
    texts = [dialog.found.item(i).text() for i in range(dialog.found.count())]
    assert len({t.split("\n")[1] for t in texts}) > 1   # found in more than one table
    ds, _ = budget_monitor(window.pack)
    first = next(i for i, t in enumerate(texts) if t.endswith(ds.name) and "Month 6 Variance" in t)
    assert texts[first].startswith("External Placements – Month 6 Variance: 10.4")
    dialog.found.itemActivated.emit(dialog.found.item(first))
    view = window.tabs.domain_view(window.tabs.currentIndex()).current_view()
    assert view.dataset.key == ds.key and view.selected_row_label() == "External Placements"
    dialog.query.setText("no such figure anywhere")
    assert dialog.search() == 0 and dialog.summary.text() == "No figure matches."
    dialog.close()


def test_about_shows_the_version(window, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a: shown.append(a[2])))
    window.menu_actions[ids.ABOUT].trigger()
    assert f"memberpack {__version__}" in shown[0]


def test_reloading_the_pack_keeps_the_notes_panel_and_tabs_sizes(qtbot, window, demo_pack, tmp_path):
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: abs(window.notes_dock.width() - NOTES_WIDTH) < 40)
    dock, tabs = window.notes_dock.width(), window.tabs.width()
    assert tabs > 800
    window.reload()                                  # as after an import or Pack details OK
    qtbot.wait(50)
    assert abs(window.notes_dock.width() - dock) <= 2 and abs(window.tabs.width() - tabs) <= 2
    other = shutil.copy(demo_pack, tmp_path / "other.mpack")
    assert window.open_pack(other)
    qtbot.wait(50)
    assert abs(window.notes_dock.width() - dock) <= 2 and abs(window.tabs.width() - tabs) <= 2


def test_a_broken_saved_layout_is_not_restored(qtbot, demo_pack):
    store = window_settings()
    store.setValue(NOTES_WIDTH_KEY, 1120)    # the collapse once saved
    store.sync()
    window = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: abs(window.notes_dock.width() - NOTES_WIDTH) < 40)
    assert window.tabs.width() > 800
    window.notes_dock.setMinimumWidth(400)
    window.close()                             # a sensible width is kept for next time
    assert int(window_settings().value(NOTES_WIDTH_KEY)) >= 400
    window.pack.close()


def test_a_dropped_pack_opens(qtbot, window, demo_pack, tmp_path):
    other = tmp_path / "other.mpack"
    with Pack.create(other, committee="Corporate Parenting Panel"):
        pass
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(other))])
    event = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton,
                       Qt.KeyboardModifier.NoModifier)
    window.dropEvent(event)
    assert event.isAccepted() and window.pack.path == other
    assert window.windowTitle().startswith("Corporate Parenting Panel")
