"""Figures written as text (a CSV's), checked and converted a whole batch of cells at a time.

A cell is a plain figure when it is written as :data:`PLAIN_NUMBER` says (``-12.5``), and it is then
``float(cell)``. Testing every cell of a batch with that pattern (:data:`PLAIN_NUMBERS`, over the
cells joined) took twice as long as converting them. ``float`` already refuses most of what the
pattern does (``1,500``, ``1-2``, ``1.2.3``, blanks), so only what it would read and the pattern
would not is tested first, with a few array operations: a byte that is no digit, sign or point
(``1e5``, ``+5``, `` 12``, ``nan``), a point without a digit on each side (``.5``, ``5.``), and,
in a batch whose longest cell could hold them, too many digits (left to the pattern).
"""

from __future__ import annotations

import re

import numpy as np

PLAIN_NUMBER = re.compile(r"-?\d{1,15}(?:\.\d{1,10})?")
# joined by NUL, as ASCII bytes: a quarter quicker than the same test of the text (whose \d would
# take other scripts' digits too; such figures are read cell by cell, alike)
PLAIN_NUMBERS = re.compile(rf"(?:{PLAIN_NUMBER.pattern}\0)*{PLAIN_NUMBER.pattern}".encode())
# the longest cell that cannot hold more digits than PLAIN_NUMBER allows: 11 decimals take 13 bytes
_SHORT = 12
_FIGURE_BYTES = b"0123456789-.\0"
_DOT = ord(".")


def plain_figures(cells: list[str]) -> np.ndarray | None:
    """``float`` of each cell as float64 when every one is written as a plain figure; else None."""
    try:
        joined = "\0".join(cells)
    except TypeError:   # a cell that is no text
        return None
    if not joined.isascii():
        return None
    data = joined.encode("ascii")
    if data.translate(None, _FIGURE_BYTES):
        return None
    text = np.frombuffer(data, dtype=np.uint8)
    cuts = np.flatnonzero(text == 0)
    if len(cuts) != len(cells) - 1 or not _points_between_digits(text):   # (or a NUL inside a cell)
        return None
    if _longest(cuts, len(text)) > _SHORT and not PLAIN_NUMBERS.fullmatch(data):
        return None
    try:
        return np.array(cells, dtype=np.float64)
    except ValueError:   # a blank, a misplaced sign, two points
        return None


def _points_between_digits(text: np.ndarray) -> bool:
    points = np.flatnonzero(text == _DOT)
    if not len(points):
        return True
    if points[0] == 0 or points[-1] == len(text) - 1:
        return False
    around = np.concatenate((text[points - 1], text[points + 1]))
    return bool(((around >= ord("0")) & (around <= ord("9"))).all())


def _longest(cuts: np.ndarray, size: int) -> int:
    """The length of the longest of the cells that NUL bytes at ``cuts`` separate in ``size`` bytes."""
    if not len(cuts):
        return size
    return int(max(np.diff(cuts).max(initial=0) - 1, cuts[0], size - 1 - cuts[-1]))
