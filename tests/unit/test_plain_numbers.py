"""A batch of figures written as text is read exactly as each cell alone is (and a row's few cells,
tested by the pattern rather than by array operations, alike): a plain figure is ``float(cell)``, a
formatted one (thousands grouped by commas, a negative in brackets) is read as ``read_value`` reads
it, and a batch with any other cell is not read as figures at all."""

import numpy as np
import pyarrow
import pyarrow.compute
import pytest
from hypothesis import given
from hypothesis import strategies as st

from memberpack.importers import plain_numbers
from memberpack.importers.plain_numbers import FORMATTED_NUMBER, plain_figures
from memberpack.importers.table_reader import read_value
from memberpack.model.units import find_unit
from memberpack.model.values import clean_number


def _one_by_one(cells):
    """What the batch must give: every cell a plain or formatted figure, then each one's float."""
    if not all(type(c) is str and c.isascii() and FORMATTED_NUMBER.fullmatch(c) for c in cells):
        return None
    return np.array([-float(c[1:-1].replace(",", "")) if c.startswith("(") else float(c.replace(",", ""))
                     for c in cells])


def _same(cells):
    expected = _one_by_one(cells)
    # tested by the array operations (converted by numpy, or by Arrow as for a large file), and (as a
    # row read alone) by the pattern
    for few, arrow in ((0, []), (0, [pyarrow, pyarrow.compute]), (len(cells), [])):
        plain_numbers._FEW, plain_numbers._arrow[:] = few, arrow
        try:
            got = plain_figures(cells)
        finally:
            plain_numbers._FEW, plain_numbers._arrow[:] = _FEW, []
        assert (got is None) == (expected is None), (cells, few)
        if got is not None:
            assert got.dtype == np.float64 and got.tobytes() == expected.tobytes(), cells   # -0.0 too
            assert [read_value(c, None, None).value for c in cells] == [clean_number(f) for f in got.tolist()]


_FEW = plain_numbers._FEW


@pytest.mark.parametrize("cells", [
    ["-234.2", "943.7", "0", "-0", "-0.0", "007"],
    ["0.1234567891", "123456789012345", "-123456789012345.1234567891"],   # the most digits allowed
    ["0.12345678912"], ["1234567890123456"], ["1.5", "1234567890123456"],   # one digit too many
    [".5"], ["5."], ["-.5"], ["-5."], ["1.2.3"], ["1-2"], ["--1"], ["-"], [""], ["1", ""], ["", "1"],
    ["1e5"], ["+5"], [" 12"], ["12 "], ["nan"], ["inf"], ["1_000"], ["١٢"], ["£5"], ["5%"], ["(5)"],
    ["1,500", "-73,127.2", "12,345,678.25", "-0,000", "913.0"], ["1,50"], ["1,5000"], ["1234,567"], [",123"],
    ["1,234,"], ["1.234,567"], ["-,123"], ["1,234.5.6"], ["1,234.12345678901"], ["1,234", "1\x002"],
    ["(479)", "(1,234.5)", "(0)", "12"], ["(-5)"], ["-(5)"], ["()"], ["(5"], ["5)"], ["((5))"], ["(1,2345)"],
    ["1\x002"], ["1", None], ["1", 2.0], ["0.1", "0.2", "0.30000000000000004"],
])
def test_awkward_cells_read_as_each_alone(cells):
    _same(cells)


_figure = st.from_regex(r"-?\d{1,16}(\.\d{1,11})?", fullmatch=True).filter(str.isascii)
_grouped = st.from_regex(r"\(?-?\d{1,4}(,\d{2,4})+(\.\d{1,3})?\)?", fullmatch=True).filter(str.isascii)
_near_figure = st.text(alphabet="0123456789-.,()", max_size=8)


@given(st.lists(st.one_of(_figure, _figure, _grouped, _near_figure), min_size=1, max_size=12))
def test_any_batch_reads_as_each_cell_alone(cells):
    _same(cells)

