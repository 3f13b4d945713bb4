"""Figures written as text (a CSV's), checked and converted a whole batch of cells at a time.

A cell is a plain figure when it is written as :data:`PLAIN_NUMBER` says (``-12.5``), and it is then
``float(cell)``. Testing every cell of a batch with that pattern (:data:`PLAIN_NUMBERS`, over the
cells joined) took twice as long as converting them. ``float`` already refuses most of what the
pattern does (``1,500``, ``1-2``, ``1.2.3``, blanks), so only what it would read and the pattern
would not is tested first, with a few array operations over the cells' bytes: a byte that is no
digit, sign or point (``1e5``, ``+5``, `` 12``, ``nan``), a point without a digit on each side
(``.5``, ``5.``), and, only where a run of digits is long enough to break them, the pattern's limits
on digits (left to the pattern).

Figures as a formatted sheet saves them to CSV are read too: thousands grouped by commas
(``-1,234.5``) and negatives in brackets (``(1,234)``), and percentages written with their sign (``12.5%``). :func:`~memberpack.model.values.parse_text`
reads such a cell as its digits without the commas, negated in brackets, in the column's unit, just
as a plain figure. Such a batch is tested by its pattern (:data:`FORMATTED_NUMBERS`); read cell by
cell, it took a hundred times as long. Figures with a pound sign before their digits (``£1,234.56``,
``-£12``, ``(£479)``, a council's payments as its finance system exports them) are such figures in
pounds: the sign is taken off and the rest tested alike, in a column of pounds whose cells may have
it or not (``£1,234`` above ``(500)``).

A few cells (a row read alone) are tested by the pattern itself: the array operations' fixed cost is
most of their time (a row of 20 cells: 13 µs, against 4 µs for the pattern).

Once numpy has converted :data:`ARROW_AFTER` figures in batches, a batch's cells, tested as above, are
converted by Arrow's cast of them as one array of texts, made from the joined bytes with no object
a cell: a fifth of numpy's time a cell. Both give each cell's correctly rounded float, the same
bits; and among the bytes the test lets through (digits, a minus sign, points between digits; a
formatted figure's commas and brackets taken off first) both refuse the same cells."""

from __future__ import annotations

import re
import threading

import numpy as np

PLAIN_NUMBER = re.compile(r"-?\d{1,15}(?:\.\d{1,10})?")
# joined by NUL, as ASCII bytes: a quarter quicker than the same test of the text (whose \d would
# take other scripts' digits too; such figures are read cell by cell, alike)
PLAIN_NUMBERS = re.compile(rf"(?:{PLAIN_NUMBER.pattern}\0)*{PLAIN_NUMBER.pattern}".encode())
_UNSIGNED = r"(?:\d{1,3}(?:,\d{3})+|\d{1,15})(?:\.\d{1,10})?"
FORMATTED_NUMBER = re.compile(rf"-?{_UNSIGNED}|\({_UNSIGNED}\)")
FORMATTED_NUMBERS = re.compile(rf"(?:(?:{FORMATTED_NUMBER.pattern})\0)*(?:{FORMATTED_NUMBER.pattern})".encode())
_FIGURE_BYTES = b"0123456789-.,()\0"
_DOT, _ZERO = ord("."), ord("0")
_FEW = 100         # cells: as few are tested by the pattern quicker than by the array operations' dozen calls
_MOST_DIGITS = 10   # a run of digits no longer than this is within PLAIN_NUMBER's limits, either side of a point
ARROW_AFTER = 500_000   # figures converted by numpy in a process before Arrow is loaded to convert the rest
_arrow: list = []   # pyarrow and its compute module, once loaded (:func:`_count`)
_by_numpy = [0]   # figures numpy has converted in batches; -1 once Arrow is being loaded


def _count(figures: int) -> None:
    """Count ``figures`` converted by numpy in a batch, and once they are :data:`ARROW_AFTER`, load Arrow
    on a thread to convert those after it (:func:`_cast`): a file that large has more (a 480,000-row CSV
    has 9 million), and its load (0.1 s of CPU, 35 MB) is paid back by a million or two."""
    if _by_numpy[0] < 0:
        return
    _by_numpy[0] += figures
    if _by_numpy[0] >= ARROW_AFTER:
        _by_numpy[0] = -1
        threading.Thread(target=_load_arrow, name="load-arrow", daemon=True).start()


def _load_arrow() -> None:
    import pyarrow  # noqa: PLC0415 - loaded only once a file has many figures
    import pyarrow.compute  # noqa: PLC0415

    _arrow[:] = [pyarrow, pyarrow.compute]


