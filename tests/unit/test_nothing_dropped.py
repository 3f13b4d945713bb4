"""Nothing dropped silently: characters the decoding had to mend, and rows beyond a reader's limit,
are warnings with counts in the import report."""

import json

import pytest
from awkward_workbooks import write_ods, write_xlsx

from memberpack.cli import main
from memberpack.importers import csv_reader, engine, import_files
from memberpack.importers.report import FileReport, TableReport
from memberpack.store.pack import Pack


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
    *_, rows = csv_reader.csv_rows(path)
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
    rows = [["Area", "Count"], *([f"Area {r}", r] for r in range(1, 9))]
    path = (write_ods if suffix == ".ods" else write_xlsx)(tmp_path / f"long{suffix}", {"Long": rows})
    (report,) = import_files(None, [path], dry_run=True)
    cut = ("warning: sheet 'Long' fills the reader's limit of 6 rows: 3 rows below row 6 were not read; "
           "split the sheet to import them")
    assert cut in report.warnings
    assert report.tables[0].rows_read == 5
    assert report.tables[0].warnings == [cut]   # its verdict says so
    assert "    read, but with 1 warning (above)" in report.lines()


def test_the_verdict_of_a_table_and_its_stored_report_name_the_files_warnings(tmp_path, capsys):
    path = tmp_path / "odd.csv"
    path.write_bytes("Service,Budget £k\nA,1\n".encode("cp1252") + b"B \x81,2\n")
    assert main(["import", str(tmp_path / "p.mpack"), str(path), "--report", str(tmp_path / "r.json")]) == 0
    out = capsys.readouterr().out.splitlines()
    warning = "warning: 1 byte could not be read as Windows-1252 and is shown as \ufffd"
    assert out[1:4] == ["  note: read as Windows-1252 text, comma-separated", f"  {warning}", "  [odd!A1:B3] (untitled)"]
    assert out[4] == "    read, but with 1 warning (above)"
    (table,) = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))[0]["tables"]
    assert table["verdict"] == "read" and table["warnings"] == [warning]
    with Pack.open(tmp_path / "p.mpack") as pack:
        (ds,) = pack.datasets()
        assert ds.report["warnings"] == [warning]


def test_a_sheets_warning_goes_to_that_sheets_tables_only():
    report = FileReport("two.xlsx", "", [TableReport("Long", "", "A1:B6", "", [1], "A", None),
                                         TableReport("Short", "", "A1:B2", "", [1], "A", None)],
                        ["number formats are not read", "warning: sheet 'Long' fills the reader's limit"])
    assert report.settle_warnings() == [report.tables[0]]
    assert [t.warnings for t in report.tables] == [["warning: sheet 'Long' fills the reader's limit"], []]


def test_an_open_statistics_csv_that_turns_windows_1252_late_is_read_not_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    monkeypatch.setattr(csv_reader, "SAMPLE_BYTES", 4 * csv_reader.CHUNK)   # 16 MB in use
    header = "time_period,time_identifier,geographic_level,country_code,country_name,la_name,pupils"
    path = tmp_path / "late.csv"
    with path.open("wb") as f:
        f.write(f"{header}\n".encode())
        for i in range(5_000):
            f.write(f"2025,Calendar year,Local authority,E92000001,England,Area {i} – ok,{i}\n".encode())
        f.write("2025,Calendar year,Local authority,E92000001,England,Café £ borough,7\n".encode("cp1252"))
    assert path.stat().st_size > csv_reader.SAMPLE_BYTES and csv_reader.detect_encoding(path) == "utf-8-sig"
    with Pack.create(tmp_path / "p.mpack") as pack:
        (report,) = import_files(pack, [path])
        (ds,) = pack.datasets()
        figures = {o.label: (o.value, o.cell) for o in pack.observations(ds.id)}
    assert figures["Café £ borough"] == (7, "G5002") and figures["Area 9 – ok"] == (9, "G11")
    (table,) = report.tables
    assert table.rows_read == 5_001
    assert table.warnings == ["warning: 2 bytes further on are not UTF-8 and were read as Windows-1252 (£, €) "
                              "(the first after line 5,001); check those rows"]
    assert "but with 1 warning (below)" in "\n".join(report.lines())
