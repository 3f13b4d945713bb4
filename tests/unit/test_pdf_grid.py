"""Column widths of a source table in the PDF: figures at their natural width, words a fair share."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from memberpack.export.pdf_grid import grid_layout
from memberpack.export.note_plan import NotePlan, Table
from memberpack.export.pdf_styles import FONT, LANDSCAPE_WIDTH, register_fonts
from memberpack.store.pack import Pack


def test_scorecard_comments_get_a_fair_share_of_the_landscape_page(demo_pack):
    register_fonts()
    with Pack.open(demo_pack) as pack:
        ds = next(d for d in pack.datasets() if d.source_file == "06_kcpi_scorecard_q3_2020-21.xlsx")
        table = Table(ds, pack.observations(ds.id), [])
    layout = grid_layout(table, NotePlan([], [table], None))
    widths = dict(zip(["", *layout.grid.measures], layout.widths))
    assert layout.landscape and abs(sum(layout.widths) - LANDSCAPE_WIDTH) < 1
    assert widths["Comments"] >= 0.14 * LANDSCAPE_WIDTH  # was 0.09: 17 letters a line (0.14: Q1..Q4 now carry their year)
    assert widths[""] >= 0.2 * LANDSCAPE_WIDTH  # the measure names keep theirs
    natural = stringWidth("53.7 per 10,000", FONT, layout.size)  # the widest figure in its column
    assert natural < widths["Year-End 2019/20"] < natural + 12
    comments = layout.grid.measures.index("Comments") + 1
    assert comments in layout.words and 1 not in layout.words  # prose is set left-aligned, figures right