def plain_figures(cells: list[str], *, percent: bool = False, pounds: bool = False) -> np.ndarray | None:
    """Each cell's figure as float64 when every one is written as a plain figure, or as a formatted
    one (``-1,234.5``, ``(1,234)``); else None. With ``percent``, every one is such a figure
    followed by a percent sign (``12.5%``, ``(3.5)%``), the figure being the number of percent; with
    ``pounds``, any may have a pound sign before its digits (``£1,234.5``, ``-£12``, ``(£479)``)."""
    if percent:
        if not all(cell.endswith("%") for cell in cells):
            return None
        cells = [cell[:-1] for cell in cells]
    count = len(cells)
    try:
        joined = "\0".join(cells)
    except TypeError:   # a cell that is no text
        return None
    if pounds and "£" in joined:
        joined = _without_pound(joined)
        if joined is None:
            return None
        cells = joined.split("\0")   # (as many as before, or refused below for a cell's own NUL)
    if not joined or not joined.isascii():
        return None
    data = joined.encode("ascii")
    if data.translate(None, _FIGURE_BYTES):
        return None
    if b"," in data or b"(" in data:
        return _formatted(joined, data, count)
    if count <= _FEW:   # (a row read alone)
        if data.count(b"\0") != count - 1 or not PLAIN_NUMBERS.fullmatch(data):
            return None
        return np.array(cells, dtype=np.float64)
    text = np.frombuffer(data, dtype=np.uint8)
    digit = (text - _ZERO) < 10   # (bytes below "0" wrap round to 246 and more)
    ends = np.flatnonzero(text == 0)
    if len(ends) != count - 1 or not _points_between_digits(text, digit):   # (a NUL in a cell)
        return None
    if _long_run(digit) and not PLAIN_NUMBERS.fullmatch(data):
        return None
    if _arrow:
        return _cast(data, ends)
    try:
        figures = np.array(cells, dtype=np.float64)
    except ValueError:   # a blank, a misplaced sign, two points
        return None
    _count(count)
    return figures


def _cast(data: bytes, ends: np.ndarray) -> np.ndarray | None:
    """The float of each cell of ``data`` (cells joined by NULs, at ``ends``) by Arrow's cast, or None
    where one is no figure."""
    pa, pc = _arrow
    offsets = np.empty(len(ends) + 2, dtype=np.int32)
    offsets[0], offsets[-1] = 0, len(data) - len(ends)
    np.subtract(ends, np.arange(len(ends)), out=offsets[1:-1])
    texts = pa.StringArray.from_buffers(len(ends) + 1, pa.py_buffer(offsets), pa.py_buffer(data.replace(b"\0", b"")))
    try:
        figures = pc.cast(texts, pa.float64())
    except pa.ArrowInvalid:
        return None
    return np.frombuffer(figures.buffers()[1], dtype=np.float64, count=len(figures)).copy()   # (to_numpy loads pandas)


def _without_pound(joined: str) -> str | None:
    """Cells joined by NULs, each without the pound sign that starts it, or follows its minus sign or
    opening bracket (where :func:`~memberpack.model.values.parse_text` reads it); a cell with none
    there is kept as it is: a figure without one (``(479)`` among ``£1,234``, as a finance system
    writes its negatives). None when a cell has a pound sign elsewhere (``£-12``, ``£(12)``, ``£``:
    no figures to it, which the test would refuse). Replaced in the joined text, not cell by cell."""
    edged = f"\0{joined}\0"
    if "\0£-" in edged or "\0£(" in edged or "\0£\0" in edged:
        return None
    return edged.replace("\0£", "\0").replace("\0-£", "\0-").replace("\0(£", "\0(")[1:-1]


def _formatted(joined: str, data: bytes, count: int) -> np.ndarray | None:
    """The figures of cells some of which are written as formatted (:data:`FORMATTED_NUMBER`), else None."""
    if data.count(b"\0") != count - 1 or not FORMATTED_NUMBERS.fullmatch(data):
        return None
    unformatted = joined.replace(",", "").replace("(", "-").replace(")", "")
    if count <= _FEW or not _arrow:
        figures = np.array(unformatted.split("\0"), dtype=np.float64)
        if count > _FEW:
            _count(count)
        return figures
    data = unformatted.encode("ascii")
    return _cast(data, np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0))


def _points_between_digits(text: np.ndarray, digit: np.ndarray) -> bool:
    point = text == _DOT
    return not (point[0] or point[-1] or (point[1:] & ~digit[:-1]).any() or (point[:-1] & ~digit[1:]).any())


def _long_run(digit: np.ndarray) -> bool:
    """Whether some run of digits is longer than :data:`_MOST_DIGITS`."""
    runs, length = digit, 1   # runs[i]: the ``length`` bytes from i are all digits
    while length <= _MOST_DIGITS:
        step = min(length, _MOST_DIGITS + 1 - length)
        runs, length = runs[:-step] & runs[step:], length + step
    return bool(runs.any())
