"""How our authority compares with England, its region and its statistical neighbours.

For each figure with comparator data: our latest value against England, the region and the
neighbours' average; our rank among all authorities (tied values share the better rank, 1 =
best by the metric's polarity, or 1 = highest for a neutral metric) and the quartile band A-D
(A = the best quarter); and the trend over the years in the file as a :class:`ChartSpec` with our
line as data and the comparators as benchmark lines. Benchmarks written inside ordinary tables
(scorecard text, benchmark columns, England or region rows: :mod:`benchmark_text`) become
comparisons of the same shape, without a rank. Results are plain data, so the app's table and
chart and the PDF's "how we compare" table show the same thing
(:func:`memberpack.analysis.comparison_rows.summary_row`, :attr:`Comparison.trend`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from memberpack.analysis.benchmark_text import ENGLAND, NEIGHBOURS, REGION, benchmark_tables, written_benchmarks
from memberpack.analysis.charts import money_text, source_line
from memberpack.analysis.narrative import polarity_of, unit_title
from memberpack.model.areas import LOCAL_AUTHORITY, NATIONAL, REGIONAL, Area, named_in
from memberpack.model.charts import BENCHMARK, DATA_SERIES, LINE, ChartSpec, Series
from memberpack.model.grid import Grid
from memberpack.model.metrics import HIGHER, LOWER, NEUTRAL, metric
from memberpack.model.observation import OPEN_STATISTICS, Dataset
from memberpack.model.periods import CALENDAR_YEAR, YEAR, Period, parse_period
from memberpack.model.units import COUNT, GBP, PERCENT
from memberpack.store import comparators
from memberpack.store.comparators import NeighbourList
from memberpack.store.pack import Pack

BANDS = "ABCD"
# Band tones, coloured the same on screen and on paper; a neutral metric's bands are not judged.
BEST, GOOD, POOR, WORST, UNJUDGED = "best", "good", "poor", "worst", "neutral"
BAND_TONES = {HIGHER: (BEST, GOOD, POOR, WORST), LOWER: (BEST, GOOD, POOR, WORST), NEUTRAL: (UNJUDGED,) * 4}
TONE_COLOURS = {BEST: "#1b7837", GOOD: "#7fbf7b", POOR: "#f4a582", WORST: "#b2182b", UNJUDGED: "#878787"}
BETTER, WORSE, SAME, HIGHER_THAN, LOWER_THAN = "better", "worse", "same", "higher", "lower"
OURS = "ours"


@dataclass(slots=True)
class Benchmark:
    """One comparator's figure; ``difference`` is ours minus theirs, ``verdict`` by polarity."""

    kind: str                  # england, region, neighbours or other
    name: str
    value: float | None
    display: str
    difference: float | None = None
    verdict: str = ""
    count: int | None = None   # neighbours with a figure (of ``of`` in the list)
    of: int | None = None


@dataclass(slots=True)
class Rank:
    position: int
    out_of: int
    band: str
    tone: str
    direction: str             # what rank 1 means

    def text(self) -> str:
        return f"{self.position} of {self.out_of}"


@dataclass(slots=True)
class Comparison:
    metric_id: str
    measure: str
    section: str | None
    period: str | None
    area: str                  # our authority's name, as the source writes it
    value: float | None
    display: str
    status: str | None
    unit: str | None
    polarity: str
    decimals: int
    benchmarks: list[Benchmark] = field(default_factory=list)
    rank: Rank | None = None
    trend: ChartSpec | None = None
    source: str = ""
    cell: str = ""
    dataset_key: str = ""      # the dataset the figure is from, so a view can show it beside the table

    @property
    def title(self) -> str:
        return f"{self.measure} ({self.section})" if self.section else self.measure

    def benchmark(self, kind: str) -> Benchmark | None:
        return next((b for b in self.benchmarks if b.kind == kind), None)

    def format(self, value: float | None) -> str:
        return format_value(value, self.unit, self.decimals)

    def difference_text(self, difference: float | None) -> str:
        """Ours minus theirs, signed: ``+0.5 pts`` (percentage points), ``−1.2``, ``+£1.2m``."""
        if difference is None:
            return ""
        sign = "+" if difference > 0 else "−" if difference < 0 else "±"
        if self.unit == PERCENT:
            return f"{sign}{abs(difference):,.{self.decimals}f} pts"
        return sign + format_value(abs(difference), self.unit, self.decimals)


