"""What a fifth batch of published files nobody here had seen taught (tests/corpus, the last 4 files): a
form's list of lines with one figure each and no header (its first line is no header), a numbered
line of a form that mentions a percentage (``8. ... 25% discount``) is words, not 8%, and council
tax bands A to H under a group header are column names, not RAG ratings, and "10% discount" in a
line's name is no unit of its count."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.units import PERCENTAGE, find_unit
from memberpack.model.values import parse_text


def _by_cell(table) -> dict:
    return {o.cell: o for o in table.observations}


def _exemptions() -> list[list]:
    """The council taxbase supplementary form: a part title, a caption over the class letters, then
    class letter, description and count, a blank row between lines; no header over the counts."""
    lines = [("B", "Unoccupied dwellings owned by a charity (up to six months).", 22895),
             ("D", "A dwelling left unoccupied by people who are detained e.g. in prison.", 1825),
             ("E", "An unoccupied dwelling which was previously the sole or main residence of a person "
                   "who has moved into a hospital or care home.", 32149),
             ("F", "Dwellings left empty by deceased persons.", 79515),
             ("G", "An unoccupied dwelling where the occupation is prohibited by law.", 6308)]
    rows = [["PART 1 - NUMBER OF DWELLINGS ON THE VALUATION LIST THAT WERE IN EXEMPT CLASSES B & D TO W"], [],
            ["EXEMPTION CLASS"]]
    for letter, text, count in lines:
        rows += [[letter, text, None, None, count], []]
    return rows


def test_a_forms_first_line_with_a_figure_is_data_not_the_header(tmp_path):
    """The first line's count (22895) is no name for the column of counts: the old reading took it
    for the header, lost it, and said every other count measures '22895' without a doubt."""
    table, = read_file(write_xlsx(tmp_path / "ctb.xlsx", {"CTB Supplementary Form": _exemptions()})).tables
    cells = _by_cell(table)
    assert (cells["E4"].label, cells["E4"].value) == ("Unoccupied dwellings owned by a charity (up to six months).",
                                                      22895)
    assert cells["E6"].value == 1825 and cells["E6"].measure != "22895"
    assert "unsure" in table.report.verdict
    assert any("22895" in d for d in table.report.doubts)


def test_a_numbered_line_that_mentions_a_percentage_is_words():
    line = "8. Number of dwellings in line 7 entitled to a single adult household 25% discount on 2 October 2017"
    assert parse_text(line).value is None and parse_text(line).status == "text"
    assert (parse_text("12 per 10,000 children aged under 18").value, parse_text("34.5 % of pupils").value) == (12, 34.5)


def test_band_letters_under_a_group_header_are_column_names(tmp_path):
    """Council taxbase data: column numbers, a form line over bands A-H and Total, then the councils.
    The old reading took the band letters for a row of data (A read as an 'adverse' rating) and
    said the figures measure '4'."""
    bands = ["A", "B", "C", "D", "E", "F", "G", "H", "Total"]
    rows = [["CTB*", None, None, "Source:- CTB (2017)", *range(4, 13)],
            [None, None, None, None, "1. Total number of dwellings on the Valuation List"],
            ["*for supplementary data see table", None, None, None, *bands],
            [" below"],
            [],
            *[[code, None, None, name, *[first + 37 * b for b in range(8)], 8 * first + 1036]
              for code, name, first in [("E3831", "Adur", 2743), ("E0931", "Allerdale", 22117),
                                        ("E1031", "Amber Valley", 22237), ("E3832", "Arun", 3502)]]]
    table, = read_file(write_xlsx(tmp_path / "data.xlsx", {"Data": rows})).tables
    cells = _by_cell(table)
    assert "E3" not in cells   # the band letters are no row of data
    assert (cells["E6"].label, cells["E6"].value) == ("Adur", 2743)
    assert "Valuation List" in cells["E6"].measure and cells["E6"].measure.endswith(" A")
    assert cells["H7"].measure.endswith(" D") and cells["M7"].measure.endswith("Total")


def test_a_percentage_that_names_what_is_counted_is_no_unit():
    """'10% discount applied for second homes' labels a count of dwellings (16178), not a percentage;
    a share ('25% of households') or a bare '%' still is one."""
    assert find_unit("10% discount applied for second homes") is None
    assert find_unit("1% - 9% discount applied for second homes") is None
    assert all(find_unit(t) is PERCENTAGE for t in ("45%", "% of pupils", "25% of households", "Target (95%)", "2019 %"))
