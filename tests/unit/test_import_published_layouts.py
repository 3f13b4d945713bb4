"""Layouts of published statistical tables (DfE, ONS, NHS England, MHCLG), each built here small.

Names in a column with no header over it, a header in two blocks, stacked parts of one table,
series codes beside section names, keys merged down, names indented under headings: each test
asserts the exact figures, labels, sections and periods read, and the table's verdict.
"""

from awkward_workbooks import observations, write_xlsx

from memberpack.importers import read_file
from memberpack.model.periods import parse_period


def _tables(path):
    return read_file(path).tables


def test_names_with_no_header_over_them_under_a_three_row_header(tmp_path):
    rows = [
        ["Table LA10: Absence of children looked after1"],
        ["Years: 2012-2014"],
        [],
        [None, None, "2012 (5 terms)3", None, None, "2014 (6 terms)3", None, None],
        [None, None, "Percentage with UPN4", "Percentage of sessions missed due to:", None,
         "Percentage with UPN4", "Percentage of sessions missed due to:", None],
        [None, None, None, "Authorised absence", "Unauthorised absence", None, "Authorised absence",
         "Unauthorised absence"],
        [],
        ["ENGLAND", None, "90-99", 3.4, 1.2, "90-99", 2.9, 1.0],
        [],
        ["NORTH EAST", None, ".", 3.0, 1.1, ".", 2.4, 0.8],
        ["Darlington", None, 100, 2.6, "x", 100, 2.1, 2.7],
        ["Wiltshire", None, "90-99", 3.7, 1.0, 100, 3.5, 0.6],
    ]
    path = write_xlsx(tmp_path / "la10.xlsx", {"LA10": rows}, merges={"LA10": ["C4:E4", "F4:H4", "D5:E5", "G5:H5"]})
    (table,) = _tables(path)
    obs = {o.cell: o for o in table.observations}
    assert table.layout.header_rows == (4, 5, 6) and table.layout.label_column == "A"
    england = obs["C8"]
    assert (england.label, england.value, england.display, england.period) == ("ENGLAND", None, "90-99", "2012")
    assert (obs["D8"].label, obs["D8"].value, obs["D8"].period) == ("ENGLAND", 3.4, "2012")
    assert obs["D8"].measure == "2012 (5 terms) Percentage of sessions missed due to: Authorised absence"
    assert (obs["E11"].label, obs["E11"].status) == ("Darlington", "x")
    last = obs["H12"]
    assert (last.label, last.value, last.period, last.measure) == (
        "Wiltshire", 0.6, "2014", "2014 (6 terms) Percentage of sessions missed due to: Unauthorised absence")
    assert table.report.verdict != "unsure"


def test_a_header_in_two_blocks_parted_by_a_blank_row(tmp_path):
    rows = [
        ["Table LA7: Strengths and difficulties"],
        [],
        [None, 2013, None, None, None, 2014, None, None, None],
        [None, "Number of children", "Banded score", None, None, "Number of children", "Banded score", None, None],
        [],
        [None, None, "Percentage", None, None, None, "Percentage", None, None],
        [None, None, "Normal", "Borderline", "Concern", None, "Normal", "Borderline", "Concern"],
        [],
        ["ENGLAND", 32990, 51, 13, 36, 34770, 50, 13, 37],
        [],
        ["Darlington", 85, 46, "x", 46, 100, 51, "x", 42],
        ["Durham", 300, 49, 14, 37, 310, 52, 12, 36],
    ]
    path = write_xlsx(tmp_path / "la7.xlsx", {"LA7": rows}, merges={"LA7": ["B3:E3", "F3:I3", "C4:E4", "G4:I4"]})
    (table,) = _tables(path)
    obs = {o.cell: o for o in table.observations}
    assert table.layout.header_rows == (3, 4, 6, 7)
    assert (obs["B9"].label, obs["B9"].measure, obs["B9"].value, obs["B9"].period) == (
        "ENGLAND", "2013 Number of children", 32990, "2013")
    assert (obs["H11"].measure, obs["H11"].status, obs["H11"].period) == (
        "2014 Banded score Percentage Borderline", "x", "2014")
    assert (obs["I12"].label, obs["I12"].measure, obs["I12"].value) == (
        "Durham", "2014 Banded score Percentage Concern", 36)


