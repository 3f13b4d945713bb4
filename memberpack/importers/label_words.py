"""What a row's label may name or state (a unit, a period, a footnote marker, all of them), tested
on a table's labels joined by NUL characters: substring tests first, a pattern only where they pass."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from typing import Any

import numpy as np

from memberpack.importers.label_keys import LabelKeys, label_keys, labels_matching
from memberpack.importers.roles import ALL_OF_THEM
from memberpack.model.periods import MONTH_NAMES, Period, may_name_period, parse_period
from memberpack.model.units import NUMBER, Unit, find_unit


UNIT_HINT = re.compile(r"%|£|per\s+1(?:0,?000|,?000|00,?000)\b|\b(?:days|weeks)\b|^\s*percentage\b|"
                       r"\((?:units?|number|mean|average)\)", re.IGNORECASE)
# A label saying in brackets that its figures are a number ("Alcohol consumption (units)"): not the table's percentage
_OWN_NUMBER = re.compile(r"\((?:units?|number|mean|average)\)", re.IGNORECASE)
A_NUMBER = Unit(NUMBER, 1.0, "")
# the same in labels joined by NUL characters: "Percentage ..." at the start of any of them
_UNIT_HINT_JOINED = re.compile(UNIT_HINT.pattern.replace("^", "(?:^|(?<=\0))"), re.IGNORECASE)
_YEAR_DIGITS = re.compile(r"(?:19|20)\d{2}")
_SPLIT_DIGITS = re.compile(r"\d{2}\s*/\s*\d{2}")
# a month with a two-digit year, as Excel's dd-mmm-yy dates are written: "31-Mar-12", "Mar-12"
_MONTH_YY = re.compile(r"(?i:\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*-\d{2}(?!\d))")
_MONTH_YY_END = re.compile(r"-\d{2}(?!\d)")   # how every such text ends: a quick search rules most labels out
YEARISH = re.compile(f"{_YEAR_DIGITS.pattern}|{_SPLIT_DIGITS.pattern}|{_MONTH_YY.pattern}")
# Year-shaped digits that are the decimals of a number of their own ("Line 3.2013", item 3.2013 of a
# list): no year. A date's year (31.03.2013) follows two such numbers, and stays one.
_DECIMAL_YEAR = re.compile(r"(?<![\w.])\d+\.(?:19|20)\d{2}(?![\w.])")
# A date's year with a footnote digit run onto it ("30 September 20122": 2012, note 2)
_MARKED_YEAR = re.compile(rf"\b((?:{'|'.join(MONTH_NAMES)})\s+(?:19|20)\d\d)\d$", re.IGNORECASE)
# A label ending in a footnote marker ("Somerset5", "Total (3)"): such rows are read cell by cell.
MARKED = re.compile(r"(?:[a-z)]\d{1,2}(?:,\d{1,2})*|[A-Z]{6}\d{1,2}|\(\d{1,2}\)|\]|[¹²³⁴⁵⁶⁷⁸⁹⁰])(?=\0|$)")
# MARKED read backwards from each NUL (labels joined by NUL, reversed, a NUL before the first): a
# search tried only where a label ends, not at every character of every label.
_MARKED_REVERSED = re.compile(r"\0(?:(?:\d{1,2},)*\d{1,2}[a-z)]|\d{1,2}[A-Z]{6}|\)\d{1,2}\(|\]|[¹²³⁴⁵⁶⁷⁸⁹⁰])")


def may_state_unit_or_period(text: str, lowered: str) -> Iterator[int]:
    """Where ``text`` (labels joined) has words that may name a unit or a period; a plain row's
    label may, when they do not parse as one. Substring tests first: they rule most texts out."""
    yield from _may_state_unit_or_span(text, lowered)
    if "19" in text or "20" in text:   # YEARISH in parts: one alternative alone is ten times quicker
        yield from _year_digits(text)


def _may_state_unit_or_span(text: str, lowered: str) -> Iterator[int]:
    """:func:`may_state_unit_or_period` but for a year's digits."""
    if unit_words(lowered):
        yield from (m.start() for m in _UNIT_HINT_JOINED.finditer(text))
    if "/" in text:
        yield from (m.start() for m in _SPLIT_DIGITS.finditer(text))
    if "-" in text and _MONTH_YY_END.search(text):
        yield from (m.start() for m in _MONTH_YY.finditer(text))


