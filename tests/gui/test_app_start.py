"""The app opens on a pack, offscreen."""

from memberpack.gui.app import MainWindow
from memberpack.store.pack import Pack


def test_main_window_opens_on_demo_pack(qtbot, demo_pack):
    window = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "Scrutiny" in window.windowTitle()
