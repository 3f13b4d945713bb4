"""Tables of the briefing: a dataset as the source laid it out, a chart's data, and plain lists.

Header rows repeat on every page a table runs onto. Cells are plain strings where they fit (a
paragraph only where text must wrap or carry a note marker), which keeps a long pack fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from memberpack.analysis.charts import FLAG_LETTERS, figure_text
from memberpack.export.pdf_notes import NotePlan
from memberpack.export.pdf_notes import Table as PackTable
from memberpack.export.pdf_styles import (ADVERSE, FAVOURABLE, FONT, FONT_BOLD, FRAME_WIDTH, INK, RAG, RULE, SHADE,
                                          styles)
from memberpack.model.charts import BAR, ChartSpec, Series
from memberpack.model.grid import Grid
from memberpack.model.observation import DATA

PAD = 3
CELL_SIZE = 8
STATUS_TEXT = {"adverse": ADVERSE, "favourable": FAVOURABLE}
Cell = str | Flowable


def marked(text: str, markers: Sequence[str], *, right: bool = True) -> Cell:
    """A cell's text with its note markers as superscripts, or the plain text when it has none."""
    if not markers:
        return text
    style = styles()["cell_right" if right else "cell"]
    sup = ",".join(markers)
    return Paragraph(f"{escape(text)}<super><font color='#1d4f91'><b> {sup}</b></font></super>", style)


def fit(text: str, width: float, *, bold: bool = False, right: bool = False) -> Cell:
    """Plain text when it fits the column, else a paragraph that wraps."""
    if stringWidth(text, FONT_BOLD if bold else FONT, CELL_SIZE) <= width - 2 * PAD:
        return text
    name = ("cell_bold" if bold else "cell") + ("_right" if right else "")
    return Paragraph(escape(text), styles()[name])


def _header(texts: Sequence[str], widths: Sequence[float], right: Sequence[int] | None = None) -> list[Cell]:
    """Header cells; numeric columns (all but the first, unless ``right`` says) are right-aligned."""
    return [fit(t, w, bold=True, right=i in right if right is not None else i > 0)
            for i, (t, w) in enumerate(zip(texts, widths))]


def base_style(numeric_from: int = 1) -> list[tuple]:
    return [
        ("FONT", (0, 0), (-1, -1), FONT, CELL_SIZE, CELL_SIZE + 2),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, CELL_SIZE, CELL_SIZE + 2),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]


def _widths(first_share: float, columns: int) -> list[float]:
    first = FRAME_WIDTH * (first_share if columns <= 6 else first_share * 0.8)
    return [first] + [(FRAME_WIDTH - first) / columns] * columns


def grid_table(table: PackTable, plan: NotePlan) -> Table:
    """The dataset's rows and columns in source order: section headings, sub totals and totals in
    bold, every figure as the source displayed it, RAG and A/(F) in colour and in words."""
    grid = Grid.of(table.observations)
    widths = _widths(0.34, len(grid.measures))
    rows: list[list[Cell]] = [_header(["", *grid.measures], widths)]
    cmds = base_style()
    section = None
    for row in grid.rows:
        if row.section and row.section != section:
            r = len(rows)
            rows.append([row.section] + [""] * len(grid.measures))
            cmds += [("SPAN", (0, r), (-1, r)), ("FONT", (0, r), (-1, r), FONT_BOLD, CELL_SIZE, CELL_SIZE + 2),
                     ("BACKGROUND", (0, r), (-1, r), SHADE)]
        section = row.section
        r = len(rows)
        bold = row.role != DATA
        cells: list[Cell] = [fit(row.label, widths[0], bold=bold)]
        for c, measure in enumerate(grid.measures, start=1):
            obs = row.cells.get(measure)
            if obs is None:
                cells.append("")
                continue
            markers = plan.markers(table.ds.key, obs.cell)
            cells.append(marked(obs.display, markers) if markers else fit(obs.display, widths[c], right=True))
            if obs.status in RAG:
                cmds.append(("BACKGROUND", (c, r), (c, r), RAG[obs.status]))
            elif obs.status in STATUS_TEXT:
                cmds.append(("TEXTCOLOR", (c, r), (c, r), STATUS_TEXT[obs.status]))
        if bold:
            cmds += [("FONT", (0, r), (-1, r), FONT_BOLD, CELL_SIZE, CELL_SIZE + 2), ("LINEABOVE", (0, r), (-1, r), 0.6, INK)]
        rows.append(cells)
    return Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(cmds), hAlign="LEFT")


def chart_table(spec: ChartSpec, categories: list[str], series_names: list[str], displays: dict[str, str]) -> Table:
    """A chart's figures, one row per category, as the source showed them (``displays`` by cell),
    with A/(F) as letters so colour is not needed."""
    statuses = spec.series[0].statuses if spec.kind == BAR else []
    flags = any(statuses)
    columns = len(spec.series) + flags
    widths = _widths(0.4 if spec.kind == BAR else 0.18, columns)
    header = ["Period" if spec.kind != BAR else "", *series_names] + (["A/(F)"] if flags else [])
    rows: list[list[Cell]] = [_header(header, widths)]
    cmds = base_style()
    for i, category in enumerate(categories):
        cells: list[Cell] = [fit(category, widths[0])]
        cells += [_shown(s, i, spec.unit, displays) for s in spec.series]
        if flags:
            status = statuses[i] or ""
            cells.append(FLAG_LETTERS.get(status, "–"))
            if status in STATUS_TEXT:
                cmds.append(("TEXTCOLOR", (-1, i + 1), (-1, i + 1), STATUS_TEXT[status]))
        rows.append(cells)
    return Table(rows, colWidths=widths, repeatRows=1, style=TableStyle(cmds), hAlign="LEFT")


def _shown(series: Series, i: int, unit: str | None, displays: dict[str, str]) -> str:
    cell = series.cells[i] if i < len(series.cells) else ""
    return displays.get(cell) or figure_text(series.values[i], unit)


def list_table(header: Sequence[str], rows: Sequence[Sequence[Cell]], shares: Sequence[float],
               right: Sequence[int] = ()) -> Table:
    """A plain list (headlines, the questions annex); ``shares`` of the frame width per column,
    ``right`` the columns of figures, right-aligned."""
    widths = [FRAME_WIDTH * s for s in shares]
    body = [[fit(c, w, right=i in right) if isinstance(c, str) else c for i, (c, w) in enumerate(zip(row, widths))]
            for row in rows]
    style = base_style(len(widths)) + [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
    return Table([_header(header, widths, right), *body], colWidths=widths, repeatRows=1, style=TableStyle(style),
                 hAlign="LEFT")
