"""Figures kept column-wise: a run of a table's rows whose cells share their column's measure, unit,
metric and period.

Large tables are mostly such rows (a statistics file's 50,000 areas and years, a ledger's 100,000
lines), and keeping them as arrays, one per column, rather than as an :class:`Observation` per
cell makes importing and storing them several times quicker. :meth:`FigureBlock.observations`
gives the same observations a cell-by-cell reading gives.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from memberpack.model.number_formats import general, render
from memberpack.model.observation import Observation
from memberpack.model.values import clean_number


@dataclass(slots=True)
class Coded:
    """Per-row texts with each distinct one kept once: row i's is ``values[codes[i]]``."""

    codes: np.ndarray          # int32, one per row
    values: list

    @classmethod
    def of(cls, items: Sequence) -> Coded:
        distinct = dict.fromkeys(items)
        if len(distinct) == len(items):
            return cls(np.arange(len(items), dtype=np.int32), list(distinct))
        if len(distinct) == 1:   # (a block's roles, areas, its text cells' units and statuses, mostly)
            return cls(np.zeros(len(items), dtype=np.int32), list(distinct))
        index = {item: i for i, item in enumerate(distinct)}
        return cls(np.fromiter(map(index.__getitem__, items), dtype=np.int32, count=len(items)), list(distinct))

    @classmethod
    def same(cls, item, rows: int) -> Coded:
        return cls(np.zeros(rows, dtype=np.int32), [item])

    def mapped(self, values: Sequence) -> Coded:
        """The rows' values when each distinct value here stands for ``values[i]`` (one per distinct
        value): the same codes, merged where two stand for the same."""
        distinct = dict.fromkeys(values)
        if len(distinct) == len(values):
            return Coded(self.codes, list(values))
        index = {item: i for i, item in enumerate(distinct)}
        remap = np.fromiter(map(index.__getitem__, values), dtype=np.int32, count=len(values))
        return Coded(remap[self.codes], list(distinct))

    def expanded(self) -> list:
        values = self.values
        return [values[c] for c in self.codes.tolist()]


class RowStatuses(Mapping):
    """The special cells of a text column, one a row, as ``{row: (None, None, status)}`` (no value,
    no unit), each row's status coded: made and stored without a tuple a row."""

    __slots__ = ("statuses",)

    def __init__(self, statuses: Coded) -> None:
        self.statuses = statuses

    def __getitem__(self, i: int) -> tuple[None, None, str | None]:
        if not 0 <= i < len(self.statuses.codes):
            raise KeyError(i)
        return None, None, self.statuses.values[self.statuses.codes[i]]

    def __iter__(self) -> Iterator[int]:
        return iter(range(len(self.statuses.codes)))

    def __len__(self) -> int:
        return len(self.statuses.codes)

    def items(self) -> Iterator[tuple[int, tuple[None, None, str | None]]]:
        cells = [(None, None, status) for status in self.statuses.values]
        return zip(range(len(self)), map(cells.__getitem__, self.statuses.codes.tolist()))


@dataclass(slots=True)
class Texts:
    """Cell texts packed as Arrow keeps them: UTF-8 bytes, and int32 offsets from 0 (n + 1 of them)."""

    data: bytes
    offsets: np.ndarray

    @classmethod
    def of(cls, items: Sequence[str]) -> Texts:
        joined = "".join(items)
        if joined.isascii():    # one encode, and byte lengths are character lengths
            data, lengths = joined.encode("ascii"), list(map(len, items))
        else:   # (pounds: one encode of the items joined by NULs, each length a gap between them)
            data = "\0".join(items).encode()
            ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == 0)
            if len(ends) == len(items) - 1:
                lengths = np.diff(ends, prepend=-1, append=len(data)) - 1
                data = data.replace(b"\0", b"")
            else:   # a NUL in an item
                encoded = [item.encode() for item in items]
                data, lengths = b"".join(encoded), list(map(len, encoded))
        offsets = np.zeros(len(lengths) + 1, dtype=np.int32)
        np.cumsum(lengths, out=offsets[1:])
        return cls(data, offsets)

    @classmethod
    def columns_of(cls, rows: Sequence[Sequence[str]]) -> list[Texts]:
        """Each column's texts of ``rows`` (a CSV's figures as written). Their lengths are the gaps
        between the NULs joining every cell, column after column: asking each cell's ``len`` took
        longer than the rest together."""
        columns = list(zip(*rows))
        texts = ["".join(column) for column in columns]
        if not all(map(str.isascii, texts)):
            return [cls.of(column) for column in columns]
        n, k = len(rows), len(columns)
        joined = "\0".join(map("\0".join, columns)).encode("ascii")
        ends = np.flatnonzero(np.frombuffer(joined, dtype=np.uint8) == 0)
        if len(ends) != n * k - 1:   # a NUL in a cell
            return [cls.of(column) for column in columns]
        bounds = np.empty(n * k + 1, dtype=np.int64)
        bounds[0], bounds[1:-1], bounds[-1] = -1, ends, len(joined)
        offsets = np.zeros((k, n + 1), dtype=np.int32)
        np.cumsum((np.diff(bounds) - 1).reshape(k, n), axis=1, out=offsets[:, 1:])
        return [cls(text.encode("ascii"), offsets[j]) for j, text in enumerate(texts)]

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def tolist(self) -> list[str]:
        bounds = self.offsets.tolist()
        if self.data.isascii():   # character and byte offsets agree: one decode, then slices
            text = self.data.decode("ascii")
            return [text[a:b] for a, b in zip(bounds, bounds[1:])]
        data = self.data
        return [data[a:b].decode() for a, b in zip(bounds, bounds[1:])]


