"""How many characters the shared strings of a legacy .xls would fill its cells with.

A BIFF8 workbook keeps each text once, in its shared-string table (the SST record and the CONTINUE
records after it), and a cell names one by its index (a LABELSST record): one long text named by
every cell is a small file and gigabytes in a reader. Only the strings' lengths are read here, and
only when cheaper bounds on what the cells could hold (:func:`shared_string_characters`) do not
already settle it.
"""

from __future__ import annotations

import re
import struct
from pathlib import Path

import numpy as np

from memberpack.importers.xls_formats import whole_stream

LONGEST = 65_535                   # characters a shared string's length can say (Excel writes 32,767 at most)
_LABELSST = b"\xfd\x00\x0a\x00"    # a cell naming a shared string: record 0x00FD, 10 bytes
_NAMED = re.compile(re.escape(_LABELSST) + rb".{6}(.{4})", re.DOTALL)   # the index of the string it names
_SST, _CONTINUE, _EOF = 0x00FC, 0x003C, 0x000A
_RECORD = struct.Struct("<HH")


def shared_string_characters(path: Path, bound: int = 0) -> int | None:
    """The characters the cells would hold once each shared string is copied into every cell that
    names it; None when the workbook stream cannot be read (calamine then says what is wrong).
    Where the cells naming strings could hold no more than ``bound`` at all, that most instead, and
    the strings are not read: first their number times the longest a string can be, then the most
    cells naming one string times the bytes of all the strings (each character takes a byte at
    least), which settles a large workbook of distinct labels, each named once or a few times
    (240,000 strings: 0.1 s of CPU, not 0.2 s)."""
    try:
        import olefile  # noqa: PLC0415 - only for .xls files

        with olefile.OleFileIO(str(path)) as ole:
            if not ole.exists("Workbook"):
                return None
            data = whole_stream(ole, "Workbook")
        named = np.frombuffer(b"".join(_NAMED.findall(data)), dtype="<u4")
        if (most := len(named) * LONGEST) <= bound:
            return most
        pieces = _strings_records(data)
        if len(named) and (most := _most_named(named) * sum(map(len, pieces))) <= bound:
            return most
        lengths = _lengths(pieces)
    except (OSError, ValueError, IndexError, struct.error, EOFError):
        return None
    if not lengths:
        return 0
    return int(np.asarray(lengths, dtype=np.int64)[named[named < len(lengths)]].sum())


def _most_named(named: np.ndarray) -> int:
    """The most cells naming one string, from the indexes they name (sorted, not counted into an
    array as long as the largest index, which a damaged file may make four billion)."""
    ordered = np.sort(named)
    starts = np.flatnonzero(np.diff(ordered)) + 1
    return int(np.diff(starts, prepend=0, append=len(ordered)).max())


def _strings_records(data: bytes) -> list[bytes]:
    """The bodies of the SST record and the CONTINUE records after it (none without one)."""
    at, pieces = 0, []
    while at + 4 <= len(data):
        kind, size = _RECORD.unpack_from(data, at)
        if pieces and kind != _CONTINUE:
            break
        if kind == _SST or pieces:
            pieces.append(data[at + 4:at + 4 + size])
        elif kind == _EOF and at:   # the end of the workbook's globals: it has no shared strings
            return []
        at += 4 + size
    return pieces


def _lengths(pieces: list[bytes]) -> list[int]:
    """The length of each shared string, in characters, in order, from :func:`_strings_records`."""
    if not pieces:
        return []
    reader = _Pieces(pieces)
    reader.take(4)
    unique = int.from_bytes(reader.take(4), "little")
    lengths: list[int] = []
    while len(lengths) < unique:
        if not reader.within_piece(lengths, unique):
            count = int.from_bytes(reader.take(2), "little")
            flags = reader.take(1)[0]
            runs = int.from_bytes(reader.take(2), "little") if flags & 0x08 else 0
            extra = int.from_bytes(reader.take(4), "little") if flags & 0x04 else 0
            reader.characters(count, flags & 0x01)
            reader.take(4 * runs + extra)
            lengths.append(count)
    return lengths


class _Pieces:
    """The SST record's body and its CONTINUE records read as one, where a string's characters
    cut by a CONTINUE go on after a byte saying how wide they now are."""

    def __init__(self, pieces: list[bytes]) -> None:
        self.pieces, self.n, self.at = pieces, 0, 0

    def take(self, size: int) -> bytes:
        out = b""
        while len(out) < size:
            if self.at >= len(self.pieces[self.n]):
                self._next()
            piece = self.pieces[self.n]
            got = piece[self.at:self.at + size - len(out)]
            out += got
            self.at += len(got)
        return out

    def within_piece(self, lengths: list[int], most: int) -> int:
        """Pass over the next strings whose head and characters are all in this piece (most are),
        adding their lengths to ``lengths`` until it holds ``most``; how many were (none: the next
        one is not, and nothing was taken)."""
        piece, at = self.pieces[self.n], self.at
        size, before = len(piece), len(lengths)
        while len(lengths) < most and at + 9 <= size:
            count, flags = piece[at] | piece[at + 1] << 8, piece[at + 2]
            head = at + 3
            if not flags & 0x0C:   # no rich text runs, no extended data: most strings
                end = head + (count << (flags & 0x01))
                if end > size:
                    break
                lengths.append(count)
                at = end
                continue
            runs = extra = 0
            if flags & 0x08:
                runs, head = piece[head] | piece[head + 1] << 8, head + 2
            if flags & 0x04:
                extra, head = int.from_bytes(piece[head:head + 4], "little"), head + 4
            end = head + (count << (flags & 0x01))
            if end > size:
                break
            lengths.append(count)
            self.at = end
            self.take(4 * runs + extra)   # (it may run on into the next piece)
            piece, at = self.pieces[self.n], self.at
            size = len(piece)
        self.at = at
        return len(lengths) - before

    def characters(self, count: int, wide: int) -> None:
        while count:
            if self.at >= len(self.pieces[self.n]):
                self._next()
                wide = self.pieces[self.n][0] & 0x01
                self.at = 1
            width = 2 if wide else 1
            step = min(count, (len(self.pieces[self.n]) - self.at) // width)
            if step == 0:
                raise ValueError("a shared string is cut inside a character")
            self.at += step * width
            count -= step

    def _next(self) -> None:
        self.n += 1
        self.at = 0
        if self.n >= len(self.pieces):
            raise EOFError("the shared strings end early")
