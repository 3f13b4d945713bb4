"""Reporting periods as UK councils write them, parsed, ordered and displayed.

Financial years run April to March (``2023/24``; ``FY24`` is the year ending March 2024), academic
years September to August. Budget monitoring ``Month 6`` is the end of September; ``Q1`` is April to
June, ``H1`` April to September; ``Year-End 2019/20`` is the end of March 2020. A period written without its year (``Month 6``, ``Sep``) can be placed in
a year later with :meth:`Period.within`. Public health statistics combine several years into one
figure (``2018/19 - 22/23``, ``2016 - 18``): a span, ordered by the year it ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES = {name.lower(): i + 1 for i, name in enumerate(MONTHS)}
_MONTH_NAMES.update({full.lower(): i + 1 for i, full in enumerate(
    ("January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"))})
_MONTH_NAMES["sept"] = 9
MONTH_NAMES = tuple(_MONTH_NAMES)   # "jan", "january" ... "sept": each month's names, lower case

YEAR = "year"              # financial or academic year
CALENDAR_YEAR = "calendar_year"
QUARTER = "quarter"        # Q1..Q4 of a financial year
HALF = "half_year"         # H1, H2 of a financial or academic year
MONTH = "month"            # budget monitoring Month 1..12 (Month 1 = April)
CALENDAR_MONTH = "calendar_month"
YEAR_END = "year_end"
YEARS = "years"            # financial or academic years combined: 2018/19 to 2022/23 (``index`` is the last year)
CALENDAR_YEARS = "calendar_years"   # calendar years combined: 2016 to 2018
CALENDAR_MONTHS = "calendar_months"   # a span of months: Apr 2020 to Aug 2020 (``index`` the first, ``last`` the last month)

_SPLIT_YEAR = r"(?P<y1>(?:19|20)?\d{2})\s*[/\-–]\s*(?P<y2>(?:19|20)?\d{2})"


@dataclass(frozen=True, slots=True)
class Period:
    """A period; ``year`` is the first calendar year of the financial/academic year (2023 for 2023/24)."""

    kind: str
    year: int | None = None
    index: int | None = None     # quarter 1-4, budget month 1-12 or calendar month 1-12
    academic: bool = False
    last: int | None = None      # a span of months' last month, as ``year * 12 + month - 1``

    # --- ordering -----------------------------------------------------------------
    def span(self) -> tuple[int, int]:
        """First and last month as ``year * 12 + month - 1``; missing years sort first."""
        year = self.year if self.year is not None else 0
        start_month = 9 if self.academic else 4
        if self.kind == YEAR:
            first = year * 12 + start_month - 1
            return first, first + 11
        if self.kind == CALENDAR_YEAR:
            return year * 12, year * 12 + 11
        if self.kind == QUARTER:
            first = year * 12 + 3 + 3 * ((self.index or 1) - 1)
            return first, first + 2
        if self.kind == HALF:
            first = year * 12 + start_month - 1 + 6 * ((self.index or 1) - 1)
            return first, first + 5
        if self.kind == MONTH:
            month = year * 12 + 3 + (self.index or 1) - 1
            return month, month
        if self.kind == CALENDAR_MONTH:
            month = year * 12 + (self.index or 1) - 1
            return month, month
        if self.kind == YEARS:
            first = year * 12 + start_month - 1
            return first, (self.index or year) * 12 + start_month + 10
        if self.kind == CALENDAR_YEARS:
            return year * 12, (self.index or year) * 12 + 11
        if self.kind == CALENDAR_MONTHS:
            first = year * 12 + (self.index or 1) - 1
            return first, self.last if self.last is not None else first
        end = year * 12 + 12 + 2  # YEAR_END: March of the following year
        return end, end

    def sort_key(self) -> tuple[int, int, str]:
        first, last = self.span()
        return last, first, self.kind

    def __lt__(self, other: Period) -> bool:
        return self.sort_key() < other.sort_key()

    # --- display --------------------------------------------------------------------
    def year_label(self) -> str:
        if self.year is None:
            return ""
        return f"{self.year}/{(self.year + 1) % 100:02d}"

    def label(self) -> str:
        fy = self.year_label()
        if self.kind == YEAR:
            return fy
        if self.kind == CALENDAR_YEAR:
            return str(self.year)
        if self.kind == QUARTER:
            return f"Q{self.index} {fy}".strip()
        if self.kind == HALF:
            return f"H{self.index} {fy}".strip()
        if self.kind == MONTH:
            return f"{fy} Month {self.index}".strip()
        if self.kind == CALENDAR_MONTH:
            return f"{MONTHS[(self.index or 1) - 1]} {self.year}" if self.year else MONTHS[(self.index or 1) - 1]
        if self.kind == YEARS:
            return f"{fy} to {replace(self, kind=YEAR, year=self.index).year_label()}"
        if self.kind == CALENDAR_YEARS:
            return f"{self.year} to {self.index}"
        if self.kind == CALENDAR_MONTHS:
            first, last = self.span()
            return f"{MONTHS[first % 12]} {first // 12} to {MONTHS[last % 12]} {last // 12}"
        return f"Year-End {fy}".strip()

    def __str__(self) -> str:
        return self.label()

    def within(self, context: Period | None) -> Period:
        """This period placed in the year of ``context`` when it was written without one."""
        if self.year is not None or context is None or context.year is None:
            return self
        start_month = 9 if context.academic else 4
        if self.kind == CALENDAR_MONTH:
            year = context.year + (1 if (self.index or 1) < start_month else 0)
            return replace(self, year=year)
        if context.kind == CALENDAR_MONTH and self.kind in (QUARTER, HALF, MONTH):
            # "Q4" under "as at 31st March 2016": the financial year that month falls in, 2015/16
            return replace(self, year=context.year - (1 if (context.index or 1) < start_month else 0),
                           academic=context.academic)
        return replace(self, year=context.year, academic=context.academic)


_ACADEMIC = re.compile(r"academic|school year|term", re.IGNORECASE)
_YEAR_END = re.compile(r"year[\s-]*end", re.IGNORECASE)
# A financial year written by its dates: "between 1 April 2009 and 31 March 2010", "(during) year ended
# 31 March" (2012-13 under that title; "31 March 2013" names the year's end, 2012/13)
_APRIL_TO_MARCH = re.compile(r"\b1(?:st)?\s+April\s+((?:19|20)\d{2})\s*(?:and|to|-|–)\s*31(?:st)?\s+March\s+((?:19|20)\d{2})\b",
                             re.IGNORECASE)
_YEAR_ENDED_MARCH = re.compile(r"\byear\s+end(?:ed|ing)\s+(?:on\s+)?31(?:st)?\s+March\b(?:\s+((?:19|20)\d{2})\b)?",
                               re.IGNORECASE)
# "Q1", "Quarter 1", "Qtr 1", "1st Quarter"
_QUARTER = re.compile(r"\b(?:Q|Qtr\.?\s*|Quarter\s*)([1-4])\b|\b([1-4])(?:st|nd|rd|th)\s+(?:Qtr|Quarter)\b", re.IGNORECASE)
_WHOLE_YEAR_QUARTERS = re.compile(r"\bQ1\s*(?:-|–|to)\s*Q4\b", re.IGNORECASE)
# Half years: "H1 2024/25", "Half year 2", "second half"; not "Table H1"
_HALF = re.compile(r"(?<!table )(?<!figure )(?<!chart )(?<!annex )(?<!line )\b(?:H|half[\s-]*year\s*)([12])\b|"
                   r"\b(first|second)\s+half\b(?!\s+terms?\b)", re.IGNORECASE)
# A financial year named by the calendar year it ends in ("FY24", "FY 2024": April 2023 to March 2024)
_FY_END = re.compile(r"\bFY\s*'?((?:19|20)?\d{2})\b(?!\s*[/\-–]\s*\d)", re.IGNORECASE)
# (not a Scottish school's stage: "Reading P7", "Numeracy P1", "Primary P4")
# ("Month 08", "Period: 8" as a ledger's report header writes them)
_MONTH = re.compile(r"\b(?:(?:Month|Period)\s*:?\s*0?|M|(?<!reading )(?<!writing )(?<!talking )(?<!numeracy )(?<!literacy )"
                    r"(?<!primary )(?<!pupils )P)(1[0-2]|[1-9])\b", re.IGNORECASE)
# "M1 - Redundancy Costs": a letter and a number before a dash and a name is an item's code, no month
_ITEM_CODE = re.compile(r"\b[MP]\d{1,2}\s*[-–]\s*[A-Za-z]")
_MONTH_WORDS = "|".join(sorted(_MONTH_NAMES, key=len, reverse=True))
# "Mar 2012", "Mar '12" and the dd-mmm-yy date "31-Mar-12"
_CALENDAR_MONTH = re.compile(rf"\b({_MONTH_WORDS})\b\.?(?:(?:\s*|-)'?((?:19|20)?\d{{2}})(?!\d))?", re.IGNORECASE)
_CALENDAR_YEAR = re.compile(r"\b((?:19|20)\d{2})\b")
# Three months named by their first and last (``Jan-Mar 1971``, ``Nov-Jan 1984``): dated by the last.
_MONTH_RANGE = re.compile(rf"\b(?:{_MONTH_WORDS})\s*[-–]\s*({_MONTH_WORDS})\b\.?(?:\s*'?((?:19|20)?\d{{2}}))?",
                          re.IGNORECASE)
# Months named in words, the first and the last with the year after them (``April to June 2024``, as GOV.UK
# titles a quarter's release)
_MONTHS_TO = re.compile(rf"\b({_MONTH_WORDS})\s+to\s+({_MONTH_WORDS})\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
# A year written as its first and last months (``Apr 23 - Mar 24``, ``September 2023 to August 2024``)
_MONTHS_SPAN = re.compile(rf"\b({_MONTH_WORDS})\b\.?\s*'?((?:19|20)?\d{{2}})\s*(?:-|–|to)\s*({_MONTH_WORDS})\b\.?\s*'?"
                          rf"((?:19|20)?\d{{2}})(?!\d)", re.IGNORECASE)
# Any span of months, their years written as Excel's mmm-yy too (``Sep-18 to Sep-19``)
_ANY_MONTHS_SPAN = re.compile(_MONTHS_SPAN.pattern.replace(r"\.?\s*'?", r"\.?[\s-]*'?"), re.IGNORECASE)
_SPLIT_YEAR_RE = re.compile(_SPLIT_YEAR)
# Two dates joined by "between ... and" (``between March 2015 and March 2018``, ``Between 1 September 2019 and
# 31 August 2020``, ``between April and June 2024``): the span they bound, read as "... to ..." (their days left out)
_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
_BETWEEN = re.compile(rf"\bbetween\s+{_DAY}((?:{_MONTH_WORDS})\b\.?(?:\s+(?:19|20)\d{{2}})?|(?:19|20)\d{{2}})\s+and\s+"
                      rf"{_DAY}((?:(?:{_MONTH_WORDS})\b\.?\s+)?(?:19|20)\d{{2}})\b", re.IGNORECASE)
# GOV.UK writes a financial or academic year as "2023 to 2024" (its style guide's form for 2023/24)
_YEAR_TO_NEXT = re.compile(r"\b((?:19|20)\d{2}) to ((?:19|20)\d{2})\b", re.IGNORECASE)
_SIX_DIGIT_YEAR = re.compile(r"((?:19|20)\d{2})(\d{2})")
# A split year whose dash became two dots ("2005..06", a find-and-replace of "-" with "..")
_DOTTED_YEAR = re.compile(r"\b((?:19|20)\d{2})\.\.(\d{2})\b")
_TO = r"\s*(?:-|–|to)\s*"
# Years combined: "2018/19 - 22/23", "2018-19 to 2022-23"; "2016 - 18", "2016 to 2018"
YEARS_SPAN = re.compile(rf"{_SPLIT_YEAR}{_TO}{_SPLIT_YEAR.replace('y1', 'z1').replace('y2', 'z2')}|"
                        rf"(?P<c1>(?:19|20)\d{{2}}){_TO}(?P<c2>(?:19|20)?\d{{2}})(?![\d/])", re.IGNORECASE)


# What every period parse_period finds is written with, tested in one search to rule most texts out
# quickly (a label with a long number, "Placement 12019"): a split, spanned or six-digit year
# (YEARS_SPAN, _split_year), a quarter, a month or period number, a month's name (also the first
# of _MONTH_RANGE's), or a year standing alone.
_MAY_NAME_PERIOD = re.compile(rf"\d\s*[/\-–]\s*\d|\d\s*to\s*\d|^(?:19|20)\d{{4}}$|{_QUARTER.pattern}|{_MONTH.pattern}|"
                              rf"\b(?:{_MONTH_WORDS})\b|{_CALENDAR_YEAR.pattern}|{_HALF.pattern}|{_FY_END.pattern}", re.IGNORECASE)


# A statistical geography's boundaries named by their year ("Data Zone 2011", "LSOA 2021"): no period
_GEOGRAPHY_YEAR = re.compile(r"\b(?:data\s*zones?|intermediate\s*zones?|(?:super\s+)?output\s+areas?|[LM]SOAs?)"
                             r"\s*\(?(?:19|20)\d{2}\)?(?!\s*[/\-–]\s*\d)|"
                             # "county / unitary (as of April 2021)": the boundaries' date, not the figures'
                             r"\b(?:authorit\w*|count(?:y|ies)|unitar\w*|districts?|wards?|boundar\w*|geograph\w*)"
                             r"\s*\(\s*as\s+(?:of|at)\s+(?:\w+\s+)?(?:19|20)\d{2}\s*\)", re.IGNORECASE)


# A quantity written with its unit of measure ("2000-2499g", "1500 kg", "2000ml"): a band of weights, no year
_QUANTITY = re.compile(r"(?<![\w.])\d[\d,.]*(?:\s*(?:[-–]|to)\s*\d[\d,.]*)?(?:[gl]|\s*(?:[kmµ]g|mcg|grams?|kilograms?|"
                       r"[mc]l|[mck]m|kcal|[kmg]wh|mph|metres?|meters?|litres?|liters?))(?!\w)", re.IGNORECASE)


# An age or a band of ages ("Aged 16/17 years old", "age 18-24", "10 to 17 year olds"): no years of the calendar
_AGE = re.compile(r"\bage[ds]?\s+\d{1,2}(?:\s*(?:[-–/]|to)\s*\d{1,2})?(?!\d)|"
                  r"(?<![\d/])\d{1,2}\s*(?:[-–/]|to)\s*\d{1,2}\s*[-\s]?years?[-\s]?olds?\b", re.IGNORECASE)


# The year in the name of a law ("Housing Act 1996 Pt6 social housing offer"): no date of the figures
_STATUTE = re.compile(r"\b[A-Z][a-z]+\s+(?:Act|Regulations)\s+(?:of\s+)?(?:19|20)\d{2}\b")
# A month's year with a footnote's digit stuck to it ("England, April to June 20181"): the year
_FOOTNOTED_YEAR = re.compile(r"\b((?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d{2})\d\b",
                             re.IGNORECASE)


# A revision note ("2022/23 figures revised in this column - March 2024"): it says
# which figures were corrected and when, not what period a figure is of
_MONTH_YEAR = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:19|20)\d{2}"
_REVISION = re.compile(
    r"(?:\b(?:19|20)\d{2}(?:\s*[-/–]\s*\d{2,4})?\s+)?(?:figures?|data|values?|estimates?)\s+"
    r"(?:(?:have|has)\s+been\s+|were\s+|was\s+)?revised\b(?:\s+in\s+this\s+(?:column|row|table|sheet))?"
    rf"(?:\s*[-–:,(]?\s*(?:in\s+)?{_MONTH_YEAR}\)?)?", re.IGNORECASE)


def is_revision_note(text: str) -> bool:
    """Whether ``text`` is a revision note alone ("2022/23 figures revised in this column - March 2024"):
    a line over a column's header saying its figures were corrected, which names no measure."""
    return _REVISION.fullmatch(" ".join(text.split())) is not None


