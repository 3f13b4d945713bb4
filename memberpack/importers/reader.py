"""Sheets of a workbook or CSV file as streams of rows, with the little calamine cannot tell.

Values come from python-calamine (every format) or the csv module; rows are streamed so a
1,000,000-row sheet never becomes a million Python lists at once. Number formats and formulas
without a cached value come from :mod:`memberpack.importers.formats` (.xlsx/.xlsm), those of .ods and
.xls sheets from :mod:`memberpack.importers.ods_formats` and :mod:`memberpack.importers.xls_formats`.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
import itertools
import threading
from itertools import chain, count
from pathlib import Path
from typing import Any, TypeVar

from memberpack import paths
from memberpack.errors import DAMAGED, SAVE_AGAIN, ImportFailed
from memberpack.importers.csv_reader import csv_sheet_rows, refuse_decimal_comma
from memberpack.importers.far_cells import LARGE_AREA, large_sheets, trimmed
from memberpack.importers.marked_utf8 import MARKED_UTF8
from memberpack.importers.formats import FORMAT_ROWS, SheetFormats, format_codes_of, read_formats, read_sheet_formats
from memberpack.importers.ods_formats import read_ods_formats
from memberpack.importers.rated_columns import with_ratings
from memberpack.importers.xls_formats import read_xls_formats
from memberpack.importers.xlsx_parts import linked_workbooks
from memberpack.model.periods import parse_period
from memberpack.importers.safety import check_file, is_headless_ods, opendocument, password_protected
from memberpack.importers.sheet_pieces import (PiecedSheet, cores, is_large, parse_alone, parse_in_pieces,
                                                part_sizes)
from memberpack.model.short_text import shortened

Row = list[Any]
# Excel's sheet size, and calamine's: an .ods sheet longer than this is cut there without a word
# (LibreOffice writes up to 16 million rows), so a sheet that reaches it is reported.
ROW_LIMIT = 1_048_576
COLUMN_LIMIT = 16_384
# the next sheet is parsed while one is read if this one is no bigger (about 40 MB in calamine's cells)
PARSE_AHEAD_CELLS = 500_000
Merged = tuple[tuple[int, int], tuple[int, int]]
_LINKED_COPY = re.compile(r"'[a-z]+:[^']*'#")   # a linked sheet as an .ods keeps it: 'file:///C:/forms/BR1.xls'#DATA
Read = TypeVar("Read")
_UNREAD = object()
# A download's sheet of metadata (StatsWales: "Metadata"), whose rows name the dimensions its figures were
# filtered on ("Academic Year | 2009/10"): the one period it gives a time dimension is the other sheets' too.
# pandas names a column it read with no header "Unnamed: 3" and writes that name into the first row of
# the sheet it saves: a placeholder, not a header or a title's neighbour
_PANDAS_UNNAMED = re.compile(r"Unnamed: \d+")
_METADATA_SHEET = re.compile(r"\s*meta\s*-?data\s*", re.IGNORECASE)
_TIME_DIMENSION = re.compile(r"\s*(?:(?:academic|financial|calendar|school)\s+)?(?:year|period|quarter|month)\s*",
                             re.IGNORECASE)


@dataclass(slots=True)
class Sheet:
    """One sheet: its rows as ``(0-based row, values from column A)`` pairs, and what else is known."""

    name: str
    height: int
    rows: Iterator[tuple[int, Row]]
    merged: list[Merged] = field(default_factory=list)
    formats: SheetFormats = field(default_factory=SheetFormats)
    notes: list[str] = field(default_factory=list)
    stated: str = ""   # the period a metadata sheet of the workbook gives (:func:`_stated_period`)
    coded: bool = False   # the workbook's sheets are named by table codes (:func:`_coded_names`): P1 is no month
    columns: Any = None   # a CSV's rows read column-wise from a row on (:class:`~.csv_reader.CsvColumns`)


def read_sheets(path: Path, sheet: str | None = None, *, careful: bool = False) -> Iterator[Sheet]:
    """Every sheet of ``path`` (or only ``sheet``), checked for hostile content first.

    ``careful``: a second reading of a workbook the reader failed on. Every sheet part of an .xlsx is
    sized from its cells' references (a ``<dimension>`` may lie, and a part over
    :data:`~.far_cells.SIZED_FROM_CELLS` with none is not sized on the first reading), each sheet is
    parsed whole on one thread, and a row calamine cannot convert (a date cell holding -1e20) is left
    out and named (:func:`_around_bad_dates`)."""
    opened = None if careful else _prefetched(path, sheet)
    if opened is None:
        opened = _open(path, sheet, careful)
    if opened == "csv":
        yield _csv_sheet(path)
        return
    yield from _workbook_sheets(path, opened)


_prefetch: tuple[Path, str | None, Future] | None = None


def prefetch(path: Path, sheet: str | None = None) -> None:
    """Start checking and parsing the file on a thread now, for :func:`read_sheets` to take up: the
    reader's process is told the file before its job (see :mod:`.reader_process`), so calamine parses
    the first sheet while the rest of the importer loads."""
    global _prefetch  # noqa: PLW0603 - one file ahead per process
    opening = ThreadPoolExecutor(max_workers=1, thread_name_prefix="prefetch")
    _prefetch = (Path(path).resolve(), sheet, opening.submit(_open, Path(path), sheet))
    opening.shutdown(wait=False)


def _prefetched(path: Path, sheet: str | None) -> _Opened | str | None:
    """What :func:`prefetch` opened for this file and sheet (its error raised here), or None."""
    global _prefetch  # noqa: PLW0603
    if _prefetch is None:
        return None
    (where, wanted, opening), _prefetch = _prefetch, None
    if where != Path(path).resolve() or wanted != sheet:
        opening.add_done_callback(_close_opened)
        return None
    return opening.result()


def _close_opened(opening: Future) -> None:
    if opening.exception() is None and isinstance(opened := opening.result(), _Opened):
        opened.close()


def _csv_sheet(path: Path) -> Sheet:
    notes: list[str] = []
    encoding, delimiter, declared, rows, columns = csv_sheet_rows(path, notes.extend)
    refuse_decimal_comma(path, delimiter)
    names = {"utf-8-sig": "UTF-8", "cp1252": "Windows-1252", "utf-16": "UTF-16"}
    delimiter_name = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}.get(delimiter, repr(delimiter))
    if encoding == MARKED_UTF8:
        said = "UTF-8 text under a UTF-16 byte order mark (left out)"
    else:
        with path.open("rb") as fh:
            bom = fh.read(3) == b"\xef\xbb\xbf"
        said = f"{names[encoding]}{' with BOM' if bom else ''} text"
    notes.append(f"read as {said}, {delimiter_name}-separated"
                 f"{f' (as its first line {chr(34)}sep={delimiter}{chr(34)} says)' if declared else ''}")
    size = path.stat().st_size
    rows = with_ratings(rows, None, rewritten=columns.off if columns is not None else None)
    return Sheet(path.stem, max(size // 40, 1), rows, notes=notes, columns=columns)


@dataclass(slots=True)
class _Opened:
    """A workbook checked and opened: the sheets to read, its formats being read and the first sheet
    being parsed, each on its own thread (a large sheet in pieces, :mod:`.sheet_pieces`)."""

    path: Path
    workbook: Any
    chosen: list[str]
    notes: list[str]
    formats: Future
    sizes: dict[str, tuple[str, int]]
    declared_large: dict[str, str] = field(default_factory=dict)   # sheet -> part (:mod:`.far_cells`)
    coded: bool = False   # its sheets are named by table codes (:func:`_coded_names`)
    careful: bool = False   # a second reading (:func:`read_sheets`)
    parses: ThreadPoolExecutor = field(init=False)
    parsing: dict[int, Future] = field(default_factory=dict)   # by position in ``chosen``
    # calamine parses one sheet of a workbook at a time: the second thread opens the file again
    idle: list = field(init=False)
    opened: list = field(init=False)
    lock: threading.Lock = field(default_factory=threading.Lock)
    styles: Any = _UNREAD   # what the workbook's cell styles show, read once (formats.format_codes)
    # its parts, opened once by each thread that reads sheets' formats (not once a sheet: 300 sheets'
    # opens read its directory of 300 parts 300 times)
    archives: dict[int, zipfile.ZipFile] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.parses = ThreadPoolExecutor(max_workers=2 if self.sizes else 1, thread_name_prefix="sheets")
        self.idle, self.opened = [self.workbook], [self.workbook]
        self.parse_ahead(-1)

    def large(self, name: str) -> bool:
        return is_large(self.sizes.get(name, ("", 0))[1])

    def sheet(self, n: int) -> Future:
        """Sheet ``n`` of ``chosen``, parsed or being parsed: (calamine's sheet, or a
        :class:`.PiecedSheet` for a large one; its formats, read with it where the sheets' parts
        are known, or None: they come from :attr:`formats`)."""
        return self.parsing.pop(n, None) or self.parses.submit(self._parse, self.chosen[n])

    def parse_ahead(self, n: int) -> None:
        """Start parsing the sheet after sheet ``n`` (a small sheet just read), and the one after that
        too when both are small parts of an .xlsx on two cores: two large sheets are never held at once."""
        ahead = [n + 1]
        if all(k < len(self.chosen) and self.chosen[k] in self.sizes and not self.large(self.chosen[k])
               for k in (n + 1, n + 2)):
            ahead.append(n + 2)
        for k in ahead:
            if k < len(self.chosen) and k not in self.parsing:
                self.parsing[k] = self.parses.submit(self._parse, self.chosen[k])

    def _parse(self, name: str) -> tuple[Any, SheetFormats | None]:
        sheet = self._without_far_cells(name)   # (before pieces: the piece holding a far cell is as large)
        if sheet is None and self.large(name) and (
                pieced := parse_in_pieces(self.path, name, *self.sizes[name], (ROW_LIMIT, COLUMN_LIMIT))) is not None:
            return pieced, pieced.formats
        sheet = sheet or self._whole(name)
        return sheet, (self._formats_of(name) if name in self.sizes else None)

    def _without_far_cells(self, name: str):
        """A sheet declared millions of cells large, parsed without its stray far cells (:mod:`.far_cells`)
        and the report told; None for any other sheet."""
        part = self.declared_large.get(name)
        if part is None:
            return None
        with zipfile.ZipFile(self.path) as archive:
            found = trimmed(archive.read(part))
        if found is None:
            return None
        self.notes.append(found.note(name))
        return parse_alone(self.path, name, part, found.xml)

    def _formats_of(self, name: str) -> SheetFormats:
        """The formats of a sheet of an .xlsx read on two threads, scanned as it is parsed: its
        table work waits for its own formats, not every sheet's."""
        with self.lock:
            if self.styles is _UNREAD:
                self.styles = _formats(self.path, lambda: format_codes_of(self.path))
        return _formats(self.path, lambda: read_sheet_formats(self._archive(), self.sizes[name][0], self.styles))

    def _archive(self) -> zipfile.ZipFile:
        """This thread's own opening of the workbook's parts."""
        archive = self.archives.get(threading.get_ident())
        if archive is None:
            archive = self.archives[threading.get_ident()] = zipfile.ZipFile(self.path)
        return archive

    def _whole(self, name: str):
        with self.lock:
            if self.idle:
                workbook = self.idle.pop()
            else:
                from python_calamine import CalamineWorkbook  # noqa: PLC0415 - loaded already

                workbook = _open_workbook(CalamineWorkbook, self.path)
                self.opened.append(workbook)
        try:
            return workbook.get_sheet_by_name(name)
        finally:
            with self.lock:
                self.idle.append(workbook)

    def close(self) -> None:
        for job in self.parsing.values():
            job.cancel()
        self.parses.shutdown(wait=True)   # calamine's workbooks are closed only once no thread parses them
        for workbook in self.opened:
            workbook.close()
        for archive in self.archives.values():
            archive.close()


