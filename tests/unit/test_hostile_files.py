"""Hostile and broken files: one line naming the file and the problem, exit 1, the pack untouched, fast."""

import functools
import os
import random
import re
import struct
import subprocess
import sys
import tempfile
import time
import tracemalloc
import zipfile
from contextlib import nullcontext
from pathlib import Path

import pytest
from awkward_workbooks import with_declared_size, write_ods, write_xls
from openpyxl import Workbook

from memberpack.cli import import_command, main
from memberpack.errors import Cancelled, ImportFailed
from memberpack.importers import import_files, read_file
from memberpack.store.pack import Pack

TIME_LIMIT = 3.0   # seconds for a refusal, on a quiet machine; scaled by :func:`_slowness` on a busy one


def _good_workbook(path, rows=(("Indicator", "Q1"), ("Children looked after", 227))):
    wb = Workbook()
    for row in rows:
        wb.active.append(list(row))
    wb.save(path)
    return path


@functools.cache
def _slowness() -> float:
    """How much slower than a quiet machine this one is now: a good workbook's import, timed once
    in this run, against the 0.4 s it takes there (never less than 1)."""
    with tempfile.TemporaryDirectory() as folder:
        good = _good_workbook(Path(folder) / "timed.xlsx")
        start = time.perf_counter()
        assert main(["import", str(Path(folder) / "timed.mpack"), str(good)]) == 0
        return max(1.0, (time.perf_counter() - start) / 0.4)


@pytest.fixture
def pack(tmp_path):
    path = tmp_path / "p.mpack"
    assert main(["import", str(path), str(_good_workbook(tmp_path / "good.xlsx"))]) == 0
    return path


def _refused(pack, bad, capsys, *words, limit=TIME_LIMIT):
    before = pack.read_bytes()
    capsys.readouterr()
    start = time.perf_counter()
    assert main(["import", str(pack), str(bad)]) == 1
    elapsed = time.perf_counter() - start
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert bad.name in err
    for word in words:
        assert word in err, err
    assert pack.read_bytes() == before
    assert elapsed < limit * _slowness(), (elapsed, _slowness())
    return err


def test_empty_file(pack, tmp_path, capsys):
    bad = tmp_path / "empty.xlsx"
    bad.write_bytes(b"")
    _refused(pack, bad, capsys, "empty")