def may_name_period(text: str) -> bool:
    """Whether :func:`parse_period` may find a period in ``text`` (single spaced): when not, it finds none."""
    return _MAY_NAME_PERIOD.search(text) is not None


def _full_year(text: str) -> int:
    year = int(text)
    return year + 2000 if year < 100 else year


def parse_period(text: str | None, *, academic: bool = False) -> Period | None:
    """The first period written in ``text`` (a header, title or cell), or None.

    ``academic`` says that a split year such as ``2022/23`` is an academic year.
    """
    if not text:
        return None
    return _period_in(" ".join(str(text).split()), academic)


@lru_cache(maxsize=4096)
def _period_in(t: str, academic: bool) -> Period | None:
    """:func:`parse_period` of a single-spaced text, read once per text (the headers and titles of
    stacked tables repeat, and each is asked of by several tests; a period is never changed once made)."""
    return _parsed_period(t, academic) if may_name_period(t) else None


def _parsed_period(t: str, academic: bool) -> Period | None:
    """:func:`parse_period` of a single-spaced text that may name a period."""
    if _GEOGRAPHY_YEAR.search(t):
        t = _GEOGRAPHY_YEAR.sub(" ", t)
    if _STATUTE.search(t):
        t = _STATUTE.sub(" ", t)
    if _REVISION.search(t):
        t = _REVISION.sub(" ", t)
    if _FOOTNOTED_YEAR.search(t):
        t = _FOOTNOTED_YEAR.sub(r"\1", t)
    if _QUANTITY.search(t):
        t = _QUANTITY.sub(" ", t)
    if _AGE.search(t):
        t = _AGE.sub(" ", t)
    if ("etween" in t or "ETWEEN" in t) and _BETWEEN.search(t):
        t = _BETWEEN.sub(r"\1 to \2", t)
    span = _years_span(t)
    if span is not None:
        return replace(span, academic=academic or bool(_ACADEMIC.search(t)))
    year = _split_year(t)
    if year is None and (m := _FY_END.search(t)):
        year = Period(YEAR, _full_year(m.group(1)) - 1)
    if year is None and (m := _APRIL_TO_MARCH.search(t)) and int(m.group(2)) == int(m.group(1)) + 1:
        year = Period(YEAR, int(m.group(1)))
    ended = year is None and _YEAR_ENDED_MARCH.search(t)
    if ended:
        if not ended.group(1):
            return None   # the year the table is of
        year = Period(YEAR, int(ended.group(1)) - 1)
    fy = year.year if year else None
    academic = academic or bool(_ACADEMIC.search(t))

    if _YEAR_END.search(t) and fy is not None and not ended:
        return Period(YEAR_END, fy)
    if _WHOLE_YEAR_QUARTERS.search(t) and year is not None:
        return replace(year, academic=academic)   # "2010 to 2011 (Q1 to Q4)": the year's total
    m = _QUARTER.search(t)
    if m:
        quarter = int(m.group(1) or m.group(2))
        return Period(QUARTER, fy if fy is not None else _quarter_year(t, quarter), quarter)
    m = _MONTH.search(t)
    if m and not _ITEM_CODE.search(t):
        if fy is None and (named := _named_month_year(t)) is not None:   # "Period: 8 (November 2024)"
            fy = named
        return Period(MONTH, fy, int(m.group(1)))
    m = _HALF.search(t)
    if m and (year is not None or not _CALENDAR_YEAR.search(t)):   # (a calendar year's half: which months, unsaid)
        return Period(HALF, fy, int(m.group(1)) if m.group(1) else 1 if m.group(2).lower() == "first" else 2,
                      academic=academic)
    if m:
        return None   # "H1 2024": half a year, not the whole of it
    if year is not None:
        return replace(year, academic=academic)
    if (m := _ANY_MONTHS_SPAN.search(t)) and (spanned := _spanned_year(m) or _months_between(m)) is not None:
        return spanned
    if (m := _MONTHS_TO.search(t)) is not None:
        return _months_to(m)
    m = _MONTH_RANGE.search(t) or next((c for c in _CALENDAR_MONTH.finditer(t) if not _modal_may(c)), None)
    if m:
        month_year = _full_year(m.group(2)) if m.group(2) else None
        return Period(CALENDAR_MONTH, month_year, _MONTH_NAMES[m.group(1).lower()])
    m = _CALENDAR_YEAR.search(t)
    if m:
        return Period(CALENDAR_YEAR, int(m.group(1)))
    return None


