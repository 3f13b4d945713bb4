"""What a councillor wants first: the budget position, reserves and deficits (the DSG High Needs
deficit, in-year and carried forward), what is red (with its amount, grouped by table and period),
what moved, what got worse, what members noted or asked, and what changed since the previous
import of each table. The words come from :mod:`memberpack.analysis.narrative`, so each line reads
its table's sign convention and scale; each item keeps its source cell, so it opens its own row.

Comparators (England, region and statistical-neighbour rows, ``Benchmark: <name>`` columns) are
not the council's own measures, so they never count as having got worse; adverse movements come
from the latest budget monitoring period only, so two years' monitors are not mixed."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from memberpack.analysis.annotation_targets import TargetResolver, figure_text, measure_role
from memberpack.analysis.balances import balance_columns, is_reserves, opening_and_closing
from memberpack.analysis.benchmark_text import is_comparator, is_target
from memberpack.analysis.charts import budget_column, metric_column, money_measure, slipped
from memberpack.analysis.narrative import (and_list, change_text, decimals_of, doubt_line, like_latest, money,
                                           names_a_measure, net_row, polarity_of, repeated_labels, share_text,
                                           signed_money, verdict)
from memberpack.model.annotations import OBSERVATION, SHARED
from memberpack.model.conventions import SURPLUS, Convention, convention_of
from memberpack.model.display import figure_text as printed
from memberpack.model.grid import Grid, GridRow
from memberpack.model.metrics import HIGHER, LOWER, match_metric, spelled_out
from memberpack.model.monitor_columns import earlier_of
from memberpack.model.observation import DATA, SUBTOTAL, TIME_SERIES, TOTAL, Dataset, Observation
from memberpack.model.periods import YEAR, parse_period
from memberpack.model.short_text import shortened
from memberpack.model.units import GBP
from memberpack.store import annotation_store
from memberpack.store.pack import Pack


_PERIOD_PARTS = re.compile(r"\d{4}/\d{2}|(?:Month|Period|Quarter|Q|P)\s*\d{1,2}\b|[A-Z][a-z]{2} \d{4}|\S+")   # 2020/21, Month 9


@dataclass(slots=True)
class BudgetPosition:
    budget: float
    forecast: float
    variance: float
    label: str
    source: str
    period: str | None = None
    convention: Convention = field(default_factory=Convention)
    dataset: str = ""
    cell: str = ""
    slipped: str = ""   # a capital programme's slippage: spending moved to a later year, not saved
    after: tuple[str, float] | None = None   # the net position after funding, below the budget requirement

    @property
    def flag(self) -> str:
        if not self.variance:
            return "-"
        return "A" if self.convention.adverse(self.variance) else "(F)"

    def money(self, value: float) -> str:
        """A figure of this monitor as a sentence writes it, brackets for negatives (``(£0.7m)``),
        the budget and the forecast told apart where they differ."""
        return signed_money(value, self.convention, [self.budget, self.forecast])

    @property
    def word(self) -> str:
        return self.convention.word(self.variance) or "balanced budget"

    @property
    def sentence(self) -> str:
        """Net position first: ``Net forecast overspend of £12.4m (10.1% of the £123.1m budget)…``."""
        return self._told(self.period)

    @property
    def named(self) -> str:
        """The position under its table's name (another monitor's, beside the Overview's tiles), its
        period told once: not again after a name that states it (``Month 9 ... Budget Monitor 2020/21``)."""
        stated = self.period and all(re.search(rf"(?<![\w/]){re.escape(part)}(?![\w/])", self.dataset, re.IGNORECASE)
                                     for part in _PERIOD_PARTS.findall(self.period))
        return f"{self.dataset}: {self._told(None if stated else self.period)}"

    def _told(self, period: str | None) -> str:
        when = f" at {period}" if period else ""
        if not self.variance:
            return f"Forecast outturn of {self.money(self.forecast)} matches the budget{when} ({self.label})."
        return (f"Net forecast {self.word} of {money(self.variance, self.convention)}{when}, "
                f"{share_text(self.variance, self.budget)} of the {self.money(self.budget)} budget: forecast outturn "
                f"{self.money(self.forecast)} ({self.label}).") + (f" {self.slipped}" if self.slipped else "") + (
            f" After funding, net forecast {self.convention.word(self.after[1]) or 'position'} of "
            f"{money(self.after[1], self.convention)} ({self.after[0]})." if self.after else "")


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
    previous_period: str | None = None   # the period ``previous_display`` is from
    repeated: bool = False               # another row of its table has the same label
    moved_by: str = ""                   # the change as the table writes it (``£16,470k``), where it is told
    verdict: str = ""                    # a change that is "better" or "worse", where the table or metric says
    from_opening: bool = False           # the earlier figure is the opening balance of the figure's closing one

    @property
    def now_moved(self) -> str:
        """The figure now with which way it moved, and whether that is better or worse where that is
        known: ``↓ £4.1m (better)``, a variance falling, in a table whose own arrows say down is worse."""
        arrow = "" if self.change is None else "→" if not self.change else "↑" if self.change > 0 else "↓"
        return f"{arrow} {self.display}".strip() + (f" ({self.verdict})" if self.verdict else "")

    @property
    def with_earlier(self) -> str:
        """The figure with where it moved from: ``£36,880k, down £16,470k from £53,350k in Apr 2024``;
        a closing balance against its opening one, ``£5.5m at the close of 2023/24, down £3.0m from the
        opening £8.5m``."""
        if not (self.moved_by and self.change and self.previous_display):
            return self.display
        direction = f"{'down' if self.change < 0 else 'up'} {self.moved_by}"
        if self.from_opening:
            return f"{self.display} {self._closing}, {direction} from the opening {self.previous_display}"
        return f"{self.display}, {direction} from {self.previous_display} in {self.previous_period}"

    @property
    def _closing(self) -> str:
        """Where a closing balance stands: at the close of its financial year where its period is one
        (``at the close of 2023/24``); a closing balance of a month or quarter is the year's forecast."""
        period = parse_period(self.period)
        return f"at the close of {self.period}" if period is not None and period.kind == YEAR else "closing balance"

    @property
    def name(self) -> str:
        """The row as a reader names it: a sub total or total with its section ("Children &
        Families sub total"), a label that repeats in its table with its section ("Central
        (Commissioning)"), any other row by its label."""
        label = spelled_out(self.label)   # (a sentence spells out "TA")
        if self.section and self.section.lower() not in self.label.lower():
            if _is_total_label(self.label):
                return f"{self.section} {label}"
            if self.repeated:
                return f"{label} ({self.section})"
        return label

    @property
    def indicator(self) -> str:
        """The row's name with its column where the column names a measure of its own (a cohort
        table's ``EHCP, Persistent absence % 2024/25``); a column that is only a period is not."""
        return f"{self.name}, {self.measure}" if self.measure != self.label and names_a_measure(self.measure) \
            else self.name

    @property
    def was(self) -> str:
        """The earlier figure with its period: ``63 in Q2 2020/21``."""
        if not self.previous_display:
            return ""
        return f"{self.previous_display} in {self.previous_period}" if self.previous_period else self.previous_display

    @property
    def measure_when(self) -> str:
        """The column with its period, unless the column names it already: ``Forecast carry forward
        31 Mar 2024``, not ``Forecast carry forward 31 Mar 2024 (Mar 2024)``."""
        if not self.period or " ".join(self.period.split()).casefold() in " ".join(self.measure.split()).casefold():
            return self.measure
        return f"{self.measure} ({self.period})"

    @property
    def moved(self) -> str:
        """How far the figure moved, with its direction, in the decimals its table prints:
        ``↓ 1`` for 63 to 62 foster carers, ``↓ 20.0 points`` for 68.0% to 48.0%."""
        if self.change is None or self.value is None:
            return ""
        arrow = "→" if not self.change else "↑" if self.change > 0 else "↓"
        decimals = decimals_of([self.display, self.previous_display or ""], [self.value, self.value - self.change])
        return f"{arrow} {change_text(self.value - self.change, self.value, self.unit, decimals)}"

    @property
    def source(self) -> str:
        """The period and table the figure comes from: ``2023/24 Month 6 – 23/24 Budget Monitoring…``."""
        return f"{self.period} – {self.dataset}" if self.period and self.period not in self.dataset else self.dataset

    @property
    def group(self) -> str:
        """The table and period a red item is listed under."""
        return self.source


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
    deficits: list[Item] = field(default_factory=list)
    noted: list[Item] = field(default_factory=list)
    other_budgets: list[BudgetPosition] = field(default_factory=list)   # the pack's other monitors' positions
    balance_tables: list[str] = field(default_factory=list)   # the tables looked at for a deficit

    @property
    def no_deficits(self) -> str:
        """What "Reserves and deficits" says when it lists nothing: only what was looked at."""
        if not self.balance_tables:
            return "No table of balances or surplus/(deficit) to look for a deficit in."
        return f"None of the balances in {and_list(self.balance_tables)} is in deficit."

    def items(self) -> list[Item]:
        return [*self.deficits, *self.red_items, *self.adverse_movements, *self.worse_kpis, *self.noted,
                *self.changes]

    def change_groups(self) -> list[tuple[str, str, str, list[Item]]]:
        """What changed since each table's previous period, by table: (table, previous period,
        period, items), so each list can head its columns with the two periods it compares."""
        groups: dict[tuple[str, str, str], list[Item]] = {}
        for item in self.changes:
            groups.setdefault((item.dataset, item.previous_period or "", item.period or ""), []).append(item)
        return [(*key, items) for key, items in groups.items()]

    def red_groups(self) -> list[tuple[str, list[Item]]]:
        """Red items by table and period, in pack order, so a 2023/24 finance line is never listed
        among 2020/21 indicators."""
        groups: dict[str, list[Item]] = {}
        for item in self.red_items:
            groups.setdefault(item.group, []).append(item)
        return list(groups.items())