def format_value(value: float | None, unit: str | None, decimals: int = 1) -> str:
    if value is None:
        return "–"
    if unit == GBP:
        return money_text(value)
    text = f"{value:,.{decimals}f}"
    return text + "%" if unit == PERCENT else text


def decimals_of(*displays: str) -> int:
    """The most decimals any of the figures is written with (at most 2)."""
    found = [len(m.group(1)) for d in displays if (m := re.search(r"\d\.(\d+)", d or ""))]
    return min(max(found, default=0), 2)


def verdict(difference: float | None, polarity: str) -> str:
    if difference is None:
        return ""
    if abs(difference) < 1e-9:
        return SAME
    if polarity == NEUTRAL:
        return HIGHER_THAN if difference > 0 else LOWER_THAN
    return BETTER if (difference > 0) == (polarity == HIGHER) else WORSE


def rank_of(ours: float, values: list[float], polarity: str) -> Rank:
    """Our rank among ``values`` (which include ours). Tied values share the better rank (1, 2, 2, 4:
    pandas' ``method="min"``); the band is the quarter of the ranking the rank falls in."""
    higher_first = polarity != LOWER
    position = 1 + sum(1 for v in values if (v > ours if higher_first else v < ours))
    band = (position - 1) * 4 // len(values)
    direction = {HIGHER: "1 = best, higher is better", LOWER: "1 = best, lower is better"}.get(
        polarity, "1 = highest, neither higher nor lower is better")
    return Rank(position, len(values), BANDS[band], BAND_TONES[polarity][band], direction)


def _with_gap_years(periods: list[str]) -> list[str]:
    """Years missing between the first and last (a year not collected) put back as empty
    categories, so that a chart's line breaks there instead of joining unequal steps."""
    parsed = [parse_period(p) for p in periods]
    if not parsed or any(p is None or p.kind not in (YEAR, CALENDAR_YEAR) or p.year is None for p in parsed) \
            or len({p.kind for p in parsed}) > 1:
        return periods
    kind, years = parsed[0].kind, [p.year for p in parsed]
    if max(years) - min(years) + 1 > 2 * len(years):   # sparse snapshots, not a series with a gap
        return periods
    return [Period(kind, year).label() for year in range(min(years), max(years) + 1)]


def _period_order(periods: list[str]) -> list[str]:
    parsed = {p: parse_period(p) for p in periods}
    return sorted(periods, key=lambda p: (parsed[p] is not None, parsed[p].sort_key() if parsed[p] else (0, 0, "")))


@dataclass(slots=True)
class _Figure:
    value: float | None
    display: str
    status: str | None = None
    cell: str = ""
    count: int | None = None       # for an average: how many neighbours had a figure


@dataclass(slots=True)
class _Line:
    """One area's figures by period: ours, or a comparator's (``of``: neighbours in the list)."""

    kind: str
    name: str
    figures: dict[str, _Figure]
    of: int | None = None


@dataclass(slots=True)
class _Subject:
    """What is being compared: a measure (and section) of one dataset."""

    ds: Dataset
    measure: str
    section: str | None
    metric_id: str
    unit: str | None
    source: str = ""
    polarity: str | None = None   # as the table states it ("Good is: Low"), else the metric's


