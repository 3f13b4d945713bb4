"""Finding the tables of a sheet, top to bottom, and handing each to a :class:`TableReader`.

A sheet is read once, as a stream: title rows are collected until a header appears; the header,
units row and label column are detected from the next rows (:func:`detect_layout`); the table's
rows are then read until it ends (:mod:`table_ends`), and the search goes on below it.

Tables are yielded one at a time with a lazy ``observations`` iterator; it must be used up (or is
drained) before the next table is found, since both read the same stream.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from memberpack.importers.cells import column_index, column_letter
from memberpack.importers.context_columns import keyed_context
from memberpack.importers.found_table import FoundTable, Recall
from memberpack.importers.header_notes import NOTES_AHEAD, may_hold_marker, note_numbers
from memberpack.importers.headers import whole_number
from memberpack.importers.hidden import HiddenRead
from memberpack.importers.keys import describe_keys
from memberpack.importers.kinds import detect_kind
from memberpack.importers.layout import (
    HEAD_ROWS, SCALE_CELL, Corrections, TableLayout, blank, blank_row, cell_class, cell_text, detect_layout, is_stated_fact,
    key_roles, parted_header, shape_key, side_by_side)
from memberpack.importers.list_columns import RUN as LIST_RUN
from memberpack.importers.list_columns import ListColumn, list_column
from memberpack.importers.notes_under import unit_under
from memberpack.importers.reader import Sheet
from memberpack.importers.report import LAYOUT_DOUBT, PERIOD_CLEARED, PERIOD_DOUBT, UNIT_DOUBT, TableReport
from memberpack.importers.stream import Peekable
from memberpack.importers.table_ends import (
    NUMBERED_TITLE, is_footnote, numbered_title, single_text, title_and_far_note, title_and_scale)
from memberpack.importers.table_layout import LEGEND
from memberpack.importers.table_notes import is_note_line, title_and_note
from memberpack.importers.table_reader import CatalogueAnswers, TableReader
from memberpack.importers.titled_blocks import titled_blocks
from memberpack.model.observation import LAYOUT_KINDS
from memberpack.model.periods import CALENDAR_MONTH, HALF, MONTH, QUARTER, YEAR, YEAR_END, Period, names_year_outturn, parse_period
from memberpack.model.short_text import shortened
from memberpack.model.units import GBP, find_unit
from memberpack.model.unlike_lines import roll_forward_title
from memberpack.model.values import BLANK, TEXT, parse_text

SIDE_BY_SIDE_ROWS = 5_000
# Lines above a table whose dates are not the period its figures are for.
_NOT_A_PERIOD = re.compile(r"\s*(?:last\s+updated|updated|published|date\s+published|next\s+update|release\s+date|"
                           r"produced|source|contact|date\s+of|.*\bcopyright\b)", re.IGNORECASE)


# a finance system's report header: when it was run or printed, not what its figures are for
_PAPER_DATE = re.compile(r"\s*(?:(?:date\s+)?(?:run|printed|produced|created|extracted|generated)(?:\s+(?:date|on|at))?"
                         r"|(?:run|print|report|extract)\s+date|last\s+updated|time\s+stamp)\s*:", re.IGNORECASE)


# a day's date alone on a line ("30-September-2020", "30/09/2020")
_DATE_ALONE = re.compile(r"\s*\d{1,2}(?:st|nd|rd|th)?[\s\-/.]+(?:[A-Za-z]{3,9}|\d{1,2})[\s\-/.,]+\d{4}\s*")


def _undated(texts) -> list[str]:
    """The lines above a table less a day's date written alone (``30-September-2020`` at the head of the
    Employer Skills Survey's sheets, over ``Employer Skills Survey (ESS) 2019``) where another line names a
    year: the day the tables were made, not the period of their figures."""
    texts = list(texts)
    dates = [t for t in texts if _DATE_ALONE.fullmatch(t)]
    if not dates:
        return texts
    others = [t for t in texts if t not in dates]
    return others if any((p := parse_period(t)) is not None and p.year is not None for t in others) else texts


def context_period(texts: Sequence[str]) -> Period | None:
    """The period the titles, sheet name or file name state: the most specific one (Month 6,
    Q3), placed in the year another of them gives (``23/24 ... (Month 6)`` -> 2023/24 Month 6). A
    title naming the year's outturn (``Outturn 2019/20``) gives the year, whatever month a text after
    it names (a file named ``..._m9`` for the month it was sent in). A quarter or month that falls
    outside a date an earlier text states is not this table's: a workbook named for its latest
    quarter (``..._Q3_2016_17``) holds sheets "as at 31st March 2013", dated March 2013."""
    found = [(t, p) for t in texts if t and (p := parse_period(t)) is not None]
    with_year = next((p for _, p in found if p.year is not None), None)
    for i, (text, period) in enumerate(found):
        if period.kind in (MONTH, QUARTER, HALF, YEAR_END):
            placed = period.within(with_year)
            if not any(_apart(placed, earlier) for _, earlier in found[:i] if earlier.kind == CALENDAR_MONTH):
                return placed
        if period.kind == YEAR and names_year_outturn(text):
            return period
    return with_year or (found[0][1] if found else None)


def _apart(period: Period, other: Period) -> bool:
    """Whether two dated periods share no month."""
    if period.year is None or other.year is None:
        return False
    (first, last), (other_first, other_last) = period.span(), other.span()
    return last < other_first or other_last < first


def find_tables(sheet: Sheet, *, file_stem: str = "", kind: str | None = None,
                overrides: Sequence[TableLayout] = (), recall: Recall | None = None,
                corrections: Corrections = Corrections(), progress=None, cancel=None) -> Iterator[FoundTable]:
    """Every table of ``sheet``, in order."""
    if kind is not None and kind not in LAYOUT_KINDS:
        raise ValueError(f"unknown layout kind {kind!r}")
    stream = Peekable(sheet.rows, sheet.columns)
    titles: list[tuple[int, str]] = []
    title_rows: dict[int, list[Any]] = {}
    prose: list[tuple[int, str]] = []   # words above the table ("Figures are in £000s"): they may state its unit
    notes: list[str] = []   # notes under the title ("Source: H-CLIC, figures are provisional"): the table's own
    above: tuple[TableLayout, dict[int, str]] | None = None   # the table above on this sheet, and its columns' headers
    starts: dict[int, int | None] = {}   # (_over_figures) of rows not yet read by a table, which may fill their cells
    sheet_unit: tuple[str, str] | None = None   # a money unit said of all the sheet's figures, and why
    above_head: dict[int, list[Any]] = {}   # the header rows of the table above, by row
    cornered: list[tuple[TableLayout, dict[int, str], str]] = []   # tables so far, their headers and corner words
    stated: list[tuple[str, str]] = []   # what the lines above the table say its figures are (_described_above)
    sheet_titles: list[str] = []   # the first table's titles: the sheet's own (a period the tables under it share)
    formats = sheet.formats
    hidden = HiddenRead(sheet.name, formats.hidden_columns, formats.hidden_rows) \
        if formats.hidden_columns or formats.hidden_rows else None
    answers = CatalogueAnswers()   # (the tables' row labels and headers repeat: each asked of the catalogue once)
    choices: ListColumn | None = None   # a drop-down's list of names beside the tables (:mod:`.list_columns`)
    while (item := stream.peek()) is not None:
        r, row = item
        if choices is None and stream.columns is None and not blank_row(row) \
                and (choices := list_column(row, stream.ahead(LIST_RUN))) is not None:
            stream.mapped(choices.strip)
            continue
        if blank_row(row) or is_footnote(row):
            if (text := single_text(row)) is not None:
                prose = [*prose[-5:], (r, text)]
                if titles and is_note_line(text):
                    notes.append(text)
            stream.next()
            continue
        if hidden is not None and hidden.only_checks(r, row):
            stream.next()
            continue
        if _working_row(row):   # a return's line and column numbers over its header: no table, no title
            stream.next()
            continue
        if facts := _described_above(stream):   # a data service's "measure | Age-standardised mortality rate"
            for _ in facts:
                at, _ = stream.next()
            prose += [(at, f"{name}: {value}") for name, value in facts]
            stated = facts
            continue
        if is_stated_fact(row):   # "Prepared by: | Finance team": no header of the table below
            fact = " ".join(cell_text(v) for v in row if not blank(v))
            if not _PAPER_DATE.match(fact):   # when the report was run says nothing of its figures' period
                prose = [*prose[-5:], (r, fact)]
            stream.next()
            continue
        text, scale = single_text(row) or numbered_title(row), None
        if text is not None and (lines := _listed_under(text, stream)):   # "Filters:", then "Default Summation | Households"
            for _ in range(lines + 1):
                at, listed = stream.next()
                prose = [*prose[-5:], (at, " ".join(cell_text(v) for v in listed if not blank(v)))]
            continue
        if text is not None and _METADATA.fullmatch(text):   # "Metadata:", then "Title | ...", "Last update | Jul-23"
            stream.next()
            while (nxt := stream.peek()) is not None and _about_the_data(nxt[1]):
                stream.next()
            continue
        if text is not None and _IDENTIFIER.fullmatch(text):   # a field's name left by the exporting tool: no title
            prose = [*prose[-5:], (r, text)]
            stream.next()
            continue
        far_note = None
        if text is None:
            text, scale = title_and_scale(row)
        if text is None:   # "Previously published as 'Experimental Statistics'" far right: a note, no header
            text, far_note = title_and_far_note(row)
        if text is not None and (SCALE_CELL.fullmatch(text) or not _over_figures(row, stream, starts, not titles)):   # "thousands" far right
            if (titled := _unexplained(text)):   # a legend may give the unit, and is no part of the title
                if titles and is_note_line(titled):   # "Source: H-CLIC, figures are provisional" under the title
                    notes.append(titled)
                else:   # (a note may end the title's own cell)
                    titled, note = title_and_note(titled)
                    titles = [*titles[-2:], (r, titled)]
                    title_rows[r] = row
                    notes += [note] if note else []
            prose = [*prose[-5:], (r, text)] + ([(r, scale)] if scale else [])
            notes += [far_note] if far_note else []
            stream.next()
            continue
        head = parted_header(_block(stream), stream.ahead(HEAD_ROWS))
        sample = [(r, row) for r, row in stream.ahead(HEAD_ROWS) if not blank_row(row)]
        layout = detect_layout(sheet.name, titles, head, prose, sample, is_footnote)
        if layout is None:
            stream.next()
            titles, title_rows, notes = [], {}, []
            _past_alike(stream, row)
            continue
        seen = {**{t: title_rows[t] for t, _ in titles}, **dict(head)}
        texts = [t for _, t in titles] + [t for r, t in prose if r < (titles[0][0] if titles else head[0][0])]
        texts = _undated(t for t in texts if not _NOT_A_PERIOD.match(t))
        if any(layout.covers(o) for o in overrides):
            bands = [layout]
        elif len(bands := side_by_side(layout, seen)) == 1:   # each block its own labels, else each its own title
            bands = titled_blocks(layout, seen)
        if len(bands) == 1:
            rows = stream
        else:  # tables side by side share their rows: keep the block (small by nature) for each
            rows = None
            block = [stream.next() for _ in range(_side_by_side_rows(stream, layout.label_col))]
        for band in bands:
            if band.unit is None and (inherited := _unit_above(above, band, _column_headers(band, seen)) or sheet_unit):
                band.unit, band.unit_reason = inherited
            borrowed = _headed_above(above, above_head, band, seen)
            if borrowed:
                own = band.header_rows
                band.header_rows, seen = (*borrowed, *own), {**above_head, **seen}
            named = _named_by_lines(band, seen)
            band.title = band.title or named or ""
            keyed = keyed_context(band, seen, stream.ahead(NOTES_AHEAD) if rows is not None else block) \
                if band.context_columns else []
            found = _prepare(sheet, band, seen, texts, file_stem=file_stem, kind=kind, overrides=overrides,
                             recall=recall, corrections=corrections, sheet_titles=sheet_titles)
            sheet_titles = sheet_titles or texts
            found.report.notes = list(notes)
            if found.layout is band:
                for assumption in keyed:
                    found.report.assume(assumption)
            if named:
                found.report.assume(f"no title: named {named!r} after its lines (brought forward, carried forward)")
            if borrowed:
                found.report.assume(f"row {own[-1]} names only the label and key columns: the figures under it are "
                                    f"in the columns of the table above (header rows {', '.join(map(str, borrowed))})")
            sheet_unit = sheet_unit or _stated_for_all(found.layout, texts + [t for _, t in prose])
            source = rows or Peekable(_within(block, set(found.layout.col_range).difference(
                map(column_index, found.layout.ignored_columns))))
            while (nxt := source.peek()) is not None and nxt[0] < found.layout.data_start:
                source.next()
            if found.layout.unit is None and found.report.layout_source == "detected" and \
                    (under := unit_under(source.ahead(NOTES_AHEAD), found.layout.data_start)) is not None:
                found.layout.unit, found.layout.unit_reason = under
                found.report.unit, found.report.unit_reason = under
                found.report.assume(f"the figures are in {under[0]}: {under[1]}")
            headers = _column_headers(found.layout, seen)
            corner = _corner(found.layout, seen)
            part = _part_of_stack(above, found.layout, headers, titles) or _part_in_corner(cornered, found.layout,
                                                                                           headers, corner)
            cornered.append((found.layout, headers, corner))
            if part:
                found.report.assume(f"the table above has the same columns: this is its part {part!r}, "
                                    "kept as the section of its rows")
            if not borrowed:   # a block reading the header above leaves that table the one stacked above
                above = found.layout, headers
                above_head = {h - 1: seen[h - 1] for h in found.layout.header_rows if h - 1 in seen}
            heads = [v for h in found.layout.header_rows for v in seen.get(h - 1) or [] if type(v) is str]
            numbered = note_numbers(source.ahead(NOTES_AHEAD)) if any(map(may_hold_marker, heads)) else frozenset()
            found.report.context.update(dict(stated))
            reader = TableReader(found.layout, seen, sheet, parse_period(found.layout.period or ""), found.report,
                                 part=part, notes=numbered, above=[t for _, t in sorted([*titles, *prose])],
                                 described=_description(stated), answers=answers)
            found.report.unit = reader.describe_units()
            found.parts = reader.row_observations(source, progress, cancel)
            if hidden is not None:
                found.parts = hidden.counted(found.parts)
            found.metric_counts = reader.metric_counts
            yield found
            for _ in found.parts:
                pass
        if found.report.rows_read == 0 and len(bands) == 1:
            continue   # no table after all (a heading over the header, a blank row under it): its titles stay
        titles, title_rows, prose, starts, notes, stated = [], {}, [], {}, [], []
    if hidden is not None:
        sheet.notes += hidden.warnings()
    if choices is not None:
        sheet.notes.append(choices.note(sheet.name))


def _named_by_lines(layout: TableLayout, seen: dict[int, list[Any]]) -> str | None:
    """The title of an untitled reserve roll-forward, named after its lines (a monitor's DSG block:
    balance brought forward, in-year deficit, balance carried forward, safety valve target), or None."""
    if layout.title:
        return None
    c, start = layout.label_col, layout.data_start
    labels = [cell_text(row[c]) for r, row in seen.items() if r >= start and c < len(row) and not blank(row[c])]
    return roll_forward_title(labels)


def _column_headers(layout: TableLayout, seen: dict[int, list[Any]]) -> dict[int, str]:
    """The header text of each column right of the labels (blank columns left out)."""
    rows = [seen.get(h - 1) or [] for h in layout.header_rows]
    texts = {c: " ".join(cell_text(row[c]) for row in rows if c < len(row) and not blank(row[c]))
             for c in layout.col_range if c > layout.label_col}
    return {c: t for c, t in texts.items() if t}


def _part_of_stack(above: tuple[TableLayout, dict[int, str]] | None, layout: TableLayout, headers: dict[int, str],
                   titles: list[tuple[int, str]]) -> str | None:
    """The heading of a table stacked under another with the same columns (``All aged 16 to 64``
    under ``All aged 16 & over``): one table broken down by its headings, so the heading is a key
    of every row. None for the first table, for other columns, and for a numbered title (``Table 2:
    Teachers`` names a table of its own)."""
    if above is None or not titles or NUMBERED_TITLE.match(titles[-1][1]):
        return None
    first, columns = above
    if (first.label_column, first.first_column) != (layout.label_column, layout.first_column) or \
            set(columns) != set(headers) or len(headers) < 3:
        return None
    same = sum(columns[c] == text for c, text in headers.items())   # all but one (a total named for its part)
    heading = titles[-1][1]
    return heading if same >= len(headers) - 1 and heading not in first.title else None


# a corner naming a block of its own ("Block 3: Fostering", "Table 2"), not a part of the table above
_NAMED_BLOCK = re.compile(r"\d|:")


def _corner(layout: TableLayout, seen: dict[int, list[Any]]) -> str:
    """The words of a table's header over its label column, in the first header row not blank there."""
    for h in layout.header_rows:
        row = seen.get(h - 1) or []
        if layout.label_col < len(row) and not blank(row[layout.label_col]):
            return cell_text(row[layout.label_col]).strip()
    return ""


