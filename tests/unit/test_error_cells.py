"""Cells holding Excel's error values (#DIV/0!, #REF!, #N/A, #VALUE!) in an .xlsx or .xls: read as
the marks they are, shown as Excel shows them, never as a figure or a blank; a row of them is kept."""

import json
import re
import zipfile

import pytest
from openpyxl import Workbook

from memberpack.cli import main


def _monitor(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "M6"
    for row in (("Service", "Budget £k", "Forecast £k"), ("Fieldwork", 100.5, "#DIV/0!"),
                ("Placements", 200.25, "=B3*1.1"), ("Transport", "#N/A", "#VALUE!"), ("Total", 350, 385.75)):
        ws.append(list(row))
    wb.save(path)
    # Excel writes a formula's cached error beside it: openpyxl cannot, so C3 is written as Excel would
    with zipfile.ZipFile(path) as archive:
        parts = {info: archive.read(info) for info in archive.infolist()}
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in parts.items():
            if info.filename == "xl/worksheets/sheet1.xml":
                data, done = re.subn(rb'<c r="C3"><f>B3\*1.1</f><v ?/?>(?:</v>)?</c>',
                                     b'<c r="C3" t="e"><f>#REF!*1.1</f><v>#REF!</v></c>', data)
                assert done == 1, data
            archive.writestr(info, data)
    return path


def test_error_values_are_marks_shown_as_excel_shows_them(tmp_path, capsys):
    pack, out = tmp_path / "p.mpack", tmp_path / "p.json"
    assert main(["import", str(pack), str(_monitor(tmp_path / "monitor.xlsx"))]) == 0
    assert main(["export", str(pack), "-o", str(out)]) == 0
    assert "Traceback" not in capsys.readouterr().err
    cells = {o["cell"]: (o["value"], o["display"], o["status"]) for o in json.loads(out.read_text())["observations"]}
    assert cells == {
        "B2": (100_500, "100.5", None), "C2": (None, "#DIV/0!", "error:#DIV/0!"),
        "B3": (200_250, "200.25", None), "C3": (None, "#REF!", "error:#REF!"),
        "B4": (None, "#N/A", "error:#N/A"), "C4": (None, "#VALUE!", "error:#VALUE!"),
        "B5": (350_000, "350", None), "C5": (385_750, "385.75", None),
    }


def test_error_values_of_an_xls_are_marks_too(tmp_path):
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("M6")
    for r, row in enumerate((("Service", "Budget £k", "Forecast £k"), ("Fieldwork", 100.5, None), ("Transport", None, None),
                             ("Total", 350, 385.75))):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value)
    sheet.row(1).set_cell_error(2, "#DIV/0!")
    sheet.row(2).set_cell_error(1, "#REF!")
    sheet.row(2).set_cell_error(2, 0x2A)   # #N/A (xlwt names it "#N/A!")
    book.save(str(tmp_path / "monitor.xls"))
    pack, out = tmp_path / "p.mpack", tmp_path / "p.json"
    assert main(["import", str(pack), str(tmp_path / "monitor.xls")]) == 0
    assert main(["export", str(pack), "-o", str(out)]) == 0
    cells = {o["cell"]: (o["value"], o["display"], o["status"]) for o in json.loads(out.read_text())["observations"]}
    assert cells == {
        "B2": (100_500, "100.5", None), "C2": (None, "#DIV/0!", "error:#DIV/0!"),
        "B3": (None, "#REF!", "error:#REF!"), "C3": (None, "#N/A", "error:#N/A"),
        "B4": (350_000, "350", None), "C4": (385_750, "385.75", None),
    }


ODS_CELLS = ('<table:table-row><table:table-cell office:value-type="string"><text:p>Service</text:p></table:table-cell>'
             '<table:table-cell office:value-type="string"><text:p>Budget £k</text:p></table:table-cell></table:table-row>'
             '<table:table-row><table:table-cell office:value-type="string"><text:p>Fieldwork</text:p></table:table-cell>'
             '<table:table-cell office:value-type="float" office:value="100.5"><text:p>100.5</text:p></table:table-cell>'
             '</table:table-row><table:table-row><table:table-cell office:value-type="string"><text:p>Placements</text:p>'
             '</table:table-cell><table:table-cell table:formula="of:=1/0" office:value-type="string" office:string-value="" '
             'calcext:value-type="error"><text:p>#DIV/0!</text:p></table:table-cell></table:table-row><table:table-row>'
             '<table:table-cell office:value-type="string"><text:p>Transport</text:p></table:table-cell><table:table-cell '
             'table:formula="of:=NA()" office:value-type="float" office:value="0" calcext:value-type="error"><text:p>#N/A'
             '</text:p></table:table-cell></table:table-row>')


@pytest.mark.parametrize("head", ["", "<!-- written by hand -->"], ids=["searched", "parsed"])
def test_error_values_of_an_ods_are_marks_even_where_it_states_a_nought(tmp_path, head):
    """LibreOffice writes an error cell as an empty string (or a 0) with the error as its text."""
    content = ('<?xml version="1.0" encoding="UTF-8"?>' + head + '<office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" office:version="1.2">'
               f'<office:body><office:spreadsheet><table:table table:name="M6">{ODS_CELLS}</table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    path = tmp_path / "monitor.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                         'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                         '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.'
                         'opendocument.spreadsheet"/></manifest:manifest>')
    pack, out = tmp_path / "p.mpack", tmp_path / "p.json"
    assert main(["import", str(pack), str(path)]) == 0
    assert main(["export", str(pack), "-o", str(out)]) == 0
    cells = {o["cell"]: (o["value"], o["display"], o["status"]) for o in json.loads(out.read_text())["observations"]}
    assert cells == {"B2": (100_500, "100.5", None), "B3": (None, "#DIV/0!", "error:#DIV/0!"),
                     "B4": (None, "#N/A", "error:#N/A")}
