"""A large .xlsx sheet parsed by calamine in pieces, on two cores at once.

calamine parses a sheet on one core (0.6 s for 50,000 rows of 20 columns) and lets other threads
run meanwhile. A large sheet part is cut at row boundaries into pieces; each piece becomes a small
workbook of its own (content types, workbook, relationships, styles and shared strings, and the piece as
the sheet) and the pieces are parsed on two threads. Rows keep their ``r`` numbers, so each piece's
cells land where they are in the whole sheet, and the pieces' rows are laid end to end with the blank
rows and columns calamine gives the whole sheet. Anything unusual (a cut row without its number, rows
out of order, CDATA or comments, a piece calamine refuses, pieces too large for huge shared strings)
gives None: the sheet is then parsed whole, so its rows and errors are always calamine's own.

The first piece's rows are read while the later pieces are still parsed (:func:`_streamed`) once every
byte of the part has been cut and scanned (its formats are then whole), where what the rows read first
must know of the whole sheet can be told without the later pieces: no merged cells, rows short of
the last. A later piece that turns out to be wider than the first, out of order, or refused by calamine
then asks for the file to be read again whole (:class:`~memberpack.errors.ReadAgain`).
"""

from __future__ import annotations

import io
import os
import re
import threading
import zipfile
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import Any

from memberpack.errors import ReadAgain
from memberpack.importers.formats import CHUNK, SheetFormats, SheetScan, format_codes
from memberpack.importers.xlsx_parts import opening_parts, sheet_parts

SPLIT_FROM = 8 << 20     # sheet parts declaring fewer bytes are parsed whole (and may be parsed two at a time)
MOST_PIECES = 16          # each parses the shared strings again
PIECE_BYTES = 2 << 20    # two pieces of this size and their copies are held at a time
MOST_PIECE_BYTES = 64 << 20   # pieces that would be larger (huge shared strings) are not worth their memory
MOST_OPENING_BYTES = 16 << 20   # nor are pieces that would each parse more than this again
FIRST_SHARE = 8   # the first piece is an eighth of the others: its rows are read while they are parsed
WORKERS = 2
WAITING = 3   # pieces cut and waiting for a thread: the cut, and with it the formats, ends sooner (:func:`_streamed`)
_SHEET_DATA = re.compile(rb"<(\w+:)?sheetData\b[^>]*>")
_ROOT = re.compile(rb"<((?:\w+:)?worksheet)\b")
_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*/>")
_ROW_NUMBER = re.compile(rb'\sr="(\d{1,7})"')


class _Unsplittable(Exception):
    """The sheet part is not cut: it is parsed whole."""


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def is_large(size: int) -> bool:
    """Whether a sheet part of ``size`` bytes is parsed in pieces."""
    return size >= SPLIT_FROM


def part_sizes(path: Path, names: list[str]) -> dict[str, tuple[str, int]]:
    """Sheet name -> (part, declared bytes) of the named sheets of an .xlsx/.xlsm file; none for other
    formats or when the parts cannot be found."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return {}
    try:
        with zipfile.ZipFile(path) as archive:
            sizes = {info.filename: info.file_size for info in archive.infolist()}
            parts = sheet_parts(archive)
    except Exception:  # noqa: BLE001 - calamine's own parse names what is wrong
        return {}
    return {name: (part, sizes[part]) for name, part in parts.items() if name in names and part in sizes}


@dataclass(slots=True)
class PiecedSheet:
    """A sheet read from its pieces, with calamine's ``start``, ``height``, ``width`` and
    ``merged_cell_ranges`` of the whole sheet, and its formats (read from the same bytes). Streamed
    (:func:`_streamed`), its later pieces are still being parsed (futures, ``pool`` parses them) and
    ``height`` runs to the last row the part writes."""

    pieces: list[Any]
    start: tuple[int, int]
    height: int
    width: int
    merged_cell_ranges: list
    formats: SheetFormats
    name: str = ""
    pool: ThreadPoolExecutor | None = None

    def numbered_rows(self) -> Iterator[tuple[int, list[Any]]]:
        """``(0-based row, values from column A)`` as :func:`reader._calamine_rows` gives the whole
        sheet's: every row as wide as the sheet, blank rows where no piece has any."""
        return chain.from_iterable(self._runs())

    def _runs(self) -> Iterator[Iterator[tuple[int, list[Any]]]]:
        """The numbered rows a piece at a time (and the blank rows before it), each made as it is read:
        a piece's rows are never all held as Python lists at once, and each piece is let go once read."""
        right_edge = self.start[1] + self.width
        r = 0
        try:
            for i, piece in enumerate(self.pieces):
                self.pieces[i] = None
                if isinstance(piece, Future):
                    piece = self._arrived(piece, r, right_edge)
                    if piece is None:
                        continue
                yield from self._piece_rows(piece, r, right_edge)
                r = piece.start[0] + piece.height
        finally:
            if self.pool is not None:   # (a reading stopped early, or cancelled: no piece waits to be parsed)
                self.pool.shutdown(wait=False, cancel_futures=True)

    @staticmethod
    def _piece_rows(piece, r: int, right_edge: int) -> Iterator[Iterator[tuple[int, list[Any]]]]:
        """The blank rows from ``r`` to the piece, then its rows, as wide as the sheet."""
        top, left = piece.start
        if r < top:
            yield ((n, [""] * right_edge) for n in range(r, top))
        rows = islice(piece.iter_rows(), top, None)   # (calamine's rows above its start are blank)
        after = right_edge - left - piece.width
        if left or after:
            before, after = [""] * left, [""] * after
            rows = (before + row + after for row in rows)
        yield zip(range(top, top + piece.height), rows)

    def _arrived(self, job: Future, r: int, right_edge: int):
        """A later piece of a streamed sheet once parsed (None if it holds no cell), or
        :class:`ReadAgain` where the rows read already cannot stand: the piece is refused, lies above
        them, or reaches further right than the first piece (the whole sheet's rows are wider)."""
        try:
            piece = job.result()
        except Exception:  # noqa: BLE001 - the careful reading parses the sheet whole and names what is wrong
            piece = None
            fits = False
        else:
            if piece.start is None or not piece.height:
                return None
            fits = piece.start[0] >= r and piece.start[1] + piece.width <= right_edge \
                and piece.start[0] + piece.height <= self.start[0] + self.height
        if not fits:
            raise ReadAgain(f"sheet {self.name!r} is read again, parsed whole (a later piece of it does not fit the rows read first)")
        return piece