def _part_in_corner(cornered: list[tuple[TableLayout, dict[int, str], str]], layout: TableLayout,
                    headers: dict[int, str], corner: str) -> str | None:
    """The part a table of a stack names in its header's corner, over the labels (``Males`` under a
    table headed ``Persons`` with the same columns; census tables by sex): where an earlier table of
    the sheet has the same columns (one more or less) under another word there, the word tells the
    tables' rows apart, so it is a key of every row. None for the first such table (the whole, as for
    titled stacks) and for a numbered block's name."""
    if not corner or len(headers) < 3 or len(corner.split()) > 3 or _NAMED_BLOCK.search(corner):
        return None
    for first, columns, other in cornered:
        shared = set(columns) & set(headers)   # (one may have a column more: the names again on the right)
        if other and other != corner and first.label_column == layout.label_column and len(shared) >= 3 \
                and len(shared) + 1 >= max(len(columns), len(headers)) and all(columns[c] == headers[c] for c in shared):
            return corner
    return None


def _headed_above(above: tuple[TableLayout, dict[int, str]] | None, above_head: dict[int, list[Any]],
                  layout: TableLayout, seen: dict[int, list[Any]]) -> tuple[int, ...]:
    """The header rows of the table stacked above, for a block under it on the same columns whose own
    header repeats a key column's name of the table above and is blank over its figures (``ONS Code |
    National Totals | Class Code`` over England's and the classes' totals): its figures are in the
    columns above. The block may leave out key columns on the left (no LGF code for England) and
    write the name in another case (``ONS code``)."""
    if above is None or not layout.header_rows:
        return ()
    first, columns = above
    if (first.label_column, first.last_column) != (layout.label_column, layout.last_column) \
            or layout.col_range.start < first.col_range.start:
        return ()
    figures = [c for c in columns if column_letter(c) not in first.key_columns]
    unnamed = set(figures) - set(_column_headers(layout, seen))
    if len(unnamed) < 3 or len(unnamed) < 0.8 * len(figures):
        return ()
    own = seen.get(layout.header_rows[-1] - 1) or []
    name = lambda v: " ".join(cell_text(v).split()).casefold()   # noqa: E731
    repeated = any(name(own[c]) and any(c < len(row) and name(row[c]) == name(own[c])
                                        for row in above_head.values()) for c in range(len(own)))
    return first.header_rows if repeated else ()


