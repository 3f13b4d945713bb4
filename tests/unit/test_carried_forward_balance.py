"""A DSG reserve position: the deficit brought forward and the year's add up to the deficit carried
forward, yet that row is the figure the statement is for, not a sub total of a group named after it.
The old reading made it one (the table's section heading), and "Reserves and deficits" said no
table shows a deficit."""

from awkward_workbooks import write_xlsx

from memberpack.analysis.charts import charts_for, table_summary
from memberpack.analysis.headlines import headlines
from memberpack.cli import main
from memberpack.export.chart_figures import chart_figures
from memberpack.export.note_plan import NotePlan
from memberpack.importers import read_file
from memberpack.model.observation import Dataset
from memberpack.store.pack import Pack

_ROWS = [["DSG reserve position", "£000s"],
         ["Cumulative deficit brought forward 1 April 2024", -28450],
         ["Forecast in-year deficit", -12370],
         ["Forecast cumulative deficit carried forward 31 March 2025", -40820],
         ["Safety Valve agreement target deficit 31 March 2025", -31000]]


def test_the_deficit_carried_forward_is_a_figure_and_a_deficit_the_briefing_tells(tmp_path):
    path = write_xlsx(tmp_path / "dsg.xlsx", {"DSG M8": _ROWS})
    table, = read_file(path).tables
    roles = {o.label: (o.row_role, o.section) for o in table.observations}
    assert set(roles.values()) == {("data", None)}
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path)]) == 0
    with Pack.open(pack) as opened:
        deficits = headlines(opened).deficits
    assert [(i.label, i.value, i.display) for i in deficits] == [
        ("Forecast cumulative deficit carried forward 31 March 2025", -40.82e6, "£40.8m deficit")]


def test_lines_dated_are_no_series_of_periods(tmp_path):
    """The reserve position's lines each end with a date ("... brought forward 1 April 2024"), yet
    they are lines of one statement, not a series of periods (the old reading called the block a
    time series: "3 row labels are periods")."""
    table, = read_file(write_xlsx(tmp_path / "dsg.xlsx", {"DSG M8": _ROWS})).tables
    assert table.layout.kind == "breakdown", table.layout.kind_reason
    rows = [["Quarter", "Households"], ["Quarter ending March to June 2020", 410],
            ["Quarter ending July to September 2020", 425], ["Quarter ending October to December 2020", 440]]
    table, = read_file(write_xlsx(tmp_path / "q.xlsx", {"TA": rows})).tables
    assert table.layout.kind == "time_series", table.layout.kind_reason


def _tables(tmp_path, sheets):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(write_xlsx(tmp_path / "monitor.xlsx", sheets))]) == 0
    with Pack.open(pack) as opened:
        return {ds.name: (ds, list(opened.observations(ds.id))) for ds in opened.datasets()}


def test_an_untitled_dsg_block_is_named_after_its_lines_and_not_ranked_as_a_breakdown(tmp_path):
    monitor = [["Children's Services Budget Monitor Month 8 2024/25"], [],
               ["Service", "Budget £000", "Forecast £000", "Variance £000"],
               ["Children's social care", 41250, 43880, 2630], ["Education", 12400, 12150, -250], [], [],
               ["Reserve", "£000"],
               ["DSG balance brought forward 1 April 2024", -28450], ["In-year deficit", -12370],
               ["DSG balance carried forward 31 March 2025", -40820], ["Safety valve target", -31000]]
    tables = _tables(tmp_path, {"Month 8": monitor})
    ds, observations = tables["DSG reserve position"]
    assert {o.cell: o.value for o in observations}["B11"] == -40_820_000
    assert charts_for(ds, observations) == []
    assert table_summary(ds, [], observations) == (
        "No chart: its lines are a balance brought forward, the year's movement and the balance carried "
        "forward, not parts of one whole.")


def test_treasury_indicators_are_no_breakdown_of_one_whole(tmp_path):
    rows = [["Treasury management: prudential indicators 2024/25"], [], ["Indicator", "£m"],
            ["Authorised limit for external debt", 450.0], ["Operational boundary for external debt", 410.0],
            ["Actual external debt at 30 September 2024", 322.6], ["Capital financing requirement", 398.2]]
    (ds, observations), = _tables(tmp_path, {"TM": rows}).values()
    assert charts_for(ds, observations) == []
    assert table_summary(ds, [], observations) == (
        "No chart: its lines are treasury limits and the debt held against them (authorised limit, operational "
        "boundary, actual debt), not parts of one whole.")


def test_a_breakdown_of_debt_by_lender_is_still_charted(tmp_path):
    rows = [["External debt by lender 2024/25"], [], ["Lender", "£m"], ["PWLB", 250.0], ["Market loans", 60.5],
            ["Local authorities", 12.1], ["Total external debt", 322.6]]
    (ds, observations), = _tables(tmp_path, {"TM": rows}).values()
    (chart,) = charts_for(ds, observations)
    assert chart.categories[:3] == ["PWLB", "Market loans", "Local authorities"]


def test_a_deficit_stated_in_a_line_under_the_table_is_kept_as_its_note(tmp_path):
    """'Cumulative DSG deficit carried forward: £12.3m' alone under the blocks: no row of the table,
    and not dropped either (it had been skipped as a note, so the deficit was nowhere in the pack)."""
    rows = [["Dedicated Schools Grant 2023/24 Month 6 (£000)"], [], ["Block", "Budget", "Forecast", "Variance"],
            ["Schools Block", 12000, 12100, 100], ["Early Years Block", 3000, 2900, -100],
            ["High Needs Block", 40000, 55100, 15100], ["Total", 55000, 70100, 15100], [],
            ["Cumulative DSG deficit carried forward: £12.3m"], ["Footnotes:"]]
    table, = read_file(write_xlsx(tmp_path / "dsg.xlsx", {"DSG": rows})).tables
    assert table.report.notes == ["Cumulative DSG deficit carried forward: £12.3m"]
    assert {o.label for o in table.observations} == {"Schools Block", "Early Years Block", "High Needs Block", "Total"}
    assert "    the table's note: Cumulative DSG deficit carried forward: £12.3m" in table.report.lines()


def test_a_balance_carried_forward_is_printed_without_an_adverse_or_favourable_column(tmp_path):
    """A DSG surplus/(deficit) carried forward is a balance, not a variance: the figures printed under
    its chart had an "A/(F)" column beside them (the bars say "deficit" and "surplus")."""
    rows = [["DSG block", "Budget £000", "Forecast £000", "Surplus/(deficit) carried forward £000"],
            ["High Needs", 60000, 72000, -12000], ["Schools", 100000, 99000, 1000], ["Early Years", 30000, 29500, 500]]
    table, = read_file(write_xlsx(tmp_path / "dsg.xlsx", {"DSG": rows})).tables
    ds = Dataset("DSG", "dsg.xlsx", "0" * 64, "DSG", "A1", table.layout.kind, key="t")
    chart, = charts_for(ds, list(table.observations))
    figures = chart_figures(chart, None, NotePlan([], [], None))
    assert figures.head == ["", "Surplus/(deficit) carried forward £000"]
    assert [row[0] for row in figures.rows] == ["High Needs", "Early Years", "Schools"]   # the deficit first
    assert all(len(row) == 2 for row in figures.rows), figures.rows
