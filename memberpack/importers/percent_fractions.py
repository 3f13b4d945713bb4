"""Percentages that may be fractions: a ``%`` column or row whose figures are all between 0 and 1,
half or more on average or none under a quarter, none shown with a ``%`` (``Attendance % | 0.94``; a
recycling rate of 0.34 to 0.62). Read as written they say 0.94%; the officer most likely typed 94% as a
fraction without a percentage format. Which one is meant cannot be told from the figures, so the table
is called unsure and the officer decides. (Small percentages are common and real: DfE's permanent
exclusion rates are 0.1 to 0.7 per cent, some authorities' 0 or 0.05; real ones that never fall under a
quarter of one per cent are rare.)"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from memberpack.model.blocks import FigureBlock
from memberpack.model.observation import Observation
from memberpack.model.units import PERCENT

MOST_NAMED = 3
QUARTER = 0.25   # figures none of them under this, all at most 1: fractions more likely than percentages under 1%


@dataclass(slots=True)
class _Seen:
    count: int = 0
    total: float = 0.0
    largest: float = 0.0        # the largest figure's size
    smallest: float = np.inf    # the smallest figure's size
    shown: bool = False         # some figure shown with a %
    example: float | None = None   # a figure neither 0 nor 1


class PercentFractions:
    """The percentages of one table, by the column or row that names them, as they are read."""

    def __init__(self) -> None:
        self._seen: dict[str, _Seen] = {}

    def add(self, part: list[Observation] | FigureBlock) -> None:
        if type(part) is list:
            for obs in part:
                if obs.unit == PERCENT and obs.value is not None:
                    self._note(_named(obs.label, obs.measure), np.array([obs.value]), "%" in obs.display)
            return
        for column in part.columns:
            units = column.row_units
            if units is None and column.unit != PERCENT or units is not None and PERCENT not in units.values:
                continue
            values = column.values * column.factor if column.raw else column.values
            shown = column.raw and column.code is not None and "%" in column.code or (
                column.displays is not None and b"%" in column.displays.data)
            if units is None:
                self._note(column.measure, values[np.isfinite(values)], shown)
                continue
            percent = (units.codes == units.values.index(PERCENT)) & np.isfinite(values)
            labels = part.labels
            codes = labels.codes[percent]
            if not _names_percent(labels.values) and len(np.unique(codes)) == len(codes):   # (a row a label)
                self._note(column.measure, values[percent][np.argsort(codes)], shown, each=True)
                continue
            for code in np.unique(codes).tolist():   # rows whose label names a percentage
                label = labels.values[code]
                self._note(_named(label, column.measure), values[percent & (labels.codes == code)], shown)

    def _note(self, name: str, values: np.ndarray, shown: bool, *, each: bool = False) -> None:
        """Note figures of one name; ``each``: as noting each in turn (its own label's), added up in that order."""
        if not len(values):
            return
        seen = self._seen.setdefault(name, _Seen())
        seen.count += len(values)
        seen.total = float(np.cumsum(np.concatenate(([seen.total], values)))[-1]) if each else \
            seen.total + float(values.sum())
        seen.largest = max(seen.largest, float(np.abs(values).max()))
        seen.smallest = min(seen.smallest, float(np.abs(values).min()))
        if seen.example is None and len(parts := values[(values != 0) & (values != 1)]):
            seen.example = float(parts[0])
        seen.shown = seen.shown or shown

    def doubt(self) -> str | None:
        """What to tell the officer, when some percentages may be fractions."""
        names = [name for name, seen in self._seen.items()
                 if seen.count >= 2 and seen.largest <= 1 and (seen.total >= seen.count / 2 or seen.smallest >= QUARTER)
                 and seen.example is not None and not seen.shown]
        if not names:
            return None
        listed = ", ".join(repr(n) for n in names[:MOST_NAMED]) + (f" and {len(names) - MOST_NAMED} more"
                                                                   if len(names) > MOST_NAMED else "")
        example = self._seen[names[0]].example
        return (f"the percentages of {listed} are all between 0 and 1, none shown with a %: they are read "
                f"as written ({example:g} as {example:g}%), but may be fractions ({example:g} for {example * 100:g}%): "
                "if they are, format those cells as percentages in the workbook and import it again")


def _names_percent(labels: list[str]) -> bool:
    """Whether some label names a percentage (:func:`_named`)."""
    joined = "\0".join(labels)
    return "%" in joined or "percent" in joined.lower()


def _named(label: str, measure: str) -> str:
    """What a percentage is told by: its row's label where that names a percentage, else its column."""
    return label if "%" in label or "percent" in label.lower() else measure