def _unit_above(above: tuple[TableLayout, dict[int, str]] | None, layout: TableLayout,
                headers: dict[int, str]) -> tuple[str, str] | None:
    """The unit of the table stacked above on this sheet, for a table under it with the same columns
    that states none of its own (``All figures reported in £ thousand`` over a UK summary and the
    local authority table below it): the unit and why."""
    if above is None or above[0].unit is None:
        return None
    first, columns = above
    same = sum(headers.get(c) == text for c, text in columns.items())
    if len(columns) < 3 or same < 0.8 * len(columns):
        return None
    return first.unit, f"the table above (header row {first.header_rows[0]}) with the same columns: {first.unit_reason}"


_ALL_FIGURES = re.compile(r"\ball\s+(?:the\s+)?(?:figures|amounts|values)\b", re.IGNORECASE)


def _stated_for_all(layout: TableLayout, texts: list[str]) -> tuple[str, str] | None:
    """A money unit said of all the figures above a sheet's table (``All figures in £ thousand``) that
    the table took: the unit of each table stacked under it that states none of its own, and why."""
    for text in texts:
        unit = find_unit(text)
        if unit is not None and unit.base == GBP and unit.symbol == layout.unit and _ALL_FIGURES.search(text):
            return layout.unit, f"{shortened(text, 60)!r} above the first table on the sheet"
    return None


