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
