"""A section per domain (each table with its charts, figures, sources and notes) and the
"Questions for officers" annex."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, NextPageTemplate, PageBreak, Paragraph

from memberpack.analysis.charts import source_line, table_summary
from memberpack.analysis.narrative import doubt_line
from memberpack.export.briefing import table_key, table_title
from memberpack.export.chart_figures import chart_figures
from memberpack.export.note_plan import NotePlan, PlacedNote, Table, anchor_key, uk_date
from memberpack.export.pdf_charts import chart_drawing
from memberpack.export.pdf_compare import comparison_story
from memberpack.export.pdf_document import Anchored, PageRef
from memberpack.export.pdf_grid import GridLayout, grid_layout, grid_tables
from memberpack.export.pdf_notes import note_flowables
from memberpack.export.pdf_styles import (FRAME_HEIGHT, FRAME_WIDTH, LANDSCAPE_HEIGHT, LANDSCAPE_WIDTH, cell_style,
                                          styles)
from memberpack.export.pdf_tables import chart_table, list_table
from memberpack.model.annotations import ANSWERED, PRIVATE
from memberpack.model.bidi import closed_bidi
from memberpack.model.charts import ChartSpec
from memberpack.model.display import printable
from memberpack.model.observation import OPEN_STATISTICS

# Room for a heading and the first rows of a table; less than this and it starts on a new page.
TABLE_ROOM = 40 * mm
CHART_ROOM = 70 * mm
ANNEX_SHARES = (0.07, 0.42, 0.28, 0.15, 0.08)  # number, question, figure, who asked, page


def _chart(spec: ChartSpec, table: Table, plan: NotePlan, heading: list[Flowable],
           frame: tuple[float, float]) -> list[Flowable]:
    """The chart kept together with its title, summary and ``heading`` (one flat group: platypus
    does not keep a heading with a nested group)."""
    s = styles()
    figures = chart_figures(spec, table, plan)
    head = [Anchored(escape(printable(figures.title)), s["h3"], anchor_key("chart", spec.id)),
            Paragraph(escape(printable(spec.summary)) + (f" <i>{escape(spec.left_out)}</i>" if spec.left_out else ""),
                      s["summary"]),
            chart_drawing(spec, figures.categories, figures.names, frame)]
    return [KeepTogether(heading + head), chart_table(figures, frame[0]),
            Paragraph(escape(spec.source), s["source"]), *note_flowables(figures.notes)]


def table_story(table: Table, plan: NotePlan, layout: GridLayout, lead: list[Flowable] = ()) -> list[Flowable]:
    """Page breaks go before headings, never between a heading and what it introduces: ``lead``
    (the domain's heading, above its first table) is kept with the table's heading and first chart,
    not left alone at the foot of a page whose chart did not fit."""
    s = styles()
    title = table_title(table)
    heading = Anchored(escape(title), s["h2"], table_key(table), title, level=1, step=title)
    frame = (LANDSCAPE_WIDTH, LANDSCAPE_HEIGHT) if layout.landscape else (FRAME_WIDTH, FRAME_HEIGHT)
    doubt = doubt_line(table.ds)   # a reading the officer confirmed in doubt: said before anything of it
    headed = [*lead, heading, *([Paragraph(f"<b>⚠ {escape(doubt)}</b>", s["summary"])] if doubt else [])]
    story: list[Flowable] = [CondPageBreak(CHART_ROOM if table.charts else TABLE_ROOM + 12 * mm)]
    if not table.charts:   # (open statistics have none: their comparisons follow their heading)
        story += [*headed, Paragraph(escape(table_summary(table.ds, [], table.observations)), s["summary"])]
    for i, spec in enumerate(table.charts):
        if i:
            story.append(CondPageBreak(CHART_ROOM))
        story += _chart(spec, table, plan, [] if i else headed, frame)
    if table.comparisons:
        story += [CondPageBreak(TABLE_ROOM), *comparison_story(table.comparisons, plan, frame, table.charts)]
    if table.ds.kind == OPEN_STATISTICS:  # every authority's figures: only how we compare is printed
        story.append(Paragraph("The figures for every area are kept in the pack, not printed.", s["source"]))
    else:
        if table.charts:
            story.append(CondPageBreak(TABLE_ROOM))
        story += [Paragraph("The table as in the source", s["h3_table"]), *grid_tables(table, plan, layout),
                  Paragraph(escape(source_line(table.ds)), s["source"])]
    notes = plan.for_table(table)
    if notes:
        story += [Paragraph("Members’ notes on this table", s["h3"]), *note_flowables(notes)]
    return story


def domain_story(key: str, title: str, tables: list[Table], plan: NotePlan) -> list[Flowable]:
    """A domain from a new page; a table too wide for an upright page gets landscape pages."""
    story: list[Flowable] = []
    current = None
    for table in tables:
        layout = grid_layout(table, plan)
        template = "landscape" if layout.landscape else "body"
        if template != current:
            story += [NextPageTemplate(template), PageBreak()]
        lead = [Anchored(escape(title), styles()["h1"], key, title)] if current is None else []
        current = template
        story += table_story(table, plan, layout, lead)
    return story


def _question_row(p: PlacedNote) -> list:
    cell = cell_style()
    note = p.note
    number = Paragraph(f'<a href="#{p.key}" color="#1d4f91"><b>{p.number}</b></a>' if p.placed
                       else f"<b>{p.number}</b>", cell)
    body = escape(closed_bidi(note.body))
    if note.status == ANSWERED or note.answer:
        body += f"<br/><i>Answer:</i> {escape(closed_bidi(note.answer or 'answered'))}"
    about = escape(printable(p.about)) + (f"<br/><font color='#b3261e'><b>{escape(p.changed)}</b></font>" if p.changed else "")
    asked = f"{escape(closed_bidi(note.author or 'unnamed member'))}<br/>{uk_date(note.created_at)}"
    if p.exempt:
        asked += f"<br/><b>{p.exempt}</b>"
    if note.visibility == PRIVATE:
        asked += "<br/><b>private</b>"
    return [number, Paragraph(body, cell), Paragraph(about, cell), Paragraph(asked, cell),
            PageRef(p.key, ANNEX_SHARES[-1] * FRAME_WIDTH - 6) if p.placed else "–"]


def annex(plan: NotePlan) -> list[Flowable]:
    s = styles()
    story: list[Flowable] = [
        NextPageTemplate("body"), PageBreak(),
        Anchored("Questions for officers", s["h1"], "annex", "Questions for officers", step="Questions"),
        Paragraph("Every question members have asked, numbered in the order it was asked, so a number never "
                  "changes when questions are added. Each number links back to the figure it is about.", s["body"])]
    questions = plan.questions
    if not questions:
        return story + [Paragraph("No questions have been asked in this pack.", s["body"])]
    rows = [_question_row(p) for p in questions]
    return story + [list_table(["No.", "Question", "About", "Asked by", "Page"], rows,
                               ANNEX_SHARES, right=(4,))]