# One long word in camel case ("household2022NotVisibleFromCatalogueScreen"): a name a program gave, not a title
_IDENTIFIER = re.compile(r"(?=\S{20,}$)[a-z]\w*[a-z0-9][A-Z]\w*")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z])")


def _unexplained(text: str) -> str:
    """A title row's text but its sentences of legend (``All figures are in £, 000. Change in useable
    reserves ...``: the change): "" when it is all legend."""
    if not LEGEND.search(text):   # (most titles)
        return text
    return " ".join(s for s in _SENTENCE_END.split(text) if not LEGEND.match(s))


# A block about the data under its heading (StatsWales: "Title | ...", "Last update | Jul-23", "Next update | 2025")
_METADATA = re.compile(r"\s*(?:metadata|about\s+(?:this|the)\s+data(?:set)?)\s*:?\s*", re.IGNORECASE)


# The words that start a return's working rows: "Hide or delete", "Row_no", "Col_no", "Line ref"
_WORKING_WORDS = re.compile(r"hide or delete|(?:row|col(?:umn)?|line)[ _]?(?:no|num|number|ref)\.?", re.IGNORECASE)


def _working_row(row: list[Any]) -> bool:
    """Whether a row is a return's working row over its header: a word or two naming it, then a form's
    line or column number over every column, repeating from block to block (``Row_no | 11 | 11 | 11 |
    ... | 12``, ``Col_no | 1 | 2 | ... | 7 | 1 | 2``): the numbers of the cells, no figures."""
    filled = [v for v in row if not blank(v)]
    words = 0
    while words < len(filled) and cell_class(filled[words]) == TEXT:
        words += 1
    numbers = [whole_number(v) for v in filled[words:]]
    return 0 < words <= 2 and any(_WORKING_WORDS.fullmatch(str(v).strip()) for v in filled[:words]) \
        and len(numbers) >= 10 and None not in numbers and len(set(numbers)) * 2 <= len(numbers)


