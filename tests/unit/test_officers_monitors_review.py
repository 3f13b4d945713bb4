"""Officers' own monitors and scorecards, as a councillor reads what the app says of them: every
sentence names the figure it is about (review12)."""

from awkward_workbooks import write_xlsx
from pypdf import PdfReader

from memberpack.analysis.charts import charts_for
from memberpack.analysis.headlines import headlines
from memberpack.cli import main
from memberpack.importers import import_files, read_file
from memberpack.model.observation import Dataset
from memberpack.store.pack import Pack


def _charts(tmp_path, rows, name="T", formats=None):
    table, = read_file(write_xlsx(tmp_path / "t.xlsx", {"S": rows}, formats={"S": formats or {}})).tables
    ds = Dataset(name, "t.xlsx", "0" * 64, "S", "A1", table.layout.kind, key="t")
    return charts_for(ds, list(table.observations))


def test_a_cohort_breakdown_is_told_by_its_measure_not_its_title(tmp_path):
    rows = [["School attendance and exclusions by pupil cohort - Autumn term"], [],
            ["Cohort", "Pupils on roll", "Overall absence % 2023/24", "Overall absence % 2024/25",
             "Persistent absence % 2023/24", "Persistent absence % 2024/25", "Suspensions 2023/24",
             "Suspensions 2024/25", "Permanent exclusions 2024/25"],
            ["All pupils", 68410, .068, .064, .192, .178, 2510, 2795, 38],
            ["Free school meals eligible", 17230, .109, .104, .356, .331, 1402, 1598, 24],
            ["Not FSM eligible", 51180, .054, .051, .137, .127, 1108, 1197, 14],
            ["EHCP", 3105, .118, .121, .352, .364, 388, 452, 6]]
    percent = {f"{c}{r}": "0.0%" for c in "CDEF" for r in range(4, 8)}
    spec = _charts(tmp_path, rows, "School attendance and exclusions by pupil cohort - Autumn term", percent)[0]
    assert spec.summary.startswith("Overall absence % 2024/25: highest for EHCP, at 12.1%"), spec.summary


def test_months_down_the_rows_are_named_by_their_measure_in_what_got_worse(tmp_path):
    rows = [["SEND - EHC needs assessments and timeliness, 2024"], [],
            ["Month", "Requests for EHC needs assessment", "New EHCPs issued", "Issued within 20 weeks",
             "% issued within 20 weeks", "England (2023) %"],
            ["Sep-24", 125, 70, 41, 41 / 70, .503], ["Oct-24", 140, 88, 51, 51 / 88, .503],
            ["Nov-24", 133, 95, 46, 46 / 95, .503]]
    percent = {f"{c}{r}": "0.0%" for c in "EF" for r in range(4, 7)}
    book = write_xlsx(tmp_path / "ehcp.xlsx", {"EHCP": rows}, formats={"EHCP": percent})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        worse = headlines(pack).worse_kpis
    item = next(i for i in worse if i.display == "48.4%")
    assert (item.label, item.previous_display, item.period, item.previous_period) == (
        "% issued within 20 weeks", "58.0%", "Nov 2024", "Oct 2024")
    assert all(i.label != "Nov-24" for i in worse)


def test_unit_costs_in_pounds_and_pence_leave_a_thousands_monitor_in_whole_thousands(tmp_path):
    rows = [["Adult Social Care - Activity and Unit Costs, Period 9 2024/25"], [],
            ["Service", "Budgeted clients", "Actual clients", "Budgeted unit cost £/wk", "Actual unit cost £/wk",
             "Budget £000s", "Forecast £000s", "Variance £000s"],
            ["Residential care 65+", 820, 861, 812.50, 874.20, 34645, 39140, 4495],
            ["Nursing care 65+", 410, 436, 1045.00, 1112.75, 22279, 25228, 2949],
            ["Direct payments", 1120, 1088, 301.25, 298.80, 17545, 16905, -640],
            ["Total", None, None, None, None, 74469, 81273, 6804]]
    pence = {f"{c}{r}": "#,##0.00" for c in "DE" for r in range(4, 7)}
    spec = _charts(tmp_path, rows, "ASC", pence)[0]
    assert spec.title == "Net forecast overspend of £6.8m at 2024/25 Month 9", spec.title
    assert "Residential care 65+ £4.5m" in spec.summary and ".00k" not in spec.summary


