"""What python-calamine cannot tell of an OpenDocument sheet: which cells are percentages, and which
negatives are shown in brackets.

calamine gives 0.3429 for a cell LibreOffice shows as ``34.29%``; the file says so in the cell itself
(``office:value-type="percentage"``) beside the text shown (``<text:p>34.29%</text:p>``). The
first :data:`FORMAT_ROWS` rows of each sheet are read for them (a later row reuses its column's
format, as for .xlsx) and turned into the number format codes :mod:`memberpack.model.number_formats`
renders, so a figure reads and shows as LibreOffice shows it. ``content.xml`` is streamed, the
sheets' first rows parsed and the rest passed over, and left as soon as every sheet wanted has its
rows (or after :data:`MAX_BYTES` parsed), so a long sheet costs little more than a short one.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from xml.etree.ElementTree import XMLPullParser

from memberpack.importers.formats import FORMAT_ROWS, SheetFormats

MAX_BYTES = 64 << 20      # of content.xml parsed at most (rows passed over are not parsed)
_CHUNK = 1 << 16
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")


def read_ods_formats(path: Path, sheet_names: list[str]) -> dict[str, SheetFormats]:
    """Percentage and bracketed cells of the first rows of each sheet named, by 0-based (row, column).

    Between the sheets' first rows, ``content.xml`` is passed over unparsed (a byte search for the
    next table's start tag, ten times faster than the XML parser): a sheet read enough, or a hidden
    one, costs little however long it is. A later table is parsed with the document's opening
    before it, for its namespaces."""
    found: dict[str, SheetFormats] = {}
    state = _Walk(found, set(sheet_names))
    parser: XMLPullParser | None = None
    opening: bytes | None = None   # the document up to its first table
    unparsed = b""                 # read, not yet parsed: where the next table starts is looked for
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as fh:
        parsed = 0
        while parsed < MAX_BYTES and not state.finished and (chunk := fh.read(_CHUNK)):
            if parser is None:
                searched = 0 if opening is not None else max(len(unparsed) - _KEEP, 0)   # the opening: searched once
                unparsed += chunk
                table = _TABLE_START.search(unparsed, searched)
                if table is None:
                    if opening is not None:   # the start tag may run on into the next chunk
                        unparsed = unparsed[-_KEEP:]
                    elif len(unparsed) > MAX_BYTES:   # no table in sight
                        break
                    continue
                if opening is None:
                    opening = unparsed[:table.start()]
                parser = XMLPullParser(events=("start", "end"))
                chunk, unparsed = opening + unparsed[table.start():], b""
            parsed += len(chunk)
            parser.feed(chunk)
            for event, element in parser.read_events():
                state.step(event, element)
                if state.finished:
                    break
            if state.sheet is None:   # between sheets, or in one read enough or not wanted
                parser, unparsed = None, _unclosed_tag(chunk)
    return found


def _unclosed_tag(chunk: bytes) -> bytes:
    """The tag the chunk ends inside (the parser has not seen it), or nothing."""
    last = chunk.rfind(b"<")
    return chunk[last:] if last >= 0 and chunk.find(b">", last) < 0 else b""


_TABLE_START = re.compile(rb"<table:table[\s>]")
_KEEP = 16   # bytes kept of a chunk searched: the start of a table's start tag


class _Walk:
    """Where the parse is: the sheet, row and column, and what has been found."""

    def __init__(self, found: dict[str, SheetFormats], wanted: set[str]) -> None:
        self.found, self.wanted = found, wanted
        self.sheet: SheetFormats | None = None
        self.row = self.col = 0
        self.row_repeat = 1

    @property
    def finished(self) -> bool:
        return not self.wanted and self.sheet is None

    def step(self, event: str, element) -> None:
        tag = element.tag
        if tag == f"{_TABLE}table":
            if event == "start":
                name = element.get(f"{_TABLE}name")
                self.sheet = self.found.setdefault(name, SheetFormats()) if name in self.wanted else None
                self.wanted.discard(name)
                self.row = 0
            else:
                self.sheet = None
            element.clear()
        elif self.sheet is None:
            if event == "end":
                element.clear()
        elif tag == f"{_TABLE}table-row":
            if event == "start":
                self.col, self.row_repeat = 0, _count(element.get(f"{_TABLE}number-rows-repeated"))
            else:
                self.row += self.row_repeat
                self.sheet.rows_read = min(self.row, FORMAT_ROWS)
                if self.row >= FORMAT_ROWS:
                    self.sheet = None   # enough of this sheet: skip to the next
                element.clear()
        elif tag in _CELLS and event == "end":
            repeat = _count(element.get(f"{_TABLE}number-columns-repeated"))
            code = _code(element)
            if code is not None:
                for r in range(self.row, self.row + min(self.row_repeat, FORMAT_ROWS)):
                    for c in range(self.col, self.col + min(repeat, 1_024)):
                        self.sheet.codes[(r, c)] = code
            self.col += repeat
            element.clear()


def _count(text: str | None) -> int:
    """A repeat count as written (1 when missing or not a whole number above 0)."""
    return int(text) if text and text.isdigit() and int(text) > 0 else 1


def _code(cell) -> str | None:
    """The number format code that shows the cell's value as its text shows it, when the text shows
    a format at all (a percentage, thousands separators, brackets, fixed decimals such as ``9.10``):
    a plain ``9.1`` is General's, and a later row of its column must not be cut to one decimal."""
    kind = cell.get(f"{_OFFICE}value-type")
    if kind not in ("percentage", "float", "currency"):
        return None
    shown = "".join(cell.itertext()).strip()
    integer, _, fraction = shown.strip("()%-£$€ ").partition(".")   # UK style: 1,234.5
    digits = "0" + ("." + "0" * len(fraction) if fraction.isdigit() else "")
    number = f"#,##{digits}" if "," in integer else digits
    if kind == "percentage":
        return f"{number}%"
    if shown.startswith("(") and shown.endswith(")"):
        return f"{number};({number})"
    return number if "," in integer or fraction.endswith("0") else None
