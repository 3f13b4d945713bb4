"""A table's sign convention and money scale are read from its first rows, as an import reads a budget
monitor's: a 100,000-row ledger is not read through for them each time a headline or chart asks."""

from __future__ import annotations

from memberpack.model.conventions import SAMPLE_FIGURES, convention_of
from memberpack.model.grid import Grid
from memberpack.model.observation import Dataset, Observation


def figure(row: int, value: float, display: str) -> Observation:
    return Observation(f"Line {row}", "Net £", value, "GBP", display, row=row, col=1, cell=f"B{row + 2}")


def test_a_long_table_s_money_scale_is_read_from_its_first_rows():
    first = [figure(r, 500_000.0, "0.5") for r in range(SAMPLE_FIGURES)]            # £m, one decimal
    later = [figure(r, 500_000.0, "500,000") for r in range(SAMPLE_FIGURES, 3 * SAMPLE_FIGURES)]  # £
    ds = Dataset(name="Ledger", source_file="ledger.csv", sha256="", sheet="ledger", cell_range="")
    conv = convention_of(ds, Grid.of(first + later))
    assert (conv.scale, conv.decimals) == (1e6, 1)
    assert convention_of(ds, Grid.of(later)).scale == 1.0      # one whose first rows are in pounds
