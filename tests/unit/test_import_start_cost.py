"""What an import costs before and beside its reading: the command's own process loads no reader,
looks at each file without inflating it, and the format readers do only the work that can find
something."""

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from awkward_workbooks import write_xlsx
from memberpack.errors import ImportFailed
from memberpack.importers.formats import FORMAT_ROWS, format_codes, read_formats
from memberpack.importers.safety import check_file

ROOT = Path(__file__).resolve().parents[2]

_LOADED = """
import json, sys
from memberpack.importers import import_files
reports = import_files(None, [sys.argv[1]], dry_run=True)
print(json.dumps({"cells": reports[0].tables[0].cells_read,
                  "loaded": sorted(m for m in sys.modules if m.startswith(("memberpack.importers", "python_calamine")))}))
"""


def test_the_command_process_loads_no_reader(tmp_path):
    """The readers (calamine, the table finder and its header and key readers) load in the reader's
    process only."""
    csv = tmp_path / "small.csv"
    csv.write_text("Service,Budget £k,Forecast £k\nFieldwork,100,120\nAdoption,50,45\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", _LOADED, str(csv)], capture_output=True, text=True, cwd=ROOT,
                         check=True, timeout=120)
    found = json.loads(out.stdout)
    assert found["cells"] == 4
    readers = {"memberpack.importers.table_reader", "memberpack.importers.tables", "memberpack.importers.reader",
               "memberpack.importers.csv_reader", "memberpack.importers.open_statistics", "python_calamine",
               "memberpack.importers.layout", "memberpack.importers.headers", "memberpack.importers.keys"}
    assert readers.isdisjoint(found["loaded"])


_STORED = """
import sys
from memberpack.importers import import_files
from memberpack.store.pack import Pack
pack = Pack.create(sys.argv[2])
import_files(pack, [sys.argv[1]])
loaded = "numpy" in sys.modules
print(pack.observations(pack.datasets()[0].id)[-1].value, loaded)
"""


def test_storing_what_the_reader_encoded_loads_no_numpy(tmp_path):
    """Blocks of figures arrive encoded as the pack stores them: the command's process only inserts them."""
    book = write_xlsx(tmp_path / "ledger.xlsx", {"Ledger": [["Cost centre", "Spend £k"]] + [[f"CC{i}", i * 2.5] for i in range(60)]})
    out = subprocess.run([sys.executable, "-c", _STORED, str(book), str(tmp_path / "p.mpack")], capture_output=True,
                         text=True, cwd=ROOT, check=True, timeout=120)
    assert out.stdout.split() == ["147500.0", "False"]


def test_the_quick_look_inflates_nothing_but_still_refuses_what_is_not_a_workbook(tmp_path):
    good = write_xlsx(tmp_path / "good.xlsx", {"S": [["Service", "Budget £k"], ["Fieldwork", 100]]})
    assert check_file(good, inflate=False) == "zip"
    liar = tmp_path / "liar.xlsx"
    data = bytearray(good.read_bytes())
    name = b"xl/styles.xml"
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            if data[start + name_at:start + name_at + len(name)] == name:
                data[start + size_at:start + size_at + 4] = (100).to_bytes(4, "little")
            start += 4
    liar.write_bytes(bytes(data))
    assert check_file(liar, inflate=False) == "zip"   # the part's size is the reader's check ...
    with pytest.raises(ImportFailed, match="xl/styles.xml.*not the size it declares"):
        check_file(liar)                               # ... made in full before it parses the file
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 this is not really a workbook")
    with pytest.raises(ImportFailed, match="damaged or incomplete"):
        check_file(broken, inflate=False)


def test_a_workbook_whose_styles_name_no_format_is_not_parsed_for_formats(tmp_path):
    """Only the byte scan for formulas with no cached value runs; it still finds them."""
    path = write_xlsx(tmp_path / "plain.xlsx", {"S": [["Service", "Budget £k"]] + [[f"Line {i}", i] for i in range(30)]})
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'<c r="B5" t="n"><v>3</v></c>', b'<c r="B5"><f>1+2</f></c>')
    assert parts["xl/worksheets/sheet1.xml"] != sheet
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for n, data in parts.items():
            archive.writestr(n, data)
    with zipfile.ZipFile(path) as archive:
        assert format_codes(archive) is None   # no style names a format or a rating's fill
    found = read_formats(path, ["S"])["S"]
    assert found.codes == {} and found.rows_read == FORMAT_ROWS + 1 and found.uncached == {(4, 1)}


