"""Tables set side by side on the rows of one label column, each titled over its own columns.

DLUHC's council taxbase data sheets hold up to 32 tables next to each other, a blank column between
them, each titled in the row over its header (``Table 1.02. Number of dwellings on valuation list
exempt ...`` over ``Band A .. Total``), the authorities' codes and names only at the left. Read as one,
such a sheet is a table of 300 columns; each block is a table of its own, on the shared label and key
columns. A budget monitor's spacer column (``Budget | Forecast | | Variance``) divides no table: its
groups are not each titled, nor most of them numbered tables (``Table 1.02``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from memberpack.importers.cells import column_index, column_letter
from memberpack.importers.layout import blank, cell_text
from memberpack.importers.table_ends import NUMBERED_TITLE
from memberpack.importers.table_layout import TableLayout

_TITLE_WORDS = 3   # a block's title is a line of words, not a group name ("Variance")


def titled_blocks(layout: TableLayout, rows: dict[int, list[Any]]) -> list[TableLayout]:
    """The layouts of the titled blocks of ``layout`` (one each, all on its label and key columns),
    or ``[layout]`` when its columns are not such blocks. ``rows``: the header and first rows by
    0-based index."""
    if len(layout.header_rows) < 2:
        return [layout]
    top, *lower = [rows.get(h - 1) or [] for h in layout.header_rows]
    data = [row for r, row in rows.items() if r >= layout.data_start]
    shared = layout.label_col + 1
    if any(column_index(k) >= shared for k in layout.key_columns):
        return [layout]
    blocks = _blocks(range(shared, layout.col_range.stop), [top, *lower, *data])
    if len(blocks) < 2:
        return [layout]
    titles = [_title(top, block) for block in blocks]
    if not all(titles):
        return [layout]
    if sum(bool(NUMBERED_TITLE.match(t)) for t in titles) * 2 <= len(titles):   # most numbered (one 'Tabel 1.28.')
        return [layout]
    bands = []
    for block in blocks:
        skipped = [column_letter(c) for c in range(shared, block.start)]
        bands.append(replace(layout, last_column=column_letter(block.stop - 1), title=_title(top, block),
                             ignored_columns=(*layout.ignored_columns, *skipped)))
    return bands


def _blocks(span: range, rows: list[list[Any]]) -> list[range]:
    """The runs of columns of ``span`` with a filled cell in ``rows``, split at wholly blank columns."""
    filled = [any(c < len(row) and not blank(row[c]) for row in rows) for c in span]
    blocks, start = [], None
    for c, full in zip(span, filled):
        if full and start is None:
            start = c
        elif not full and start is not None:
            blocks.append(range(start, c))
            start = None
    if start is not None:
        blocks.append(range(start, span.stop))
    return blocks


def _title(top: list[Any], block: range) -> str:
    """The one text over ``block`` in the header's top row, when it reads as a title; else ""."""
    texts = [cell_text(top[c]).strip() for c in block if c < len(top) and not blank(top[c])]
    if len(texts) != 1 or (len(texts[0].split()) < _TITLE_WORDS and not NUMBERED_TITLE.match(texts[0])):
        return ""
    return " ".join(texts[0].split())