def budget_position(ds: Dataset, grid: Grid) -> BudgetPosition | None:
    """The grand total of a budget monitor (its net row, :func:`net_row`, else the sum of its sub
    totals; :meth:`~memberpack.model.grid.Grid.costs` only); a grant's allocation is its budget."""
    grid = grid.costs()
    budget, forecast, variance = budget_column(grid), *(metric_column(grid, m) for m in
                                                         ("fin_forecast_outturn", "fin_variance"))
    if not (budget and forecast and variance):
        return None
    net = net_row(grid)
    rows = [net] if net is not None else [r for r in grid.rows if r.role == SUBTOTAL] or [
        r for r in grid.rows if r.role == DATA]

    def total(measure: str) -> float:
        return sum(r.value(measure) or 0.0 for r in rows)

    conv = convention_of(ds, grid)
    below = grid.rows[next(i for i, r in enumerate(grid.rows) if r is net) + 1:] if net is not None else []
    after = next((r for r in reversed(below) if r.role == TOTAL and r.value(variance) is not None), None)
    return BudgetPosition(total(budget), total(forecast), total(variance),
                          rows[0].label if len(rows) == 1 else "All services",
                          f"{ds.source_file}, {ds.sheet}", ds.period, conv, ds.name,
                          rows[0].cells[variance].cell if len(rows) == 1 and variance in rows[0].cells else "",
                          slipped(grid, conv), (after.label, after.value(variance)) if after is not None else None)


