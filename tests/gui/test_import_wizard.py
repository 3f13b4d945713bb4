"""The import wizard: preview, report, import in the background, cancel, and a bad file."""

from __future__ import annotations

import threading

import pytest
from gui_test_data import write_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from memberpack.analysis.narrative import doubt_line
from memberpack.assets import sample
from memberpack.errors import Cancelled
from memberpack.gui.import_preview import HEADER_COLOUR, KEY_COLOUR, LABEL_COLOUR
from memberpack.gui.import_wizard import ImportWizard
from memberpack.importers import engine, isolation
from memberpack.store.pack import Pack


@pytest.fixture(autouse=True)
def no_message_boxes(monkeypatch):
    """Any QMessageBox would block the test: record it and fail instead."""
    shown = []
    for name in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, name, staticmethod(lambda *a, **k: shown.append(a) or 0))
    yield
    assert shown == []


def table_count(path) -> int:
    with Pack.open(path) as pack:
        return len(pack.datasets())


def open_wizard(qtbot, pack_path, files) -> ImportWizard:
    wizard = ImportWizard(pack_path, files)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def test_the_reader_starts_on_a_file_as_soon_as_it_is_picked(qtbot, demo_pack, cla_rate_xlsx, tmp_path):
    """The reader kept ready is told the first file when it is added, so its parse is under way before
    Next; the preview still reads exactly that file."""
    wizard = open_wizard(qtbot, demo_pack, [])
    assert isolation._spare is not None and not isolation._spare.told
    wizard.files_page.add_files([cla_rate_xlsx])
    assert isolation._spare.told
    wizard.next()
    assert "cla_rate.xlsx › CLA rate" in wizard.preview_page.tables.currentText()


def test_a_wizard_closed_unread_leaves_no_reader_told_of_its_files(qtbot, demo_pack, cla_rate_xlsx):
    """A wizard cancelled with files picked had left its spare reader parsing the first of them: the
    next wizard found a reader told of another file already (and its test failed after the main
    window's, which drops a workbook and cancels)."""
    wizard = open_wizard(qtbot, demo_pack, [cla_rate_xlsx])
    told = isolation._spare
    assert told is not None and told.told
    wizard.reject()
    assert isolation._spare is None and told.process.poll() is not None
    open_wizard(qtbot, demo_pack, [])
    assert isolation._spare is not None and not isolation._spare.told


def test_wizard_previews_reports_and_imports(qtbot, monkeypatch, demo_pack, cla_rate_xlsx):
    before = table_count(demo_pack)
    wizard = open_wizard(qtbot, demo_pack, [cla_rate_xlsx])
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page
    page = wizard.preview_page
    assert "cla_rate.xlsx › CLA rate" in page.tables.currentText()
    model = page.grid.model()
    assert model.index(0, 1).data() == "2020/21"
    assert model.index(0, 1).data(Qt.ItemDataRole.BackgroundRole).color().name() == HEADER_COLOUR
    assert model.index(2, 0).data() == "England"
    assert model.index(2, 0).data(Qt.ItemDataRole.BackgroundRole).color().name() == LABEL_COLOUR
    page.kind.setCurrentIndex(page.kind.findData("kpi_scorecard"))
    page.apply.click()
    assert page.error.text() == ""
    assert wizard.results[0].tables[0].layout.kind == "kpi_scorecard"
    wizard.next()
    report = wizard.report_page.report.toPlainText()
    assert "cla_rate.xlsx" in report and "1 table read as you corrected it" in report
    monkeypatch.setattr(engine, "read_tables", lambda *a, **k: pytest.fail("the file was read again"))
    with qtbot.waitSignal(wizard.imported, timeout=10_000) as done:
        wizard.button(wizard.WizardButton.FinishButton).click()
    assert [r.file for r in done.args[0]] == ["cla_rate.xlsx"]
    assert table_count(demo_pack) == before + 1
    with Pack.open(demo_pack) as pack:
        ds = pack.datasets()[-1]
        assert ds.kind == "kpi_scorecard"
        obs = next(o for o in pack.observations(ds.id) if o.label == "CLA rate per 10,000" and o.measure == "2022/23")
        assert (obs.value, obs.cell) == (53.7, "D2")


