"""Reading one table, once its layout is known: measures, units, periods, then row by row.

Rows are streamed: at most :data:`ROLE_WINDOW` parsed rows wait for their sub total / total role
(which may depend on rows further down), so memory stays bounded on a million-row sheet.

Plain rows (:meth:`TableReader._plain`: every figure read just as its column says) are tested
:data:`BATCH_ROWS` at a time and kept column-wise, as a :class:`FigureBlock`, when their window of
rows keeps its roles (:meth:`TableReader._settled`); every other row is read cell by cell. Both
give the same observations (``tests/unit/test_plain_rows.py`` checks it field by field). A large
CSV's rows after a plain batch are read column-wise by Arrow while they stay plain
(:meth:`TableReader._columnwise`), in the same windows: the same again (``tests/unit/test_csv_columnwise.py``).

What the reader asks of its rows lives beside it: :mod:`.plain_row` (a plain row's tuple and tests on
runs of them), :mod:`.label_words` (what labels may name or state), :mod:`.figure_arrays` (cells as
float64 arrays, the vectorised sums test) and :mod:`.header_groups` (a group header spread over its columns).

Benchmark convention: a column whose header names benchmarks or comparators (``National
benchmarking``) keeps each cell's text as written (``England, 53% South West, 53%``) as an
observation with status ``text``; each ``name, figure`` pair in it that parses is stored as an
extra observation with measure ``Benchmark: <name>`` (``Benchmark: England``, 53, ``percent``), the
same row, source cell and period, in an extra column after the table's last one.
"""

from __future__ import annotations

import calendar
import re
from array import array
from math import isfinite
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import chain, compress, count, groupby, repeat
from operator import getitem, itemgetter, not_
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

import numpy as np

from memberpack.errors import Cancelled
from memberpack.importers.cells import a1, column_index, column_letter
from memberpack.importers.column_rows import ColumnRows, HeldRows
from memberpack.importers.figure_arrays import (
    DATE_KINDS, EXACT, FEWEST_BATCH_ROWS, as_figures, columns_as_figures, dates_as_days, holds_date, may_add_up)
from memberpack.importers.header_groups import fill_right
from memberpack.importers.label_words import (
    A_NUMBER, MARKED, UNIT_HINT, YEARISH, any_marked, dated_labels, label_indexes, label_stated_unit, labels_found,
    labels_name_all, may_state_unit_or_period, period_in_label, places_of, single_spaced, words_before_numbers)
from memberpack.importers.plain_row import (
    AREA_OF, AT_AREA, AT_FIGURES, AT_KIND, AT_LABEL, AT_PERIOD, AT_ROW, AT_SECTION, AT_TEXTS, AT_VALUES, FIGURES_OF,
    FIRST_VALUE, LABEL_OF, PERIOD_OF, PlainRow, ROLE_OF, ROW_OF, SECTION_OF, TEXTS_OF, all_data, figures_written,
    figures_written_row, first_figure, names_all, none_written, one_run, plain_row_unit, read_alike, row_number,
    row_role, two_runs, with_section)
from memberpack.importers.csv_reader import ColumnChunk, CsvColumns
from memberpack.importers.header_notes import noted_markers
from memberpack.importers.headers import (
    column_codes, counts_up, has_marker, is_series_row, is_year, letter_markers, marked_years, strip_marker)
from memberpack.importers.keys import (
    AREA, PERIOD, REFERENCE, SECTION, UNITS_HEADER, KeyColumn, RowKeys, alike_keys, date_periods, ignores_label, row_keys, section_texts,
    totals_row, unit_of_row)
from memberpack.importers.label_keys import LabelKeys
from memberpack.model.number_formats import (divides_by, general, is_percent, render, shown_otherwise,
                                             writes_percent_sign)
from memberpack.importers.layout import (
    THOUSANDS as _THOUSANDS, TableLayout, blank, cell_class, cell_text, is_header_like, is_units_row, strip_periods)
from memberpack.importers.percent_fractions import PercentFractions, read_as_fractions
from memberpack.importers.plain_numbers import FORMATTED_NUMBER, PLAIN_NUMBER, plain_figures
from memberpack.importers.reader import Sheet
from memberpack.importers.report import FIGURES_DOUBT, FRACTIONS_DOUBT, LAYOUT_DOUBT, UNIT_DOUBT, TableReport
from memberpack.importers.roles import (
    SUBTOTAL_WORDS, TOTAL_WORDS, ParsedRow, assign_roles, role_from_words, rounding_step, summed_apart)
from memberpack.importers.stated_amounts import StatedAmounts
from memberpack.importers.stream import Peekable
from memberpack.importers.table_layout import officer_said
from memberpack.importers.subtotal_groups import (
    adds_up_none, adds_up_some, closed_groups, group_bounds, may_add_up_subtotals, may_run_on, names_apart)
from memberpack.importers.table_ends import LOOKAHEAD, TableEnds, is_footnote
from memberpack.model.blocks import BlockColumn, Coded, FigureBlock, RowStatuses, Texts
from memberpack.model.display import counted
from memberpack.model.metrics import (CATALOGUE, OTHER_METRIC, Metric, catalogue_words_each, catalogue_words_found,
                                      match_metric, mentions_catalogue)
from memberpack.model.observation import BUDGET_MONITOR, DATA, KPI_SCORECARD, SUBTOTAL, Observation
from memberpack.model.periods import (
    CALENDAR_MONTH, CALENDAR_YEAR, CALENDAR_YEARS, MONTH_NAMES, YEAR, YEARS, YEARS_SPAN, Period, is_revision_note,
    parse_period, relative_year, span_end, years_named)
from memberpack.model.short_text import shortened
from memberpack.model.units import (
    COUNT, GBP, MINUTES, NUMBER, PER_10000, PERCENT, PERCENTAGE, POUNDS, Unit, described_unit, find_unit, may_name_own_unit,
    own_unit, unit_in_name)
from memberpack.model.values import (
    MAX_FIGURE, OUT_OF_RANGE, TEXT, CellValue, clean_number, duration_minutes, from_number, not_plainly_words, parse_text)

ROLE_WINDOW = 2_000
COLUMNWISE = True   # a large CSV's plain rows read column-wise (False: as every other file's, a batch of rows at a time)


def _fraction(value: Any) -> float | None:
    """A cell's figure as written, plain numbers only (a CSV's text figure too)."""
    if type(value) is str:
        return _text_figure(value)
    return float(value) if type(value) in (int, float) else None


def _add_sums(sums: dict[int, list[float]], part: list[Observation] | FigureBlock, column_at: dict[str, int]) -> None:
    """Add the figures of a part's data rows to each column's sum and count (by the column's index)."""
    if type(part) is list:
        for obs in part:
            if obs.row_role == DATA and obs.value is not None:
                seen = sums.setdefault(column_at.get(obs.cell.rstrip("0123456789"), -1), [0.0, 0])
                seen[0] += obs.value
                seen[1] += 1
        return
    roles = part.roles
    if DATA not in roles.values:
        return
    data = roles.codes == roles.values.index(DATA) if len(roles.values) > 1 else None   # (else all of them)
    for column in part.columns:
        values = column.values if data is None else column.values[data]
        total, count = float(values.sum()), len(values)
        if not isfinite(total):   # a blank, mark or text among them (NaN): the others' sum
            values = values[np.isfinite(values)]
            total, count = float(values.sum()), len(values)
        seen = sums.setdefault(column_at.get(column.letter, -1), [0.0, 0])
        seen[0] += total * (column.factor if column.raw else 1.0)
        seen[1] += count


BATCH_ROWS = 500          # rows tested together for being plain (TableReader._plain_batch)
PROGRESS_EVERY = 5_000
_UNCACHED = "formula with no cached value (open and save the workbook in Excel to calculate it); not guessed"
_CODED_FIGURE = re.compile(r"[-(.,]")   # a figure as written, not a code: "(145,000)", "-3", "12.5", "1,500"
# a percentage's stated cap in its header: "(maximum 2%)", "capped at 5%", "up to 2%"
_PERCENT_CAP = re.compile(r"\b(?:maximum(?: of)?|max\.?|capped at|up to|limit(?:ed)? (?:of|to))\s*(\d+(?:\.\d+)?)\s*%", re.I)
_OWN_WORDS = 5          # first cells sampled, all words, that make a column one of words (TableReader._worded)
_LEFT_SAMPLE = 12         # first named rows that tell a column of figures left of the names (TableReader._figures_left)
_BENCHMARK_HEADER = re.compile(r"bench|compar|national|england|neighbour|regional", re.IGNORECASE)
_BENCHMARK = re.compile(r"\s*(?P<name>[A-Za-z][A-Za-z .'&-]*?)\s*[,:]?\s*(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*"
                        r"(?P<unit>%|per\s*10,?000)?\s*")
_PERIOD_WORDS = re.compile(r"\b(?:to|and|from)\b", re.IGNORECASE)   # what is left of "1996 to 1997" once its years go
# A title's number ("Table 3:") and, from the first year it names on, the years it covers
_TITLE_NUMBER = re.compile(r"\btable\s+[\w.]+\s*[:\-–]\s*", re.IGNORECASE)
_TITLE_YEARS = re.compile(rf",?\s+(?:(?:from|between|in|for|at)\s+)?(?:(?:\d{{1,2}}\s+)?(?:{'|'.join(MONTH_NAMES)})\s+)?"
                          r"(?:19|20)\d{2}\b.*$", re.IGNORECASE)
_WHOLE_YEARS = (YEAR, CALENDAR_YEAR, YEARS, CALENDAR_YEARS)
_BROKEN_DOWN = re.compile(r"\bby\s+\w", re.IGNORECASE)   # "... by client group": the rows break it down
# a column of changes, or figures counted from a date ("Change from 2019", "since 1 April 2018"): its year is
# no period of its figures; "from" before anything else ("income due from Council Tax ... 2015-16") is a word
_NO_PERIOD = re.compile(r"\b(?:change|movement|direction)\b|\b(?:from|since)\s+(?:\S+\s+){0,2}?(?:(?:19|20)\d\d|"
                        r"\d\d/\d\d|last|previous|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b)",
                        re.IGNORECASE)
# what a figure was worked out from, in brackets after its name: its years date that data, not the figure
_BASED_ON = re.compile(r"\((?:based on|using|calculated from)\b[^()]*\)", re.IGNORECASE)
# ... or the year projections were made from: "(2016-based household projections for 2018)" are for 2018
_BASE_YEAR = re.compile(r"\b(?:19|20)\d\d(?:[-/]\d\d)?[-\s]based\b", re.IGNORECASE)
_TEXT_COLUMN = re.compile(r"^\s*(?:comments?|commentary|notes?|narrative|remarks?)\b", re.IGNORECASE)
_DEFINES = re.compile(r"\b(?:description|definition)\b", re.IGNORECASE)
_PLACE = re.compile(r"geograph|\b(?:areas?|authority|council|region|organisation|provider|school|establishment|ward|"
                    r"address)\b", re.IGNORECASE)   # ("Geographical Description": a place's name, no indicator's)
# a row giving what an indicator's outcome is made of, or how sure it is: in no unit its description names
_COMPONENT = re.compile(r"\b(?:numerator|denominator|base|counts?|margin\s+of\s+error|confidence|"
                        r"(?:lower|upper)\s+(?:ci|cl|confidence|limit|bound)|sample(?:\s+size)?|respondents)\b",
                        re.IGNORECASE)
_DESCRIBES = re.compile(r"\b(?:indicator|measure|variable|statistic|description|unit|units)\b", re.IGNORECASE)
# counted in thousands: "(thousand)", "Number of households in area (000s)"; not a rate "per (000s)" (per thousand)
_IN_THOUSANDS = re.compile(r"\((?:in\s+)?thousands?\)|\bthousands\b(?!\s+of\s+pounds)|(?<!per)(?<!per\s)\(\s*'?000'?s?\s*\)",
                           re.IGNORECASE)
_SERIES_CODE = re.compile(r"[A-Z][A-Z0-9]{2,5}(?: \([A-Z]{1,3}\))?")   # ONS series identifiers: MGSL, LF2P
_COLUMN_NUMBER = re.compile(r"1?\d{1,3}")   # "4" in a header row that also numbers the columns: not a name
# a column kept for the workbook's formulas ("DO NOT DELETE AS USED FOR LOOKUPS", "VLOOKUP column reference")
_HELPER_HEADER = re.compile(r"\bdo\s+not\s+delete\b|\bused\s+for\s+look\s*-?ups?\b|\bv?lookup\s+column", re.IGNORECASE)
# where a row's place is, not a figure about it: coordinates ("GeoX", "Easting", "Latitude"), its street number
# or property reference (UPRN); and a code given in figures ("MerchantCategoryCode" 5199), the name beside it
_PLACE_HEADER = re.compile(r"\s*(?:geo\s*[xy]|[xy][\s_-]*coord(?:inate)?s?|eastings?|northings?|latitude|longitude|"
                           r"(?:street|house|building)[\s_-]*(?:number|no\.?)|u[ps]rn)\s*", re.IGNORECASE)
_CODE_NAME = re.compile(r"(?:[A-Za-z]+[\s_-]+){0,3}code", re.IGNORECASE)
_DEFAULT_NAME = re.compile(r"Column\s?\d{1,3}")   # the name Excel gives an unnamed table column: no name
_PIVOT_CAPTION = re.compile(r"(?:Row|Column) Labels")   # a pivot table's captions over its fields: no name
_UNNAMED = re.compile(r"Column [A-Z]{1,3}")   # the name this reader gives a column with no header
_CURRENCY = re.compile(r"[£$€]")
_POUNDS_TEXT = re.compile(r"\s*[-(]?\s*£\s*[-(]?\s*\d")   # a figure written in pounds: "£60.00", "-£5", "(£1,200)"
# A coded header ending in its year after an underscore ("SIMDEMP_2012", "CLA_2016"): what the column's figures are for
_CODED_YEAR = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)*_((?:19|20)\d{2})")
# ... or ending in a split year, its halves joined by an underscore ("y1_2026_27", "fy2030_31"): that year
_CODED_SPLIT_YEAR = re.compile(r"[A-Za-z][A-Za-z0-9]*?(?:_[A-Za-z0-9]+)*?_?((?:19|20)\d{2})_(\d{2})")
_CLOCK = re.compile(r"\d{1,3}:(\d\d)")   # a duration as written: what follows the colon
CLOCK_SEEN = 5   # durations in a column before minutes that never pass 11 cast doubt on hours:minutes
_NOT_MONEY = re.compile(r"\b(?:numbers?|no\.|count|pupils|fte|headcount|population|rates?|ratio|per|percent(?:age)?|"
                        r"days|weeks|students|learners|index|score)\b|%", re.IGNORECASE)
_MONEY_WORDS = re.compile(r"\b(?:expenditure|spend|spending|budgets?|costs?|income|funding|grants?|allocations?|amounts?|receipts|borrowing|"
                          r"remuneration|salar(?:y|ies)|wages?|interest|fees|"
                          r"outturn|forecast|variance|reserves?|balances?|£)", re.IGNORECASE)
_SCORECARD_WORDS = re.compile(r"\b(?:outturn|forecast|variance)\b", re.IGNORECASE)
# A key naming a row as money ("Finance Type": "Expenditure", "Income"), not naming what the money is for
_MONEY_KEY = re.compile(r"\s*(?:gross |net |total )?(?:expenditure|spend|spending|income|costs?|budget)\s*", re.IGNORECASE)
_RATIO = re.compile(r"\bratio\b", re.IGNORECASE)   # "Ratio: property value / hh income": no money
# A band of pounds naming what a column counts ("Households income '£15k to £19k'", "less than £15k", "£150k+")
_POUND_BAND = re.compile(r"£\s?[\d.,]+\s?[km]?\s*(?:to|-|–)\s*£?\s?\d|\b(?:less than|under|below|over|above|more than|up to)"
                         r"\s+£\s?\d|£\s?[\d.,]+\s?[km]?\s*(?:\+|or more\b|and (?:over|above)\b)", re.IGNORECASE)
_NUMBER_OF = re.compile(r"\bnumbers? of\b", re.IGNORECASE)
# A column of rates, shares or averages: its figures are no count, whatever the row counts
_NOT_A_COUNT = re.compile(r"\b(?:rates?|ratio|average|mean|median|percent(?:age)?|proportion|per)\b", re.IGNORECASE)
# A column counting what a rate or share is made of ("numerator", "Denominator"): not in the unit a row's units cell gives
_COUNTED = re.compile(r"\b(?:numerator|denominator|counts?)\b|\bnumbers? of\b", re.IGNORECASE)
# A header asking how many ("How many organisations did you provide grants to?", "# of LAS", "Number of authorities
# that confirmed ... 'Off-Balance Sheet' basis"): a count, whatever it names
_HOW_MANY = re.compile(r"^\s*(?:how many\b|#|numbers? of\b)", re.IGNORECASE)
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")   # where camelCase runs words together
_COUNT_METRICS = frozenset(m.id for m in CATALOGUE if m.unit == COUNT)
# Labels a plain row may not have: one naming a total or a count.
_ODD_LABEL = re.compile("|".join(p.pattern for p in (SUBTOTAL_WORDS, TOTAL_WORDS, _NUMBER_OF)), re.IGNORECASE)
_TOTALLING = re.compile("|".join(p.pattern for p in (SUBTOTAL_WORDS, TOTAL_WORDS)), re.IGNORECASE)

_TEXT_CACHE = 50_000   # distinct texts remembered per table (a comment column may hold one a row)


@dataclass(slots=True)
class Column:
    """One measure column, with what every cell of it shares worked out once."""

    index: int
    measure: str
    unit: Unit | None
    period: Period | None
    benchmark: bool
    code: str | None = None
    position: int = 0             # column within the table (the label column is 0)
    letter: str = ""
    period_label: str | None = None
    factor: float = 1.0
    base: str | None = None
    percent: bool = False
    pounds: bool = False          # a pound format on a column with no unit: its figures are pounds (read_value)
    signed: bool = False          # a format writing "%" after its number, on a column with no unit: percentages
    clock: str | None = None      # what its header says a written "1:18" is: a "ratio", or "mm:ss" (else hours:minutes)
    metrics: dict = field(default_factory=dict)   # unit -> metric id, for rows whose label names no metric

    def metric(self, unit: str | None, lookup) -> str:
        """The metric of this column's figures in ``unit`` when the row label names none."""
        found = self.metrics.get(unit)
        if found is None:
            found = self.metrics[unit] = lookup("", self.measure, unit)
        return found

    def __post_init__(self) -> None:
        self.factor = self.unit.factor if self.unit else 1.0
        self.base = self.unit.base if self.unit else None
        self.learn_format(self.code)

    def learn_format(self, code: str | None) -> None:
        """The column's number format, from its first formatted cell: later rows are assumed alike."""
        self.code, self.percent = code, is_percent(code)
        self.pounds = self.unit is None and bool(code) and "£" in code
        self.signed = self.unit is None and writes_percent_sign(code)


class _Ahead:
    """The rows from one row of a batch on (and the stream's after them), as :class:`TableEnds` looks ahead."""

    def __init__(self, items: list) -> None:
        self._items = items

    def ahead(self, n: int) -> list:
        return self._items[:n]


class _PlainNumbers(Mapping):
    """A plain row's figures as :meth:`TableReader._read_cells` gives them (column -> (value in
    base units, text shown)), each read when asked: :func:`assign_roles` asks one or two of a
    row's. ``columns``: :meth:`TableReader._number_columns`; every one holds a figure when the
    row's are ``bounded`` (as :meth:`TableReader._block` bounds them), else they are read at once."""

    __slots__ = ("_values", "_columns", "_read")

    def __init__(self, values: list[Any], columns: dict[int, tuple], bounded: bool) -> None:
        self._values, self._columns, self._read = values, columns, {}
        if not bounded:   # a figure may read as none (out of range): the columns are those that hold one
            self._read = {index: figure for index in columns if (figure := self._cell(index))[0] is not None}
            self._columns = {index: columns[index] for index in self._read}

    def _cell(self, index: int) -> tuple[float | None, str]:
        j, unit, code = self._columns[index]
        cell = read_value(self._values[j], unit, code)
        return cell.value, cell.display

    def __getitem__(self, index: int) -> tuple[float, str]:
        found = self._read.get(index)
        if found is None:
            found = self._read[index] = self._cell(index)
        return found

    def __iter__(self) -> Iterator[int]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)


def describes_measure(header: str) -> bool:
    """Whether a column's header says it holds what the figures are (``indicator``, ``measure``, ``unit``)."""
    return _DESCRIBES.search(header) is not None


def _coded_year(measure: str) -> Period | None:
    """The year a coded header ends with after an underscore (a split year ``2026_27`` too), or None."""
    if (m := _CODED_SPLIT_YEAR.fullmatch(measure.strip())) and int(m.group(2)) == (int(m.group(1)) + 1) % 100:
        return Period(YEAR, int(m.group(1)))
    m = _CODED_YEAR.fullmatch(measure.strip())
    return Period(CALENDAR_YEAR, int(m.group(1))) if m else None


# a coded name starting with its date ("2023_03_31_band_d", "1993_04_01_all_properties", VOA's CTSOP)
_CODED_DATE = re.compile(r"(?<![\w])((?:19|20)\d{2})_(0[1-9]|1[0-2])_(\d{2})_[a-z]")


def _coded_date(measure: str) -> Period | None:
    """The month of the date a coded name starts with (``2023_03_31_band_d``: March 2023), or None."""
    m = _CODED_DATE.search(measure)
    return parse_period(f"{int(m[3])} {calendar.month_name[int(m[2])]} {m[1]}") if m else None


def _shows_only(code: str | None, unit: Unit | None) -> bool:
    """Whether a figure in number format ``code``, in a column of ``unit``, reads as it is, the
    format only showing it (thousands, decimals, brackets): not a percentage, nor pounds or a
    percentage sign written after it where no unit is stated (:func:`read_value`)."""
    return not code or not is_percent(code) and (unit is not None or "£" not in code and not writes_percent_sign(code))


def _joined(part: str | None, texts: Sequence[str]) -> str | None:
    """A row's section: the part of the table it is in (a heading's), then its key columns' texts, each
    once (a group alone on its row, then beside each of its lines; ``England`` as an area's code, name
    and level)."""
    return " / ".join(dict.fromkeys(filter(None, (part, *texts)))) or None


def _joined_columns(part: str | None, columns: list[list[str]]) -> list[str | None]:
    """:func:`_joined` of each row of key columns' texts (``columns``, one list each): where no column
    has a blank and no text is in two columns or is the part, each row's texts are simply joined."""
    distinct = [set(column) for column in columns]
    every = set().union(*distinct)
    if "" in every or part in every or len(every) != sum(map(len, distinct)):
        return [_joined(part, texts) for texts in zip(*columns)]
    return list(map(" / ".join, zip(repeat(part), *columns) if part else zip(*columns)))


