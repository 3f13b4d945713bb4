"""CSV files as councils save them: UTF-8 (with or without BOM) or Windows-1252, any common delimiter.

The encoding is decided on a prefix (so ``£`` saved by old Excel as byte 0xA3 survives), the
delimiter by :class:`csv.Sniffer`; the rows are then streamed, never loaded whole.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
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


def csv_rows(path: Path) -> tuple[str, str, Iterator[list[str]]]:
    """The encoding, the delimiter and a stream of rows of ``path``."""
    encoding = detect_encoding(path)
    with path.open("rb") as fh:
        text = fh.read(CHUNK).decode(encoding, errors="ignore")
    lines = text.splitlines()[:50]
    dialect = detect_dialect("\n".join(lines))

    def rows() -> Iterator[list[str]]:
        with path.open("r", encoding=encoding, errors="replace", newline="") as fh:
            try:
                yield from csv.reader(fh, dialect)
            except csv.Error as exc:
                raise ImportFailed(f"{path.name}: cannot be read as CSV ({exc})") from None

    return encoding, dialect.delimiter, rows()
