"""Identifying (key) columns: the columns that say which row this is rather than measure it.

Long tables published by the DfE, MHCLG and ONS put several such columns before their figures
(``year, region, LA code, LA name, school type, figures...``). As databaker keeps every dimension
of an observation, each of them is kept on every figure: the most specific name as the row label,
an LA code as the area, a period column as the row's period, and the others joined as the section
(``Primary / State-funded``). A column with the same value on every row (the council's name, a
URI) is the table's context, kept in its report, not a label.

Column kinds are decided from many cells (messytables' ``type_guess``), never from one row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache
from itertools import groupby
from typing import Any

from memberpack.importers.cells import column_index
from memberpack.importers.indicator_codes import indicator_codes
from memberpack.importers.report import PERIOD_DOUBT
from memberpack.importers.roles import SUBTOTAL_WORDS, TOTAL_WORDS
from memberpack.model.areas import LOCAL_AUTHORITY, NATIONAL, REGIONAL, Area, standard_region
from memberpack.model.periods import CALENDAR_MONTH, YEARS_SPAN, Period, parse_period
from memberpack.model.units import COUNT_UNIT, NUMBER, POUNDS, Unit, find_unit
from memberpack.model.values import (BLANK, EXCEL_ERRORS, FLAG_WORDS, RAG_WORDS, SPECIAL_TOKENS, STATUS_WORDS, TEXT,
                                     parse_text, status_of)

AREA, PERIOD, SECTION = "area", "period", "section"
NAME = "area name"   # the area's name beside its code, when the label is another column (a return's lines)
LINE = "line number"   # a line-number column whose number the label repeats ("4" and "4 Total Sure Start")
NAMED_CODE = "code of the name beside it"   # "Ethnic group Code" -8 beside "Does not apply": kept as the name is
REFERENCE = "reference"   # a code of its own on every row (a savings tracker's "Ref"): names no section
_OLD_CODE = re.compile(r"\d{3}")
_NEW_CODE = re.compile(r"[EWSN]\d{8}", re.IGNORECASE)
_PERIOD_TEXT = re.compile(r"(?:19|20)\d{2}(?:\s*[-/–]\s*\d{2,4}|\d{2})?|(?:19|20)\d{2}\s*Q[1-4]|"
                          r"FY\s*'?(?:(?:19|20)?\d{2})(?:\s*[-/–]\s*\d{2,4})?|H[12]\s*(?:19|20)\d{2}\s*[-/–]\s*\d{2,4}", re.IGNORECASE)
_DATE_TEXT = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|"
                        r"\d{1,2}[- ][A-Za-z]{3,9}[- ](?:19|20)?\d{2}")
_CODE_HEADER = re.compile(r"\b(?:code|la\s*(?:no|number)|la_code|old_la|new_la|ons|lad\d*cd|number)\b|\bla\b|_c\b|_code\b",
                          re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_PERIOD_WORDS = re.compile(   # a text of nothing but a period's words: no "snapshot", "aggregate", "financial year"
    r"(?:(?:(?:19|20)\d{2}(?:\s*[-/–]\s*\d{2,4})?|\d{1,2}|Q[1-4]|Qtr|Quarter|[PM]\d{1,2}|Period|Month|"
    r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|"
    r"Nov(?:ember)?|Dec(?:ember)?)\b[\s/–-]*)+", re.IGNORECASE)
_PERIOD_HEADER = re.compile(r"\b(?:year|period|time_period|date|month|quarter)\b", re.IGNORECASE)
# (an area's short names too: "LA", "GOR" for a Government Office Region, "LAD", "Ward": a register's council column)
_KEY_HEADER = re.compile(r"\b(?:names?|authority|council|area|region|country|nation|type|class|category|sector|phase|"
                         r"provider|supplier|payee|group(?:ing)?|filter|description|level|"
                         r"la|gor|lad|district|borough|county|ward|constituency)\b", re.IGNORECASE)
# A column headed only "Measure" (or "Measure name") beside the figures names what each row's figures are:
# a long file's rows of one area and year are told apart by it ("Outcome, ASC Quality of Life").
_MEASURE_HEADER = re.compile(r"\s*measure(?:[\s_]+name)?\s*", re.IGNORECASE)
# what a tidy file's figures are ("indicator", "measure", "unit"), wherever it stands beside the value
_DESCRIBING_HEADER = re.compile(r"\s*(?:indicator|measure|statistic|variable|units?)(?:[\s_]+(?:name|type))?\s*",
                                re.IGNORECASE)
_LINE_HEADER = re.compile(r"(?:invoice\s+)?(?:line|line\s+(?:no\.?|number)|ref(?:erence)?(?:\s+no\.?)?|no\.?)", re.IGNORECASE)
_NAME_HEADER = re.compile(r"^\s*(?:(?:payee|supplier|recipient|beneficiary|institution|provider)\s+)?name\b|"
                          r"^\s*(?:payee|recipient|beneficiary)\b", re.IGNORECASE)
_TOTAL = re.compile(r"\btotal\b", re.IGNORECASE)
# A column giving each row's unit ("Units of indicator": Per child per week, Per hour, %; a tidy file's
# "type_definition": Percentage, Crude rate per 10,000): a key, read by table_reader
UNITS_HEADER = re.compile(r"\s*(?:units?(?:[\s_]+of[\s_]+(?:the[\s_]+)?(?:indicator|measure(?:ment)?))?|"
                          r"type[\s_]+definition|value[\s_]+type)\s*", re.IGNORECASE)
_PER_ITEM = re.compile(r"\s*per\s+[a-z]", re.IGNORECASE)
_TARGET_HEADER = re.compile(r"^\s*(?:targets?|threshold|tolerance|goal)\b", re.IGNORECASE)
_NOTES_HEADER = re.compile(r"^\s*(?:comments?|commentary|notes?|narrative|explanation|remarks)\b", re.IGNORECASE)
_ID_HEADER = re.compile(r"\b(?:ukprn|urn|upin|laestab|id|ref|reference)\b", re.IGNORECASE)
# What tells a row from others of the same name, given for only some rows ("Postcode or identifying number (if given)")
_GIVEN_ID_HEADER = re.compile(r"\bidentif(?:ying|ication)\s+(?:number|no\.?|code)\b|\bpost\s*code\b", re.IGNORECASE)
# A register's reference (``Transaction Number``, ``Invoice No``): one transaction may take several lines
_REFERENCE_HEADER = re.compile(r"\b(?:transaction|invoice|document|doc|voucher|order|journal|payment|receipt|claim)\s*"
                               r"(?:number|no\.?|ref(?:erence)?|id)\b", re.IGNORECASE)
# A header naming only a transaction (``Inv Transaction``): the reference of the payment each line is part of
_TRANSACTION_HEADER = re.compile(r"\s*(?:inv(?:oice)?\.?\s+)?transactions?\s*", re.IGNORECASE)
_CATEGORY_CODE = re.compile(r"\bcode\s*$", re.IGNORECASE)   # "Ethnic group (20 categories) Code"
_LINE_NUMBER = re.compile(r"(\d{1,4})[.)]?\s+\S")   # "4 Total Sure Start...": a return's line, numbered
_BREAKDOWN_HEADER = re.compile(r"\b(?:inequality|breakdown|sex|gender|quintile|decile|ethnicity|age[\s_]?(?:band|group))\b",
                               re.IGNORECASE)
_REGION_HEADER = re.compile(r"\bregion", re.IGNORECASE)
# Two dates a row's figures run between ("Date figures start from", "Date of reply/figures correct to")
_SPAN_START_HEADER = re.compile(r"\b(?:start(?:s|ing|ed)?|from|since|began|commenc(?:es|ing|ed|ement))\b", re.IGNORECASE)
# A period's own start ("Week commencing", "Month starting"): its figures are that period's
_PERIOD_UNIT = re.compile(r"\b(?:week|fortnight|month|quarter|period|year)\b", re.IGNORECASE)
_SPAN_END_HEADER = re.compile(r"\b(?:correct\s+to|up\s+to|until|end(?:s|ing|ed)?|as\s+at)\b", re.IGNORECASE)
# Who was paid, and for what kind of spending: identifying a payment even after its amount
_PAID_HEADER = re.compile(r"\b(?:supplier|payee|vendor|recipient|beneficiary|creditor)\b|"
                          r"\b(?:type|category)\s+of\s+(?:expenditure|spend|payment)\b", re.IGNORECASE)
_NO_VALUE = {"n/a", "-", "z", BLANK}   # marks saying a row has none (not applicable), unlike suppression


# The area names of DfE's tidy files ("Explore education statistics"), the most specific first: a row's
# name is the most specific one it fills (la_name is blank on England's rows).
TIDY_NAMES = ("school_name", "provider_name", "trust_name", "sponsor_name", "institution_name", "ward_name",
              "pcon_name", "lad_name", "lsip_name", "english_devolved_area_name", "opportunity_area_name",
              "local_enterprise_partnership_name", "rsc_region_lead_name", "la_name", "region_name", "gor_name",
              "country_name")   # (gor_name: the region, a Government Office Region, in the DfE's older files)
_TIDY_RANK = {name: rank for rank, name in enumerate(TIDY_NAMES)}
_TIDY_CODES = {"country_code", "region_code", "new_la_code", "old_la_code", "lad_code", "pcon_code", "ward_code",
               "lsip_code", "english_devolved_area_code", "opportunity_area_code", "local_enterprise_partnership_code"}


@dataclass(frozen=True, slots=True)
class KeyColumn:
    """One identifying column: 0-based index, its header text and its role (area, period, section)."""

    index: int
    header: str
    role: str
    sparse: bool = field(default=False, compare=False)   # a section key blank on the first row and most others
    each_row: bool = field(default=False, compare=False)   # a section key written on every named row: no carry over a gap
    region: bool = field(init=False, compare=False)   # a section key naming regions
    tidy_rank: int | None = field(init=False, compare=False)   # how specific a tidy file's area name it holds (0 the most)
    country: bool = field(init=False, compare=False)   # a column of the country's code (country_code)

    def __post_init__(self) -> None:   # asked of each key of every row: worked out once
        object.__setattr__(self, "region", self.role == SECTION and bool(_REGION_HEADER.search(self.header)))
        object.__setattr__(self, "tidy_rank", _TIDY_RANK.get(self.header.strip().lower()))
        object.__setattr__(self, "country", self.header.strip().lower() == "country_code")


@lru_cache(maxsize=4096)
def _spaced(header: str) -> str:
    """A header's words: ``LineNumber`` and ``line_number`` read as ``Line Number``, ``line number``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", header).replace("_", " ")


