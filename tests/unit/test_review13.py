"""A clerk's and a councillor's review of officers' monitors and scorecards (review13): every
sentence true, every chart honest, nothing lost."""

from awkward_workbooks import write_xlsx
from pypdf import PdfReader
from reportlab.graphics.shapes import PolyLine
from test_general_fund_summary import _ROWS as GENERAL_FUND

from memberpack.analysis.charts import charts_for
from memberpack.analysis.comparisons import comparisons
from memberpack.analysis.headlines import headlines
from memberpack.cli import main
from memberpack.export.chart_figures import chart_figures
from memberpack.export.html_charts import chart_svg
from memberpack.export.note_plan import NotePlan
from memberpack.export.pdf import export_pdf
from memberpack.export.pdf_charts import chart_drawing
from memberpack.importers import import_files, read_file
from memberpack.model.observation import Dataset
from memberpack.store.pack import Pack


def _charts(tmp_path, rows, name="T", formats=None):
    table, = read_file(write_xlsx(tmp_path / "t.xlsx", {"S": rows}, formats={"S": formats or {}})).tables
    ds = Dataset(name, "t.xlsx", "0" * 64, "S", "A1", table.layout.kind, key="t")
    return charts_for(ds, list(table.observations))


def test_a_breakdown_of_whole_numbers_with_no_unit_is_charted_as_a_number_not_points(tmp_path):
    rows = [["Live births by local authority, 2023"], [],
            ["Local authority", "Live births", "Under 2500g"],
            ["Cardiff", 3921, 240], ["Swansea", 2011, 151], ["Wrexham", 1298, 77], ["Powys", 998, 52]]
    spec, = _charts(tmp_path, rows, "Live births by local authority, 2023")
    assert spec.y_label == "Live births, number", spec.y_label


def test_a_note_on_the_variance_is_on_this_months_not_refused_beside_last_months(tmp_path, capsys):
    book = write_xlsx(tmp_path / "revenue_p9.xlsx", {"P9 Summary": [
        ["Revenue Budget Monitoring 2024/25 - Period 9"], [],
        ["Service", "Revised Budget £000s", "P9 Forecast Outturn £000s", "P9 Forecast Variance £000s",
         "P8 Forecast Variance £000s"],
        ["Parking Services", -4210, -3480, 730, 560],
        ["Waste Collection & Disposal", 21340, 21780, 440, 570],
        ["Total", 17130, 18300, 1170, 1130]]})
    pack = str(tmp_path / "p.mpack")
    assert main(["import", pack, str(book)]) == 0
    capsys.readouterr()
    assert main(["notes", "add", pack, "--label", "Parking Services", "--measure", "variance", "--kind", "question",
                 "--text", "Why?"]) == 0
    assert "P9 Forecast Variance £000s (£730k)" in capsys.readouterr().out
    assert main(["notes", "add", pack, "--label", "Parking Services", "--measure", "variance", "--period", "P8",
                 "--kind", "question", "--text", "And last month?"]) == 0
    assert "P8 Forecast Variance £000s" in capsys.readouterr().out


