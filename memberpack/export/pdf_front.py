"""The front of the briefing: cover, contents and the headline summary a councillor reads first."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import (Flowable, HRFlowable, ListFlowable, NextPageTemplate, PageBreak, Paragraph, Spacer, Table,
                                TableStyle)

from memberpack.analysis.charts import money_text, point_text
from memberpack.analysis.headlines import Headlines, Item
from memberpack.export.briefing import Briefing
from memberpack.export.note_plan import PlacedNote
from memberpack.export.pdf_document import Anchored, PageRef
from memberpack.export.pdf_notes import note_flowables
from memberpack.export.pdf_styles import (ACCENT, ADVERSE, BODY_TEXT, FAVOURABLE, FONT, FRAME_WIDTH, INK, RULE, SHADE,
                                          styles)
from memberpack.export.pdf_tables import list_table
from memberpack.model.display import printable

CHANGES_SHOWN = 15


def cover(briefing: Briefing) -> list[Flowable]:
    """The committee paper's front matter: title, the paper's details (meeting date in words), the
    recommendations, which sections an export of some holds, and whether it may be published."""
    s = styles()
    meta = briefing.meta
    rows = [[Paragraph(escape(label), s["cover_label"]),
             Paragraph(f'<a href="mailto:{escape(text)}" color="#1d4f91">{escape(text)}</a>' if label == "Email"
                       else escape(printable(text)), s["cover_value"])]
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


def _tile(value: str, label: str, colour=INK) -> list[Paragraph]:
    s = styles()
    return [Paragraph(f"<font color='#{colour.hexval()[2:]}'>{escape(value)}</font>", s["tile_value"]),
            Paragraph(escape(label), s["tile_label"])]


def _budget(h: Headlines) -> list[Flowable]:
    s = styles()
    b = h.budget
    if b is None:
        return [Paragraph("No budget monitor in this export, so no budget position.", s["body"])]
    colour = ADVERSE if b.variance > 0 else FAVOURABLE if b.variance < 0 else INK
    tiles = [_tile(money_text(b.budget), "Budget"), _tile(money_text(b.forecast), "Forecast outturn"),
             _tile(f"{money_text(b.variance)} {b.flag}", "Variance (A adverse, (F) favourable)", colour),
             _tile(str(len(h.red_items)), "Red items", ADVERSE if h.red_items else INK)]
    grid = Table([[t[0] for t in tiles], [t[1] for t in tiles]], colWidths=[FRAME_WIDTH / 4] * 4,
                 style=TableStyle([("FONT", (0, 0), (-1, -1), FONT), ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                                   ("LINEAFTER", (0, 0), (-1, -1), 0.5, RULE),
                                   ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                                   ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 6)]))
    word = "overspend" if b.variance > 0 else "underspend" if b.variance < 0 else "balanced budget"
    period = f", {escape(b.period)}" if b.period else ""
    sentence = (f"Forecast outturn of {money_text(b.forecast)} against a budget of {money_text(b.budget)}: "
                f"a forecast {word} of {money_text(abs(b.variance))} {b.flag} ({abs(b.variance_pct):.1f}% of budget), "
                f"{escape(b.label)}{period}.")
    return [grid, Spacer(1, 3 * mm), Paragraph(sentence, s["body"]),
            Paragraph(f"Source: {escape(b.source)}", s["source"])]


def _items(title: str, items: list[Item], head: list[str], row, shares: list[float], right: tuple[int, ...],
           empty: str, pages: dict[str, str]) -> list[Flowable]:
    """A headline list; its last column is the page of the table each item comes from."""
    s = styles()
    story: list[Flowable] = [Paragraph(title, s["h2"])]
    if not items:
        return story + [Paragraph(empty, s["body"])]
    rows = [[*row(i), PageRef(pages[i.dataset], FRAME_WIDTH * shares[-1] - 6) if i.dataset in pages else "–"]
            for i in items[:CHANGES_SHOWN]]
    story.append(list_table([*head, "Page"], rows, shares, (*right, len(head))))
    if len(items) > CHANGES_SHOWN:
        story.append(Paragraph(f"…and {len(items) - CHANGES_SHOWN} more, shown in their sections.", s["source"]))
    return story


def _change_text(item: Item) -> str:
    """How far a figure moved: percentages in points (68.0% to 48.0% is 20.0 points, not 20%)."""
    size = abs(item.change or 0)
    return f"{size:,.1f} points" if item.unit == "percent" else point_text(size, item.unit)


def _arrow(change: float | None) -> str:
    return "→" if not change else "↑" if change > 0 else "↓"


def headline_page(h: Headlines, general_notes: list[PlacedNote], pages: dict[str, str]) -> list[Flowable]:
    """``pages`` maps a table's name to its anchor, for the page column of each list."""
    s = styles()
    story: list[Flowable] = [Anchored("Headline summary", s["h1"], "headlines", "Headline summary", step="Headlines"),
                             Paragraph("Budget position", s["h2"]), *_budget(h)]
    story += _items("Red items", h.red_items, ["Item", "Measure", "Figure"],
                    lambda i: [i.name, f"{i.measure} ({i.period})" if i.period else i.measure, f"{i.display} (R)"],
                    [0.50, 0.26, 0.14, 0.10], (2,), "Nothing is rated red.", pages)
    movements = f"Biggest adverse movements, {h.movements_period}" if h.movements_period else "Biggest adverse movements"
    story += _items(movements, h.adverse_movements[:5], ["Service", "Measure", "Movement"],
                    lambda i: [i.name, i.measure, f"↑ {money_text(i.value)} A"], [0.50, 0.26, 0.14, 0.10], (2,),
                    "No service’s forecast moved the wrong way since last month.", pages)
    story += _items("Indicators that got worse", h.worse_kpis, ["Indicator", "Before", "Latest", "Change"],
                    lambda i: [i.name, i.previous_display or "", f"{i.display} ({i.measure})",
                               f"{_arrow(i.change)} {_change_text(i)}"],
                    [0.42, 0.16, 0.20, 0.12, 0.10], (1, 2, 3),
                    "No indicator moved the wrong way between its latest periods.", pages)
    story += _items("What changed since the previous import", h.changes, ["Figure", "Was", "Now"],
                    lambda i: [f"{i.name}, {i.measure}", i.previous_display or "", f"{_arrow(i.change)} {i.display}"],
                    [0.60, 0.15, 0.15, 0.10], (1, 2), "No table has an earlier import to compare with.", pages)
    if general_notes:
        story += [Paragraph("Notes on the whole pack", s["h2"]), *note_flowables(general_notes)]
    return story

