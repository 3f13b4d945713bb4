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
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from memberpack.importers.cells import column_index
from memberpack.model.areas import LOCAL_AUTHORITY, NATIONAL, REGIONAL, REGIONS, Area
from memberpack.model.periods import CALENDAR_MONTH, Period, parse_period
from memberpack.model.values import BLANK, TEXT, parse_text

AREA, PERIOD, SECTION = "area", "period", "section"
_OLD_CODE = re.compile(r"\d{3}")
_NEW_CODE = re.compile(r"[EWSN]\d{8}", re.IGNORECASE)
_PERIOD_TEXT = re.compile(r"(?:19|20)\d{2}(?:\s*[-/–]\s*\d{2,4}|\d{2})?|(?:19|20)\d{2}\s*Q[1-4]", re.IGNORECASE)
_DATE_TEXT = re.compile(r"(?:19|20)\d{2}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?)?|\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)?\d{2}|"
                        r"\d{1,2}[- ][A-Za-z]{3,9}[- ](?:19|20)?\d{2}")
_CODE_HEADER = re.compile(r"\b(?:code|la\s*(?:no|number)|la_code|old_la|new_la|ons|lad\d*cd|number)\b|\bla\b|_c\b|_code\b",
                          re.IGNORECASE)
_PERIOD_HEADER = re.compile(r"\b(?:year|period|time_period|date|month|quarter)\b", re.IGNORECASE)
_KEY_HEADER = re.compile(r"\b(?:names?|authority|council|area|region|type|class|category|sector|phase|provider|"
                         r"supplier|payee|group|filter|description|level)\b", re.IGNORECASE)
_LINE_HEADER = re.compile(r"(?:invoice\s+)?(?:line|line\s+no\.?|ref(?:erence)?(?:\s+no\.?)?|no\.?)", re.IGNORECASE)
_NAME_HEADER = re.compile(r"^\s*(?:(?:payee|supplier|recipient|beneficiary|institution|provider)\s+)?name\b|"
                          r"^\s*(?:payee|recipient|beneficiary)\b", re.IGNORECASE)
_ID_HEADER = re.compile(r"\b(?:ukprn|urn|upin|laestab|id|ref|reference)\b", re.IGNORECASE)
_REGION_HEADER = re.compile(r"\bregion", re.IGNORECASE)
_NAMES = {r.lower() for r in REGIONS}


@dataclass(frozen=True, slots=True)
class KeyColumn:
    """One identifying column: 0-based index, its header text and its role (area, period, section)."""

    index: int
    header: str
    role: str

    @property
    def region(self) -> bool:
        return self.role == SECTION and bool(_REGION_HEADER.search(self.header))


def _filled(values: Sequence[Any]) -> list[Any]:
    return [v for v in values if v is not None and not (isinstance(v, str) and not v.strip())]


def _as_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def is_code(value: Any) -> bool:
    """An LA number (933) or an ONS code (E10000027)."""
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
    return isinstance(value, str) and bool(_PERIOD_TEXT.fullmatch(value.strip()) or _DATE_TEXT.fullmatch(value.strip()))


def column_kind(header: str, values: Sequence[Any]) -> str:
    """``area`` (codes), ``period``, ``text`` (names, types), ``number`` (figures) or ``blank``."""
    filled = _filled(values)
    if not filled:
        return BLANK
    share = lambda test: sum(map(test, filled)) / len(filled)  # noqa: E731
    codes = share(is_code)
    if (codes >= 0.5 and _CODE_HEADER.search(header) and share(_code_or_abbreviation) >= 0.9) or (
            codes >= 0.75 and share(lambda v: bool(_NEW_CODE.fullmatch(_as_text(v)))) >= 0.75):
        return AREA
    if share(is_period_value) >= 0.9 and (_PERIOD_HEADER.search(header) or len(set(map(_as_text, filled))) < len(filled)):
        return PERIOD
    texts = sum(1 for v in filled if isinstance(v, str) and parse_text(v).status == TEXT)
    return TEXT if texts * 2 >= len(filled) else "number"


def _codes(values: Sequence[Any]) -> bool:
    filled = _filled(values)
    return bool(filled) and sum(map(is_code, filled)) * 4 >= 3 * len(filled)