def _filled(values: Sequence[Any]) -> list[Any]:
    return [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]


def _named(values: Sequence[Any]) -> list[Any]:
    """The filled cells but marks (``[z]``, ``x``, ``..``): a code column's ``[z]`` on the rows that
    have none is no name, so ``[z]`` twice is no name written twice."""
    return _unmarked(_filled(values))


def _unmarked(filled: list[Any]) -> list[Any]:
    """:func:`_named` of cells known to be filled."""
    return [v for v in filled if not (isinstance(v, str) and " ".join(v.lower().split()) in SPECIAL_TOKENS)]


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def is_code(value: Any) -> bool:
    """An LA number (933) or an ONS code (E10000027)."""
    if type(value) is float:   # (a figure with decimals: written so, it is no code)
        return value.is_integer() and 100 <= value <= 999   # as its text would match: quicker, every cell of a return
    if type(value) is int:
        return 100 <= value <= 999
    text = _as_text(value)
    return bool(_OLD_CODE.fullmatch(text) or _NEW_CODE.fullmatch(text))


def _code_or_abbreviation(value: Any) -> bool:
    """A code, or letters standing for a place (``E``, ``NE``, ``YH``)."""
    text = _as_text(value)
    return is_code(value) or (text.isupper() and len(text) <= 4) or text.upper() in ("ENGLAND",)


def is_period_value(value: Any) -> bool:
    """A year (2019), financial or academic year (2019-20, 201920) as a key column holds it."""
    if isinstance(value, bool):
        return False
    if isinstance(value, (datetime, date)):
        return True
    if isinstance(value, (int, float)):
        return float(value).is_integer() and 1990 <= value <= 2040 or 199000 <= value <= 204099
    if not isinstance(value, str):
        return False
    text = value.strip()
    return bool(_PERIOD_TEXT.fullmatch(text) or _DATE_TEXT.fullmatch(text) or text[:1].isdigit() and YEARS_SPAN.fullmatch(text))


def column_kind(header: str, values: Sequence[Any]) -> str:
    """``area`` (codes), ``period``, ``text`` (names, types), ``number`` (figures) or ``blank``."""
    return _kind(header, values, _filled(values))


