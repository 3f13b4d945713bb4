"""A scorecard's indicator codes: ``KPI 017``, ``PI-12``, ``ASC1a``, ``NI 117``.

Councils number their performance indicators with a short prefix of capitals and a number (national
indicators ``NI 117``, ASCOF's ``ASC1a``, a council's own ``KPI 017`` or ``PI-12``). Beside the
indicator's description such a code identifies the row, but the description is what a councillor
reads: the code is a key of the row, never its label (:func:`~.keys.find_keys`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from memberpack.model.periods import parse_period

# (two capitals at least: one and a number, ``E5037``, ``Y58``, is more often a council's or a region's code)
_CODE = re.compile(r"([A-Z]{2,5})[ -]?\d{1,4}(?:\.\d{1,2})?[A-Za-z]?")


def indicator_codes(filled: Sequence[Any]) -> bool:
    """Whether ``filled`` (a column's filled cells) are three or more indicator codes, their prefixes
    repeated (at most one prefix for every two codes), none of them a period (``FY24``)."""
    if len(filled) < 3 or not all(type(v) is str for v in filled):
        return False
    codes = {v.strip() for v in filled}
    found = [_CODE.fullmatch(code) for code in codes]
    if not all(found) or any(parse_period(code) is not None for code in codes):
        return False
    return len({match[1] for match in found}) * 2 <= len(codes)