@dataclass(slots=True)
class BlockColumn:
    """One column of a block: what its cells share, and their figures.

    With ``raw``, ``values`` are the numbers as the source holds them (in the column's own unit:
    a £k column holds 123.4, a percent-formatted one 0.1706), scaled by ``factor`` into base units
    when expanded, and shown as ``displays`` when the source wrote them as text, else through the
    column's number format ``code``, else as Python writes the number. Otherwise
    ``values`` are already in base units and ``displays`` hold each cell's text.
    ``specials`` are the cells that are not plain figures (``c``, ``#REF!``): row -> (value, unit,
    status); their ``values`` entry is NaN, and their display is in ``displays``, or for a raw column
    whose figures are shown through their format, in ``special_displays`` (a mark among typed
    figures). ``row_metrics`` and ``row_units``, when set, give each row its own metric and unit
    (rows whose label names a metric: ``Care leavers``, a count), instead of ``metric_id`` and ``unit``.
    ``row_periods``, when set, give each row this column's own period label, instead of the block's
    per-row ``periods`` (labels naming years: a ``Month 1`` column's figure in the row of 2019 is
    ``2019/20 Month 1``, a comments column's is none).
    """

    position: int
    letter: str
    measure: str
    unit: str | None
    metric_id: str
    period: str | None
    values: np.ndarray
    raw: bool = True
    factor: float = 1.0
    displays: Texts | None = None
    specials: dict[int, tuple[float | None, str | None, str | None]] = field(default_factory=dict)
    code: str | None = None    # the column's number format, which raw figures are shown in
    row_metrics: Coded | None = None
    row_units: Coded | None = None
    special_displays: dict[int, str] = field(default_factory=dict)
    row_periods: Coded | None = None

    def metrics(self) -> list[str]:
        """Each row's metric."""
        return self.row_metrics.expanded() if self.row_metrics is not None else [self.metric_id] * len(self.values)

    def scale_rows(self, rows: np.ndarray, by: float) -> None:
        """Multiply the figures of ``rows`` (a flag a row) by ``by``, each still shown as the source
        shows it (fractions the officer says are percentages: 0.345, read as 34.5). A raw column
        scaled in every row takes ``by`` into its factor; otherwise its figures become base units,
        each cell with its text."""
        if self.raw and rows.all():
            self.factor *= by
            return
        if self.raw:
            cells = self._cells()
            self.values = np.array([np.nan if value is None else value for value, *_ in cells], dtype=float)
            self.displays = Texts.of([display for _, _, display, _ in cells])
            self.raw, self.factor, self.code = False, 1.0, None
        values = self.values.copy()
        at = np.flatnonzero(rows & np.isfinite(values))
        values[at] = [clean_number(value * by) for value in values[at].tolist()]
        self.values = values

    def cells(self) -> list[tuple[float | None, str | None, str, str | None]]:
        """(value, unit, display, status) of each row."""
        if self.row_units is not None:
            return [(value, unit, display, status) for (value, _, display, status), unit
                    in zip(self._cells(), self.row_units.expanded())]
        return self._cells()

    def _cells(self) -> list[tuple[float | None, str | None, str, str | None]]:
        unit, specials, shown = self.unit, self.specials, self.special_displays
        if not self.raw:
            out = [(value, unit, display, None) for value, display in zip(self.values.tolist(), self.displays.tolist())]
        elif self.displays is not None:   # written as text (a CSV): shown as written
            factor = self.factor
            out = [(clean_number(raw * factor), unit, display, None)
                   for raw, display in zip(self.values.tolist(), self.displays.tolist())]
        else:
            factor, code = self.factor, self.code
            if code is not None:
                out = [(clean_number(raw * factor), unit, render(raw, code), None) for raw in self.values.tolist()]
            else:
                out = [(clean_number(raw * factor), unit, general(raw) if not raw.is_integer() else f"{raw:.0f}", None)
                       for raw in self.values.tolist()]
        for i, (value, special_unit, status) in specials.items():
            out[i] = (value, special_unit, shown.get(i, out[i][2]), status)
        return out


