"""The overview's headline lists on the demo pack: our own measures only, one budget month, rows named
with their section, every item saying where and when it comes from."""

import pytest

from memberpack.analysis.benchmark_text import is_comparator
from memberpack.analysis.headlines import Item, headlines
from memberpack.store.pack import Pack

M = 1_000_000


@pytest.fixture(scope="module")
def found(demo_pack_master):
    with Pack.open(demo_pack_master) as pack:
        return headlines(pack)


@pytest.mark.parametrize("text, expected", [
    ("England: EHC plans issued within 20 weeks %", True), ("South West rate per 10,000", True),
    ("Statistical neighbours rate per 10,000", True), ("Benchmark: England", True),
    ("National benchmarking", True), ("EHC plans issued within 20 weeks %", False),
    ("KS4: the gap between FSM and Non-FSM Attainment 8 score EO", False), ("Q3", False)])
def test_comparators_are_recognised(text, expected):
    assert is_comparator(text) is expected


def test_measures_that_got_worse_leave_out_benchmarks(found):
    labels = {i.label for i in found.worse_kpis}
    measures = {i.measure for i in found.worse_kpis}
    assert "EHC plans issued within 20 weeks %" in labels
    assert not any(label.startswith(("England", "South West", "Statistical")) for label in labels)
    assert not any(m.startswith("Benchmark") for m in measures)
    assert not any("England" in i.display for i in found.worse_kpis)
    assert not any("domestic abuse" in label for label in labels)   # fewer cases is not worse
    ehcp = next(i for i in found.worse_kpis if i.label == "EHC plans issued within 20 weeks %")
    assert (ehcp.value, ehcp.previous_display, ehcp.period) == (48.0, "68.0%", "2022/23")


def test_adverse_movements_come_from_the_latest_budget_month_only(found):
    assert found.movements_period == "2023/24 Month 6"
    assert found.adverse_movements and {i.period for i in found.adverse_movements} == {"2023/24 Month 6"}
    assert all(i.measure == "Movement From Month 5" for i in found.adverse_movements)
    top = found.adverse_movements[0]
    assert (top.label, top.value, top.cell) == ("Fieldwork", 0.9 * M, "G11")


def test_changes_name_sub_totals_with_their_section_in_money(found):
    sub = next(i for i in found.changes if i.label == "sub total" and i.cell == "D18")
    assert sub.name == "Children & Families sub total"
    assert (sub.display, sub.previous_display, sub.change) == ("£10.7m", "£10.1m", pytest.approx(0.6 * M))
    plain = next(i for i in found.changes if i.label == "External Placements")
    assert plain.name == "External Placements" and plain.section == "Children & Families"


def test_red_items_say_which_table_and_period(found):
    fieldwork = next(i for i in found.red_items if i.label == "Fieldwork")
    assert fieldwork.period == "2023/24 Month 6"
    assert fieldwork.source.startswith("2023/24 Month 6 – 23/24 Budget Monitoring Report")
    kcpi = next(i for i in found.red_items if i.label.startswith("The percentage of care leavers who are EET"))
    assert (kcpi.period, kcpi.measure, kcpi.display) == ("Q3 2020/21", "Q3 2020/21", "44.0%")   # the rated figure
    assert fieldwork.display == "£0.9m overspend"


def test_item_name_keeps_labels_that_already_say_their_section():
    assert Item("t", "Total", "m", "1", section="Income").name == "Income Total"
    assert Item("t", "Income sub total", "m", "1", section="Income").name == "Income sub total"
    assert Item("t", "Fieldwork", "m", "1", section="Children").name == "Fieldwork"


def test_labels_that_repeat_in_a_table_are_named_with_their_section(tmp_path):
    """Two "Central" lines of one monitor, in two sections, each say which section they are in."""
    from openpyxl import Workbook

    from memberpack.importers import import_files

    wb = Workbook()
    ws = wb.active
    ws.title = "Month 9"
    for row in (["2022/23 Children's Services Month 9"], [],
                ["Service", "Budget £000", "Forecast £000", "Variance £000", "RAG"],
                ["Children's Social Care"], ["Fieldwork", 900, 950, 50, "Amber"], ["Central", 400, 520, 120, "Red"],
                ["Commissioning"], ["Central", 300, 390, 90, "Red"], ["Contracts", 200, 190, -10, "Green"],
                ["Total", 1800, 2050, 250, "Red"]):
        ws.append(row)
    path = tmp_path / "m9.xlsx"
    wb.save(path)
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        red = headlines(pack).red_items
    names = {i.name: i.display for i in red if i.label == "Central"}
    assert names == {"Central (Children's Social Care)": "£120k overspend", "Central (Commissioning)": "£90k overspend"}
    assert Item("t", "Fieldwork", "m", "1", section="Children").name == "Fieldwork"   # a label seen once: as it is


