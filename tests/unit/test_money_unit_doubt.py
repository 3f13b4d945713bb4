"""A money column whose unit is stated nowhere makes its table unsure: it may be pounds or thousands."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


def test_money_with_no_unit_anywhere_is_a_doubt_and_a_unit_settles_it(tmp_path):
    rows = [["Service", "Budget", "Spend"], ["Fieldwork", 9100, 9300], ["Fostering", 4200, 4000]]
    path = write_xlsx(tmp_path / "money.xlsx", {"S": rows})
    (table,) = read_file(path).tables
    assert table.report.verdict == "unsure"
    assert table.report.doubts == ["columns B (Budget), C (Spend) look like money but no unit (£, £k, £m) is stated "
                                   "anywhere: give it with --unit"]
    rows[0][1:] = ["Budget £k", "Spend £k"]
    (table,) = read_file(write_xlsx(tmp_path / "priced.xlsx", {"S": rows})).tables
    assert table.report.verdict == "read" and {o.cell: o.value for o in table.observations}["C3"] == 4_000_000
