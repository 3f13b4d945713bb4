"""The shared-strings scan of a legacy .xls: its workbook stream read as olefile reads it, and the
lengths of its strings."""

import struct
from pathlib import Path

import olefile
import pytest
from awkward_workbooks import write_xls

from memberpack.errors import ImportFailed
from memberpack.importers import xls_strings
from memberpack.importers.xls_formats import whole_stream

CORPUS = Path(__file__).parents[1] / "corpus" / "files"
FRAGMENTED = CORPUS / "mhclg_RS_2014-15_data_by_LA.xls"   # its workbook stream: 27 runs of sectors


def _both(path: Path) -> tuple[bytes, bytes]:
    with olefile.OleFileIO(str(path)) as ole:
        return whole_stream(ole, "Workbook"), ole.openstream("Workbook").read()


def test_a_workbook_stream_read_by_runs_of_sectors_is_olefile_s(tmp_path):
    written = write_xls(tmp_path / "budget.xls", {"Budget": [["Service", "Budget £k"]]
                                                  + [[f"Line {i}", i * 1.5] for i in range(2_000)]})
    ours, olefiles = _both(written)
    assert len(ours) > 4_096 and ours == olefiles


@pytest.mark.skipif(not FRAGMENTED.exists(), reason="corpus file")
def test_a_workbook_stream_in_many_runs_of_sectors_is_read_whole():
    ours, olefiles = _both(FRAGMENTED)
    assert ours == olefiles



def _string(text: str, *, runs: int = 0, extra: bytes = b"", wide: bool = False) -> bytes:
    """A shared string as BIFF8 writes it: length, flags, counts of rich-text runs and extended data."""
    flags = (0x01 if wide else 0) | (0x08 if runs else 0) | (0x04 if extra else 0)
    head = len(text).to_bytes(2, "little") + bytes([flags])
    head += runs.to_bytes(2, "little") if runs else b""
    head += len(extra).to_bytes(4, "little") if extra else b""
    return head + text.encode("utf-16-le" if wide else "latin-1") + b"\x01\x00\x02\x00" * runs + extra


def _record(kind: int, body: bytes) -> bytes:
    return kind.to_bytes(2, "little") + len(body).to_bytes(2, "little") + body


def test_the_lengths_of_rich_and_extended_strings_cut_by_continue_records():
    strings = [("Care", {}), ("Résumé", {"runs": 3}), ("Fostering", {"extra": b"\x07" * 30}),
               ("Schools", {"runs": 2, "extra": b"\x09" * 5, "wide": True}), ("", {}), ("x" * 50, {})]
    body = b"".join(_string(text, **how) for text, how in strings)
    head = (9).to_bytes(4, "little") + len(strings).to_bytes(4, "little")
    second = len(head) + len(_string("Care"))
    third = second + len(_string("Résumé", runs=3))
    cuts = [second + 5 + 6 + 3, third + 7 + 9 + 12]   # inside the second's runs and the third's extended data
    whole = head + body
    pieces = [whole[:cuts[0]], whole[cuts[0]:cuts[1]], whole[cuts[1]:]]
    data = _record(0x0809, b"\0" * 16) + _record(0x00FC, pieces[0]) + b"".join(
        _record(0x003C, piece) for piece in pieces[1:]) + _record(0x000A, b"")
    assert xls_strings._lengths(xls_strings._strings_records(data)) == [len(text) for text, _ in strings]



def test_a_workbook_stream_cut_short_is_what_olefile_reads_of_it(tmp_path):
    written = write_xls(tmp_path / "budget.xls", {"Budget": [["Service", "Budget £k"]]
                                                  + [[f"Line {i}", i * 1.5] for i in range(2_000)]})
    with olefile.OleFileIO(str(written)) as ole:
        whole = ole.fp.read   # the file's bytes end 5,000 bytes in
        ole.fp.read = lambda size=-1: whole(max(0, min(size, 5_000 - ole.fp.tell())))
        olefiles = ole.openstream("Workbook").read()
        assert 0 < len(olefiles) < ole.get_size("Workbook") and whole_stream(ole, "Workbook") == olefiles