class _Places:
    """Which stored areas of one dataset are us, England, our region and each neighbour.

    An authority can appear under more than one key: Somerset kept LA number 933 but took a new
    ONS code when it became a unitary council in 2023, so its years are joined by role, not key.
    """

    def __init__(self, areas: list[Area], ours: Area, neighbours: NeighbourList | None) -> None:
        mine = [a for a in areas if a.level == LOCAL_AUTHORITY and
                any(ours.matches(c) for c in (a.old_code, a.new_code, a.name) if c)]
        self.our_name = mine[-1].name if mine else ours.name
        self.region_name = next((a.region for a in reversed(mine) if a.region), ours.region)
        listed = neighbours.neighbours if neighbours else []
        self.neighbour_count = len(listed)
        self.roles: dict[str, str] = {a.key(): OURS for a in mine}
        for a in areas:
            if a.level == NATIONAL:
                self.roles.setdefault(a.key(), ENGLAND)
            elif a.level == REGIONAL and a.name.lower() == self.region_name.lower():
                self.roles.setdefault(a.key(), REGION)
            elif a.level == LOCAL_AUTHORITY:
                found = next((i for i, n in enumerate(listed)
                              if any(a.matches(c) for c in (n.old_code, n.new_code, n.name) if c)), None)
                if found is not None:
                    self.roles.setdefault(a.key(), f"sn{found}")

    def lines(self, by_role: dict[str, dict[str, _Figure]]) -> list[_Line]:
        """England, the region and the neighbours' average, period by period."""
        out = [_Line(kind, name, by_role[kind]) for kind, name in (
            (ENGLAND, "England"), (REGION, self.region_name)) if kind in by_role]
        if self.neighbour_count:
            others = [figures for role, figures in by_role.items() if role.startswith("sn")]
            averages = {}
            for period in {p for figures in others for p in figures}:
                values = [f[period].value for f in others if period in f and f[period].value is not None]
                averages[period] = _Figure(sum(values) / len(values) if values else None, "", count=len(values))
            out.append(_Line(NEIGHBOURS, "Statistical neighbours", averages, self.neighbour_count))
        return out


def _open_statistics(pack: Pack, ours: Area, neighbours: NeighbourList | None, wanted) -> list[Comparison]:
    out = []
    for ds in (d for d in pack.datasets() if d.kind == OPEN_STATISTICS):
        stored = pack.areas(ds.id)
        areas = [Area.from_key(k, label) for label, k in stored]
        places = _Places(areas, ours, neighbours)
        if OURS not in places.roles.values():
            continue
        series: dict[tuple, dict[str, dict[str, _Figure]]] = defaultdict(lambda: defaultdict(dict))
        subjects: dict[tuple, _Subject] = {}
        tracked = list(places.roles)
        for o in pack.observations(ds.id, areas=tracked):
            if wanted(o.measure, o.section, o.metric_id):
                series[(o.measure, o.section)][places.roles[o.area]][o.period or ""] = _Figure(o.value, o.display,
                                                                                              o.status, o.cell)
                if o.unit or (o.measure, o.section) not in subjects:
                    subjects[(o.measure, o.section)] = _Subject(ds, o.measure, o.section, o.metric_id, o.unit,
                                                                source_line(ds))
        latest = {group: _period_order(list(by_role[OURS]))[-1]
                  for group, by_role in series.items() if by_role.get(OURS)}
        everyone: dict[tuple, list[float]] = defaultdict(list)
        authorities = [key for _, key in stored if key.startswith("la|")]
        for o in pack.observations(ds.id, areas=authorities):
            if o.value is not None and latest.get((o.measure, o.section)) == (o.period or ""):
                everyone[(o.measure, o.section)].append(o.value)
        for group in latest:
            by_role = series[group]
            mine = _Line(OURS, places.our_name, by_role[OURS])
            england = by_role.get(ENGLAND, {}).get(latest[group])
            totals = _totals(subjects[group].unit, england.value if england else None, everyone[group])
            out.append(_compare(subjects[group], mine, places.lines(by_role), everyone[group], totals=totals))
    return out


