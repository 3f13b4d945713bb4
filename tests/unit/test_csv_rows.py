"""A CSV's rows read several lines at a time (``csv_reader._Rows``) are exactly what reading it line by
line with :func:`csv.reader` gives: the same rows, the same refusal after the same rows, the same
count of rows read before the first byte the decoding mended."""

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from memberpack.errors import ImportFailed
from memberpack.importers import csv_reader
from memberpack.importers.csv_reader import _Decoding, _mending, _Rows, bounded_lines, bounded_rows


def _read(data: bytes, encoding: str, dialect, chunked: bool):
    """(rows, the error's message or None, the decoding's counts, the notes), reading ``data`` one way or the other."""
    decoding, rows, error, notes = _Decoding(), [], None, []
    fh = io.TextIOWrapper(io.BytesIO(data), encoding=encoding, errors="memberpack-mend", newline="")
    _mending.append(decoding)
    try:
        if chunked:
            reading = _Rows(fh, "f.csv", dialect, decoding)
            notes = reading.notes
            for batch in reading.batches():
                rows += batch
        else:   # as it was read before: one row at a time
            for row in bounded_rows(bounded_lines(fh, "f.csv"), "f.csv", dialect, notes):
                decoding.line += 1
                rows.append(row)
    except ImportFailed as exc:
        error = str(exc)
    finally:
        _mending.remove(decoding)
    return rows, error, (decoding.as_cp1252, decoding.unreadable, decoding.first_line), notes


def _same(data: bytes, encoding: str = "utf-8-sig", dialect=csv.excel):
    assert _read(data, encoding, dialect, True) == _read(data, encoding, dialect, False)


@pytest.fixture(autouse=True)
def _few_lines(monkeypatch):
    monkeypatch.setattr(csv_reader, "LINES", 4)   # many chunks, and quoted fields across their ends


@pytest.mark.parametrize("data", [
    b"", b"\n", b"a", b"a,b", b"a,b\n\n\r\n\rc\r\n", b"x,1\r\ny,2\rz,3\n", b"a,b\n" * 9, b" , \n,\n,,\n",
    b'a,"b\nc",d\n1,2\n3,4\n5,6\n7,"8\n\n\n\n\n9"\n10\n', b'"unclosed\nq\nr\ns\nt\nu', b'a"b,c\n' * 6,
    b"a\0b,c\n" * 5, b"caf\xe9,\xa3\n" * 6, b"x,1\n" * 7 + b"caf\xe9,\xa3\n" + b"y,2\n" * 3, b"x\n" * 8 + b"\xe2\x82",
    b"ok,1\n" * 5 + b"x" * 60 + b"\n" + b"after,2\n", b"ok,1\n" * 5 + b",".join([b"1"] * 40) + b"\nafter\n",
    b"a\n" * 3 + b'"' + b"x" * 60 + b'"\n', b"a,b\n" * 3 + b'"a' + b"\n" * 5 + b"x" * 70,
])
def test_awkward_files_read_alike(data, monkeypatch):
    monkeypatch.setattr(csv_reader, "MAX_LINE", 50)
    monkeypatch.setattr(csv_reader, "MAX_FIELDS", 30)
    _same(data)
    _same(data, "cp1252")


def test_a_field_over_the_csv_modules_limit_is_refused_alike(monkeypatch):
    kept = csv.field_size_limit(20)
    try:
        _same(b"a,b\n" * 5 + b"c," + b"d" * 30 + b"\ne\n")
    finally:
        csv.field_size_limit(kept)


def test_sniffed_dialects_read_alike():
    for text in (b"a; b; c\n1; 2; 3\n" * 4, b"a|b\n'x|y'|z\n" * 4, b"a\tb\n1\t2\n" * 5):
        dialect = csv_reader.detect_dialect(text.decode())
        _same(text, dialect=dialect)


_piece = st.sampled_from([b"a", b"1", b",", b";", b'"', b"'", b"\n", b"\r", b"\r\n", b" ", b"\0", b"\xa3",
                          b"\x81", b"\xc2\xa3", b"\xe2\x82", b"12.5", b"x,y,z\n", b"-3.1,4\n"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_piece, max_size=60), st.sampled_from([",", ";"]), st.booleans())