def test_truncated_xlsx(pack, tmp_path, capsys):
    data = _good_workbook(tmp_path / "whole.xlsx").read_bytes()
    bad = tmp_path / "truncated.xlsx"
    bad.write_bytes(data[: len(data) // 2])
    _refused(pack, bad, capsys, "damaged or incomplete")


def test_random_bytes(pack, tmp_path, capsys):
    bad = tmp_path / "noise.xlsx"
    bad.write_bytes(random.Random(4).randbytes(20_000))
    _refused(pack, bad, capsys, "not a spreadsheet")


def test_random_bytes_behind_a_workbook_signature_say_what_to_do_not_what_the_library_said(pack, tmp_path, capsys):
    """An .xls of an old workbook's signature and then noise had said 'cannot be read as a workbook (Cfb
    error: Invalid sector shift, expecting 0x09 or 0x0C found A5D)': the reading library's words."""
    bad = tmp_path / "noise.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + random.Random(0).randbytes(5_000))
    err = _refused(pack, bad, capsys, "noise.xls: the file is damaged or not a workbook that can be read; open it in "
                   "Excel, save it again (as .xlsx) and import the saved copy")
    assert "Cfb" not in err and "sector" not in err, err


def test_csv_renamed_xlsx(pack, tmp_path, capsys):
    bad = tmp_path / "really_a_csv.xlsx"
    bad.write_text("Indicator,Q1\nChildren looked after,227\n", encoding="utf-8")
    _refused(pack, bad, capsys, "text (CSV) file", "rename it to .csv")


def test_password_protected_workbook(pack, tmp_path, capsys):
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml", reason="msoffcrypto-tool makes the encrypted workbook")
    plain = _good_workbook(tmp_path / "plain.xlsx")
    bad = tmp_path / "locked.xlsx"
    with plain.open("rb") as src, bad.open("wb") as out:
        ooxml.OOXMLFile(src).encrypt("secret", out)
    _refused(pack, bad, capsys, "password-protected", "save it without a password (in Excel: File > Info")


def test_a_large_password_protected_workbook_is_named_so_wherever_its_directory_lies(pack, tmp_path, capsys,
                                                                                     monkeypatch):
    """The streams of an encrypted workbook were looked for in its first 8 MB only: one whose OLE directory
    lay further on was 'an old Excel (.xls) file with a .xlsx name; rename it to .xls'."""
    ooxml = pytest.importorskip("msoffcrypto.format.ooxml", reason="msoffcrypto-tool makes the encrypted workbook")
    bad = tmp_path / "locked.xlsx"
    with _good_workbook(tmp_path / "plain.xlsx").open("rb") as src, bad.open("wb") as out:
        ooxml.OOXMLFile(src).encrypt("secret", out)
    directory = bad.read_bytes().find("EncryptedPackage".encode("utf-16-le"))
    monkeypatch.setattr("memberpack.importers.safety.CFB_SCANNED", directory - 1_000)   # the file as if larger
    _refused(pack, bad, capsys, "password-protected", "save it without a password")


def test_a_password_protected_xls(pack, tmp_path, capsys):
    """An .xls saved with a password holds a FILEPASS record after its first; what follows is enciphered."""
    import olefile

    bad = write_xls(tmp_path / "locked.xls", {"Q1": [["Indicator", "Q1"], ["Children looked after", 227]]})
    with olefile.OleFileIO(str(bad), write_mode=True) as ole:
        stream = bytearray(ole.openstream("Workbook").read())
        assert struct.unpack("<HH", stream[152:156]) == (0x42, 2)   # the code page after the records replaced
        filepass = struct.pack("<5H", 0x2F, 54, 1, 1, 1) + random.Random(6).randbytes(48)   # RC4, version 1.1
        stream[20:152] = filepass + struct.pack("<HH", 0x5C, 70) + b" " * 70   # (and a user name, as long as before)
        ole.write_stream("Workbook", bytes(stream))
    _refused(pack, bad, capsys, "password-protected", "save it without a password")


def test_zip_bomb_refused_from_declared_sizes(pack, tmp_path, capsys):
    bad = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 60_000_000)
    assert bad.stat().st_size < 200_000
    tracemalloc.start()
    _refused(pack, bad, capsys, "zip bomb")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20_000_000


def test_part_lying_about_its_size_is_refused(pack, tmp_path, capsys):
    bad = with_declared_size(_good_workbook(tmp_path / "src.xlsx"), b"xl/styles.xml", 100, tmp_path / "liar.xlsx")
    _refused(pack, bad, capsys, "xl/styles.xml", "not the size it declares")


def test_large_sheet_lying_about_its_size_is_refused_by_the_reader(pack, tmp_path, capsys):
    # too large to be inflated twice by the checks: calamine stops at the declared size itself
    source = tmp_path / "src.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Returns")
    ws.append(["Service line", "Budget £k", "Forecast £k"])
    for i in range(30_000):
        ws.append([f"Line {i}", i * 1.5, i * 2.25])
    wb.save(source)
    with zipfile.ZipFile(source) as archive:
        size = archive.getinfo("xl/worksheets/sheet1.xml").file_size
    assert size > 2 * (1 << 20)
    bad = with_declared_size(source, b"xl/worksheets/sheet1.xml", size // 2, tmp_path / "liar.xlsx")
    _refused(pack, bad, capsys, "declared uncompressed size")


@pytest.mark.parametrize("second", ["xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.xml", "xl\\worksheets\\sheet1.xml"])
def test_two_parts_of_one_name_are_refused_naming_it(pack, tmp_path, capsys, second):
    """A second sheet part of the same name (or the same but for case or backslashes, as calamine finds
    parts) was read in place of the first, which Excel and openpyxl show: 999 children, not 227."""
    other = zipfile.ZipFile(_good_workbook(tmp_path / "other.xlsx", (("Indicator", "Q1"), ("Children looked after", 999))))
    bad = tmp_path / "twice.xlsx"
    with zipfile.ZipFile(_good_workbook(tmp_path / "src.xlsx")) as zin, zipfile.ZipFile(bad, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        with pytest.warns(UserWarning, match="Duplicate name") if second == "xl/worksheets/sheet1.xml" else nullcontext():
            zout.writestr(second, other.read("xl/worksheets/sheet1.xml"))
    _refused(pack, bad, capsys, "refused: the archive holds two parts named 'xl/worksheets/sheet1.xml'", repr(second),
             "save it again")


def test_a_file_saved_again_while_it_is_read_is_refused(pack, tmp_path):
    """Excel saving the workbook again while it was imported left the pack with the figures of one version
    and the SHA-256 of the other: next month's file, the same as the new version, was 'already imported'."""
    # (not the pack's own workbook's figures: saved the same second, it would be the same file)
    path = _good_workbook(tmp_path / "m6.xlsx", (("Indicator", "Q1"), ("Children looked after", 226)))
    newer = _good_workbook(tmp_path / "newer.xlsx", (("Indicator", "Q1"), ("Children looked after", 999)))
    before = pack.read_bytes()
    polled = []

    def save_again() -> bool:   # (asked while the reader reads): Excel writes a new file over the old
        polled.append(1)
        if len(polled) == 2:
            newer.replace(path)
        return False

    with Pack.open(pack) as opened, pytest.raises(ImportFailed) as refused:
        import_files(opened, [path], cancel=save_again)
    assert str(refused.value) == ("m6.xlsx: the file changed while it was being read (saved again meanwhile?); "
                                  "nothing was imported from it: import it again")
    assert pack.read_bytes() == before
    with pytest.raises(ImportFailed, match="m6.xlsx: the file changed while it was being read"):
        polled.clear()
        _good_workbook(tmp_path / "newer.xlsx", (("Indicator", "Q1"), ("Children looked after", 5)))
        read_file(path, cancel=save_again)   # the wizard's preview alike


@pytest.mark.parametrize("parts, said", [
    ({"[Content_Types].xml": "<Types/>", "xl/workbook.bin": b"\x83\x01\x00", "xl/worksheets/sheet1.bin": b"\x81\x01"},
     "is an Excel binary workbook (.xlsb), which memberpack does not read; open it in Excel and save it as .xlsx"),
    ({"Index/Document.iwa": b"\x00\x01", "Metadata/Properties.plist": b"bplist00", "preview.jpg": b"\xff\xd8"},
     "is an Apple Numbers file, not an Excel workbook; export it from Numbers as Excel (.xlsx)"),
])
def test_other_programs_workbooks_with_an_xlsx_name_say_what_they_are(pack, tmp_path, capsys, parts, said):
    """An .xlsb renamed .xlsx had said 'cannot be read as a workbook (File not found
    'xl/_rels/workbook.xml.rels')', a Numbers file 'a zip archive but not an Excel or OpenDocument workbook'."""
    bad = tmp_path / "renamed.xlsx"
    with zipfile.ZipFile(bad, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    _refused(pack, bad, capsys, f"renamed.xlsx: {said}")


def _rewritten(source, bad, edit, drop=()):
    """A copy of the workbook ``source`` with ``edit(name, data)`` made of each part and ``drop`` left out."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename not in drop:
                new.writestr(info, edit(info.filename, old.read(info)))
    return bad


def _a_shared_string_in(name, data):
    """Cell A2 made to name shared string 0 (openpyxl writes its texts in the cells)."""
    if name != "xl/worksheets/sheet1.xml":
        return data
    data, done = re.subn(rb'<c r="A2" t="inlineStr"><is><t>[^<]*</t></is></c>', b'<c r="A2" t="s"><v>0</v></c>', data)
    assert done == 1
    return data


def test_a_cell_naming_a_shared_string_the_workbook_lacks_is_one_line_saying_so(pack, tmp_path, capsys):
    """calamine's own words had been the message: 'Cell string index not found in shared strings table'."""
    bad = _rewritten(_good_workbook(tmp_path / "good.xlsx"), tmp_path / "no strings.xlsx", _a_shared_string_in)
    err = _refused(pack, bad, capsys, "no strings.xlsx: sheet 'Sheet' cannot be read: a cell names a text the "
                   "workbook does not hold (its shared strings are missing or cut short); open it in Excel")
    assert "calamine" not in err and "index" not in err


def test_a_sheet_the_workbook_lists_but_lacks_is_one_line_saying_so(pack, tmp_path, capsys):
    """A sheet part missing, or its relationship pointing out of the archive, had said only
    "sheet 'Sheet' cannot be read (Sheet)"."""
    good = _good_workbook(tmp_path / "good.xlsx")
    outside = _rewritten(good, tmp_path / "outside.xlsx", lambda name, data: re.sub(
        rb'Target="[^"]*sheet1.xml"', b'Target="../../../../etc/passwd"', data))
    for bad in (_rewritten(good, tmp_path / "missing.xlsx", lambda _name, data: data, {"xl/worksheets/sheet1.xml"}), outside):
        _refused(pack, bad, capsys, f"{bad.name}: sheet 'Sheet' cannot be read: the workbook lists it but holds no "
                 "such sheet, so it is damaged; open it in Excel")


def _folder(path):
    path.mkdir()


def _loop(path):
    path.symlink_to(path.name)


def _pipe(path):
    os.mkfifo(path)


@pytest.mark.parametrize("make, said", [(_folder, "is a folder, not a spreadsheet file"),
                                        (_loop, "is a link that leads round in a loop, not a file"),
                                        (_pipe, "is a device or pipe, not a spreadsheet file")])
def test_what_is_not_a_file_is_named_for_what_it_is(pack, tmp_path, capsys, make, said):
    """A folder, a link looping to itself and a named pipe were each 'no such file'."""
    make(tmp_path / "odd.csv")
    _refused(pack, tmp_path / "odd.csv", capsys, f"odd.csv: {said}")


def test_figures_linked_from_another_workbook_are_read_as_last_updated_and_said_so(tmp_path):
    """A workbook taking its figures from another (an external link) was read without a word that they are
    as Excel last updated them; the other file is never looked for."""
    cells = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>Line {r}</t></is></c><c r="B{r}"><f>[1]Data!B{r}</f>'
                    f'<v>{r * 10}</v></c></row>' for r in range(2, 6))
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">'
             '<c r="A1" t="inlineStr"><is><t>Service</t></is></c><c r="B1" t="inlineStr"><is><t>Budget £k</t></is></c>'
             f'</row>{cells}</sheetData></worksheet>')
    link = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath" '
            'Target="file:///C:/Finance/ledger.xlsx" TargetMode="External"/></Relationships>')
    path = tmp_path / "linked.xlsx"
    with zipfile.ZipFile(_good_workbook(tmp_path / "src.xlsx")) as zin, zipfile.ZipFile(path, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, sheet if item.filename == "xl/worksheets/sheet1.xml" else zin.read(item))
        zout.writestr("xl/externalLinks/externalLink1.xml", "<externalLink/>")
        zout.writestr("xl/externalLinks/_rels/externalLink1.xml.rels", link)
    result = read_file(path)
    assert "figures taken from another workbook (ledger.xlsx) are read as Excel last updated them, not fetched" in \
        result.report.warnings
    (table,) = result.tables
    assert [(o.label, o.value, o.cell) for o in table.observations][:2] == [("Line 2", 20_000, "B2"), ("Line 3", 30_000, "B3")]


