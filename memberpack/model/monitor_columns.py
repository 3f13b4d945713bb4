"""Which of a budget monitor's like columns states its full-year position.

A monitor may carry an original budget beside the revised one, and year-to-date (profiled) budget,
actual and variance columns beside the full year's budget, forecast and forecast variance. What a
councillor is told (the net forecast variance, the budget it is a share of) is the full year's, on
the revised budget.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_SUPERSEDED = re.compile(r"\b(?:original|initial)\b", re.IGNORECASE)
_PART_YEAR = re.compile(r"\b(?:ytd|year[\s-]+to[\s-]+date|to[\s-]+date|profiled?|in[\s-]+month|this\s+month)\b",
                        re.IGNORECASE)


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
