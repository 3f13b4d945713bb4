"""A long table whose key column names its rows Expenditure or Income, over a plain "Value" column
with no unit stated anywhere, is unsure: the figures may be pounds or thousands (ASC-FR's £000s)."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file

HEADER = ["Council Name", "Age Band", "Finance Type", "Comparative totals", "Value"]
ROWS = [["Cumbria", "-", "Income", "Income from Better Care Fund", 36013],
        ["Cumbria", "Age 65 and over", "Expenditure", "Residential and Nursing care", 70100],
        ["Cumbria", "Age 65 and over", "Income", "Residential and Nursing care", 29614],
        ["Trafford", "-", "Income", "Income from Better Care Fund", 5546],
        ["Trafford", "Age 65 and over", "Expenditure", "Residential and Nursing care", 13871],
        ["Trafford", "Age 65 and over", "Income", "Residential and Nursing care", 4796]]


def test_rows_named_as_money_with_no_unit_make_the_table_unsure(tmp_path):
    (table,) = read_file(write_xlsx(tmp_path / "ascfr.xlsx", {"S": [HEADER, *ROWS]})).tables
    assert table.report.verdict == "unsure"
    assert any("names rows as money (Expenditure, Income) but no unit" in d for d in table.report.doubts)
    assert {o.cell: o.value for o in table.observations}["E5"] == 5546   # read as written, for the officer to scale


def test_a_stated_unit_settles_it(tmp_path):
    header = [*HEADER[:-1], "Value (£000)"]
    (table,) = read_file(write_xlsx(tmp_path / "priced.xlsx", {"S": [header, *ROWS]})).tables
    assert not any("names rows as money" in d for d in table.report.doubts)
    assert {o.cell: o.value for o in table.observations}["E5"] == 5_546_000


def test_rows_named_by_what_they_count_are_no_doubt(tmp_path):
    rows = [[r[0], r[1], "Clients", r[3], r[4]] for r in ROWS]
    (table,) = read_file(write_xlsx(tmp_path / "counts.xlsx", {"S": [HEADER, *rows]})).tables
    assert not any("names rows as money" in d for d in table.report.doubts)
