"""What a third batch of published files nobody here had seen taught (tests/corpus, the last 13 files): a
unit stated above the first of two stacked tables, years in order under "end-Mar", a title with its scale
far right starting the next table, Excel's dd-mmm-yy dates with note marks, and tidy files that put the
scale in the column name."""

import csv
from datetime import datetime

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.periods import parse_period


def _by_cell(table) -> dict:
    return {o.cell: o for o in table.observations}


def test_a_table_stacked_under_another_takes_the_unit_stated_above_both(tmp_path):
    """MHCLG borrowing: '£ thousand' in A3 over a UK summary, then the LA table with the same columns."""
    loans = ["Loans - Banks", "Loans - Public corporations", "Loans - PWLB"]
    rows = [["Outstanding borrowing by local authority, as at 30 September 2019"], [],
            ["All figures reported in £ thousand"],
            ["Code", "Local authority name", "", *loans],
            ["UK", "United Kingdom", "", 16886, 79884, 82538362],
            ["ENG", "England", "", 15271, 44095, 67336340], [], [],
            ["Code", "Local authority name", "Category", *loans, "Country"],
            *[[f"E{3831 + i}", f"Authority {i}", "", 10 * i, 0, 1000 + i, "ENG"] for i in range(6)]]
    upper, lower = read_file(write_xlsx(tmp_path / "borrowing.xlsx", {"LA Borrowing 19-20 Q2": rows})).tables
    assert _by_cell(upper)["F6"].value == 67_336_340_000
    pwlb = _by_cell(lower)["F12"]
    assert (pwlb.label, pwlb.measure, pwlb.value, pwlb.unit) == ("Authority 2", "Loans - PWLB", 1_002_000, "GBP")
    assert "the table above" in lower.report.unit_reason and "£ thousand" in lower.report.unit_reason


def test_a_table_under_another_with_other_columns_takes_no_unit_from_it(tmp_path):
    rows = [["Spending"], ["All figures reported in £ thousand"],
            ["Name", "Budget", "Forecast", "Variance"], *[[f"Service {i}", 10, 11, 1] for i in range(4)], [], [],
            ["Name", "Pupils", "Schools", "Teachers"], *[[f"Area {i}", 100 + i, 3, 7] for i in range(4)]]
    _, lower = read_file(write_xlsx(tmp_path / "two.xlsx", {"Sheet1": rows})).tables
    assert _by_cell(lower)["B12"].value == 101 and _by_cell(lower)["B12"].unit != "GBP"


def _summary() -> list[list]:
    """MHCLG annual summary: 'end-Mar' over a row of years (2019 twice: end-Mar and end-Sep), a scale far
    right of each title, and a second table (Investments) stacked under the first with the same header."""
    def block(title, names, base):
        return [[title, "", "", "", "", "£ million"],
                ["", "end-Mar", "end-Mar", "end-Mar", "end-Mar", "end-Sep"],
                ["", 2016.0, 2017.0, 2018.0, 2019.0, "2019"],
                *[[name, base + i, base + i + 1, base + i + 2, base + i + 3, base + i + 4.5] for i, name in enumerate(names)]]
    return [["Outstanding local authority borrowing and investments, end March 2016-2019 and end September 2019"],
            *block("Borrowing", ["Banks", "Building societies", "Other financial intermediaries", "Total"], 10),
            *block("Investments", ["Deposits: banks", "Treasury bills", "Other financial intermediaries",
                                   "Total investments"], 50)]