def test_a_change_is_written_in_the_decimals_its_table_prints(found):
    """63 to 62 foster carers was "↓ 1.0" in the PDF (and "↓ 1" in the HTML): one wording for both,
    in the table's own decimals."""
    carers = next(i for i in found.worse_kpis if "foster carers" in i.label)
    ehcp = next(i for i in found.worse_kpis if i.label == "EHC plans issued within 20 weeks %")
    assert (carers.previous_display, carers.display, carers.moved) == ("63", "62", "↓ 1")
    assert ehcp.moved == "↓ 20.0 points"


def test_a_deficit_names_its_period_once(found):
    """"Forecast carry forward 31 Mar 2024 (Mar 2024)": the column already names its period."""
    carried = next(i for i in found.deficits if i.label == "High Needs" and "carry forward" in i.measure)
    in_year = next(i for i in found.deficits if i.label == "High Needs" and "in-year" in i.measure)
    assert carried.measure_when == "Forecast carry forward 31 Mar 2024"
    assert in_year.measure_when == "Forecast in-year variance surplus/ (deficit) (2023/24 Month 6)"


def test_a_red_indicator_shows_its_rated_figure_not_its_target(tmp_path):
    """A KPI rated red whose figure for the rated quarter was not returned (DNA) says so, rather than
    showing its target as if it were the figure; one with a figure shows that figure."""
    from awkward_workbooks import write_xlsx

    from memberpack.importers import import_files

    rows = [["Corporate performance scorecard Q2 2024/25"], [],
            ["Measure", "Target", "Q1", "Q2", "RAG"],
            ["Days lost to sickness per FTE", 8.5, 9.1, "DNA", "R"],
            ["Calls answered in 60 seconds %", 90, 85, 82, "Red"]]
    path = write_xlsx(tmp_path / "kpi.xlsx", {"KPIs": rows})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        red = {i.label: (i.measure, i.display) for i in headlines(pack).red_items}
    assert red["Days lost to sickness per FTE"] == ("Q2 2024/25", "DNA")
    assert red["Calls answered in 60 seconds %"] == ("Q2 2024/25", "82")


def test_changes_set_a_months_variance_against_the_last_months_and_name_a_line_turning_red(found):
    """Month 6's variance is the column "Month 6 Variance", Month 5's "Month 5 Variance": the change
    list had left every variance out (and every RAG rating, having no figure), so Fieldwork going
    from on budget and Green to £0.9m over and Red did not appear in what changed."""
    fieldwork = {i.measure: (i.previous_display, i.display, i.change) for i in found.changes if i.label == "Fieldwork"}
    assert fieldwork["Month 6 Variance"] == ("£0.0m", "£0.9m", pytest.approx(0.9 * M))
    assert fieldwork["RAG Status"] == ("Green", "Red", None)
    assert not any(i.measure.startswith("Movement") for i in found.changes)   # a movement is itself a change


def test_a_status_change_has_no_level_arrow():
    def moved(change):   # the PDF's and the HTML's "what changed" column
        return Item("T", "Fieldwork", "Month 6 Variance", "Red", change=change).now_moved

    assert (moved(None), moved(0.0), moved(900_000.0)) == ("Red", "→ Red", "↑ Red")   # "→ Red" had read as "no change"


def test_the_budget_position_is_the_latest_general_fund_monitor_whatever_the_import_order(tmp_path):
    """External Placements' breakdown imported before the General Fund monitor: the Overview and
    the PDF had led on it ("Net budget £38.4m", "Net forecast overspend of £10.4m ... (Net
    Expenditure)") as if it were the council's position; last year's Month 9 monitor imported after
    this year's Month 6 does not take its place either."""
    from memberpack.assets import sample
    from memberpack.importers import import_files

    with Pack.create(tmp_path / "p.mpack") as pack:
        for name in ("02_external_placements_fostering_m6_2023-24.xlsx", "03_dsg_blocks.xlsx",
                     "01_budget_monitor_m6_2023-24.xlsx", "11_budget_monitor_m9_2022-23.xlsx"):
            import_files(pack, [sample(name)])
        position = headlines(pack).budget
    assert (position.label, position.budget, position.variance, position.period) == (
        "Children, Families & Education Services Total", 123.1 * M, pytest.approx(12.4 * M), "2023/24 Month 6")