def _about_the_data(row: list[Any]) -> bool:
    """Whether a row is a line of a metadata block: a name in words, then at most its value."""
    filled = [v for v in row if not blank(v)]
    return 1 <= len(filled) <= 2 and cell_class(filled[0]) == TEXT


# The names of the lines a data service (Nomis) writes above an extract, one name and value a line:
# one of them says what the figures are
_DESCRIBING_NAME = re.compile(r"\s*(?:measures?|indicator|statistic|variable|value\s+type)\s*:?\s*", re.IGNORECASE)
# lines of them that say nothing of what the figures are: where, when and in what they are counted
_NOT_DESCRIBING = re.compile(r"\s*(?:units?|dates?|time|geography|area\s+type)\s*:?\s*", re.IGNORECASE)
# a dimension at its total ("Total", "total (all ages)", "All persons") names nothing the figures are of
_TOTAL_VALUE = re.compile(r"\s*(?:total\b.*|all\s+\w+(?:\s+\w+)?)\s*", re.IGNORECASE)


def _described_above(stream: Peekable) -> list[tuple[str, str]]:
    """The ``name | value`` lines in words from the next row down to a blank row, when one is named as
    what the figures are (Nomis: ``cause of death | LC01b Accidental falls``, ``gender | Total``,
    ``measure | Age-standardised mortality rate``, then a blank row and the table): they describe the
    table below and are no table of their own. Empty when the rows are not such lines."""
    facts, column = [], None
    for _, row in stream.ahead(HEAD_ROWS):
        filled = [c for c, v in enumerate(row) if not blank(v)]
        if not filled:
            break
        if len(filled) != 2 or filled[1] != filled[0] + 1 or column not in (None, filled[0]) \
                or not all(cell_class(row[c]) == TEXT for c in filled):
            return []
        column, name = filled[0], cell_text(row[filled[0]]).strip()
        if len(name.split()) > 4:
            return []
        facts.append((name.rstrip(": "), cell_text(row[filled[1]]).strip()))
    else:
        return []
    return facts if len(facts) >= 2 and any(_DESCRIBING_NAME.fullmatch(name) for name, _ in facts) else []


