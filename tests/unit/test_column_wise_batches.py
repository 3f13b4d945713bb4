"""Batches of plain rows worked out column by column (key cells once per distinct set, figures from
columns, label periods that change no column) read exactly as cell by cell."""

import random
from datetime import date, datetime, timedelta

from openpyxl import Workbook
from test_plain_rows import _read_both_ways, cell_by_cell  # noqa: F401  (a fixture)

from memberpack.importers.table_reader import TableReader
from memberpack.model.blocks import FigureBlock

PROVIDERS = ("Acme Care Ltd", "Northfield Trust", "Brightpath", "St Mary's Homes")


def _keyed_table(path, rows=900):
    """Month, provider and LA code keys before the label: some months dated on their last day (a
    row then may be named by its year), a stretch of providers written once over two rows (carried
    down) and a provider marked ``NA`` now and then."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Month", "Provider", "LA code", "Placement", "Budget £k", "Forecast £k"])
    rnd = random.Random(8)
    for r in range(rows):
        month = date(2015 + r // 120, (r // 10) % 12 + 1, 1)
        if 300 <= r < 340:
            month = date(month.year + month.month // 12, month.month % 12 + 1, 1) - timedelta(days=1)
        provider = PROVIDERS[(r // 3) % 4]
        if 500 <= r < 560 and r % 2:
            provider = None
        if r % 97 == 0:
            provider = "NA"
        ws.append([datetime(month.year, month.month, month.day), provider, 800 + r % 30, f"Line {r}",
                   round(rnd.uniform(10, 900), 1), round(rnd.uniform(10, 900), 1)])
    wb.save(path)
    return path


def test_key_columns_read_a_batch_at_a_time_read_the_same_either_way(tmp_path, cell_by_cell, monkeypatch):
    """Rows whose keys depend on neither their label nor the rows above take them a batch at a
    time; the others (a month's last day, a provider carried down) row by row, in order, within
    their batch: the same observations, report and metrics as cell by cell, every row in a block."""
    answers = []
    keyed_columns = TableReader._keyed_columns

    def spy(self, rows, labels):
        answers.append(keyed_columns(self, rows, labels))
        return answers[-1]

    monkeypatch.setattr(TableReader, "_keyed_columns", spy)
    parts, fast = _read_both_ways(_keyed_table(tmp_path / "keyed.xlsx"), cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) == 900
    assert sum(len(a[0]) for a in answers if a is not None) >= 800
    keys = {o.cell: (o.section, o.period, o.area) for o in fast.observations if o.measure == "Budget £k"}
    assert keys["E502"][0] == keys["E503"][0] == "Brightpath" and keys["E504"][0] == "St Mary's Homes"
    assert keys["E99"] == (None, "Oct 2015", "la|807||") and keys["E100"] == ("Acme Care Ltd", "Oct 2015", "la|808||")


def test_a_label_naming_a_year_beside_dated_columns_is_read_in_blocks(tmp_path, cell_by_cell):
    """``Authority 1999`` under columns dated 2021-22 and 2022-23: each figure keeps its column's
    period, so the row is a plain row, in a block, read as cell by cell reads it."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Local authority", "2021-22 Budget £k", "2022-23 Budget £k", "2022-23 Pupils"])
    rnd = random.Random(6)
    for r in range(600):
        label = f"Authority {1990 + r % 40}" if r % 3 else f"Authority {r}"
        ws.append([label, round(rnd.uniform(0, 5000), 1), round(rnd.uniform(0, 5000), 1), rnd.randint(0, 900)])
    wb.save(tmp_path / "dated_columns.xlsx")
    parts, fast = _read_both_ways(tmp_path / "dated_columns.xlsx", cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) == 600
    periods = {(o.label, o.measure): o.period for o in fast.observations}
    assert periods["Authority 1999", "2021-22 Budget £k"] == "2021/22"
    assert periods["Authority 1999", "2022-23 Pupils"] == "2022/23"


def test_the_catalogue_words_of_a_batch_are_those_of_each_label():
    """A batch's catalogue words, found in one pass over its labels as bytes, are each label's own
    (words after commas, apostrophes, non-ASCII letters and line breaks too), or None when no label has any."""
    from memberpack.model.metrics import catalogue_words, catalogue_words_found

    rnd = random.Random(12)
    pieces = ["School", "placements", "3", "Care", "leaver's", "KS2", "transport", ",", " ", "\n", "\0", "é", "K", "İ",
              "-", "Line", "17", "SEND", "fostering", "x"]
    for _ in range(5_000):
        labels = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 5))) for _ in range(rnd.randint(1, 4))]
        each = [catalogue_words(label) for label in labels]
        assert catalogue_words_found(labels) == (each if any(each) else None), labels
