"""A large sheet parsed in pieces reads exactly as the whole sheet does: the same rows (blank rows,
blank columns, widths), height, merged cells, formats, notes and errors; anything unusual is parsed whole."""

import datetime as dt
import re
import threading
import zipfile
from concurrent.futures import Future

import pytest
from awkward_workbooks import with_declared_size
from openpyxl import Workbook

from memberpack.errors import Cancelled, ImportFailed, ReadAgain
from memberpack.importers import engine, reader, safety, sheet_pieces, table_reader
from memberpack.importers.reader import read_sheets
from memberpack.importers.sheet_pieces import PiecedSheet

SHEET = "xl/worksheets/sheet1.xml"


def _awkward(path, rows=600, merged=True, note=True):
    """Titles above, a blank column A, shared strings, dates and percentages with formats, blank rows
    (some at piece boundaries), an uncalculated formula, merged cells and, at the very bottom, a
    note further right than any other cell (without ``merged`` or ``note``, none)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Returns"
    ws["B2"] = "Monthly return"
    ws["B3"] = "£ thousand"
    ws.append([])
    ws.append([None, "Service", "Month", "Budget", "Share", "RAG"])
    for i in range(rows):
        if i % 97 == 50:
            ws.append([])
            continue
        ws.append([None, f"Service {i % 7}", dt.datetime(2024, 4, 1) + dt.timedelta(days=i % 300), i * 1.25,
                   (i % 10) / 10, ["Red", "Amber", "Green"][i % 3]])
        ws.cell(ws.max_row, 5).number_format = "0.0%"
    ws.cell(7, 4).value = "=D6*2"
    if merged:
        ws.merge_cells("B2:E2")
    if note:
        ws.cell(ws.max_row + 2, 12).value = "Source: finance ledger"
    wb.save(path)
    return path


def _read(path, sheet=None):
    return [(s.name, s.height, s.merged, s.formats, s.notes[:], list(s.rows)) for s in read_sheets(path, sheet)]


@pytest.fixture
def small_pieces(monkeypatch):
    """Pieces of a few kilobytes, so that a small workbook is cut into many; the pieces made are counted."""
    monkeypatch.setattr(sheet_pieces, "SPLIT_FROM", 1)
    monkeypatch.setattr(sheet_pieces, "PIECE_BYTES", 4_000)
    monkeypatch.setattr(sheet_pieces, "_piece_bytes", lambda size, opening: sheet_pieces.PIECE_BYTES)
    monkeypatch.setattr(sheet_pieces, "CHUNK", 1_000)
    monkeypatch.setattr(sheet_pieces, "cores", lambda: 2)
    made = []
    real = sheet_pieces._joined

    def joined(sheets, formats):
        made.append(len(sheets))
        return real(sheets, formats)

    monkeypatch.setattr(sheet_pieces, "_joined", joined)
    return made


def _whole(path, monkeypatch):
    with monkeypatch.context() as m:
        m.setattr(sheet_pieces, "SPLIT_FROM", 1 << 40)
        return _read(path)


def _same_refusal(path, monkeypatch) -> str:
    """The one line a file is refused with, the same whether its sheet is parsed whole or in pieces."""
    with monkeypatch.context() as m:
        m.setattr(sheet_pieces, "SPLIT_FROM", 1 << 40)
        with pytest.raises(ImportFailed) as whole:
            _read(path)
    with pytest.raises(ImportFailed) as pieces:
        _read(path)
    assert str(pieces.value) == str(whole.value)
    return str(whole.value)


def _rewritten(path, out, change):
    """A copy of the workbook with its sheet part's XML changed by ``change``."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info.filename, change(data) if info.filename == SHEET else data)
    return out


def test_pieces_read_as_the_whole_sheet(tmp_path, monkeypatch, small_pieces):
    path = _awkward(tmp_path / "returns.xlsx")
    whole = _whole(path, monkeypatch)
    assert _read(path) == whole
    assert small_pieces and small_pieces[0] > 5
    (_, height, merged, formats, _, rows), = whole
    assert merged == [((1, 1), (1, 4))]
    assert formats.uncached == {(6, 3)}
    assert len({len(row) for _, row in rows}) == 1   # every row as wide as the sheet, to the note in L
    assert rows[-1] == (height, [""] * 11 + ["Source: finance ledger"])
    assert rows[5][1][1:5] == ["Service 0", dt.date(2024, 4, 1), 0.0, 0.0]


