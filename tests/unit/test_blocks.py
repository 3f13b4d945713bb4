"""Figures kept column-wise: what a block expands to, and how it is stored and refused."""

import json
import pickle

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from memberpack.errors import PackError
from memberpack.model.blocks import BlockColumn, Coded, FigureBlock, Texts
from memberpack.model.observation import Dataset
from memberpack.store import block_codec
from memberpack.store.pack import Pack


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


@pytest.mark.parametrize("later, decimals", [(0.25, 2), (1e-9, None), (0.0001, 4), (3e10, None), (-0.0, None),
                                             (7.0, 1)])
def test_a_column_s_decimals_hold_for_rows_after_its_first_ones(later, decimals):
    """Decimals are tried on a column's first rows, then proved on all of it: a figure far down
    that needs more (or cannot be counted at all) decides, and reads back the same bits."""
    values = np.array([round(0.1 * i, 1) for i in range(200)] + [later] + [4.5] * 20)
    block = _block()
    n = len(values)
    block.rows, block.lines = np.arange(n, dtype=np.int32), np.arange(n, dtype=np.int32) + 5
    block.labels, block.sections, block.roles = Coded.same("Line", n), Coded.same(None, n), Coded.same("data", n)
    block.periods = Coded.same("Q1", n)
    block.columns = [BlockColumn(1, "B", "Budget £k", "GBP", "budget", None, values)]
    head, blob = block_codec.encode(block)
    assert json.loads(head)["columns"][0]["decimals"] == decimals
    assert block_codec.decode(head, blob).columns[0].values.tobytes() == values.tobytes()


def test_a_block_encoded_by_the_reader_reads_back_the_same():
    """The reader's process sends blocks as the pack stores them: what the storing side inserts."""
    sent = pickle.loads(pickle.dumps(block_codec.encoded(_block()), protocol=pickle.HIGHEST_PROTOCOL))
    assert (sent.first_row, sent.last_row, len(sent), sent.cell_count) == (0, 3, 3, 6)
    assert (sent.head, sent.blob) == block_codec.encode(_block())
    assert list(sent.observations()) == list(_block().observations())


def test_a_pack_stores_an_encoded_block_as_it_stores_the_block(tmp_path):
    stored = []
    for i, part in enumerate([_block(), block_codec.encoded(_block())]):
        with Pack.create(tmp_path / f"{i}.mpack") as pack:
            with pack.transaction():
                ds = Dataset(name="Returns", source_file="r.xlsx", sha256="", sheet="Returns", cell_range="")
                pack.add_dataset(ds, [part])
            stored.append((pack.db.execute("SELECT first_row, row_count, cell_count, head, figures "
                                           "FROM observation_block").fetchall(), pack.observations(ds.id)))
    assert stored[0] == stored[1]
    assert [(o.cell, o.value) for o in stored[1][1]][:3] == [("B5", 123_400.0), ("C5", 12.5), ("B6", -5_000.0)]


def test_the_head_of_a_block_is_its_first_rows():
    block = _block()
    block.columns[0].row_metrics = Coded.of(["budget", "other", "budget"])
    whole = list(block.observations())
    assert list(block.head(2).observations()) == whole[:4]      # the row with the suppressed cell too
    assert list(block.head(1).observations()) == whole[:2] and block.head(9) is block


def _same_columns(rows):
    got = Texts.columns_of(rows)
    expected = [Texts.of(list(column)) for column in zip(*rows)]
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert g.data == e.data and g.offsets.dtype == np.int32 and g.offsets.tolist() == e.offsets.tolist()
        assert g.tolist() == e.tolist()


def test_a_csv_blocks_figures_as_written_are_each_columns_texts_packed_alone():
    _same_columns([["-234.2", "410.0", "007"], ["0", "", "-0.5"]])
    _same_columns([["1"]])
    _same_columns([])
    _same_columns([[], []])


def test_texts_of_columns_with_a_nul_or_a_pound_in_a_cell():
    _same_columns([["1\x002", "3"], ["\x00", "\x00\x00"]])
    _same_columns([["£5", "6"], ["7", "€"]])


@given(st.integers(1, 6).flatmap(lambda k: st.lists(
    st.lists(st.text(alphabet="0123456789.-\x00£ab", max_size=6), min_size=k, max_size=k), min_size=1, max_size=20)))
