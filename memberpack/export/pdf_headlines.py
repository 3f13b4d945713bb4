"""The headline summary a councillor reads first, in the order a committee asks: the net budget
position, reserves and deficits, what is red (by table and period, with its amount), the biggest
movements, indicators that got worse, what members noted or asked, what changed since each table's
previous period. Every line names its row and links to that row where the table prints it (a
reportlab anchor at the row), else to its table; the words are the narrative
layer's (:mod:`memberpack.analysis.narrative` through :mod:`memberpack.analysis.headlines`)."""

from __future__ import annotations

import math
from collections.abc import Callable
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from memberpack.analysis.headlines import Headlines, Item
from memberpack.analysis.narrative import period_span
from memberpack.export.briefing import MORE_CHANGES, MORE_IN_SECTIONS
from memberpack.export.pdf_document import Anchored, PageRef
from memberpack.export.note_plan import PlacedNote
from memberpack.export.pdf_notes import note_flowables
from memberpack.export.pdf_styles import ADVERSE, FAVOURABLE, FONT, FRAME_WIDTH, INK, RULE, SHADE, styles
from memberpack.export.pdf_tables import list_table
from memberpack.model.display import printable

CHANGES_SHOWN = 15
_TILE_PADDING = 6   # points each side of a tile's figure (reportlab's default cell padding)
Link = Callable[[Item], str | None]   # an item's row anchor (or its table's), None if not in the export


def _tile(value: str, label: str, colour=INK) -> list[Paragraph]:
    """A figure over its label; a figure too wide for its tile (``£51,000,000`` in a £ table) is set
    smaller rather than broken across lines."""
    s = styles()
    style = s["tile_value"]
    room = FRAME_WIDTH / 4 - 2 * _TILE_PADDING - 2
    widest = max(stringWidth(word, style.fontName, style.fontSize) for word in value.split() or [""])
    size = math.floor(2 * style.fontSize * min(1.0, room / widest)) / 2 if widest else style.fontSize
    return [Paragraph(f"<font color='#{colour.hexval()[2:]}' size='{size:.1f}'>{escape(value)}</font>",
                      ParagraphStyle("tile_fitted", style, fontSize=size, leading=size * style.leading / style.fontSize)),
            Paragraph(escape(label), s["tile_label"])]


def _budget(h: Headlines) -> list[Flowable]:
    s = styles()
    b = h.budget
    if b is None:
        return [Paragraph("No budget monitor in this export, so no budget position.", s["body"])]
    adverse = b.variance and b.convention.adverse(b.variance)
    colour = ADVERSE if adverse else FAVOURABLE if b.variance else INK
    tiles = [_tile(b.money(b.budget), "Budget"), _tile(b.money(b.forecast), "Forecast outturn"),
             _tile(f"{b.money(abs(b.variance))} {b.word}", f"Net variance, {b.period or ''}".strip(", "), colour),
             _tile(str(len(h.red_items)), "Red items", ADVERSE if h.red_items else INK)]
    grid = Table([[t[0] for t in tiles], [t[1] for t in tiles]], colWidths=[FRAME_WIDTH / 4] * 4,
                 style=TableStyle([("FONT", (0, 0), (-1, -1), FONT), ("BOX", (0, 0), (-1, -1), 0.5, RULE),
                                   ("LINEAFTER", (0, 0), (-1, -1), 0.5, RULE),
                                   ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                                   ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 6)]))
    others = [Paragraph(escape(f"{other.named} {other.convention.figures_key} Source: {other.source}"),
                        s["body"]) for other in h.other_budgets]
    return [grid, Spacer(1, 3 * mm), Paragraph(escape(b.sentence), s["body"]),
            Paragraph(escape(f"{b.convention.figures_key} Source: {b.source}"), s["source"]),
            *([Paragraph("The other budget monitors in this export:", s["body"])] + others if others else [])]


