"""A breakdown whose columns add up to a Total column (an aged debt analysis: 0-30 days ... Over 1
year, Total) is drawn and told by its total, not by its first band ("0-30 days: highest for ...")."""

from awkward_workbooks import write_xlsx

from memberpack.analysis.charts import charts_for
from memberpack.importers import read_file
from memberpack.model.observation import Dataset


def test_an_aged_debt_is_told_by_its_total(tmp_path):
    rows = [["Sundry debt - aged analysis at 30 September 2024 (£)"], [],
            ["Debt type", "0-30 days", "31-60 days", "Over 1 year", "Total"],
            ["Adult social care client contributions", 412345.67, 201223.10, 1203456.78, 1817025.55],
            ["Housing benefit overpayments", 50123.00, 40500.50, 890000.00, 980623.50],
            ["Commercial rents", 120000.00, 15000.00, 12000.00, 147000.00]]
    table, = read_file(write_xlsx(tmp_path / "debt.xlsx", {"Aged debt": rows})).tables
    ds = Dataset("Debt", "debt.xlsx", "0" * 64, "Aged debt", "A3:E6", table.layout.kind, key="d")
    spec, = charts_for(ds, list(table.observations))
    assert spec.summary.startswith("Total: highest for Adult social care client contributions, at £1.8m; "
                                   "lowest for Commercial rents, at £147,000")


def test_a_rates_total_row_is_told_as_overall_not_in_total(tmp_path):
    rows = [["Attendance by phase 2023/24"], [], ["Phase", "Attendance %"], ["Primary", "95.1%"],
            ["Secondary", "91.2%"], ["Special", "87.9%"], ["Total", "93.0%"]]
    table, = read_file(write_xlsx(tmp_path / "a.xlsx", {"A": rows})).tables
    ds = Dataset("Attendance", "a.xlsx", "0" * 64, "A", "A3:B7", table.layout.kind, key="a")
    spec, = charts_for(ds, list(table.observations))
    assert "93.0% overall" in spec.summary and "in total" not in spec.summary
