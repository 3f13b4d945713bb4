"""Percentages that read as no percentage can, so that the table is called unsure and the officer decides:

* fractions: a ``%`` column or row whose figures are all between 0 and 1,
half or more on average or none under a quarter, none shown with a ``%`` (``Attendance % | 0.94``; a
recycling rate of 0.34 to 0.62). Read as written they say 0.94%; the officer most likely typed 94% as a
fraction without a percentage format. Which one is meant cannot be told from the figures. (Small
percentages are common and real: DfE's permanent exclusion rates are 0.1 to 0.7 per cent, some
authorities' 0 or 0.05; real ones that never fall under a quarter of one per cent are rare.) The
officer who knows they are fractions says so (``memberpack import --fractions``, the import wizard's
box), and :func:`read_as_fractions` reads them as percentages.
* shares over 100, or under 0: figures over 100 told as a percentage of a whole (``Percentage of EHC
plans issued within 20 weeks``, whose target the scorecards state as ``85%``): a target of 402 there is a
count, or in another unit, more likely than 402%; a figure of -3 there is a change, or a mark, more
likely than -3%. A percentage of a budget, a target or a plan, a change (named so, or in a column
named so: ``Change on last year``) and a balance (``DSG cumulative balance as a % of the total income``)
may go over 100 or under 0, and are not doubted.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from memberpack.model.blocks import FigureBlock
from memberpack.model.observation import Observation
from memberpack.model.units import PERCENT
from memberpack.model.values import clean_number

MOST_NAMED = 3
QUARTER = 0.25   # figures none of them under this, all at most 1: fractions more likely than percentages under 1%
_FEW = 64   # figures noted under a name at once: fewer are added one by one without numpy (quicker)
# what names a percentage of a whole, not of a budget, target or plan (which may be overrun)
_SHARE = re.compile(r"(?:\b(?:percentage|per\s?cent)|%)\s+of\s+(?!(?:the\s+)?(?:budgets?|targets?|plans?|forecasts?|"
                    r"baselines?|capacity|last|previous)\b)", re.IGNORECASE)
# what names a change or a balance, which may go either way (``Change on last year``, ``Variance``, ``+/-``,
# ``DSG cumulative balance as a % of the total income``)
_CHANGE = re.compile(r"\b(?:change[sd]?|difference|diff|variance|var|movement|increase|decrease|growth|direction|"
                     r"trend|dot|vs|balances?|deficits?|surplus(?:es)?|net|overspends?|underspends?)\b|\+\s?/\s?-|±",
                     re.IGNORECASE)


@dataclass(slots=True)
class _Seen:
    count: int = 0
    total: float = 0.0
    largest: float = 0.0        # the largest figure's size
    smallest: float = np.inf    # the smallest figure's size
    shown: bool = False         # some figure shown with a %
    example: float | None = None   # a figure neither 0 nor 1
    highest: float = -np.inf    # the highest figure, and the lowest, of those in no column naming a change
    lowest: float = np.inf


class PercentFractions:
    """The percentages of one table, by the column or row that names them, as they are read."""

    def __init__(self) -> None:
        self._seen: dict[str, _Seen] = {}

    def add(self, part: list[Observation] | FigureBlock) -> None:
        if type(part) is list:
            for obs in part:
                if obs.unit == PERCENT and obs.value is not None:
                    self._note(_named(obs.label, obs.measure), np.array([obs.value]), "%" in obs.display,
                               _CHANGE.search(obs.measure) is None)
            return
        self._add_block(part)

    def _add_block(self, part: FigureBlock) -> None:
        """A block's percentages, noted cell by cell in row then column order as a cell-by-cell reading
        notes them (which figure each name first meets, in which order the names come), each under what
        it is told by (:func:`_named`): its column's measure, or its row's label where that names a
        percentage. Done with arrays: most labels name none, and a block's rows mostly have a label each."""
        told = None   # each distinct label naming a percentage: its name's number, else -1
        names: dict[str, int] = {}
        found, shown_by = [], []
        levels = np.ones(len(part.columns), dtype=bool)   # each column's: its figures are levels, not changes
        for k, column in enumerate(part.columns):
            units = column.row_units
            if units is None and column.unit != PERCENT or units is not None and PERCENT not in units.values:
                continue
            values = column.values * column.factor if column.raw else column.values
            shown = column.raw and column.code is not None and "%" in column.code or (
                column.displays is not None and b"%" in column.displays.data)
            measure = names.setdefault(column.measure, len(names))
            if units is None:
                rows = np.flatnonzero(np.isfinite(values))
                codes = np.full(len(rows), measure)
            else:
                rows = np.flatnonzero((units.codes == units.values.index(PERCENT)) & np.isfinite(values))
                if told is None:
                    told = np.array([names.setdefault(label, len(names)) if _names_percent(label) else -1
                                     for label in part.labels.values], dtype=np.int64)
                codes = told[part.labels.codes[rows]] if len(told) else np.empty(0, dtype=np.int64)
                codes = np.where(codes < 0, measure, codes)
            if len(rows):
                found.append((rows, np.full(len(rows), k), codes, values[rows]))
                shown_by.append((k, shown))
                levels[k] = _CHANGE.search(column.measure) is None
        if not found:
            return
        rows, columns, codes, values = (np.concatenate(parts) for parts in zip(*found))
        order = np.lexsort((columns, rows))   # row then column order
        codes, values, columns = codes[order], values[order], columns[order]
        by_name = np.argsort(codes, kind="stable")   # each name's cells together, in that order
        codes, values, columns = codes[by_name], values[by_name], columns[by_name]
        starts = np.flatnonzero(np.diff(codes, prepend=-1))
        stops = [*starts[1:].tolist(), len(codes)]
        firsts = by_name[starts]   # where each name first comes, in row then column order
        name_of = list(names)
        shown_at = dict(shown_by)
        for g in np.argsort(firsts).tolist():
            a, b = int(starts[g]), stops[g]
            shown = any(shown_at[c] for c in dict.fromkeys(columns[a:b].tolist()))
            self._note(name_of[int(codes[a])], values[a:b], shown, levels[columns[a:b]])

    def _note(self, name: str, values: np.ndarray, shown: bool, levels: bool | np.ndarray = True) -> None:
        """Note ``values`` under ``name``, added one by one as a cell-by-cell reading adds them; only those
        of ``levels`` (each figure's, or all's: in no column naming a change) count for the highest and lowest."""
        if not len(values):
            return
        seen = self._seen.setdefault(name, _Seen())
        if len(values) <= _FEW:   # (a row's figures: as below, without numpy's cost for each)
            figures = values.tolist()
            seen.count += len(figures)
            total = seen.total
            for value in figures:
                total += value
            seen.total = total
            sizes = list(map(abs, figures))
            seen.largest, seen.smallest = max(seen.largest, *sizes), min(seen.smallest, *sizes)
            kept = ([v for v, keep in zip(figures, levels.tolist()) if keep] if isinstance(levels, np.ndarray)
                    else figures if levels else [])
            if kept:
                seen.highest, seen.lowest = max(seen.highest, *kept), min(seen.lowest, *kept)
            if seen.example is None:
                seen.example = next((value for value in figures if value != 0 and value != 1), None)
            seen.shown = seen.shown or shown
            return
        seen.count += len(values)
        seen.total = float(np.cumsum(np.concatenate(([seen.total], values)))[-1])   # (in order: not pairwise)
        seen.largest = max(seen.largest, float(np.abs(values).max()))
        seen.smallest = min(seen.smallest, float(np.abs(values).min()))
        kept = values[levels] if isinstance(levels, np.ndarray) else values if levels else values[:0]
        if len(kept):
            seen.highest, seen.lowest = max(seen.highest, float(kept.max())), min(seen.lowest, float(kept.min()))
        if seen.example is None and len(parts := values[(values != 0) & (values != 1)]):
            seen.example = float(parts[0])
        seen.shown = seen.shown or shown

    def doubted(self) -> list[str]:
        """The names (a column's measure, or a row's label naming a percentage) whose percentages may be
        fractions, in the order they were first read."""
        return [name for name, seen in self._seen.items()
                if seen.count >= 2 and seen.largest <= 1 and (seen.total >= seen.count / 2 or seen.smallest >= QUARTER)
                and seen.example is not None and not seen.shown]

    def example(self, name: str) -> float:
        """A figure of ``name``'s that is neither 0 nor 1 (``name`` one of :meth:`doubted`)."""
        return self._seen[name].example

    def doubt(self, names: list[str] | None = None) -> str | None:
        """What to tell the officer, when some percentages (``names``, else all :meth:`doubted`) may be fractions."""
        names = self.doubted() if names is None else names
        if not names:
            return None
        example = self.example(names[0])
        return (f"the percentages of {_listed(names)} are all between 0 and 1, none shown with a %: they are read "
                f"as written ({example:g} as {example:g}%), but may be fractions ({example:g} for {example * 100:g}%): "
                "if they are, import it with --fractions")

    def shares_over_100(self) -> str | None:
        """What to tell the officer, when percentages of a whole go over 100."""
        return self._beyond_a_share(lambda seen: seen.highest if seen.highest > 100 else None, "go over 100 (up to",
                                    "counts")

    def shares_below_0(self) -> str | None:
        """What to tell the officer, when percentages of a whole go under 0."""
        return self._beyond_a_share(lambda seen: seen.lowest if seen.lowest < 0 else None, "go under 0 (down to",
                                    "changes")

    def _beyond_a_share(self, beyond: Callable[[_Seen], float | None], goes: str, may_be: str) -> str | None:
        """The doubt about percentages of a whole with a figure ``beyond`` what one can be (``goes``: ``go
        over 100 (up to``; ``may_be``: what they may be instead)."""
        names = [name for name, seen in self._seen.items() if beyond(seen) is not None and _is_share(name)]
        if not names:
            return None
        where = f" in {names[0]!r}" if len(names) > 1 else ""
        return (f"the figures of {_listed(names)} {goes} {beyond(self._seen[names[0]]):,g}{where}), which no "
                f"percentage of a whole can: they are read as written, as percentages, but may be {may_be} or in "
                "another unit: check them in the workbook")

    def said(self, names: list[str], by_officer: str) -> str:
        """The report's line for ``names`` read as fractions because the officer said so (``by_officer``:
        :func:`~.table_layout.officer_said`)."""
        example = self.example(names[0])
        return (f"the percentages of {_listed(names)} are fractions, {by_officer}: read as percentages "
                f"({example:g} as {clean_number(example * 100):g}%)")


