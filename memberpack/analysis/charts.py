"""Which charts a dataset gets, described as :class:`ChartSpec` data, with their words from
:mod:`memberpack.analysis.narrative`.

* money tables (budget monitors, DSG balances): bars of the variance, or of the surplus/(deficit)
  carried forward, by service, adverse or favourable by the table's own sign convention;
* time series and KPI scorecards: one line per row across the period columns, grouped by unit
  (percent, count, rate, points) so no axis mixes them, benchmarks (rows naming England, the region
  or statistical neighbours) dashed and marked, even where they have a single figure;
* breakdowns: bars of one measure by category, a line naming the measures not drawn.

Every table gets a chart and a summary, or :func:`table_summary` says why it has none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from memberpack.analysis.balances import balance_columns
from memberpack.analysis.bar_order import bar_order
from memberpack.analysis.benchmark_text import is_comparator, is_target
from memberpack.analysis.narrative import (Story, breakdown_story, budget_story, decimals_of, full_label,
                                           is_reserve_transfer, left_out_text, money, names_a_measure,
                                           names_only_unit, net_row, net_value, one_register, polarity_of,
                                           repeated_labels, row_name, signed_money, statement_rows, statement_story,
                                           trend_story, unit_title, verdict, without_unit)
from memberpack.importers.table_layout import officer_said
from memberpack.model.charts import BAR, BENCHMARK, DATA_SERIES, EARLIER, LINE, MAX_LINES, ChartSpec, Series
from memberpack.model.charts import value_range
from memberpack.model.conventions import SURPLUS, Convention, convention_of
from memberpack.model.grid import Grid, GridRow
from memberpack.model.metrics import match_metric, spelled_out
from memberpack.model.monitor_columns import earlier_of, full_year, latest_first
from memberpack.model.observation import DATA, OPEN_STATISTICS, SUBTOTAL, TIME_SERIES, Dataset, Observation
from memberpack.model.periods import CALENDAR_MONTH, HALF, MONTH, QUARTER, parse_period
from memberpack.model.units import COUNT, GBP
from memberpack.model.unlike_lines import unlike_reason
from memberpack.model.values import as_written

FLAG_LETTERS = {"adverse": "A", "favourable": "(F)"}
MAX_BARS = 30   # a bar chart shows at most this many bars, the largest: a ledger has thousands of rows
_NO_FIGURE = {None, "blank", "text"}
_CARRIED = re.compile(r"carr(y|ied)\s*forward|c/f|closing balance|balance c/?f", re.I)


def source_line(ds: Dataset) -> str:
    """Where the figures are, the table's own notes under its title (its source, "figures are
    provisional"), and its percentages written as fractions that the officer said are."""
    notes = "".join(f". {n.rstrip('.')}" for n in ds.report.get("notes") or [] if isinstance(n, str))
    return f"Source: {ds.source_file}, sheet {ds.sheet}, cells {ds.cell_range}{notes}{_fractions_note(ds.layout)}"


