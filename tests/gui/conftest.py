"""GUI test fixtures: small workbooks built with openpyxl, one feature each."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_test_data import CLA_RATE, SUSPENSIONS, write_workbook

from memberpack.gui.main_window import MainWindow
from memberpack.store.pack import Pack


@pytest.fixture
def suspensions_xlsx(tmp_path) -> Path:
    """Suspensions Sep-Jan for three academic years (earlier years overlaid)."""
    return write_workbook(tmp_path / "suspensions.xlsx", "Suspensions", SUSPENSIONS)


@pytest.fixture
def cla_rate_xlsx(tmp_path) -> Path:
    """A rate per 10,000 with England and South West benchmark rows."""
    return write_workbook(tmp_path / "cla_rate.xlsx", "CLA rate", CLA_RATE)


@pytest.fixture
def window(qtbot, demo_pack):
    """The main window on a private copy of the demo pack, shown offscreen."""
    win = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.notes.read and win.tabs.read_in_background)   # read just after the first paint
    yield win
    win.pack.close()
