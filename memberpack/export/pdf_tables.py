"""Table building blocks of the briefing, a chart's data as a table, and plain lists.

Header rows repeat on every page a table runs onto. Cells are plain strings where they fit (a
paragraph only where text must wrap or carry a note marker), which keeps a long pack fast.
"""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from memberpack.export.chart_figures import ChartFigures
from memberpack.export.pdf_styles import (ADVERSE, CELL_TEXT, FAVOURABLE, FONT, FONT_BOLD, FRAME_HEIGHT, FRAME_WIDTH,
                                          INK, RULE, SHADE, cell_style, register_fonts)
from memberpack.model.charts import BAR
from memberpack.model.display import printable

PAD = 3
CELL_SIZE = CELL_TEXT
STATUS_TEXT = {"adverse": ADVERSE, "favourable": FAVOURABLE}
Cell = str | Flowable


class BriefingTable(Table):
    """A table that never splits leaving a single row alone at the foot of a page, nor carries a
    single row over to the next (the header repeats above the rows that move)."""

    def split(self, avail_width: float, avail_height: float) -> list:
        parts = super().split(avail_width, avail_height)
        if len(parts) != 2:
            return parts
        first, rest = (len(p._cellvalues) - self.repeatRows for p in parts)
        if first < 2 and avail_height < FRAME_HEIGHT / 2:
            return []  # not on a fresh page: start the table on the next one
        if rest < 2 and first > 2:
            return super().split(avail_width, sum(self._rowHeights[:len(parts[0]._cellvalues) - 1]) + 0.01)
        return parts


def marked(text: str, markers: Sequence[str], size: float = CELL_SIZE) -> Cell:
    """A figure with its note markers in brackets after it (full size: a superscript would print
    too small to read), or the plain text when it has none."""
    if not markers:
        return text
    return Paragraph(f"{escape(printable(text))} <font color='#1d4f91'><b>[{','.join(markers)}]</b></font>",
                     cell_style(size, right=True))


def fit(text: str, width: float, *, bold: bool = False, right: bool = False, size: float = CELL_SIZE) -> Cell:
    """Plain text when it fits the column, else a paragraph that wraps (a very long text cut, saying so)."""
    register_fonts()
    text = printable(text)
    if stringWidth(text, FONT_BOLD if bold else FONT, size) <= width - 2 * PAD:
        return text
    return Paragraph(escape(text), cell_style(size, bold=bold, right=right))


def header(texts: Sequence[str], widths: Sequence[float], right: Sequence[int] | None = None,
           size: float = CELL_SIZE) -> list[Cell]:
    """Header cells; numeric columns (all but the first, unless ``right`` says) are right-aligned."""
    return [fit(t, w, bold=True, right=i in right if right is not None else i > 0, size=size)
            for i, (t, w) in enumerate(zip(texts, widths))]


def base_style(numeric_from: int = 1, size: float = CELL_SIZE) -> list[tuple]:
    return [
        ("FONT", (0, 0), (-1, -1), FONT, size, size + 2),
        ("FONT", (0, 0), (-1, 0), FONT_BOLD, size, size + 2),
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


def _widths(first_share: float, columns: int, width: float) -> list[float]:
    first = width * first_share
    return [first] + [(width - first) / columns] * columns


def chart_table(figures: ChartFigures, width: float = FRAME_WIDTH) -> Table:
    """A chart's figures as the source table prints them: for bars one row per category with A/(F)
    as letters, so colour is not needed; for lines one row per series."""
    many = len(figures.head) > 9
    columns = len(figures.head) - 1
    widths = _widths(0.4 if figures.spec.kind == BAR else 0.24 if many else 0.36, columns, width)
    words = [w for text in figures.head[1:] for w in text.split()]
    need = max((stringWidth(w, FONT_BOLD, CELL_SIZE) for w in words), default=0) + 2 * PAD + 1
    if columns and widths[1] < need:   # room for each header's longest word: "Apr-24" had broken as "Apr-2 / 4"
        first = max(width * 0.2, width - need * columns)
        widths = [first] + [(width - first) / columns] * columns
    cmds = base_style()
    rows: list[list[Cell]] = [header(figures.head, widths)]
    for r, (row, status) in enumerate(zip(figures.rows, figures.statuses), start=1):
        rows.append([fit(text, w, right=c > 0) for c, (text, w) in enumerate(zip(row, widths))])
        if status in STATUS_TEXT and figures.flagged:
            cmds.append(("TEXTCOLOR", (-1, r), (-1, r), STATUS_TEXT[status]))
    return BriefingTable(rows, colWidths=widths, repeatRows=1, splitInRow=1, style=TableStyle(cmds), hAlign="LEFT")


def list_table(head: Sequence[str], rows: Sequence[Sequence[Cell]], shares: Sequence[float],
               right: Sequence[int] = ()) -> Table:
    """A plain list (headlines, the questions annex); ``shares`` of the frame width per column,
    ``right`` the columns of figures, right-aligned."""
    widths = [FRAME_WIDTH * s for s in shares]
    body = [[fit(c, w, right=i in right) if isinstance(c, str) else c for i, (c, w) in enumerate(zip(row, widths))]
            for row in rows]
    style = base_style(len(widths)) + [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
    return BriefingTable([header(head, widths, right), *body], colWidths=widths, repeatRows=1, splitInRow=1,
                 style=TableStyle(style), hAlign="LEFT")
