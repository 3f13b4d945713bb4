"""A revenue monitor as finance teams send it: original and revised budgets, actual to date, forecast,
variance, ``Variance %`` and last period's variance, closed by a ``Net Budget Requirement`` row that
adds up the directorates but says no "total". The percentage column is no sum of the lines', so it
must not hide that row's sums; the check compares the forecast with the revised budget, not the
original one."""

from openpyxl import Workbook

from memberpack.analysis.checks import check_pack
from memberpack.analysis.headlines import headlines
from memberpack.importers import import_files, read_file
from memberpack.model.monitor_columns import full_year
from memberpack.store.pack import Pack

_HEADER = ["Directorate", "Original Budget", "Virements", "Revised Budget", "Actual to Date", "Forecast Outturn",
           "Variance", "Variance %", "Previous Forecast Variance (P6)", "Movement"]
_ROWS = [["Adult Social Care", 120500, 1500, 122000, 71200, 125300, 3300, 0.027, 2900, 400],
         ["Children's Services", 80500, -500, 80000, 48100, 84600, 4600, 0.0575, 4800, -200],
         ["Place", 45000, 0, 45000, 22000, 44200, -800, -0.0178, -600, -200],
         ["Resources", 30000, -1000, 29000, 15500, 28700, -300, -0.0103, -300, 0],
         ["Corporate Budgets", 10000, 0, 10000, 3000, 9200, -800, -0.08, -500, -300],
         ["Net Budget Requirement", 286000, 0, 286000, 159800, 292000, 6000, 0.021, 6300, -300]]


def _monitor(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.title = "Revenue P7"
    for row in (["Revenue Budget Monitoring 2024/25 - Period 7 (October)"], ["£000"], [], _HEADER, *_ROWS):
        ws.append(row)
    for row in ws.iter_rows(min_row=5, max_row=10):
        for cell in row[1:]:
            cell.number_format = "#,##0;(#,##0)"
        row[7].number_format = "0.0%"
    path = tmp_path / "monitor.xlsx"
    wb.save(path)
    return path


def test_a_percentage_column_does_not_hide_the_row_that_adds_up_the_lines(tmp_path):
    """The old reading tested the Variance % too (2.1% is no sum of the lines' percentages), so the
    Net Budget Requirement was a line like the others: the headline budget was £572,000k, twice the
    council's, and the net overspend £12,000k."""
    path = _monitor(tmp_path)
    table, = read_file(path).tables
    roles = {o.label: o.row_role for o in table.observations}
    assert roles["Net Budget Requirement"] == "subtotal" and roles["Place"] == "data"
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        found = headlines(pack)
        assert check_pack(pack) == []   # no "Variance % ... rows add up to -2.4"; variances on the revised budget
    assert (found.budget.budget, found.budget.forecast, found.budget.variance) == (286e6, 292e6, 6e6)


def test_last_periods_forecast_variance_is_not_this_periods():
    assert full_year(["Previous Forecast Variance (P6)", "Variance"]) == "Variance"
    assert full_year(["Prior Forecast", "Forecast Outturn"]) == "Forecast Outturn"
