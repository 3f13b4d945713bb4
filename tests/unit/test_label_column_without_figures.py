"""A second column repeating the row names starts a table beside only where figures follow it: a
register's current name beside its dates (the gender pay gap service's CurrentName) is one table."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file

HEADER = ["EmployerName", "DiffMeanHourlyPercent", "DiffMedianHourlyPercent", "FemaleTopQuartile", "CurrentName",
          "SubmittedAfterTheDeadline", "DateSubmitted"]
ROWS = [["Birmingham City Council", 9.1, 9.2, 63.0, "Birmingham City Council", "False", "28/03/2018"],
        ["Cardiff Council", 3.2, 6.1, 55.9, "Cardiff Council", "True", "05/04/2018"],
        ["Kent County Council", 12.6, 18.2, 70.0, "Kent County Council", "False", "29/03/2018"],
        ["Trafford Council", 10.7, 17.0, 65.0, "Trafford Council", "False", "30/03/2018"]]


def test_names_repeated_with_no_figures_after_them_start_no_table(tmp_path):
    (table,) = read_file(write_xlsx(tmp_path / "gpg.xlsx", {"S": [HEADER, *ROWS]})).tables
    got = {(o.label, o.measure): o.value for o in table.observations}
    assert got[("Trafford Council", "DiffMedianHourlyPercent")] == 17.0
    assert got[("Cardiff Council", "FemaleTopQuartile")] == 55.9


def test_names_repeated_over_figures_of_their_own_still_start_a_table(tmp_path):
    header = ["Block", "Budget £k", "Spend £k", "Block", "Budget £k", "Spend £k"]
    rows = [header, ["Schools", 100, 90, "Schools", 110, 95], ["High needs", 50, 60, "High needs", 55, 70]]
    tables = read_file(write_xlsx(tmp_path / "dsg.xlsx", {"S": rows})).tables
    assert len(tables) == 2