def _totals(unit: str | None, england: float | None, everyone: list[float]) -> bool:
    """Whether England's and the regions' figures are totals of their councils' (children looked
    after, pounds spent, a population): told beside ours, never judged against it nor drawn with it."""
    if unit in (COUNT, GBP):
        return True
    return england is not None and len(everyone) > 2 and abs(sum(everyone) - england) <= abs(england) / 50


def _compare(subject: _Subject, mine: _Line, lines: list[_Line], everyone: list[float] | None = None,
             *, trend: bool = True, totals: bool = False) -> Comparison:
    """Our latest figure against each line's figure for the same period, with rank and trend;
    England's and the region's ``totals`` are given but not judged or drawn."""
    period = _period_order(list(mine.figures))[-1]
    figure = mine.figures[period]
    polarity = subject.polarity or metric(subject.metric_id).polarity
    shown = [f.display for line in (mine, *lines) for f in line.figures.values()]
    result = Comparison(subject.metric_id, subject.measure, subject.section, period or None, mine.name, figure.value,
                        figure.display, figure.status, subject.unit, polarity, decimals_of(*shown),
                        source=subject.source, cell=figure.cell, dataset_key=subject.ds.key)
    for line in lines:
        theirs = line.figures.get(period)
        if theirs is None and line.of is None:
            continue
        theirs = theirs or _Figure(None, "", count=0)
        bench = _benchmark(result, line.kind, line.name, theirs.value, theirs.display or result.format(theirs.value))
        bench.count, bench.of = (theirs.count, line.of) if line.of is not None else (None, None)
        if totals and line.kind in (ENGLAND, REGION):
            bench.verdict = ""
        result.benchmarks.append(bench)
    if figure.value is not None and everyone:
        result.rank = rank_of(figure.value, everyone, polarity)
    if trend:
        drawn = [line for line in lines if not (totals and line.kind in (ENGLAND, REGION))]
        result.trend = _trend(subject, result, mine, drawn, totals)
    return result


def _benchmark(result: Comparison, kind: str, name: str, value: float | None, display: str) -> Benchmark:
    difference = result.value - value if None not in (result.value, value) else None
    return Benchmark(kind, name, value, display, difference, verdict(difference, result.polarity))


def _trend(subject: _Subject, result: Comparison, mine: _Line, lines: list[_Line],
           totals: bool = False) -> ChartSpec | None:
    periods = _with_gap_years(_period_order(list({p for line in (mine, *lines) for p in line.figures})))
    if len(periods) < 2:
        return None
    series = [Series(line.name if line.of is None else f"{line.name} average",
                     [line.figures[p].value if p in line.figures else None for p in periods],
                     DATA_SERIES if line is mine else BENCHMARK, [],
                     [line.figures[p].cell if p in line.figures else "" for p in periods])
              for line in (mine, *lines)]
    points = [(p, v) for p, v in zip(periods, series[0].values) if v is not None]
    summary = (f"{result.area}: {result.format(points[-1][1])} in {points[-1][0]}, from "
               f"{result.format(points[0][1])} in {points[0][0]}." if len(points) >= 2
               else f"{result.area} has a figure for {len(points)} of {len(periods)} periods.")
    gaps = [p for i, p in enumerate(periods) if all(s.values[i] is None for s in series)]
    if gaps:
        summary += f" No figures for {', '.join(gaps)}."
    england = result.benchmark(ENGLAND)
    if england and england.value is not None:
        summary += f" England: {result.format(england.value)} in {result.period}" + (
            ", the total of all councils, not drawn." if totals else ".")
    ds = subject.ds
    return ChartSpec(id=f"{ds.key}#compare:{result.title}", kind=LINE, title=f"{result.title}: how we compare",
                     summary=summary, categories=periods, series=series, unit=result.unit,
                     source=subject.source, dataset_key=ds.key, y_label=unit_title(result.unit, names=[result.title]),
                     x_label="Period")


