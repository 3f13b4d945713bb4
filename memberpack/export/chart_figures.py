"""A chart as a briefing shows it, worked out once for the PDF and the HTML: its title with the
markers of members' notes on it, its categories and series named with their notes' markers, the
notes printed under it, and its figures as a table (as the source table prints them, with A/(F)
as letters so colour is not needed)."""

from __future__ import annotations

from dataclasses import dataclass

from memberpack.analysis.charts import (FLAG_LETTERS, MAX_BARS, active_title, is_balance, largest, largest_bars,
                                       point_text)
from memberpack.analysis.narrative import column_titles
from memberpack.export.note_plan import NotePlan, PlacedNote, Table
from memberpack.model.charts import BAR, ChartSpec, Series
from memberpack.model.grid import Grid


def with_markers(text: str, markers: list[str]) -> str:
    return f"{text} [{', '.join(markers)}]" if markers else text


@dataclass(slots=True)
class ChartFigures:
    spec: ChartSpec
    title: str                     # the active title, with the markers of notes on the chart
    categories: list[str]          # as drawn (a bar's category carries its figure's note markers)
    names: list[str]               # series names (a line's name carries its points' note markers)
    notes: list[PlacedNote]
    head: list[str]                # the figure table's header: first cell blank (the row labels)
    rows: list[list[str]]          # its rows: label, then figures as printed
    statuses: list[str | None]     # per row, for a bar: adverse or favourable (None for lines)
    drawn: ChartSpec               # the chart as drawn: a bar chart's largest bars only

    @property
    def flagged(self) -> bool:
        return any(self.statuses)


def _with_unit(measure: str, table: Table | None) -> str:
    """A bar chart's figure column titled as its table's column, with its unit ("Month 6 Variance (£m)")."""
    if table is None:
        return measure
    grid = Grid.of(table.observations)
    return dict(zip(grid.measures, column_titles(grid))).get(measure, measure)


def _shown(series: Series, i: int, unit: str | None, displays: dict[str, str]) -> str:
    cell = series.cells[i] if i < len(series.cells) else ""
    return displays.get(cell) or point_text(series.values[i], unit)


def chart_figures(spec: ChartSpec, table: Table | None, plan: NotePlan) -> ChartFigures:
    """``table`` is the chart's dataset (None for a comparison's trend, whose figures are its own)."""
    key = table.ds.key if table is not None else ""
    displays = table.displays() if table is not None else {}
    notes = plan.by_chart.get(spec.id, [])
    title = with_markers(active_title(spec), [p.number for p in notes])
    if spec.kind == BAR:
        series = spec.series[0]
        cells = series.cells or [""] * len(spec.categories)
        categories = [with_markers(c, plan.markers(key, cell)) for c, cell in zip(spec.categories, cells)]
        names = [series.name]
        shown = categories
        table_spec = spec
        if len(categories) > MAX_BARS:   # the figures of the bars drawn, not of every row
            shown = [categories[i] for i in largest(series.values, MAX_BARS)]
            table_spec = largest_bars(spec)
        drawn = table_spec.series[0]
        statuses = list(drawn.statuses) or [None] * len(shown)
        flags = any(statuses) and not is_balance(spec)
        head = ["", _with_unit(series.name, table)] + (["A/(F)"] if flags else [])
        rows = [[category, _shown(drawn, i, spec.unit, displays)]
                + ([FLAG_LETTERS.get(statuses[i] or "", "–")] if flags else []) for i, category in enumerate(shown)]
        return ChartFigures(spec, title, categories, names, notes, head, rows, statuses, table_spec)
    names = [with_markers(s.name, [m for cell in s.cells for m in plan.markers(key, cell)]) for s in spec.series]
    rows = [[name] + [_shown(s, i, spec.unit, displays) for i in range(len(spec.categories))]
            for name, s in zip(names, spec.series)]
    return ChartFigures(spec, title, list(spec.categories), names, notes, ["", *spec.categories], rows,
                        [None] * len(rows), spec)
