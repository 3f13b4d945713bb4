"""Where a table ends: blank rows before a new title or header, footnotes, or the layout's last row.

A blank row alone does not end a table (budget monitors leave one before their total); a blank
row followed by a title over a header, or by a header, does.
"""

from __future__ import annotations

import re
from typing import Any

from memberpack.importers.headers import is_period_row, is_series_row, is_year
from memberpack.importers.keys import LINE_CODE
from memberpack.importers.layout import (
    SCALE_CELL, TableLayout, blank, blank_row, cell_text, cell_class, is_header_like, is_units_row)
from memberpack.importers.stream import Peekable
from memberpack.importers.table_notes import is_note_line
from memberpack.model.values import TEXT

LOOKAHEAD = 8
_FOOTNOTE = re.compile(r"^\s*(?:\*|†|‡|notes?\b|sources?\b|eo\s*:|n\.?b\.?\b|please note|data as at|figures (?:are|as))",
                       re.IGNORECASE)


def single_text(row: list[Any]) -> str | None:
    """The text of a row with exactly one filled cell holding words (a title, heading or note)."""
    filled = _filled(row)
    if len(filled) != 1 or cell_class(filled[0]) != TEXT:
        return None
    return cell_text(filled[0])


def _filled(row: list[Any]) -> list[Any]:
    """The cells of a row that are not blank; in a row with one cell that is not None or "" (a
    heading), found without testing each cell."""
    if len(row) - row.count(None) - row.count("") == 1:
        lone = next(filter(None, row), None)   # (None when that cell is 0 or False)
        if lone is not None:
            return [] if blank(lone) else [lone]
    return [v for v in row if not blank(v)]


def title_and_scale(row: list[Any]) -> tuple[str | None, str | None]:
    """A title with the table's scale stated apart, at the far right of its row (``Persons aged 16
    years and over ... Thousands``, ``Investments ... £ million``): the title's text and the scale's."""
    title, scale = _far_apart(row)
    return (title, scale) if scale is not None and SCALE_CELL.fullmatch(scale) else (None, None)


def title_and_far_note(row: list[Any]) -> tuple[str | None, str | None]:
    """A title with a note on the statistics at the far right of its row (``Net current expenditure (£
    thousand) ... Previously published as 'Experimental Statistics'``): the title's text and the note's."""
    title, note = _far_apart(row)
    return (title, note) if note is not None and is_note_line(note) else (None, None)


def _far_apart(row: list[Any]) -> tuple[str | None, str | None]:
    """The texts of a row's only two filled cells, when both are words, three columns apart at least."""
    filled = []
    for c, v in enumerate(row):
        if not blank(v):
            filled.append((c, v))
            if len(filled) > 2:
                return None, None
    if len(filled) != 2 or filled[1][0] - filled[0][0] < 3 or any(cell_class(v) != TEXT for _, v in filled):
        return None, None
    return cell_text(filled[0][1]), cell_text(filled[1][1])


def numbered_title(row: list[Any]) -> str | None:
    """A title after its table's number in the cell before it (``1 | Overseas residents' visits to the
    UK by month``), as ONS sheets write them: the title with its number."""
    filled = []
    for c, v in enumerate(row):
        if not blank(v):
            filled.append((c, v))
            if len(filled) > 2:
                return None
    if len(filled) != 2 or filled[1][0] != filled[0][0] + 1 or cell_class(filled[1][1]) != TEXT:
        return None
    number, text = filled[0][1], cell_text(filled[1][1])
    if isinstance(number, bool) or not isinstance(number, (int, float)) or not float(number).is_integer() \
            or not 0 < number < 100 or len(text.split()) < 3:
        return None
    return f"{int(number)} {text}"


# A table's own numbered title ("Table 1: Key stage 1 ...", "Figure 3"), however long: never a note.
NUMBERED_TITLE = re.compile(r"\s*(?:table|figure|chart|annex)\s*[A-Z]{0,3}\d", re.IGNORECASE)


def is_footnote(row: list[Any]) -> bool:
    text = single_text(row)
    return text is not None and (bool(_FOOTNOTE.match(text)) or len(text) > 120 and not NUMBERED_TITLE.match(text))


def is_title_over_header(stream: Peekable, cols: range, label_col: int | None = None) -> bool:
    """Whether the next rows are title rows and then a header: the start of another table. A lone
    header over the figure columns (``£ 000`` or ``2018`` right of the names, under ``Capital
    items``) is one; words only in the names' columns (``A: | SERVICE STRATEGY``, a section's code and
    name under a heading) are none."""
    saw_title = titled = False   # titled: a title over the names, not a header over the figures
    for _, row in stream.ahead(LOOKAHEAD):
        if blank_row(row):
            continue
        if titled and _lone_header(row, label_col):
            return True
        if single_text(row) is not None and not is_footnote(row) or title_and_scale(row)[0] is not None:
            saw_title = True
            titled = titled or (label_col is not None and not _lone_header(row, label_col))
            continue
        span = range(0, max(len(row), cols.stop))
        return saw_title and (is_header_like(row, span) or is_period_row(row, span, cell_class)) and not (
            label_col is not None and coded_section(row, label_col))
    return False


