"""Headlines and chart descriptions from the demo pack's budget monitor."""

from memberpack.analysis.charts import charts_for, money_text
from memberpack.analysis.headlines import headlines
from memberpack.model.charts import BAR
from memberpack.store.pack import Pack


def test_money_text():
    assert money_text(12_400_000) == "£12.4m"
    assert money_text(-900_000) == "(£900k)"
    assert money_text(980) == "£980"


def test_budget_headline_and_red_items(demo_pack):
    with Pack.open(demo_pack) as pack:
        result = headlines(pack)
    assert result.budget is not None and result.budget.variance > 0 and result.budget.flag == "A"
    assert "External Placements" in {item.label for item in result.red_items}


def test_variance_chart_marks_adverse_and_favourable(demo_pack):
    with Pack.open(demo_pack) as pack:
        ds = next(d for d in pack.datasets() if d.source_file.startswith("01_"))
        (chart,) = charts_for(ds, pack.observations(ds.id))
    assert chart.kind == BAR
    values = dict(zip(chart.categories, chart.series[0].values))
    statuses = dict(zip(chart.categories, chart.series[0].statuses))
    assert values["External Placements"] == 10_400_000
    assert statuses["External Placements"] == "adverse"
    assert statuses["Disabilities"] == "favourable"


def test_a_time_series_of_measures_is_not_drawn_as_earlier_years(demo_pack_master):
    with Pack.open(demo_pack_master) as pack:
        found = {ds.sheet: charts_for(ds, pack.observations(ds.id)) for ds in pack.datasets()
                 if ds.sheet in ("North Somerset", "Vulnerable Learners")}
    north = next(c for c in found["North Somerset"] if c.unit == "count")   # counts apart from rates
    assert [(s.name, s.role) for s in north.series][:2] == [("Children Looked After", "data"),
                                                           ("of whom unaccompanied asylum-seeking children", "data")]
    assert "Children Looked After" in north.summary
    suspensions = found["Vulnerable Learners"][0]     # rows that are years: the last is current
    assert [s.role for s in suspensions.series] == ["earlier", "earlier", "data"]