@dataclass(slots=True)
class FigureBlock:
    """Rows of one table held column-wise. ``rows`` are the rows within the table (0-based, as
    :attr:`Observation.row`), ``lines`` the sheet's row numbers for the cell references."""

    sheet: str
    rows: np.ndarray            # int32
    lines: np.ndarray           # int32
    labels: Coded
    sections: Coded
    roles: Coded
    columns: list[BlockColumn]
    periods: Coded | None = None   # per row, for columns with no period of their own
    areas: Coded | None = None

    def __len__(self) -> int:
        return len(self.rows)

    @property
    def cell_count(self) -> int:
        return len(self.rows) * len(self.columns)

    def head(self, rows: int) -> FigureBlock:
        """The block's first ``rows`` rows (a sample of a long table, without expanding the rest)."""
        if rows >= len(self):
            return self

        def first(coded: Coded | None) -> Coded | None:
            return None if coded is None else Coded(coded.codes[:rows], coded.values)

        columns = [replace(c, values=c.values[:rows], specials={i: s for i, s in c.specials.items() if i < rows},
                           special_displays={i: s for i, s in c.special_displays.items() if i < rows},
                           displays=None if c.displays is None else
                           Texts(c.displays.data[:int(c.displays.offsets[rows])], c.displays.offsets[:rows + 1]),
                           row_metrics=first(c.row_metrics), row_units=first(c.row_units),
                           row_periods=first(c.row_periods)) for c in self.columns]
        return FigureBlock(self.sheet, self.rows[:rows], self.lines[:rows], first(self.labels), first(self.sections),
                           first(self.roles), columns, first(self.periods), first(self.areas))

    def observations(self, keep: Sequence[bool] | None = None) -> Iterator[Observation]:
        """The block's figures in row then column order, as a cell-by-cell reading gives them;
        ``keep`` (one flag per row) leaves rows out."""
        n = len(self)
        periods = self.periods.expanded() if self.periods is not None else [None] * n
        areas = self.areas.expanded() if self.areas is not None else [None] * n
        per_row = [self.rows.tolist(), [str(line) for line in self.lines.tolist()], self.labels.expanded(),
                   self.sections.expanded(), self.roles.expanded(), periods, areas]
        kept = None if keep is None else [i for i, k in enumerate(keep) if k]
        if kept is not None:
            per_row = [[values[i] for i in kept] for values in per_row]
        rows, numbers, labels, sections, roles, periods, areas = per_row
        sheet = self.sheet
        by_column = []   # each column's observations, made in one comprehension (quicker than a loop)
        for c in self.columns:
            measure, letter, position, metric_id = c.measure, c.letter, c.position, c.metric_id
            cells = c.cells()
            metrics = c.metrics() if c.row_metrics is not None else None
            if kept is not None:
                cells = [cells[i] for i in kept]
                metrics = None if metrics is None else [metrics[i] for i in kept]
            column_periods = periods if c.period is None else [c.period] * len(rows)
            if c.row_periods is not None:
                column_periods = c.row_periods.expanded()
                if kept is not None:
                    column_periods = [column_periods[i] for i in kept]
            if metrics is not None:
                cells = [(*cell, metric) for cell, metric in zip(cells, metrics)]
                by_column.append([
                    Observation(label, measure, value, unit, display, status, section, period, role, sheet,
                                letter + number, row, position, metric, None, area)
                    for (value, unit, display, status, metric), label, section, period, role, number, row, area
                    in zip(cells, labels, sections, column_periods, roles, numbers, rows, areas)])
                continue
            by_column.append([
                Observation(label, measure, value, unit, display, status, section, period, role, sheet,
                            letter + number, row, position, metric_id, None, area)
                for (value, unit, display, status), label, section, period, role, number, row, area
                in zip(cells, labels, sections, column_periods, roles, numbers, rows, areas)])
        for row_observations in zip(*by_column):
            yield from row_observations
