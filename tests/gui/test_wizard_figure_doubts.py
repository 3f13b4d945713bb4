"""The import wizard with a table unsure of its figures (a share of a whole over 100): correcting the
layout leaves it unsure, the banner says no correction answers it, and the officer's tick imports it
as read, still unsure."""

from __future__ import annotations

from test_import_wizard import no_message_boxes  # noqa: F401 - autouse: any message box fails the test

from memberpack.gui.import_wizard import ImportWizard
from memberpack.store.pack import Pack

SCORECARD = ("Measure,Target,Actual\nPercentage of EHC plans issued within 20 weeks,402,61.5\n"
             "Number of children looked after,400,388\nNumber of care leavers in touch,150,141\n")


def test_a_layout_corrected_in_the_wizard_leaves_the_figures_in_doubt(qtbot, demo_pack, tmp_path):
    path = tmp_path / "kpis.csv"
    path.write_text(SCORECARD, encoding="utf-8")
    wizard = ImportWizard(demo_pack, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.preview_page
    assert page.doubt.text().startswith("Unsure: the figures of 'Percentage of EHC plans issued within 20 weeks' go "
                                        "over 100 (up to 402)")
    assert page.doubt.text().endswith("Check the figures in the workbook, then tick the box at the bottom to import "
                                      "it as read.")
    page.header_rows.setText("1")
    page.label_column.setCurrentText("A")
    page.key_columns.setText("")
    assert page.apply_corrections()
    assert wizard.results[0].tables[0].report.layout_source == "set by hand"
    assert page.tables.currentText().startswith("Unsure: ") and "go over 100 (up to 402)" in page.doubt.text()
    assert not page.isComplete()
    page.confirm.setChecked(True)
    wizard.next()
    assert "doubt: the figures of 'Percentage of EHC plans" in wizard.report_page.report.toPlainText()
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.button(wizard.WizardButton.FinishButton).click()
    with Pack.open(demo_pack) as pack:
        ds = pack.datasets()[-1]
        assert ds.report["verdict"] == "unsure"
        assert {o.cell: o.value for o in pack.observations(ds.id)}["B2"] == 402
