"""Money stated above a table that its figures give at another scale than the one read.

A council's report headed ``Disabled Children's Support Packages - £623k Adverse`` over a table whose
header says ``£000s`` but whose figures are in pounds (the Total variance ``623,248``: £623k): read
as the header says, the variance is £623m. When a figure of the table, taken in pounds as written,
is an amount the lines above state (to the precision they state it) and no figure read in the
table's unit is, the unit is in doubt: the table is called unsure and the officer decides. With no
amount stated above, nothing in the table tells £ from £k (whole numbers, a plausible total), and the
header's unit stands.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from memberpack.model.blocks import FigureBlock
from memberpack.model.observation import Observation
from memberpack.model.units import GBP

# "£623k", "£1.2m", "£2.5 million", "£623,248": the amount and its scale
_AMOUNT = re.compile(r"£\s?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?\s?(k|m|bn|thousand|million|billion)?\b", re.IGNORECASE)
_SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def stated_amounts(texts: Sequence[str]) -> list[tuple[float, float, str]]:
    """The amounts of money the texts state: pounds, the step they are rounded to, and as written."""
    found = []
    for text in dict.fromkeys(texts):
        for m in _AMOUNT.finditer(text or ""):
            scale = _SCALES.get((m[3] or "").lower(), 1.0)
            decimals = len(m[2]) - 1 if m[2] else 0
            found.append((float(m[1].replace(",", "") + (m[2] or "")) * scale, scale / 10 ** decimals, m[0]))
    return found


class StatedAmounts:
    """Whether a table's money figures, read in a scaled unit (£k, £m), agree with amounts stated above it."""

    def __init__(self, texts: Sequence[str], columns: Sequence) -> None:
        self._stated = stated_amounts(texts)
        # the money columns read in a scaled unit, by letter: their factor and unit
        self._scaled = {c.letter: (c.factor, c.unit.symbol) for c in columns
                        if c.base == GBP and c.factor != 1.0} if self._stated else {}
        self._agreed = False
        self._in_pounds: tuple[str, float, str, str] | None = None   # the stated amount, the figure, its cell and unit

    def add(self, part: list[Observation] | FigureBlock) -> None:
        if not self._scaled or self._agreed:
            return
        if type(part) is list:
            for obs in part:
                scaled = self._scaled.get(obs.cell.rstrip("0123456789"))
                if scaled is not None and obs.unit == GBP and obs.value is not None:
                    self._note(np.array([obs.value / scaled[0]]), scaled, lambda _: obs.cell)
            return
        for column in part.columns:
            scaled = self._scaled.get(column.letter)
            if scaled is None or column.row_units is not None:
                continue
            written = column.values if column.raw else column.values / scaled[0]
            self._note(written, scaled, lambda i, letter=column.letter: f"{letter}{int(part.lines[i])}")

    def _note(self, written: np.ndarray, scaled: tuple[float, str], cell) -> None:
        factor, symbol = scaled
        for amount, step, text in self._stated:
            near = step / 2 + 1e-6 * amount
            if np.any(np.abs(written * factor - amount) <= near):
                self._agreed = True
                return
            if self._in_pounds is None and len(hits := np.flatnonzero(np.abs(written - amount) <= near)):
                self._in_pounds = text, float(written[hits[0]]), cell(int(hits[0])), symbol

    def doubt(self) -> str | None:
        """What to tell the officer, when a stated amount is a figure in pounds and none in the table's unit."""
        if self._agreed or self._in_pounds is None:
            return None
        text, figure, cell, symbol = self._in_pounds
        return (f"the lines above the table state {text}, which is {cell}'s {figure:,g} in pounds; read in {symbol} as "
                f"its header says, it is £{figure * self._scaled[cell.rstrip('0123456789')][0]:,.0f}: the figures "
                f"may be in £, not {symbol} (give the unit with --unit)")
