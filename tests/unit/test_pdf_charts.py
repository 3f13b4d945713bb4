"""Charts drawn from the same ChartSpec the app draws: colours, letters, dashes, markers, ranges and
axis titles (issue 13: benchmarks with one figure drawn, lines broken at gaps, units on axes)."""

from __future__ import annotations

from reportlab.graphics.shapes import PolyLine, String

from memberpack.analysis.charts import charts_for
from memberpack.export.pdf_charts import MAX_BARS, chart_drawing
from memberpack.export.pdf_styles import ADVERSE, FAVOURABLE
from memberpack.model.charts import (BAR, BENCHMARK as BENCHMARK_ROLE, LINE, ChartSpec, Series, contrast, line_groups,
                                     readable, series_styles, value_range)
from memberpack.model.observation import KPI_SCORECARD, Dataset, Observation


def _variance(values: list[float]) -> ChartSpec:
    statuses = ["adverse" if v > 0 else "favourable" if v < 0 else None for v in values]
    return ChartSpec("t#variance", BAR, "Variance £m by service", "", [f"Service {i}" for i in range(len(values))],
                     [Series("Variance £m", values, "data", statuses)], "GBP", "Source: t.xlsx",
                     y_label="Variance, £m", scale=1e6, decimals=1)


def _strings(drawing) -> list[String]:
    out = []
    for node in drawing.getContents():
        out += [node] if isinstance(node, String) else [n for n in getattr(node, "contents", []) if isinstance(n, String)]
    return out


def _luminance(hex_colour: str) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def _scorecard() -> ChartSpec:
    return ChartSpec("t#series", LINE, "CLA rate", "", ["Year-End 2019/20", "Q1 2020/21", "Q2 2020/21", "Q3 2020/21"],
                     [Series("North Somerset", [53.7, None, 50.0, 51.0], marks=["", "DNA", "", ""]),
                      Series("England", [None, None, None, 67.0], BENCHMARK_ROLE),
                      Series("South West", [None, None, None, 57.0], BENCHMARK_ROLE)],
                     "per_10000", "Source: t.xlsx", y_label="rate per 10,000", x_label="Period",
                     y_range=value_range([53.7, 50.0, 51.0, 67.0, 57.0]))


def test_variance_bars_are_coloured_and_lettered_in_the_tables_scale():
    drawing = chart_drawing(_variance([10_400_000.0, -700_000.0, 0.0]), ["A", "B", "C"], ["Variance £m"])
    labels = {s.text: s.fillColor for s in _strings(drawing)}
    assert labels["£10.4m A"] == ADVERSE and labels["(£0.7m) (F)"] == FAVOURABLE
    assert "£0" in labels and "£0.0m" not in labels   # a service on budget: nothing, not a tenth of a million
    assert "Variance, £m" in labels   # the value axis has its title and unit
    chart = next(n for n in drawing.getContents() if hasattr(n, "bars"))
    assert chart.bars[(0, 0)].fillColor == ADVERSE and chart.bars[(0, 1)].fillColor == FAVOURABLE


def test_many_bars_keep_the_largest_and_say_so():
    values = [float(i) for i in range(1, 61)]
    spec = _variance(values)
    drawing = chart_drawing(spec, spec.categories, ["Variance £m"])
    chart = next(n for n in drawing.getContents() if hasattr(n, "bars"))
    assert chart.data == [values[-MAX_BARS:]]
    assert f"The {MAX_BARS} largest of 60; the table lists all." in [s.text for s in _strings(drawing)]


def test_a_benchmark_with_one_figure_is_drawn_as_a_marker():
    spec = _scorecard()
    drawing = chart_drawing(spec, spec.categories, [s.name for s in spec.series])
    markers = [n for n in drawing.getContents() if type(n).__name__ == "Marker"]
    # 3 points of ours, England's and the South West's single figures, and one marker per key entry
    assert len(markers) == 3 + 1 + 1 + 3


def test_a_missing_value_breaks_the_line_and_its_mark_is_written_on_the_axis():
    spec = _scorecard()
    drawing = chart_drawing(spec, spec.categories, [s.name for s in spec.series])
    lines = [n for n in drawing.getContents() if isinstance(n, PolyLine)]
    assert len(lines) == 1 and len(lines[0].points) == 4   # Q2 to Q3 only: not drawn across the DNA quarter
    assert "DNA" in [s.text for s in _strings(drawing)]


