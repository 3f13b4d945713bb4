"""Units, periods and figures misread in earlier rounds, each now read by a general rule."""

import csv

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.observation import BREAKDOWN, TIME_SERIES


def _kind(path) -> tuple[str, str]:
    (table,) = read_file(path).tables
    return table.layout.kind, table.layout.kind_reason


def test_a_benchmark_of_the_latest_year_is_not_counted_among_the_periods(tmp_path):
    """``2022 | 2023 | 2024 | Benchmark (county councils 2024)``: three years and a benchmark, where the
    report had said four columns are periods."""
    rows = [["Workforce equality monitoring at 31 March"], [],
            ["Measure", "2022", "2023", "2024", "Benchmark (county councils 2024)"],
            ["Mean gender pay gap", 0.112, 0.104, 0.098, 0.095],
            ["Employees declaring a disability", 0.049, 0.052, 0.058, 0.068]]
    assert _kind(write_xlsx(tmp_path / "equality.xlsx", {"Equality": rows})) == \
        (TIME_SERIES, "3 columns are periods (2022 ... 2024)")


def test_two_years_of_each_measure_by_cohort_are_a_breakdown(tmp_path):
    """Each measure for this year and last, by pupil cohort: a breakdown with two years of each measure,
    where it had been read as a time series of seven periods."""
    rows = [["Attendance and exclusions by pupil cohort"], [],
            ["Cohort", "Pupils on roll", "Overall absence % 2023/24", "Overall absence % 2024/25",
             "Persistent absence % 2023/24", "Persistent absence % 2024/25", "Suspensions 2023/24",
             "Suspensions 2024/25", "Permanent exclusions 2024/25"],
            ["All pupils", 68410, 0.068, 0.064, 0.192, 0.178, 2510, 2795, 38],
            ["EHCP", 3105, 0.118, 0.121, 0.352, 0.364, 388, 452, 6]]
    assert _kind(write_xlsx(tmp_path / "cohort.xlsx", {"Cohort": rows}))[0] == BREAKDOWN
    years = [["Service", "Spend 2021/22", "Spend 2022/23", "Spend 2023/24"], ["Libraries", 10, 11, 12],
             ["Parks", 20, 21, 22]]
    assert _kind(write_xlsx(tmp_path / "spend.xlsx", {"Spend": years})) == \
        (TIME_SERIES, "3 columns are periods (Spend 2021/22 ... Spend 2023/24)")


def test_a_sentence_prints_a_figure_with_no_more_decimals_than_it_needs(tmp_path):
    """The briefing printed '33.206600%' and '49,797.24310': the most decimals any figure of the row
    had (a General cell's 0.332066 read as a percentage, six; another ward's 12345.12345, five). A figure
    keeps at most two decimals when it has three significant figures without them; a percentage shown as
    its fraction (``0.25`` of 25%) counts two decimals fewer; small figures keep what they need."""
    from memberpack.analysis.charts import charts_for
    from memberpack.analysis.narrative import decimals_of, value_text
    from memberpack.model.observation import Dataset

    assert value_text(33.2066, "percent", decimals_of(["0.332066", "0.105361141"], [33.2066, 10.536114])) == "33.21%"
    assert value_text(25.0, "percent", decimals_of(["0.25", "0.5"], [25.0, 50.0])) == "25%"
    assert decimals_of(["0.0123", "0.5"]) == 4 and decimals_of(["12.5", "53.75"]) == 2
    rows = [["Ward", "Residents per hectare"], ["Leith", 49797.2431], ["Portobello", 12345.12345], ["Gorgie", 28000.5]]
    table, = read_file(write_xlsx(tmp_path / "wards.xlsx", {"Wards": rows})).tables
    ds = Dataset("Wards", "wards.xlsx", "0" * 64, "Wards", "A1:B4", table.layout.kind, key="w")
    spec, = charts_for(ds, list(table.observations))
    assert "highest for Leith, at 49,797.24;" in spec.summary


def test_a_change_written_in_percentage_points_is_a_percentage(tmp_path):
    """``3.2pp`` beside two years' percentages had been read as a count of 3.2; it is a change in
    percentage points, a percentage as ``3.2 percentage points`` is. Read cell by cell and in batches alike."""
    from awkward_workbooks import observations

    for n in (3, 500):
        rows = [["Indicator", "% 2023/24", "% 2024/25", "Change"]] + [
            [f"School {i}", 50 + i % 7, 53.2 + i % 7, "3.2pp" if i % 2 else "-1.5 ppts"] for i in range(n)]
        read = observations(write_xlsx(tmp_path / f"change{n}.xlsx", {"Schools": rows}))
        assert [(read[("Schools", c)].value, read[("Schools", c)].unit) for c in ("D2", "D3")] == [
            (-1.5, "percent"), (3.2, "percent")]


