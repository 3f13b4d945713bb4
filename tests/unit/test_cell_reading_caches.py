"""What reading cell by cell works out once rather than per cell: a column's period within each
period the rows name, and the cells a row leaves out recorded by position: the same as working
each out again."""

import pytest

from awkward_workbooks import write_xlsx
from memberpack.importers import table_reader
from memberpack.importers.cells import a1
from memberpack.importers.engine import iter_tables
from memberpack.importers.report import TableReport


def _read(path) -> list:
    found = []
    for table in iter_tables(path, notes=[]):
        found.append(([repr(o) for o in table.observations], table.report.to_dict()))
    return found


def test_periods_within_the_rows_periods_are_those_worked_out_each_time(tmp_path, monkeypatch):
    """Rows naming a year in a key column (several rows a year, a blank carried down), columns
    naming months, a quarter, a year of their own and a comment: each cell's period as before."""
    rows = [["Children looked after"],
            ["Year", "Ref", "Authority", "April", "Q2", "2021-22", "Change from last year", "Comments"]]
    for i in range(60):
        year = ["2019-20", "2020-21", None, "2022-23"][i % 4]
        rows.append([year, f"left {i}" if i % 5 == 0 else None, f"Authority {i % 7}", 10 + i, 20.5 + i, 30 + i,
                     -1.5 * i, "see note" if i % 3 == 0 else None])
    path = write_xlsx(tmp_path / "periods.xlsx", {"CLA": rows})
    cached = _read(path)
    assert any("period='2019/20" in obs for obs in cached[0][0])
    monkeypatch.setattr(table_reader.TableReader, "_period_within",
                        lambda self, col, row_period: self._period(col, row_period))
    assert _read(path) == cached


@pytest.mark.parametrize("r, c", [(0, 0), (6, 1), (99_999, 25), (3, 26), (7, 701), (8, 702), (9, 18_277), (9, 18_278),
                                  (5, 40_000)])
def test_a_cell_left_out_by_position_is_recorded_as_by_reference(r, c):
    by_reference, by_position = (TableReport("S", "Title", "A1:C3", "data", [1], "A", None) for _ in range(2))
    for report, skip in ((by_reference, lambda rr, cc, why: by_reference.skip(a1(rr, cc), why)),
                         (by_position, by_position.skip_at)):
        skip(r, c, "left of the label column")
        skip(r + 1, c, "left of the label column")
        skip(r, c + 1, "value with no row label")
    assert by_position.to_dict() == by_reference.to_dict()
    assert [run.range for run in by_position.skipped] == [run.range for run in by_reference.skipped]


@pytest.mark.parametrize("values", [
    ["MGSL", "LF2P", "C1R190"], ["MGSL", " LF2P ", None, "", "C1R190"], [None, "MGSL", 12.5, "LF2P", "C1R190"],
    ["MGSL", "MGSL", "LF2P"], ["MGSL", "LF2P"], [1.0, 2.0, 3.0], ["MGSL", "LF2P", "Male"], ["MGSL", "LF2P", True],
    [None, None, None], ["A1", "B2", "C3", "c"], ["x", "  ", "LF2P", "KAB9", "MGSL"]])
def test_a_series_row_is_told_as_before(values):
    """A row's first figure ends the look at it; what it says is what testing every cell said."""
    from memberpack.importers.headers import _SERIES_ID, _blank, is_series_row
    from memberpack.importers.layout import cell_class
    from memberpack.model.values import TEXT

    texts = [v.strip() if isinstance(v, str) else v for v in values if not _blank(v)]
    before = (len(texts) >= 3 and len(set(texts)) == len(texts)
              and all(isinstance(t, str) and _SERIES_ID.fullmatch(t) and cell_class(t) == TEXT for t in texts))
    assert is_series_row(values, cell_class) == bool(before)
