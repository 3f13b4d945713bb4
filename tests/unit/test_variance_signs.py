"""Which way a budget monitor signs its variance, read from its headers and, more surely, from its
sums: a variance that is the budget less the forecast (``Under/(Over)``) is an underspend when
positive, so a forecast above budget is an overspend in every sentence written about it."""

from pathlib import Path

import pytest
from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.conventions import OVERSPEND, SURPLUS, UNDERSPEND, Convention, infer
from memberpack.model.grid import Grid

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def _convention(tmp_path, header: list[str], variance_sign: int):
    rows = [["Budget monitoring Month 6 2024/25 (£000)"], header]
    for service, budget, forecast in (("Adults", 45000, 47000), ("Children", 38000, 37500), ("Place", 12000, 12100)):
        rows.append([service, budget, forecast, variance_sign * (forecast - budget)])
    table, = read_file(write_xlsx(tmp_path / "m.xlsx", {"M": rows})).tables
    return infer(Grid.of(list(table.observations)))


@pytest.mark.parametrize("header, sign, positive", [
    (["Service", "Budget", "Forecast", "Variance Under/(Over)"], -1, UNDERSPEND),
    (["Service", "Budget", "Forecast", "Variance"], -1, UNDERSPEND),      # told by the sums alone
    (["Service", "Budget", "Forecast", "Variance"], 1, OVERSPEND),
    (["Service", "Budget", "Forecast outturn", "Over/(Under)"], 1, OVERSPEND),
    (["Service", "Budget", "Forecast", "Surplus/(Deficit)"], -1, SURPLUS)])
def test_the_sign_of_a_variance_is_read_from_the_sums(tmp_path, header, sign, positive):
    conv = _convention(tmp_path, header, sign)
    assert conv.positive == positive
    assert conv.word(2000 * sign) == ("overspend" if positive != SURPLUS else "deficit")   # Adults: £2,000k over
    assert conv.adverse(2000 * sign)


def test_an_underspend_convention_says_what_its_brackets_mean():
    under = Convention(UNDERSPEND, scale=1e3)
    assert under.key == "Figures in £k; brackets mean overspend (adverse)."
    assert (under.word(500), under.word(-500), under.adverse(-500)) == ("underspend", "overspend", True)


def test_a_monitor_with_original_and_revised_budgets_is_read_by_the_revised(tmp_path):
    """One line whose original budget happens to make its variance look reversed does not turn the
    table round; its position is stated against the revised budget."""
    from memberpack.analysis.headlines import budget_position
    from memberpack.model.observation import Dataset

    rows = [["Revenue monitoring 2024/25 Period 7 (£000)"],
            ["Directorate", "Original Budget", "Revised Budget", "Forecast Outturn", "Variance"],
            ["Adults", 44000, 45000, 47000, 2000], ["Children", 37000, 38000, 37500, -500],
            ["Place", 12500, 12000, 12100, 100], ["Total", 93500, 95000, 96600, 1600]]
    table, = read_file(write_xlsx(tmp_path / "p7.xlsx", {"M": rows})).tables
    grid = Grid.of(list(table.observations))
    assert infer(grid).positive == OVERSPEND
    position = budget_position(Dataset("M", "p7.xlsx", "0" * 64, "M", "A2:E6", "budget_monitor"), grid)
    assert (position.budget, position.variance) == (95_000_000, 1_600_000)


def test_a_monitor_split_into_expenditure_income_and_net_is_judged_by_its_net_columns():
    """The seed's Appendix 1 (REVISED BUDGET / FORECAST / VARIANCE, each over Expenditure, Income,
    Reserves and Net £): its net variance is set against the net budget, not the expenditure budget
    (the overview had said "Net budget £39,735,566" beside a forecast outturn of £32,963,082 and an
    overspend, and the PDF "3.0% of the £39,735,566 budget" for 3.7% of the £31,784,203 net budget)."""
    from memberpack.analysis.charts import charts_for
    from memberpack.analysis.headlines import budget_position
    from memberpack.model.observation import Dataset

    table, = read_file(SAMPLES / "09_childrens_services_m9_2020-21.xlsx").tables
    observations = list(table.observations)
    grid = Grid.of(observations)
    ds = Dataset("Appendix 1", "m9.xlsx", "0" * 64, "Appendix 1", "A4:M23", "budget_monitor",
                 period="2020/21 Month 9", key="m9")
    position = budget_position(ds, grid)
    assert (position.budget, position.forecast, position.variance) == (31_784_203, 32_963_082, 1_178_880)
    summary = charts_for(ds, observations)[0].summary
    assert summary.startswith("Net forecast overspend of £1.2m at 2020/21 Month 9, 3.7% of the £31.8m budget.")
