"""Groups closed by worded sub totals with no heading over them (``Sub total 3`` under its lines, a
``Variance %`` that is a ratio on the sub total row) settled a window at once: the same observations,
report and metric counts as settling each row (:func:`assign_roles`) and as reading every cell, and
the rows arithmetic changes (a total of the sub totals, a running total, a sub total adding up none of
its lines, two groups of one name) still found."""

import dataclasses
import random

import numpy as np
import pytest
from openpyxl import Workbook

from memberpack.importers import engine, read_file
from memberpack.importers.roles import ParsedRow, _Sums, rounding_step
from memberpack.importers.subtotal_groups import adds_up_none, adds_up_some, group_bounds
from memberpack.importers.table_reader import TableReader
from memberpack.model.observation import DATA, SUBTOTAL
from memberpack.model.values import clean_number


def _budget(path, *, total_at=None, running=False, none_at=None, same_names=False, rows=2_700):
    """A budget monitor (£k) of groups of 17 to 25 lines, each closed by a worded sub total naming it,
    its Variance % a ratio (formatted as a percentage); some lines negative. ``total_at``: a line of
    that group adding up the sub totals above it; ``running``: the first sub total and the two lines
    under it added up by the next; ``none_at``: that group's sub total more than all its lines."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Service", "Budget £k", "Forecast £k", "Variance £k", "Variance %"])
    rnd = random.Random(11)
    line, group, subtotals = 0, 0, []
    while line < rows:
        figures = []
        for _ in range(rnd.randint(17, 25)):
            budget = round(rnd.uniform(-200, 900), 1)
            forecast = round(budget + rnd.uniform(-40, 40), 1)
            figures.append([budget, forecast, round(forecast - budget, 1)])
            if running and group == 1 and len(figures) == 3:   # the first sub total and the two lines under it
                figures[-1] = [round(subtotals[0][c] + figures[0][c] + figures[1][c], 1) for c in range(3)]
            ws.append([f"Line {line}", *figures[-1], round(figures[-1][2] / figures[-1][0], 4) if figures[-1][0] else 0])
            line += 1
            if group == total_at and len(figures) == 2:   # the sub totals above it added up, two lines on
                ws.append([f"Line {line}", *[round(sum(col), 1) for col in zip(*subtotals)], 0.01])
                line += 1
        sums = [round(sum(col), 1) for col in zip(*figures)]
        if group == none_at:   # more than all its lines together in every column
            sums = [round(10 * sum(abs(v) for v in col) + 1, 1) for col in zip(*figures)]
        subtotals.append(sums)
        ws.append(["Sub total" if same_names else f"Sub total {group}", *sums, round(sums[2] / sums[0], 4)])
        group += 1
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 5).number_format = "0.0%"
    wb.save(path)
    return path


def _fields(table):
    return ([tuple(getattr(o, f.name) for f in dataclasses.fields(o) if f.name != "id") for o in table.observations],
            table.report.to_dict(), table.metric_counts)


@pytest.mark.parametrize("case", [{}, {"total_at": 30}, {"running": True}, {"none_at": 60}, {"same_names": True},
                                  {"rows": 400}])
def test_groups_closed_by_sub_totals_read_the_same_settled_at_once(tmp_path, monkeypatch, case):
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    path = _budget(tmp_path / "budget.xlsx", **case)
    grouped = TableReader._grouped_by_subtotals
    taken = []
    monkeypatch.setattr(TableReader, "_grouped_by_subtotals",
                        lambda self, rows: taken.append(found := grouped(self, rows)) or found)
    (table,) = read_file(path).tables
    at_once = _fields(table)
    monkeypatch.setattr(TableReader, "_grouped_by_subtotals", lambda self, rows: None)   # assign_roles, row by row
    (row_by_row,) = read_file(path).tables
    assert _fields(row_by_row) == at_once
    monkeypatch.setattr(TableReader, "_plain", lambda self, r, row: None)   # every cell read
    monkeypatch.setattr(TableReader, "_plain_batch", lambda self, stream, ends, size=0: 1 << 30)
    assert _fields(read_file(path).tables[0]) == at_once

    by_label = {o.label: o for o in table.observations}
    closing = "Sub total" if "same_names" in case else "Sub total 4"
    assert by_label["Line 3"].section == ("Sub total" if "same_names" in case else "0")
    assert by_label[closing].row_role == "subtotal" and by_label[closing].section == closing.removeprefix("Sub total ")
    assert {o.row_role for o in table.observations} == {"data", "subtotal"} | ({"total"} if "total_at" in case or
                                                                              "running" in case else set())
    settled = sum(found is not None for found in taken)
    if not case or "none_at" in case:
        assert settled == len(taken) == 2   # every window at once
    elif "rows" not in case:
        assert 0 < len(taken) - settled < len(taken) or case.get("same_names") and settled == 0


def test_a_sub_total_adding_up_none_of_its_lines_closes_no_group(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    (table,) = read_file(_budget(tmp_path / "budget.xlsx", none_at=2, rows=300)).tables
    sections = {o.section for o in table.observations if o.label == "Sub total 2"}
    assert sections == {None} and "2" not in {o.section for o in table.observations}


def test_the_first_windows_running_total_is_a_total(tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    (table,) = read_file(_budget(tmp_path / "budget.xlsx", running=True, rows=300)).tables
    totals = {o.label for o in table.observations if o.row_role == "total"}
    assert len(totals) == 1


def test_what_the_bounds_say_for_sure_add_up_none_says_too():
    """A sub total that surely may add up some of its lines in a column (the lines' figures as written,
    each read within a half millionth) is one :meth:`_Sums.add_up_none` says closes them, one surely
    adding up none in every column one it says does not; between, neither is said."""
    rnd = random.Random(2)
    said = {True: 0, False: 0}
    for _ in range(4_000):
        factor, n = rnd.choice([1.0, 1000.0, 0.01]), rnd.randint(1, 6)
        lines = [[round(rnd.uniform(-30 if rnd.random() < 0.3 else 0, 100), rnd.choice([0, 1, 2]))
                  for _ in range(2)] for _ in range(n)]
        sub = []
        for col in zip(*lines):
            edge = rnd.choice([sum(v for v in col if v > 0), max(col)])
            sub.append(round(edge + rnd.choice([0, 0.004, -0.004, 0.04, -0.04, 0.6, -0.6, 7, -7]), rnd.choice([1, 2])))
        group = _Sums()
        for i, figures in enumerate(lines):
            group.add(ParsedRow(i, f"Line {i}", None, DATA,
                                numbers={c: (clean_number(v * factor), f"{v:g}") for c, v in enumerate(figures)}))
        row = ParsedRow(n, "Sub total", None, SUBTOTAL, worded=True,
                        numbers={c: (clean_number(v * factor), f"{v:g}") for c, v in enumerate(sub)})
        bounds = group_bounds(np.array(lines) * factor, [(0, n)])
        asked = [(value, rounding_step(value, display) * (n + 1) / 2 + 1e-9, *(b[0, c] for b in bounds))
                 for c, (value, display) in row.numbers.items()]
        some, none = any(adds_up_some(*a) for a in asked), all(adds_up_none(*a) for a in asked)
        truth = group.add_up_none(row)
        assert not (some and none) and not (some and truth) and not (none and not truth)
        if some or none:
            said[none] += 1
    assert said[True] > 200 and said[False] > 1_000
