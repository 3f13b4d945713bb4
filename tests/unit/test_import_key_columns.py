"""Key columns of long published tables: a return's numbered lines for each area, a transaction's
reference on each of its lines, and a period column of years combined.

Each file is built here with the awkward feature of a real publication (an MHCLG outturn return in
long form, a fire authority's spending list, a public health profile); the assertions name exact
figures, labels, keys and periods.
"""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.observation import DATA
from memberpack.model.periods import CALENDAR_YEARS, YEARS, parse_period


def _only_table(path, **kwargs):
    (table,) = read_file(path, **kwargs).tables
    return table


def test_a_returns_numbered_lines_are_the_labels_and_the_area_name_a_key(tmp_path):
    lines = [(1, "1 Spend on children's centres", "SURE START"), (2, "2 Other early years funding", "SURE START"),
             (3, "3 Total Sure Start", "SURE START"), (4, "4 Youth services", "YOUNG PEOPLE")]
    rows = ["LA,LA Name,LineNumber,ServiceDescription,ReportGroup,OwnProvision,TotalExpenditure"]
    for code, name in ((201, "City of London"), (202, "Camden"), (933, "Somerset")):
        for number, description, group in lines:
            rows.append(f"{code},{name},{number},{description},{group},{code * 10 + number},{code * 100 + number}")
    path = tmp_path / "outturn.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    table = _only_table(path)
    obs = {o.cell: o for o in table.observations}
    first = obs["F2"]
    assert (first.label, first.section, first.area, first.value) == (
        "1 Spend on children's centres", "City of London / SURE START", "la|201||", 2011)
    last = obs["G13"]   # Somerset's line 4: the last row
    assert (last.label, last.section, last.area, last.measure, last.value) == (
        "4 Youth services", "Somerset / YOUNG PEOPLE", "la|933||", "TotalExpenditure", 93304)
    assert obs["F4"].label == "3 Total Sure Start" and obs["F4"].row_role != DATA   # a worded total of its lines
    assert [(k["column"], k["role"]) for k in table.report.key_columns] == [
        ("A", "area"), ("B", "area name"), ("C", "line number"), ("E", "section")]
    assert table.report.label_column == "D"
    assert len({(o.label, o.section, o.measure) for o in table.observations}) == 24   # every figure told apart
    assert not table.report.skipped


