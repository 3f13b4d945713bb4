"""Homelessness approaches, households in temporary accommodation, rough sleepers and unauthorised
absence are pressures: each is worse when it rises, in the headlines and in the chart's sentence, and a
sentence spells out 'TA' (the table keeps the label as written). The old catalogue knew none but rough
sleepers, so the rest rose with no word of worse."""

from awkward_workbooks import write_xlsx

from memberpack.analysis.charts import charts_for
from memberpack.analysis.headlines import headlines
from memberpack.cli import main
from memberpack.model.metrics import LOWER, match_metric
from memberpack.store.pack import Pack

_ROWS = [["Measure", "Q1 2024/25", "Q2 2024/25"], ["Homelessness approaches", 512, 547],
         ["Households in TA", 301, 322], ["Rough sleepers", 14, 19], ["Unauthorised absence (%)", 1.8, 2.3]]


def _pack(tmp_path, sheets):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(write_xlsx(tmp_path / "housing.xlsx", sheets))]) == 0
    return Pack.open(pack)


def test_each_is_lower_is_better():
    assert {label: match_metric(label).polarity for label, *_ in _ROWS[1:]} == dict.fromkeys(
        ["Homelessness approaches", "Households in TA", "Rough sleepers", "Unauthorised absence (%)"], LOWER)


def test_a_rise_is_worse_in_the_headlines_and_ta_is_spelled_out(tmp_path):
    with _pack(tmp_path, {"Housing": [["Housing and attendance indicators"], [], *_ROWS]}) as opened:
        worse = headlines(opened).worse_kpis
    assert [(i.name, i.display, i.previous_display) for i in worse] == [
        ("Homelessness approaches", "547", "512"), ("Households in temporary accommodation", "322", "301"),
        ("Rough sleepers", "19", "14"), ("Unauthorised absence (%)", "2.3", "1.8")]
    assert worse[1].label == "Households in TA"


def test_the_charts_sentence_says_worse_and_spells_out_ta(tmp_path):
    rows = [["Temporary accommodation"], [], ["Measure", "Q1 2024/25", "Q2 2024/25"], ["Households in TA", 301, 322]]
    with _pack(tmp_path, {"TA": rows}) as opened:
        ds, = opened.datasets()
        chart, = charts_for(ds, list(opened.observations(ds.id)))
        cells = {o.cell: o.label for o in opened.observations(ds.id)}
    assert chart.summary == ("Households in temporary accommodation: up 21 from 301 in Q1 2024/25 to 322 in "
                             "Q2 2024/25 (worse).")
    assert cells["C4"] == "Households in TA"
