""""How we compare" in the briefing: under a table whose figures have comparator data, a short table
(ours, England, region, neighbours' average, verdict, rank and band) and each measure's trend chart,
drawn from the same :class:`~memberpack.model.charts.ChartSpec` as the app's."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Paragraph, TableStyle

from memberpack.analysis.charts import without_repeats
from memberpack.analysis.comparison_rows import intro_text, summary_head, summary_row
from memberpack.analysis.comparisons import BEST, TONE_COLOURS, UNJUDGED, WORST, Comparison
from memberpack.export.pdf_charts import chart_drawing
from memberpack.export.note_plan import NotePlan
from memberpack.export.pdf_notes import note_flowables
from memberpack.export.pdf_styles import styles
from memberpack.export.pdf_tables import CELL_SIZE, BriefingTable, base_style, fit, header
from memberpack.model.charts import ChartSpec

SHARES = (0.26, 0.07, 0.10, 0.09, 0.10, 0.12, 0.09, 0.09, 0.07)
BAND = 8
BENCHMARKS_FROM = "; benchmarks from "


def comparison_table(found: list[Comparison], width: float) -> BriefingTable:
    """The comparisons as rows; columns no comparison fills (no neighbours, no rank) are left out."""
    head, rows = summary_head(found), [summary_row(c) for c in found]
    keep = [i for i in range(len(head)) if i < 3 or any(r[i] for r in rows)]
    shares = [SHARES[i] for i in keep]
    widths = [width * s / sum(shares) for s in shares]
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
            chart_drawing(spec, spec.categories, [x.name for x in spec.series], frame, from_zero=False),
            Paragraph(escape(spec.source), s["source"])]))
        story += note_flowables(plan.by_chart.get(spec.id, []))
    return story
