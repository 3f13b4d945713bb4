"""Where a table is on its sheet: title, header rows, units row, label column, unit and kind.

:class:`TableLayout` is what the finder assumed for one table. The import report shows it, the
pack remembers it for the next return of the same shape, and the import wizard edits it and
passes it back to :func:`memberpack.importers.engine.read_file` as an override.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from memberpack.importers.cells import column_index, column_letter
from memberpack.importers.headers import (
    MAX_HEADER_ROWS, column_codes, is_period_row, is_token_row, is_year, looks_like_data, whole_number)
from memberpack.importers.keys import AREA, PERIOD, SECTION, column_kind, each_row, find_keys
from memberpack.importers.plain_numbers import PLAIN_NUMBER
from memberpack.importers.table_layout import (  # noqa: F401 - the finder's users import them from here
    Corrections, TableLayout, as_heading, shape_key, strip_periods)
from memberpack.model.periods import parse_period
from memberpack.model.short_text import shortened
from memberpack.model.units import NUMBER, Unit, find_unit
from memberpack.model.values import BLANK, TEXT, parse_text

HEAD_ROWS = 40           # rows looked at to find the header, units row and label column
ZONE_ROWS = 9            # how far down the first data row is looked for, under the first header row


def key_roles(layout: TableLayout, seen: dict[int, list[Any]]) -> tuple[str, ...]:
    """The role of each key column the officer named (area, period or section), from its cells."""
    sample = [row for r, row in sorted(seen.items()) if r >= layout.data_start]
    return tuple(_key_role(column_index(k), sample) for k in layout.key_columns)


def _key_role(c: int, sample: list[list[Any]]) -> str:
    kind = column_kind("", [row[c] if c < len(row) else None for row in sample])
    return kind if kind in (AREA, PERIOD) else SECTION


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def blank_row(row: list[Any]) -> bool:
    """Whether every cell of a row is blank (told at once for a row of empty cells)."""
    return row.count(None) == len(row) or all(map(blank, row))


def cell_text(value: Any) -> str:
    """A header or label cell as text: years stay ``2019``, dates become ``Sep 2023``, or ``3 Apr 2020``
    when within a month (a week's end: four weeks of April had all been ``Apr 2020``)."""
    if type(value) is str:   # (most cells asked)
        return " ".join(value.split())
    if isinstance(value, (datetime, date)):
        if value.day == 1 or (value + timedelta(days=1)).day == 1:   # a month's first or last day: the month
            return value.strftime("%b %Y")
        return f"{value.day} {value:%b %Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split()) if value is not None else ""


_CLASSES: dict[str, str] = {}   # the class of each text met, as :func:`_class` gives it
_CLASSES_KEPT = 50_000


def cell_class(value: Any) -> str:
    """``blank``, ``number``, ``special`` (DNA, RAG, A/(F)...) or ``text``. A figure is told by its
    type; a text's class is worked out once (a table's rows are each looked at by several tests,
    and by the tables above it that take them in their sample)."""
    kind = type(value)
    if kind is int or kind is float:
        return "number"
    if kind is not str:
        return _class(value)
    found = _CLASSES.get(value)
    if found is None:
        if len(_CLASSES) >= _CLASSES_KEPT:
            _CLASSES.clear()
        found = _CLASSES[value] = _class(value)
    return found


def _class(value: Any) -> str:
    """:func:`cell_class` of any value, worked out."""
    if blank(value):
        return BLANK
    if isinstance(value, bool) or isinstance(value, (datetime, date)):
        return TEXT
    if isinstance(value, (int, float)) or type(value) is str and PLAIN_NUMBER.fullmatch(value):
        return "number"   # (a CSV's figure, as parse_text reads it, without parsing it)
    cell = parse_text(str(value))
    if cell.value is not None:
        return "number"
    return TEXT if cell.status == TEXT else "special"


def is_stated_fact(row: list[Any]) -> bool:
    """A line of ``name: value`` pairs in words or dates (``Prepared by: | Finance team``, ``Report
    date: | 30/09/2024``): each filled cell ending with a colon has its value in the next, and every
    filled cell is one of the two. Such a line above a table is about the paper, not its columns."""
    names = [c for c, v in enumerate(row) if type(v) is str and v.rstrip().endswith(":")]
    if not names:   # (most rows: told without asking each cell whether it is blank)
        return False
    filled = {c for c, v in enumerate(row) if not blank(v)}
    return (len(filled) == 2 * len(names) and all(c + 1 in filled for c in names)
            and all(cell_class(row[c + 1]) == TEXT for c in names))


_UNIT_ONLY = re.compile(r"[(\[]?\s*(?:£\s?(?:,\s?)?(?:m|k|bn|000'?s?|'000s?|millions?|thousands?|'?s)?|%|per\s+10,?000|days|"
                        r"weeks|numbers?|percentages|no\.?|count)\s*[)\]]?", re.IGNORECASE)


def is_units_row(row: list[Any], cols: range) -> bool:
    cells = [row[c] for c in cols if c < len(row) and not blank(row[c])]
    return bool(cells) and all(isinstance(v, str) and _UNIT_ONLY.fullmatch(v.strip()) for v in cells)


def _units_by_markers(row: list[Any], below: list[list[Any]], cols: range) -> bool:
    """Units, and beside them only numbers over columns the rows below leave blank: a form's cell
    number (``£ thousand | ... | 3`` in MHCLG's drop-down sheets) is no figure of the units row."""
    units = [c for c in cols if c < len(row) and isinstance(row[c], str) and not blank(row[c])]
    others = [c for c in cols if c < len(row) and not blank(row[c]) and c not in units]
    return bool(units) and bool(others) and is_units_row(row, range(min(units), max(units) + 1)) \
        and all(cell_class(row[c]) == "number" and all(c >= len(r) or blank(r[c]) for r in below) for c in others) \
        and max(units) < min(others)


_LETTER = re.compile(r"\s*[A-Z]\s*")


def is_header_like(row: list[Any], cols: range) -> bool:
    """At least two text cells and no figures or special values: a header, not data. Letters
    running through the alphabet (council tax bands ``A B C D E F G H``) name columns: their A, C,
    F and G are no ratings."""
    classes = [cell_class(row[c]) for c in cols if c < len(row)]
    letters = [c for c in cols if c < len(row) and isinstance(row[c], str) and _LETTER.fullmatch(row[c])]
    if len({row[c].strip() for c in letters}) >= 4 and any(cell_class(row[c]) == TEXT for c in letters):
        classes = [TEXT if c in letters else k for c, k in zip(cols, classes)]
    texts = classes.count(TEXT)
    return texts >= 2 and all(k in (TEXT, BLANK) for k in classes)


def used_columns(rows: list[list[Any]]) -> list[int]:
    """The columns with a filled cell in any of ``rows`` (:func:`blank` written out: every cell of a head)."""
    return sorted({c for row in rows for c, v in enumerate(row) if v is not None and not (isinstance(v, str) and not v.strip())})


def _header_only(row: list[Any], span: range) -> bool:
    """Header words, periods, column codes or units: nothing of the data."""
    return (is_header_like(row, span) or is_period_row(row, span, cell_class) or column_codes(row, span) is not None
            or is_units_row(row, span))


def parted_header(head: list[tuple[int, list[Any]]], ahead: list[tuple[int, list[Any]]]) -> list[tuple[int, list[Any]]]:
    """``head`` with the header rows that follow it past a blank row or two, when it is all header
    and figures follow them (years and names, a blank row, then ``Percentage`` over ``Normal |
    Borderline | Concern``, a blank row, then the data): one header in two blocks. The rows taken
    start no further left than ``head``; at most :data:`MAX_HEADER_ROWS` in all."""
    cols = used_columns([row for _, row in head])
    if not cols or len(head) >= MAX_HEADER_ROWS:
        return head
    span = range(cols[0], cols[-1] + 1)
    # "numbers | percentages" over their blocks (under a line of one text: "numbers and percentages")
    units = is_units_row(head[-1][1], span) and all(sum(not blank(v) for v in row) == 1 for _, row in head[:-1])
    if not units and (not _header_only(head[0][1], span) or any(
            not _group_heading(row, span) and not _header_only(row, span) for _, row in head[1:])):
        return head   # (told at the first row that is neither: most heads' first row of data, the rest not read)
    grouping = [row for _, row in head[1:] if not _header_only(row, span)]   # ("Change in 6 months" alone)
    after = [(r, row) for r, row in ahead if r > head[-1][0]]
    i = _past_blanks(after, 0)
    more = []
    head = head[-1:] if units else head
    groups = len(head) == 1 and _group_names(head[0][1], span)
    while i < len(after) and len(head) + len(more) < MAX_HEADER_ROWS:
        row = after[i][1]
        cols = [c for c, v in enumerate(row) if not blank(v)]
        if not cols and units and (j := _past_blanks(after, i)) < len(after) and any(not blank(v) for v in after[j][1]):
            i = j   # (the blank rows a header's merged cells leave between its rows)
            continue
        # (a units row's header names its keys too; so does the header under a row of group names)
        left = min(cols[0], span.start) if cols and (units or groups) else span.start
        keys_head = units and len(cols) == 1 and cols[0] < span.start and cell_class(row[cols[0]]) == TEXT   # "LA Code"
        if not cols or cols[0] < left or not (keys_head or _header_only(row, range(left, max(span.stop, cols[-1] + 1)))):
            break
        more.append(after[i])
        i += 1
    i = _past_blanks(after, i)
    if not more and 0 < i < len(after) and not grouping:
        return head + _data_over_gap(head, after[i:], span)
    if not more or i >= len(after) or not any(cell_class(after[i][1][c]) in ("number", "special")
                                              for c in span if c < len(after[i][1])):
        return head
    if grouping and not all(_units_under(row, more[0][1], span) for row in grouping):
        return head   # a lone text over the header words is a group's only over their units ("number", "%")
    return head + more


def _data_over_gap(head: list[tuple[int, list[Any]]], after: list[tuple[int, list[Any]]], span: range
                   ) -> list[tuple[int, list[Any]]]:
    """The rows of data under a header parted from it by a blank row (``Ecode | Authority | 1. Council Tax
    Requirement ...``, a blank row, then the precepting authorities): the rows up to the next blank row,
    when the first of them has a name and figures under the header's words. [] when they are not."""
    named = {c for _, row in head for c in span if c < len(row) and cell_class(row[c]) == TEXT}
    first = after[0][1]
    figures = [c for c in named if c < len(first) and cell_class(first[c]) in ("number", "special")]
    words = [c for c in span if c < len(first) and cell_class(first[c]) == TEXT]
    if not figures or not words or min(words) > min(figures) or not all(is_header_like(row, span) for _, row in head):
        return []
    rows = []
    for r, row in after:
        if blank_row(row):
            break
        rows.append((r, row))
    return rows


def _group_names(row: list[Any], span: range) -> bool:
    """A row of group names, each over a run of columns (a return's services over their seven columns:
    ``Highways maintenance ...`` in F, ``Public and other transport ...`` in M): words only, three or
    more, most with a blank cell after it (the memorandum lines at the end may take one column each)."""
    filled = [c for c in span if c < len(row) and not blank(row[c])]
    return len(filled) >= 3 and all(cell_class(row[c]) == TEXT for c in filled) \
        and sum(b > a + 1 for a, b in zip(filled, filled[1:])) * 3 >= (len(filled) - 1) * 2


def _group_heading(row: list[Any], span: range) -> bool:
    """A lone text right of the head's first column, under a row of header words (``Change in 6 months``
    over the ``number`` and ``%`` a blank row below): a group's heading, not a title."""
    filled = [c for c in span if c < len(row) and not blank(row[c])]
    return len(filled) == 1 and filled[0] > span.start and cell_class(row[filled[0]]) == TEXT


def _parted_group(head: list[tuple[int, list[Any]]], i: int, span: range) -> bool:
    """Whether row ``i`` of ``head`` is a group's heading (:func:`_group_heading`) parted by a blank row from the
    units under it (:func:`parted_header`): ``Change in 6 months`` over ``number`` and ``%``."""
    return i + 1 < len(head) and head[i + 1][0] > head[i][0] + 1 and _group_heading(head[i][1], span) \
        and is_header_like(head[i + 1][1], span) and _units_under(head[i][1], head[i + 1][1], span)


def _units_under(row: list[Any], under: list[Any], span: range) -> bool:
    """Whether the cell under a row's lone text is a unit (``number`` under ``Change in 6 months``)."""
    c = next(c for c in span if c < len(row) and not blank(row[c]))
    return c < len(under) and isinstance(under[c], str) and _UNIT_ONLY.fullmatch(under[c].strip()) is not None


def _past_blanks(rows: list[tuple[int, list[Any]]], i: int, most: int = 2) -> int:
    """The index of the first row from ``i`` that is not blank, passing at most ``most`` blank rows."""
    start = i
    while i < len(rows) and i - start < most and all(blank(v) for v in rows[i][1]):
        i += 1
    return i


def detect_layout(sheet: str, titles: list[tuple[int, str]], head: list[tuple[int, list[Any]]],
                  prose: list[tuple[int, str]] = (), sample: list[tuple[int, list[Any]]] = (),
                  footnote: Callable[[list[Any]], bool] | None = None) -> TableLayout | None:
    """The layout of the table whose header starts at ``head[0]``, or None when it is not a table.

    ``prose`` are the rows of words above the table that are not its title ("Figures are in
    £000s"): they may state its unit. ``sample`` are more rows from the head on, blank rows left
    out, for telling key columns from figures. ``footnote`` tells the rows among them that are
    footnotes, which name no rows (``** This total should avoid double counting`` in a column of no
    labels); asked only of the rows it must be (most tables' first label is no footnote)."""
    cols_used = used_columns([row for _, row in head])
    if len(cols_used) < 2:
        return None
    below = [(r, row) for r, row in sample if r > head[-1][0]]
    header_block = all(_header_only(row, range(cols_used[0], cols_used[-1] + 1)) for _, row in head)
    names = _names_left(cols_used[0], [row for _, row in below]) if header_block else None
    if names is not None:   # and the columns its first rows fill, headed or not, as when they touch the header
        first = [row for i, (r, row) in enumerate(below) if r - i == below[0][0]]
        cols_used = sorted({names, *cols_used, *(c for c in used_columns(first) if c > names)})
    span = range(cols_used[0], cols_used[-1] + 1)
    rows = [row for _, row in head]
    doubts = []
    data_at = _data_rows(rows, span)
    if data_at(0) and (len(rows) < 3 or data_at(1)):
        if len(rows) < 3:
            return None   # the last rows of a table cut short: not a table of their own
        header, code_rows, units_row, i = [], [], None, 0
        doubts.append(f"no header row found: row {head[0][0] + 1} looks like the data under it (mostly figures)")
    else:
        header, code_rows, units_row, i = _header_rows(head, span, data_at)
        under = ([row for _, row in head[1:]] + [row for _, row in below])[:5]
        figure = _figure_over(head[0][1], under, span) if header == [0] and i == 1 else ""
        if figure and not code_rows and units_row is None:
            header, i = [], 0
            doubts.append(f"no header row found: row {head[0][0] + 1} reads as the first row of data (it has "
                          f"a figure, {figure}, where a header would name its column)")
    numbered = head[i:]
    if sample:   # the rows beyond a blank row too (ENGLAND, a blank row, then the regions)
        numbered = numbered + [(r, row) for r, row in sample if r > head[-1][0]]
    data = [row for _, row in numbered]
    doubts += [f"row {head[h][0] + 1} looks like the rows under it: {alike}" for h in header
               if (alike := _values_below(head[h][1], data, span))]
    label_col = _label_column(data, span)
    if footnote is not None and _labels_in_notes(numbered, sample, label_col, footnote):
        notes = {r for r, row in sample if footnote(row)}
        label_col = _label_column([row for r, row in numbered if r not in notes], span)   # words in notes alone
    doubts += [f"row {head[h][0] + 1} has a figure ({figure}) beside a row name, as the rows under it do: it may "
               f"be a row of data read as the header, and the names beside it another table's"
               for h in header[1:] if (figure := _named_figure_in_header(head[h][1], data, span, label_col))]
    headers = [" ".join(cell_text(head[h][1][c]) for h in header if c < len(head[h][1])) for c in span]
    indents = _indented_names(headers, data, span, label_col)
    label_col, keys, context = find_keys(headers, {c: [row[c] if c < len(row) else None for row in data]
                                                   for c in span if c not in indents}, label_col)
    taken = {label_col, *(k.index for k in keys), *context, *indents}
    if all(c in taken for c in cols_used) or all(c <= label_col for c in cols_used if c not in taken):
        return None
    title = " ".join(t for _, t in titles)
    label_header = headers[label_col - span.start]
    unit, unit_reason = find_unit(label_header), f"the label column's header ({label_header!r})"
    if unit is None:
        unit, unit_reason = find_unit(title), f"the title ({title!r})"
    if unit is None:
        unit, unit_reason = _header_unit(head, header, span, label_col)
    if unit is None:
        unit, unit_reason = _prose_unit(prose)
    if unit is None:
        unit, unit_reason = _money(sheet), f"the sheet name ({sheet!r})"
    first = titles[0][0] if titles else head[0][0]
    return TableLayout(
        sheet=sheet, first_row=(first if header else head[0][0]) + 1,
        header_rows=tuple(head[h][0] + 1 for h in header), label_column=column_letter(label_col),
        first_column=column_letter(span.start), last_column=column_letter(span.stop - 1),
        units_row=None if units_row is None else units_row + 1, unit=unit.symbol if unit else None, title=title,
        key_columns=tuple(column_letter(k.index) for k in keys), key_roles=tuple(k.role for k in keys),
        sparse_keys=tuple(column_letter(k.index) for k in keys if k.sparse),
        each_row_keys=tuple(column_letter(k.index) for k in keys if each_row(k, numbered, label_col)),
        context_columns=tuple(column_letter(c) for c in context), code_rows=tuple(head[h][0] + 1 for h in code_rows),
        indent_columns=tuple(column_letter(c) for c in indents),
        unit_reason=unit_reason if unit else "", doubts=tuple(doubts))


def _named_figure_in_header(row: list[Any], data: list[list[Any]], span: range, label_col: int) -> str:
    """A figure (not a year; over 100 or with decimals) in a header row below the first that names a
    row in the label column, where most rows under it have figures: the row is data (a second table's
    ``Deposits: banks | 13318823.59`` beside the first's heading ``Temporary borrowing``), or ''."""
    if label_col >= len(row) or cell_class(row[label_col]) != TEXT:
        return ""
    for c in span:
        value = row[c] if c < len(row) else None
        if c <= label_col or isinstance(value, bool) or not isinstance(value, (int, float)) or is_year(value):
            continue
        below = [r[c] for r in data if c < len(r) and not blank(r[c])]
        if (abs(value) >= 100 or value != int(value)) and below and \
                sum(cell_class(v) == "number" for v in below) * 2 > len(below):
            return cell_text(value)
    return ""


def _labels_in_notes(numbered: list[tuple[int, list[Any]]], sample: list[tuple[int, list[Any]]], label_col: int,
                     footnote: Callable[[list[Any]], bool]) -> bool:
    """Whether every row with words in the label column is a footnote of ``sample``, and it has one."""
    rows = dict(sample)
    return all(r in rows and footnote(rows[r]) for r, row in numbered if label_col < len(row) and not blank(row[label_col])) \
        and any(footnote(row) for _, row in sample)


def _indented_names(headers: list[str], data: list[list[Any]], span: range, label_col: int) -> list[int]:
    """Columns right of the labels, before any figure, with no header and only words, filled only
    where the label cell is blank: the names of rows indented under a heading (``Percentage
    achieving:`` in A, then ``Reading``, ``Writing`` in B)."""
    found = []
    for c in span:
        if c <= label_col:
            continue
        cells = [(row[label_col] if label_col < len(row) else None, row[c]) for row in data if c < len(row) and not blank(row[c])]
        if not cells:
            continue
        if headers[c - span.start].strip() or len(cells) < 2 or any(cell_class(v) != TEXT or not blank(name) for name, v in cells):
            break
        found.append(c)
    return found


def _names_left(start: int, below: list[list[Any]]) -> int | None:
    """Where a table's rows begin left of its header block, when the header has nothing over their
    names and a blank row parts the two (``ENGLAND``, ``Darlington`` in A under headers from C):
    most rows under the block have words left of it, and the names column is the leftmost one where
    a quarter of them do; the table begins there, or at codes left of it (``911 | Schools reserves``).
    None when the rows begin under the header."""
    if len(below) < 2:
        return None
    firsts: Counter = Counter()
    names: Counter = Counter()
    for row in below:
        filled = [c for c in range(min(start, len(row))) if not blank(row[c])]
        words = [c for c in filled if cell_class(row[c]) == TEXT]
        if words:
            names[words[0]] += 1
            firsts[filled[0]] += 1
    if sum(names.values()) * 2 < len(below):
        return None
    column = min((c for c, n in names.items() if n * 4 >= len(below)), default=None)   # names indented further right too
    if column is None:
        return None
    return min((c for c, n in firsts.items() if c <= column and n * 4 >= len(below)), default=column)


def _figure_over(row: list[Any], below: list[list[Any]], span: range) -> str:
    """The figure (``22895``) of a lone header row that is the first row of data, or '': a form's list
    (``B | Unoccupied dwellings owned by a charity | 22895``, then the other classes) has no header, and
    its first line is no header for being the first. The row has no words over the figures of the
    rows under it, and over some column of them a number no header would be:
    not a year, a column number or a small heading (bedrooms, ages, percentiles), but a figure (over
    100, or with decimals)."""
    filled = [(c, row[c]) for c in span if c < len(row) and not blank(row[c])]
    if len(below) < 2 or len(filled) < 2:
        return ""
    shapes = [{c: cell_class(r[c]) for c in span if c < len(r) and not blank(r[c])} for r in below]
    figure = ""
    for c, value in filled:
        kinds = [s[c] for s in shapes if c in s]
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            if sum(k == "number" for k in kinds) * 2 >= len(below):
                return ""   # words (or a number written as text) over figures: a header's name
        elif is_year(value) or sum(k == "number" for k in kinds) * 2 < len(below):
            return ""
        elif not figure and (abs(value) >= 100 or value != int(value)):
            figure = cell_text(value)
    return figure if column_codes(row, span) is None else ""   # (asked last: most header rows are told by their words)


def _values_below(row: list[Any], data: list[list[Any]], span: range) -> str:
    """Why a header row reads as one more row of data, or '': most of its cells (three at least)
    are values of the same columns below (``Good``, ``South West``, dates under dates), as when a
    table of words and dates (inspection judgements) has its first rows taken for the header. The
    header repeated further down (a page break in a converted PDF) does not count."""
    filled = [c for c in span if c < len(row) and not blank(row[c])]
    need = max(3, (len(filled) + 1) // 2)   # cells alike for the row to read as data
    if sum(isinstance(row[c], (str, datetime, date)) for c in filled) < need:
        return ""   # (too few words and dates to be alike: the rows below not read)
    words = [cell_text(row[c]) for c in filled]
    first = filled[0] if filled else None   # (a row unlike it in its first cell is no repeat: the rest not read)
    data = [r for r in data if first is not None and (cell_text(r[first]) if first < len(r) else "") != words[0]
            or [cell_text(r[c]) if c < len(r) else "" for c in filled] != words]   # repeats of it
    alike = []
    for i, c in enumerate(filled):
        if len(alike) + len(filled) - i < need:
            return ""   # (too few cells left to be alike: the rest not read)
        value = row[c]
        if isinstance(value, (datetime, date)):
            below = [v for r in data if c < len(r) and not blank(v := r[c])]
            if sum(isinstance(v, (datetime, date)) for v in below) * 2 > len(below):
                alike.append(c)
        elif isinstance(value, str):   # (its text is filled: blank cells below are never it)
            text = value.strip()
            if any(c < len(r) and isinstance(v := r[c], str) and v.strip() == text for r in data):
                alike.append(c)
    if len(alike) < 3 or len(alike) * 2 < len(filled):
        return ""
    shown = ", ".join(repr(cell_text(row[c])) for c in alike[:3])
    return (f"{len(alike)} of its {len(filled)} cells ({shown}...) are values found in the same columns below, "
            "so it may be data rather than a header (give the header with --header-rows)")


def _data_rows(rows: list[list[Any]], span: range) -> Callable[[int], bool]:
    """Whether ``rows[i]`` looks like data over the five rows under it (:func:`looks_like_data`),
    each worked out once: the header's first rows are asked about again as the header is read."""
    told: dict[int, bool] = {}

    def data_at(i: int) -> bool:
        if i not in told:
            told[i] = looks_like_data(rows[i], rows[i + 1:i + 6], span, cell_class)
        return told[i]
    return data_at


def _header_rows(head: list[tuple[int, list[Any]]], span: range,
                 data_at: Callable[[int], bool]) -> tuple[list[int], list[int], int | None, int]:
    """Header rows, column-code rows and the units row (indexes into ``head``), and where data starts.

    The first row is a header; each next row joins it while it still reads as one: words under a
    group header, periods, a row of column codes or of units (neither of which is followed by more
    headers). A row that looks like the rows under it stops the header."""
    filled = lambda r: sum(not blank(r[c]) for c in span if c < len(r))  # noqa: E731
    zone = _header_zone(head, span, filled, data_at)
    if zone is not None:
        return zone
    header, code_rows, units_row = [0], [], None
    i = 1
    while i < len(head) and len(header) < MAX_HEADER_ROWS:
        row = head[i][1]
        below = [r for _, r in head[i + 1:i + 6]]
        if is_units_row(row, span) or _units_by_markers(row, below, span):
            units_row = head[i][0]
            i += 1
            continue
        if column_codes(row, span) is not None:
            code_rows.append(i)
            i += 1
            continue
        if units_row is not None or code_rows or data_at(i):
            if _under_header(row, head[header[0]][1], span):
                header.append(i)   # "Net" then "Expenditure" under "2018" and its units, one word a row
                i += 1
                continue
            break
        top = head[header[-1]][1]
        under_gaps = any(not blank(row[c]) and (c >= len(top) or blank(top[c])) for c in span if c < len(row))
        group_top = (filled(top) < filled(row) or span.start >= len(top) or blank(top[span.start])
                     or blank(row[span.start]) or under_gaps)
        if ((group_top and is_header_like(row, span)) or (is_period_row(row, span, cell_class) and (below or i == len(head) - 1))
                or _wrapped_on(row, top, span) or _parted_group(head, i, span)) \
                and not _values_below(row, below, span):   # values the rows under it have: their first, not a header
            header.append(i)
            i += 1
        else:
            break
    return header, code_rows, units_row, i


def _under_header(row: list[Any], top: list[Any], span: range) -> bool:
    """Only words, each under a cell of the first header row, none in the names' column."""
    filled = [c for c in span if c < len(row) and not blank(row[c])]
    return bool(filled) and span.start not in filled and all(
        cell_class(row[c]) == TEXT and c < len(top) and not blank(top[c]) for c in filled)


def _wrapped_on(row: list[Any], top: list[Any], span: range) -> bool:
    """Whether a row's words run on the header cells above them, each in lower case (``only`` under ``LA
    supported``): the last line of their text, not a heading nor the first row of data."""
    filled = [c for c in span if c < len(row) and not blank(row[c])]
    return _under_header(row, top, span) and all(type(row[c]) is str and row[c].lstrip()[:1].islower() for c in filled)


def _figures_where(row: list[Any], data: list[Any], span: range) -> bool:
    """Whether ``row`` holds figures (two or more: neither years nor whole numbers that repeat or
    count up, as column codes, column numbers and percentiles ``10 | 20`` do) in columns where
    the ``data`` row below has figures or marks, and named in words where it is: a row of data a few
    words too many to look like it (a scorecard's ``ASC01 | Permanent admissions... | Low | <= 560 |
    298.7 | 612.4 | R | Worsening | comment``), no header."""
    figures = [(c, row[c]) for c in span if c < len(row) and cell_class(row[c]) == "number"]
    if len(figures) < 2 or any(c >= len(data) or cell_class(data[c]) not in ("number", "special") for c, _ in figures):
        return False
    numbers = [parse_text(v).value if isinstance(v, str) else v for _, v in figures]
    named = next((c for c in span if c < len(data) and cell_class(data[c]) == TEXT), None)
    if named is None or named >= len(row) or cell_class(row[named]) != TEXT:
        # not named where the data row is (a hidden row of cell references, "Row_no | 190 | 190"); but named
        # further right, under the names, its code columns blank, with figures all different: England's total
        if len(set(numbers)) < len(numbers) or not any(
                c < len(data) and cell_class(data[c]) == TEXT and cell_class(row[c]) == TEXT for c in span if c < len(row)):
            return False
    if all(is_year(v) for v in numbers) or not all(isinstance(v, (int, float)) for v in numbers):
        return False
    if not all(float(v).is_integer() for v in numbers) or any(type(v) is str and "%" in v for _, v in figures):
        return True   # a fraction, or a percentage written with its sign: no column's name
    return any(b < a for a, b in zip(numbers, numbers[1:]))   # whole numbers counting up or repeating name columns


_NOTE_LINE = re.compile(r"\s*(?:\*|notes?\b|n\.?b\.?\b)", re.IGNORECASE)


def _header_zone(head: list[tuple[int, list[Any]]], span: range, filled,
                 data_at: Callable[[int], bool]) -> tuple[list[int], list[int], int | None, int] | None:
    """Headers read upwards from the first row that looks like data (within :data:`ZONE_ROWS`):
    the rows above it are header rows (the nearest :data:`MAX_HEADER_ROWS`), column-code rows
    (``1 2 3``, ``C1R190``) and a units row. None when no data row is that near, or the rows above
    it hold a heading of one cell (a section starting) rather than headers."""
    rows = [row for _, row in head]
    first = next((i for i in range(1, min(len(rows), ZONE_ROWS)) if data_at(i)), None)
    lines = [first] if first is not None and _line_numbers_over_names(rows, first, span) else []
    if lines:
        first += 2
    elif first is None or first == 1:
        return None
    else:   # a row of words whose values the rows under it have is their first (``201415 | England | Total``)
        first = next((i for i in range(1, first) if _values_below(rows[i], rows[i + 1:i + 6], span)
                      or _figures_where(rows[i], rows[first], span) or _named_figures(rows[i], rows[0], span)), first)
        if first == 1:
            return None
    header, code_rows, units_row = [], [], None
    for i in range(first):
        row = rows[i]
        if i in lines:
            code_rows.append(i)
            continue
        if i and filled(row) == 1 and not blank(row[span.start] if span.start < len(row) else None):
            if _NOTE_LINE.match(cell_text(row[span.start])):
                continue   # "*for supplementary data see table" between the header's rows: a note, not a heading
            return None
        if is_units_row(row, span) or _units_by_markers(row, rows[first:first + 5], span):
            units_row = head[i][0]
        elif is_token_row(row, span):
            code_rows.append(i)
        elif filled(row):
            header.append(i)
    if not header:
        header, code_rows = [code_rows[-1]], code_rows[:-1]
    header = header[-MAX_HEADER_ROWS:]
    return header, code_rows, units_row, first


def _line_numbers_over_names(rows: list[list[Any]], i: int, span: range) -> bool:
    """Whether ``rows[i]`` numbers a return's lines over a row of words naming each of their columns, with
    data under that: whole numbers, each different, maybe after words saying what the row holds (DLUHC's
    ``This row contains the 'line number'... | 110 | 120 | 190``). A header's row of codes, not data."""
    if i + 2 >= len(rows):
        return False
    row, names = rows[i], rows[i + 1]
    filled = [(c, row[c]) for c in span if c < len(row) and not blank(row[c])]
    numbered = [(c, number) for c, v in filled if (number := whole_number(v)) is not None]
    if len(numbered) < 3 or len({n for _, n in numbered}) < len(numbered) or all(is_year(n) for _, n in numbered):
        return False
    if any(cell_class(v) != TEXT or c > numbered[0][0] for c, v in filled if whole_number(v) is None):
        return False   # words only before the numbers: what the row holds
    return is_header_like(names, span) and all(
        c < len(names) and cell_class(names[c]) == TEXT for c, _ in numbered) and looks_like_data(
        rows[i + 2], rows[i + 3:i + 8], span, cell_class)


def _named_figures(row: list[Any], top: list[Any], span: range) -> bool:
    """A name in the first column and only figures after it, each under a word of the first header row
    (``Spend to date | | 16923.55`` under ``Source | Amount | Spent``): a row of data however few of
    the columns it fills, never a header (years and column numbers aside)."""
    filled = [c for c in span if c < len(row) and not blank(row[c])]
    if len(filled) < 2 or filled[0] != span.start or cell_class(row[span.start]) != TEXT:
        return False
    if any(c < len(top) and cell_class(top[c]) not in (TEXT, BLANK) for c in span):
        return False
    return column_codes(row, span) is None and all(
        cell_class(row[c]) == "number" and not is_year(row[c]) and c < len(top) and not blank(top[c])
        for c in filled[1:])


_PROSE_MONEY = re.compile(r"£|\bpounds?\b|\bthousands?\b|\bmillions?\b", re.IGNORECASE)


THOUSANDS = Unit(NUMBER, 1_000.0, "thousands")   # "Number of jobs (thousand)": people, counted in thousands
# A cell stating the table's scale or currency alone, above it or at the far right of its title's row
# ("£ thousands", "(£000s)", and "£" alone over a table of pounds and pence)
SCALE_CELL = re.compile(r"\(?\s*(?:(?:£\s?)?thousands?|£\s?000'?s|£\s?millions?|£'?s?)\s*\)?", re.IGNORECASE)


def _prose_unit(prose: list[tuple[int, str]]):
    """A money unit stated in words above the table (``£ thousand`` in A3, ``Figures are in £000s``),
    or a cell saying only ``Thousands`` beside the title: counts in thousands."""
    for r, text in reversed(prose):
        if re.fullmatch(r"\(?\s*thousands?\s*\)?", text.strip(), re.IGNORECASE):
            return THOUSANDS, f"row {r + 1} above the table ({text.strip()!r}, apart from the title)"
        unit = find_unit(text) if _PROSE_MONEY.search(text) else None
        if unit is not None and unit.base == "GBP":
            return unit, f"row {r + 1} above the table ({shortened(text, 60)!r})"
    return None, ""


def _header_unit(head, header: list[int], span: range, label_col: int):
    """A money unit in a header cell over the names (``Net current expenditure (£ thousand)`` in A2), or
    alone at the far right of a header row that holds nothing else but a name over the names
    (``England | ... | £s``): the unit of the table, not of its last column."""
    for h in header:
        r, row = head[h]
        for c in range(span.start, label_col + 1):
            text = cell_text(row[c]) if c < len(row) else ""
            unit = find_unit(text) if _PROSE_MONEY.search(text) else None
            if unit is not None and unit.base == "GBP":
                return unit, f"{column_letter(c)}{r + 1}: {shortened(text, 60)!r}"
        filled = [c for c in span if c < len(row) and not blank(row[c])]
        if len(filled) >= 2 and all(c <= label_col for c in filled[:-1]):
            text = cell_text(row[filled[-1]])
            unit = find_unit(text) if _UNIT_ONLY.fullmatch(text) else None
            if unit is not None and unit.base == "GBP":
                return unit, f"{column_letter(filled[-1])}{r + 1}: {text!r}"
    return None, ""


def _money(sheet: str):
    unit = find_unit(sheet)
    return unit if unit is not None and unit.base == "GBP" else None


def side_by_side(layout: TableLayout, rows: dict[int, list[Any]]) -> list[TableLayout]:
    """Split a layout where a second label column starts another table on the same rows (DSG
    blocks: ``DSG Block | ... | DSG Block | ...``; a scorecard's Adults and Children blocks); a
    column is a label column when its header repeats the first one's (in full, or in the header's
    last row under group headers), its cells repeat the row labels, or it follows a blank column with
    words in every row and figures to its right."""
    label_col = layout.label_col
    header = [rows.get(h - 1) or [] for h in layout.header_rows]
    start = layout.data_start
    data = [row for r, row in sorted(rows.items()) if r >= start and row]
    label_text = " ".join(cell_text(h[label_col]) for h in header if label_col < len(h)).strip()
    label_last = _header_cell(header[-1], label_col) if header else ""
    starts = [label_col]
    for c in layout.col_range:
        if c <= label_col + 1:
            continue
        text = " ".join(cell_text(h[c]) for h in header if c < len(h))
        same_labels = len(data) >= 2 and all(c < len(row) and label_col < len(row) and row[c] == row[label_col]
                                             and not blank(row[c]) for row in data)
        same_last = bool(label_last) and _header_cell(header[-1], c) == label_last
        if (label_text and text == label_text) or same_labels or same_last or _labels_after_gap(header, data, label_col, c):
            starts.append(c)
    # a later label column with columns but no figure after it (a register's current name beside its
    # dates) starts no table; the names written again at the right edge stay a band of their own (read as none)
    stop = layout.col_range.stop
    after = [range(c + 1, starts[i + 1] if i + 1 < len(starts) else stop) for i, c in enumerate(starts)]
    starts = [c for i, c in enumerate(starts) if i == 0 or not after[i] or _figured(data, after[i])]
    if len(starts) == 1:
        return [layout]
    ends = [s - 1 for s in starts[1:]] + [stop - 1]
    bands = []
    for start, end in zip(starts, ends):
        band_header = " ".join(cell_text(h[start]) for h in header if start < len(h))
        unit = find_unit(band_header)
        title = layout.title
        if bands:   # a later table is told apart by its own label header ("Children") or, where every
            # table's is the same, by its first column's header ("...: Balance b/f")
            first = " ".join(cell_text(h[start + 1]) for h in header if start + 1 < len(h))
            name = band_header.strip() if band_header.strip() != label_text else \
                _SUBJECT_END.split(first, maxsplit=1)[0].strip()
            name = "" if parse_period(name) is not None else name
            title = f"{layout.title}: {name}" if layout.title and name else layout.title or name
        bands.append(replace(layout, first_column=column_letter(start), label_column=column_letter(start),
                             last_column=column_letter(end), unit=unit.symbol if unit else layout.unit,
                             title=title))
    return bands


def _figured(data: list[list[Any]], cols: range) -> bool:
    """Whether any row sampled has a figure (or a mark) in ``cols``."""
    return any(cell_class(row[c]) in ("number", "special") for row in data for c in cols if c < len(row))


def _header_cell(row: list[Any], c: int) -> str:
    """A header row's text in column ``c`` unless it is a period or figure (``2023/24`` over every
    block's first figure column names no label column)."""
    text = cell_text(row[c]).strip() if c < len(row) else ""
    return "" if not text or cell_class(text) == "number" or parse_period(text) is not None else text


def _labels_after_gap(header: list[list[Any]], data: list[list[Any]], label_col: int, c: int) -> bool:
    """Whether column ``c`` follows a column blank in the header and data, with figures left of
    that, and holds distinct words in at least two data rows, each with a figure to its right and a
    label in the first block's column: the row labels of a second block on the same rows (not a
    class column of ``UA``, ``SD``... after a spacer, nor a lookup list beside a form's lines)."""
    if any(c - 1 < len(row) and not blank(row[c - 1]) for row in (*header, *data)):
        return False
    if not any(cell_class(v) == "number" for row in data for v in row[label_col + 1:c - 1]):
        return False
    labels = []
    for row in data:
        cls = cell_class(row[c]) if c < len(row) else BLANK
        if cls == BLANK:
            continue
        if cls != TEXT or blank(row[label_col]) or not any(cell_class(v) == "number" for v in row[c + 1:]):
            return False
        labels.append(row[c])
    return len(labels) >= 2 and len(set(labels)) == len(labels)


# Where a header's subject ends: a date, period, unit or bracket ("Balance b/f | at 1 Apr 2023 ...").
_SUBJECT_END = re.compile(r"\s+(?:at|as at|on|for|in)\s+|\s*[(£%]|\s+\d|\s+(?:surplus|deficit)\b", re.IGNORECASE)


def _label_column(data: list[list[Any]], span: range) -> int:
    """The first column whose filled cells are mostly words: the row labels."""
    for c in span:
        classes = [cell_class(row[c]) for row in data if c < len(row) and not blank(row[c])]
        if classes and classes.count(TEXT) * 2 >= len(classes):
            return c
    return span.start
