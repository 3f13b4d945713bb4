"""The front of the briefing: cover and contents (the headline summary is in pdf_headlines)."""

from __future__ import annotations

from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle

from memberpack.export.pdf_document import Anchored, PageRef
from memberpack.export.pdf_styles import ACCENT, FONT, FRAME_WIDTH, RULE, styles


def cover(meta: dict[str, str], *, include_private: bool) -> list[Flowable]:
    s = styles()
    classification = (meta.get("classification") or "Public").strip()
    story: list[Flowable] = [Spacer(1, 36 * mm), HRFlowable(width="100%", thickness=3, color=ACCENT, spaceAfter=4 * mm),
                             Paragraph(escape(meta.get("committee") or ""), s["cover_line"]),
                             Spacer(1, 4 * mm),
                             Paragraph(escape(meta.get("title") or "Briefing pack"), s["cover_title"])]
    if meta.get("meeting_date"):
        story.append(Paragraph(f"Meeting date: {escape(meta['meeting_date'])}", s["cover_line"]))
    story.append(Paragraph(f"Produced: {date.today():%d/%m/%Y}", s["cover_line"]))
    story.append(Paragraph(f"Classification: {escape(classification.upper())}", s["cover_class"]))
    if classification.lower() == "exempt":
        story.append(Paragraph("Not for publication: contains exempt information.", s["cover_line"]))
    if include_private:
        story.append(Paragraph("This copy includes members’ <b>private</b> notes. Do not publish or circulate it.",
                               s["cover_line"]))
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