def test_a_long_xls_is_read_for_the_formats_of_its_first_rows_only(tmp_path):
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the legacy .xls test file")
    from memberpack.importers.xls_formats import read_xls_formats

    book = xlwt.Workbook()
    sheet = book.add_sheet("KPI")
    percent = xlwt.easyxf(num_format_str="0.0%")
    for r in range(FORMAT_ROWS + 200):
        for c in range(1, 4):
            sheet.write(r, c, 0.25, percent)
    book.save(str(tmp_path / "long.xls"))
    codes = read_xls_formats(tmp_path / "long.xls", ["KPI"])["KPI"].codes
    assert len(codes) == FORMAT_ROWS * 3 and set(codes.values()) == {"0.0%"}
    assert max(r for r, _ in codes) == FORMAT_ROWS - 1



def test_an_xls_stream_read_a_window_at_a_time_gives_the_formats_read_whole(tmp_path, monkeypatch):
    """A large workbook stream is read only where its records are walked, a window at a time across
    sectors: each sheet's formats, the last sheet's far along the stream, as reading it whole gives."""
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the legacy .xls test file")
    from memberpack.importers import xls_formats

    book = xlwt.Workbook()
    for s, code in enumerate(("0.0%", "#,##0.0;(#,##0.0)", "0.00")):
        sheet = book.add_sheet(f"Sheet {s}")
        style = xlwt.easyxf(num_format_str=code)
        for r in range(FORMAT_ROWS + 100):
            sheet.write(r, 0, f"Line {r}")
            for c in range(1, 5):
                sheet.write(r, c, r * 0.5, style if c == s + 1 else xlwt.Style.default_style)
    book.save(str(tmp_path / "three.xls"))
    names = ["Sheet 0", "Sheet 1", "Sheet 2"]
    whole = xls_formats.read_xls_formats(tmp_path / "three.xls", names)
    monkeypatch.setattr(xls_formats, "WHOLE_STREAM", 0)
    monkeypatch.setattr(xls_formats, "_WINDOW", 700)   # windows ending inside records and sectors
    windows = xls_formats.read_xls_formats(tmp_path / "three.xls", names)
    assert {n: f.codes for n, f in windows.items()} == {n: f.codes for n, f in whole.items()}
    assert set(windows["Sheet 2"].codes.values()) == {"0.00"} and len(windows["Sheet 2"].codes) == FORMAT_ROWS



def test_an_xls_stream_whose_sectors_loop_gives_no_formats(tmp_path, monkeypatch):
    """A damaged (or hostile) file whose workbook stream claims 4 GB and whose chain of sectors
    comes back on itself is read for no formats, not followed round and round."""
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the legacy .xls test file")
    import olefile

    from memberpack.importers import xls_formats

    book = xlwt.Workbook()
    book.add_sheet("KPI").write(0, 1, 0.25, xlwt.easyxf(num_format_str="0.0%"))
    book.save(str(tmp_path / "loop.xls"))
    with olefile.OleFileIO(str(tmp_path / "loop.xls")) as ole:
        entry = next(kid for kid in ole.root.kids if kid.name.lower() == "workbook")
    data = bytearray((tmp_path / "loop.xls").read_bytes())
    fat, directory = (int.from_bytes(data[at:at + 4], "little") for at in (0x4C, 0x30))   # from the header
    at = (fat + 1) * 512 + 4 * (entry.isectStart + 1)
    data[at:at + 4] = entry.isectStart.to_bytes(4, "little")   # its second sector leads back to its first
    at = (directory + 1) * 512 + 128 * entry.sid + 0x78
    data[at:at + 4] = (0xFFFFFF00).to_bytes(4, "little")       # and it claims 4 GB
    (tmp_path / "loop.xls").write_bytes(bytes(data))
    monkeypatch.setattr(xls_formats, "WHOLE_STREAM", 0)
    assert xls_formats.read_xls_formats(tmp_path / "loop.xls", ["KPI"]) is None

def test_the_format_window_of_a_long_xlsx_ends_at_the_last_row_whose_formats_are_read(tmp_path):
    """The row the scan stops at is not read for formats: it is the first row below the window, read
    with its column's format (a percentage, not the fraction it holds)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("S")
    for _ in range(FORMAT_ROWS + 50):
        cell = WriteOnlyCell(ws, value=0.25)
        cell.number_format = "0.0%"
        ws.append(["Line", cell])
    wb.save(tmp_path / "long.xlsx")
    found = read_formats(tmp_path / "long.xlsx", ["S"])["S"]
    assert found.rows_read == FORMAT_ROWS and max(r for r, _ in found.codes) == FORMAT_ROWS - 1
