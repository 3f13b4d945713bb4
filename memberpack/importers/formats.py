"""What python-calamine cannot tell: number formats, formulas without a cached value, error values
(``#DIV/0!``, which calamine reads as blank), and hidden columns and rows (.xlsx/.xlsm).

calamine gives 0.1706 for a cell shown as ``17.06%`` and -0.5 for one shown as ``(0.5)``. The
format codes come from ``xl/styles.xml`` and the ``s`` attribute of the first rows of each sheet
(a bounded prefix, so a 100,000-row sheet costs no more than a 20-row one); a table's later rows
reuse the format of its column. Formulas that were never calculated are found by a byte scan of
the sheet part, since calamine silently drops them, and so are error cells and the tags of hidden
columns and rows.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import XMLPullParser

from defusedxml.ElementTree import fromstring

from memberpack.importers.cell_fills import ratings_by_style
from memberpack.importers.cells import column_index, parse_ref
from memberpack.importers.xlsx_parts import read_part, sheet_parts

FORMAT_ROWS = 400          # rows whose formats are read; enough for titles, headers and first data rows
CHUNK = 1 << 18           # bytes of a sheet part scanned at a time: larger ones fall out of the cache
FEED = 1 << 16           # bytes given to the style parser at a time
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_STRICT_NS = "{http://purl.oclc.org/ooxml/spreadsheetml/main}"
_A1 = re.compile(r"[A-Z]{1,3}[0-9]{1,7}")
_UNCACHED = re.compile(rb'<c r="([A-Z]{1,3}\d+)"[^>]*>\s*<f[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>')
_ERROR = re.compile(rb'<c r="([A-Z]{1,3}\d{1,7})"[^>]*?\st="e"[^>]*>\s*(?:<f[^>]*(?:/>|>[^<]*</f>)\s*)?<v>(#[^<]{1,30})</v>')


@dataclass(slots=True)
class SheetFormats:
    """Format codes of a sheet's first rows, by 0-based (row, column), uncached formula cells, error
    values as written, and the hidden columns and rows (0-based)."""

    codes: dict[tuple[int, int], str] = field(default_factory=dict)
    uncached: set[tuple[int, int]] = field(default_factory=set)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)   # calamine reads them as blank (an .xls's first rows')
    rows_read: int = 0
    hidden_columns: set[int] = field(default_factory=set)
    hidden_rows: set[int] = field(default_factory=set)
    fills: dict[tuple[int, int], str] = field(default_factory=dict)   # first rows' cells filled red, amber or green
    rated: set[tuple[int, int]] = field(default_factory=set)   # the blank ones read as the rating (cell_fills)
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)   # an .ods sheet's, as calamine's
    twice: set[tuple[int, int]] = field(default_factory=set)   # cells the part writes twice (calamine keeps the last)
    rows_twice: set[int] = field(default_factory=set)   # rows it writes again or out of order (:class:`WrittenTwice`)
    _by_column: tuple[int, dict[int, dict[int, str]]] = field(default=(-1, {}), repr=False, compare=False)

    def by_column(self) -> dict[int, dict[int, str]]:
        """The codes by column, then row: each of a sheet's tables (fifty in a live table) asks for
        its own columns' without going through every formatted cell of the sheet. Worked out again
        only when codes have been added since."""
        if self._by_column[0] != len(self.codes):
            index: dict[int, dict[int, str]] = {}
            for (r, c), code in self.codes.items():
                index.setdefault(c, {})[r] = code
            self._by_column = (len(self.codes), index)
        return self._by_column[1]


@dataclass(frozen=True, slots=True)
class CellStyles:
    """What a workbook's cell styles (the ``s`` attribute's index) show: each one's number format
    code, and the rating its fill shows for those filled red, amber or green (:mod:`.cell_fills`)."""

    codes: list[str]
    ratings: dict[int, str]


def read_formats(path: Path, sheet_names: list[str]) -> dict[str, SheetFormats]:
    """Formats for each sheet of an .xlsx/.xlsm file (empty for parts that cannot be found)."""
    with zipfile.ZipFile(path) as archive:
        styles = format_codes(archive)
        return {name: _scan(archive, part, styles) for name, part in sheet_parts(archive).items()
                if name in sheet_names and part in archive.NameToInfo}


def read_sheet_formats(archive: zipfile.ZipFile, part: str, styles: CellStyles | None) -> SheetFormats:
    """Formats of one sheet part of an opened workbook, given its :func:`format_codes` (empty for a
    part that cannot be found)."""
    return _scan(archive, part, styles) if part in archive.NameToInfo else SheetFormats()


def _scan(archive: zipfile.ZipFile, part: str, styles: CellStyles | None) -> SheetFormats:
    scan = SheetScan(styles)
    with archive.open(part) as fh:
        while chunk := fh.read(CHUNK):
            scan.feed(chunk)
    return scan.found


def format_codes_of(path: Path) -> CellStyles | None:
    """:func:`format_codes` of the workbook at ``path``."""
    with zipfile.ZipFile(path) as archive:
        return format_codes(archive)


def format_codes(archive: zipfile.ZipFile) -> CellStyles | None:
    """What each cell style index shows, or None when no style names a format or a rating's fill
    (the first rows then have none to find)."""
    try:
        root = fromstring(read_part(archive, "xl/styles.xml"))
    except KeyError:
        return None
    codes, ratings = _cell_format_codes(root), ratings_by_style(archive, root)
    return None if not ratings and all(code == "General" for code in codes) else CellStyles(codes, ratings)


def _cell_format_codes(root: Any) -> list[str]:
    """The number format code of each cell style index (``s`` attribute)."""
    custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in root.iter(f"{_NS}numFmt")}
    xfs = root.find(f"{_NS}cellXfs")
    ids = [int(xf.get("numFmtId", "0")) for xf in ([] if xfs is None else xfs.findall(f"{_NS}xf"))]
    builtin: dict[int, str] = {}
    if any(i and i not in custom for i in ids):
        from openpyxl.styles.numbers import BUILTIN_FORMATS as builtin  # noqa: PLC0415 (openpyxl takes 0.1 s to load)
    return [custom.get(i) or builtin.get(i, "General") for i in ids]


class SheetScan:
    """A sheet part's formats, read from its bytes as they are inflated: those of its first rows
    (none to look for without ``styles``: the rows a parse would have covered are then taken as
    read) and its uncached formulas.

    The first rows are held until the first row below :data:`FORMAT_ROWS` starts (or the part
    ends), then read at once by a byte search for the ``row`` and ``c`` tags, as Excel and every
    writer we know write them: an XML parser took most of a wide return's reading (0.8 s of a
    50-table live table's 2 s). A part that writes them otherwise (its elements prefixed, or
    comments or CDATA among its rows) is read by the parser, as before."""

    def __init__(self, styles: CellStyles | None):
        self.styles = styles
        self._found = SheetFormats(rows_read=0 if styles else FORMAT_ROWS + 1)
        self._head: list[bytes] | None = [] if styles else None   # the first rows' bytes, until read
        self._held = 0        # bytes in _head
        self._carry = b""     # a tag the last chunk ended inside
        self._row = 0         # the number of the last row tag found
        self._tail = b""
        self._parser: XMLPullParser | None = None   # for a part whose root is not the main namespace's, unprefixed
        self._twice = WrittenTwice(self._found)

    @property
    def found(self) -> SheetFormats:
        """What was found, once every byte of the part is fed."""
        if self._head is not None:
            if self._parser is None:
                self._read_head(self._held)
            self._head = self._parser = None
        return self._found

    def feed(self, chunk: bytes) -> None:
        """The next bytes of the part (best in pieces of about :data:`CHUNK`)."""
        if self._parser is not None:
            self._parse(chunk)
        elif self._head is not None:
            self._head.append(chunk)
            self._held += len(chunk)
            if self._held - len(chunk) < _ROOT_BYTES and not _MAIN.search(opening := b"".join(self._head), 0, _ROOT_BYTES) \
                    and len(opening) >= _ROOT_BYTES:   # (the .NET SDK's x:worksheet): parsed as it comes, not held
                self._head, self._parser = [], XMLPullParser(events=("start",))
                self._parse(opening)
            else:
                end = self._window_end(chunk)
                if end is not None:
                    self._read_head(end)
        self._twice.feed(chunk)
        data = self._tail + chunk
        if b"<f" in data:
            self._found.uncached.update(parse_ref(m.group(1).decode()) for m in _UNCACHED.finditer(data))
        if b't="e"' in data:
            self._found.errors.update((parse_ref(ref.decode()), text.decode("ascii", "replace"))
                                      for ref, text in _ERROR.findall(data))
        if b"hidden=" in data:   # (a hidden column's or row's tag; most sheets have none)
            _hidden(data, self._found)
        self._tail = data[-4096:]

    def _parse(self, data: bytes) -> None:
        """Feed the parser, in small pieces, until it is past the window."""
        for start in range(0, len(data), FEED):
            self._parser.feed(data[start:start + FEED])
            if _collect(self._parser, self.styles, self._found):
                self._head = self._parser = None
                return

    def _window_end(self, chunk: bytes) -> int | None:
        """Where the tag of the first row below the window ends, once it is in; None until then."""
        data = self._carry + chunk
        at = self._held - len(data)   # where data starts in the head
        for match in _ROW.finditer(data):
            r = _ATTR_R.search(match.group(1))
            self._row = _number(r and r.group(1), self._row + 1)
            if self._row > FORMAT_ROWS:
                return at + match.end()
        last = data.rfind(b"<")
        self._carry = data[last:] if last >= 0 and data.find(b">", last) < 0 else b""
        return None

    def _read_head(self, end: int) -> None:
        head = b"".join(self._head)[:end]
        self._head = None
        stop = head.find(b"</sheetData>")
        head = head if stop < 0 else head[:stop]
        found = self._found
        if not _plain_xml(head):
            parser = XMLPullParser(events=("start",))
            for start in range(0, len(head), FEED):
                parser.feed(head[start:start + FEED])
                if _collect(parser, self.styles, found):
                    return
            if end < self._held:   # the row that ends the window
                found.rows_read = self._row - 1
            return
        shown = [None if code == "General" else code for code in self.styles.codes]
        styles, codes, columns = len(shown), found.codes, _COLUMNS
        ratings, fills = self.styles.ratings, found.fills
        for row, row_tag, letters, digits, style, cell_tag in _TAGS.findall(head):
            if row:
                r = _ATTR_R.search(row_tag)
                number = _number(r and r.group(1), found.rows_read + 1)
                if number > FORMAT_ROWS:   # this row's cells are not read: it is the first below the window
                    found.rows_read = number - 1
                    return
                found.rows_read = number
                continue
            if not letters:   # a cell written otherwise than r="B2" s="3" first
                s, ref = _ATTR_S.search(cell_tag), _CELL_REF.search(cell_tag)
                if s is None or ref is None:
                    continue
                style, letters, digits = s.group(1), ref.group(1), ref.group(2)
            index = int(style)
            code = shown[index] if index < styles else None
            rating = ratings.get(index) if ratings else None
            if code is not None or rating is not None:
                column = columns.get(letters)
                if column is None:
                    column = columns[letters] = column_index(letters.decode())
                if code is not None:
                    codes[(int(digits) - 1, column)] = code
                if rating is not None:
                    fills[(int(digits) - 1, column)] = rating


class WrittenTwice:
    """Cells and rows a sheet part writes twice: calamine keeps the last value written, so a figure
    read there may not be the one meant. Rows are checked over the whole part (a row number not above
    the one before it is written twice or out of order); cells over its first :data:`CELLS_CHECKED`
    bytes (titles, headers and the first thousands of rows: a check of every cell took 7% of a
    300,000-row sheet's reading). Tags written otherwise than ``<row r="5"`` and ``<c r="B2"``, and
    those cut by a chunk's end, are not checked."""

    def __init__(self, found: SheetFormats):
        self.found = found
        self._last_row = 0
        self._checked = 0   # bytes whose cells are checked
        self._cells: set[bytes] = set()

    def feed(self, chunk: bytes) -> None:
        numbers = list(map(int, _ROW_AT.findall(chunk)))
        if numbers and (numbers[0] <= self._last_row or numbers != sorted(set(numbers))):
            for number in numbers:
                if number <= self._last_row:
                    self.found.rows_twice.add(number - 1)
                self._last_row = max(self._last_row, number)
        elif numbers:
            self._last_row = numbers[-1]
        if self._checked < CELLS_CHECKED:
            self._checked += len(chunk)
            refs = _CELL_AT.findall(chunk)
            new = set(refs)
            if len(new) < len(refs) or not self._cells.isdisjoint(new):
                seen = set(self._cells)
                for ref in refs:
                    if ref in seen:
                        self.found.twice.add(parse_ref(ref.decode()))
                    seen.add(ref)
            self._cells |= new
            if self._checked >= CELLS_CHECKED:
                self._cells = set()


CELLS_CHECKED = CHUNK   # (about 6,000 cells: a 10-column table's first 600 rows)
_ROW_AT = re.compile(rb'<row r="([0-9]{1,7})"')
_CELL_AT = re.compile(rb'<c r="([A-Z]{1,3}[0-9]{1,7})"')
_ROW = re.compile(rb"<row(?=[\s/>])([^>]*)>")
# A row's tag ("row", its attributes); a cell's as Excel writes it (column letters, row digits,
# style); any other cell's tag (its attributes)
_TAGS = re.compile(rb"""<(row)(?=[\s/>])([^>]*)>|<c\s+r="([A-Z]{1,3})([0-9]{1,7})"\s+s="([0-9]+)"[^>]*>|<c(?=[\s/>])([^>]*)>""")
_ATTR_R = re.compile(rb"""(?<![\w:.-])r\s*=\s*["']([^"'<>]*)["']""")
_ATTR_S = re.compile(rb"""(?<![\w:.-])s\s*=\s*["']([0-9]+)["']""")
_CELL_REF = re.compile(rb"""(?<![\w:.-])r\s*=\s*["']([A-Z]{1,3})([0-9]{1,7})["']""")
_HIDDEN = re.compile(rb"""<(col|row)\s([^>]*?(?<![\w:.-])hidden\s*=\s*["'](?:1|true)["'][^>]*)>""")
_ATTR_MIN = re.compile(rb"""(?<![\w:.-])min\s*=\s*["']([0-9]{1,5})["']""")
_ATTR_MAX = re.compile(rb"""(?<![\w:.-])max\s*=\s*["']([0-9]{1,5})["']""")
_LAST_COLUMN = 16_384
_COLUMNS: dict[bytes, int] = {}   # column letters -> index, as met
_ROOT_BYTES = 4096   # where the root tag is looked for
_MAIN = re.compile(rb"<worksheet\s[^>]*?xmlns\s*=\s*[\"'](?:http://schemas\.openxmlformats\.org/spreadsheetml/2006/main|"
                   rb"http://purl\.oclc\.org/ooxml/spreadsheetml/main)[\"']")   # (transitional or strict)


def _hidden(data: bytes, found: SheetFormats) -> None:
    """Record the columns (``<col min="4" max="6" hidden="1"/>``) and rows (``<row r="12" hidden="1">``)
    that ``data`` hides."""
    for tag, attributes in _HIDDEN.findall(data):
        if tag == b"row":
            r = _ATTR_R.search(attributes)
            if r is not None and r.group(1).isdigit():
                found.hidden_rows.add(int(r.group(1)) - 1)
            continue
        low, high = _ATTR_MIN.search(attributes), _ATTR_MAX.search(attributes)
        if low is not None and high is not None:
            found.hidden_columns.update(range(int(low.group(1)) - 1, min(int(high.group(1)), _LAST_COLUMN)))


def _plain_xml(head: bytes) -> bool:
    """Whether the part's rows and cells are unprefixed tags in the main namespace, with nothing
    else written between its tags that a byte search could mistake for one (comments, CDATA)."""
    return _MAIN.search(head, 0, _ROOT_BYTES) is not None and b"<!" not in head


def _collect(parser: XMLPullParser, cell_styles: CellStyles, found: SheetFormats) -> bool:
    """Record formats of styled cells; True once past :data:`FORMAT_ROWS`."""
    for _, element in parser.read_events():
        tag = element.tag.replace(_STRICT_NS, _NS, 1)
        if tag == f"{_NS}row":
            row = _number(element.get("r"), found.rows_read + 1)
            if row > FORMAT_ROWS:   # this row's cells are not read: it is the first below the window
                found.rows_read = row - 1
                return True
            found.rows_read = row
        elif tag == f"{_NS}c" and element.get("s") and element.get("r"):
            xf_codes = cell_styles.codes
            style = _number(element.get("s"), len(xf_codes))   # a style that is no number: no format
            code = xf_codes[style] if style < len(xf_codes) else "General"
            if style in cell_styles.ratings and _A1.fullmatch(element.get("r")):
                found.fills[parse_ref(element.get("r"))] = cell_styles.ratings[style]
            if code != "General" and _A1.fullmatch(element.get("r")):
                found.codes[parse_ref(element.get("r"))] = code
    return False


def _number(text: str | None, otherwise: int) -> int:
    """A row number or style index as written, or ``otherwise`` when it is missing or no number (a
    damaged file: calamine says what it makes of it)."""
    return int(text) if text is not None and text.isascii() and text.isdigit() else otherwise