def _amount(ds: Dataset, grid: Grid, row: GridRow, status: Observation) -> tuple[str, str, float | None, str]:
    """What a red rating is about, as a figure: a budget line's variance (``£0.9m overspend``), an
    indicator's figure for the rated period (``44.0%``); with its measure, value and cell."""
    conv = convention_of(ds, grid)
    measure = money_measure(grid, conv)
    if measure and row.value(measure):
        value = row.value(measure)
        return f"{money(value, conv)} {conv.word(value)}", measure, value, row.cells[measure].cell
    own = [(m, o) for m, o in row.cells.items() if o.period and not is_comparator(m) and not is_target(m)
           and (o.period == status.period or not status.period) and (o.value is not None or o.status in _MISSING)]
    figures = [(m, o) for m, o in own if o.value is not None] or own   # the rated period's figure, or "DNA"
    if figures:
        m, o = figures[-1]
        shown = figure_text(o.value, o.unit, o.display)   # a savings shortfall of 1,200 in £000s is £1,200k
        return shown, o.period if parse_period(m) else m, o.value, o.cell   # "Q3 2020/21", not "Q3"
    return status.display, "", None, status.cell


_RATINGS = {"red", "amber", "green"}
_MISSING = {"dna", "tbc", "n/a", ":", "-", "c", "x", "z"}   # the rated period's figure, not given


