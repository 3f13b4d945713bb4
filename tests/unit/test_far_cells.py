"""A stray entry far from a sheet's table (XFD1048576, Excel's Ctrl+End trap) does not make the sheet
billions of cells: the table is read, the stray cell is left out and the report names it."""

import re
import zipfile

import pytest
from openpyxl import Workbook

from memberpack.importers import read_file, sheet_pieces
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


def _without_dimension(path):
    """``path`` rewritten as writers that leave out the sheet's ``<dimension>`` element save it."""
    with zipfile.ZipFile(path) as src:
        items = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in items:
            out.writestr(name, re.sub(rb"<dimension [^>]*>", b"", data))
    return path


def test_a_stray_entry_in_a_sheet_with_no_dimension_leaves_the_table_readable(tmp_path):
    """calamine sizes a sheet with no <dimension> from its cells: the stray one had crashed the reader."""
    result = read_file(_without_dimension(_budget(tmp_path / "nodim.xlsx", 20, ["XFD1048576"])))
    table, = result.tables
    assert table.report.rows_read == 20
    assert any("XFD1048576" in w and "not read" in w for w in result.report.warnings)


def _long_sheet(path, rows: int):
    """A sheet part of several megabytes (parsed in pieces) with a stray entry in its last cell."""
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Line {r}</t></is></c>'
                    + "".join(f'<c r="{c}{r}"><v>{r}.5</v></c>' for c in "BCDEFGHIJ") + "</row>"
                    for r in range(3, rows + 3))
    sheet = (f'<worksheet xmlns="{_MAIN}"><dimension ref="A1:XFD1048576"/>'
             + '<sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>Service</t></is></c>'
             + "".join(f'<c r="{c}2" t="inlineStr"><is><t>Cost {c} £k</t></is></c>' for c in "BCDEFGHIJ") + "</row>"
             + cells + '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'
             + "</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _TYPES)
        z.writestr("_rels/.rels", _RELS.format(kind="officeDocument", target="xl/workbook.xml"))
        z.writestr("xl/workbook.xml", f'<workbook xmlns="{_MAIN}" xmlns:r="{_R}"><sheets>'
                   '<sheet name="Costs" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels", _RELS.format(kind="worksheet", target="worksheets/sheet1.xml"))
        z.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_TYPES = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/></Types>')
_RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
         'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>'
         '</Relationships>')


def test_a_stray_entry_below_a_sheet_large_enough_to_be_parsed_in_pieces_is_left_out(tmp_path):
    """A sheet part over 8 MB is cut into pieces: the piece holding the stray entry had crashed the reader."""
    path = _long_sheet(tmp_path / "long.xlsx", 25_000)
    assert zipfile.ZipFile(path).getinfo("xl/worksheets/sheet1.xml").file_size > sheet_pieces.SPLIT_FROM
    result = read_file(path)
    table, = result.tables
    assert table.report.rows_read == 25_000
    assert any("XFD1048576" in w and "not read" in w for w in result.report.warnings)


def _rewritten(path, change):
    """``path`` with each sheet part passed through ``change``."""
    with zipfile.ZipFile(path) as src:
        items = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in items:
            out.writestr(name, change(data) if name.startswith("xl/worksheets/") else data)
    return path


def test_a_stray_entry_in_a_sheet_whose_dimension_lies_is_read_on_a_second_reading(tmp_path):
    """The sheet says it is A1:C22 while a cell sits in XFD1048576: the reader crashed, and the first
    reading does not size every sheet (that cost the plain shape half as much again), so the file is
    read again, carefully, after the crash."""
    path = _rewritten(_budget(tmp_path / "lying.xlsx", 20, ["XFD1048576"]),
                      lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:C22"', xml))
    result = read_file(path)
    table, = result.tables
    assert {o.cell: o.value for o in table.observations}["B22"] == 19_500
    assert any("XFD1048576" in w and "not read" in w for w in result.report.warnings)


def test_a_file_read_again_after_a_crash_stores_its_tables_once(tmp_path, capsys):
    """A first sheet read and stored before a large second sheet with no <dimension> (over the 1 MB
    sized on the first reading) crashed the reader: the second reading starts clean, the file's
    tables stored once, the files before it kept. (The first sheet is too large for the second to be
    parsed while it is read, so its table is stored before the crash.)"""
    from memberpack.cli import main
    from memberpack.importers.reader import PARSE_AHEAD_CELLS
    from memberpack.store.pack import Pack

    first = _budget(tmp_path / "first.xlsx", 5, [])
    wb = Workbook(write_only=True)
    summary = wb.create_sheet("Summary")
    summary.append(["Service", "Net £k", "Gross £k", "Income £k"])
    for i in range(PARSE_AHEAD_CELLS // 4 + 1):
        summary.append([f"Area {i}", 100 + i, 200 + i, 100])
    stray = wb.create_sheet("Detail")
    stray.append(["Service", "Budget £k", "Spend £k"])
    for i in range(15_000):
        stray.append([f"Line {i}", i + 0.5, 2 * i])
    stray.append([None] * 16_383 + ["x"])   # (write-only: in row 15,002, column XFD)
    wb.save(tmp_path / "two.xlsx")
    two = _rewritten(tmp_path / "two.xlsx", lambda xml: re.sub(rb"<dimension [^>]*>", b"", xml))
    with zipfile.ZipFile(two) as z:
        assert z.getinfo("xl/worksheets/sheet2.xml").file_size > (1 << 20)
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(first), str(two)]) == 0, capsys.readouterr().err
    with Pack.open(pack) as opened:
        assert sorted(d.sheet for d in opened.datasets()) == ["Budget", "Detail", "Summary"]
        detail, = [d for d in opened.datasets() if d.sheet == "Detail"]
        assert opened.figure_count(detail.id) == 30_000
    assert "XFD15002" in capsys.readouterr().out


def test_a_cell_beyond_the_last_row_excel_has_is_left_out(tmp_path):
    """A cell written at row 99,999,999 (past Excel's 1,048,576): its reference of eight digits was not
    seen when the sheet was sized from its cells, so the second reading crashed too."""
    path = _rewritten(_budget(tmp_path / "beyond.xlsx", 20, []), lambda xml: xml.replace(b'r="A22"', b'r="A99999999"'))
    result = read_file(path)
    table, = result.tables
    assert table.report.rows_read == 19
    assert any("A99999999" in w and "not read" in w for w in result.report.warnings)
