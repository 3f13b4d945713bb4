"""Finding tables: titles, header rows, units rows, label columns, sections and totals, one rule each."""

import pytest

from awkward_workbooks import observations, write_xlsx
from memberpack.importers import read_file
from memberpack.model.observation import BREAKDOWN, BUDGET_MONITOR, GENERAL, KPI_SCORECARD, TIME_SERIES

M = 1_000_000


def _one(obs, sheet, cell):
    found = obs[(sheet, cell)]
    return found.label, found.section, found.measure, found.value, found.unit, found.period, found.row_role


def test_two_level_merged_headers_join_into_the_measure(tmp_path):
    rows = [["CHILDREN & YOUNG PEOPLE", "REVISED BUDGET", None, "FORECAST", None],
            [None, "Expenditure £", "Net £", "Expenditure £", "Net £"],
            ["Children Looked After", 10_655_546, 10_364_960, 11_513_919, 11_060_667]]
    path = write_xlsx(tmp_path / "wide.xlsx", {"Appendix 1": rows}, merges={"Appendix 1": ["B1:C1", "D1:E1"]})
    obs = observations(path)
    assert _one(obs, "Appendix 1", "E3")[2:5] == ("FORECAST Net £", 11_060_667, "GBP")
    assert obs[("Appendix 1", "B3")].measure == "REVISED BUDGET Expenditure £"
    (table,) = read_file(path).tables
    assert table.report.header_rows == [1, 2]


def test_units_row_under_the_header(tmp_path):
    rows = [["Service Area", "Current Budget", "Full Year Projection"], [None, "£m", "£m"], ["Fieldwork", 9.1, 9.8]]
    obs = observations(write_xlsx(tmp_path / "u.xlsx", {"M6": rows}))
    assert _one(obs, "M6", "B3")[2:5] == ("Current Budget", 9.1 * M, "GBP")
    (table,) = read_file(tmp_path / "u.xlsx").tables
    assert table.report.units_row == 2 and table.report.unit == "£m"


def test_thousands_in_the_header_with_brackets_and_separators_as_text(tmp_path):
    rows = [[None, "P9 Variance £k", "Covid- related £k"], ["Staffing", "(479)", 0], ["Total", "1,179", 909]]
    obs = observations(write_xlsx(tmp_path / "k.xlsx", {"P9": rows}))
    assert obs[("P9", "B2")].value == -479_000 and obs[("P9", "B2")].display == "(479)"
    assert obs[("P9", "B3")].value == 1_179_000 and obs[("P9", "C3")].value == 909_000


def test_title_rows_give_the_year_and_headers_the_month(tmp_path):
    rows = [["23/24 Budget Monitoring Report"], ["Forecast outturn as at the end of September"], [],
            ["Service Area", "Current Budget £m", "Month 6 Variance £m"], ["External Placements", 38.4, 10.4]]
    obs = observations(write_xlsx(tmp_path / "t.xlsx", {"Summary": rows}))
    assert obs[("Summary", "C5")].period == "2023/24 Month 6"
    assert obs[("Summary", "B5")].period == "2023/24"
    (table,) = read_file(tmp_path / "t.xlsx").tables
    assert table.title == "23/24 Budget Monitoring Report Forecast outturn as at the end of September"


def test_two_tables_on_one_sheet_each_with_its_title(tmp_path):
    rows = [["Suspensions"], ["Data Set", "Sep", "Oct"], ["Fixed Period Exclusions 2020 - 2021", 503, 677], [], [],
            ["Exclusions"], ["Data Set", "Sep", "Oct"], ["Permanent Exclusions 2021 - 2022", 9, 8]]
    path = write_xlsx(tmp_path / "two.xlsx", {"Learners": rows})
    tables = read_file(path).tables
    assert [(t.title, t.report.cell_range) for t in tables] == [("Suspensions", "A2:C3"), ("Exclusions", "A7:C8")]
    obs = observations(path)
    assert (obs[("Learners", "C3")].value, obs[("Learners", "C3")].period) == (677, "Oct 2020")
    assert (obs[("Learners", "B8")].value, obs[("Learners", "B8")].period) == (9, "Sep 2021")


def test_academic_year_rows_place_january_in_the_second_year(tmp_path):
    rows = [["Data Set", "Sep", "Dec", "Jan"], ["Fixed Period Exclusions 2022 - 2023", 667, 638, 451]]
    obs = observations(write_xlsx(tmp_path / "a.xlsx", {"S": rows}))
    assert [obs[("S", c)].period for c in ("B2", "C2", "D2")] == ["Sep 2022", "Dec 2022", "Jan 2023"]