# a column asking whether the line met its limit or target: its "No" is as red as a Red rating
_FAILED = re.compile(r"\b(?:within\s+(?:the\s+)?(?:limits?|target|budget|boundary)|met|achieved|"
                     r"on\s+(?:track|target))\s*\?", re.IGNORECASE)


def _red(ds: Dataset, grid: Grid) -> list[Item]:
    """Red ratings, of each indicator's latest period where a table rates it period by period."""
    out = []
    earlier = {id(row) for series in grid.dated_series() for row in series[:-1]}
    for row in grid.rows:
        if row.role != DATA or id(row) in earlier:
            continue
        for measure, obs in row.cells.items():
            if obs.status == "red" or _FAILED.search(measure) and obs.display.strip().casefold() == "no":
                shown, figure, value, cell = _amount(ds, grid, row, obs)
                unit = next((o.unit for o in row.cells.values() if o.cell == cell), None)
                out.append(Item(ds.name, row.label, figure or measure, shown, value, cell=cell or obs.cell,
                                section=row.section, period=obs.period or ds.period, unit=unit))
    return out


def _deficits(ds: Dataset, grid: Grid) -> list[Item] | None:
    """Deficits in a surplus/(deficit) table (the DSG and its High Needs block): each block in
    deficit and the net position, in-year and carried forward, carried forward first; in any other
    table of balances (a reserves statement), each line whose latest balance is below nothing. None
    where the table has no balance nor surplus/(deficit) to look at."""
    conv = convention_of(ds, grid)
    if conv.positive != SURPLUS:
        return _negative_balances(ds, grid, conv)
    columns = [m for m in grid.measures if re.search(r"carr(y|ied)\s*forward|c/f|variance", m, re.I)
               and any(r.value(m) for r in grid.rows)]
    columns.sort(key=lambda m: 0 if re.search(r"carr|c/f", m, re.I) else 1)
    out = []
    for measure in columns:
        for row in grid.rows:
            value = row.value(measure)
            if value is None or not conv.adverse(value) or row.role == SUBTOTAL:
                continue
            obs = row.cells[measure]
            out.append(Item(ds.name, row.label, measure, f"{money(value, conv)} {conv.word(value)}", value,
                            cell=obs.cell, unit=GBP, section=row.section, period=obs.period or ds.period))
    return out if columns else None


_CARRIED = re.compile(r"\bcarr(?:y|ied)[\s-]*forward\b|\bc/f\b|\bclosing\s+balance", re.IGNORECASE)
_NAMED_DEFICIT = re.compile(r"\bdeficit\b", re.IGNORECASE)
_NAMED_SURPLUS = re.compile(r"\bsurplus\b", re.IGNORECASE)


def _reserves(ds: Dataset, grid: Grid) -> list[Item]:
    """A reserves table's total balance where it ends against where it starts (usable reserves
    forecast down from £53,350k at 1 April to £36,880k at 31 March), so a fall is not missed; a
    table of one reserve, that reserve's."""
    lines = [r for r in grid.rows if r.role == DATA]
    total = next((r for r in reversed(grid.rows) if r.role == TOTAL), lines[0] if len(lines) == 1 else None)
    if total is None or not is_reserves(ds, grid):
        return []
    balances = [m for m in balance_columns(ds, grid) if total.value(m) is not None]
    if len(balances) < 2 or total.value(balances[0]) == total.value(balances[-1]):
        return []
    first, last = total.cells[balances[0]], total.cells[balances[-1]]
    conv = convention_of(ds, grid)
    return [Item(ds.name, total.label, balances[-1], signed_money(last.value, conv, [first.value]), last.value,
                 last.value - first.value, signed_money(first.value, conv, [last.value]), last.cell, GBP, total.section,
                 last.period or ds.period, first.period, moved_by=money(abs(last.value - first.value), conv),
                 from_opening=opening_and_closing(balances[0], balances[-1]))]


