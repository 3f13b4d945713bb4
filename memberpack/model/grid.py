"""A dataset's observations laid back out as the rows and columns of the source table."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from memberpack.model.observation import DATA, Observation


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
        return cls(measures, [by_row[r] for r in sorted(by_row)])

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
        return cls.of(kept)

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
