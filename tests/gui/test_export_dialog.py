"""The Export dialog driven through each option, its preview, Print to a PDF printer and Stop; and
the Pack details dialog's front matter."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog

from memberpack.gui.export_dialog import ExportDialog
from memberpack.gui.pack_details_dialog import PackDetailsDialog
from memberpack.model.front_matter import recommendations
from memberpack.model.metrics import DOMAINS


@pytest.fixture
def dialog(qtbot, demo_pack):
    d = ExportDialog(Path(demo_pack), suffix=".pdf")
    qtbot.addWidget(d)
    return d


def _preview_shows(qtbot, dialog: ExportDialog, text: str) -> None:
    qtbot.waitUntil(lambda: text in dialog.preview.toPlainText(), timeout=30_000)


def test_each_format_version_section_and_private_notes(qtbot, dialog, demo_pack):
    folder = Path(demo_pack).parent
    assert dialog.options() == {"out": folder / "demo.pdf", "include_private": False, "version": "public",
                                "sections": None}
    for button in dialog.formats.buttons():
        button.setChecked(True)
        suffix = button.property("suffix")
        assert dialog.options()["out"] == folder / f"demo{suffix}"
        assert all(box.isEnabled() == (suffix != ".json") for box in dialog.sections.values())
        assert dialog.print_button.isEnabled() == (suffix != ".json")
    dialog.formats.buttons()[1].setChecked(True)  # HTML
    for domain in DOMAINS[1:]:
        dialog.sections[domain].setChecked(False)
    dialog.private.setChecked(True)
    dialog.version.setCurrentIndex(1)
    assert dialog.options() == {"out": folder / "demo.html", "include_private": True, "version": "full",
                                "sections": ["finance"]}
    dialog.sections["finance"].setChecked(False)
    assert not dialog.export_button.isEnabled() and not dialog.print_button.isEnabled()


def test_output_file_is_chosen_with_the_format_suffix(dialog, tmp_path, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(tmp_path / "paper"), "")))
    dialog.browse()
    assert dialog.options()["out"] == tmp_path / "paper.pdf"


def test_preview_shows_the_cover_contents_and_headlines_of_the_chosen_sections(qtbot, dialog):
    _preview_shows(qtbot, dialog, "Headline summary")
    text = dialog.preview.toPlainText()
    assert "Children's services: budget and performance, Month 6 2023/24" in text
    assert "Tuesday 12 December 2023" in text and "Social care" in text
    for domain in DOMAINS[1:]:
        dialog.sections[domain].setChecked(False)
    _preview_shows(qtbot, dialog, "This export holds only these sections: Finance.")
    dialog.grab().save(str(Path(dialog.pack_path).parent / "export_dialog.png"))


def test_print_lays_out_the_briefing_for_a_pdf_printer(qtbot, dialog, tmp_path, monkeypatch):
    out = tmp_path / "printed.pdf"

    def to_file(print_dialog: QPrintDialog) -> int:
        printer = print_dialog.printer()
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", to_file)
    with qtbot.waitSignal(dialog.printed, timeout=60_000) as printed:
        dialog.print_button.click()
        assert not dialog.stop.isHidden()
    assert printed.args == [True]
    reader = pypdf.PdfReader(out)
    text = unicodedata.normalize("NFKC", " ".join(" ".join(p.extract_text().split()) for p in reader.pages))
    assert len(reader.pages) > 10 and "Every question members have asked" in text and "External Placements" in text
    assert any("/XObject" in p["/Resources"] for p in reader.pages)   # the charts, drawn from their SVG


def test_print_cancelled_in_the_print_dialog_prints_nothing(qtbot, dialog, monkeypatch):
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    with qtbot.waitSignal(dialog.printed, timeout=60_000) as printed:
        dialog.print_button.click()
    assert printed.args == [False]


def test_stop_cancels_the_layout_in_the_background(qtbot, dialog):
    dialog.print_button.click()
    with qtbot.waitSignal(dialog.printed, timeout=60_000) as printed:
        dialog.stop.click()
    assert printed.args == [False]
    assert dialog.stop.isHidden() and "cancelled" in dialog.status.text()


def test_pack_details_keep_the_front_matter_and_an_unset_date(qtbot):
    dialog = PackDetailsDialog({"title": "Pack", "council": "Somerset Council",
                                "recommendations": '["Note the position."]'})
    qtbot.addWidget(dialog)
    assert not dialog.has_date.isChecked() and not dialog.meeting_date.isEnabled()
    dialog.lines["agenda_item"].setText(" 7 ")
    dialog.lines["contact_email"].setText("clerk@somerset.example")
    dialog.texts["recommendations"].setPlainText("Note the position.\n\nAgree the questions.")
    dialog.texts["purpose"].setPlainText("To inform\nthe committee.")
    values = dialog.values()
    assert values["meeting_date"] == "" and values["agenda_item"] == "7" and values["council"] == "Somerset Council"
    assert recommendations(values) == ["Note the position.", "Agree the questions."]
    assert values["purpose"] == "To inform the committee." and values["contact_email"] == "clerk@somerset.example"
    dialog.has_date.setChecked(True)
    assert dialog.values()["meeting_date"] == dialog.meeting_date.date().toString("dd/MM/yyyy")


@pytest.mark.parametrize(("stored", "shown"), [
    ("Exempt", "Exempt"), ("Top secret", "Exempt (its classification is 'Top secret', neither Public nor Exempt"),
    (None, "Exempt (its classification is not set")], ids=["exempt", "unknown", "unset"])
def test_a_pack_exempt_as_a_whole_offers_only_the_full_version(qtbot, demo_pack, stored, shown):
    db = sqlite3.connect(demo_pack)
    with db:
        if stored is None:
            db.execute("DELETE FROM meta WHERE key = 'classification'")
        else:
            db.execute("UPDATE meta SET value = ? WHERE key = 'classification'", (stored,))
    db.close()
    dialog = ExportDialog(Path(demo_pack), suffix=".pdf")
    qtbot.addWidget(dialog)
    public = dialog.version.findData("public")
    assert not dialog.version.model().item(public).isEnabled()
    assert dialog.version.currentData() == "full" and dialog.options()["version"] == "full"
    why = dialog.version.itemData(public, Qt.ItemDataRole.ToolTipRole)
    assert why.startswith(f"No public version: the whole pack is {shown}") and "File > Pack details" in why
    assert dialog.version.toolTip() == why
    dialog.version.setFocus()
    qtbot.keyClick(dialog.version, Qt.Key.Key_Up)   # the clerk tries to reach Public from the keyboard
    assert dialog.version.currentData() == "full"
    _preview_shows(qtbot, dialog, "Headline summary")
    assert "no public version" not in dialog.status.text()


def test_a_public_pack_offers_the_public_version_first(qtbot, dialog):
    public = dialog.version.findData("public")
    assert dialog.version.model().item(public).isEnabled() and dialog.version.currentIndex() == public
    assert dialog.version.itemData(public, Qt.ItemDataRole.ToolTipRole) is None


def test_the_main_window_tells_the_export_dialog_the_pack_is_exempt(qtbot, demo_pack, monkeypatch):
    from memberpack.gui.main_window import MainWindow
    from memberpack.store.pack import Pack

    window = MainWindow(Pack.open(demo_pack))
    qtbot.addWidget(window)
    window.pack.set_meta(classification="Exempt")
    shown = []
    monkeypatch.setattr(ExportDialog, "exec", lambda d: shown.append(d.version.currentData()) or 0)
    window.export(".pdf")
    assert shown == ["full"]
    window.pack.close()