def test_axes_carry_their_units():
    spec = _scorecard()
    texts = [s.text for s in _strings(chart_drawing(spec, spec.categories, [s.name for s in spec.series]))]
    assert "rate per 10,000" in texts and "Period" in texts


def test_series_of_one_chart_differ_by_dash_and_marker_and_contrast_with_white():
    spec = _scorecard()
    looks = series_styles(spec)
    assert len({look.dash for look in looks}) == len(looks) and len({look.marker for look in looks}) == len(looks)
    assert all((1.05) / (_luminance(look.colour) + 0.05) >= 3.0 for look in looks)


def test_on_a_dark_background_series_keep_their_hue_dash_and_3_to_1():
    spec = _scorecard()
    light, dark = series_styles(spec), series_styles(spec, "#1e1f22")
    assert [look.colour for look in light] == [look.colour for look in series_styles(spec, "#ffffff")]  # paper
    assert all(contrast(look.colour, "#1e1f22") >= 3.0 for look in dark)
    assert [(d.dash, d.marker) for d in dark] == [(d.dash, d.marker) for d in light]
    assert readable("#1f5fa8", "#1e1f22") != "#1f5fa8" and readable("#1f5fa8", "#ffffff") == "#1f5fa8"
    assert contrast("#000000", "#ffffff") == 21.0


def test_ranges_start_at_zero_or_span_both_signs():
    assert value_range([15.8, 15.4]) == (0.0, 15.8 * 1.1)        # a 0.4-point fall is not a collapse
    assert value_range([-3.0, -1.0]) == (-3.0 * 1.1, 0.0)
    low, high = value_range([-2.0, 52.0])
    assert low < -2.0 < 0.0 < 52.0 < high


def test_a_scorecard_chart_keeps_one_unit_and_its_benchmarks():
    rows = [("Care leavers in EET", "percent", [55.0, 58.0]), ("Foster carers", "count", [62.0, 63.0]),
            ("England", None, [54.0, 55.0])]
    observations = [Observation(label, period, value, unit, f"{value:g}", period=period, row=r, col=c,
                                cell=f"{'BC'[c - 1]}{r + 2}")
                    for r, (label, unit, values) in enumerate(rows) for c, (period, value) in
                    enumerate(zip(["Q1 2020/21", "Q2 2020/21"], values), start=1)]
    specs = charts_for(Dataset("KCPIs", "k.xlsx", "0" * 64, "KPIs", "A1:C4", KPI_SCORECARD, key="k"), observations)
    by_unit = {spec.unit: [(s.name, s.role) for s in spec.series] for spec in specs}
    assert by_unit == {"percent": [("Care leavers in EET", "data"), ("England", "benchmark")],
                       "count": [("Foster carers", "data")]}   # every measure charted, one unit per axis
    assert {spec.y_label for spec in specs} == {"%", "number"}


def test_measures_of_very_different_sizes_are_drawn_on_their_own_axes_as_in_the_app():
    """Foster carers (about 60) beside early help interventions (about 1,000): each on its own axes
    from zero, so the smaller is not flattened along the bottom; styles as in the whole chart."""
    spec = ChartSpec("t#series", LINE, "Counts", "", ["Q1 2020/21", "Q2 2020/21", "Q3 2020/21"],
                     [Series("Early help interventions", [1035.0, 911.0, 1028.0]),
                      Series("Foster carers", [65.0, 63.0, 62.0])], "count", "Source: t.xlsx", y_label="number",
                     y_range=value_range([1035.0, 911.0, 1028.0, 65.0, 63.0, 62.0]))
    assert len(line_groups(spec)) == 2
    drawing = chart_drawing(spec, spec.categories, [s.name for s in spec.series])
    ticks = {s.text for s in _strings(drawing)} | {s.text for g in drawing.contents for s in _strings(g)}
    assert {"1,000", "20", "40", "60"} <= ticks                 # two scales, not one from 0 to 1,000
    assert len(drawing.contents) == 2                             # two sets of axes