def _negative_balances(ds: Dataset, grid: Grid, conv: Convention) -> list[Item] | None:
    """The lines of a table of balances (``Balance 1 April 2024 | ... | Forecast balance 31 March
    2025``) whose latest balance is negative: a DSG deficit carried in the reserves statement."""
    balances = balance_columns(ds, grid)
    if not balances:
        return _carried_deficits(ds, grid, conv)
    latest = balances[-1]
    out = []
    for row in grid.rows:
        value = row.value(latest)
        if value is None or value >= 0 or row.role != DATA:
            continue
        obs = row.cells[latest]
        out.append(Item(ds.name, row.label, latest, f"{money(value, conv)} deficit", value, cell=obs.cell, unit=GBP,
                        section=row.section, period=obs.period or ds.period))
    return out


def _carried_deficits(ds: Dataset, grid: Grid, conv: Convention) -> list[Item] | None:
    """The balances carried forward that a statement's rows name (``Forecast cumulative deficit carried
    forward 31 March 2025 (40,820)`` under the deficit brought forward and the year's), where below
    nothing, or named a deficit whatever its sign (``Deficit to carry forward 7,568``, as 001 writes
    it): the figure a DSG reserve position is for. None where no row carries a balance forward."""
    carried = [(row, obs) for row in grid.rows if row.role == DATA and _CARRIED.search(row.label)
               for obs in row.cells.values() if obs.unit == GBP and obs.value is not None]
    return [Item(ds.name, row.label, obs.measure, f"{money(obs.value, conv)} deficit", obs.value, cell=obs.cell,
                 unit=GBP, section=row.section, period=obs.period or ds.period)
            for row, obs in carried if obs.value < 0 or obs.value and _NAMED_DEFICIT.search(row.label)
            and not _NAMED_SURPLUS.search(row.label)] if carried else None


def _noted(pack: Pack) -> list[Item]:
    """What members noted or asked (shared notes only), each with the figure it is about and, where
    that figure is still in the pack, its cell (so the line opens its row)."""
    names = {d.key: d.name for d in pack.datasets()}
    resolver = TargetResolver(pack)
    out = []
    for note in annotation_store.all_notes(pack, include_private=False):
        if note.visibility != SHARED:
            continue
        t = note.target
        about = t.label or t.chart_id or "the pack"
        first = note.body.split(". ")[0].strip()
        found = resolver.resolve(note).observation if t.type == OBSERVATION else None
        out.append(Item(names.get(t.dataset_key or "", ""), about, note.kind, shortened(first, 159), t.value,
                        cell=found.cell if found else "", section=t.section, period=t.period,
                        previous_display=t.display))
    return out


def _movements(ds: Dataset, grid: Grid, before: Dataset | None, before_grid: Grid | None) -> list[Item]:
    """Services whose variance moved the wrong way: by the table's movement column, else against
    the same table's previous version in the pack (last month's monitor); a unit cost or a count
    beside the costs (:meth:`~memberpack.model.grid.Grid.costs`) is no service's forecast."""
    conv = convention_of(ds, grid)
    grid, before_grid = grid.costs(), before_grid and before_grid.costs()
    movement = metric_column(grid, "fin_variance_movement")
    if movement is not None:
        rows = [r for r in grid.rows if r.role == DATA and r.value(movement) and conv.adverse(r.value(movement))]
        return [Item(ds.name, r.label, movement, f"{money(r.value(movement), conv)} worse", abs(r.value(movement)),
                     cell=r.cells[movement].cell, unit="GBP", section=r.section, period=ds.period) for r in rows]
    current = money_measure(grid, conv)
    variances = [m for m in grid.measures if re.search(r"variance", m, re.I)]
    earlier = earlier_of(grid, current, variances) if current else None
    if earlier is not None:   # last quarter's variance beside this quarter's, in the table itself
        out = []
        for row in grid.rows:
            now, old = row.value(current), row.value(earlier)
            if row.role == DATA and now is not None and old is not None and now != old and conv.adverse(now - old):
                out.append(Item(ds.name, row.label, f"{current} against {earlier}", f"{money(now - old, conv)} worse",
                                abs(now - old), cell=row.cells[current].cell, unit="GBP", section=row.section,
                                period=ds.period))
        return out
    measure = current if before_grid is not None else None
    if measure is None or measure not in before_grid.measures:
        return []
    was = {(r.label, r.section): r.value(measure) for r in before_grid.rows if r.role == DATA}
    out = []
    for row in grid.rows:
        now, old = row.value(measure), was.get((row.label, row.section))
        if row.role == DATA and now is not None and old is not None and now != old and conv.adverse(now - old):
            out.append(Item(ds.name, row.label, f"{measure} since {before.period or 'the last report'}",
                            f"{money(now - old, conv)} worse", abs(now - old), cell=row.cells[measure].cell,
                            unit="GBP", section=row.section, period=ds.period))
    return out


