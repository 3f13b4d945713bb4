"""A finance officer's, a councillor's and a clerk's review of seed tables imported as officers
publish them (review14): every axis, sentence and figure true of the source."""

import re

from awkward_workbooks import write_xlsx
from pypdf import PdfReader
from reportlab.graphics.shapes import String

from memberpack.analysis.charts import charts_for
from memberpack.analysis.headlines import headlines
from memberpack.analysis.table_period import table_period
from memberpack.export.chart_figures import chart_figures
from memberpack.export.html_charts import chart_svg
from memberpack.export.note_plan import NotePlan
from memberpack.export.pdf import export_pdf
from memberpack.export.pdf_charts import chart_drawing
from memberpack.importers import import_files, read_file
from memberpack.model.observation import Dataset
from memberpack.store.pack import Pack

# seed 001 table 1.2: reasons for children entering care, % of entrants, stored as fractions formatted 0.0%
ENTERING_CARE = [["Reasons for children entering care (table 1.2)"], ["Percentage of entrants by primary need"], [],
                 ["(table 1.2)", "Abuse or Neglect", "Disability", "Parent Illness or Disability",
                  "Family in Acute Stress", "Family Dysfunction", "Absent Parenting and other"],
                 ["2016/17", .430, .038, .027, .258, .191, .055], ["2017/18", .452, .031, .030, .245, .180, .062],
                 ["2018/19", .401, .045, .036, .280, .172, .066], ["2019/20", .389, .029, .041, .295, .168, .078],
                 ["2020/21", .375, .026, .034, .303, .161, .101]]


def _charts(tmp_path, rows, name, formats=None):
    table, = read_file(write_xlsx(tmp_path / "t.xlsx", {"S": rows}, formats={"S": formats or {}})).tables
    ds = Dataset(name, "t.xlsx", "0" * 64, "S", "A1", table.layout.kind, key="t")
    return charts_for(ds, list(table.observations))


def _strings(node) -> list[str]:
    """Every text drawn in a chart, however deep its groups (small multiples are rows of drawings)."""
    if isinstance(node, String):
        return [node.text]
    children = getattr(node, "contents", None) or getattr(node, "rows", None) or []
    return [text for child in children for text in (_strings(child) if not isinstance(child, list)
                                                     else [t for c in child for t in _strings(c)])]


def test_an_axis_in_steps_of_two_and_a_half_writes_7_5_not_8(tmp_path):
    """Absent parenting rose from 5.5% to 10.1%; its axis was labelled 0%, 2%, 5%, 8%, 10% (the ticks
    at 2.5 and 7.5 rounded), so 7.8% in 2019/20 sat above the line marked "8%"."""
    formats = {f"{c}{r}": "0.0%" for c in "BCDEFG" for r in range(5, 10)}
    spec, = _charts(tmp_path, ENTERING_CARE, "Reasons for children entering care", formats)
    pdf = _strings(chart_drawing(spec, spec.categories, [s.name for s in spec.series]))
    assert {"2.5%", "7.5%"} <= set(pdf) and "8%" not in pdf, pdf
    svg = chart_svg(chart_figures(spec, None, NotePlan([], [], None)), "c1")
    ticks = re.findall(r'text-anchor="end" fill="[^"]+">([\d.,]+%)</text>', svg)
    assert "7.5%" in ticks and "8%" not in ticks and "8.0%" not in ticks, ticks


# seed 001 paras 3.4 and 3.7 (North Somerset, Month 9 2020/21): a budget build-up whose only column
# header is its unit, and an overspend analysis whose total column is headed "TOTAL £000s"
PLACEMENTS = [["Placements budget adjustments 2020/21"],
              ["Item", "£000s"],
              ["Growth to reflect previous increases in demand", 500], ["Growth to reflect unit cost inflation", 150],
              ["Savings plans (residential step down)", -200], ["Savings plans (income from CCG)", -125],
              ["TOTAL net growth", 325], [], [],
              ["Placements overspend analysis"],
              ["Overspend Analysis", "Covid-related £000s", "BAU £000s", "TOTAL £000s"],
              ["Expenditure", 114, 615, 729], ["Income", 125, 0, 125], ["TOTAL", 239, 615, 854]]


def _pack_charts(tmp_path, sheets, formats=None):
    book = write_xlsx(tmp_path / "month9.xlsx", sheets, formats=formats)
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        return {ds.name: charts_for(ds, pack.observations(ds.id)) for ds in pack.datasets()}