# A year's outturn (``Revenue outturn 2019/20``): its figures as they stood at the year end; a forecast or
# projected outturn is one made during the year, at a month of it
_OUTTURN = re.compile(r"\boutturns?\b", re.IGNORECASE)
_FORECAST = re.compile(r"\b(?:forecast\w*|project\w*|anticipated|expected|estimated|predicted|likely)\b", re.IGNORECASE)


def names_year_outturn(text: str) -> bool:
    """Whether ``text`` (a title) names a year's outturn rather than a forecast of it made during the year."""
    return bool(_OUTTURN.search(text)) and not _FORECAST.search(text)


def span_end(text: str) -> Period | None:
    """The last month of a span of months ``text`` names (``Change in 12 months Sep-18 to Sep-19``: Sep 2019), or
    None: a change over the span is dated by its end."""
    m = _ANY_MONTHS_SPAN.search(" ".join(text.split()))
    return Period(CALENDAR_MONTH, _full_year(m.group(4)), _MONTH_NAMES[m.group(3).lower()]) if m else None


def _named_month_year(t: str) -> int | None:
    """The financial year (by its first calendar year) of a month named with its year in ``t``
    (``November 2024``: 2024, ``February 2025``: 2024), or None."""
    m = next((c for c in _CALENDAR_MONTH.finditer(t) if c.group(2) and not _modal_may(c)), None)
    if m is None:
        return None
    year = _full_year(m.group(2))
    return year if _MONTH_NAMES[m.group(1).lower()] >= 4 else year - 1


