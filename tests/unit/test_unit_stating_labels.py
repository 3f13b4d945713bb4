"""Rows whose labels state a unit (``Percentage of ...``, ``... per 10,000``, ``(%)``) or name a count
(``Number of ...``) and a year, in columns whose cells carry number formats of their own, read in
blocks exactly as cell by cell."""

import random

import pytest
from openpyxl import Workbook
from test_plain_rows import _read_both_ways, cell_by_cell  # noqa: F401  (a fixture)

from memberpack.model.blocks import FigureBlock

_LABELS = ("Percentage of household waste recycled", "Rate of referrals to social care per 10,000",
           "Average days to re-let council homes", "Council tax collected (%)", "Alcohol consumption (units)",
           "Delayed transfers of care per 100,000", "Library visits", "Days lost to sickness per FTE",
           "Response time (minutes)", "Fostering placements", "Number of rough sleepers",
           "Number of children looked after")
_FORMATS = ("£#,##0", "#,##0.00", "#,##0;(#,##0)", "0", "General", "0.0%", '0.0"%"', "#,##0,")


def _measures(path, rows=1_400, *, money=None):
    """Measures down the rows, months across: each cell of the format window formatted its own way
    (the percentage rows in ``0.0%``, the others one of several formats), labels stating units and
    naming years (``Library visits (count) 2023``) or not (a row's number), a sub total; with
    ``money`` (``£``, ``£000``), two columns headed in it and unit costs among the rows. Every seventh row
    an attendance rate written as a fraction (``0.62``), five such labels in turn; below the format
    window, now and then a mark (``..``) among a count's figures."""
    rnd = random.Random(18)
    wb = Workbook()
    ws = wb.active
    ws.title = "Measures"
    ws.append(["Measure", "Apr 2024", "May 2024", "Jun 2024", "Year to date"]
              + ([f"Budget {money}", f"Spend {money}"] if money else []))
    width = 6 if money else 4
    for r in range(rows):
        kind = ("money", "percent", "count")[r % 3]
        label = f"{_LABELS[r % len(_LABELS)]} ({kind}) {r if r % 4 else 2010 + r % 15}"
        if money and r % 97 == 5:
            label = f"Unit cost per week {r}"
        if r % 7 == 3:
            label = f"Attendance ({r % 5}) (%)"
        if r == 1_000:
            label = "Waste sub total"
        cells = [label]
        for c in range(width):
            cell = ws.cell(r + 2, c + 2)
            if r == 0:   # the format each column keeps below the format window
                cell.value, cell.number_format = 10, "#,##0"
            elif r % 7 == 3:   # a percentage written as a fraction (0.62 for 62%): they may be fractions
                cell.value, cell.number_format = round(rnd.uniform(0.3, 0.95), 2), "General"
            elif kind == "percent":
                cell.value, cell.number_format = round(rnd.uniform(0, 1), 4), "0.0%"
            else:
                cell.value = rnd.randint(0, 900) if kind == "count" else round(rnd.uniform(-5e4, 5e4), 2)
                cell.number_format = rnd.choice(_FORMATS)
        if r > 450 and r % 24 in (10, 11):   # a mark among a count's figures (rows 10 and 11 of the labels)
            ws.cell(r + 2, 3).value = ".."
        ws.cell(r + 2, 1).value = cells[0]
    wb.save(path)
    return path


@pytest.mark.parametrize("money", [None, "£", "£000"])
def test_rows_stating_units_are_blocks_the_same_as_cell_by_cell(tmp_path, cell_by_cell, money):
    """Below the format window, rows whose labels state a unit or name a count are read in blocks,
    each figure in the unit its label states (or a percentage in a percentage's format), a count where
    its row's first figure has no unit: the same observations, report and metric counts as reading
    every cell alone. Beside columns in £000 (whose stated amounts a block with row units leaves out)
    rows stating a unit are read cell by cell."""
    path = _measures(tmp_path / "measures.xlsx", money=money)
    parts, fast = _read_both_ways(path, cell_by_cell)
    blocked = {label for p in parts if isinstance(p, FigureBlock) for label in p.labels.values}
    if money == "£000":
        assert not any(label.startswith("Percentage of") for label in blocked)
        return
    by_unit = [c for p in parts if isinstance(p, FigureBlock) for c in p.columns if c.row_units is not None]
    assert by_unit and {"percent", "per_10000"} <= {u for c in by_unit for u in c.row_units.values}
    assert "may be fractions" in " ".join(fast.report.doubts)
    in_blocks = sum(len(p) for p in parts if isinstance(p, FigureBlock))
    assert in_blocks >= (500 if money else 800)
    assert {"Percentage of household waste recycled (money) 2010",   # a unit and a year (row 480), and a
            "Alcohol consumption (units) (percent) 2011"} <= blocked   # number's in a percentage's format (496)
    counts = [o for o in fast.observations if o.label.startswith("Number of rough sleepers") and o.row > 450]
    assert counts and {o.label for o in counts if int(o.label.split()[-1]) % 24 != 10} <= blocked   # but with a mark
    if money is None:   # (no column has a unit: a row naming a count counts)
        assert {o.unit for o in counts if o.value is not None} == {"count"}