_CARRIED = (SECTION, PERIOD)   # key columns whose blank cells take the value above them (keys.row_keys)


def _shared(items: Sequence) -> Coded:
    """:meth:`Coded.of` items that rows share (a batch's few kinds, its keys' periods), grouped by
    identity first: hashing each row's tuple or :class:`Period` again is slow."""
    ids = list(map(id, items))
    objects = dict(zip(ids, items))   # each distinct object, in order of its first row
    distinct = dict.fromkeys(objects.values())
    if len(distinct) == len(items):
        return Coded(np.arange(len(items), dtype=np.int32), list(distinct))
    index = {item: i for i, item in enumerate(distinct)}
    codes = {i: index[item] for i, item in objects.items()}
    return Coded(np.fromiter(map(codes.__getitem__, ids), dtype=np.int32, count=len(ids)), list(distinct))


def _marked_metrics(marks: np.ndarray, as_figure: str, as_mark: str) -> Coded | None:
    """The metric of each row of a column with ``marks`` among its figures, where the two differ."""
    return None if as_figure == as_mark else Coded(marks.astype(np.int32), [as_figure, as_mark])


def _all_blank(row: list[Any]) -> bool:
    """Whether every cell of a row is blank (a gap between rows, :class:`TableEnds`'s ``blank``)."""
    return row.count(None) == len(row) or all(map(blank, row))


def _row_periods(keyed: Sequence[Period | None], labelled: Sequence[Period | None]) -> Sequence[Period | None]:
    """Each row's period: its key columns', else its label's."""
    if not any(keyed):
        return labelled
    return keyed if not any(labelled) else [p or q for p, q in zip(keyed, labelled)]


def _hashed(period: Period | None) -> int | None:
    """A period as it stands in a row's key (:meth:`TableReader._count_repeats`)."""
    return None if period is None else hash(period)


def _title_subject(title: str | None) -> str | None:
    """What a table's title says its figures are, without its number or the years it covers:
    "Table 3: Band D council tax for local authorities from 1996 to 1997 to 2023 to 2024" -> "Band D
    council tax for local authorities"; a link above the number ("Return to contents") is no part of it.
    None when it names nothing before its years."""
    subject = _TITLE_YEARS.sub("", _TITLE_NUMBER.split(" ".join(str(title or "").split()))[-1]).strip(" ,:;-–")
    return subject if 2 <= len(subject.split()) <= 20 else None


def _described(description: str | None) -> tuple:
    """A row's own description of its figures, when it has one, as part of what tells it apart."""
    return () if description is None else (description,)


class _Pick:
    """The measure columns of a row when keys stand among them: ``row[pick]`` as ``row[a:b]`` would give."""

    def __init__(self, indexes: list[int]) -> None:
        self._get = itemgetter(*indexes) if len(indexes) > 1 else (lambda row: (row[indexes[0]],))

    def __call__(self, row: list[Any]) -> list[Any]:
        return list(self._get(row))


def read_value(value: Any, unit: Unit | None, code: str | None) -> CellValue:
    """One calamine or CSV value in base units; ``code`` is its number format, when known."""
    kind = type(value)
    if kind is float or kind is int:
        if code and is_percent(code):
            return from_number(value, percent_format=True, display=render(value, code))
        if unit is None and code and "£" in code:   # "£"#,##0: pounds, though no header says so
            unit = POUNDS
        elif unit is None and writes_percent_sign(code):   # 0.00"%": 5.5 is 5.5%, though no header says so
            unit = PERCENTAGE
        return from_number(value, unit, display=render(value, code))
    if kind is str:
        if PLAIN_NUMBER.fullmatch(value):
            return from_number(float(value), unit, display=value)
        return parse_text(value, unit)
    if isinstance(value, (datetime, date)):
        return CellValue(None, None, value.strftime("%d/%m/%Y"), TEXT)
    if isinstance(value, time):   # a duration (a response time), as Excel keeps one under 24 hours
        return CellValue(duration_minutes(value.hour, value.minute, value.second), MINUTES,
                         value.strftime("%H:%M:%S" if value.second else "%H:%M"))
    if isinstance(value, timedelta):
        seconds = value.total_seconds()
        return CellValue(clean_number(seconds / 60), MINUTES, str(value))
    return parse_text(None if value is None else str(value), unit)


_SCALED = re.compile(r"\d\s*(?:m|mn|million|bn|billion|k)\b", re.IGNORECASE)   # "1.2m", "3 bn" (values._NUMBER's)


def _text_figure(text: str) -> float | None:
    """The figure of a text written as a plain or a formatted figure (``-12.5``, ``1,234``,
    ``(479)``: a CSV's), as :func:`read_value` reads it in a column's unit; else None."""
    if PLAIN_NUMBER.fullmatch(text):
        return float(text)
    if text.isascii() and FORMATTED_NUMBER.fullmatch(text):   # (ASCII digits only: the pattern takes any script's)
        return float(text.replace(",", "").replace("(", "-").replace(")", ""))
    return None


def benchmarks(text: str) -> list[tuple[str, float, str | None]]:
    """``"England, 53% South West, 53%"`` -> [("England", 53.0, "%"), ("South West", 53.0, "%")]."""
    found, pos = [], 0
    while pos < len(text):
        m = _BENCHMARK.match(text, pos)
        if not m or m.end() == pos:
            return []
        found.append((m["name"].strip(), float(m["num"].replace(",", "")), m["unit"]))
        pos = m.end()
    return found


_RATIO_HEADER = re.compile(r"\bratios?\b", re.IGNORECASE)
_MINUTES_SECONDS_HEADER = re.compile(r"\bmm\s*:\s*ss\b|\bmins?\s*:\s*secs?\b|\bminutes\s+(?:and|&)\s+seconds\b",
                                     re.IGNORECASE)


def _clock_of(measure: str) -> str | None:
    """What a column's header says its written "a:b" cells are: ``ratio``, ``mm:ss``, or None (hours:minutes)."""
    if _RATIO_HEADER.search(measure):
        return "ratio"
    return "mm:ss" if _MINUTES_SECONDS_HEADER.search(measure) else None


def clock_minutes(texts: list[str]) -> list[int]:
    """What follows the colon in each duration written ``hh:mm`` among ``texts``."""
    return [int(m[1]) for t in texts if (m := _CLOCK.fullmatch(t.strip()))]


def years_months_doubt(letters: list[str]) -> str:
    """The doubt about columns of durations whose minutes never pass 11 (:data:`CLOCK_SEEN` or more
    of them): DfE writes average times as years:months, so ``01:11`` may be 23 months, not 71 minutes."""
    return (f"the durations in column{'s' if len(letters) > 1 else ''} {', '.join(letters)} never show more than 11 "
            "after the colon: they may be years:months ('01:11' for 1 year 11 months), not hours:minutes as read")


@dataclass
class CatalogueAnswers:
    """What the catalogue answers the tables of a sheet, asked once for them all (stacked tables repeat
    their row labels and headers): the metric a text names in a unit (:meth:`TableReader._asked`), and a
    label's catalogue words (:meth:`TableReader._known_words`)."""
    metrics: dict[tuple[str, str | None, bool], str] = field(default_factory=dict)
    words: dict[str, frozenset[str]] = field(default_factory=dict)


