"""What a councillor wants first: the budget position, what is red, what moved, what got worse,
and what changed since the previous import of each table.

Comparators (England, region and statistical-neighbour rows, ``Benchmark: <name>`` columns) are
not the council's own measures, so they never count as having got worse; adverse movements come
from the latest budget monitoring period only, so two years' monitors are not mixed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from memberpack.analysis.benchmark_text import is_comparator
from memberpack.analysis.charts import money_text
from memberpack.model.grid import Grid, GridRow
from memberpack.model.metrics import HIGHER, LOWER, match_metric, metric
from memberpack.model.observation import DATA, SUBTOTAL, TIME_SERIES, TOTAL, Dataset, Observation
from memberpack.model.periods import parse_period
from memberpack.model.units import GBP
from memberpack.store.pack import Pack


@dataclass(slots=True)
class BudgetPosition:
    budget: float
    forecast: float
    variance: float
    label: str
    source: str
    period: str | None = None

    @property
    def variance_pct(self) -> float:
        return 100 * self.variance / self.budget if self.budget else 0.0

    @property
    def flag(self) -> str:
        return "A" if self.variance > 0 else "(F)" if self.variance < 0 else "-"


@dataclass(slots=True)
class Item:
    """One figure worth a councillor's attention, with where it came from."""

    dataset: str
    label: str
    measure: str
    display: str
    value: float | None = None
    change: float | None = None
    previous_display: str | None = None
    cell: str = ""
    unit: str | None = None
    section: str | None = None
    period: str | None = None

    @property
    def name(self) -> str:
        """The row as a reader names it: a sub total or total with its section ("Children &
        Families sub total"), any other row by its label."""
        if self.section and _is_total_label(self.label) and self.section.lower() not in self.label.lower():
            return f"{self.section} {self.label}"
        return self.label

    @property
    def source(self) -> str:
        """The period and table the figure comes from: ``2023/24 Month 6 – 23/24 Budget Monitoring…``."""
        return f"{self.period} – {self.dataset}" if self.period and self.period not in self.dataset else self.dataset


def _is_total_label(label: str) -> bool:
    return bool(re.fullmatch(r"\s*(sub[\s-]*)?totals?\s*:?\s*", label, re.IGNORECASE))


@dataclass(slots=True)
class Headlines:
    budget: BudgetPosition | None = None
    red_items: list[Item] = field(default_factory=list)
    adverse_movements: list[Item] = field(default_factory=list)
    worse_kpis: list[Item] = field(default_factory=list)
    changes: list[Item] = field(default_factory=list)
    movements_period: str | None = None    # the budget monitoring period the movements are from


def _column(grid: Grid, metric_id: str) -> str | None:
    return next((m for m in grid.measures if match_metric("", m, "GBP").id == metric_id), None)


def budget_position(ds: Dataset, grid: Grid) -> BudgetPosition | None:
    """The grand total of a budget monitor (the last total row, else the sum of its sub totals)."""
    budget, forecast, variance = (_column(grid, m) for m in
                                  ("fin_budget_current", "fin_forecast_outturn", "fin_variance"))
    if not (budget and forecast and variance):
        return None
    totals = [r for r in grid.rows if r.role == TOTAL] or [r for r in grid.rows if r.role == SUBTOTAL]
    rows = totals[-1:] if totals and totals[-1].role == TOTAL else totals or [r for r in grid.rows if r.role == DATA]

    def total(measure: str) -> float:
        return sum(r.value(measure) or 0.0 for r in rows)

    return BudgetPosition(total(budget), total(forecast), total(variance),
                          rows[0].label if len(rows) == 1 else "All services",
                          f"{ds.source_file}, {ds.sheet}", ds.period)


def _red(ds: Dataset, grid: Grid) -> list[Item]:
    out = []
    for row in grid.rows:
        if row.role != DATA:
            continue
        for measure, obs in row.cells.items():
            if obs.status == "red":
                out.append(Item(ds.name, row.label, measure, obs.display, cell=obs.cell, section=row.section,
                                period=obs.period or ds.period))
    return out


def _movements(ds: Dataset, grid: Grid) -> list[Item]:
    movement = _column(grid, "fin_variance_movement")
    if movement is None:
        return []
    rows = [r for r in grid.rows if r.role == DATA and (r.value(movement) or 0) > 0]
    return [Item(ds.name, r.label, movement, r.cells[movement].display, r.value(movement),
                 cell=r.cells[movement].cell, unit="GBP", section=r.section, period=ds.period) for r in rows]


