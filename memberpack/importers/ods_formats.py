"""What python-calamine cannot tell of an OpenDocument sheet: which cells are percentages, which
negatives are shown in brackets, which hold an error (``#DIV/0!``, read by calamine as blank or 0),
which columns are hidden, and which cells are merged (calamine gives an .xlsx file's merges, not an
.ods file's: those of the rows read here are taken from the cells' ``table:number-rows-spanned`` and
``table:number-columns-spanned``).

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
from memberpack.model.number_formats import general

MAX_BYTES = 64 << 20      # of content.xml parsed at most (rows passed over are not parsed)
_CHUNK = 1 << 16
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")
_ERROR_TYPE = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}value-type"


def read_ods_formats(path: Path, sheet_names: list[str]) -> dict[str, SheetFormats]:
    """Percentage and bracketed cells of the first rows of each sheet named, by 0-based (row, column).

    Read by a byte search for the rows' and cells' tags (:func:`_searched`), or, in a document it
    cannot read so, by the XML parser (:func:`_parsed`): the same cells either way."""
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as fh:
        found = _searched(fh, set(sheet_names))
    return found if found is not None else _parsed(path, sheet_names)


def _parsed(path: Path, sheet_names: list[str]) -> dict[str, SheetFormats]:
    """:func:`read_ods_formats` by the XML parser.

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
        self.columns = 0   # the sheet's column tags seen

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
                self.row = self.columns = 0
            else:
                self.sheet = None
            element.clear()
        elif self.sheet is None:
            if event == "end":
                element.clear()
        elif tag == f"{_TABLE}table-column":
            if event == "start":
                repeat = _count(element.get(f"{_TABLE}number-columns-repeated"))
                if element.get(f"{_TABLE}visibility") in ("collapse", "filter"):
                    self.sheet.hidden_columns.update(range(self.columns, min(self.columns + repeat, _LAST_COLUMN)))
                self.columns += repeat
            else:
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
            rows = _count(element.get(f"{_TABLE}number-rows-spanned"))
            columns = _count(element.get(f"{_TABLE}number-columns-spanned"))
            if rows > 1 or columns > 1:
                self.sheet.merged.append(((self.row, self.col), (self.row + rows - 1, self.col + columns - 1)))
            if element.get(_ERROR_TYPE) == "error" and (text := "".join(element.itertext()).strip()):
                for r in range(self.row, self.row + min(self.row_repeat, FORMAT_ROWS)):
                    for c in range(self.col, self.col + min(repeat, 1_024)):
                        self.sheet.errors[(r, c)] = text
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
    """:func:`_code_of` a parsed cell."""
    kind = cell.get(f"{_OFFICE}value-type")
    return _code_of(kind, "".join(cell.itertext()).strip(), cell.get(f"{_OFFICE}value")) if kind in _FIGURES else None


_FIGURES = ("percentage", "float", "currency")
_FIGURE_BYTES = tuple(kind.encode() for kind in _FIGURES)


def _code_of(kind: str, shown: str, value: str | None = None) -> str | None:
    """The number format code that shows the cell's value as its text shows it, when the text shows
    a format at all (a percentage, thousands separators, brackets, fixed decimals such as ``9.10``,
    or fewer decimals than General shows of its ``value``: ``0.4`` of 0.437636761): a plain ``9.1``
    of 9.1 is General's, and a later row of its column must not be cut to one decimal."""
    integer, _, fraction = shown.strip("()%-£$€ ").partition(".")   # UK style: 1,234.5
    digits = "0" + ("." + "0" * len(fraction) if fraction.isdigit() else "")
    number = f"#,##{digits}" if "," in integer else digits
    if kind == "percentage":
        return f"{number}%"
    if shown.endswith("%"):   # a plain number the style writes a sign after (5.5 shown 5.50%)
        return f'{number}"%"'
    if shown.startswith("(") and shown.endswith(")"):
        return f"{number};({number})"
    return number if "," in integer or fraction.endswith("0") or _rounded(shown, value) else None


