"""A reference code on every row (``Ref``: AHW01, ``PI Ref``, ``KPI No.``) is shown where the source has it."""

from awkward_workbooks import write_xlsx
from pypdf import PdfReader
from test_plain_rows import _read_both_ways, cell_by_cell  # noqa: F401  (a fixture)

from memberpack.cli import main
from memberpack.importers import read_file
from memberpack.model.blocks import FigureBlock
from memberpack.model.grid import Grid


def _tracker(proposals: int = 4) -> list[list]:
    rows = [["2024/25 Savings Delivery Tracker - Period 9"], ["£000s"], [],
            ["Ref", "Directorate", "Saving Proposal", "2024/25 Target", "Forecast Delivery", "Shortfall", "RAG"],
            ["AHW01", "Adults", "Reablement first", 1200, 850, 350, "Amber"],
            ["AHW02", "Adults", "Review of learning disability packages", 1800, 600, 1200, "Red"],
            ["CYP01", "Children", "Step-down from residential to fostering", 900, 150, 750, "Red"],
            ["PE01", "Place", "Garden waste charge increase", 750, 810, -60, "Green"]]
    rows += [[f"PE{n:03}", "Place", f"Fees and charges review {n}", 100 + n, 90 + n, 10, "Amber"]
             for n in range(2, proposals - 2)]
    return rows + [[None, None, "Total", sum(r[3] for r in rows[4:]), sum(r[4] for r in rows[4:]),
                    sum(r[5] for r in rows[4:]), None]]


def test_a_rows_reference_is_a_column_at_the_left_of_its_figures(tmp_path):
    """The old reading kept the ``Ref`` column as a key that named nothing: AHW01 was shown nowhere."""
    book = write_xlsx(tmp_path / "savings.xlsx", {"Tracker": _tracker()})
    table = read_file(book).tables[0]
    refs = {o.label: (o.display, o.status, o.cell) for o in table.observations if o.measure == "Ref"}
    assert refs == {"Reablement first": ("AHW01", "text", "A5"), "Review of learning disability packages":
                    ("AHW02", "text", "A6"), "Step-down from residential to fostering": ("CYP01", "text", "A7"),
                    "Garden waste charge increase": ("PE01", "text", "A8"), "Total": ("", "blank", "A9")}
    grid = Grid.as_source(table.observations)
    assert grid.measures == ["Ref", "2024/25 Target", "Forecast Delivery", "Shortfall", "RAG"]   # as the app shows it
    assert {o.section for o in table.observations if o.label == "Reablement first"} == {"Adults"}

    assert main(["import", str(tmp_path / "p.mpack"), str(book)]) == 0
    assert main(["export", str(tmp_path / "p.mpack"), "-o", str(tmp_path / "b.pdf")]) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "b.pdf").pages)
    assert ("The table as in the source Ref 2024/25 Target (£k) Forecast Delivery (£k) Shortfall (£k) RAG Adults "
            "Reablement first AHW01 1,200 850 350 Amber") in text
    assert main(["export", str(tmp_path / "p.mpack"), "-o", str(tmp_path / "b.html")]) == 0
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    # the reference is words, left-aligned as text (it had been class "num", right-aligned like a figure)
    assert '<th scope="row">Reablement first</th><td>AHW01</td><td class="num">1,200</td>' in html
    assert '<th scope="col">Ref</th><th scope="col" class="num">2024/25 Target (£k)</th>' in html


def test_the_pdf_sets_a_reference_column_left_aligned_as_words(tmp_path):
    """References are short, so the PDF had right-aligned them like figures: AHW01, CYP01 and PE01
    each started at another place under the column's title."""
    book = write_xlsx(tmp_path / "savings.xlsx", {"Tracker": _tracker()})
    assert main(["import", str(tmp_path / "p.mpack"), str(book)]) == 0
    assert main(["export", str(tmp_path / "p.mpack"), "-o", str(tmp_path / "b.pdf")]) == 0
    starts: dict[str, float] = {}

    def seen(text, cm, tm, _font, _size):
        if text.strip() in ("AHW01", "CYP01", "PE01"):
            starts[text.strip()] = round(cm[4] + tm[4] * cm[0], 1)

    for page in PdfReader(tmp_path / "b.pdf").pages:
        page.extract_text(visitor_text=seen)
    assert len(starts) == 3 and len(set(starts.values())) == 1, starts


def test_numbered_and_coded_indicators_keep_their_reference_as_written(tmp_path):
    """``KPI No.`` 1, 2, 3 was dropped as a column left of the names; ``1.1``, ``1.2`` read as figures."""
    for head, codes in (("KPI No.", [1, 2, 3, 4]), ("KPI No.", ["1.1", "1.2", "2.1", "3.4"]),
                        ("PI Ref", ["ASC1", "CSC2", "PE1", "RC1"])):
        rows = [["Corporate Performance Scorecard 2024/25 - Quarter 3"], [],
                [head, "Indicator", "Target", "Q2 2024/25", "Q3 2024/25"],
                [codes[0], "Permanent admissions to care homes (65+) per 100,000", 560, 281.5, 455],
                [codes[1], "Children looked after rate per 10,000", 70, 76.8, 77.4],
                [codes[2], "Household waste recycled or composted %", 50, 49.5, 48.1],
                [codes[3], "Working days lost to sickness per FTE", 9, 9.8, 10.2]]
        table = read_file(write_xlsx(tmp_path / "kpi.xlsx", {"Q3": rows})).tables[0]
        assert table.report.key_columns[0] == {"column": "A", "header": head, "role": "reference"}
        shown = [(o.display, o.value, o.status) for o in table.observations if o.measure == head]
        assert shown == [(str(code), None, "text") for code in codes]
        assert Grid.as_source(table.observations).measures[0] == head


def test_a_long_tracker_reads_its_references_the_same_either_way(tmp_path, cell_by_cell):
    parts, fast = _read_both_ways(write_xlsx(tmp_path / "long.xlsx", {"Tracker": _tracker(900)}), cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) >= 800   # read column-wise, mostly
    refs = [o.display for o in fast.observations if o.measure == "Ref"]
    assert len(refs) == 901 and refs[-2:] == ["PE897", ""]
