"""What a sixth batch of published files nobody here had seen taught (tests/corpus, the last 4 files): a
title spanning years names the figures of columns headed by a year alone, whatever the rows are (services,
not only areas); a split year whose dash became two dots (``2005..06``); NHS specialty headers written
``100 General Surgery`` are a header, not a row of figures; ``£s`` alone at the far right of a header row
is the table's unit; a header asking "How many ..." counts, though it names grants; a return's line codes
left of the lines' names (``A1``, ``B7``) leave the names to label the lines; and neither a coded section
line (``B: | OLDER PEOPLE``) nor working cells right of every line, after a blank row, end the table."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.importers.table_layout import strip_periods
from memberpack.model.periods import Period, YEAR, parse_period


def _by_cell(table) -> dict:
    return {o.cell: o for o in table.observations}


def test_years_under_a_title_that_spans_them_measure_the_titles_figure(tmp_path):
    """Social services spending by client group, one column a year: the old reading named every figure
    by its year alone ('1994-95'), so nothing said it was gross current expenditure."""
    rows = [["Gross current expenditure by client group:   1994-95 to 1997-98"], [],
            ["England", None, None, None, "£000s"],
            [None, "1994-95", "1995-96", "1996-97", "1997-98"], [],
            ["SERVICE STRATEGY"],
            ["Strategic management", 56632.0, 54529.0, 53700.0, 55122.0],
            ["Complaints procedures", 6391.0, 8692.0, 8569.0, 7680.0],
            ["TOTAL SERVICE STRATEGY", 115069.0, 120500.0, 122589.0, 128240.0]]
    table, = read_file(write_xlsx(tmp_path / "pss.xlsx", {"Gross": rows})).tables
    cells = _by_cell(table)
    first, last = cells["B7"], cells["E9"]
    assert (first.label, first.measure, first.period, first.value) == (
        "Strategic management", "Gross current expenditure by client group", "1994/95", 56632000)
    assert (last.measure, last.period, last.unit) == ("Gross current expenditure by client group", "1997/98", "GBP")


def test_a_title_with_a_link_before_its_number_names_the_figures_without_it(tmp_path):
    """'Return to contents' above 'Table 2.3: Primary pupils by stage, 2001-2003' is no part of what the
    figures are."""
    rows = [["Return to contents"], ["Table 2.3: Primary pupils by stage, 2001-2003"],
            [None, 2001, 2002, 2003], ["P1", 56771, 56374, 55434], ["P2", 57722, 56672, 56351],
            ["P3", 58111, 57001, 56902]]
    table, = read_file(write_xlsx(tmp_path / "pupils.xlsx", {"Table 2.3": rows})).tables
    p1 = _by_cell(table)["C4"]
    assert (p1.label, p1.measure, p1.period, p1.value) == ("P1", "Primary pupils by stage", "2002", 56374)


def test_a_split_year_written_with_two_dots_is_that_year():
    """'2005..06' (a dash turned into '..' across a whole workbook) was read as the calendar year 2005."""
    assert parse_period("2005..06") == Period(YEAR, 2005)
    assert parse_period("2005..07") != Period(YEAR, 2005) and parse_period("Rows 10..11") is None
    assert strip_periods("2005..06") == ""


def test_numbered_specialty_names_are_a_header_not_figures(tmp_path):
    """NHS England's beds by consultant specialty: '100 General Surgery' reads as 100 with words attached,
    so the old reading took the header for a row of figures, lost it and England's row under it, and
    named every column 'Column G'."""
    specialties = ["100 General Surgery", "101 Urology", "110 Trauma & Orthopaedics", "120 ENT", "130 Ophthalmology",
                   "140 Oral Surgery"]
    rows = [["Title:", "Average daily number of occupied beds open overnight by Consultant Specialty"], [],
            ["Year", "Period End", "Org Code", "Org Name", *specialties],
            ["2020-21", "September", None, "England", 7547.6, 1441.4, 5829.5, 478.1, 81.7, 88.8], [],
            ["2020-21", "September", "R1H", "BARTS HEALTH NHS TRUST", 123.1, 14.9, 70.6, 9.9, 1.4, 0.0],
            ["2020-21", "September", "R1K", "LONDON NORTH WEST UNIVERSITY HEALTHCARE NHS TRUST", 72.2, 6.1, 30.1, 6.8, 0.0,
             0.0],
            ["2020-21", "September", "RAL", "ROYAL FREE LONDON NHS FOUNDATION TRUST", 69.5, 22.9, 43.4, 4.6, 0.3, 0.3]]
    tables = read_file(write_xlsx(tmp_path / "kh03.xlsx", {"Occupied by Specialty": rows})).tables
    cells = {cell: o for t in tables for cell, o in _by_cell(t).items()}
    assert (cells["E4"].label, cells["E4"].measure, cells["E4"].value) == ("England", "100 General Surgery", 7547.6)
    assert (cells["G6"].label, cells["G6"].measure, cells["G6"].value) == (
        "BARTS HEALTH NHS TRUST", "110 Trauma & Orthopaedics", 70.6)


def test_figures_with_the_same_words_attached_are_still_data(tmp_path):
    """A first row of counts written with their words ('1,050 families') under a header stays data: the
    numbers carry separators and the rows under it the same words."""
    rows = [["Area", "Families helped", "Children helped", "Visits made"],
            ["North", "1,050 families", "2,210 children", "3,400 visits"],
            ["South", "980 families", "1,990 children", "3,120 visits"],
            ["East", "1,120 families", "2,400 children", "3,610 visits"]]
    table, = read_file(write_xlsx(tmp_path / "help.xlsx", {"Help": rows})).tables
    north = _by_cell(table)["B2"]
    assert (north.label, north.measure, north.value) == ("North", "Families helped", 1050)


def test_pounds_alone_at_the_far_right_of_a_header_row_is_the_tables_unit(tmp_path):
    """Grants by council: 'England' over the council numbers and '£s' alone far right of that row. The old
    reading took '£s' into the last column's header only, so the grants came in with no unit; the
    columns asking 'How many ...' count organisations, not pounds."""
    rows = [["2007-08 Grants"], ["England", None, None, None, None, "£s"],
            [None, None, "Children and Families Services", "Carers", "How many organisations did you provide "
             "grants to in 2007-08?", "Do you provide non-financial support?"],
            ["Metropolitan Districts"],
            [204, "Barnsley", 5347000, "..", 25, "No"],
            [406, "Birmingham", "..", 1242000, "..", "Yes"],
            [304, "Bolton", 100000, 14000, 12, "No"]]
    table, = read_file(write_xlsx(tmp_path / "grants.xlsx", {"Grants": rows})).tables
    cells = _by_cell(table)
    assert (cells["C5"].label, cells["C5"].value, cells["C5"].unit) == ("Barnsley", 5347000, "GBP")
    assert (cells["D6"].value, cells["D6"].unit) == (1242000, "GBP")
    assert (cells["E5"].value, cells["E5"].unit) == (25, None)


def _pss_lines(working: bool = False, sections: bool = False) -> list[list]:
    """PSS EX1 expenditure by council: line codes left of the lines' names, councils across, '£ thousands'
    over the names; optionally section lines ('B: | OLDER PEOPLE ...') between blank rows, and working
    cells ('Q16 | 16 | Q') past a blank column at the far right of every line."""
    councils = ["England", "Barking and Dagenham", "Barnet", "Barnsley"]
    rows = [["Council Personal Social Services Net Current Expenditure, PSS EX1 2007-08"], [],
            ["England, 2007-08", "£ thousands", *councils]]
    lines = [("A", "SERVICE STRATEGY", [("A1", "Strategic management", 75099.1), ("A2", "Complaints procedures", 10757.6),
                                        ("A3", "TOTAL SERVICE STRATEGY", 85856.7)]),
             ("B", "OLDER PEOPLE", [("B1", "Assessment and care management", 966857.1), ("B2", "Day care", 337311.1),
                                    ("B3", "TOTAL OLDER PEOPLE", 1304168.2)]),
             ("C", "ADULTS WITH A PHYSICAL DISABILITY", [("C1", "Assessment and care management", 201934.5),
                                                          ("C2", "Day care", 51202.3), ("C3", "TOTAL ADULTS", 253136.8)])]
    for letter, section, items in lines:
        if sections:
            rows += [[], [f"{letter}:", section], []]
        for n, (code, name, england) in enumerate(items):
            row = [code, name, england, round(england / 300, 1), round(england / 250, 1), round(england / 400, 1)]
            rows.append(row + ([None, f"Q{len(rows) + 1}", len(rows) + 1, "Q"] if working else []))
    return rows


def test_line_codes_left_of_the_names_leave_the_names_to_label_the_lines(tmp_path):
    """The old reading named every line by its code ('A1', 'B2'), as the names repeat under each client
    group ('Day care')."""
    table, = read_file(write_xlsx(tmp_path / "pss.xlsx", {"Net": _pss_lines()})).tables
    cells = _by_cell(table)
    day_care = cells["E8"]
    assert (day_care.label, day_care.measure, day_care.value) == ("Day care", "Barnet", round(337311.1 / 250, 1) * 1000)
    assert "B2" in (day_care.section or "") and day_care.unit == "GBP"


def test_a_coded_section_line_after_a_blank_row_goes_on_with_the_table(tmp_path):
    """'B: | OLDER PEOPLE' between blank rows is a section of the lines, not a new table's header: the old
    reading ended the table there and read the lines under it with no header ('Column C')."""
    table, = read_file(write_xlsx(tmp_path / "pss.xlsx", {"Net": _pss_lines(sections=True)})).tables
    cells = _by_cell(table)
    assert (cells["C7"].label, cells["C7"].measure, cells["C7"].value) == ("Strategic management", "England", 75099100)
    assert (cells["D14"].label, cells["D14"].measure) == ("Day care", "Barking and Dagenham")


def test_working_cells_right_of_every_line_do_not_end_the_table(tmp_path):
    """Cell references ('Q16 | 16 | Q') past a blank column on every line: after a blank row the old reading
    took them for the start of a wider table and lost the header."""
    tables = read_file(write_xlsx(tmp_path / "pss.xlsx", {"Net": _pss_lines(working=True, sections=True)})).tables
    cells = {cell: o for t in tables for cell, o in _by_cell(t).items()}
    assert (cells["F20"].label, cells["F20"].measure, cells["F20"].unit) == ("Day care", "Barnsley", "GBP")