_PLAIN = re.compile(r"-?\d+(?:\.\d+)?")
_VALUE = re.compile(rb'(?<![\w:.-])office:value="([^"]*)"')


def _rounded(shown: str, value: str | None) -> bool:
    """Whether a plain figure's text shows fewer decimals of ``value`` than General would: a fixed
    number of decimals (``0.4`` of 0.437636761)."""
    if value is None or "." not in value or not _PLAIN.fullmatch(shown):
        return False
    try:
        number = float(value)
    except ValueError:
        return False
    return general(number) != shown


# --- the byte search -------------------------------------------------------------------------
# LibreOffice, Excel and the converters we know write content.xml with these prefixes, double
# quotes and no comments; a document written otherwise is read by the parser.
_PREFIXES = (b'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
             b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"')
_TABLE_TAG = re.compile(rb"<table:table(?=[\s>])([^>]*)>")
# In a sheet: a figure's cell holding one paragraph of plain text, its value type first (the type,
# its other attributes, the text), as most of a return's are; any cell holding one (attributes, text); a
# row's start tag; a row's end; any other cell's start tag; the sheet's end; what the search cannot
# read (a table inside, a comment, CDATA).
_TOKENS = re.compile(rb'<table:table-cell office:value-type="(float|percentage|currency)"([^>/]*)><text:p>([^<&\r]*)'
                     rb"</text:p></table:table-cell>"
                     rb"|<table:table-cell([^>/]*)><text:p>([^<&\r]*)</text:p></table:table-cell>"
                     rb"|<table:table-row(?=[\s/>])([^>]*)>|(</table:table-row>)"
                     rb"|<table:(table-cell|covered-table-cell)(?=[\s/>])([^>]*)>|(</table:table>)"
                     rb"|(<table:table[\s/>]|<!)")
_NAME = re.compile(rb'(?<![\w:.-])table:name="([^"]*)"')
_ROWS_START = re.compile(rb"<table:table-row(?=[\s/>])|</table:table>")
_COLUMN_TAG = re.compile(rb"<table:table-column(?=[\s/>])([^>]*)>")
_HIDDEN = re.compile(rb'(?<![\w:.-])table:visibility="(?:collapse|filter)"')
_LAST_COLUMN = 16_384
_SPANNED = re.compile(rb'(?<![\w:.-])table:number-(rows|columns)-spanned="([^"]*)"')
_KIND = re.compile(rb'(?<![\w:.-])office:value-type="([^"]*)"')
_ROWS_REPEATED = re.compile(rb'(?<![\w:.-])table:number-rows-repeated="([^"]*)"')
_COLUMNS_REPEATED = re.compile(rb'(?<![\w:.-])table:number-columns-repeated="([^"]*)"')
_MARKUP = re.compile(rb"<[^>]*>")
_SINGLE_QUOTED = re.compile(rb"=\s*'")   # an attribute in single quotes (or a value that looks so)


class _Unreadable(Exception):  # noqa: N818 - not an error: the parser reads the document
    """The document is not written as the byte search reads it."""


def _searched(fh, wanted: set[str]) -> dict[str, SheetFormats] | None:
    """:func:`read_ods_formats` by a byte search, or None for a document it cannot read so. The
    sheets' first rows are read as the parser reads them (:class:`_Walk`), tag by tag, several times
    quicker (MHCLG's 492-column RO3 return: 0.9 s of CPU to 0.4 s); between them the document is
    passed over as the parser's reading passes over it."""
    found: dict[str, SheetFormats] = {}
    search = _Search(fh)
    table = search.find(_TABLE_TAG, keep=True)
    if table is None:
        return found
    head = search.data[:table.start()]
    if not re.match(rb'(?:\xef\xbb\xbf)?<\?xml[^>]*encoding="(?i:utf-8)"', head) or b"<!" in head or any(
            head.count(prefix) != 1 or head.count(prefix.split(b'"')[1]) != 1 for prefix in _PREFIXES):
        return None
    try:
        while wanted and table is not None and search.walked < MAX_BYTES:
            attrs = table.group(1)
            name = _NAME.search(attrs)
            if name is None or b"&" in name.group(1) or any(c in name.group(1) for c in b"\t\n\r") \
                    or _SINGLE_QUOTED.search(attrs):
                return None
            name = name.group(1).decode("utf-8")
            search.pos = table.end()
            if name in wanted:
                wanted.discard(name)
                sheet = found.setdefault(name, SheetFormats())
                if not attrs.endswith(b"/"):
                    _hidden_columns(search, sheet)
                    _walk_sheet(search, sheet)
            table = search.find(_TABLE_TAG) if wanted else None
    except _Unreadable:
        return None
    return found


class _Search:
    """content.xml read chunk by chunk; ``data[pos:]`` is what is not yet passed."""

    def __init__(self, fh) -> None:
        self.fh, self.data, self.pos, self.walked = fh, b"", 0, 0

    def more(self) -> bool:
        """Read the next chunk (dropping what is passed); False at the end."""
        chunk = self.fh.read(_CHUNK)
        if not chunk:
            return False
        self.data, self.pos = self.data[self.pos:] + chunk, 0
        return True

    def find(self, pattern: re.Pattern, *, keep: bool = False) -> re.Match | None:
        """The next match from ``pos`` on, reading as far as it takes (what it passes is dropped,
        unless ``keep``); None at the end."""
        while (match := pattern.search(self.data, self.pos)) is None:
            if not keep:   # passed, but for a tag it may end inside
                self.pos = max(self.pos, self.data.rfind(b"<"))
            if not self.more():
                return None
        return match


def _hidden_columns(search: _Search, sheet: SheetFormats) -> None:
    """The sheet's hidden columns, from its column tags (written before its first row)."""
    end = search.find(_ROWS_START, keep=True)
    if end is None:
        return
    col = 0
    for attrs in _COLUMN_TAG.findall(search.data, search.pos, end.start()):
        repeat = _count(_value(_COLUMNS_REPEATED, attrs)) if b"repeated" in attrs else 1
        if _HIDDEN.search(attrs):
            sheet.hidden_columns.update(range(col, min(col + repeat, _LAST_COLUMN)))
        col += repeat


def _walk_sheet(search: _Search, sheet: SheetFormats) -> None:
    """A sheet's rows from ``search.pos`` until its first :data:`FORMAT_ROWS` are read or it ends,
    as :meth:`_Walk.step` reads them."""
    row = col = 0
    row_repeat = 1
    codes = sheet.codes
    while True:
        for match in _TOKENS.finditer(search.data, search.pos):
            kind, attrs, shown = match.group(1, 2, 3)
            if kind is not None:   # most cells of a return: a figure in one paragraph, its type first
                if b"'" in attrs and _SINGLE_QUOTED.search(attrs):
                    raise _Unreadable
                repeat = _count(_value(_COLUMNS_REPEATED, attrs)) if b"repeated" in attrs else 1
                if b"spanned" in attrs:
                    _merge(sheet, attrs, row, col)
                # a float's text with no comma, no bracket, no nought after its point and no fraction
                # of its value left out (the text is the value) shows no format (_code_of): most
                # figures of a return
                if kind != b"float" or b"," in shown or b"(" in shown or b"0" in shown[shown.find(b".") + 1:] \
                        and b"." in shown or b"." in attrs and b'"%s"' % shown not in attrs:
                    code = _code_of(kind.decode("utf-8"), shown.decode("utf-8").strip(),
                                    _value(_VALUE, attrs) if b"." in attrs else None)
                    if code is not None:
                        for r in range(row, row + min(row_repeat, FORMAT_ROWS)):
                            for c in range(col, col + min(repeat, 1_024)):
                                codes[(r, c)] = code
                col += repeat
                search.pos = match.end()
                continue
            simple, shown, row_tag, row_end, cell, attrs, table_end, unreadable = match.groups()[3:]
            if unreadable:
                raise _Unreadable
            end = match.end()
            tag = simple if simple is not None else row_tag if row_tag is not None else attrs
            if tag is not None and b"'" in tag and _SINGLE_QUOTED.search(tag):
                raise _Unreadable
            if simple is not None or cell is not None:
                if simple is not None:
                    attrs = simple
                else:
                    shown = b""
                    if not attrs.endswith(b"/"):
                        close = search.data.find(b"</table:%s>" % cell, end)
                        if close < 0:
                            break   # the rest of the cell is in the next chunk
                        inner, end = search.data[end:close], close + len(cell) + 9   # </table:...>
                        if b"<table:" in inner or b"<!" in inner:
                            raise _Unreadable
                        shown = None   # read below if its value type wants it
                kind = _KIND.search(attrs)
                kind = kind.group(1) if kind is not None else None
                code = None
                if b'calcext:value-type="error"' in attrs:   # calamine reads it as blank: its text is the error
                    text = shown if shown is not None else _MARKUP.sub(b"", inner)
                    if text.strip():
                        _error(sheet, row, col, row_repeat, attrs, text.decode("utf-8").strip())
                if kind in _FIGURE_BYTES:
                    if shown is None:
                        if b"&" in inner or b"\r" in inner:
                            raise _Unreadable   # entities and line ends: the parser's to read
                        shown = _MARKUP.sub(b"", inner)
                    # a float's text with no comma, bracket or decimal point, of a whole value (or the
                    # value itself), shows no format (_code_of)
                    if kind != b"float" or b"," in shown or b"." in shown or b"(" in shown \
                            or b"." in attrs and b'"%s"' % shown not in attrs:
                        code = _code_of(kind.decode("utf-8"), shown.decode("utf-8").strip(),
                                        _value(_VALUE, attrs) if b"." in attrs else None)
                repeat = _count(_value(_COLUMNS_REPEATED, attrs)) if b"repeated" in attrs else 1
                if b"spanned" in attrs:
                    _merge(sheet, attrs, row, col)
                if code is not None:
                    for r in range(row, row + min(row_repeat, FORMAT_ROWS)):
                        for c in range(col, col + min(repeat, 1_024)):
                            codes[(r, c)] = code
                col += repeat
                search.pos = end
                continue
            search.pos = end
            if row_tag is not None:
                col, row_repeat = 0, _count(_value(_ROWS_REPEATED, row_tag))
                if not row_tag.endswith(b"/"):
                    continue
            elif table_end is not None:
                return
            row += row_repeat   # a row's end
            sheet.rows_read = min(row, FORMAT_ROWS)
            if row >= FORMAT_ROWS:
                return
        search.walked += _CHUNK
        if search.walked >= MAX_BYTES or not search.more():
            return


def _error(sheet: SheetFormats, row: int, col: int, row_repeat: int, attrs: bytes, text: str) -> None:
    """An error cell's text (``#DIV/0!``), in every row and column it is repeated over."""
    repeat = _count(_value(_COLUMNS_REPEATED, attrs)) if b"repeated" in attrs else 1
    for r in range(row, row + min(row_repeat, FORMAT_ROWS)):
        for c in range(col, col + min(repeat, 1_024)):
            sheet.errors[(r, c)] = text


def _merge(sheet: SheetFormats, attrs: bytes, row: int, col: int) -> None:
    """The merge a cell's tag states (its rows and columns spanned), kept as calamine gives an .xlsx file's."""
    spans = {kind: _count(value.decode("utf-8")) for kind, value in _SPANNED.findall(attrs)}
    rows, columns = spans.get(b"rows", 1), spans.get(b"columns", 1)
    if rows > 1 or columns > 1:
        sheet.merged.append(((row, col), (row + rows - 1, col + columns - 1)))


def _value(pattern: re.Pattern, attrs: bytes) -> str | None:
    match = pattern.search(attrs)
    return match.group(1).decode("utf-8") if match is not None else None