def test_years_in_order_under_end_of_month_words_head_each_of_two_stacked_tables(tmp_path):
    borrowing, investments = read_file(write_xlsx(tmp_path / "summary.xlsx", {"UK Annual Table": _summary()})).tables
    assert borrowing.report.header_rows == [3, 4] and investments.report.header_rows == [10, 11]
    banks = _by_cell(borrowing)["B5"]
    assert (banks.label, banks.measure, banks.period, banks.value, banks.unit) == (
        "Banks", "end-Mar 2016", "Mar 2016", 10_000_000, "GBP")
    assert _by_cell(borrowing)["F5"].period == "Sep 2019"
    other = _by_cell(investments)["E14"]   # the same name as a borrowing line, in the second table
    assert (other.label, other.period, other.value) == ("Other financial intermediaries", "Mar 2019", 55_000_000)
    assert "Investments" in (other.section or "") or investments.report.title == "Investments"
    assert _by_cell(borrowing)["E8"].value == 16_000_000   # the borrowing table ends above "Investments"
    assert "E15" not in _by_cell(borrowing)


def test_a_date_written_dd_mmm_yy_with_a_note_mark_dates_its_row(tmp_path):
    """Ofsted time series: dates as row keys, one written as text with a note ('31-Mar-12 [Note 1]')."""
    dates = [datetime(2023 - i, 3, 31) for i in range(4)] + ["31-Mar-12 [Note 1]"]
    rows = [["Table 6a: National number of providers, by provision type as at 31 March 2023"],
            ["Date", "Data type", "All Children's Homes", "Secure Children's Homes", "Boarding Schools"],
            *[[d, "Providers", 3000 - 100 * i, 13, 59 + i] for i, d in enumerate(dates)]]
    (table,) = read_file(write_xlsx(tmp_path / "providers.xlsx", {"Providers_time_series": rows})).tables
    old = _by_cell(table)["C7"]
    assert (old.period, old.value, old.measure) == ("Mar 2012", 2600, "All Children's Homes")
    assert _by_cell(table)["C3"].period == "Mar 2023"


def test_excel_day_month_year_dates_are_periods():
    assert str(parse_period("31-Mar-12")) == "Mar 2012"
    assert str(parse_period("Mar-2019")) == "Mar 2019"
    assert str(parse_period("Mar-Apr")) == "Apr"   # a range of months, not a year


def _reserves_csv(path):
    rows = [["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "school_phase",
             "number_schools", "PC_schools_with_surplus", "total_revenue_balance_million", "B01_million",
             "average_revenue_balance"],
            ["201516", "Financial year", "National", "E92000001", "England", "All LA maintained schools", "16774",
             "93.1", "2086.82", "1035.15", "124415"],
            ["201617", "Financial year", "National", "E92000001", "England", "Nursery", "402", "81.6", "29.21",
             "10.45", "72672"]]
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def test_a_tidy_column_named_in_millions_holds_pounds_millions(tmp_path):
    (table,) = read_file(_reserves_csv(tmp_path / "la_maintained_schools_revenue_reserve.csv")).tables
    obs = {(o.measure, o.period): o for o in table.observations}
    balance = obs[("Total revenue balance (total_revenue_balance_million)", "2015/16")]
    assert (balance.label, balance.value, balance.unit) == ("England", 2_086_820_000, "GBP")
    code = obs[("B01 (b01_million)", "2016/17")]   # no money word, but the file's other £ millions column says money
    assert (code.value, code.unit) == (10_450_000, "GBP")
    assert (obs[("Percentage of schools with surplus (pc_schools_with_surplus)", "2015/16")].unit,
            obs[("Number schools", "2015/16")].value) == (
        "percent", 16774)


def test_a_year_written_once_over_its_months_dates_each_month_and_a_scale_word_far_right_scales(tmp_path):
    """ONS travel: the table number beside the title, 'thousands' alone far right of row 2, four header rows,
    the year in column A only beside each January."""
    months = ["Jan", "Feb", "Mar", "Apr"]
    body = [[year if m == "Jan" else "", m, 2000 + 10 * i + j, "", 2100 + i, "", 150 + j]
            for i, year in enumerate([2012, 2013]) for j, m in enumerate(months)]
    rows = [[1, "Overseas residents' visits to the UK by month"],
            ["", "", "", "", "", "", "", "", "thousands"],
            ["", "", "All Visits", "", "", "", "Area of residence"],
            ["", "", "", "", "", "", "North America"],
            ["", "", "NSA", "", "SA", "", "NSA"], *body]
    (table,) = read_file(write_xlsx(tmp_path / "ott.xlsx", {"Table 1": rows})).tables
    feb_2013 = _by_cell(table)["C11"]
    assert (feb_2013.label, feb_2013.period, feb_2013.value) == ("Feb", "2013", 2_011_000)
    assert _by_cell(table)["G7"].period == "2012" and _by_cell(table)["G7"].value == 151_000
    assert table.report.verdict != "unsure" and "thousands" in table.report.unit_reason