def test_a_sheet_read_in_pieces_is_a_pieced_sheet(tmp_path, small_pieces, monkeypatch):
    path = _awkward(tmp_path / "returns.xlsx")
    opened = reader._open(path, None)
    try:
        sheet, formats = opened.sheet(0).result()
    finally:
        opened.close()
    assert isinstance(sheet, PiecedSheet) and formats is sheet.formats


@pytest.mark.parametrize("change, why", [
    (lambda xml: re.sub(rb'<row r="\d+"', b"<row ", xml), "rows without their numbers"),
    (lambda xml: xml.replace(b"</row>", b"</row><!-- <row r=\"1\"> -->", 3), "a comment in the rows"),
])
def test_a_sheet_that_cannot_be_cut_is_parsed_whole(tmp_path, monkeypatch, small_pieces, change, why):
    path = _rewritten(_awkward(tmp_path / "src.xlsx"), tmp_path / "odd.xlsx", change)
    whole = _whole(path, monkeypatch)
    assert _read(path) == whole, why
    assert not small_pieces


def test_rows_out_of_order_are_parsed_whole(tmp_path, monkeypatch, small_pieces):
    def swapped(xml):   # the last row moved to the top of the sheet's rows
        last = xml.rindex(b"<row ")
        end = xml.index(b"</row>", last) + len(b"</row>")
        first = xml.index(b"<row ")
        return xml[:first] + xml[last:end] + xml[first:last] + xml[end:]

    path = _rewritten(_awkward(tmp_path / "src.xlsx"), tmp_path / "odd.xlsx", swapped)
    assert _read(path) == _whole(path, monkeypatch)


def test_prefixed_sheet_xml_is_cut_too(tmp_path, monkeypatch, small_pieces):
    def prefixed(xml):
        xml = re.sub(rb"<(/?)(?!\?)([A-Za-z]+)", rb"<\1x:\2", xml)
        return xml.replace(b'xmlns="', b'xmlns:x="', 1)

    path = _rewritten(_awkward(tmp_path / "src.xlsx"), tmp_path / "prefixed.xlsx", prefixed)
    whole = _whole(path, monkeypatch)
    small_pieces.clear()
    assert _read(path) == whole
    assert small_pieces and whole[0][5][5][1][1] == "Service 0"