@dataclass(slots=True)
class ChunkLabels:
    """A chunk's labels (a CSV's, read column-wise: :meth:`~.csv_reader.ColumnChunk.labels`) with what
    Arrow finds in all of them at once: each label's key (:func:`label_keys`) and the positions of those
    with a year's digits."""

    texts: list[str]
    keys: LabelKeys
    years: np.ndarray

    @classmethod
    def of(cls, column: Any) -> ChunkLabels:
        """The labels of ``column`` (a pyarrow string array of ASCII texts)."""
        return cls(column.to_pylist(), label_keys(column), labels_matching(column, _YEAR_DIGITS.pattern))


def dated_labels(labels: ChunkLabels, joined: str, lowered: str) -> list[int]:
    """The positions of a chunk's labels that may state a unit or name a period, as
    :func:`may_state_unit_or_period` finds them: their keys (``joined``, ``lowered``) have the words
    a unit or a span is stated by where the labels have; a year's digits, found by Arrow, are asked
    of the labels' keys."""
    found = set(label_indexes(text := "\0".join(labels.texts), _may_state_unit_or_span(text, text.lower()))) \
        if unit_words(lowered) or "/" in joined or "-" in joined else set()
    found.update(_year_labels(labels.years, labels.keys))
    return sorted(found)


def _year_labels(at: np.ndarray, keys: LabelKeys) -> list[int]:
    """The positions of the labels (``at``: those with a year's digits) that :func:`_year_digits` finds."""
    if not len(at):
        return []
    codes = keys.codes[at]
    asked = {code: may_name_or_state(keys.keys[code]) for code in set(codes.tolist())}
    return at[list(map(asked.__getitem__, codes.tolist()))].tolist()


def _year_digits(text: str) -> Iterator[int]:
    """Where ``text`` (labels joined) has a year's digits in a label that may name a period as
    :func:`parse_period` reads one, or a unit: the digits of ``Line 12019`` or ``Care 2019a`` name
    neither, and such labels (a ledger's numbered lines) are not each parsed."""
    end = -1
    for m in _YEAR_DIGITS.finditer(text):
        start = m.start()
        if start > end:   # the first in its label
            end = text.find("\0", start)
            end = len(text) if end < 0 else end
            if may_name_or_state(text[text.rfind("\0", 0, start) + 1:end]):
                yield start


_DIGITS = "0123456789"


def words_before_number(label: str) -> str | None:
    """The words of a label before the number it ends in after a space, when that number has three
    digits or more than four (``Placement 201934``: ``Placement ``), else None. Such a number is no
    year, month, quarter or catalogue word (those that are numbers have two digits at most), and it
    ends a span (``2019 - 201934``) by the digit it starts with, which any number has: every label
    of those words is read alike."""
    words = label.rstrip(_DIGITS)
    return words if words.endswith(" ") and len(label) - len(words) not in (0, 1, 2, 4) else None


def _words_before_decimal_year(label: str) -> str | None:
    """The words of a label before the number with year-shaped decimals it ends in after a space
    (``Line 3.2013``: ``Line ``), else None. Such a number names no year (:data:`_DECIMAL_YEAR`) and
    states no unit, unless the words end in ``per``: every label of those words is read alike."""
    head = label.rstrip(_DIGITS)
    if len(label) - len(head) != 4 or head[-1:] != "." or label[-4:-2] not in ("19", "20"):
        return None
    words = head[:-1].rstrip(_DIGITS)
    return words if words.endswith(" ") and len(words) < len(head) - 1 else None


def words_before_numbers(labels: list[str]) -> list[str]:
    """Each label's :func:`words_before_number`, else the label itself (the words found for all at
    once: a function call per label cost more than the test)."""
    words = list(map(str.rstrip, labels, repeat(_DIGITS)))
    return [w if w[-1:] == " " and len(label) - len(w) not in (0, 1, 2, 4) else label for w, label in zip(words, labels)]


def may_name_or_state(label: str) -> bool:
    """Whether a single-spaced label may name a period (:func:`may_name_period`) or state a unit
    (:func:`unit_words`), asked once per words before a long number (:func:`words_before_number`)
    or a number with year-shaped decimals (:func:`_words_before_decimal_year`)."""
    words = words_before_number(label)
    if words is not None:
        return _words_may_name_or_state(words)
    words = _words_before_decimal_year(label)
    if words is not None:
        return _decimal_words_may_name_or_state(words)
    return may_name_period(label) or unit_words(label.lower())


