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


def test_copies_of_sheets_linked_from_other_files_are_counted_not_listed(tmp_path):
    """LibreOffice keeps each sheet another file links to as a hidden table named by its address."""
    from odf.opendocument import OpenDocumentSpreadsheet  # noqa: PLC0415 - test extras
    from odf.style import Style, TableProperties  # noqa: PLC0415
    from odf.table import Table, TableCell, TableRow  # noqa: PLC0415
    from odf.text import P  # noqa: PLC0415

    doc = OpenDocumentSpreadsheet()
    hidden = Style(name="hidden", family="table")
    hidden.addElement(TableProperties(display=False))
    doc.automaticstyles.addElement(hidden)
    for name, style in (("Summary", None), ("Lookups", hidden), ("'file:///C:/forms/BR1.xls'#DATA", hidden),
                        ("'file:///C:/forms/BR1.xls'#Title", hidden)):
        table = Table(name=name, stylename=style) if style else Table(name=name)
        for values in (["Service Area", "Current Budget £m"], ["Fieldwork", 9.1]):
            row = TableRow()
            for value in values:
                cell = TableCell(valuetype="float", value=value) if isinstance(value, float) else TableCell(valuetype="string")
                cell.addElement(P(text=str(value)))
                row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.addElement(table)
    doc.save(str(tmp_path / "budget.ods"))
    (report,) = import_files(None, [tmp_path / "budget.ods"], dry_run=True)
    assert [t.sheet for t in report.tables] == ["Summary"]
    assert report.warnings == ["hidden sheet not read: Lookups (name one with --sheet to import it)",
                               "2 hidden copies of sheets linked from other files not read"]
