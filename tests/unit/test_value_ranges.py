"""Figures the pack cannot show or sum sensibly (non-finite, or beyond 1e15 in base units) are kept as
written with a status and reported; damaged block heads are refused; the JSON export is always JSON."""

import json
import re

import numpy as np
import pytest
from openpyxl import Workbook

from memberpack.cli import main
from memberpack.errors import PackError
from memberpack.model.blocks import BlockColumn, Coded, FigureBlock
from memberpack.model.values import OUT_OF_RANGE, from_number, parse_text
from memberpack.store import block_codec
from memberpack.store.pack import Pack


def _refuse_constant(name):
    raise ValueError(f"not JSON: {name}")


def _budget(path, projection, rows=3):
    wb = Workbook()
    ws = wb.active
    ws.append(["Service", "Budget £m", "Projection £m", "Variance £m"])
    for i in range(rows):
        ws.append([f"Service {i}", 10.0, 11.0, 1.0])
    ws.append(["Placements", 10.0, projection, 1.0])
    wb.save(path)
    return path


@pytest.mark.parametrize("rows", [3, 1_200])   # cell by cell, and inside a block of plain rows
def test_a_figure_that_overflows_is_kept_as_text_and_reported(tmp_path, capsys, rows):
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(_budget(tmp_path / "b.xlsx", 1.7e308, rows))]) == 0
    out = capsys.readouterr().out
    assert f"skipped C{rows + 2}: 1.7e+308 is beyond the range of figures memberpack can sum" in out
    with Pack.open(pack) as p:
        (ds,) = p.datasets()
        (cell,) = [o for o in p.observations(ds.id) if o.cell == f"C{rows + 2}"]
    assert (cell.value, cell.status, cell.display) == (None, OUT_OF_RANGE, "1.7e+308")
    assert main(["check", str(pack)]) in (0, 1)
    assert "inf" not in capsys.readouterr().out
    assert main(["export", str(pack), "-o", str(tmp_path / "p.json")]) == 0
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"), parse_constant=_refuse_constant)
    assert all(o["value"] is None or abs(o["value"]) <= 1e15 for o in data["observations"])


def test_values_beyond_the_range_in_text_and_numbers():
    assert parse_text("£2,000,000,000m").status == OUT_OF_RANGE and parse_text("£2,000,000,000m").value is None
    assert parse_text("£999m").value == 999_000_000
    assert from_number(float("inf")).status == OUT_OF_RANGE
    assert from_number(float("nan")).status == OUT_OF_RANGE
    assert from_number(1e16).status == OUT_OF_RANGE and from_number(1e15).value == 1e15


def _block():
    col = BlockColumn(1, "B", "Budget £k", "GBP", "other", None, np.array([1.5, 2.5]), raw=True, factor=1000.0)
    return FigureBlock("Sheet1", np.array([3, 4], dtype=np.int32), np.array([3, 4], dtype=np.int32),
                       Coded.of(["A", "B"]), Coded.same(None, 2), Coded.same("data", 2), [col])


@pytest.mark.parametrize("change, reason", [
    (lambda h: h["columns"][0].update(decimals=-400), "decimals (-400) are out of range"),
    (lambda h: h["columns"][0].update(decimals=400), "decimals (400) are out of range"),
    (lambda h: h["columns"][0].update(factor=1e308), "factor is out of range"),
    (lambda h: h.update(rows=-1), "row count is out of range"),
    (lambda h: h["columns"][0].update(position="B"), "position is missing or of the wrong type"),
    (lambda h: h["columns"][0].update(specials=[[99, 1.0, None, "c"]]), "special cells are out of range"),
])
def test_a_damaged_block_head_is_refused_before_any_figure_is_decoded(change, reason):
    head, blob = block_codec.encode(_block())
    assert block_codec.decode(head, blob).columns[0].values.tolist() == [1.5, 2.5]
    head = json.loads(head)
    change(head)
    with pytest.raises(PackError, match=re.escape(reason)):
        block_codec.decode(json.dumps(head), blob)


def _marked_block():
    block = _block()
    block.columns[0].values = np.array([1.5, np.nan])
    block.columns[0].specials = {1: (None, None, "suppressed")}
    return block


@pytest.mark.parametrize("change", [
    lambda h: h["columns"][0]["special_cells"].update(count=5),
    lambda h: h["columns"][0]["special_cells"].update(count=0),
    lambda h: h["columns"][0]["special_cells"].update(statuses=[]),
    lambda h: h["columns"][0]["special_cells"].update(valued="yes"),
    lambda h: h["columns"][0].update(special_cells=[1]),
])
def test_forged_special_cells_are_refused(change):
    head, blob = block_codec.encode(_marked_block())
    assert block_codec.decode(head, blob).columns[0].specials == {1: (None, None, "suppressed")}
    head = json.loads(head)
    change(head)
    with pytest.raises(PackError, match="cannot be read"):
        block_codec.decode(json.dumps(head), blob)


@pytest.mark.parametrize("row, code, value", [(2, 0, None), (-1, 0, None), (1, 1, None), (1, 0, 1e300)])
def test_special_cells_out_of_range_in_the_blob_are_refused(row, code, value):
    block = _marked_block()
    block.columns[0].specials = {1: (1.0, None, "suppressed")}
    head, blob = block_codec.encode(block)
    figures = blob[:-24]   # the special cell: its row, unit code, status code (int32 each), value (float64)
    forged = figures + np.array([row, code, 0], dtype=np.int32).tobytes() + np.array([value or 1.0]).tobytes()
    with pytest.raises(PackError, match="cannot be read"):
        block_codec.decode(head, forged)


def test_a_mark_among_figures_shown_through_their_format_keeps_its_own_display():
    block = _marked_block()
    block.columns[0].code, block.columns[0].special_displays = "#,##0.0", {1: "[c]"}
    head, blob = block_codec.encode(block)
    again = block_codec.decode(head, blob)
    assert again.columns[0].special_displays == {1: "[c]"}
    assert [(o.value, o.display, o.status) for o in again.observations()] == [(1500.0, "1.5", None),
                                                                              (None, "[c]", "suppressed")]
    forged = blob[:-4] + np.array([1], dtype=np.int32).tobytes()   # its display's code: one past the list
    with pytest.raises(PackError, match="code is out of range"):
        block_codec.decode(head, forged)


def test_a_block_stored_with_its_special_cells_in_its_head_is_read_as_before():
    """Packs written before the special cells went into the blob."""
    head, blob = block_codec.encode(_marked_block())
    head = json.loads(head)
    cells = head["columns"][0].pop("special_cells")
    head["columns"][0]["specials"] = [[1, None, None, "suppressed"]]
    older = blob[:-4 * 3 * cells["count"]]
    assert block_codec.decode(json.dumps(head), older).columns[0].specials == {1: (None, None, "suppressed")}


def test_an_infinite_figure_in_a_stored_block_is_refused():
    block = _block()
    block.columns[0].values = np.array([1.5, np.inf])
    head, blob = block_codec.encode(block)
    with pytest.raises(PackError, match="a figure is out of range"):
        block_codec.decode(head, blob)