def _figure(obs) -> _Figure:
    return _Figure(obs.value, obs.display, obs.status, obs.cell)


def table_area(ds, grid: Grid, ours: Area | None) -> str:
    """Whose figures a table holds: the area its title or sheet names (``North Somerset``), or the one
    authority its rows name, else our authority's (a table in our pack is ours unless it says
    otherwise); a table's own figures are "ours" only when it is about our authority. A table of
    many authorities' figures (every council's) is about none of those its rows happen to name."""
    named = next((a for a in (named_in(t) for t in (ds.name, ds.sheet)) if a is not None), None)
    if named is not None:
        return named.name
    in_rows = {a.name for a in (named_in(r.label) for r in grid.rows) if a is not None}
    if len(in_rows) == 1 and not (ours and any(ours.name.lower() in r.label.lower() for r in grid.rows)):
        return in_rows.pop()
    return ours.name if ours else "Our figure"


def _tables(pack: Pack, ours: Area | None, wanted) -> list[Comparison]:
    """Benchmarks written inside imported tables (see :mod:`memberpack.analysis.benchmark_text`)."""
    out = []
    for ds in (d for d in pack.datasets() if d.kind != OPEN_STATISTICS):
        grid = Grid.of(pack.observations(ds.id))
        our_name = table_area(ds, grid, ours)
        for row, latest, found in written_benchmarks(grid):
            if wanted(row.label, row.section, latest.metric_id):
                cells = ", ".join(dict.fromkeys(b.cell for b in found))
                subject = _Subject(ds, row.label, row.section, latest.metric_id, latest.unit,
                                   f"{source_line(ds)}; benchmarks from {cells}", polarity_of(row, latest))
                when = latest.period or latest.measure   # "Q3 2020/21", not the column's "Q3"
                lines = [_Line(b.kind, b.name, {when: _Figure(b.value, b.display, cell=b.cell)}) for b in found]
                out.append(_compare(subject, _Line(OURS, our_name, {when: _figure(latest)}), lines, trend=False))
        for table in benchmark_tables(grid, our_name if our_name != "Our figure" else None, ds.name):
            if wanted(table.title, None, table.metric_id):
                subject = _Subject(ds, table.title, None, table.metric_id, table.unit, source_line(ds))
                lines = [_Line(kind, name, {p: _figure(o) for p, o in figures.items()})
                         for kind, name, figures in table.others]
                mine = _Line(OURS, table.our_name, {p: _figure(o) for p, o in table.ours.items()})
                out.append(_compare(subject, mine, lines))
    return out


def comparisons(pack: Pack, ours: Area | None, neighbours: NeighbourList | None = None,
                text: str | None = None) -> list[Comparison]:
    """Every comparison the pack's data allows, optionally only those whose measure, section or
    metric name contains ``text``. Open statistics need ``ours``; scorecard benchmarks do not."""
    needle = (text or "").strip().lower()

    def wanted(measure: str, section: str | None, metric_id: str) -> bool:
        return not needle or any(needle in (t or "").lower() for t in (measure, section, metric(metric_id).name))

    found = _open_statistics(pack, ours, neighbours, wanted) if ours is not None else []
    return found + _tables(pack, ours, wanted)


def by_dataset(found: list[Comparison]) -> dict[str, list[Comparison]]:
    """Comparisons grouped by the key of the dataset they come from, in their order."""
    grouped: dict[str, list[Comparison]] = defaultdict(list)
    for c in found:
        grouped[c.dataset_key].append(c)
    return dict(grouped)


def pack_comparisons(pack: Pack, text: str | None = None) -> list[Comparison]:
    """:func:`comparisons` for the pack's own authority and its latest neighbour list."""
    return comparisons(pack, comparators.authority(pack), comparators.our_neighbours(pack), text)
