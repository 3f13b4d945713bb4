"""A table of many thousand rows (a ledger, a statistics file) arranged from its stored blocks.

No :class:`~memberpack.model.observation.Observation` is made per figure: each column stays the
arrays it is stored as, and a cell's text is made when the cell is drawn. A table with sections,
sub totals and totals keeps them as the officer laid them out: a heading row where the section
changes, the rows sorted within their section, its sub totals last. Plain Python and numpy, built,
sorted and filtered on worker threads (:mod:`memberpack.gui.large_table_view` shows it).
"""

from __future__ import annotations

import re
from bisect import bisect_right

import numpy as np

from memberpack.model.blocks import BlockColumn, Coded, FigureBlock, Texts
from memberpack.model.number_formats import general, render
from memberpack.model.observation import DATA, Observation
from memberpack.model.text_search import blank, containing, could_be_a_number, joined, lowered
from memberpack.model.values import clean_number

EXPANDED_PARTS = 64     # a block's column expanded for drawing (two blocks of 20 columns are in sight at most)


def readable(blocks: list[FigureBlock]) -> bool:
    """True when the blocks make one table this model can show: the same columns throughout, each
    column one metric and unit (sections, sub totals and totals are shown as the small view shows them)."""
    return bool(blocks) and len({tuple(c.measure for c in b.columns) for b in blocks}) == 1 \
        and not any(c.row_metrics is not None or c.row_units is not None for b in blocks for c in b.columns)


def _coded(parts: list[Coded]) -> tuple[np.ndarray, list]:
    """Per-block codes made into one code per row over the whole table, and the distinct values.
    A block at a time: no one long step holds Python's lock (and the window)."""
    index: dict = {}
    codes = []
    for part in parts:
        new = [value for value in part.values if value not in index]   # a block's values are distinct
        index.update(zip(new, range(len(index), len(index) + len(new))))
        local = np.fromiter(map(index.__getitem__, part.values), dtype=np.int32, count=len(part.values))
        codes.append(local[part.codes])
    return np.concatenate(codes), list(index)


class _Column:
    """One measure's cells over every block, kept as the blocks keep them."""

    def __init__(self, parts: list[BlockColumn]) -> None:
        first = parts[0]
        self.measure, self.unit, self.letter = first.measure, first.unit, first.letter
        self.metric_id, self.period, self.position = first.metric_id, first.period, first.position
        self.parts = parts
        self.raw = np.concatenate([p.values for p in parts]).astype(np.float64)
        self.values = np.concatenate([p.values * p.factor if p.raw else p.values for p in parts]).astype(np.float64)
        self._searched: dict[bool, Texts] = {}   # made on the one worker thread that filters

    def containing(self, needle: str) -> np.ndarray:
        """A flag per row: does the cell's text, as shown, contain ``needle`` (lower case)? Figures
        shown through their number format are written out only for a needle a figure could hold."""
        return containing(self.searched(could_be_a_number(needle)), needle)

    def searched(self, with_figures: bool) -> Texts:
        """The column's texts in lower case, those kept as written and, ``with_figures``, the figures
        written out through their format (others left blank)."""
        with_figures = with_figures and any(p.displays is None for p in self.parts)
        if with_figures not in self._searched:
            self._searched[with_figures] = joined([
                lowered(p.displays) if p.displays is not None
                else lowered(Texts.of([display for _v, _u, display, _s in p.cells()])) if with_figures
                else blank(len(p.values)) for p in self.parts])
        return self._searched[with_figures]