def test_a_column_headed_only_by_its_unit_is_named_by_its_table_not_by_the_unit(tmp_path):
    """"£000s: £325k in total" and an axis titled "£000s, £k" named the figures by their unit."""
    charts = _pack_charts(tmp_path, {"Placements": PLACEMENTS})
    (growth,), (analysis,) = charts["Placements budget adjustments 2020/21"], charts["Placements overspend analysis"]
    assert growth.summary == ("Placements budget adjustments: £325k in total in 2020/21 Month 9; Growth to reflect "
                              "previous increases in demand the largest, at £500k; lowest for Savings plans "
                              "(residential step down), at (£200k).")
    assert growth.y_label == "£k"
    assert analysis.title.startswith("Placements overspend analysis: £854k in total"), analysis.title
    assert analysis.y_label == "£k"


# seed 003 (Somerset members' quarterly report, January to March 2023): children looked after on
# part-time timetables, an average to one decimal with no unit, beside the KS4 gap, a score
PART_TIME = [["Children Looked After: part-time timetables"], [],
             ["Academic Year", "2020-21", "2021-22"], ["Average no of CYP on PTT", 10.5, 30.0]]
KS4_GAP = [["KS4 disadvantage gap"], [], ["Measure", "2020/21", "2021/22"],
           ["KS4: the gap between FSM and Non-FSM Attainment 8 score", 15.8, 15.4]]


def test_an_average_with_no_unit_is_charted_as_a_number_and_a_score_in_points(tmp_path):
    """The average number of children on part-time timetables was drawn on an axis titled "points"."""
    ptt, = _charts(tmp_path, PART_TIME, "Children Looked After: part-time timetables", {"B4": "0.0", "C4": "0.0"})
    assert (ptt.unit, ptt.y_label) == (None, "number")
    gap, = _charts(tmp_path, KS4_GAP, "KS4 disadvantage gap")
    assert gap.y_label == "points"


# seed 001 para 3.6 (North Somerset, Month 9 2020/21): placements year on year, budget, spend and
# variance down the rows; last year, this month, the change and last month across
YEAR_ON_YEAR = [["Placements budget: year on year"], [],
                ["All", "2019/20 £000s", "2020/21 P9 £000s", "Change £000s", "2020/21 P8 £000s"],
                ["Budget", 8834, 9649, 815, 9649], ["Spend", 10222, 10502, 280, 10515],
                ["Variance", 1388, 854, -535, 866]]


def test_a_year_on_year_statement_is_told_as_an_overspend_not_as_a_ranking_of_its_lines(tmp_path):
    """It had said "highest for Spend, at £10,502k; lowest for Variance, at £854k"."""
    formats = {f"{c}{r}": "#,##0;(#,##0)" for c in "BCDE" for r in range(4, 7)}
    (spec,), = _pack_charts(tmp_path, {"Placements": YEAR_ON_YEAR}, {"Placements": formats}).values()
    assert spec.title == "Overspend of £854k at 2020/21 Month 9"
    assert spec.summary == ("Overspend of £854k at 2020/21 Month 9: spend £10.5m against a budget of £9.6m. "
                            "Variance: overspend of £1.4m in 2019/20; overspend of £866k at 2020/21 Month 8.")


# seed 003 (Somerset, January to March 2023): children looked after, suspensions over two academic years
CLA_SUSPENSIONS = [["Children Looked After: suspensions"], [],
                   ["Academic Year", "2020-21", "2021-22"],
                   ["Total Fixed Term Exclusions (suspensions)", 70, 57],
                   ["Total no of Children Young People excluded", 41, 31]]


def test_measures_named_total_that_total_no_row_are_charted_and_told(tmp_path):
    """Both rows begin "Total" and were read as sub totals, so the table had no chart and no sentence
    ("No chart: the table has fewer than two figures ...") though its figures fell from 70 to 57."""
    spec, = _charts(tmp_path, CLA_SUSPENSIONS, "Children Looked After: suspensions")
    assert [s.name for s in spec.series] == ["Total Fixed Term Exclusions (suspensions)",
                                             "Total no of Children Young People excluded"]
    assert [s.values for s in spec.series] == [[70.0, 57.0], [41.0, 31.0]]
    assert spec.summary.startswith("Total no of Children Young People excluded: down 24% from 41 in 2020/21 "
                                   "to 31 in 2021/22."), spec.summary