def test_a_strict_open_xml_workbook_keeps_its_number_formats(tmp_path):
    """Excel's "Strict Open XML Spreadsheet" names its elements in other namespaces: its values were read
    but not its formats, so 34.3% came in as 0.343 with no unit."""
    source = tmp_path / "transitional.xlsx"
    wb = Workbook()
    wb.active.title = "Q2"
    wb.active.append(["Indicator", "Q2 2023/24"])
    for r, (label, value, code) in enumerate([("Care leavers in EET", 0.343, "0.0%"), ("Agency spend £k", -1234.5,
                                                                                       "#,##0.0;(#,##0.0)")], 2):
        wb.active.append([label, value])
        wb.active.cell(row=r, column=2).number_format = code
    wb.save(source)
    strict = tmp_path / "strict.xlsx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(strict, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item)
            for usual, strict_name in ((b"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                                        b"http://purl.oclc.org/ooxml/spreadsheetml/main"),
                                       (b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                                        b"http://purl.oclc.org/ooxml/officeDocument/relationships")):
                data = data.replace(usual, strict_name)
            zout.writestr(item, data)
    for path in (source, strict):
        (table,) = read_file(path).tables
        assert [(o.label, o.value, o.unit, o.display, o.cell) for o in table.observations] == [
            ("Care leavers in EET", 34.3, "percent", "34.3%", "B2"), ("Agency spend £k", -1_234_500, "GBP", "(1,234.5)", "B3")]


@pytest.mark.parametrize("cell", ["XFD1048576", "ZZ500000"])
def test_a_sheet_of_one_entry_far_out_is_refused_at_once(pack, tmp_path, capsys, cell):
    """A sheet whose only entry is in XFD1048576 (its dimension the whole sheet) ran the reader into its
    two-minute limit, padding each of a million empty rows above it to 16,384 cells."""
    wb = Workbook()
    wb.active[cell] = 5
    wb.save(tmp_path / "far.xlsx")
    _refused(pack, tmp_path / "far.xlsx", capsys, "no table found", limit=2 * TIME_LIMIT)   # (a second, idle)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be"])
def test_billion_laughs_refused(pack, tmp_path, capsys, encoding):
    """In UTF-16 without its byte order mark too (XML lets a parser tell it from the first '<'): that one
    passed the check of the part's prologue and was stopped only by the XML parser's own limit."""
    src = _good_workbook(tmp_path / "src.xlsx")
    bad = tmp_path / "laughs.xlsx"
    entities = "".join(f'<!ENTITY l{i} "{"&l%d;" % (i - 1) * 10}">' for i in range(1, 10))
    evil = (f'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY l0 "lol">{entities}]>'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
            '<row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData></worksheet>')
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = evil.encode(encoding) if item.filename == "xl/worksheets/sheet1.xml" else zin.read(item)
            zout.writestr(item, data)
    _refused(pack, bad, capsys, "declares XML entities")


def test_workbook_with_no_table(pack, tmp_path, capsys):
    bad = _good_workbook(tmp_path / "words.xlsx", rows=(("Just a title",), (), ("Note: nothing here",)))
    _refused(pack, bad, capsys, "no table found")


def test_a_sheet_as_wide_as_a_sheet_can_be_with_no_table_says_how_wide(pack, tmp_path, capsys):
    """A row of 16,384 words was refused as "no table found in the file", not saying the sheet ran to the
    last column the reader reads."""
    wb = Workbook()
    wb.active.title = "Wide"
    wb.active.append([f"text {c}" for c in range(1, 16_385)])
    wb.save(tmp_path / "wide.xlsx")
    _refused(pack, tmp_path / "wide.xlsx", capsys, "wide.xlsx: no table found in the file",
             "; sheet 'Wide' fills the reader's limit of 16,384 columns: any columns beyond were not read")


def test_formula_without_cached_value_is_reported_not_guessed(tmp_path, capsys):
    path = tmp_path / "formula.xlsx"
    wb = Workbook()
    ws = wb.active
    for row in (["Service", "Budget £k", "Spend £k"], ["Fostering", 100, 90], ["Total", "=B2", "=C2"]):
        ws.append(row)
    wb.save(path)  # openpyxl stores formulas without a cached result
    out = tmp_path / "report.json"
    assert main(["import", str(tmp_path / "p.mpack"), str(path)]) == 1   # the table is unsure: the officer decides
    assert "2 formula cells (B3:C3) have no calculated value and are not read" in capsys.readouterr().err
    assert main(["import", str(tmp_path / "p.mpack"), str(path), "--report", str(out), "--accept-unsure"]) == 0
    text = capsys.readouterr().out
    assert "skipped B3:C3, 2 cells: formula with no cached value" in text
    with Pack.open(tmp_path / "p.mpack") as p:
        (ds,) = p.datasets()
        cells = {o.cell: o.value for o in p.observations(ds.id)}
    assert cells == {"B2": 100_000, "C2": 90_000}
    assert '"range": "B3:C3"' in out.read_text()


def _big_csv(path, rows, columns=("Referrals", "Contacts")):
    with path.open("w", encoding="utf-8") as fh:
        fh.write(",".join(("Area", *columns)) + "\n")
        for i in range(rows):
            fh.write(f"Area {i}," + ",".join(str((i + k) % 97) for k in range(len(columns))) + "\n")
    return path


def test_large_csv_streams_in_bounded_memory_with_progress(tmp_path):
    big = _big_csv(tmp_path / "big.csv", 20_000)
    calls = []
    tracemalloc.start()
    (report,) = import_files(None, [big], dry_run=True, progress=lambda d, t, m: calls.append((d, t, m)))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert report.tables[0].rows_read == 20_000 and report.tables[0].cells_read == 40_000
    assert peak < 8_000_000, peak  # 40,000 figures held at once would take several times this
    assert len(calls) >= 4 and "big: row 20,001" in [m for _, _, m in calls]


def test_preview_of_a_large_file_keeps_a_few_figures_and_counts_them_all(tmp_path):
    big = _big_csv(tmp_path / "big.csv", 20_000)
    (table,) = read_file(big, limit=50).tables
    assert len(table.observations) == 50 and table.observations[-1].cell == "C26"
    assert table.report.rows_read == 20_000 and table.report.cell_range == "A1:C20001"


def test_cancel_leaves_pack_untouched(pack, tmp_path):
    big = _big_csv(tmp_path / "big.csv", 30_000)
    before = pack.read_bytes()
    seen = []
    with Pack.open(pack) as p, pytest.raises(Cancelled):
        import_files(p, [big], progress=lambda *a: seen.append(a), cancel=lambda: len(seen) > 2)
    assert pack.read_bytes() == before


def test_ctrl_c_on_the_command_line_leaves_pack_untouched(pack, tmp_path, capsys, monkeypatch):
    big = _big_csv(tmp_path / "big.csv", 30_000)
    before = pack.read_bytes()
    count = []

    def interrupt(done, total, message):
        count.append(message)
        if len(count) > 3:
            raise KeyboardInterrupt

    monkeypatch.setattr(import_command, "progress_line", interrupt)
    assert main(["import", str(pack), str(big)]) == 1
    assert "cancelled" in capsys.readouterr().err
    assert pack.read_bytes() == before


@pytest.mark.slow
def test_million_row_sheet_in_bounded_memory(tmp_path):
    big = _big_csv(tmp_path / "million.csv", 1_000_000, columns=("Referrals",))
    # VmHWM is this process's own peak; ru_maxrss would carry the (large) pytest parent's over fork.
    script = ("import re, sys; from memberpack.importers import import_files, read_file; "
              "(r,) = import_files(None, [sys.argv[1]], dry_run=True); "
              "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1); "
              "print(r.tables[0].rows_read, int(hwm) // 1024)")
    out = subprocess.run([sys.executable, "-c", script, str(big)], capture_output=True, text=True, check=True)
    rows, peak_mb = map(int, out.stdout.split())
    assert rows == 1_000_000
    assert peak_mb < 300, peak_mb


def _legacy_and_open_document(tmp_path):
    """The same small table as .xls (xlwt) and .ods (odfpy)."""
    pytest.importorskip("xlwt", reason="xlwt writes the legacy .xls test file")
    pytest.importorskip("odf", reason="odfpy writes the OpenDocument test file")
    rows = [["Indicator", "Q1"], ["CLA", 227]]
    return write_xls(tmp_path / "legacy.xls", {"S": rows}), write_ods(tmp_path / "open.ods", {"S": rows})


@pytest.mark.parametrize("cut", [0.3, 0.9])
def test_truncated_xls_and_ods(pack, tmp_path, capsys, cut):
    for good in _legacy_and_open_document(tmp_path):
        bad = tmp_path / f"cut_{good.name}"
        data = good.read_bytes()
        bad.write_bytes(data[: int(len(data) * cut)])
        _refused(pack, bad, capsys)


def test_random_bytes_with_every_workbook_name(pack, tmp_path, capsys):
    for n, suffix in enumerate((".xls", ".xlsm", ".ods", ".csv")):
        bad = tmp_path / f"noise{suffix}"
        bad.write_bytes(random.Random(n).randbytes(5_000))
        _refused(pack, bad, capsys, "not")


def test_a_web_page_saved_with_an_xls_name(pack, tmp_path, capsys):
    bad = tmp_path / "export.xls"
    bad.write_text("<html><body><table><tr><td>Indicator</td><td>Q1</td></tr></table></body></html>")
    _refused(pack, bad, capsys, "web page", "save it as .xlsx")


def test_a_password_protected_open_document(pack, tmp_path, capsys):
    _, ods = _legacy_and_open_document(tmp_path)
    bad = tmp_path / "locked.ods"
    with zipfile.ZipFile(ods) as zin, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as zout:
        for name in zin.namelist():
            data = zin.read(name)
            if name == "content.xml":
                data = random.Random(5).randbytes(len(data))   # what LibreOffice's cipher leaves
            elif name == "META-INF/manifest.xml":
                data = data.replace(b'"content.xml" manifest:media-type="text/xml"/>',
                                    b'"content.xml" manifest:media-type="text/xml"><manifest:encryption-data '
                                    b'manifest:checksum-type="SHA1/1K"/></manifest:file-entry>')
                assert b"encryption-data" in data
            zout.writestr(name, data)
    _refused(pack, bad, capsys, "password-protected", "save it without a password (in LibreOffice")


def test_an_external_entity_in_an_open_document(pack, tmp_path, capsys):
    bad = tmp_path / "xxe.ods"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                                        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
                                        'xmlns:office:1.0"><office:body>&e;</office:body></office:document-content>')
    _refused(pack, bad, capsys, "entities")