def coded_section(row: list[Any], label_col: int) -> bool:
    """Whether ``row`` is a return's section line: its code left of the names (``B:``, ``A1``) and its
    name in the names' column, nothing else (``B: | OLDER PEOPLE (AGED 65 OR OVER) ...``)."""
    filled = [c for c, v in enumerate(row) if not blank(v)]
    if len(filled) != 2 or filled[1] != label_col or not isinstance(code := row[filled[0]], str):
        return False
    code = code.strip()
    return LINE_CODE.fullmatch(code) is not None and (code.endswith(":") or any(ch.isdigit() for ch in code))


class TableEnds:
    """Classifies each row below a table's header: ``row``, ``blank``, ``footnote``, ``header`` or ``end``."""

    def __init__(self, layout: TableLayout, header_row: list[Any] | None) -> None:
        self.layout = layout
        self.cols = layout.col_range
        self.header_row = None if header_row is None else tuple(
            cell_text(header_row[c]) if c < len(header_row) else "" for c in self.cols)
        self.label_col = layout.label_col
        self.header_label = header_row[self.label_col] if header_row and self.label_col < len(header_row) else None
        self.blank_run = 0
        self.footnotes = False

    def verdict(self, r: int, row: list[Any], stream: Peekable) -> str:
        if self.layout.last_row is not None and r + 1 > self.layout.last_row:
            return "end"
        if not (self.blank_run or self.footnotes) and _two_filled(row):
            label = row[self.label_col] if self.label_col < len(row) else None
            if not blank(label) and (self.header_label is None or label != self.header_label) and not (
                    title_and_scale(row)[0] is not None and is_title_over_header(stream, self.cols, self.label_col)):
                return "row"  # the common case, decided without reading every cell
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
        if self.footnotes or (after_gap and _outside(row, self.cols) and not self._named_figures(row)):
            return "end"
        if (single_text(row) is not None or title_and_scale(row)[0] is not None) and \
                is_title_over_header(stream, self.cols, self.label_col):
            return "end"
        if self.header_row and tuple(cell_text(row[c]) if c < len(row) else "" for c in self.cols) == self.header_row:
            return "header"
        if self.series_heading(row):
            return "row"
        if after_gap and (is_header_like(row, self.cols) or is_period_row(row, self.cols, cell_class)) \
                and not coded_section(row, self.label_col):
            return "end"
        if _years_over_header(row, self.label_col, self.cols, stream):
            return "end"
        return "row"

    def _named_figures(self, row: list[Any]) -> bool:
        """Whether ``row`` is a whole line of this table: a name in its label column and figures in
        most of its columns right of it (working cells further right, ``Q16 | 16 | Q`` on every line
        of a return, start no other table)."""
        label = self.label_col
        right = range(label + 1, self.cols.stop)
        if any(not blank(v) for v in row[:self.cols.start]):
            return False   # (cells left of the table: the start of a wider one)
        return label < len(row) and cell_class(row[label]) == TEXT and len(right) >= 2 and sum(
            cell_class(row[c]) == "number" for c in right if c < len(row)) * 2 > len(right)

    def heading_over_figures(self, row: list[Any]) -> bool:
        """Whether :meth:`verdict` calls ``row`` a row, for a row that is no footnote (its caller
        has asked) and whose only words are its label when the row under it holds a figure that is
        no year: that row is then neither a header nor a period row, so no title over another table
        starts here, and nothing further need be read."""
        if self.layout.last_row is not None or self.blank_run or self.footnotes:
            return False
        header = self.header_row
        if not header or cell_text(row[self.label_col]) != header[self.label_col - self.cols.start]:
            return True
        return tuple(cell_text(row[c]) if c < len(row) else "" for c in self.cols) != header

    def series_heading(self, row: list[Any]) -> bool:
        """A section's name with its columns' series codes beside it (``Male | MGSM | MGSG ...``):
        a heading inside the table, not a header of another."""
        label = row[self.label_col] if self.label_col < len(row) else None
        return cell_class(label) == TEXT and is_series_row(
            [row[c] for c in self.cols if c != self.label_col and c < len(row)], cell_class)


def _lone_header(row: list[Any], label_col: int) -> bool:
    """One cell right of the names, words or a year: a header over a column of figures."""
    filled = [(c, v) for c, v in enumerate(row) if not blank(v)]
    return len(filled) == 1 and filled[0][0] > label_col and (cell_class(filled[0][1]) == TEXT or is_year(filled[0][1]))


def _years_over_header(row: list[Any], label_col: int, cols: range, stream: Peekable) -> bool:
    """Whether ``row`` is the top of another table's header run on without a blank row, as in
    accounts converted from PDF: years over the figure columns (no name), then rows of units and
    names (``£``, ``Gross Expenditure | Income``)."""
    filled = [row[c] for c in cols if c < len(row) and not blank(row[c])]
    if len(filled) < 2 or not all(map(is_year, filled)) or (label_col < len(row) and not blank(row[label_col])):
        return False
    for _, below in stream.ahead(LOOKAHEAD)[1:]:
        if all(blank(v) for v in below):
            return False
        if not is_units_row(below, cols):
            return is_header_like(below, cols)
    return False


def _two_filled(row: list[Any]) -> bool:
    filled = 0
    for value in row:
        if value is not None and value != "" and (type(value) is not str or value.strip()):
            filled += 1
            if filled == 2:
                return True
    return False


def _outside(row: list[Any], cols: range) -> bool:
    return any(not blank(v) for c, v in enumerate(row) if c < cols.start or c > cols.stop)
