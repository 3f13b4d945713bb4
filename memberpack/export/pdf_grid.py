"""A dataset printed as the source laid it out: sections, sub totals and totals in bold, every
figure as the source displayed it, RAG and A/(F) in colour and in words.

Columns are sized to their figures so a number never wraps (only words do): a return too wide for
a portrait page gets a landscape page, at the same type size; wider still, it prints in runs of
columns, each beside the labels.
A very long label or comment is cut, saying so (the HTML version has it whole).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, TableStyle

from memberpack.analysis.narrative import column_titles
from memberpack.export.briefing import PRINTED_ROWS, printed_grid
from memberpack.export.note_plan import NotePlan
from memberpack.export.note_plan import Table as PackTable
from memberpack.export.pdf_document import RowAnchor
from memberpack.export.pdf_styles import (CELL_TEXT, FONT, FONT_BOLD, FRAME_WIDTH, INK, LANDSCAPE_WIDTH,
                                          RAG, SHADE, cell_style, styles)
from memberpack.export.pdf_tables import PAD, STATUS_TEXT, BriefingTable, Cell, base_style, fit, header, marked
from memberpack.model.display import figure_text, printable
from memberpack.model.grid import Grid
from memberpack.model.observation import DATA, Observation

# (frame width, type size) to try in turn: portrait first, then landscape; never below print size.
FITS = ((FRAME_WIDTH, CELL_TEXT), (LANDSCAPE_WIDTH, CELL_TEXT))
LABEL_SHARE = 0.36
LABEL_FLOOR = 0.2  # the labels never take less of the frame than this (unless they need less)
MARKER_ROOM = 14
TEXT_ROOM = 110  # words in a figure column (commentary, benchmarks as text) wrap beyond this width
SHORT_TEXT = 16  # a cell this short (a figure with its unit, a status) is never wrapped


@dataclass(frozen=True, slots=True)
class GridLayout:
    grid: Grid
    widths: list[float]
    size: float
    words: tuple[int, ...] = (0,)  # the columns of words, set left-aligned (0 is the labels)
    left_out: int = 0              # rows of a long table not printed (see _printed)

    @property
    def landscape(self) -> bool:
        return sum(self.widths) > FRAME_WIDTH + 1


def _solid(obs: Observation) -> bool:
    """A figure or short token, kept on one line and right-aligned; anything else is words."""
    return len(obs.display) <= SHORT_TEXT or (obs.value is not None and " " not in obs.display.strip())


def _word(text: str, size: float, font: str = FONT) -> float:
    """The longest word's width; a longer word than :data:`TEXT_ROOM` is broken where it wraps."""
    return min(TEXT_ROOM, max((stringWidth(w, font, size) for w in text.split()), default=0))


def _columns(grid: Grid, plan: NotePlan, key: str, size: float) -> list[tuple[float, float, float, bool]]:
    """(least, preferred, fair) width of the label column, then of each figure column, at ``size``.

    A figure or short token never wraps, so its full width is the least; words (commentary,
    benchmarks written as text) may wrap down to their longest word. The fair width is what a
    column of mostly words would take unwrapped (its preferred width for a column of figures); last,
    whether the column is set as words, left-aligned: mostly words (at least half its cells) or
    words only (:meth:`Grid.worded`: a row's reference, ``AHW01``)."""
    labels = [printable(r.label) for r in grid.rows] + [printable(r.section or "") for r in grid.rows]
    label_full = max((stringWidth(t, FONT_BOLD, size) for t in labels), default=0) + 2 * PAD
    out = [(max((_word(t, size, FONT_BOLD) for t in labels), default=0) + 2 * PAD, label_full, label_full, True)]
    for measure, title in zip(grid.measures, column_titles(grid)):
        least = pref = longest = _word(title, size, FONT_BOLD)
        words = solids = 0
        for row in grid.rows:
            obs = row.cells.get(measure)
            if obs is None:
                continue
            text = printable(figure_text(obs))
            full = stringWidth(text, FONT, size) + MARKER_ROOM * bool(plan.markers(key, obs.cell))
            solid = _solid(obs)
            solids, words = solids + solid, words + (not solid)
            least = max(least, full if solid else _word(text, size))
            pref = max(pref, min(full, TEXT_ROOM))
            longest = max(longest, full)
        pref = max(least, pref) + 2 * PAD + 1
        prose = words >= max(solids, 1) or grid.worded(measure)
        out.append((least + 2 * PAD + 1, pref, longest + 2 * PAD + 1 if prose else pref, prose))
    return out


def _share(lows: list[float], targets: list[float], room: float) -> list[float]:
    """``room`` shared among columns in proportion to their targets, none below its low nor above
    its target (those held at their low leave the rest to the others)."""
    held: dict[int, float] = {}
    while True:
        free = [i for i in range(len(lows)) if i not in held]
        left, total = room - sum(held.values()), sum(targets[i] for i in free)
        shares = {i: left * targets[i] / total if total else 0.0 for i in free}
        short = [i for i in free if shares[i] < lows[i]]
        if not short:
            held.update(shares)
            return [min(held[i], max(lows[i], targets[i])) for i in range(len(lows))]
        held.update({i: lows[i] for i in short})