def test_many_parts_each_too_small_to_be_a_bomb_are_one_together(pack, tmp_path, capsys):
    bad = tmp_path / "parts.xlsx"
    with zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for i in range(12):
            archive.writestr(f"xl/media/image{i}.bin", b"\0" * 4_900_000)   # each under the one-part floor
    err = _refused(pack, bad, capsys, "zip bomb")
    assert "13 parts are compressed" in err


@pytest.mark.parametrize("content, problem", [
    ("a," * 600_000, "line 1 is longer than 1,000,000 characters"),             # no line break at all
    (",".join(["x"] * 17_000) + "\n1\n", "a row has 17,000 fields"),
])
def test_a_csv_line_no_table_has_is_refused_before_it_is_parsed(pack, tmp_path, capsys, content, problem):
    bad = tmp_path / "one_line.csv"
    bad.write_text(content)
    _refused(pack, bad, capsys, problem)


def _shared_string_workbook(path, text: str, rows: int, columns: int = 10):
    """A workbook whose every cell below a small table refers to one shared string ``text``."""
    main_ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    cells = "".join(f'<row r="{r}">' + "".join(f'<c r="{letters[c]}{r}" t="s"><v>0</v></c>' for c in range(columns))
                    + "</row>" for r in range(3, rows + 3))
    sheet = (f'<?xml version="1.0"?><worksheet {main_ns}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Service'
             '</t></is></c><c r="B1" t="inlineStr"><is><t>Budget £k</t></is></c></row><row r="2"><c r="A2" '
             f't="inlineStr"><is><t>Fieldwork</t></is></c><c r="B2"><v>9100</v></c></row>{cells}</sheetData></worksheet>')
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                         'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                         '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships'
                         '+xml"/></Types>')
        archive.writestr("_rels/.rels", f'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                         f'package/2006/relationships"><Relationship Id="r1" Type="{rels}/officeDocument" '
                         'Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<?xml version="1.0"?><workbook {main_ns} xmlns:r="{rels}"><sheets>'
                         '<sheet name="Budget" sheetId="1" r:id="r1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.'
                         f'openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="{rels}/worksheet"'
                         f' Target="worksheets/sheet1.xml"/><Relationship Id="r2" Type="{rels}/sharedStrings" '
                         'Target="sharedStrings.xml"/></Relationships>')
        archive.writestr("xl/sharedStrings.xml", f'<?xml version="1.0"?><sst {main_ns} count="1" uniqueCount="1"><si>'
                         f'<t>{text}</t></si></sst>')
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def test_one_long_shared_string_in_every_cell_is_refused_before_it_is_read(pack, tmp_path, capsys):
    """A 600 KB workbook whose 100,000 cells each name one 30,000-character shared string took the reader
    13 s and 3 GB of memory (every cell its own copy: 3 billion characters); 200,000 cells took 27 s and 6 GB."""
    text = "".join(random.Random(5).choice("abcdefghij ") for _ in range(30_000))   # hardly compressible
    bad = _shared_string_workbook(tmp_path / "strings.xlsx", text, rows=10_000)
    assert bad.stat().st_size < 700_000
    _refused(pack, bad, capsys, "shared strings", "3.0 billion characters")


