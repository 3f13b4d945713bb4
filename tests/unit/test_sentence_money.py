"""Money in sentences as UK councils write it (£1.18bn, £12.3m, £479k), never ``£1,179,091k``, and
never rounded so far that two figures said to differ read the same."""

from memberpack.analysis.headlines import BudgetPosition
from memberpack.analysis.narrative import breakdown_story, money, trend_story
from memberpack.model.conventions import Convention
from memberpack.model.grid import Grid
from memberpack.model.observation import DATA, TOTAL, Observation
from memberpack.model.units import GBP
from truth import check, table_periods

IN_K = Convention(scale=1e3, decimals=0)


def _table(rows: list[tuple[str, float, str]], measure: str = "Expenditure 2023/24") -> Grid:
    return Grid.of([Observation(label, measure, value * 1e3, GBP, f"{value:,.0f}", row_role=role, row=r, col=1,
                                cell=f"B{r + 2}", period="2023/24") for r, (label, value, role) in enumerate(rows)])


def test_large_thousands_are_written_in_millions_and_billions():
    assert money(1_179_091e3, IN_K) == "£1.18bn"
    assert money(12_345e3, IN_K) == "£12.3m"
    assert money(479e3, IN_K) == "£479k"
    assert money(0.1e6, Convention(scale=1e6, decimals=1)) == "£0.1m"   # a table in £m keeps its scale below £1m
    assert money(181_198.0, Convention()) == "£181,198"


def test_a_ranking_of_councils_in_thousands_reads_in_billions_and_millions():
    grid = _table([("Hampshire", 1_179_091, DATA), ("Rutland", 41_208, DATA), ("Kent", 1_176_000, DATA),
                   ("Total", 2_396_299, TOTAL)])
    story = breakdown_story(grid.rows[:3], "Expenditure 2023/24", GBP, grid.rows[3], "2023/24", IN_K)
    assert story.summary == ("Expenditure 2023/24: £2.40bn in total in 2023/24; Hampshire the largest, at "
                             "£1.18bn; lowest for Rutland, at £41.2m.")
    assert not check(story.summary, grid, IN_K, table_periods(grid))


def test_the_highest_and_lowest_never_read_the_same():
    grid = _table([("Hampshire", 1_179_091, DATA), ("Kent", 1_176_000, DATA)])
    story = breakdown_story(grid.rows, "Expenditure 2023/24", GBP, None, "2023/24", IN_K)
    assert story.summary == ("Expenditure 2023/24: highest for Hampshire, at £1.179bn; lowest for Kent, "
                             "at £1.176bn.")
    assert not check(story.summary, grid, IN_K, table_periods(grid))


def test_a_rise_is_never_written_from_and_to_the_same_figure():
    story = trend_story("Net budget", [("2022/23", 12_341e3), ("2023/24", 12_349e3)], GBP, "neutral", 0, IN_K)
    assert story.summary == "Net budget: up £8k from £12.34m in 2022/23 to £12.35m in 2023/24."
    story = trend_story("Net budget", [("2022/23", 12_345e3), ("2023/24", 12_349e3)], GBP, "neutral", 0, IN_K)
    assert story.summary == "Net budget: up £4k from £12.345m in 2022/23 to £12.349m in 2023/24."


def test_the_budget_position_tells_the_forecast_from_the_budget():
    position = BudgetPosition(1_179_091e3, 1_179_591e3, 500e3, "Total", "m.xlsx, S", "2023/24 Month 6", IN_K, "M6")
    assert position.sentence == ("Net forecast overspend of £500k at 2023/24 Month 6, under 0.1% of the £1.179bn "
                                 "budget: forecast outturn £1.180bn (Total).")   # not "0.0%" of it


def test_a_comparison_without_a_table_scale_writes_billions_too():
    from memberpack.analysis.charts import money_text
    assert money_text(-1_179_091e3) == "(£1.18bn)"
    assert money_text(12_345e3) == "£12.3m"
