"""Which columns of a table are balances (a reserves statement's opening and closing balances,
``b/f`` and ``c/f``), the opening first, so the briefing can tell a balance below nothing and a
reserve drawn down however the columns are headed: ``Opening balance``, ``Opening £``, ``1 April
2023 £``, ``Position at 31 March 2024``."""

from __future__ import annotations

import re

from memberpack.model.grid import Grid
from memberpack.model.observation import Dataset
from memberpack.model.periods import parse_period
from memberpack.model.units import GBP

RESERVES = re.compile(r"\breserves?\b", re.IGNORECASE)
_BALANCE = re.compile(r"\bbalances?\b|\bb/f\b|\bc/f\b|brought\s+forward|carr(?:y|ied)[\s-]*forward|"
                      r"\bopening\b|\bclosing\b", re.IGNORECASE)
_MOVEMENT = re.compile(r"\bvariance|\bmovement|\bchange|\bcontribution|\bdraw|\buse\b|\bused\b|\btransfer|"
                       r"\bapplied\b|\baddition", re.IGNORECASE)
_OPENING = re.compile(r"\bopening\b|\bb/f\b|brought\s+forward", re.IGNORECASE)
_CLOSING = re.compile(r"\bclosing\b|\bc/f\b|carr(?:y|ied)[\s-]*forward", re.IGNORECASE)


def is_reserves(ds: Dataset, grid: Grid) -> bool:
    """A table of reserves: so named, or most of its lines are reserves (``General Fund reserve``)."""
    lines = [r.label for r in grid.rows]
    return bool(RESERVES.search(ds.name)) or 2 * sum(bool(RESERVES.search(label)) for label in lines) > len(lines)


def balance_columns(ds: Dataset, grid: Grid) -> list[str]:
    """The money columns that are balances, the opening first and the closing last: those headed as
    balances, and in a table of reserves those headed by a date alone; never a movement (``Use``,
    ``Drawdown``). Dated columns go by date, else ``Opening``/``b/f`` before the others and
    ``Closing``/``c/f`` after, else as they stand."""
    reserves = is_reserves(ds, grid)
    columns = [m for m in grid.measures if not _MOVEMENT.search(m)
               and (_BALANCE.search(m) or reserves and parse_period(m) is not None)
               and any(r.cells[m].unit == GBP for r in grid.rows if m in r.cells)]
    dates = [parse_period(m) or parse_period(grid.column_period(m) or "") for m in columns]   # or its header's
    if all(d is not None and d.year is not None for d in dates) and len({d.span() for d in dates}) == len(dates):
        return [m for _, m in sorted(zip((d.span() for d in dates), columns))]
    return sorted(columns, key=lambda m: 0 if _OPENING.search(m) else 2 if _CLOSING.search(m) else 1)


def opening_and_closing(first: str, last: str) -> bool:
    """Whether two balance columns are a year's opening and closing balances as their headings say
    (``Opening balance`` and ``Closing balance``, ``b/f`` and ``c/f``), not two dates of a series."""
    return bool(_OPENING.search(first) and _CLOSING.search(last))
