"""Figures kept column-wise: what a block expands to, and how it is stored and refused."""

import numpy as np
import pytest

from memberpack.errors import PackError
from memberpack.model.blocks import BlockColumn, Coded, FigureBlock, Texts
from memberpack.store import block_codec


def _block() -> FigureBlock:
    budget = BlockColumn(1, "B", "Budget £k", "GBP", "budget", "2023/24", np.array([123.4, -5.0, 0.1]), factor=1000.0)
    rate = BlockColumn(2, "C", "Rate", "percent", "other", None, np.array([12.5, np.nan, 3.0]), raw=False,
                       displays=Texts.of(["12.5", "c", "3.0"]), specials={1: (None, None, "suppressed")})
    return FigureBlock("Returns", np.array([0, 1, 3], dtype=np.int32), np.array([5, 6, 8], dtype=np.int32),
                       Coded.of(["Fostering", "Adoption", "Café – respite"]), Coded.same(None, 3),
                       Coded.same("data", 3), [budget, rate], Coded.of(["Q1", "Q1", "Q2"]), None)


def test_a_block_expands_to_the_figures_a_cell_by_cell_reading_gives():
    got = [(o.label, o.measure, o.value, o.unit, o.display, o.status, o.period, o.cell, o.row, o.col)
           for o in _block().observations()]
    assert got[:2] == [("Fostering", "Budget £k", 123_400.0, "GBP", "123.4", None, "2023/24", "B5", 0, 1),
                       ("Fostering", "Rate", 12.5, "percent", "12.5", None, "Q1", "C5", 0, 2)]
    assert got[2][2:5] == (-5000.0, "GBP", "-5") and got[3][2:6] == (None, None, "c", "suppressed")
    assert got[4][2] == 100.0 and got[5][:3] == ("Café – respite", "Rate", 3.0) and got[5][7] == "C8"


def test_a_stored_block_reads_back_the_same():
    head, blob = block_codec.encode(_block())
    again = block_codec.decode(head, blob)
    assert list(again.observations()) == list(_block().observations())


@pytest.mark.parametrize("damage", [lambda b: b[:-1], lambda b: b + b"\0", lambda b: b"\xff" * len(b)])
def test_a_damaged_block_is_refused(damage):
    head, blob = block_codec.encode(_block())
    with pytest.raises(PackError, match="cannot be read"):
        list(block_codec.decode(head, damage(blob)).observations())


@pytest.mark.parametrize("values, compact", [
    ([123.4, -5.0, 0.1], True), ([1.0, 2.0, 3.0], True), ([0.1234, 7.5], True),
    ([1e-9, 2.0], False), ([-0.0, 1.0], False), ([3e10, 1.0], False), ([0.1 + 0.2, 1.0], False)])
def test_figures_are_stored_in_half_the_space_only_when_that_is_exact(values, compact):
    block = _block()
    block.columns[0].values = np.array(values)
    block.rows, block.lines = block.rows[:len(values)], block.lines[:len(values)]
    for coded in (block.labels, block.sections, block.roles, block.periods):
        coded.codes = coded.codes[:len(values)]
    block.columns = block.columns[:1]
    head, blob = block_codec.encode(block)
    got = block_codec.decode(head, blob).columns[0].values
    assert got.tobytes() == np.array(values).tobytes()
    assert len(blob) == (6 * 4 + (4 if compact else 8)) * len(values)   # six int32 row arrays, then the figures