def test_a_country_column_beside_the_names_is_a_key(tmp_path):
    """BBC FOI survey: name, type and country, then the answers; the country tells Scottish rows apart."""
    rows = [["", "", "", "2021-22 financial year"],
            ["Upper tier LA", "Type", "Country", "Median wait (days)", "Longest wait (days)"],
            *[[f"Council {i}", ["County", "Unitary", "Council Area"][i % 3], ["England", "Wales", "Scotland"][i % 3],
               10 + i, 100 + i] for i in range(9)]]
    (table,) = read_file(write_xlsx(tmp_path / "foi.xlsx", {"Wait times": rows})).tables
    wait = _by_cell(table)["D5"]
    assert (wait.label, wait.value, wait.unit) == ("Council 2", 12, "days")
    assert "Scotland" in wait.section and "Council Area" in wait.section
    assert not any(o.measure == "Country" for o in table.observations)


def test_a_transaction_the_first_rows_share_is_kept_on_every_row(tmp_path):
    """Tameside spending: one invoice run on the first 50 lines, then others: a key, not the table's context."""
    run = [["460285", f"Supplier {i}", "Adult Services", f"{500 + i:,.2f} "] for i in range(50)]
    later = [[str(3250470 + i), f"Supplier {50 + i}", "Public Health", f"{900 + i:,.2f} "] for i in range(5)]
    path = tmp_path / "tameside_spend.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["Inv Transaction", "Supplier Name", "Headserv Name", "Sum of Inv Amount"], *run,
                                 *later])
    (table,) = read_file(path).tables
    first, last = _by_cell(table)["D2"], _by_cell(table)["D56"]
    assert (first.label, first.value) == ("Supplier 0", 500) and "460285" in first.section
    assert (last.label, last.value) == ("Supplier 54", 904) and "3250474" in last.section
    assert "460285" not in str(table.report.context)


def test_numbered_bands_with_an_open_band_are_the_rows_keys(tmp_path):
    """SFR35 exclusions by duration: 'Total', 1, 2 ... '5 or more' name the band of each row."""
    bands = ["Total", 1, 2, 3, 4, "5 or more"]
    rows = [["Year", "country_name", "school_type", "duration_days", "fixed_excl"],
            *[[year, "England", school, band, 1000 * (y + 1) + 10 * s + b] for y, year in enumerate([201415, 201516])
              for s, school in enumerate(["State-funded primary", "Special school"]) for b, band in enumerate(bands)]]
    path = tmp_path / "duration.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    (table,) = read_file(path).tables
    assert table.report.header_rows == [1]   # the first row of words is data: its values recur below
    assert [o.measure for o in table.observations] == ["fixed_excl"] * 24
    keyed = {(o.period, frozenset({o.label, *(o.section or "").split(" / ")}) - {""}): o.value
             for o in table.observations}
    assert keyed[("2015/16", frozenset({"Special school", "5 or more"}))] == 2015
    assert keyed[("2014/15", frozenset({"State-funded primary", "2"}))] == 1002


