"""Bars of categories with no order of their own (service areas, placement types) are drawn largest
first, the biggest overspend leading, as a councillor scans a chart; bars whose order means something
(periods, age bands, Ofsted grades, the lines of a statement) keep the source's. The old charts drew
every bar in file order, the largest overspend anywhere in the list."""

from __future__ import annotations

from awkward_workbooks import write_xlsx

from memberpack.analysis.bar_order import in_own_order
from memberpack.analysis.charts import charts_for
from memberpack.importers import read_file
from memberpack.model.observation import Dataset


def _bars(tmp_path, rows):
    table, = read_file(write_xlsx(tmp_path / "t.xlsx", {"S": rows})).tables
    ds = Dataset(rows[0][0], "t.xlsx", "0" * 64, "S", "A1", table.layout.kind, key="t")
    spec = next(s for s in charts_for(ds, list(table.observations)) if s.kind == "bar")
    return spec.categories, spec.series[0].values, spec.series[0].cells


def test_service_areas_by_overspend_biggest_first(tmp_path):
    rows = [["Children's services budget monitor Month 6 2023/24"], [],
            ["Service", "Budget £000", "Forecast £000", "Variance £000"],
            ["Early help", 5_000, 5_200, 200], ["Children looked after", 38_400, 39_900, 1_500],
            ["Home to school transport", 12_000, 11_600, -400], ["Fostering", 9_000, 9_900, 900],
            ["Leaving care", 4_000, 3_950, -50]]
    categories, values, cells = _bars(tmp_path, rows)
    assert categories == ["Children looked after", "Fostering", "Early help", "Leaving care",
                          "Home to school transport"]
    assert values == [1_500_000, 900_000, 200_000, -50_000, -400_000]
    assert cells == ["D5", "D7", "D4", "D8", "D6"]   # each bar keeps its own cell


def test_placement_types_largest_first(tmp_path):
    rows = [["Placements of children looked after, 31 March 2024"], [],
            ["Placement type", "Children"], ["Residential", 42], ["Foster care", 310], ["Placed for adoption", 12],
            ["Independent fostering agency", 96]]
    assert _bars(tmp_path, rows)[0] == ["Foster care", "Independent fostering agency", "Residential",
                                        "Placed for adoption"]


def test_bands_and_periods_keep_their_order(tmp_path):
    rows = [["Children looked after by age, 31 March 2024"], [],
            ["Age", "Children"], ["Under 1", 20], ["1 to 4", 55], ["5 to 9", 90], ["10 to 15", 210], ["16 and over", 140]]
    assert _bars(tmp_path, rows)[0] == ["Under 1", "1 to 4", "5 to 9", "10 to 15", "16 and over"]
    for labels in (["Outstanding", "Good", "Requires improvement", "Inadequate"], ["Red", "Amber", "Green"],
                   ["2021/22", "2022/23", "2023/24"], ["Q1", "Q2", "Q3"], ["Band A", "Band B", "Band C"],
                   ["Very high", "High", "Medium", "Low"], ["Brought forward", "In-year deficit", "Carried forward"]):
        assert in_own_order(labels), labels
    assert not in_own_order(["Residential", "Foster care", "Early Years", "High Needs", "Schools"])
