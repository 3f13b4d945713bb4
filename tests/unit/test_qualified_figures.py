"""Figures the source writes as not sure (``c. 580``, ``943 (p)``, ``5,400 [e]``, ``395?``) are quoted
as written wherever they appear: in the sentence about the table, beside their point on the chart
(the app's and the PDF's), never as a plain figure and never dropped without a word."""

from __future__ import annotations

from reportlab.graphics.shapes import String

from memberpack.analysis.charts import charts_for
from memberpack.export.pdf_charts import chart_drawing
from memberpack.model.observation import TIME_SERIES, Dataset, Observation
from memberpack.model.values import parse_text

PERIODS = ["Q1 2022/23", "Q2 2022/23", "Q3 2022/23"]
ROWS = [("Number of children looked after", ["575", "c. 580", "584"]),
        ("Care leavers (16-21)", ["390", "392", "395?"]),
        ("Contacts in the quarter", ["5,100", "5,318 [r]", "5,400 [e]"])]


def _specs():
    observations = []
    for r, (label, texts) in enumerate(ROWS, start=3):
        for c, (period, text) in enumerate(zip(PERIODS, texts), start=1):
            v = parse_text(text)
            observations.append(Observation(label, period, v.value, v.unit or ("count" if v.value is not None else None),
                                            v.display, status=v.status, period=period, row=r, col=c,
                                            cell=f"{'BCD'[c - 1]}{r}"))
    return charts_for(Dataset("KPIs", "k.xlsx", "0" * 64, "KPIs", "A2:D5", TIME_SERIES, key="k"), observations)


def _series(spec, name):
    return next(s for s in spec.series if s.name == name)


def test_a_sentence_quotes_an_estimated_figure_as_written():
    spec, = _specs()
    assert spec.title == "Contacts in the quarter: up 82 from 5,318 [r] in Q2 2022/23 to 5,400 [e] in Q3 2022/23"


def test_the_chart_marks_qualified_points_and_a_queried_figure_with_what_the_source_wrote():
    spec, = _specs()
    assert _series(spec, "Number of children looked after").marks == ["", "c. 580", ""]
    assert _series(spec, "Care leavers (16-21)").marks == ["", "", "395?"]   # no figure, not left silent
    assert _series(spec, "Contacts in the quarter").marks == ["", "5,318 [r]", "5,400 [e]"]
    assert _series(spec, "Number of children looked after").values == [575.0, 580.0, 584.0]


def test_the_pdf_chart_writes_the_marks_beside_their_points():
    spec, = _specs()
    drawing = chart_drawing(spec, spec.categories, [s.name for s in spec.series])
    texts = set()
    stack = [drawing]
    while stack:
        node = stack.pop()
        texts |= {node.text} if isinstance(node, String) else set()
        stack += list(getattr(node, "contents", []) or [])
    assert {"c. 580", "395?", "5,400 [e]"} <= texts
