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


def test_a_code_on_every_row_names_its_row_rather_than_heading_it():
    """A ward's code on each row (``ref``: 20718 over Almond) had printed a heading over every row,
    doubling them; the rows are named with it instead, the grid's own sections left as they are."""
    from memberpack.model.observation import Observation

    wards = [("Almond", "20718", 47_899.0), ("Pentland Hills", "20719", 42_861.0), ("Forth", "20721", 32_491.0)]
    observations = [Observation(label=name, measure="Average annual household income", value=value, unit=None,
                                display=f"{value:,.0f}", status=None, section=code, period=None, row_role="data",
                                sheet="S", cell=f"C{n + 2}", row=n, col=0) for n, (name, code, value) in enumerate(wards)]
    shown = Grid.as_source(observations)
    assert [(row.label, row.section) for row in shown.rows] == [
        ("Almond (20718)", None), ("Pentland Hills (20719)", None), ("Forth (20721)", None)]
    assert [row.section for row in Grid.of(observations).rows] == ["20718", "20719", "20721"]
    two_a_section = observations + [Observation(
        label="Balerno", measure="Average annual household income", value=51_000.0, unit=None, display="51,000",
        status=None, section="20721", period=None, row_role="data", sheet="S", cell="C5", row=3, col=0)]
    assert Grid.as_source(two_a_section).rows[0].label == "Almond"   # real sections keep their headings
