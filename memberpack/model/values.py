"""Reading one cell's text into a value in base units, or a status that is not a number.

Special values (``DNA``, ``tbc``, ``n/a``, ``-``, the GSS symbols ``c x z u k low :``, Excel
errors) are kept as a status with their text; they never become 0. RAG words, A/(F) flags and
arrows are statuses too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from memberpack.model.units import COUNT, GBP, MINUTES, PER_10000, PERCENT, PERCENTAGE, Unit, find_unit

# Status codes stored in the pack. Special values keep their canonical token.
BLANK = "blank"
TEXT = "text"
# A figure beyond this in base units (non-finite, or over £1,000 trillion) is no council's: kept as
# written with this status and reported, never summed, charted or exported as a number.
OUT_OF_RANGE = "out_of_range"
MAX_FIGURE = 1e15
SPECIAL_TOKENS = {
    "dna": "dna", "tbc": "tbc", "tba": "tbc", "n/a": "n/a", "na": "n/a", "n.a.": "n/a",
    "-": "-", "–": "-", "—": "-", "c": "c", "x": "x", "z": "z", "u": "u", "k": "k",
    "low": "low", ":": ":", "..": ":", "...": ":", "*": "c", ".": ".", "~": "~",
    "#": "z",   # the Scottish Government's "not applicable"
}
# A count under a threshold written for a small one suppressed (``<5``, NHS and DfE tables): suppressed
SPECIAL_TOKENS |= {f"<{gap}{n}": "c" for n in (3, 5, 6, 10) for gap in ("", " ")}
# GSS marks in square brackets (``[x]``, ``[c]``, ``[low]``) mean what the bare mark does.
SPECIAL_TOKENS |= {f"[{mark}]": status for mark, status in SPECIAL_TOKENS.items() if mark.isalpha()}
EXCEL_ERRORS = ("#REF!", "#N/A", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!")
RAG_WORDS = {"red": "red", "amber": "amber", "green": "green", "r": "red", "g": "green",
             "not targeted": "not targeted", "completed": "completed", "pending": "pending",
             "incomplete": "incomplete", "on going": "ongoing", "ongoing": "ongoing"}
FLAG_WORDS = {"a": "adverse", "(f)": "favourable", "f": "favourable"}
ARROWS = {"↑": "up", "↓": "down", "→": "level", "⬆": "up", "⬇": "down", "➡": "level", "↔": "level", "⬌": "level",
          "⇔": "level", "↗": "up", "⬈": "up", "▲": "up", "⇧": "up", "↘": "down", "⬊": "down", "▼": "down", "⇩": "down"}

_NUMBER = re.compile(
    r"""^(?P<approx>(?:c\.|circa|approx\.?|approximately|around)\s*)?
        (?P<plus>\+)?(?P<neg>[-−–])?\s*(?P<cur0>£(?=\s*\())?\s*(?P<open>\()?\s*(?P<neg2>[-−])?\s*
        (?P<cur>£)?\s*(?P<neg3>(?<=£)\s*[-−])?\s*
        (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
        \s*(?P<suffix>%|m\b|mn\b|million\b|bn\b|billion\b|k\b)?\s*
        (?P<close>\))?(?P<scale>(?<=\))\s*(?:m|mn|million|bn|billion|k)\b)?(?P<trailing>(?<=\d)-(?!.))?\s*
        (?P<words>[^\d()].*)?$""",
    re.IGNORECASE | re.VERBOSE,
)
_DURATION = re.compile(r"(?P<h>\d{1,3}):(?P<m>[0-5]\d)(?::(?P<s>[0-5]\d(?:\.\d+)?))?")
_UNIT_ONLY = re.compile(r"£\s*'?000'?s?", re.IGNORECASE)
_SHARE = re.compile(r"\(\s*\d+(?:\.\d+)?\s*%\s*\)")   # a count's share beside it
_YEAR = re.compile(r"(?:19|20)\d\d")
# The statistical service's shorthand after a figure or a mark: revised, provisional, estimated, a note,
# a footnote's stars ("1,234 [r]", "567 (p)", "x [note 1]", "12.5*")
_SHORTHAND = re.compile(r"(?:\s*(?:\[(?:r|p|e|note\s*\d+[a-z]?)\]|\((?:r|p|e|note\s*\d+[a-z]?)\)|\*{1,3}))+$", re.IGNORECASE)
# revised, provisional or estimated written as a capital stuck to the figure ("82.44R", "73.73P"), as the
# Northern Ireland Housing Executive writes it: the figure's mark, not what it counts ("50p" stays pence)
_STUCK_MARK = re.compile(r"\d[RPE]")
# a ledger's credit and debit (``1,234.50 CR``): the sign of the figure, not what it counts
_LEDGER_SIGNS = {"cr": -1.0, "cr.": -1.0, "dr": 1.0, "dr.": 1.0}
_PENCE = {"p", "pence"}   # "50p": fifty pence, £0.50
_SCALE = {"m": 1e6, "mn": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9, "k": 1e3}


@dataclass(frozen=True, slots=True)
class CellValue:
    """One figure as stored: value in base units (None when not a number), unit, display, status."""

    value: float | None
    unit: str | None
    display: str
    status: str | None = None


def clean_number(number: float) -> float:
    """Drop floating noise from scaling (12.4 * 1e6) and the sign of a negative zero: ``round(number, 6)``.

    Most scaled figures are whole (``123.4`` £k is 123,400.00000000001), and rounding to a whole
    number is about twice as fast as ``round(number, 6)``; within 5e-7 of a whole number both give
    that number (``number - whole`` is exact there). The bounds keep infinities, NaN and figures
    too large to have decimals off the whole-number path.
    """
    if -1e15 < number < 1e15:
        whole = round(number)
        if -5e-7 < number - whole < 5e-7:
            return float(whole)   # int 0 has no sign, so -0.0 becomes 0.0 here
    return round(number, 6) or 0.0


_QUERIED = re.compile(r"\d\s*\?$")   # "395?": a figure the source itself queries (kept as text)


def as_written(value: float | None, display: str, status: str | None) -> bool:
    """Whether a figure is to be quoted as the source wrote it, never as a plain figure: an
    approximation (``c. 580``), the statistical service's provisional, estimated or revised marks
    and footnote stars (``943 (p)``, ``5,400 [e]``, ``12.5*``), or a figure the source queries
    (``395?``), so a reader sees the doubt wherever the figure is quoted or drawn."""
    if value is None:
        return bool(_QUERIED.search(display))
    return status == "approx" or (display[-1:] in ("]", ")", "*") and bool(_SHORTHAND.search(display)))


def status_of(text: str) -> str | None:
    """The status code of a non-numeric cell text, or None when it is a number or free text."""
    key = " ".join(text.strip().lower().split())
    if not key:
        return BLANK
    if key in SPECIAL_TOKENS:
        return SPECIAL_TOKENS[key]
    if text.strip().upper() in EXCEL_ERRORS:
        return "error:" + text.strip().upper()
    if key in RAG_WORDS:
        return RAG_WORDS[key]
    if key in FLAG_WORDS:
        return FLAG_WORDS[key]
    if key in ARROWS:
        return ARROWS[key]
    return None


# The texts (in lower case, single spaced) that status_of gives a status by their words; an Excel
# error is told by its text in upper case (EXCEL_ERRORS)
STATUS_WORDS = frozenset(SPECIAL_TOKENS) | frozenset(RAG_WORDS) | frozenset(FLAG_WORDS) | frozenset(ARROWS)
# A text that starts as no figure does (a digit, a sign, a bracket, £, ".", the words _NUMBER takes
# for "about") and has more characters that are no space than any status's words or Excel error
_WORDS = re.compile(r"\s*(?=\S)(?![-−–+(£.]|\d|c\.|circa|approx|around)(?:\s*\S){%d}"
                    % (max(map(len, STATUS_WORDS | set(EXCEL_ERRORS))) + 1), re.IGNORECASE)


def not_plainly_words(texts: Iterable[str]) -> list[str]:
    """The texts but those :func:`parse_text` reads as words (no value, status ``text``, shown as
    written) plainly, by how they start and their length alone: a comment, a note, a long name.
    (Many a text left is words too: ask :func:`parse_text`.)"""
    match = _WORDS.match
    return [text for text in texts if match(text) is None]


def parse_text(raw: str | None, unit: Unit | None = None) -> CellValue:
    """Read a cell written as text, such as ``(479)``, ``1,050 families`` or ``53.7 per 10,000``.

    ``unit`` is the unit the column or table states; units written in the cell win over it.
    Never raises: text that is not a figure comes back with status ``text``. A return repeats its
    texts (a mark in every other cell, RAG words, a provider's name): each is read once while it is
    among the last :data:`_TEXTS_KEPT` read.
    """
    try:
        return _parsed(raw, unit)
    except TypeError:   # (no text: not a key)
        return _parse_text(raw, unit)


def _parse_text(raw: str | None, unit: Unit | None = None) -> CellValue:
    display = "" if raw is None else str(raw)
    text = display.strip()
    status = status_of(text)
    if status is not None:
        return CellValue(None, None, display, status)
    if _UNIT_ONLY.fullmatch(text):  # "£000s" names a unit (a header), it is not £0
        return CellValue(None, None, display, TEXT)
    if text[-1:] in ("]", ")", "*") and (shorthand := _SHORTHAND.search(text)) and shorthand.start() and not (
            _YEAR.fullmatch(text[:shorthand.start()]) and "note" in shorthand[0].lower()):   # ("2023 [note 1]": a header)
        inner = _parse_text(text[:shorthand.start()], unit)   # "1,234 [r]": the figure, revised
        if inner.status != TEXT:
            return CellValue(inner.value, inner.unit, display, inner.status)
    if duration := _DURATION.fullmatch(text):
        return CellValue(duration_minutes(int(duration["h"]), int(duration["m"]), float(duration["s"] or 0)),
                         MINUTES, display)
    match = _NUMBER.match(text.replace("\u00a0", " "))
    if (not match or (match["open"] is None) != (match["close"] is None)
            or match["cur0"] and match["cur"] or match["scale"] and match["suffix"]):
        return CellValue(None, None, display, TEXT)   # "£(1.2)m" is -£1.2m; "££1", "£(1)m)" are no figures
    words = (match["words"] or "").strip()
    shared = bool(words) and _SHARE.fullmatch(words) is not None and not (match["suffix"] or match["cur"])
    if shared:   # "45 (12%)": 45 counted, 12% their share (not 45%)
        words = ""
    if len(words) == 1 and _STUCK_MARK.fullmatch(text[-2:]):
        words = ""
    sign = _LEDGER_SIGNS.get(words.lower(), 0.0) if words else 0.0
    if sign:
        words = ""
    currency = match["cur"] or match["cur0"]
    pence = words.lower() in _PENCE
    if pence:
        words = ""
    signs = [match[k] for k in ("open", "neg", "neg2", "neg3", "trailing") if match[k]]
    signed = bool(signs)   # (1,234), -1,234, £-1,234 (Excel's £ format, as a CSV writes it) or 1,234-
    suffix = (match["suffix"] or match["scale"] or "").strip().lower()
    if (words and not _is_unit_words(words) or match["plus"] and signed
            or sign and signed or (match["neg3"] or match["cur0"]) and len(signs) > 1
            or pence and (currency or suffix)):   # (50) CR, -£-50, -£(50), £5p: which is meant is not for us to guess
        return CellValue(None, None, display, TEXT)
    number = float(match["num"].replace(",", ""))
    if signed:   # (1,234), -1,234 or 1,234- as SAP writes it
        number = -number
    number *= sign or 1.0
    cell_unit = (PERCENTAGE if _POINTS.fullmatch(words) else find_unit(words)) if words else None
    if pence:
        value, unit_name = number / 100, GBP
    elif suffix in _SCALE and not currency and (words or unit is not None and unit.base != GBP):
        # "12.5k visitors", "2.3 million people", or "1.2m" in a column of counts: so many, not £
        value, unit_name = number * _SCALE[suffix], (cell_unit.base if cell_unit else None) or (
            unit.base if unit is not None and unit.base != GBP else COUNT)
    elif currency or suffix in _SCALE and unit is not None:   # "£1.2m", or "1.2m" in a column of £
        value, unit_name = number * _SCALE.get(suffix, 1.0), GBP
    elif suffix in _SCALE:   # "1.2m" with no unit stated: 1,200,000 of what, unsaid (not assumed £)
        value, unit_name = number * _SCALE[suffix], None
    elif suffix == "%":
        value, unit_name = number, PERCENT
    elif cell_unit is not None:
        value, unit_name = cell_unit.to_base(number), cell_unit.base
    elif words or shared:
        value, unit_name = number, COUNT
    elif unit is not None:
        value, unit_name = unit.to_base(number), unit.base
    else:
        value, unit_name = number, None
    if not in_range(value):
        return CellValue(None, None, display, OUT_OF_RANGE)
    return CellValue(clean_number(value), unit_name, display, "approx" if match["approx"] else None)


# Percentage points written after a change in a percentage ("3.2pp", "-1.5 ppts"): a percentage, as
# "percentage points" written out is (a header's "pp" may be per person or per pupil: only a cell's)
_POINTS = re.compile(r"p\.?p(?:ts?\.?|\.)?", re.IGNORECASE)
_TEXTS_KEPT = 4096
_parsed = lru_cache(maxsize=_TEXTS_KEPT)(_parse_text)


def duration_minutes(hours: int, minutes: int, seconds: float = 0.0) -> float:
    """A duration written ``hh:mm`` or ``hh:mm:ss`` (a response time, a wait) in minutes."""
    return clean_number(hours * 60 + minutes + seconds / 60)


def in_range(value: float) -> bool:
    """Whether a figure in base units is one the pack can show and sum (false for NaN too)."""
    return -MAX_FIGURE <= value <= MAX_FIGURE


_UNIT_WORDS_MAX = 6   # "per 10,000 children aged 0 to 17" at most: more words are a sentence


def _is_unit_words(words: str) -> bool:
    """Words after a number that name what is counted (``families``, ``per 10,000``), not a sentence
    (``8. Number of dwellings entitled to a 25% discount on 2 October``: a numbered line, not 8%)."""
    if len(words.split()) > _UNIT_WORDS_MAX:
        return False
    unit = find_unit(words)
    if unit is not None and (unit.base in (PER_10000, PERCENT) or unit.symbol.startswith("per ")):
        return True
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z .'-]{0,30}", words)) and len(words.split()) <= 3


def from_number(number: float, unit: Unit | None = None, *, percent_format: bool = False,
                display: str | None = None) -> CellValue:
    """A numeric cell: ``percent_format`` means a fraction shown as a percentage (0.3429 -> 34.29)."""
    value = number * 100 if percent_format else number if unit is None else unit.to_base(number)
    if not in_range(value):   # shown short: 1.7e+308 would be written out in 309 digits
        return CellValue(None, None, display if display and len(display) <= 24 else f"{number:g}", OUT_OF_RANGE)
    if percent_format:
        return CellValue(clean_number(value), PERCENT, display or f"{number * 100:g}%")
    if unit is None:
        return CellValue(clean_number(value), None, display if display is not None else f"{number:g}")
    return CellValue(clean_number(value), unit.base, display if display is not None else f"{number:g}")
