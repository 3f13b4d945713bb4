"""Header rows: how many there are, which rows only number the columns, and which row is data.

As unpivotr's ``behead`` peels one layer of headers at a time, the rows under a table's first
header row are taken one by one while they still look like headers: words (a group header over
leaf names), periods (``2019 | 2020 | 2021`` under ``Expenditure``), up to :data:`MAX_HEADER_ROWS`.
A row of column numbers (``1 2 3``) or letter codes (``C1 C2 C3 = C1 - C2``) is kept as the
columns' codes, neither data nor part of their names. A row that looks like the rows under it
(mostly figures, in the same columns) is never a header.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from memberpack.model.periods import parse_period
from memberpack.model.values import TEXT

MAX_HEADER_ROWS = 4
_WORKING_NUMBERS = 8   # column numbers after a word in a row's first cell, at least, for it to be their row
_FIRST_COLUMN_NUMBERS = 20   # ... the first of them no more than this: a row of figures may count up by one too
_LETTER_CODE = re.compile(r"[(\[]?(?:[A-Z]{1,2}\d{1,3}|[a-z]|[A-Z]|col(?:umn)?\s*\d{1,3})[)\]]?"
                          r"(?:\s*=\s*[A-Z0-9 +\-*/().\[\]]+)?", re.IGNORECASE)
_FORMULA_CODE = re.compile(r"=?\s*[A-Z]{1,2}\d{1,3}\s*(?:[-+*/]\s*[A-Z]{1,2}\d{1,3}\s*)+", re.IGNORECASE)
# A column's sum written under its letter code: "= [A] + [B] + [C] + [D]", "=(a)-(b)"
_CODE_SUM = re.compile(r"=\s*[(\[]?[A-Z]{1,2}\d{0,3}[)\]]?(?:\s*[-+*/]\s*[(\[]?[A-Z]{1,2}\d{0,3}[)\]]?)+", re.IGNORECASE)
# A footnote marker at the end of a name or header: "Somerset5", "enrolments3,4,5", "Total (3)", "[note 2]", "¹".
_MARKER = re.compile(r"(?:(?<=[a-z)])(?P<digits>\d{1,2}(?:,\d{1,2})*)|(?<=[A-Z]{6})(?P<caps>\d{1,2})|\s*\((?P<paren>\d{1,2})\)|\s*\[(?:[Nn]ote\s*)?(?P<note>\d{1,3})\]"
                     r"|\s*(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]+))$")
_CAPITALS = re.compile(r"[A-Z][A-Z &,'-]*")   # a name written in capitals, before a footnote number
_SUPERSCRIPTS = str.maketrans("¹²³⁴⁵⁶⁷⁸⁹⁰", "1234567890")


def _filled(row: Sequence[Any], cols: range) -> list[tuple[int, Any]]:
    return [(c, row[c]) for c in cols if c < len(row) and not _blank(row[c])]


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def whole_number(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def is_year(value: Any) -> bool:
    number = whole_number(value)
    return number is not None and 1990 <= number <= 2040


def column_codes(row: Sequence[Any], cols: range) -> dict[int, str] | None:
    """The codes a column-number or letter-code row gives its columns, or None when it is not one.

    Column numbers count up by one (``1 2 3 4``), perhaps after a word (a return's working row, ``Hide
    or delete | 1 | 5 | 6 | 7 ...``, many numbers: not ``Age | 0 | 1 | 2``); letter codes are short
    (``C1``, ``(a)``, ``B``), each different, and may spell a formula (``C3 = C1 - C2``); a row of only
    such sums (``= [A] + [B] + [C]`` under a total's ``[E]``) gives them as the codes of the columns it
    is in."""
    filled = _filled(row, cols)
    if filled and all(isinstance(v, str) and _CODE_SUM.fullmatch(v.strip()) for _, v in filled):
        return {c: " ".join(v.split()) for c, v in filled}   # the sums that some columns' codes stand for
    if len(filled) < 3:
        return None
    numbers = [whole_number(v) for _, v in filled]
    if numbers[0] is None and isinstance(filled[0][1], str) and len(numbers) > _WORKING_NUMBERS \
            and None not in numbers[1:] and min(numbers[1:3]) <= _FIRST_COLUMN_NUMBERS:
        filled, numbers = filled[1:], numbers[1:]   # a return's working row: "Hide or delete | 1 | 5 | 6 | 7 ..."
    if all(n is not None for n in numbers):
        counted = numbers[1:] if len(numbers) > 3 else numbers   # the first may number the table (108, then 1 2 3)
        if all(b == a + 1 for a, b in zip(counted, counted[1:])) and not all(map(is_year, numbers)):
            return {c: str(n) for (c, _), n in zip(filled, numbers)}
        return None
    texts = [" ".join(str(v).split()) for _, v in filled]
    if not all(isinstance(v, str) for _, v in filled) or len(set(texts)) != len(texts):
        return None
    if all(parse_period(t) is not None for t in texts):
        return None   # Q1 Q2 Q3 Q4, M6: periods, not codes
    if all(_LETTER_CODE.fullmatch(t) or _FORMULA_CODE.fullmatch(t) for t in texts) and any(
            re.search(r"\d", t) for t in texts) or _consecutive_letters(texts):
        return {c: t for (c, _), t in zip(filled, texts)}
    return None


def _consecutive_letters(texts: list[str]) -> bool:
    letters = [t.strip("()[]") for t in texts]
    return all(len(t) == 1 and t.isalpha() for t in letters) and all(
        ord(b.lower()) == ord(a.lower()) + 1 for a, b in zip(letters, letters[1:]))


def is_token_row(row: Sequence[Any], cols: range) -> bool:
    """A row of reference codes with no words (``RSX-edu-empl``, ``C1R190``, ``Row_no 190 190``):
    every cell one token, and each text token holding a digit, dash or underscore."""
    filled = _filled(row, cols)
    if len(filled) < 2 or column_codes(row, cols) is not None:
        return column_codes(row, cols) is not None
    if sum(is_year(v) for _, v in filled) >= 2:
        return False   # periods over the columns: a header
    if all(isinstance(v, str) and parse_period(v) is not None for _, v in filled):
        return False   # "end-Mar | end-Sep", "Q1 | Q2": periods, not codes
    worded = [v.strip() for _, v in filled if isinstance(v, str) and any(ch.isalpha() for ch in v)]
    if len(set(worded)) < len(worded):
        return False   # "S3-S5 | S3-S6" under each of Female and Male: names under groups (a code names one column)
    for _, value in filled:
        if isinstance(value, str):
            text = value.strip()
            if any(ch.isspace() for ch in text) or not any(ch.isdigit() or ch in "-_" for ch in text):
                return False
        elif whole_number(value) is None:
            return False
    return True


_MARKED_YEAR = re.compile(r"\s*((?:19|20)\d\d)(\d)\s*")


def marked_years(row: Sequence[Any], cols: range) -> dict[int, str]:
    """The years written as text with a footnote digit run onto them (``20106``: 2010, note 6) in a row
    of years (``2009 | 20106 | 2011 | 2012 | 20132``), by column: ``{7: "2010"}``; none where no cell
    of the row is a year as written (a row of account codes ``20101 | 20102`` names no years)."""
    filled = _filled(row, cols)
    marked = {c: m[1] for c, v in filled if isinstance(v, str) and (m := _MARKED_YEAR.fullmatch(v)) and is_year(m[1])}
    return marked if marked and any(is_year(v) for _, v in filled) else {}


def is_period_row(row: Sequence[Any], cols: range, classes) -> bool:
    """A header row of periods under a group header: years as numbers (``2019 2020 2021``), some
    perhaps with a footnote digit (:func:`marked_years`), or words; no other figures."""
    filled = _filled(row, cols)
    marked = marked_years(row, cols)
    years = []
    for c, v in filled:
        if is_year(v) or c in marked:
            years.append(marked.get(c, v))
        elif classes(v) != TEXT:
            return False   # another figure (most rows of data: told at their first, the rest not read)
    numbers = list(map(whole_number, years))
    groups = 1 + sum(b <= a for a, b in zip(numbers, numbers[1:]))   # the same years again under each group
    # or one series in order, a year written twice for two dates in it (end-Mar 2019, end-Sep 2019)
    in_order = len(numbers) >= 3 and numbers == sorted(numbers) and len(set(numbers)) >= len(numbers) - 1
    return len(years) >= 2 and (groups * 2 <= len(years) and len(set(numbers)) * groups == len(years) or in_order)


_SERIES_ID = re.compile(r"[A-Z][A-Z0-9]{3,5}|[A-Za-z]+[\d_-][A-Za-z0-9_-]*")


def is_series_row(values: Sequence[Any], classes) -> bool:
    """Whether the figure cells of a row name their columns' series instead (ONS ``MGSL``, ``LF2P``,
    ``C1R190`` beside a section name such as ``Male``): three or more, all different, each one
    token of capitals or with a digit, dash or underscore, and none a figure or a mark."""
    texts = []
    for v in values:
        if not isinstance(v, str):
            if v is not None:
                return False   # a figure (most rows: the first cell filled tells)
        elif v.strip():
            texts.append(v.strip())
    return (len(texts) >= 3 and len(set(texts)) == len(texts)
            and all(_SERIES_ID.fullmatch(t) and classes(t) == TEXT for t in texts))


# A name after a code number: "100 General Surgery", "110 Trauma & Orthopaedics" (not "1,050 families")
_NUMBERED_NAME = re.compile(r"\s*\d+\s+(?P<name>[A-Za-z].*)")


def numbered_names(row: Sequence[Any], below: Sequence[Sequence[Any]], cols: range) -> set[int]:
    """The columns where ``row`` names its column by a code and a name (NHS specialties ``100 General
    Surgery``, ``101 Urology``): three or more, each name different, over bare figures (not the same
    words again, as ``1,050 families`` over ``980 families``). Such cells are a header's, though each
    reads as a figure with words attached."""
    found = {c: m["name"].strip().lower() for c, v in _filled(row, cols)
             if isinstance(v, str) and (m := _NUMBERED_NAME.fullmatch(v))}
    if len(found) < 3 or len(set(found.values())) < len(found):
        return set()
    under = [r[c] for r in below for c in found if c < len(r) and not _blank(r[c])]
    bare = sum(not isinstance(v, str) or not any(ch.isalpha() for ch in v) for v in under)
    return set(found) if under and bare * 5 >= len(under) * 4 else set()


def looks_like_data(row: Sequence[Any], below: Sequence[Sequence[Any]], cols: range, classes) -> bool:
    """Whether ``row`` is mostly figures in the columns where the rows under it have figures: a
    data row, never a header (``classes`` tells a cell's kind: number, text, special, blank).
    Names after code numbers over bare figures (:func:`numbered_names`) count as words."""
    filled = _filled(row, cols)
    if not filled:
        return False
    kinds = {c: classes(v) for c, v in filled}
    numeric = [c for c, k in kinds.items() if k in ("number", "special")]
    if len(numeric) * 2 >= len(filled) and (named := numbered_names(row, below, cols)):
        kinds.update(dict.fromkeys(named, TEXT))
        numeric = [c for c in numeric if c not in named]
    if len(numeric) * 2 < len(filled) or len(numeric) < 2:
        return False
    if column_codes(row, cols) is not None:
        return False
    if is_period_row(row, cols, classes) and (not below or not all(
            all(is_year(r[c]) for r in below if c < len(r) and not _blank(r[c])) for c in numeric)):
        return False   # years over figures that are not years: a header of periods
    if not below:
        return True
    starts = [min((c for c in cols if c < len(r) and not _blank(r[c])), default=cols.stop) for r in below]
    if filled[0][0] > min(starts):
        return False   # it starts right of where the rows below start (their names): codes over figures
    alike = 0
    for other in below:   # alike: figures where it has figures, words where it has words (blanks aside)
        kinds_below = {c: classes(other[c]) for c in cols if c < len(other) and not _blank(other[c])}
        numeric_below = {c for c, k in kinds_below.items() if k in ("number", "special")}
        # the names may be any words; a mark ("z" for England's region) may stand in any column
        both = [c for c in kinds if c in kinds_below and c != filled[0][0] and kinds[c] != "special"]
        clashes = sum((c in numeric_below) != (kinds[c] in ("number", "special")) for c in both)
        alike += bool(numeric_below) and clashes * 5 <= len(both)
    return alike * 2 >= len(below)


def strip_marker(text: str) -> tuple[str, str | None]:
    """``"Somerset5"`` -> (``"Somerset"``, ``"5"``); ``"Net spend (2)"`` -> (``"Net spend"``, ``"2"``);
    ``"ENGLAND9"`` (a name in capitals, its last word six letters or more) -> (``"ENGLAND"``, ``"9"``)."""
    found = _MARKER.search(text)
    if found is None or found.start() == 0:
        return text, None
    if found["caps"] and not _CAPITALS.fullmatch(text[:found.start()]):
        return text, None   # "ENGLAND9", "NORTH EAST12": a name in capitals; not "CO2E100" or "AB123456"
    marker = next(v for v in found.groupdict().values() if v)
    return text[:found.start()].rstrip(), marker.translate(_SUPERSCRIPTS)


def has_marker(text: str) -> bool:
    return bool(text) and (text[-1].isdigit() or text[-1] in ")]¹²³⁴⁵⁶⁷⁸⁹⁰") and _MARKER.search(text) is not None


_WORD = re.compile(r"[A-Za-z]{4,}")


def letter_markers(texts: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Footnote letters stuck to words (``jobsa`` in the title, ``jobsb`` in a header): two words
    that differ only by a last letter a-h are one word with two markers. ``word -> (word, letter)``."""
    words = {w for text in texts for w in _WORD.findall(text)}
    stems: dict[str, set[str]] = {}
    for w in words:
        if w[-1] in "abcdefgh" and w[-2].islower():
            stems.setdefault(w[:-1], set()).add(w)
    return {w: (w[:-1], w[-1]) for stem, found in stems.items() if len(found) >= 2 and stem not in words for w in found}


def counts_up(row: Sequence[Any], cols: range) -> bool:
    """Whether a row's whole numbers count up by one (``1 2 3``), numbering the columns, or there is
    only one: not names (``10 20 25`` percentiles are names)."""
    numbers = [n for _, v in _filled(row, cols) if (n := whole_number(v)) is not None]
    return len(numbers) < 2 or all(b == a + 1 for a, b in zip(numbers, numbers[1:]))
