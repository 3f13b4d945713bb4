"""Real published tables: key columns, header rows, units from prose, and each table's verdict.

Each workbook is built here with one awkward feature of the DfE / MHCLG / ONS tables, and the
assertions name exact figures in base units, their keys, periods and source cells.
"""

import pytest
from awkward_workbooks import observations, write_ods, write_xls, write_xlsx

from memberpack.importers import read_file


def _only_table(path, **kwargs):
    (table,) = read_file(path, **kwargs).tables
    return table


def _la_table(tmp_path):
    rows = [
        ["Table 3: Planned expenditure on schools, 2021-22"],
        ["England, regions and local authorities"],
        ["£ thousand"],
        [],
        ["Region", "LA code", "LA name", "Planned expenditure", None, "Pupils"],
        [None, None, None, "Schools", "High needs", None],
        ["ENGLAND", None, None, 4500, 300, 8000000],
        ["South West", 933, "Somerset5", 120.5, "..", 70000],
        ["South West", 802, "North Somerset", 80, "[c]", 30000],
        ["South West", 800, "Bath and North East Somerset", "   (29,201)", 7, 25000],
        ["North East", 841, "Darlington", 60, "x", 15000],
    ]
    return write_xlsx(tmp_path / "la.xlsx", {"Table 3": rows}, merges={"Table 3": ["D5:E5"]})


def test_la_table_keeps_region_code_and_name_and_reads_prose_unit(tmp_path):
    table = _only_table(_la_table(tmp_path))
    obs = {o.cell: o for o in table.observations}
    somerset = obs["D8"]
    assert (somerset.label, somerset.section, somerset.area) == ("Somerset", "South West", "la|933||South West")
    assert (somerset.value, somerset.unit, somerset.measure, somerset.period) == (
        120_500, "GBP", "Planned expenditure Schools", "2021/22")
    assert (obs["E8"].value, obs["E8"].status, obs["E9"].status, obs["E11"].status) == (None, ":", "c", "x")
    assert (obs["D10"].value, obs["D10"].label) == (-29_201_000, "Bath and North East Somerset")
    england = obs["E7"]   # the name cell is blank: the row is named by what its key columns say
    assert (england.label, england.area, england.value) == ("ENGLAND", "national|||", 300_000)
    assert (obs["F8"].value, obs["F8"].unit, obs["F8"].measure) == (70_000, None, "Pupils")   # a count, not £k
    report = table.report
    assert report.footnotes == {"Somerset": "5"}
    assert [(k["column"], k["role"]) for k in report.key_columns] == [("A", "section"), ("B", "area")]
    assert "£ thousand" in report.unit_reason and report.period_reason == "the title"
    assert not [s for s in report.skipped if "left of the label" in s.reason]
    assert report.verdict == "read with assumptions"


def test_long_table_keeps_year_area_and_school_type(tmp_path):
    rows = [["Year", "Area name", "School type", "Pupils", "Spend £"]]
    for year in ("2021-22", "2022-23"):
        for area in ("Somerset", "Devon", "Dorset"):
            for school in ("Primary", "Secondary"):
                rows.append([year, area, school, len(rows), len(rows) * 1000.5])
    table = _only_table(write_xlsx(tmp_path / "long.xlsx", {"Data": rows}))
    obs = {o.cell: o for o in table.observations}
    assert (obs["D2"].label, obs["D2"].section, obs["D2"].period, obs["D2"].value) == ("Somerset", "Primary", "2021/22", 1)
    last = obs["E13"]
    assert (last.label, last.section, last.period, last.value, last.unit) == ("Dorset", "Secondary", "2022/23", 12_006, "GBP")
    assert len({(o.label, o.section, o.period, o.measure) for o in table.observations}) == 24
    assert table.report.verdict == "read" and table.report.period_reason.startswith("column A (Year)")


def test_constant_council_and_uri_columns_are_context_not_labels(tmp_path):
    rows = [["Council", "URI", "Period", "Spend", "Income"]] + [
        ["Somerset Council", "http://example.org/somerset", period, 10 + i, 5] for i, period in
        enumerate(("2021/22", "2022/23", "2023/24"))]
    table = _only_table(write_xlsx(tmp_path / "uri.xlsx", {"Data": rows}))
    obs = {o.cell: o for o in table.observations}
    assert (obs["D4"].label, obs["D4"].period, obs["D4"].value) == ("2023/24", "2023/24", 12)
    assert table.report.context == {"Council": "Somerset Council", "URI": "http://example.org/somerset"}
    assert not table.report.skipped


@pytest.mark.parametrize("codes, expected", [
    ([None, "C1", "C2", "C3 = C2 - C1"], {"B": "C1", "C": "C2", "D": "C3 = C2 - C1"}),
    ([None, 1, 2, 3], {"B": "1", "C": "2", "D": "3"}),
])
def test_column_code_rows_are_codes_not_data_or_names(tmp_path, codes, expected):
    rows = [["Service", "Budget", "Actual", "Variance"], codes, ["Fieldwork", 10, 12, 2], ["Fostering", 20, 18, -2]]
    table = _only_table(write_xlsx(tmp_path / "codes.xlsx", {"S": rows}))
    obs = {o.cell: o for o in table.observations}
    assert table.report.column_codes == expected
    assert sorted(obs) == ["B3", "B4", "C3", "C4", "D3", "D4"]
    assert (obs["D4"].measure, obs["D4"].value, obs["D4"].label) == ("Variance", -2, "Fostering")


