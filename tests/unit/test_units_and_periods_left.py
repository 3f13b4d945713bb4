"""Units, periods and figures misread in earlier rounds, each now read by a general rule."""

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
