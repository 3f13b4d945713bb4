"""The import wizard speaks its own words: the controls an officer uses, not the command line's
options, and layouts by their names, not their ids."""

from __future__ import annotations

import re
from pathlib import Path

from gui_test_data import write_workbook

import memberpack.importers
from memberpack.gui.import_wizard import ImportWizard
from memberpack.gui.wizard_words import in_wizard_words
from memberpack.store.pack import Pack

UNPRICED = [("Service", "Budget", "Forecast", "Variance"), ("Fostering", 120, 131, 11),
            ("Residential", 80, 95, 15), ("Total", 200, 226, 26)]


def test_the_report_and_the_doubt_name_the_wizards_controls(qtbot, demo_pack, tmp_path):
    """A spending table with no unit stated: the report told the officer to 'give it with --unit'
    and called the layout 'budget_monitor'."""
    wizard = ImportWizard(demo_pack, [write_workbook(tmp_path / "spend.xlsx", "Spend", UNPRICED)])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.preview_page
    assert "give it with the Unit list" in page.doubt.text() and "--" not in page.doubt.text()
    page.confirm.setChecked(True)
    wizard.next()
    report = wizard.report_page.report.toPlainText()
    assert "give it with the Unit list" in report
    assert "Budget monitor (columns name budget / projection / variance)" in report
    assert "no identifying columns" in report
    assert "--" not in report and "budget_monitor" not in report


def test_every_option_the_importers_advise_has_the_wizards_words():
    """Each ``--option`` an importer's message names is put in the wizard's words, so none reaches an officer."""
    source = Path(memberpack.importers.__file__).parent
    not_advice = {"--memberpack-reader", "--report", "--dry-run"}   # a flag and docstrings
    options = {m for f in source.glob("*.py") for m in re.findall(r"--[a-z][a-z-]+", f.read_text("utf-8"))}
    assert options - not_advice
    for option in options - not_advice:
        assert "--" not in in_wizard_words(f"name it with {option} to import it"), option


def test_the_officer_clears_a_period_read_from_the_titles(qtbot, demo_pack, tmp_path):
    """A period read from the title could not be cleared: a blank period box read it from the title
    again, so a return titled with last year's month went in with that month."""
    path = write_workbook(tmp_path / "spend.xlsx", "Spend", [("Budget monitoring Month 6 2023/24",), (),
                                                             ("Service", "Budget £k", "Forecast £k"),
                                                             ("Fostering", 120, 131), ("Residential", 80, 95)])
    wizard = ImportWizard(demo_pack, [path])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    page = wizard.preview_page
    assert page.period.text() == "2023/24 Month 6"
    page.period.clear()
    wizard.next()
    assert wizard.currentPage() is wizard.report_page
    assert "period not stated (cleared by hand)" in wizard.report_page.report.toPlainText()
    wizard.back()
    assert page.period.text() == "" and "period not stated (cleared by hand)" in page.detected.text()
    wizard.next()
    with qtbot.waitSignal(wizard.imported, timeout=10_000):
        wizard.button(wizard.WizardButton.FinishButton).click()
    with Pack.open(demo_pack) as pack:
        dataset = pack.datasets()[-1]
        assert dataset.period is None
        assert {o.period for o in pack.observations(dataset.id)} == {None}


def test_a_damaged_workbook_is_named_in_one_line_with_what_to_do(qtbot, demo_pack, tmp_path):
    """calamine's panic on a damaged .xls had read 'the reader failed (PanicException)'."""
    bad = tmp_path / "panics.xls"
    bad.write_bytes((Path(__file__).parents[1] / "unit" / "hostile" / "calamine_panics.xls").read_bytes())
    wizard = ImportWizard(demo_pack, [bad])
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next()
    assert wizard.currentPage() is wizard.files_page
    assert wizard.files_page.error.text() == ("panics.xls: the file is damaged or not a workbook that can be read; "
                                              "open it in Excel, save it again (as .xlsx) and import the saved copy")