def _open(path: Path, wanted: str | None, careful: bool = False) -> _Opened | str:
    """``"csv"`` for a text file; else the workbook opened, its formats and first sheet under way."""
    if check_file(path) == "csv":
        return "csv"
    from python_calamine import CalamineWorkbook, PasswordError  # noqa: PLC0415 - loaded on first import

    try:
        workbook = _open_workbook(CalamineWorkbook, path)
        worksheets = [m for m in workbook.sheets_metadata if str(m.typ).endswith("WorkSheet")]
        names = [m.name for m in worksheets] or workbook.sheet_names
        hidden = [m.name for m in worksheets if not str(m.visible).endswith(".Visible")]
    except PasswordError:
        raise password_protected(path.name) from None
    except Exception:  # calamine raises several types for broken files, in its own words  # noqa: BLE001
        raise ImportFailed(f"{path.name}: {DAMAGED}") from None
    if wanted is not None and wanted not in names:
        workbook.close()
        raise ImportFailed(f"{path.name}: no sheet named {wanted!r} (sheets: {', '.join(names)})")
    # Hidden sheets hold lookups and workings, not the return: read only when named with --sheet.
    chosen = [n for n in names if n == wanted] if wanted is not None else [n for n in names if n not in hidden]
    if not chosen:
        workbook.close()
        raise ImportFailed(f"{path.name}: every sheet is hidden ({', '.join(hidden)}); name one with --sheet "
                           "to import it")
    notes: list[str] = []
    if hidden and wanted is None:
        linked = [n for n in hidden if _LINKED_COPY.match(n)]   # (LibreOffice's copies of other files' sheets)
        if own := [n for n in hidden if n not in linked]:
            notes.append(f"hidden sheet{'s' if len(own) > 1 else ''} not read: {', '.join(own)} "
                         "(name one with --sheet to import it)")
        if linked:
            notes.append(f"{len(linked):,} hidden cop{'ies' if len(linked) > 1 else 'y'} of sheets linked from other "
                         "files not read")
    if linked := _linked(path):
        notes.append(f"figures taken from {'other workbooks' if len(linked) > 1 else 'another workbook'} "
                     f"({', '.join(linked[:3])}{', ...' if len(linked) > 3 else ''}) are read as Excel last updated "
                     "them, not fetched")
    scan = {".xlsx": read_formats, ".xlsm": read_formats, ".ods": read_ods_formats}.get(
        _kind(path), read_xls_formats)
    # With the sheets' parts known, each sheet's formats are read with it (a large sheet's from the
    # bytes its pieces are cut from); else every sheet's at once, beside calamine, which lets other
    # threads run while it parses a sheet.
    parts = part_sizes(path, chosen)
    sizes = parts if cores() >= 2 and not careful else {}   # (sheets parsed two at a time or in pieces)
    rest = [name for name in chosen if name not in sizes]
    formats = ThreadPoolExecutor(max_workers=1, thread_name_prefix="formats")
    formats_read = formats.submit(scan, path, rest) if rest else formats.submit(dict)
    formats.shutdown(wait=False)
    declared_large = large_sheets(path, parts, every=careful)
    return _Opened(path, workbook, chosen, notes, formats_read, sizes, declared_large, _coded_names(names), careful)