def _kind(header: str, values: Sequence[Any], filled: list[Any]) -> str:
    """:func:`column_kind`, given the filled cells of ``values``."""
    if not filled:
        return BLANK
    n = len(filled)
    codes, abbreviations, new_codes, periods, texts = _tally(filled)
    spaced = _spaced(header)
    if (codes / n >= 0.5 and (_CODE_HEADER.search(header) or _CODE_HEADER.search(spaced)) and abbreviations / n >= 0.9) \
            or (codes / n >= 0.75 and new_codes / n >= 0.75):
        return AREA
    if periods / n >= 0.9 and (_PERIOD_HEADER.search(spaced) or len(set(map(_as_text, filled))) < n
                               or 2 <= n <= len(values) // 3):   # each year once, over its rows
        return PERIOD
    if _PERIOD_HEADER.search(spaced) and _all_periods(filled):
        return PERIOD   # a performance system's export: `Period | 2024/25 Q1`, `Month | Apr-24`
    return TEXT if texts * 2 >= n else "number"


def _tally(filled: list[Any]) -> tuple[int, int, int, int, int]:
    """How many of the cells are each of :func:`_traits`: codes, codes or abbreviations, new codes,
    periods, texts of words (a figure's told by its value, inline: most cells of most columns)."""
    codes = abbreviations = new_codes = periods = texts = 0
    for value in filled:
        kind = type(value)
        if kind is int or kind is float:
            whole = float(value).is_integer()
            if whole and 100 <= value <= 999:
                codes += 1
                abbreviations += 1
            if whole and 1990 <= value <= 2040 or 199000 <= value <= 204099:
                periods += 1
            continue
        code, abbreviation, new_code, period, text = _traits(value)
        codes += code
        abbreviations += abbreviation
        new_codes += new_code
        periods += period
        texts += text
    return codes, abbreviations, new_codes, periods, texts


def _all_periods(filled: list[Any]) -> bool:
    """Every cell a period :func:`parse_period` reads whole, year and all (``2024/25 Q1``, ``Apr-24``,
    ``Quarter 2 2024/25``; not ``September 2018 to September 2019``, read as its first month, nor a
    month with no year: ``Period End | September`` beside a ``Year`` column), each text asked once."""
    def whole(text: str) -> bool:
        found = _PERIOD_WORDS.fullmatch(text.strip()) and _period_text(text.strip())
        return bool(found) and found.year is not None and set(_YEAR.findall(text)) <= set(_YEAR.findall(str(found)))
    return all(isinstance(v, str) and whole(v) for v in set(filled))


def _written_periods(filled: list[Any]) -> bool:
    """A column that is periods only as :func:`_all_periods` reads them (``2024/25 Q1``, ``May 2007``),
    not as a key column's years are (``2019``, ``2019-20``)."""
    return not all(map(is_period_value, filled)) and _all_periods(filled)


_TRAITS: dict[str, tuple[bool, bool, bool, bool, bool]] = {}   # each text's, as _traits_of gives them
_TRAITS_KEPT = 50_000


def _traits(value: Any) -> tuple[bool, bool, bool, bool, bool]:
    """What :func:`column_kind` asks of a cell: whether it is a code, a code or abbreviation, a new
    (ONS) code, a period, a text of words. A whole number is told by its value (its text holds no
    letter); a text's are worked out once (the labels of stacked tables, each in the samples of
    the tables above it)."""
    kind = type(value)
    if kind is int or kind is float:   # as is_code and is_period_value tell them
        whole = float(value).is_integer()
        code = whole and 100 <= value <= 999
        return code, code, False, whole and 1990 <= value <= 2040 or 199000 <= value <= 204099, False
    if kind is not str:
        return _traits_of(value)
    found = _TRAITS.get(value)
    if found is None:
        if len(_TRAITS) >= _TRAITS_KEPT:
            _TRAITS.clear()
        found = _TRAITS[value] = _traits_of(value)
    return found


def _traits_of(value: Any) -> tuple[bool, bool, bool, bool, bool]:
    """:func:`_traits` of any value, worked out."""
    return (is_code(value), _code_or_abbreviation(value), bool(_NEW_CODE.fullmatch(_as_text(value))),
            is_period_value(value), isinstance(value, str) and parse_text(value).status == TEXT)


def _words_or_none(filled: list[Any]) -> bool:
    """Words, the others marks of no value (``Most deprived quintile``, then ``NA``: no breakdown)."""
    cells = [parse_text(v) if isinstance(v, str) else None for v in filled]
    return any(c is not None and c.status == TEXT for c in cells) and all(
        c is not None and (c.status == TEXT or c.value is None and c.status in _NO_VALUE) for c in cells)


def _codes(values: Sequence[Any]) -> bool:
    filled = _filled(values)
    return bool(filled) and sum(map(is_code, filled)) * 4 >= 3 * len(filled)


_GROUP_CODE = re.compile(r"\d{1,2}[A-Z]{1,2}\d{0,4}")   # "1A", "2B", "1C2": a measure group's code


def _group_codes(filled: list[Any]) -> bool:
    """Whether every filled cell is a group's code (a digit or two, then capitals: ``1A``, ``2B``),
    three at least: codes a header naming a group gives, where ``1A`` is no figure (1, Adverse)."""
    return len(filled) >= 3 and all(type(v) is str and _GROUP_CODE.fullmatch(v.strip()) for v in filled)


def _one_each(names: Sequence[Any], codes: Sequence[Any]) -> bool:
    """Whether each code comes with one name, and every row has both (a group's description beside its code)."""
    pairs = {(_as_text(n), _as_text(c)) for n, c in zip(names, codes) if n is not None and c is not None}
    return len(_filled(names)) == len(_filled(codes)) == len(names) and len(pairs) == len({c for _, c in pairs})


def _identifiers(filled: list[Any]) -> bool:
    """Whole numbers of five or more digits, each different: a register's reference numbers."""
    numbers = [_as_text(v) for v in filled]
    return len(numbers) >= 3 and len(set(numbers)) == len(numbers) and all(n.isdigit() and len(n) >= 5 for n in numbers)


def _references(filled: list[Any]) -> bool:
    """Whole numbers, or codes of letters and digits, under a header naming a reference: the
    transaction each row is a line of (``6012907`` on two lines, ``ccq207``)."""
    texts = [_as_text(v) for v in filled]
    return bool(texts) and all(t.isalnum() and any(ch.isdigit() for ch in t) for t in texts)


_BAND_TEXT = re.compile(r"\d+\s*(?:\+|or (?:more|over)|and (?:over|above))|\b(?:under|over|less than|more than)\s+\d+|"
                        r"^\s*(?:all|total)\s*$", re.IGNORECASE)


def _bands(filled: list[Any]) -> bool:
    """Whole numbers naming bands, with an open band or a total among them (``1``, ``2`` ... ``46 or
    more``, ``Total``): the category each row is for, not figures."""
    if all(type(v) is int or type(v) is float for v in filled):
        return False   # (a figure's text names no band)
    bands = numbers = 0
    for v in filled:
        text = _as_text(v)
        if type(v) is not int and type(v) is not float and _BAND_TEXT.search(text):   # (a figure's text: none)
            bands += 1
        elif text.isdigit() and len(text) <= 3:
            numbers += 1
        else:
            return False   # (told at the first cell neither a band nor a small whole number)
    return numbers >= 3 and bands > 0


def _unit_phrases(filled: list[Any]) -> bool:
    """Whether a column's texts are units (``Per child per week``, ``%``, ``£``): short, most of them "per"
    something or a unit's symbol."""
    texts = [v for v in filled if type(v) is str]
    return len(texts) == len(filled) >= 2 and all(len(v.split()) <= 6 for v in texts) and 2 * sum(
        1 for v in texts if _PER_ITEM.match(v) or find_unit(v) is not None) > len(texts)


def unit_of_row(text: str, cost: bool) -> Unit | None:
    """The unit a row's units cell (:data:`UNITS_HEADER`) gives its figures: the unit it names (``%``),
    pounds for a cost "per" something (``Per child per week`` under ``Unit cost``: £ a child a week), a
    count for ``Number``, or a number for a mean, score or years (ScotPHO's life expectancy: not summed)."""
    return find_unit(text) or (POUNDS if cost and _PER_ITEM.match(text) else _UNIT_WORDS.get(text.strip().lower()))


_UNIT_WORDS = {"number": COUNT_UNIT, "count": COUNT_UNIT, **dict.fromkeys(
    ("mean", "average", "score", "years"), Unit(NUMBER, 1.0, ""))}


def _paired(names: Sequence[Any], codes: Sequence[Any]) -> bool:
    """Whether each code always comes with the same name and each name with the same code."""
    pairs = {(_as_text(n), _as_text(c)) for n, c in zip(names, codes) if n is not None and c is not None}
    return len(pairs) >= 2 and len({n for n, _ in pairs}) == len(pairs) == len({c for _, c in pairs})


def _numbered_by(values: Sequence[Any], numbers: Sequence[Any]) -> bool:
    """Whether the texts start with the line numbers beside them (``4`` and ``4 Total Sure Start``)."""
    pairs = [(v, n) for v, n in zip(values, numbers) if isinstance(v, str) and n is not None and not isinstance(n, bool)]
    starts = [(_LINE_NUMBER.match(v.strip()), _as_text(n)) for v, n in pairs]
    return len(pairs) >= 3 and sum(1 for m, n in starts if m and m[1] == n) * 10 >= 9 * len(pairs)


def _outline_groups(columns: dict[int, list[Any]], kinds: dict[int, str], label_col: int) -> int | None:
    """The column naming each row of a pivot table in outline form, where ``label_col`` names a group
    once, on its first row (``Adults | Home care``, then ``| Residential``): the next column, of short
    names, filled on every row whose group cell is blank."""
    groups = columns.get(label_col)
    if not groups or not 0 < len(_filled(groups)) < len(groups) or kinds.get(c := label_col + 1) != TEXT:
        return None
    lines = columns[c]
    below = [line for group, line in zip(groups, lines) if not _filled([group])]
    filled = _filled(lines)
    named = bool(below) and len(_filled(below)) == len(below) and all(type(v) is str for v in filled)
    groups_named = {v for v in _filled(groups) if not (type(v) is str and _TOTAL.search(v))}   # ("Adults Total")
    return c if named and len(set(filled)) > len(groups_named) and not _prose(filled) else None


def _prose(filled: list[Any]) -> bool:
    """Whether most of a column's texts are sentences (six words or more): notes, not names."""
    texts = [v for v in filled if type(v) is str]
    return bool(texts) and sum(len(v.split()) >= 6 for v in texts) * 2 > len(texts)


# A return's line codes beside the lines' names: "A1", "B7", "OE3", and a section's "B:"
LINE_CODE = re.compile(r"[A-Z]{1,3}\d{0,3}[A-Z]?:?")
_LINE_CODE_HEADER = re.compile(r"(?:kpi\s+|pi\s+|line\s+)?(?:ref(?:erence)?|code|id)\.?", re.IGNORECASE)


# A column numbering a scorecard's indicators ("KPI No.", "PI number"), and the numbers it holds (1, 2 or 1.1, 2.3a)
_NUMBERED_HEADER = re.compile(r"\s*(?:kpi|pi|indicator|measure|ref(?:erence)?)\s*(?:no\.?|number|num)\s*", re.IGNORECASE)
_OUTLINE_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?", re.IGNORECASE)


def _outline_numbers(filled: Sequence[Any]) -> bool:
    """Whether three or more values number items (``1``, ``2``; ``1.1``, ``2.3a``), each once."""
    texts = [_as_text(v) for v in filled]
    return 3 <= len(texts) == len(set(texts)) and all(
        _OUTLINE_NUMBER.fullmatch(t) or type(v) in (int, float) and float(v).is_integer() for v, t in zip(filled, texts))


def _line_codes(values: Sequence[Any], header: str = "") -> bool:
    """Whether the filled values are nearly all line codes (:data:`LINE_CODE`), most with a digit:
    three at least, or any under a header that says they are (``Ref``, ``Code``: a scorecard of two)."""
    filled = _filled(values)
    if len(filled) < (1 if _LINE_CODE_HEADER.fullmatch(header.strip()) else 3):
        return False
    coded, uncoded = [], 0
    for v in filled:
        text = str(v).strip()
        if LINE_CODE.fullmatch(text):
            coded.append(text)
        else:
            uncoded += 1
            if uncoded * 5 > len(filled):
                return False   # (told once more than one in five is no code: a column of names)
    numbered = sum(any(ch.isdigit() for ch in v) for v in coded)
    return numbered * 2 > len(coded)


def _row_ids_then_names(columns: dict[int, list[Any]], kinds: dict[int, str], filled_of: dict[int, list[Any]],
                        label_col: int, header: str) -> int | None:
    """The column of worded names right of ``label_col`` where that column gives each row an id of its
    own under a header saying so (``id`` kpa1-001, ``Ref``), codes and numbers between them, no figure:
    the names label the rows, the id is a key. None otherwise."""
    if kinds.get(label_col) != TEXT or not _LINE_CODE_HEADER.fullmatch(_spaced(header).strip()):
        return None
    ids = [_as_text(v) for v in filled_of.get(label_col, [])]
    if len(ids) < 3 or len(set(ids)) != len(ids) or not all(" " not in t and any(map(str.isdigit, t)) for t in ids):
        return None
    for c in columns:
        if c <= label_col:
            continue
        filled = filled_of[c]
        worded = sum(" " in t and any(map(str.isalpha, t)) for t in map(_as_text, filled))
        if kinds[c] == TEXT and worded * 2 > len(filled):
            return c
        if kinds[c] not in (TEXT, BLANK) and not all(_OUTLINE_NUMBER.fullmatch(_as_text(v)) for v in filled):
            return None   # figures before any names: the ids name the rows
    return None


def _coded_names(columns: dict[int, list[Any]], kinds: dict[int, str], filled_of: dict[int, list[Any]],
                 headers: dict[int, str], label_col: int) -> tuple[int, int] | None:
    """The column of indicator codes (:func:`indicator_codes`) from ``label_col`` up to the first
    column of figures, and the column of the descriptions it codes: of the columns of names on either
    side of it, the one of longer texts (``Measure | Ref | Service``: the measure). None without both."""
    order = [c for c in columns if c >= label_col and kinds[c] != BLANK]
    for i, c in enumerate(order):
        if kinds[c] == "number":
            return None
        if kinds[c] != TEXT or not indicator_codes(filled_of[c]):
            continue
        beside = [n for n in order[max(i - 1, 0):i] + order[i + 1:i + 2] if kinds[n] == TEXT and _name_like(columns[n])
                  and not _NOTES_HEADER.search(headers.get(n, "")) and not indicator_codes(filled_of[n])]
        if beside:
            return c, max(reversed(beside), key=lambda n: sum(len(_as_text(v)) for v in filled_of[n]) / len(filled_of[n]))
        return None
    return None


def _name_like(values: Sequence[Any]) -> bool:
    """Whether most values are names (``Adur``, ``North East``) rather than codes (``E3831``, ``NE``)."""
    filled = _filled(values)
    return sum(1 for v in filled if any(ch.islower() for ch in str(v)) or " " in str(v).strip()) * 2 > len(filled)


def find_keys(headers: Sequence[str], columns: dict[int, list[Any]], label_col: int) -> tuple[int, list[KeyColumn], dict[int, str]]:
    """The label column, the other key columns and the constant (context) columns of a table.

    ``columns`` holds a sample of each column's data cells, in order; ``label_col`` is the first
    column of words. Keys are the code, period and word columns left of it, and those right of it
    before the first column of figures when the names repeat (a long table: each area once per
    year or school type). The label is the word column with most distinct names (the most
    specific one).
    """
    header_of = dict(zip(columns, headers))
    filled_of = {c: _filled(v) for c, v in columns.items()}
    kinds = {c: _kind(header_of.get(c, ""), v, filled_of[c]) for c, v in columns.items()}
    lowered = {c: header_of.get(c, "").strip().lower() for c in columns}
    tidy = sorted((_TIDY_RANK[h], c) for c, h in lowered.items() if h in _TIDY_RANK)
    geography = set()
    if len(tidy) >= 2:   # a tidy file's area names and codes, blank in the first rows (England's) or not: keys
        kinds.update({c: TEXT for _, c in tidy})
        kinds.update({c: AREA for c, h in lowered.items() if h in _TIDY_CODES})
        kinds.update({c: TEXT for c, h in lowered.items() if h == "geographic_level"})
        geography = {c for c, h in lowered.items() if h in _TIDY_RANK or h in _TIDY_CODES or h == "geographic_level"}
    if TEXT not in kinds.values():   # months written out (``May 2007``) under a year: the rows' names, not keys
        kinds.update({c: TEXT for c in columns if kinds[c] == PERIOD and _written_periods(filled_of[c])})
    if kinds.get(label_col) in (AREA, PERIOD):   # codes first: the names are in the next column of words
        for c in columns:
            if c > label_col and kinds[c] == TEXT:
                label_col = c
                break
            if c > label_col and kinds[c] == "number" and not _codes(columns[c]):
                break
    if kinds.get(label_col) == TEXT and _line_codes(columns[label_col], header_of.get(label_col, "")):   # codes, then names
        named = next((c for c in columns if c > label_col and kinds[c] != BLANK), None)
        if named is not None and kinds[named] == TEXT and _name_like(columns[named]):
            label_col = named
    identifier = None   # a column of row ids left of the names (kept as a key, never the label)
    coded = _coded_names(columns, kinds, filled_of, header_of, label_col)
    if coded is not None:   # "KPI 017" beside "Percentage of invoices paid within 30 days": the code a key
        identifier, label_col = coded
    elif (named := _row_ids_then_names(columns, kinds, filled_of, label_col, header_of.get(label_col, ""))) is not None:
        identifier, label_col = label_col, named   # "id" kpa1-001, the ids of its area and objective, then the name
    counted: dict[int, int] = {}
    unmarked: dict[int, list[Any]] = {}

    def named_in(c: int) -> list[Any]:
        """:func:`_named` of column ``c``, worked out once."""
        if c not in unmarked:
            unmarked[c] = _unmarked(filled_of[c])
        return unmarked[c]

    def distinct(c: int) -> int:
        """How many distinct texts column ``c`` holds (asked of the few columns that may be keys)."""
        if c not in counted:
            counted[c] = len(set(map(_as_text, named_in(c))))
        return counted[c]

    names = named_in(label_col) if label_col in columns else []
    repeats = len(names) > (distinct(label_col) if label_col in columns else 0) and not (
        coded and distinct(identifier) == len(named_in(identifier)))   # each row its own code: told apart
    outline = _outline_groups(columns, kinds, label_col)
    keys: list[tuple[int, str]] = []
    lines: list[int] = []
    units: list[int] = []
    category_codes: list[int] = []
    ledger_codes: list[int] = []
    figures = False   # past the first column of figures: only period columns are keys there
    first_figure = -1
    trailing: set[int] = set()   # keys after the figures: never the label (the row is named left of its figures)
    groups: set[int] = set()     # ... a measure group's code and description among them
    for c, values in columns.items():
        kind = kinds[c]
        filled = filled_of[c]
        header = _spaced(header_of.get(c, ""))
        if c < label_col and _NUMBERED_HEADER.fullmatch(header) and _outline_numbers(filled):
            keys.append((c, TEXT))   # "KPI No." 1, 2, 3 or 1.1, 1.2: each indicator's number, no figure
            continue
        if kind == "number" and c < label_col and _codes(values):
            kind = AREA   # LA numbers left of the names
        elif kind == "number" and (c < label_col or _ID_HEADER.search(header)) and _identifiers(filled):
            kind = TEXT   # a reference number for each row (a UKPRN): kept with the row
        elif kind == "number" and not figures and (_REFERENCE_HEADER.search(header) or _TRANSACTION_HEADER.fullmatch(
                header)) and _references(filled):
            kind = TEXT   # a transaction's number, on each of its lines
        elif kind == "number" and not figures and c > label_col and _CATEGORY_CODE.search(header) and all(
                float(v).is_integer() for v in filled if isinstance(v, (int, float)) and not isinstance(v, bool)):
            kind = TEXT   # a category's number ("Ethnic group (20 categories) Code"): what the name beside it says
            if not any(type(v) is str and any(map(str.isalpha, v)) for v in filled):
                category_codes.append(c)   # (a measure's code, "1C2A" beside "Total", tells rows apart: a key)
        elif kind == "number" and not figures and c > label_col and _bands(filled):
            kind = TEXT   # "1", "2" ... "46 or more", "Total": the band each row is for
        elif kind == "number" and not figures and _LINE_HEADER.fullmatch(header.strip()):
            kind = TEXT   # an invoice's (or a return's) line number: part of what identifies the row
            lines.append(c)
        elif kind == "number" and not figures and c > label_col and kinds.get(c + 1) == TEXT and all(
                type(v) is str and v.strip().isdigit() or type(v) in (int, float) and float(v).is_integer()
                for v in filled) and _paired(columns[c + 1], values):
            kind = TEXT   # a ledger's code beside its name ("Subjective 1100 | Subjective Name Salaries")
            category_codes.append(c)
            ledger_codes.append(c)
        if figures:
            if kind == PERIOD and _PERIOD_HEADER.search(header):
                keys.append((c, kind))   # "Period 2019/20" after the figures
            elif _BREAKDOWN_HEADER.search(header) and (kind == TEXT or _words_or_none(filled)):
                keys.append((c, kind))   # "inequality: Most deprived quintile" after a tidy file's value
            elif (kind == TEXT or _ID_HEADER.search(header)) and _PAID_HEADER.search(header) \
                    and len(filled) * 2 >= len(values):
                keys.append((c, kind))   # "Supplier Name", "Type of Expenditure" after a payment's amount
                trailing.add(c)
            elif kind == TEXT and _DESCRIBING_HEADER.fullmatch(header) and 3 <= len(filled) == len(values) \
                    and distinct(c) == 1:
                keys.append((c, kind))   # "indicator", "measure" the same on every row after the value: context
            elif _KEY_HEADER.search(header) and _group_codes(filled):
                keys.append((c, TEXT))   # ASCOF's "Measure Group" 1A, 2B after the value: the row's group, no figure
                trailing.add(c)
                groups.add(c)   # (the same on a long file's first rows, not on all: no context)
            elif kind == TEXT and c - 1 in trailing and _KEY_HEADER.search(header) and _one_each(values, columns[c - 1]):
                keys.append((c, kind))   # ... and its "Measure Group Description"
                trailing.add(c)
                groups.add(c)
            elif kind == TEXT and repeats and first_figure > label_col and not _NOTES_HEADER.search(header) \
                    and _tells_apart(columns, [label_col, *(k for k, _ in keys)], c):
                keys.append((c, kind))   # where each of eleven benches stands, after how many: which bench
                trailing.add(c)
            continue
        if kind == "number" and c < label_col:
            continue      # a reference number: left of the label, not a key
        if c > label_col and kind == TEXT and UNITS_HEADER.fullmatch(header) and _unit_phrases(filled):
            keys.append((c, kind))   # "Per child per week", "Per hour", "%": each row's unit, not a measure
            units.append(c)
            continue
        if c > label_col and kind == TEXT and len(filled) * 2 < len(values) and not (
                _KEY_HEADER.search(header) or _ID_HEADER.search(header) or _GIVEN_ID_HEADER.search(header)):
            continue      # a sparse column of notes: read as it is, not a key (an identifier given for some rows is)
        if c > label_col and kind == TEXT and _NOTES_HEADER.search(header):
            continue      # a commentary: read as text beside the figures, never what names the rows
        if c > label_col and kind == TEXT and _TARGET_HEADER.search(header):
            figures, first_figure = True, c   # targets written with their sign ("≥ 90%", "< 30"): a measure
            continue
        if kind == "number" or (c > label_col and kind == TEXT and not (
                repeats or c == outline or _KEY_HEADER.search(header) or _MEASURE_HEADER.fullmatch(header)
                or 3 <= len(filled) and len(named_in(c)) == distinct(c))):
            figures, first_figure = True, c
            continue
        if kind != BLANK:
            keys.append((c, kind))
    if repeats and figures:
        for c in _categories_after(columns, kinds, keys, label_col, first_figure, distinct):
            keys.append((c, TEXT))   # "perc", then "group" and "CINCLA": what tells each area's rows apart
            trailing.add(c)
    references = {c for c, _ in keys if _REFERENCE_HEADER.search(h := _spaced(header_of.get(c, "")))
                  or _TRANSACTION_HEADER.fullmatch(h) or _ID_HEADER.search(h)}
    context = {c: _as_text(filled_of[c][0]) for c, kind in keys   # a reference the first rows share is still one
               if kind in (TEXT, AREA) and len(columns[c]) >= 3 and distinct(c) == 1 and c not in references | geography | groups | set(units)
               and len(filled_of[c]) == len(columns[c])}
    words = [c for c, kind in keys if kind == TEXT and c not in context and c not in lines and c not in category_codes
             and c not in trailing and c not in units]
    roles = {c: {AREA: AREA, PERIOD: PERIOD}.get(kind, SECTION) for c, kind in keys}
    dated = {c: _spaced(header_of.get(c, "")) for c, kind in keys if kind == PERIOD}
    starts = [c for c, header in dated.items() if _SPAN_START_HEADER.search(header) and not _SPAN_END_HEADER.search(header)]
    if any(map(_SPAN_END_HEADER.search, dated.values())) or len(starts) == len(dated) and not any(
            _PERIOD_UNIT.search(dated[c]) for c in starts):
        for c in starts:   # "Date figures start from" and "... correct to": the figures run from one to the other,
            roles[c] = SECTION   # so are as at the last; a contract's "Start date" alone dates none: a key
    for c in category_codes:   # numbering the names beside them: kept as the names are
        if c + 1 in words and _paired(columns[c + 1], columns[c]):
            roles[c] = NAMED_CODE
    if len(tidy) >= 2:
        label = tidy[0][1]
    elif outline in words:
        label = outline   # each line of a group written once on its first row: the group is a section
    elif words:
        named_words = [c for c in words if c != identifier] or words
        label = label_col if coded and label_col in named_words else named_words[0] if len(named_words) == 1 else max(
            named_words, key=lambda c: (
            bool(_NAME_HEADER.search(_spaced(header_of.get(c, "")))), _name_like(columns[c]), distinct(c), c == label_col))
        numbered = [(c, n) for c in words for n in lines if _numbered_by(columns[c], columns[n])]
        if numbered:   # a return's lines for each area: the numbered line is the label, the area's name a key
            label, number = numbered[0]
            roles[number] = LINE
            codes = [c for c, kind in keys if kind == AREA]
            names = [c for c in words if c != label and any(_paired(columns[c], columns[a]) for a in codes)]
            if names:
                roles[names[0]] = NAME
        inner = [c + 1 for c in ledger_codes if c + 1 in words and _runs(columns[c + 1]) > _runs(columns[label])]
        if inner:   # a ledger's lines: each cost centre's subjectives, the cost centre their section
            label = inner[-1]
    elif label_col in dict(keys) and label_col not in context:
        label = label_col
    else:
        rest = [c for c, _ in keys if c not in context]
        label = rest[-1] if rest else label_col
    if distinct(label) == len(named_in(label)):   # rows named apart: a code differing on each is no section
        for c, _ in keys:
            header = header_of.get(c, "").strip()
            if roles[c] == SECTION and (c < label and (_LINE_CODE_HEADER.fullmatch(header) and _line_codes(columns[c], header)
                                                       or _NUMBERED_HEADER.fullmatch(header))
                                        or coded and c == identifier and _LINE_CODE_HEADER.fullmatch(header)) \
                    and 3 <= distinct(c) == len(filled_of[c]):
                roles[c] = REFERENCE
    found = [KeyColumn(c, header_of.get(c, ""), roles[c], roles[c] == SECTION and _sparse(columns[c]))
             for c, _ in keys if c != label and c not in context]
    return label, found, context


def _runs(values: Sequence[Any]) -> int:
    """How many runs of one value a column's cells make, top to bottom."""
    return sum(1 for _ in groupby(map(_as_text, values)))


def _sparse(values: Sequence[Any]) -> bool:
    """Whether a key column's blank means none, not the value above as it does in a group written
    once on its first row: it is blank on the table's first row and on most rows (a payment's
    ``Redact Name``, written on three of 2,000), or it gives each row its own (a council's code on
    every row down to the blank row over England's and the regions' totals)."""
    if not values:
        return False
    filled = _filled(values)
    if not _filled(values[:1]):
        return len(filled) * 2 < len(values)
    texts = list(map(_as_text, filled))
    return len(texts) >= _OWN_ROWS and len(set(texts)) == len(texts) and len(_filled(values[:len(filled)])) == len(filled)


def each_row(key: KeyColumn, rows: Sequence[tuple[int, Sequence[Any]]], label: int) -> bool:
    """Whether a section key column is written on every named row of ``rows`` (sheet row numbers
    with their cells, blank rows left out) down to one under a blank row (a council's region and
    class codes, repeated down the table, then England's total under a blank row): a blank cell
    under a gap then means none, not the code of the last row above the gap."""
    if key.role != SECTION or key.sparse:
        return False
    written, above = 0, None
    for r, row in rows:
        if label < len(row) and _filled([row[label]]):
            if not _filled([row[key.index] if key.index < len(row) else None]):
                return written >= _OWN_ROWS and above is not None and r > above + 1
            written += 1
        above = r
    return written >= _OWN_ROWS


_OWN_ROWS = 5   # rows that each write their own key before a key is one of each row's


def _tells_apart(columns: dict[int, list[Any]], key_cols: list[int], c: int) -> bool:
    """Whether column ``c``, a column of short names (a place, a site) on most rows, tells apart the rows that
    the label and keys ``key_cols`` leave alike: at least two repeats, three in four of them told apart."""
    named = _named(columns[c])
    if len(named) * 2 < len(columns[c]) or not all(
            isinstance(v, str) and any(map(str.isalpha, v)) and len(v.split()) <= 8 for v in named):
        return False   # figures with marks among them ("-" for none), or sentences: no names of places
    rows = list(zip(*(map(_as_text, columns[k]) for k in key_cols)))
    told = list(zip(*(map(_as_text, columns[k]) for k in [*key_cols, c])))
    alike = len(rows) - len(set(rows))
    return alike >= 2 and (len(told) - len(set(told))) * 4 <= alike


def _categories_after(columns: dict[int, list[Any]], kinds: dict[int, str], keys: list[tuple[int, str]], label_col: int,
                      first_figure: int, distinct) -> list[int]:
    """The last columns of a long table, after its figures, when they hold categories (``group``: All
    Pupils, Any Offence ...) that tell apart rows the label and the keys before them do not: every row
    filled, each category on many rows, at most three. None when the rows are told apart already, or
    still are not with them."""
    key_cols = [label_col, *(c for c, _ in keys)]
    after: list[int] = []
    for c in sorted(columns, reverse=True):   # the last columns of the table, up to its figures
        if c <= first_figure or c in key_cols or kinds[c] != TEXT or not (
                len(_filled(columns[c])) == len(columns[c]) >= 6 and distinct(c) * 2 <= len(columns[c])):
            break
        after.insert(0, c)
    if not after or len(after) > 3 or distinct(label_col) < 2:
        return []
    rows = list(zip(*(map(_as_text, columns[c]) for c in key_cols)))
    if len(set(rows)) == len(rows):
        return []
    told = list(zip(*(map(_as_text, columns[c]) for c in [*key_cols, *after])))
    return after if len(set(told)) == len(told) else []


def area_key(codes: str, name: str, region: str) -> str:
    """The stored area of a row with LA codes (old, new or both, space-separated): ``la|933||South West``,
    ``national|999|E92000001|``."""
    coded = _coded_area(codes, region) if codes else ""
    if coded:
        return coded
    if name.strip().lower() == "england":
        return Area(NATIONAL, name).key()
    if (standard := standard_region(name)) is not None:
        return Area(REGIONAL, name, region=standard).key()
    return Area(LOCAL_AUTHORITY, name, region=region).key() if codes or region else ""


@lru_cache(maxsize=4096)
def _coded_area(codes: str, region: str) -> str:
    """The area key the codes alone give (a key holds no name), asked once per codes and region."""
    news = [c.upper() for c in codes.split() if _NEW_CODE.fullmatch(c)]
    # the most specific code names the row: an LA's beside its region's (E12) or country's (E92)
    new = min(news, key=lambda c: (c.startswith("E92"), c.startswith(("E12", "E13"))), default="")
    # and the last old code: an LA's (330) written right of England's (921) on every row
    old = next((c for c in reversed(codes.split()) if _OLD_CODE.fullmatch(c)), "")
    if not (new or old):
        return ""
    level = NATIONAL if new.startswith("E92") else REGIONAL if new.startswith("E12") else LOCAL_AUTHORITY
    return Area(level, "", old_code=old, new_code=new, region=region).key()


@lru_cache(maxsize=4096)
def _is_mark(text: str) -> bool:
    """Whether a key's text is a mark such as ``NA`` (no breakdown) or ``z``. A text that names no
    status is none unless it is a figure beyond range: one that starts with a letter (but for
    ``c. 40``, ``approx 12``) or has no digit is not parsed as a figure (a long table's codes and
    names, each on one row)."""
    status = status_of(text)
    if status is not None:   # a gap, not a rating's letter: the region code 'A' (or 'R', 'G') is no 'adverse'
        return status != BLANK and text.strip().lower() not in _RATING_LETTERS
    if not any(map(str.isdigit, text)) or text[0].isalpha() and not text.lower().startswith(_APPROX):
        return False
    mark = parse_text(text)
    return mark.value is None and mark.status not in (TEXT, BLANK)


_RATING_LETTERS = frozenset(w for w in (*RAG_WORDS, *FLAG_WORDS) if len(w) == 1)   # in a key, a code's letter
_APPROX = ("c.", "circa", "approx", "around")   # the words a figure may start with (values._NUMBER)


def _may_be_mark(text: str) -> bool:
    """Whether :func:`_is_mark` may call a key's text (as :func:`_as_text` gives it, not blank) a
    mark: a status's words (``NA``, ``x``, ``#N/A``), or a text that does not start with a letter,
    or starts with a word a figure may start with. Any other is none, without asking it."""
    lowered = text.lower()
    return not text[0].isalpha() or lowered in STATUS_WORDS or lowered.startswith(_APPROX) or text.upper() in EXCEL_ERRORS


def section_texts(cells: Sequence[Any], above: str, taken: bool, labels: Sequence[str], sparse: bool = False
                  ) -> tuple[list[str], str, bool] | None:
    """What :func:`row_keys` makes of each cell of a section key column (not a tidy file's area
    names) when every cell is a text, as it carries them down: the text as a key reads it, "" for
    a mark (``NA``: no section on that row), and for a blank the row's above (``above`` for the
    first: what the rows before carry down, ``taken`` by the row before them), but "" on a total
    row (its label in ``labels``) under a row that wrote its own, and for a ``sparse`` key's (blank
    means none); then what the rows carry down and whether the last took it. None when a cell is no text. Each distinct text that may be a mark
    (:func:`_may_be_mark`) is asked once; a long table's references are not."""
    if set(map(type, cells)) != {str}:
        return None
    texts = list(map(" ".join, map(str.split, cells)))   # (_as_text of each)
    distinct = dict.fromkeys(texts)
    marks = {text for text in distinct if text and _may_be_mark(text) and _is_mark(text)}
    if "" not in distinct or sparse:   # (a sparse key's blank is none: nothing carried)
        read = [("" if text in marks else text) for text in texts] if marks else texts
        return read, read[-1], False
    carried = []
    for text, label in zip(texts, labels):
        if text:
            above, taken = ("" if text in marks else text), False
        elif not taken and totals_row(label):
            carried.append("")
            continue
        else:
            taken = True
        carried.append(above)
    return carried, above, taken


def date_periods(cells: Sequence[Any], labels: Sequence[str]) -> tuple[list[Period], str] | None:
    """What :func:`row_keys` makes of a period key column whose every cell is a date (a spending
    list's), as the rows carry it down: each row's month, asked once per distinct date, and the
    last cell's text. None when a cell is no date, or a row dated a month's last day is named by a
    period (its label may then give the year: :func:`row_keys`)."""
    if not cells or not set(map(type, cells)) <= {datetime, date}:
        return None
    read = {value: _date_key(value) for value in dict.fromkeys(cells)}
    ends = {value for value, (_, last) in read.items() if last}
    if ends and any(label and is_period_value(label) and not _DATE_TEXT.fullmatch(label.strip())
                    for value, label in zip(cells, labels) if value in ends):
        return None
    months = {value: month for value, (month, _) in read.items()}
    return list(map(months.__getitem__, cells)), _as_text(cells[-1])


@lru_cache(maxsize=4096)
def _code_text(text: str) -> bool:
    """:func:`is_code` of a key cell's text, asked once per text."""
    return bool(_OLD_CODE.fullmatch(text) or _NEW_CODE.fullmatch(text))


@lru_cache(maxsize=4096)
def _date_key(value: Any) -> tuple[Period | None, bool]:
    """The month of a date key and whether it is that month's last day, asked once per value."""
    dated = _date_period(value)
    return dated, dated is not None and _ends_month(value, dated)


_ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{2})-\d{2}.*|\d{1,2}[/.-](\d{1,2})[/.-]((?:19|20)\d{2})")
_DAY = re.compile(r"(?:19|20)\d{2}-\d{2}-(\d{2}).*|(\d{1,2})[/.-]\d{1,2}[/.-](?:19|20)\d{2}")


