"""Money in charts in a short scale, as the briefing's sentences write it: a whole-pound table's
£129,968,128 is £130.0m beside its bar and its axis is in £m; a £k table's 229,113 is £229.1m, not
"£229,113k"; a small figure beside them keeps the table's own (£500, not £0.0m)."""

from __future__ import annotations

import re

from awkward_workbooks import write_xlsx
from reportlab.graphics.shapes import String

from memberpack.analysis.charts import charts_for, point_text
from memberpack.export.chart_figures import chart_figures
from memberpack.export.html_charts import chart_svg
from memberpack.export.note_plan import NotePlan
from memberpack.export.pdf_charts import chart_drawing
from memberpack.importers import read_file
from memberpack.model.observation import Dataset

POUNDS = [["Capital programme 2024/25"], [],
          ["Scheme", "Budget £", "Forecast £", "Variance £"],
          ["New school places", 250_000_000, 379_968_128, 129_968_128],
          ["Highways", 20_000_000, 19_304_293, -695_707],
          ["Libraries", 100_000, 100_500, 500]]
THOUSANDS = [["Revenue budget monitor 2024/25"], [],
             ["Service", "Budget £000", "Forecast £000", "Variance £000"],
             ["Adult social care", 300_000, 529_113, 229_113],
             ["Children's services", 90_000, 89_520, -480]]


def _chart(tmp_path, rows):
    table, = read_file(write_xlsx(tmp_path / "t.xlsx", {"S": rows})).tables
    ds = Dataset(rows[0][0], "t.xlsx", "0" * 64, "S", "A1", table.layout.kind, key="t")
    spec, = (s for s in charts_for(ds, list(table.observations)) if s.kind == "bar")
    return spec


def _texts(drawing) -> list[str]:
    out: list[str] = []

    def walk(node) -> None:
        if isinstance(node, String):
            out.append(node.text)
        if not hasattr(node, "contents") and not hasattr(node, "getContents") and hasattr(node, "draw"):
            node = node.draw()   # a chart widget: its axes and labels, as drawn
        for child in getattr(node, "contents", None) or (node.getContents() if hasattr(node, "getContents") else []):
            walk(child)
    walk(drawing)
    return out


def test_a_whole_pound_chart_writes_its_millions_in_pounds_millions(tmp_path):
    spec = _chart(tmp_path, POUNDS)
    labels = [point_text(v, spec.unit, spec) for v in spec.series[0].values]
    assert labels == ["£130.0m", "£500", "(£696k)"]   # the overspends first
    assert (spec.scale, spec.y_label) == (1e6, "Variance, £m")


def test_a_thousands_chart_writes_its_millions_in_pounds_millions(tmp_path):
    spec = _chart(tmp_path, THOUSANDS)
    assert [point_text(v, spec.unit, spec) for v in spec.series[0].values] == ["£229.1m", "(£480k)"]
    assert (spec.scale, spec.y_label) == (1e6, "Variance, £m")


def test_pdf_and_web_charts_print_no_long_money(tmp_path):
    spec = _chart(tmp_path, POUNDS)
    pdf = _texts(chart_drawing(spec, spec.categories, [s.name for s in spec.series]))
    assert "£130.0m A" in pdf and {"£0m", "£50m", "£100m"} <= set(pdf), pdf   # the axis ticks in its £m
    svg = chart_svg(chart_figures(spec, None, NotePlan([], [], None)), "c1")
    for texts in (pdf, [svg]):
        assert not re.search(r"\d,\d{3},\d{3}|\d,\d{3}k", " ".join(texts)), texts


MILLIONS = [["Revenue budget monitor 2024/25"], [],
            ["Service", "Budget £m", "Forecast £m", "Variance £m"],
            ["Adult social care", 300.0, 310.4, 10.4],
            ["Libraries", 5.0, 5.0, 0.0],
            ["Children's services", 90.0, 89.3, -0.7]]


def test_a_zero_variance_reads_nothing_in_pounds_not_a_tenth_of_a_million(tmp_path):
    """A service on budget had '£0.0m' beside its bar, as if a fraction of a million had been rounded away."""
    spec = _chart(tmp_path, MILLIONS)
    assert [point_text(v, spec.unit, spec) for v in spec.series[0].values] == ["£10.4m", "£0", "(£0.7m)"]
    assert point_text(-0.0, spec.unit, spec) == "£0"
    pdf = _texts(chart_drawing(spec, spec.categories, [s.name for s in spec.series]))
    assert "£10.4m A" in pdf and "£0" in pdf and "(£0.7m) (F)" in pdf, pdf
    svg = chart_svg(chart_figures(spec, None, NotePlan([], [], None)), "c1")
    assert ">£0<" in svg and ">£0.0m<" not in svg