def test_stacked_parts_with_series_codes_beside_their_sections(tmp_path):
    part = lambda heading, total, codes, first: [  # noqa: E731
        [None, heading],
        [None, heading, "Unemployed", "Employment rate (%)"],
        [108, 1, 2, 3],
        [],
        ["All Persons", *codes[0]],
        ["Jan-Mar 1971", first, 980_000, 60.8],
        ["Feb-Apr 1971", first + 1, 998_000, 60.6],
        [],
        ["Female", *codes[1]],
        ["Jan-Mar 1971", first // 2, 469_000, 52.8],
        ["Nov-Jan 1972", first // 2 + 1, 471_000, 52.7],
        [],
        ["Change on year", 54_573, 12, 0.1],
        [], [],
    ]
    rows = ([["A02 Labour Force Survey Summary"]] + part("All aged 16 & over", 1, [["MGSL", "MGSC", "MGSR"],
                                                                                  ["MGSP", "MGSE", "MGSU"]], 40_000_000)
            + part("All aged 16 to 64", 2, [["LF2O", "LF2I", "LF24"], ["LF2P", "LF2J", "LF25"]], 30_000_000))
    first, second = _tables(write_xlsx(tmp_path / "a02.xlsx", {"SA": rows}))
    obs = {o.cell: o for o in [*first.observations, *second.observations]}
    assert first.layout.header_rows == (3,) and first.layout.code_rows == (4,)
    jan = obs["B7"]
    assert (jan.label, jan.section, jan.measure, jan.value, jan.period) == (
        "Jan-Mar 1971", "All Persons", "All aged 16 & over", 40_000_000, "Mar 1971")
    assert (obs["D12"].label, obs["D12"].section, obs["D12"].value, obs["D12"].period) == (
        "Nov-Jan 1972", "Female", 52.7, "Jan 1972")
    assert (obs["C22"].section, obs["C22"].measure, obs["C22"].value) == (
        "All aged 16 to 64 / All Persons", "Unemployed", 980_000)
    change = obs["B29"]
    assert (change.label, change.section, change.measure, change.value) == (
        "Change on year", "All aged 16 to 64 / Female", "All aged 16 to 64", 54_573)
    assert {o.measure for o in second.observations} == {"All aged 16 to 64", "Unemployed", "Employment rate (%)"}
    assert first.report.verdict != "unsure" and second.report.verdict != "unsure"


def test_a_period_alone_under_a_heading_stays_within_it(tmp_path):
    rows = [["Service", "Spend"], ["Children", None], ["2021-22", None], ["Fostering", 10], ["Adults", None],
            ["Home care", 20]]
    obs = observations(write_xlsx(tmp_path / "periods.xlsx", {"S": rows}))
    assert (obs[("S", "B4")].section, obs[("S", "B4")].value) == ("Children / 2021-22", 10)
    assert obs[("S", "B6")].section == "Adults"


def test_a_year_merged_down_its_months_keys_every_row(tmp_path):
    rows = [
        ["Title:", "Referral to Treatment (RTT) Waiting Times, England"],
        [],
        ["Year", "Month", "Incomplete RTT pathways", None, "Admitted RTT pathways"],
        [None, None, "Median wait (weeks)", "% within 18 weeks", "No. within 18 weeks"],
        ["2007/08", "Apr 2007", "-", "-", 94658],
        [None, "May 2007", 14.3, 0.572, 114950],
        [None, "Jun 2007", 14.1, 0.575, 121336],
        ["2008/09", "Apr 2008", 9.0, 0.8, 125000],
        [None, "May 2008", 8.8, 0.81, "-"],
    ]
    path = write_xlsx(tmp_path / "rtt.xlsx", {"RTT": rows}, merges={"RTT": ["A5:A7", "A8:A9"]},
                      formats={"RTT": {f"D{r}": "0.0%" for r in range(5, 10)}})
    obs = observations(path)
    may = obs[("RTT", "D6")]   # the year from the cell merged over its months, the month as the label
    assert (may.label, may.period, round(may.value, 1), may.unit) == ("May 2007", "2007/08", 57.2, "percent")
    assert may.measure == "Incomplete RTT pathways % within 18 weeks"
    assert obs[("RTT", "C7")].measure == "Incomplete RTT pathways Median wait (weeks)"
    last = obs[("RTT", "E9")]
    assert (last.label, last.period, last.status, last.measure) == (
        "May 2008", "2008/09", "-", "Admitted RTT pathways No. within 18 weeks")
    assert obs[("RTT", "E6")].measure == "Admitted RTT pathways No. within 18 weeks"


def test_names_indented_under_headings_in_the_next_column(tmp_path):
    rows = [
        ["Table 1: Key stage 1 by gender"],
        [],
        [None, None, "Boys", None, "Girls", None],
        [None, None, 2014, 2015, 2014, 2015],
        [],
        ["Looked after children"],
        ["Number eligible2", None, 960, 1060, 800, 840],
        ["Percentage achieving:"],
        [None, "Reading", 66, 67, 77, 77],
        [None, "Writing", 54, 57, 70, 72],
        ["Non-looked after children"],
        ["Number eligible2", None, 315120, 327880, 300020, 313170],
        ["Percentage achieving:"],
        [None, "Reading", 87, 88, 93, 93],
        [None, "Mathematics", 91, 91, 94, 94],
    ]
    path = write_xlsx(tmp_path / "t1.xlsx", {"T1": rows}, merges={"T1": ["C3:D3", "E3:F3"]})
    (table,) = _tables(path)
    obs = {o.cell: o for o in table.observations}
    assert table.layout.indent_columns == ("B",)
    assert (obs["C7"].label, obs["C7"].section, obs["C7"].measure, obs["C7"].period) == (
        "Number eligible", "Looked after children", "Boys 2014", "2014")
    reading = obs["F9"]
    assert (reading.label, reading.section, reading.measure, reading.value, reading.period) == (
        "Reading", "Looked after children / Percentage achieving:", "Girls 2015", 77, "2015")
    maths = obs["F15"]
    assert (maths.label, maths.section, maths.value) == (
        "Mathematics", "Non-looked after children / Percentage achieving:", 94)
    assert not [s for s in table.report.skipped if "no row label" in s.reason]


def test_a_titled_sub_table_with_its_own_header_over_the_figures_is_a_table_of_its_own(tmp_path):
    rows = [
        ["Financial reserves levels"],
        [None, None, "At 1 April 2017", "At 31 March 2018"],
        [],
        [None, None, "£ 000", "£ 000"],
        [911, "Schools reserves level", 1835.5, 1659.1],
        [916, "Unallocated reserves level", 4177.9, 4282.9],
        [],
        ["Capital items"],
        [None, None, "£ 000"],
        [931, "Depreciation", 5131.7],
        [936, "RECS", 2578.8],
    ]
    first, second = _tables(write_xlsx(tmp_path / "rs.xlsx", {"RS": rows}))
    one, two = ({o.cell: o for o in t.observations} for t in (first, second))
    assert (one["D6"].label, one["D6"].measure, one["D6"].value, one["D6"].period) == (
        "Unallocated reserves level", "At 31 March 2018", 4_282_900, "Mar 2018")
    assert (two["C10"].label, two["C10"].value, two["C10"].unit) == ("Depreciation", 5_131_700, "GBP")
    assert "At 1 April" not in two["C10"].measure and two["C10"].period != "Apr 2017"


def test_a_group_header_not_merged_spans_its_leaves_only(tmp_path):
    rows = [["Year", "Incomplete pathways", None, None, "New periods", None],
            [None, "Median", "92nd percentile", None, "Number", "Estimated"],
            ["2021/22", 12.5, 44.1, None, 1602408, 1623110]]
    path = write_xlsx(tmp_path / "groups.xlsx", {"S": rows}, merges={"S": ["E1:F1", "A1:A2"]})
    obs = observations(path)
    assert obs[("S", "C3")].measure == "Incomplete pathways 92nd percentile"
    assert obs[("S", "F3")].measure == "New periods Estimated"
    assert ("S", "D3") not in obs   # a blank column between groups is under neither: no measure at all


def test_three_months_are_dated_by_the_last():
    assert parse_period("Jan-Mar 1971").label() == "Mar 1971"
    assert parse_period("Nov-Jan 1984").label() == "Jan 1984"
    assert parse_period("Jan 2020").label() == "Jan 2020"


def test_figures_under_no_header_make_the_table_unsure(tmp_path):
    rows = [["Service", "Budget £k", None, None], ["Fieldwork", 10, 68, None], ["Fostering", 20, 69, None]]
    (table,) = _tables(write_xlsx(tmp_path / "unnamed.xlsx", {"S": rows}))
    obs = {o.cell: o for o in table.observations}
    assert (obs["B3"].value, obs["C3"].value, obs["C3"].measure) == (20_000, 69, "Column C")
    assert table.report.verdict == "unsure"
    assert table.report.doubts == ["column C holds figures under no header: what they measure is not stated (give the "
                                   "header rows with --header-rows, or leave the column out in the import wizard)"]


def test_a_long_numbered_title_names_the_table_and_is_not_a_note(tmp_path):
    title = "Table 1: Key stage 1 eligibility and performance of children who have been looked after continuously " \
            "for at least twelve months, by gender"
    rows = [[title], ["Coverage: England"], [], ["Pupils", "2015"], ["Reading", 67], ["Writing", 57]]
    (table,) = _tables(write_xlsx(tmp_path / "title.xlsx", {"S": rows}))
    assert table.title == f"{title} Coverage: England"
    assert [(o.label, o.value, o.period) for o in table.observations] == [("Reading", 67, "2015"), ("Writing", 57, "2015")]


def test_a_line_stating_a_percentage_in_a_money_form_is_a_percentage(tmp_path):
    """A council tax requirement return: its columns in £, but one line a collection rate (%)."""
    rows = [
        ["Council tax requirement return"],
        ["Line", "2014-15", "2015-16"],
        [None, "£", "£"],
        ["1. Council tax requirement", 23964299659.97, 24733966901.07],
        ["6. Estimated collection rate (%)", 97.8, 97.9],
        ["10. Average Band D council tax", 1467.98, 1483.58],
    ]
    obs = observations(write_xlsx(tmp_path / "ctr.xlsx", {"Billing Authorities": rows}))
    rate, band_d = obs[("Billing Authorities", "C5")], obs[("Billing Authorities", "C6")]
    assert (rate.value, rate.unit, rate.period) == (97.9, "percent", "2015/16")
    assert (band_d.value, band_d.unit) == (1483.58, "GBP")
