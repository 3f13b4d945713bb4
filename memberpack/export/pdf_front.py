"""The front of the briefing: cover and contents (the headline summary is in pdf_headlines)."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import (Flowable, HRFlowable, ListFlowable, NextPageTemplate, PageBreak, Paragraph, Spacer, Table,
                                TableStyle)

from memberpack.export.briefing import Briefing
from memberpack.export.pdf_document import Anchored, PageRef
from memberpack.export.pdf_styles import ACCENT, BODY_TEXT, FONT, FRAME_WIDTH, RULE, styles
from memberpack.model.display import printable
from memberpack.model.front_matter import mail_address


def cover(briefing: Briefing) -> list[Flowable]:
    """The committee paper's front matter: title, the paper's details (meeting date in words), the
    recommendations, which sections an export of some holds, and whether it may be published."""
    s = styles()
    rows = [[Paragraph(escape(label), s["cover_label"]),
             Paragraph(f'<a href="mailto:{escape(text)}" color="#1d4f91">{escape(text)}</a>'
                       if label == "Email" and mail_address(text) else escape(printable(text)), s["cover_value"])]
            for label, text in briefing.cover_lines()]
    details = Table(rows, colWidths=[38 * mm, FRAME_WIDTH - 38 * mm], hAlign="LEFT", style=TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]))
    story: list[Flowable] = [Spacer(1, 14 * mm), HRFlowable(width="100%", thickness=3, color=ACCENT, spaceAfter=4 * mm),
                             Paragraph(escape(printable(briefing.title)), s["cover_title"]), details]
    if briefing.recommendations:
        story += [Paragraph("Recommendations", s["h2"]),
                  ListFlowable([Paragraph(escape(printable(r)), s["body"]) for r in briefing.recommendations],
                               bulletType="1", bulletFontName=FONT, bulletFontSize=BODY_TEXT, leftIndent=7 * mm)]
    if briefing.scope:
        story.append(Paragraph(escape(briefing.scope), s["cover_line"]))
    marks = briefing.marking.split(" · ")
    story.append(Paragraph("Classification: PUBLIC" if marks == ["PUBLIC"] else "<br/>".join(map(escape, marks)),
                           s["cover_class"]))
    story += [Paragraph(escape(line), s["cover_line"]) for line in briefing.version.warnings]
    return story + [NextPageTemplate("body"), PageBreak()]


def contents(entries: list[tuple[str, str, int]]) -> list[Flowable]:
    """``entries`` are (anchor key, title, level); page numbers are filled in when the file is saved."""
    s = styles()
    rows = [[Paragraph(f'<a href="#{key}">{escape(title)}</a>', s["toc1" if level == 0 else "toc2"]), PageRef(key)]
            for key, title, level in entries]
    table = Table(rows, colWidths=[FRAME_WIDTH - 16 * mm, 16 * mm], style=TableStyle([
        ("FONT", (0, 0), (-1, -1), FONT), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return [Anchored("Contents", s["h1"], "contents", "Contents"), table, PageBreak()]
