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


def test_a_money_column_is_not_counted_for_a_row_naming_children(tmp_path):
    """DCSF's section 52 outturn: its spend on 'Total Children Looked After' was read as a count of children."""
    lines = ["1 Secure accommodation (youth justice)", "2 Youth offender teams", "3 Other Youth Justice service",
             "4 Total Youth Justice", "5 Residential care", "6 Fostering services", "7 Other children looked after services",
             "12 Education of looked after children", "13 Leaving care support services", "14 Total Children Looked After"]
    text = ("LEA Number:,LA Name:,S52 Line Reference:,PRIVATE (x),PUBLIC (z),TOTAL EXPENDITURE (k),INCOME (l),"
            "NET Current Expenditure (m)\n") + "".join(
        f"{number},{name} ,{line},0,{n * 1000 + 7},{n * 1000 + 7},{n * 100},{n * 900 + 7}\n"
        for number, name in ((330, "Birmingham"), (933, "Somerset")) for n, line in enumerate(lines, 1))
    path = tmp_path / "s52.csv"
    path.write_text(text, encoding="utf-8")
    (table,) = read_file(path).tables
    obs = {o.cell: o for o in table.observations}
    assert (obs["F11"].label, obs["F11"].value, obs["H11"].value) == ("14 Total Children Looked After", 10007, 9007)
    assert obs["F11"].unit is None and obs["H11"].unit is None and obs["G21"].unit is None and obs["F2"].unit is None
    assert table.report.verdict == "unsure"
    assert any("look like money but no unit" in d for d in table.report.doubts)


def test_a_column_of_places_after_a_figure_tells_apart_rows_of_the_same_asset(tmp_path):
    """A community council's asset register: eleven benches, each where it stands, a value each. The old reading
    kept no place, so the benches could not be told apart (and the table was unsure for it)."""
    rows = [["item", "qty", "location", "value"],
            ["Bench", 1, "Abbey Roundabout", 300], ["Bench", 1, "Front of Abbey shop", 300],
            ["Bench", 1, "St Anns Road", 350], ["Bench", 2, "Rear of Hall - Marmax", 300],
            ["Noticeboard", 1, "Village Green (large)", 800], ["Noticeboard", 1, "By Millennium Hall", 1102],
            ["Lawnmower", 1, None, 329], ["Strimmer", 1, None, 290],
            ["Dog waste bin", 1, "Chapel Hill Lane", 115], ["Dog waste bin", 1, "Forge Road", 115],
            ["Bus shelter", 1, "Near Bigsweir Bridge", 4652], ["Clerk's laptop", 1, None, 453]]
    (table,) = read_file(write_xlsx(tmp_path / "assets.xlsx", {"assets": rows})).tables
    obs = {o.cell: o for o in table.observations}
    assert (obs["D2"].label, obs["D2"].value) == ("Bench", 300) and "Abbey Roundabout" in obs["D2"].section
    assert "Forge Road" in obs["D11"].section and (obs["B5"].value, obs["B5"].measure) == (2, "qty")
    assert obs["D8"].label == "Lawnmower" and obs["D8"].value == 329
    assert not any("repeat another row" in d for d in table.report.doubts)