def _spanned_year(m: re.Match) -> Period | None:
    """The financial year from April to March (``Apr 23 - Mar 24``), or the academic year from
    September to August, that a span of months names; else None."""
    first, last = _MONTH_NAMES[m.group(1).lower()], _MONTH_NAMES[m.group(3).lower()]
    start, end = _full_year(m.group(2)), _full_year(m.group(4))
    if end != start + 1 or (first, last) not in ((4, 3), (9, 8)):
        return None
    return Period(YEAR, start, academic=first == 9)


def _months_between(m: re.Match) -> Period | None:
    """The months from the first to the last of a span written with their years (``April 2020 to August
    2020``) as one period: never its first month alone. None when the last comes first."""
    first = _full_year(m.group(2)) * 12 + _MONTH_NAMES[m.group(1).lower()] - 1
    last = _full_year(m.group(4)) * 12 + _MONTH_NAMES[m.group(3).lower()] - 1
    if last < first:
        return None
    if last == first:
        return Period(CALENDAR_MONTH, first // 12, first % 12 + 1)
    return Period(CALENDAR_MONTHS, first // 12, first % 12 + 1, last=last)


def _months_to(m: re.Match) -> Period:
    """The quarter of a financial year that months named in words are (``April to June 2024``: Q1 2024/25), or
    else the last of them, in the year written (``November to January 2024``: Jan 2024)."""
    first, last, year = _MONTH_NAMES[m.group(1).lower()], _MONTH_NAMES[m.group(2).lower()], int(m.group(3))
    if first in (1, 4, 7, 10) and (last - first) % 12 == 2:
        return Period(QUARTER, year - (1 if first < 4 else 0), (first - 4) % 12 // 3 + 1)
    return Period(CALENDAR_MONTH, year, last)


def _modal_may(m: re.Match) -> bool:
    """Whether a month name found is the verb: ``may`` in lower case with no year ("You may use and re-use
    this data"), not the month."""
    return m.group(1) == "may" and not m.group(2)


def _quarter_year(text: str, quarter: int) -> int | None:
    """The financial year of a quarter written with its months and calendar year ("January to March
    2011 (Q4)": 2010/11), when the months are that quarter's; else None."""
    m = _MONTH_RANGE.search(text) or _CALENDAR_MONTH.search(text)
    year = m and (m.group(2) or next(iter(_CALENDAR_YEAR.findall(text[m.end():])), None))
    if not year:
        return None
    month = _MONTH_NAMES[m.group(1).lower()]
    if (month - 4) % 12 // 3 + 1 != quarter:
        return None
    return _full_year(year) - (1 if month < 4 else 0)


def _years_span(text: str) -> Period | None:
    """Several years combined (``2018/19 - 22/23``, ``2016 - 18``), or None (``2019-20`` is one year)."""
    for m in YEARS_SPAN.finditer(text):
        if m["y1"] is not None:
            first, last = _split_year(f"{m['y1']}/{m['y2']}"), _split_year(f"{m['z1']}/{m['z2']}")
            if first is not None and last is not None and last.year > first.year:
                return Period(YEARS, first.year, last.year)
            continue
        first, last = int(m["c1"]), int(m["c2"]) if len(m["c2"]) == 4 else int(m["c1"][:2] + m["c2"])
        if last > first + 1:
            return Period(CALENDAR_YEARS, first, last)
    return None


def _split_year(text: str) -> Period | None:
    """A split year (``2023/24``, ``23/24``, ``2019-2020``, ``2020 - 2021``, ``202223``, ``2005..06``, and
    GOV.UK's ``2023 to 2024``) or None."""
    for m in _SPLIT_YEAR_RE.finditer(text):
        first, second = _full_year(m.group("y1")), _full_year(m.group("y2"))
        if second == first + 1 or (len(m.group("y1")) == 4 and second % 100 == (first + 1) % 100):
            return Period(YEAR, first)
    for m in _YEAR_TO_NEXT.finditer(text):
        if int(m.group(2)) == int(m.group(1)) + 1:
            return Period(YEAR, int(m.group(1)))
    m = _SIX_DIGIT_YEAR.fullmatch(text.strip()) or _DOTTED_YEAR.search(text)
    if m and (int(m.group(1)) + 1) % 100 == int(m.group(2)):
        return Period(YEAR, int(m.group(1)))
    return None


# A header written relative to the table's year: "... (current year)", "(previous year)" under a title
# naming "2022-23 and 2023-24".
_RELATIVE_YEAR = re.compile(r"(?:^|\()\s*(current|this|previous|prior|last)\s+(?:financial\s+)?year\s*(?:\)|$)",
                            re.IGNORECASE)


def years_named(text: str | None) -> list[Period]:
    """Every financial or academic year written in ``text`` ("2022-23 and 2023-24": both), else its
    calendar years."""
    t = " ".join(str(text or "").split())
    years = [p for p in map(_split_year, (m.group(0) for m in _SPLIT_YEAR_RE.finditer(t))) if p is not None]
    return years or [Period(CALENDAR_YEAR, int(m.group(1))) for m in _CALENDAR_YEAR.finditer(t)]


def relative_year(header: str, named: Sequence[Period]) -> Period | None:
    """The year a header written relative to its table's stands for: the latest of the years its
    title names (``named``) is the current year, the one before it the previous year. None when the
    header says neither or no year is named."""
    m = _RELATIVE_YEAR.search(" ".join(header.split()))
    years = [p for p in named if p.kind in (YEAR, CALENDAR_YEAR) and p.year is not None]
    if m is None or not years:
        return None
    current = max(years)
    return current if m.group(1).lower() in ("current", "this") else replace(current, year=current.year - 1)


def reported_order(periods: Sequence[str | None]) -> list[int]:
    """Positions of a table's versions, given in import order with the period each reports,
    sorted from the earliest period to the latest (the last is the latest version).

    Importing last month's return after this month's adds history: it sorts before. A version whose
    period is not known (or has no year while others have one) counts as reporting the latest
    period imported before it, so without periods the order is the import order. Periods that end
    in the same month (a corrected return, Month 12 and the year's outturn) keep their import order.
    """
    parsed = [parse_period(p) for p in periods]
    dated = any(p is not None and p.year is not None for p in parsed)
    keys: list[int | None] = []
    latest = None
    for p in parsed:
        key = p.span()[1] if p is not None and (p.year is not None or not dated) else latest
        latest = key if latest is None or (key is not None and key > latest) else latest
        keys.append(key)
    return sorted(range(len(periods)), key=lambda i: (keys[i] is not None, keys[i] or 0, i))
