"""What a fourth batch of published files nobody here had seen taught (tests/corpus, the last 10 files):
headers dated relative to the title ("(previous year)", "(current year)" under "2022-23 and 2023-24"), a
code column whose '[z]' on some rows is no repeated name, and areas by years under a title naming what
the figures are."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.periods import QUARTER, YEAR, Period, parse_period, relative_year, years_named


def _by_cell(table) -> dict:
    return {o.cell: o for o in table.observations}


def _council_tax(codes: list[str]) -> list[list]:
    """DLUHC council tax requirement: E-code, ONS code, name, region, class, notes, then each line for the
    previous and the current year, the years only in the title."""
    names = ["Combined Authorities", "Metropolitan Fire", "Greater London Authority", "of which: police",
             "of which: non-police", "Avon Fire", "Bedford Police", "Berkshire Fire"]
    return [["Table 2: Council Tax Requirement (CTR) data for Precepting Authorities in England, 2022-23 and 2023-24"],
            ["The data are in £ unless stated otherwise in the column title."],
            ["E-code", "ONS Code", "Authority", "Region", "Class", "Notes",
             "1. Council Tax Requirement\n\n(previous year)", "1. Council Tax Requirement\n\n(current year)",
             "3. Average Band D council tax\n\n(previous year)", "3. Average Band D council tax\n\n(current year)"],
            *[[code, ons, name, "[z]" if i < 2 else "SW", "CA" if i < 2 else "CFA", "[note a]" if i == 0 else "",
               1000 * (i + 1), 1100 * (i + 1), "[x]" if i == 0 else 70.5 + i, 74.25 + i]
              for i, (code, ons, name) in enumerate(zip(codes, ["CA", "MF", "E12000007", "[z]", "[z]", "E31000001",
                                                                  "E23000026", "E31000003"], names))]]


def test_previous_and_current_year_columns_take_the_years_the_title_names(tmp_path):
    table, = read_file(write_xlsx(tmp_path / "ctr.xlsx", {"Data_Precepting": _council_tax(
        ["CA", "MF", "[z]", "E5101", "E5102", "E6101", "E7002", "E6103"])})).tables
    cells = _by_cell(table)
    assert (cells["G4"].period, cells["G4"].value, cells["G4"].unit) == ("2022/23", 1000, "GBP")
    assert (cells["H11"].period, cells["H11"].value) == ("2023/24", 8800)
    assert (cells["I4"].period, cells["I4"].status, cells["I4"].value) == ("2022/23", "x", None)
    assert (cells["J11"].period, cells["J11"].value) == ("2023/24", 81.25)


def test_a_code_column_with_z_on_rows_that_have_no_code_is_a_key_beside_the_names(tmp_path):
    """'[z]' in the E-code and ONS code columns (the GLA's rows) is no name written twice: the names in
    column C still label the rows, the codes are kept as keys."""
    table, = read_file(write_xlsx(tmp_path / "ctr.xlsx", {"Data_Precepting": _council_tax(
        ["CA", "MF", "[z]", "E5101", "E5102", "E6101", "E7002", "E6103"])})).tables
    assert table.layout.label_column == "C"
    cells = _by_cell(table)
    assert (cells["H10"].label, cells["H10"].value) == ("Bedford Police", 7700)
    assert "E7002" in (cells["H10"].section or "")
    assert cells["G6"].label == "Greater London Authority"


def test_relative_years():
    named = years_named("CTR data, 2022-23 and 2023-24")
    assert named == [Period(YEAR, 2022), Period(YEAR, 2023)]
    assert relative_year("Parish precepts\n\n(current year)", named) == Period(YEAR, 2023)
    assert relative_year("Parish precepts (previous year)", named) == Period(YEAR, 2022)
    assert relative_year("Change since last year", named) is None   # a change, not last year's figure
    assert relative_year("Parish precepts (current year)", []) is None


def test_areas_by_years_each_column_headed_by_its_year_alone_are_the_title_s_figure(tmp_path):
    """DLUHC Band D table: code, ONS code, name, then one column per year headed '1996 to 1997'..."""
    rows = [["Table 3: Band D council tax for local authorities excluding parish precepts from 1996 to 1997 to "
             "1999 to 2000"], ["The data in this table are reported in pounds (£)."],
            ["Code", "ONS Code", "Authority", "1996 to 1997", "1997 to 1998", "1998 to 1999", "1999 to 2000"],
            *[[f"E38{31 + i}", f"E070002{23 + i}", f"District {i}", 137.41 + i, 137.8, "[z]" if i == 3 else 147.77,
               154.42] for i in range(5)]]
    table, = read_file(write_xlsx(tmp_path / "band_d.xlsx", {"Band_D_Data": rows})).tables
    cells = _by_cell(table)
    adur = cells["D4"]
    assert (adur.label, adur.period, adur.value, adur.unit) == ("District 0", "1996/97", 137.41, "GBP")
    assert adur.measure == "Band D council tax for local authorities excluding parish precepts"
    assert {o.measure for o in table.observations} == {adur.measure}   # one figure over four years
    assert (cells["F7"].period, cells["F7"].status) == ("1998/99", "z")
    assert cells["G8"].period == "1999/00" and cells["G8"].value == 154.42


def test_years_heading_rows_of_names_keep_their_years_as_measures(tmp_path):
    """Without area codes the rows may be measures themselves: their year columns stay named by year."""
    rows = [["Table 1: Council tax requirement, 2021 to 2022 to 2023 to 2024"],
            ["Line", "2021 to 2022", "2022 to 2023", "2023 to 2024"],
            ["Council tax requirement", 100, 110, 120], ["Parish precepts", 5, 6, 7], ["Levies", 1, 2, 3]]
    table, = read_file(write_xlsx(tmp_path / "lines.xlsx", {"Sheet1": rows})).tables
    cells = _by_cell(table)
    assert (cells["C3"].measure, cells["C3"].period, cells["C3"].value) == ("2022 to 2023", "2022/23", 110)


def _offenders(blank_at: int | None = None) -> list[list]:
    """DfE/MoJ long sheet: LA, an 'indicator' the same on the first rows, the figure, then the categories
    that tell each LA's rows apart; a suppressed figure left blank."""
    rows = [["LA", "indicator", "perc", "group", "CINCLA"]]
    for la in ["England", "Barnet", "Barnsley", "Bedford", "Bexley", "Bolton", "Bradford", "Brent"]:
        for cin in ["Children in need", "Children who are looked after"]:
            for group in ["All Pupils", "Any Offence", "Serious Violence Offence"]:
                rows.append([la, "School", 10 + len(rows), group, cin])
    rows += [["York", "Home", 40 + i, group, "Children in need"]
             for i, group in enumerate(["All Pupils", "Any Offence", "Serious Violence Offence"])]
    if blank_at is not None:
        rows[blank_at][2] = None
    return rows


def test_categories_after_a_long_table_s_figure_tell_its_rows_apart(tmp_path):
    table, = read_file(write_xlsx(tmp_path / "offsen.xlsx", {"EverCINCLA": _offenders()})).tables
    assert table.layout.key_columns == ("D", "E")
    cells = _by_cell(table)
    barnet = cells["C12"]
    assert (barnet.label, barnet.value) == ("Barnet", 21)
    assert barnet.section == "Any Offence / Children who are looked after"
    assert table.report.verdict != "unsure" and not table.report.doubts


def test_a_figure_left_blank_beside_its_categories_heads_no_section(tmp_path):
    """Barnsley's suppressed 'Any Offence' figure is blank: its row is no heading over the rows below."""
    table, = read_file(write_xlsx(tmp_path / "offsen.xlsx", {"EverCINCLA": _offenders(blank_at=14)})).tables
    cells = _by_cell(table)
    assert "C15" not in cells
    below = cells["C16"]
    assert (below.label, below.section, below.value) == ("Barnsley", "Serious Violence Offence / Children in need", 25)


def test_a_column_the_same_on_the_first_rows_only_is_not_reported_the_same_on_every_row(tmp_path):
    table, = read_file(write_xlsx(tmp_path / "offsen.xlsx", {"EverCINCLA": _offenders()})).tables
    york = _by_cell(table)["C51"]
    assert (york.label, york.value, york.section) == ("York", 41, "Any Offence / Children in need")
    assert "Home" in york.measure
    assert "indicator" not in table.report.context
    assert any("'School' on the first rows and 'Home'" in a for a in table.report.assumptions)


def test_a_quarter_written_with_its_months_and_calendar_year_is_in_that_financial_year():
    assert parse_period("April to June 2010 (Q1)") == Period(QUARTER, 2010, 1)
    assert parse_period("January to March 2011 (Q4)") == Period(QUARTER, 2010, 4)
    assert parse_period("April to June 2010 (Q3)") == Period(QUARTER, None, 3)   # months not that quarter's
    assert parse_period("Total receipts - 2010 to 2011 (Q1 to Q4)") == Period(YEAR, 2010)
    assert parse_period("Q2 2019/20") == Period(QUARTER, 2019, 2)


def test_quarterly_columns_of_many_years_keep_their_own_years(tmp_path):
    """DLUHC council tax receipts: a column per quarter since 2010, the file and title of 2022-23."""
    quarters = ["April to June 2010 (Q1)", "July to September 2010 (Q2)", "October to December 2010 (Q3)",
                "January to March 2011 (Q4)", "Total receipts - 2010 to 2011 (Q1 to Q4)", "April to June 2011 (Q1)"]
    rows = [["Table 5: Receipts of council tax for each local authority, April to June 2010 to January to March 2023"],
            ["E-code", "ONS Code", "Local authority", *quarters],
            *[[f"E38{31 + i}", f"E070002{23 + i}", f"District {i}", 10, 20, 30, 40, 100, 11] for i in range(4)]]
    table, = read_file(write_xlsx(tmp_path / "CT_Receipts_Live_Table_Q4_2022-23.xlsx", {"Table_5": rows})).tables
    cells = _by_cell(table)
    assert [cells[f"{c}3"].period for c in "DEFGHI"] == ["Q1 2010/11", "Q2 2010/11", "Q3 2010/11", "Q4 2010/11",
                                                           "2010/11", "Q1 2011/12"]
