"""Which charts a dataset gets, described as :class:`ChartSpec` data.

* budget monitor: variance by service as bars, adverse (overspend) or favourable;
* time series and KPI scorecards: one line per row across the period columns, benchmarks
  (rows or columns naming England, the region or statistical neighbours) drawn as benchmark lines;
* breakdowns: bars of the first numeric column by category.
"""

from __future__ import annotations

import re
from dataclasses import replace

from memberpack.model.charts import BAR, BENCHMARK, DATA_SERIES, EARLIER, LINE, ChartSpec, Series
from memberpack.model.grid import Grid
from memberpack.model.metrics import match_metric
from memberpack.model.observation import BUDGET_MONITOR, DATA, KPI_SCORECARD, TIME_SERIES, Dataset, Observation
from memberpack.model.observation import OPEN_STATISTICS
from memberpack.model.periods import parse_period

_BENCHMARK = re.compile(r"\b(england|national|south west|region|statistical neighbours?|sn average)\b", re.I)


def source_line(ds: Dataset) -> str:
    return f"Source: {ds.source_file}, sheet {ds.sheet}, cells {ds.cell_range}"


def money_text(value: float | None) -> str:
    """£ figures as a councillor reads them: £12.4m, £650k, £980; negatives in brackets."""
    if value is None:
        return "–"
    size = abs(value)
    text = (f"£{size / 1e6:,.1f}m" if size >= 1e6 else f"£{size / 1e3:,.0f}k" if size >= 1e4 else f"£{size:,.0f}")
    return f"({text})" if value < 0 else text


def point_text(value: float | None, unit: str | None) -> str:
    """A chart point as a reader sees it: money as :func:`money_text`, 38.9%, 53.7, 1,050."""
    if value is None:
        return "–"
    if unit == "GBP":
        return money_text(value)
    if unit == "percent":
        return f"{value:,.1f}%"
    if unit == "per_10000" or not float(value).is_integer():
        return f"{value:,.1f}"
    return f"{value:,.0f}"


FLAG_LETTERS = {"adverse": "A", "favourable": "(F)"}
MAX_BARS = 30   # a bar chart shows at most this many bars, the largest: a ledger has thousands of rows


def largest(values: list[float | None], most: int) -> list[int]:
    """Indices of at most ``most`` values, the largest by size, in their order."""
    return sorted(sorted(range(len(values)), key=lambda i: -abs(values[i] or 0))[:most])


def largest_bars(spec: ChartSpec, most: int = MAX_BARS) -> ChartSpec:
    """The bar chart with only its ``most`` largest bars (the same chart when it has no more)."""
    if len(spec.categories) <= most:
        return spec
    keep = largest(spec.series[0].values, most)

    def pick(items: list) -> list:
        return [items[i] for i in keep] if items else items

    return replace(spec, categories=pick(spec.categories), series=[
        replace(s, values=pick(s.values), statuses=pick(s.statuses), cells=pick(s.cells)) for s in spec.series])


def _variance_chart(ds: Dataset, grid: Grid) -> ChartSpec | None:
    variance = next((m for m in grid.measures if match_metric("", m, "GBP").id == "fin_variance"), None)
    if variance is None:
        return None
    rows = [r for r in grid.rows if r.role == DATA and r.value(variance) is not None]
    if not rows:
        return None
    values = [r.value(variance) for r in rows]
    statuses = ["adverse" if v > 0 else "favourable" if v < 0 else None for v in values]
    worst = max(rows, key=lambda r: r.value(variance))
    over, count = sum(v for v in values if v > 0), sum(1 for v in values if v > 0)
    summary = (f"{worst.label} has the largest overspend at {money_text(worst.value(variance))}; "
               f"overspends add up to {money_text(over)} across {count} services." if count > 1 else
               f"{worst.label} is the only service forecast to overspend, by {money_text(worst.value(variance))}."
               if count else "No service is forecast to overspend.")
    return ChartSpec(
        id=f"{ds.key}#variance", kind=BAR, title=f"{variance} by service", summary=summary,
        categories=[r.label for r in rows],
        series=[Series(variance, values, DATA_SERIES, statuses, [r.cells[variance].cell for r in rows])],
        unit="GBP", source=source_line(ds), dataset_key=ds.key, y_label="£")


def _period_columns(grid: Grid) -> list[str]:
    return [m for m in grid.measures if parse_period(m) is not None]