def _direction(row: GridRow, obs: Observation) -> int:
    polarity = polarity_of(row, obs)
    return 1 if polarity == HIGHER else -1 if polarity == LOWER else 0


def _worse_item(ds: Dataset, row: GridRow, measure: str, before: Observation, latest: Observation) -> Item | None:
    """An item when ``latest`` moved the wrong way from ``before``, by the metric's polarity. A row
    that is only a month (``Nov-24``) is named by its column (``% issued within 20 weeks``)."""
    sign = _direction(row, latest)
    if not sign or (latest.value - before.value) * sign >= 0:
        return None
    now, was = printed(latest), printed(before)   # as the table prints them: 2,795, not 2795
    if not names_a_measure(row.label):
        return Item(ds.name, measure, latest.period or row.label, now, latest.value,
                    latest.value - before.value, was, latest.cell, latest.unit, row.section,
                    latest.period or ds.period, before.period)
    named = latest.period if latest.period and parse_period(measure) and not names_a_measure(measure) \
        else measure   # "Q3 2020/21", not "Q3"; "Persistent absence % 2024/25" whole
    return Item(ds.name, row.label, named, now, latest.value, latest.value - before.value,
                was, latest.cell, latest.unit, row.section, latest.period or ds.period,
                before.period)


def _year_rows(ds: Dataset, grid: Grid) -> list[GridRow]:
    """The rows of a time series that are years (``Fixed Period Exclusions 2021 - 2022``), in order."""
    if ds.kind != TIME_SERIES:
        return []
    rows = [r for r in grid.rows if not is_comparator(r.label) and parse_period(r.label)]
    return rows if len(rows) >= 2 else []


def _profiled(before: GridRow, latest: GridRow) -> bool:
    """Whether the target moved between two periods' rows: a year-to-date figure against a target
    profiled through the year (admissions 431 of 450 by Q3, 598 of 600 by Q4) rises or falls with
    it, and is no worse for doing so."""
    return any(is_target(m) and o.value is not None and before.value(m) not in (None, o.value)
               for m, o in latest.cells.items())


def _worse_kpis(ds: Dataset, grid: Grid) -> list[Item]:
    """Figures whose latest value moved the wrong way, by the metric's polarity (money is left to
    the budget headlines). Where the rows are years of monthly figures, the latest month is set
    against the same month a year before, not against the month before (January against December
    would only show the seasons). Where a table gives an indicator a row a period (a long export),
    its latest row is set against the one before."""
    def figures(row: GridRow) -> list[tuple[str, Observation]]:
        return [(m, o) for m, o in row.cells.items()
                if o.value is not None and o.period and o.unit != GBP and not is_comparator(m) and not is_target(m)]

    years = _year_rows(ds, grid)
    if years:
        previous, current = years[-2], years[-1]
        latest = figures(current) if not names_a_measure(current.label) else figures(current)[-1:]
        pairs = [(current, m, previous.cells.get(m), o) for m, o in latest]
    else:
        series = grid.dated_series()   # a long export: the latest row of each indicator against the one before
        pairs = [(rows[-1], m, rows[-2].cells.get(m), o) for rows in series if not _profiled(rows[-2], rows[-1])
                 for m, o in figures(rows[-1])]
        dated = {id(row) for rows in series for row in rows}
        roles = {m: measure_role(m) for m in grid.measures}   # a cohort table's two years of each measure
        for row in grid.rows:
            mine = figures(row)
            if id(row) in dated or len(mine) < 2 or is_comparator(row.label):   # the quick test first
                continue
            measures: dict[str, list[tuple[str, Observation]]] = {}
            for figure in mine:
                if figure[0] not in roles:   # a measure sharing its column with another (a pack edited by hand)
                    roles[figure[0]] = measure_role(figure[0])
                measures.setdefault(roles[figure[0]], []).append(figure)
            for same in measures.values():
                numbers = like_latest(same, lambda figure: figure[1].period)
                if len(numbers) >= 2:
                    pairs.append((row, numbers[-1][0], numbers[-2][1], numbers[-1][1]))
    items = (_worse_item(ds, row, measure, before, latest) for row, measure, before, latest in pairs
             if before is not None and before.value is not None)
    return [item for item in items if item is not None]


