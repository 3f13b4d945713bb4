"""A 1024 by 700 laptop: the table being read gets the room, the lists and notes beside it the rest."""

from __future__ import annotations

from PySide6.QtWidgets import QSplitter

from memberpack.gui.main_window import MainWindow, window_settings
from memberpack.store.pack import Pack

FINANCE = 1


def _open(qtbot, demo_pack, size=(1024, 700)) -> MainWindow:
    window = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentIndex(FINANCE)
    qtbot.waitUntil(lambda: window.tabs.domain_view(FINANCE).stack.width() > 0)
    return window


def _splitter(window: MainWindow) -> QSplitter:
    return window.tabs.domain_view(FINANCE).findChild(QSplitter)


def test_at_1024_pixels_the_table_gets_most_of_the_width(qtbot, demo_pack):
    """The tables' list (240 px) and the notes (300 px) took half of a 1024-pixel window: the Finance
    table had 440 px and wide tables scrolled sideways."""
    window = _open(qtbot, demo_pack)
    qtbot.wait(50)
    view = window.tabs.domain_view(FINANCE)
    assert view.stack.width() >= 560
    assert 150 <= view.list.width() <= 200 and window.notes_dock.width() <= 260
    assert _splitter(window).isCollapsible(0) and not _splitter(window).isCollapsible(1)
    window.pack.close()


def test_the_tables_list_width_is_kept_for_every_tab_and_the_next_start(qtbot, demo_pack):
    window = _open(qtbot, demo_pack, (1280, 800))
    assert window.tabs.domain_view(FINANCE).list.width() >= 230   # a wide window keeps the wide list
    splitter = _splitter(window)
    splitter.moveSplitter(0, 1)                            # the member collapses the list
    qtbot.waitUntil(lambda: splitter.sizes()[0] == 0)
    window.tabs.setCurrentIndex(2)                         # Social care: its list collapsed too
    qtbot.waitUntil(lambda: window.tabs.domain_view(2).findChild(QSplitter).sizes()[0] == 0)
    window.close()
    window.pack.close()
    again = _open(qtbot, demo_pack, (1280, 800))
    qtbot.wait(50)
    assert _splitter(again).sizes()[0] == 0 and int(window_settings().value("window/tables_width")) == 0
    _splitter(again).moveSplitter(200, 1)
    qtbot.waitUntil(lambda: 190 <= again.tabs.domain_view(FINANCE).list.width() <= 210)
    again.close()
    assert 190 <= int(window_settings().value("window/tables_width")) <= 210
    again.pack.close()