def test_officer_corrects_the_unit(qtbot, demo_pack, tmp_path):
    path = write_workbook(tmp_path / "spend.xlsx", "Spend", [("Service", "Budget", "Forecast"),
                                                             ("Fostering", 120, 131), ("Residential", 80, 95)])
    wizard = open_wizard(qtbot, demo_pack, [path])
    wizard.next()
    page = wizard.preview_page
    assert page.header_rows.text() == "1" and page.label_column.currentText() == "A"
    page.unit.setCurrentIndex(page.unit.findData("£k"))
    page.apply.click()
    fostering = next(o for o in wizard.results[0].tables[0].observations
                     if o.label == "Fostering" and o.measure.startswith("Budget"))
    assert (fostering.value, fostering.unit, fostering.cell) == (120_000, "GBP", "B2")
    page.header_rows.setText("none")
    page.apply.click()
    assert page.error.text() == "Header rows: give row numbers, such as 3 or 3, 4."
    page.header_rows.setText("1")   # Next reads choices not yet read again: the bad one first put right
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.button(wizard.WizardButton.FinishButton).click()
    with Pack.open(demo_pack) as pack:
        ds = pack.datasets()[-1]
        assert {(o.label, o.value) for o in pack.observations(ds.id) if o.measure.startswith("Budget")} == {
            ("Fostering", 120_000), ("Residential", 80_000)}


def test_cancel_leaves_the_pack_as_it_was(qtbot, monkeypatch, demo_pack, cla_rate_xlsx):
    started = threading.Event()

    def slow_store(pack, path, tables, report, sha256, *, cancel=None, **_options):
        started.set()
        while not cancel():
            threading.Event().wait(0.01)
        raise Cancelled()

    before = table_count(demo_pack)
    wizard = open_wizard(qtbot, demo_pack, [cla_rate_xlsx])
    wizard.next()
    wizard.next()
    monkeypatch.setattr(engine, "_store_tables", slow_store)
    with qtbot.waitSignal(wizard.report_page.progress.valueChanged, raising=False, timeout=2000):
        wizard.button(wizard.WizardButton.FinishButton).click()
    assert wizard.report_page.progress.isVisible()
    qtbot.waitUntil(started.is_set)
    with qtbot.waitSignal(wizard.job.cancelled, timeout=10_000):
        wizard.button(wizard.WizardButton.CancelButton).click()
    assert wizard.isVisible()  # the officer sees the outcome before closing
    assert wizard.report_page.status.text() == "Cancelled; nothing was changed."
    assert table_count(demo_pack) == before
    wizard.button(wizard.WizardButton.CancelButton).click()
    assert not wizard.isVisible()


def test_a_file_changed_after_its_preview_is_not_imported(qtbot, demo_pack, tmp_path):
    path = write_workbook(tmp_path / "spend.xlsx", "Spend", [("Service", "Budget £k"), ("Fostering", 120)])
    before = table_count(demo_pack)
    wizard = open_wizard(qtbot, demo_pack, [path])
    wizard.next()
    wizard.next()
    write_workbook(path, "Spend", [("Service", "Budget £k"), ("Fostering", 999)])   # saved again meanwhile
    wizard.button(wizard.WizardButton.FinishButton).click()
    qtbot.waitUntil(lambda: wizard.job is None, timeout=10_000)
    assert wizard.report_page.status.text() == ("spend.xlsx: changed since it was read for the preview (go back and "
                                                "read it again) The pack was not changed.")
    assert table_count(demo_pack) == before


def test_bad_file_shows_its_one_line_error(qtbot, demo_pack, tmp_path):
    bad = tmp_path / "budget.xlsx"
    bad.write_text("this is not a workbook", encoding="utf-8")
    before = table_count(demo_pack)
    wizard = open_wizard(qtbot, demo_pack, [bad])
    wizard.next()
    assert wizard.currentPage() is wizard.files_page
    message = wizard.files_page.error.text()
    assert message.startswith("budget.xlsx: ") and "\n" not in message
    assert table_count(demo_pack) == before


def test_wizard_opens_on_an_unsure_table_and_marks_a_key_column(qtbot, demo_pack, tmp_path):
    rows = [["Area", "Phase", "Pupils"]] + [[area, phase, 10 * phase + n] for phase in (1, 2, 3)
                                             for n, area in enumerate(("Somerset", "Devon"))]
    rows = [row + [None] * 20 + ["Notes"] for row in rows]   # a wide sheet: every column scrolls into view
    path = write_workbook(tmp_path / "phases.xlsx", "Pupils", rows)
    wizard = open_wizard(qtbot, demo_pack, [path])
    wizard.next()
    page = wizard.preview_page
    assert page.tables.currentText().startswith("Unsure: phases.xlsx")
    assert page.doubt.isVisible() and "repeat another row's label" in page.doubt.text()
    assert not page.isComplete()                 # not imported silently
    assert page.grid.model().columnCount() == 24
    page.key_columns.setText("B")
    page.apply.click()
    assert page.error.text() == ""
    table = wizard.results[0].tables[0]
    assert table.report.verdict != "unsure" and table.layout.key_columns == ("B",)
    obs = {o.cell: o for o in table.observations}
    assert (obs["C7"].label, obs["C7"].section, obs["C7"].value) == ("Devon", "3", 31)
    assert page.isComplete() and not page.doubt.isVisible()
    assert page.grid.model().index(1, 1).data(Qt.ItemDataRole.BackgroundRole).color().name() == KEY_COLOUR
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.button(wizard.WizardButton.FinishButton).click()


