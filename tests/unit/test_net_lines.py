"""A table's own net line (a town council's "Net Surplus" under its services) is its net position,
never one more line added into it."""

from memberpack.analysis.charts import charts_for
from memberpack.model.grid import Grid
from memberpack.model.observation import BUDGET_MONITOR, DATA, TOTAL, Dataset, Observation
from memberpack.model.units import GBP

ROWS = [("Economic Development", -132_000, -4_022, 127_978), ("Play and Recreation", -347_500, -109_981, 237_519),
        ("Planning and Highways", -412_500, -111_602, 300_898), ("Annual Precept", 1_832_982, 1_832_982, 0),
        ("Transfer to Earmarked Reserves", 0, 827_769, 827_769)]
MEASURES = ("2018 Net Budget", "2018 Net Expenditure", "2018 Net Variance")


def _accounts(last: str, figures: tuple[float, float, float]) -> tuple[Dataset, list[Observation]]:
    observations = [Observation(label, measure, value, GBP, f"({-value:,.0f})" if value < 0 else f"{value:,.0f}",
                                period="2018", row=r, col=c, cell=f"{'BCD'[c - 1]}{r + 2}", sheet="Page 1")
                    for r, (label, *values) in enumerate([*ROWS, (last, *figures)])
                    for c, (measure, value) in enumerate(zip(MEASURES, values), start=1)]
    return Dataset("Page 1", "accounts.xlsx", "0" * 64, "Page 1", "B2:E8", BUDGET_MONITOR, key="a",
                   period="2018"), observations


def test_a_net_surplus_line_is_the_net_not_one_more_underspend():
    """Sutton Coldfield's 2018 accounts: the briefing said "Net underspend of £2.7m ... Largest
    underspends: Transfer to Earmarked Reserves £827,769 and Net Surplus £522,542", adding the net
    surplus to the lines it is the net of."""
    ds, observations = _accounts("Net Surplus", (1_050_648, 1_500_146, 449_498))
    (rows,) = [Grid.of(observations).rows]
    assert rows[-1].role == TOTAL and all(r.role == DATA for r in rows[:-1])
    summary = charts_for(ds, observations)[0].summary
    assert summary.startswith("Net underspend of £449,498 at 2018.")   # no share of a "budget" that is a surplus
    assert "Net Surplus" not in summary.split(".", 1)[1]


def test_a_surplus_for_the_year_line_is_a_total_and_a_line_named_otherwise_is_not():
    for label in ("Net (Surplus)/Deficit", "Surplus/(Deficit) for the year", "Net deficit for the period"):
        assert Grid.of(_accounts(label, (1.0, 2.0, 1.0))[1]).rows[-1].role == TOTAL, label
    for label in ("Surplus land sales", "Deficit recovery plan"):
        assert Grid.of(_accounts(label, (1.0, 2.0, 1.0))[1]).rows[-1].role == DATA, label