def test_a_tidy_sheet_names_each_row_by_its_most_specific_area_even_with_englands_rows_first(tmp_path):
    """DfE KS4 by characteristic, EES tidy data saved as .xlsx: 45 national rows first (region and LA blank),
    then a region and its LAs, then England again at the foot; filter columns mostly 'Total'."""
    header = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code",
              "region_name", "new_la_code", "la_name", "breakdown", "sen_status", "t_pupils"]
    eng = [201819, "Academic year", "National", "E92000001", "England", "", "", "", ""]
    national = [[*eng, "SEN status", f"Group {i}", 1000 + i] for i in range(45)]
    region = [[201819, "Academic year", "Regional", "E92000001", "England", "E12000009", "South West", "", "",
               "Total", "Total", 500]]
    las = [[201819, "Academic year", "Local authority", "E92000001", "England", "E12000009", "South West",
            f"E0600005{i}", f"Authority {i}", "Total", "Total", 10 + i] for i in range(3)]
    foot = [[*eng, "Total", "Total", 99999]]
    (table,) = read_file(write_xlsx(tmp_path / "ks4_la_characteristics.xlsx",
                                    {"Sheet1": [header, *national, *region, *las, *foot]})).tables
    rows = {o.cell: o for o in table.observations if o.measure == "t_pupils"}
    assert (rows["L2"].label, rows["L2"].value) == ("England", 1000) and "Group 0" in rows["L2"].section
    assert (rows["L47"].label, rows["L47"].value) == ("South West", 500)
    la = rows["L49"]
    assert (la.label, la.value) == ("Authority 1", 11) and "E06000051" in (la.area or "") + (la.section or "")
    assert (rows["L51"].label, rows["L51"].value) == ("England", 99999)
    assert "South West" not in (rows["L51"].section or "")   # a blank area name is none, not the one above


def test_a_row_named_as_a_percentage_holds_percentages(tmp_path):
    """SFR35 review panels: one Count column, its unit said by each row's indicator."""
    rows = [["Year", "Measure", "School_type", "Indicator", "Count"],
            *[[year, "Exclusion reviews", "All schools", name, value] for year in ("2014/15", "2015/16")
              for name, value in (("Number of reviews lodged", 460), ("Number of reviews determined", 420),
                                  ("Percentage of reviews determined", 91.3))]]
    path = tmp_path / "review_panels.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    (table,) = read_file(path).tables
    share = _by_cell(table)["E4"]
    assert (share.label, share.value, share.unit, share.period) == ("Percentage of reviews determined", 91.3, "percent",
                                                                    "2014/15")
    assert _by_cell(table)["E2"].unit != "percent" and _by_cell(table)["E2"].value == 460


def test_a_tidy_sheets_pt_column_holds_percentages(tmp_path):
    header = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_name",
              "la_name", "t_pupils", "pt_entbasics"]
    rows = [[201819, "Academic year", "Local authority", "E92000001", "England", "South West", f"Authority {i}",
             100 + i, 60.5 + i] for i in range(5)]
    (table,) = read_file(write_xlsx(tmp_path / "ks4.xlsx", {"Sheet1": [header, *rows]})).tables
    share = _by_cell(table)["I3"]
    assert (share.label, share.value, share.unit) == ("Authority 1", 61.5, "percent")


def test_a_note_line_between_a_group_row_and_its_band_letters_is_passed_over(tmp_path):
    """Council tax base: column numbers, a group per form line, a '*' note line, then the band letters."""
    bands = ["A", "B", "C", "Total", "A", "B", "C", "Total"]
    rows = [["CTB*", "", "Source:- CTB (2011)", *range(5, 13)],
            ["", "", "", "Total number of dwellings on the Valuation List", "", "", "",
             "Number of dwellings exempt", "", "", ""],
            ["*for supplementary data see table"],
            [" below", "", "", *bands],
            ["", "Class", ""],
            *[[f"E{3831 + i}", "SD", f"Authority {i}", 10 + i, 20, 30, 60 + i, 1, 2, 3, 6] for i in range(8)]]
    (table,) = read_file(write_xlsx(tmp_path / "ctb.xlsx", {"Data": rows})).tables
    total = _by_cell(table)["G7"]
    assert (total.label, total.value) == ("Authority 1", 61)
    assert total.measure.startswith("Total number of dwellings on the Valuation List") and total.measure.endswith("Total")
    assert _by_cell(table)["H7"].measure.startswith("Number of dwellings exempt")
