"""Awkward headers from ONS and council files: a scale stated far from the table, footnote letters
stuck to words, percentile numbers as names, Excel's default column names beside a column of £
signs, a breakdown column after a tidy file's value, and a period given as a span of years."""

import pytest
from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.units import find_unit


def _tables(path):
    return read_file(path).tables


def test_thousands_beside_the_title_scales_counts_and_years_repeat_under_each_group(tmp_path):
    rows = [
        ["TABLE 6A: INTERNET USERS, 2019 TO 2020"],
        ["Persons aged 16 years and over", None, None, None, None, None, "Thousands"],
        [None, None, "Used recently", None, None, "Never used"],
        ["Code", None, 2019, 2020, None, 2019, 2020],
        [],
        ["UKC11", "Hartlepool", 184, 198, None, 36, 28],
        ["UKC12", "South Teesside", 192, 181, None, 30, 38],
        ["UKC13", "Darlington", 90, 95, None, 10, 12],
    ]
    (table,) = [t for t in _tables(write_xlsx(tmp_path / "users.xlsx", {"6a": rows})) if t.observations]
    obs = {o.cell: o for o in table.observations}
    assert (obs["D7"].label, obs["D7"].value, obs["D7"].measure, obs["D7"].period) == (
        "South Teesside", 181_000, "Used recently 2020", "2020")
    assert (obs["F6"].value, obs["F6"].measure, obs["F6"].period) == (36_000, "Never used 2019", "2019")
    assert "Thousands" in table.report.unit_reason and table.report.verdict != "unsure"


def test_a_confidence_level_in_the_title_is_not_the_unit_of_the_figures(tmp_path):
    rows = [
        ["TABLE 10A: INTERNET USERS: 95% CONFIDENCE INTERVALS, BY ETHNIC GROUP, UK, 2020"],
        [],
        ["Persons aged 16 years and over", None, None, None, "Thousands"],
        [None, "Used in the last 3 months", None, None],
        [None, "Lower limit", "Survey estimate", "Upper limit"],
        [],
        ["White", 42947, 43090, 43233],
        ["Indian", 1169, 1187, 1204],
        ["Chinese", 262, 269, 276],
    ]
    (table,) = [t for t in _tables(write_xlsx(tmp_path / "ci.xlsx", {"10a": rows})) if t.observations]
    obs = {o.cell: o for o in table.observations}
    assert (obs["B7"].label, obs["B7"].value, obs["B7"].unit) == ("White", 42_947_000, "number")
    assert "Thousands" in table.report.unit_reason


@pytest.mark.parametrize("title", ["Rates with 95% confidence intervals", "95% CI", "90 per cent confidence limits"])
def test_a_confidence_level_names_no_unit(title):
    assert find_unit(title) is None


def test_footnote_letters_stuck_to_words_and_percentile_numbers(tmp_path):
    rows = [
        ["Table 9.9a Paid hours - For all employee jobsa: United Kingdom, 2014"],
        [],
        [None, None, "Number", "Median", "Annual"],
        [None, None, "of jobsb", None, "Percentiles"],
        ["Description", "Code", "(thousand)", None, 10, 20],
        ["United Kingdom", None, 25010, 37, 15, 23.3],
        ["England", "E92000001", 20000, 37.5, 15.5, 24],
        ["Wales", "W92000004", 1200, 36, "x", 22],
    ]
    (table,) = _tables(write_xlsx(tmp_path / "ashe.xlsx", {"All": rows}))
    obs = {o.cell: o for o in table.observations}
    assert (obs["C6"].label, obs["C6"].measure, obs["C6"].value) == ("United Kingdom", "Number of jobs (thousand)", 25_010_000)
    assert (obs["E8"].measure, obs["E8"].value, obs["E8"].status) == ("Annual Percentiles 10", None, "x")
    assert (obs["F7"].measure, obs["F7"].value) == ("Annual Percentiles 20", 24)
    assert table.report.footnotes.get("of jobs") == "b"


def test_excel_default_column_name_takes_the_header_of_the_pound_sign_column(tmp_path):
    rows = [
        ["Date Grant Awarded", "Time Period", "Beneficiary", "Purpose", "Amount", "Column2"],
        ["13-Dec-16", "2016/17", "Friends of Hill Hook", "Ecologist costs", "£", "3,000.00"],
        ["13-Dec-16", "2016/17", "Carers United", "Toolkit", "£", 500],
        ["14-Dec-16", "2016/17", "Sea Scouts", "Marquee", "£", "2,350.05"],
    ]
    (table,) = _tables(write_xlsx(tmp_path / "grants.xlsx", {"Grants": rows}))
    obs = [o for o in table.observations]
    assert [(o.cell, o.label, o.measure, o.value, o.unit) for o in obs] == [
        ("F2", "Friends of Hill Hook", "Amount", 3000, "GBP"), ("F3", "Carers United", "Amount", 500, "GBP"),
        ("F4", "Sea Scouts", "Amount", 2350.05, "GBP")]