SCORECARD = [["Corporate Performance Scorecard 2024/25 - Quarter 3"], [],
             ["Ref", "Indicator", "Target 2024/25", "2023/24 Outturn", "Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "RAG"],
             ["ASC1", "Permanent admissions to residential/nursing care (65+) per 100,000", 560.0, 598.2, 142.1,
              281.5, 455.0, "G"],
             ["ASC3", "Adult social care assessments completed within 28 days", .80, .71, .68, .66, .70, "R"],
             ["CSC1", "Re-referrals to children's social care within 12 months", .20, .224, .19, .215, .231, "R"],
             ["CSC2", "Children looked after rate per 10,000", 70.0, 74.3, 75.1, 76.8, 77.4, "R"],
             ["SEND1", "EHCPs issued within 20 weeks (excl. exceptions)", .60, .43, .38, .47, .52, "R"],
             ["ED1", "Persistent absence - all pupils", .18, .201, .196, .188, .185, "A"],
             ["PE1", "Household waste recycled or composted", .50, .472, .489, .495, .481, "A"],
             ["PE2", "Major planning applications determined in time", .90, .93, .95, .88, .91, "G"],
             ["RC1", "Average working days lost to sickness per FTE (rolling 12 months)", 9.0, 10.4, 10.1, 9.8, 10.2,
              "R"],
             ["RC2", "Council tax collected in year (cumulative)", .975, .968, .291, .569, .842, "G"]]
SCORECARD_FORMATS = {f"{c}{r}": "0.0" if r in (4, 7, 12) else "0.0%" for c in "CDEFG" for r in range(4, 14)}


def test_a_corporate_scorecard_is_not_filed_under_social_care(tmp_path):
    book = write_xlsx(tmp_path / "scorecard.xlsx", {"Q3": SCORECARD}, formats={"Q3": SCORECARD_FORMATS})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        (ds,) = pack.datasets()
        assert ds.domain == "other"
        export_pdf(pack, tmp_path / "b.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages).split())
    assert "Social care" not in text and "Other data Corporate Performance Scorecard" in text


def test_last_years_outturn_is_not_joined_by_a_line_to_this_years_quarters(tmp_path):
    specs = _charts(tmp_path, SCORECARD, "Corporate Performance Scorecard 2024/25 - Quarter 3", SCORECARD_FORMATS)
    tax = next(s for s in specs if "Council tax" in s.summary)
    assert tax.categories[:2] == ["2023/24", "Q1 2024/25"] and tax.apart == 1
    assert "2023/24: a whole year's figure, not joined by the line to the quarters." in tax.left_out
    drawing = chart_drawing(tax, tax.categories, [s.name for s in tax.series])
    lines = [n for n in drawing.getContents() if isinstance(n, PolyLine)]
    assert len(lines) == 1 and len(lines[0].points) == 6   # Q1 to Q3: 96.8% to 29.1% was a fall never had
    svg = chart_svg(chart_figures(tax, None, NotePlan([], [], None)), "c1")
    assert svg.count("<polyline") == 1 and svg.count("<circle") == 4


def _monitor(month, rows):
    return [[f"Revenue Budget Monitoring 2024/25 - Period {month}"], [],
            ["Service", "Revised Budget £000s", f"P{month} Forecast Outturn £000s",
             f"P{month} Forecast Variance £000s", f"P{month - 1} Forecast Variance £000s"], *rows]


def test_what_changed_in_a_monitor_is_its_variances_not_its_forecasts(tmp_path):
    p8 = write_xlsx(tmp_path / "revenue_p8.xlsx", {"P8 Summary": _monitor(8, [
        ["External Placements", 28600, 34150, 5550, 4900], ["Parking Services", -4210, -3650, 560, 610],
        ["Net General Fund", 24390, 30500, 6110, 5510]])})
    p9 = write_xlsx(tmp_path / "revenue_p9.xlsx", {"P9 Summary": _monitor(9, [
        ["External Placements", 28600, 35420, 6820, 5550], ["Parking Services", -4210, -3480, 730, 560],
        ["Net General Fund", 24390, 31940, 7550, 6110]])})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [p8])
        import_files(pack, [p9])
        changes = headlines(pack).changes
        export_pdf(pack, tmp_path / "b.pdf")
    assert [(i.label, i.measure, i.previous_display, i.display) for i in changes] == [
        ("Net General Fund", "P9 Forecast Variance £000s", "£6.1m", "£7.5m"),
        ("External Placements", "P9 Forecast Variance £000s", "£5.5m", "£6.8m"),
        ("Parking Services", "P9 Forecast Variance £000s", "£560k", "£730k")]
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages).split())
    assert "External Placements, P9 Forecast Variance £000s £5.5m ↑ £6.8m" in text


def test_a_quarter_the_previous_return_had_not_reached_is_set_against_its_latest_quarter(tmp_path):
    q2 = [r[:6] + [None] + r[7:] if i > 2 else r for i, r in enumerate(SCORECARD)]
    q2[0] = ["Corporate Performance Scorecard 2024/25 - Quarter 2"]
    q2[4][7] = "G"   # assessments within 28 days: Green at Q2, Red at Q3
    books = [write_xlsx(tmp_path / f"scorecard_q{q}.xlsx", {f"Q{q}": rows}, formats={f"Q{q}": SCORECARD_FORMATS})
             for q, rows in ((2, q2), (3, SCORECARD))]
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, books[:1])
        import_files(pack, books[1:])
        changes = headlines(pack).changes
    assert [(i.label, i.previous_display, i.display) for i in changes][:3] == [
        ("Adult social care assessments completed within 28 days", "Green", "Red"),
        ("Permanent admissions to residential/nursing care (65+) per 100,000", "281.5", "455.0"),
        ("Council tax collected in year (cumulative)", "56.9%", "84.2%")]
    assert "blank" not in {i.previous_display for i in changes} and len(changes) == 11
    assert {(i.previous_period, i.period) for i in changes} == {("Q2 2024/25", "Q3 2024/25")}


