"""A table's sign convention and money scale are read from its first rows, as an import reads a budget
monitor's: a 100,000-row ledger is not read through for them each time a headline or chart asks."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from openpyxl import Workbook

from memberpack.importers.sign_sample import SignSample
from memberpack.model.conventions import SAMPLE_FIGURES, convention_of, infer
from memberpack.model.grid import Grid
from memberpack.model.observation import BUDGET_MONITOR, Dataset, Observation
from memberpack.store.pack import Pack


def figure(row: int, value: float, display: str) -> Observation:
    return Observation(f"Line {row}", "Net £", value, "GBP", display, row=row, col=1, cell=f"B{row + 2}")


def test_a_long_table_s_money_scale_is_read_from_its_first_rows():
    first = [figure(r, 500_000.0, "0.5") for r in range(SAMPLE_FIGURES)]            # £m, one decimal
    later = [figure(r, 500_000.0, "500,000") for r in range(SAMPLE_FIGURES, 3 * SAMPLE_FIGURES)]  # £
    ds = Dataset(name="Ledger", source_file="ledger.csv", sha256="", sheet="ledger", cell_range="")
    conv = convention_of(ds, Grid.of(first + later))
    assert (conv.scale, conv.decimals) == (1e6, 1)
    assert convention_of(ds, Grid.of(later)).scale == 1.0      # one whose first rows are in pounds


def _monitor(path, rows: int, *, marks: bool) -> Path:
    """A budget monitor in whole pounds for its first 100 rows and in pence below; with ``marks``, a
    ``tbc`` now and then among its figures (then read cell by cell, else column-wise)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Monitor"
    ws.append(["Revenue budget monitoring 2024/25"])
    ws.append(["Service", "Budget £", "Forecast £", "Variance £"])
    rnd = random.Random(5)
    for r in range(rows):
        budget = rnd.randrange(100, 900) * 1_000 + (0 if r < 100 else 0.25)
        forecast = budget + rnd.randrange(-50, 50) * 1_000
        ws.append([f"Service line {r}", budget, "tbc" if marks and r % 97 == 40 else forecast, forecast - budget])
    wb.save(path)
    return path


def _read_back(pack, dataset_id: int, size: int) -> dict:
    return infer(Grid.of(pack.iter_observations(dataset_id, first=size))).as_dict()


@pytest.mark.parametrize("size, marks", [(7, False), (100, False), (290, False), (5_000, False), (100, True)])
def test_an_import_takes_the_sample_as_the_figures_go_in(tmp_path, monkeypatch, size, marks):
    """The convention worked out from a budget monitor's figures as they are stored is the one its
    first figures read back from the pack give (a sample ending inside a row, or longer than the table)."""
    from memberpack.importers import engine, import_files

    taken = []
    monkeypatch.setattr(engine, "SignSample", lambda: taken.append(SignSample(size)) or taken[-1])
    monkeypatch.setattr(engine, "SAMPLE_FIGURES", size)
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [_monitor(tmp_path / "monitor.xlsx", 300, marks=marks)])
        (ds,) = pack.datasets()
        assert ds.kind == BUDGET_MONITOR and taken[0].convention is not None
        assert ds.layout["convention"] == _read_back(pack, ds.id, size)
    assert ds.layout["convention"]["decimals"] == (0 if size < 5_000 else 2)


def test_parts_out_of_row_order_leave_the_sample_to_the_pack():
    rows = [[figure(r, 500_000.0, "0.5")] for r in range(10)]
    sample = SignSample(5)
    assert list(sample.watch(rows[5:] + rows[:5])) == rows[5:] + rows[:5]
    assert sample.convention is None
    in_order = SignSample(5)
    list(in_order.watch(rows))
    assert in_order.convention == infer(Grid.of([o for row in rows[:5] for o in row]))
