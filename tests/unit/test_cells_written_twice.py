"""A sheet part of an .xlsx that writes a cell or a row twice (a damaged or hand-made file): calamine
keeps the last value written, so the table is unsure and the doubt names the cells and rows."""

import re
import zipfile

from openpyxl import Workbook

from memberpack.importers.engine import read_file
from memberpack.importers.formats import CELLS_CHECKED


def _budget(path, rows=6):
    wb = Workbook()
    ws = wb.active
    ws.title = "Budget"
    ws.append(["Service", "Budget £k", "Forecast £k"])
    for n in range(1, rows):
        ws.append([f"Service {n}", 100.25 * n, 110.5 * n])
    wb.save(path)
    return path


def _rewritten(path, change):
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == "xl/worksheets/sheet1.xml":
                data = change(data)
            archive.writestr(info, data)
    return path


def _figures(table):
    return {o.cell: o.value for o in table.observations if o.value is not None}


def test_a_cell_written_twice_makes_the_table_unsure_and_is_named(tmp_path):
    def twice(data):
        data, done = re.subn(rb'(<c r="B3"[^>]*>.*?</c>)', rb'\1<c r="B3" t="n"><v>999</v></c>', data, count=1)
        assert done == 1
        return data

    (table,) = read_file(_rewritten(_budget(tmp_path / "budget.xlsx"), twice)).tables
    assert table.report.verdict == "unsure"
    assert any("cell B3 written twice" in doubt and "which value was meant cannot be told" in doubt
               for doubt in table.report.doubts), table.report.doubts


def test_a_row_written_twice_or_out_of_order_makes_the_table_unsure(tmp_path):
    def again(data):
        row = re.search(rb'<row r="4".*?</row>', data).group(0)
        return data.replace(b"</sheetData>", row.replace(b">200.5<", b">999<") + b"</sheetData>")

    (table,) = read_file(_rewritten(_budget(tmp_path / "budget.xlsx"), again)).tables
    assert table.report.verdict == "unsure"
    assert any("row 4 written again or out of order" in doubt for doubt in table.report.doubts), table.report.doubts


def test_a_row_written_twice_far_down_a_long_sheet_is_found(tmp_path):
    def again(data):
        assert len(data) > 2 * CELLS_CHECKED   # past the cells checked: the rows are still checked
        row = re.search(rb'<row r="3000".*?</row>', data).group(0)
        return data.replace(b"</sheetData>", row + b"</sheetData>")

    (table,) = read_file(_rewritten(_budget(tmp_path / "budget.xlsx", rows=30_000), again)).tables
    assert table.report.verdict == "unsure"
    assert any("row 3000 written again" in doubt for doubt in table.report.doubts)


def test_a_file_writing_each_cell_once_is_read_as_before(tmp_path):
    (table,) = read_file(_budget(tmp_path / "budget.xlsx")).tables
    assert table.report.verdict == "read"
    assert not any("written twice" in doubt or "written again" in doubt for doubt in table.report.doubts)
    assert _figures(table)["B3"] == 200_500
