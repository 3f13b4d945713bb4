"""Where a table ends: blank rows before a new title or header, footnotes, or the layout's last row.

A blank row alone does not end a table (budget monitors leave one before their total); a blank
row followed by a title over a header, or by a header, does.
"""

from __future__ import annotations

import re
from typing import Any

from memberpack.importers.layout import TableLayout, blank, cell_text, cell_class, is_header_like
from memberpack.importers.stream import Peekable
from memberpack.model.values import TEXT

LOOKAHEAD = 8
_FOOTNOTE = re.compile(r"^\s*(?:\*|†|‡|notes?\b|sources?\b|eo\s*:|n\.?b\.?\b|please note|data as at|figures (?:are|as))",
                       re.IGNORECASE)


def single_text(row: list[Any]) -> str | None:
    """The text of a row with exactly one filled cell holding words (a title, heading or note)."""
    filled = [v for v in row if not blank(v)]
    if len(filled) != 1 or cell_class(filled[0]) != TEXT:
        return None
    return cell_text(filled[0])


def is_footnote(row: list[Any]) -> bool:
    text = single_text(row)
    return text is not None and (bool(_FOOTNOTE.match(text)) or len(text) > 120)


def is_title_over_header(stream: Peekable, cols: range) -> bool:
    """Whether the next rows are title rows and then a header: the start of another table."""
    saw_title = False
    for _, row in stream.ahead(LOOKAHEAD):
        if all(blank(v) for v in row):
            continue
        if single_text(row) is not None and not is_footnote(row):
            saw_title = True
            continue
        return saw_title and is_header_like(row, range(0, max(len(row), cols.stop)))
    return False


class TableEnds:
    """Classifies each row below a table's header: ``row``, ``blank``, ``footnote``, ``header`` or ``end``."""

    def __init__(self, layout: TableLayout, header_texts: list[str]) -> None:
        self.layout = layout
        self.cols = layout.col_range
        self.header_texts = header_texts
        self.blank_run = 0
        self.footnotes = False

    def verdict(self, r: int, row: list[Any], stream: Peekable) -> str:
        if self.layout.last_row is not None and r + 1 > self.layout.last_row:
            return "end"
        if all(blank(row[c]) for c in self.cols if c < len(row)):
            if any(not blank(v) for v in row):
                return "end" if self.blank_run else "blank"
            self.blank_run += 1
            return "blank"
        if is_footnote(row):
            self.footnotes = True
            return "footnote"
        after_gap = self.blank_run > 0 or self.footnotes
        self.blank_run = 0
        if self.footnotes or (after_gap and _outside(row, self.cols)):
            return "end"
        if single_text(row) is not None and is_title_over_header(stream, self.cols):
            return "end"
        if is_header_like(row, self.cols):
            texts = [cell_text(row[c]) for c in self.cols if c < len(row) and not blank(row[c])]
            if texts[1:] and all(t in " ".join(self.header_texts) for t in texts[1:]):
                return "header"
            if after_gap:
                return "end"
        return "row"


def _outside(row: list[Any], cols: range) -> bool:
    return any(not blank(v) for c, v in enumerate(row) if c < cols.start or c > cols.stop)