def test_the_strings_are_read_only_where_the_cells_naming_them_could_hold_more_than_the_bound(tmp_path):
    rows = [["Service", "Budget £k"]] + [[f"Line {i % 7}", i] for i in range(3_000)]
    path = write_xls(tmp_path / "lines.xls", {"Budget": rows})
    exact = xls_strings.shared_string_characters(path)
    assert exact == len("Service") + len("Budget £k") + 3_000 * len("Line 0")
    most = 3_002 * xls_strings.LONGEST   # the cells naming a string, each as long as a string can be
    assert xls_strings.shared_string_characters(path, most) == most
    with olefile.OleFileIO(str(path)) as ole:
        strings = sum(map(len, xls_strings._strings_records(whole_stream(ole, "Workbook"))))
    named_most = 429 * strings   # the most cells naming one string ("Line 0"), each as long as all the strings
    assert exact < named_most < most
    assert xls_strings.shared_string_characters(path, most - 1) == named_most
    assert xls_strings.shared_string_characters(path, named_most - 1) == exact


def test_the_strings_of_distinct_labels_each_named_once_are_not_read(tmp_path, monkeypatch):
    """A large workbook of distinct labels: the cells could hold no more than all the strings' bytes."""
    rows = [["Service", "Budget £k"]] + [[f"Line {i}", i] for i in range(3_000)]
    path = write_xls(tmp_path / "lines.xls", {"Budget": rows})
    monkeypatch.setattr(xls_strings, "_lengths", lambda pieces: pytest.fail("the strings were read"))
    assert xls_strings.shared_string_characters(path, 10**6) < 10**6


def test_cells_naming_strings_longer_than_excel_writes_are_refused(tmp_path, monkeypatch):
    """A shared string's length may say up to 65,535 characters, and calamine reads them all: 30,000
    cells naming strings of 65,000 passed the bound at Excel's 32,767 (just under a billion) and
    would have filled 2 billion characters."""
    import xlwt.BIFFRecords

    from memberpack.importers.safety import _check_xls_strings

    monkeypatch.setattr(xlwt.BIFFRecords, "upack2",   # (xlwt writes no string longer than Excel does)
                        lambda text, encoding="ascii": struct.pack("<HB", len(text), 0) + text.encode("latin-1"))
    path = write_xls(tmp_path / "long.xls", {"Budget": [["x" * 65_000] * 10 for _ in range(3_000)]})
    with pytest.raises(ImportFailed, match="1.9 billion characters"):
        _check_xls_strings(path, path.name)


@pytest.mark.skipif(not FRAGMENTED.exists(), reason="corpus file")
def test_windows_of_a_stream_in_many_runs_of_sectors_are_olefile_s():
    import random

    from memberpack.importers.xls_formats import _Stream

    with olefile.OleFileIO(str(FRAGMENTED)) as ole:
        whole = ole.openstream("Workbook").read()
        entry = next(kid for kid in ole.root.kids if kid.name.lower() == "workbook")
        stream = _Stream(ole.fp, ole.fat, ole.sectorsize, entry.isectStart, entry.size)
        rng = random.Random(5)
        for _ in range(300):
            at, size = rng.randrange(len(whole) + 10), rng.choice([1, 4, 511, 513, 5_000, 70_000])
            assert stream.read(at, size) == whole[at:at + size]


def test_a_chain_of_sectors_that_loops_is_refused():
    import io
    from array import array

    from memberpack.importers.xls_formats import _Stream

    stream = _Stream(io.BytesIO(bytes(512 * 8)), array("I", [1, 2, 0, 4]), 512, 0, 512 * 6)
    with pytest.raises(ValueError, match="leaves the file"):
        stream.read(0, 512 * 6)