def test_a_cohort_table_with_two_years_of_each_measure_says_what_got_worse(tmp_path):
    rows = [["School attendance and exclusions by pupil cohort - Autumn term"], [],
            ["Cohort", "Pupils on roll", "Persistent absence % 2023/24", "Persistent absence % 2024/25",
             "Suspensions 2023/24", "Suspensions 2024/25", "Permanent exclusions 2024/25"],
            ["All pupils", 68410, .192, .178, 2510, 2795, 38],
            ["EHCP", 3105, .352, .364, 452, 388, 6],
            ["Children looked after", 512, .141, .157, 61, 60, 0]]
    percent = {f"{c}{r}": "0.0%" for c in "CD" for r in range(4, 7)}
    book = write_xlsx(tmp_path / "attendance.xlsx", {"Cohorts": rows}, formats={"Cohorts": percent})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        worse = headlines(pack).worse_kpis
        export_pdf(pack, tmp_path / "b.pdf")
    assert [(i.label, i.measure, i.previous_display, i.display) for i in worse] == [
        ("All pupils", "Suspensions 2024/25", "2,510", "2,795"),   # as the table prints them
        ("EHCP", "Persistent absence % 2024/25", "35.2%", "36.4%"),
        ("Children looked after", "Persistent absence % 2024/25", "14.1%", "15.7%")]
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages).split())
    assert "EHCP, Persistent absence % 2024/25 35.2% (2023/24) 36.4% (2024/25) ↑ 1.2 points" in text, text[:3000]


CSC = [["Children's Social Care Performance Scorecard - Quarter 2 2024/25"], [],
       ["Measure", "Good is", "2022/23", "2023/24", "Q2 2024/25", "Statistical neighbours 2023/24", "England 2023/24",
        "RAG"],
       ["Children looked after rate per 10,000", "Low", 78.0, 80.2, 82.6, 73.5, 70.0, "R"],
       ["Assessments completed within 45 working days", "High", .812, .846, .873, .852, .829, "G"],
       ["Average social worker caseload", "Low", 19.4, 18.2, 17.6, 16.8, 16.3, "A"]]


def test_england_and_neighbours_columns_are_compared_with_our_figure_of_their_year(tmp_path):
    formats = {f"{c}5": "0.0%" for c in "CDEFG"}
    book = write_xlsx(tmp_path / "csc.xlsx", {"CSC Scorecard": CSC}, formats={"CSC Scorecard": formats})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        found = {c.measure: c for c in comparisons(pack, None)}
        export_pdf(pack, tmp_path / "b.pdf")
    cla = found["Children looked after rate per 10,000"]
    assert (cla.period, cla.display) == ("2023/24", "80.2")   # not Q2 2024/25's 82.6 beside England's 2023/24
    assert [(b.kind, b.display, b.verdict) for b in cla.benchmarks] == [("neighbours", "73.5", "worse"),
                                                                        ("england", "70", "worse")]
    caseload = found["Average social worker caseload"]
    assert [b.verdict for b in caseload.benchmarks] == ["worse", "worse"]   # Good is: Low
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages).split())
    assert "How we compare" in text and "Children looked after rate per 10,000 2023/24 80.2 70.0 73.5 Worse" in text


def test_a_dsg_monitor_by_its_allocation_gives_the_budget_position(tmp_path):
    rows = [["Dedicated Schools Grant (DSG) Monitoring 2024/25 - Month 8 (November 2024)"], ["£000s"], [],
            ["Block / Budget line", "2024/25 DSG Allocation", "Forecast Outturn", "In-year Variance"],
            ["Early Years Block", 37600, 37160, -440],
            ["Independent and non-maintained special schools", 9800, 15640, 5840],
            ["Top-up funding - mainstream schools", 14300, 17950, 3650],
            ["Total DSG", 61700, 70750, 9050]]
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [write_xlsx(tmp_path / "dsg.xlsx", {"DSG M8": rows})])
        export_pdf(pack, tmp_path / "b.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages).split())
    assert "No budget monitor in this export" not in text
    assert "Net forecast overspend of £9.1m at 2024/25 Month 8, 14.7% of the £61.7m budget" in text


def test_a_prudential_indicator_not_within_its_limit_is_a_red_item(tmp_path):
    rows = [["Treasury Management Mid-Year Review 2024/25 - Prudential Indicators at 30 September 2024"], [],
            ["Indicator", "2024/25 Approved Limit / Estimate", "Actual / Forecast at Q2", "Within limit?"],
            ["Operational boundary for external debt (£m)", 780.0, 642.5, "Yes"],
            ["Authorised limit for external debt (£m)", 830.0, 642.5, "Yes"],
            ["Ratio of financing costs to net revenue stream", .081, .087, "No"],
            ["Maturity structure of borrowing: under 12 months (upper limit)", .25, .14, "Yes"]]
    formats = {f"{c}{r}": "0.0%" if r > 5 else "#,##0.0;(#,##0.0)" for c in "BC" for r in range(4, 8)}
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [write_xlsx(tmp_path / "pis.xlsx", {"PIs Q2": rows}, formats={"PIs Q2": formats})])
        red = headlines(pack).red_items
        export_pdf(pack, tmp_path / "b.pdf")
    assert [(i.label, i.display) for i in red] == [("Ratio of financing costs to net revenue stream", "8.7%")]
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages).split())
    assert "Red items (1)" in text and "Ratio of financing costs to net revenue stream Q2 2024/25 8.7%" in text