def test_shared_strings_declaring_billions_of_texts_are_refused_by_name(pack, tmp_path, capsys):
    """calamine reserves room for as many texts as the part's uniqueCount says (4,000,000,000 in 300
    bytes) and aborts: 'the reader failed (it crashed)', on both readings."""
    bad = _shared_string_workbook(tmp_path / "lying.xlsx", "Fieldwork", rows=3)
    with zipfile.ZipFile(bad) as src:
        parts = {info.filename: src.read(info) for info in src.infolist()}
    parts["xl/sharedStrings.xml"] = parts["xl/sharedStrings.xml"].replace(b'uniqueCount="1"', b'uniqueCount="4000000000"')
    with zipfile.ZipFile(bad, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    _refused(pack, bad, capsys, "damaged", "declare 4,000,000,000 texts")


def test_a_long_shared_string_in_a_few_cells_passes_the_checks(tmp_path):
    from memberpack.importers.safety import check_file

    text = "A long comment. " * 2_000
    assert check_file(_shared_string_workbook(tmp_path / "comments.xlsx", text, rows=2_000, columns=2)) == "zip"


def test_one_long_text_repeated_over_rows_and_columns_of_an_open_document_is_refused(pack, tmp_path, capsys):
    """A 40 KB .ods whose one row of a 30,000-character text, repeated over 10 columns and 10,000 rows,
    took the reader 10 s and 3 GB of memory (20,000 rows: 20 s, 6 GB, then a crash)."""
    bad = _repeated_text_ods(tmp_path / "repeated.ods", rows=10_000)
    assert bad.stat().st_size < 50_000
    _refused(pack, bad, capsys, "repeated", "3.0 billion characters")


def test_what_libreoffice_repeats_passes_the_checks(tmp_path):
    """Blank rows to the sheet's end, blank cells to its last column, and short texts repeated."""
    from ods_workbooks import awkward_content, write_ods

    from memberpack.importers.safety import check_file

    assert check_file(write_ods(tmp_path / "awkward.ods", awkward_content())) == "zip"


def test_one_long_shared_string_in_every_cell_of_an_xls_is_refused(pack, tmp_path, capsys):
    """A 1.6 MB .xls whose 100,000 cells each name one 30,000-character shared string took the reader
    17 s and 6 GB of memory."""
    text = "".join(random.Random(3).choice("abcdefghij ") for _ in range(30_000))
    bad = write_xls(tmp_path / "strings.xls", {"Budget": [["Service", "Budget £k"], ["Fieldwork", 9100]]
                                               + [[text] * 10 for _ in range(10_000)]})
    _refused(pack, bad, capsys, "shared strings", "3.0 billion characters")


def test_the_shared_strings_of_an_xls_are_counted_as_its_cells_name_them(tmp_path):
    from memberpack.importers.xls_strings import shared_string_characters

    rows = [["Service", "Budget £k"]] + [[f"Line {i % 7}", i] for i in range(3_000)] + [["é" * 9_000 + "x" * 20_000]]
    assert shared_string_characters(write_xls(tmp_path / "ok.xls", {"Budget": rows})) == (
        len("Service") + len("Budget £k") + 3_000 * len("Line 0") + 29_000)


def _padding(size: int) -> str:
    """``size`` characters of text that hardly compress (a file padded past the size scanned whole)."""
    rng = random.Random(11)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(size))


