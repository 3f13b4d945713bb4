"""The import wizard's "These are fractions" box: shown where a table's percentages may be fractions,
it reads them as percentages (0.345 as 34.5%), the preview saying so, and the pack keeps who said it."""

from __future__ import annotations

import os
import re

from test_import_wizard import no_message_boxes  # noqa: F401 - autouse: any message box fails the test

from memberpack.gui.import_wizard import ImportWizard
from memberpack.store.pack import Pack

ATTENDANCE = "School,Pupils,Attendance %\nAshcombe,200,0.345\nBrent Knoll,310,0.951\nCastle Batch,250,0.5\n"


def _preview(qtbot, pack_path, path):
    wizard = ImportWizard(pack_path, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.next()
    return wizard, wizard.preview_page


def _cells(wizard) -> dict:
    return {o.cell: o for o in wizard.results[0].tables[0].observations}


def test_the_officer_says_the_percentages_are_fractions_and_the_preview_reads_them_so(qtbot, demo_pack, tmp_path):
    path = tmp_path / "attendance.csv"
    path.write_text(ATTENDANCE, encoding="utf-8")
    wizard, page = _preview(qtbot, demo_pack, path)
    assert page.tables.currentText().startswith("Unsure: attendance.csv")
    assert page.doubt.isVisible() and "if they are, tick ‘These are fractions’ below" in page.doubt.text()
    assert page.fractions.isVisible() and not page.fractions.isChecked()
    assert page.fractions.text() == "These are &fractions: 0.345 means 34.5%"   # Alt+F
    assert not page.isComplete()
    page.fractions.click()   # the preview is read again with the officer's word
    assert page.error.text() == ""
    cells = _cells(wizard)
    assert [(cells[c].value, cells[c].display) for c in ("C2", "C3", "C4")] == [
        (34.5, "0.345"), (95.1, "0.951"), (50.0, "0.5")]
    assert [cells[c].value for c in ("B2", "B3", "B4")] == [200, 310, 250]
    assert not page.doubt.isVisible() and not page.tables.currentText().startswith("Unsure")
    assert page.fractions.isVisible() and page.fractions.isChecked()
    assert "'Attendance %' read as percentages (0.345 as 34.5%), as you said" in page.detected.text()
    assert page.isComplete()
    shot = tmp_path / "wizard_fractions.png"
    assert page.grab().save(str(shot)) and shot.stat().st_size > 0
    if os.environ.get("MEMBERPACK_SHOTS"):   # to look at the page by eye
        page.grab().save(os.path.join(os.environ["MEMBERPACK_SHOTS"], "wizard_fractions.png"))
    wizard.next()
    report = wizard.report_page.report.toPlainText()
    assert re.search(r"assumed: the percentages of 'Attendance %' are fractions, as the officer said in the import "
                     r"wizard on \d\d/\d\d/\d{4}: read as percentages \(0.345 as 34.5%\)", report), report
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.button(wizard.WizardButton.FinishButton).click()
    with Pack.open(demo_pack) as pack:
        ds = pack.datasets()[-1]
        stored = {o.cell: o.value for o in pack.observations(ds.id)}
    assert (stored["C2"], stored["C3"], stored["B2"]) == (34.5, 95.1, 200)
    assert ds.layout["fractions"] == ["Attendance %"] and ds.layout["fractions_said"].startswith("in the import wizard")


def test_unticking_reads_them_as_written_again(qtbot, demo_pack, tmp_path):
    path = tmp_path / "attendance.csv"
    path.write_text(ATTENDANCE, encoding="utf-8")
    wizard, page = _preview(qtbot, demo_pack, path)
    page.fractions.click()
    assert _cells(wizard)["C2"].value == 34.5
    page.fractions.click()
    assert _cells(wizard)["C2"].value == 0.345
    assert page.doubt.isVisible() and page.tables.currentText().startswith("Unsure")
    assert page.fractions.isVisible() and not page.fractions.isChecked() and not page.isComplete()


def test_a_table_with_no_doubted_percentages_offers_no_box(qtbot, demo_pack, tmp_path):
    path = tmp_path / "rates.csv"
    path.write_text("School,Pupils,Attendance %\nAshcombe,200,34.5\nBrent Knoll,310,95.1\n", encoding="utf-8")
    _wizard, page = _preview(qtbot, demo_pack, path)
    assert not page.fractions.isVisible()


def test_other_choices_pending_are_read_with_the_word(qtbot, demo_pack, tmp_path):
    """A kind chosen but not yet read again is not lost when the box is ticked."""
    path = tmp_path / "attendance.csv"
    path.write_text(ATTENDANCE, encoding="utf-8")
    wizard, page = _preview(qtbot, demo_pack, path)
    page.kind.setCurrentIndex(page.kind.findData("kpi_scorecard"))
    page.fractions.click()
    table = wizard.results[0].tables[0]
    assert table.layout.kind == "kpi_scorecard" and _cells(wizard)["C2"].value == 34.5
    assert page.fractions.isChecked()


def test_the_word_holds_when_the_officer_goes_back_and_the_files_are_read_again(qtbot, demo_pack, tmp_path):
    path = tmp_path / "attendance.csv"
    path.write_text(ATTENDANCE, encoding="utf-8")
    wizard, page = _preview(qtbot, demo_pack, path)
    page.fractions.click()
    wizard.back()
    wizard.next()   # every file read again, with the officer's corrections
    assert wizard.currentPage() is page and _cells(wizard)["C2"].value == 34.5 and page.fractions.isChecked()
