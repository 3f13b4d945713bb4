"""A stray entry far from a sheet's table (XFD1048576, Excel's Ctrl+End trap) does not make the sheet
billions of cells: the table is read, the stray cell is left out and the report names it."""

from openpyxl import Workbook

from memberpack.importers import read_file
from memberpack.importers.far_cells import MOST_LEFT_OUT, large_sheets, trimmed


def _budget(path, rows, far: list[str]):
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Budget monitor 2024/25"])
    ws.append(["Service", "Budget £k", "Spend £k"])
    for i in range(rows):
        ws.append([f"Line {i}", i + 0.5, 2 * i])
    for ref in far:
        ws[ref] = "x"
    wb.save(path)
    return path


def test_a_stray_entry_in_the_last_cell_of_the_sheet_leaves_the_table_readable(tmp_path):
    result = read_file(_budget(tmp_path / "corner.xlsx", 20, ["XFD1048576"]))   # calamine could not allocate the sheet
    table, = result.tables
    assert table.report.rows_read == 20
    assert {o.cell: o.value for o in table.observations}["B22"] == 19_500
    assert any("XFD1048576" in w and "not read" in w for w in result.report.warnings)


def test_a_stray_entry_far_right_of_a_long_table_is_left_out(tmp_path):
    result = read_file(_budget(tmp_path / "right.xlsx", 3_000, ["WZZ1", "XFD40"]))
    table, = result.tables
    assert table.layout.col_range == range(0, 3)
    assert len([o for o in table.observations if o.value is not None]) == 6_000
    warning, = [w for w in result.report.warnings if "far from the rest" in w]
    assert "2 cells" in warning and "WZZ1" in warning and "XFD40" in warning


def _sheet(cells: list[str]) -> bytes:
    xml = "".join(f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{ref}"><v>1</v></c></row>' for ref in cells)
    return f'<worksheet><dimension ref="A1:XFD1048576"/><sheetData>{xml}</sheetData></worksheet>'.encode()


def test_only_few_cells_far_from_the_rest_are_left_out():
    near = [f"{c}{r}" for r in range(1, 30) for c in "ABC"]
    assert trimmed(_sheet(near)) is None                                     # nothing far
    found = trimmed(_sheet([*near, "A900000"]))
    assert found.left_out == ["A900000"] and b"A900000" not in found.xml and b"C29" in found.xml
    another_table = [f"{c}{r}" for r in range(500_000, 500_000 + MOST_LEFT_OUT) for c in "AB"]
    assert trimmed(_sheet([*near, *another_table])) is None                  # another table: read as it is


def test_only_a_sheet_declared_far_larger_than_it_is_scanned(tmp_path):
    path = _budget(tmp_path / "corner.xlsx", 20, ["XFD1048576"])
    part = "xl/worksheets/sheet1.xml"
    assert large_sheets(path, {"Budget": (part, 3_000)}) == {"Budget": part}
    assert large_sheets(path, {"Budget": (part, 5_000_000_000)}) == {}      # as full as it is large: read as it is
    assert large_sheets(_budget(tmp_path / "plain.xlsx", 20, []), {"Budget": (part, 3_000)}) == {}