def test_a_reserves_forecast_is_told_by_its_total_first(tmp_path):
    rows = [["Forecast Usable Reserves 2024/25 (£000s)"], [],
            ["Reserve", "Balance at 1 April 2024", "Planned use in year", "Forecast contribution to/(from)",
             "Forecast balance at 31 March 2025"],
            ["General Fund Balance", 18500, 0, -4820, 13680], ["Budget Smoothing Reserve", 12300, -3000, -2100, 7200],
            ["Social Care Risk Reserve", 6400, -1500, -1900, 3000], ["Insurance Reserve", 4200, 0, 150, 4350],
            ["Total Usable Reserves", 41400, -4500, -8670, 28230]]
    spec = _charts(tmp_path, rows, "Forecast Usable Reserves 2024/25 (£000s)")[0]
    assert spec.title == "Total Usable Reserves: down £13.2m from £41.4m in Apr 2024 to £28.2m in Mar 2025"
    assert spec.summary.startswith(spec.title + ". Social Care Risk Reserve: down £3.4m"), spec.summary


def test_a_savings_tracker_is_told_by_its_shortfall(tmp_path):
    rows = [["2024/25 Savings Delivery Tracker - Period 9"], ["£000s"], [],
            ["Ref", "Directorate", "Saving Proposal", "2024/25 Target", "Forecast Delivery",
             "Shortfall / (Over-delivery)", "RAG", "Comments"],
            ["AHW01", "Adults", "Reablement first", 1200, 850, 350, "Amber", ""],
            ["AHW02", "Adults", "Review of learning disability packages", 1800, 600, 1200, "Red", "At risk"],
            ["PE01", "Place", "Garden waste charge increase", 750, 810, -60, "Green", ""],
            ["PE02", "Place", "Parking tariff review", 500, 0, 500, "Red", "At risk"],
            ["", "", "Total", 4250, 2260, 1990, "", ""]]
    spec = _charts(tmp_path, rows, "Savings")[0]
    assert spec.series[0].name == "Shortfall / (Over-delivery)"
    assert spec.summary.startswith("Shortfall / (Over-delivery): £2.0m in total in 2024/25 Month 9; "
                                   "Review of learning disability packages the largest, at £1.2m"), spec.summary


def test_a_capital_programmes_underspend_says_how_much_is_slippage(tmp_path):
    rows = [["Capital Programme Monitoring 2024/25 - Period 9"], ["£000s"], [],
            ["Scheme", "Revised Budget 2024/25", "Spend to Date", "Forecast Outturn 2024/25", "Variance",
             "Slippage / Reprofiling to 2025/26"],
            ["New primary school, Westbrook", 6200, 3110, 4950, -1250, 1250],
            ["Bypass phase 2", 12500, 5340, 9100, -3400, 3400],
            ["ICT device refresh", 1800, 1450, 1920, 120, 0],
            ["Total Capital Programme", 20500, 9900, 15970, -4530, 4650]]
    spec = _charts(tmp_path, rows, "Capital")[0]
    assert spec.title == "Net forecast underspend of £4.5m at 2024/25 Month 9"
    assert ("Slippage / Reprofiling to 2025/26: £4.7m in all, spending moved to a later year rather than saved."
            in spec.summary), spec.summary