def _description(facts: list[tuple[str, str]]) -> str:
    """What the lines above a table say its figures are: their values, less the totals and units."""
    return " / ".join(value for name, value in facts
                      if not _NOT_DESCRIBING.fullmatch(name) and not _TOTAL_VALUE.fullmatch(value))


def _listed_under(text: str, stream: Peekable) -> int:
    """How many lines of ``name | value`` in words a lone text ending in a colon heads (a census table
    builder's ``Filters:``, then ``Default Summation | Households``), up to a blank row: they state what
    the table below counts, and are no header of it. 0 when they are not such lines."""
    if not text.endswith(":") or NUMBERED_TITLE.match(text):
        return 0
    lines = 0
    for _, row in stream.ahead(HEAD_ROWS)[1:]:
        filled = [v for v in row if not blank(v)]
        if not filled:
            return lines
        if len(filled) != 2 or not all(cell_class(v) == TEXT for v in filled) or is_stated_fact(row):
            return 0   # (a cover's "Revised:" over "Status: | Published": lines of their own)
        lines += 1
    return 0


def _over_figures(row: list[Any], stream: Peekable, starts: dict[int, int | None], alone: bool = False) -> bool:
    """Whether a lone text cell stands right of where the next rows start: a header over a column
    of figures (``2020/21`` above ``129,968,128``), not a title. ``starts``: where each row below
    starts, None for a blank row or one with a single text, as found so far for the rows looked
    at again (a list of names, each row a lone text, looked each time at the forty rows below it).
    A lone text over the scale its column is in (``Net Current Expenditure`` over ``£ thousand``, the
    rows below starting there) is that column's header too. But the only text above a table
    (``alone``), standing just right of all its columns, is over none: its title, set far from A1
    (DCLG's COR4 form: ``Capital Receipts`` in F40 over a header in B42:E42)."""
    column = next(c for c, v in enumerate(row) if not blank(v))
    for r, below in stream.ahead(HEAD_ROWS)[1:]:
        if r in starts:
            first = starts[r]
        else:
            first = next((c for c, v in enumerate(below) if not blank(v)), None)   # (a wide sheet's rows: not each cell)
            first = starts[r] = None if first is None or single_text(below) is not None else first
        if first is not None:
            if first < column and alone and (_just_right_of(stream, column) or _over_labels(below, first, column)):
                return False
            return first < column or (first == column and bool(SCALE_CELL.fullmatch(cell_text(below[column]))))
    return False


def _over_labels(below: list[Any], first: int, column: int) -> bool:
    """Whether a lone text stands over the labels of the row ``below``, whose cells before them are
    line numbers (COR4's ``16 | Capital grants from central government departments``): its title
    (``B. RESOURCES USED TO FINANCE CAPITAL EXPENDITURE IN 2007-08``), over no column of figures."""
    return column < len(below) and cell_class(below[column]) == TEXT \
        and all(cell_class(v) == "number" for v in below[first:column] if not blank(v))


NEAR_TITLE = 3   # columns right of a table's last that a title over it may stand
_TABLE_ROWS = 6   # the rows under a lone text looked at for a cell under it


def _just_right_of(stream: Peekable, column: int) -> bool:
    """Whether the first filled rows under a lone text all end left of its ``column``, and no more
    than :data:`NEAR_TITLE` columns left of it: the text stands over no column of theirs."""
    ends = []
    for _, below in stream.ahead(HEAD_ROWS)[1:]:
        if len(ends) == _TABLE_ROWS:
            break
        if not blank_row(below):
            ends.append(max(c for c, v in enumerate(below) if not blank(v)))
    return bool(ends) and max(ends) < column and column - max(ends) <= NEAR_TITLE