def grid_layout(table: PackTable, plan: NotePlan) -> GridLayout:
    """Comfortable widths (labels and words unwrapped) in the first of :data:`FITS` that takes
    them, else the least widths (numbers whole, words wrapped) in the first that takes those.
    Figures keep that width; the labels and the columns of words share the rest fairly (toward
    their unwrapped width, up to :data:`LABEL_SHARE` of the frame each); what is left over after
    that goes to every figure column alike."""
    grid, left_out = printed_grid(table, plan)
    for comfortable in (True, False):
        for frame, size in FITS:
            cols = _columns(grid, plan, table.ds.key, size)
            cap = frame * LABEL_SHARE
            prefs = [min(cols[0][1], cap)] + [c[1] for c in cols[1:]]
            leasts = [min(max(cols[0][0], frame * LABEL_FLOOR), prefs[0])] + [c[0] for c in cols[1:]]
            widths = list(prefs if comfortable else leasts)
            if sum(widths) > frame:
                continue
            words = [i for i, c in enumerate(cols) if c[3]]
            fairs = [prefs[0]] + [max(p, min(c[2], cap)) for p, c in zip(prefs[1:], cols[1:])]
            room = frame - sum(w for i, w in enumerate(widths) if i not in words)
            for i, w in zip(words, _share([widths[i] for i in words], [fairs[i] for i in words], room)):
                widths[i] = w
            spare = frame - sum(widths)
            widths = [widths[0]] + [w + spare / max(1, len(widths) - 1) for w in widths[1:]]
            return GridLayout(grid, widths, size, tuple(words), left_out)
    words = [i for i, c in enumerate(cols) if c[3]]
    return GridLayout(grid, leasts, size, tuple(words), left_out)  # wider than a page: printed in parts


def _column_groups(widths: list[float], frame: float) -> list[list[int]]:
    """The figure columns in runs that fit ``frame`` beside the label column."""
    groups: list[list[int]] = []
    current: list[int] = []
    used = widths[0]
    for c in range(1, len(widths)):
        if current and used + widths[c] > frame:
            groups.append(current)
            current, used = [], widths[0]
        current.append(c)
        used += widths[c]
    return groups + [current] if current else groups


def grid_tables(table: PackTable, plan: NotePlan, layout: GridLayout) -> list[Flowable]:
    """The table as one table, or, when it is too wide for a landscape page at print size, as
    several, each with the labels and a run of the columns ("columns 1 to 7 of 14")."""
    if sum(layout.widths) <= LANDSCAPE_WIDTH + 1:
        return [_grid_table(table, plan, layout)]
    measures = layout.grid.measures
    out: list[Flowable] = []
    for group in _column_groups(layout.widths, LANDSCAPE_WIDTH):
        widths = [layout.widths[0]] + [layout.widths[c] for c in group]
        spare = max(0.0, LANDSCAPE_WIDTH - sum(widths)) / len(group)
        part = replace(layout, grid=Grid([measures[c - 1] for c in group], layout.grid.rows),
                       widths=[widths[0]] + [w + spare for w in widths[1:]],
                       words=(0, *(j for j, c in enumerate(group, start=1) if c in layout.words)))
        out += [Paragraph(f"Columns {group[0]} to {group[-1]} of {len(measures)}", styles()["source"]),
                _grid_table(table, plan, part)]
    return out


def _grid_table(table: PackTable, plan: NotePlan, layout: GridLayout) -> BriefingTable:
    grid, widths, size = layout.grid, layout.widths, layout.size
    figures = [c for c in range(1, len(widths)) if c not in layout.words]
    rows: list[list[Cell]] = [header(["", *column_titles(grid)], widths, figures, size=size)]
    cmds = base_style(size=size) + [("ALIGN", (c, 0), (c, -1), "LEFT") for c in layout.words if c]
    section = None
    for row in grid.rows:
        if row.section and row.section != section:
            r = len(rows)
            rows.append([fit(row.section, sum(widths), bold=True, size=size)] + [""] * len(grid.measures))
            cmds += [("SPAN", (0, r), (-1, r)), ("FONT", (0, r), (-1, r), FONT_BOLD, size, size + 2),
                     ("BACKGROUND", (0, r), (-1, r), SHADE)]
        section = row.section
        r = len(rows)
        bold = row.role != DATA
        cells: list[Cell] = [fit(row.label, widths[0], bold=bold, size=size)]
        anchors = table.row_anchors(o.cell for o in row.cells.values())
        if anchors:   # a headline line links here
            cells[0] = [RowAnchor(anchors), Paragraph(escape(printable(row.label)), cell_style(size, bold=bold))]
        for c, measure in enumerate(grid.measures, start=1):
            obs = row.cells.get(measure)
            if obs is None:
                cells.append("")
                continue
            markers = plan.markers(table.ds.key, obs.cell)
            text = figure_text(obs)
            cells.append(marked(text, markers, size) if markers
                         else fit(text, widths[c], right=c in figures and _solid(obs), size=size))
            if obs.status in RAG:
                cmds.append(("BACKGROUND", (c, r), (c, r), RAG[obs.status]))
            elif obs.status in STATUS_TEXT:
                cmds.append(("TEXTCOLOR", (c, r), (c, r), STATUS_TEXT[obs.status]))
        if bold:
            cmds += [("FONT", (0, r), (-1, r), FONT_BOLD, size, size + 2), ("LINEABOVE", (0, r), (-1, r), 0.6, INK)]
        rows.append(cells)
    if layout.left_out:
        r = len(rows)
        rows.append([fit(f"… and {layout.left_out:,} more rows, kept in the pack but not printed (the first "
                         f"{PRINTED_ROWS:,} rows, totals and rows with notes are printed)", sum(widths), size=size)]
                    + [""] * len(grid.measures))
        cmds += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), SHADE)]
    return BriefingTable(rows, colWidths=widths, repeatRows=1, splitInRow=1, style=TableStyle(cmds), hAlign="LEFT")