def _direction(row: GridRow, obs: Observation) -> int:
    m = metric(obs.metric_id if obs.metric_id != "other" else match_metric(row.label, None, obs.unit).id)
    return 1 if m.polarity == HIGHER else -1 if m.polarity == LOWER else 0


def _worse_item(ds: Dataset, row: GridRow, measure: str, before: Observation, latest: Observation) -> Item | None:
    """An item when ``latest`` moved the wrong way from ``before``, by the metric's polarity."""
    sign = _direction(row, latest)
    if not sign or (latest.value - before.value) * sign >= 0:
        return None
    return Item(ds.name, row.label, measure, latest.display, latest.value, latest.value - before.value,
                before.display, latest.cell, latest.unit, row.section, latest.period or ds.period)


def _year_rows(ds: Dataset, grid: Grid) -> list[GridRow]:
    """The rows of a time series that are years (``Fixed Period Exclusions 2021 - 2022``), in order."""
    if ds.kind != TIME_SERIES:
        return []
    rows = [r for r in grid.rows if not is_comparator(r.label) and parse_period(r.label)]
    return rows if len(rows) >= 2 else []


def _worse_kpis(ds: Dataset, grid: Grid) -> list[Item]:
    """Figures whose latest value moved the wrong way, by the metric's polarity (money is left to
    the budget headlines). Where the rows are years of monthly figures, the latest month is set
    against the same month a year before, not against the month before (January against December
    would only show the seasons)."""
    def figures(row: GridRow) -> list[tuple[str, Observation]]:
        return [(m, o) for m, o in row.cells.items()
                if o.value is not None and o.period and o.unit != GBP and not is_comparator(m)]

    years = _year_rows(ds, grid)
    if years:
        previous, current = years[-2], years[-1]
        latest = figures(current)[-1:]
        pairs = [(current, m, previous.cells.get(m), o) for m, o in latest]
    else:
        pairs = []
        for row in grid.rows:
            numbers = figures(row)
            if len(numbers) >= 2 and not is_comparator(row.label):   # the quick test first
                pairs.append((row, numbers[-1][0], numbers[-2][1], numbers[-1][1]))
    items = (_worse_item(ds, row, measure, before, latest) for row, measure, before, latest in pairs
             if before is not None and before.value is not None)
    return [item for item in items if item is not None]


def changes_since_previous(pack: Pack, ds: Dataset) -> list[Item]:
    """Figures whose value differs from the previous version of the same table; money as
    councillors read it (£5.8m)."""
    previous = pack.previous_version(ds)
    if previous is None:
        return []
    before = {(o.label, o.section, o.measure): o for o in pack.observations(previous.id)}
    out = []
    for obs in pack.observations(ds.id):
        old = before.get((obs.label, obs.section, obs.measure))
        if old is not None and old.value != obs.value:
            change = obs.value - old.value if None not in (obs.value, old.value) else None
            now, was = ((money_text(obs.value), money_text(old.value)) if obs.unit == GBP and change is not None
                        else (obs.display, old.display))
            out.append(Item(ds.name, obs.label, obs.measure, now, obs.value, change, was, obs.cell, obs.unit,
                            obs.section, obs.period or ds.period))
    return out


def _latest_period(periods: list[str | None]) -> str | None:
    """The most recent of ``periods`` by :class:`~memberpack.model.periods.Period` ordering."""
    parsed = [(p, parse_period(p)) for p in periods if p]
    dated = [(period, p) for p, period in parsed if period is not None]
    return max(dated)[1] if dated else None


def headlines(pack: Pack) -> Headlines:
    result = Headlines()
    movements: list[Item] = []
    for ds in pack.datasets():
        grid = Grid.of(pack.observations(ds.id))
        if result.budget is None:
            result.budget = budget_position(ds, grid)
        result.red_items += _red(ds, grid)
        movements += _movements(ds, grid)
        result.worse_kpis += _worse_kpis(ds, grid)
        result.changes += changes_since_previous(pack, ds)
    result.movements_period = _latest_period([i.period for i in movements])
    result.adverse_movements = sorted((i for i in movements if i.period == result.movements_period),
                                      key=lambda i: -(i.value or 0))
    return result