def _past_alike(stream: Peekable, row: list[Any]) -> None:
    """Passes the rows after ``row``, which started no table, that are just like it (the same kinds
    of cell in the same columns, none a title) while the :data:`HEAD_ROWS` rows from each are too:
    a row like those above it is no header over them, and such a list (thousands of names and codes,
    a column of figures with no labels) is passed in one step rather than each of its rows tried again
    over the forty below it. Its last rows, with other rows within reach, are tried as any; but a
    list of words that runs on to a blank row or the sheet's end is passed to its end: a table
    starting among its last rows would be words over words, two rows of the list under a third."""
    kinds = _kinds(row)
    words = set(kinds) <= {TEXT, BLANK}
    alike = 0   # how many rows from the next one are known to be like it
    while True:
        while alike < HEAD_ROWS and (item := stream.at(alike)) is not None and _kinds(item[1]) == kinds \
                and single_text(item[1]) is None and numbered_title(item[1]) is None \
                and title_and_scale(item[1])[0] is None:
            alike += 1
        if alike < HEAD_ROWS:
            if words and ((after := stream.at(alike)) is None or all(blank(v) for v in after[1])):
                for _ in range(alike):
                    stream.next()
            return
        stream.next()
        alike -= 1


def _kinds(row: list[Any]) -> tuple[str, ...]:
    """The kind of each cell of a row (:func:`cell_class`), to its last filled one."""
    kinds = [cell_class(v) for v in row]
    while kinds and kinds[-1] == BLANK:
        kinds.pop()
    return tuple(kinds)


def _block(stream: Peekable) -> list[tuple[int, list[Any]]]:
    """The rows from here to the next blank row (at most :data:`HEAD_ROWS`)."""
    head = []
    for r, row in stream.ahead(HEAD_ROWS):
        if blank_row(row):
            break
        head.append((r, row))
    return head


def _side_by_side_rows(stream: Peekable, label_col: int) -> int:
    """How many rows from here tables side by side share: to the next blank row, and on past blank
    rows while the row after them is one of the first table's rows (a label and figures or marks:
    the scorecard's next section), at most :data:`SIDE_BY_SIDE_ROWS`."""
    taken = gap = 0
    for r, row in stream.ahead(SIDE_BY_SIDE_ROWS):
        if blank_row(row):
            gap += 1
            continue
        if gap and not (label_col < len(row) and cell_class(row[label_col]) == TEXT
                        and any(cell_class(v) in ("number", "special") for v in row)):
            break
        taken, gap = taken + gap + 1, 0
    return taken


def _within(block: list[tuple[int, list[Any]]], cols: range | set[int]) -> Iterator[tuple[int, list[Any]]]:
    """The rows of ``block`` with only the cells of ``cols``: a table beside others reads its own
    columns (the cells of the table beside it are no end of it, nor a title over it)."""
    runs: list[list[int]] = []   # cols as runs of adjacent columns, each copied as a slice
    for c in sorted(cols):
        if runs and runs[-1][1] == c:
            runs[-1][1] = c + 1
        else:
            runs.append([c, c + 1])
    for r, row in block:
        out = [None] * len(row)
        for start, stop in runs:
            out[start:stop] = row[start:stop]   # (as long as the row: both slices end with it)
        yield r, out


