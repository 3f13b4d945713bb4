"""The page furniture of the briefing PDF, laid out in one pass.

Numbers that are only known at the end (the page total in "Page X of Y", the page numbers in the
contents and the annex) are drawn as PDF forms referenced by name and defined when the file is
saved. That keeps the export to a single layout pass instead of platypus multiBuild's two or more.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from memberpack.errors import Cancelled
from memberpack.export.pdf_styles import (FONT, FONT_BOLD, FRAME_HEIGHT, FRAME_WIDTH, INK, LANDSCAPE, LANDSCAPE_WIDTH,
                                          MARGIN, MUTED, PAGE, RULE)

HEADER_GAP = PAGE[1] - 2 * MARGIN - FRAME_HEIGHT  # room for the running header


def anchor_key(*parts: object) -> str:
    """A bookmark or form name made safe for the PDF name tree."""
    return re.sub(r"[^A-Za-z0-9_]", "_", "_".join(str(p) for p in parts))


class BriefingCanvas(Canvas):
    """Remembers the page of every anchor, and fills in late numbers as forms on save."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.showOutline()  # open with the bookmarks pane, showing the document title, not the file name
        self.setViewerPreference("DisplayDocTitle", "true")
        self.anchor_pages: dict[str, int] = {}
        self.page_refs: set[str] = set()
        self.footers = 0

    def late_text(self, name: str, x: float, y: float) -> None:
        """Draw the form ``name`` (defined at save) with its anchor point at (x, y)."""
        self.saveState()
        self.translate(x, y)
        self.doForm(name)
        self.restoreState()

    def _define(self, name: str, text: str, size: float, colour, *, centred: bool) -> None:
        self.beginForm(name, lowerx=-300, lowery=-5, upperx=300, uppery=20)
        self.setFont(FONT, size)
        self.setFillColor(colour)
        (self.drawCentredString if centred else self.drawRightString)(0, 0, text)
        self.endForm()

    def save(self) -> None:
        for page in range(1, self.footers + 1):
            self._define(f"footer{page}", f"Page {page} of {self.footers}", 8, MUTED, centred=True)
        for key in sorted(self.page_refs):
            page = self.anchor_pages.get(key)
            self._define(f"ref_{key}", str(page) if page else "", 9, INK, centred=False)
        super().save()


class Anchored(Paragraph):
    """A paragraph that is a link target; with ``outline`` it is also a bookmark at ``level``.
    When it splits across pages, the anchor stays with the first part."""

    def __init__(self, text: str | None, style, key: str | None = None, outline: str | None = None, level: int = 0,
                 step: str | None = None, **parts) -> None:
        super().__init__(text, style, **parts)
        self.key, self.outline, self.level, self.step = key, outline, level, step

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        parts = super().split(avail_width, avail_height)
        if parts:
            first = parts[0]
            first.key, first.outline, first.level, first.step = self.key, self.outline, self.level, self.step
        return parts

    def draw(self) -> None:
        canv = self.canv
        if self.key:
            canv.bookmarkHorizontal(self.key, 0, self.height + 2 * mm)
            canv.anchor_pages.setdefault(self.key, canv.getPageNumber())
        if self.outline:
            canv.addOutlineEntry(self.outline, self.key, self.level, closed=self.level > 0)
        super().draw()


class PageRef(Flowable):
    """The page number of an anchor, right-aligned in its width; filled in when the file is saved."""

    def __init__(self, key: str, width: float = 12 * mm, height: float = 11) -> None:
        super().__init__()
        self.key, self.width, self.height = key, width, height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.page_refs.add(self.key)
        self.canv.late_text(f"ref_{self.key}", self.width, 2)


class BriefingDoc(BaseDocTemplate):
    """A4 with a cover page (no running header), body pages (header and "Page X of Y"), and
    landscape pages of the same kind for tables too wide to read upright."""

    def __init__(self, filename: str, meta: dict[str, str], *, subject: str, steps: int,
                 progress: Callable[[int, int, str], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> None:
        super().__init__(filename, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN, title=meta.get("title") or "Briefing pack",
                         author=meta.get("committee") or "memberpack", subject=subject,
                         creator="memberpack", lang="en-GB", initialFontName=FONT)  # no bare Helvetica
        self.meta = meta
        self.progress, self.cancel, self.steps, self.done = progress, cancel, steps, 0
        body = Frame(MARGIN, MARGIN + 4 * mm, FRAME_WIDTH, FRAME_HEIGHT, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        wide = Frame(MARGIN, MARGIN + 4 * mm, LANDSCAPE_WIDTH, LANDSCAPE[1] - 2 * MARGIN - HEADER_GAP, id="wide",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE[1] - 2 * MARGIN, id="cover")
        self.addPageTemplates([PageTemplate("cover", [cover], onPage=self._footer, pagesize=PAGE),
                               PageTemplate("body", [body], onPage=self._header_and_footer, pagesize=PAGE),
                               PageTemplate("landscape", [wide], onPage=self._header_and_footer, pagesize=LANDSCAPE)])

    def _footer(self, canv: BriefingCanvas, doc) -> None:
        canv.footers = max(canv.footers, canv.getPageNumber())
        canv.late_text(f"footer{canv.getPageNumber()}", self.pageTemplate.pagesize[0] / 2, MARGIN - 6 * mm)

    def _header_and_footer(self, canv: BriefingCanvas, doc) -> None:
        width, height = self.pageTemplate.pagesize
        top = height - MARGIN + 2 * mm
        canv.saveState()
        canv.setFont(FONT, 8)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN, top, self.meta.get("committee", ""))
        canv.setFont(FONT_BOLD, 8)
        canv.drawRightString(width - MARGIN, top, self.meta.get("classification", "Public").upper())
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(MARGIN, top - 2 * mm, width - MARGIN, top - 2 * mm)
        canv.restoreState()
        self._footer(canv, doc)

    def afterFlowable(self, flowable: Flowable) -> None:
        """Report progress and honour cancel at each dataset heading, as the layout reaches it."""
        step = getattr(flowable, "step", None)
        if step is None:
            return
        if self.cancel is not None and self.cancel():
            raise Cancelled("PDF export cancelled; no file was written.")
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.steps, step)
