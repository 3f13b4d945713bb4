"""A clerk's and a councillor's review of officers' monitors and scorecards (review13): every
sentence true, every chart honest, nothing lost."""

from awkward_workbooks import write_xlsx

from memberpack.analysis.charts import charts_for
from memberpack.importers import read_file
from memberpack.model.observation import Dataset


def _charts(tmp_path, rows, name="T", formats=None):
    table, = read_file(write_xlsx(tmp_path / "t.xlsx", {"S": rows}, formats={"S": formats or {}})).tables
    ds = Dataset(name, "t.xlsx", "0" * 64, "S", "A1", table.layout.kind, key="t")
    return charts_for(ds, list(table.observations))


def test_a_breakdown_of_whole_numbers_with_no_unit_is_charted_as_a_number_not_points(tmp_path):
    rows = [["Live births by local authority, 2023"], [],
            ["Local authority", "Live births", "Under 2500g"],
            ["Cardiff", 3921, 240], ["Swansea", 2011, 151], ["Wrexham", 1298, 77], ["Powys", 998, 52]]
    spec, = _charts(tmp_path, rows, "Live births by local authority, 2023")
    assert spec.y_label == "Live births, number", spec.y_label