def _identifiers(filled: list[Any]) -> bool:
    """Whole numbers of five or more digits, each different: a register's reference numbers."""
    numbers = [_as_text(v) for v in filled]
    return len(numbers) >= 3 and len(set(numbers)) == len(numbers) and all(n.isdigit() and len(n) >= 5 for n in numbers)


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
    kinds = {c: column_kind(header_of.get(c, ""), v) for c, v in columns.items()}
    if kinds.get(label_col) in (AREA, PERIOD):   # codes first: the names are in the next column of words
        for c in columns:
            if c > label_col and kinds[c] == TEXT:
                label_col = c
                break
            if c > label_col and kinds[c] == "number" and not _codes(columns[c]):
                break
    distinct = {c: len(set(map(_as_text, _filled(v)))) for c, v in columns.items()}
    names = _filled(columns.get(label_col, []))
    repeats = len(names) > distinct.get(label_col, 0)
    keys: list[tuple[int, str]] = []
    figures = False   # past the first column of figures: only period columns are keys there
    for c, values in columns.items():
        kind = kinds[c]
        filled = _filled(values)
        header = header_of.get(c, "")
        if kind == "number" and c < label_col and _codes(values):
            kind = AREA   # LA numbers left of the names
        elif kind == "number" and _identifiers(filled) and (c < label_col or _ID_HEADER.search(header)):
            kind = TEXT   # a reference number for each row (a UKPRN): kept with the row
        elif kind == "number" and not figures and _LINE_HEADER.fullmatch(header.strip()):
            kind = TEXT   # an invoice's line number: part of what identifies the row
        if figures:
            if kind == PERIOD and _PERIOD_HEADER.search(header):
                keys.append((c, kind))   # "Period 2019/20" after the figures
            continue
        if kind == "number" and c < label_col:
            continue      # a reference number: left of the label, not a key
        if c > label_col and kind == TEXT and len(filled) * 2 < len(values) and not _KEY_HEADER.search(header):
            continue      # a sparse column of notes: read as it is, not a key
        if kind == "number" or (c > label_col and kind == TEXT and not (
                repeats or _KEY_HEADER.search(header) or 3 <= len(filled) == distinct[c])):
            figures = True
            continue
        if kind != BLANK:
            keys.append((c, kind))
    context = {c: _as_text(_filled(columns[c])[0]) for c, kind in keys
               if kind in (TEXT, AREA) and len(columns[c]) >= 3 and distinct[c] == 1
               and len(_filled(columns[c])) == len(columns[c])}
    words = [c for c, kind in keys if kind == TEXT and c not in context]
    if words:
        label = max(words, key=lambda c: (bool(_NAME_HEADER.search(header_of.get(c, ""))), _name_like(columns[c]),
                                          distinct[c], c == label_col))
    elif label_col in dict(keys) and label_col not in context:
        label = label_col
    else:
        rest = [c for c, _ in keys if c not in context]
        label = rest[-1] if rest else label_col
    found = [KeyColumn(c, header_of.get(c, ""), {AREA: AREA, PERIOD: PERIOD}.get(kind, SECTION))
             for c, kind in keys if c != label and c not in context]
    return label, found, context


def area_key(codes: str, name: str, region: str) -> str:
    """The stored area of a row with LA codes (old, new or both, space-separated): ``la|933||South West``,
    ``national|999|E92000001|``."""
    new = next((c.upper() for c in codes.split() if _NEW_CODE.fullmatch(c)), "")
    old = next((c for c in codes.split() if _OLD_CODE.fullmatch(c)), "")
    if new or old:
        level = NATIONAL if new.startswith("E92") else REGIONAL if new.startswith("E12") else LOCAL_AUTHORITY
        return Area(level, name, old_code=old, new_code=new, region=region).key()
    lowered = name.strip().lower()
    if lowered == "england":
        return Area(NATIONAL, name).key()
    if lowered in _NAMES:
        return Area(REGIONAL, name, region=name).key()
    return Area(LOCAL_AUTHORITY, name, region=region).key() if codes or region else ""


_ISO_DATE = re.compile(r"((?:19|20)\d{2})-(\d{2})-\d{2}.*|\d{1,2}[/.-](\d{1,2})[/.-]((?:19|20)\d{2})")


def _date_period(value: Any) -> Period | None:
    """The month of a date key (``2019-03-20``, 20/03/2019, a date cell): ``Mar 2019``."""
    if isinstance(value, (datetime, date)):
        return Period(CALENDAR_MONTH, value.year, value.month)
    found = _ISO_DATE.fullmatch(value.strip()) if isinstance(value, str) else None
    if found is None:
        return None
    year, month = (found[1], found[2]) if found[1] else (found[4], found[3])
    return Period(CALENDAR_MONTH, int(year), int(month)) if 1 <= int(month) <= 12 else None


@dataclass(slots=True)
class RowKeys:
    """What a data row's key columns say: label (if the name cell is blank), section parts, period, area."""

    label: str | None
    sections: list[str]
    period: Period | None
    area: str | None


def row_keys(row: list[Any], keys: Sequence[KeyColumn], label: str, context: Period | None,
             carried: dict[int, str]) -> RowKeys:
    """Read one row's keys; a word column left blank takes the value above it (``carried``)."""
    sections, period, code, region, name, own = [], None, "", "", label, ""
    for key in keys:
        value = row[key.index] if key.index < len(row) else None
        text = _as_text(value) if value is not None else ""
        if key.role == SECTION:
            own = own or text
            text = text or carried.get(key.index, "")
            carried[key.index] = text
            if text:
                sections.append(text)
                if key.region or text.lower() in _NAMES:
                    region = text
        elif key.role == PERIOD and text:
            dated = _date_period(value)
            if dated is not None and period is not None:
                continue   # a date beside a period column: the period says what the figures are for
            found = dated or parse_period(text)
            period = found.within(context) if found is not None and context is not None and found.year is None else found
        elif key.role == AREA and text:
            if is_code(value):
                code = f"{code} {text}".strip()
            elif not name:
                name = text   # "ENGLAND" in the code column, the name cell blank
    if not name and own and sections:   # "ENGLAND" or a region written across the key columns, the name cell blank
        name = sections.pop()
        region = region if region != name else ""
    area = area_key(code, name, region) if code or any(k.role == AREA for k in keys) else None
    return RowKeys(name if name != label else None, sections, period, area or None)


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
        report.context[heading(c) or f"column {letter}"] = _as_text(first[c]) if c < len(first) else ""
    periods = [k for k in report.key_columns if k["role"] == PERIOD]
    if periods:
        report.period_reason = f"column {periods[0]['column']} ({periods[0]['header'] or 'periods'}), row by row"