@lru_cache(maxsize=4096)
def _decimal_words_may_name_or_state(words: str) -> bool:
    """:func:`may_name_or_state` of ``words`` followed by a number with year-shaped decimals, which
    :func:`period_in_label` takes out before it looks for a period: the words alone."""
    return may_name_period(" ".join(_DECIMAL_YEAR.sub(" ", words).split())) or unit_words(words.lower())


@lru_cache(maxsize=4096)
def _words_may_name_or_state(words: str) -> bool:
    """:func:`may_name_or_state` of ``words`` followed by any number of three digits or more than
    four (a label's words before its number, once per table's run of such labels)."""
    label = words + "000"
    return may_name_period(label) or unit_words(label.lower())


def unit_words(lowered: str) -> bool:
    """Whether a text (in lower case) holds what a unit may be stated by: ``%``, ``£``, ``per``
    (``percentage`` too), ``day``, ``week`` or a number in brackets (``(units)``); a text that holds none
    states none."""
    return "%" in lowered or "£" in lowered or "per" in lowered or "day" in lowered or "week" in lowered \
        or (")" in lowered and _OWN_NUMBER.search(lowered) is not None)


def label_stated_unit(label: str) -> Unit | None:
    """The unit a row's label states (``... %``, ``rate per 10,000``), or a number for a label saying so in
    brackets (``(units)``, ``(mean)``); None for none."""
    return find_unit(label) or (A_NUMBER if _OWN_NUMBER.search(label) else None)


_OTHER_SPACES = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f"   # what str.split() splits ASCII text on, besides spaces


def single_spaced(joined: str) -> bool:
    """Whether each of the labels joined by NUL characters is already ``" ".join(label.split())``:
    ASCII text with no space at either end of a label, no two together and no other white space."""
    return (joined.isascii() and "  " not in joined and " \0" not in joined and "\0 " not in joined
            and not joined.startswith(" ") and not joined.endswith(" ")
            and not any(space in joined for space in _OTHER_SPACES))


def any_marked(joined: str) -> bool:
    """Whether any of the labels joined by NUL characters ends in a footnote marker (:data:`MARKED`)."""
    return _MARKED_REVERSED.search("\0" + joined[::-1]) is not None


def labels_name_all(labels: list[str]) -> bool:
    """:func:`names_all` of the labels themselves."""
    return "all" in "\0".join(labels).lower() and any(map(ALL_OF_THEM.fullmatch, labels))


def labels_found(find, joined: str, lowered: str, labels: list[str]) -> list[str]:
    """The labels (joined by NUL characters) holding a place ``find`` gives, each once, in order.
    A batch that repeats its labels (a scorecard's ten measures down 300 rows) is searched in its
    distinct labels: what ``find`` finds in a label does not depend on the labels beside it."""
    distinct = list(dict.fromkeys(labels))
    if len(lowered) != len(joined):   # a capital lowered to two characters (İ): a place in one is not in the other
        return [label for label in distinct if next(iter(find(label, label.lower())), None) is not None]
    if len(distinct) < len(labels):
        labels, joined = distinct, "\0".join(distinct)
        lowered = joined.lower()
    return list(dict.fromkeys([labels[i] for i in label_indexes(joined, find(joined, lowered))]))


def places_of(text: str, word: str) -> Iterator[int]:
    """Where ``word`` is in ``text``."""
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def label_indexes(joined: str, places: Iterable[int]) -> list[int]:
    """The positions of the labels (joined by NUL characters) holding these places of ``joined``,
    each once, in order: the NULs before each counted from the place before it, not from the start."""
    found, label, at = [], 0, 0
    for start in sorted(places):
        label += joined.count("\0", at, start)
        at = start
        if not found or found[-1] != label:
            found.append(label)
    return found


def period_in_label(label: str, context: Period | None) -> Period | None:
    """The period a row label names (``2019/20``, ``Q3 2023/24``), placed in ``context``'s year."""
    if not YEARISH.search(label):
        return None
    if "." in label:
        label = _DECIMAL_YEAR.sub(" ", label)
    if label[-1:].isdigit():
        label = _MARKED_YEAR.sub(r"\1", label)
    period = parse_period(label)
    return period.within(context) if period else None
