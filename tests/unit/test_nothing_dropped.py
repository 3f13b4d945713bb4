"""Nothing dropped silently: characters the decoding had to mend, and rows beyond a reader's limit,
are warnings with counts in the import report."""

import pytest

from memberpack.cli import main
from memberpack.importers import csv_reader, engine, import_files


def _mixed_csv(path, utf8_rows):
    with path.open("wb") as f:
        f.write("Service,Budget £k\n".encode())
        for i in range(utf8_rows):
            f.write(f"Line {i} – £,{i}\n".encode())
        f.write("Café £ line,5\n".encode("cp1252"))
        f.write("Euro € line,6\n".encode("cp1252"))
    return path


def test_a_csv_that_turns_windows_1252_after_its_start_keeps_its_pounds_and_euros(tmp_path, monkeypatch):
    # The start decides the encoding (16 MB in use; 4 KB here, read in this process to shrink it).
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    monkeypatch.setattr(csv_reader, "SAMPLE_BYTES", 4 * csv_reader.CHUNK)
    path = _mixed_csv(tmp_path / "mixed.csv", 20_000)
    assert path.stat().st_size > csv_reader.SAMPLE_BYTES
    (report,) = import_files(None, [path], dry_run=True)
    assert report.warnings[0] == "read as UTF-8 text, comma-separated"
    assert report.warnings[1].startswith("warning: 3 bytes further on are not UTF-8 and were read as Windows-1252 "
                                         "(£, €) (the first after line ")
    _, _, rows = csv_reader.csv_rows(path)
    tail = list(rows)[-2:]
    assert tail == [["Café £ line", "5"], ["Euro € line", "6"]]


def test_bytes_no_encoding_reads_are_counted(tmp_path, capsys):
    path = tmp_path / "odd.csv"
    path.write_bytes("Service,Budget £k\nA,1\n".encode("cp1252") + b"B \x81\x8d,2\n")
    assert main(["import", "--dry-run", str(tmp_path / "p.mpack"), str(path)]) == 0
    out = capsys.readouterr().out
    assert "  warning: 2 bytes could not be read as Windows-1252 and are shown as \ufffd" in out


@pytest.mark.parametrize("suffix", [".ods", ".xlsx"])
def test_a_sheet_that_fills_the_readers_row_limit_is_reported(tmp_path, monkeypatch, suffix):
    # calamine gives an .ods at most 1,048,576 rows (checked by hand on one of 1,048,581: 1,048,575 data
    # rows read, silently); the limit is lowered here so the test builds nine rows, not a million.
    from memberpack.importers import reader

    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    monkeypatch.setattr(reader, "ROW_LIMIT", 6)
    from openpyxl import Workbook

    path = tmp_path / f"long{suffix}"
    if suffix == ".ods":
        from odf.opendocument import OpenDocumentSpreadsheet
        from odf.table import Table, TableCell, TableRow
        from odf.text import P

        doc = OpenDocumentSpreadsheet()
        table = Table(name="Long")
        for r in range(9):
            row = TableRow()
            for value in (["Area", "Count"] if r == 0 else [f"Area {r}", str(r)]):
                cell = TableCell(valuetype="string" if not value.isdigit() else "float",
                                 **({"value": value} if value.isdigit() else {}))
                cell.addElement(P(text=value))
                row.addElement(cell)
            table.addElement(row)
        doc.spreadsheet.addElement(table)
        doc.save(str(path))
    else:
        wb = Workbook()
        wb.active.title = "Long"
        wb.active.append(["Area", "Count"])
        for r in range(1, 9):
            wb.active.append([f"Area {r}", r])
        wb.save(path)
    (report,) = import_files(None, [path], dry_run=True)
    assert ("warning: sheet 'Long' fills the reader's limit of 6 rows: 3 rows below row 6 were not read; "
            "split the sheet to import them") in report.warnings
    assert report.tables[0].rows_read == 5
