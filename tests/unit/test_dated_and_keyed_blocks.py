"""Tables with no figure column (a case list's dates) and a CSV's rows keyed by a reference read in
blocks, exactly as cell by cell."""

import random
from datetime import date, datetime, timedelta

import pytest
from openpyxl import Workbook
from test_plain_rows import _fields, _read_both_ways, _write_csv, cell_by_cell  # noqa: F401  (a fixture)

from memberpack.importers import import_files
from memberpack.model.blocks import FigureBlock
from memberpack.store.pack import Pack


def _case_list(path, rows=2_300, *, with_figures=False):
    """Cases, each with the date and time it was referred, assessed, given a plan and closed, and
    the team's name: below the first 400 rows (where every cell of a column has the same number
    format, as then they are read as the rows below them), an open case's closure blank, a day
    written as a date alone now and then, and labels naming the catalogue."""
    rnd = random.Random(4)
    wb = Workbook()
    ws = wb.active
    ws.title = "Cases"
    ws.append(["Case", "Team", "Referred", "Assessed", "Plan agreed", "Closed"] + (["Cost £"] if with_figures else []))
    first = datetime(2019, 4, 1, 9)
    for r in range(rows):
        referred = first + timedelta(minutes=rnd.randint(0, 2_600_000))
        dates = [referred + timedelta(minutes=rnd.randint(1, 130_000) * (i + 1)) for i in range(4)]
        if r >= 450 and r % 5 == 2:
            dates[3] = None                      # still open
        if r >= 450 and r % 11 == 0:
            dates[1] = dates[1].date()           # a date with no time
        label = f"Fostering case {r}" if r % 400 == 7 and r > 400 else f"Case {r:05d}"
        ws.append([label, rnd.choice(["North", "South", "East"])] + dates
                  + ([round(rnd.uniform(0, 9_000), 2)] if with_figures else []))
    wb.save(path)
    return path


@pytest.mark.parametrize("with_figures", [False, True])
def test_a_case_lists_dates_are_read_in_blocks_the_same_either_way(tmp_path, cell_by_cell, with_figures):
    """A table whose every measure cell is a date, a word or a blank (no figure column), or with
    its dates among figures, is read in blocks: each date a text shown as its day, the same
    observations, report and metrics as cell by cell, and stored so."""
    path = _case_list(tmp_path / "cases.xlsx", with_figures=with_figures)
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        stored = _fields(pack.observations(pack.datasets()[0].id))
    parts, fast = _read_both_ways(path, cell_by_cell)
    assert stored == _fields(fast.observations)
    blocks = [p for p in parts if isinstance(p, FigureBlock)]
    assert sum(map(len, blocks)) >= 2_000 and len(blocks) <= 20
    if not with_figures:
        assert all(not c.raw for b in blocks for c in b.columns)
    by_cell = {o.cell: o for o in fast.observations}
    referred = by_cell["C2"]
    assert referred.value is None and referred.status == "text" and len(referred.display) == 10
    assert by_cell["F454"].status == "blank" and by_cell["F454"].display == ""   # (case 452 is open)


def test_rows_of_dates_read_alone_are_blocks_the_same_either_way(tmp_path, cell_by_cell):
    """Rows of dates with no figure read one by one (beside a label with a footnote marker, which
    is read cell by cell) are plain rows too: every other row in a block, the same observations as
    cell by cell."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Case", "Referred", "Assessed", "Closed"])
    for r in range(460):
        day = datetime(2023, 1, 1) + timedelta(days=r % 300, hours=r % 24)
        ws.append([f"Case {r} (3)" if r == 430 else f"Case {r}", day, day + timedelta(days=3),
                   None if r >= 420 and r % 3 else day + timedelta(days=40)])
    wb.save(tmp_path / "short.xlsx")
    parts, fast = _read_both_ways(tmp_path / "short.xlsx", cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) == 459
    assert [o.label for o in fast.observations if o.cell == "B432"] == ["Case 430"]