def test_years_under_a_merged_group_header_are_the_columns_periods(tmp_path):
    rows = [["Area", "Expenditure £m", None, None], [None, 2019, 2020, 2021], ["Somerset", 1.5, 1.6, 1.7],
            ["Devon", 2.5, 2.6, 2.7]]
    table = _only_table(write_xlsx(tmp_path / "years.xlsx", {"S": rows}, merges={"S": ["B1:D1"]}))
    obs = {o.cell: o for o in table.observations}
    assert table.layout.header_rows == (1, 2)
    assert (obs["D4"].measure, obs["D4"].period, obs["D4"].value, obs["D4"].label) == (
        "Expenditure £m 2021", "2021", 2_700_000, "Devon")


def test_four_header_rows(tmp_path):
    rows = [["Authority", "Children's services", None, None, None],
            [None, "Looked after", None, "In need", None],
            [None, "2022", "2023", "2022", "2023"],
            [None, "number", "number", "number", "number"],
            ["Somerset", 523, 546, 1750, 1240], ["Devon", 800, 810, 2000, 2100]]
    table = _only_table(write_xlsx(tmp_path / "four.xlsx", {"S": rows}, merges={"S": ["B1:E1", "B2:C2", "D2:E2"]}))
    obs = {o.cell: o for o in table.observations}
    assert (obs["E6"].measure, obs["E6"].period, obs["E6"].value) == ("Children's services In need 2023", "2023", 2100)
    assert obs["B5"].label == "Somerset" and obs["B5"].value == 523


def test_stacked_tables_with_repeated_headers_and_a_sheet_per_year(tmp_path):
    stacked = [["Table 1: Pupils"], ["LA", "2022", "2023"], ["Somerset", 10, 11], ["Devon", 12, 13], [],
               ["Table 2: Teachers"], ["LA", "2022", "2023"], ["Somerset", 1, 2], ["Devon", 3, 4]]
    tables = read_file(write_xlsx(tmp_path / "stacked.xlsx", {"S": stacked})).tables
    assert [t.title for t in tables] == ["Table 1: Pupils", "Table 2: Teachers"]
    second = {o.cell: o for o in tables[1].observations}
    assert (second["C9"].label, second["C9"].period, second["C9"].value, second["C9"].section) == ("Devon", "2023", 4, None)
    years = {"2021-22": [["Service", "Budget £k"], ["Fieldwork", 10]], "2022-23": [["Service", "Budget £k"], ["Fieldwork", 11]]}
    obs = observations(write_xlsx(tmp_path / "years.xlsx", years))
    assert (obs[("2021-22", "B2")].period, obs[("2022-23", "B2")].period, obs[("2022-23", "B2")].value) == (
        "2021/22", "2022/23", 11_000)


def test_unit_in_a_sentence_above_the_table(tmp_path):
    rows = [["Council tax receipts"], ["Figures are in £000s and rounded to the nearest thousand."], [],
            ["Authority", "Receipts"], ["Somerset", 345.6], ["Devon", 512]]
    table = _only_table(write_xlsx(tmp_path / "prose.xlsx", {"S": rows}))
    obs = {o.cell: o for o in table.observations}
    assert (obs["B5"].value, obs["B6"].value, obs["B6"].unit) == (345_600, 512_000, "GBP")
    assert table.report.unit_reason.startswith("row 2 above the table")


def test_a_table_with_no_header_is_unsure(tmp_path):
    rows = [["Rates"], [], ["Somerset", 933, 12.5, 14], ["Devon", 878, 11, 13.5], ["Dorset", 835, 10, 9]]
    table = _only_table(write_xlsx(tmp_path / "nohead.xlsx", {"S": rows}))
    assert table.report.verdict == "unsure"
    assert table.report.doubts == ["no header row found: row 3 looks like the data under it (mostly figures)"]
    assert {o.cell: o.value for o in table.observations}["C5"] == 10   # the first row is data, not a header


def test_labels_repeating_with_no_key_column_make_the_table_unsure(tmp_path):
    rows = [["Area", "Pupils"]] + [[area, n] for n in range(4) for area in ("Somerset", "Devon")]
    table = _only_table(write_xlsx(tmp_path / "repeats.xlsx", {"S": rows}))
    assert table.report.verdict == "unsure" and "repeat another row's label" in table.report.doubts[0]


def test_legacy_xls_and_open_document_tables_keep_their_keys(tmp_path):
    rows = [["LA code", "LA name", "Spend £k"], [933, "Somerset", 12.5], [802, "North Somerset", "c"]]
    pytest.importorskip("xlwt")
    obs = observations(write_xls(tmp_path / "la.xls", {"LA": rows}))
    assert (obs[("LA", "C2")].label, obs[("LA", "C2")].area, obs[("LA", "C2")].value) == ("Somerset", "la|933||", 12_500)
    assert (obs[("LA", "C3")].status, obs[("LA", "C3")].value) == ("c", None)
    pytest.importorskip("odf")
    obs = observations(write_ods(tmp_path / "la.ods", {"LA": rows}))
    assert (obs[("LA", "C2")].label, obs[("LA", "C2")].area, obs[("LA", "C2")].value) == ("Somerset", "la|933||", 12_500)


def test_a_sheet_starting_lower_down_keeps_its_cell_references(tmp_path):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "S"
    for r, row in enumerate([["Service", "Budget"], ["Fieldwork", 10], ["Fostering", 20]], start=3):
        for c, value in enumerate(row, start=3):
            ws.cell(r, c, value)
    wb.save(tmp_path / "low.xlsx")
    obs = observations(tmp_path / "low.xlsx")
    assert (obs[("S", "D5")].label, obs[("S", "D5")].value) == ("Fostering", 20)