# seed 003 Table 7 (Somerset, Month 9 2022/23): the DSG monitor, with movement and direction arrows
DSG_MONTH9 = [["Table 7: 2022/23 DSG as at the end of December 2022 (Month 9)"], [],
              ["DSG Block", "Current Budget (£m)", "Full Year Projection (£m)", "Month 9 variance (£m)", "A/(F)",
               "Movement from Month 7", "Direction from Month 7"],
              ["High Needs Block (HNB)", 67.5, 71.6, 4.1, "A", -0.2, "↑"],
              ["Central Schools Block (CSB)", 5.6, 5.6, "(0.0)", "-", 0.2, "↓"],
              ["Early Years (EYB)", 30.2, 30.0, -0.2, "(F)", 0.0, "→"],
              ["De-delegated", 0.7, 0.7, 0.0, "-", 0.0, "↓"],
              ["Total", 104.0, 107.9, 3.9, "A", "(0.0)", "→"]]


def test_a_headline_leading_on_the_dsg_names_it_so_it_is_not_read_as_the_whole_service(tmp_path):
    """With no General Fund monitor in the pack the headline led on the DSG's £3.9m overspend
    naming only its row ("(Total)"): a councillor read it as the service's position."""
    formats = {f"{c}{r}": "#,##0.0;(#,##0.0)" for c in "BCDF" for r in range(4, 9)}
    book = write_xlsx(tmp_path / "dsg.xlsx", {"DSG": DSG_MONTH9}, formats={"DSG": formats})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        budget = headlines(pack).budget
    assert budget.sentence == ("Net forecast overspend of £3.9m at 2022/23 Month 9, 3.8% of the £104.0m budget: "
                               "forecast outturn £107.9m (Total, Table 7: 2022/23 DSG as at the end of December "
                               "2022 (Month 9)).")


def test_a_table_of_academic_years_is_not_titled_with_the_quarter_its_file_name_gave(tmp_path):
    """Imported from som_q4_2022-23.xlsx, the CLA table of 2020/21 and 2021/22 was titled
    "Children Looked After: suspensions (Q4 2022/23)" in the contents and over its table."""
    book = write_xlsx(tmp_path / "som_q4_2022-23.xlsx", {"CLA education": CLA_SUSPENSIONS})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        (ds,) = pack.datasets()
        assert ds.period == "Q4 2022/23"   # what the import took from the file name
        observations = pack.observations(ds.id)
        export_pdf(pack, tmp_path / "b.pdf")
    assert table_period(ds, observations) is None
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages).split())
    assert "Children Looked After: suspensions" in text and "Q4 2022/23" not in text, text[:2000]


DSG_MONTH7 = [["Table 7: 2022/23 DSG as at the end of October 2022 (Month 7)"], [],
              ["DSG Block", "Current Budget (£m)", "Full Year Projection (£m)", "Month 7 variance (£m)", "A/(F)",
               "Movement from Month 5", "Direction from Month 5"],
              ["High Needs Block (HNB)", 67.5, 71.8, 4.3, "A", 0.5, "↓"],
              ["Central Schools Block (CSB)", 5.6, 5.4, -0.2, "(F)", 0.0, "→"],
              ["Early Years (EYB)", 30.2, 30.0, -0.2, "(F)", -0.1, "↑"],
              ["De-delegated", 0.7, 0.7, 0.0, "-", 0.0, "→"],
              ["Total", 104.0, 107.9, 3.9, "A", 0.4, "↓"]]


def test_what_changed_says_whether_a_variance_moved_for_the_better_beside_a_table_whose_arrows_differ(tmp_path):
    """The page said "Arrows: down is worse" (the DSG table's own direction column) above a list
    where "↓ £4.1m" meant the High Needs overspend fell from £4.3m: better, read as worse."""
    formats = {f"{c}{r}": "#,##0.0;(#,##0.0)" for c in "BCDF" for r in range(4, 9)}
    m7 = write_xlsx(tmp_path / "dsg_m7.xlsx", {"DSG": DSG_MONTH7}, formats={"DSG": formats})
    m9 = write_xlsx(tmp_path / "dsg_m9.xlsx", {"DSG": DSG_MONTH9}, formats={"DSG": formats})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [m7])
        import_files(pack, [m9])
        moved = {i.label: i.now_moved for i in headlines(pack).changes}
        export_pdf(pack, tmp_path / "b.pdf")
    assert moved["High Needs Block (HNB)"] == "↓ £4.1m (better)"
    assert moved["Central Schools Block (CSB)"] == "↑ £0.0m (worse)"
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages).split())
    assert "High Needs Block (HNB), Month 9 variance (£m) £4.3m ↓ £4.1m (better)" in text, text[:3000]
