"""Members' notes as printed in the briefing PDF, under the figure they are about; where each
goes is :class:`~memberpack.export.note_plan.NotePlan`'s."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.platypus import Flowable, KeepTogether

from memberpack.export.note_plan import PlacedNote, note_head
from memberpack.export.pdf_document import Anchored
from memberpack.export.pdf_styles import styles
from memberpack.model.annotations import PRIVATE
from memberpack.model.bidi import closed_bidi
from memberpack.model.display import printable


def note_text(placed: PlacedNote) -> str:
    """One note as paragraph markup: marker, kind, author and date, the figure, then the text."""
    note = placed.note
    head = note_head(placed)
    marked = {head[0], placed.exempt, "private" if note.visibility == PRIVATE else ""} - {""}
    text = " · ".join(f"<b>{escape(printable(part))}</b>" if i < 4 and part in marked else escape(printable(part))
                      for i, part in enumerate(head))
    if placed.changed:
        text += f" <font color='#b3261e'><b>[{escape(placed.changed)}]</b></font>"
    text += f"<br/>{escape(closed_bidi(note.body))}"
    if note.answer:
        text += f"<br/><i>Answer:</i> {escape(closed_bidi(note.answer))}"
    return text


def note_flowables(placed: list[PlacedNote]) -> list[Flowable]:
    """The notes printed under a figure, each a link target for the annex, each kept on one page
    unless it is longer than a page."""
    out = []
    for p in placed:
        style = styles()["note_private" if p.note.visibility == PRIVATE else "note"]
        out.append(KeepTogether([Anchored(note_text(p), style, p.key)]))
    return out
