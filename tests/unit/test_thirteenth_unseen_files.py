"""What a thirteenth batch of published files nobody here had seen taught (tests/corpus: MHCLG's capital
estimates (CER B), DLUHC's council taxbase, DCLG's revenue account budget, BEIS's sub-regional fuel poverty,
DfE's Employer Skills Survey by local authority and its outcomes for looked-after children, SFR50 2013)."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.units import find_unit


def _cer_totals():
    """CER B's shape: councils with an LGF code in A, then national totals and a class breakdown under rows
    naming the key columns in lower case ('ONS code'), with nothing in column A."""
    names = ["Adur", "Allerdale", "Amber Valley", "Arun", "Ashfield", "Ashford", "Babergh", "Barnsley", "Basildon",
             "Bassetlaw", "Bath and North East Somerset", "Bedford", "Birmingham", "Blaby", "Blackpool", "Bolsover",
             "Bolton", "Boston", "Bracknell Forest", "Bradford", "Braintree", "Breckland", "Brentwood", "Brighton and Hove",
             "Bristol", "Broadland", "Bromsgrove", "Broxbourne", "Broxtowe", "Burnley", "Bury", "Calderdale", "Cambridge",
             "Cannock Chase", "Canterbury", "Carlisle", "Castle Point", "Charnwood", "Chelmsford", "Cheltenham"]
    councils = [(f"E{3800 + i}", f"E07000{200 + i}", name, ("SD", "MD", "UA")[i % 3], 100 + i, 200 + 2 * i, 1000 + 3 * i)
                for i, name in enumerate(names)]   # more than the rows looked at for the layout, as in CER B
    return [["CER B 2020-21"], ["All figures in £000s"],
            [None, None, None, None, "Resources used to finance capital expenditure"],
            ["LGF Code", "ONS Code", "LA Name", "Class", "Grants from central government departments",
             "Total grants used to finance capital expenditure", "Total resources used to finance capital expenditure"],
            *[list(c) for c in councils],
            [],
            [None, "ONS code", "National totals", "Country code"],
            [None, "E92000001", "England", "ENG", 8577999, 12652185, 41738416],
            [],
            [None, "ONS code", "Class Breakdown", "Class code"],
            [None, "E06", "Unitary Authorities", "UA", 1843790, 3320000, 9000000],
            [None, "E07", "Shire Districts", "SD", 296075, 1200000, 5000000],
            [None, "E47", "Combined Authorities", "CA", 1256956, 1300000, 2000000]]


def test_totals_without_the_first_key_column_under_lower_case_key_names_take_the_columns_above(tmp_path):
    """CER B's England and class rows, under 'ONS code | National totals | Country code' with no LGF code
    column, had been 'Column F' in unsure tables: the key names are the table above's in another case."""
    tables = read_file(write_xlsx(tmp_path / "cer.xlsx", {"Financing": _cer_totals()})).tables
    cells = {o.cell: o for t in tables for o in t.observations}
    assert (cells["E47"].label, cells["E47"].value) == ("England", 8_577_999_000)
    assert cells["E47"].measure.endswith("Grants from central government departments")
    assert cells["F52"].label == "Combined Authorities"
    assert cells["F52"].measure.endswith("Total grants used to finance capital expenditure")