_PERIOD_IN_HEADER = re.compile(r"\b(?:month|period|p|quarter|q)\s*\d{1,2}\b", re.IGNORECASE)


def _column_keys(observations: list[Observation]) -> dict[str, str]:
    """Each column as it is named a period on: "Month 6 Variance" is last month's "Month 5 Variance"
    where it is the one column so named, or where it is this month's money beside last month's
    ("P9 Forecast Variance" beside "P8 Forecast Variance"); a scorecard's Q1, Q2 and Q3 each stay
    themselves."""
    named = {o.measure: _PERIOD_IN_HEADER.sub("#", o.measure) for o in observations}
    groups: dict[str, list[str]] = {}
    for measure, key in named.items():
        groups.setdefault(key, []).append(measure)
    money = {o.measure for o in observations if o.unit == GBP}
    grid = None
    keys = {}
    for key, columns in groups.items():
        current = columns
        if len(columns) > 1 and money.issuperset(columns):
            grid = grid or Grid.of(observations)
            current = [c for c in columns if c not in {earlier_of(grid, other, columns) for other in columns}]
        keys |= {c: key if len(current) == 1 and c == current[0] else c for c in columns}
    return keys


def changes_since_previous(pack: Pack, ds: Dataset) -> list[Item]:
    """Figures whose value differs from the previous version of the same table (a column renamed
    for its month, as the variance is, set against last month's), and ratings that changed
    (Green to Red), those first and then by the size of the change; money in the table's scale
    (£5.8m in a table in £m). A movement since the last report is itself a change, so it is not
    listed again."""
    previous = pack.previous_version(ds)
    if previous is None:
        return []
    earlier = pack.observations(previous.id)
    was_key = _column_keys(earlier)
    before = {(o.label, o.section, was_key[o.measure]): o for o in earlier}
    out = []
    current = pack.observations(ds.id)
    key = _column_keys(current)
    grid = Grid.of(current)
    scale = convention_of(ds, grid)   # money in the table's own scale (£0.5m beside 0.5)
    rows = {(r.label, r.section): r for r in grid.rows}
    reached = parse_period(previous.period or "")
    last = {(o.label, o.section): o for o in earlier
            if o.value is not None and o.period == previous.period and not is_comparator(o.measure)}
    found = [(obs, before.get((obs.label, obs.section, key[obs.measure]))) for obs in current]
    varied = {(o.label, o.section) for o, old in found
              if old is not None and o.metric_id == "fin_variance" and old.value != o.value}
    for obs, old in found:
        if old is None or match_metric("", obs.measure, obs.unit).id == "fin_variance_movement":
            continue
        if obs.metric_id == "fin_forecast_outturn" and (obs.label, obs.section) in varied:
            continue   # the variance that moved is told; its forecast moved with it
        if obs.value is not None and old.value is None and not old.display.strip() and _after(obs.period, reached):
            # a quarter the previous return had not reached: set against that return's latest quarter
            old = last.get((obs.label, obs.section))
            if old is None:
                continue
        rated = obs.value is None and old.value is None and obs.status != old.status and obs.status in _RATINGS
        if old.value != obs.value or rated:
            change = obs.value - old.value if None not in (obs.value, old.value) else None
            now, was = ((signed_money(obs.value, scale), signed_money(old.value, scale))
                        if obs.unit == GBP and change is not None
                        else (obs.display, old.display or "blank"))
            period, was_period = obs.period or ds.period, old.period or previous.period
            if period == was_period and ds.period and previous.period and ds.period != previous.period:
                # a figure of one period revised or newly given: told by the returns it is in
                period, was_period = f"{ds.period} return", f"{previous.period} return"
            out.append(Item(ds.name, obs.label, obs.measure, now, obs.value, change, was, obs.cell, obs.unit,
                            obs.section, period, was_period,
                            verdict=_change_verdict(obs, change, scale, rows.get((obs.label, obs.section)))))
    # most news first, as only the first lines are printed: ratings that changed, then the largest moves
    return sorted(out, key=lambda i: (i.change is not None, -abs(i.change or 0.0)))


