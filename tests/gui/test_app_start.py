"""Starting the app: the default pack, the smoke run and screenshots of every tab."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QIcon, QImage

from memberpack import settings
from memberpack.cli.main import main
from memberpack.gui.app import SWITCH_INTERVAL, FirstPaint, _first_window, application, default_pack, set_icon
from memberpack.gui.main_window import RECENT_KEY, MainWindow, recent_packs, window_settings
from memberpack.store.pack import Pack


def test_main_window_opens_on_demo_pack(qtbot, demo_pack):
    window = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "Scrutiny" in window.windowTitle()
    window.pack.close()


def test_default_pack_is_the_demo_then_the_last_one(qtbot, demo_pack):
    demo = default_pack()
    assert demo == settings.config_dir() / "demo.mpack" and demo.is_file()
    window = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(window)
    assert recent_packs()[0] == str(demo_pack.resolve())
    assert default_pack() == demo_pack.resolve()
    window.pack.close()


def test_smoke_run_prints_the_time_to_first_paint(demo_pack):
    # A fresh process, as a user starts it (and QApplication.exec() runs once per process).
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "import sys; from memberpack.cli import main; sys.exit(main())",
                           "gui", str(demo_pack), "--smoke"], capture_output=True, text=True, timeout=60,
                          env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})
    wall = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    found = re.fullmatch(r"first paint after (\d+\.\d{2}) s from the process's start\n", done.stdout)
    assert found and 0 < float(found[1]) <= wall   # from the process's start, imports and all


HEAVY = ("numpy", "pandas", "pyarrow", "pyqtgraph", "reportlab", "openpyxl", "python_calamine",
         "memberpack.importers.table_reader", "memberpack.analysis.charts", "memberpack.analysis.headlines",
         # small, but each a few milliseconds of a start that must stay within 2x a bare window's
         "hashlib", "uuid", "html", "importlib.resources", "memberpack.analysis.output_version",
         "memberpack.model.charts")
LOADED_AT_FIRST_PAINT = f"""
import sys
from PySide6.QtCore import QEvent
from memberpack.gui import app
watch = app.FirstPaint.eventFilter
def spy(self, watched, event):
    if event.type() == QEvent.Type.Paint and self.painted_at is None:
        print("loaded:", sorted(m for m in {HEAVY!r} if m in sys.modules))
    return watch(self, watched, event)
app.FirstPaint.eventFilter = spy
from memberpack.cli import main
sys.exit(main())
"""


def test_nothing_heavy_is_loaded_before_the_first_paint(demo_pack):
    # the readers, numpy, the charts' analysis, the headlines and the window icon load after the window is up
    done = subprocess.run([sys.executable, "-c", LOADED_AT_FIRST_PAINT, "gui", str(demo_pack), "--smoke"],
                          capture_output=True, text=True, timeout=60, env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert "loaded: []\n" in done.stdout


def test_the_window_icon_is_set_just_after_the_first_paint(qtbot, qapp, demo_pack):
    window = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(window)
    qapp.setWindowIcon(QIcon())
    FirstPaint(window, lambda: QTimer.singleShot(0, qapp, lambda: set_icon(qapp)))
    assert qapp.windowIcon().isNull()
    window.show()
    qtbot.waitUntil(lambda: not qapp.windowIcon().isNull())
    window.pack.close()


def test_workers_hand_pythons_lock_back_to_the_window_within_a_millisecond(qapp):
    application()
    assert sys.getswitchinterval() == SWITCH_INTERVAL == 0.001


def test_screenshot_of_every_tab(qapp, demo_pack, tmp_path, capsys):
    assert main(["screenshot", str(demo_pack), str(tmp_path / "shots")]) == 0
    names = sorted(p.name for p in (tmp_path / "shots").iterdir())
    assert names == ["01_overview.png", "02_finance.png", "03_social_care.png", "04_inclusion.png",
                     "05_education.png", "06_other_data.png"]
    image = QImage(str(tmp_path / "shots" / "02_finance.png"))
    assert (image.width(), image.height()) == (1280, 800)
    assert "wrote" in capsys.readouterr().out


def test_a_screenshot_folder_that_cannot_be_made_is_one_line_exit_1(qapp, demo_pack, tmp_path, capsys):
    """It ended in a traceback (FileNotFoundError from mkdir)."""
    (tmp_path / "a_file").write_text("")
    assert main(["screenshot", str(demo_pack), str(tmp_path / "a_file" / "shots")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "shots: cannot make the folder for the screenshots" in err


def test_a_last_pack_that_no_longer_opens_is_passed_over(qapp, demo_pack, tmp_path, capsys):
    newer = tmp_path / "newer.mpack"
    Pack.create(newer).close()
    with sqlite3.connect(newer) as db:
        db.execute("PRAGMA user_version = 999")
    window_settings().setValue(RECENT_KEY, [str(newer), str(demo_pack)])
    window = _first_window()
    assert window.pack.path == demo_pack
    assert "newer.mpack: made by a newer memberpack" in capsys.readouterr().err
    window.pack.close()


def test_a_dark_screenshot_keeps_the_palette_colours(qapp, demo_pack, tmp_path):
    """256 colours chosen for the picture: the notes list keeps its dark base colour and the
    disabled buttons their own grey, with no stripes of colours the window does not use."""
    from memberpack.gui.app import save_screenshots

    before = qapp.palette()
    try:
        paths = save_screenshots(demo_pack, tmp_path, dark=True)
    finally:
        qapp.setPalette(before)
    image = QImage(str(paths[1]))
    colours = {image.pixelColor(x, y).name() for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)}
    base = QColor("#1e1f22")   # the palette's Base, behind the notes list (to within the quantizer's rounding)
    assert any(max(abs(c.red() - base.red()), abs(c.green() - base.green()), abs(c.blue() - base.blue())) <= 4
               for c in map(QColor, colours))
    assert not any(c.red() < 60 and c.blue() > c.red() + 40 for c in map(QColor, colours))   # no blue bands


def test_a_screenshot_waits_for_a_long_table_to_be_read(qapp, tmp_path, monkeypatch):
    """A table of thousands of rows is read on a worker after its tab is shown: the picture is taken
    once it is in view, not while the tab says "Reading the table…"."""
    import csv as csv_module

    from memberpack.gui import app as app_module
    from memberpack.gui.large_table_view import LARGE_ROWS, LargeDatasetView
    from memberpack.importers import import_files

    source = tmp_path / "ledger.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv_module.writer(handle)
        writer.writerow(["Line", "Amount £", "Count"])
        writer.writerows([f"Line {r}", f"{r * 1.5:.1f}", str(r % 97)] for r in range(LARGE_ROWS + 1_000))
    pack_path = tmp_path / "long.mpack"
    with Pack.create(pack_path) as pack:
        import_files(pack, [source])
    reading_at_grab = []
    small_png = app_module._small_png

    def grabbed(image):
        reading_at_grab.append([w.count.text().startswith("Reading") for w in qapp.allWidgets()
                                if isinstance(w, LargeDatasetView)])
        return small_png(image)

    monkeypatch.setattr(app_module, "_small_png", grabbed)
    app_module.save_screenshots(pack_path, tmp_path / "shots")
    assert any(reading_at_grab) and not any(any(flags) for flags in reading_at_grab)
