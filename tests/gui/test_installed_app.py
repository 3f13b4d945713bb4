"""What an installed app needs: a pack opened from the file manager, the platform's open-file event,
and a clear message when the demo pack cannot be made on first start."""

from __future__ import annotations

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from memberpack.cli.main import main
from memberpack.gui import app as app_module
from memberpack.gui.app import FileOpenHandler, run_app
from memberpack.gui.main_window import MainWindow
from memberpack.store.pack import Pack


def test_a_pack_given_alone_opens_in_the_app(monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(app_module, "run_app", lambda pack, smoke=False: opened.append(pack) or 0)
    assert main([str(tmp_path / "Committee Pack.MPACK")]) == 0
    assert opened == [str(tmp_path / "Committee Pack.MPACK")]


def test_the_platforms_open_file_event_opens_the_pack(qtbot, demo_pack, tmp_path):
    other = tmp_path / "other.mpack"
    Pack.create(other, committee="Audit Committee").close()
    window = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(window)
    FileOpenHandler(QApplication.instance(), window)
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(other)))
    assert window.pack.path == other
    assert "Audit Committee" in window.windowTitle()
    window.pack.close()


def test_first_start_says_why_the_demo_pack_cannot_be_made(qapp, monkeypatch, tmp_path, capsys):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the config folder should be")
    monkeypatch.setenv("MEMBERPACK_CONFIG_DIR", str(blocked / "memberpack"))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))
    assert run_app(None) == 1
    assert shown and "demo pack could not be created" in shown[0][1]
    assert str(blocked) in shown[0][1]
    assert "demo pack could not be created" in capsys.readouterr().err