def _change_verdict(obs: Observation, change: float | None, conv: Convention, row: GridRow | None) -> str:
    """Whether a figure's change is better or worse: a variance's by its table's sign convention, an
    indicator's by its polarity; "" for other money (a budget, a forecast) and where nothing says."""
    if not change:
        return ""
    if obs.metric_id == "fin_variance":
        return "worse" if conv.adverse(change) else "better"
    if row is None or obs.unit == GBP:
        return ""
    return verdict(0.0, change, polarity_of(row, obs))


def _after(period: str | None, reached) -> bool:
    """Whether ``period`` starts after the period ``reached`` (parsed) ends."""
    parsed = parse_period(period or "")
    return None not in (parsed, reached) and parsed.year is not None and reached.year is not None \
        and parsed.span()[0] > reached.span()[1]


_GRANT = re.compile(r"\b(?:dsg|dedicated schools grant)\b", re.IGNORECASE)


def _is_grant(position: BudgetPosition) -> bool:
    """Whether a monitor is a schools grant's (surplus/(deficit), or named DSG), not the council's
    own budget: a headline leading on it names it, so it is not read as the whole service's."""
    return position.convention.positive == SURPLUS or bool(_GRANT.search(position.dataset))


def _main_budget(positions: list[BudgetPosition]) -> BudgetPosition | None:
    """The budget position the Overview and the briefing lead on, whatever order the tables were
    imported in: of the latest period's monitors, the General Fund's rather than a schools grant's
    (surplus/(deficit), or named DSG), and of those the largest, so a service's breakdown (External
    Placements, £38.4m) is not taken for the whole (£123.1m)."""
    latest = _latest_period([p.period for p in positions])
    return min((p for p in positions if p.period == latest or latest is None),
               key=lambda p: (_is_grant(p), -abs(p.budget)),
               default=None)


def _latest_period(periods: list[str | None]) -> str | None:
    """The most recent of ``periods`` by :class:`~memberpack.model.periods.Period` ordering."""
    parsed = [(p, parse_period(p)) for p in periods if p]
    dated = [(period, p) for p, period in parsed if period is not None]
    return max(dated)[1] if dated else None


def headlines(pack: Pack) -> Headlines:
    result = Headlines()
    movements: list[Item] = []
    repeated: dict[str, set[str]] = {}   # by table: labels that more than one of its rows has
    positions: list[BudgetPosition] = []
    unsure: set[str] = set()   # tables imported as read although their reading was in doubt
    for ds in pack.datasets():
        unsure |= {ds.name} if doubt_line(ds) else set()
        grid = Grid.of(pack.observations(ds.id))
        position = budget_position(ds, grid)
        positions += [position] if position is not None else []
        result.red_items += _red(ds, grid)
        seen = {(i.label, i.value, i.period) for i in result.deficits}   # one DSG figure in two tables
        found = _deficits(ds, grid)
        result.balance_tables += [ds.name] if found is not None else []
        result.deficits += [i for i in found or () if (i.label, i.value, i.period) not in seen]
        result.deficits += _reserves(ds, grid)
        before = pack.previous_version(ds)
        movements += _movements(ds, grid, before, Grid.of(pack.observations(before.id)) if before else None)
        result.worse_kpis += _worse_kpis(ds, grid)
        result.changes += changes_since_previous(pack, ds)
        repeated[ds.name] = repeated_labels(grid.rows)
    result.budget = _main_budget(positions)
    if result.budget is not None and _is_grant(result.budget):   # the only monitor is a schools grant's: say so
        result.budget.label += f", {result.budget.dataset}"
    result.other_budgets = [p for p in positions if p is not result.budget]   # told too, never summed
    for position in positions:
        if position.dataset in unsure:
            position.label += " ⚠ (unsure reading)"
    result.movements_period = _latest_period([i.period for i in movements])
    result.noted = _noted(pack)
    result.adverse_movements = sorted((i for i in movements if i.period == result.movements_period),
                                      key=lambda i: -(i.value or 0))
    for item in result.items():
        item.repeated = item.label in repeated.get(item.dataset, ())
        if item.dataset in unsure and item not in result.noted:   # a figure, not a member's words
            item.display = f"⚠ {item.display} (unsure reading)"
    return result