def read_as_fractions(part: list[Observation] | FigureBlock, names: set[str]) -> None:
    """Read the percentages of ``names`` in ``part`` as fractions, in place: each figure a hundred
    times what it was (0.345 as 34.5), shown as the source shows it (``0.345``)."""
    if type(part) is list:
        for obs in part:
            if obs.unit == PERCENT and obs.value is not None and _named(obs.label, obs.measure) in names:
                obs.value = clean_number(obs.value * 100)
        return
    for column in part.columns:
        units = column.row_units
        if units is None:
            if column.unit == PERCENT and column.measure in names:
                column.scale_rows(np.ones(len(column.values), dtype=bool), 100.0)
            continue
        if PERCENT not in units.values:
            continue
        named = np.array([_named(label, column.measure) in names for label in part.labels.values], dtype=bool)
        rows = (units.codes == units.values.index(PERCENT)) & named[part.labels.codes]
        if rows.any():
            column.scale_rows(rows, 100.0)


def _listed(names: list[str]) -> str:
    """``'Attendance %', 'Absence %'``, the first few, then how many more."""
    return ", ".join(repr(n) for n in names[:MOST_NAMED]) + (
        f" and {len(names) - MOST_NAMED} more" if len(names) > MOST_NAMED else "")


def _named(label: str, measure: str) -> str:
    """What a percentage is told by: its row's label where that names a percentage, else its column."""
    return label if _names_percent(label) else measure


def _is_share(name: str) -> bool:
    """Whether ``name`` tells a percentage of a whole (``Percentage of EHC plans issued within 20 weeks``),
    not of a budget, target or plan, nor a change (``Percentage of pupils absent: change on last year``)."""
    return _SHARE.search(name) is not None and _CHANGE.search(name) is None


def _names_percent(label: str) -> bool:
    return "%" in label or "percent" in label.lower()
