"""Cells as float64 arrays (rows, columns, a CSV's texts read by Arrow) and the vectorised tests on
them: a True or False among numbers, rows that may add up to a sub total."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from itertools import chain
from operator import getitem
from typing import Any

import numpy as np

from memberpack.importers.plain_numbers import PLAIN_NUMBERS, plain_figures
from memberpack.importers.plain_row import written_as_text
from memberpack.model.blocks import Texts


FEWEST_BATCH_ROWS = 16    # a batch that is not plain is tried again in halves down to this
_ALONE = 2   # columns tested alone for a row that may be a sum (:func:`may_add_up`)


def written_figures(texts: Texts) -> np.ndarray | None:
    """A column's cells written as text (a CSV's, read column-wise) as float64, when :func:`plain_figures`
    of a batch of them would read every one as a plain figure (``-12.5``); else None.

    Among cells of digits, minus signs and points only, Arrow's cast refuses all that :data:`PLAIN_NUMBERS`
    does (``1..2``, ``5-3``, ``-``) but a point at either end of a number (``.5``, ``-.5``, ``5.``):
    those are looked for where the cells start and end, not in every byte."""
    data, offsets = texts.data, texts.offsets
    if not len(texts) or data.translate(None, _PLAIN_BYTES):
        return None
    lengths = np.diff(offsets)
    if not lengths.all():
        return None
    text = np.frombuffer(data, dtype=np.uint8)
    starts, ends = offsets[:-1], offsets[1:] - 1
    first = text[starts]
    if (first == _POINT).any() or (text[ends] == _POINT).any() or \
            ((first == _MINUS) & (text[np.minimum(starts + 1, ends)] == _POINT)).any():
        return None
    if int(lengths.max()) > _MOST_DIGITS and _long_run(text, (text - _ZERO) < 10, starts) and \
            not PLAIN_NUMBERS.fullmatch("\0".join(texts.tolist()).encode("ascii")):
        return None
    import pyarrow as pa  # noqa: PLC0415 - loaded for a CSV read column-wise
    import pyarrow.compute as pc  # noqa: PLC0415

    cells = pa.StringArray.from_buffers(len(texts), pa.py_buffer(np.ascontiguousarray(offsets, dtype=np.int32)),
                                        pa.py_buffer(data))
    try:
        figures = pc.cast(cells, pa.float64())
    except pa.ArrowInvalid:
        return None
    return np.frombuffer(figures.buffers()[1], dtype=np.float64, count=len(figures))   # (to_numpy loads pandas)


def _long_run(text: np.ndarray, digit: np.ndarray, starts: np.ndarray) -> bool:
    """Whether cells (``text``, each from ``starts``) have a run of more than :data:`_MOST_DIGITS` digits."""
    at = np.arange(len(text))
    breaks = np.where(digit, -1, at)
    breaks[starts] = np.maximum(breaks[starts], starts - 1)   # a run of digits ends with its cell
    return int((at - np.maximum.accumulate(breaks)).max()) > _MOST_DIGITS


_PLAIN_BYTES = b"0123456789-."   # what a plain figure is written with
_ZERO, _POINT, _MINUS, _MOST_DIGITS = ord("0"), ord("."), ord("-"), 10   # (as plain_numbers tests a run of digits)
EXACT = 2 ** 53   # integers a float64 holds exactly
DATE_KINDS = {datetime, date}                    # a date cell: a text (read_value)
_DATED = DATE_KINDS | {type(None)}


def dates_as_days(cells: Sequence[Any]) -> Sequence[Any]:
    """A column of dates (and blanks) with each date and time as its day, which is all
    :func:`read_value` shows of it (a case list's times: each day is then read once); other
    columns as they are."""
    if not set(map(type, cells)) <= _DATED:
        return cells
    day = date.fromordinal
    return [None if v is None else day(v.toordinal()) for v in cells]


def holds_date(values: list[Any]) -> bool:
    """Whether a row's values hold a date."""
    return any(type(v) in DATE_KINDS for v in values)


def as_figures(values: list[list[Any]]) -> np.ndarray | list[list[float]] | None:
    """Rows of values as float64, when every value is a number, or every one is text that is a
    plain number (``-12.5``, as a CSV holds figures); else None."""
    if written_as_text(values[0]):
        figures = plain_figures(list(chain.from_iterable(values)))
        return None if figures is None else figures.reshape(len(values), -1)
    if len(values) == 1 and all(type(v) is float or (type(v) is int and -EXACT < v < EXACT) for v in values[0]):
        return [[float(v) for v in values[0]]]   # one row (TableReader._plain): quicker than numpy, the same floats
    if len(values) <= FEWEST_BATCH_ROWS and all(type(v) is float or (type(v) is int and -EXACT < v < EXACT)
                                                for row in values for v in row):
        return np.array(values, dtype=np.float64)   # a few rows (between gaps): told without looking for bools
    if not all(type(v) is float or type(v) is int for v in values[0]):
        return None   # a text in the first row: numpy would build an array of texts only to find it
    figures = np.array(values)   # float64 (or int64) only when every value is a number, or a bool: looked for below
    if figures.dtype.kind not in "fi" or any_bool(figures, values):
        return None
    return figures.astype(np.float64, copy=False)


def columns_as_figures(columns: list[tuple]) -> np.ndarray | list[list[float]] | None:
    """Columns of values as :func:`as_figures` makes their rows: float64, row by row, when every
    value is a number; else None. (A batch's columns are made into an array faster than its rows.)"""
    if len(columns[0]) == 1:
        return as_figures([[column[0] for column in columns]])
    if not all(type(column[0]) is float or type(column[0]) is int for column in columns):
        return None
    figures = np.array(columns)
    if figures.dtype.kind not in "fi" or any_bool(figures, columns):
        return None
    return np.ascontiguousarray(figures.T, dtype=np.float64)


def any_bool(figures: np.ndarray, values: list[Sequence[Any]]) -> bool:
    """Whether a True or False hides among figures numpy read as numbers (they become 1 and 0),
    ``figures`` holding ``values`` (rows, or columns) in its rows."""
    at = np.flatnonzero((figures == 0) | (figures == 1))   # only those cells may be one
    if not len(at):
        return False
    rows, cols = divmod(at, figures.shape[1])   # (np.nonzero of the 2-D flags takes ten times as long)
    return bool in set(map(type, map(getitem, map(values.__getitem__, rows.tolist()), cols.tolist())))


def may_add_up(raw: np.ndarray, factors: np.ndarray, steps: np.ndarray, starts: np.ndarray,
               loose: np.ndarray) -> bool:
    """Whether any row with two rows or more above it in its run of one section (``starts``: the
    first row of each row's run) might be the sum of those rows, as :meth:`roles._Sums.matched_by`
    tests, in every column but the ``loose`` ones (percentages, not summed). Generous on purpose: a
    cell's rounding step is bounded by ``steps``, a whole unit of its column (no shown decimals; half
    as much again where a number format may round what is shown), and a cell whose step that cannot
    bound (zero, or written with an exponent) always passes. The first two columns are tested alone
    first: they rule out nearly every row, and the others are tested only in the rows they leave."""
    at = np.flatnonzero(np.arange(len(raw)) - starts >= 2)
    for j in range(min(_ALONE, raw.shape[1])):
        if len(at) and not loose[j]:
            at = at[close_to_sum(raw[:, j:j + 1], factors[j:j + 1], steps[j:j + 1], starts, at)[:, 0]]
    return bool(len(at)) and bool((close_to_sum(raw, factors, steps, starts, at) | loose).all(axis=1).any())


def close_to_sum(raw: np.ndarray, factors: np.ndarray, steps: np.ndarray, starts: np.ndarray,
                 at: np.ndarray) -> np.ndarray:
    """For each row ``at``, whether each cell might be the sum of the cells above it in its run (summed
    down to the last of them, no further)."""
    last = int(at.max()) + 1 if len(at) else 0
    figures = raw[:last] * factors
    running = np.zeros((last + 1, raw.shape[1]))
    np.cumsum(figures, axis=0, out=running[1:])
    own = figures[at]
    above = running[at + 1] - own - running[starts[at]]
    rows = (at - starts[at]).astype(np.float64)[:, None]
    slack = steps * (rows + 1) / 2 + 1e-6 + 1e-9 * np.cumsum(np.abs(figures), axis=0)[at]
    size = np.abs(raw[at])
    return (np.abs(above - own) <= slack) | (size < 1e-4) | (size >= 1e16)
