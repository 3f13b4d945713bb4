"""What a hold-out of council finance files taught (tests/corpus, the 6 files from dluhc_RA_2023-24_data_Part_1.csv
on): a row of a return's line numbers over the row naming every column is part of the header, not the first row of
data (DLUHC's revenue account budget, whose rows of asset codes, headings and line numbers each say what they hold)."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


def test_line_numbers_over_the_names_of_the_columns_are_no_data(tmp_path):
    """The old reading took the asset codes for the header and the line numbers and names for two rows of data."""
    rows = [
        ["Worksheet 2: Revenue Account Budget (RA) 2023-24: Revenue Account data"],
        ["Data are reported in £ thousand."],
        [],
        ["This row contains the data base Asset ID code for the data in each column.", None, None,
         "eduerl", "eduprm", "edutot", "ctrtot"],
        ["This row contains section headings for groups of data items.", None, None,
         "Education Services", None, None, "Revenue Expenditure Financing"],
        ["This row contains the 'line number'; this is the row number in the data collection form.", None, None,
         110, 120, 190, 990],
        ["E-code", "ONS Code", "Local authority", "Early years", "Primary schools", "TOTAL EDUCATION SERVICES",
         "COUNCIL TAX REQUIREMENT"],
        ["E0101", "E06000022", "Bath & North East Somerset", 12108, 15643, 70674, 120500],
        ["E0104", "E06000024", "North Somerset", 11359, 19820, 69370, 130200],
        ["E3301", "E06000066", "Somerset", 39140, 137110, 314877, 360568],
    ]
    (table,) = read_file(write_xlsx(tmp_path / "ra.xlsx", {"RA": rows})).tables
    obs = {o.cell: o for o in table.observations}
    assert table.layout.header_rows[-1] == 7 and table.layout.first_row <= 8
    assert "7" not in {o.cell[1:] for o in table.observations} and "F6" not in obs
    somerset = obs["F10"]
    assert (somerset.label, somerset.value, somerset.unit) == ("Somerset", 314_877_000, "GBP")
    assert "TOTAL EDUCATION SERVICES" in somerset.measure and "Education Services" in somerset.measure
    assert "COUNCIL TAX REQUIREMENT" in obs["G8"].measure and obs["G8"].value == 120_500_000

