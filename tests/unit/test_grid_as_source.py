"""A table shown "as in the source" has the source's columns only, not figures derived from them."""

from awkward_workbooks import write_xlsx

from memberpack.importers import import_files
from memberpack.model.grid import Grid
from memberpack.store.pack import Pack


def test_benchmark_figures_read_out_of_text_are_not_extra_columns(tmp_path):
    book = write_xlsx(tmp_path / "kpi.xlsx", {"KPIs": [
        ["Indicator", "Q1", "Q2", "National benchmarking"],
        ["% of care leavers in education, employment or training", "37.0%", "43.0%", "England, 53% South West, 53%"],
    ]})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        (ds,) = pack.datasets()
        observations = pack.observations(ds.id)
    everything = Grid.of(observations).measures
    assert "Benchmark: England" in everything and "Benchmark: South West" in everything
    source = Grid.as_source(observations)
    assert source.measures == ["Q1", "Q2", "National benchmarking"]
    assert source.rows[0].cells["National benchmarking"].display == "England, 53% South West, 53%"


def test_a_columns_period_is_told_one_way_for_charts_and_for_the_monitors_latest_column():
    """One ``Grid.column_period`` serves the charts (rows giving no period left aside) and
    ``latest_first`` (every row must give it), where two copies had told a column's period."""
    from memberpack.model.monitor_columns import latest_first
    from memberpack.model.observation import Observation

    def obs(label, measure, period, row):
        return Observation(label, measure, 1.0, "GBP", "1", period=period, row=row, col=int(measure[-1]))

    grid = Grid.of([obs("Adults", "Forecast P8", "2020/21 Month 8", 0), obs("Adults", "Forecast P9", "2020/21 Month 9", 0),
                    obs("Total", "Forecast P8", None, 1), obs("Total", "Forecast P9", "2020/21 Month 9", 1)])
    assert [grid.column_period(m) for m in grid.measures] == ["2020/21 Month 8", "2020/21 Month 9"]
    assert [grid.column_period(m, every_row=True) for m in grid.measures] == [None, "2020/21 Month 9"]
    assert latest_first(grid, grid.measures) == ["Forecast P8", "Forecast P9"]   # (P8 is not dated on every row)
    dated = Grid.of([o for o in (obs("Adults", "Forecast P8", "2020/21 Month 8", 0),
                                 obs("Adults", "Forecast P9", "2020/21 Month 9", 0))])
    assert latest_first(dated, dated.measures) == ["Forecast P9", "Forecast P8"]
