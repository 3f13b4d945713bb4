"""What python-calamine cannot tell: number formats and formulas without a cached value (.xlsx/.xlsm).

calamine gives 0.1706 for a cell shown as ``17.06%`` and -0.5 for one shown as ``(0.5)``. The
format codes come from ``xl/styles.xml`` and the ``s`` attribute of the first rows of each sheet
(a bounded prefix, so a 100,000-row sheet costs no more than a 20-row one); a table's later rows
reuse the format of its column. Formulas that were never calculated are found by a byte scan of
the sheet part, since calamine silently drops them.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import XMLPullParser

from defusedxml.ElementTree import fromstring

from memberpack.importers.cells import parse_ref
from memberpack.importers.xlsx_parts import sheet_parts

FORMAT_ROWS = 400          # rows whose formats are read; enough for titles, headers and first data rows
CHUNK = 1 << 18           # bytes of a sheet part scanned at a time: larger ones fall out of the cache
FEED = 1 << 16           # bytes given to the style parser at a time
_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_A1 = re.compile(r"[A-Z]{1,3}[0-9]{1,7}")
_UNCACHED = re.compile(rb'<c r="([A-Z]{1,3}\d+)"[^>]*>\s*<f[^>]*(?:/>|>[^<]*</f>)\s*(?:<v\s*/>|<v>\s*</v>)?\s*</c>')


@dataclass(slots=True)
class SheetFormats:
    """Format codes of a sheet's first rows, by 0-based (row, column), and uncached formula cells."""

    codes: dict[tuple[int, int], str] = field(default_factory=dict)
    uncached: set[tuple[int, int]] = field(default_factory=set)
    rows_read: int = 0


def read_formats(path: Path, sheet_names: list[str]) -> dict[str, SheetFormats]:
    """Formats for each sheet of an .xlsx/.xlsm file (empty for parts that cannot be found)."""
    with zipfile.ZipFile(path) as archive:
        xf_codes = format_codes(archive)
        return {name: _scan(archive, part, xf_codes) for name, part in sheet_parts(archive).items()
                if name in sheet_names and part in archive.NameToInfo}


def read_sheet_formats(path: Path, part: str, xf_codes: list[str] | None) -> SheetFormats:
    """Formats of one sheet part, given the workbook's :func:`format_codes` (empty for a part that
    cannot be found)."""
    with zipfile.ZipFile(path) as archive:
        return _scan(archive, part, xf_codes) if part in archive.NameToInfo else SheetFormats()


def _scan(archive: zipfile.ZipFile, part: str, xf_codes: list[str] | None) -> SheetFormats:
    scan = SheetScan(xf_codes)
    with archive.open(part) as fh:
        while chunk := fh.read(CHUNK):
            scan.feed(chunk)
    return scan.found


def format_codes_of(path: Path) -> list[str] | None:
    """:func:`format_codes` of the workbook at ``path``."""
    with zipfile.ZipFile(path) as archive:
        return format_codes(archive)


def format_codes(archive: zipfile.ZipFile) -> list[str] | None:
    """The number format code of each cell style index, or None when no style names a format (the
    first rows then have none to find)."""
    xf_codes = _cell_format_codes(archive)
    return None if all(code == "General" for code in xf_codes) else xf_codes


def _cell_format_codes(archive: zipfile.ZipFile) -> list[str]:
    """The number format code of each cell style index (``s`` attribute)."""
    try:
        root = fromstring(archive.read("xl/styles.xml"))
    except KeyError:
        return []
    custom = {int(f.get("numFmtId")): f.get("formatCode", "") for f in root.iter(f"{_NS}numFmt")}
    xfs = root.find(f"{_NS}cellXfs")
    ids = [int(xf.get("numFmtId", "0")) for xf in ([] if xfs is None else xfs.findall(f"{_NS}xf"))]
    builtin: dict[int, str] = {}
    if any(i and i not in custom for i in ids):
        from openpyxl.styles.numbers import BUILTIN_FORMATS as builtin  # noqa: PLC0415 (openpyxl takes 0.1 s to load)
    return [custom.get(i) or builtin.get(i, "General") for i in ids]


class SheetScan:
    """A sheet part's formats, read from its bytes as they are inflated: those of its first rows
    (none to look for without ``xf_codes``: the rows a parse would have covered are then taken as
    read) and its uncached formulas."""

    def __init__(self, xf_codes: list[str] | None):
        self.xf_codes = xf_codes
        self.found = SheetFormats(rows_read=0 if xf_codes else FORMAT_ROWS + 1)
        self._parser = XMLPullParser(events=("start",)) if xf_codes else None
        self._tail = b""

    def feed(self, chunk: bytes) -> None:
        """The next bytes of the part (best in pieces of about :data:`CHUNK`)."""
        found, parser = self.found, self._parser
        # The first rows' styles are parsed in small pieces: a whole chunk holds thousands of rows
        # past FORMAT_ROWS, and parsing them cost about as much as the byte scan of the whole sheet.
        for start in range(0, len(chunk) if parser is not None else 0, FEED):
            parser.feed(chunk[start:start + FEED])
            if _collect(parser, self.xf_codes, found):
                self._parser = None
                break
        data = self._tail + chunk
        if b"<f" in data:
            found.uncached.update(parse_ref(m.group(1).decode()) for m in _UNCACHED.finditer(data))
        self._tail = data[-4096:]


def _collect(parser: XMLPullParser, xf_codes: list[str], found: SheetFormats) -> bool:
    """Record formats of styled cells; True once past :data:`FORMAT_ROWS`."""
    for _, element in parser.read_events():
        if element.tag == f"{_NS}row":
            row = _number(element.get("r"), found.rows_read + 1)
            if row > FORMAT_ROWS:   # this row's cells are not read: it is the first below the window
                found.rows_read = row - 1
                return True
            found.rows_read = row
        elif element.tag == f"{_NS}c" and element.get("s") and element.get("r"):
            style = _number(element.get("s"), len(xf_codes))   # a style that is no number: no format
            code = xf_codes[style] if style < len(xf_codes) else "General"
            if code != "General" and _A1.fullmatch(element.get("r")):
                found.codes[parse_ref(element.get("r"))] = code
    return False


def _number(text: str | None, otherwise: int) -> int:
    """A row number or style index as written, or ``otherwise`` when it is missing or no number (a
    damaged file: calamine says what it makes of it)."""
    return int(text) if text is not None and text.isascii() and text.isdigit() else otherwise
