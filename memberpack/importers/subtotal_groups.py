"""Windows of rows cut into groups by worded sub totals, tested as a whole: the tests that tell
:func:`~.roles.assign_roles` would turn no row of a window into a total, asked of all its rows at once
(the figures as written, ``raw``, a row each, and each column's ``factors`` to base units), and what it
makes of a window whose groups no heading names (``Sub total 3`` under its lines, each group in the
section its sub total names).

The tests are generous on purpose, as :func:`~.figure_arrays.may_add_up` is: a cell within a whole unit
of its column (``steps``, half again where a number format may round it) of a sum may be it, and any
cell whose rounding step that cannot bound (zero, or written with an exponent) passes; columns
``loose`` (percentages) are not summed. Whether a sub total closes its group is told only where
sure, from bounds on what its lines' figures read as (:func:`group_bounds`). Where a row might be a
total, or a sub total's closing is not sure, the window is settled row by row."""

from __future__ import annotations

import numpy as np

from memberpack.importers.roles import group_name


def may_add_up_subtotals(sub: np.ndarray, raw: np.ndarray, above: np.ndarray, factors: np.ndarray,
                         steps: np.ndarray, loose: np.ndarray) -> bool:
    """Whether any ordinary row (``raw``) with two sub totals or more above it in its window (``above``:
    how many) might be their sum and so a total: ``sub``, the window's sub totals in base units."""
    tested = above >= 2   # assign_roles asks two at least
    if not tested.any():
        return False
    raw, count = raw[tested], above[tested][:, None]
    start = np.zeros((1, sub.shape[1]))
    sums = np.vstack([start, np.cumsum(sub, axis=0)])[count[:, 0]]
    sizes = np.vstack([start, np.cumsum(np.abs(sub), axis=0)])[count[:, 0]]
    return _near(sums, raw, factors, steps, count, sizes, loose)


def may_run_on(raw: np.ndarray, is_subtotal: np.ndarray, factors: np.ndarray, steps: np.ndarray,
               loose: np.ndarray) -> bool:
    """Whether any ordinary row after a window's first sub total might be what
    :func:`~.roles._running_totals` makes a total, where that sub total closes every row above it: the
    sum of the sub totals from it on and of the lines of its own group above it. (Rows further on than
    it looks are tested too.)"""
    first = int(np.argmax(is_subtotal))
    if not is_subtotal[first] or first < 2:
        return False   # (a first sub total under fewer than two rows starts no running total)
    n = len(raw)
    figures = raw * factors
    at = np.arange(n)
    last_sub = np.maximum.accumulate(np.where(is_subtotal, at, -1))   # the last sub total at or above
    above = np.concatenate([[-1], last_sub[:-1]])                      # ... above each row
    tested = ~is_subtotal & (at > first + 1)   # (right under the first sub total, nothing is summed yet)
    if not tested.any():
        return False
    zero = np.zeros((1, raw.shape[1]))
    subs = np.vstack([zero, np.cumsum(np.where(is_subtotal[:, None], figures, 0.0), axis=0)])
    lines = np.vstack([zero, np.cumsum(np.where(is_subtotal[:, None], 0.0, figures), axis=0)])
    sizes = np.vstack([zero, np.cumsum(np.abs(figures), axis=0)])
    rows = at[tested]
    since = above[rows] + 1   # the first line of each tested row's group
    sums = subs[rows] - subs[first] + lines[rows] - lines[since]
    subtotals = np.cumsum(is_subtotal)
    count = (subtotals[rows - 1] - subtotals[first - 1] + rows - since)[:, None]   # the rows summed
    return _near(sums, raw[rows], factors, steps, count, sizes[rows], loose)


def _near(sums: np.ndarray, raw: np.ndarray, factors: np.ndarray, steps: np.ndarray, count: np.ndarray,
          sizes: np.ndarray, loose: np.ndarray) -> bool:
    """Whether any row of ``raw`` might be its ``sums`` of ``count`` rows in every column (``sizes``: the
    sizes summed, for the float error of summing)."""
    slack = steps * (count + 1) / 2 + 1e-6 + 1e-9 * sizes
    size = np.abs(raw)
    near = (np.abs(sums - raw * factors) <= slack) | (size < 1e-4) | (size >= 1e16) | loose
    return bool(near.all(axis=1).any())


def closed_groups(is_subtotal: np.ndarray) -> list[tuple[int, int]]:
    """(first line, sub total) of each group a window's sub totals close: the rows since the sub total
    above, or the window's start, one at least."""
    found, start = [], 0
    for at in np.flatnonzero(is_subtotal).tolist():
        if at > start:
            found.append((start, at))
        start = at + 1
    return found


def names_apart(labels: list[str]) -> list[str] | None:
    """The sections the sub totals ``labels`` name the groups they close (:func:`~.roles.group_name`),
    when no two are the same (the running totals take the first one's name from the rows after it);
    else None."""
    names = [group_name(label) for label in labels]
    return names if len(set(names)) == len(names) else None


def group_bounds(figures: np.ndarray, groups: list[tuple[int, int]]) -> tuple[np.ndarray, ...]:
    """For each group (:func:`closed_groups`) and column of ``figures`` (in base units as written):
    its lines' positive figures together, the largest, the smallest, and how far those may be from
    the figures as read (each out by the half millionth :func:`~.values.clean_number` rounds it to,
    their sum by the float error of summing)."""
    lines = np.concatenate([np.arange(start, at) for start, at in groups])
    cut = np.cumsum([0] + [at - start for start, at in groups])[:-1]   # where each group starts in ``lines``
    grouped = figures[lines]
    counts = np.array([at - start for start, at in groups], dtype=np.float64)[:, None]
    err = 1e-6 * (counts + 1) + 1e-9 * np.add.reduceat(np.abs(grouped), cut, axis=0)
    return (np.add.reduceat(np.maximum(grouped, 0.0), cut, axis=0), np.maximum.reduceat(grouped, cut, axis=0),
            np.minimum.reduceat(grouped, cut, axis=0), err)


def adds_up_some(value, step, positive, largest, smallest, err):
    """Whether a sub total's figure ``value`` (in base units, ``step`` as
    :meth:`~.roles._Sums.add_up_none` allows it) surely is no more than its lines' ``positive`` figures
    together, nor less than the ``largest`` unless the ``smallest`` is negative (:func:`group_bounds`):
    then it may add up some of them, and closes them. Asked of arrays too, cell by cell."""
    return (value <= positive - err + step) & ((smallest < -err) | (value >= largest + err - step))


def adds_up_none(value, step, positive, largest, smallest, err):
    """Whether a sub total's figure surely is more than its lines' ``positive`` figures together or,
    none of them negative, less than the ``largest`` (as :func:`adds_up_some` asks): it adds up none
    of them in that column."""
    return (value > positive + err + step) | ((smallest >= err) & (value < largest - err - step))
