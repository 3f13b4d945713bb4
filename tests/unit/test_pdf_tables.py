"""Where long tables break: never one row alone at the foot of a page or the head of the next."""

from __future__ import annotations

from memberpack.export.pdf_styles import FRAME_WIDTH
from memberpack.export.pdf_tables import list_table


def _table(rows: int):
    table = list_table(["Service", "Budget"], [[f"Service {i}", f"{i}.0"] for i in range(rows)], [0.7, 0.3], (1,))
    table.wrap(FRAME_WIDTH, 10_000)
    return table, table._rowHeights


def _rows(part) -> int:
    return len(part._cellvalues) - 1  # without the repeated header


def test_a_table_that_would_leave_one_row_starts_on_the_next_page():
    table, heights = _table(10)
    assert table.split(FRAME_WIDTH, sum(heights[:2]) + 1) == []
    first, rest = table.split(FRAME_WIDTH, sum(heights[:3]) + 1)
    assert (_rows(first), _rows(rest)) == (2, 8)


def test_a_table_never_carries_one_row_over():
    table, heights = _table(10)
    first, rest = table.split(FRAME_WIDTH, sum(heights[:10]) + 1)  # room for the header and nine rows
    assert (_rows(first), _rows(rest)) == (8, 2)
    assert rest._cellvalues[0][0] == "Service"  # the header repeats above the rows that moved
