"""A budget monitor with year-to-date columns beside the full year's (``Year to date | Budget,
Actual, Variance`` then ``Full year | Annual Budget, Forecast Outturn, Forecast Variance``) is
reported on the full year: the net forecast variance, a share of the annual budget. The old reading
mixed them ("forecast overspend of £1,240k, 2.0% of the £63,300k budget" for a £2,100k forecast
overspend on a £94,950k budget), since ``Forecast Variance`` named no metric and the year-to-date
budget came first."""

import pytest
from awkward_workbooks import write_xlsx

from memberpack.analysis.headlines import budget_position
from memberpack.importers import read_file
from memberpack.model.grid import Grid
from memberpack.model.metrics import match_metric
from memberpack.model.monitor_columns import full_year
from memberpack.model.observation import Dataset

_LINES = [("Residential care", 20100, 21050, 950, 30150, 31800, 1650),
          ("Nursing care", 9800, 9700, -100, 14700, 14550, -150),
          ("Learning disability", 16000, 15600, -400, 24000, 23500, -500),
          ("Adult Social Care total", 45900, 46350, 450, 68850, 69850, 1000)]


def _position(tmp_path, header: list[str]):
    rows = [["Adult Social Care - Revenue Budget Monitoring - Period 8 (November 2024)"], ["All figures £000"],
            ["", "Year to date", "", "", "Full year", "", ""], ["Service", *header], *map(list, _LINES)]
    path = write_xlsx(tmp_path / "p8.xlsx", {"P8": rows}, merges={"P8": ["B3:D3", "E3:G3"]})
    table, = read_file(path).tables
    grid = Grid.of(list(table.observations))
    return budget_position(Dataset("P8", "p8.xlsx", "0" * 64, "P8", "A3:G8", "budget_monitor"), grid)


@pytest.mark.parametrize("header", [
    ["Budget", "Actual", "Variance", "Annual Budget", "Forecast Outturn", "Forecast Variance"],
    ["Profiled budget", "Actual to date", "YTD variance", "Budget", "Forecast", "Variance"],
    ["Budget to date", "Spend to date", "Variance to date", "Revised budget", "Projected outturn",
     "Forecast outturn variance"]])
def test_the_position_is_the_full_year_forecast_against_the_annual_budget(tmp_path, header):
    position = _position(tmp_path, header)
    assert (position.budget, position.forecast, position.variance) == (68_850_000, 69_850_000, 1_000_000)


@pytest.mark.parametrize("header, metric", [
    ("Forecast Variance", "fin_variance"), ("Budget variance", "fin_variance"),
    ("Variance to budget", "fin_variance"), ("Forecast outturn variance", "fin_variance"),
    ("Forecast overspend", "fin_variance"), ("Revised budget variance", "fin_variance"),
    ("Change in forecast variance", "fin_variance_movement"), ("Forecast variance movement", "fin_variance_movement"),
    ("Forecast outturn", "fin_forecast_outturn"), ("Revised budget", "fin_budget_current")])
def test_a_variance_named_by_what_it_is_the_difference_of_is_a_variance(header, metric):
    """``Forecast outturn variance`` had been taken for the forecast outturn itself."""
    assert match_metric("", header, "GBP").id == metric


def test_the_full_year_column_is_preferred_to_the_part_year_and_the_revised_to_the_original():
    assert full_year(["YTD Budget", "Original budget", "Revised budget"]) == "Revised budget"
    assert full_year(["Budget to date", "Original budget"]) == "Original budget"
    assert full_year(["Variance in month", "Variance this month"]) == "Variance this month"
    assert full_year(["Variance last month", "Variance this month"]) == "Variance this month"
    assert full_year(["Forecast previous report", "Forecast"]) == "Forecast"
    assert full_year([]) is None


def test_a_monitor_with_last_months_forecast_beside_this_months_is_told_by_this_months(tmp_path):
    """``Forecast P8 | Forecast P9 | Over/(Under) spend P9``: the variance column had named no metric,
    so the briefing said there was no budget monitor at all; the position is P9's forecast."""
    rows = [["Revenue Budget Monitoring Report - Month 9 2024/25"], [],
            ["Directorate", "Net Budget £000", "Forecast P8 £000", "Forecast P9 £000", "Over/(Under) spend P9 £000",
             "Movement P8 to P9 £000"],
            ["Adults and Health", 112300, 115900, 116800, 4500, 900],
            ["Children's Services", 78400, 81100, 80600, 2200, -500],
            ["Place", 45200, 44800, 44700, -500, -100], ["Total", 235900, 241800, 242100, 6200, 300]]
    table, = read_file(write_xlsx(tmp_path / "p9.xlsx", {"Summary": rows})).tables
    grid = Grid.of(list(table.observations))
    position = budget_position(Dataset("S", "p9.xlsx", "0" * 64, "Summary", "A3:F7", "budget_monitor"), grid)
    assert (position.budget, position.forecast, position.variance) == (235_900_000, 242_100_000, 6_200_000)


@pytest.mark.parametrize("header", ["Over/(Under) spend", "Overspend/(Underspend)", "Variance Over/(Under)",
                                    "Under/(Over)"])
def test_over_under_columns_are_variances(header):
    assert match_metric("", header, "GBP").id == "fin_variance"


def test_last_months_variance_beside_this_months_is_not_the_position(tmp_path):
    """``Variance last month | Variance this month | Movement``: the position had been last month's."""
    rows = [["Place Directorate budget monitoring Month 7 2024/25 (£000)"], [],
            ["Service", "Budget", "Forecast", "Variance last month", "Variance this month", "Movement"],
            ["Highways", 10000, 10600, 400, 600, 200], ["Waste", 20000, 19800, -100, -200, -100],
            ["Total", 30000, 30400, 300, 400, 100]]
    table, = read_file(write_xlsx(tmp_path / "m7.xlsx", {"M": rows})).tables
    position = budget_position(Dataset("M", "m7.xlsx", "0" * 64, "M", "A3:F6", "budget_monitor"),
                               Grid.of(list(table.observations)))
    assert position.variance == 400_000