def _series_chart(ds: Dataset, grid: Grid) -> ChartSpec | None:
    periods = _period_columns(grid)
    if len(periods) < 2:
        return None
    numeric = [r for r in grid.rows if sum(r.value(p) is not None for p in periods) >= 2]
    if not numeric:
        return None
    # One axis, one unit: a scorecard's counts are not drawn against its percentages; rows whose
    # unit is not stated go with the rest.
    unit_of = {id(r): next((r.cells[p].unit for p in periods if p in r.cells and r.cells[p].unit), None)
               for r in numeric}
    axis_unit = next((u for u in unit_of.values() if u), None)
    numeric = [r for r in numeric if unit_of[id(r)] in (None, axis_unit)]
    rows = numeric[:8]
    own = [r for r in rows if not _BENCHMARK.search(r.label)]
    # In a time series whose rows are years, the last is the current one, the others earlier years
    # (rows that are all measures, "Children Looked After", are each a series of their own).
    current = own[-1] if ds.kind == TIME_SERIES and own and any(parse_period(r.label) for r in own) else None
    series = [Series(row.label, [row.value(p) for p in periods],
                     BENCHMARK if row not in own else EARLIER if current and row is not current else DATA_SERIES,
                     [], [row.cells[p].cell if p in row.cells else "" for p in periods]) for row in rows]
    unit = next((row.cells[p].unit for row in numeric for p in periods if p in row.cells and row.cells[p].unit), None)
    latest = series[rows.index(current if current else own[0])] if own else series[0]
    points = [(p, v) for p, v in zip(periods, latest.values) if v is not None]
    summary = (f"{latest.name}: {point_text(points[-1][1], unit)} in {points[-1][0]}, "
               f"from {point_text(points[0][1], unit)} in {points[0][0]}."
               if len(points) >= 2 else f"{latest.name} over {len(periods)} periods.")
    return ChartSpec(id=f"{ds.key}#series", kind=LINE, title=ds.name, summary=summary, categories=periods,
                     series=series, unit=unit, source=source_line(ds), dataset_key=ds.key)


def _breakdown_chart(ds: Dataset, grid: Grid) -> ChartSpec | None:
    for measure in grid.measures:
        rows = [r for r in grid.rows if r.role == DATA and r.value(measure) is not None]
        if len(rows) >= 2:
            values = [r.value(measure) for r in rows]
            top = max(rows, key=lambda r: r.value(measure))
            unit = rows[0].cells[measure].unit
            return ChartSpec(id=f"{ds.key}#breakdown", kind=BAR, title=f"{ds.name}: {measure}",
                             summary=f"{top.label} is the largest, at {top.cells[measure].display}.",
                             categories=[r.label for r in rows],
                             series=[Series(measure, values, DATA_SERIES, [], [r.cells[measure].cell for r in rows])],
                             unit=unit, source=source_line(ds), dataset_key=ds.key)
    return None


def active_title(spec: ChartSpec) -> str:
    """A short title saying what the chart shows (``Overspends of £11.5m, led by External
    Placements``), worked out from the spec alone so the app and the PDF can both show it."""
    data = next((s for s in spec.series if s.role == DATA_SERIES), spec.series[0] if spec.series else None)
    points = [(c, v) for c, v in zip(spec.categories, data.values) if v is not None] if data else []
    if not points:
        return spec.title
    if spec.kind == BAR and any(data.statuses):
        over = [(c, v) for c, v in points if v > 0]
        if not over:
            return "No service is forecast to overspend"
        if len(over) == 1:
            return f"Overspend of {money_text(over[0][1])}, all in {over[0][0]}"
        return f"Overspends of {money_text(sum(v for _, v in over))}, led by {max(over, key=lambda p: p[1])[0]}"
    if spec.kind == BAR:
        return f"{max(points, key=lambda p: p[1])[0]} is the largest"
    (first_at, first), (last_at, last) = points[0], points[-1]
    if len(points) < 2 or first == last:
        return f"{data.name}: {point_text(last, spec.unit)} in {last_at}"
    word = "up" if last > first else "down"
    return (f"{data.name}: {word} from {point_text(first, spec.unit)} ({first_at}) "
            f"to {point_text(last, spec.unit)} ({last_at})")


def charts_for(ds: Dataset, observations: list[Observation]) -> list[ChartSpec]:
    """The charts worth drawing for one dataset (possibly none)."""
    if ds.kind == OPEN_STATISTICS:  # every authority's figures: shown through comparisons instead
        return []
    grid = Grid.of(observations)
    if ds.kind == BUDGET_MONITOR or any(match_metric("", m, "GBP").id == "fin_variance" for m in grid.measures):
        chart = _variance_chart(ds, grid)
    elif ds.kind in (TIME_SERIES, KPI_SCORECARD) or len(_period_columns(grid)) >= 2:
        chart = _series_chart(ds, grid)
    else:
        chart = _breakdown_chart(ds, grid)
    return [chart] if chart else []