def _ess_sheet():
    """The Employer Skills Survey's summary for one authority: areas and sectors across, a row of letters
    marking significant differences under 'Significance Level: 95%', counts and shares (fractions shown
    as percentages) down, letters again under some rows."""
    rows = [["30-September-2020", "England, regional and LEP averages", None, "LEA figures ---->"],
            ["Employer Skills Survey (ESS) 2019"], ["Back to contents"], ["KENT"], [],
            ["Summary of vacancy situation (employer base)"], ["Base: All"],
            [None, "ENGLAND", "REGION", "LEA", "Sector (13 sector grouping)"],
            [None, "England Total", "South East Total", "Kent Total", "Manufacturing", "Construction",
             "Wholesale & Retail", "Hotels & Restaurants"],
            ["Significance Level: 95%", None, None, None, "a", "b", "c", "*d"],
            ["Unweighted row", 70217, 10070, 1652, 110, 136, 331, 157],
            ["Total (establishments)", 1683072, 285231, 45329, 2146, 5602, 8555, 4382],
            ["Establishments with any vacancies", 0.17, 0.18, 0.17, 0.14, 0.07, 0.14, 0.3],
            [None, None, None, None, None, None, "c", "bc"],
            ["Number of vacancies", 811703, 140626, 17944, 792, 468, 2740, 2734],
            ["% of all vacancies which are SSVs", 0.25, 0.24, 0.25, 0.36, 0.41, 0.19, 0.2]]
    formats = {f"{c}{r}": "0%" for c in "BCDEFGH" for r in (13, 16)}
    return rows, formats


def test_a_significance_level_names_no_unit(tmp_path):
    """'Significance Level: 95%' over the ESS's letters had made the whole table percentages: Kent's 17,944
    vacancies were read as 17,944%."""
    assert find_unit("Significance Level: 95%") is None
    assert find_unit("Confidence level 90%") is None
    rows, formats = _ess_sheet()
    table = read_file(write_xlsx(tmp_path / "ess.xlsx", {"KENT": rows}, formats={"KENT": formats})).tables[0]
    cells = {o.cell: o for o in table.observations}
    assert (cells["D15"].value, cells["D15"].unit) == (17944, "count")
    assert (cells["D13"].value, cells["D13"].unit) == (17, "percent")


def test_a_date_alone_over_a_titled_year_is_when_the_tables_were_made(tmp_path):
    """The ESS's summary of all authorities opens with '30-September-2020' alone on its first line, over
    'Employer Skills Survey (ESS) 2019': every figure had been dated September 2020."""
    rows, formats = _ess_sheet()
    rows[0] = ["30-September-2020"]
    table = read_file(write_xlsx(tmp_path / "ess.xlsx", {"ALL_LEAS": rows}, formats={"ALL_LEAS": formats})).tables[0]
    assert table.report.period == "2019"
    assert {o.period for o in table.observations} == {"2019"}
    rows[1] = ["Employer Skills Survey"]   # no year besides the date: the date is all there is
    table = read_file(write_xlsx(tmp_path / "ess2.xlsx", {"ALL_LEAS": rows}, formats={"ALL_LEAS": formats})).tables[0]
    assert table.report.period == "Sep 2020"


def test_a_column_name_over_its_scale_beside_a_form_cell_number_heads_the_column(tmp_path):
    """DCLG's RA drop-down sheet: 'Net Current Expenditure' alone over '£ thousand' (with the form's cell
    number 3 to the right) had been a title line, '£ thousand' the column's name and its scale lost in
    the measure: the figures are now 'Net Current Expenditure' in pounds."""
    lines = [(110, "Early years", 2824714), (120, "Primary schools", 16982587), (130, "Secondary schools", 7601794),
             (140, "Special schools and alternative provision", 3298141), (145, "Post-16 provision", 505679),
             (190, "TOTAL EDUCATION SERVICES (total of lines 110 to 165)", 31212915)]
    rows = [[None, "Revenue Account Budget (RA): 2016-17 data for ENGLAND"], [],
            [None, None, "Select local authority by clicking on the box below and using the drop-down button:"],
            [None, None, "ENGLAND"], [],
            [None, None, None, None, "Net Current Expenditure"],
            [None, None, None, None, "£ thousand", None, None, None, None, 3],
            [None, None, "EDUCATION SERVICES"],
            *[[None, None, line, name, value, None, None, None, 4 + i] for i, (line, name, value) in enumerate(lines)]]
    cells = {o.cell: o for t in read_file(write_xlsx(tmp_path / "ra.xlsx", {"LA drop-down": rows})).tables
             for o in t.observations}
    assert (cells["E9"].label, cells["E9"].measure, cells["E9"].value) == (
        "Early years", "Net Current Expenditure", 2_824_714_000)


