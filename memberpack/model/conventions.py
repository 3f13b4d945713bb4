"""How a money table signs its figures, worked out once at import and kept with the dataset.

Councils do not agree: in a General Fund monitor a positive variance is an overspend and brackets
are favourable, ``(0.7)`` an underspend; in a DSG table headed "surplus/(deficit)" brackets are a
deficit, ``(44.9)`` bad news. Arrows differ too: one table's ↓ means the variance fell, another's
means the position got worse. The :class:`Convention` says which, and the scale the table prints
money in (£m, £k or £), so every sentence written about it reads the figures the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from memberpack.model.grid import Grid
from memberpack.model.monitor_columns import full_year, latest_first
from memberpack.model.observation import Dataset, Observation
from memberpack.model.units import GBP, unit_cost

OVERSPEND, SURPLUS, UNDERSPEND = "overspend", "surplus", "underspend"      # what a positive figure is
UP_WORSE, DOWN_WORSE = "up is worse", "down is worse"

_SURPLUS_HEADER = re.compile(r"surplus|\(\s*deficit\s*\)", re.I)
_UNDERSPEND_HEADER = re.compile(r"under(?:\s*spend)?\s*/\s*\(\s*over", re.I)
_BUDGET = re.compile(r"\bbudget\b", re.I)
_FORECAST = re.compile(r"forecast|outturn|projected|projection|\bactual", re.I)
_SPENT = re.compile(r"\b(?:expenditure|spend|spent)\b", re.I)
_VARIANCE = re.compile(r"variance|\bover\s*/|\bunder\s*/", re.I)
_NUMBER = re.compile(r"^£?\(?-?£?\s*([\d,]*\.?\d+)\s*\)?\s*(m|k|bn)?$", re.I)
_WORDS = {OVERSPEND: ("overspend", "underspend"), SURPLUS: ("surplus", "deficit"),
          UNDERSPEND: ("underspend", "overspend")}
SAMPLE_FIGURES = 20_000   # figures of a table's first rows its convention is inferred from (as at import)


@dataclass(frozen=True, slots=True)
class Convention:
    """``positive`` is what a positive figure means (an overspend, an underspend or a surplus);
    ``arrows`` what the table's arrows mean, where it has any; ``scale`` and ``decimals`` how it prints
    money."""

    positive: str = OVERSPEND
    arrows: str = ""
    scale: float = 1.0
    decimals: int = 0

    @property
    def brackets(self) -> str:
        """What a figure in brackets is: favourable when positive means overspend, else adverse."""
        return "favourable" if self.positive == OVERSPEND else "adverse"

    def adverse(self, value: float) -> bool:
        return value > 0 if self.positive == OVERSPEND else value < 0

    def word(self, value: float) -> str:
        """``overspend``/``underspend`` (either way round) or ``surplus``/``deficit`` for a signed figure."""
        positive, negative = _WORDS[self.positive]
        return positive if value > 0 else negative if value < 0 else ""

    @property
    def key(self) -> str:
        """One line for a reader: what brackets and arrows mean in this table."""
        return self.figures_key + (f" Arrows: {self.arrows}." if self.arrows else "")

    @property
    def figures_key(self) -> str:
        """What the figures' scale and brackets mean, for a sentence quoted away from the table's arrows."""
        return f"Figures in {self.unit_text}; brackets mean {self.word(-1)} ({self.brackets})."

    @property
    def unit_text(self) -> str:
        return {1e6: "£m", 1e3: "£k"}.get(self.scale, "£")

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Convention:
        return cls(**{k: data[k] for k in ("positive", "arrows", "scale", "decimals") if k in data})


def money_scale(grid: Grid) -> tuple[float, int]:
    """The scale (1e6 for £m, 1e3 for £k, 1 for £) and decimals the table prints money with, from
    its figures and their text: ``0.1`` standing for 100,000 is £m with one decimal."""
    return scale_of(obs for row in grid.rows for obs in row.cells.values())


def scale_of(observations: Iterable[Observation]) -> tuple[float, int]:
    """The scale and decimals most of these money figures are printed in (see :func:`money_scale`):
    the decimals of the figures in that scale (a unit cost's pence beside £000s are not the £000s'); a
    row naming a unit cost (:func:`~memberpack.model.units.unit_cost`) is no part of it."""
    scales: dict[float, int] = {}
    decimals: dict[float, int] = {}
    for obs in observations:
        if obs.unit != GBP or not obs.value or unit_cost(obs.label):
            continue
        m = _NUMBER.match(obs.display.strip())
        if not m:
            continue
        digits = m.group(1)
        shown = float(digits.replace(",", ""))
        if not shown:
            continue
        factor = _SUFFIXES.get((m.group(2) or "").lower()) or _nearest_scale(abs(obs.value), shown)
        scales[factor] = scales.get(factor, 0) + 1
        if "." in digits:
            decimals[factor] = max(decimals.get(factor, 0), len(digits.split(".")[1]))
    scale = max(scales, key=scales.get) if scales else 1.0
    return scale, max(decimals.get(scale, 0), 1 if scale == 1e6 else 0)


_SUFFIXES = {"m": 1e6, "k": 1e3, "bn": 1e9}


def _nearest_scale(value: float, shown: float) -> float:
    """The scale (1e6, 1e3 or 1) that makes ``value`` nearest the number shown; the larger on a tie."""
    scale, off = 1e6, abs(value / 1e6 - shown)
    if (thousands := abs(value / 1e3 - shown)) < off:
        scale, off = 1e3, thousands
    return 1.0 if abs(value - shown) < off else scale


def _arrows(grid: Grid, positive: str) -> str:
    """What the arrows mean, from a row where the movement and its arrow both show."""
    movement = next((m for m in grid.measures if re.search(r"movement", m, re.I)
                     and any(r.value(m) for r in grid.rows)), None)
    arrow = next((m for m in grid.measures if any((r.cells.get(m) and r.cells[m].status in ("up", "down"))
                                                  for r in grid.rows)), None)
    if movement is None or arrow is None:
        return ""
    for row in grid.rows:
        change, obs = row.value(movement), row.cells.get(arrow)
        if change and obs is not None and obs.status in ("up", "down"):
            worse = change > 0 if positive == OVERSPEND else change < 0
            return (DOWN_WORSE if obs.status == "down" else UP_WORSE) if worse else \
                (UP_WORSE if obs.status == "down" else DOWN_WORSE)
    return ""


def _by_the_sums(grid: Grid, favourable: str) -> str | None:
    """What a positive variance is, from the rows where the variance is the forecast less the budget
    (an overspend) or the budget less the forecast (``favourable``: an underspend, written
    ``Under/(Over)``, or a surplus), by the budget column (original or revised) that accounts for
    most rows; None where the table has no such columns or fewer than two rows say, or they disagree."""
    variance = full_year(latest_first(grid, [m for m in grid.measures if _VARIANCE.search(m)]))
    budgets = [m for m in grid.measures if _BUDGET.search(m) and not _VARIANCE.search(m)]
    others = [m for m in grid.measures if not _VARIANCE.search(m) and m not in budgets]
    forecast = full_year(latest_first(grid, [m for m in others if _FORECAST.search(m)]
                                      or [m for m in others if _SPENT.search(m)]))   # accounts: what was spent
    if variance is None or forecast is None:
        return None
    best = {OVERSPEND: 0, favourable: 0}
    for budget in budgets:
        votes = {OVERSPEND: 0, favourable: 0}
        for row in grid.rows:
            v, b, f = row.value(variance), row.value(budget), row.value(forecast)
            if not v or b is None or f is None:
                continue
            near = max(1.0, abs(v)) / 100
            if abs(v - (f - b)) <= near:
                votes[OVERSPEND] += 1
            elif abs(v - (b - f)) <= near:
                votes[favourable] += 1
        if sum(votes.values()) > sum(best.values()):
            best = votes
    for side, other in ((favourable, OVERSPEND), (OVERSPEND, favourable)):
        if best[side] >= 2 and best[side] > best[other] * 3:
            return (other if favourable == UNDERSPEND else side) if _spending_negative(grid, budgets) else side
    return None


_INCOME_LINE = re.compile(r"income|grants?\b|precept|fees|charges|rents?\b|receipts|council\s+tax|rates\b", re.I)


def _spending_negative(grid: Grid, budgets: list[str]) -> bool:
    """Whether the table writes its spending lines' budgets in brackets (a town council's accounts:
    a service's budget ``(190,000)``, the precept ``1,832,982``): a forecast above such a budget is
    less spent, so the forecast less the budget is an underspend."""
    signs = [value > 0 for row in grid.rows if not _INCOME_LINE.search(row.label)
             for value in [next((row.value(b) for b in budgets if row.value(b)), None)] if value]
    negative = signs.count(False)
    return negative >= 2 and negative > 2 * signs.count(True)


def infer(grid: Grid) -> Convention:
    """The convention a table's headers and A/(F) flags show: "surplus/(deficit)" headers make a
    positive figure a surplus; a positive figure flagged favourable does too."""
    favourable = SURPLUS if any(_SURPLUS_HEADER.search(m) for m in grid.measures) else UNDERSPEND
    positive = _by_the_sums(grid, favourable) or (
        favourable if favourable == SURPLUS or any(_UNDERSPEND_HEADER.search(m) for m in grid.measures) else OVERSPEND)
    flags = next((m for m in grid.measures if any(r.cells.get(m) and r.cells[m].status in ("adverse", "favourable")
                                                  for r in grid.rows)), None)
    if flags is not None:
        money = [m for m in grid.measures if re.search(r"variance", m, re.I)]
        for row in grid.rows:
            flag = row.cells[flags].status if flags in row.cells else None
            value = next((row.value(m) for m in money if row.value(m)), None)
            if flag in ("adverse", "favourable") and value:
                positive = OVERSPEND if (value > 0) == (flag == "adverse") else favourable
                break
    scale, decimals = money_scale(grid)
    return Convention(positive, _arrows(grid, positive), scale, decimals)


def convention_of(ds: Dataset, grid: Grid) -> Convention:
    """The convention recorded with the dataset at import, or (a pack from before, a table that is no
    budget monitor) inferred now from its first rows, as an import does: its headers, flags and
    arrows show there, and a ledger of 100,000 rows is not read through for it."""
    stored = ds.layout.get("convention") if isinstance(ds.layout, dict) else None
    if isinstance(stored, dict):
        return Convention.from_dict(stored)
    rows, figures = 0, 0
    while rows < len(grid.rows) and figures < SAMPLE_FIGURES:
        figures += len(grid.rows[rows].cells)
        rows += 1
    return infer(grid if rows == len(grid.rows) else Grid(grid.measures, grid.rows[:rows]))
