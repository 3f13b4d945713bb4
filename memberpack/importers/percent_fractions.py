"""Percentages that read as no percentage can, so that the table is called unsure and the officer decides:

* fractions: a ``%`` column or row whose figures are all between 0 and 1,
half or more on average or none under a quarter, none shown with a ``%`` (``Attendance % | 0.94``; a
recycling rate of 0.34 to 0.62). Read as written they say 0.94%; the officer most likely typed 94% as a
fraction without a percentage format. Which one is meant cannot be told from the figures. (Small
percentages are common and real: DfE's permanent exclusion rates are 0.1 to 0.7 per cent, some
authorities' 0 or 0.05; real ones that never fall under a quarter of one per cent are rare.)
* shares over 100: figures over 100 told as a percentage of a whole (``Percentage of EHC plans issued
within 20 weeks``, whose target the scorecards state as ``85%``): a target of 402 there is a count, or
in another unit, more likely than 402%. A percentage of a budget, a target or a plan, and a change, may
go over 100, and are not doubted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from memberpack.model.blocks import Coded, FigureBlock
from memberpack.model.observation import Observation
from memberpack.model.units import PERCENT

MOST_NAMED = 3
QUARTER = 0.25   # figures none of them under this, all at most 1: fractions more likely than percentages under 1%
# what names a percentage of a whole, not of a budget, target or plan (which may be overrun)
_SHARE = re.compile(r"(?:\b(?:percentage|per\s?cent)|%)\s+of\s+(?!(?:the\s+)?(?:budgets?|targets?|plans?|forecasts?|"
                    r"baselines?|capacity|last|previous)\b)", re.IGNORECASE)


@dataclass(slots=True)
class _Seen:
    count: int = 0
    total: float = 0.0
    largest: float = 0.0        # the largest figure's size
    smallest: float = np.inf    # the smallest figure's size
    shown: bool = False         # some figure shown with a %
    example: float | None = None   # a figure neither 0 nor 1
    highest: float = -np.inf    # the highest figure


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
            self._note_by_label(part.labels, percent, values, column.measure, shown)

    def _note_by_label(self, labels: Coded, percent: np.ndarray, values: np.ndarray, measure: str,
                       shown: bool) -> None:
        """The ``percent`` rows' figures under what each row's label tells them by (:func:`_named`),
        label by label in the order the labels come: a block's rows mostly have a label each, and most
        labels name no percentage, so the column's figures are noted together, not row by row."""
        codes = labels.codes[percent]
        if not len(codes):
            return
        order = np.argsort(codes, kind="stable")   # each label's rows together, in their order
        codes, figures = codes[order], values[percent][order]
        starts = np.flatnonzero(np.diff(codes, prepend=-1)).tolist()
        stops = [*starts[1:], len(codes)]
        named = [labels.values[code] for code in codes[starts].tolist()]
        joined = "\0".join(named)
        if "%" not in joined and "percent" not in joined.lower():   # (most blocks: no label names one)
            by_name = {measure: list(range(len(named)))}
        else:
            by_name = {}
            for k, label in enumerate(named):
                by_name.setdefault(_named(label, measure), []).append(k)
        listed = figures.tolist()
        for name, ks in by_name.items():
            runs = [(starts[k], stops[k]) for k in ks]
            picked = figures if len(ks) == len(starts) else np.concatenate([figures[a:b] for a, b in runs])
            self._note(name, picked, shown, [listed[a] if b - a == 1 else float(figures[a:b].sum()) for a, b in runs])

    def _note(self, name: str, values: np.ndarray, shown: bool, sums: list[float] | None = None) -> None:
        """Note ``values`` under ``name``; ``sums``: theirs label by label, added one by one."""
        if not len(values):
            return
        seen = self._seen.setdefault(name, _Seen())
        if len(values) == 1:   # (a row's figure alone: as below, without numpy's cost for each)
            value = float(values[0])
            seen.count += 1
            seen.total += value
            seen.largest, seen.smallest = max(seen.largest, abs(value)), min(seen.smallest, abs(value))
            seen.highest = max(seen.highest, value)
            if seen.example is None and value != 0 and value != 1:
                seen.example = value
            seen.shown = seen.shown or shown
            return
        seen.count += len(values)
        for total in sums if sums is not None else (float(values.sum()),):
            seen.total += total
        seen.largest = max(seen.largest, float(np.abs(values).max()))
        seen.smallest = min(seen.smallest, float(np.abs(values).min()))
        seen.highest = max(seen.highest, float(values.max()))
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
                "if they are, format them as percentages in Excel (a CSV keeps no formats: save it as .xlsx) and "
                "import it again")


    def shares_over_100(self) -> str | None:
        """What to tell the officer, when percentages of a whole go over 100."""
        names = [name for name, seen in self._seen.items() if seen.highest > 100 and _SHARE.search(name)]
        if not names:
            return None
        listed = ", ".join(repr(n) for n in names[:MOST_NAMED]) + (f" and {len(names) - MOST_NAMED} more"
                                                                   if len(names) > MOST_NAMED else "")
        highest = self._seen[names[0]].highest
        return (f"the figures of {listed} go over 100 (up to {highest:,g}{f' in {names[0]!r}' if len(names) > 1 else ''}), "
                "which no percentage of a whole can: they are read as written, as percentages, but may be counts or "
                "in another unit: check them in the workbook")


def _named(label: str, measure: str) -> str:
    """What a percentage is told by: its row's label where that names a percentage, else its column."""
    return label if "%" in label or "percent" in label.lower() else measure