def test_section_headings_sub_totals_and_grand_total(tmp_path):
    rows = [["Service Area", "Budget £m", "Projection £m", "Variance £m"],
            ["Children & Families"], ["Fieldwork", 9.1, 9.8, 0.7], ["Disabilities", 6.8, 6.3, "(0.5)"],
            ["Children & Families sub total", 15.9, 16.1, 0.2],
            ["Inclusion"], ["SEND Transport", 1.0, 2.0, 1.0], ["Inclusion sub total", 1.0, 2.0, 1.0],
            ["Children's Services Total", 16.9, 18.1, 1.2]]
    obs = observations(write_xlsx(tmp_path / "s.xlsx", {"BM": rows}))
    assert _one(obs, "BM", "D4")[:2] == ("Disabilities", "Children & Families")
    assert obs[("BM", "D4")].value == -0.5 * M
    assert (obs[("BM", "B5")].row_role, obs[("BM", "B5")].section) == ("subtotal", "Children & Families")
    assert (obs[("BM", "B7")].section, obs[("BM", "B8")].row_role) == ("Inclusion", "subtotal")
    assert (obs[("BM", "D9")].row_role, obs[("BM", "D9")].section) == ("total", None)
    assert not any(o.label in ("Children & Families", "Inclusion") for o in obs.values())


def test_subtotals_after_their_rows_with_no_heading_are_found_by_arithmetic(tmp_path):
    rows = [["Service", "Expenditure £", "Income £"],
            ["Adoption", 1_862_762, -10_000], ["Care Leavers", 2_000_000, -248_792],
            ["Support and Safeguarding", 3_862_762, -258_792],
            ["Music Service", 990_209, -990_209], ["Strategy", 100, 0], ["Learning", 990_309, -990_209],
            ["P&C TOTAL", 4_853_071, -1_249_001]]
    obs = observations(write_xlsx(tmp_path / "k2.xlsx", {"App": rows}))
    roles = {obs[("App", f"B{r}")].label: (obs[("App", f"B{r}")].row_role, obs[("App", f"B{r}")].section)
             for r in range(2, 9)}
    assert roles == {"Adoption": ("data", "Support and Safeguarding"),
                     "Care Leavers": ("data", "Support and Safeguarding"),
                     "Support and Safeguarding": ("subtotal", "Support and Safeguarding"),
                     "Music Service": ("data", "Learning"), "Strategy": ("data", "Learning"),
                     "Learning": ("subtotal", "Learning"), "P&C TOTAL": ("total", None)}


def test_total_expenditure_total_income_and_net(tmp_path):
    rows = [["External Placements", "23/24 Budget £m", "Month 6 Variance £m"],
            ["Residential Placements", 24.4, 5.6], ["Other", 1.0, 0.1], ["Total Expenditure", 25.4, 5.7],
            ["DSG Grant", "(5.0)", "(1.1)"], ["Other", "(0.1)", "(0.0)"], ["Total Income", "(5.1)", "(1.1)"],
            ["Net Expenditure", 20.3, 4.6]]
    obs = observations(write_xlsx(tmp_path / "k4.xlsx", {"EP": rows}))
    got = [(obs[("EP", f"B{r}")].label, obs[("EP", f"B{r}")].row_role, obs[("EP", f"B{r}")].section)
           for r in range(2, 9)]
    assert got == [("Residential Placements", "data", "Expenditure"), ("Other", "data", "Expenditure"),
                   ("Total Expenditure", "subtotal", "Expenditure"), ("DSG Grant", "data", "Income"),
                   ("Other", "data", "Income"), ("Total Income", "subtotal", "Income"),
                   ("Net Expenditure", "total", None)]
    assert obs[("EP", "C6")].value == 0 and obs[("EP", "C6")].display == "(0.0)"


def test_footnotes_are_skipped_and_reported(tmp_path):
    rows = [["Block", "Allocation £m"], ["High Needs Block", 76.3], ["Total DSG", 76.3], [],
            ["Note: verbal update at the meeting"], ["Source: DfE allocations, 2022"], ["EO: Equality Objective"]]
    path = write_xlsx(tmp_path / "f.xlsx", {"DSG": rows})
    (table,) = read_file(path).tables
    assert {o.label for o in table.observations} == {"High Needs Block", "Total DSG"}
    assert table.report.skipped_cells() == [("A5", "footnote row"), ("A6", "footnote row"), ("A7", "footnote row")]


