"""Rows carrying marks (``n/a``, ``DNA``, ``-``, ``*``, ``c``, ``x``, ``..``, a blank) among labels that
state a unit (``(%)``, ``per 10,000``, ``£k``) or a count (``Number of ...``) are read in blocks, a mask
for the marks, exactly as reading every cell alone reads them: the same observations, reports, metric
counts and notes, in workbooks with title rows, merged headers and several tables, and in CSV files."""

import csv
import dataclasses
import random

import pytest
from openpyxl import Workbook

from memberpack.importers import read_file
from memberpack.importers.engine import iter_tables
from memberpack.importers.table_reader import TableReader
from memberpack.model.blocks import FigureBlock

_LABELS = ("Percentage of EHC plans issued within 20 weeks", "Number of children looked after",
           "Rate of referrals to children's social care per 10,000", "Average days to re-let council homes",
           "Percentage of household waste recycled", "Number of rough sleepers", "Council tax collected (%)",
           "Days lost to sickness per FTE", "Agency staff spend £k", "Library visits")
_MARKS = ("n/a", "DNA", "-", "*", "c", "x", "..", None)
_MONTHS = ("Apr", "May", "Jun", "Jul", "Aug", "Sep")


def _rows(rows, seed, *, written=False):
    """Measures down the rows (each label stating a unit or counting, or neither), months across, a
    mark in about one cell in twelve; ``written``: every figure as text (a CSV's)."""
    rnd = random.Random(seed)
    for r in range(rows):
        kind = ("money", "percent", "count")[r % 3]
        figures = [round(rnd.uniform(0, 1), 4) if kind == "percent" else rnd.randint(0, 900) if kind == "count"
                   else round(rnd.uniform(-5e4, 5e4), 2) for _ in _MONTHS]
        figures = [rnd.choice(_MARKS) if rnd.random() < 0.08 else v for v in figures]
        if written:
            figures = ["" if v is None else v if type(v) is str else f"{v * 100:.2f}" if kind == "percent" else str(v)
                       for v in figures]
        yield kind, f"{_LABELS[r % len(_LABELS)]} ({kind}) {r}", figures


def _workbook(path, rows=1_200):
    """Two tables on a sheet, each under a title row, the first with a merged year over its months and
    its percentages in a ``0.0%`` format; a second sheet in £k, its money cells formatted as £."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Measures"
    ws.append(["Performance measures: quarter 2"])
    ws.append([])
    ws.append(["Measure", "2024-25"] + [None] * (len(_MONTHS) - 1))
    ws.merge_cells(start_row=3, start_column=2, end_row=3, end_column=len(_MONTHS) + 1)
    ws.append(["Measure"] + list(_MONTHS))
    for table, (count, seed) in enumerate(((rows, 1), (rows // 2, 2))):
        if table:
            ws.append([])
            ws.append([])
            ws.append(["Table 2: the same measures last year"])
            ws.append(["Measure"] + [f"{m} 2023" for m in _MONTHS])
        for kind, label, figures in _rows(count, seed):
            ws.append([label] + figures)
            if kind == "percent":
                for c in range(2, len(_MONTHS) + 2):
                    ws.cell(ws.max_row, c).number_format = "0.0%"
    money = wb.create_sheet("Spend")
    money.append(["Service spend (£k)"])
    money.append(["Measure"] + [f"{m} £k" for m in _MONTHS])
    for kind, label, figures in _rows(rows // 2, 3):
        money.append([label] + figures)
        for c in range(2, len(_MONTHS) + 2):
            money.cell(money.max_row, c).number_format = "£#,##0.00"
    wb.save(path)
    return path


def _csv(path, rows=1_500):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Measure"] + [f"{m} 2024" for m in _MONTHS])
        writer.writerows([label] + figures for _, label, figures in _rows(rows, 4, written=True))
    return path


def _fields(observations):
    return [tuple(getattr(o, f.name) for f in dataclasses.fields(o) if f.name != "id") for o in observations]


def _same_read(fast, slow):
    assert fast.report.to_dict() == slow.report.to_dict()
    assert len(fast.tables) == len(slow.tables)
    for a, b in zip(fast.tables, slow.tables):
        assert _fields(a.observations) == _fields(b.observations)
        assert a.report.to_dict() == b.report.to_dict()
        assert a.metric_counts == b.metric_counts


def _parts(path):
    """Each table's parts as read (blocks, and rows read alone)."""
    return [list(found.parts) for found in iter_tables(path)]


@pytest.mark.parametrize("build", [_workbook, _csv])
def test_marked_rows_stating_units_are_read_in_blocks_as_cell_by_cell(tmp_path, monkeypatch, build):
    path = build(tmp_path / ("measures.xlsx" if build is _workbook else "measures.csv"))
    tables = _parts(path)
    fast = read_file(path)
    from memberpack.importers import engine

    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    monkeypatch.setattr(TableReader, "_plain", lambda self, r, row: None)
    monkeypatch.setattr(TableReader, "_plain_batch", lambda self, stream, ends, size=0: 1 << 30)
    _same_read(fast, read_file(path))
    marked = [o for t in fast.tables for o in t.observations if o.value is None]
    assert {o.display for o in marked} >= {"n/a", "DNA", "c", "x", ".."}
    assert {o.unit for t in fast.tables for o in t.observations} >= {"percent", "per_10000", "count"}
    for parts in tables[:2]:   # most rows in blocks of many rows (inside the format window, or stating £k: alone)
        rows = sum(len(p) if isinstance(p, FigureBlock) else 1 for p in parts)
        assert sum(len(p) for p in parts if isinstance(p, FigureBlock) and len(p) >= 8) >= 0.6 * rows