def test_breakdown_after_the_value_is_a_key_and_a_span_of_years_is_the_period(tmp_path):
    path = tmp_path / "obese.csv"
    path.write_text(
        "area_code,area_name,area_type,period,indicator,value,compared,inequality\n"
        "E92000001,England,Country,2018/19 - 22/23,Obesity,12.6,Worse,Most deprived quintile\n"
        "E92000001,England,Country,2018/19 - 22/23,Obesity,9.1,Better,Average deprived quintile\n"
        "E08000009,Trafford,County,2018/19 - 22/23,Obesity,7.5,Better,NA\n"
        "E05000819,Altrincham,Ward,2018/19 - 22/23,Obesity,6.0,Better,NA\n")
    (table,) = _tables(path)
    obs = {o.cell: o for o in table.observations}
    assert (obs["F2"].label, obs["F2"].value, "Most deprived quintile" in (obs["F2"].section or "")) == ("England", 12.6, True)
    assert "Average deprived quintile" in obs["F3"].section
    assert "quintile" not in (obs["F4"].section or "") and obs["F4"].label == "Trafford"
    assert {obs[c].period for c in ("F2", "F3", "F4", "F5")} == {"2018/19 to 2022/23"}   # five years combined
    assert table.report.period_reason.startswith("column D (period)") and not table.report.doubts


def test_a_class_code_under_a_repeated_header_is_kept(tmp_path):
    header = ["E-code", "ONS Code", "Local authority", "Class", "Education - Employees", "Education - Total"]
    rows = [
        header,
        ["E1702", "E06000045", "Southampton UA", "UA", "135,414", "235,119"],
        ["E5019", "E09000028", "Southwark", "LB", "146,639", "272,847"],
        ["E4303", "E08000013", "St Helens MBC", "MD", "102,936", "176,584"],
        ["E3421", "E10000028", "Staffordshire CC", "SC", "194,863", "427,623"],
        ["E4207", "E08000007", "Stockport MBC", "MD", "176,727", "322,132"],
        ["E0704", "E06000004", "Stockton-on-Tees UA", "UA", "50,596", "120,861"],
        ["E3401", "E06000021", "Stoke-on-Trent UA", "UA", "42,310", "164,880"],
        ["E4208", "E08000008", "Tameside", "MD", "101,771", "199,133"],
        [],
        header,
        ["[Y]", "E06", "Unitary Authorities", "UA", "5,239,331", "11,364,085"],
        ["[Y]", "E50", "Waste Authorities", "O", 0, 0],
    ]
    obs = {o.cell: o for t in read_file(write_xlsx(tmp_path / "rsx.xlsx", {"RSX": rows})).tables for o in t.observations}
    assert obs["E2"].area == "la||E06000045|"
    assert (obs["E12"].label, obs["E12"].value, "E06" in obs["E12"].section) == ("Unitary Authorities", 5_239_331, True)
    assert (obs["F13"].label, obs["F13"].value, "E50" in obs["F13"].section) == ("Waste Authorities", 0, True)


def test_a_second_header_run_on_inside_a_table_makes_it_unsure(tmp_path):
    rows = [
        [None, 2017, None, 2018, 2018],
        [None, "Budget", None, "Expenditure", "Budget"],
        [None, "(145,000)", "Economic Development", "(4,022)", "(132,000)"],
        [None, "(20,000)", "Cultural and Heritage", "(94,886)", "(190,000)"],
        [None, "(60,000)", "Environmental Services", "(10,598)", "(129,933)"],
        [None, "Expenditure", None, "Gross", "Income"],
        [None, "(3,000)", "Economic Development", "(4,022)", "-"],
    ]
    (table,) = read_file(write_xlsx(tmp_path / "accounts.xlsx", {"Page 1": rows})).tables
    obs = {o.cell: o for o in table.observations}
    assert (obs["D3"].label, obs["D3"].value) == ("Economic Development", -4022)
    assert table.report.verdict == "unsure"
    assert any("row 6 looks like another header" in d for d in table.report.doubts)
