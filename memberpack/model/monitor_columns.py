"""Which of a budget monitor's like columns states its current full-year position.

A monitor may carry an original budget beside the revised one, year-to-date (profiled) budget,
actual and variance columns beside the full year's budget, forecast and forecast variance, and last
month's forecast beside this month's. What a councillor is told (the net forecast variance, the
budget it is a share of) is the full year's, on the revised budget, as forecast this month.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from memberpack.model.grid import Grid
from memberpack.model.periods import parse_period

# an original budget beside the revised one; last month's figure beside this month's
_SUPERSEDED = re.compile(r"\b(?:original|initial|(?:last|previous|prior)\s+(?:month|period|report|quarter|forecast|variance))\b",
                         re.IGNORECASE)
_PART_YEAR = re.compile(r"\b(?:ytd|year[\s-]+to[\s-]+date|to[\s-]+date|profiled?|in[\s-]+month)\b", re.IGNORECASE)


def full_year(columns: Sequence[str]) -> str | None:
    """The column of ``columns`` (headers of one kind: budgets, variances...) stating the full
    year on the revised budget: the first that is neither part of the year nor superseded, else
    the first of the full year, else the first not superseded, else the first."""
    for keep in (lambda c: not _PART_YEAR.search(c) and not _SUPERSEDED.search(c),
                 lambda c: not _PART_YEAR.search(c), lambda c: not _SUPERSEDED.search(c)):
        found = next(filter(keep, columns), None)
        if found is not None:
            return found
    return columns[0] if columns else None


def latest_first(grid: Grid, columns: Sequence[str]) -> list[str]:
    """``columns`` with those of the latest period first (``Forecast P9`` before ``Forecast P8``),
    where each has a period of its own and they differ; else as they are."""
    ends = {}
    for column in columns:
        period = parse_period(grid.column_period(column, every_row=True))
        if period is None or period.year is None:
            return list(columns)
        ends[column] = period.span()[1]
    return sorted(columns, key=lambda c: -ends[c]) if len(set(ends.values())) > 1 else list(columns)



_EARLIER = re.compile(r"\b(?:last|previous|prior)\s+(?:month|period|report|quarter)\b", re.IGNORECASE)


def earlier_of(grid: Grid, current: str, columns: Sequence[str]) -> str | None:
    """Of ``columns`` (like ``current``: variances...), the one stating last month's (or quarter's)
    figure beside ``current``: ``Last Quarter Variance`` beside ``Variance``, ``P8 Forecast
    Variance`` beside ``P9 Forecast Variance``; never a year-to-date one nor last year's. None where
    there is none."""
    others = [c for c in columns if c != current and not _PART_YEAR.search(c)]
    named = [c for c in others if _EARLIER.search(c) and _role(_EARLIER.sub(" ", c)) == _role(current)]
    if named:
        return named[0]
    others = [c for c in others if _role(c) == _role(current)]   # the same column a period before
    ends = {c: _end(grid, c) for c in [current, *others]}
    if ends[current] is None:
        return None
    before = [c for c in others if ends[c] is not None and 0 < ends[current] - ends[c] < 12]   # not last year's
    return max(before, key=lambda c: ends[c]) if before else None


_PERIOD_WORDS = re.compile(r"\b(?:(?:month|period|quarter|p|m|q)\s*\d{1,2}|(?:19|20)?\d{2}\s*[/-]\s*\d{2,4}|"
                           r"(?:19|20)\d{2})\b", re.IGNORECASE)


_ASIDE = re.compile(r"\bin[\s-]+year\b|[()\[\]:,]", re.IGNORECASE)   # "In-year Variance" is this year's "Variance (M7)"


def _role(column: str) -> str:
    """A column's header without its period words: what it is, month after month."""
    return " ".join(_ASIDE.sub(" ", _PERIOD_WORDS.sub(" ", column)).casefold().split())


def _end(grid: Grid, column: str) -> int | None:
    """The last month of the one period a column's figures are of, if they have one."""
    periods = {r.cells[column].period for r in grid.rows if column in r.cells}
    period = parse_period(periods.pop()) if len(periods) == 1 and None not in periods else None
    return period.span()[1] if period is not None and period.year is not None else None
