"""A dataset printed as the source laid it out: sections, sub totals and totals in bold, every
figure as the source displayed it, RAG and A/(F) in colour and in words.

Columns are sized to their figures so a number never wraps (only words do): a wide return is set
in smaller type, and one too wide for a portrait page gets a landscape page.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Table, TableStyle

from memberpack.export.pdf_notes import NotePlan
from memberpack.export.pdf_notes import Table as PackTable
from memberpack.export.pdf_styles import FONT, FONT_BOLD, FRAME_WIDTH, INK, LANDSCAPE_WIDTH, RAG, SHADE
from memberpack.export.pdf_tables import PAD, STATUS_TEXT, Cell, base_style, fit, header, marked
from memberpack.model.grid import Grid
from memberpack.model.observation import DATA

# (frame width, type size) to try in turn: portrait first, then landscape.
FITS = ((FRAME_WIDTH, 8), (FRAME_WIDTH, 7), (LANDSCAPE_WIDTH, 8), (LANDSCAPE_WIDTH, 7), (LANDSCAPE_WIDTH, 6))
LABEL_SHARE = 0.36
MARKER_ROOM = 14
TEXT_ROOM = 100  # words in a figure column (commentary, benchmarks as text) wrap beyond this width


@dataclass(frozen=True, slots=True)
class GridLayout:
    grid: Grid
    widths: list[float]
    size: float

    @property
    def landscape(self) -> bool:
        return sum(self.widths) > FRAME_WIDTH + 1


def _needed(grid: Grid, plan: NotePlan, key: str, size: float) -> tuple[float, list[float]]:
    """The label column's natural width and each figure column's least width at ``size``."""
    label = max((stringWidth(r.label, FONT_BOLD, size) for r in grid.rows), default=0) + 2 * PAD
    columns = []
    for measure in grid.measures:
        words = max((stringWidth(w, FONT_BOLD, size) for w in measure.split()), default=0)
        cells = [o for r in grid.rows if (o := r.cells.get(measure))]
        figures = max((min(stringWidth(o.display, FONT, size), TEXT_ROOM) + MARKER_ROOM * bool(plan.markers(key, o.cell))
                       for o in cells), default=0)
        columns.append(max(words, figures) + 2 * PAD + 1)
    return label, columns


def grid_layout(table: PackTable, plan: NotePlan) -> GridLayout:
    """The first of :data:`FITS` in which every column fits; spare width goes to the label column
    up to its natural width, then to the figures."""
    grid = Grid.of(table.observations)
    for frame, size in FITS:
        label, columns = _needed(grid, plan, table.ds.key, size)
        label_w = min(label, frame * LABEL_SHARE)
        spare = frame - label_w - sum(columns)
        if spare >= 0 or (frame, size) == FITS[-1]:
            grow = max(0.0, min(spare, label - label_w))
            share = (spare - grow) / len(columns) if columns else 0
            if spare < 0:  # nothing fits: squeeze the figures in proportion
                columns = [c * (frame - label_w) / sum(columns) for c in columns]
                share = 0
            return GridLayout(grid, [label_w + grow] + [c + share for c in columns], size)
    raise AssertionError("unreachable: the last fit always returns")


def grid_table(table: PackTable, plan: NotePlan, layout: GridLayout) -> Table:
    grid, widths, size = layout.grid, layout.widths, layout.size
    rows: list[list[Cell]] = [header(["", *grid.measures], widths, size=size)]
    cmds = base_style(size=size)
    section = None
    for row in grid.rows:
        if row.section and row.section != section:
            r = len(rows)
            rows.append([row.section] + [""] * len(grid.measures))
            cmds += [("SPAN", (0, r), (-1, r)), ("FONT", (0, r), (-1, r), FONT_BOLD, size, size + 2),
                     ("BACKGROUND", (0, r), (-1, r), SHADE)]
        section = row.section
        r = len(rows)
        bold = row.role != DATA
        cells: list[Cell] = [fit(row.label, widths[0], bold=bold, size=size)]
        for c, measure in enumerate(grid.measures, start=1):
            obs = row.cells.get(measure)
            if obs is None:
                cells.append("")
                continue
            markers = plan.markers(table.ds.key, obs.cell)
            cells.append(marked(obs.display, markers, size) if markers
                         else fit(obs.display, widths[c], right=True, size=size))
            if obs.status in RAG:
                cmds.append(("BACKGROUND", (c, r), (c, r), RAG[obs.status]))
            elif obs.status in STATUS_TEXT:
                cmds.append(("TEXTCOLOR", (c, r), (c, r), STATUS_TEXT[obs.status]))
        if bold:
            cmds += [("FONT", (0, r), (-1, r), FONT_BOLD, size, size + 2), ("LINEABOVE", (0, r), (-1, r), 0.6, INK)]
        rows.append(cells)
    return Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(cmds), hAlign="LEFT")