class TableReader:
    """Turns the rows of one table into observations, filling in its :class:`TableReport`."""

    def __init__(self, layout: TableLayout, header: dict[int, list[Any]], sheet: Sheet,
                 context: Period | None, report: TableReport, *, part: str | None = None,
                 notes: frozenset[int] = frozenset(), above: Sequence[str] = (), described: str = "",
                 answers: CatalogueAnswers | None = None) -> None:
        """``notes``: the numbers of the notes under the table, ``above`` the lines over its header (its
        title first): what tells a footnote's number inside a header (:mod:`.header_notes`);
        ``described``: what the lines above the table say its figures are (``_described_above``);
        ``answers``: the catalogue's answers to the tables of the sheet read before it."""
        answers = answers if answers is not None else CatalogueAnswers()
        self.layout, self.sheet, self.report, self.context = layout, sheet, report, context
        self._notes, self._above, self._stated = notes, above, described
        self.label_col, self.first_col = layout.label_col, layout.col_range.start   # asked for every row
        self._headings: dict[int, str] = {}   # (_heading)
        self.columns = self._columns(header)
        self._fraction_shares(header)
        self._fraction_caps(header)
        # money columns, beside which a row may state its own unit (:func:`own_unit`: "- FYEs", "Unit cost")
        self._money = any(c.base == GBP for c in self.columns)
        self._first_figure = min((c.index for c in self.columns), default=layout.col_range.stop)
        self.header_row = header.get(layout.header_rows[-1] - 1) if layout.header_rows else None
        self.academic = _months_from_september(self.columns)
        for column in self.columns:
            column.period_label = self._period(column, None)
        self.part = part   # the heading of one of several tables stacked with the same columns
        self.section: str | None = part
        self._heading: str | None = None   # the last heading that is not a period alone
        self._top: str | None = None       # the section of the last row not indented (with indent columns)
        self.has_headings = False
        self._first_heading: int | None = None   # the row of the first section heading read
        self.extra: dict[str, int] = {}
        self.last_row = layout.data_start - 1
        self._sampled = 0   # how many rows from the first data row the sample holds (_first_batch)
        while layout.data_start + self._sampled in header:
            self._sampled += 1
        self._unlabelled: tuple[int, list[Any]] | None = None   # the last row of figures with no label
        self.metric_counts: Counter = Counter()
        self._count_columns = {c.measure for c in self.columns if c.unit is None and _NUMBER_OF.search(c.measure)}
        self._counted = {c.index for c in self.columns if _COUNTED.search(_CAMEL.sub(" ", c.measure).replace("_", " "))}
        self._unnamed = {c.index for c in self.columns if _UNNAMED.fullmatch(c.measure)}   # no header over them
        self._unnamed_read: set[int] = set()   # ... and figures read in them
        self._metric_cache = answers.metrics
        self._shown_asked: list[tuple] | None = None   # the units _per_shown last kept answers for ...
        self._shown_known: dict[tuple, Any] = {}          # ... and those answers
        # What _plain asks of every row, worked out once
        formats = sheet.formats
        self._format_rows = formats.rows_read
        self._uncached_cells: dict[int, set[int]] = {}   # row -> its formulas with no value, by column
        for r, c in formats.uncached:
            self._uncached_cells.setdefault(r, set()).add(c)
        self._uncached_rows = self._uncached_cells.keys()
        values = {c.index for c in self.columns}
        by_column = formats.by_column()
        self._coded_rows = {r for c in values.intersection(by_column) for r in by_column[c]}
        if self._coded_rows and _formatted_as_below(self.columns, by_column, layout.data_start, formats.rows_read):
            self._format_rows, self._coded_rows = layout.data_start, set()   # the window reads as the rows below it
        indexes = [c.index for c in self.columns]
        self._value_slice = (slice(indexes[0], indexes[-1] + 1) if indexes and indexes == list(range(indexes[0], indexes[-1] + 1))
                             else _Pick(indexes))
        self._last_index = layout.col_range.stop - 1 if self.columns else 1 << 30
        self._left = [c for c in range(self.first_col, self.label_col) if c not in self._not_measures and c not in values]
        # Plain rows with keys are read as blocks when no column gives each row its unit (a column whose
        # period is not the row's keeps its own row by row: _framed)
        self._keyed_plain = self._unit_key is None
        self._carried: dict[int, Any] = {}   # a key column's value carried down; at ~index, whether it was taken
        self._no_figure: int | None = None    # a batch's first row of marks alone (_marked)
        self._plain_upto: int | None = None   # ... or a gap that may end the table: the rows before it (row_observations)
        # rows a batch from which is known to end at once (a total, a gap that may end the table): read alone
        self._alone: set[int] = set()
        self._periods_kept: dict[Period, bool] = {}   # (_changes_no_period)
        self._key_cells = [k.index for k in self.keys]
        # keys read column by column (_section_columns): sections' words, and at most one period column
        self._section_words = (bool(self.keys) and all(k.role in _CARRIED for k in self.keys)
                               and all(k.tidy_rank is None for k in self.keys if k.role == SECTION)
                               and sum(k.role == PERIOD for k in self.keys) <= 1)
        self._section_keys = [k.index for k in self.keys if k.role in _CARRIED]   # the key cells carried down
        # a row's key cells as _keys_of reads them, for rows as wide as the table (_keyed_each)
        self._key_values = (None if not self.keys or max(self._key_cells) > self._last_index else
                            itemgetter(*self._key_cells) if len(self._key_cells) > 1 else
                            (lambda row, i=self._key_cells[0]: (row[i],)))
        self._keys_read: dict[tuple, tuple[RowKeys, list]] = {}
        self._keys_alike: dict[tuple, tuple[RowKeys, dict[int, str]] | None] = {}   # (_keyed_columns)
        self._keyed_answers: dict[tuple, dict[tuple, tuple]] = {}
        self._context_values: dict[int, Any] = {}
        self._text_cells: dict[tuple, tuple[str, str] | bool] = {}
        self._text_metrics: dict[tuple, bool] = {}
        self._label_words = answers.words   # a label's catalogue words (_catalogue_words)
        self._row_keys = array("q")   # the hash of each data row's key (_count_repeats)
        self._clock: dict[str, list[int]] = {}   # column letter -> [durations read, largest minutes]
        self._unitless_scaled: list = [0]   # how many cells are written "1.2m" where no unit is stated, the first 3
        self._uncached = 0   # formula cells with no calculated value, skipped
        self._redescribed: dict[int, str] = {}   # rows naming another indicator than the first, until counted
        self._number_spec: dict[tuple, dict[int, tuple]] = {}   # (_number_columns)
        self._period_labels: dict[Period, dict[int, str | None]] = {}   # (_period_within)
        self._last_period: Period | None = None
        self._last_labels: dict[int, str | None] = {}
        # figures a block holds (TableReader._block), and a plain row's read lazily (_PlainNumbers)
        self._bound = min(2.0 ** 53, MAX_FIGURE / max([100.0, *(c.factor for c in self.columns)]))

    # --- columns ------------------------------------------------------------------------
    def _columns(self, header: dict[int, list[Any]]) -> list[Column]:
        layout = self.layout
        self.keys = [KeyColumn(column_index(letter), self._heading(header, column_index(letter)), role,
                               letter in layout.sparse_keys, letter in layout.each_row_keys)
                     for letter, role in zip(layout.key_columns, layout.key_roles)]
        self._each_row = [k.index for k in self.keys if k.each_row]   # (their codes stop at a blank row: _gap)
        self._context = {column_index(letter) for letter in layout.context_columns}
        self._context_names = {c: self._heading(header, c) or f"column {column_letter(c)}" for c in self._context}
        self._context_changed: set[int] = set()
        self._indents = [column_index(letter) for letter in layout.indent_columns]
        self._not_measures = ({k.index for k in self.keys} | self._context | set(self._indents)
                              | {column_index(letter) for letter in layout.ignored_columns})
        # a column of each row's unit ("Units of indicator": Per child per week, %): its rows are read cell by cell
        self._unit_key = next((k for k in self.keys if k.role == SECTION and UNITS_HEADER.fullmatch(k.header)), None)
        # a column describing each row's indicator ("Measure Group Description": "Proportion of ...", "...,
        # per 100,000 population"), beside a key of what each row is (Outcome, Numerator): see _row_described
        self._describer = next((c for c in layout.col_range if c != self.label_col and c not in self._context
                                and _DEFINES.search(h := self._heading(header, c)) and not _PLACE.search(h)), None) \
            if self._unit_key is None else None
        self._described_units: dict[str, Unit | None] = {}   # a description's unit, by its text
        self._describer_told = self._describer is None        # whether the report says what it gives
        # a reference code on every row ("Ref": AHW01), shown as a text column at its place: each row's, by sheet row,
        # from when the row is first seen until its observations are made (_reference_cell, _reference_column)
        self._reference = next((k for k in self.keys if k.role == REFERENCE), None)
        self._refs: dict[int, Any] = {}
        for code_row in layout.code_rows:
            codes = column_codes(header.get(code_row - 1, []), layout.col_range) or {}
            self.report.column_codes.update({column_letter(c): code for c, code in codes.items()})
        rows = [header.get(h - 1, []) for h in layout.header_rows]
        first = header.get(layout.data_start, [])
        named = (*years_named(layout.title), *([self.context] if self.context is not None else []))
        # areas by years, or the rows a title spanning the years breaks its figure down by ("Gross current
        # expenditure by client group: 1994-95 to 2006-07"): each column headed by its year alone is the
        # title's figure for that year (rows of lines with no "by" may be measures of their own)
        subject = _title_subject(layout.title)
        broken_down = bool(subject and _BROKEN_DOWN.search(subject))
        # or the one year such a title names ("Waiting lists by district 2019-20" over a column "2019-20")
        titled = years_named(layout.title) if broken_down and not YEARS_SPAN.search(layout.title) else []
        one_year = titled[0] if len(titled) == 1 else None
        if not any(k.role == AREA for k in self.keys) and not (broken_down and YEARS_SPAN.search(layout.title)) \
                and one_year is None:
            subject = None
        # A constant column saying what the figures are (a tidy file's one indicator) names them
        self._describing = [c for c in sorted(self._context) if _DESCRIBES.search(self._heading(header, c))]
        described = self._described = self._description(first) or self._stated
        units_row = header.get(layout.units_row - 1, []) if layout.units_row else []
        table_unit = (_THOUSANDS if layout.unit == _THOUSANDS.symbol else find_unit(layout.unit)) if layout.unit else None
        chosen = table_unit is not None and layout.unit_by_hand
        filled = [fill_right(row, layout.col_range, self.sheet.merged, h - 1, above=rows[:i],
                             below=rows[i + 1:] or ([units_row] if any(map(_UNIT_WORD.fullmatch, map(cell_text, units_row)))
                                                    else []))
                  for i, (h, row) in enumerate(zip(layout.header_rows, rows))]
        # each column's unit, a unit merged over its block (or over its block's last column) spread to it
        unit_texts = fill_right(units_row, layout.col_range, self.sheet.merged, layout.units_row - 1, below=rows) \
            if units_row else {}
        for f, row in zip(filled, rows):   # "20106" among 2009, 2011...: 2010 and its footnote 6, spread to its group
            if marked := {cell_text(row[c]): year for c, year in marked_years(row, layout.col_range).items()}:
                f.update({c: marked.get(text, text) for c, text in f.items()})
        numbered = [counts_up(row, layout.col_range) for row in rows]
        heads = [cell_text(row[c]) for row in rows for c in layout.col_range if c < len(row) and type(row[c]) is str]
        self._noted = noted_markers([*self._above, *heads], self._notes) if self._notes else {}
        self._letters = letter_markers([layout.title, *(t for f in filled for t in f.values())])
        columns, seen, helpers, banner, written = [], set(), [], None, {}
        self._helpers: set[int] = set()   # the workbook's lookup columns, left out (_HELPER_HEADER)
        self._places: set[int] = set()    # coordinates, addresses and codes in figures, left out (_PLACE_HEADER)
        places: list[str] = []
        self._table_unit_columns: set[int] = set()
        self._words_columns: dict[int, str] = {}   # columns of words on every row seen (_worded), by measure
        for c in layout.col_range:
            if c == self.label_col or c in self._not_measures or (c < self.label_col and not self._figures_left(header, c)):
                continue
            revised = [f[c] for f in filled if f.get(c) and is_revision_note(f[c])]
            texts = [f[c] for f, numbering in zip(filled, numbered) if f.get(c) and f[c] not in revised
                     and not (numbering and _COLUMN_NUMBER.fullmatch(f[c]))
                     and not (f is filled[-1] and _DEFAULT_NAME.fullmatch(f[c])) and not _PIVOT_CAPTION.fullmatch(f[c])]
            parts = [self._unmarked(self._unnoted(text)) for text in texts]
            sign = cell_text(first[c - 1]) if 0 < c <= len(first) else ""
            if not parts and _CURRENCY.fullmatch(sign):
                # "Amount" over a column of "£" signs, its figures in the unnamed column beside it
                parts = [self._unmarked(f[c - 1]) for f in filled if f.get(c - 1)]
                columns = [col for col in columns if col.index != c - 1]
                seen -= {" ".join(parts)}
            parts = [p for i, p in enumerate(parts) if i == 0 or p != parts[i - 1]]
            if not parts and self._spacer(header, c):
                continue   # a blank column between others, no header and nothing under it: no measure
            measure = " ".join(parts) or f"Column {column_letter(c)}"
            if _HELPER_HEADER.search(measure) or banner is not None and not filled[banner].get(c) and parts:
                banner = next((i for i, f in enumerate(filled) if _HELPER_HEADER.search(f.get(c) or "")), banner)
                helpers.append(f"{column_letter(c)} ({measure})")   # (and the columns under its banner, right of it)
                self._helpers.add(c)
                continue
            spaced = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", measure)
            if _PLACE_HEADER.fullmatch(spaced) or _CODE_NAME.fullmatch(spaced) and self._whole_numbers(header, c):
                places.append(f"{column_letter(c)} ({measure})")
                self._places.add(c)
                continue
            if described:
                measure = f"{described}: {measure}"
            unit_text = unit_texts.get(c, "")
            if measure in seen and _UNIT_WORD.fullmatch(unit_text):   # "Number | %" under each group: told apart by them
                twin = next(col for col in columns if col.measure == measure)
                twin_unit = unit_texts.get(twin.index, "")
                if twin_unit != unit_text and _UNIT_WORD.fullmatch(twin_unit):
                    twin.measure = f"{measure} {twin_unit}"
                    seen.add(twin.measure)
                    measure = f"{measure} {unit_text}"
            own = texts[0] if len(texts) == 1 and any(c < len(row) and cell_text(row[c]) == texts[0] for row in rows) \
                else None   # the column's one header, in its own cell (not spread from a group's on the left)
            if measure in seen and own not in (None, measure) and not described and (
                    twin := next((col for col in columns if col.measure == measure and written.get(col.index, measure)
                                  not in (measure, own)), None)):
                # "budget1 | spend1 | budget2": numbers telling the columns apart, not footnotes on the same name
                self.report.footnotes.pop(measure, None)
                twin.measure, measure = written[twin.index], own
                seen.add(twin.measure)
            if measure in seen:
                measure = f"{measure} ({column_letter(c)})"
            seen.add(measure)
            if own is not None:
                written[c] = own
            if not unit_text and _CURRENCY.fullmatch(sign):
                unit_text = sign
            unit = find_unit(unit_text) or find_unit(measure) or (_THOUSANDS if _IN_THOUSANDS.search(measure) else None) \
                or unit_in_name(measure)
            if unit is None and table_unit is not None:
                unit = table_unit
                self._table_unit_columns.add(c)   # (a row may state its own unit instead: label_stated_unit)
            if unit is table_unit and unit is not None and unit.base == "GBP" and not chosen and parts and (
                    _NOT_MONEY.search(parts[-1]) and not _MONEY_WORDS.search(parts[-1]) or _HOW_MANY.match(parts[-1])):
                unit = None   # "£ thousand" over the table, but this column counts pupils
                self.report.assume(f"column {column_letter(c)} ({measure}) is not money: the table's unit "
                                   f"{table_unit.symbol} is not applied to it")
            if unit is table_unit and unit is not None and not chosen and self._worded(header, c):
                unit = None   # codes ('SD', 'UA') on every row seen: a figure further down is of no money column
                self._words_columns[c] = measure
            if chosen and unit is not None and unit.base == table_unit.base:
                unit = table_unit  # the officer's unit wins over what the headers say, for the same kind of figure
            if unit is None and self._pounds_written(header, c):
                unit = POUNDS   # "£60.00" in most cells: the "130" among them is pounds too
                self.report.assume(f"column {column_letter(c)} ({measure}) is in £: its cells write the £ sign")
            period = _dated(measure, named)
            if period is not None and period.kind in _WHOLE_YEARS and subject and c < len(rows[-1]) \
                    and (one_year is None or period == one_year) \
                    and not blank(rows[-1][c]) and not _PERIOD_WORDS.sub("", strip_periods(measure)).strip(" -–/,"):
                measure = subject   # areas by years, each column headed by its year alone: the title's figure for that year
            # the revision note over its header kept as the table's note on its column, out of its name
            self.report.notes += [f"{measure}: {' '.join(note.split())}" for note in dict.fromkeys(revised)]
            code = self.sheet.formats.codes.get((self.layout.data_start, c))
            columns.append(Column(c, measure, unit, period, bool(_BENCHMARK_HEADER.search(measure)), code,
                                  c - self.label_col, column_letter(c), clock=_clock_of(measure)))
        if helpers:
            self._not_measures |= self._helpers
            self.report.assume(f"column{'s' if len(helpers) > 1 else ''} {', '.join(helpers)} "
                               f"{'are' if len(helpers) > 1 else 'is'} the workbook's own lookup workings, "
                               "not figures: left out")
        if places:
            self._not_measures |= self._places
            self.report.assume(f"column{'s' if len(places) > 1 else ''} {', '.join(places)} "
                               f"{'say' if len(places) > 1 else 'says'} where a row is or what its code is, "
                               "not figures: left out")
        if layout.kind == BUDGET_MONITOR:
            self._money_columns(columns)
        named = [c for c in columns if not _UNNAMED.fullmatch(c.measure)]
        if len(named) >= 3 and all(_SERIES_CODE.fullmatch(c.measure) for c in named):
            self.report.doubt(f"the column headers are codes ({', '.join(c.measure for c in named[:3])}...), not "
                              "names: the header may be in rows above (give them with --header-rows)", LAYOUT_DOUBT)
        if figured := [c for c in named if _figures_only(c.measure)]:
            self.report.doubt(f"column {figured[0].letter}'s header is figures ({shortened(figured[0].measure, 40)!r}): rows of "
                              "data may have been taken for header rows (give the header rows with --header-rows)", LAYOUT_DOUBT)
        # "FraudSpentAmount", "net_expenditure" too; a scorecard's outturn, forecast and variance are its indicators'
        said = (lambda m: _SCORECARD_WORDS.sub("", m)) if layout.kind == KPI_SCORECARD else (lambda m: m)
        moneyish = [c for c in columns if c.unit is None and not _POUND_BAND.search(c.measure)
                    and not _RATIO.search(c.measure)
                    and _MONEY_WORDS.search(said(_CAMEL.sub(" ", c.measure).replace("_", " ")))]
        unpriced = [c for c in moneyish if not c.code]
        self._cost_columns = {c.index for c in unpriced}
        # never counted for a row naming people ("Children ..."): money, and a rate or average ("perm_excl_rate" 0.08)
        self._never_counted = {c.measure for c in moneyish} | {
            c.measure for c in columns if c.unit is None and _NOT_A_COUNT.search(_CAMEL.sub(" ", c.measure).replace("_", " "))}
        # a plain number format ('#,##0') says no more of the unit than none: no £, no % (unless rows say theirs)
        plain = [c for c in moneyish if c.code and "£" not in c.code and not is_percent(c.code)]
        if plain and not self._labels_say_units(header):
            unpriced += plain
        if unpriced and self._unit_key is not None:
            key = self._unit_key
            self.report.assume(f"column {column_letter(key.index)} ({key.header}) gives each row's unit: a cost per "
                               "something (Per child per week, Per hour) is read as £")
        elif unpriced and not any(c.base == "GBP" for c in columns):
            unpriced.sort(key=lambda c: c.index)
            names = ", ".join(f"{c.letter} ({c.measure})" for c in unpriced[:3])
            self.report.doubt(f"column{'s' if len(unpriced) > 1 else ''} {names} look{'' if len(unpriced) > 1 else 's'} "
                              "like money but no unit (£, £k, £m) is stated anywhere: give it with --unit", UNIT_DOUBT)
        elif not unpriced and (money_key := self._money_key(header, columns)):
            self.report.doubt(f"column {column_letter(money_key.index)} ({money_key.header}) names rows as money "
                              "(Expenditure, Income) but no unit (£, £k, £m) is stated anywhere: give it with --unit",
                              UNIT_DOUBT)
        return columns

    def _money_key(self, header: dict[int, list[Any]], columns: list[Column]) -> KeyColumn | None:
        """A key column whose rows, sampled, are named as money ("Finance Type": Expenditure, Income) over
        figures none of whose columns has a unit: a long table of spending whose scale (£, £k) nobody
        states. A row stating its own unit, or a column in £ or %, says otherwise."""
        if not columns or any(c.unit is not None for c in columns) or self._labels_say_units(header):
            return None
        start = self.layout.data_start
        for key in self.keys:
            texts = {cell_text(row[key.index]) for r, row in header.items()
                     if r >= start and key.index < len(row) and not blank(row[key.index])}
            if texts and sum(bool(_MONEY_KEY.fullmatch(t)) for t in texts) * 2 >= len(texts):
                return key
        return None

    def _fraction_shares(self, header: dict[int, list[Any]]) -> None:
        """Percentages written as fractions, told by shares: where two or more side-by-side % columns
        with no number format add up to 1 in every row sampled ("No participation in sport (%)" ...
        "4 or more hours of sport per week (%)": 0.716 + 0.069 + ... = 1), the table writes its
        percentages as fractions, and every % column of it whose figures are all between 0 and 1 is
        read as such (0.716 as 71.6%)."""
        percent = [c for c in self.columns if c.base == PERCENT and c.factor == 1.0 and not c.code]
        start = self.layout.data_start
        rows = [row for r, row in sorted(header.items()) if r >= start][:_LEFT_SAMPLE]
        if len(percent) < 2 or len(rows) < 3:
            return
        figures = {c.index: [_fraction(row[c.index]) if c.index < len(row) else None for row in rows] for c in percent}
        fractions = [c for c in percent if all(v is not None and 0 <= v <= 1 for v in figures[c.index])]
        shares = None
        for i, first in enumerate(fractions):   # a run of side-by-side columns adding up to 1 in every row
            run = [first]
            for col in fractions[i + 1:]:
                if col.index != run[-1].index + 1:
                    break
                run.append(col)
                if all(abs(sum(figures[c.index][k] for c in run) - 1) <= 0.005 for k in range(len(rows))):
                    shares = run
                    break
            if shares:
                break
        if not shares:
            return
        as_fractions = Unit(PERCENT, 100.0, "%")
        for col in fractions:
            col.unit, col.factor = as_fractions, 100.0
        names = ", ".join(repr(c.measure) for c in shares[:2])
        self.report.assume(f"the percentages are written as fractions: {names}{' ...' if len(shares) > 2 else ''} "
                           f"add up to 1 in every row, so each % column's figures between 0 and 1 are read as "
                           f"percentages ({len(fractions)} columns: 0.5 as 50%)")

    def _fraction_caps(self, header: dict[int, list[Any]]) -> None:
        """Percentages written as fractions, told by a stated cap: a % column whose header gives its
        maximum ("... as a percentage of the Band D council tax (maximum 2%)"), not formatted as %,
        whose figures sampled are all between 0 and the cap as a fraction (0.02) and reach half of it
        (0.0159, 0.0200): read as written, every one would be a hundredth of the cap or less, so they
        are fractions (0.0159 as 1.59%)."""
        start = self.layout.data_start
        rows = [row for r, row in sorted(header.items()) if r >= start]
        for col in self.columns:
            cap = _PERCENT_CAP.search(col.measure)
            if col.base != PERCENT or col.factor != 1.0 or (col.code and "%" in col.code) or not cap:
                continue
            limit = float(cap[1]) / 100
            figures = [abs(v) for row in rows if col.index < len(row) and (v := _fraction(row[col.index])) is not None]
            if not figures or max(figures) > limit * 1.01 or max(figures) < limit / 2:   # (2.0002% rounds to 2%)
                continue
            col.unit, col.factor = Unit(PERCENT, 100.0, "%"), 100.0
            self.report.assume(f"column {col.letter} ({shortened(col.measure, 60)}) is written as fractions: its header "
                               f"caps it at {cap[1]}% and its figures reach {max(figures):g}, so they are read as "
                               f"percentages ({max(figures):g} as {max(figures) * 100:g}%)")

    def _whole_numbers(self, header: dict[int, list[Any]], c: int) -> bool:
        """Whether column ``c`` holds whole numbers on every filled row seen under the header, three at least."""
        cells = [row[c] for r, row in header.items() if r >= self.layout.data_start and c < len(row) and not blank(row[c])]
        return len(cells) >= 3 and all(type(v) in (int, float) and float(v).is_integer()
                                       or type(v) is str and v.strip().isdigit() for v in cells)

    def _spacer(self, header: dict[int, list[Any]], c: int) -> bool:
        """Whether column ``c`` is blank in every row seen of the table (header and the rows sampled under it)."""
        rows = [row for r, row in header.items() if r >= self.layout.first_row - 1]
        return bool(rows) and all(c >= len(row) or blank(row[c]) for row in rows)

    def _figures_left(self, header: dict[int, list[Any]], c: int) -> bool:
        """Whether column ``c``, left of the names, is a column of figures with a header of its own: last
        year's figures, as accounts put them before the names (``2017 Budget | Service | 2018 ...``)."""
        label, start = self.label_col, self.layout.data_start
        rows = [row for r, row in sorted(header.items())
                if r >= start and label < len(row) and not blank(row[label])][:_LEFT_SAMPLE]
        cells = [row[c] for row in rows if c < len(row) and not blank(row[c])]
        kinds = [cell_class(v) for v in cells]
        figures = sum(k in ("number", "special") for k in kinds)
        # figures, not codes (190, 290): some negative, with decimals or thousands separators
        counted = any(_CODED_FIGURE.search(v) if isinstance(v, str) else v < 0 or v != int(v)
                      for v, k in zip(cells, kinds) if k == "number")
        return bool(self._heading(header, c)) and counted and figures * 5 >= len(kinds) * 4

    def _labels_say_units(self, header: dict[int, list[Any]]) -> bool:
        """Whether a row sampled states its own unit in its label ("Operational boundary (£m)")."""
        label, start = self.label_col, self.layout.data_start
        labels = [cell_text(row[label]) for r, row in header.items()
                  if r >= start and label < len(row) and not blank(row[label])]
        return any(UNIT_HINT.search(label) and label_stated_unit(label) is not None for label in labels)

    def _worded(self, header: dict[int, list[Any]], c: int) -> bool:
        """Whether the cells sampled in column ``c`` are words, five at least from the first and three in
        four in all: a column of codes or names (a council's subclass, ``SD``), not of figures."""
        start = self.layout.data_start
        words = cells = 0   # (a column whose first cells are figures: told by the first)
        for v in (row[c] for r, row in header.items() if r >= start and c < len(row) and not blank(row[c])):
            word = cell_class(v) == TEXT
            if not word and cells < _OWN_WORDS:
                return False
            words, cells = words + word, cells + 1
        return cells >= _OWN_WORDS and words * 4 >= cells * 3

    def _pounds_written(self, header: dict[int, list[Any]], c: int) -> bool:
        """Whether most of the figures sampled in column ``c`` are written with a £ sign ("£1,495,975.00"),
        three at least, or all of them (a table of two rows: ``£12,500,000``, ``£4,000,000``)."""
        start = self.layout.data_start
        cells = [row[c] for r, row in header.items() if r >= start and c < len(row) and not blank(row[c])]
        pounds = sum(isinstance(v, str) and _POUNDS_TEXT.match(v) is not None for v in cells)
        return pounds >= 3 and pounds * 2 > len(cells) or 0 < pounds == len(cells)

    def _heading(self, header: dict[int, list[Any]], c: int) -> str:
        """Column ``c``'s header rows' words (asked of a column several times: worked out once)."""
        if c not in self._headings:
            rows = [header.get(h - 1, []) for h in self.layout.header_rows]
            self._headings[c] = " ".join(cell_text(row[c]) for row in rows if c < len(row) and not blank(row[c]))
        return self._headings[c]

    def _unnoted(self, text: str) -> str:
        """A header without the footnote numbers inside it that the notes under the table show
        (:func:`noted_markers`: ``Level 24`` is Level 2, note 4), which the report keeps."""
        if text not in self._noted:
            return text
        name, markers = self._noted[text]
        self.report.footnotes[name] = markers
        return name

    def _unmarked(self, text: str) -> str:
        """A name or header without its footnote marker, which the report keeps."""
        for word, (stem, letter) in self._letters.items():
            if word in text:
                text = re.sub(rf"\b{word}\b", stem, text)
                self.report.footnotes[text] = letter
        if not has_marker(text):
            return text
        name, marker = strip_marker(text)
        if marker is not None:
            self.report.footnotes[name] = marker
        return name

    def _money_columns(self, columns: list[Column]) -> None:
        """In a budget monitor, a money column with no unit of its own (``Movement From Month 7``) is
        taken to be in the unit the other money columns state."""
        units = Counter(c.unit for c in columns if c.unit is not None and c.unit.base == "GBP")
        if not units:
            return
        unit = units.most_common(1)[0][0]
        for col in columns:
            if col.unit is None and match_metric("", col.measure, "GBP").id != OTHER_METRIC.id:
                col.unit, col.factor, col.base = unit, unit.factor, unit.base
                self.report.assume(f"column {col.letter} ({col.measure}) is in {unit.symbol} like the other "
                                   "money columns")

    def describe_units(self) -> str | None:
        symbols = list(dict.fromkeys(c.unit.symbol or c.unit.base for c in self.columns if c.unit))
        return ", ".join(symbols) or None

    # --- rows ---------------------------------------------------------------------------
    def row_observations(self, stream: Peekable, progress=None, cancel=None) -> Iterator[list[Observation] | FigureBlock]:
        """The table's figures, as a list of observations per source row or, for runs of plain rows
        (:meth:`_plain`), as column-wise blocks; when done, its extent is in the report, with a doubt
        where its percentages may be fractions or shares over 100 (:mod:`.percent_fractions`) or an amount
        stated above it is a figure in pounds where the table reads £k (:mod:`.stated_amounts`). Where the
        officer said those percentages are fractions, the table's parts are held until it is read, and
        they are read as percentages (:meth:`_as_fractions`)."""
        fractions = PercentFractions()
        stated = StatedAmounts([*self._above, self.layout.title or ""], self.columns)
        sums: dict[int, list[float]] = {}   # each column's data figures: their sum and how many
        column_at = {col.letter: col.index for col in self.columns}
        held: list[list[Observation] | FigureBlock] | None = [] if self.layout.fractions_said else None
        for part in self._read_rows(stream, progress, cancel):
            fractions.add(part)
            stated.add(part)
            _add_sums(sums, part, column_at)
            if held is None:
                yield part
            else:
                held.append(part)
        doubted = fractions.doubted()
        if doubted:
            self.report.fractions_doubted = {name: fractions.example(name) for name in doubted}
        if held is not None:
            held += self._unlabelled_total(sums)
            yield from self._as_fractions(fractions, doubted, held)
            doubted = [name for name in doubted if name not in self.layout.fractions]
        else:
            yield from self._unlabelled_total(sums)
        for doubt, about in ((fractions.doubt(doubted), FRACTIONS_DOUBT), (fractions.shares_over_100(), FIGURES_DOUBT),
                             (fractions.shares_below_0(), FIGURES_DOUBT), (stated.doubt(), UNIT_DOUBT)):
            if doubt is not None:
                self.report.doubt(doubt, about)
                self.report.settle_verdict()
        if worded := [(c, m) for c, m in self._words_columns.items() if sums.get(c, (0, 0))[1]]:
            c, measure = worded[0]
            self.report.doubt(f"column {column_letter(c)} ({measure}) holds words on the rows sampled but "
                              f"{counted(int(sums[c][1]), 'figure')} further down, under a header of their own "
                              "perhaps: what they measure is not said (read as written, in no unit)")
            self.report.settle_verdict()

    def _as_fractions(self, fractions: PercentFractions, doubted: list[str],
                      parts: list[list[Observation] | FigureBlock]) -> list[list[Observation] | FigureBlock]:
        """``parts`` with the percentages the officer said are fractions read as percentages: those
        ``doubted``, or of those only the ones said for an earlier import of the shape
        (:attr:`TableLayout.fractions`); the layout keeps which were, the report says so."""
        layout = self.layout
        names = [name for name in doubted if not layout.fractions or name in layout.fractions]
        layout.fractions = tuple(names)
        if not names:   # nothing doubted: the word changed nothing, and the pack does not say it did
            layout.fractions_said, layout.fractions_recalled = "", False
            return parts
        for part in parts:
            read_as_fractions(part, set(names))
        self.report.assume(fractions.said(names, officer_said(layout.fractions_said, layout.fractions_recalled)))
        self.report.settle_verdict()
        return parts

    def _read_rows(self, stream: Peekable, progress=None, cancel=None) -> Iterator[list[Observation] | FigureBlock]:
        pending: list[ParsedRow | PlainRow] = []
        ends = TableEnds(self.layout, self.header_row)
        read = one_by_one = 0
        size = self._first_batch(stream)
        while (item := stream.peek()) is not None:
            if one_by_one == 0 and not (ends.blank_run or ends.footnotes):
                batch = self._plain_batch(stream, ends, size)
                if isinstance(batch, int):
                    upto, self._plain_upto = self._plain_upto, None
                    if upto:   # the rows before a row of marks alone or a gap that may end the table, as a batch
                        size = upto
                        continue
                    if upto == 0:   # that row, alone; then batches as large as the last again
                        one_by_one = 1
                    elif size > FEWEST_BATCH_ROWS:   # the rows before the one that is not plain may be
                        size //= 2
                        continue
                    else:
                        one_by_one = batch   # a row of them is not plain: read those rows one by one
                else:
                    size = min(size * 2, BATCH_ROWS)
                    pending += batch
                    self.last_row = batch[-1][AT_ROW]
                    while len(pending) >= ROLE_WINDOW:
                        yield from self._settle(pending[:ROLE_WINDOW // 2], final=False, upto=row_number(pending[ROLE_WINDOW - 1]))
                        del pending[:ROLE_WINDOW // 2]
                    if (read + len(batch)) // PROGRESS_EVERY > read // PROGRESS_EVERY:
                        self._tick(batch[-1][AT_ROW], progress, cancel)
                    read += len(batch)
                    if COLUMNWISE and stream.columns is not None and not stream.buffered():
                        left = stream.columns.left(self.last_row + 1)
                        if left == 0:
                            read = yield from self._columnwise(stream.columns, ends, pending, read, progress, cancel)
                        elif left is not None and left <= BATCH_ROWS:   # the next batch ends where the file's rows
                            size = left                                  # read so far end
                    continue
            one_by_one = max(one_by_one - 1, 0)
            r, row = item
            verdict = ends.verdict(r, row, stream)
            if verdict == "end":
                break
            stream.next()
            if verdict == "blank":
                self._gap()
                continue
            if verdict in ("footnote", "header"):
                self.report.skip(a1(r, self.layout.col_range.start),
                                 "footnote row" if verdict == "footnote" else "repeated header row")
                continue
            if self._new_header(row):
                self.report.doubt(f"row {r + 1} looks like another header inside the table "
                                  f"({shortened(', '.join(cell_text(v) for v in row if not blank(v)), 60)!r}): the figures under "
                                  "it may belong to other columns than the table's header names", LAYOUT_DOUBT)
            if pending and (rest := self._wrapped_rest(r, row, pending[-1])):
                pending[-1] = self._with_rest(pending[-1], rest)
                continue
            parsed = self._plain(r, row) or self._parse_row(r, row)
            if parsed is None:
                continue
            pending.append(parsed)
            self.last_row = r
            if len(pending) >= ROLE_WINDOW:
                yield from self._settle(pending[:ROLE_WINDOW // 2], final=False, upto=r)
                del pending[:ROLE_WINDOW // 2]
            read += 1
            if read % PROGRESS_EVERY == 0:
                self._tick(r, progress, cancel)
        yield from self._settle(pending, final=True, upto=None)
        self._notes_under()
        if self._unnamed_read and self.layout.header_rows:   # with no header at all, that is the doubt
            letters = ", ".join(column_letter(c) for c in sorted(self._unnamed_read)[:5])
            self.report.doubt(f"column{'s' if len(self._unnamed_read) > 1 else ''} {letters} hold{'' if len(self._unnamed_read) > 1 else 's'} "
                              "figures under no header: what they measure is not stated (give the header rows with "
                              "--header-rows, or leave the column out in the import wizard)", LAYOUT_DOUBT)
        keys = np.sort(np.frombuffer(self._row_keys, dtype=np.int64))   # (np.unique hashes: 50 times slower)
        distinct = int(np.count_nonzero(keys[1:] != keys[:-1])) + bool(len(keys))
        repeats = len(self._row_keys) - distinct
        if repeats >= 3 and repeats * 20 >= distinct:   # more than a chance repeat or two
            self.report.doubt(f"{repeats:,} rows repeat another row's label, section and period: no column "
                              "tells them apart (name the identifying columns with --key-columns)", LAYOUT_DOUBT)
        if (count := self._unitless_scaled[0]):
            self.report.doubt(f"{count:,} figure{'s' if count > 1 else ''} ({', '.join(self._unitless_scaled[1:])}"
                              f"{'...' if count > 3 else ''}) {'are' if count > 1 else 'is'} written with a scale "
                              "(1.2m: 1,200,000) but no unit is stated: read as numbers, not £ (give the unit with --unit)", UNIT_DOUBT)
        if scaled := [col for col in self.columns if divides_by(col.code) > 1]:
            self.report.doubt(scaled_format_doubt(scaled), UNIT_DOUBT)
        if shown := [col for col in self.columns if shown_otherwise(col.code)]:
            self.report.doubt(f"column{'s' if len(shown) > 1 else ''} {_named_columns(shown)}: the number format ({shown[0].code}) "
                              f"shows {shown_otherwise(shown[0].code)}: the figures are read as the cells hold them, "
                              "which is not as the workbook shows them; check them against the workbook")
        months = [letter for letter, (count, most) in self._clock.items() if count >= CLOCK_SEEN and most <= 11]
        if months:
            self.report.doubt(years_months_doubt(months))
        if self._uncached:
            runs = [run.range for run in self.report.skipped if run.reason == _UNCACHED]
            more = len(runs) - 4
            where = ", ".join(runs[:4]) + (f" and {more:,} more range{'s' if more > 1 else ''}" if more > 0 else "")
            self.report.doubt(f"{self._uncached:,} formula cell{'s' if self._uncached > 1 else ''} ({where}) "
                              f"{'have' if self._uncached > 1 else 'has'} no calculated value and {'are' if self._uncached > 1 else 'is'} "
                              "not read: open and save the workbook in Excel, then import it again")
        if written := self._written_twice():
            self.report.doubt(written)
        if rated := self._rated_by_colour():
            names = ", ".join(f"{col.letter} ({col.measure})" for col in rated)
            self.report.assume(f"column{'s' if len(rated) > 1 else ''} {names}: blank cells filled red, amber or green "
                               "are read as that rating, from their colour")
        self.report.settle_verdict()
        self._extent()

    def _first_batch(self, stream: Peekable) -> int:
        """How many rows the first batch takes: those the sample holds, when a blank row follows
        them (a small table, to its gap: its rows read, not :data:`BATCH_ROWS` taken and all but
        they put back); else :data:`BATCH_ROWS`."""
        start, n = self.layout.data_start, self._sampled
        if not 0 < n < BATCH_ROWS or (first := stream.peek()) is None or first[0] != start:
            return BATCH_ROWS
        gap = stream.at(n)
        return n if gap is not None and gap[0] == start + n and _all_blank(gap[1]) else BATCH_ROWS

    def _notes_under(self) -> None:
        """Headings read below the table's last row head nothing: they are notes under it (a RAG
        legend, ``DSG deficit ...: (14,600) at 1 April``, ``Footnotes:``), not sections. One stating a
        figure (``Cumulative DSG deficit carried forward: £12.3m``) is kept as the table's note."""
        for row, label in [h for h in self.report.section_headings if h[0] > self.last_row + 1]:
            self.report.not_a_heading(row, label)
            kept = any(ch.isdigit() for ch in label)
            if kept:
                self.report.notes.append(label)
            self.report.skip(a1(row - 1, self.layout.col_range.start),
                             "kept as the table's note" if kept else "note under the table")

    def _extent(self) -> None:
        layout = self.layout
        layout.last_row = self.last_row + 1
        # from its own first header row, not from header rows it borrows from the table above
        top = min((h for h in layout.header_rows if h >= layout.first_row), default=layout.first_row)
        self.report.cell_range = (f"{a1(top - 1, layout.col_range.start)}:"
                                  f"{a1(self.last_row, layout.col_range.stop - 1)}")

    def _unlabelled_total(self, sums: dict[int, list[float]]) -> Iterator[list[Observation] | FigureBlock]:
        """The table's last row when it has figures but no label and each figure is the sum of its
        column's figures above, within rounding (a sum row at the foot of a list): read as its total,
        where it had been left out as values with no row label."""
        if self._unlabelled is None or self._unlabelled[0] <= self.last_row:
            return
        r, row = self._unlabelled
        figures = [(col, row[col.index]) for col in self.columns if col.index < len(row) and not blank(row[col.index])]
        if not figures or any(sums.get(col.index, (0.0, 0))[1] < 2 for col, _ in figures):
            return
        for col, value in figures:
            written = parse_text(value) if isinstance(value, str) else None
            number = written.value if written is not None else value if isinstance(value, (int, float)) else None
            total, count = sums[col.index]
            if number is None or abs(number * col.factor - total) > \
                    rounding_step(number * col.factor, cell_text(value)) * (count + 1) / 2 + 1e-9:
                return
        named = list(row)
        named[self.label_col] = "Total"
        self.report.unskip_at(r, [col.index for col, _ in figures], "value with no row label")
        parsed = self._parse_row(r, named)
        if parsed is None:
            return
        self.report.assume(f"row {r + 1} has figures but no label: each is the sum of its column above, "
                           "so it is read as the table's total")
        self.last_row = r
        yield from self._settle([parsed], final=True, upto=None)
        self._extent()

    def _written_twice(self) -> str:
        """Why the table's figures cannot be trusted when the file writes its cells or rows twice
        (:class:`~.formats.WrittenTwice`), or ""."""
        formats, layout = self.sheet.formats, self.layout
        if not formats.twice and not formats.rows_twice:
            return ""
        top = min((h for h in layout.header_rows if h >= layout.first_row), default=layout.first_row) - 1
        rows, columns = range(top, self.last_row + 1), layout.col_range
        cells = sorted((r, c) for r, c in formats.twice if r in rows and c in columns)
        lines = sorted(r for r in formats.rows_twice if r in rows)
        if not cells and not lines:
            return ""
        named = [f"cell{'s' if len(cells) > 1 else ''} {', '.join(a1(r, c) for r, c in cells[:4])}"
                 f"{' ...' if len(cells) > 4 else ''} written twice"] if cells else []
        named += [f"row{'s' if len(lines) > 1 else ''} {', '.join(str(r + 1) for r in lines[:4])}"
                  f"{' ...' if len(lines) > 4 else ''} written again or out of order"] if lines else []
        return (f"the file has {' and '.join(named)}: which value was meant cannot be told, so the figures "
                "there may be wrong (a damaged file: check them in the workbook, save it again and import it again)")

    def _rated_by_colour(self) -> list[Column]:
        """The columns with cells of this table whose rating was read from their colour (:mod:`.cell_fills`)."""
        cells = self.sheet.formats.rated
        found = {c for r, c in cells if self.layout.data_start <= r <= self.last_row} if cells else ()
        return [col for col in self.columns if col.index in found]

    def _new_header(self, row: list[Any]) -> bool:
        """A row of header words (``Gross Expenditure | Income``) over the figure columns, its name
        cell blank and unlike the table's own header: a second table run on without a blank row."""
        if self.label_col < len(row) and not blank(row[self.label_col]) or row == self.header_row:
            return False
        words = [c.index for c in self.columns if c.index < len(row) and cell_class(row[c.index]) == TEXT
                 and not _CURRENCY.fullmatch(cell_text(row[c.index]))]
        return len(words) >= 2 and is_header_like(row, self.layout.col_range) and not is_units_row(row, self.layout.col_range)

    def _wrapped_rest(self, r: int, row: list[Any], above: ParsedRow | PlainRow) -> str:
        """The rest of the label of the row above, wrapped into a row of its own (``Provision)``
        alone under ``Special Educational Needs (High Needs``): a label cell and nothing else, closing
        a bracket the label above left open; else ""."""
        label = row[self.label_col] if self.label_col < len(row) else None
        if type(label) is not str or row_number(above) != r - 1:
            return ""
        before = above[AT_LABEL] if type(above) is PlainRow else above.label
        opened = before.count("(") - before.count(")") if type(before) is str else 0
        if opened <= 0 or any(not blank(v) for c, v in enumerate(row) if c != self.label_col):
            return ""   # (the label above first: most leave no bracket open, and their rows are not looked at)
        text = " ".join(label.split())
        return text if 0 < text.count(")") - text.count("(") <= opened else ""

    def _with_rest(self, above: ParsedRow | PlainRow, rest: str) -> ParsedRow | PlainRow:
        """The row above with the rest of its label joined on, in its figures too."""
        if type(above) is PlainRow:
            return above[:AT_LABEL] + (f"{above[AT_LABEL]} {rest}",) + above[AT_LABEL + 1:]
        above.label = f"{above.label} {rest}"
        for obs in above.cells:
            obs.label = above.label
        return above

    def _gap(self) -> None:
        """A blank row passed: the key columns written on every row carry nothing over it (England's
        and the regions' totals under the councils take no council's region or class)."""
        for c in self._each_row:
            self._carried[c], self._carried[~c] = "", False

    def _tick(self, r: int, progress, cancel) -> None:
        if cancel is not None and cancel():
            raise Cancelled()
        if progress is not None:
            progress(r, max(self.sheet.height, r + 1), f"{self.sheet.name}: row {r + 1:,}")

    def _plain_batch(self, stream: Peekable, ends: TableEnds, size: int = BATCH_ROWS) -> list[PlainRow] | int:
        """The next ``size`` rows when every one is a plain data row (:meth:`_plain`, and what
        :class:`TableEnds` calls a row), a sub total its label names, or a section heading (read
        here, as :meth:`_parse_row` reads one), tested together; otherwise they are put back and
        their number returned. Most rows of a large table are read this way."""
        if self._alone and stream.peek()[0] in self._alone:   # as the batch before found: read alone
            self._alone.discard(stream.peek()[0])
            self._plain_upto = 0
            return 0
        items = taken = stream.take(size)
        if items:
            items = self._between_gaps(stream, ends, taken)
        if not items:
            return self._put_back(stream, taken)
        rs, rows = zip(*items)
        if self.layout.last_row is not None or not self.columns or min(map(len, rows)) <= self._last_index:
            return self._put_back(stream, taken)
        if self._reference is not None:
            ref = self._reference.index
            self._refs.update(zip(rs, (row[ref] if ref < len(row) else None for row in rows)))
        if rs[0] < self._format_rows and (self._coded_rows.intersection(rs) or rs[-1] >= self._format_rows):
            return self._put_back(stream, taken)   # cells with formats of their own, or the window's end
        if self._uncached_rows and not self._uncached_rows.isdisjoint(rs):
            return self._put_back(stream, taken)
        label_col, cut = self.label_col, self._value_slice
        labels = list(map(itemgetter(label_col), rows))
        values = list(map(getitem, rows, repeat(cut))) if type(cut) is slice else list(map(cut, rows))
        if (set(map(type, labels)) != {str} or ends.header_label in labels
                or any(not blank(row[c]) for row in rows for c in self._left)):
            return self._put_back(stream, taken)
        headings = self._batch_headings(stream, ends, items, values)
        if headings is None or len(headings) == len(items) or headings and len(items) < len(taken):
            return self._put_back(stream, taken)
        if headings:
            data = [i for i in range(len(items)) if i not in headings]
            rs, rows, labels, values = ([seq[i] for i in data] for seq in (rs, rows, labels, values))
        joined = "\0".join(labels)
        if joined.count("\0") != len(labels) - 1:   # a label's own NUL (an .xls's): read one by one
            return self._put_back(stream, taken)
        if not single_spaced(joined):
            labels = [" ".join(label.split()) for label in labels]
            joined = "\0".join(labels)
        lowered = joined.lower()
        roles = None
        if "total" in lowered or "number" in lowered:   # (told before the figures: a stacked table's total row)
            roles = self._batch_roles(labels, lowered)
            if type(roles) is int:   # the rows before that one make the next batch
                return self._batch_before(stream, taken, rs[roles])
            roles = roles or None
        split = self._figures_and_texts(values)
        marked = split is None and self._marked(values)
        if marked is None and self._no_figure is not None:   # where the next batch should end
            self._plain_upto = data[self._no_figure] if headings else self._no_figure
        if marked:
            figures, texts_each = marked
            texts = texts_each[0]
        elif split is None:
            return self._put_back(stream, taken)
        else:
            figures, texts = split
            texts_each = repeat(texts)
        shown = self._shown(rs[0], figures_written(values[0], texts))
        if not all(labels) or any_marked(joined):
            return self._put_back(stream, taken)
        # with marks, what a label gives a row's figures depends on where its marks are: asked of each
        # label (or its catalogue words) with each row's text columns (the rows' marks kept apart)
        marks = texts_each if marked else None
        kinds: dict[Any, tuple] = {}
        words = self._catalogue_words(labels)
        # labels counting (Number of ...): their own kinds, as the words alone do not tell them
        counting = {label: None for label in labels_found(_number_places, joined, lowered, labels) if _NUMBER_OF.search(label)}
        if words is not None:
            keys = list(zip(words, marks)) if marks else words
            pairs = zip(keys, labels) if not counting else ((k, label) for k, label in zip(keys, labels) if label not in counting)
            for key, label in dict(pairs).items():   # what a label gives depends on these alone
                kind = self._row_kind(label, shown, key[1] if marks else texts)
                if kind is not None:
                    kinds[key] = kind
            row_kinds = list(map(kinds.get, keys)) if kinds else repeat(None)
        else:
            row_kinds = repeat(None)
        marked_as = self._marks_of(labels, marks) if marks else None
        dated, stated = {}, {}
        for label in counting:
            for each in marked_as[label] if marks else (texts,):
                stated[label, each] = self._counting_kind(label, shown, each)
        for label in labels_found(may_state_unit_or_period, joined, lowered, labels):
            period = self._label_period(label)
            if period is False:   # a label stating a unit: its row kind, where a block gives what its cells would
                for each in marked_as[label] if marks else (texts,):
                    kind = self._stated_kind(label, shown, each)
                    if kind is None:   # (its scale, say: the rows before it make the next batch)
                        return self._batch_before(stream, taken, rs[labels.index(label)])
                    stated[label, each] = kind
                period = self._period_named(label)
            dated[label] = period
        if stated:
            row_kinds = [stated.get(key, kind) for key, kind in zip(zip(labels, marks or repeat(texts)), row_kinds)]
        if self._money and may_name_own_unit(lowered):   # a unit cost or a count among money: read alone
            own = next((i for i, label in enumerate(labels) if own_unit(label) is not None), None)
            if own is not None:
                return self._batch_before(stream, taken, rs[own])
        if self._describer is not None and any(self._row_described(row) is not None for row in rows):
            return self._put_back(stream, taken)   # a unit described: read alone
        if self._not_measures:
            if not self._keyed_plain or (self._context and not all(map(self._context_holds, rows))):
                return self._put_back(stream, taken)
            keyed = self._keyed_columns(rows, labels)
            if keyed is not None:
                found = list(zip(rs, labels, keyed[0], values, figures, keyed[1], keyed[2], texts_each,
                                 map(dated.get, labels) if dated else repeat(None), row_kinds, repeat(DATA)))
                if self._indents:
                    self._top = found[-1][AT_SECTION]
                return found
            found, carried = [], dict(self._carried)
            for r, label, (name, section, period, area), v, f, kind, texts in zip(
                    rs, labels, self._keyed_each(rows, labels), values, figures, row_kinds, texts_each):
                if name != label:   # the key columns name the row: it is that name that is read
                    own = self._label_period(name)
                    kind = self._row_kind(name, shown, texts) if mentions_catalogue(name) else None
                    if own is False or _NUMBER_OF.search(name):   # (a name stating a unit or counting: alone)
                        self._carried = carried   # as it was: these rows are read again
                        return self._put_back(stream, taken)
                else:
                    own = dated.get(label)
                found.append((r, name, section, v, f, period, area, texts, own, kind, DATA))
            if self._indents:
                self._top = found[-1][AT_SECTION]
            return found
        sections = self._batch_sections(items, headings, roles) if headings or roles else repeat(self.section)
        return list(zip(rs, labels, sections, values, figures, repeat(None), repeat(None), texts_each,
                        map(dated.get, labels) if dated else repeat(None), row_kinds, roles or repeat(DATA)))

    @staticmethod
    def _marks_of(labels: list[str], marks: list[tuple[int, ...]]) -> dict[str, dict[tuple[int, ...], None]]:
        """Each label's distinct text columns (where its rows' marks are) in a batch."""
        found: dict[str, dict[tuple[int, ...], None]] = {}
        for label, texts in zip(labels, marks):
            found.setdefault(label, {})[texts] = None
        return found

    def _between_gaps(self, stream: Peekable, ends: TableEnds, taken: list) -> list | None:
        """A batch's rows without the blank rows between them (a double-spaced table), each row after
        one having been called a row by :class:`TableEnds` as the row after a gap; None when one is not
        (it may end the table) or two blank rows stand together. Blank rows last are put back."""
        try:
            labels = list(map(itemgetter(self.label_col), map(itemgetter(1), taken)))
        except IndexError:   # a short row: the batch is not plain anyway
            return taken
        if None not in labels and "" not in labels:
            return taken   # (a blank row has no label: most batches are told by their labels alone)
        while labels[-1] in (None, "") and _all_blank(taken[-1][1]):
            stream.push_back([taken.pop()])
            labels.pop()
            if not taken:
                return taken
        gaps = []   # found as they are checked: the first that may end the table ends the test
        for i in (i for i, label in enumerate(labels) if label is None or label == ""):
            if not _all_blank(taken[i][1]):
                continue
            gaps.append(i)
            r, row = taken[i + 1]
            if any(c >= len(row) or blank(row[c]) for c in self._each_row):   # read after the gap (_gap)
                self._plain_upto = i
                if i:
                    self._alone.add(taken[i][0])
                return None
            ahead = taken[i + 1:i + 1 + LOOKAHEAD]
            if len(ahead) < LOOKAHEAD:
                ahead += stream.ahead(LOOKAHEAD - len(ahead))
            ends.blank_run = 1
            if _all_blank(row) or ends.verdict(r, row, _Ahead(ahead)) != "row":
                ends.blank_run, ends.footnotes = 0, False   # as before the batch: it is read again
                self._plain_upto = i   # the rows before the gap make the next batch (the table may end here)
                if i:
                    self._alone.add(taken[i][0])   # and a batch from the gap would end there again
                return None
        kept = set(gaps)
        return [item for i, item in enumerate(taken) if i not in kept]

    def _catalogue_words(self, labels: list[str]) -> list[frozenset[str]] | None:
        """:func:`catalogue_words_each` of a batch's labels, each distinct label
        read once in a table (a long table repeats its service names), and each label ending in a
        long number by its words before it (:func:`words_before_number`); None when no label
        mentions the catalogue."""
        keys = labels
        distinct = dict.fromkeys(keys)
        if len(distinct) * 2 > len(labels):   # labels that differ row by row ("Placement 201934"): by their words
            keys = words_before_numbers(labels)
            distinct = dict.fromkeys(keys)
            if len(distinct) * 2 > len(labels):   # ("Placement 17"): none kept
                return catalogue_words_found(labels)
        words = list(map(self._known_words(distinct).__getitem__, keys))
        return words if any(words) else None

    def _key_words(self, keys: LabelKeys) -> list[frozenset[str]] | None:
        """:meth:`_catalogue_words` of a chunk's labels read column-wise, asked once per key (:mod:`.label_keys`)."""
        if len(keys.keys) * 2 > len(keys.codes):   # labels that differ row by row ("Placement 17"): none kept
            words = catalogue_words_found(keys.keys)
        else:
            words = list(map(self._known_words(keys.keys).__getitem__, keys.keys))
        return keys.each(words) if words is not None and any(words) else None

    def _known_words(self, distinct: Iterable[str]) -> dict[str, frozenset[str]]:
        """The catalogue words of texts the table remembers, the ``distinct`` texts among them."""
        known = self._label_words
        new = [key for key in distinct if key not in known]
        if new:
            if len(known) + len(new) > _TEXT_CACHE:
                known.clear()
                new = list(distinct)
            known.update(zip(new, catalogue_words_each(new)))
        return known

    def _batch_headings(self, stream: Peekable, ends: TableEnds, items: list, values: list[list[Any]]) -> dict[int, str] | None:
        """The rows of a batch that head a section (a label, no figure: :meth:`_parse_row`), by
        position, with their labels; None when such a row may be anything else (a title over
        another table, a footnote, a label with a footnote marker) or the table has key columns."""
        width = len(values[0])
        firsts = list(map(FIRST_VALUE, values))
        if "" not in firsts and None not in firsts:
            return {}   # a figure in every row's first measure column: no heading (most batches)
        found = {i: items[i][1][self.label_col] for i, v in enumerate(values)
                 if (v[0] == "" or v[0] is None) and v.count("") + v.count(None) == width}
        if not found:
            return found
        if self._not_measures:
            return None
        for i, label in found.items():
            r, row = items[i]
            if i and self._wrapped_rest(r, row, (items[i - 1][0], items[i - 1][1][self.label_col])):
                return None   # the rest of the label above: joined to it, row by row (_read_rows)
            label = found[i] = " ".join(label.split())
            if not label or has_marker(label) or any(word in label for word in self._letters) or is_footnote(row):
                return None
            if i + 1 < len(items) and i + 1 not in found and _figure_not_year(values[i + 1]):
                if not ends.heading_over_figures(row):
                    return None
                continue
            ahead = items[i:i + LOOKAHEAD]
            if len(ahead) < LOOKAHEAD:
                ahead += stream.ahead(LOOKAHEAD - len(ahead))
            if ends.verdict(r, row, _Ahead(ahead)) != "row":
                return None
        return found

    def _batch_roles(self, labels: list[str], lowered: str) -> list[str] | int:
        """Each row's role when the labels (``lowered``: joined by NUL, in lower case) naming a total
        all name a sub total (``Children's services sub total``), [] when none names one; else the
        place of the first row that is read cell by cell: totals, and counts (``Number of ...``)."""
        named = chain(places_of(lowered, "total"), places_of(lowered, "number"))
        odd = [i for i in label_indexes(lowered, named) if _ODD_LABEL.search(labels[i]) and not self._counts_plainly(labels[i])]
        if not odd:
            return []
        if self._not_measures:
            return odd[0]
        roles = [DATA] * len(labels)
        for i in odd:
            label = labels[i]
            if (_NUMBER_OF.search(label) or role_from_words(label) != SUBTOTAL or has_marker(label)
                    or any(word in label for word in self._letters)):   # read as _parse_row reads one
                return i
            roles[i] = SUBTOTAL
        return roles

    def _batch_sections(self, items: list, headings: dict[int, str], roles: list[str] | None) -> list[str | None]:
        """The section of each data row of a batch, reading its headings and sub totals in order as
        :meth:`_parse_row` does: a heading opens a section, a sub total closes it (the rows between
        two such, alike, are filled at once)."""
        sections: list[str | None] = []
        closing = compress(count(), map(SUBTOTAL.__eq__, roles)) if roles is not None else iter(())
        subtotal = next(closing, None)
        for j, i in enumerate([*sorted(headings), len(items)]):
            end = i - j   # the data rows before item i
            while subtotal is not None and subtotal < end:
                sections += [self.section] * (subtotal + 1 - len(sections))
                self.section, self._heading = self.part, None
                subtotal = next(closing, None)
            sections += [self.section] * (end - len(sections))
            if i < len(items):
                self._heading_row(items[i][0], headings[i])
        return sections

    def _figures_and_texts(self, values: list[list[Any]]) -> tuple[Any, tuple[int, ...]] | None:
        """Rows of measure values as (their figures as float64, the positions of the text columns):
        every column all figures, or all texts that read as no figure (a provider, a RAG status, a
        comment, a date, or blank), with one figure column at least, or a date in every row (a case
        list's dates: such a row is neither a heading nor a series' codes); else None. Figures
        written as text (a CSV) have no text columns among them."""
        figures = as_figures(values)
        if figures is not None:
            return figures, ()
        first = values[0]
        columns = list(zip(*values))
        if all(type(v) is str for v in first):   # a CSV's: its figure columns are those all figures
            if len(values) == 1:
                return None   # (a row read alone: testing each column costs more than reading its cells)
            written = []
            for j, column in enumerate(columns):   # a column neither figures nor texts ends the test
                written.append(plain_figures(list(column), **self._sign_written(j, column[0]))
                               if set(map(type, column)) == _WRITTEN_KINDS else None)
                if written[-1] is None and not self._text_column(j, column):
                    return None
            texts = tuple(j for j, f in enumerate(written) if f is None)
            if len(texts) == len(first):
                return None
        else:
            texts = tuple(j for j, v in enumerate(first) if type(v) is str or v is None or type(v) in DATE_KINDS)
            if not texts or not all(self._text_column(j, columns[j]) for j in texts):
                return None
            if len(texts) == len(first):   # no figure column
                if not (any(set(map(type, column)) <= DATE_KINDS for column in columns) or all(map(holds_date, values))):
                    return None
                return (np.empty((len(values), 0)) if len(values) > 1 else [[]]), texts
        if type(first[first_figure(texts)]) is str:
            figures = np.column_stack([f for f in written if f is not None])
            return (figures if len(values) > 1 else figures.tolist()), texts
        figures = columns_as_figures([column for j, column in enumerate(columns) if j not in texts])
        return None if figures is None else (figures, texts)

    def _marked(self, values: list[list[Any]]) -> tuple[list, list[tuple[int, ...]]] | None:
        """Rows of figures with marks, blanks or words among them in any column (:meth:`_text_cell`:
        ``[c]``, ``..``, a blank): each row's figures and the positions of its text cells, as
        :meth:`_plain` reads a row alone (a CSV's too, its figures written as text); None when a
        cell is neither, or a row has no figure."""
        self._no_figure = None
        columns = list(zip(*values))
        n, width = len(values), len(columns)
        marked = np.zeros((width, n), dtype=bool)
        figures = np.zeros((width, n))
        integers = False
        written = all(type(v) is str for v in values[0])
        for j, column in enumerate(columns):
            kinds = set(map(type, column))
            if not kinds <= (_WRITTEN_KINDS if written else _MARKED_KINDS):
                return None
            integers = integers or int in kinds
            if written:
                at, found = self._written_marks(j, column)
            else:
                texts = str in kinds or type(None) in kinds
                at = [i for i, v in enumerate(column) if type(v) is str or v is None] if texts else []
                found = [v for v in column if type(v) is not str and v is not None] if at else column
            if at is None or at and not self._text_column(j, [column[i] for i in at]):
                return None
            marked[j, at] = True
            try:
                figures[j][~marked[j]] = found
            except OverflowError:   # an integer beyond a float64
                return None
        if integers and (np.abs(figures[~marked]) >= EXACT).any():
            return None   # (as one row read alone: such integers are read cell by cell)
        if not marked.any():
            return None
        if (no_figure := marked.all(axis=0)).any():   # a row of marks alone is read by itself
            self._no_figure = int(np.flatnonzero(no_figure)[0])
            return None
        rows_marked = marked.T
        texts_of: dict[bytes, tuple[int, ...]] = {}
        texts_each, figures_each = [], []
        for i, (row, kept) in enumerate(zip(rows_marked, figures.T)):
            key = row.tobytes()
            texts = texts_of.get(key)
            if texts is None:
                texts = texts_of[key] = tuple(np.flatnonzero(row).tolist())
            texts_each.append(texts)
            figures_each.append(kept[~row].tolist() if texts else kept.tolist())
        return figures_each, texts_each

    def _sign_written(self, j: int, first: str) -> dict[str, bool]:
        """How column ``j``'s figures, its first cell ``first``, are written when with a sign its unit
        reads as its own figures do (:func:`~memberpack.model.values.parse_text`): ``percent``, as
        percentages with their sign (``12.5%``) in a column of percentages, each the number before
        its sign; ``pounds``, with a pound sign or not (``£1,234.56``, ``-£12``, ``(500)``) in a column of pounds."""
        col = self.columns[j]
        if col.factor != 1.0:
            return {}
        if first.endswith("%"):
            return {"percent": col.base == PERCENT}
        return {"pounds": col.base == GBP}

    def _written_marks(self, j: int, cells: Sequence[str]) -> tuple[list[int] | None, Any]:
        """The places of column ``j``'s text cells among figures written as text (a CSV's), and the
        figures of the others: a cell that ends other than a figure does (a blank, ``[c]``, ``..``,
        ``-``) is a text, and every other must be a plain figure (:func:`plain_figures`); else (None, None)."""
        at = [i for i, v in enumerate(cells) if not v or v[-1] not in _FIGURE_ENDS]
        if len(at) == len(cells):
            return at, []
        rest = [v for v in cells if v and v[-1] in _FIGURE_ENDS] if at else list(cells)
        found = plain_figures(rest, **self._sign_written(j, rest[0]))
        return (None, None) if found is None else (at, found)

    def _text_column(self, j: int, cells: Sequence[Any]) -> bool:
        """Whether measure column ``j``'s cells are all texts that read as no figure, in a column that
        holds no benchmarks (:meth:`_text_cell`, asked once per distinct text but those plainly words)."""
        if self.columns[j].benchmark:
            return False
        unit, distinct = self.columns[j].unit, dict.fromkeys(dates_as_days(cells))
        if set(map(type, distinct)) == _WRITTEN_KINDS:   # notes and comments are words: the others are asked
            distinct = not_plainly_words(distinct)
        return all(self._text_cell(v, unit) for v in distinct)

    def _texts_read(self, cells: Sequence[Any], unit: Unit | None) -> dict[Any, tuple[str, str]]:
        """:meth:`_text_cell` of each distinct cell of a text column, those plainly words (notes,
        comments: :func:`~memberpack.model.values.not_plainly_words`) known as such without asking."""
        distinct = dict.fromkeys(cells)
        if set(map(type, distinct)) != _WRITTEN_KINDS:
            return {value: self._text_cell(value, unit) for value in distinct}
        read = {value: (value, TEXT) for value in distinct}
        read.update({value: self._text_cell(value, unit) for value in not_plainly_words(distinct)})
        return read

    def _text_cell(self, value: str | None, unit: Unit | None) -> tuple[str, str] | bool:
        """(display, status) of a text cell that reads as no figure (as :func:`read_value` reads it),
        else False; asked once per distinct text."""
        key = (value, unit)
        found = self._text_cells.get(key)
        if found is None:
            if len(self._text_cells) > _TEXT_CACHE:
                self._text_cells.clear()
            if value is not None and type(value) is not str and type(value) not in DATE_KINDS:
                return False
            cell = read_value(value, unit, None)
            found = (cell.display, cell.status) if (cell.value is None and cell.unit is None and cell.status
                                                    not in (None, OUT_OF_RANGE)) else False
            self._text_cells[key] = found
        return found

    def _keyed(self, row: list[Any], label: str) -> tuple[str, str | None, Period | None, str | None]:
        """A row's label, section, period and area, from its key columns as well as its label cell."""
        if not self.keys:
            return label, self.section, None, None
        keys = self._keys_of(row, label)
        return keys.label or label, _joined(self.section, keys.sections), keys.period, keys.area

    def _keyed_each(self, rows: list[list[Any]], labels: list[str]) -> list[tuple[str, str | None, Period | None, str | None]]:
        """:meth:`_keyed` of each row of a batch (every label given, every row as wide as the table), in
        order: the keys of key cells read before are looked up as :meth:`_keys_of` looks them up,
        and each such answer is made a row's only once per batch."""
        if not self.keys or self._key_values is None:
            return [self._keyed(row, label) for row, label in zip(rows, labels)]
        memo, carried, part, get, carried_keys = self._keys_read, self._carried, self.section, self._key_values, self._section_keys
        made: dict[int, tuple] = {}   # id of a RowKeys -> it and the row's section, period, area it gives
        out = []
        totals = "total" in "\0".join(labels).lower()
        for row, label in zip(rows, labels):
            values = get(row)
            found = memo.get((values, tuple(map(type, values)), tuple(map(carried.get, carried_keys))))
            if found is None or totals and totals_row(label):
                out.append(self._keyed(row, label))
                continue
            keys, after = found
            if after:
                carried.update(after)
            answer = made.get(id(keys))
            if answer is None or answer[0] is not keys:   # (the memo may have been emptied and an id reused)
                answer = made[id(keys)] = (keys, _joined(part, keys.sections), keys.period, keys.area)
            out.append((keys.label or label, *answer[1:]))
        return out

    def _keyed_columns(self, rows: list[list[Any]], labels: list[str]) -> tuple[list, list, list] | None:
        """The section, period and area of each row of a batch (every label given, every row as wide
        as the table), when no row's keys depend on its label or on the rows above it
        (:func:`alike_keys`): then they are read once per distinct set of key cells, column by
        column, and the values carried down are those the last rows leave (:meth:`_keyed_each`
        reads them row by row); else None."""
        if self._key_values is None:
            return None
        cells = [list(map(itemgetter(i), rows)) for i in self._key_cells]
        kinds = [set(map(type, column)) for column in cells]
        if any(len(kind) != 1 for kind in kinds):   # 800 and 800.0 alike would be one key
            return None
        types = tuple(kind.pop() for kind in kinds)
        if self._section_words and (found := self._section_columns(cells, types, labels)) is not None:
            return found
        keyed = list(zip(*cells))
        last = dict(zip(keyed, range(len(keyed))))   # each distinct set of key cells, with its last row
        answers = self._keyed_answers.get((self.section, types))
        if answers is None or len(answers) > _TEXT_CACHE:
            answers = self._keyed_answers[(self.section, types)] = {}
        odd = set()   # key cells read otherwise with another label or other rows above (a month's last day)
        for values, i in last.items():
            if values not in answers:
                alike = self._alike_keys(rows[i], labels[i], (values, types))
                if alike is None:
                    odd.add(values)
                    continue
                keys, carries = alike
                answers[values] = (_joined(self.section, keys.sections), keys.period, keys.area, carries)
        if odd:
            return self._keyed_in_order(rows, labels, keyed, answers, odd)
        if self._section_keys:   # as the rows leave them, in order
            for values, _ in sorted(last.items(), key=itemgetter(1)):
                self._carried.update(answers[values][3])
        sections, periods, areas, _ = zip(*map(answers.__getitem__, keyed))
        return list(sections), list(periods), list(areas)

    def _section_columns(self, cells: list[list[Any]], types: tuple[type, ...], labels: list[str]
                         ) -> tuple[list, list, list] | None:
        """:meth:`_keyed_columns` of a batch whose keys are sections' words (a reference, a service),
        every cell a text, and at most one period column, every cell a date (a spending list's): each
        row's section is the table's part and its key texts but marks (:func:`section_texts`), its
        period its date's month (:func:`date_periods`), read column by column, and the last row's
        texts are carried down; None when a cell is neither."""
        words = [i for i, key in enumerate(self.keys) if key.role == SECTION]
        if any(types[i] is not str for i in words):
            return None
        dated = next((i for i, key in enumerate(self.keys) if key.role == PERIOD), None)
        periods = date_periods(cells[dated], labels) if dated is not None else ([None] * len(labels), None)
        if periods is None:
            return None
        carried = self._carried
        read = [section_texts(cells[i], carried.get(self.keys[i].index, ""), carried.get(~self.keys[i].index, False),
                              labels, self.keys[i].sparse) for i in words]
        columns = [found[0] for found in read]
        part = self.section
        if len(columns) == 1:
            sections = [f"{part} / {text}" if text and text != part else part for text in columns[0]] if part else \
                [text or None for text in columns[0]]
        elif columns:
            sections = _joined_columns(part, columns)
        else:
            sections = [part or None] * len(labels)
        for i, (_, above, taken) in zip(words, read):
            carried[self.keys[i].index], carried[~self.keys[i].index] = above, taken
        if dated is not None:
            carried[self.keys[dated].index] = periods[1]
        return sections, periods[0], [None] * len(sections)

    def _keyed_in_order(self, rows: list[list[Any]], labels: list[str], keyed: list[tuple], answers: dict,
                        odd: set[tuple]) -> tuple[list, list, list] | None:
        """:meth:`_keyed_columns` of a batch some of whose rows' key cells (``odd``) are read with
        their label and the values carried down to them (:meth:`_keyed`, in order); the others'
        are looked up, and what they carry down carried in order. None, with nothing carried,
        when an odd row's keys give it another name."""
        carried = dict(self._carried)
        sections, periods, areas = [], [], []
        for row, label, values in zip(rows, labels, keyed):
            if values in odd:
                name, section, period, area = self._keyed(row, label)
                if name != label:
                    self._carried = carried
                    return None
            else:
                section, period, area, carries = answers[values]
                self._carried.update(carries)
            sections.append(section)
            periods.append(period)
            areas.append(area)
        return sections, periods, areas

    def _alike_keys(self, row: list[Any], label: str, key: tuple) -> tuple[RowKeys, dict[int, str]] | None:
        """:func:`alike_keys`, kept by ``key`` (the row's key cells and their types)."""
        memo = self._keys_alike
        if key not in memo:
            if len(memo) > _TEXT_CACHE:
                memo.clear()
            memo[key] = alike_keys(row, self.keys, label, self.context)
        return memo[key]

    def _keys_of(self, row: list[Any], label: str) -> RowKeys:
        """:func:`row_keys`, read once per set of key cells (and sections carried down) where the
        label cannot change them (:func:`ignores_label`): a long table repeats its codes and dates."""
        memo, carried, indexes = self._keys_read, self._carried, self._key_cells
        if not label or totals_row(label):   # (a total row's keys are its own: nothing carried down)
            return row_keys(row, self.keys, label, self.context, carried)
        width = len(row)
        values = tuple(row[i] if i < width else None for i in indexes)
        key = (values, tuple(map(type, values)), tuple(map(carried.get, self._section_keys)))
        found = memo.get(key)
        if found is not None:
            keys, after = found
            carried.update(after)
            return keys
        keys = row_keys(row, self.keys, label, self.context, carried)
        if keys.label is None and ignores_label(row, self.keys):
            if len(memo) > _TEXT_CACHE:
                memo.clear()
            memo[key] = keys, [(i, carried[i]) for k in self.keys if k.role in _CARRIED for i in (k.index, ~k.index)
                               if i in carried]
        return keys

    def _context_holds(self, row: list[Any]) -> bool:
        """Whether the row has the table's constant value in each context column (as its first row did)."""
        seen = self._context_values
        holds = True
        for c in self._context:
            value = row[c] if c < len(row) else None
            if seen.setdefault(c, value) != value:
                if c not in self._context_changed:
                    self._context_changed.add(c)
                    self._context_changes(c, seen[c], value)
                holds = False
        return holds

    def _context_changes(self, c: int, first: Any, value: Any) -> None:
        """The report no longer says a column is the same on every row once a row shows it is not."""
        name = self._context_names[c]
        self.report.context.pop(name, None)
        where = "measure" if c in self._describing else "section"
        self.report.assume(f"column {column_letter(c)} ({name}) is {cell_text(first)!r} on the first rows and "
                           f"{cell_text(value)!r} further down: each row's value is kept in its {where}")

    @staticmethod
    def _put_back(stream: Peekable, items: list) -> int:
        stream.push_back(items)
        return len(items)

    def _batch_before(self, stream: Peekable, taken: list, r: int) -> int:
        """Put ``taken`` back, the rows before row ``r`` to make the next batch and ``r`` to be read alone."""
        self._plain_upto = next(i for i, item in enumerate(taken) if item[0] == r)
        if self._plain_upto:
            self._alone.add(r)
        return self._put_back(stream, taken)

    def _plain(self, r: int, row: list[Any]) -> PlainRow | None:
        """The row as a :class:`PlainRow` when reading it cell by cell would give each figure just
        its column's measure, unit, metric, period and number format: a label that names no metric,
        unit, period or total, a figure in every column, no uncached formulas, and (inside the
        format window, where each cell has its own format) no formatted cells."""
        if r in self._uncached_rows or len(row) <= self._last_index or r in self._coded_rows:
            return None
        if self._reference is not None:
            self._refs[r] = row[self._reference.index] if self._reference.index < len(row) else None
        label = row[self.label_col]
        if type(label) is not str:
            return None
        cut = self._value_slice
        values = row[cut] if type(cut) is slice else cut(row)
        split = self._figures_and_texts([values])
        if split is None or (self._left and any(not blank(row[c]) for c in self._left)):
            return None
        (figures,), texts = split
        label = " ".join(label.split())
        if not label or _ODD_LABEL.search(label) and not self._counts_plainly(label) or MARKED.search(label):
            return None
        shown = self._shown(r, figures_written(values, texts))
        stated = None
        if (own := self._label_period(label)) is False:   # a label stating a unit: as in _plain_batch
            stated = self._stated_kind(label, shown, texts)
            if stated is None:
                return None
            own = self._period_named(label)
        elif _NUMBER_OF.search(label):
            stated = self._counting_kind(label, shown, texts)
        if self._describer is not None and self._row_described(row) is not None:
            return None
        section, period, area = self.section, None, None
        if self._not_measures:
            if not self._keyed_plain or not self._context_holds(row):
                return None
            name, section, period, area = self._keyed(row, label)
            if name != label:   # the key columns name the row: that name's kind, read alone where it states a unit or counts
                if (own := self._label_period(name)) is False or _NUMBER_OF.search(name):
                    return None
                stated = None
            label = name
        kind = stated or (self._row_kind(label, shown, texts) if mentions_catalogue(label) else None)
        if self._not_measures and self._indents:
            self._top = section
        return r, label, section, values, figures, period, area, texts, own, kind, DATA

    def _row_kind(self, label: str, shown: list[tuple], texts: tuple[int, ...]) -> tuple | None:
        """What a label that may name a metric gives its plain row's cells: None when each keeps its
        column's metric; else (each column's metric, each column's unit), as :meth:`_read_cells`
        gives them (a label naming a count metric makes unitless figures counts; a text or blank
        cell takes the metric of a label naming the catalogue in the unit of the row's first figure)."""
        if self._read_as_columns(label, shown, texts):
            return None
        unit_of_row = plain_row_unit(shown, texts)
        told = unit_of_row if mentions_catalogue(label) else None   # (a label naming nothing gives blanks no unit)
        known = self._per_shown(shown)
        key = ("row", texts, told)
        if key not in known:
            known[key] = self._asking([(c.measure, told if j in texts else base)
                                       for j, (c, (_, _, base)) in enumerate(zip(self.columns, shown))])
        metrics = self._metrics_named(label, *known[key])
        units = [base for _, _, base in shown]
        if unit_of_row is None or self._count_columns:
            counted = bool(_COUNT_METRICS.intersection(metrics) or _NUMBER_OF.search(label))
            units = [COUNT if unit is None and (counted and c.measure not in self._never_counted
                                                or c.measure in self._count_columns) else unit
                     for c, unit in zip(self.columns, units)]
        return tuple(metrics), tuple(units)

    def _shown(self, r: int, as_text: bool) -> list[tuple[str | None, float, str | None]]:
        """How row ``r``'s plain figures are read, column by column: (number format, factor to base
        units, base unit). Below the format window each figure takes its column's format (a percent
        format makes 0.1706 17.06%); inside it, and for figures written as text, there is none."""
        if r < self._format_rows or as_text:
            return [(None, c.factor, c.base) for c in self.columns]
        return [(c.code, 100.0, PERCENT) if c.percent else (c.code, POUNDS.factor, POUNDS.base) if c.pounds
                else (c.code, 1.0, PERCENT) if c.signed else (c.code, c.factor, c.base) for c in self.columns]

    def _label_period(self, label: str) -> Period | None | bool:
        """The period a plain row's label gives its figures (as ``_read_cells``), None for none; False
        when the label states a unit they would take, or a period its columns would not all take alike."""
        if UNIT_HINT.search(label) and label_stated_unit(label) is not None or self._money and own_unit(label) is not None:
            return False
        return self._period_named(label)

    def _period_named(self, label: str) -> Period | None:
        """The period a row's label names, None where every column keeps its own (:meth:`_changes_no_period`)."""
        period = period_in_label(label, self.context)
        return None if period is not None and self._changes_no_period(period) else period

    def _stated_kind(self, label: str, shown: list[tuple], texts: tuple[int, ...]) -> tuple | None:
        """What a plain row's label stating a unit (``Percentage of waste recycled``, ``... per 10,000``)
        gives its figures, as :meth:`_read_cells` gives them: (each column's metric, each column's unit),
        a row kind (:meth:`_row_kind`); a figure in a percentage's format is a percentage whatever the
        label states, and a text cell takes the metric its label (where it mentions the catalogue) or
        its measure names in the unit of the row's first figure. None (the row is read cell by cell)
        where that unit would scale a figure otherwise than its column's block does, or is minutes (a
        duration's clock), or the row has a unit cost or count of its own, or a units or description
        column, or text cells beside figures with no unit or in count columns (which may count them);
        or beside money columns in £k (whose stated amounts a block with row units leaves out)."""
        if self._unit_key is not None or self._describer is not None:
            return None
        stated = label_stated_unit(label) if UNIT_HINT.search(label) else None
        if stated is None or self._money and (own_unit(label) is not None or any(
                c.base == GBP and c.factor != 1.0 for c in self.columns)):
            return None
        stating = self._stating(stated, shown, texts)
        if stating is None:
            return None
        asked, units, metrics = stating
        return (tuple(self._metrics_named(label, *asked)) if mentions_catalogue(label) else metrics), units

    def _stating(self, stated: Unit, shown: list[tuple], texts: tuple[int, ...]) -> tuple | None:
        """What :meth:`_stated_kind` gives a label stating ``stated`` but for the label's own words:
        (each column's measure and the unit its metric is asked in, each column's unit, each column's
        metric for a label naming nothing); None where the row is read cell by cell. Worked out once
        per stated unit and text columns in the rows ``shown`` is asked of (a batch's)."""
        known = self._per_shown(shown)
        key = (stated, stated is A_NUMBER, texts)
        if key in known:
            return known[key]
        asked, units, metrics = [], [], []
        found = None
        for j, (col, (code, factor, _)) in enumerate(zip(self.columns, shown)):
            if j in texts:
                asked.append(None)
                units.append(None)
                continue
            unit = PERCENTAGE_FORMAT if code and is_percent(code) else stated if stated.base == PERCENT and col.base == GBP or (
                stated is A_NUMBER and col.base == PERCENT and col.index in self._table_unit_columns) else col.unit or stated
            if unit.factor != factor or unit.base == MINUTES:
                break
            asked.append((col.measure, unit.base))
            units.append(unit.base)
        else:
            row_unit = next((unit for unit in units if unit is not None), None)
            if not texts or row_unit is not None and not self._count_columns:
                for j in texts:
                    asked[j] = (self.columns[j].measure, row_unit)
                metrics = tuple(col.metric(None if j in texts else unit, self._metric)
                                for j, (col, unit) in enumerate(zip(self.columns, units)))
                found = self._asking(asked), tuple(units), metrics
        known[key] = found
        return found

    def _per_shown(self, shown: list[tuple]) -> dict[tuple, Any]:
        """What is worked out for the rows ``shown`` is asked of (a batch's): kept until another is asked of."""
        if shown is not self._shown_asked:
            self._shown_asked, self._shown_known = shown, {}
        return self._shown_known

    def _asking(self, asked: list[tuple[str, str | None]]) -> tuple[tuple, tuple]:
        """The columns' measures and the units their metrics are asked in (``asked``), with what each
        measure names in its unit: :meth:`_metrics_named` asks the label alone."""
        return tuple(asked), tuple(self._asked(measure, unit, True) for measure, unit in asked)

    def _metrics_named(self, label: str, asked: Sequence[tuple[str, str | None]], measured: Sequence[str]) -> list[str]:
        """``[self._metric(label, measure, unit) for measure, unit in asked]`` given what each measure
        names in its unit (``measured``: :meth:`_asking`), the label asked once per unit."""
        if any(label is measure for measure, _ in asked):   # (asked as a measure by _metric)
            return [self._metric(label, measure, unit) for measure, unit in asked]
        other, named, metrics = OTHER_METRIC.id, {}, []
        for (_, unit), found in zip(asked, measured):
            if unit == "GBP":   # the measure first
                if found == other:
                    found = named[unit] if unit in named else named.setdefault(unit, self._asked(label, unit, False))
            else:
                own = named[unit] if unit in named else named.setdefault(unit, self._asked(label, unit, False))
                if own != other:
                    found = own
            metrics.append(found)
        return metrics

    def _counts_plainly(self, label: str) -> bool:
        """Whether a label naming a count (``Number of rough sleepers``) may be a plain row's: it names
        no total and no footnote and is no count among money (read alone: its figures' units: :meth:`_counting_kind`)."""
        return not _TOTALLING.search(label) and not has_marker(label) and not (self._money and own_unit(label) is not None) \
            and not any(word in label for word in self._letters)

    def _counting_kind(self, label: str, shown: list[tuple], texts: tuple[int, ...]) -> tuple | None:
        """The row kind (:meth:`_row_kind`) of a plain row whose label names a count: its figures with no
        unit are counts where its first figure has none (:meth:`_read_cells`), its text cells their
        measure's metric in no unit (a label naming another is :meth:`_row_kind`'s); None where each
        figure keeps its column's metric and unit."""
        if mentions_catalogue(label) and (kind := self._row_kind(label, shown, texts)) is not None:
            return kind
        if plain_row_unit(shown, texts) is not None and not self._count_columns:
            return None
        units = [COUNT if base is None and (c.measure not in self._never_counted or c.measure in self._count_columns)
                 else base for c, (_, _, base) in zip(self.columns, shown)]
        metrics = self._column_metrics(shown)
        for j in texts:
            metrics[j] = self.columns[j].metric(None, self._metric)
        return tuple(metrics), tuple(units)

    def _changes_no_period(self, period: Period) -> bool:
        """Whether every column keeps its own period in a row whose label names ``period`` (a
        "2021-22" column stays 2021/22 beside "Authority 1999"): the row is read as if it named none."""
        kept = self._periods_kept.get(period)
        if kept is None:
            kept = self._periods_kept[period] = all(self._period(c, period) == c.period_label for c in self.columns)
        return kept

    def _read_as_columns(self, label: str, shown: list[tuple], texts: tuple[int, ...] = ()) -> bool:
        """Whether a label that might name a metric gives each figure its column's metric anyway.

        A label naming no metric in any of the columns' units leaves each its column's (as
        :meth:`_metric` asks the label, then the measure): one look-up per unit, not per column.
        Text cells take the metric of their measure in the row's unit (:meth:`_read_cells`): a
        block gives them their measure's own, so the two must agree."""
        if texts:
            unit = plain_row_unit(shown, texts)
            if self._asked(label, unit, False) != OTHER_METRIC.id or not self._texts_agree(texts, unit):
                return False
        known = self._per_shown(shown)
        if ("plain",) not in known:   # the units, and what each measure names in its unit (_column_metrics)
            known["plain",] = list(dict.fromkeys(base for _, _, base in shown)), self._asking(
                [(c.measure, base) for c, (_, _, base) in zip(self.columns, shown)])
        bases, (asked, metrics) = known["plain",]
        if all(self._asked(label, base, False) == OTHER_METRIC.id for base in bases):
            return True
        return self._metrics_named(label, asked, metrics) == list(metrics)

    def _texts_agree(self, texts: tuple[int, ...], unit: str | None) -> bool:
        """Whether each text column's measure names the same metric in ``unit`` as in none."""
        key = (texts, unit)
        found = self._text_metrics.get(key)
        if found is None:
            columns = [self.columns[j] for j in texts]
            found = self._text_metrics[key] = all(c.metric(unit, self._metric) == c.metric(None, self._metric)
                                                  for c in columns)
        return found

    def _column_metrics(self, shown: list[tuple]) -> list[str]:
        """The metric of each column's figures in rows whose label names none."""
        return [c.metrics.get(base) or c.metric(base, self._metric) for c, (_, _, base) in zip(self.columns, shown)]

    def _parse_row(self, r: int, row: list[Any]) -> ParsedRow | None:
        width = len(row)
        if self._reference is not None:
            self._refs[r] = row[self._reference.index] if self._reference.index < width else None
        label_value = row[self.label_col] if self.label_col < width else None
        values = [(col, row[col.index] if col.index < width else None) for col in self.columns]
        uncached = self._uncached_cells.get(r, ())
        for c in uncached:
            self.report.skip_at(r, c, _UNCACHED)
        self._uncached += len(uncached)
        indented = blank(label_value) and self._indents
        if indented:
            label_value = next((row[c] for c in self._indents if c < width and not blank(row[c])), None)
        label = self._unmarked(cell_text(label_value)) if not blank(label_value) else ""
        section, period, area = self.section, None, None
        if self.keys and not (label and all(blank(v) for _, v in values)):
            label, section, period, area = self._keyed(row, label)
        described = self._described
        if self._context and not self._context_holds(row):   # a "constant" column that changes after all
            varied = [cell_text(row[c]) for c in sorted(self._context_changed) if c < width and not blank(row[c])
                      and c not in self._describing]   # the columns that did change: the others are still the same
            section = _joined(None, [*(section.split(" / ") if section else ()), *varied])
            described = self._description(row)
        if not label:
            for col, value in values:
                if not blank(value):
                    self.report.skip_at(r, col.index, "value with no row label")
                    self._unlabelled = r, row
            return None
        for c in self._left:
            if c < width and not blank(row[c]):
                self.report.skip_at(r, c, "left of the label column")
        if not uncached and all(blank(v) for _, v in values) and any(
                (k.role in (AREA, PERIOD) or k.index > self._first_figure) and k.index < width and not blank(row[k.index])
                for k in self.keys):
            return None   # an area's or a date's own row with nothing to read (a visit with no theme, a figure
            # left blank beside its group after the figures): no heading
        if self._helpers and all(blank(v) for _, v in values) and any(c < width and not blank(row[c]) for c in self._helpers):
            return None   # a row of the lookup columns left out alone: nothing to read, no heading
        if not uncached and (all(blank(v) for _, v in values) or is_series_row([v for _, v in values], cell_class)
                             or self._names_sheet(values)):
            self._heading_row(r, label)
            return None
        if indented:   # under the heading above, within the section of the last row not indented
            section = " / ".join(dict.fromkeys(filter(None, (self._top, section)))) or None
        elif self._indents:
            self._top = section
        role = role_from_words(label)
        own = self.section is None and not indented and bool(self._section_keys) and all(
            c < width and not blank(row[c]) for c in self._section_keys)   # (a total keeps the keys it writes)
        parsed = ParsedRow(r, label, section, role, worded=role != DATA, period=period, area=area, own_keys=own)
        if role == SUBTOTAL:
            self.section, self._heading = self.part, None
        units = self._unit_key.index if self._unit_key is not None else None
        self._read_cells(parsed, values, uncached, cell_text(row[units]) if units is not None and units < width else "",
                         self._row_described(row) if self._describer is not None else None)
        if described != self._described:   # another indicator than the first row's: the measures name it
            self._redescribe(parsed, described)
            self._redescribed[r] = described
        return parsed

    def _row_described(self, row: list[Any]) -> Unit | None:
        """The unit the description column names for a row's figures (``Proportion of ...``: %), where no
        cell of the row says it gives what the outcome is made of (a ``Numerator``, ``Denominator``, ``Base``)."""
        c = self._describer
        text = cell_text(row[c]) if c < len(row) and not blank(row[c]) else ""
        unit = self._described_units.get(text, _UNSET)
        if unit is _UNSET:
            unit = self._described_units[text] = described_unit(text) if text else None
            if unit is not None and not self._describer_told:
                self._describer_told = True
                self.report.assume(f"column {column_letter(c)} gives each row's unit where its description names one "
                                   f"({shortened(text, 60)!r}: {unit.symbol or unit.base}), but to rows of numerators, "
                                   "denominators and bases")
        if unit is None:
            return None
        key = self.label_col, *self._key_cells
        return None if any(k < len(row) and type(row[k]) is str and _COMPONENT.search(row[k]) for k in key) else unit

    def _names_sheet(self, values: list[tuple[Column, Any]]) -> bool:
        """Whether a row's only text beside its label is the sheet's name (a council's return: ``Barnsley``
        under its first figure column, beside a heading): whose figures the table holds, no figure."""
        name = self.sheet.name.strip().lower()
        return all(type(v) is str and v.strip().lower() == name or blank(v) for _, v in values) and any(
            type(v) is str and v.strip().lower() == name for _, v in values)

    def _heading_row(self, r: int, label: str) -> None:
        """A row with a label and no figures heads a section: the rows below it are in it."""
        if strip_periods(label):
            self._heading = self.section = label
        else:   # a period alone under a heading ("Male", then "Mar-May 1983"): within it, not instead
            self.section = f"{self._heading} / {label}" if self._heading else label
        if self.part:
            self.section = f"{self.part} / {self.section}"
        if self._first_heading is None:
            self._first_heading = r
        self.has_headings = True
        self.report.section_heading(r + 1, label)

    def _description(self, row: list[Any]) -> str:
        """What the constant columns describing the figures (a tidy file's indicator) say on ``row``."""
        return " ".join(cell_text(row[c]) for c in self._describing if c < len(row) and not blank(row[c]))

    def _redescribe(self, parsed: ParsedRow, described: str) -> None:
        """Name a row's figures by its own description, where it differs from the first row's."""
        if find_unit(described) != find_unit(self._described):
            self.report.doubt(f"row {parsed.r + 1} describes its figures as {shortened(described, 60)!r}, in another unit than "
                              f"the first row's ({shortened(self._described, 60)!r}): they are read in the first row's unit")
        for obs in parsed.cells:
            if obs.measure.startswith(f"{self._described}: "):
                obs.measure = f"{described}: {obs.measure[len(self._described) + 2:]}"
                obs.metric_id = self._metric(parsed.label, obs.measure, obs.unit)

    def _read_cells(self, parsed: ParsedRow, values: list[tuple[Column, Any]], uncached, units: str = "",
                    described: Unit | None = None) -> None:
        """One observation per cell of a data row (plus any benchmarks its text holds); ``units``: the row's
        units cell, when the table has a column of them (:data:`~memberpack.importers.keys.UNITS_HEADER`);
        ``described``: the unit its description names (:meth:`_row_described`), for its figures with none."""
        r, label, role, area = parsed.r, parsed.label, parsed.role, parsed.area
        row_period = parsed.period or (period_in_label(label, self.context) if YEARISH.search(label) else None)
        label_unit = label_stated_unit(label) if UNIT_HINT.search(label) else None  # "CLA rate per 10,000", "... %"
        counted = ()
        if units and label_unit is None:   # "%", or "Per child per week" under a cost: £
            label_unit, cost_unit = unit_of_row(units, False), unit_of_row(units, True)
            counted = self._counted   # (a rate's numerator counts: it is not a rate)
        else:
            cost_unit = None
        own = own_unit(label) if self._money else None   # a unit cost's pounds, a count, in a column of £000
        codes = self.sheet.formats.codes if r < self.sheet.formats.rows_read else None
        relevant = mentions_catalogue(label)
        section, sheet, number, row_index = parsed.section, self.sheet.name, str(r + 1), r - self.layout.data_start
        cells, numbers, found, row_unit, matched = parsed.cells, parsed.numbers, [], None, []
        append = cells.append
        plain = label_unit is None and cost_unit is None and own is None and described is None and row_period is None \
            and not relevant
        for col, value in values:
            kind = type(value)
            if plain and (kind is float or kind is int) and -MAX_FIGURE < value * col.factor < MAX_FIGURE and (
                    (code := col.code if codes is None else codes.get((r, col.index))) is None or _shows_only(code, col.unit)):
                # The common case, kept short (it is read_value's, inlined, as below): a figure with
                # no number format or one that only shows it (thousands, decimals, brackets: most
                # cells of a formatted return), in a row whose label states no unit or period.
                if code is not None and col.code is None:
                    col.learn_format(code)
                figure = clean_number(value * col.factor)   # as from_number: the same figure inside the format window
                display = render(value, code) if code else \
                    general(value) if kind is float and not value.is_integer() else f"{value:.0f}"
                numbers[col.index] = (figure, display)
                metric = col.metrics.get(col.base) or col.metric(col.base, self._metric)
                append(Observation(label, col.measure, figure, col.base, display, None, section, col.period_label,
                                   role, sheet, col.letter + number, row_index, col.position, metric, None, area))
                if metric != "other":
                    matched.append(metric)
                row_unit = row_unit or col.base
                continue
            if uncached and col.index in uncached:
                continue
            # Inside the format window each cell has its own format (a scorecard mixes % and counts
            # in one column); below it, the column's first format is assumed for every row.
            code = codes.get((r, col.index)) if codes is not None else col.code
            if code is not None and col.code is None:
                col.learn_format(code)
            period = col.period_label if row_period is None else self._period_within(col, row_period)
            unit = own if own is not None and col.base == GBP else \
                label_unit if label_unit is not None and (label_unit.base == PERCENT and col.base == GBP or (
                    label_unit is A_NUMBER and col.base == PERCENT and col.index in self._table_unit_columns)) else \
                col.unit or (None if col.index in counted else label_unit) \
                or (cost_unit if col.index in self._cost_columns else None) \
                or (described if kind is float or kind is int or kind is str and _text_figure(value) is not None else None)
            # ("Estimated collection rate (%)" in a £ column: a percentage; "Consumption (units)" in a table of
            # percentages, whose columns state no unit of their own: a number)
            if (kind is float or kind is int) and _shows_only(code, unit) \
                    and -MAX_FIGURE <= (scaled := value if unit is None else value * unit.factor) <= MAX_FIGURE:
                # read_value's, inlined: a figure with no format, or one that only shows it (thousands,
                # decimals, brackets), as most cells of a formatted return are
                figure, unit, display, status = clean_number(scaled), unit and unit.base, render(value, code), None
            elif kind is str and (amount := _text_figure(value)) is not None and -MAX_FIGURE <= (
                    scaled := amount if unit is None else amount * unit.factor) <= MAX_FIGURE:
                # read_value's too: a figure written as text (a CSV's), shown as written
                figure, unit, display, status = clean_number(scaled), unit and unit.base, value, None
            else:
                cell = read_value(value, unit, code)
                figure, unit, display, status = cell.value, cell.unit, cell.display, cell.status
                if unit is None and figure is not None and kind is str and _SCALED.search(display):
                    scaled = self._unitless_scaled
                    scaled[0] += 1
                    if len(scaled) <= 3:
                        scaled.append(col.letter + number)
            if unit == MINUTES and col.clock and type(value) is str and display.count(":") == 1:
                if col.clock == "ratio":   # "1:18" pupils to a teacher: as written, no duration
                    figure, unit, status = None, None, TEXT
                else:   # "01:10" under "(mm:ss)": a minute and ten seconds, not seventy minutes
                    figure = clean_number(figure / 60)
            if unit == MINUTES and (clock := _CLOCK.match(display)):
                seen = self._clock.setdefault(col.letter, [0, 0])
                seen[0], seen[1] = seen[0] + 1, max(seen[1], int(clock[1]))
            if status == OUT_OF_RANGE:
                self.report.skip(col.letter + number, f"{display} is beyond the range of figures memberpack can "
                                                      "sum (1e15 in base units); kept as written, not as a figure")
            if figure is None and col.benchmark and status == TEXT:
                found += [(col, name, amount, symbol, display, period) for name, amount, symbol in benchmarks(display)]
            if figure is not None:
                numbers[col.index] = (figure, display)
                row_unit = row_unit or unit
            metric = self._metric(label, col.measure, unit) if relevant else col.metric(unit, self._metric)
            if metric != "other":
                matched.append(metric)
            append(Observation(label, col.measure, figure, unit, display, status, section, period, role, sheet,
                               col.letter + number, row_index, col.position, metric, None, area))
        if relevant and row_unit:
            for obs in cells:
                if obs.value is None:
                    obs.metric_id = self._metric(label, obs.measure, row_unit)
            matched = [o.metric_id for o in cells if o.metric_id != "other"]
        if numbers and (row_unit is None or self._count_columns):
            counted = bool(_COUNT_METRICS.intersection(matched) or _NUMBER_OF.search(label))
            for obs in cells:   # 1,216 suspensions: a count though no header says so
                if obs.unit is None and obs.value is not None and (
                        counted and obs.measure not in self._never_counted or obs.measure in self._count_columns):
                    obs.unit = COUNT
        self.report.cells_read += len(cells)
        self.report.rows_read += 1
        if self._reference is not None:   # (no cell read: the key's, shown first, as the source has it)
            display, status = self._reference_cell(self._refs.pop(r, None))
            cells.insert(0, Observation(label, self._reference.header, None, None, display, status, section, None, role,
                                        sheet, column_letter(self._reference.index) + number, row_index,
                                        self._reference.index - self.label_col, OTHER_METRIC.id, None, area))
        if self._unnamed and numbers:
            self._unnamed_read.update(self._unnamed.intersection(numbers))
        if found:
            benchmark_figures = [self._benchmark(parsed, row_unit, *item) for item in found]
            cells += benchmark_figures
            matched += [o.metric_id for o in benchmark_figures if o.metric_id != "other"]
        if matched:   # most rows of a large table name no metric; Counter.update is slow even when empty
            self.metric_counts.update(matched)

    def _benchmark(self, parsed: ParsedRow, row_unit: str | None, col: Column, name: str, amount: float,
                   symbol: str | None, display: str, period: str | None) -> Observation:
        """``England, 53%`` in a benchmark cell as a figure of its own (see the module docstring)."""
        base = PERCENT if symbol == "%" else PER_10000 if symbol else row_unit or NUMBER
        measure = f"Benchmark: {name}"
        width = self.columns[-1].index - self.label_col + 1
        label = parsed.label if mentions_catalogue(parsed.label) else ""
        return Observation(parsed.label, measure, amount, base, display, None, parsed.section, period, parsed.role,
                           self.sheet.name, col.letter + str(parsed.r + 1), parsed.r - self.layout.data_start,
                           width + self.extra.setdefault(measure, len(self.extra)), self._metric(label, measure, base),
                           None, parsed.area)

    def _period_within(self, col: Column, row_period: Period) -> str | None:
        """:meth:`_period`, worked out once per column for each period rows name (each row of a
        table with a period key column names one: it was a tenth of such a table's reading)."""
        if row_period is not self._last_period:
            labels = self._period_labels.get(row_period)
            if labels is None:
                if len(self._period_labels) >= _TEXT_CACHE:
                    self._period_labels.clear()
                labels = self._period_labels[row_period] = {}
            self._last_period, self._last_labels = row_period, labels
        found = self._last_labels.get(col.index)
        if found is None and col.index not in self._last_labels:
            found = self._last_labels[col.index] = self._period(col, row_period)
        return found

    def _period(self, col: Column, row_period: Period | None) -> str | None:
        if _TEXT_COLUMN.search(col.measure):
            return None   # a Comments column's text is about the row, not a period's figure
        context = row_period or self.context
        period = col.period
        if period is None:
            return context.label() if context else None
        if period.kind == CALENDAR_MONTH and context is not None and context.kind == YEAR and self.academic:
            context = replace(context, academic=True)
        return period.within(context).label()

    def _count_repeats(self, rows: list[ParsedRow | PlainRow]) -> None:
        """Note the key of each data row: its label, section, period, area (and description, where a
        tidy file's row names another indicator than the first); rows whose key another row already
        had are counted at the table's end. Each key is kept as its 64-bit hash, 8 bytes: the keys
        themselves (every label of the table) in a set were most of what a long table's reading
        held, and two keys of a million sharing a hash is a chance of one in thirty million. A
        period stands in its key as its own hash, asked once per period a window's rows share (a
        dataclass's hash is slow to ask of each row)."""
        if set(map(type, rows)) == {PlainRow}:   # most windows
            data = rows if all_data(rows) else list(compress(rows, map(DATA.__eq__, map(ROLE_OF, rows))))
            periods = list(map(PERIOD_OF, data))
            if periods and periods[0] is None and periods.count(None) == len(periods):   # no row names its own
                keyed = repeat(None)
            else:
                hashed = {i: _hashed(period) for i, period in dict(zip(map(id, periods), periods)).items()}
                keyed = map(hashed.__getitem__, map(id, periods))
            self._row_keys.extend(map(hash, zip(map(LABEL_OF, data), map(SECTION_OF, data), keyed, map(AREA_OF, data))))
            return
        described = self._redescribed
        data = [(row[AT_LABEL], row[AT_SECTION], _hashed(row[AT_PERIOD]), row[AT_AREA]) if type(row) is PlainRow else
                (row.label, row.section, _hashed(row.period), row.area) + _described(described.pop(row.r, None))
                for row in rows if row_role(row) == DATA]
        self._row_keys.extend(map(hash, data))

    def _settle(self, rows: list[ParsedRow | PlainRow], *, final: bool,
                upto: int | None) -> Iterator[list[Observation] | FigureBlock]:
        """Settle a window's roles and yield its figures. ``upto``: the row whose reading filled the
        window, when a cell-by-cell reading would settle it (None at the table's end); headings
        read after it, in a batch, do not count yet, as they would not have been read."""
        money = self.layout.kind == BUDGET_MONITOR or any(c.base == "GBP" for c in self.columns)
        first = self._first_heading
        headed = first is not None and (upto is None or first < upto)
        if any(type(row) is PlainRow for row in rows):
            settled, raw = self._settled(rows, money=money, headed=headed)
            if not settled and (grouped := self._grouped_by_subtotals(rows)) is not None:
                (rows, raw), settled = grouped, True
            if settled:
                self._count_repeats(rows)
                yield from self._runs(rows, raw)
                return
        # assign_roles settles the window; plain rows it leaves as they were are still read as
        # blocks, the others cell by cell (a 492-column return's window: 128,000 cells less)
        held = iter(self._held([row[AT_FIGURES] for row in rows if type(row) is PlainRow]))
        light = [self._light(row, next(held)) if type(row) is PlainRow else row for row in rows]
        first = [(parsed.role, parsed.section) for parsed in light]
        assign_roles(light, has_headings=headed, final=final, money=money,
                     apart=frozenset(c.index for c in self.columns if _unsummed(c)))
        self._count_repeats(light)
        settled: list[ParsedRow | PlainRow] = []
        for row, parsed, (role, section) in zip(rows, light, first):
            if parsed.role == role and parsed.section == section:
                settled.append(row)
                continue
            if type(row) is PlainRow and parsed.role == role:   # only its section settled (rows a sub total
                settled.append(with_section(row, parsed.section))   # closes): its cells read as before
                continue
            if type(row) is PlainRow:   # read cell by cell after all, in the role it takes
                full = self._parsed(row)
                full.role, full.section = parsed.role, parsed.section
                parsed = full
            for obs in parsed.cells:
                obs.row_role, obs.section = parsed.role, parsed.section
            settled.append(parsed)
        yield from self._runs(settled, None)

    def _settled(self, rows: list[ParsedRow | PlainRow], *, money: bool, headed: bool) -> tuple[bool, np.ndarray | None]:
        """Whether :func:`assign_roles` would leave every row of the window as it is: all ordinary
        rows, none of which (in a money table with no headings, so one section) might be the sum of
        the rows above it. Then plain rows need not be read cell by cell. With it, the window's
        figures as written, when they were needed to tell."""
        if len(rows) > 2 and names_all(rows):
            return False, None   # "All schools" may add up the rows above it, whatever the table
        if not all_data(rows):
            return self._closed_by_subtotals(rows, money=money, headed=headed)
        if not money or headed or len(rows) <= 2:
            return True, None   # ordinary rows only become totals by adding up, and only then
        plain = set(map(type, rows)) == {PlainRow}
        if plain and len(set(map(TEXTS_OF, rows))) != 1:
            return False, None   # (as the rows' figures below would tell)
        sections = summed_apart(list(map(SECTION_OF, rows)) if plain else
                                [row[AT_SECTION] if type(row) is PlainRow else row.section for row in rows])
        # assign_roles sums each run of rows in one section apart (key columns may change it every row)
        changes = [0] if sections.count(sections[0]) == len(sections) else \
            [0] + [i for i in range(1, len(rows)) if sections[i] != sections[i - 1]]
        starts = np.repeat(changes, np.diff(changes + [len(rows)]))
        lines = list(map(ROW_OF, rows)) if plain else [row_number(row) for row in rows]
        window = self._format_rows
        if max(lines) >= window and any(c.percent for c in self.columns) and not (min(lines) >= window and (
                none_written(rows) if plain else all(type(row) is PlainRow and not figures_written_row(row) for row in rows))):
            return False, None   # percentages as formatted and as written: too unlike to screen together
        first = rows[0]
        texts = next(row[AT_TEXTS] for row in rows if type(row) is PlainRow)
        shown = (self._shown(first[AT_ROW], figures_written_row(first)) if type(first) is PlainRow
                 else self._shown(first.r, False))
        kept = self._kept(texts)
        indexes = [self.columns[j].index for j in kept]
        factors = np.array([shown[j][1] for j in kept])
        steps = np.array([shown[j][1] * (1.5 if self.columns[j].code else 1.001) for j in kept])
        loose = np.array([_unsummed(self.columns[j]) for j in kept], dtype=bool)
        if plain:
            raw = np.array(list(map(FIGURES_OF, rows)), dtype=np.float64)
            return bool(np.isfinite(raw).all()) and not may_add_up(raw, factors, steps, starts, loose), raw
        figures = []
        for row in rows:
            if type(row) is PlainRow:
                if row[AT_TEXTS] != texts:
                    return False, None
                figures.append(row[AT_FIGURES])
            elif len(row.numbers) == len(indexes) and all(i in row.numbers for i in indexes):
                # in base units already: back to the column's own
                figures.append([row.numbers[i][0] / f for i, f in zip(indexes, factors.tolist())])
            else:
                return False, None
        raw = np.array(figures, dtype=np.float64)
        return bool(np.isfinite(raw).all()) and not may_add_up(raw, factors, steps, starts, loose), raw

    def _closed_by_subtotals(self, rows: list[ParsedRow | PlainRow], *, money: bool,
                             headed: bool) -> tuple[bool, np.ndarray | None]:
        """Whether :func:`assign_roles` would leave a window of plain rows and worded sub total rows
        as it is: every row in a section (so no sub total names one), no total rows, sums not looked
        for (headings or worded sub totals), and no plain row that might be the sum of the sub totals
        above it (so become a total), screened for all rows at once as generously as
        :func:`may_add_up` screens: a cell within a whole unit of its column (half again where a
        number format may round it) of the sum, and any cell whose step that cannot bound, pass.
        With it, the window's figures as written, when its rows are all plain."""
        all_plain = set(map(type, rows)) == {PlainRow}
        flags = list(map(DATA.__ne__, map(ROLE_OF, rows))) if all_plain else [row_role(row) != DATA for row in rows]
        is_subtotal = np.array(flags, dtype=bool)
        plain = list(compress(rows, map(not_, flags)))
        subtotals = list(compress(rows, flags))
        read = [row for row in subtotals if type(row) is ParsedRow]   # the others are plain rows too
        if not plain or (not all_plain and any(type(row) is not PlainRow for row in plain)):
            return False, None
        kept = self._kept(plain[0][AT_TEXTS])
        indexes = [self.columns[j].index for j in kept]
        if (any(row.role != SUBTOTAL or row.section is None or len(row.numbers) != len(indexes)
                or not all(i in row.numbers for i in indexes) for row in read)
                or (money and not (headed or len(read) < len(subtotals) or any(row.worded for row in read)))
                or (None in map(SECTION_OF, rows) or not read_alike(rows) if all_plain else
                    any(row[AT_SECTION] is None or row[AT_TEXTS] != plain[0][AT_TEXTS] or figures_written_row(row) != figures_written_row(plain[0])
                        for row in chain(plain, (row for row in subtotals if type(row) is PlainRow))))):
            return False, None
        lines = list(map(ROW_OF, rows)) if all_plain else [row_number(row) for row in rows]
        window, written = self._format_rows, figures_written_row(plain[0])
        if min(lines) < window <= max(lines) and self._shown(window - 1, written) != self._shown(window, written):
            return False, None   # figures read otherwise inside the format window than below it
        stacked = np.array(list(map(FIGURES_OF, rows)), dtype=np.float64) if all_plain else None
        above = np.cumsum(is_subtotal)[~is_subtotal]   # sub totals above each plain row
        tested = above >= 2                               # assign_roles asks two at least
        if not tested.any():
            return True, stacked
        factors, steps, loose = self._screening(plain[0], kept)
        if stacked is not None:
            sub, raw = stacked[is_subtotal] * factors, stacked[~is_subtotal]
        else:
            sub = np.array([[row.numbers[i][0] for i in indexes] if type(row) is ParsedRow
                            else np.asarray(row[AT_FIGURES], dtype=np.float64) * factors for row in subtotals],
                           dtype=np.float64)
            raw = np.array([row[AT_FIGURES] for row in plain], dtype=np.float64)
        if not (np.isfinite(raw[tested]).all() and np.isfinite(sub).all()):
            return False, None
        return not may_add_up_subtotals(sub, raw, above, factors, steps, loose), stacked

    def _screening(self, row: PlainRow, kept: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """What the screens of :mod:`.subtotal_groups` ask of the figure columns ``kept`` of plain rows
        read as ``row`` is: each one's factor to base units, the step bounding its rounding, and
        whether it holds percentages, not summed."""
        shown = self._shown(row[AT_ROW], figures_written_row(row))
        factors = np.array([shown[j][1] for j in kept])
        steps = np.array([shown[j][1] * (1.5 if self.columns[j].code else 1.001) for j in kept])
        return factors, steps, np.array([_unsummed(self.columns[j]) for j in kept], dtype=bool)

    def _grouped_by_subtotals(self, rows: list[ParsedRow | PlainRow]) -> tuple[list[PlainRow], np.ndarray] | None:
        """A window of plain rows and worded sub totals in no section (``Sub total 3`` under its lines,
        no heading over them) as :func:`assign_roles` settles it, with its figures as written: each
        group a sub total closes in the section it names (one adding up none of its lines closes
        none), every role as it was. None where its arithmetic might do more (:mod:`.subtotal_groups`:
        a row adding up sub totals above it, a sub total closing its lines or not, not surely, two
        groups of one name), or the rows are not read alike."""
        if (set(map(type, rows)) != {PlainRow} or set(map(SECTION_OF, rows)) != {None}
                or set(map(ROLE_OF, rows)) != {DATA, SUBTOTAL} or not read_alike(rows) or names_all(rows)):
            return None
        lines = list(map(ROW_OF, rows))
        window, written = self._format_rows, figures_written_row(rows[0])
        if min(lines) < window <= max(lines) and self._shown(window - 1, written) != self._shown(window, written):
            return None   # figures read otherwise inside the format window than below it
        raw = np.array(list(map(FIGURES_OF, rows)), dtype=np.float64)
        if not self._holds(raw):
            return None
        is_subtotal = np.array(list(map(SUBTOTAL.__eq__, map(ROLE_OF, rows))), dtype=bool)
        kept = self._kept(rows[0][AT_TEXTS])
        factors, steps, loose = self._screening(rows[0], kept)
        if (may_add_up_subtotals(raw[is_subtotal] * factors, raw[~is_subtotal], np.cumsum(is_subtotal)[~is_subtotal],
                                 factors, steps, loose)
                or may_run_on(raw, is_subtotal, factors, steps, loose)):
            return None
        groups = closed_groups(is_subtotal)
        closing = self._closing(rows, groups, raw * factors, steps, loose, [self.columns[j].index for j in kept])
        if closing is None:
            return None
        groups = list(compress(groups, closing))
        names = names_apart([rows[at][AT_LABEL] for _, at in groups])
        if names is None:
            return None
        sections: list[str | None] = [None] * len(rows)
        for (start, at), name in zip(groups, names):
            sections[start:at + 1] = [name] * (at + 1 - start)
        return [row if section is None else with_section(row, section) for row, section in zip(rows, sections)], raw

    def _closing(self, rows: list[PlainRow], groups: list[tuple[int, int]], figures: np.ndarray, steps: np.ndarray,
                 loose: np.ndarray, indexes: list[int]) -> list[bool] | None:
        """Whether each sub total closes its group (``groups``: its first line and it), as
        :meth:`.roles._Sums.add_up_none` tells from its figures and rounding read as it reads them: it
        does where in some column but the ``loose`` ones it surely may add up some of its lines
        (:func:`adds_up_some`), and does not where in every one it surely adds up none; None where
        neither is sure. The columns where the figures as written (``figures``, in base units) say it
        may (its rounding up to a whole unit of the column, ``steps``) are read first, in turn."""
        if not groups:   # (sub totals under none of the window's lines, as at its start)
            return []
        bounds = group_bounds(figures, groups)
        lines = np.array([at - start for start, at in groups], dtype=np.float64)[:, None]
        ats = [at for _, at in groups]
        likely = adds_up_some(figures[ats], steps * (lines + 1) / 2 + 1e-6, *bounds) & ~loose
        summed = np.flatnonzero(~loose).tolist()
        closing = []
        for g, at in enumerate(ats):
            row = rows[at]
            spec = self._number_columns(row[AT_ROW], row[AT_VALUES], row[AT_TEXTS])
            read = {}
            for k in [*np.flatnonzero(likely[g]).tolist(), *(k for k in summed if not likely[g, k])]:
                j, unit, code = spec[indexes[k]]
                cell = read_value(row[AT_VALUES][j], unit, code)
                if cell.value is None:
                    return None
                read[k] = cell.value, rounding_step(cell.value, cell.display) * (lines[g, 0] + 1) / 2 + 1e-9
                if adds_up_some(*read[k], *(bound[g, k] for bound in bounds)):
                    closing.append(True)
                    break
            else:
                if not summed or not all(adds_up_none(*read[k], *(bound[g, k] for bound in bounds)) for k in summed):
                    return None
                closing.append(False)
        return closing

    def _runs(self, rows: list[ParsedRow | PlainRow], raw: np.ndarray | None) -> Iterator[list[Observation] | FigureBlock]:
        """A settled window: each run of plain rows as a block, the other rows as read (``raw``:
        the window's figures, when already made)."""
        window = self._format_rows
        if one_run(rows, window):   # most windows: no need to look at each row
            block = self._block(rows, raw)
            if block is not None:
                yield block
            else:
                yield from (self._parsed(plain).cells for plain in rows)
            return
        if (k := two_runs(rows, window)) is not None:   # the window crosses the format window's end
            yield from self._run_blocks(rows[:k], None)
            yield from self._run_blocks(rows[k:], None)
            return
        run: list[PlainRow] = []
        mark = None
        for row in [*rows, None]:
            if type(row) is PlainRow:   # rows whose figures are read alike (_shown, figures_written_row) make one block
                alike = (row[AT_ROW] < window, figures_written_row(row))
                if not run or alike == mark:
                    run.append(row)
                    mark = alike
                    continue
            if run:
                yield from self._run_blocks(run, raw if len(run) == len(rows) else None)
                run = []
            if type(row) is PlainRow:
                run, mark = [row], alike
            elif row is not None:
                yield row.cells

    def _run_blocks(self, run: list[PlainRow], raw: np.ndarray | None) -> Iterator[list[Observation] | FigureBlock]:
        """A run of plain rows read alike as one block; where their text columns differ and keep them
        apart, a block per stretch of rows with the same text columns; rows no block holds, cell by cell."""
        block = self._block(run, raw)
        if block is not None:
            yield block
        elif len(set(map(TEXTS_OF, run))) > 1:
            for _, stretch in groupby(run, key=TEXTS_OF):
                yield from self._run_blocks(list(stretch), None)
        else:
            yield from (self._parsed(plain).cells for plain in run)

    def _kept(self, texts: tuple[int, ...]) -> list[int]:
        """The positions of the figure columns, when ``texts`` are the text columns."""
        return [j for j in range(len(self.columns)) if j not in texts] if texts else list(range(len(self.columns)))

    def _held(self, figures: list[list[float]]) -> list[bool]:
        """:meth:`_holds` of each row's ``figures``: for rows of one width, asked of them all at once."""
        if len(set(map(len, figures))) != 1:
            return [self._holds(np.asarray(row, dtype=np.float64)) for row in figures]
        raw = np.array(figures, dtype=np.float64)
        return (np.isfinite(raw).all(axis=1) & ~(np.abs(raw) >= self._bound).any(axis=1)).tolist()

    def _light(self, plain: PlainRow, bounded: bool) -> ParsedRow:
        """A plain row as :meth:`_parsed` reads it, for :func:`assign_roles`: its figures read only
        as they are asked for (:class:`_PlainNumbers`), and no observations; ``bounded``: whether a
        block can hold its figures (:meth:`_held`)."""
        r, label, section, values, figures, period, area, texts, _, _, role = plain
        return ParsedRow(r, label, section, role, worded=role != DATA, period=period, area=area,
                         numbers=_PlainNumbers(values, self._number_columns(r, values, texts), bounded))

    def _number_columns(self, r: int, values: list[Any], texts: tuple[int, ...]) -> dict[int, tuple]:
        """Each figure column of a plain row (index -> (position, unit, number format)), as
        :meth:`_read_cells` reads its cells; the same for the plain rows read alike (:meth:`_shown`)."""
        written = figures_written(values, texts)
        key = (r < self._format_rows, written, texts)
        found = self._number_spec.get(key)
        if found is None:
            shown = self._shown(r, written)
            found = self._number_spec[key] = {c.index: (j, c.unit, code) for j, (c, (code, _, _))
                                              in enumerate(zip(self.columns, shown)) if j not in texts}
        return found

    def _parsed(self, plain: PlainRow) -> ParsedRow:
        """A plain row read cell by cell after all (its window needs the row-by-row rules)."""
        r, label, section, values, _, period, area, _, _, _, role = plain
        parsed = ParsedRow(r, label, section, role, worded=role != DATA, period=period, area=area)
        self._read_cells(parsed, list(zip(self.columns, values)), ())
        return parsed

    def _block(self, rows: list[PlainRow], raw: np.ndarray | None = None) -> FigureBlock | None:
        """A run of plain rows as one block (None for figures a float64 cannot hold exactly)."""
        if len(distinct := set(map(TEXTS_OF, rows))) > 1:
            return self._marked_block(rows, distinct)
        if raw is None:
            raw = np.array([row[AT_FIGURES] for row in rows])
        if not self._holds(raw):
            return None
        texts = rows[0][AT_TEXTS]
        rs, labels, sections, values, _, keyed, areas, _, label_periods, kinds, roles = zip(*rows)   # column by column
        displays = Texts.columns_of(list(map(_Pick(self._kept(texts)), values)) if texts else values) \
            if figures_written_row(rows[0]) else None
        return self._block_of(rs, labels, sections, keyed, areas, label_periods, kinds, roles, raw, texts, values, displays)

    def _block_of(self, rs: Sequence[int], labels: Sequence[str], sections: Sequence, keyed: Sequence, areas: Sequence,
                  label_periods: Sequence, kinds: Sequence, roles: Sequence[str], raw: np.ndarray, texts: tuple[int, ...],
                  values: Sequence[list[Any]] | None, displays: list[Texts] | None) -> FigureBlock:
        """:meth:`_block` of plain rows given column by column (``displays``: the figures as written, if
        they are; ``values``: the rows' values, needed only for their text columns ``texts``)."""
        n = len(rs)
        self._tally(n, {texts})
        written = displays is not None
        shown = self._shown(rs[0], written)
        unit_of_row = plain_row_unit(shown, texts)
        metrics = [c.metric(None, self._metric) if j in texts else m
                   for j, (c, m) in enumerate(zip(self.columns, self._column_metrics(shown)))]
        matched = [m for m in metrics if m != OTHER_METRIC.id]
        plain = kinds.count(None)
        varied = plain < n
        if plain:
            self.metric_counts.update({m: plain * matched.count(m) for m in matched})
        if varied:
            by_kind = _shared(kinds)   # each column's row metrics and units are those of the row's kind
            for kind, times in zip(by_kind.values, np.bincount(by_kind.codes).tolist()):
                if kind is not None:
                    self.metric_counts.update({m: times * kind[0].count(m) for m in kind[0] if m != OTHER_METRIC.id})
        counted = bool(_COUNT_METRICS.intersection(matched))
        periods = _row_periods(keyed, label_periods)
        keyed_periods = any(periods)   # (a Period is true; counting Nones called its __eq__ for every row)
        columns, k = [], 0
        for j, (col, metric, (code, factor, unit)) in enumerate(zip(self.columns, metrics, shown)):
            period = None if keyed_periods else col.period_label
            if j in texts:
                columns.append(self._text_block_column(col, metric, period, list(map(itemgetter(j), values))))
                if varied:
                    columns[-1].row_metrics = by_kind.mapped([kind[0][j] if kind else metric for kind in by_kind.values])
                continue
            unit = self._figure_unit(col, unit, unit_of_row, counted)
            columns.append(BlockColumn(col.position, col.letter, col.measure, unit, metric, period,
                                       np.ascontiguousarray(raw[:, k]), factor=factor,
                                       displays=displays[k] if displays else None, code=code))
            if varied:
                columns[-1].row_metrics = by_kind.mapped([kind[0][j] if kind else metric for kind in by_kind.values])
                columns[-1].row_units = by_kind.mapped([kind[1][j] if kind else unit for kind in by_kind.values])
            k += 1
        return self._framed(rs, labels, sections, roles, areas, periods if keyed_periods else None, columns)

    # --- plain rows read column-wise (a large CSV's) ----------------------------------------
    def _columnwise(self, columns: CsvColumns, ends: TableEnds, pending: list[ParsedRow | PlainRow], read: int,
                    progress, cancel) -> Iterator[list[Observation] | FigureBlock]:
        """The table's next rows read column-wise, while they are plain rows as a batch would find them
        (:meth:`_column_batch`), settled in the same windows as row by row (:meth:`_column_windows`);
        the rows left unsettled go to ``pending`` as plain rows, and the file is read on row by row
        from where the columns stopped. Returns ``read`` with the rows read here."""
        if not self._columns_plain(ends):
            return read
        held = HeldRows()
        r = self.last_row + 1
        figures = [col.index for col in self.columns]
        while (chunk := columns.chunk(r, self.label_col, figures)) is not None:
            rows = self._column_batch(chunk, ends)
            if rows is None:
                break
            columns.taken(chunk)
            r += len(rows)
            self.last_row = r - 1
            held.add(rows)
            yield from self._column_windows(pending, held)
            if (read + len(rows)) // PROGRESS_EVERY > read // PROGRESS_EVERY:
                self._tick(self.last_row, progress, cancel)
            read += len(rows)
        if (rest := held.rest()) is not None:
            pending += rest.plain_rows(self.section)
        return read

    def _columns_plain(self, ends: TableEnds) -> bool:
        """Whether what a batch asks of its rows beyond their cells is settled for the rest of the table:
        no key, reference, describer or left column, no formats or rows to read alone ahead, no gap."""
        return (type(self._value_slice) is slice and bool(self.columns) and self.layout.last_row is None
                and self._reference is None and not self._left and not self._not_measures and self._describer is None
                and not self._alone and self._plain_upto is None and not self._uncached_rows and not self._coded_rows
                and self.last_row + 1 >= self._format_rows and not ends.blank_run and not ends.footnotes)

    def _column_batch(self, chunk: ColumnChunk, ends: TableEnds) -> ColumnRows | None:
        """A chunk's rows when :meth:`_plain_batch` would read them all as plain data rows with nothing
        of their own but the period and kind their labels give: labels single-spaced and naming no
        total or footnote, every figure written plainly (:meth:`.ColumnChunk.figures`); a label stating
        a unit or counting (``Number of ...``) gives its kind as in a batch; else None."""
        table = chunk.table
        if table.num_columns <= self._last_index:
            return None
        labelled = chunk.labels(self.label_col)
        labels, keys = labelled.texts, labelled.keys
        joined = "\0".join(keys.keys)   # what each test below asks of a label, its key answers alike
        lowered = joined.lower()
        if not all(labels) or ends.header_label in labels or not single_spaced(joined) or any_marked(joined):
            return None
        counting: dict[str, None] = {}
        if "total" in lowered or "number" in lowered:   # counts as a batch reads them; totals and the like row by row
            text = "\0".join(labels)
            low = text.lower()
            if self._batch_roles(labels, low) != []:
                return None
            counting = {label: None for label in labels_found(_number_places, text, low, labels) if _NUMBER_OF.search(label)}
        figures = [chunk.figures(col.index) for col in self.columns]
        if any(f is None for f in figures):
            return None
        texts = [chunk.texts(col.index) for col in self.columns]
        shown = self._shown(chunk.first, True)
        kinds: dict[frozenset, tuple] = {}
        words = self._key_words(keys)
        if words is not None:
            pairs = zip(words, labels) if not counting else ((w, label) for w, label in zip(words, labels) if label not in counting)
            for found, label in dict(pairs).items():
                kind = self._row_kind(label, shown, ())
                if kind is not None:
                    kinds[found] = kind
        stated = {label: self._counting_kind(label, shown, ()) for label in counting}
        dated = {}
        for label in map(labels.__getitem__, dated_labels(labelled, joined, lowered)):
            period = self._label_period(label)
            if period is False:   # a label stating a unit: its row kind, where a block gives what its cells would
                if (kind := self._stated_kind(label, shown, ())) is None:
                    return None
                stated[label], period = kind, self._period_named(label)
            dated[label] = period
        if self._money and may_name_own_unit(lowered) and any(map(own_unit, labels)):
            return None
        n = len(labels)
        row_kinds = list(map(kinds.get, words)) if kinds else [None] * n
        if stated:
            row_kinds = [stated[label] if label in stated else kind for label, kind in zip(labels, row_kinds)]
        return ColumnRows(chunk.first, labels, list(map(dated.get, labels)) if dated else [None] * n,
                          row_kinds, np.stack(figures), texts)

    def _column_windows(self, pending: list[ParsedRow | PlainRow], held: HeldRows) -> Iterator[Any]:
        """Settle the windows :meth:`_read_rows` would settle now, ``pending`` rows then the ``held``
        rows read column-wise (those settled are taken from them)."""
        half = ROLE_WINDOW // 2
        while len(pending) + len(held) >= ROLE_WINDOW:
            if pending and len(pending) < half:   # a window of rows read both ways: read as plain rows
                pending += held.take(half - len(pending)).plain_rows(self.section)
            elif pending:
                upto = row_number(pending[ROLE_WINDOW - 1]) if len(pending) >= ROLE_WINDOW else \
                    held.first + ROLE_WINDOW - 1 - len(pending)
                yield from self._settle(pending[:half], final=False, upto=upto)
                del pending[:half]
            else:
                upto = held.first + ROLE_WINDOW - 1
                yield from self._column_window(held.take(half), upto)

    def _column_window(self, rows: ColumnRows, upto: int) -> Iterator[list[Observation] | FigureBlock]:
        """:meth:`_settle` of a window of plain rows read column-wise."""
        money = self.layout.kind == BUDGET_MONITOR or any(c.base == "GBP" for c in self.columns)
        first = self._first_heading
        raw = self._column_settled(rows, money=money, headed=first is not None and first < upto)
        if raw is None:
            yield from self._settle(rows.plain_rows(self.section), final=False, upto=upto)
            return
        n = len(rows)
        self._row_keys.extend(map(hash, zip(rows.labels, repeat(self.section), repeat(None), repeat(None))))
        if not self._holds(raw):
            yield from (self._parsed(plain).cells for plain in rows.plain_rows(self.section))
            return
        yield self._block_of(range(rows.first, rows.first + n), rows.labels, [self.section] * n, [None] * n,
                             [None] * n, rows.periods, rows.kinds, [DATA] * n, raw, (), None, rows.texts)

    def _column_settled(self, rows: ColumnRows, *, money: bool, headed: bool) -> np.ndarray | None:
        """:meth:`_settled` of a window of plain data rows read column-wise: their figures when
        :func:`assign_roles` would leave every row as it is, else None."""
        n = len(rows)
        if n > 2 and labels_name_all(rows.labels):
            return None
        if not money or headed or n <= 2:
            return rows.figures
        if rows.first + n - 1 >= self._format_rows and any(c.percent for c in self.columns):
            return None
        shown = self._shown(rows.first, True)
        factors = np.array([shown[j][1] for j in range(len(self.columns))])
        steps = np.array([shown[j][1] * (1.5 if self.columns[j].code else 1.001) for j in range(len(self.columns))])
        loose = np.array([_unsummed(c) for c in self.columns], dtype=bool)
        raw = rows.figures
        if not np.isfinite(raw).all() or may_add_up(raw, factors, steps, np.zeros(n, dtype=np.int64), loose):
            return None
        return raw

    def _reference_cell(self, value: Any) -> tuple[str, str]:
        """(display, status) of a row's reference code: its text as written (``AHW01``, ``1.2``), or blank."""
        text = cell_text(value) if not blank(value) else ""
        return (text, TEXT) if text else ("", "blank")

    def _reference_column(self, rs: Sequence[int]) -> BlockColumn:
        """The rows' reference codes as a block's first column, as :meth:`_read_cells` gives them."""
        cells = Coded.of([self._reference_cell(self._refs.pop(r, None)) for r in rs])
        key = self._reference
        return BlockColumn(key.index - self.label_col, column_letter(key.index), key.header, None, OTHER_METRIC.id,
                           None, np.full(len(rs), np.nan), raw=False,
                           displays=Texts.of([cells.values[c][0] for c in cells.codes.tolist()]),
                           specials=RowStatuses(cells.mapped([status for _, status in cells.values])),
                           row_periods=Coded.same(None, len(rs)))

    def _holds(self, figures: np.ndarray) -> bool:
        """Whether a block can hold ``figures``: figures too large for a pack (or for a float64 to
        hold exactly) are read cell by cell, which keeps them as written (OUT_OF_RANGE) and reports them."""
        return bool(np.isfinite(figures).all()) and not (np.abs(figures) >= self._bound).any()

    def _tally(self, n: int, distinct: set[tuple[int, ...]]) -> None:
        """Count ``n`` rows read in a block into the report, ``distinct`` their text columns."""
        self.report.rows_read += n
        self.report.cells_read += n * len(self.columns)
        if self._unnamed:   # figures read in the columns with no header over them (its text columns hold none)
            for texts in distinct:
                self._unnamed_read |= self._unnamed - {self.columns[j].index for j in texts}

    def _figure_unit(self, col: Column, unit: str | None, unit_of_row: str | None, counted: bool) -> str | None:
        """A block column's unit: a figure with none is a count in a count column, or in a row that
        counts (:meth:`_read_cells`)."""
        if unit is None and (col.measure in self._count_columns or ((unit_of_row is None or self._count_columns)
                                                                     and counted and col.measure not in self._never_counted)):
            return COUNT
        return unit

    def _framed(self, rs: Sequence[int], labels: Sequence[str], sections: Sequence, roles: Sequence[str],
                areas: Sequence, periods: Sequence | None, columns: list[BlockColumn]) -> FigureBlock:
        """A block of ``columns`` over rows ``rs`` (sheet rows), with what each row shares: its
        ``periods``, each column's within them (:meth:`_period`) where it is not the period itself
        (a ``Month 1`` column's, a comments column's none)."""
        lines = np.array(rs, dtype=np.int32)
        coded = None
        if periods is not None:
            shared = _shared(periods)
            fallback = Counter(c.period_label for c in self.columns).most_common(1)[0][0]   # for rows naming none
            named = [p.label() if p else fallback for p in shared.values]
            coded = shared.mapped(named)
            unnamed = any(p is None for p in shared.values)
            for col, column in zip(self.columns, columns):
                if col.period is None and not _TEXT_COLUMN.search(col.measure) and (
                        not unnamed or col.period_label == fallback):
                    continue   # (most columns: the row's period is theirs, asked of no period)
                own = [self._period_within(col, p) if p else col.period_label for p in shared.values]
                if own != named:
                    column.row_periods = shared.mapped(own)
        if self._reference is not None:
            columns = [self._reference_column(rs), *columns]
        return FigureBlock(self.sheet.name, lines - self.layout.data_start, lines + 1, Coded.of(labels),
                           Coded.of(sections), Coded.of(roles) if SUBTOTAL in roles else Coded.same(DATA, len(rs)),
                           columns, coded, Coded.of(areas) if any(areas) else None)

    def _marked_block(self, rows: list[PlainRow], distinct: set[tuple[int, ...]]) -> FigureBlock | None:
        """Plain rows whose text columns differ from row to row as one block: a mark (``[c]``,
        ``..``) or a blank among one row's figures, and among another's the next. A column with
        marks in some rows keeps each cell as reading it alone gives it, figure or mark, with the
        metric of each; a row whose label gives it a kind of its own (states a unit, counts, names a
        metric: asked with the row's marks) takes its kind's metric and unit in each cell, a mark no
        unit. None when what the other rows' figures are depends on their text columns (their unit,
        their counting)."""
        written = figures_written_row(rows[0])
        shown = self._shown(rows[0][AT_ROW], written)
        as_figure = self._column_metrics(shown)
        as_mark = [c.metric(None, self._metric) for c in self.columns]
        n, width = len(rows), len(self.columns)
        each = list(map(TEXTS_OF, rows))
        kinds = list(map(itemgetter(AT_KIND), rows))
        kinded = kinds.count(None) < n
        plain = {texts for texts, kind in zip(each, kinds) if kind is None} if kinded else distinct
        units = self._marked_units(shown, as_figure, as_mark, plain) if plain else [None] * width
        if units is None:
            return None
        marked = np.zeros((n, width), dtype=bool)
        marked[np.repeat(np.arange(n), list(map(len, each))), list(chain.from_iterable(each))] = True
        figures = np.zeros((n, width))
        figures[~marked] = np.fromiter(chain.from_iterable(map(FIGURES_OF, rows)), dtype=np.float64)
        if not self._holds(figures[~marked]):
            return None
        self._tally(n, distinct)
        rs, labels, sections, values, _, keyed, areas, _, label_periods, _, roles = zip(*rows)
        periods = _row_periods(keyed, label_periods)
        keyed_periods = any(periods)   # (a Period is true; counting Nones called its __eq__ for every row)
        columns, tally = [], Counter()
        by_kind = _shared(list(zip(kinds, each))) if kinded else None
        times = np.bincount(by_kind.codes).tolist() if kinded else ()
        for j, (col, (code, factor, _)) in enumerate(zip(self.columns, shown)):
            period = None if keyed_periods else col.period_label
            marks = marked[:, j]
            at = np.flatnonzero(~marks)
            cells = list(map(itemgetter(j), values))
            if kinded:   # each row's metric and unit in this column, by its kind and where its marks are
                row_metrics = [kind[0][j] if kind else as_mark[j] if j in texts else as_figure[j]
                               for kind, texts in by_kind.values]
                row_units = [None if j in texts else kind[1][j] if kind else units[j] for kind, texts in by_kind.values]
                for metric, k in zip(row_metrics, times):
                    tally[metric] += k
            else:
                tally[as_mark[j]] += n - len(at)
                tally[as_figure[j]] += len(at)
            if not len(at):
                columns.append(self._text_block_column(col, as_mark[j], period, cells))
                if kinded:
                    columns[-1].row_metrics = by_kind.mapped(row_metrics)
                continue
            if written:   # each cell shown as written, a mark too: figures stay raw, the marks among them special
                raw = figures[:, j].copy()
                raw[marks] = np.nan
                specials = {i: (None, None, self._text_cell(cells[i], col.unit)[1]) for i in np.flatnonzero(marks).tolist()}
                column = BlockColumn(col.position, col.letter, col.measure, units[j], as_figure[j], period, raw,
                                     factor=factor, displays=Texts.of(cells), specials=specials, code=code,
                                     row_metrics=_marked_metrics(marks, as_figure[j], as_mark[j]))
            else:
                column = BlockColumn(col.position, col.letter, col.measure, units[j], as_figure[j], period,
                                     figures[at, j], factor=factor, code=code)
                if len(at) < n:
                    column = self._with_marks(column, marks, cells, col.unit, as_mark[j])
            if kinded:
                column.row_metrics, column.row_units = by_kind.mapped(row_metrics), by_kind.mapped(row_units)
            columns.append(column)
        tally.pop(OTHER_METRIC.id, None)
        self.metric_counts.update(tally)
        return self._framed(rs, labels, sections, roles, areas, periods if keyed_periods else None, columns)

    def _marked_units(self, shown: list[tuple], as_figure: list[str], as_mark: list[str],
                      distinct: set[tuple[int, ...]]) -> list[str | None] | None:
        """Each column's figures' unit in rows with marks at ``distinct`` places, or None when it
        depends on where a row's marks are (:meth:`_read_cells` counts a row's figures by the first
        figure's unit and the metrics of all its cells)."""
        bases = [base for _, _, base in shown]
        alike = len(set(bases)) == 1 and as_mark == as_figure
        units: list = [_UNSET] * len(bases)
        for texts in ((next(iter(distinct)),) if alike else distinct):
            unit_of_row = plain_row_unit(shown, texts)
            counted = bool(_COUNT_METRICS.intersection(as_mark[j] if j in texts else m for j, m in enumerate(as_figure)))
            for j, (col, base) in enumerate(zip(self.columns, bases)):
                if alike or j not in texts:
                    unit = self._figure_unit(col, base, unit_of_row, counted)
                    if units[j] is not _UNSET and units[j] != unit:
                        return None
                    units[j] = unit
        return units

    def _with_marks(self, figures: BlockColumn, marks: np.ndarray, cells: list[Any], unit: Unit | None,
                    metric: str) -> BlockColumn:
        """Column ``figures`` (its cells that are not marks) with its marks put back among them: the
        figures stay raw, shown through their format when read, and each mark is a special cell
        shown as :meth:`_text_cell` reads it (as a text column keeps its cells)."""
        values = np.full(len(cells), np.nan)
        values[~marks] = figures.values
        at = np.flatnonzero(marks).tolist()
        read = {mark: self._text_cell(mark, unit) for mark in dict.fromkeys(cells[i] for i in at)}   # each mark once
        shown = {i: read[cells[i]][0] for i in at}
        specials = {i: (None, None, read[cells[i]][1]) for i in at}
        return replace(figures, values=values, specials=specials, special_displays=shown,
                       row_metrics=_marked_metrics(marks, figures.metric_id, metric))

    def _text_block_column(self, col: Column, metric: str, period: str | None, values: list[Any]) -> BlockColumn:
        """A text column of a block: each cell's text as written and its status (``text``, a RAG
        rating, ``blank``), as :func:`read_value` reads it, with no figure."""
        cells = Coded.of(dates_as_days(values))   # each distinct cell read once
        read = self._texts_read(cells.values, col.unit)
        displays = [read[value][0] for value in cells.values]
        return BlockColumn(col.position, col.letter, col.measure, None, metric, period,
                           np.full(len(values), np.nan), raw=False,
                           displays=Texts.of(list(map(displays.__getitem__, cells.codes.tolist()))),
                           specials=RowStatuses(cells.mapped([read[value][1] for value in cells.values])))

    def _metric(self, label: str, measure: str, unit: str | None) -> str:
        """:func:`match_metric`, asked once per label and once per measure rather than once per cell.

        It tries the label before the measure (the measure first for money), so the two answers
        can be cached apart; texts sharing no word with the catalogue are not asked at all.
        """
        first, second = (measure, label) if unit == "GBP" else (label, measure)
        for text in (first, second) if label else (measure,):
            found = self._asked(text, unit, text is measure)
            if found != OTHER_METRIC.id:
                return found
        return OTHER_METRIC.id

    def _asked(self, text: str, unit: str | None, is_measure: bool) -> str:
        """The metric a label (or a measure) alone names in ``unit``, looked up once."""
        key = (text, unit, is_measure)
        found = self._metric_cache.get(key)
        if found is None:
            if len(self._metric_cache) > 10_000:
                self._metric_cache.clear()
            found = OTHER_METRIC.id
            if is_measure or mentions_catalogue(text):   # (a measure may name one by a phrase: "Over/(Under)")
                found = (match_metric("", text, unit) if is_measure else _label_match(text, unit)).id
            self._metric_cache[key] = found
        return found


def _number_places(text: str, lowered: str) -> Iterator[int]:
    """Where labels joined (``lowered``: in lower case) may name a count (``Number of ...``)."""
    return places_of(lowered, "number")


PERCENTAGE_FORMAT = Unit(PERCENT, 100.0, "%")   # a fraction in a percentage's format (read_value: 0.1706 is 17.06%)


def _formatted_as_below(columns: list[Column], by_column: dict[int, dict[int, str]], first: int, window: int) -> bool:
    """Whether every data row of the format window (``first`` to ``window``) has each measure cell
    formatted just as its column's first row is: then reading each cell with its own format (as
    :meth:`TableReader._read_cells` does there) gives what reading it with its column's (as below the
    window) gives, and no column learns another format there (a percentage column of a return).
    ``by_column``: :meth:`SheetFormats.by_column`."""
    rows = range(first, window)
    for c in columns:
        codes = by_column.get(c.index, {})
        inside = [code for r, code in codes.items() if r in rows]
        if len(inside) != (len(rows) if c.code is not None else 0) or any(code != c.code for code in inside):
            return False
    return True


def _figure_not_year(values: list[Any]) -> bool:
    """Whether a row's values hold a number that is no year (so it is not a header or a period row)."""
    return any((type(v) is float or type(v) is int) and not is_year(v) for v in values)


_UNSET = object()
_MARKED_KINDS = {float, int, str, type(None)}   # the values of a batch with marks (TableReader._marked)
_WRITTEN_KINDS = {str}                            # ... of a CSV's
_FIGURE_ENDS = frozenset("0123456789)%")          # the last character of a figure written as text


@lru_cache(maxsize=4096)
def _figures_only(measure: str) -> bool:
    """A header made of two figures or more, not all years or small whole numbers (ages, bands) but
    ``298.7 78% 0.42 512`` or ``69010 75410 70270``: the figures of rows of data stacked as if they
    were header rows. Worked out once per header (stacked tables repeat theirs)."""
    words = measure.split()
    if len(words) < 2:
        return False
    values = []
    for w in words:
        if (value := parse_text(w).value) is None:
            return False
        values.append(value)
    return not all(w.isdigit() and v <= 2040 for w, v in zip(words, values))


@lru_cache(maxsize=4096)
def _dated(measure: str, named: tuple[Period, ...]) -> Period | None:
    """The period a column's header dates its figures by, the years its table's title names (and the
    context period) ``named``: worked out once per header and names (stacked tables repeat theirs)."""
    dating = _BASE_YEAR.sub(" ", _BASED_ON.sub(" ", measure))   # the data's date, not the figures'
    return span_end(dating) if _NO_PERIOD.search(dating) else parse_period(dating) \
        or relative_year(dating, named) or _coded_year(dating) \
        or _coded_date(dating)   # ("Change ... Sep-18 to Sep-19": Sep 2019)


def _unsummed(column: Column) -> bool:
    """Whether a column holds percentages, which no total adds up (:func:`roles.assign_roles`)."""
    return column.percent or column.base == "percent"


def _label_match(label: str, unit: str | None) -> Metric:
    """What :func:`match_metric` finds from the row label alone."""
    return match_metric("", label, unit) if unit == "GBP" else match_metric(label, None, unit)


# A units row's word that names a column's measure beside another's ("Number | %" under each of Boys and Girls)
_UNIT_WORD = re.compile(r"%|number|no\.?|count|rate", re.IGNORECASE)


def _months_from_september(columns: list[Column]) -> bool:
    months = [c.period.index for c in columns if c.period and c.period.kind == CALENDAR_MONTH]
    return bool(months) and months[0] >= 9


def _step(cell: CellValue, unit: Unit | None) -> float:
    """One unit of the last digit shown, in base units."""
    digits = re.search(r"\d(?:[\d,]*)(?:\.(\d+))?", cell.display or "")
    decimals = len(digits.group(1) or "") if digits else 0
    factor = unit.factor if unit is not None and cell.unit == unit.base else 1.0
    if cell.display.rstrip().endswith(("m", "k")):
        factor = abs(cell.value) / max(float(re.sub(r"[^\d.]", "", cell.display) or 1), 1e-12)
    return factor * 10 ** -decimals


def scaled_format_doubt(columns: list[Column]) -> str:
    """The doubt about columns whose number format shows their figures divided by a power of 1,000
    (``#,##0,"k"``): the cell holds 1,500,000 and shows 1,500, so a unit stated over it (£k) may
    describe the figure shown or the one held; read as held, in the unit stated, they may be 1,000
    times too large (or the figure shown, 1,000 times too small)."""
    first = columns[0]
    return (f"column{'s' if len(columns) > 1 else ''} {_named_columns(columns)}: the number format ({first.code}) shows the figures "
            f"divided by {divides_by(first.code):,}, so the unit stated may describe the figure shown, not the one "
            "held: check the figures against the workbook (give the unit of the figures held with --unit)")


def _named_columns(columns: list[Column]) -> str:
    """The first four ``columns`` as a doubt names them ("C (Budget £m), D (Actual £m) ...")."""
    return ", ".join(f"{col.letter} ({col.measure})" for col in columns[:4]) + (" ..." if len(columns) > 4 else "")
