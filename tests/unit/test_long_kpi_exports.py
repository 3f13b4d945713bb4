"""A performance system's export, one row per indicator per quarter (``Indicator Code | Indicator |
Directorate | Period | Actual | Target | Status | Polarity``), as officers download it. The old
reading made the ``Period`` column (``2024/25 Q1``) a section heading of each row: the briefing
listed every quarter's red ratings as if current, said nothing got worse when EHCP timeliness fell
from 46.3% to 40.0%, ranked one indicator's Q1 against another's Q4 in a bar chart, and once the
period was read the table in the source showed figures with no quarter at all."""

import csv

from memberpack.analysis.charts import charts_for
from memberpack.analysis.headlines import headlines
from memberpack.importers import import_files, read_file
from memberpack.model.grid import Grid
from memberpack.model.observation import Dataset
from memberpack.store.pack import Pack

_QUARTERS = ["2024/25 Q1", "2024/25 Q2", "2024/25 Q3", "2024/25 Q4"]
_INDICATORS = [  # code, name, directorate, actuals, targets, polarity
    ("ASC01", "Permanent admissions to residential care (65+) per 100,000", "Adults",
     [142.1, 290.5, 431.0, 598.2], [150, 300, 450, 600], "Smaller is better"),
    ("CSC04", "Re-referrals to children's social care within 12 months (%)", "Children",
     [21.4, 22.8, 24.1, 23.5], [20, 20, 20, 20], "Smaller is better"),
    ("EDU02", "EHCPs issued within 20 weeks (%)", "Children", [48.2, 51.0, 46.3, 40.0], [60] * 4, "Bigger is better"),
    ("FIN07", "Council tax collected (%)", "Resources", [29.1, 56.4, 83.2, 96.9], [29.0, 57.0, 84.0, 97.0],
     "Bigger is better"),
]


def _export(path):
    rows = [["Indicator Code", "Indicator", "Directorate", "Period", "Actual", "Target", "Status", "Polarity"]]
    for code, name, where, actuals, targets, polarity in _INDICATORS:
        for quarter, actual, target in zip(_QUARTERS, actuals, targets):
            met = actual <= target if polarity.startswith("Smaller") else actual >= target
            rows.append([code, name, where, quarter, actual, target, "G" if met else "R", polarity])
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_the_period_column_dates_each_row(tmp_path):
    table, = read_file(_export(tmp_path / "kpi.csv")).tables
    assert {"column": "D", "header": "Period", "role": "period"} in table.report.key_columns
    cells = {o.cell: o for o in table.observations}
    assert (cells["E2"].period, cells["E17"].period) == ("Q1 2024/25", "Q4 2024/25")
    assert cells["E17"].section == "FIN07 / Resources"


def test_a_period_column_of_spans_read_as_their_first_month_is_no_period_key():
    from memberpack.importers.keys import column_kind

    assert column_kind("Period covered", ["September 2018 to September 2019"] * 3) != "period"
    assert column_kind("Month", ["Apr-24", "May-24", "Jun-24"]) == "period"


def test_the_table_as_in_the_source_names_each_rows_quarter(tmp_path):
    table, = read_file(_export(tmp_path / "kpi.csv")).tables
    labels = [row.label for row in Grid.as_source(list(table.observations)).rows]
    assert labels[:2] == ["Permanent admissions to residential care (65+) per 100,000 – Q1 2024/25",
                          "Permanent admissions to residential care (65+) per 100,000 – Q2 2024/25"]
    assert labels[-1] == "Council tax collected (%) – Q4 2024/25"


def test_red_items_are_the_latest_quarters_and_a_fall_since_the_last_is_told(tmp_path):
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [_export(tmp_path / "kpi.csv")])
        told = headlines(pack)
    assert {(i.label, i.period) for i in told.red_items} == {
        ("Re-referrals to children's social care within 12 months (%)", "Q4 2024/25"),
        ("EHCPs issued within 20 weeks (%)", "Q4 2024/25"),
        ("Council tax collected (%)", "Q4 2024/25")}
    # admissions rose 431.0 to 598.2 only as the year went on (its target rose with it): no worse
    assert [(i.label, i.previous_display, i.display) for i in told.worse_kpis] == [
        ("EHCPs issued within 20 weeks (%)", "46.3", "40.0")]


def test_each_indicator_is_charted_over_its_quarters_not_ranked_against_the_others(tmp_path):
    table, = read_file(_export(tmp_path / "kpi.csv")).tables
    ds = Dataset("kpi", "kpi.csv", "0" * 64, "kpi", "A1:H17", table.layout.kind, key="k")
    specs = charts_for(ds, list(table.observations))
    assert [spec.kind for spec in specs] == ["line", "line"]   # percentages, and the rate per 100,000
    assert specs[0].categories == ["Q1 2024/25", "Q2 2024/25", "Q3 2024/25", "Q4 2024/25"]
    assert specs[0].summary.startswith("EHCPs issued within 20 weeks (%): down 6.3 points from 46.3% in Q3 "
                                       "2024/25 to 40.0% in Q4 2024/25 (worse).")
    assert "highest for" not in " ".join(spec.summary for spec in specs)


def test_with_no_polarity_column_the_rating_against_the_target_tells_which_way_is_better(tmp_path):
    """Days to process a claim rated Green at 18 against 20 and Red at 26: lower is better, so 23 to
    26 is worse; planning decisions in time rated Red at 76 against 85: higher is better."""
    from datetime import date

    from awkward_workbooks import write_xlsx

    rows = [["Corporate KPI export"], [], ["Measure", "Service", "Month", "Value", "Target", "RAG"]]
    for name, service, values, target, lower in [
            ("Average days to process new benefit claims", "Resources", [18, 23, 26], 20, True),
            ("Planning applications determined in time (%)", "Place", [88, 90, 76], 85, False)]:
        for month, value in zip((8, 9, 10), values):
            met = value <= target if lower else value >= target
            rows.append([name, service, date(2024, month, 1), value, target, "G" if met else "R"])
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [write_xlsx(tmp_path / "kpi.xlsx", {"Export": rows})])
        worse = headlines(pack).worse_kpis
    assert [(i.label, i.previous_display, i.display) for i in worse] == [
        ("Average days to process new benefit claims", "23", "26"),
        ("Planning applications determined in time (%)", "90", "76")]
