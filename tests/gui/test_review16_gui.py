"""A sixteenth review, as an officer, a councillor and a clerk use the app on a small laptop
(1366 by 768 and 1024 by 700): what they saw clipped, lost or misread."""

from __future__ import annotations

from gui_test_data import write_workbook
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel

from memberpack.assets import sample
from memberpack.gui.import_wizard import ImportWizard
from memberpack.gui.pack_details_dialog import PackDetailsDialog
from memberpack.store.pack import Pack

# The demo pack's tables whose names begin alike: the dialog had shown each as "Table 23/24 Budget
# Monitoring", cut after three lines, so a clerk could not tell which one they classified.
ALIKE = ["23/24 Budget Monitoring Report Forecast outturn as at the end of September (Month 6) General Fund",
         "23/24 Budget Monitoring Report Forecast outturn: Dedicated Schools Grant (DSG)",
         "23/24 Budget Monitoring Report Forecast outturn: Dedicated Schools Grant (DSG): Balance b/f"]


def test_pack_details_fit_the_screen_and_name_every_table_whole(qtbot):
    """The demo pack's 21 tables made Pack details 1,500 pixels tall (OK and Cancel below a 768-pixel
    screen) and cut each table's name to three squeezed lines."""
    tables = [(f"k{n}", ALIKE[n % 3] + f" {n}", None) for n in range(20)] + [("k20", "Fostering & Permanence", None)]
    dialog = PackDetailsDialog({"title": "Pack"}, None, tables)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    screen = QApplication.primaryScreen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons.isVisible() and buttons.geometry().bottom() <= dialog.height()
    names = {label.text(): label for label in dialog.findChildren(QLabel) if not label.buddy()}
    for _key, name, _paragraph in tables:
        label = names[name]   # the table's own name, whole, not "Table ..." cut short
        assert label.height() >= label.heightForWidth(label.width()), name


