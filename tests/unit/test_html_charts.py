"""The HTML briefing's inline SVG charts."""

import re

from memberpack.export.chart_figures import chart_figures
from memberpack.export.html_charts import chart_svg
from memberpack.export.note_plan import NotePlan
from memberpack.model.charts import LINE, ChartSpec, Series


def test_measures_of_very_different_sizes_get_their_own_axes_as_in_the_app_and_the_pdf():
    """About 1,000 early help interventions beside about 60 foster carers were drawn on one axis
    from 0 to 1,250, the foster carers flat along the bottom; each now has its own axes."""
    spec = ChartSpec("t#series", LINE, "Counts", "", ["Q1 2020/21", "Q2 2020/21", "Q3 2020/21"],
                     [Series("Early help interventions", [1035.0, 911.0, 1028.0]),
                      Series("Foster carers", [65.0, 63.0, 62.0])], "count", "Source: t.xlsx", y_label="number")
    svg = chart_svg(chart_figures(spec, None, NotePlan([], [], None)), "c1")
    ticks = re.findall(r'text-anchor="end" fill="[^"]+">([\d,]+)</text>', svg)
    assert {"1,000", "20", "40", "60"} <= set(ticks)            # two scales, not one from 0 to 1,250
    assert ticks.count("0") == 2                                 # two sets of axes
    heights = [float(y) for y in re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)]
    carers = heights[3:]
    assert max(carers) - min(carers) > 2                         # the smaller measure is not a flat line


def test_a_mark_where_a_figure_would_be_is_written_on_the_chart_as_in_the_pdf():
    """``DNA`` for a quarter and ``c. 580`` on an estimate: the HTML chart had shown neither."""
    spec = ChartSpec("t#series", LINE, "Foster carers", "", ["Q1 2020/21", "Q2 2020/21", "Q3 2020/21"],
                     [Series("Foster carers", [65.0, None, 580.0], marks=["", "DNA", "c. 580"])], "count",
                     "Source: t.xlsx", y_label="number")
    svg = chart_svg(chart_figures(spec, None, NotePlan([], [], None)), "c1")
    assert ">DNA</text>" in svg and ">c. 580</text>" in svg


def test_a_slanted_period_is_written_whole_as_in_the_pdf():
    """"Year-End 2019/20" under side-by-side charts was cut to "Year-End 2019/…"."""
    periods = ["Year-End 2019/20", "Q1 2020/21", "Q2 2020/21", "Q3 2020/21", "Q4 2020/21"]
    spec = ChartSpec("t#series", LINE, "Counts", "", periods,
                     [Series("Early help interventions", [1050.0, 1035.0, 911.0, 1028.0, None]),
                      Series("Foster carers", [62.0, 65.0, 63.0, 62.0, None])], "count", "Source: t.xlsx",
                     y_label="number")
    svg = chart_svg(chart_figures(spec, None, NotePlan([], [], None)), "c1")
    assert svg.count(">Year-End 2019/20</text>") == 2 and "…" not in svg


def test_a_screen_reader_hears_the_charts_sentence_once():
    """The chart's description was its title, then its summary (which starts with the title): "Net
    underspend of £0.7m at Month 6. Net underspend of £0.7m at Month 6, ...", after the title itself."""
    spec = ChartSpec("t#series", LINE, "Foster carers: down 3 from 65 to 62", "Foster carers: down 3 from 65 to 62 (worse).",
                     ["Q1 2020/21", "Q2 2020/21", "Q3 2020/21"], [Series("Foster carers", [65.0, 63.0, 62.0])],
                     "count", "Source: t.xlsx", y_label="number")
    svg = chart_svg(chart_figures(spec, None, NotePlan([], [], None)), "c1")
    desc = re.search(r'<desc id="c1-d">(.*?)</desc>', svg).group(1)
    assert desc == "Foster carers: down 3 from 65 to 62 (worse). The figures are in the table below the chart."
