"""A list of names running down beside a sheet's tables, set aside before the tables are found.

DCLG's capital outturn workbooks (COR4) keep the list their local authority drop-down picks from in
column K of the drop-down sheet ("England", "North East", ... 459 names), from the row above the
third table down past the last: its names stood beside each table's title ("B. RESOURCES USED TO
FINANCE CAPITAL EXPENDITURE IN 2007-08 ... North East"), so no title was a row of one text, every
table from there on was untitled and widened to the list's column. Such a list starts on a row of
its own, is at least :data:`RUN` rows of short, distinct names, nothing right of it and :data:`GAP`
blank columns at least between it and the tables beside it; it holds no figure, so nothing is lost
in leaving it out, and the report says which cells were.
"""

from __future__ import annotations

from typing import Any

from memberpack.importers.cells import column_letter
from memberpack.importers.layout import blank, cell_class
from memberpack.importers.stream import Item
from memberpack.model.values import TEXT

RUN = 20        # rows of names a list runs at least
GAP = 3         # blank columns at least between the list and the tables beside it
_LONGEST = 80   # characters of a name: a longer text is a comment, not a list's entry


class ListColumn:
    """The list found in one column: :meth:`strip` blanks its cells, row by row, while the list runs."""

    def __init__(self, column: int) -> None:
        self.column = column
        self.rows: list[int] = []   # (0-based) the rows whose name was left out
        self._running = True

    def strip(self, item: Item) -> Item:
        r, row = item
        if self._running and _listed(row, self.column):
            self.rows.append(r)
            return r, [*row[:self.column], None, *row[self.column + 1:]]
        self._running = False
        return item

    def note(self, sheet: str) -> str:
        letter = column_letter(self.column)
        return (f"sheet {sheet!r}: cells {letter}{self.rows[0] + 1}:{letter}{self.rows[-1] + 1} not read: a list of "
                f"{len(self.rows):,} names beside the tables, with no figures (as a drop-down's list of choices)")


def list_column(row: list[Any], ahead: list[Item]) -> ListColumn | None:
    """The list starting on ``row`` (its one filled cell), where ``ahead`` (the rows from it on) holds one."""
    filled = [c for c, v in enumerate(row) if not blank(v)]
    if len(filled) != 1 or filled[0] < GAP or len(ahead) < RUN:
        return None
    column, first = filled[0], ahead[0][0]
    run = ahead[:RUN]
    if any(r != first + i or not _listed(values, column) for i, (r, values) in enumerate(run)):
        return None
    names = [values[column] for _, values in run]
    beside = any(not blank(v) for _, values in run for v in values[:column - GAP])
    return ListColumn(column) if beside and len(set(names)) == len(names) else None


def _listed(row: list[Any], column: int) -> bool:
    """Whether ``row`` holds a name in ``column``, nothing right of it and blank columns before it."""
    if len(row) <= column:
        return False
    value = row[column]
    return isinstance(value, str) and len(value) <= _LONGEST and cell_class(value) == TEXT \
        and all(blank(v) for v in row[column - GAP:column]) and all(blank(v) for v in row[column + 1:])