def _spend_on_preview(qtbot, demo_pack, tmp_path):
    """The import wizard on a small spending table, at its preview page: the wizard and the page."""
    path = write_workbook(tmp_path / "spend.xlsx", "Spend", [("Service", "Budget", "Forecast"),
                                                             ("Fostering", 120, 131), ("Residential", 80, 95)])
    wizard = ImportWizard(demo_pack, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    return wizard, wizard.preview_page


def _finish(qtbot, wizard) -> None:
    """Press Finish and wait for the import to land."""
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.button(wizard.WizardButton.FinishButton).click()


def test_a_unit_chosen_in_the_wizard_is_used_without_reading_again_first(qtbot, demo_pack, tmp_path):
    """An officer chose £k and pressed Next: the choice was dropped unless 'Read again' had been
    pressed first, and the figures went into the pack as £120 rather than £120,000."""
    wizard, page = _spend_on_preview(qtbot, demo_pack, tmp_path)
    page.unit.setCurrentIndex(page.unit.findData("£k"))
    wizard.next()
    assert wizard.currentPage() is wizard.report_page
    assert "1 table read as you corrected it" in wizard.report_page.report.toPlainText()
    _finish(qtbot, wizard)
    with Pack.open(demo_pack) as pack:
        ds = pack.datasets()[-1]
        assert {(o.label, o.value) for o in pack.observations(ds.id) if o.measure.startswith("Budget")} == {
            ("Fostering", 120_000), ("Residential", 80_000)}


def test_choices_that_cannot_be_used_keep_the_officer_on_the_preview(qtbot, demo_pack, tmp_path):
    path = write_workbook(tmp_path / "spend.xlsx", "Spend", [("Service", "Budget"), ("Fostering", 120)])
    wizard = ImportWizard(demo_pack, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.preview_page
    page.header_rows.setText("none")
    wizard.next()
    assert wizard.currentPage() is page
    assert page.error.text() == "Header rows: give row numbers, such as 3 or 3, 4."


def test_choices_for_one_table_are_kept_when_another_is_picked(qtbot, demo_pack):
    """Picking the next table in the list had dropped the choices made for the one in view."""
    wizard = ImportWizard(demo_pack, [sample("03_dsg_blocks.xlsx")])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.preview_page
    assert page.tables.count() >= 2
    page.tables.setCurrentIndex(0)
    first = page.tables.currentText()
    page.unit.setCurrentIndex(page.unit.findData("£k"))
    page.tables.setCurrentIndex(1)
    assert page.tables.currentIndex() == 1 and page.tables.currentText() != first
    [corrected] = next(iter(wizard.overrides.values()))
    assert corrected.unit == "£k"


def test_variance_bar_figures_show_whole_in_a_narrow_chart(qtbot):
    """At 1024 by 700 the Finance chart is about 420 pixels wide: the largest overspend read '£10.'
    and each underspend 'm) (F)', the rest of its figure off the chart or under the service names."""
    import pyqtgraph as pg

    from memberpack.gui.charts import ChartView
    from memberpack.model.charts import BAR, ChartSpec, Series
    from memberpack.model.units import GBP

    spec = ChartSpec(id="t#bar", kind=BAR, title="Net overspend", summary="",
                     categories=["Prevention Services", "Fostering & Permanence", "External Placements",
                                 "Fieldwork", "Special Educational Needs and Disabilities (SEND) Services"],
                     series=[Series("Month 6 Variance", [100_000.0, -700_000.0, 10_400_000.0, 900_000.0, -500_000.0],
                                    statuses=["adverse", "favourable", "adverse", "adverse", "favourable"])],
                     unit=GBP, source="t.xlsx", y_label="£m", scale=1e6, decimals=1)
    for width in (420, 700):
        chart = ChartView(spec)
        qtbot.addWidget(chart)
        chart.resize(width, 300)
        chart.show()
        qtbot.waitExposed(chart)
        qtbot.wait(50)   # the labels take their place in the scene at the first paint
        box = chart.plot.getViewBox().sceneBoundingRect()
        labels = [i for i in chart.plot.getPlotItem().items if isinstance(i, pg.TextItem)]
        assert len(labels) == 5
        for label in labels:
            rect = label.sceneBoundingRect()
            assert box.left() <= rect.left() and rect.right() <= box.right(), (width, label.toPlainText())


def test_how_we_compare_keeps_its_measures_readable_in_a_narrow_tab(window, qtbot):
    """At 1024 by 700 the scorecard's 'How we compare' squeezed its Measure column to a few pixels:
    each measure showed as a column of '…' and 'of c…', so no figure said what it measured."""
    from memberpack.gui.comparison_view import MEASURE, ComparisonView

    scorecard = next(d for d in window.pack.datasets() if d.name.startswith("Performance Monitoring: Key"))
    assert window.tabs.reveal(scorecard.key)
    found = window.tabs.domain_view(window.tabs.currentIndex()).current_view().comparisons.model.comparisons
    view = ComparisonView(found)
    qtbot.addWidget(view)
    view.resize(420, 600)
    view.show()
    qtbot.waitExposed(view)
    table = view.table
    assert table.columnWidth(MEASURE) >= 20 * table.fontMetrics().averageCharWidth()
    assert table.viewport().height() >= table.verticalHeader().length()   # every row whole, above the scroll bar


def test_the_export_dialog_fits_a_1024_pixel_screen(qtbot, demo_pack):
    """Export was 1,038 pixels wide at its narrowest (six section boxes in one row beside the
    preview): on a 1024 by 700 laptop its Cancel button was off the screen."""
    from pathlib import Path

    from memberpack.gui.export_dialog import ExportDialog

    dialog = ExportDialog(Path(demo_pack), suffix=".pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.minimumSizeHint().width() <= 1024 - 40 and dialog.minimumSizeHint().height() <= 700 - 60
    assert dialog.width() <= 1000
    dialog.cancel_jobs()


def test_tab_reaches_how_we_compare_and_the_filter(window, qtbot):
    """Keyboard only, Tab went from a tab's table straight to the notes panel: 'How we compare' (whose
    rows choose the trend chart) and the filter box were out of reach."""
    from PySide6.QtCore import Qt

    scorecard = next(d for d in window.pack.datasets() if d.name.startswith("Performance Monitoring: Key"))
    assert window.tabs.reveal(scorecard.key)
    view = window.tabs.domain_view(window.tabs.currentIndex()).current_view()
    window.activateWindow()
    view.table.setFocus()
    qtbot.waitUntil(view.table.hasFocus)
    qtbot.keyClick(view.table, Qt.Key.Key_Tab)
    assert view.comparisons.table.hasFocus()
    qtbot.keyClick(view.comparisons.table, Qt.Key.Key_Tab)
    assert view.filter.hasFocus()
    qtbot.keyClick(view.filter, Qt.Key.Key_Tab)
    assert window.notes.isAncestorOf(QApplication.focusWidget())


def test_a_note_being_edited_stays_named_by_its_own_figure(window, qtbot):
    """Editing a note, then clicking another row, the panel said 'On: <the new row>' above 'Save
    changes', as if the note would move there; it is saved on its own figure, and now says so."""
    from memberpack.gui import note_targets

    panel = window.notes
    panel.list.setCurrentRow(0)
    panel.edit_selected()
    assert panel.about.text().startswith("Editing a note on: ")
    editing = panel.about.text()
    panel.set_target(note_targets.Target())   # another figure (here the whole pack) selected
    assert panel.about.text() == editing
    panel.stop_editing()
    assert panel.about.text().startswith("On: ")


def test_the_officer_sets_the_period_a_table_reports(qtbot, demo_pack, tmp_path):
    """The wizard let an officer correct the unit but not the period: a return whose titles state no
    period went in as 'period not stated', or one read from the file's name as the wrong month."""
    wizard, page = _spend_on_preview(qtbot, demo_pack, tmp_path)
    assert page.period.text() == "" and "period not stated" in page.detected.text()
    page.period.setText("last month")
    wizard.next()
    assert wizard.currentPage() is page
    assert page.error.text() == "Period: write it as 2023/24 Month 6, Q3 2020/21, 2022/23 or Sep 2023."
    page.period.setText("M7 2023/24")
    wizard.next()   # a period answers no doubt about the money's unit: the table is still unsure
    assert wizard.currentPage() is page and "look like money but no unit" in page.doubt.text()
    assert "period 2023/24 Month 7" in page.detected.text()
    page.confirm.setChecked(True)
    wizard.next()
    assert "period 2023/24 Month 7 (set by hand)" in wizard.report_page.report.toPlainText()
    _finish(qtbot, wizard)
    with Pack.open(demo_pack) as pack:
        assert pack.datasets()[-1].period == "2023/24 Month 7"