def parse_in_pieces(path: Path, name: str, part: str, size: int, limits: tuple[int, int]) -> PiecedSheet | None:
    """Sheet ``name`` (in ``part``) parsed in pieces, or None when it is better parsed whole. At most
    :data:`WAITING` pieces and the one being cut are held as XML besides those the threads parse. The
    sheet comes back streamed (:func:`_streamed`) where it can: ``limits``, the rows and columns the
    reader reads, are its bounds."""
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - loaded with the reader

    pool, free = ThreadPoolExecutor(WORKERS, thread_name_prefix="pieces"), threading.BoundedSemaphore(WORKERS + WAITING)
    jobs, streamed = [], None
    try:
        with zipfile.ZipFile(path) as archive:
            members = [member for member in opening_parts(archive) if member in archive.NameToInfo]
            opening_bytes = sum(archive.getinfo(member).file_size for member in members)
            piece_bytes = _piece_bytes(size, opening_bytes)
            if piece_bytes > MOST_PIECE_BYTES or opening_bytes > MOST_OPENING_BYTES:
                return None
            opening = {member: archive.read(member) for member in members}
            scan = SheetScan(format_codes(archive))
            end = _End()
            for xml in _pieces(archive, part, _first_piece_bytes(piece_bytes), piece_bytes, scan.feed, end):
                free.acquire()
                jobs.append(pool.submit(_parse, CalamineWorkbook, opening, name, part, [xml], free))
                del xml
        streamed = _streamed(name, jobs, end, scan.found, limits, pool)
        if streamed is not None:
            return streamed
        sheets = [job.result() for job in jobs]
    except Exception:  # noqa: BLE001 - whatever a piece meets, the whole parse meets and names
        return None
    finally:
        if streamed is None:
            pool.shutdown(wait=True, cancel_futures=True)
    return _joined(sheets, scan.found)


@dataclass(slots=True)
class _End:
    """What the cut found at the end of the part: the number of its last row, and whether merged
    cells follow the rows."""

    last_row: int = 0
    merged: bool = True


def _streamed(name: str, jobs: list[Future], end: _End, formats: SheetFormats, limits: tuple[int, int],
              pool: ThreadPoolExecutor) -> PiecedSheet | None:
    """The sheet as its first piece once parsed, the later ones to follow as they are (every byte is
    cut, so ``formats`` are the whole sheet's), or None where what its rows need of the whole sheet
    is not known without them: a lone piece, merged cells, a first piece with no cell, a last row or
    a first piece reaching the reader's ``limits`` (rows, columns; the reader warns of those)."""
    if len(jobs) < 2 or end.merged or not 0 < end.last_row < limits[0]:
        return None
    first = jobs[0].result()
    if first.start is None or not first.height or first.start[1] + first.width >= limits[1] \
            or first.start[0] + first.height > end.last_row:
        return None
    top, left = first.start
    return PiecedSheet([first, *jobs[1:]], (top, left), end.last_row - top, first.width, [], formats, name, pool)