def test_a_damaged_piece_fails_as_the_whole_sheet_does(tmp_path, monkeypatch, small_pieces):
    def broken(xml):
        middle = xml.index(b"<row ", len(xml) // 2)
        return xml[:middle] + b"<row r=\"300\"><c r=\"B300\"><v>1</c></row>" + xml[middle:]

    path = _rewritten(_awkward(tmp_path / "src.xlsx"), tmp_path / "broken.xlsx", broken)
    assert "cannot be read" in _same_refusal(path, monkeypatch)


def test_one_core_parses_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(sheet_pieces, "SPLIT_FROM", 1)
    monkeypatch.setattr(reader, "cores", lambda: 1)
    opened = reader._open(_awkward(tmp_path / "returns.xlsx", rows=20), None)
    try:
        assert opened.sizes == {} and not opened.large("Returns")
    finally:
        opened.close()


def test_a_sheet_lying_about_its_size_is_refused_as_when_parsed_whole(tmp_path, monkeypatch, small_pieces):
    monkeypatch.setattr(safety, "INFLATED_HERE", 0)   # as a sheet too large for the checks to inflate
    source = _awkward(tmp_path / "src.xlsx")
    with zipfile.ZipFile(source) as archive:
        size = archive.getinfo(SHEET).file_size
    liar = with_declared_size(source, SHEET.encode(), size // 2, tmp_path / "liar.xlsx")
    assert "declared uncompressed size" in _same_refusal(liar, monkeypatch)


def test_pieces_that_would_be_too_large_are_not_made(tmp_path, monkeypatch, small_pieces):
    monkeypatch.setattr(sheet_pieces, "MOST_PIECE_BYTES", 3_999)   # as shared strings too large to parse again
    path = _awkward(tmp_path / "returns.xlsx")
    assert _read(path) == _whole(path, monkeypatch)
    assert not small_pieces


def test_damaged_style_and_cell_references_are_read_both_ways_without_a_crash(tmp_path, monkeypatch, small_pieces):
    def damaged(xml):   # a style index and a cell reference that are no numbers
        xml = re.sub(rb' s="(\d+)"', b' s="\x7f"', xml, count=3)
        return re.sub(rb'<c r="E6" s="\d+"', b'<c r="E\xc2\xa36" s="1"', xml, count=1)

    path = _rewritten(_awkward(tmp_path / "src.xlsx"), tmp_path / "damaged.xlsx", damaged)
    whole = _whole(path, monkeypatch)
    assert _read(path) == whole
    assert whole[0][5][5][1][1] == "Service 0"


def test_the_first_piece_is_an_eighth_of_the_others(tmp_path, small_pieces, monkeypatch):
    path = _awkward(tmp_path / "returns.xlsx")
    whole = _whole(path, monkeypatch)
    sizes = []
    real = sheet_pieces._parse

    def parse(calamine, opening, name, part, held, free=None):
        sizes.append(len(held[0]))
        return real(calamine, opening, name, part, held, free)

    monkeypatch.setattr(sheet_pieces, "_parse", parse)
    assert _read(path) == whole
    assert sizes[0] < min(sizes[1:-1]) and min(sizes[1:-1]) > sheet_pieces.PIECE_BYTES
    assert sheet_pieces._first_piece_bytes(8 << 20) == 1 << 20
    assert sheet_pieces._first_piece_bytes(sheet_pieces.CHUNK) == sheet_pieces.CHUNK   # (no smaller)


def _tables(path) -> list:
    """What an import reads from the file: each table's report and every figure."""
    return [(t.report, list(t.observations)) for t in engine.read_file(path).tables]


@pytest.fixture
def in_process(monkeypatch):
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)   # (the small pieces are this process's)


def test_a_sheet_is_read_while_its_later_pieces_are_parsed_and_reads_as_the_whole(tmp_path, monkeypatch, small_pieces,
                                                                                  in_process):
    path = _awkward(tmp_path / "returns.xlsx", merged=False, note=False)
    opened = reader._open(path, None)
    try:
        sheet, _ = opened.sheet(0).result()
        assert isinstance(sheet, PiecedSheet) and len(sheet.pieces) > 5
        assert any(isinstance(piece, Future) for piece in sheet.pieces)   # (still to come as the first is read)
        list(sheet.numbered_rows())
    finally:
        opened.close()
    whole = _whole(path, monkeypatch)
    with monkeypatch.context() as m:
        m.setattr(sheet_pieces, "SPLIT_FROM", 1 << 40)
        whole_tables = _tables(path)
    assert _read(path) == whole
    (_, height, merged, formats, _, rows), = whole
    assert merged == [] and formats.uncached == {(6, 3)} and rows[-1][0] == height   # (from the title in row 2)
    assert rows[5][1][1:6] == ["Service 0", dt.date(2024, 4, 1), 0.0, 0.0, "Red"]
    tables = _tables(path)
    assert tables == whole_tables and sum(len(figures) for _, figures in tables) > 1_000


def test_a_later_piece_wider_than_the_first_reads_the_file_again_whole(tmp_path, monkeypatch, small_pieces,
                                                                       in_process):
    path = _awkward(tmp_path / "returns.xlsx", merged=False)   # (the note in column L, on the last row)
    with monkeypatch.context() as m:
        m.setattr(sheet_pieces, "SPLIT_FROM", 1 << 40)
        whole_tables = _tables(path)
    with pytest.raises(ReadAgain):
        _read(path)
    assert _tables(path) == whole_tables


def test_a_streamed_sheet_reports_progress_and_cancels(tmp_path, monkeypatch, small_pieces, in_process):
    monkeypatch.setattr(table_reader, "PROGRESS_EVERY", 500)
    path = _awkward(tmp_path / "returns.xlsx", rows=3_000, merged=False, note=False)
    told = []
    engine.read_file(path, progress=lambda done, total, *_: told.append((done, total)))
    assert told and max(done for done, _ in told) > 2_000 and all(done <= total for done, total in told)
    asked = []
    with pytest.raises(Cancelled):
        engine.read_file(path, cancel=lambda: asked.append(1) or len(asked) > 3)
    for thread in threading.enumerate():
        if thread.name.startswith("pieces"):
            thread.join(10)
            assert not thread.is_alive()
