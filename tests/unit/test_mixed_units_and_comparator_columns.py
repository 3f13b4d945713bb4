"""A benchmarking table (our two years, then statistical neighbours, the region and England) is told
as our own figures over time, and no chart sets indicators of different units side by side: the old
chart said "highest for Care leavers in EET (%), at 52.0 per 10,000", a percentage ranked among
rates per 10,000 and given their unit."""

from awkward_workbooks import write_xlsx

from memberpack.analysis.charts import charts_for
from memberpack.importers import read_file
from memberpack.model.observation import Dataset


def _specs(tmp_path, header, rows):
    table, = read_file(write_xlsx(tmp_path / "b.xlsx", {"B": [["Benchmarking 2023/24"], [], header, *rows]})).tables
    ds = Dataset("Benchmarking", "b.xlsx", "0" * 64, "B", "A3:F7", table.layout.kind, key="b")
    return charts_for(ds, list(table.observations))


_INDICATORS = [("Children looked after rate per 10,000", 48.1, 50.6, 55.2, 58.3, 70.0),
               ("Child protection plan rate per 10,000", 35.4, 33.2, 40.1, 39.0, 41.6),
               ("Re-referrals within 12 months (%)", 20.1, 22.5, 21.0, 22.1, 22.4),
               ("Care leavers aged 19-21 in EET (%)", 52.0, 55.0, 54.0, 53.0, 56.0)]


def test_our_years_are_the_series_beside_the_comparators_columns(tmp_path):
    header = ["Indicator", "Somerset 2022/23", "Somerset 2023/24", "Statistical neighbours 2023/24",
              "South West 2023/24", "England 2023/24"]
    summaries = " ".join(spec.summary for spec in _specs(tmp_path, header, [list(r) for r in _INDICATORS]))
    assert "Re-referrals within 12 months (%): up 2.4 points from 20.1% in 2022/23 to 22.5% in 2023/24" in summaries
    assert "from 35.4 per 10,000 in 2022/23 to 33.2 per 10,000 in 2023/24" in summaries
    assert "52.0 per 10,000" not in summaries


def test_a_breakdown_of_indicators_in_different_units_charts_one_unit(tmp_path):
    header = ["Indicator", "Somerset", "Statistical neighbours", "England"]
    spec, = _specs(tmp_path, header, [[r[0], r[2], r[3], r[5]] for r in _INDICATORS])
    assert spec.unit == "per_10000" and spec.categories == [r[0] for r in _INDICATORS[:2]]
    assert "in another unit" in spec.left_out and "%" not in spec.summary.split("Not charted")[0]