def test_many_measures_of_different_sizes_break_between_rows_of_small_multiples(tmp_path):
    """Fourteen measures each ten times the last are seven rows of small multiples, taller than a
    page: the drawing could not be split, and reportlab stopped the export with a LayoutError."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate

    from memberpack.export.pdf_charts import RowsDrawing

    series = [Series(f"Measure {i}", [10.0 ** i, 1.1 * 10.0 ** i]) for i in range(14)]
    spec = ChartSpec("t#many", LINE, "Counts", "", ["Q1 2020/21", "Q2 2020/21"], series, "count", "Source: t.xlsx",
                     y_label="number")
    assert len(line_groups(spec)) == 14
    drawing = chart_drawing(spec, spec.categories, [s.name for s in spec.series])
    assert isinstance(drawing, RowsDrawing) and len(drawing.rows) == 7 and drawing.height > A4[1]
    first, rest = drawing.split(drawing.width, drawing.height / 2)
    assert len(first.rows) + len(rest.rows) == 7 and first.height <= drawing.height / 2
    doc = SimpleDocTemplate(str(tmp_path / "many.pdf"), pagesize=A4)
    doc.build([drawing])                                         # LayoutError before
    assert doc.page >= 2


def test_a_period_on_a_slanted_axis_is_written_whole():
    """Side-by-side charts slant their periods: "Year-End 2019/20" was cut to "Year-End 201…",
    which could be any year of a decade."""
    periods = ["Year-End 2019/20", "Q1 2020/21", "Q2 2020/21", "Q3 2020/21", "Q4 2020/21"]
    spec = ChartSpec("t#series", LINE, "Counts", "", periods,
                     [Series("Early help interventions", [1050.0, 1035.0, 911.0, 1028.0, None]),
                      Series("Foster carers", [62.0, 65.0, 63.0, 62.0, None])], "count", "Source: t.xlsx",
                     y_label="number", x_label="Period",
                     y_range=value_range([1050.0, 1035.0, 911.0, 1028.0, 62.0, 65.0, 63.0, 62.0]))
    drawing = chart_drawing(spec, spec.categories, [s.name for s in spec.series])

    def texts(node) -> set[str]:
        found = {node.text} if isinstance(node, String) else set()
        for child in getattr(node, "contents", []):
            found |= texts(child)
        return found

    shown = texts(drawing)
    assert set(periods) <= shown, shown


def test_the_value_axis_title_clears_the_widest_tick():
    """"£" was printed over "£1,000,000" on the agency staffing chart: ticks of seven figures are
    wider than the room left of the axis."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from memberpack.export.pdf_styles import FONT

    spec = ChartSpec("t#series", LINE, "Agency staffing spend", "", ["2016/17", "2017/18", "2018/19"],
                     [Series("Agency staffing spend", [1700734.0, 1158238.0, 846913.0])], "GBP", "Source: t.csv",
                     y_label="£", x_label="Period", y_range=value_range([1700734.0, 1158238.0, 846913.0]))
    drawing = chart_drawing(spec, spec.categories, [s.name for s in spec.series])
    ticks = [s for s in _strings(drawing) if s.text.startswith("£") and s.textAnchor == "end"]
    left_of_ticks = min(s.x - stringWidth(s.text, FONT, s.fontSize) for s in ticks)
    title = next(g for g in drawing.contents if not isinstance(g, String) and any(
        isinstance(n, String) and n.text == "£" for n in getattr(g, "contents", [])))
    title_right = title.transform[4] + next(n.fontSize for n in title.contents if isinstance(n, String)) / 2
    assert title_right < left_of_ticks


def test_the_widest_bar_name_is_printed_whole_where_it_fits():
    """The bars' label column is as wide as their widest name; that name had been cut to '…' alone
    when adding and taking back the column's margin left it a hair too wide (a bar with no name)."""
    from reportlab.graphics.charts.barcharts import HorizontalBarChart

    for names in (["Alder Primary", "Birch Academy", "Cedar High", "D"], ["A", "B", "C", "D"]):
        spec = ChartSpec("t#breakdown", BAR, "Pupils by school", "", names,
                         [Series("Pupils", [1200.0, 3400.0, 5600.0, 2500.0])], "count", "Source: t.xlsx")
        drawing = chart_drawing(spec, names, ["Pupils"])
        chart = next(n for n in drawing.getContents() if isinstance(n, HorizontalBarChart))
        assert sorted(chart.categoryAxis.categoryNames) == sorted(names)