def test_a_units_cell_saying_number_mean_or_years_gives_the_rows_unit(tmp_path):
    """ScotPHO's profiles give each row's unit in ``type_definition``: ``Percentage`` and rates were read,
    ``Number`` (a population), ``Mean`` (air quality) and ``Years`` (life expectancy) gave none."""
    rows = [["area_code", "area_type", "area_name", "year", "period", "type_definition", "indicator", "numerator",
             "measure", "upper_confidence_interval", "lower_confidence_interval"]]
    councils = [("S12000005", "Clackmannanshire"), ("S12000006", "Dumfries & Galloway"), ("S12000008", "East Ayrshire")]
    kinds = [("Percentage", "Alcohol problem drinking, males", 20.5, 15), ("Number", "Mid-year population estimate", 51540, 6),
             ("Mean", "Air quality", 4.9, 6), ("Years", "Healthy life expectancy, females", 59.6, 6)]
    for kind, indicator, figure, years in kinds:
        for i in range(years):
            code, name = councils[i % 3]
            year = 2010 + i // 3
            rows.append([code, "Council area", name, year, f"3-year aggregate ({year - 1} - {year + 1})", kind,
                         indicator, "NA", figure + i, "NA", "NA"])
    path = tmp_path / "profiles.csv"
    with path.open("w", newline="") as fh:
        csv.writer(fh).writerows(rows)
    cells = {o.cell: o for o in read_file(path).tables[0].observations}
    assert [cells[f"I{r}"].unit for r in (2, 17, 23, 29)] == ["percent", "count", "number", "number"]


def test_a_short_csv_with_decimal_commas_is_refused_saying_so(tmp_path):
    """A continental CSV of one or two lines under its header had been read as a table of texts (no
    figure in it), where a longer one was refused saying its figures have a decimal comma."""
    import pytest

    from memberpack.errors import ImportFailed

    for n, lines in enumerate(("Libraries;1.234,5;1.300,25\n", "Libraries;1.234,5;1.300,25\nParks;2.000,75;1.950,5\n")):
        path = tmp_path / f"monitor{n}.csv"
        path.write_text("Service;Budget;Forecast\n" + lines, encoding="utf-8")
        with pytest.raises(ImportFailed, match=r"decimal comma \('1\.234,5'\).*save it with a decimal point"):
            read_file(path)


def test_a_comparators_figure_of_our_latest_year_is_not_counted_among_the_periods(tmp_path):
    """``2021/22 | 2022/23 | 2023/24 | England 2023/24``: three years of ours and England's latest, where the
    report had counted four periods; a table of England's own figures by year is still a series."""
    rows = [["Indicator", "2021/22", "2022/23", "2023/24", "England 2023/24"],
            ["Care leavers in EET", 55.1, 57.3, 58.2, 56.0], ["Care leavers in suitable accommodation", 88.0, 89.5, 90.1, 88.4]]
    assert _kind(write_xlsx(tmp_path / "ours.xlsx", {"KPI": rows})) == \
        (TIME_SERIES, "3 columns are periods (2021/22 ... 2023/24)")
    england = [["Indicator", "England 2021/22", "England 2022/23", "England 2023/24"], *[r[:1] + r[2:] for r in rows[1:]]]
    assert _kind(write_xlsx(tmp_path / "england.xlsx", {"KPI": england})) == \
        (TIME_SERIES, "3 columns are periods (England 2021/22 ... England 2023/24)")


def test_a_change_between_periods_is_no_period_of_the_series(tmp_path):
    """The police workforce tables' ``Change in 12 months Sep-18 to Sep-19`` columns had been counted among
    the periods ('5 columns are periods (As at: Sep 2018 ... Change in 6 months ...)'); a change is neither a
    period nor a measure the periods must outnumber."""
    rows = [["Force", "As at: Sep 2018", "As at: Mar 2019", "As at: Sep 2019", "Change in 12 months Sep-18 to Sep-19",
             "Change in 12 months Sep-18 to Sep-19 %", "Change in 6 months Mar-19 to Sep-19",
             "Change in 6 months Mar-19 to Sep-19 %"],
            ["Cleveland", 1223.9, 1198.3, 1225.9, 2.0, 0.16, 27.6, 2.31], ["Durham", 1141.1, 1118.0, 1124.7, -16.4, -1.43, 6.8, 0.6]]
    assert _kind(write_xlsx(tmp_path / "police.xlsx", {"Table_1": rows})) == \
        (TIME_SERIES, "3 columns are periods (As at: Sep 2018 ... As at: Sep 2019)")


def test_a_second_table_takes_the_period_the_sheets_title_states_before_the_file_names(tmp_path):
    """Savings under the monitor on its sheet ('Children's Services Budget Monitor 2020/21 Month 9'), in
    cs_m9.xlsx: the savings had been of 'Month 9' with no year, from the file name; a table whose own
    title states a period keeps it."""
    rows = [["Children's Services Budget Monitor 2020/21 Month 9"], ["£000"], [],
            ["Service", "Budget", "Forecast", "Variance"], ["Fieldwork", 9100, 9300, 200],
            ["Placements", 38400, 48800, 10400], ["Total", 47500, 58100, 10600], [], [],
            ["Savings delivery"], [], ["Saving", "Target", "Delivered", "Shortfall"],
            ["Reablement", 1200, 850, 350], ["Transport review", 900, 150, 750], [], [],
            ["Savings 2021/22 Month 9"], [], ["Saving", "Target", "Delivered", "Shortfall"], ["Reablement", 800, 700, 100],
            ["Transport review", 600, 600, 0]]
    monitor, savings, later = read_file(write_xlsx(tmp_path / "cs_m9.xlsx", {"Summary": rows})).tables
    assert monitor.layout.period == savings.layout.period == "2020/21 Month 9"
    assert savings.report.period_reason == "the sheet's title"
    assert later.layout.period == "2021/22 Month 9"