def test_every_sheet_is_read(tmp_path):
    path = write_xlsx(tmp_path / "s.xlsx", {"Somerset": [["Measure", "Jan 2023"], ["CLA", 570]],
                                            "North Somerset": [["Measure", "Q3 2020/21"], ["CLA", 221]]})
    obs = observations(path)
    assert (obs[("Somerset", "B2")].period, obs[("North Somerset", "B2")].period) == ("Jan 2023", "Q3 2020/21")
    assert [t.layout.sheet for t in read_file(path, sheet="North Somerset").tables] == ["North Somerset"]


def test_tables_side_by_side_on_the_same_rows(tmp_path):
    rows = [["DSG Block £m", "Funding", "Variance", "DSG Block £m", "Balance b/f", "Carry forward"],
            ["Schools", 2.5, -0.4, "Schools", 2.6, 1.0], ["High Needs", 73.5, -15.1, "High Needs", -29.8, -44.9]]
    path = write_xlsx(tmp_path / "dsg.xlsx", {"DSG": rows})
    tables = read_file(path).tables
    assert [t.report.cell_range for t in tables] == ["A1:C3", "D1:F3"]
    obs = observations(path)
    assert (obs[("DSG", "F3")].label, obs[("DSG", "F3")].value, obs[("DSG", "F3")].col) == ("High Needs", -44.9 * M, 2)
    assert ("DSG", "D2") not in obs


def test_a_year_over_a_units_row_over_the_figures_is_a_header_not_a_title(tmp_path):
    rows = [[None, "2020/21"], [None, "£"], ["Schools Block", 129_968_128], ["TOTAL DSG", 129_968_128]]
    obs = observations(write_xlsx(tmp_path / "d.xlsx", {"DSG": rows}))
    assert _one(obs, "DSG", "B3")[2:6] == ("2020/21", 129_968_128, "GBP", "2020/21")
    assert obs[("DSG", "B4")].row_role == "total"


@pytest.mark.parametrize("rows, kind", [
    ([["Service", "Budget £m", "Projection £m", "Variance £m"], ["Fieldwork", 9.1, 9.8, 0.7]], BUDGET_MONITOR),
    ([["Indicator", "Q3", "RAG", "Comments"], ["Foster carers", 62, "GREEN", "On target"]], KPI_SCORECARD),
    ([["Measure", "Q1", "Q2", "Q3"], ["CLA", 227, 221, 219]], TIME_SERIES),
    ([["Year", "Abuse or Neglect"], ["2016/17", "43.0%"], ["2017/18", "41.0%"], ["2018/19", "40.0%"]], TIME_SERIES),
    ([["School Type", "Total on Roll", "Persistent Absence %"], ["Primary", 37291, "17.06%"]], BREAKDOWN),
])
def test_layout_kind_is_detected_with_a_reason(tmp_path, rows, kind):
    (table,) = read_file(write_xlsx(tmp_path / "k.xlsx", {"S": rows})).tables
    assert table.layout.kind == kind and table.report.kind_reason


def test_kind_can_be_set(tmp_path):
    rows = [["Service", "Budget £m", "Projection £m"], ["Fieldwork", 9.1, 9.8]]
    (table,) = read_file(write_xlsx(tmp_path / "k.xlsx", {"S": rows}), kind=GENERAL).tables
    assert (table.layout.kind, table.report.kind_reason) == (GENERAL, "set with --kind")


def test_a_second_table_whose_headers_are_units_only(tmp_path):
    rows = [["Placements", "2019/20 budget", "2020/21 budget"], ["In-house"], ["- FYEs", 107.72, 83.0], [],
            ["Dedicated Schools Grant Balance"], ["Area", "£000s", "£000s"], ["Brought Forward deficit", None, "3,847"],
            ["In-year variances:"], ["- Top-up Funding", 964, None], ["Deficit to carry forward", None, "7,568"]]
    path = write_xlsx(tmp_path / "b.xlsx", {"S": rows})
    first, second = read_file(path).tables
    assert (first.report.cell_range, second.title, second.report.cell_range) == ("A1:C3", "Dedicated Schools Grant Balance",
                                                                                "A6:C10")
    obs = observations(path)
    assert (obs[("S", "C7")].value, obs[("S", "C7")].measure) == (3_847_000, "£000s (C)")
    assert (obs[("S", "B9")].value, obs[("S", "B9")].section) == (964_000, "In-year variances:")


def test_a_count_that_happens_to_be_a_sum_is_not_taken_for_a_subtotal(tmp_path):
    rows = [["Measure", "Q1", "Q2"], ["Referrals", 100, 200], ["Re-referrals", 50, 100], ["Contacts", 150, 300]]
    obs = observations(write_xlsx(tmp_path / "c.xlsx", {"S": rows}))
    assert [obs[("S", f"B{r}")].row_role for r in (2, 3, 4)] == ["data", "data", "data"]
