"""A dataset's observations laid back out as the rows and columns of the source table."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import groupby

from memberpack.model.observation import DATA, TOTAL, Observation
from memberpack.model.periods import Period, parse_period
from memberpack.model.units import GBP, unit_cost
from memberpack.model.values import BLANK, TEXT


@dataclass(slots=True)
class GridRow:
    label: str
    section: str | None
    role: str = DATA
    cells: dict[str, Observation] = field(default_factory=dict)

    def value(self, measure: str) -> float | None:
        obs = self.cells.get(measure)
        return obs.value if obs else None


@dataclass(slots=True)
class Grid:
    """Rows in source order; ``measures`` in source column order."""

    measures: list[str]
    rows: list[GridRow]

    @classmethod
    def of(cls, observations: Iterable[Observation]) -> Grid:
        by_row: dict[int, GridRow] = {}
        columns: dict[int, str] = {}
        for obs in sorted(observations, key=lambda o: (o.row, o.col)):
            row = by_row.setdefault(obs.row, GridRow(obs.label, obs.section, obs.row_role))
            row.cells[obs.measure] = obs
            columns.setdefault(obs.col, obs.measure)
        measures = list(dict.fromkeys(columns[c] for c in sorted(columns)))
        rows = [by_row[r] for r in sorted(by_row)]
        if len(rows) > 1 and rows[-1].role == DATA and is_net_result(rows[-1].label):
            rows[-1].role = TOTAL   # the lines' net, as a total row is: never added in with them
        return cls(measures, rows)

    @classmethod
    def as_source(cls, observations: Iterable[Observation]) -> Grid:
        """The table as the source laid it out: a figure the importer derived from another cell
        (``Benchmark: England``, 53, read out of "England, 53% South West, 53%") shares that cell's
        reference and is left out, so no column appears twice."""
        seen: set[tuple[str, str]] = set()
        kept = []
        for obs in sorted(observations, key=lambda o: (o.row, o.col)):
            where = (obs.sheet, obs.cell)
            if obs.cell and where in seen:
                continue
            seen.add(where)
            kept.append(obs)
        return cls.of(kept).dated_rows().named_sections()

    def worded(self, measure: str) -> bool:
        """Whether a column holds words, not figures (a row's reference ``AHW01``, a comment): no
        cell of it a figure, one at least written. It is set as text, left-aligned."""
        cells = [row.cells[measure] for row in self.rows if measure in row.cells]
        return any(obs.status == TEXT for obs in cells) and all(obs.value is None and obs.status in (TEXT, BLANK)
                                                                 for obs in cells)

    def costs(self) -> Grid:
        """The rows a money table's totals add up: not a service's unit cost (``- Average Unit Cost``,
        in pounds beside £000s) nor its activity (``- FYEs``, ``Number of placements``: no figure in £),
        which are never summed with its costs, told as an over- or underspend, nor drawn as a variance. A table
        with no figure in £ (its unit not stated) keeps its rows of figures."""
        money = any(obs.unit == GBP for row in self.rows for obs in row.cells.values())
        return Grid(self.measures, [row for row in self.rows if not _activity(row, money)])

    def named_sections(self) -> Grid:
        """A table whose every section holds one row (a code on each row, ``E06000001`` over
        ``Hartlepool``) with each row named with its section (``Hartlepool (E06000001)``), not under
        a heading of its own that doubles the rows."""
        runs = [len(list(rows)) for section, rows in groupby(self.rows, key=lambda row: row.section) if section]
        if len(runs) < 3 or max(runs) > 1:
            return self
        return Grid(self.measures, [GridRow(f"{row.label} ({row.section})" if row.section else row.label, None,
                                           row.role, row.cells) for row in self.rows])

    def dated_rows(self) -> Grid:
        """Rows each of one period, in a table of rows of several (a performance system's export:
        each indicator once a quarter, its ``Period`` column read as the rows' periods), named with
        their period (``EHCPs issued within 20 weeks (%) – Q1 2024/25``) where the label does not
        say it, so no figure is shown without the period it is for."""
        periods = [_row_period(row) for row in self.rows]
        if len(set(filter(None, periods))) < 2:
            return self
        rows = [GridRow(f"{row.label} – {period}", row.section, row.role, row.cells)
                if period and parse_period(row.label) is None and period not in row.label else row
                for row, period in zip(self.rows, periods)]
        return Grid(self.measures, rows)

    def dated_series(self) -> list[list[GridRow]]:
        """The rows of one label and section, each of its own period, in period order, where a table
        holds such a label more than once (a long export: each indicator once a quarter); none in a
        table of several areas' figures (those are compared area with area, not told as our own)."""
        if len({obs.area for row in self.rows for obs in row.cells.values()} - {None}) > 1:
            return []
        series: dict[tuple[str, str | None], list[tuple[Period, GridRow]]] = {}
        for row in self.rows:
            period = parse_period(_row_period(row) or "")
            if period is not None and row.role == DATA:
                series.setdefault((row.label, row.section), []).append((period, row))
        return [[row for _, row in sorted(rows, key=lambda pair: pair[0])] for rows in series.values()
                if len(rows) >= 2 and len({period for period, _ in rows}) == len(rows)]

    def sections(self) -> list[str | None]:
        return list(dict.fromkeys(row.section for row in self.rows))

    def column_period(self, measure: str, *, every_row: bool = False) -> str | None:
        """A column's period in full (``Q3 2020/21`` for a column headed ``Q3``), where its rows agree:
        the rows giving none left aside, unless they hold most of its figures (one row whose label
        holds a date, "brought forward 1/4/2022", gives no period of the column); with ``every_row``,
        none if any row gives none."""
        cells = [c for r in self.rows if (c := r.cells.get(measure)) is not None]
        found = {c.period or None for c in cells if every_row or c.period}
        figures = [bool(c.period) for c in cells if c.value is not None]
        if not every_row and figures.count(True) < figures.count(False):
            return None
        return found.pop() if len(found) == 1 else None


_SIDE = r"\(?\s*(?:surplus|deficit)\s*\)?"
# a table's last line stating its net result: "Net Surplus", "Net (Surplus)/Deficit", "Surplus/(Deficit) for the year"
_NET_RESULT = re.compile(rf"\s*(?:net\s+{_SIDE}(?:\s*/\s*{_SIDE})?|{_SIDE}\s*/\s*{_SIDE})"
                         r"(?:\s+for\s+the\s+(?:year|period))?\s*", re.IGNORECASE)


def is_net_result(label: str) -> bool:
    """Whether a row states a table's net result (``Net Surplus``): a surplus or deficit, no budget
    to take a share of."""
    return bool(_NET_RESULT.fullmatch(label))


def _activity(row: GridRow, money: bool) -> bool:
    """Whether a row is a unit cost, or holds figures and none in £ where the table's ``money`` is (:meth:`Grid.costs`)."""
    if unit_cost(row.label):
        return True
    units = {obs.unit for obs in row.cells.values() if obs.value is not None}
    return money and bool(units) and GBP not in units


def _row_period(row: GridRow) -> str | None:
    """The one period every figure of ``row`` is for, if they agree."""
    found = {obs.period for obs in row.cells.values()}
    return found.pop() if len(found) == 1 else None