def _scorecard(path, quarter):
    figures = {"Re-referrals within 12 months": ["19.0%", "21.5%", "23.1%"],
               "Assessments completed within 28 days": ["68.0%", "66.0%", "70.0%"]}
    rows = [[f"Corporate Performance Scorecard 2024/25 - Quarter {quarter}"], [],
            ["Indicator", "Target", "Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Q4 2024/25", "RAG"]]
    rows += [[name, "20%", *values[:quarter], *[None] * (4 - quarter), "Red"] for name, values in figures.items()]
    return write_xlsx(path, {f"Q{quarter}": rows})


def test_a_quarters_figure_newly_returned_is_told_by_the_two_returns(tmp_path):
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [_scorecard(tmp_path / "q2.xlsx", 2), _scorecard(tmp_path / "q3.xlsx", 3)])
        groups = headlines(pack).change_groups()
    (_table, before, after, items), = groups
    assert (before, after) == ("Q2 2024/25", "Q3 2024/25")   # the new quarter against the last return's
    item = next(i for i in items if i.label == "Re-referrals within 12 months")
    assert (item.measure, item.previous_display, item.display) == ("Q3 2024/25", "21.5%", "23.1%")


def test_returns_on_sheets_named_by_their_quarter_alone_are_versions_of_one_table(tmp_path):
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [_scorecard(tmp_path / "q2.xlsx", 2), _scorecard(tmp_path / "q3.xlsx", 3)])
        q3, = pack.datasets()
        assert (q3.period, pack.previous_version(q3).period) == ("Q3 2024/25", "Q2 2024/25")


def test_check_sets_a_capital_forecast_against_its_revised_budget(tmp_path, capsys):
    rows = [["Capital Programme Monitoring 2024/25 - Period 9"], ["£000s"], [],
            ["Scheme", "Original Budget 2024/25", "Revised Budget 2024/25", "Forecast Outturn 2024/25", "Variance"],
            ["Bypass phase 2", 22000, 12500, 9100, -3400],
            ["Highways maintenance", 14200, 15350, 15850, 0],
            ["Total Capital Programme", 36200, 27850, 24950, -3400]]
    book = write_xlsx(tmp_path / "capital.xlsx", {"Capital": rows},
                      formats={"Capital": {f"{c}{r}": '#,##0;(#,##0);"-"' for c in "BCDE" for r in range(5, 8)}})
    assert main(["import", str(tmp_path / "p.mpack"), str(book)]) == 0
    capsys.readouterr()
    assert main(["check", str(tmp_path / "p.mpack")]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert out == ["capital.xlsx Capital!E6: Highways maintenance: variance 0 but projection - budget is 500",
                   "capital.xlsx Capital!E7: Total Capital Programme: variance (3,400) but projection - budget is "
                   "-2,900"], out


def test_the_headlines_say_where_the_reserves_are_going(tmp_path):
    rows = [["Forecast Usable Reserves 2024/25 (£000s)"], [],
            ["Reserve", "Balance at 1 April 2024", "Planned use in year", "Forecast balance at 31 March 2025"],
            ["General Fund Balance", 18500, -4820, 13680], ["Social Care Risk Reserve", 6400, -3400, 3000],
            ["Total Usable Reserves", 24900, -8220, 16680]]
    book = write_xlsx(tmp_path / "reserves.xlsx", {"Reserves": rows})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        item, = headlines(pack).deficits
    assert (item.label, item.measure) == ("Total Usable Reserves", "Forecast balance at 31 March 2025")
    assert item.with_earlier == "£16.7m, down £8.2m from £24.9m in Apr 2024"
    assert main(["export", str(tmp_path / "p.mpack"), "-o", str(tmp_path / "b.pdf")]) == 0
    headline_page = " ".join(PdfReader(tmp_path / "b.pdf").pages[2].extract_text().split())
    text = headline_page.split("Reserves and deficits", 1)[1]
    assert "Total Usable Reserves" in text and "£16.7m, down £8.2m from £24.9m in Apr 2024" in text, text


def test_a_red_savings_line_is_listed_with_its_shortfall_in_pounds(tmp_path):
    rows = [["2024/25 Savings Delivery Tracker - Period 9"], ["£000s"], [],
            ["Ref", "Saving Proposal", "2024/25 Target", "Forecast Delivery", "Shortfall / (Over-delivery)", "RAG"],
            ["AHW01", "Reablement first", 1200, 850, 350, "Amber"],
            ["AHW02", "Review of learning disability packages", 1800, 600, 1200, "Red"],
            ["PE01", "Garden waste charge increase", 750, 810, -60, "Green"]]
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [write_xlsx(tmp_path / "savings.xlsx", {"Savings": rows})])
        item, = headlines(pack).red_items
    assert (item.label, item.measure, item.display) == (
        "Review of learning disability packages", "Shortfall / (Over-delivery)", "£1.2m")


