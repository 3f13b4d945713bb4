"""Type, colours and paragraph styles of the briefing PDF.

The font is DejaVu Sans shipped in ``resources/fonts`` and embedded in the PDF, so ``£ ↑ ↓ →``
print everywhere; reportlab's built-in Helvetica has no arrows.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from memberpack.assets import resource
from memberpack.export.printable import printable

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE = A4
LANDSCAPE = (A4[1], A4[0])
MARGIN = 18 * mm
FRAME_WIDTH = PAGE[0] - 2 * MARGIN
LANDSCAPE_WIDTH = LANDSCAPE[0] - 2 * MARGIN
# Type sizes for print: body at least 10.5 pt, tables 9 pt, chart text 8.5 pt (a wide table gets a
# landscape page or wrapped columns, never smaller type); tests/unit/test_pdf_print.py measures them.
BODY_TEXT = 10.5
CELL_TEXT = 9
CHART_TEXT = 8.5
FURNITURE_SIZE = 9  # running header, "Page X of Y"
FRAME_HEIGHT = PAGE[1] - 2 * MARGIN - 8 * mm
LANDSCAPE_HEIGHT = LANDSCAPE[1] - 2 * MARGIN - 8 * mm

INK = colors.HexColor("#1b1b1b")
MUTED = colors.HexColor("#555555")
ACCENT = colors.HexColor("#1d4f91")
RULE = colors.HexColor("#b8b8b8")
SHADE = colors.HexColor("#eef1f5")
NOTE_BG = colors.HexColor("#fff6d6")
PRIVATE_BG = colors.HexColor("#f3e8f7")
ADVERSE = colors.HexColor("#b3261e")
FAVOURABLE = colors.HexColor("#2e7d32")
EARLIER = colors.HexColor("#9e9e9e")
BENCHMARK = colors.HexColor("#6a3d9a")
# England, the region, the neighbours: the app's benchmark colours, in the same order
BENCHMARKS = (BENCHMARK, colors.HexColor("#e08214"), colors.HexColor("#2c7fb8"))
SERIES = (ACCENT, colors.HexColor("#e07b00"), colors.HexColor("#00838f"), colors.HexColor("#8d6e63"))
RAG = {"red": colors.HexColor("#f4c7c3"), "amber": colors.HexColor("#fde3b0"), "green": colors.HexColor("#c9e7cb")}


class _PrintableFont(TTFont):
    """A face that sets a control character from the data (``\\x01``, a backspace) as �, measured as
    it is drawn: it has no glyph for one, which had printed as nothing, or as a blank box."""

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (reportlab's name)
        return super().splitString(printable(text) if isinstance(text, str) else text, doc, encoding)

    def stringWidth(self, text, size, encoding="utf8"):  # noqa: N802 (reportlab's name)
        return super().stringWidth(printable(text) if isinstance(text, str) else text, size, encoding)


@cache
def register_fonts() -> None:
    """Register the shipped TrueType faces once per process (reportlab keeps them globally)."""
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        pdfmetrics.registerFont(_PrintableFont(name, str(resource("fonts", file))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _style(name: str, size: float, *, bold: bool = False, leading: float | None = None, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=FONT_BOLD if bold else FONT, fontSize=size,
                          leading=leading or size * 1.3, textColor=kw.pop("textColor", INK), **kw)


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    return {
        "cover_title": _style("cover_title", 26, bold=True, leading=32, textColor=ACCENT, spaceAfter=10 * mm),
        "cover_line": _style("cover_line", 13, leading=18),
        "cover_label": _style("cover_label", BODY_TEXT, bold=True, leading=14, textColor=MUTED),
        "cover_value": _style("cover_value", 12, leading=16),
        "cover_class": _style("cover_class", 16, bold=True, leading=22, spaceBefore=12 * mm),
        "h1": _style("h1", 17, bold=True, leading=22, textColor=ACCENT, spaceAfter=4 * mm, keepWithNext=1),
        "h2": _style("h2", 12.5, bold=True, leading=16, spaceBefore=5 * mm, spaceAfter=2 * mm, keepWithNext=1),
        "h3": _style("h3", 10.5, bold=True, leading=13, spaceBefore=3 * mm, spaceAfter=1 * mm, keepWithNext=1),
        "h3_table": _style("h3_table", 10.5, bold=True, leading=13, spaceBefore=3 * mm, spaceAfter=1 * mm),
        "body": _style("body", BODY_TEXT, spaceAfter=2 * mm),
        "summary": _style("summary", BODY_TEXT, spaceAfter=1.5 * mm, keepWithNext=1),
        "source": _style("source", CELL_TEXT, textColor=MUTED, spaceBefore=1 * mm, spaceAfter=3 * mm),
        "note": _style("note", BODY_TEXT, leading=14, backColor=NOTE_BG, borderPadding=(2, 3, 2, 3), spaceBefore=1 * mm,
                       spaceAfter=2 * mm),
        "note_private": _style("note_private", BODY_TEXT, leading=14, backColor=PRIVATE_BG, borderPadding=(2, 3, 2, 3),
                               spaceBefore=1 * mm, spaceAfter=2 * mm),
        "toc1": _style("toc1", 11, bold=True, leading=16),
        "toc2": _style("toc2", BODY_TEXT, leading=14, leftIndent=6 * mm),
        "tile_value": _style("tile_value", 18, bold=True, leading=22, alignment=TA_CENTER),
        "tile_label": _style("tile_label", CELL_TEXT, leading=11, alignment=TA_CENTER, textColor=MUTED),
    }


@cache
def cell_style(size: float = CELL_TEXT, *, bold: bool = False, right: bool = False) -> ParagraphStyle:
    """A table cell's paragraph style (cells that wrap or carry a note marker)."""
    register_fonts()
    return _style(f"cell{size}{'b' * bold}{'r' * right}", size, bold=bold, leading=size + 2,
                  alignment=TA_RIGHT if right else 0)
