"""Excel number formats, as far as memberpack shows figures through them: decimals, thousands,
brackets for negatives and percentages (``0.1706`` in a ``0.00%`` cell is shown ``17.06%``).

Excel holds 15 significant digits and rounds halves away from zero: ``2.675`` in a ``0.00`` cell is
``2.68`` (Python's own formatting, on the binary value, gives ``2.67``), and a variance worked out as
``9.8 - 9.1`` (0.7000000000000011) shows ``0.7`` in a General cell."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_SCALED = re.compile(r"[0#?](,+)(?![0#?,])")   # commas after the last digit: each divides by 1,000
_DECIMALS = re.compile(r"\.([0#?]+)")


def is_percent(code: str | None) -> bool:
    return bool(code) and _percent_first(code)


@lru_cache(maxsize=1024)
def _percent_first(code: str) -> bool:
    return "%" in _QUOTED.sub("", code.split(";")[0])


@lru_cache(maxsize=1024)
def writes_percent_sign(code: str | None) -> bool:
    """Whether a format writes a per cent sign as text after the number (``0.00"%"``): the figure is
    a percentage as it stands (5.5 shown ``5.50%``), not a fraction a ``%`` format multiplies."""
    return bool(code) and not is_percent(code) and bool(_SIGN_AFTER.search(code.split(";")[0]))


_SIGN_AFTER = re.compile(r'[0#?]\s*(?:"\s*%\s*"|\\%)')


def divides_by(code: str | None) -> int:
    """The power of 1,000 a format shows its positive figures divided by (``0.0,,"m"``: 1,000,000), or 1."""
    return _shape(code)[0][1] if code and code != "General" and "@" not in code else 1


_SPACING = re.compile(r"[_*].")   # a character's width left blank (``_)``), or repeated to fill the cell (``*-``)


@lru_cache(maxsize=1024)
def shown_otherwise(code: str | None) -> str:
    """How a format shows a figure as it is not ('' for any other): positive figures in brackets, as
    negatives are written (``(#,##0);"text"``), or figures as words or nothing, no figure (``;;;``,
    ``0;"text"``, ``0;;``)."""
    if not code or code == "General" or "@" in code:
        return ""
    written = _sections(code)
    sections = [_SPACING.sub("", _QUOTED.sub("", section)) for section in written]
    if "(" in _SPACING.sub("", _CONDITION.sub("", written[0])) and _PLACES.search(sections[0]):   # ("(" too)
        return "positive figures in brackets, as negative ones are written"
    if not _PLACES.search(sections[0]) and not any(ch.isalpha() for ch in sections[0]):   # (a date's has letters)
        return "positive figures as words or blank, not as figures"
    if len(sections) > 1 and not _PLACES.search(sections[1]):
        return "negative figures as words or blank, not as figures"
    return ""


_PLACES = re.compile(r"[0#?]")
_CONDITION = re.compile(r"\[[^\]]*\]")   # a colour or condition: [Red], [<0], [$£-809]


def _sections(code: str) -> list[str]:
    """The sections of a format code, split at the semicolons outside quotes."""
    out, start, quoted = [], 0, False
    for i, ch in enumerate(code):
        if ch == '"':
            quoted = not quoted
        elif ch == ";" and not quoted:
            out.append(code[start:i])
            start = i + 1
    return [*out, code[start:]]


def render(number: float, code: str | None) -> str:
    """``number`` as the format code shows it: decimals, thousands, brackets for negatives, ``%``."""
    if not code or code == "General" or "@" in code:
        return general(number) if type(number) is float and not number.is_integer() else f"{number:.0f}"
    sections = _shape(code)
    decimals, scale, thousands, percent, brackets = sections[1] if number < 0 and len(sections) > 1 else sections[0]
    value = abs(number) * (100 if percent else 1) / scale
    whole = value.is_integer()   # most figures: no half to round, and shown as nought only when nought
    if not whole:
        value = _excel_half(value, decimals)
    text = f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"
    if percent or writes_percent_sign(code):
        text += "%"
    if number < 0 and (brackets or (value != 0 if whole else float(text.rstrip("%").replace(",", "") or 0) != 0)):
        text = f"({text})" if brackets else f"-{text}"
    return text


@lru_cache(maxsize=1024)
def _shape(code: str) -> tuple[tuple[int, int, bool, bool, bool], ...]:
    """What each section of a format code (``;`` between them, quoted text left out) shows: its
    decimals, the power of 1,000 it divides by (``#,##0,``), thousands separators, ``%``, brackets
    for negatives. A return's cells share a handful of codes: each is read once, not per cell."""
    out = []
    for section in _QUOTED.sub("", code).split(";"):
        decimals = len(m.group(1)) if (m := _DECIMALS.search(section)) else 0
        scale = 1000 ** len(m.group(1)) if (m := _SCALED.search(section)) else 1
        out.append((decimals, scale, "," in section, "%" in section, "(" in section))
    return tuple(out)


def general(number: float) -> str:
    """A fraction in a General cell: its shortest text when Excel would show that (as almost every
    figure is: a quick path for the readers), else as :func:`_general` works it out."""
    text = repr(number)
    return text if len(text) <= 11 and "e" not in text else _general(number)


def _general(number: float) -> str:
    """A fraction as Excel's General format shows it in a column of standard width: at most 11
    characters (``0.7`` for 0.7000000000000011, ``0.00001``), or 6 significant digits with an
    exponent when the number is too large or too small for that (``1.23457E+11``)."""
    whole = len(f"{abs(number):.0f}")
    if abs(number) < 1e-9 or whole > 10:
        return f"{number:.6g}".replace("e", "E")
    places = max(0, 11 - (number < 0) - whole - 1)
    text = f"{_excel_half(abs(number), places):.{places}f}".rstrip("0").rstrip(".")
    return f"-{text}" if number < 0 and text != "0" else text


def _excel_half(value: float, decimals: int) -> float | Decimal:
    """``value`` ready to format with ``decimals`` places as Excel would: where its 15 significant
    digits end in a 5 just past the last place, rounded half away from zero; else as it is."""
    short = f"{value:.15g}"
    point = short.find(".")
    if point < 0 or "e" in short or short[point + 1 + decimals:] != "5":
        return value
    return Decimal(short).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