def _linked(path: Path) -> list[str]:
    """The other workbooks an .xlsx/.xlsm file links to (none for a damaged list: calamine reads on)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    try:
        with zipfile.ZipFile(path) as archive:
            return sorted(set(linked_workbooks(archive)))
    except Exception:  # noqa: BLE001 - the links only inform the report
        return []


def _workbook_sheets(path: Path, opened: _Opened) -> Iterator[Sheet]:
    """The chosen sheets in order; while one is read, the next are parsed on threads if this one is
    small (:meth:`_Opened.parse_ahead`)."""
    notes = opened.notes
    read: dict[str, SheetFormats] | None = {}
    try:
        stated = _stated_period(opened)
        for n, name in enumerate(opened.chosen):
            try:
                calamine_sheet, own_formats = opened.sheet(n).result()
            except ImportFailed:   # its formats, read with it, are damaged
                raise
            except Exception as exc:  # noqa: BLE001
                raise ImportFailed(f"{path.name}: sheet {name!r} cannot be read{_sheet_failure(exc)}") from None
            if calamine_sheet.height * calamine_sheet.width <= PARSE_AHEAD_CELLS:
                opened.parse_ahead(n)
            if n == 0:
                read = _formats(path, opened.formats.result)
                if read is None:   # an .xls whose formats cannot be read (Excel 95): its figures are still read
                    notes.append(f"number formats are not read from this {path.suffix} file (percentages stored "
                                 "as fractions stay fractions)")
            sheet_formats = own_formats if own_formats is not None else (read or {}).get(name, SheetFormats())
            notes += _cut(name, calamine_sheet)
            merged = list(calamine_sheet.merged_cell_ranges or sheet_formats.merged)   # (an .ods file's: read with its formats)
            if sheet_formats.merged and calamine_sheet.height > FORMAT_ROWS:
                notes.append(f"warning: sheet {name!r}: merged cells are read from its first {FORMAT_ROWS:,} rows only (an "
                             ".ods file's); a label merged over rows below them names only its first row")
            rows = _calamine_rows(calamine_sheet, (name, notes) if opened.careful else None)
            rows = with_ratings(_filled_down(_with_errors(rows, sheet_formats.errors), merged), sheet_formats)
            yield Sheet(name, calamine_sheet.height, rows, merged, sheet_formats, notes, stated,
                        opened.coded and _TABLE_CODE.fullmatch(name) is not None)
    finally:
        opened.close()


_TABLE_CODE = re.compile(r"\s*([A-Z]{1,3})\d{1,3}[A-Z_]*\s*")
_PERIOD_LETTERS = {"P", "M", "Q", "H"}   # (a monitor's sheets P6, P7: its months)


def _coded_names(names: list[str]) -> bool:
    """Whether a workbook names its sheets by table codes (H-CLIC's A1, A2P, P1, R1, MD1, TA1): three or
    more, and some with a letter no period is written with."""
    letters = [m[1] for m in map(_TABLE_CODE.fullmatch, names) if m]
    return len(letters) >= 3 and bool(set(letters) - _PERIOD_LETTERS)


def _stated_period(opened: _Opened) -> str:
    """The period a small sheet named as metadata gives a time dimension (``Academic Year | 2009/10``), as
    written; '' where there is no such sheet, or it gives none or several. The sheet is parsed here and
    kept for its turn."""
    k = next((k for k, name in enumerate(opened.chosen) if _METADATA_SHEET.fullmatch(name)
              and not opened.large(name) and name not in opened.declared_large), None)
    if k is None:
        return ""
    future = opened.parsing.pop(k, None) or opened.sheet(k)
    opened.parsing[k] = future
    try:
        sheet, _ = future.result()
    except Exception:  # noqa: BLE001 - its turn reports it
        return ""
    found = set()
    for _, row in itertools.islice(_calamine_rows(sheet, (opened.chosen[k], []) if opened.careful else None), 200):
        if len(row) > 1 and isinstance(row[0], str) and _TIME_DIMENSION.fullmatch(row[0]) \
                and isinstance(row[1], str) and len(row[1].split()) <= 3 and parse_period(row[1]) is not None:
            found.add(row[1].strip())
    return found.pop() if len(found) == 1 else ""


ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def _kind(path: Path) -> str:
    """The suffix of what the file is: ``.ods`` for an OpenDocument spreadsheet saved with an .xls name."""
    suffix = path.suffix.lower()
    return ".ods" if suffix == ".xls" and zipfile.is_zipfile(path) and opendocument(path) else suffix


def _open_workbook(calamine, path: Path):
    """The workbook, from its path; an OpenDocument file written without its ``mimetype`` part (as
    some converters, Aspose among them, write DfE's allocation tables) is opened from a copy in memory
    with that part added first, as the format wants and calamine needs; a file whose name is not UTF-8,
    from its bytes."""
    if _kind(path) == ".ods" and path.suffix.lower() != ".ods":   # (read by its bytes, not its name)
        with path.open("rb") as fh:
            return calamine.from_filelike(fh)
    if path.suffix.lower() == ".ods" and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            if "mimetype" not in archive.namelist() and is_headless_ods(archive.namelist()):
                copy = io.BytesIO()
                with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as out:
                    out.writestr(zipfile.ZipInfo("mimetype"), ODS_MIMETYPE, compress_type=zipfile.ZIP_STORED)
                    for member in archive.infolist():
                        out.writestr(member, archive.read(member))
                copy.seek(0)
                return calamine.from_filelike(copy)
    if not paths.utf8_name(path):   # calamine takes a path as UTF-8 text only: it had found no such file
        with path.open("rb") as fh:
            return calamine.from_filelike(fh)
    return calamine.from_path(str(path))



def _cut(name: str, sheet) -> list[str]:
    """Warnings for a sheet that fills the reader's rows or columns (what lies beyond is not read)."""
    out = []
    first_row = (sheet.start or (0, 0))[0]
    if first_row + sheet.height >= ROW_LIMIT:
        beyond = first_row + sheet.height - ROW_LIMIT
        cut = f"{beyond:,} row{'s' if beyond != 1 else ''} below row {ROW_LIMIT:,} were not read" if beyond else \
            f"any rows below row {ROW_LIMIT:,} were not read"
        out.append(f"warning: sheet {name!r} fills the reader's limit of {ROW_LIMIT:,} rows: {cut}; split the sheet to "
                   "import them")
    if sheet.width >= COLUMN_LIMIT:
        out.append(f"warning: sheet {name!r} fills the reader's limit of {COLUMN_LIMIT:,} columns: any columns beyond were "
                   "not read")
    return out


def _formats(path: Path, read: Callable[[], Read]) -> Read:
    """What ``read`` reads of a workbook's formats, a damaged part refused in one line."""
    try:
        return read()
    except (KeyError, zipfile.BadZipFile, zlib.error, EOFError, OSError, SyntaxError) as exc:
        raise ImportFailed(f"{path.name}: the workbook is damaged ({_short(exc)})") from None


def _calamine_rows(sheet, careful: tuple[str, list[str]] | None = None) -> Iterator[tuple[int, Row]]:
    """The sheet's rows, up to :data:`ROW_LIMIT` (calamine's own cut, made here so it is the one
    :func:`_cut` reports), numbered from the top of the sheet: calamine's ``iter_rows`` yields the
    empty rows above ``sheet.start`` too, and starts each row at its first used column, so the rows are
    padded to column A; empty rows above of :data:`~.far_cells.LARGE_AREA` cells or more are skipped
    (one entry alone in ``XFD1048576`` made a million rows of 16,384 cells). ``careful``: (the sheet's
    name, the notes) for :func:`_around_bad_dates`."""
    if isinstance(sheet, PiecedSheet):
        return _unnamed_blank(itertools.islice(sheet.numbered_rows(), ROW_LIMIT))
    first_row, first_col = sheet.start or (0, 0)
    rows = sheet.iter_rows() if careful is None else _around_bad_dates(sheet.iter_rows(), sheet.width, *careful)
    top = first_row if first_row * (first_col + sheet.width) >= LARGE_AREA else 0
    rows = itertools.islice(rows, top, ROW_LIMIT)
    if not first_col:
        return _unnamed_blank(zip(count(top), rows))
    pad = [""] * first_col
    return _unnamed_blank(enumerate((pad + row for row in rows), top))


MOST_BAD_DATES = 10   # rows left out for a date no date can be made of: more, and the file is refused


def is_bad_date(exc: BaseException) -> bool:
    """Whether ``exc`` is calamine's panic at a date-formatted cell holding a number no date can be
    made of (-1e20, -inf)."""
    return type(exc).__name__ == "PanicException" and "TimeDelta" in str(exc)


def _around_bad_dates(rows: Iterator[Row], width: int, name: str, notes: list[str]) -> Iterator[Row]:
    """calamine's rows with each it cannot convert (:func:`is_bad_date`) blank and named in ``notes``:
    its iterator has moved past such a row when it fails."""
    bad = 0
    for n in count(1):
        try:
            row = next(rows)
        except StopIteration:
            return
        except BaseException as exc:
            bad += 1
            if not is_bad_date(exc) or bad > MOST_BAD_DATES:
                raise
            notes.append(f"warning: sheet {name!r}: row {n:,} was not read: a cell in it formatted as a date or "
                         "time holds a number no date can be made of; correct it in Excel")
            row = [""] * width
        yield row


def _with_errors(rows: Iterator[tuple[int, Row]], errors: dict[tuple[int, int], str]) -> Iterator[tuple[int, Row]]:
    """The rows with each error cell (``#DIV/0!``, ``#REF!``) as Excel shows it: calamine reads one as
    blank (or as the 0 an .ods may state with it), which would show a failed figure as an empty cell
    or a nought, and drop a row of them."""
    if not errors:
        return rows
    by_row: dict[int, dict[int, str]] = {}
    for (r, c), text in errors.items():
        by_row.setdefault(r, {})[c] = text
    return ((r, _put(row, by_row[r]) if r in by_row else row) for r, row in rows)


def _put(row: Row, texts: dict[int, str]) -> Row:
    for c, text in texts.items():
        if c >= len(row):
            row.extend([""] * (c + 1 - len(row)))
        row[c] = text   # (an .ods error cell may state a value of 0 too)
    return row


def _unnamed_blank(rows: Iterator[tuple[int, Row]]) -> Iterator[tuple[int, Row]]:
    """The rows with pandas' "Unnamed: 3" in the sheet's first row left blank (:data:`_PANDAS_UNNAMED`):
    a table re-saved through pandas keeps its title there, alone once they are."""
    for n, row in rows:   # the first row: the others pass as they come, through no generator of ours
        if n == 0 and any(type(v) is str and _PANDAS_UNNAMED.fullmatch(v) for v in row):
            row = ["" if type(v) is str and _PANDAS_UNNAMED.fullmatch(v) else v for v in row]
        return itertools.chain(((n, row),), rows)
    return iter(())


def _filled_down(rows: Iterator[tuple[int, Row]], merged: list[Merged]) -> Iterator[tuple[int, Row]]:
    """The rows with each label merged down over rows of figures written into the blank cell it
    covers in each (``2007/08`` merged over its twelve months names each), once, where the rows are
    made: every reader of the sheet (the table finder, each table, a batch however far it looks
    ahead) sees the same cells. A label is text or a date; a row of figures holds a number or a mark
    (``-``, ``x``) beside the merge. A header merged down over header rows (a row of letter codes,
    ``[A] [B] [C]``, among them), text wrapped over a blank row and a figure merged over rows (one
    figure) stay in their top cell; a merge across columns (a
    band label over its columns) is spread by the header reader (``header_groups.fill_right``)."""
    tall = sorted((r0, c0, c1, r1) for (r0, c0), (r1, c1) in merged if r1 > r0)
    return _filling(rows, tall) if tall else rows


def _filling(rows: Iterator[tuple[int, Row]], tall: list[tuple[int, int, int, int]]) -> Iterator[tuple[int, Row]]:
    """:func:`_filled_down`, given the merges over several rows (top row, first and last column, last
    row) by top row: each is looked at only while its rows pass (a column merged down a whole sheet
    costs no more than its rows)."""
    from memberpack.importers.headers import column_codes  # noqa: PLC0415 - loaded for the tables by now
    from memberpack.importers.layout import cell_class  # noqa: PLC0415

    last = max(r1 for *_, r1 in tall)
    active: list[tuple[int, int, int, Any]] = []   # (column, last column, last row, label) of those passing
    n = 0
    for r, row in rows:
        while n < len(tall) and tall[n][0] <= r:
            r0, c0, c1, r1 = tall[n]
            n += 1
            value = row[c0] if r0 == r and c0 < len(row) else None
            if isinstance(value, str) and value.strip() or isinstance(value, date):
                active.append((c0, c1, r1, value))
        if active:
            codes = None   # whether the row is a letter-code row ("[A] [B] [C]": marks, but no row of figures)
            for c, last_c, _, value in active:
                if c < len(row) and (row[c] is None or type(row[c]) is str and not row[c].strip()) and any(
                        type(v) in (float, int) or type(v) is str and cell_class(v) == "special"
                        for v in chain(row[:c], row[last_c + 1:])):
                    if codes is None:
                        codes = not any(type(v) in (float, int) for v in row) and column_codes(row, range(len(row))) is not None
                    if not codes:
                        row[c] = value
            active = [merge for merge in active if merge[2] > r]
        yield r, row
        if r >= last:
            break
    yield from rows


def _sheet_failure(exc: BaseException) -> str:
    """Why calamine could not parse a sheet, to follow "sheet 'X' cannot be read": in the officer's
    words where calamine's are a bare sheet name or its own terms."""
    if type(exc).__name__ == "WorksheetNotFound":
        return f": the workbook lists it but holds no such sheet, so it is damaged; {SAVE_AGAIN}"
    if "string index not found" in str(exc):
        return f": a cell names a text the workbook does not hold (its shared strings are missing or cut short); {SAVE_AGAIN}"
    return f" ({_short(exc)})"


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return shortened(text, 119)