def test_an_unsure_table_is_imported_only_when_confirmed(qtbot, demo_pack, tmp_path):
    rows = [["Rates"], [], ["Somerset", 933, 12.5, 14], ["Devon", 878, 11, 13.5], ["Dorset", 835, 10, 9]]
    path = write_workbook(tmp_path / "rates.xlsx", "Rates", rows)
    before = table_count(demo_pack)
    wizard = open_wizard(qtbot, demo_pack, [path])
    wizard.next()
    page = wizard.preview_page
    assert "no header row found" in page.doubt.text()
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    page.confirm.setChecked(True)
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.button(wizard.WizardButton.FinishButton).click()
    assert table_count(demo_pack) == before + 1
    with Pack.open(demo_pack) as pack:   # and its tab, its PDF section and the headlines say so
        assert "no header row found" in doubt_line(pack.datasets()[-1])


def test_a_file_already_in_the_pack_is_warned_about_and_can_be_imported_again(qtbot, demo_pack):
    m6 = sample("01_budget_monitor_m6_2023-24.xlsx")
    with Pack.open(demo_pack) as pack:
        first = next(d for d in pack.datasets() if d.source_file == m6.name)
        when = engine.already_imported(pack, first.sha256)
    wizard = open_wizard(qtbot, demo_pack, [m6])
    wizard.next()
    wizard.next()
    warning = wizard.report_page.repeats
    assert warning.isVisible() and warning.text() == (
        f"{m6.name} is already in the pack (imported on {when}). Importing it again adds a copy of the same "
        "figures; go Back to leave it out.")
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.button(wizard.WizardButton.FinishButton).click()
    with Pack.open(demo_pack) as pack:
        versions = pack.versions(first.key)
        assert [d.source_file for d in versions] == ["00_budget_monitor_m5_2023-24.xlsx", m6.name, m6.name]
        assert versions[-1].id == next(d.id for d in pack.datasets() if d.key == first.key) != first.id


def test_a_new_file_brings_no_warning(qtbot, demo_pack, cla_rate_xlsx):
    wizard = open_wizard(qtbot, demo_pack, [cla_rate_xlsx])
    wizard.next()
    wizard.next()
    assert not wizard.report_page.repeats.isVisible() and wizard.repeats == {}



def test_the_preview_shows_cells_as_the_spreadsheet_does(qtbot, demo_pack, tmp_path):
    """Whole numbers without ``.0``, dates as 30/09/2024, and the reading's summary as plain words (no
    mark-up shown as text)."""
    from datetime import datetime

    path = write_workbook(tmp_path / "monitor.xlsx", "Monitor", [
        ["Service", "Budget £k", "Spend £k", "Reported"],
        ["Libraries", 120, 0.7000000000000011, datetime(2024, 9, 30)],
        ["Parks", 95.5, 40, datetime(2024, 9, 30, 14, 5)]])
    wizard = open_wizard(qtbot, demo_pack, [path])
    wizard.next()
    page = wizard.preview_page
    model = page.grid.model()
    cells = {(r, c): model.index(r, c).data() for r in range(model.rowCount()) for c in range(model.columnCount())}
    assert {"120", "0.7", "30/09/2024", "95.5", "40", "30/09/2024 14:05"} <= set(cells.values())
    assert page.detected.text().startswith("Read as Budget monitor (") and "<" not in page.detected.text()


def test_counts_of_one_read_in_the_singular(qtbot, demo_pack, tmp_path):
    """The wizard said "header row(s) 1", "1 rows, 1 figures" and "1 table(s) read as you corrected them"."""
    path = write_workbook(tmp_path / "spend.xlsx", "Spend", [("Service", "Budget £k"), ("Fostering", 120)])
    wizard = open_wizard(qtbot, demo_pack, [path])
    wizard.next()
    page = wizard.preview_page
    assert "header row 1, " in page.detected.text() and page.detected.text().endswith("; 1 row, 1 figure.")
    page.unit.setCurrentIndex(page.unit.findData("£m"))
    page.apply.click()
    wizard.next()
    assert "  1 table read as you corrected it" in wizard.report_page.report.toPlainText().splitlines()


def test_next_is_enabled_for_files_given_when_the_wizard_opens(qtbot, demo_pack, cla_rate_xlsx):
    """A workbook dropped on the window (or given to File › Import) was listed, but Next stayed greyed
    out: the files were counted before the page joined the wizard, so the count never changed."""
    wizard = open_wizard(qtbot, demo_pack, [cla_rate_xlsx])
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()
    wizard.files_page.list.takeItem(0)
    assert not wizard.button(wizard.WizardButton.NextButton).isEnabled()
    wizard.files_page.add_files([cla_rate_xlsx])
    assert wizard.button(wizard.WizardButton.NextButton).isEnabled()