def _repeated_text_ods(path, rows: int, padding: str = ""):
    """An .ods whose one row of a 30,000-character text is repeated over 10 columns and ``rows`` rows,
    after a cell of ``padding`` (when given)."""
    from ods_workbooks import NAMESPACES, number, row, text, write_ods

    long_text = "".join(random.Random(7).choice("abcdefghij ") for _ in range(30_000))
    bomb = (f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="10" '
            f'office:value-type="string"><text:p>{long_text}</text:p></table:table-cell></table:table-row>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="Budget">'
               f'{row(text("Service"), text("Budget £k"))}{row(text("Fieldwork"), number(9100))}'
               f'{row(text(padding)) if padding else ""}{bomb}'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    return write_ods(path, content)


def _large_repeated_ods(path):
    """The repeated-text bomb above, padded with a cell of 17 MB of text to pass 16 MB of content."""
    return _repeated_text_ods(path, rows=5_000, padding=_padding(17 << 20))


def _large_strings_xls(path):
    """The shared-strings bomb of an .xls above, padded with 600 long texts to pass 16 MB."""
    text = "".join(random.Random(3).choice("abcdefghij ") for _ in range(30_000))
    padding = _padding(30_000 * 600)
    return write_xls(path, {"Budget": [["Service", "Budget £k"], ["Fieldwork", 9100]]
                            + [[text] * 10 for _ in range(5_000)]
                            + [[padding[i:i + 30_000]] for i in range(0, len(padding), 30_000)]})


@pytest.mark.parametrize("make", [_large_repeated_ods, _large_strings_xls])
def test_a_bomb_padded_past_16_mb_is_refused_by_the_checks(tmp_path, make):
    """An .ods whose content, or an .xls, over 16 MB was not scanned for repeated or shared text: only
    the reader's memory limit held it."""
    from memberpack.errors import ImportFailed
    from memberpack.importers.safety import REPEATS_SCANNED, check_file

    bad = make(tmp_path / f"padded.{make.__name__[-3:]}")
    inside = zipfile.ZipFile(bad).getinfo("content.xml").file_size if bad.suffix == ".ods" else bad.stat().st_size
    assert inside > REPEATS_SCANNED
    with pytest.raises(ImportFailed, match="1.5 billion characters"):
        check_file(bad)


@pytest.mark.parametrize("make", [_large_repeated_ods, _large_strings_xls])
def test_a_bomb_padded_past_16_mb_is_one_line_while_the_reader_reads(pack, tmp_path, capsys, make):
    """Past 16 MB the file is scanned beside the reading, which the refusal ends at once."""
    bad = make(tmp_path / f"padded.{make.__name__[-3:]}")
    _refused(pack, bad, capsys, "billion characters", limit=3 * TIME_LIMIT)   # (17 MB to read and scan)


def test_a_csv_quote_never_closed_loses_no_row(tmp_path):
    rows = ["Service,Budget £k,Spend £k"] + [f"Service {n},{n},{2 * n}" for n in range(30)] + ['"Line x,1,2']
    path = tmp_path / "quote.csv"
    path.write_text("\n".join(rows + [f"More {n},{n},{2 * n}" for n in range(30)]) + "\n", encoding="utf-8")
    (report,) = import_files(None, [path], dry_run=True)
    text = "\n".join(report.lines())
    assert "61 rows, 122 figures read" in text and "footnote" not in text
    assert 'row 32 opens a quote that is never closed ("Line x,1,2)' in text and "the 30 rows after it" in text


def test_a_csv_field_of_200000_characters_is_read(tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(f"Service,Budget £k\nA,1\nB {'x' * 200_000},2\nC,3\n", encoding="utf-8")
    (report,) = import_files(None, [path], dry_run=True)
    assert "3 rows, 3 figures read" in "\n".join(report.lines())


def test_a_csv_with_a_utf16_mark_over_text_neither_utf16_nor_utf8_is_refused_saying_so(pack, tmp_path, capsys):
    bad = tmp_path / "marked.csv"
    bad.write_bytes(b"\xff\xfe" + "Service,Budget £k\nA,1\n".encode("cp1252"))
    _refused(pack, bad, capsys, "starts with a UTF-16 byte order mark but its text is neither UTF-16 nor UTF-8",
             "save it again as CSV UTF-8")


@pytest.mark.parametrize("mark", [b"\xff\xfe", b"\xfe\xff", b"\xff\xfe\xef\xbb\xbf"])
def test_a_csv_with_a_utf16_mark_over_utf8_text_is_read_as_utf8(tmp_path, capsys, mark):
    """A UTF-8 export a program marked as UTF-16 had been refused; its text is read, the mark left out."""
    path = tmp_path / "marked.csv"
    path.write_bytes(mark + "Service,Budget £k\nCafé services,1.5\nSchools,(2)\n".encode())
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path)]) == 0
    assert "read as UTF-8 text under a UTF-16 byte order mark (left out), comma-separated" in capsys.readouterr().out
    with Pack.open(pack) as opened:
        (dataset,) = opened.datasets()
        figures = [(o.label, o.measure, o.value, o.cell) for o in opened.iter_observations(dataset.id)]
    assert figures == [("Café services", "Budget £k", 1_500.0, "B2"), ("Schools", "Budget £k", -2_000.0, "B3")]