def test_a_count_beside_its_percentage_is_charted_as_a_number_not_points(tmp_path):
    rows = [["SEND - EHC needs assessments and timeliness, 2024"], [],
            ["Month", "New EHCPs issued", "Issued within 20 weeks", "% issued within 20 weeks"],
            ["Sep-24", 70, 41, 41 / 70], ["Oct-24", 88, 51, 51 / 88], ["Nov-24", 95, 46, 46 / 95]]
    specs = _charts(tmp_path, rows, "EHCP", {f"D{r}": "0.0%" for r in range(4, 7)})
    issued = next(s for s in specs if any(x.name == "Issued within 20 weeks" for x in s.series))
    assert issued.y_label == "number", [(s.title, s.y_label) for s in specs]


def test_a_monthly_charts_figures_print_each_month_whole(tmp_path):
    rows = [["SEND - EHC needs assessments and timeliness, 2024"], [],
            ["Month", "Requests", "% issued within 20 weeks", "England (2023) %"]]
    rows += [[f"{m}-24", 100 + i, (40 + i) / 100, .503] for i, m in
             enumerate(["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"])]
    book = write_xlsx(tmp_path / "ehcp.xlsx", {"EHCP": rows},
                      formats={"EHCP": {f"{c}{r}": "0.0%" for c in "CD" for r in range(4, 12)}})
    assert main(["import", str(tmp_path / "p.mpack"), str(book)]) == 0
    assert main(["export", str(tmp_path / "p.mpack"), "-o", str(tmp_path / "b.pdf")]) == 0
    text = "\n".join(page.extract_text() for page in PdfReader(tmp_path / "b.pdf").pages)
    assert "Apr-2\n" not in text and "Aug-2\n" not in text, text


def test_last_quarters_variance_beside_this_quarters_gives_the_adverse_movements(tmp_path):
    rows = [["Resources Directorate Budget Monitor - Quarter 2 2024/25 (£m)"], [],
            ["Service Area", "Budget", "Projected Outturn", "Variance Under/(Over)",
             "Last Quarter Variance Under/(Over)"],
            ["Finance", 6.5, 6.3, 0.2, 0.1], ["ICT", 8.0, 8.4, -0.4, -0.2], ["Legal", 3.9, 4.1, -0.2, -0.2],
            ["Property", 5.2, 5.0, 0.2, 0.3], ["Total Resources", 23.6, 23.8, -0.2, 0.0]]
    book = write_xlsx(tmp_path / "resources.xlsx", {"Summary": rows})
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [book])
        moved = headlines(pack).adverse_movements
    assert [(i.label, i.display) for i in moved] == [("ICT", "£0.2m worse"), ("Property", "£0.1m worse")]


