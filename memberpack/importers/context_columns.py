"""Columns the first rows of a table fill with one value (taken for its context, like a council's name on every
row of a transparency file) that change further down: the ASC-FR bridging data's age group is 'Adults aged 65
and over' for its first 40 rows, then 'Adults aged 18 to 64'. Such a column identifies each row, the first ones
too, so it is made a key before any row is read: once rows were read without it, two figures (the same service,
year and category for two age groups) were told apart only by the later one's section.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from memberpack.importers.cells import column_index, column_letter
from memberpack.importers.keys import SECTION
from memberpack.importers.layout import TableLayout, blank, blank_row, cell_text
from memberpack.importers.table_reader import describes_measure


def keyed_context(layout: TableLayout, seen: dict[int, list[Any]], rows: Sequence[tuple[int, list[Any]]]) -> list[str]:
    """Make a key of every context column whose value changes in ``rows`` (the rows from the table's first data
    row on, as far as they were looked ahead, up to the table's first blank row after figures); the
    assumptions to report, one a column. A column headed as what the figures are (``indicator``, ``measure``)
    stays: its value is kept in each row's measure, the first rows' too."""
    columns = [c for c in map(column_index, layout.context_columns) if not describes_measure(
        " ".join(cell_text(seen[h - 1][c]) for h in layout.header_rows if c < len(seen.get(h - 1) or [])))]
    if not columns:
        return []
    first: dict[int, Any] = {}
    changed: dict[int, tuple[int, Any]] = {}
    figures = False
    for r, row in rows:
        if r < layout.data_start:
            continue
        if blank_row(row):
            if figures:
                break
            continue
        figures = True
        for c in columns:
            value = row[c] if c < len(row) else None
            if blank(value):
                continue
            if first.setdefault(c, value) != value and c not in changed:
                changed[c] = r, value
    if not changed:
        return []
    layout.context_columns = tuple(letter for letter in layout.context_columns if column_index(letter) not in changed)
    roles = dict(zip(layout.key_columns, layout.key_roles))
    roles.update({column_letter(c): SECTION for c in changed})
    layout.key_columns = tuple(sorted(roles, key=column_index))
    layout.key_roles = tuple(roles[letter] for letter in layout.key_columns)
    return [f"column {column_letter(c)} is {cell_text(first[c])!r} on the first rows and {cell_text(value)!r} from row "
            f"{r + 1}: a key of every row, not the table's context" for c, (r, value) in sorted(changed.items())]