def test_labels_holding_a_nul_character_are_read_not_a_reader_failure(tmp_path):
    """An .xls whose labels hold a NUL character, in a table with sub total and count rows, failed
    with "the reader failed (IndexError)": a batch's labels are joined by NUL, and a label's own NUL
    moved every label after it. Such rows are now read one by one."""
    rows = [["Team", "Budget £", "Forecast £"]]
    rows += [[f"Team\x00 {i}", 1000.0 + i, 1010.0 + i] for i in range(300)]
    rows += [["Sub total", sum(1000.0 + i for i in range(300)), sum(1010.0 + i for i in range(300))],
             ["Number of teams", 300, 300]]
    path = write_xls(tmp_path / "nul.xls", {"Teams": rows})
    (table,) = read_file(path).tables
    teams = [o for o in table.observations if o.label.startswith("Team") and o.measure.startswith("Budget")]
    assert len(teams) == 300 and teams[7].value == 1007.0


@pytest.mark.parametrize("suffix", [".xlsx", ".ods"])
def test_a_workbook_whose_file_name_is_not_utf8_is_read(tmp_path, suffix):
    """A file name in Latin-1 bytes (unzipped from a Windows email attachment): the reader had said
    'cannot be read as a workbook (No such file or directory)' of a file that was there."""
    name = tmp_path / os.fsdecode(b"budget caf\xe9" + suffix.encode())
    try:
        (_good_workbook(name) if suffix == ".xlsx" else
         write_ods(name, {"S": [["Indicator", "Q1"], ["Children looked after", 227]]}))
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    (table,) = read_file(name).tables
    assert [(o.label, o.value, o.cell) for o in table.observations] == [("Children looked after", 227.0, "B2")]


