"""Finding the tables of a sheet, top to bottom, and handing each to a :class:`TableReader`.

A sheet is read once, as a stream: title rows are collected until a header appears; the header,
units row and label column are detected from the next rows (:func:`detect_layout`); the table's
rows are then read until it ends (:mod:`table_ends`), and the search goes on below it.

Tables are yielded one at a time with a lazy ``observations`` iterator; it must be used up (or is
drained) before the next table is found, since both read the same stream.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from memberpack.importers.cells import a1
from memberpack.importers.kinds import detect_kind
from memberpack.importers.layout import HEAD_ROWS, TableLayout, blank, cell_class, cell_text, detect_layout, shape_key
from memberpack.importers.reader import Sheet
from memberpack.importers.report import TableReport
from memberpack.importers.stream import Peekable
from memberpack.importers.table_ends import is_footnote, single_text
from memberpack.importers.table_reader import TableReader
from memberpack.model.observation import LAYOUT_KINDS, Observation
from memberpack.model.periods import Period, parse_period
from memberpack.model.values import parse_text

Recall = Callable[[str], dict | None]


@dataclass(slots=True)
class FoundTable:
    """A table found on a sheet: its layout, its report, and its observations (lazy while importing)."""

    layout: TableLayout
    report: TableReport
    shape: str
    observations: Iterator[Observation] | list[Observation] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.layout.title


def context_period(texts: Sequence[str]) -> Period | None:
    """The period the titles, sheet name or file name state, placed in a year if one says it."""
    periods = [p for p in (parse_period(t) for t in texts if t) if p is not None]
    with_year = next((p for p in periods if p.year is not None), None)
    if periods and periods[0].year is None:
        return periods[0].within(with_year)
    return periods[0] if periods else None


def find_tables(sheet: Sheet, *, file_stem: str = "", kind: str | None = None,
                overrides: Sequence[TableLayout] = (), recall: Recall | None = None,
                progress=None, cancel=None) -> Iterator[FoundTable]:
    """Every table of ``sheet``, in order."""
    if kind is not None and kind not in LAYOUT_KINDS:
        raise ValueError(f"unknown layout kind {kind!r}")
    stream = Peekable(sheet.rows)
    titles: list[tuple[int, str]] = []
    while (item := stream.peek()) is not None:
        r, row = item
        if all(blank(v) for v in row) or is_footnote(row):
            stream.next()
            continue
        text = single_text(row)
        if text is not None:
            titles = [*titles[-2:], (r, text)]
            stream.next()
            continue
        head = _block(stream)
        layout = detect_layout(sheet.name, titles, head)
        if layout is None:
            stream.next()
            titles = []
            continue
        seen = {**{t: [] for t, _ in titles}, **dict(head)}
        found = _prepare(sheet, layout, seen, file_stem=file_stem, kind=kind, overrides=overrides, recall=recall)
        while (nxt := stream.peek()) is not None and nxt[0] < found.layout.data_start:
            stream.next()
        reader = TableReader(found.layout, seen, sheet, _context(found.layout, sheet.name, file_stem), found.report)
        found.report.unit = reader.describe_units()
        found.observations = _finished(reader.observations(stream, progress, cancel), reader, found)
        yield found
        for _ in found.observations:
            pass
        titles = []


def _block(stream: Peekable) -> list[tuple[int, list[Any]]]:
    """The rows from here to the next blank row (at most :data:`HEAD_ROWS`)."""
    head = []
    for r, row in stream.ahead(HEAD_ROWS):
        if all(blank(v) for v in row):
            break
        head.append((r, row))
    return head


def _context(layout: TableLayout, sheet_name: str, file_stem: str) -> Period | None:
    if layout.period:
        return parse_period(layout.period)
    return context_period([layout.title, sheet_name, file_stem.replace("_", " ")])


def _prepare(sheet: Sheet, layout: TableLayout, seen: dict[int, list[Any]], *, file_stem: str, kind: str | None,
             overrides: Sequence[TableLayout], recall: Recall | None) -> FoundTable:
    """Settle the layout: detected, then remembered for this shape, then the officer's override."""
    header_texts = [cell_text(row[c]) if c < len(row) else ""
                    for row in (seen.get(h - 1) or [] for h in layout.header_rows) for c in layout.col_range]
    shape = shape_key(sheet.name, header_texts)
    source = "detected"
    memory = recall(shape) if recall is not None else None
    if memory:
        layout.recall(memory)
        source = "remembered for this shape"
    override = next((o for o in overrides if o.sheet == sheet.name and layout.covers(o)), None)
    if override is not None:
        layout = TableLayout.from_dict(override.to_dict())
        source = "set by hand"
    reasons_for = _head_sample(layout, seen)
    if kind is not None:
        layout.kind, layout.kind_reason = kind, "set with --kind"
    elif override is None and not (memory and memory.get("kind")):
        layout.kind, layout.kind_reason = detect_kind(*reasons_for)
    context = _context(layout, sheet.name, file_stem)
    layout.period = layout.period or (context.label() if context else None)
    report = TableReport(sheet=sheet.name, title=layout.title, cell_range="", kind=layout.kind,
                         header_rows=list(layout.header_rows), label_column=layout.label_column, unit=layout.unit,
                         kind_reason=layout.kind_reason, units_row=layout.units_row, period=layout.period,
                         layout_source=source)
    return FoundTable(layout, report, shape)


def _head_sample(layout: TableLayout, seen: dict[int, list[Any]]) -> tuple[list[str], list[str], set[str]]:
    """Header texts, row labels and statuses of the table's first rows, for :func:`detect_kind`."""
    measures = [" ".join(cell_text(seen[h - 1][c]) for h in layout.header_rows
                         if c < len(seen.get(h - 1, [])) and not blank(seen[h - 1][c]))
                for c in layout.col_range if c > layout.label_col]
    labels, statuses = [], set()
    for r, row in sorted(seen.items()):
        if r < layout.data_start or not row:
            continue
        if layout.label_col < len(row) and not blank(row[layout.label_col]):
            labels.append(cell_text(row[layout.label_col]))
        for c in layout.col_range:
            if c > layout.label_col and c < len(row) and cell_class(row[c]) == "special":
                statuses.add(parse_text(str(row[c])).status)
    return [m for m in measures if m], labels, statuses


def _finished(observations: Iterator[Observation], reader: TableReader, found: FoundTable) -> Iterator[Observation]:
    """Pass the observations through, then record the table's extent in its layout and report."""
    yield from observations
    layout = found.layout
    layout.last_row = reader.last_row + 1
    found.report.cell_range = f"{a1(min(layout.header_rows or (layout.first_row,)) - 1, layout.col_range.start)}:" \
                              f"{a1(reader.last_row, layout.col_range.stop - 1)}"