def _ends_month(value: Any, month: Period) -> bool:
    """Whether a date key is the last day of its month (``2018-03-31``: a year's end, not a month's figures)."""
    day = value.day if isinstance(value, (datetime, date)) else None
    if isinstance(value, str) and (found := _DAY.fullmatch(value.strip())):
        day = int(found[1] or found[2])
    following = date(month.year + month.index // 12, month.index % 12 + 1, 1)
    return day is not None and day == (following - timedelta(days=1)).day


def _date_period(value: Any) -> Period | None:
    """The month of a date key (``2019-03-20``, 20/03/2019, a date cell): ``Mar 2019``."""
    if isinstance(value, (datetime, date)):
        return Period(CALENDAR_MONTH, value.year, value.month)
    found = _ISO_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None:
        return None
    year, month = (found[1], found[2]) if found[1] else (found[4], found[3])
    return Period(CALENDAR_MONTH, int(year), int(month)) if 1 <= int(month) <= 12 else None


@lru_cache(maxsize=4096)
def _period_text(text: str) -> Period | None:
    """:func:`parse_period` of a period key's text, asked once per text (a long table repeats a few)."""
    return parse_period(text)


@dataclass(slots=True)
class RowKeys:
    """What a data row's key columns say: label (if the name cell is blank), section parts, period, area."""

    label: str | None
    sections: list[str]
    period: Period | None
    area: str | None


# "*Total", "Total:": marked, naming nothing else (a plain "Total" beside "18-64", "Male" is a breakdown's part)
_BARE_TOTAL = re.compile(r"(?=\W)\W*(?:grand\s+)?total\W*|(?:grand\s+)?total\W+", re.IGNORECASE)
_PUNCTUATION = " *:.-–"
_COUNTRY = re.compile(r"\b(?:england|wales|scotland|northern\s+ireland|great\s+britain|united\s+kingdom)\b", re.IGNORECASE)


def totals_row(label: str) -> bool:
    """Whether a row's label names a total or sub total."""
    return bool(label) and (TOTAL_WORDS.search(label) is not None or SUBTOTAL_WORDS.search(label) is not None)


def row_keys(row: list[Any], keys: Sequence[KeyColumn], label: str, context: Period | None,
             carried: dict[int, Any]) -> RowKeys:
    """Read one row's keys; a word or period column left blank takes the value above it (``carried``).
    A total row (:func:`totals_row`) takes a section's only when the row above took it too (a group
    written once over its rows): under a row that wrote its own (a cost centre's code) it adds up
    more rows than that one, and has none. ``carried[~i]`` says whether column ``i``'s was taken."""
    sections, period, code, region, name, own, area_name = [], None, "", "", label, "", ""
    from_above: dict[str, int] = {}   # sections carried down to this row (not written on it), by key column
    written_at: dict[str, int] = {}   # ... written on it
    year_end = None   # the date of a period key, when it is a month's last day
    tidy_names: list[tuple[int, str]] = []
    for key in keys:
        value = row[key.index] if key.index < len(row) else None
        text = _as_text(value) if value is not None else ""
        if key.role == NAME:   # the area's name, the label being the line: shown with the sections too
            area_name = text
            if text:
                sections.append(text)
        elif key.role == SECTION:
            if isinstance(value, date) and not (isinstance(value, datetime) and value.time() != datetime.min.time()):
                text = value.strftime("%d/%m/%Y")   # a date kept with its row (a contract's start), as written in the UK
            if text and _is_mark(text):
                text = carried[key.index] = ""   # "NA": no breakdown on this row, none carried from above
                carried[~key.index] = False
                continue
            if key.tidy_rank is not None:   # a tidy file's area name: blank means none, never the one above
                if text:
                    tidy_names.append((key.tidy_rank, text))
                    sections.append(text)
                    region = standard_region(text) or region
                continue
            if key.sparse:   # blank means none too
                sections += [text] if text else []
                own = own or text
                written_at.setdefault(text, key.index)
                continue
            own = own or text
            if not text and not carried.get(~key.index) and totals_row(label):
                continue
            carried[~key.index] = not text
            if not text and carried.get(key.index):
                text = carried[key.index]
                from_above.setdefault(text, key.index)
            elif text:
                written_at.setdefault(text, key.index)
            carried[key.index] = text
            if text:
                sections.append(text)
                if (standard := standard_region(text)) is not None or key.region:
                    region = standard or text
        elif key.role == PERIOD and (text or carried.get(key.index)):
            if text:
                carried[key.index] = text
            else:   # a year written once over its rows ("2012" beside January only): the one above
                value = text = carried[key.index]
            dated, ends_month = _date_key(value)
            if dated is not None and period is not None:
                continue   # a date beside a period column: the period says what the figures are for
            year_end = dated if ends_month else None
            found = dated or _period_text(text)
            period = found.within(context) if found is not None and context is not None and found.year is None else found
        elif key.role == AREA and text:
            if _is_mark(text):
                continue   # England's region code written "z" (not applicable): no code, no section
            if key.country and _OLD_CODE.fullmatch(text):
                continue   # the DfE's number for England (921) in country_code: no LA's (the Isle of Wight's)
            if _code_text(text):
                code = f"{code} {text}".strip()
            elif not name:
                name = text   # "ENGLAND" in the code column, the name cell blank
            elif text != name:
                sections.append(text)   # a class's code (E06: unitary authorities) under a repeated header
    if year_end is not None and label and is_period_value(label) and not _DATE_TEXT.fullmatch(label.strip()):
        named = parse_period(label)   # rows named by their year, dated at its end: the year is the period
        period = named if named is not None and named.span()[1] == period.span()[1] else period
    if not name and tidy_names:   # England's row of a tidy file: named by its most specific area name
        name = min(tidy_names)[1]
        sections.remove(name)
    named = [s for s in sections if s not in from_above and (standard_region(s) or _COUNTRY.search(s))] \
        if own and name and _BARE_TOTAL.fullmatch(name) else []
    if named:   # "*Total" as a region's total's name, the region written in a key column: "South West Total"
        name = named[-1] if totals_row(named[-1]) else f"{named[-1]} {name.strip(_PUNCTUATION)}"
        sections = [s for s in sections if s != named[-1] and not _BARE_TOTAL.fullmatch(s)]
    if not name and own and sections:   # "ENGLAND", a region or "Total" written in a key column, the name cell blank:
        name = next((s for s in reversed(sections) if s not in from_above), sections[-1])
        at = written_at.get(name, len(row))
        sections.remove(name)   # ... in no group carried down from a column right of its own (under it, not over it)
        sections = [s for s in sections if s not in from_above or from_above[s] < at]
        region = region if region != name else ""
    area = area_key(code, area_name or name, region) if code or any(k.role == AREA for k in keys) else None
    return RowKeys(name if name != label else None, sections, period, area or None)


def ignores_label(row: list[Any], keys: Sequence[KeyColumn]) -> bool:
    """Whether :func:`row_keys` gives this row the same keys whatever its (non-empty) label: every
    area key holds a code (an area named by its codes alone) and no date key is a month's last day
    (rows named by their year). Then the keys of rows with the same key cells can be read once."""
    for key in keys:
        value = row[key.index] if key.index < len(row) else None
        if key.role == AREA:
            text = _as_text(value) if value is not None else ""
            if not (text and _code_text(text)):
                return False
        elif key.role == PERIOD and value is not None and _as_text(value) and _date_key(value)[1]:
            return False
    return True


def alike_keys(row: list[Any], keys: Sequence[KeyColumn], label: str, context: Period | None
               ) -> tuple[RowKeys, dict[int, str]] | None:
    """:func:`row_keys` of a row that reads them alike whatever its (non-empty) label and the rows
    above it, with the values it carries down; else None. Such a row ignores its label
    (:func:`ignores_label`) and takes nothing carried down: every key column whose blank cell would
    take the value above (a section's, a period's) is written."""
    for key in keys:
        value = row[key.index] if key.index < len(row) else None
        text = _as_text(value) if value is not None else ""
        if key.role == AREA and not (text and _code_text(text)):
            return None
        if key.role == PERIOD and (not text or _date_key(value)[1]):
            return None
        if key.role == SECTION and key.tidy_rank is None and not text:
            return None
    carries: dict[int, str] = {}
    found = row_keys(row, keys, label, context, carries)
    return (found, carries) if found.label is None else None


def describe_keys(layout, seen: dict[int, list[Any]], report) -> None:
    """Put a table's key and context columns (and a period column as the reason for its periods)
    in its report. ``seen`` holds the sheet rows read so far, header and first data rows."""
    def heading(c: int) -> str:
        return " ".join(_as_text(seen[h - 1][c]) for h in layout.header_rows
                        if c < len(seen.get(h - 1, [])) and seen[h - 1][c] is not None and _as_text(seen[h - 1][c]))

    report.key_columns = [{"column": letter, "header": heading(column_index(letter)), "role": role}
                          for letter, role in zip(layout.key_columns, layout.key_roles)]
    first = next((row for r, row in sorted(seen.items()) if r >= layout.data_start and row), [])
    for letter in layout.context_columns:
        c = column_index(letter)
        value = _as_text(first[c]) if c < len(first) and first[c] is not None else ""
        report.context[heading(c) or f"column {letter}"] = value
        if value and _PERIOD_HEADER.search(heading(c)) and parse_period(value) is None:
            report.doubt(f"column {letter} ({heading(c)}) gives the period as {value!r}, not one period I can "
                         "read: the figures are kept with no period of their own", PERIOD_DOUBT)
    periods = [k for k in report.key_columns if k["role"] == PERIOD]
    if periods:
        report.period_reason = f"column {periods[0]['column']} ({periods[0]['header'] or 'periods'}), row by row"