def test_a_transaction_number_on_several_lines_is_kept_with_each(tmp_path):
    rows = [["Transaction Number", "Date", "Expenditure Category", "Supplier Name", "Amount"]]
    for i in range(45):   # more rows than the layout is detected from, before the card payments' references
        number = 6012700 + i // 2   # two lines of each transaction
        rows.append([number, f"2025-07-{1 + i % 28:02d}", ("Supplies", "Premises")[i // 2 % 2], f"Supplier {i % 5}",
                     100.0 + i])
    rows += [["ccq207", "2025-08-08", "Conferences", "National Fire Chiefs", 500.0],
             ["ccq212", "2025-09-09", "Computer hardware", "Broadbandbuyer", 1901.02]]
    table = _only_table(write_xlsx(tmp_path / "spend.xlsx", {"Q2": rows}))
    obs = {o.cell: o for o in table.observations}
    assert (obs["E2"].label, obs["E2"].section, obs["E2"].period, obs["E2"].value) == (
        "Supplier 0", "6012700 / Supplies", "Jul 2025", 100.0)
    assert (obs["E3"].section, obs["E3"].value) == ("6012700 / Supplies", 101.0)
    assert (obs["E4"].section, obs["E4"].value) == ("6012701 / Premises", 102.0)
    card = obs["E48"]
    assert (card.label, card.section, card.period, card.value) == (
        "Broadbandbuyer", "ccq212 / Computer hardware", "Sep 2025", 1901.02)
    assert table.report.key_columns[0] == {"column": "A", "header": "Transaction Number", "role": "section"}
    assert not table.report.skipped


def test_a_period_column_of_years_combined_gives_each_row_its_span(tmp_path):
    header = "area_code,area_name,period,indicator,measure,value,inequality"
    five = '"Obesity in reception, 5 years data combined"'
    rows = [header] + [f"E92000001,England,2018/19 - 22/23,{five},Percentage,{v},{q} deprived quintile"
                       for v, q in ((12.6, "Most"), (10.8, "Second most"), (9.1, "Average"))]
    rows += [f"E06{i:06d},Area {i},2018/19 - 22/23,{five},Percentage,{8 + i / 10},NA" for i in range(1, 45)]
    rows += [f"E06{i:06d},Area {i},2010/11,Obesity in reception,Percentage,{7 + i / 10},NA" for i in range(1, 3)]
    rows += ['E05000837,Timperley,2020/21 - 22/23,"Obesity in reception, 3 years data combined",Percentage,7.9,NA']
    path = tmp_path / "profile.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    table = _only_table(path)
    obs = {o.cell: o for o in table.observations}
    england = obs["F2"]
    assert (england.label, england.period, england.value, england.unit, england.section) == (
        "England", "2018/19 to 2022/23", 12.6, "percent", "Most deprived quintile")
    assert england.measure == "Obesity in reception, 5 years data combined Percentage: value"
    assert (obs["F5"].label, obs["F5"].period, obs["F5"].value, obs["F5"].area) == (
        "Area 1", "2018/19 to 2022/23", 8.1, "la||E06000001|")
    one_year = obs["F49"]
    assert (one_year.label, one_year.period, one_year.value, one_year.section) == ("Area 1", "2010/11", 7.1, None)
    assert one_year.measure == "Obesity in reception Percentage: value"   # its own indicator, not the first row's
    ward = obs["F51"]
    assert (ward.label, ward.period, ward.value) == ("Timperley", "2020/21 to 2022/23", 7.9)
    assert ward.measure == "Obesity in reception, 3 years data combined Percentage: value"
    assert table.report.period_reason.startswith("column C (period)") and not table.report.doubts


def test_years_combined_are_one_period_ordered_by_their_last_year():
    five, three, one = (parse_period(t) for t in ("2018/19 - 22/23", "2020/21 to 2022/23", "2021/22"))
    assert (five.kind, five.label(), three.label()) == (YEARS, "2018/19 to 2022/23", "2020/21 to 2022/23")
    assert parse_period(five.label()) == five
    assert sorted([five, one, three]) == [one, five, three]   # 2021/22 ends first; the shorter span starts later
    calendar = parse_period("2016 - 18")
    assert (calendar.kind, calendar.label(), calendar.span()) == (CALENDAR_YEARS, "2016 to 2018",
                                                                 (2016 * 12, 2018 * 12 + 11))
    assert parse_period("2019-20").label() == "2019/20" and parse_period("2019 - 2020").label() == "2019/20"


def test_accounts_from_a_pdf_last_years_figures_left_of_the_names_and_a_second_table_run_on(tmp_path):
    """A town council's statement of accounts converted from PDF: last year's column left of the
    service names, figures as padded text with bracket negatives, and a second table whose header
    (years, then £, then names) follows the first table's last row with no blank row between."""
    pad = "{:>24}".format
    rows = [
        [2017, None, 2018, 2018],
        [pad("£"), None, pad("£"), pad("£")],
        [pad("Budget"), None, pad("Net Expenditure"), pad("Budget")],
        [pad("(145,000)"), "   Economic Development", pad("(4,022)"), pad("(132,000)")],
        [pad("(50,000)"), "   Christmas Lights", pad("(66,931)"), pad("(70,799)")],
        [pad("-"), "   Town in Bloom", pad("(28,700)"), pad("(75,000)")],
        [2017, None, 2018, None, 2018],
        [pad("£"), None, pad("£"), None, pad("£")],
        [pad("Net Expenditure"), None, pad("Gross Expenditure"), None, pad("Income")],
        [pad("(3,000)"), "   Economic Development", pad("(4,022)"), None, pad("-")],
        [pad("(29,201)"), "   Christmas Lights", pad("(66,931)"), None, pad("1,500")],
        [None, "   Cultural and Heritage", pad("(163,521)"), None, pad("68,635")],
    ]
    first, second = read_file(write_xlsx(tmp_path / "accounts.xlsx", {"Page 1": rows})).tables
    assert (first.report.cell_range, second.report.cell_range) == ("A1:E6", "A7:E12")
    obs = {o.cell: o for o in first.observations}
    budget = obs["A5"]   # last year's budget, left of the names
    assert (budget.label, budget.measure, budget.period, budget.value, budget.unit) == (
        "Christmas Lights", "2017 Budget", "2017", -50_000, "GBP")
    assert (obs["C5"].measure, obs["C5"].period, obs["C5"].value) == ("2018 Net Expenditure", "2018", -66_931)
    assert (obs["A6"].value, obs["A6"].status) == (None, "-")
    assert obs["A5"].col < 0 < obs["C5"].col   # the columns keep the sheet's order
    obs = {o.cell: o for o in second.observations}
    income = obs["E12"]
    assert (income.label, income.measure, income.period, income.value) == ("Cultural and Heritage", "2018 Income", "2018",
                                                                           68_635)
    assert (obs["A11"].label, obs["A11"].measure, obs["A11"].value) == ("Christmas Lights", "2017 Net Expenditure", -29_201)
    assert (obs["E10"].value, obs["E10"].status, obs["C10"].measure) == (None, "-", "2018 Gross Expenditure")
    assert second.report.header_rows == [7, 9] and second.report.units_row == 8
    assert not first.report.skipped and not second.report.skipped


def test_a_year_dated_at_its_end_is_the_rows_period_but_monthly_dates_stay_months(tmp_path):
    annual = tmp_path / "prompt.csv"   # the council on every row, each year dated at its last day
    annual.write_text("Organisation,EffectiveDate,FinancialYear,ProportionPaidOnTime,NumberNotPaidOnTime\n"
                      "Trafford Council,2018-03-31,2017/18,91.43,2891\n"
                      "Trafford Council,2019-03-31,2018/19,87.62,4238\n"
                      "Trafford Council,2020-03-31,2019/20,90.1,3010\n", encoding="utf-8")
    table = _only_table(annual)
    obs = {o.cell: o for o in table.observations}
    assert (obs["D2"].label, obs["D2"].period, obs["D2"].value) == ("2017/18", "2017/18", 91.43)
    assert (obs["E4"].label, obs["E4"].period, obs["E4"].value) == ("2019/20", "2019/20", 3010)
    assert table.report.context == {"Organisation": "Trafford Council"} and table.report.verdict == "read"
    monthly = tmp_path / "waits.csv"   # the year beside each month's first day: the figures are the month's
    monthly.write_text("Year,Month,Median wait (weeks)\n" + "".join(
        f"2007/08,2007-{m:02d}-01,{m + 5.5}\n" for m in range(4, 13)) + "2007/08,2008-01-01,9.5\n", encoding="utf-8")
    obs = {o.cell: o for o in _only_table(monthly).observations}
    assert (obs["C2"].period, obs["C2"].value, obs["C11"].period) == ("Apr 2007", 9.5, "Jan 2008")


def test_an_las_code_names_its_row_beside_its_regions_code(tmp_path):
    path = tmp_path / "places.csv"
    path.write_text("Year,region_code,Region,LANumber,new_la_code,LA_name,PriNOR\n"
                    "2024/25,E12000005,West Midlands,332,E08000027,Dudley,25673\n"
                    "2024/25,E12000005,West Midlands,333,E08000028,Sandwell,29930\n"
                    "2024/25,E13000001,Inner London,204,E09000012,Hackney,15255\n"
                    "2024/25,E13000001,Inner London,202,E09000007,Camden,12011\n"
                    "2024/25,E12000009,South West,933,E06000066,Somerset,41002\n"
                    "2024/25,E12000009,South West,878,E10000008,Devon,62730\n", encoding="utf-8")
    obs = {o.cell: o for o in _only_table(path).observations}
    assert (obs["G2"].label, obs["G2"].area, obs["G2"].value) == ("Dudley", "la|332|E08000027|West Midlands", 25673)
    assert obs["G4"].area.startswith("la|204|E09000012|") and obs["G6"].area == "la|933|E06000066|South West"


def test_a_categorys_number_beside_its_name_is_a_key_not_a_figure(tmp_path):
    path = tmp_path / "census.csv"
    groups = [(-8, "Does not apply"), (1, "Asian, Asian British or Asian Welsh: Bangladeshi"), (2, "White: Irish")]
    path.write_text("Upper tier local authorities Code,Upper tier local authorities,Ethnic group (20 categories) Code,"
                    "Ethnic group (20 categories),Observation\n" + "".join(
                        f'{code},{name},{number},"{group}",{i * 10 + number}\n' for i, (code, name) in enumerate(
                            [("E06000001", "Hartlepool"), ("E06000002", "Middlesbrough"), ("W06000024", "Merthyr Tydfil")])
                        for number, group in groups), encoding="utf-8")
    table = _only_table(path)
    obs = {o.cell: o for o in table.observations}
    assert set(obs) == {f"E{r}" for r in range(2, 11)}   # the category numbers are not figures
    first, last = obs["E2"], obs["E10"]
    assert ({first.label, first.section}, first.area, first.value) == (
        {"Hartlepool", "Does not apply"}, "la||E06000001|", -8)
    assert ({last.label, last.section}, last.area, last.value) == ({"Merthyr Tydfil", "White: Irish"}, "la||W06000024|", 22)
    assert ("C", "code of the name beside it") in [(k["column"], k["role"]) for k in table.report.key_columns]
    assert table.report.verdict == "read"


def _cells(table):
    return [(o.cell, o.label, o.section, o.period, o.area, o.value) for o in table.observations]


def test_rows_with_the_same_key_cells_take_the_same_keys_read_once(tmp_path, monkeypatch):
    """Key cells are read once per set of them where the label cannot change what they give: the
    same as reading them row by row, with codes, names standing for codes, sections carried down
    and marks, and a year dated at its end (whose label is the period)."""
    from memberpack.importers import table_reader

    places = tmp_path / "places.csv"
    lines = ["Year,region_code,Region,LANumber,new_la_code,LA_name,PriNOR"]
    for year in ("2022/23", "2023/24", "2024/25"):
        lines += [f"{year},E12000005,West Midlands,332,E08000027,Dudley,{25673 + len(lines)}",
                  f"{year},,,,,England,{4_000_000 + len(lines)}",
                  f"{year},E12000009,South West,933,E06000066,Somerset,{41002 + len(lines)}",
                  f"{year},E12000009,,878,E10000008,Devon,{62730 + len(lines)}",
                  f"{year},E12000009,NA,879,E06000026,Plymouth,{30000 + len(lines)}"]
    places.write_text("\n".join(lines) + "\n", encoding="utf-8")
    annual = tmp_path / "prompt.csv"
    annual.write_text("Organisation,EffectiveDate,FinancialYear,ProportionPaidOnTime,NumberNotPaidOnTime\n" + "".join(
        f"Trafford Council,{y + 1}-03-31,{y}/{(y + 1) % 100:02d},9{y % 10}.5,{2000 + y}\n"
        f"Trafford Council,{y + 1}-03-15,{y}/{(y + 1) % 100:02d} mid,8{y % 10}.5,{1000 + y}\n" for y in range(2010, 2020)),
        encoding="utf-8")
    once = [_cells(_only_table(path)) for path in (places, annual)]
    monkeypatch.setattr(table_reader, "ignores_label", lambda row, keys: False)
    assert once == [_cells(_only_table(path)) for path in (places, annual)]
    by_cell = {cell: (section, area) for cell, _, section, _, area, _ in once[0]}
    assert by_cell["G2"][1] == "la|332|E08000027|West Midlands" and by_cell["G12"][1] == by_cell["G2"][1]
    assert by_cell["G3"][1].startswith("national|")


def test_a_key_text_is_a_mark_as_its_reading_as_a_figure_says():
    """The quick answers (a status word, a text starting with a letter, one with no digit) agree
    with reading each text as a figure: only statuses and figures beyond range are marks, but for a
    rating's one letter."""
    from memberpack.importers.keys import _is_mark
    from memberpack.model.values import BLANK, TEXT, parse_text

    for text in ["NA", "z", "[c]", "..", "CC00001", "Barnsley", "E09000001", "c. 99999999999999999", "approx 5",
                 "99999999999999999", "(99999999999999999)", "£9999999 bn", "2021-22", "Red", "circa 12", "x1"]:
        cell = parse_text(text)
        assert _is_mark(text) == (cell.value is None and cell.status not in (TEXT, BLANK)), text
    for text in ["A", "R", "G", "f"]:   # but a rating's one letter in a key column is a code (region 'A'), kept
        assert parse_text(text).status not in (TEXT, BLANK) and not _is_mark(text), text


def test_a_total_written_in_a_key_column_names_its_row_in_no_group_from_above(tmp_path):
    """A savings tracker's ``Total`` is written in its Ref column, the proposal cell blank: the old
    reading named the row after the Directorate carried down to it ("Resources", as a sub total of
    Resources), so the tracker's total was shown as the last directorate's."""
    rows = [["Savings tracker £'000"], ["Ref", "Saving proposal", "Directorate", "Target", "Forecast Delivery", "Shortfall"],
            ["S01", "Review of home care packages", "Adults", 1500, 900, 600],
            ["S02", "Reduce agency social workers", "Children's", 800, 800, 0],
            ["S03", "Digital by default", "Resources", 400, 150, 250],
            ["Total", None, None, 2700, 1850, 850]]
    table = _only_table(write_xlsx(tmp_path / "savings.xlsx", {"Savings": rows}))
    total = {o.cell: o for o in table.observations}["D6"]
    assert (total.label, total.section, total.row_role, total.value) == ("Total", None, "total", 2_700_000)