def _piece_bytes(size: int, opening: int) -> int:
    """How large to make each piece: every piece parses the ``opening`` bytes (the shared strings
    above all) again, so a piece is at least twice their size. (Four times parses them less often, but
    a long list's two 55 MB pieces parsed at once beside the reading of its first took its import to
    640 MB, against 570 MB with every piece parsed before the reading: 540 to 600 MB now.)"""
    return max(size // MOST_PIECES, PIECE_BYTES, 2 * opening)


def _first_piece_bytes(piece_bytes: int) -> int:
    """How large to make the first piece: a share of the others (:data:`FIRST_SHARE`), at least a
    :data:`CHUNK`, so that calamine starts at once and its rows are read while the others are parsed
    (:func:`_streamed`); a long list's costs its 14 MB of shared strings parsed once more (a tenth of a
    second of the second core) and its rows are read 0.9 s sooner."""
    return max(CHUNK, piece_bytes // FIRST_SHARE)


def parse_alone(path: Path, name: str, part: str, xml: bytes):
    """Sheet ``name`` parsed from ``xml`` in place of its part, as a workbook of its own, without its
    declared size (as a piece is)."""
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - loaded with the reader

    with zipfile.ZipFile(path) as archive:
        opening = {member: archive.read(member) for member in opening_parts(archive) if member in archive.NameToInfo}
    return _parse(CalamineWorkbook, opening, name, part, [_DIMENSION.sub(b"", xml, count=1)])


def _parse(calamine, opening: dict[str, bytes], name: str, part: str, held: list[bytes],
           free: threading.BoundedSemaphore | None = None):
    """The piece (taken out of ``held``, so that it is let go as soon as it is copied) parsed as a
    workbook of its own."""
    try:
        book = io.BytesIO()
        with zipfile.ZipFile(book, "w", zipfile.ZIP_STORED) as out:
            for opened, data in opening.items():
                out.writestr(opened, data)
            out.writestr(part, held.pop())
        book.seek(0)
        workbook = calamine.from_filelike(book)
        del book
        try:
            return workbook.get_sheet_by_name(name)
        finally:
            workbook.close()
    finally:
        if free is not None:
            free.release()


def _pieces(archive: zipfile.ZipFile, part: str, first_bytes: int, piece_bytes: int,
            seen: Callable[[bytes], None], end: _End) -> Iterator[bytes]:
    """The sheet part cut before a ``<row`` after ``first_bytes`` or so, then every ``piece_bytes``
    (:func:`_first_piece_bytes`), each piece a whole sheet part (the head of the sheet, its rows,
    the end); the last keeps what follows the rows (merged cells). ``seen`` is given the part's
    bytes in order, each piece's once it is on its way; ``end`` what the last piece ends with."""
    with archive.open(part) as fh:
        buffer = fh.read(CHUNK)
        opened, root = _SHEET_DATA.search(buffer), _ROOT.search(buffer)
        if opened is None or root is None or buffer[opened.end() - 2:opened.end()] == b"/>":
            raise _Unsplittable
        prefix = opened.group(1) or b""
        head = _DIMENSION.sub(b"", buffer[:opened.end()])   # the whole sheet's size: no piece's
        row, closed = b"<" + prefix + b"row ", b"</" + prefix + b"sheetData>"
        close = closed + b"</" + root.group(1) + b">"
        unseen, parts = [buffer], [buffer[opened.end():]]
        held, wanted = len(parts[0]), first_bytes
        while more := fh.read(CHUNK):
            unseen.append(more)
            parts.append(more)
            held += len(more)
            if held < wanted:
                continue
            buffer = b"".join(parts)
            cut = _last_row(buffer, row)
            if cut <= 0:
                parts, held = [buffer], len(buffer)
                continue
            yield _checked(head + buffer[:cut] + close)
            for chunk in unseen:
                seen(chunk)
            unseen, parts = [], [buffer[cut:]]
            held, wanted = len(parts[0]), piece_bytes
        buffer = b"".join(parts)
        rows_end = buffer.rfind(closed)
        if rows_end < 0:
            raise _Unsplittable
        last = buffer.rfind(row, 0, rows_end)
        number = _ROW_NUMBER.search(buffer, last, buffer.find(b">", last)) if last >= 0 else None
        end.last_row, end.merged = int(number[1]) if number else 0, b"mergeCell" in buffer[rows_end:]
        yield _checked(head + buffer)
        for chunk in unseen:
            seen(chunk)


def _last_row(buffer: bytes, row: bytes) -> int:
    """Where the last whole ``<row`` tag of ``buffer`` starts (-1 for none); a row cut without its
    number makes the part unsplittable (calamine would number it from the piece's start)."""
    cut = buffer.rfind(row)
    end = buffer.find(b">", cut)
    if cut >= 0 and end < 0:   # the tag runs on past the buffer
        cut = buffer.rfind(row, 0, cut)
        end = buffer.find(b">", cut)
    if cut >= 0 and b' r="' not in buffer[cut:end]:
        raise _Unsplittable
    return cut


def _checked(xml: bytes) -> bytes:
    if b"!" in xml and b"<!" in xml:   # a comment or CDATA may hold what looks like a row (one byte is found faster)
        raise _Unsplittable
    return xml


def _joined(sheets: list[Any], formats: SheetFormats) -> PiecedSheet | None:
    """The pieces as one sheet, or None when their rows are not in order."""
    used = [s for s in sheets if s.start is not None and s.height]
    if not used:
        return None
    for before, after in zip(used, used[1:]):
        if after.start[0] < before.start[0] + before.height:
            return None
    top, left = used[0].start[0], min(s.start[1] for s in used)
    right = max(s.start[1] + s.width for s in used)
    bottom = used[-1].start[0] + used[-1].height
    return PiecedSheet(used, (top, left), bottom - top, right - left, list(sheets[-1].merged_cell_ranges or []), formats)