def test_any_file_reads_alike(pieces, delimiter, cp1252):
    dialect = type("sniffed", (csv.excel,), {"delimiter": delimiter})
    _same(b"".join(pieces), "cp1252" if cp1252 else "utf-8-sig", dialect)


def test_a_file_with_no_line_breaks_is_refused_having_read_one_line():
    data = io.BytesIO(b"1," * (csv_reader.MAX_LINE * 3))
    fh = io.TextIOWrapper(data, encoding="utf-8", newline="")
    with pytest.raises(ImportFailed, match="line 1 is longer than 1,000,000 characters"):
        list(_Rows(fh, "f.csv", csv.excel, _Decoding()).batches())
    assert data.tell() <= 2 * csv_reader.MAX_LINE


def test_a_row_of_20000_fields_is_refused_after_the_rows_before_it():
    rows = []
    fh = io.TextIOWrapper(io.BytesIO(b"a,1\nb,2\n" + b",".join([b"7"] * 20_000) + b"\nc,3\n"), encoding="utf-8", newline="")
    with pytest.raises(ImportFailed, match="a row has 20,000 fields"):
        for batch in _Rows(fh, "f.csv", csv.excel, _Decoding()).batches():
            rows += batch
    assert rows == [["a", "1"], ["b", "2"]]


@pytest.mark.parametrize("seed", range(6))
def test_long_files_count_the_rows_before_the_first_mended_byte_alike(seed):
    # the decoder reads 8 KB at a time: only a longer file mends bytes after rows were read
    import random

    rng = random.Random(seed)
    lines = [rng.choice([b"Line %d,1.5,-2\n" % i, b'"Line, %d",3\n' % i, b'"two\nlines %d",4\r\n' % i, b"\n"])
             for i in range(3_000)]
    for at in sorted(rng.sample(range(1_000, 3_000), 3)):
        lines[at] = rng.choice([b"Caf\xe9 \xa3,5\n", b"odd \x81,6\n", b'"caf\xe9\n\xa3",7\n'])
    data = b"".join(lines)
    for encoding in ("cp1252", "utf-8-sig"):
        chunked = _read(data, encoding, csv.excel, True)
        assert chunked == _read(data, encoding, csv.excel, False)
    assert chunked[2][2] > 100 and len(chunked[0]) == 3_000   # (UTF-8's)


@pytest.mark.parametrize("data, row, after", [
    (b"a,1\n" * 5 + b'"Line x,1,2\n' + b"b,2\n" * 30, ['"Line x', "1", "2"], 30),
    (b'a,"b\nc",d,"e\nf,1\n' + b"g,2\n" * 3, ["a", "b\nc", "d", '"e'], 4),   # after a field closed over lines
    (b'"x""y\nz,1', ['"x""y'], 1),   # its text as written
    (b"a,1\n" * 3 + b"c,3", ["c", "3"], 0),   # (no quote: nothing to say)
])
def test_a_quote_never_closed_is_read_as_text_and_the_rows_after_it_read(data, row, after):
    rows, error, _, notes = _read(data, "utf-8-sig", csv.excel, True)
    assert error is None and row in rows and len(rows) - rows.index(row) - 1 == after
    assert len(notes) == int(any(field.startswith('"') for field in row))
    assert all(f"row {rows.index(row) + 1} opens a quote that is never closed" in note for note in notes)
    _same(data)


def test_a_quote_never_closed_is_refused_by_name_where_no_warning_can_be_given():
    with pytest.raises(ImportFailed, match=r'f.csv: row 2 opens a quote that is never closed \("b,2\)'):
        list(bounded_rows(["a,1\n", '"b,2\n', "c,3\n"], "f.csv"))


def test_a_field_over_the_limit_is_refused_in_our_words_naming_its_row(monkeypatch):
    monkeypatch.setattr(csv_reader, "MAX_LINE", 50)
    kept = csv.field_size_limit(40)
    try:
        _same(b"a,1\n" * 5 + b'"' + b"x\n" * 30 + b'",2\nb,3\n')
        _, error, *_ = _read(b"a,1\n" * 5 + b'"' + b"x\n" * 30 + b'",2\nb,3\n', "utf-8-sig", csv.excel, True)
    finally:
        csv.field_size_limit(kept)
    assert error == "f.csv: row 6 has a field longer than 40 characters (a quote never closed?); not a table memberpack can read"
