"""A file that makes the reader abort, previewed in the import wizard: one line on the page, and the
app (this process) and the pack carry on."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from memberpack.gui.import_wizard import ImportWizard

CRASHES_CALAMINE = Path(__file__).parent.parent / "unit" / "hostile" / "calamine_aborts.xls"


def test_preview_of_a_file_that_aborts_the_reader_names_it_and_the_app_lives(qtbot, demo_pack, tmp_path,
                                                                                monkeypatch):
    monkeypatch.setattr(QMessageBox, "critical", staticmethod(lambda *a, **k: 0))
    bad = tmp_path / "month6.xls"
    bad.write_bytes(CRASHES_CALAMINE.read_bytes())
    before = Path(demo_pack).read_bytes()
    wizard = ImportWizard(demo_pack, [bad])
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    first = wizard.currentPage()
    wizard.next()
    assert wizard.currentPage() is first
    assert first.error.text() == ("month6.xls: the file could not be read: the reader failed (it crashed); open it in "
                                  "Excel, save it again (as .xlsx) and import the saved copy")
    assert Path(demo_pack).read_bytes() == before
