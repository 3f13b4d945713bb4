"""How a figure is printed, on screen and on paper alike: as the source showed it.

A money figure the source held as a bare number (no number format) is shown as councils print
it: brackets for negatives and the column's decimals (one for £m), so ``-0.2`` in a £m column
reads ``(0.2)``. Special values (``DNA``, ``tbc``, ``c``…) and text show exactly as written.
"""

from __future__ import annotations

import re

from memberpack.model.bidi import closed_bidi
from memberpack.model.observation import Observation
from memberpack.model.units import GBP, PERCENT, find_unit

_PLAIN_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_KEPT_DECIMALS = 6   # a figure's decimals as a pack keeps it (model.values.clean_number)
_DATED = re.compile(r"\b(year|update|updated|published|release|date)\b", re.IGNORECASE)


def figure_text(obs: Observation) -> str:
    """The printed text of one figure."""
    shown = obs.display.strip()
    if obs.value is None or not _PLAIN_NUMBER.match(shown):
        return obs.display
    if (percent := fraction_text(obs.value, obs.unit, shown)) is not None:
        return percent
    if _YEAR.match(shown) and _DATED.search(f"{obs.label} {obs.measure}"):
        return shown   # 'Next update | 2025' is a year, not 2,025 of something
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    unit = find_unit(obs.measure)
    if unit is not None:
        decimals = max(decimals, unit.decimals)
    if obs.unit == GBP:
        text = f"{abs(float(shown)):,.{decimals}f}"
        return f"({text})" if float(shown) < 0 else text
    text = f"{float(shown):,.{decimals}f}"
    return f"{text}%" if obs.unit == PERCENT and unit is not None and unit.base == PERCENT else text


def fraction_text(value: float | None, unit: str | None, display: str) -> str | None:
    """A percentage the source wrote as its fraction with no % (``0.345`` read as 34.5%, as the officer
    said or its shares told), printed as the percentage with the decimals the fraction gives it
    (``34.5%``, ``50%`` for ``0.5``; ``76.801918%`` for ``0.768019183``, the six a figure is kept to):
    as written with a % after it, it read ``0.345%``. None for any other figure."""
    shown = display.strip()
    if unit != PERCENT or value is None or not value or not _PLAIN_NUMBER.match(shown):
        return None
    written = float(shown)
    if written == value or abs(100 * written - value) > 1e-6 * max(1.0, abs(value)):
        return None
    decimals = len(shown.split(".")[1]) - 2 if "." in shown else 0
    return f"{value:,.{min(max(decimals, 0), _KEPT_DECIMALS)}f}%"


LONGEST_PRINTED = 600  # characters of one label or comment printed in a table cell or a note heading


def printable(text: str, limit: int = LONGEST_PRINTED) -> str:
    """``text`` cut at ``limit`` characters, saying so, so one long cell (Excel holds up to 32,767
    characters) cannot outgrow a page; the HTML briefing and the pack keep it whole. Any bidi control
    it opens is closed (:func:`closed_bidi`): the PDF's text, copied or read aloud, is reordered no further."""
    if len(text) <= limit:
        return closed_bidi(text)
    return f"{closed_bidi(text[:limit].rstrip())} … [cut: {len(text):,} characters in all]"


def counted(n: int, word: str, words: str | None = None) -> str:
    """``n`` things in words: "1 row", "1,064 figures", "3 categories" (``words``: an irregular plural)."""
    return f"{n:,} {word if n == 1 else words or word + 's'}"
