"""The "How we compare" table of the briefing PDF."""

from reportlab.pdfbase.pdfmetrics import stringWidth

from memberpack.export.pdf_compare import SHARES, column_widths
from memberpack.export.pdf_styles import FONT, FONT_BOLD, FRAME_WIDTH, register_fonts
from memberpack.export.pdf_tables import CELL_SIZE, PAD

HEAD = ["Measure", "Period", "North Somerset", "England", "South West", "Neighbours' average", "vs England", "Rank", "Band"]
ROWS = [["Children looked after rate per 10,000 children", "Q3 2020/21", "53.7", "67.0", "57.0", "53.0 (10 of 10)",
         "Lower", "6 of 14", "B"],
        ["Percentage of CLA in foster care", "2020", "79%", "72%", "74%", "72% (10 of 10)", "Better", "2 of 14", "A"]]


def test_no_header_word_or_period_is_broken_inside_a_word_on_an_upright_page():
    """Fixed shares of the width broke headers inside words on an upright page ("Perio d",
    "North S omerset", "Englan d") and the period over two lines ("Q3 202 0/21")."""
    register_fonts()
    widths = column_widths(HEAD, ROWS, FRAME_WIDTH, list(SHARES))
    assert abs(sum(widths) - FRAME_WIDTH) < 0.01
    for c, room in enumerate(widths[1:], start=1):
        assert all(stringWidth(w, FONT_BOLD, CELL_SIZE) <= room - 2 * PAD for w in HEAD[c].split()), HEAD[c]
        assert all(stringWidth(w, FONT, CELL_SIZE) <= room - 2 * PAD for r in ROWS for w in r[c].split())
    assert stringWidth("Q3 2020/21", FONT, CELL_SIZE) <= widths[1] - 2 * PAD   # the period on one line
    assert widths[0] >= 0.2 * FRAME_WIDTH                                      # the names keep a fifth


def test_a_frame_too_narrow_for_the_figures_falls_back_to_shares():
    widths = column_widths(HEAD, ROWS, 150, list(SHARES))
    assert [round(w / 150, 4) for w in widths] == [round(s / sum(SHARES), 4) for s in SHARES]
