"""What python-calamine cannot tell of a legacy .xls sheet: the number format of its first cells,
the error values among them (``#DIV/0!``, which calamine reads as blank), and its hidden columns.

calamine gives 0.3429 for a cell Excel shows as ``34.29%`` and -0.5 for one shown as ``(0.5)``. A
BIFF8 workbook keeps its format codes (``FORMAT`` records) and cell styles (``XF`` records) in its
globals, and each number cell names its style; the first :data:`FORMAT_ROWS` rows of each sheet
are read for them (a later row reuses its column's format, as for .xlsx). Only those records are
read from the file (:class:`_Stream`), not the whole workbook stream: for 240,000 rows that is
36 MB, which took a sixth of a second to gather sector by sector. Anything this does not
understand (an Excel 95 file, a damaged stream) gives no formats, never an error: calamine reads
the figures either way, and the report then says formats were not read.
"""

from __future__ import annotations

import struct
from pathlib import Path

from memberpack.importers.formats import FORMAT_ROWS, SheetFormats

_BOF, _EOF, _BOUNDSHEET, _FORMAT, _XF = 0x0809, 0x000A, 0x0085, 0x041E, 0x00E0
_NUMBER, _RK, _MULRK, _FORMULA, _COLINFO, _BOOLERR = 0x0203, 0x027E, 0x00BD, 0x0006, 0x007D, 0x0205
_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A"}
_CELL = struct.Struct("<HHH")   # row, column, style (XF) of a cell record
_RECORD = struct.Struct("<HH")
_ROW_BLOCK = 32                 # cells are written in blocks of 32 rows, in order
_WINDOW = 1 << 16               # bytes of the stream read at a time
# a workbook stream this small is read whole (one in the OLE file's mini stream, under 4,096 bytes, must be)
WHOLE_STREAM = 1 << 20


def read_xls_formats(path: Path, sheet_names: list[str]) -> dict[str, SheetFormats] | None:
    """Format codes of the first rows of each sheet named, by 0-based (row, column); None when the
    file is not one this can read (then nothing is claimed about its formats)."""
    try:
        import olefile  # noqa: PLC0415 - only for .xls files

        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists("Workbook"):
                return None   # Excel 95 and older keep a "Book" stream in BIFF5
            entry = next(kid for kid in ole.root.kids if kid.name.lower() == "workbook")
            if entry.size <= WHOLE_STREAM:
                data = ole.openstream("Workbook").read()
                return _read(lambda at, size: data[at:at + size], set(sheet_names))
            return _read(_Stream(ole.fp, ole.fat, ole.sectorsize, entry.isectStart, entry.size).read,
                         set(sheet_names))
    except (OSError, ValueError, IndexError, KeyError, struct.error, UnicodeDecodeError, EOFError):
        return None


def whole_stream(ole, name: str) -> bytes:
    """The whole of a stream of an open :class:`olefile.OleFileIO`, the same bytes as olefile reads,
    each run of sectors that lie together read at once (olefile reads a sector at a time: 85,000
    reads and 0.16 s for a 44 MB workbook, against 0.06 s)."""
    entry = ole.direntries[ole._find(name)]   # noqa: SLF001 - as ole.openstream finds it
    if entry.size < ole.minisectorcutoff:   # (in the mini stream)
        return ole.openstream(name).read()
    data = _Stream(ole.fp, ole.fat, ole.sectorsize, entry.isectStart, entry.size).read(0, entry.size)
    return data if len(data) == entry.size else ole.openstream(name).read()   # (a file cut short: as olefile says)


class _Stream:
    """A stream of an OLE file read where asked, :data:`_WINDOW` bytes at a time, following its
    chain of sectors (the file's FAT) only as far as read."""

    def __init__(self, fp, fat, sector: int, first: int, size: int) -> None:
        self.fp, self.fat, self.sector, self.size = fp, fat, sector, size
        self.chain = [first]
        self.start, self.window = 0, b""

    def read(self, at: int, size: int) -> bytes:
        """The stream's bytes from ``at`` (fewer at its end)."""
        if not (self.start <= at and at + size <= self.start + len(self.window)):
            self.start, self.window = at, self._bytes(at, max(size, _WINDOW))
        return self.window[at - self.start:at - self.start + size]

    def _bytes(self, at: int, size: int) -> bytes:
        """The stream's bytes from ``at``, each run of sectors that lie together in the file read at once."""
        import numpy as np  # noqa: PLC0415 - loaded by the reader by now; not where the reader is only imported

        end = min(at + size, self.size)
        if at >= end:
            return b""
        index, within = divmod(at, self.sector)
        last = (end - 1) // self.sector
        self._sector(last)
        sectors = np.array(self.chain[index:last + 1], dtype=np.int64)
        starts = [0, *(np.flatnonzero(np.diff(sectors) != 1) + 1).tolist(), len(sectors)]
        pieces = []
        for first, after in zip(starts, starts[1:]):   # each run of sectors
            take = min((after - first) * self.sector - within, end - at)
            self.fp.seek((int(sectors[first]) + 1) * self.sector + within)
            pieces.append(self.fp.read(take))
            at, within = at + take, 0
        return b"".join(pieces)

    def _sector(self, index: int) -> int:
        """The file's sector holding the stream's ``index``-th, refusing a chain that leaves the FAT
        or is longer than it (a loop); sectors each followed by the next in the file (most of a
        workbook's stream) are followed a run at a time."""
        import numpy as np  # noqa: PLC0415 - as above

        chain, fat = self.chain, self.fat
        while len(chain) <= index:
            last = chain[-1]
            if last >= len(fat) or len(chain) >= len(fat):
                raise ValueError("the workbook stream's chain of sectors leaves the file")
            ahead = np.asarray(fat[last:last + min(index + 1, len(fat)) - len(chain)], dtype=np.int64)
            follows = ahead == np.arange(last + 1, last + 1 + len(ahead))
            run = len(follows) if follows.all() else int(np.argmin(follows))
            if run:
                chain.extend(range(last + 1, last + 1 + run))
            else:
                chain.append(fat[last])
        return chain[index]