def test_a_workbook_whose_file_name_is_not_utf8_is_refused_for_a_pack_in_one_line(pack, tmp_path, capsys):
    """Its tables cannot say in the pack which file they came from: the import had ended in a
    UnicodeEncodeError traceback as the file's name was stored."""
    name = tmp_path / os.fsdecode(b"budget caf\xe9.xlsx")
    try:
        _good_workbook(name)
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system takes only UTF-8 names")
    before = pack.read_bytes()
    capsys.readouterr()
    assert main(["import", str(pack), str(name)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err, err
    assert "budget caf\\udce9.xlsx: the file's name is not UTF-8 text" in err and "rename the file" in err, err
    assert pack.read_bytes() == before


def test_a_csv_in_utf16_without_its_mark_says_so_not_that_it_is_binary(pack, tmp_path, capsys):
    """UTF-16 text with no byte order mark (half its bytes NULs) was called 'a binary file with a .csv name'."""
    bad = tmp_path / "unmarked.csv"
    bad.write_bytes("Service,Budget £k\r\nFostering,120\r\n".encode("utf-16-le"))
    err = _refused(pack, bad, capsys, "UTF-16", "CSV UTF-8")
    assert "binary" not in err


@pytest.mark.parametrize("line", [2, 700])
def test_a_stray_nul_in_a_csv_is_read_wherever_it_is(tmp_path, line):
    """A NUL byte in the first 4 KB refused the file as binary; one further down was read. Both are
    read now: the cell holding it keeps it (shown where it was), the rest of the table as written."""
    rows = ["Service,Budget £k"] + [f"Service {i},{i}" for i in range(1, 1000)]
    rows[line - 1] = rows[line - 1].replace(",", ",1\x00", 1)
    path = tmp_path / "nul.csv"
    path.write_bytes("\r\n".join(rows).encode() + b"\r\n")
    (table,) = read_file(path).tables
    figures = {o.label: o for o in table.observations}
    assert len(figures) == 999 and figures[f"Service {line - 1}"].value is None
    assert figures[f"Service {line}"].value == line * 1000
