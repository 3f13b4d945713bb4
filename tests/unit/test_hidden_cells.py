"""Hidden columns and rows are read like the others, and the import report names, sheet by sheet,
those that held figures read (a hidden sheet is left out and said so: tests/unit/test_hidden_sheets.py)."""

from awkward_workbooks import write_ods
from openpyxl import Workbook

from memberpack.importers import import_files, read_file
from memberpack.importers.ods_formats import _parsed


def _budget(path, *, rows=60):
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Service", "Budget £k", "Actual £k", "Working 1", "Working 2", "Notes", "Variance £k"])
    for i in range(rows):
        ws.append([f"Service {i}", 100 + i, 90 + i, 1.5, 2.5, "checked", 10 + i])
    ws.append(["Total", 1, 2, 3, 4, None, 5])   # (read cell by cell, not in a block)
    for letter in "DEF":   # D and E hold figures, F only words
        ws.column_dimensions[letter].hidden = True
    for r in (5, 6, 7, 30, rows + 2):
        ws.row_dimensions[r].hidden = True
    other = wb.create_sheet("Open")
    other.append(["Service", "Budget £k"])
    other.append(["Roads", 5])
    wb.save(path)
    return path


def test_hidden_columns_and_rows_are_read_and_named_in_the_report(tmp_path):
    result = read_file(_budget(tmp_path / "budget.xlsx"))
    (table, _) = result.tables
    cells = {o.cell: o for o in table.observations}
    assert cells["D2"].value == 1.5 and cells["B5"].value == 103_000   # read as if shown
    assert result.report.warnings == [
        "warning: sheet 'Budget': hidden columns D:E were read (122 figures)",
        "warning: sheet 'Budget': hidden rows 5:7, 30, 62 were read (25 figures)"]


def test_the_printed_report_counts_them_against_that_sheets_tables_only(tmp_path):
    (report,) = import_files(None, [_budget(tmp_path / "budget.xlsx", rows=8)], dry_run=True)
    lines = report.lines()
    assert "  warning: sheet 'Budget': hidden columns D:E were read (18 figures)" in lines
    assert "  warning: sheet 'Budget': hidden rows 5:7, 10 were read (20 figures)" in lines
    budget, other = report.tables
    assert len(budget.warnings) == 2 and not other.warnings


def test_hidden_columns_of_xls_and_ods_workbooks_are_named_too(tmp_path):
    import xlwt  # noqa: PLC0415 - test extras

    rows = [["Service", "Budget", "Working", "Working 2", "Actual"]] + [[f"S{i}", 100 + i, 1.5, 2.5, 90 + i] for i in range(5)]
    book = xlwt.Workbook()
    sheet = book.add_sheet("Budget")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    sheet.col(2).hidden = sheet.col(3).hidden = True
    book.save(str(tmp_path / "budget.xls"))
    write_ods(tmp_path / "budget.ods", {"Budget": rows}, hidden_columns={"Budget": {2, 3}})
    for name in ("budget.xls", "budget.ods"):
        result = read_file(tmp_path / name)
        assert result.report.warnings == ["warning: sheet 'Budget': hidden columns C:D were read (10 figures)"], name
    assert _parsed(tmp_path / "budget.ods", ["Budget"])["Budget"].hidden_columns == {2, 3}   # the parser's reading too


def test_hidden_tags_are_found_across_the_pieces_a_sheet_is_scanned_in():
    from memberpack.importers.formats import SheetScan  # noqa: PLC0415

    xml = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols>'
           b'<col min="2" max="3" width="9" hidden="1"/><col min="4" max="4" hidden="0"/>'
           b"<col min='6' max='6' hidden='true'/></cols><sheetData>"
           b'<row r="1"><c r="A1"><v>1</v></c></row><row r="2" hidden="1" ht="0"><c r="A2"><v>2</v></c></row>'
           b'<row r="3" spans="1:2" hidden="false"/><row hidden="1" r="40"/></sheetData></worksheet>')
    for cut in range(1, len(xml)):
        scan = SheetScan(None)
        scan.feed(xml[:cut])
        scan.feed(xml[cut:])
        found = scan.found
        assert (found.hidden_columns, found.hidden_rows) == ({1, 2, 5}, {1, 39}), cut


def _calculator(path):
    """MHCLG's revenue outturn drop-down: 'CHECKS' in a hidden column above the figures' header
    ('Net Current Expenditure' over '£ thousand'), lines numbered on the left."""
    wb = Workbook()
    ws = wb.active
    ws.title = "LA drop-down"
    ws["C2"] = "ENGLAND"
    ws["L4"] = "CHECKS"
    ws["E5"], ws["E6"] = "Net Current Expenditure", "£ thousand"
    ws["C7"] = "Service Expenditure"
    for r, (line, name, value) in enumerate([(190, "Education services", 32264970.299),
                                             (290, "Highways and transport services", 4629874.5),
                                             (330, "Children Social Care", 9023416.1)], start=8):
        for c, value_ in ((3, line), (4, name), (5, value), (12, 0)):
            ws.cell(r, c, value_)
    ws.column_dimensions["L"].hidden = True
    wb.save(path)
    return path


def test_a_check_cell_in_a_hidden_column_does_not_start_the_table(tmp_path):
    (table,) = read_file(_calculator(tmp_path / "rs.xlsx")).tables
    cells = {o.cell: o for o in table.observations}
    assert (cells["E8"].label, cells["E8"].measure, cells["E8"].unit) == \
        ("Education services", "Net Current Expenditure", "GBP")
    assert round(cells["E8"].value) == 32_264_970_299 and table.layout.header_rows[0] == 5