def _items(title: str, items: list[Item], head: list[str], row, shares: list[float], right: tuple[int, ...],
           empty: str, link: Link, level: str = "h2", more: str = MORE_IN_SECTIONS) -> list[Flowable]:
    """A headline list; its last column is the page of each item's row (of its table, for a note
    on the whole table), and a link to it."""
    s = styles()
    story: list[Flowable] = [Paragraph(escape(title), s[level])]
    if not items:
        return story + [Paragraph(empty, s["body"])]
    rows = [[*(printable(c) for c in row(i)), PageRef(key, FRAME_WIDTH * shares[-1] - 6) if key else "–"]
            for i in items[:CHANGES_SHOWN] for key in [link(i)]]
    story.append(list_table([*head, "Page"], rows, shares, (*right, len(head))))
    if len(items) > CHANGES_SHOWN:
        story.append(Paragraph(f"…and {len(items) - CHANGES_SHOWN} {more}.", s["source"]))
    return story


def headline_page(h: Headlines, general_notes: list[PlacedNote], link: Link) -> list[Flowable]:
    """``link`` gives the anchor of an item's row (or table), for the page column of each list."""
    s = styles()
    story: list[Flowable] = [Anchored("Headline summary", s["h1"], "headlines", "Headline summary", step="Headlines"),
                             Paragraph("Budget position", s["h2"]), *_budget(h)]
    story += _items("Reserves and deficits", h.deficits, ["Item", "Measure", "Figure"],
                    lambda i: [i.name, i.measure_when, i.with_earlier],
                    [0.34, 0.40, 0.16, 0.10], (2,), h.no_deficits, link)
    story.append(Paragraph(f"Red items ({len(h.red_items)})", s["h2"]))
    if not h.red_items:
        story.append(Paragraph("Nothing in this export is rated red.", s["body"]))
    for group, items in h.red_groups():
        story += _items(group, items, ["Item", "Measure", "Figure"],
                        lambda i: [i.name, i.measure, i.display], [0.50, 0.24, 0.16, 0.10], (2,), "", link, "h3")
    movements = f"Biggest adverse movements, {h.movements_period}" if h.movements_period else "Biggest adverse movements"
    story += _items(movements, h.adverse_movements[:5], ["Service", "Measure", "Movement"],
                    lambda i: [i.name, i.measure, i.display], [0.50, 0.24, 0.16, 0.10], (2,),
                    "No service’s forecast in this export moved the wrong way since the last report.", link)
    story += _items("Indicators that got worse since their previous period", h.worse_kpis,
                    ["Indicator", "Earlier", "Latest", "Change"],
                    lambda i: [i.indicator, f"{i.previous_display} ({i.previous_period})" if i.previous_period
                               else i.previous_display or "", f"{i.display} ({i.period or i.measure})", i.moved],
                    [0.36, 0.18, 0.22, 0.14, 0.10], (1, 2, 3),
                    "No indicator in this export moved the wrong way between its latest periods.", link)
    story += _items("Noted or questioned by members", h.noted, ["About", "Kind", "Note"],
                    lambda i: [i.name, i.measure, i.display], [0.26, 0.12, 0.52, 0.10], (),
                    "No shared notes in this export.", link)
    story.append(Paragraph("What changed since the previous period", s["h2"]))
    if not h.changes:
        story.append(Paragraph("No table in this export has an earlier period in the pack to compare with.", s["body"]))
    for table, before, after, items in h.change_groups():
        story += _items(f"{table}: {period_span(before, after)}" if before else table, items,
                        ["Figure", before or "Before", after or "Now"],
                        lambda i: [f"{i.name}, {i.measure}", i.previous_display or "",
                                   i.now_moved],
                        [0.52, 0.19, 0.19, 0.10], (1, 2), "", link, "h3", MORE_CHANGES)
    if general_notes:
        story += [Paragraph("Notes on the whole pack", s["h2"]), *note_flowables(general_notes)]
    return story
