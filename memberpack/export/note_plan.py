"""Where each member's note goes in an export (PDF or HTML), and its marker. Whether its figure
has changed (or gone) comes from :mod:`memberpack.analysis.annotation_targets`, as in the app.

Markers are stable: questions are numbered Q1, Q2... (notes N1..., concerns C1...) in the order
they were written (created_at, then uid), so adding a question later never renumbers the others.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from memberpack.analysis.annotation_targets import ResolvedTarget, TargetResolver, figure_text
from memberpack.model.annotations import (CHART, CONCERN, KIND_TITLES, METRIC, OBSERVATION, PRIVATE, QUESTION,
                                          SHARED, Annotation)
from memberpack.model.charts import ChartSpec
from memberpack.model.display import figure_text as printed_text
from memberpack.model.metrics import metric
from memberpack.model.observation import Dataset, Observation
from memberpack.store.classification import Exemption


def anchor_key(*parts: object) -> str:
    """A bookmark, link or HTML id made safe for the PDF name tree and for HTML."""
    return re.sub(r"[^A-Za-z0-9_]", "_", "_".join(str(p) for p in parts))


PREFIX = {QUESTION: "Q", CONCERN: "C"}


def note_numbers(notes: list[Annotation]) -> dict[str, str]:
    """Numbers that do not change from one version of the briefing to another: the shared notes
    (exempt ones too) counted by kind in the order they were written, then any private ones, so a
    version that leaves some out shows a gap (the annex's Q2 is Q2 in every copy) rather than
    numbering the rest again, and a member's private questions never move the committee's."""
    counters: dict[str, int] = {}
    numbers = {}
    for note in sorted(notes, key=lambda n: n.visibility != SHARED):   # stable: written order within each
        prefix = PREFIX.get(note.kind, "N")
        counters[prefix] = counters.get(prefix, 0) + 1
        numbers[note.uid] = f"{prefix}{counters[prefix]}"
    return numbers


@dataclass(slots=True)
class PlacedNote:
    note: Annotation
    number: str
    about: str
    changed: str | None = None
    placed: bool = False
    exempt: str = ""   # "exempt, paragraph 3" in a full version carrying an exempt note

    @property
    def key(self) -> str:
        return anchor_key("note", self.note.uid)


@dataclass(slots=True)
class Table:
    """One exported dataset with what the briefing draws from it."""

    ds: Dataset
    observations: list[Observation]
    charts: list[ChartSpec]
    comparisons: list = field(default_factory=list)  # how we compare (analysis.comparisons), if any
    row_keys: dict[str, str] = field(default_factory=dict)  # source cell to the anchor of its printed row

    def row_anchors(self, cells) -> list[str]:
        """The anchors a printed row carries: one for each of its figures a headline links to."""
        return [self.row_keys[c] for c in cells if c in self.row_keys]

    def displays(self) -> dict[str, str]:
        """Each figure's printed text by source cell, so a chart's figures read as its table's."""
        return {o.cell: printed_text(o) for o in self.observations}


def uk_date(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) >= 10 else iso


def describe(obs: Observation) -> str:
    section = f" ({obs.section})" if obs.section and obs.section not in obs.label else ""
    return f"{obs.label}{section}, {obs.measure}: {figure_text(obs.value, obs.unit, obs.display)}"


class NotePlan:
    """Notes grouped by where they print: beside a table cell, a chart, a table, or the whole pack."""

    def __init__(self, notes: list[Annotation], tables: list[Table], resolver: TargetResolver,
                 exempt: Mapping[str, Exemption] | None = None, numbers: Mapping[str, str] | None = None) -> None:
        """``exempt``: the exempt notes (uid -> exemption) of a full version, labelled as such;
        ``numbers``: each note's number (see :func:`note_numbers`), else counted over ``notes``."""
        counters: dict[str, int] = {}
        self.notes: list[PlacedNote] = []
        self.by_cell: dict[tuple[str, str], list[PlacedNote]] = {}
        self.by_chart: dict[str, list[PlacedNote]] = {}
        self.by_table: dict[str, list[PlacedNote]] = {}
        self.general: list[PlacedNote] = []
        self._tables = {t.ds.key: t for t in tables}
        self._cells: dict[str, set[str]] = {}   # by table key: the source cells of the figures it prints
        self._charts = {c.id: c for t in tables for c in t.charts}
        self._charts.update({c.trend.id: c.trend for t in tables for c in t.comparisons if c.trend is not None})
        for note in notes:
            prefix = PREFIX.get(note.kind, "N")
            counters[prefix] = counters.get(prefix, 0) + 1
            number = (numbers or {}).get(note.uid) or f"{prefix}{counters[prefix]}"
            placed = PlacedNote(note, number, "the whole pack")
            if exempt and note.uid in exempt:
                placed.exempt = f"exempt, paragraph {exempt[note.uid].paragraph}"
            self.notes.append(placed)
            self._place(placed, resolver.resolve(note))

    def _place(self, placed: PlacedNote, resolved: ResolvedTarget) -> None:
        """Beside its figure, chart or table when that is in this export; on the headline page when
        it is about the whole pack or its figure is gone; only in the annex when its section is left out."""
        target = placed.note.target
        placed.changed = resolved.flag
        table = self._tables.get(resolved.dataset.key) if resolved.dataset else None
        if resolved.dataset is not None and table is None:
            placed.about = f"{target.describe()} (in a section not included in this export)"
        elif target.type == OBSERVATION and resolved.observation is not None and table is not None:
            placed.about = describe(resolved.observation)
            if resolved.observation.cell in self._printed_cells(table):
                self._put(self.by_cell, (table.ds.key, resolved.observation.cell), placed)
            else:   # a figure the export does not print (an open-statistics table's): under its table
                self._put(self.by_table, table.ds.key, placed)
        elif target.type == CHART and target.chart_id in self._charts:
            placed.about = f"chart “{self._charts[target.chart_id].title}”"
            self._put(self.by_chart, target.chart_id, placed)
        elif target.type == METRIC:
            placed.about = metric(target.metric_id or "other").name
            table = next((t for t in self._tables.values()
                          if any(o.metric_id == target.metric_id for o in t.observations)), None)
            if table is None:
                self._general(placed)
            else:
                self._put(self.by_table, table.ds.key, placed)
        elif table is not None:
            placed.about = table.ds.name
            self._put(self.by_table, table.ds.key, placed)
        else:
            placed.about = target.describe()
            self._general(placed)

    def _printed_cells(self, table: Table) -> set[str]:
        if table.ds.key not in self._cells:
            self._cells[table.ds.key] = {o.cell for o in table.observations}
        return self._cells[table.ds.key]

    @staticmethod
    def _put(index: dict, key, placed: PlacedNote) -> None:
        placed.placed = True
        index.setdefault(key, []).append(placed)

    def _general(self, placed: PlacedNote) -> None:
        placed.placed = True
        self.general.append(placed)

    def markers(self, dataset_key: str, cell: str) -> list[str]:
        return [p.number for p in self.by_cell.get((dataset_key, cell), [])]

    def for_table(self, table: Table) -> list[PlacedNote]:
        """Notes under a table: its figures' notes in table order, then notes on the whole table."""
        cells = [p for o in table.observations for p in self.by_cell.get((table.ds.key, o.cell), [])]
        return cells + self.by_table.get(table.ds.key, [])

    @property
    def questions(self) -> list[PlacedNote]:
        return [p for p in self.notes if p.note.kind == QUESTION]


def note_head(placed: PlacedNote) -> list[str]:
    """A note's heading as plain parts: marker, kind, exempt, private, author, date and what it is about."""
    note = placed.note
    head = [placed.number, KIND_TITLES[note.kind]]
    if placed.exempt:
        head.append(placed.exempt)
    if note.visibility == PRIVATE:
        head.append("private")
    return head + [note.author or "unnamed member", uk_date(note.created_at), f"on {placed.about}"]