def _prepare(sheet: Sheet, layout: TableLayout, seen: dict[int, list[Any]], titles: list[str], *, file_stem: str,
             kind: str | None, overrides: Sequence[TableLayout], recall: Recall | None,
             corrections: Corrections = Corrections(), sheet_titles: Sequence[str] = ()) -> FoundTable:
    """Settle the layout: detected, then remembered for this shape, then the officer's override. The
    period is the one its own titles state, else the sheet's title (over a table above it), the sheet's
    name, the file's name."""
    header_texts = [cell_text(row[c]) if c < len(row) else ""
                    for row in (seen.get(h - 1) or [] for h in layout.header_rows) for c in layout.col_range]
    shape = shape_key(sheet.name, header_texts)
    source = "detected"
    answers: dict[str, str] = {}   # what the officer's corrections answer of the doubts, and how (report.answer)
    detected = layout.header_rows, layout.label_column
    memory = recall(shape) if recall is not None else None
    if memory and layout.recall(memory):
        source = "remembered for this shape"
        earlier = "for an earlier import of this shape"
        if layout.keys_by_hand:   # the officer named them then: what tells the rows apart
            layout.give_keys(layout.key_columns, seen)
        if (layout.header_rows, layout.label_column) != detected or layout.keys_by_hand:   # as corrected then
            answers[LAYOUT_DOUBT] = f"the layout was set by hand {earlier}"
        if layout.unit_by_hand:
            answers[UNIT_DOUBT] = f"the unit was set by hand {earlier}"
    else:
        memory = None
    override = next((o for o in overrides if o.sheet == sheet.name and layout.covers(o)), None)
    if override is not None:
        answers[LAYOUT_DOUBT] = "the layout was set by hand"
        if override.unit is not None and override.unit != layout.unit:   # chosen, not left as read
            answers[UNIT_DOUBT] = "the unit was set by hand"
        if override.period or override.period_cleared:
            answers[PERIOD_DOUBT] = "the period was set by hand"
        # given or changed by hand, or as given by hand before: a unit or keys left as read are not the officer's
        unit_by_hand = override.unit is not None and (override.unit != layout.unit or layout.unit_by_hand)
        keys_by_hand = override.key_columns != layout.key_columns or layout.keys_by_hand
        layout = TableLayout.from_dict(override.to_dict())
        layout.unit_by_hand, layout.keys_by_hand = unit_by_hand, keys_by_hand
        if layout.label_column in layout.key_columns:   # made the label by hand: no longer a key as well
            layout.key_columns = tuple(k for k in layout.key_columns if k != layout.label_column)
            layout.key_roles = ()
        if len(layout.key_roles) != len(layout.key_columns):
            layout.key_roles = key_roles(layout, seen)
        source = "set by hand"
    corrected = corrections.apply(layout, seen) if corrections else []
    if corrected:
        source = "corrected by hand: " + "; ".join(corrected)
    if corrections.header_rows or corrections.label_column or corrections.key_columns is not None:
        answers[LAYOUT_DOUBT] = "the layout was set by hand"
    if corrections.unit:
        answers[UNIT_DOUBT] = "the unit was set by hand"
    reasons_for = _head_sample(layout, seen)
    if kind is not None:
        layout.kind, layout.kind_reason = kind, "set with --kind"
    elif override is None and not (memory and memory.get("kind")):
        layout.kind, layout.kind_reason = detect_kind(*reasons_for)
    # A title written in the header's top-left cell, over the names ("Dedicated schools grant: 2023
    # to 2024 high needs block deductions" in A1 beside the group headers) is the table's title too.
    top = seen.get(layout.header_rows[0] - 1) or [] if layout.header_rows else []
    corner = cell_text(top[layout.col_range[0]]) if layout.col_range and layout.col_range[0] < len(top) \
        and not blank(top[layout.col_range[0]]) else ""
    corner_title = [corner] if len(corner.split()) >= 4 and corner not in titles else []
    own = [*titles, *corner_title]
    sheets = [] if any(parse_period(t) for t in own) else [t for t in sheet_titles if t not in own]
    sources = [("the title", t) for t in own] + [("the sheet's title", t) for t in sheets] + [
        ("the sheet name", "" if sheet.coded else sheet.name), ("the file name", file_stem.replace("_", " ")),
        ("the workbook's metadata sheet", sheet.stated)]
    context = context_period([text for _, text in sources])
    period_reason = "set by hand" if layout.period else PERIOD_CLEARED if layout.period_cleared else ""
    if not layout.period and not layout.period_cleared and context is not None:
        layout.period = context.label()
        period_reason = next(where for where, text in sources if parse_period(text))
    report = TableReport(sheet=sheet.name, title=layout.title, cell_range="", kind=layout.kind,
                         header_rows=list(layout.header_rows), label_column=layout.label_column, unit=layout.unit,
                         kind_reason=layout.kind_reason, units_row=layout.units_row, period=layout.period,
                         layout_source=source, unit_reason=layout.unit_reason, period_reason=period_reason)
    for about, how in answers.items():
        report.answer(about, how)
    describe_keys(layout, seen, report)
    if LAYOUT_DOUBT not in answers:   # (doubts about the header rows found, which the officer's replaced)
        for doubt in layout.doubts:
            report.doubt(doubt, LAYOUT_DOUBT)
    return FoundTable(layout, report, shape)


def _head_sample(layout: TableLayout, seen: dict[int, list[Any]]) -> tuple[list[str], list[str], set[str]]:
    """Header texts, row labels and statuses of the table's first rows, for :func:`detect_kind`."""
    label_col, cols = layout.label_col, layout.col_range   # (each worked out from the letters when asked)
    if layout.ignored_columns:   # (a titled block beside others: its own columns only)
        ignored = {column_index(letter) for letter in layout.ignored_columns}
        cols = [c for c in cols if c not in ignored]
    measures = [" ".join(cell_text(seen[h - 1][c]) for h in layout.header_rows
                         if c < len(seen.get(h - 1, [])) and not blank(seen[h - 1][c]))
                for c in cols if c > label_col]
    labels, statuses, start = [], set(), layout.data_start
    for r, row in sorted(seen.items()):
        if r < start or not row or label_col >= len(row) or blank(row[label_col]):
            continue   # (a row of letters marking a survey's significant differences flags no variance: no label)
        labels.append(cell_text(row[label_col]))
        for c in cols:
            if c > label_col and c < len(row) and cell_class(row[c]) == "special":
                statuses.add(parse_text(str(row[c])).status)
    return [m for m in measures if m], labels, statuses