def test_letters_of_significant_differences_flag_no_variances(tmp_path):
    """The ESS's rows of letters under its figures ('a', 'f', 'bcd': the columns a figure differs from) had
    been read as adverse and favourable flags, and the survey shown as a budget monitor."""
    rows, formats = _ess_sheet()
    rows[13] = [None, None, None, None, "f", None, "a", "bc"]
    table = read_file(write_xlsx(tmp_path / "ess.xlsx", {"KENT": rows}, formats={"KENT": formats})).tables[0]
    assert table.report.kind != "budget_monitor"


def test_years_in_a_header_row_with_a_footnote_digit_are_those_years(tmp_path):
    """DfE's SFR50 Table LA2 heads its years '2009 | 20106 | 2011 | 2012 | 20132' (2010 and 2013 with their
    footnotes 6 and 2): the header had been taken for a row of figures and the table read with no header
    (each column 'Column I'), and once found, 2010's columns dated 2009."""
    councils = [("ENGLAND9", "90-99", 2280, 47, 59), (None,), ("NORTH EAST", ".", 140, 45, 54),
                ("Darlington", "100", 5, "x", "x"), ("Durham", "100", 25, 38, 58), ("Gateshead", "100", 10, "x", "x"),
                ("Hartlepool", "100", 10, 50, 60), ("Middlesbrough", "100", 15, 40, 47)]
    names = ["Percentage with UPN3", "Number eligible to sit Key Stage 2 tasks and tests4", "Mathematics (test)",
             "Reading (test)"]
    rows = [["Table LA2: Eligibility and performance of children looked after at Key Stage 2"],
            ["Years: 2009-20132"], ["Coverage: England, All schools"], [],
            [None, 2009, None, None, None, "20106", None, None, None, 2011, None, None, None, "20132"],
            [None, *names * 4], [],
            *[[c[0], *c[1:] * 4] if len(c) > 1 else [] for c in councils]]
    table = read_file(write_xlsx(tmp_path / "la2.xlsx", {"Table LA2": rows})).tables[0]
    cells = {o.cell: o for o in table.observations}
    assert table.report.header_rows[:1] == [5]
    assert (cells["G12"].measure, cells["G12"].period) == ("2010 Number eligible to sit Key Stage 2 tasks and tests", "2010")
    assert (cells["O12"].period, cells["O12"].value) == ("2013", 25)


def test_a_coded_name_starting_with_its_date_dates_its_column(tmp_path):
    """VOA's CTSOP1.0 names each column by its date ('1994_03_31_band_d') under a title spanning '1 April 1993
    to 31 March 2023': every column had been dated April 1993, the title's first date (the corpus scoring had
    counted them right, finding the year in the measure's text)."""
    rows = [["Table CTSOP1.0: Number of properties by Council Tax band, 1 April 1993 to 31 March 2023"], [],
            [None, None, "Council Tax band", None, 1993, "Council Tax band", None, 1994],
            [None, "Area code", "A", "B", None, "A", "B", None],
            ["geography", "ecode", "1993_04_01_band_a", "1993_04_01_band_b", "1993_04_01_all_properties",
             "1994_03_31_band_a", "1994_03_31_band_b", "1994_03_31_all_properties"],
            ["NATL", "E92000001", 5259410, 3843570, 9102980, 5312720, 3880230, 9192950],
            ["REGL", "E12000001", 520000, 180000, 700000, 525000, 181000, 706000],
            ["REGL", "E12000002", 1100000, 600000, 1700000, 1110000, 605000, 1715000]]
    cells = {o.cell: o for t in read_file(write_xlsx(tmp_path / "ctsop.xlsx", {"CTSOP": rows})).tables
             for o in t.observations}
    assert (cells["C6"].period, cells["F6"].period, cells["G7"].period) == ("Apr 1993", "Mar 1994", "Mar 1994")