def test_texts_of_any_columns(rows):
    _same_columns(rows)


def test_a_sequence_of_one_value_is_coded_in_one_pass():
    """Texts repeating one value (a block's roles, a text column's statuses) are coded as that value
    for every row without each being looked up again; any sequence is coded as each looked up."""
    import random

    class Passes(list):
        passes = 0

        def __iter__(self):
            Passes.passes += 1
            return super().__iter__()

    coded = Coded.of(Passes(["text"] * 1_000))
    assert Passes.passes == 1 and coded.values == ["text"] and coded.codes.dtype == np.int32 and not coded.codes.any()
    rnd = random.Random(4)
    for _ in range(500):
        items = [rnd.choice(["a", "b", None, 1, 1.0, True]) for _ in range(rnd.randint(0, 6))]
        coded = Coded.of(items)
        assert coded.expanded() == items and coded.values == list(dict.fromkeys(items))


def test_a_text_columns_coded_statuses_read_and_store_as_a_cell_each():
    """A text column's special cells kept as coded statuses (no tuple a row) read as the dict of
    one (None, None, status) a row they stand for, and are stored byte for byte as that dict is."""
    from memberpack.model.blocks import RowStatuses

    statuses = ["text", "red", "text", "blank", "red"]
    coded = RowStatuses(Coded.of(statuses))
    as_dict = {i: (None, None, status) for i, status in enumerate(statuses)}
    assert coded == as_dict and dict(coded.items()) == as_dict and list(coded) == [0, 1, 2, 3, 4]
    assert 4 in coded and 5 not in coded and -1 not in coded and coded[3] == (None, None, "blank")
    column = BlockColumn(3, "D", "RAG", None, "other", None, np.full(5, np.nan), raw=False,
                         displays=Texts.of(["ok", "Red", "ok", "", "Red"]), specials=coded)
    block = _block()
    block = FigureBlock(block.sheet, np.arange(5, dtype=np.int32), np.arange(5, dtype=np.int32) + 4,
                        Coded.of(list("abcde")), Coded.same(None, 5), Coded.same("data", 5), [column])
    head, blob = block_codec.encode(block)
    column.specials = as_dict
    assert block_codec.encode(block) == (head, blob)
    assert block_codec.decode(head, blob).columns[0].specials == as_dict
    assert list(block.head(2).observations()) == list(block.observations())[:2]


def test_a_columns_own_periods_row_by_row_are_stored_and_expanded():
    """A column whose period in each row is its own (a month within the year a row's label names, a
    comments column's none) keeps them beside the block's per-row periods, stored and read back."""
    block = _block()
    block.columns[1].row_periods = Coded.of(["2023/24 Month 1", None, "2024/25 Month 1"])
    head, blob = block_codec.encode(block)
    again = block_codec.decode(head, blob)
    assert again.columns[1].row_periods.expanded() == ["2023/24 Month 1", None, "2024/25 Month 1"]
    got = [(o.measure, o.period) for o in again.observations()]
    assert got == [("Budget £k", "2023/24"), ("Rate", "2023/24 Month 1"), ("Budget £k", "2023/24"), ("Rate", None),
                   ("Budget £k", "2023/24"), ("Rate", "2024/25 Month 1")]
    assert [(o.measure, o.period) for o in again.observations(keep=[False, True, True])] == got[2:]
    assert [o.period for o in block.head(1).observations()] == ["2023/24", "2023/24 Month 1"]


@pytest.mark.parametrize("items", [["£1,234", "(500)", "", "£7"], ["é"], ["£1\x00", "2"], ["\x00£", "", "\x00"], [], [""], ["ascii"]])
def test_texts_with_pound_signs_are_packed_as_each_item_encoded_alone(items):
    """Texts that are not all ASCII (figures pasted with their pound signs) are packed with each
    item's UTF-8 bytes and their byte lengths, a NUL in an item or not."""
    texts = Texts.of(items)
    encoded = [item.encode() for item in items]
    assert texts.data == b"".join(encoded) and texts.offsets.dtype == np.int32
    assert texts.offsets.tolist() == [0, *np.cumsum(list(map(len, encoded))).tolist()] and texts.tolist() == items
