""""How we compare" in the briefing: under a table whose figures have comparator data, a short table
(ours, England, region, neighbours' average, verdict, rank and band) and each measure's trend chart,
drawn from the same :class:`~memberpack.model.charts.ChartSpec` as the app's."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, TableStyle

from memberpack.analysis.charts import without_repeats
from memberpack.analysis.comparison_rows import intro_text, summary_head, summary_row
from memberpack.analysis.comparisons import BEST, TONE_COLOURS, UNJUDGED, WORST, Comparison
from memberpack.export.pdf_charts import chart_drawing
from memberpack.export.note_plan import NotePlan
from memberpack.export.pdf_notes import note_flowables
from memberpack.export.pdf_styles import FONT, FONT_BOLD, register_fonts, styles
from memberpack.export.pdf_tables import CELL_SIZE, PAD, BriefingTable, base_style, fit, header
from memberpack.model.charts import ChartSpec

SHARES = (0.26, 0.07, 0.10, 0.09, 0.10, 0.12, 0.09, 0.09, 0.07)
NAME_SHARE = 0.2   # the least of the width the measures' names keep (a fifth)
BAND = 8
BENCHMARKS_FROM = "; benchmarks from "


def comparison_table(found: list[Comparison], width: float) -> BriefingTable:
    """The comparisons as rows; columns no comparison fills (no neighbours, no rank) are left out."""
    head, rows = summary_head(found), [summary_row(c) for c in found]
    keep = [i for i in range(len(head)) if i < 3 or any(r[i] for r in rows)]
    widths = column_widths([head[i] for i in keep], [[r[i] for i in keep] for r in rows], width,
                           [SHARES[i] for i in keep])
    cmds = base_style(size=CELL_SIZE)
    body = []
    for r, (c, row) in enumerate(zip(found, rows), start=1):
        body.append([fit(row[i], w, right=n > 0, size=CELL_SIZE) for n, (i, w) in enumerate(zip(keep, widths))])
        if BAND in keep and c.rank is not None:
            col = keep.index(BAND)
            cmds += [("BACKGROUND", (col, r), (col, r), colors.HexColor(TONE_COLOURS[c.rank.tone])),
                     ("TEXTCOLOR", (col, r), (col, r),
                      colors.white if c.rank.tone in (BEST, WORST, UNJUDGED) else colors.black),
                     ("ALIGN", (col, r), (col, r), "CENTER")]
    return BriefingTable([header([head[i] for i in keep], widths, size=CELL_SIZE), *body], colWidths=widths,
                         repeatRows=1, style=TableStyle(cmds), hAlign="LEFT")


def column_widths(head: list[str], rows: list[list[str]], width: float, shares: list[float]) -> list[float]:
    """Each figure column as wide as its longest figure and its header's longest word (a header
    breaks between words, never inside one: "Perio d", "North S omerset"), the measure's names
    taking what is left; where that leaves the names too little, figures wrap between words too,
    and only where even that does not fit are the columns given fixed ``shares`` of the width."""
    register_fonts()

    def size(text: str, font: str = FONT) -> float:
        return stringWidth(text, font, CELL_SIZE) + 2 * PAD + 1

    def longest_word(text: str, font: str = FONT) -> float:
        return max((size(w, font) for w in text.split()), default=2 * PAD)

    columns = range(1, len(head))
    whole = [max([longest_word(head[c], FONT_BOLD)] + [size(r[c]) for r in rows]) for c in columns]
    words = [max([longest_word(head[c], FONT_BOLD)] + [longest_word(r[c]) for r in rows]) for c in columns]
    for figures in (whole, words):
        if width - sum(figures) >= NAME_SHARE * width:
            return [width - sum(figures), *figures]
    return [width * s / sum(shares) for s in shares]


def comparison_story(found: list[Comparison], plan: NotePlan, frame: tuple[float, float],
                     drawn: list[ChartSpec] = ()) -> list[Flowable]:
    """The heading, the table with its sources, then a trend chart per measure that has one (and is
    not one of the table's own charts, ``drawn`` already), with members' notes on that chart under it."""
    s = styles()
    sources = list(dict.fromkeys(c.source.split(BENCHMARKS_FROM)[0] for c in found))
    cells = [c.source.split(BENCHMARKS_FROM)[1] for c in found if BENCHMARKS_FROM in c.source]
    if cells:
        sources[-1] += BENCHMARKS_FROM + ", ".join(dict.fromkeys(cells))
    story: list[Flowable] = [Paragraph("How we compare", s["h3"]), Paragraph(escape(intro_text(found)), s["summary"]),
                             comparison_table(found, frame[0]),
                             Paragraph(escape("; ".join(sources)), s["source"])]
    for spec in without_repeats(list(drawn), [c.trend for c in found]):
        if spec is None:
            continue
        story.append(KeepTogether([
            Paragraph(escape(spec.title), s["h3"]), Paragraph(escape(spec.summary), s["summary"]),
            chart_drawing(spec, spec.categories, [x.name for x in spec.series], frame),
            Paragraph(escape(spec.source), s["source"])]))
        story += note_flowables(plan.by_chart.get(spec.id, []))
    return story
