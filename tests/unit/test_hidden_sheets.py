"""Hidden sheets (lookups, workings) are not read unless named; the report says they were left."""

import pytest
from openpyxl import Workbook

from memberpack.cli import main
from memberpack.errors import ImportFailed
from memberpack.importers import import_files


def _book(path, *, visible=True):
    wb = Workbook()
    summary = wb.active
    summary.title = "Summary"
    for row in (["Service Area", "Current Budget £m"], ["Fieldwork", 9.1]):
        summary.append(row)
    lookups = wb.create_sheet("Lookups")
    for row in (["Code", "Rate %"], ["FW01", 2.5]):
        lookups.append(row)
    lookups.sheet_state = "hidden"
    if not visible:  # Excel shows at least one sheet: here only a chart sheet is left visible
        summary.sheet_state = "hidden"
        wb.create_chartsheet("Chart")
    wb.save(path)
    return path


def test_hidden_sheet_is_left_out_and_reported(tmp_path):
    (report,) = import_files(None, [_book(tmp_path / "budget.xlsx")], dry_run=True)
    assert [t.sheet for t in report.tables] == ["Summary"]
    assert "hidden sheet not read: Lookups (name one with --sheet to import it)" in report.warnings


def test_a_hidden_sheet_named_with_sheet_is_read(tmp_path, capsys):
    book = _book(tmp_path / "budget.xlsx")
    assert main(["import", str(tmp_path / "p.mpack"), str(book), "--sheet", "Lookups"]) == 0
    assert "[Lookups!" in capsys.readouterr().out


def test_every_sheet_hidden_is_a_clear_error(tmp_path):
    book = _book(tmp_path / "budget.xlsx", visible=False)
    with pytest.raises(ImportFailed, match=r"budget.xlsx: every sheet is hidden \(Summary, Lookups\)"):
        import_files(None, [book], dry_run=True)
