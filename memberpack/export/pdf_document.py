"""The page furniture of the briefing PDF, laid out in one pass.

Numbers only known at the end (the page total in "Page X of Y", the page numbers in the contents,
the headlines and the annex) are drawn onto the finished pages when the file is saved. That keeps
the export to a single layout pass instead of platypus multiBuild's two or more.
"""

from __future__ import annotations

from collections.abc import Callable

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Paragraph

from memberpack.errors import Cancelled
from memberpack.export.briefing import Briefing
from memberpack.export.pdf_styles import (CELL_TEXT, FONT, FONT_BOLD, FRAME_HEIGHT, FRAME_WIDTH, FURNITURE_SIZE, INK,
                                          LANDSCAPE, LANDSCAPE_HEIGHT, LANDSCAPE_WIDTH, MARGIN, MUTED, PAGE, RULE)


class BriefingCanvas(Canvas):
    """Holds each finished page back until the file is saved, then writes into it the numbers only
    known then: "Page X of Y" and the pages the contents, headlines and annex point to. Each goes
    in where it was asked for, so the text still reads in page order."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.showOutline()  # open with the bookmarks pane, showing the document title, not the file name
        self.setViewerPreference("DisplayDocTitle", "true")
        self.anchor_pages: dict[str, int] = {}
        self.late: dict[int, list[tuple]] = {}
        self.anchors: dict[int, list[tuple[str, float, float]]] = {}
        self.held: list[dict] = []

    def anchor(self, key: str, x: float, y: float) -> None:
        """Make (x, y) here the link and bookmark target ``key``. The destination is written when
        its page is, since a destination names the page it is on."""
        if key in self.anchor_pages:   # a row printed twice (a table in runs of columns): the first
            return
        page = self.getPageNumber()
        self.anchor_pages[key] = page
        self.anchors.setdefault(page, []).append((key, *self.absolutePosition(x, y)))

    def late_text(self, key: str | None, x: float, y: float, *, size: float, colour, centred: bool) -> None:
        """At (x, y) here, when the file is saved: the page of anchor ``key``, or "Page X of Y"."""
        self.late.setdefault(self.getPageNumber(), []).append((len(self._code), key, x, y, size, colour, centred))

    def showPage(self) -> None:
        self.held.append(dict(self.__dict__))
        self._startPage()

    def _text_ops(self, text: str, x: float, y: float, size: float, colour, centred: bool) -> list[str]:
        """The PDF operators that draw ``text``, to splice into a held page."""
        page_code, self._code = self._code, []
        self.saveState()
        self.setFont(FONT, size)
        self.setFillColor(colour)
        (self.drawCentredString if centred else self.drawRightString)(x, y, text)
        self.restoreState()
        ops, self._code = self._code, page_code
        return ops

    def save(self) -> None:
        total = len(self.held)
        for state in self.held:
            self.__dict__.update(state)
            page = self.getPageNumber()
            for index, key, x, y, size, colour, centred in reversed(self.late.get(page, [])):
                text = f"Page {page} of {total}" if key is None else str(self.anchor_pages.get(key, ""))
                self._code[index:index] = self._text_ops(text, x, y, size, colour, centred)
            for key, x, y in self.anchors.get(page, ()):
                self.bookmarkPage(key, fit="XYZ", left=x, top=y)
            super().showPage()
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
            canv.anchor(self.key, 0, self.height + 2 * mm)
        if self.outline:
            canv.addOutlineEntry(self.outline, self.key, self.level, closed=self.level > 0)
        super().draw()


class RowAnchor(Flowable):
    """A link target at a table row (put first in its label cell), for headline lines that link
    to their figure's row; takes no room."""

    def __init__(self, keys: list[str]) -> None:
        super().__init__()
        self.keys, self.width, self.height = keys, 0, 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        for key in self.keys:
            self.canv.anchor(key, 0, 2)   # the top of the row: the viewer shows it first


class PageRef(Flowable):
    """The page number of an anchor, right-aligned in its width and a link to it; the number is
    filled in when the file is saved."""

    def __init__(self, key: str, width: float = 12 * mm, size: float = CELL_TEXT) -> None:
        super().__init__()
        self.key, self.width, self.size, self.height = key, width, size, size + 2

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.late_text(self.key, self.width, 2, size=self.size, colour=INK, centred=False)
        self.canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)


class BriefingDoc(BaseDocTemplate):
    """A4 with a cover page (no running header), body pages (header and "Page X of Y"), and
    landscape pages of the same kind for tables too wide to read upright."""

    def __init__(self, filename, briefing: Briefing, *, steps: int,
                 progress: Callable[[int, int, str], None] | None = None,
                 cancel: Callable[[], bool] | None = None) -> None:
        meta = briefing.meta
        super().__init__(filename, pagesize=PAGE, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN,
                         bottomMargin=MARGIN, title=briefing.title,
                         author=meta.get("author") or meta.get("council") or meta.get("committee") or "memberpack",
                         subject=briefing.subject, keywords=briefing.keywords, creator="memberpack",
                         lang="en-GB", displayDocTitle=True, initialFontName=FONT)  # no bare Helvetica
        self.meta = meta
        self.marking = briefing.marking
        self.progress, self.cancel, self.steps, self.done = progress, cancel, steps, 0
        body = Frame(MARGIN, MARGIN + 4 * mm, FRAME_WIDTH, FRAME_HEIGHT, id="body",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        wide = Frame(MARGIN, MARGIN + 4 * mm, LANDSCAPE_WIDTH, LANDSCAPE_HEIGHT, id="wide",
                     leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(MARGIN, MARGIN, FRAME_WIDTH, PAGE[1] - 2 * MARGIN, id="cover")
        self.addPageTemplates([PageTemplate("cover", [cover], onPage=self._footer, pagesize=PAGE),
                               PageTemplate("body", [body], onPage=self._header_and_footer, pagesize=PAGE),
                               PageTemplate("landscape", [wide], onPage=self._header_and_footer, pagesize=LANDSCAPE)])

    def _footer(self, canv: BriefingCanvas, doc) -> None:
        canv.late_text(None, self.pageTemplate.pagesize[0] / 2, MARGIN - 6 * mm, size=FURNITURE_SIZE, colour=MUTED, centred=True)

    def _header_and_footer(self, canv: BriefingCanvas, doc) -> None:
        width, height = self.pageTemplate.pagesize
        top = height - MARGIN + 2 * mm
        canv.saveState()
        canv.setFont(FONT, FURNITURE_SIZE)
        canv.setFillColor(MUTED)
        canv.drawString(MARGIN, top, self.meta.get("committee", ""))
        canv.setFont(FONT_BOLD, FURNITURE_SIZE)
        room = width - 2 * MARGIN - canv.stringWidth(self.meta.get("committee", ""), FONT, FURNITURE_SIZE) - 6 * mm
        wide = canv.stringWidth(self.marking, FONT_BOLD, FURNITURE_SIZE)
        if wide > room:  # a long marking goes above, a line for each of its parts, at the same size
            for n, part in enumerate(reversed(self.marking.split(" · "))):
                canv.drawRightString(width - MARGIN, top + 4 * mm + n * (FURNITURE_SIZE + 2), part)
        else:
            canv.drawRightString(width - MARGIN, top, self.marking)
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
            raise Cancelled("Export cancelled; no file was written.")
        self.done += 1
        if self.progress is not None:
            self.progress(self.done, self.steps, step)