def _fractions_note(layout: dict) -> str:
    """``. 'Attendance %' written as fractions, read as percentages as the officer said with --fractions
    on 07/12/2026``, where the officer said so; else nothing."""
    names, said = layout.get("fractions"), layout.get("fractions_said")
    if not names or not isinstance(names, list) or not isinstance(said, str) or not said:
        return ""
    named = ", ".join(repr(n) for n in names[:3] if isinstance(n, str)) + (
        f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f". {named} written as fractions, read as percentages {officer_said(said, layout.get('fractions_recalled') is True)}"


def money_text(value: float | None) -> str:
    """£ figures where no table gives the scale: £1.18bn, £12.4m, £650k, £980; negatives in brackets."""
    if value is None:
        return "–"
    size = abs(value)
    text = (f"£{size / 1e9:,.2f}bn" if round(size / 1e9, 2) >= 1 else f"£{size / 1e6:,.1f}m" if size >= 1e6
            else f"£{size / 1e3:,.0f}k" if size >= 1e4 else f"£{size:,.0f}")
    return f"({text})" if value < 0 else text


def money_scales(conv: Convention, values: Iterable[float | None]) -> tuple[Convention, Convention]:
    """The scales a money chart is written in: its axis's, the table's but £m where its largest
    figure reaches a million (an axis to 130,000,000, or to 229,113 in £k, is not read at a glance);
    and its figures', as a sentence writes them (:func:`one_register`: £696k beside £130.0m)."""
    sizes = [abs(v) for v in values if v is not None]
    figures = one_register(conv, sizes)
    if conv.scale < 1e6 and round(max(sizes, default=0.0) / 1e6, 1) >= 1:
        return replace(conv, scale=1e6, decimals=1), figures
    return conv, figures


def point_text(value: float | None, unit: str | None, spec: ChartSpec | None = None) -> str:
    """A chart point as the table shows it: money as a sentence writes it in the chart's figures' scale
    (£479k, £130.0m), nothing as £0 (a service on budget is no £0.0m), 38.9%, 53.7, 1,050."""
    if unit == GBP and value == 0:
        return "£0"
    return tick_text(value, unit, spec)


def tick_text(value: float | None, unit: str | None, spec: ChartSpec | None = None) -> str:
    """A value axis's tick: as :func:`point_text`, its zero in the axis's scale too (£0m beside £50m)."""
    if value is None:
        return "–"
    if unit == GBP:
        if spec is None:
            return money_text(value)
        return signed_money(value, Convention(scale=spec.figure_scale or spec.scale, decimals=spec.decimals))
    decimals = spec.decimals if spec is not None else (0 if float(value).is_integer() else 1)
    if unit == PERCENT_UNIT:
        return f"{value:,.{decimals}f}%"
    return f"{value:,.{decimals}f}"


PERCENT_UNIT = "percent"


def flag_text(status: str | None, spec: ChartSpec) -> str:
    """The letter or word beside a bar: A/(F) in a budget monitor, deficit/surplus in a DSG table."""
    if status not in ("adverse", "favourable"):
        return ""
    if spec.y_label.startswith("Surplus"):
        return "deficit" if status == "adverse" else "surplus"
    return FLAG_LETTERS[status]


def is_balance(spec: ChartSpec) -> bool:
    """Whether a chart's bars are a balance carried forward (a DSG surplus/(deficit) at the year end):
    no variance, so its figures carry no A/(F)."""
    return spec.kind == BAR and bool(spec.series) and bool(_CARRIED.search(spec.series[0].name))


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


def active_title(spec: ChartSpec) -> str:
    """The chart's title, which says what it shows (written by the narrative layer)."""
    return spec.title


# --- money ---------------------------------------------------------------------------------------
_NET = re.compile(r"\bnet\b", re.IGNORECASE)   # "REVISED BUDGET Net £" beside its Expenditure, Income, Reserves


def metric_column(grid: Grid, metric_id: str) -> str | None:
    """The money column of a metric stating the current full year (:func:`full_year`,
    :func:`latest_first`): not an original budget beside its revised one, a year-to-date variance
    beside the forecast's, nor last month's forecast beside this month's; and the net one where the
    metric is split into expenditure, income and net (the variance and forecast such a table is
    judged by are net, so its budget must be too)."""
    found = latest_first(grid, [m for m in grid.measures if match_metric("", m, "GBP").id == metric_id])
    return full_year([m for m in found if _NET.search(m)] or found)


_ALLOCATION = re.compile(r"\ballocation\b", re.IGNORECASE)


def budget_column(grid: Grid) -> str | None:
    """The current full-year budget column (:func:`metric_column`); a grant's allocation
    (``2024/25 DSG Allocation``) where the monitor has no budget column."""
    return metric_column(grid, "fin_budget_current") or next(
        (m for m in grid.measures if _ALLOCATION.search(m) and _money(grid, m)), None)


def _money(grid: Grid, measure: str) -> bool:
    return any(r.cells.get(measure) is not None and r.cells[measure].unit == GBP for r in grid.rows)


def money_measure(grid: Grid, conv: Convention) -> str | None:
    """The column a money table is judged by: the surplus/(deficit) carried forward where a DSG
    table has one, else the variance."""
    if conv.positive == SURPLUS:
        carried = next((m for m in grid.measures if _CARRIED.search(m) and _money(grid, m)), None)
        if carried:
            return carried
    variance = metric_column(grid, "fin_variance")
    if variance and _money(grid, variance):
        return variance
    return full_year(latest_first(grid, [m for m in grid.measures if re.search(r"variance", m, re.I) and _money(grid, m)]))


_SLIPPAGE = re.compile(r"\b(?:slippage|slipped|re-?profil(?:ed|ing)|carry\s+forward\s+to)\b", re.IGNORECASE)


def slipped(grid: Grid, conv: Convention) -> str:
    """What a capital programme's slippage column says of its underspend: spending moved to a later
    year, not saved (``Slippage / Reprofiling to 2025/26: £6,970k in all, ...``)."""
    column = next((m for m in grid.measures if _SLIPPAGE.search(m) and _money(grid, m)), None)
    if column is None:
        return ""
    total = net_value(grid, column)
    return f"{column}: {money(total, conv)} in all, spending moved to a later year rather than saved." if total else ""


_VARIANCE = re.compile(r"variance", re.IGNORECASE)
# a monitor whose figures are forecast for the year end ("Full Year Projection", "Forecast carry forward")
_FORECASTING = re.compile(r"forecast|projection|projected", re.IGNORECASE)


def _money_chart(ds: Dataset, grid: Grid) -> ChartSpec | None:
    conv = convention_of(ds, grid)
    grid = grid.costs()
    measure = money_measure(grid, conv)
    if measure is None:
        return None
    rows = [r for r in grid.rows if r.role == DATA and r.value(measure) is not None]
    if not rows:
        return None
    values = [r.value(measure) for r in rows]
    statuses = [None if is_reserve_transfer(r) else "adverse" if conv.adverse(v) else "favourable" if v else None
                for r, v in zip(rows, values)]
    period = grid.column_period(measure) or ds.period
    carried = bool(_CARRIED.search(measure))
    forecast = "forecast " if any(_FORECASTING.search(m) for m in grid.measures) else ""   # not yet spent
    story = budget_story(grid, measure, conv, period, budget_column(grid),
                         metric_column(grid, "fin_variance_movement"),
                         what=forecast + ("in-year " if conv.positive == SURPLUS and not carried else ""),
                         tail=" carried forward" if carried else "",
                         earlier=earlier_of(grid, measure, [m for m in grid.measures if _VARIANCE.search(m)]))
    repeated = repeated_labels(rows)
    worst = 1.0 if conv.adverse(1.0) else -1.0   # the biggest overspend (or deficit) first
    order = bar_order([r.label for r in rows], values, lambda v: -worst * v)
    rows, values, statuses = [rows[i] for i in order], [values[i] for i in order], [statuses[i] for i in order]
    kind = "Surplus/(deficit)" if conv.positive == SURPLUS else "Variance"
    axis, figures = money_scales(conv, values)
    return ChartSpec(
        id=f"{ds.key}#variance", kind=BAR, title=story.title,
        summary=" ".join(filter(None, (story.summary, slipped(grid, conv), conv.key))),
        categories=[row_name(r, repeated) for r in rows],
        series=[Series(measure, values, DATA_SERIES, statuses, [r.cells[measure].cell for r in rows])],
        unit=GBP, source=source_line(ds), dataset_key=ds.key, y_label=f"{kind}, {axis.unit_text}",
        x_label="", scale=axis.scale, figure_scale=figures.scale,
        decimals=figures.decimals if figures.scale != 1.0 else 0,
        y_range=value_range(values))


# --- series --------------------------------------------------------------------------------------
def _period_columns(grid: Grid) -> list[str]:
    """The columns of a period's figures: not a target set for a period (``Target 2024/25``), nor,
    beside two of our own, a comparator's (``England 2023/24`` beside ``Somerset 2022/23``, ``2023/24``)."""
    found = [m for m in grid.measures if parse_period(m) is not None and not is_target(m)]
    own = [m for m in found if not is_comparator(m)]
    return own if len(own) >= 2 else found


def _unit(row: GridRow, periods: list[str]) -> str | None:
    """A row's unit; where the source states none, a count if its figures are whole numbers and its
    metric is not a score (an Attainment 8 gap is in points): a count too where the metric is a
    percentage the row does not state (``Issued within 20 weeks`` beside ``% issued within 20 weeks``)."""
    cells = [row.cells[p] for p in periods if p in row.cells]
    stated = next((c.unit for c in cells if c.unit), None)
    if stated or not cells or is_comparator(row.label):
        return stated
    return _unstated_unit(row.label, cells)


def _unstated_unit(name: str, cells: list[Observation]) -> str | None:
    """A count where the figures named ``name`` state no unit, are whole numbers and measure no
    known score or percentage the name does not state; else no unit."""
    known = match_metric(name, None, None)
    whole = all(float(c.value).is_integer() for c in cells if c.value is not None)
    counted = known.unit == COUNT or known.id == "other" or known.unit == PERCENT_UNIT and "%" not in name
    return COUNT if whole and counted else None


def _mark(c: Observation | None) -> str:
    """What a chart writes at a point: the source's mark where it has no figure (``DNA``), and a
    figure it wrote as not sure (``c. 580``, ``5,400 [e]``, ``395?``) as written."""
    if c is None:
        return ""
    if (c.value is None and c.status not in _NO_FIGURE) or as_written(c.value, c.display, c.status):
        return c.display
    return ""


def _series(row: GridRow, periods: list[str], role: str, name: str | None = None) -> Series:
    cells = [row.cells.get(p) for p in periods]
    return Series(name or row.label, [c.value if c else None for c in cells], role, [],
                  [c.cell if c else "" for c in cells], [_mark(c) for c in cells])


def _points(row: GridRow, periods: list[str], names: list[str]) -> list[tuple[str, float]]:
    return [(row.cells[p].period or name, row.value(p)) for p, name in zip(periods, names)
            if row.value(p) is not None]


def _written(row: GridRow, periods: list[str], names: list[str]) -> dict[str, str]:
    """A row's figures to quote as the source wrote them, by the period :func:`_points` names."""
    cells = [(row.cells.get(p), name) for p, name in zip(periods, names)]
    return {(o.period or name): o.display for o, name in cells
            if o is not None and o.value is not None and as_written(o.value, o.display, o.status)}


def _weight(row: GridRow, periods: list[str], names: list[str]) -> tuple[int, float]:
    """How much a row is news: got worse (by its metric's polarity) before merely moved, then by
    the share of its earlier figure it moved."""
    points = _points(row, periods, names)
    if len(points) < 2:
        return (0, 0.0)
    (_, before), (_, after) = points[-2], points[-1]
    share = abs(after - before) / abs(before) if before else abs(after - before)
    judged = verdict(before, after, polarity_of(row, row.cells[periods[0]] if periods[0] in row.cells else None))
    return (2 if judged == "worse" else 1, share)


def _lead(rows: list[GridRow], periods: list[str], names: list[str]) -> GridRow:
    """The row to speak of first: the one that is most news (:func:`_weight`)."""
    return max(rows, key=lambda row: _weight(row, periods, names))


def _chunks(groups: list[list[GridRow]]) -> list[list[GridRow]]:
    """Groups of rows (a measure and its benchmarks) packed into charts of at most MAX_LINES lines."""
    out: list[list[GridRow]] = []
    for group in groups:
        if out and len(out[-1]) + len(group) <= MAX_LINES:
            out[-1] += group
        else:
            out.append(list(group[:MAX_LINES]))
    return out


def _by_unit(rows: list[GridRow], periods: list[str]) -> dict[str | None, list[list[GridRow]]]:
    """Rows grouped by unit, each measure with the benchmark rows that follow it."""
    units: dict[str | None, list[list[GridRow]]] = {}
    late: list[GridRow] = []

    def mean(row: GridRow) -> float:
        values = [row.value(p) for p in periods if row.value(p) is not None]
        return sum(values) / len(values)

    for row in rows:
        unit = _unit(row, periods)
        if is_comparator(row.label) and unit is None:
            late.append(row)      # placed beside the measure of its size, below
        elif is_comparator(row.label) and units.get(unit):
            units[unit][-1].append(row)
        else:
            units.setdefault(unit, []).append([row])
    for row in late:
        groups = [g for gs in units.values() for g in gs]
        if groups:
            min(groups, key=lambda g: abs(mean(g[0]) - mean(row))).append(row)
        else:
            units.setdefault(None, []).append([row])
    return units


def _year_series_chart(ds: Dataset, grid: Grid, rows: list[GridRow], periods: list[str]) -> ChartSpec:
    """Rows that are years of monthly figures: the latest year against the same month a year before."""
    current, previous = rows[-1], rows[-2]
    unit = _unit(current, periods)
    cells = [o for r in rows for o in r.cells.values()]
    decimals = decimals_of([o.display for o in cells], [o.value for o in cells])
    column = next(p for p in reversed(periods) if current.value(p) is not None)
    shown = [o for o in (previous.cells.get(column), current.cells.get(column))
             if o is not None and o.value is not None]
    points = [(o.period or column, o.value) for o in shown]
    written = {(o.period or column): o.display for o in shown if as_written(o.value, o.display, o.status)}
    name = re.sub(r"\s*\d{4}\s*[-/]\s*\d{2,4}\s*$", "", current.label) or ds.name
    story = trend_story(name, points, unit, polarity_of(current, current.cells.get(column)), decimals,
                        written=written)
    series = [_series(r, periods, DATA_SERIES if r is current else EARLIER) for r in rows[-MAX_LINES:]]
    values = [v for s in series for v in s.values if v is not None]
    return ChartSpec(id=f"{ds.key}#series", kind=LINE, title=story.title, summary=story.summary,
                     categories=list(periods), series=series, unit=unit, source=source_line(ds),
                     dataset_key=ds.key, y_label=unit_title(unit, names=[r.label for r in rows]), x_label="Month",
                     decimals=decimals,
                     y_range=value_range(values),
                     left_out=left_out_text([r.label for r in rows[:-MAX_LINES]], "older years"))


# what a period column's header may say besides its period ("Year-End 2019/20", "Month 6", "Q1 2020/21")
_PERIOD_WORDS = re.compile(
    r"(?i)\b(?:\d{1,4}(?:[/-]\d{1,4})?|q[1-4]|quarters?|months?|years?|end|to|at|as|of|on|the|financial|academic|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b|[^\w\s]")


def _series_columns(grid: Grid) -> list[str] | None:
    """The period columns as a series, earliest first (a table that puts its latest year first is
    turned round, so every "from … to …" runs forward in time); None where they are not one: two
    columns of one period ("2017 Income", "2017 Net Expenditure" are two measures of 2017) or
    periods out of order ("at 31 March 2015" beside "2014" beside "March 2014")."""
    periods = _period_columns(grid)
    names = [grid.column_period(p) or p for p in periods]
    if len(periods) < 2 or len(set(names)) < len(names):
        return None
    stems = {tuple(_PERIOD_WORDS.sub(" ", p).casefold().split()) for p in periods}
    if len(stems) > 1 and any(len(stem) > 2 for stem in stems):
        return None   # measures that each mention a date ("looked after at 31 March", "aged 5 at 31 March 2014")
    parsed = [parse_period(name) for name in names]
    ends = [p.span()[1] for p in parsed if p is not None and p.year is not None]
    if len(ends) < len(names) or ends == sorted(ends):   # months with no year (Sep..Jan) keep the source's order
        return periods
    return periods[::-1] if ends == sorted(ends, reverse=True) else None


def _measured(periods: list[str]) -> list[str]:
    """The period columns of figures measured, those projected from the trend beyond them left out
    (a trend told to 2020/21 from a file of 2018 would tell a change that has not happened)."""
    kept = [p for p in periods if not _PROJECTED.search(p)]
    return kept if len(kept) >= 2 else periods


def _reported(grid: Grid, periods: list[str]) -> list[str]:
    """The periods less the last ones no row has a figure or mark for (a Q3 scorecard's blank Q4
    column: no empty place at the end of every chart, as though its figure were missing)."""
    def written(period: str) -> bool:
        return any((o := r.cells.get(period)) is not None and (o.value is not None or o.display.strip())
                   for r in grid.rows)

    end = len(periods)
    while end > 2 and not written(periods[end - 1]):
        end -= 1
    return periods[:end]


def _periods_down(grid: Grid) -> Grid | None:
    """A table of periods down its rows (a monthly return: ``Apr-24``, ``May-24`` ... then ``YTD``,
    ``Target``) turned round, each measure a row over the periods, the rows that are no period left
    out; None where most rows are not periods."""
    rows = [r for r in grid.rows if r.role == DATA and any(o.value is not None for o in r.cells.values())]
    dated = [r for r in rows if not is_comparator(r.label) and parse_period(r.label) is not None]
    if len(dated) < 3 or len(dated) * 2 <= len(rows) or len({r.label for r in dated}) < len(dated):
        return None
    turned = [GridRow(m, None, DATA, {r.label: r.cells[m] for r in dated if m in r.cells}) for m in grid.measures]
    return Grid([r.label for r in dated], [r for r in turned if any(o.value is not None for o in r.cells.values())])


def _series_across(grid: Grid) -> Grid | None:
    """A long export (each indicator a row a period: ``Period | Indicator | Actual | Target``) turned
    round, each indicator a row over its periods by its first measure that is no target nor
    benchmark; None where most rows are no such series."""
    series = grid.dated_series()
    data = [r for r in grid.rows if r.role == DATA]
    if not series or sum(map(len, series)) * 2 <= len(data):
        return None
    measure = _across_measure(grid)
    if measure is None:
        return None
    turned = [GridRow(rows[0].label, rows[0].section, DATA,
                      {row.cells[measure].period: row.cells[measure] for row in rows if measure in row.cells})
              for rows in series]
    periods = {p for row in turned for p in row.cells}
    return Grid(sorted(periods, key=parse_period), turned)


def _across_measure(grid: Grid) -> str | None:
    """The measure a long export's series are drawn by: its first with figures that is no target
    nor benchmark."""
    return next((m for m in grid.measures if not is_target(m) and not is_comparator(m)
                 and any(r.value(m) is not None for r in grid.rows if r.role == DATA)), None)


def _measure_rows(grid: Grid) -> list[GridRow]:
    """The rows a chart draws: the data rows, and a total that totals no row, neither above it
    (since the last total) nor below it (a total leading its parts): a table of CLA suspensions whose
    rows are "Total Fixed Term Exclusions (suspensions)" and "Total no of Children Young People
    excluded" measures two things, which had been left out of its chart and its sentence."""
    out, summed = [], False   # summed: rows above since the last total, that a total could add up
    for i, row in enumerate(grid.rows):
        if row.role == DATA:
            out.append(row)
            summed = True
        elif not summed and not _leads_its_parts(grid.rows, i):
            out.append(row)
        else:
            summed = summed and row.role == SUBTOTAL
    return out


def _leads_its_parts(rows: list[GridRow], i: int) -> bool:
    """Whether the total ``rows[i]`` is the sum of the data rows below it, up to the next total."""
    below = []
    for row in rows[i + 1:]:
        if row.role != DATA:
            break
        below.append(row)
    return bool(below) and all(abs(sum(r.value(m) or 0.0 for r in below) - value) <= max(1.0, abs(value) / 100)
                               for m, o in rows[i].cells.items() if (value := o.value) is not None)


def _series_charts(ds: Dataset, grid: Grid, periods: list[str], of: str = "",
                   not_drawn: list[str] = ()) -> list[ChartSpec]:
    """The line charts of a table's rows over its periods; ``of`` names the measure they draw where
    the rows are areas of a long export that has others (``not_drawn``), which the sentence names."""
    rows = _measure_rows(grid)
    numeric = [r for r in rows if any(r.value(p) is not None for p in periods)]
    if not numeric:
        return []
    years = [r for r in numeric if not is_comparator(r.label) and parse_period(r.label)]
    if ds.kind == TIME_SERIES and len(years) >= 2 and len(years) == len(numeric):
        return [_year_series_chart(ds, grid, years, periods)]
    names = [grid.column_period(p) or p for p in periods]
    conv = convention_of(ds, grid) if any(_unit(r, periods) == GBP for r in numeric) else None
    no_figures = [r.label for r in rows if r not in numeric and any(p in r.cells for p in periods)]
    total = net_row(grid)
    charts: list[tuple[tuple[int, float], ChartSpec]] = []
    chunks = [(unit, chunk) for unit, groups in _by_unit(numeric, periods).items() for chunk in _chunks(groups)]
    for n, (unit, chunk) in enumerate(chunks):
        own = [r for r in chunk if not is_comparator(r.label)] or chunk
        lead = _lead(own, periods, names)
        cells = [o for r in chunk for p in periods for o in [r.cells.get(p)] if o]
        decimals = decimals_of([o.display for o in cells], [o.value for o in cells])
        story = trend_story(", ".join(filter(None, (full_label(lead, grid.rows), of))),
                            _points(lead, periods, names), unit,
                            polarity_of(lead, lead.cells.get(periods[-1])), decimals, conv,
                            _written(lead, periods, names))
        if n == 0 and total is not None and _unit(total, periods) == unit \
                and len(_points(total, periods, names)) > 1:
            told = trend_story(full_label(total, grid.rows), _points(total, periods, names), unit,
                               polarity_of(total, total.cells.get(periods[-1])), decimals, conv,
                               _written(total, periods, names))   # the whole first: reserves, then one reserve
            story = Story(told.title, f"{told.summary} {story.summary}")
        others = [spelled_out(full_label(r, grid.rows)) for r in own if r is not lead]
        summary = story.summary + (f" Also drawn: {'; '.join(others)}." if others and len(others) <= 2 else
                                   f" Also drawn: {len(others)} more measures, named in the chart's key."
                                   if others else "")
        series = [_series(r, periods, BENCHMARK if is_comparator(r.label) else DATA_SERIES) for r in chunk]
        values = [v for s in series for v in s.values if v is not None]
        axis, figures = money_scales(conv, values) if conv and unit == GBP else (None, None)
        charts.append((_weight(lead, periods, names), ChartSpec(
            id=f"{ds.key}#series" + (f"-{n + 1}" if n else ""), kind=LINE, title=story.title, summary=summary,
            categories=names, series=series, unit=unit, source=source_line(ds), dataset_key=ds.key,
            y_label=unit_title(unit, axis, [r.label for r in chunk]), x_label="Period",
            scale=axis.scale if axis else 1.0, figure_scale=figures.scale if figures else 0.0,
            decimals=figures.decimals if figures and figures.scale != conv.scale else decimals,
            y_range=value_range(values))))
    ordered = [spec for _w, spec in sorted(charts, key=lambda pair: pair[0], reverse=True)]  # worst news first
    if ordered and no_figures:
        ordered[-1].left_out = left_out_text(no_figures, "no figures in these periods")
    if ordered and not_drawn:
        ordered[0].left_out = " ".join(filter(None, (
            left_out_text(list(not_drawn), "one measure per chart; the table has them all"), ordered[0].left_out)))
    apart, why = _apart(names)
    for spec in ordered if apart else ():
        spec.apart, spec.left_out = apart, " ".join(filter(None, (spec.left_out, why)))
    return ordered


_SHORTER = {QUARTER: "quarters", HALF: "half-years", MONTH: "months", CALENDAR_MONTH: "months"}


def _apart(names: list[str]) -> tuple[int, str]:
    """How many of the first periods are longer than the rest, which are all of one kind (last
    year's outturn before this year's quarters), and the line saying so: a line from the year's
    figure to the first quarter's would show a fall that never happened."""
    periods = [parse_period(n) for n in names]
    lengths = [p.span()[1] - p.span()[0] if p is not None and p.year is not None else None for p in periods]
    first = next((i for i, n in enumerate(lengths) if n != lengths[0]), 0)
    kinds = {p.kind for p in periods[first:] if p is not None}
    if not first or lengths[0] is None or None in lengths[first:] or len(kinds) != 1 \
            or not kinds <= _SHORTER.keys() or lengths[0] <= max(lengths[first:]):
        return 0, ""
    whose = "a whole year's" if lengths[0] == 11 else "a longer period's"
    return first, (f"{' and '.join(names[:first])}: {whose} figure{'s' if first > 1 else ''}, "
                   f"not joined by the line to the {_SHORTER[kinds.pop()]}.")


# --- breakdowns ----------------------------------------------------------------------------------
_TOTAL_COLUMN = re.compile(r"\s*(?:grand\s+)?total\b.*", re.IGNORECASE)


_SHORTFALL = re.compile(r"\b(?:shortfall|under[\s-]*delivery|(?:savings?\s+)?at\s+risk)\b", re.IGNORECASE)
# a nation's row among its councils' (Scotland's under the 32 councils): the whole, not one of them
_NATION = re.compile(r"\s*(?:england|scotland|wales|northern\s+ireland|england\s+and\s+wales|great\s+britain|"
                     r"united\s+kingdom|uk)\s*", re.IGNORECASE)
# a class of authority's row under the councils' and England's (a revenue outturn's class breakdown):
# a sum of them ("Police" alone is one only there: a council tax bill's police precept is a line of its own)
_AUTHORITY_CLASS = re.compile(r"\s*(?:all\s+)?(?:unitary\s+authorities|shire\s+(?:districts|counties)|"
                              r"metropolitan\s+(?:districts|boroughs)|london\s+boroughs|national\s+park\s+authorities|"
                              r"fire\s+(?:and|&)\s+rescue\s+authorities|combined\s+authorities|waste\s+authorities|"
                              r"single\s+tier\s+(?:and\s+county\s+councils|authorities)|county\s+councils|police|"
                              r"(?:other\s+)?fire\s+authorities|gla|greater\s+london\s+authority)\s*",
                              re.IGNORECASE)
# a figure of years still to come, worked out from the trend ("Child Poverty_Projected_2020/21"): no outcome yet
_PROJECTED = re.compile(r"(?:\b|_)(?:projected|projections?)(?:\b|_)", re.IGNORECASE)


def _breakdown_measure(grid: Grid, rows: list[GridRow]) -> str | None:
    """The measure a breakdown is drawn by: a shortfall against its target first (a savings
    tracker's, not its forecast delivery), then a known indicator in percent, then any known
    indicator, then a percentage or the columns' total (an aged debt's, not its first band), then
    the latest of columns that are periods (not the oldest year of a year-on-year table, nor a year
    projected beyond the figures), then the first column with figures (not a count of pupils on roll).
    A column whose figures are all the same (a year not yet filled in, all 0) ranks nothing: it comes last."""
    usable = [m for m in grid.measures if sum(r.value(m) is not None for r in rows) >= 2]

    def rank(m: str) -> tuple[bool, int, int, bool, int, int]:
        cells = [r.cells[m] for r in rows if m in r.cells and r.cells[m].value is not None]
        known = any(c.metric_id != "other" for c in cells) and match_metric("", m, cells[0].unit).id != "other"
        percent = cells[0].unit == PERCENT_UNIT or bool(_TOTAL_COLUMN.fullmatch(m))
        period = parse_period(grid.column_period(m) or m)
        end = period.span()[1] if period is not None and period.year is not None else 0
        same = len({c.value for c in cells}) == 1
        return (same, not _SHORTFALL.search(m), -(2 * known + percent), bool(_PROJECTED.search(m)), -end,
                usable.index(m))

    return min(usable, key=rank) if usable else None


def _closing_balance(ds: Dataset, grid: Grid, rows: list[GridRow]) -> str | None:
    """The closing balance where a table has an opening and a closing one (a reserves statement):
    what a member asks of a reserve is where it ends, not where it began; None where it has no pair."""
    balances = [m for m in balance_columns(ds, grid) if sum(r.value(m) is not None for r in rows) >= 2]
    return balances[-1] if len(balances) >= 2 else None


def _latest_rows(rows: list[GridRow], measure: str) -> tuple[list[GridRow], str | None]:
    """A long table's rows of its latest period only, and that period, where the same rows come again
    for each period (every council each year): the highest and the lowest are then of one year, not
    one council's worst year against another's best. The rows as they are, and None, otherwise."""
    periods = {r.cells[measure].period for r in rows}
    parsed = {p: parse_period(p) for p in periods if p}
    if len(periods) < 2 or len(parsed) < len(periods) or any(p.year is None for p in parsed.values()) \
            or len({r.label for r in rows}) == len(rows):
        return rows, None
    latest = max(parsed, key=lambda p: parsed[p].span()[1])
    return [r for r in rows if r.cells[measure].period == latest], latest


def _breakdown_chart(ds: Dataset, grid: Grid) -> ChartSpec | None:
    if unlike_reason(r.label for r in grid.rows):   # balances and movements, limits and debt: no whole
        return None
    rows = [r for r in grid.rows if r.role == DATA]
    measure = _closing_balance(ds, grid, rows) or _breakdown_measure(grid, rows)
    if measure is None:
        return None
    rows, latest = _latest_rows([r for r in rows if r.value(measure) is not None], measure)
    unit = Counter(r.cells[measure].unit for r in rows if r.cells[measure].unit).most_common(1)
    unit = unit[0][0] if unit else _unstated_unit(measure, [r.cells[measure] for r in rows])
    other_units = [r.label for r in rows if r.cells[measure].unit not in (unit, None)]
    rows = [r for r in rows if r.cells[measure].unit in (unit, None)]   # rates beside percentages: not one chart
    own = [r for r in rows if not is_comparator(r.label) and not _NATION.fullmatch(r.label)]
    if len(own) < len(rows):   # a table of areas: its classes of authority are sums of its councils too
        own = [r for r in own if not _AUTHORITY_CLASS.fullmatch(r.label)]
    comparators = [r.label for r in rows if r not in own] if len(own) >= 2 else []
    if comparators:   # England's, the region's and classes' rows among the councils': not the highest of them
        rows = own
    if len(rows) < 2:
        return None
    conv = convention_of(ds, grid) if unit == GBP else None
    period = latest or grid.column_period(measure) or ds.period
    named = re.sub(r"\s*\b\d{4}\s*[-/]\s*\d{2,4}\b", "", ds.name).strip(" :-") \
        if parse_period(measure) and not names_a_measure(measure) or names_only_unit(measure) else measure if latest else ""
    lines = statement_rows(rows) if unit == GBP else None
    if lines and conv.adverse(lines[2].value(measure)) == (lines[1].value(measure) > lines[0].value(measure)):
        earlier = [(grid.column_period(m) or m, value) for m in grid.measures
                   if m != measure and parse_period(m) and (value := lines[2].value(m)) is not None]
        story = statement_story(lines, measure, conv, period, earlier)
    else:
        story = breakdown_story(rows, measure, unit, net_row(grid), period, conv, named or "")
    skipped = [m for m in grid.measures if m != measure and any(r.value(m) is not None for r in grid.rows)]
    repeated = repeated_labels(rows)
    if not lines and not any(r.section for r in rows):   # a statement's lines, a table's groups: their own order
        spent = all((r.value(measure) or 0.0) <= 0 for r in rows)   # spending in brackets: the most negative first
        rows = [rows[i] for i in bar_order([r.label for r in rows], [r.value(measure) for r in rows],
                                           (lambda v: v) if spent else (lambda v: -v))]
    values = [r.value(measure) for r in rows]
    axis, figures = money_scales(conv, values) if conv else (None, None)
    return ChartSpec(id=f"{ds.key}#breakdown", kind=BAR, title=story.title, summary=story.summary,
                     categories=[row_name(r, repeated) for r in rows],
                     series=[Series(measure, values, DATA_SERIES, [], [r.cells[measure].cell for r in rows])],
                     unit=unit, source=source_line(ds), dataset_key=ds.key,
                     y_label=_axis_title(measure, unit, axis),
                     scale=axis.scale if axis else 1.0, figure_scale=figures.scale if figures else 0.0,
                     decimals=(figures.decimals if figures.scale != 1.0 else 0) if figures
                     else decimals_of([r.cells[measure].display for r in rows], [r.cells[measure].value for r in rows]),
                     y_range=value_range(values),
                     left_out=" ".join(filter(None, (
                         left_out_text(skipped, "one measure per bar chart; the table has them all"),
                         left_out_text(other_units, "in another unit"),
                         left_out_text(comparators, "comparators, not ranked with the rest")))))


def _axis_title(measure: str, unit: str | None, conv: Convention | None) -> str:
    """A breakdown's value axis: its measure and unit (``Live births, number``), the unit alone
    where the header names nothing else (``£000s`` is ``£k``, not ``£000s, £k``); a money header's own
    unit left to the axis's (``Budget £000s`` drawn in £m is ``Budget, £m``)."""
    if unit == PERCENT_UNIT:
        return measure
    if names_only_unit(measure):
        return unit_title(unit, conv)
    named = without_unit(measure) if unit == GBP else measure   # "Budget £000s" drawn in £m: "Budget, £m"
    return f"{named}, {unit_title(unit, conv, [measure])}"


def charts_for(ds: Dataset, observations: list[Observation]) -> list[ChartSpec]:
    """The charts worth drawing for one dataset (possibly none: :func:`table_summary` says why)."""
    if ds.kind == OPEN_STATISTICS:  # every authority's figures: shown through comparisons instead
        return []
    grid = Grid.of(observations)
    conv = convention_of(ds, grid)
    if money_measure(grid, conv) is not None:
        chart = _money_chart(ds, grid)
        return [chart] if chart else []
    periods = _series_columns(grid)
    if periods is not None:
        return _series_charts(ds, grid, _reported(grid, _measured(periods)))
    turned = _periods_down(grid)
    if turned is not None and (periods := _series_columns(turned)) is not None:
        return _series_charts(ds, turned, periods)
    turned = _series_across(grid)
    if turned is not None and (periods := _series_columns(turned)) is not None:
        drawn = _across_measure(grid)
        others = [m for m in grid.measures if m != drawn and not is_target(m) and not is_comparator(m)
                  and any(r.value(m) is not None for r in grid.rows)   # a KPI's Actual beside its Target: no choice
                  and not _codes_rows(grid, m)]
        return _series_charts(ds, turned, periods, drawn if others else "", others)
    chart = _breakdown_chart(ds, grid)
    return [chart] if chart else []


def _codes_rows(grid: Grid, measure: str) -> bool:
    """Whether a column's figures are a code of their row rather than a measure of it: whole numbers,
    one to each row label in every period and a different one to each (``ModelCalculation`` 0, 1 and 4
    beside the highest, median and lowest pay, year after year)."""
    codes: dict[str, float] = {}
    repeated = False
    for row in grid.rows:
        value = row.value(measure)
        if value is None:
            continue
        if not float(value).is_integer() or codes.get(row.label, value) != value:
            return False
        repeated = repeated or row.label in codes
        codes[row.label] = value
    return repeated and len(set(codes.values())) == len(codes)


def table_summary(ds: Dataset, specs: list[ChartSpec], observations: Iterable[Observation] = ()) -> str:
    """The one line said about a table: its first chart's summary, or why it has no chart."""
    if ds.kind == OPEN_STATISTICS:
        return "Every area's figures: shown as how we compare, not as a chart."
    if specs:
        return specs[0].summary
    if reason := unlike_reason({o.label for o in observations}):
        return f"No chart: {reason}."
    return "No chart: the table has fewer than two figures in any one column to draw."


def without_repeats(drawn: list[ChartSpec], more: list[ChartSpec | None]) -> list[ChartSpec | None]:
    """``more`` with any chart already ``drawn`` (the same figures for the same periods) left out,
    so a table and its "how we compare" do not draw one chart twice."""
    seen = {(tuple(s.values), tuple(spec.categories)) for spec in drawn for s in spec.series}
    return [None if spec is not None and all((tuple(s.values), tuple(spec.categories)) in seen
                                              for s in spec.series if any(v is not None for v in s.values))
            else spec for spec in more]
