"""Charts drawn from the same ChartSpec the app draws: colours, letters, dashes and titles."""

from __future__ import annotations

from reportlab.graphics.shapes import String

from memberpack.analysis.charts import active_title, charts_for
from memberpack.export.pdf_charts import MAX_BARS, chart_drawing
from memberpack.export.pdf_styles import ADVERSE, BENCHMARK, FAVOURABLE
from memberpack.model.charts import BAR, BENCHMARK as BENCHMARK_ROLE, LINE, ChartSpec, Series
from memberpack.model.observation import KPI_SCORECARD, Dataset, Observation


def _variance(values: list[float]) -> ChartSpec:
    statuses = ["adverse" if v > 0 else "favourable" if v < 0 else None for v in values]
    return ChartSpec("t#variance", BAR, "Variance £m by service", "", [f"Service {i}" for i in range(len(values))],
                     [Series("Variance £m", values, "data", statuses)], "GBP", "Source: t.xlsx")


def _strings(drawing) -> list[String]:
    out = []
    for node in drawing.getContents():
        if isinstance(node, String):
            out.append(node)
    return out


def test_variance_bars_are_coloured_and_lettered():
    drawing = chart_drawing(_variance([10_400_000.0, -700_000.0, 0.0]), ["A", "B", "C"], ["Variance £m"])
    labels = {s.text: s.fillColor for s in _strings(drawing)}
    assert labels["£10.4m A"] == ADVERSE and labels["(£700k) (F)"] == FAVOURABLE and "£0" in labels
    chart = drawing.getContents()[0]
    assert chart.bars[(0, 0)].fillColor == ADVERSE and chart.bars[(0, 1)].fillColor == FAVOURABLE


def test_many_bars_keep_the_largest_and_say_so():
    values = [float(i) for i in range(1, 61)]
    spec = _variance(values)
    drawing = chart_drawing(spec, spec.categories, ["Variance £m"])
    chart = drawing.getContents()[-1 - MAX_BARS]
    assert chart.data == [values[-MAX_BARS:]]
    assert f"The {MAX_BARS} largest of 60; the table lists all." in [s.text for s in _strings(drawing)]


def test_benchmark_lines_are_dashed():
    spec = ChartSpec("t#series", LINE, "CLA rate", "", ["2021/22", "2022/23"],
                     [Series("Somerset", [52.0, 55.2]), Series("England", [70.0, 71.0], BENCHMARK_ROLE)],
                     "per_10000", "Source: t.xlsx")
    drawing = chart_drawing(spec, spec.categories, ["Somerset", "England"])
    chart = drawing.getContents()[0]
    assert chart.lines[1].strokeDashArray and chart.lines[1].strokeColor == BENCHMARK
    assert chart.lines[0].strokeDashArray is None
    assert [s.text for s in _strings(drawing)] == ["Somerset", "England"]  # the key, names whole


def test_active_titles_say_what_the_chart_shows():
    assert active_title(_variance([10_400_000.0, 700_000.0, -500_000.0])) == "Overspends of £11.1m, led by Service 0"
    assert active_title(_variance([-1.0, 700_000.0])) == "Overspend of £700k, all in Service 1"
    assert active_title(_variance([-1.0, 0.0])) == "No service is forecast to overspend"
    spec = ChartSpec("t#series", LINE, "CLA rate", "", ["2020/21", "2021/22", "2022/23"],
                     [Series("England", [67.0, 70.0, 71.0], BENCHMARK_ROLE), Series("Somerset", [52.0, None, 50.5])],
                     "per_10000", "")
    assert active_title(spec) == "Somerset: down from 52.0 (2020/21) to 50.5 (2022/23)"


def test_line_legend_names_every_series_and_a_gridline_tops_the_highest_point():
    spec = ChartSpec("t#series", LINE, "Children looked after", "", ["Year-End 2019/20", "Q1 2020/21", "Q3 2020/21"],
                     [Series("Children Looked After", [None, 227.0, 221.0], "data"),
                      Series("of whom unaccompanied asylum-seeking children", [None, 12.0, 15.0], "data")],
                     "count", "Source: t.xlsx")
    drawing = chart_drawing(spec, spec.categories, [s.name for s in spec.series])
    texts = {s.text for s in _strings(drawing)}
    assert {"Children Looked After", "of whom unaccompanied asylum-seeking children"} <= texts
    chart = drawing.getContents()[0]
    chart.valueAxis.configure(chart.data)
    assert max(chart.valueAxis._tickValues) >= 227   # a gridline above the highest point


def test_comparison_trend_highlights_our_line_and_keeps_the_gaps_visible():
    spec = ChartSpec("t#compare:CLA", LINE, "CLA rate: how we compare", "", ["2019", "2020"],
                     [Series("Somerset", [50.0, 52.0]), Series("England", [65.0, 67.0], BENCHMARK_ROLE),
                      Series("South West", [55.0, 57.0], BENCHMARK_ROLE),
                      Series("Statistical neighbours average", [51.9, 53.0], BENCHMARK_ROLE)],
                     "per_10000", "Source: t.csv")
    names = [s.name for s in spec.series]
    chart = chart_drawing(spec, spec.categories, names, from_zero=False).getContents()[0]
    ours, *others = (chart.lines[i] for i in range(4))
    assert ours.strokeDashArray is None and all(o.strokeDashArray for o in others)
    assert all(ours.strokeWidth > o.strokeWidth for o in others)
    assert len({str(o.strokeColor) for o in others}) == 3  # England, region and neighbours told apart
    assert chart.valueAxis.valueMin is None  # not from zero: 50 to 67 is not squashed into the top
    assert chart_drawing(spec, spec.categories, names).getContents()[0].valueAxis.valueMin == 0


def test_a_scorecard_chart_keeps_one_unit_and_its_benchmarks():
    rows = [("Care leavers in EET", "percent", [55.0, 58.0]), ("Foster carers", "count", [62.0, 63.0]),
            ("England", None, [54.0, 55.0])]
    observations = [Observation(label, period, value, unit, f"{value:g}", period=period, row=r, col=c,
                                cell=f"{'BC'[c - 1]}{r + 2}")
                    for r, (label, unit, values) in enumerate(rows) for c, (period, value) in
                    enumerate(zip(["Q1 2020/21", "Q2 2020/21"], values), start=1)]
    (spec,) = charts_for(Dataset("KCPIs", "k.xlsx", "0" * 64, "KPIs", "A1:C4", KPI_SCORECARD, key="k"),
                         observations)
    assert [(s.name, s.role) for s in spec.series] == [("Care leavers in EET", "data"), ("England", "benchmark")]
    assert spec.unit == "percent"