def test_a_capital_programmes_headline_position_says_its_slippage_is_not_saved(tmp_path):
    capital = [["Capital Programme Monitoring 2024/25 - Period 9 £000s"], [],
               ["Scheme", "Revised Budget", "Forecast Outturn", "Variance", "Slippage to 2025/26"],
               ["New primary school", 12500, 11250, -1250, 1250], ["Bypass phase 2", 18400, 15000, -3400, 3400],
               ["ICT device refresh", 1800, 1920, 120, 0], ["Total Capital Programme", 32700, 28170, -4530, 4650]]
    revenue = _monitor(9, [["External Placements", 28600, 35420, 6820, 5550], ["Net General Fund", 28600, 35420, 6820,
                                                                                  5550]])
    books = [write_xlsx(tmp_path / "capital.xlsx", {"Capital P9": capital}),
             write_xlsx(tmp_path / "revenue.xlsx", {"P9 Summary": revenue})]
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, books)
        export_pdf(pack, tmp_path / "b.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages[:4]).split())
    assert ("forecast outturn £28.2m (Total Capital Programme). Slippage to 2025/26: £4.7m in all, "
            "spending moved to a later year rather than saved.") in text


def test_the_net_position_after_funding_is_told_beside_the_budget_requirement(tmp_path):
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [write_xlsx(tmp_path / "gf.xlsx", {"Appendix A": GENERAL_FUND})])
        export_pdf(pack, tmp_path / "b.pdf")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages[:3]).split())
    assert ("forecast outturn £139.5m (Net Budget Requirement). After funding, net forecast overspend of £5.0m "
            "(Net (Surplus) / Deficit).") in text


def test_a_dsg_monitors_section_gives_its_overspend_as_a_share_of_the_allocation(tmp_path):
    rows = [["Dedicated Schools Grant (DSG) Monitoring 2024/25 - Month 8 (November 2024) £000s"], [],
            ["Block / Budget line", "2024/25 DSG Allocation", "Forecast Outturn", "In-year Variance"],
            ["Early Years Block", 37600, 37160, -440], ["Independent special schools", 9800, 15640, 5840],
            ["Total DSG", 47400, 52800, 5400]]
    spec, = _charts(tmp_path, rows, "DSG")
    assert spec.summary.startswith("Net forecast overspend of £5.4m at 2024/25 Month 8, 11.4% of the £47.4m budget."), \
        spec.summary


def test_a_year_to_date_figure_is_told_as_so_far_this_year_not_as_a_rise(tmp_path):
    rows = [["Housing Options & Homelessness Performance Dashboard 2024/25"], [],
            ["Measure", "Aug-24", "Sep-24", "Oct-24", "Nov-24"],
            ["Temporary accommodation net cost £000s (YTD)", 2240, 2735, 3240, 3770]]
    spec, = _charts(tmp_path, rows, "Housing Options & Homelessness Performance Dashboard 2024/25")
    assert spec.summary == ("Temporary accommodation net cost £000s (YTD): £3.8m by Nov 2024, £530k of it in "
                            "Nov 2024."), spec.summary


def test_compare_does_not_say_no_neighbours_above_a_scorecards_neighbours_column(tmp_path, capsys):
    formats = {f"{c}5": "0.0%" for c in "CDEFG"}
    book = write_xlsx(tmp_path / "csc.xlsx", {"CSC Scorecard": CSC}, formats={"CSC Scorecard": formats})
    pack = str(tmp_path / "p.mpack")
    assert main(["import", pack, str(book)]) == 0
    capsys.readouterr()
    assert main(["compare", pack]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first == "Our figure compared with England, its region and statistical neighbours as its tables give them"