class LargeTable:
    """A dataset's blocks arranged for a view: labels coded once over the whole table, each measure's
    cells as one column. Plain Python and numpy, so it is built on a worker thread."""

    def __init__(self, blocks: list[FigureBlock]) -> None:
        self.blocks = blocks
        self.starts = np.cumsum([0] + [len(b) for b in blocks])
        self._starts: list[int] = self.starts.tolist()
        self._expanded: dict[tuple[int, int], list] = {}   # cells of parts not kept raw, as last drawn
        self.sheet = blocks[0].sheet
        self.label_codes, self.label_values = _coded([b.labels for b in blocks])
        self.section_codes, self.section_values = _coded([b.sections for b in blocks])
        self.role_codes, self.role_values = _coded([b.roles for b in blocks])
        self.totals = np.array([role != DATA for role in self.role_values], dtype=bool)[self.role_codes]
        # a run: rows in a row under one section; a heading row goes before each run that has one
        changes = self.section_codes[1:] != self.section_codes[:-1]
        self.runs = np.concatenate([[0], np.cumsum(changes)]).astype(np.int64)
        first_rows = np.concatenate([[0], np.flatnonzero(changes) + 1]).astype(np.int64)
        self.run_sections: list[str | None] = [self.section_values[c] for c in self.section_codes[first_rows].tolist()]
        self.run_headed = np.array([s is not None for s in self.run_sections], dtype=bool)
        self.grouped = bool(self.run_headed.any() or self.totals.any())
        self.lines = np.concatenate([b.lines for b in blocks])
        self.rows_in_table = np.concatenate([b.rows for b in blocks])
        self.columns = [_Column([b.columns[i] for b in blocks]) for i in range(len(blocks[0].columns))]
        self.measures = [c.measure for c in self.columns]
        self._label_texts: Texts | None = None

    def __len__(self) -> int:
        return int(self.starts[-1])

    def label(self, row: int) -> str:
        return self.label_values[self.label_codes[row]]

    def section(self, row: int) -> str | None:
        return self.section_values[self.section_codes[row]]

    def role(self, row: int) -> str:
        return self.role_values[self.role_codes[row]]

    def heading(self, entry: int) -> str:
        """The section named by a heading entry of an order (``-(run + 1)``)."""
        return self.run_sections[-entry - 1] or ""

    def all_rows(self) -> np.ndarray:
        """The table as stored: its rows, with a heading before each section."""
        return self.ordered(-1, False, "")

    def row_in(self, order: np.ndarray, label: str) -> int:
        """The position in ``order`` of the first row labelled ``label``, or -1."""
        if label not in self.label_values:
            return -1
        rows = order[order >= 0]
        found = np.flatnonzero(self.label_codes[rows] == self.label_values.index(label))
        return int(np.flatnonzero(order >= 0)[found[0]]) if len(found) else -1

    def cell(self, row: int, column: int) -> tuple[float | None, str | None, str, str | None]:
        """(value, unit, display, status) of one cell, made from its block's arrays (asked for every
        cell in sight at each paint, so kept to plain Python on Python numbers)."""
        b = bisect_right(self._starts, row) - 1
        i = row - self._starts[b]
        part = self.columns[column].parts[b]
        if i in part.specials or not part.raw:
            key = (column, b)
            if key not in self._expanded:
                if len(self._expanded) >= EXPANDED_PARTS:
                    self._expanded.clear()
                self._expanded[key] = part.cells()
            return self._expanded[key][i]
        raw = float(part.values[i])
        if part.displays is not None:
            offsets = part.displays.offsets
            display = part.displays.data[int(offsets[i]):int(offsets[i + 1])].decode()
        elif part.code is not None:
            display = render(raw, part.code)
        else:
            display = general(raw) if not raw.is_integer() else f"{raw:.0f}"
        return clean_number(raw * part.factor), part.unit, display, None

    def searched_labels(self) -> Texts:
        if self._label_texts is None:
            self._label_texts = lowered(Texts.of(self.label_values))
        return self._label_texts

    def prepare_filter(self) -> None:
        """Make what a filter searches (for words; figures are written out for a number), so the
        first filter is as quick as the next."""
        self.searched_labels()
        for column in self.columns:
            column.searched(False)

    def ordered(self, column: int, descending: bool, needle: str) -> np.ndarray:
        """The rows that match ``needle`` (lower case), sorted by ``column`` (-1: as stored); in a
        table with sections, sorted within each section, headings (``-(run + 1)``) first and sub
        totals and totals last, as stored."""
        if self.grouped:
            return self._grouped(column, descending, needle)
        rows = np.arange(len(self), dtype=np.int64)
        if column == 0:
            rank = np.argsort(np.argsort(np.array(self.label_values, dtype=str)))
            rows = np.argsort(rank[self.label_codes], kind="stable")
        elif column > 0:
            values = self.columns[column - 1].values
            rows = np.argsort(np.where(np.isnan(values), np.inf if not descending else -np.inf, values),
                              kind="stable")
        if descending and column >= 0:
            rows = rows[::-1]
        if needle:
            keep = self._matching(needle)
            rows = rows[keep[rows]]
        return rows

    def _matching(self, needle: str) -> np.ndarray:
        keep = containing(self.searched_labels(), needle)[self.label_codes]
        for c in self.columns:
            keep |= c.containing(needle)
        return keep

    def _grouped(self, column: int, descending: bool, needle: str) -> np.ndarray:
        n = len(self)
        key = np.zeros(n)
        if column == 0:
            rank = np.argsort(np.argsort(np.array(self.label_values, dtype=str)))
            key = rank[self.label_codes].astype(np.float64)
        elif column > 0:
            key = self.columns[column - 1].values
        if column >= 0:
            key = np.where(np.isnan(key), np.inf, -key if descending else key)   # blanks last either way
        key = np.where(self.totals, 0.0, key)   # sub totals and totals keep their order
        rows = np.lexsort((np.arange(n), key, self.totals, self.runs))
        if needle:
            rows = rows[self._matching(needle)[rows]]
        runs = self.runs[rows]
        starts = np.flatnonzero(np.concatenate([[True], runs[1:] != runs[:-1]])) if len(rows) else np.zeros(0, np.int64)
        headed = self.run_headed[runs[starts]]
        return np.insert(rows, starts[headed], -(runs[starts[headed]] + 1))


