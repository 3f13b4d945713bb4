"""CSV files as councils save them: UTF-8 (with or without BOM) or Windows-1252, any common delimiter.

The encoding is decided on a prefix (so ``£`` saved by old Excel as byte 0xA3 survives), the
delimiter by :class:`csv.Sniffer`, or by Excel's ``sep=;`` first line where the file has one (the
line itself is no row, as Excel does not show it); the rows are then streamed, never loaded whole, and a line
longer than any table's (random bytes, a file with no line breaks) is refused before it is parsed
into millions of fields. A file that is
UTF-8 at its start and Windows-1252 further on (two exports joined) is not turned into U+FFFD
beyond that point: each byte that is not UTF-8 is read as Windows-1252, and the report says how
many, from which line; bytes neither can read are counted and reported too.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import threading
from bisect import bisect_right
from itertools import accumulate, chain, count, islice
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from memberpack.errors import ImportFailed
from memberpack.importers.marked_utf8 import MARKED_UTF8
from memberpack.importers.safety import UTF16_BOMS
from memberpack.model.short_text import shortened

if TYPE_CHECKING:   # numpy is loaded only where a file is read column-wise
    from memberpack.importers.label_words import ChunkLabels
    from memberpack.model.blocks import Texts

COLUMN_BYTES = 1 << 20   # of a CSV read column-wise at a time (:class:`CsvColumns`; 4 MB held 60 MB more at its peak)
COLUMNS_FROM = 4 << 20   # bytes left in a file worth loading Arrow to read them column-wise
SAMPLE_BYTES = 16 << 20   # enough to see a late £ in any ordinary return
CHUNK = 1 << 16
DELIMITERS = ",;\t|"
MAX_LINE = 1_000_000      # characters: 16,384 columns of 60 characters each
MAX_FIELDS = 16_384       # columns, as many as a spreadsheet has
LINES = 512               # lines read, and parsed, at a time (:func:`_rows`)
csv.field_size_limit(MAX_LINE)   # a field as long as a line (a table's texts are cut to 32,767 characters)
_DECIMAL_COMMA = re.compile(r"\s*[-(]?\s*(?:\d{1,3}(?:\.\d{3})+|\d+),\d+\)?\s*")   # 1.234,5 and 65,5
_DECIMAL_POINT = re.compile(r"\s*[-(]?\s*\d*\.\d{1,2}\)?\s*")                           # 65.5, as the UK writes it
_SEP_LINE = re.compile(r'\ufeff?"?sep=([^"\r\n])"?[ \t]*(?:\r\n|\r|\n|$)')


def detect_encoding(path: Path) -> str:
    """``utf-16`` for a file that starts with its byte order mark (Excel's "Unicode Text") and has
    the NULs of UTF-16 text, :data:`MARKED_UTF8` for one whose text after that mark has none (UTF-8:
    the file's checks refused it if not); else ``utf-8-sig`` when the first :data:`SAMPLE_BYTES`
    are valid UTF-8, else ``cp1252``."""
    with path.open("rb") as fh:
        head = fh.read(4096)   # as much as the file's checks look at
    if head.startswith(UTF16_BOMS):
        return "utf-16" if b"\x00" in head or len(head) == 2 else MARKED_UTF8
    first = first_non_utf8(path, SAMPLE_BYTES)
    return "utf-8-sig" if first is None else "cp1252"


def first_non_utf8(path: Path, limit: int | None = None) -> int | None:
    """The offset of the first byte of ``path`` (of its first ``limit`` bytes) that is not UTF-8, or
    None. The whole of a 1 GB file is checked in under a second."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    done = 0
    with path.open("rb") as fh:
        while (limit is None or done < limit) and (chunk := fh.read(CHUNK)):
            held = len(decoder.getstate()[0])   # the start of a character the last chunk cut
            try:
                decoder.decode(chunk, final=False)
            except UnicodeDecodeError as exc:
                return done - held + exc.start
            done += len(chunk)
    return None


class MendedUtf8:
    """A UTF-8 file whose bytes that are not UTF-8 (a Windows-1252 part joined on) are read as
    Windows-1252, given as UTF-8 bytes to a reader that takes only UTF-8 (Arrow's CSV reader);
    :attr:`decoding` counts what was mended, for the report."""

    def __init__(self, path: Path) -> None:
        self.raw = path.open("rb")
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="memberpack-mend")
        self.decoding = _Decoding()
        self.pending = b""
        self.closed = False

    def read(self, size: int = -1) -> bytes:
        while size < 0 or len(self.pending) < size:
            chunk = self.raw.read(CHUNK if size < 0 else max(size, CHUNK))
            _mending.append(self.decoding)
            try:
                self.pending += self.decoder.decode(chunk, final=not chunk).encode("utf-8")
            finally:
                _mending.remove(self.decoding)
            if not chunk:
                break
        out, self.pending = (self.pending, b"") if size < 0 else (self.pending[:size], self.pending[size:])
        return out

    def tell(self) -> int:
        return self.raw.tell()

    def close(self) -> None:
        self.raw.close()
        self.closed = True


def bounded_lines(fh: IO[str], name: str) -> Iterator[str]:
    """The lines of a text file opened with ``newline=""``, refusing one of more than :data:`MAX_LINE`
    characters in one line naming the file, having read no more of it than that."""
    number = 0
    while line := fh.readline(MAX_LINE + 1):
        number += 1
        if len(line) > MAX_LINE:
            raise _too_long(name, number)
        yield line


def bounded_rows(lines: Iterable[str], name: str, dialect: type[csv.Dialect] | csv.Dialect = csv.excel,
                 notes: list[str] | None = None, counted: int = 0) -> Iterator[list[str]]:
    """:func:`csv.reader` over ``lines`` (after ``counted`` rows), refusing a row wider than a spreadsheet
    can be. A row whose quoted field is never closed (:func:`_unclosed`) is read again with its quote as
    text, saying so in ``notes``; given no ``notes``, the file is refused naming the row."""
    held: list[str] = []   # the lines of the row being read
    ended = False

    def fed() -> Iterator[str]:
        nonlocal ended
        for line in lines:
            held.append(line)
            yield line
        ended = True

    try:
        number = counted
        for row in csv.reader(fed(), dialect):
            rows = [row] if not ended else _unclosed(row, held, number + 1, name, dialect, notes)
            for row in rows:
                if len(row) > MAX_FIELDS:
                    raise _too_wide(name, row)
                number += 1
                yield row
            held.clear()
    except csv.Error as exc:
        raise _not_csv(name, exc, number + 1) from None


def _unclosed(row: list[str], lines: list[str], number: int, name: str,
              dialect: type[csv.Dialect] | csv.Dialect, notes: list[str] | None) -> list[list[str]]:
    """The rows of ``lines``, which :func:`csv.reader` read as one row (``row``, the ``number``th) running
    on to the end of the file inside a quoted field that is never closed: read again with the quote
    opening that field as text (as a quote inside a field is), the rest of the file as usual."""
    quote = dialect.quotechar or '"'
    text = "".join(lines)
    opened = quote + (row[-1].replace(quote, quote * 2) if dialect.doublequote else row[-1])
    opening = shortened(row[-1].partition(chr(10))[0].strip(), 40)
    where = f"row {number:,} opens a quote that is never closed ({quote}{opening})"
    refused = ImportFailed(f"{name}: {where}: the rest of the file would be one text; close or remove the quote")
    if notes is None or not text.endswith(opened):
        raise refused
    at = len(text) - len(opened)
    k = bisect_right(list(accumulate(map(len, lines))), at)
    start = at - sum(map(len, lines[:k]))
    again = lines[:k] + [f"{lines[k][:start]}x{lines[k][start + 1:]}"] + lines[k + 1:]   # x: a text's first character
    rows = list(bounded_rows(again, name, dialect, notes, number - 1))
    if len(rows[0]) < len(row) or not rows[0][len(row) - 1].startswith("x"):   # (a delimiter x)
        raise refused
    rows[0][len(row) - 1] = quote + rows[0][len(row) - 1][1:]
    notes.append(f"warning: {where}: its quote was read as text and the {len(rows) - 1:,} rows after it were read; "
                 f"check row {number:,}")
    return rows


def _too_long(name: str, number: int) -> ImportFailed:
    return ImportFailed(f"{name}: line {number:,} is longer than {MAX_LINE:,} characters; "
                        "not a table memberpack can read (is it a CSV file?)")


def _too_wide(name: str, row: list[str]) -> ImportFailed:
    return ImportFailed(f"{name}: a row has {len(row):,} fields, more columns than a spreadsheet can "
                        f"hold ({MAX_FIELDS:,}); not a table memberpack can read")


def _not_csv(name: str, exc: csv.Error, number: int) -> ImportFailed:
    if str(exc).startswith("field larger than field limit"):   # a quoted field running on over lines
        return ImportFailed(f"{name}: row {number:,} has a field longer than {csv.field_size_limit():,} characters "
                            "(a quote never closed?); not a table memberpack can read")
    return ImportFailed(f"{name}: cannot be read as CSV ({exc})")


class _Rows:
    """The rows of a text file opened with ``newline=""``, exactly as :func:`bounded_rows` over
    :func:`bounded_lines` gives them (the same rows; the same refusals, after the same rows) but
    read :data:`LINES` lines at a time: lines holding no quote (most of a council's CSV) are split
    at the delimiter all at once, which is what :func:`csv.reader` makes of them; others are given
    to it, with the lines a quoted field runs on to. ``decoding`` learns how many rows came before
    the line it first mended a byte in, as reading row by row it would."""

    def __init__(self, fh: IO[str], name: str, dialect: type[csv.Dialect] | csv.Dialect, decoding: _Decoding) -> None:
        self.fh, self.name, self.dialect, self.decoding = fh, name, dialect, decoding
        self.lines_read = self.rows_read = 0
        self.failure: ImportFailed | None = None   # met in the lines read, raised after the rows before it
        self.notes: list[str] = []   # a quote never closed, read as text (:func:`_unclosed`)
        self.run_on: list[str] = []   # the lines read on to by :meth:`_parsed`'s reader
        self.ended = False   # that reader read to the end of the file
        self.splits = self.splitting(dialect)
        self.special = [c for c in (dialect.quotechar, dialect.escapechar) if c]
        self.bytes_read: int | None = None   # of the file, up to the lines read (counted for :class:`CsvColumns`)
        self.moved_to: int | None = None   # where to read on from, once :class:`CsvColumns` read lines past it
        self.opened: list[IO] = []   # files opened for reading on from there
        self.path: Path | None = None   # the file, given when lines may be read past (:meth:`moved`)
        self.ended = False   # the last batch was the file's last

    @staticmethod
    def splitting(dialect: type[csv.Dialect] | csv.Dialect) -> bool:
        """Whether lines of ``dialect`` with no quote are split at the delimiter alone."""
        return dialect.quoting == csv.QUOTE_MINIMAL and not dialect.skipinitialspace

    def batches(self) -> Iterator[list[list[str]]]:
        """The rows, a list of them at a time (the lines read at once)."""
        delimiter, decoding = self.dialect.delimiter, self.decoding
        while True:
            mended, start = decoding.first_line is not None, self.lines_read
            lines = self._lines(LINES)
            if self.splits and not any(c in "".join(lines) for c in self.special) and (
                    max(map(len, lines), default=0) <= csv.field_size_limit()):   # (a longer field is refused)
                rows = [text.split(delimiter) if (text := line.rstrip("\r\n")) else [] for line in lines]
                ends = None
            else:
                rows, ends = self._parsed(lines)
            if not mended and decoding.first_line is not None:   # lines counted so far: rows, as read
                before = decoding.first_line - start
                decoding.first_line = self.rows_read + (before if ends is None else bisect_right(ends, before))
            if rows and max(map(len, rows)) > MAX_FIELDS:
                wide = next(i for i, row in enumerate(rows) if len(row) > MAX_FIELDS)
                yield rows[:wide]
                raise _too_wide(self.name, rows[wide])
            self.rows_read += len(rows)
            self.ended = len(lines) < LINES
            yield rows
            if self.failure is not None:
                raise self.failure
            if self.ended:
                return

    def _lines(self, most: int) -> list[str]:
        """Up to ``most`` more lines; at a line too long, those before it (:attr:`failure` says why)."""
        lines: list[str] = []
        if self.failure is not None:
            return lines
        if self.moved_to is not None:
            self._read_on()
        readline, limit, decoding, read = self.fh.readline, MAX_LINE + 1, self.decoding, self.lines_read
        for read in range(read, read + most):
            decoding.line = read   # a byte mended now comes after this many lines
            line = readline(limit)
            if not line:
                break
            if len(line) > MAX_LINE:
                self.failure = _too_long(self.name, read + 1)
                break
            lines.append(line)
        self.lines_read += len(lines)
        if self.bytes_read is not None:
            text = "".join(lines)
            self.bytes_read += len(text) if text.isascii() else len(text.encode("utf-8"))
        return lines

    def moved(self, lines: int, size: int) -> None:
        """Read on ``size`` bytes further on, ``lines`` lines (each a row) having been read there."""
        self.lines_read += lines
        self.rows_read += lines
        self.bytes_read += size
        self.moved_to = self.bytes_read

    def _read_on(self) -> None:
        raw = self.path.open("rb")
        raw.seek(self.moved_to)
        for held in self.opened:
            held.close()
        self.fh = io.TextIOWrapper(raw, encoding="utf-8", errors="memberpack-mend", newline="")
        self.opened = [self.fh]
        self.moved_to = None

    def _parsed(self, lines: list[str]) -> tuple[list[list[str]], list[int]]:
        """:func:`csv.reader`'s rows of ``lines`` and of the lines a quoted field runs on to, and the
        number of lines read up to the end of each."""
        rows: list[list[str]] = []
        ends: list[int] = []
        self.run_on = []
        reader = csv.reader(self._running_on(lines), self.dialect)
        try:
            while reader.line_num < len(lines) and (row := next(reader, None)) is not None:
                if self.ended:   # the row ran on to the end of the file inside quotes
                    held = (lines + self.run_on)[ends[-1] if ends else 0:]
                    more = _unclosed(row, held, self.rows_read + len(rows) + 1, self.name, self.dialect, self.notes)
                    rows += more
                    ends += [reader.line_num] * len(more)
                    break
                rows.append(row)
                ends.append(reader.line_num)
        except csv.Error as exc:
            self.failure = _not_csv(self.name, exc, self.rows_read + len(rows) + 1)
        except ImportFailed as exc:   # a line too long, met in a field run on to it
            self.failure = exc
        return rows, ends

    def _running_on(self, lines: list[str]) -> Iterator[str]:
        yield from lines
        while more := self._lines(1):
            self.run_on.append(more[0])
            yield more[0]
        self.ended = True
        if self.failure is not None:
            failure, self.failure = self.failure, None
            raise failure


def detect_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text, delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel


class _Decoding:
    """Counts what a file's decoding had to mend: bytes read as Windows-1252 in a UTF-8 file, and
    bytes no encoding could read (shown as U+FFFD)."""

    def __init__(self) -> None:
        self.as_cp1252 = 0
        self.unreadable = 0
        self.first_line: int | None = None
        self.line = 0

    def mend(self, error: UnicodeDecodeError) -> tuple[str, int]:
        bad = error.object[error.start:error.end]
        text = bad.decode("cp1252", errors="replace")
        unreadable = text.count("\ufffd")
        self.unreadable += unreadable
        self.as_cp1252 += len(bad) - unreadable
        if self.first_line is None:   # text is decoded a little ahead of the rows read
            self.first_line = self.line
        return text, error.end

    def notes(self, encoding: str) -> list[str]:
        where = f" (the first after line {self.first_line:,})" if self.first_line else ""
        out = []
        if self.as_cp1252:
            many = self.as_cp1252 > 1
            out.append(f"warning: {self.as_cp1252:,} byte{'s' if many else ''} further on {'are' if many else 'is'} not UTF-8 "
                       f"and {'were' if many else 'was'} read as Windows-1252 (£, €){where}; check those rows")
        if self.unreadable:
            out.append(f"warning: {self.unreadable:,} byte{'s' if self.unreadable > 1 else ''} could not be read "
                       f"as {'Windows-1252' if encoding == 'cp1252' else 'UTF-8 or Windows-1252'} and "
                       f"{'are' if self.unreadable > 1 else 'is'} shown as \ufffd{where}")
        return out


_mending: list[_Decoding] = []


def _mend(error: UnicodeDecodeError) -> tuple[str, int]:
    return _mending[-1].mend(error)


codecs.register_error("memberpack-mend", _mend)


def csv_rows(path: Path, tell: Callable[[list[str]], None] | None = None) -> tuple[str, str, bool, Iterator[list[str]]]:
    """The encoding, the delimiter, whether the file's ``sep=`` line declared it, and a stream of
    rows of ``path``; once the rows are used up, ``tell`` is given the warnings about characters
    the decoding had to mend (if any)."""
    encoding, delimiter, declared, batches, _ = _csv_batches(path, tell)
    return encoding, delimiter, declared, chain.from_iterable(batches)


def csv_sheet_rows(path: Path, tell: Callable[[list[str]], None] | None = None
                   ) -> tuple[str, str, bool, Iterator[tuple[int, list[str]]], CsvColumns | None]:
    """:func:`csv_rows`, each row with its index, and where the file may be read column-wise from a
    row on (a UTF-8 file), what reads it so (:class:`CsvColumns`); else None."""
    encoding, delimiter, declared, batches, columns = _csv_batches(path, tell)

    def indexed() -> Iterator[tuple[int, list[str]]]:
        for batch in batches:
            first = columns.given if columns is not None else 0
            if columns is not None:
                columns.given += len(batch)
            yield from zip(count(first), batch)

    if columns is None:
        return encoding, delimiter, declared, enumerate(chain.from_iterable(batches)), None
    return encoding, delimiter, declared, indexed(), columns


def _csv_batches(path: Path, tell: Callable[[list[str]], None] | None
                 ) -> tuple[str, str, bool, Iterator[list[list[str]]], CsvColumns | None]:
    encoding = detect_encoding(path)
    with path.open("rb") as fh:
        head = fh.read(CHUNK)
    text = head.decode(encoding, errors="ignore")
    declared = _SEP_LINE.match(text)
    lines = text.splitlines()[1 if declared else 0:50]
    dialect = detect_dialect("\n".join(lines))
    if declared and dialect.delimiter != (delimiter := declared.group(1)):
        dialect = type("Declared", (csv.excel,), {"delimiter": delimiter})
    columns = CsvColumns(path, dialect) if encoding == "utf-8-sig" and _Rows.splitting(dialect) else None

    def batches() -> Iterator[list[list[str]]]:
        decoding = _Decoding()
        with path.open("rb") as raw, io.TextIOWrapper(raw, encoding=encoding, errors="memberpack-mend",
                                                      newline="") as fh:
            _mending.append(decoding)
            reading = _Rows(fh, path.name, dialect, decoding)
            try:
                if declared:   # (its line read too as the mending counts it)
                    line = fh.readline()
                if columns is not None:
                    reading.path, columns.reading = path, reading
                    reading.bytes_read = (3 if head.startswith(codecs.BOM_UTF8) else 0) + \
                        (len(line.encode("utf-8")) if declared else 0)
                yield from reading.batches()
            finally:
                _mending.remove(decoding)
                for opened in reading.opened:
                    opened.close()
        if tell is not None and (notes := reading.notes + decoding.notes(encoding)):
            tell(notes)

    return encoding, dialect.delimiter, declared is not None, batches(), columns


class CsvColumns:
    """The rest of a UTF-8 CSV read column-wise from a row on, :data:`COLUMN_BYTES` at a time, by Arrow's
    CSV reader (the table reader's plain rows, :meth:`~.table_reader.TableReader._columnwise`): each
    field a text, as the rows read line by line give it. Only lines that reading splits at the
    delimiter alone are read so: ASCII, no quote, no blank line, no line ending in ``\\r`` alone,
    every line with as many fields; a part of the file that is not so is left to the rows
    (:meth:`chunk` gives None), which read on from where the columns stopped."""

    def __init__(self, path: Path, dialect: type[csv.Dialect] | csv.Dialect) -> None:
        self.path = path
        self.delimiter = dialect.delimiter
        self.special = [c.encode() for c in (dialect.quotechar, dialect.escapechar) if c] + [b"\0"]
        self.reading: _Rows | None = None
        self.given = 0   # rows the row reader has read, in whole batches
        self.size = path.stat().st_size
        self.on = True   # off where the rows are rewritten (ratings, :func:`~.rated_columns.with_ratings`)
        self.begun = False   # a chunk is read: Arrow is loaded, and what is left is worth reading so
        self.ahead: tuple[int, Future] | None = None   # the chunk from a byte on, read while the one before is settled

    def off(self) -> None:
        self.on = False

    def left(self, r: int) -> int | None:
        """How many rows the row reader has read beyond row ``r`` (the next row wanted) in its last
        batch: at 0, the file may be read column-wise from ``r``; None when it may not be."""
        reading = self.reading
        if not self.on or reading is None or reading.ended or reading.failure is not None or \
                reading.decoding.first_line is not None or r > self.given or \
                not self.begun and self.size - reading.bytes_read < COLUMNS_FROM:   # (too little left to load
            return None                                                          # Arrow for)
        return self.given - r

    def chunk(self, r: int, labels: int, figures: Sequence[int]) -> ColumnChunk | None:
        """The next lines from row ``r`` (read by no row yet), each with as many fields as the first,
        column-wise, with field ``labels`` read as labels (:meth:`ColumnChunk.labels`) and the fields
        ``figures`` as figures (:meth:`ColumnChunk.figures`); None when they cannot be read so, or the
        file has no more. The lines after them are read meanwhile on a thread of their own: Arrow parses
        them, and does what it does to their labels and figures, while these rows are settled."""
        if self.left(r) != 0:
            return None
        at = self.reading.bytes_read
        ahead, self.ahead = self.ahead, None
        chunk = ahead[1].result() if ahead is not None and ahead[0] == at else \
            _column_chunk(self.path, at, self.delimiter, self.special, labels, figures)
        if chunk is None:
            return None
        self.begun = True
        chunk.first = r
        self.ahead = (at + chunk.size, _on_thread(_column_chunk, self.path, at + chunk.size, self.delimiter,
                                                  self.special, labels, figures))
        return chunk

    def taken(self, chunk: ColumnChunk) -> None:
        """The chunk's rows are read: the row reader reads on after them."""
        self.given += chunk.rows
        self.reading.moved(chunk.rows, chunk.size)


def _column_chunk(path: Path, at: int, delimiter: str, special: list[bytes], labels: int,
                  figures: Sequence[int]) -> ColumnChunk | None:
    """The lines of ``path`` from byte ``at``, up to :data:`COLUMN_BYTES` of them, column-wise, field
    ``labels`` and the fields ``figures`` read as such (:meth:`CsvColumns.chunk`); None where they
    cannot be read so."""
    with path.open("rb") as fh:
        fh.seek(at)
        data = fh.read(COLUMN_BYTES)
    if len(data) == COLUMN_BYTES:   # (else the file's end)
        data = data[:data.rfind(b"\n") + 1]
    if not data or not data.isascii() or any(c in data for c in special):
        return None
    import numpy as np  # noqa: PLC0415 - only for a large file

    text = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(text == 10)
    width = data[:ends[0] if len(ends) else len(data)].count(delimiter.encode()) + 1
    if not _plain_lines(data, text, ends) or width > MAX_FIELDS:
        return None
    from pyarrow import ArrowInvalid, csv as arrow_csv, string  # noqa: PLC0415 - only for a large file

    names = [str(i) for i in range(width)]
    try:
        table = arrow_csv.read_csv(
            io.BytesIO(data), read_options=arrow_csv.ReadOptions(column_names=names, block_size=len(data) + 1),
            parse_options=arrow_csv.ParseOptions(delimiter=delimiter, quote_char=False, escape_char=False,
                                                 newlines_in_values=False, ignore_empty_lines=False),
            convert_options=arrow_csv.ConvertOptions(column_types=dict.fromkeys(names, string()),
                                                     strings_can_be_null=False, quoted_strings_can_be_null=False))
    except ArrowInvalid:   # (a line of other fields than ``width``)
        return None
    chunk = ColumnChunk(-1, table.combine_chunks(), len(data))
    if labels < width:
        chunk.labels(labels)
    for j in figures:
        if j < width:
            chunk.figures(j)
    return chunk


def _plain_lines(data: bytes, text: Any, ends: Any) -> bool:
    """Whether the lines of ``data`` (bytes, and as a numpy array, ``text``, its line feeds at ``ends``)
    are no longer than :data:`MAX_LINE`, none of them blank (a line feed alone, or after a carriage
    return), and every carriage return ends a line (a line feed after it)."""
    import numpy as np  # noqa: PLC0415 - loaded already where a file is read column-wise

    if not len(ends):
        return b"\r" not in data
    lines = np.diff(ends, prepend=-1)   # each line's length, with its line break
    if int(lines.max()) > MAX_LINE or (lines == 1).any():
        return False
    returned = text[ends - 1] == 13
    return not ((lines == 2) & returned).any() and data.count(b"\r") == int(np.count_nonzero(returned))


def _on_thread(work: Callable[..., Any], *args: Any) -> Future:
    """``work(*args)`` done on a thread of its own, its result (or its error) in the future returned."""
    done: Future = Future()

    def run() -> None:
        try:
            done.set_result(work(*args))
        except BaseException as exc:  # noqa: BLE001 - raised where the result is asked for
            done.set_exception(exc)
    threading.Thread(target=run, name="memberpack-csv-columns").start()
    return done


@dataclass(slots=True)
class ColumnChunk:
    """Lines of a CSV read column-wise (:meth:`CsvColumns.chunk`): ``table``'s columns are the fields."""

    first: int   # the index of the row of its first line
    table: Any   # pyarrow.Table, a text column a field
    size: int    # bytes
    cast: dict[int, Any] = field(default_factory=dict)   # fields' figures, as :meth:`figures` gives them
    labelled: dict[int, ChunkLabels] = field(default_factory=dict)   # fields as :meth:`labels` gives them

    @property
    def rows(self) -> int:
        return self.table.num_rows

    def texts(self, j: int) -> Texts:
        """Field ``j``'s texts, packed as :class:`~memberpack.model.blocks.Texts` (ASCII: as Arrow keeps them)."""
        import numpy as np  # noqa: PLC0415 - loaded already where a file is read column-wise

        from memberpack.model.blocks import Texts  # noqa: PLC0415
        array = self.table.column(j).chunk(0) if self.table.column(j).num_chunks else None
        if array is None:
            return Texts(b"", np.zeros(1, dtype=np.int32))
        _, offsets, data = array.buffers()
        bounds = np.frombuffer(offsets, dtype=np.int32)[array.offset:array.offset + len(array) + 1]
        return Texts(data.to_pybytes()[bounds[0]:bounds[-1]], bounds - bounds[0])

    def figures(self, j: int) -> Any:
        """Field ``j``'s figures as float64 when every one is written plainly (:func:`~.figure_arrays.written_figures`),
        else None."""
        if j not in self.cast:
            from memberpack.importers.figure_arrays import written_figures  # noqa: PLC0415 - numpy, for a large file

            self.cast[j] = written_figures(self.texts(j))
        return self.cast[j]

    def labels(self, j: int) -> ChunkLabels:
        """Field ``j`` as the rows' labels, with what Arrow finds in them (:class:`~.label_words.ChunkLabels`)."""
        if j not in self.labelled:
            from memberpack.importers.label_words import ChunkLabels  # noqa: PLC0415 - numpy, for a large file

            self.labelled[j] = ChunkLabels.of(self.table.column(j).chunk(0))
        return self.labelled[j]


def refuse_decimal_comma(path: Path, delimiter: str) -> None:
    """Refuse a CSV whose figures are written with a decimal comma (:func:`decimal_comma`), saying so and
    how to save it, before any is read as a text: a table of one or two such rows had been read as one of
    texts, a longer one refused as holding no table."""
    if delimiter != "," and (example := decimal_comma(path)) is not None:
        raise ImportFailed(f"{path.name}: no table found in the file: its figures are written with a decimal "
                           f"comma ({example!r}), as Excel saves a CSV with continental settings; save it with "
                           "a decimal point and import it again")


def decimal_comma(path: Path) -> str | None:
    """A figure of ``path`` written with a decimal comma (``1.234,5``, as Excel saves a CSV with a
    continental Windows' settings), where its first rows write most figures so, else None: such a
    file read as the UK writes figures has only texts."""
    try:
        _, delimiter, _, rows = csv_rows(path)
        cells = [cell for row in islice(rows, 200) for cell in row]
    except (ImportFailed, OSError, UnicodeError, csv.Error):
        return None
    written = [cell.strip() for cell in cells if _DECIMAL_COMMA.fullmatch(cell)]
    pointed = sum(1 for cell in cells if _DECIMAL_POINT.fullmatch(cell))
    return written[0] if delimiter != "," and len(written) >= 2 and len(written) > pointed else None