POUNDS = find_unit("£")
_MIXED = ["£1,234", "(500)", "1,234.5", "-7"]   # pounds as a finance system pastes them


@pytest.mark.parametrize("cells", [
    ["£1,234.56", "-£12", "(£479)", "£0", "-£0.50", "£7"], ["£12", "£(1,234)"], ["£-12"], ["£"], ["£ 12"],
    ["12"], ["£12", "12"], ["-(£5)"], ["(£-5)"], ["£.5"], ["£1.5m"], ["££1"], ["£1,234", None], ["-£1,23"],
    ["(£1,234"], ["£1,234)"], _MIXED, ["£1,234", "£"], ["-££5"], ["(££5)"], ["£5\x00£6"], ["£5", "6£"],
])
def test_figures_with_a_pound_sign_read_as_each_alone(cells):
    """With ``pounds``, a batch whose every cell is a figure with a pound sign before its digits or
    none (``(500)`` among ``£1,234``) is read as ``read_value`` reads each alone in a column of pounds
    (the sign kept out of the value); any other batch is not read at all (a few that are figures to
    it, ``£ 12``, ``£.5``, are left to it)."""
    for few, arrow in ((0, []), (0, [pyarrow, pyarrow.compute]), (len(cells), [])):
        plain_numbers._FEW, plain_numbers._arrow[:] = few, arrow
        try:
            got = plain_figures(cells, pounds=True)
        finally:
            plain_numbers._FEW, plain_numbers._arrow[:] = _FEW, []
        assert (got is not None) == (cells[0] in ("£1,234.56", "12") or cells in (["£12", "12"], _MIXED)), cells
        if got is not None:
            alone = [read_value(c, POUNDS, None) for c in cells]
            assert [(c.value, c.unit, c.status) for c in alone] == [(clean_number(f), "GBP", None) for f in got.tolist()]


def test_a_large_csvs_figures_are_converted_by_arrow_and_read_the_same(tmp_path, monkeypatch):
    """Once numpy has converted :data:`~.plain_numbers.ARROW_AFTER` figures in batches, the batches after
    are converted by Arrow: every observation, the report and the metrics as numpy's conversion gives."""
    import csv
    import dataclasses
    import random
    import threading

    from memberpack.importers import engine
    from memberpack.importers.engine import read_file

    rnd = random.Random(3)
    path = tmp_path / "large.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["Service line", "Budget £k", "Spend £k", "Variance £k", "Pupils"])
        for r in range(3_000):
            writer.writerow([f"Fostering {r}" if r % 7 == 0 else f"Line {r}", f"{rnd.uniform(-999, 999):.1f}",
                             f"{rnd.uniform(-1e6, 1e6):,.2f}", f"({rnd.uniform(0, 99):.2f})" if r % 3 else "-0",
                             str(rnd.randint(0, 10**9))])
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)

    def read():
        table = read_file(path).tables[0]
        fields = [tuple(getattr(o, f.name) for f in dataclasses.fields(o) if f.name != "id") for o in table.observations]
        return fields, table.report.to_dict(), table.metric_counts

    monkeypatch.setattr(plain_numbers, "_arrow", [])
    monkeypatch.setattr(plain_numbers, "_by_numpy", [0])
    by_numpy = read()
    assert not plain_numbers._arrow and plain_numbers._by_numpy[0] >= 3_000 * 4 - 100
    monkeypatch.setattr(plain_numbers, "ARROW_AFTER", 5_000)
    read()   # starts loading Arrow
    assert plain_numbers._by_numpy == [-1]
    for thread in threading.enumerate():
        if thread.name == "load-arrow":
            thread.join()
    cast = plain_numbers._cast
    casts = []
    monkeypatch.setattr(plain_numbers, "_cast", lambda data, ends: casts.append(len(ends) + 1) or cast(data, ends))
    assert read() == by_numpy
    assert sum(casts) >= 3_000 * 4 - 100
