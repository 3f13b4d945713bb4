"""CSV files as councils save them: UTF-8 (with or without BOM) or Windows-1252, any common delimiter.

The encoding is decided on a prefix (so ``£`` saved by old Excel as byte 0xA3 survives), the
delimiter by :class:`csv.Sniffer`; the rows are then streamed, never loaded whole. A file that is
UTF-8 at its start and Windows-1252 further on (two exports joined) is not turned into U+FFFD
beyond that point: each byte that is not UTF-8 is read as Windows-1252, and the report says how
many, from which line; bytes neither can read are counted and reported too.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

from memberpack.errors import ImportFailed

SAMPLE_BYTES = 16 << 20   # enough to see a late £ in any ordinary return
CHUNK = 1 << 16
DELIMITERS = ",;\t|"


def detect_encoding(path: Path) -> str:
    """``utf-8-sig`` when the first :data:`SAMPLE_BYTES` are valid UTF-8, else ``cp1252``."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as fh:
        for _ in range(SAMPLE_BYTES // CHUNK):
            chunk = fh.read(CHUNK)
            if not chunk:
                break
            try:
                decoder.decode(chunk, final=False)
            except UnicodeDecodeError:
                return "cp1252"
    return "utf-8-sig"


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


def csv_rows(path: Path, tell: Callable[[list[str]], None] | None = None) -> tuple[str, str, Iterator[list[str]]]:
    """The encoding, the delimiter and a stream of rows of ``path``; once the rows are used up,
    ``tell`` is given the warnings about characters the decoding had to mend (if any)."""
    encoding = detect_encoding(path)
    with path.open("rb") as fh:
        text = fh.read(CHUNK).decode(encoding, errors="ignore")
    lines = text.splitlines()[:50]
    dialect = detect_dialect("\n".join(lines))

    def rows() -> Iterator[list[str]]:
        decoding = _Decoding()
        with path.open("rb") as raw, io.TextIOWrapper(raw, encoding=encoding, errors="memberpack-mend",
                                                      newline="") as fh:
            _mending.append(decoding)
            try:
                for row in csv.reader(fh, dialect):
                    decoding.line += 1
                    yield row
            except csv.Error as exc:
                raise ImportFailed(f"{path.name}: cannot be read as CSV ({exc})") from None
            finally:
                _mending.remove(decoding)
        if tell is not None and (notes := decoding.notes(encoding)):
            tell(notes)

    return encoding, dialect.delimiter, rows()