def test_last_months_variance_column_gives_the_movements_where_no_movement_column_does(tmp_path):
    rows = [["Revenue Budget Monitoring 2024/25 - Period 9 (December 2024)"], ["All figures £000s"], [],
            ["Service", "Revised Budget", "P9 Forecast Outturn", "P9 Forecast Variance", "P8 Forecast Variance"],
            ["External Placements", 28600, 35420, 6820, 5550], ["Fostering & Adoption", 13250, 12700, -550, -370],
            ["Parking Services", -4210, -3480, 730, 560], ["Net General Fund", 37640, 44640, 7000, 5740]]
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [write_xlsx(tmp_path / "p9.xlsx", {"P9": rows})])
        moved = headlines(pack).adverse_movements
    assert [(i.label, i.display) for i in moved] == [("External Placements", "£1.3m worse"),
                                                     ("Parking Services", "£170k worse")]


def test_a_monitors_summary_tells_the_biggest_move_from_last_quarters_variance(tmp_path):
    rows = [["Resources Directorate Budget Monitor - Quarter 2 2024/25 (£m)"], [],
            ["Service Area", "Budget", "Projected Outturn", "Variance Under/(Over)",
             "Last Quarter Variance Under/(Over)"],
            ["Finance", 6.5, 6.3, 0.2, 0.1], ["ICT", 8.0, 8.4, -0.4, -0.2], ["Legal", 3.9, 4.1, -0.2, -0.2],
            ["Property", 5.2, 5.0, 0.2, 0.3], ["Total Resources", 23.6, 23.8, -0.2, 0.0]]
    spec = _charts(tmp_path, rows, "Resources")[0]
    assert "Biggest movement since the last report: ICT, £0.2m worse." in spec.summary, spec.summary


def test_the_monitor_the_headlines_lead_on_opens_the_finance_section(tmp_path):
    capital = [["Capital Programme Monitoring 2024/25 - Period 9"], ["£000s"], [],
               ["Scheme", "Revised Budget 2024/25", "Forecast Outturn 2024/25", "Variance"],
               ["Bypass phase 2", 12500, 9100, -3400], ["ICT device refresh", 1800, 1920, 120],
               ["Total Capital Programme", 14300, 11020, -3280]]
    revenue = [["Revenue Budget Monitoring 2024/25 - Period 9"], ["All figures £000s"], [],
               ["Service", "Revised Budget", "Forecast Outturn", "Forecast Variance"],
               ["External Placements", 28600, 35420, 6820], ["Parking Services", -4210, -3480, 730],
               ["Net General Fund", 124390, 131940, 7550]]
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(write_xlsx(tmp_path / "a_capital.xlsx", {"Capital": capital})),
                 str(write_xlsx(tmp_path / "b_revenue.xlsx", {"Revenue": revenue}))]) == 0
    assert main(["export", str(pack), "-o", str(tmp_path / "b.pdf")]) == 0
    contents = " ".join(PdfReader(tmp_path / "b.pdf").pages[1].extract_text().split())
    assert contents.index("Revenue Budget Monitoring") < contents.index("Capital Programme Monitoring"), contents


def test_variance_last_month_beside_the_in_year_variance_gives_the_movements(tmp_path):
    """``Variance last month (M7)`` is last month's ``In-year Variance``: "in-year" and the bracketed
    month do not make them different columns (the old reading told no movement)."""
    rows = [["Dedicated Schools Grant (DSG) Monitoring 2024/25 - Month 8 (November 2024)"], ["£000s"], [],
            ["Block / Budget line", "2024/25 DSG Allocation", "Forecast Outturn", "In-year Variance",
             "Variance last month (M7)"],
            ["Growth fund", 1200, 860, -340, -300], ["Top-up funding", 14300, 17950, 3650, 3210],
            ["Alternative provision", 3900, 4410, 510, 480], ["SEN support services", 2600, 2480, -120, -100],
            ["Total DSG", 22000, 25700, 3700, 3290]]
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [write_xlsx(tmp_path / "dsg.xlsx", {"DSG M8": rows})])
        moved = headlines(pack).adverse_movements
    assert [(i.label, i.display) for i in moved] == [("Top-up funding", "£440k worse"),
                                                     ("Alternative provision", "£30k worse")]