def load_table(path: str, dataset_id: int) -> LargeTable | None:
    """The dataset's table read from its blocks and the rows stored alone (sub totals, totals), over
    a connection of its own (on a worker); None if its columns change from block to block or hold
    rows of several metrics or units, which the full view shows instead."""
    from memberpack.store.pack import Pack  # noqa: PLC0415

    with Pack.open(path) as pack:
        blocks, alone = pack.blocks(dataset_id), pack.stored_alone(dataset_id)
    if not readable(blocks):
        return None
    rows_alone = alone_blocks(alone, blocks[0])
    if rows_alone is None:
        return None
    return LargeTable(sorted(blocks + rows_alone, key=lambda b: int(b.rows[0])))


def alone_blocks(observations: list[Observation], like: FigureBlock) -> list[FigureBlock] | None:
    """Rows stored one figure at a time, as blocks shaped like ``like`` (a block per run of such
    rows), each cell with its own value, unit, text and status; None when a figure sits under a
    column ``like`` does not have."""
    columns = {c.measure: c for c in like.columns}
    by_row: dict[int, dict[str, Observation]] = {}
    for obs in observations:
        if obs.measure not in columns:
            return None
        by_row.setdefault(obs.row, {})[obs.measure] = obs
    runs: list[list[int]] = []
    for row in sorted(by_row):
        if runs and row == runs[-1][-1] + 1:
            runs[-1].append(row)
        else:
            runs.append([row])
    return [_alone_block([by_row[r] for r in run], run, like) for run in runs]


def _alone_block(cells: list[dict[str, Observation]], rows: list[int], like: FigureBlock) -> FigureBlock:
    firsts = [next(iter(row.values())) for row in cells]
    columns = []
    for c in like.columns:
        found = [row.get(c.measure) for row in cells]
        values = np.array([np.nan if o is None or o.value is None else o.value for o in found], dtype=np.float64)
        columns.append(BlockColumn(c.position, c.letter, c.measure, c.unit, c.metric_id, c.period, values, raw=False,
                                   displays=Texts.of(["" if o is None else o.display for o in found]),
                                   specials={i: (o.value, o.unit, o.status) for i, o in enumerate(found) if o is not None}))
    lines = [int(re.sub(r"\D", "", o.cell) or 0) for o in firsts]
    return FigureBlock(like.sheet, np.array(rows, dtype=np.int32), np.array(lines, dtype=np.int32),
                       Coded.of([o.label for o in firsts]), Coded.of([o.section for o in firsts]),
                       Coded.of([o.row_role for o in firsts]), columns)
