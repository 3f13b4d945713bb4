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

SAMPLE_BYTES = 1 << 20
DELIMITERS = ",;\t|"


def detect_encoding(sample: bytes) -> str:
    """``utf-8-sig`` when the prefix is valid UTF-8 (a cut multi-byte character at the end allowed)."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
        return "utf-8-sig"
    except UnicodeDecodeError:
        return "cp1252"


def detect_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text, delimiters=DELIMITERS)
    except csv.Error:
        return csv.excel


def csv_rows(path: Path) -> tuple[str, str, Iterator[list[str]]]:
    """The encoding, the delimiter and a stream of rows of ``path``."""
    with path.open("rb") as fh:
        sample = fh.read(SAMPLE_BYTES)
    encoding = detect_encoding(sample)
    text = sample.decode(encoding, errors="ignore")
    lines = text.splitlines()[:50]
    dialect = detect_dialect("\n".join(lines))

    def rows() -> Iterator[list[str]]:
        with path.open("r", encoding=encoding, errors="replace", newline="") as fh:
            try:
                yield from csv.reader(fh, dialect)
            except csv.Error as exc:
                raise ImportFailed(f"{path.name}: cannot be read as CSV ({exc})") from None

    return encoding, dialect.delimiter, rows()