def _records(read, at: int = 0):
    """(offset, record type, body) from ``at``; ``read(at, size)`` gives the stream's bytes."""
    while len(head := read(at, 4)) == 4:
        kind, size = _RECORD.unpack(head)
        yield at, kind, read(at + 4, size)
        at += 4 + size


def _read(read, wanted: set[str]) -> dict[str, SheetFormats] | None:
    codes: dict[int, str] = {}
    styles: list[int] = []
    sheets: list[tuple[str, int]] = []
    for at, kind, body in _records(read):
        if at == 0 and (kind != _BOF or body[:2] != b"\x00\x06"):
            return None   # not BIFF8
        if kind == _FORMAT:
            codes[struct.unpack_from("<H", body)[0]] = _unicode(body, 2, 2)
        elif kind == _XF:
            styles.append(struct.unpack_from("<H", body, 2)[0])
        elif kind == _BOUNDSHEET:
            offset, visibility, sheet_type = struct.unpack_from("<IBB", body)
            if sheet_type == 0:
                sheets.append((_unicode(body, 6, 1), offset))
        elif kind == _EOF:
            break
    found = {name: _sheet(read, offset) for name, offset in sheets if name in wanted}
    used = {styles[s] for cells, _, _ in found.values() for s in cells.values() if s < len(styles)}
    if any(i and i not in codes for i in used):   # a built-in format (9 is "0%"), from openpyxl's table
        from openpyxl.styles.numbers import BUILTIN_FORMATS  # noqa: PLC0415 (openpyxl takes 0.1 s to load)

        codes = BUILTIN_FORMATS | codes
    out = {}
    for name, (cells, hidden, errors) in found.items():
        sheet = out[name] = SheetFormats(rows_read=FORMAT_ROWS, hidden_columns=hidden, errors=errors)
        for cell, style in cells.items():
            code = codes.get(styles[style], "General") if style < len(styles) else "General"
            if code != "General":
                sheet.codes[cell] = code
    return out


def _sheet(read, offset: int) -> tuple[dict[tuple[int, int], int], set[int], dict[tuple[int, int], str]]:
    """The style (XF) of each number cell in the sheet's first :data:`FORMAT_ROWS` rows, the hidden
    columns (``COLINFO`` records, written before the cells), and the error values of those rows
    (``BOOLERR`` records, and formulas whose cached result is an error)."""
    found, hidden, errors = {}, set(), {}
    for at, kind, body in _records(read, offset):
        if kind == _EOF:
            break
        if kind == _COLINFO and len(body) >= 10:
            first, last, _, _, flags = struct.unpack_from("<HHHHH", body)
            if flags & 0x0001:
                hidden.update(range(first, min(last, 255) + 1))
        if kind in (_NUMBER, _RK, _FORMULA, _MULRK, _BOOLERR) and len(body) >= 6:
            row, col = struct.unpack_from("<HH", body)
            if row >= FORMAT_ROWS + _ROW_BLOCK:
                break
            if row >= FORMAT_ROWS:
                continue
            if kind == _BOOLERR:
                if len(body) >= 8 and body[7] == 1 and body[6] in _ERRORS:
                    errors[(row, col)] = _ERRORS[body[6]]
                continue
            if kind == _FORMULA and len(body) >= 14 and body[6] == 2 and body[12:14] == b"\xff\xff" \
                    and body[8] in _ERRORS:   # (a cached error: type 2, its code, then 0xFFFF)
                errors[(row, col)] = _ERRORS[body[8]]
            if kind != _MULRK:
                found[(row, col)] = _CELL.unpack_from(body)[2]
            else:
                for i in range((len(body) - 6) // 6):
                    found[(row, col + i)] = struct.unpack_from("<H", body, 4 + 6 * i)[0]
    return found, hidden, errors


def _unicode(body: bytes, at: int, length_bytes: int) -> str:
    """A BIFF8 string: its length (1 or 2 bytes), a flags byte, then 8-bit or UTF-16 characters."""
    count = body[at] if length_bytes == 1 else struct.unpack_from("<H", body, at)[0]
    flags = body[at + length_bytes]
    start = at + length_bytes + 1
    if flags & 0x01:
        return body[start:start + 2 * count].decode("utf-16-le")
    return body[start:start + count].decode("latin-1")