def test_a_scorecards_quarter_columns_are_each_set_against_the_same_quarter(tmp_path):
    """Columns named for their month are set against last month's only where each names one
    column: a scorecard's Q1, Q2 and Q3 are each compared with the same quarter of the previous
    return (a revised Q2 is a change; Q1 is not set against Q3)."""
    from awkward_workbooks import write_xlsx

    from memberpack.importers import import_files

    head = ["Indicator", "Q1 2020/21", "Q2 2020/21", "Q3 2020/21"]
    before = write_xlsx(tmp_path / "q2.xlsx", {"KPIs": [["Key indicators 2020/21"], head[:3],
                                                         ["Foster carers", 65, 63], ["Care leavers in EET %", "37%", "43%"]]})
    after = write_xlsx(tmp_path / "q3.xlsx", {"KPIs": [["Key indicators 2020/21"], head,
                                                        ["Foster carers", 65, 64, 62], ["Care leavers in EET %", "37%", "43%", "44%"]]})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [before])
        import_files(pack, [after])
        changes = headlines(pack).changes
    assert [(i.label, i.measure, i.previous_display, i.display) for i in changes] == [
        ("Foster carers", "Q2 2020/21", "63", "64")]


def test_a_negative_balance_in_a_reserves_statement_is_a_deficit(tmp_path):
    """A reserves statement carrying the DSG deficit as a negative balance: the old briefing said "No
    table in this export shows a deficit" beside a £11.5m DSG deficit."""
    from openpyxl import Workbook

    from memberpack.importers import import_files

    wb = Workbook()
    ws = wb.active
    ws.title = "Reserves"
    for row in (["Earmarked and General Reserves (£000)"], [],
                ["Reserve", "Balance 1 April 2024", "Planned contributions", "Planned drawdowns",
                 "Forecast balance 31 March 2025"],
                ["General Fund Balance", 15000, 0, -2500, 12500], ["Insurance reserve", 4200, 300, -500, 4000],
                ["DSG deficit (unusable)", -8400, 0, -3100, -11500], ["Total", 10800, 300, -6100, 5000]):
        ws.append(row)
    path = tmp_path / "reserves.xlsx"
    wb.save(path)
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        deficits = headlines(pack).deficits
    told = [(i.label, i.measure, i.display) for i in deficits]
    assert ("DSG deficit (unusable)", "Forecast balance 31 March 2025", "£11.5m deficit") in told
    assert [label for label, *_ in told].count("DSG deficit (unusable)") == 1


def test_another_monitors_position_tells_its_period_once():
    """Beside the Overview's tiles (and in the briefings), another monitor's position is told under its
    table's name; a name that states the period ('Month 9 ... Budget Monitor 2020/21') had it twice:
    '...: Net forecast overspend of £1,178,880 at 2020/21 Month 9'."""
    from memberpack.analysis.headlines import BudgetPosition

    def told(name: str, period: str) -> str:
        return BudgetPosition(31_784_203, 32_963_082, 1_178_879, "Total", "m9.xlsx", period, dataset=name).named

    assert told("Month 9 Children's Services Budget Monitor 2020/21 Appendix 1", "2020/21 Month 9") == (
        "Month 9 Children's Services Budget Monitor 2020/21 Appendix 1: Net forecast overspend of £1.2m, "
        "3.7% of the £31.8m budget: forecast outturn £33.0m (Total).")
    assert told("2022/23 Children's Services as at the end of December 2022 (Month 9)", "2022/23 Month 9").startswith(
        "2022/23 Children's Services as at the end of December 2022 (Month 9): Net forecast overspend of £1.2m, 3.7%")
    assert " at 2020/21 Month 9, " in told("Children's Services Budget Monitor 2020/21", "2020/21 Month 9")
    assert " at 2020/21 Month 9, " in told("Month 10 Budget Monitor 2020/21", "2020/21 Month 9")
    assert " at 2020/21 Month 9, " in told("Month 91 Budget Monitor 2020/21", "2020/21 Month 9")
