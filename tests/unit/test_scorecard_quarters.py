"""A corporate KPI scorecard as officers write it: last year's outturn, this year's quarters, the
year's target, a RAG rating and an arrow, one indicator per row in its own unit (a rate per
100,000, a percentage, days). The old reading doubted the whole table ("2023/24 Outturn looks like
money"), and its charts told the target as the latest figure ("up 281.3 from 298.7 in Q2 2024/25 to
580.0 in 2024/25") and a quarter as a fall from the whole year ("down 7.6 from 10.2 in 2023/24 to
2.6 in Q1 2024/25")."""

from awkward_workbooks import write_xlsx

from memberpack.analysis.charts import charts_for
from memberpack.importers import read_file
from memberpack.model.observation import Dataset
from memberpack.model.units import find_unit

_HEADER = ["Ref", "Indicator", "2023/24 Outturn", "Q1 2024/25", "Q2 2024/25", "Target 2024/25", "RAG", "DoT"]
_ROWS = [["ASC01", "Permanent admissions to care homes (65+) per 100,000", 612.4, 150.2, 298.7, 580, "Green", "↑"],
         ["HR01", "Average working days lost to sickness per FTE", 10.2, 2.6, "TBC", 9, "", "↔"],
         ["CSC01", "Number of children looked after", 412, 420, 431, 400, "Red", "↓"]]


def _table(tmp_path):
    path = write_xlsx(tmp_path / "kpi.xlsx", {"KPIs": [["Corporate Performance Scorecard - Quarter 2"], [],
                                                       _HEADER, *_ROWS]})
    table, = read_file(path).tables
    return table


def test_a_scorecard_of_outturns_and_rates_per_100000_is_read_without_doubt(tmp_path):
    table = _table(tmp_path)
    cells = {o.cell: o for o in table.observations}
    assert table.report.verdict != "unsure", table.report.doubts
    assert (cells["C4"].value, cells["C4"].unit, cells["E6"].unit) == (612.4, "number", "count")
    assert (cells["H4"].status, cells["H5"].status, cells["H6"].status) == ("up", "level", "down")


def test_a_scorecards_charts_tell_quarter_on_quarter_never_the_target_as_a_figure(tmp_path):
    table = _table(tmp_path)
    ds = Dataset("KPIs", "kpi.xlsx", "0" * 64, "KPIs", "A3:H6", table.layout.kind, key="k")
    summaries = " ".join(spec.summary for spec in charts_for(ds, list(table.observations)))
    assert "up 148.5 from 150.2 in Q1 2024/25 to 298.7 in Q2 2024/25" in summaries
    assert "up 11 from 420 in Q1 2024/25 to 431 in Q2 2024/25" in summaries
    assert "Average working days lost to sickness per FTE: 2.6 in Q1 2024/25." in summaries
    assert "580" not in summaries and "9.0" not in summaries and "down 7.6" not in summaries


def test_rates_per_1000_and_per_100000_are_units():
    assert find_unit("Referrals per 1,000 children").symbol == "per 1,000"
    assert find_unit("Admissions per 100,000 population").symbol == "per 100,000"
    assert find_unit("Rate per 10,000 children").symbol == "per 10,000"
    assert find_unit("per 1,000,000") is None


def test_an_indicator_worse_this_quarter_is_a_headline_whatever_its_target_and_last_year(tmp_path):
    """EHC plans within 20 weeks fell from 51% in Q1 to 38% in Q2: worse, though the target (60%)
    is higher than Q2 (the old reading set the target against Q2 and saw a rise); and a first
    quarter's cumulative rate below last year's whole-year rate is no fall."""
    from memberpack.analysis.headlines import _worse_kpis
    from memberpack.model.grid import Grid

    rows = [["Ref", "Indicator", "2023/24 Outturn", "Q1 2024/25", "Q2 2024/25", "Target 2024/25"],
            ["ED01", "% of EHC plans issued within 20 weeks", "42%", "51%", "38%", "60%"],
            ["FIN01", "% of care leavers in education, employment or training", "55%", "30%", None, "60%"]]
    table, = read_file(write_xlsx(tmp_path / "k.xlsx", {"KPIs": rows})).tables
    ds = Dataset("KPIs", "k.xlsx", "0" * 64, "KPIs", "A1:F3", table.layout.kind, key="k")
    items = _worse_kpis(ds, Grid.of(list(table.observations)))
    assert [(i.label, i.display, i.previous_display) for i in items] == [
        ("% of EHC plans issued within 20 weeks", "38%", "51%")]


def test_quarters_written_qtr_or_ordinal_are_quarters():
    """``Qtr 1`` had been no period (a scorecard's quarters all the title's year, charted as a
    breakdown), and ``Qtr 1 2024/25`` the whole year."""
    from memberpack.model.periods import parse_period

    assert [parse_period(t).label() for t in ("Qtr 1", "Qtr. 2", "Qtr 1 2024/25", "1st Quarter", "3rd Qtr 2023/24")] == [
        "Q1", "Q2", "Q1 2024/25", "Q1", "Q3 2023/24"]
    assert parse_period("Quarterly") is None and parse_period("Qtrs") is None
