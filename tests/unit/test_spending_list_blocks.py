"""A long spending list (a date, words and a reference on every row, then figures) reads its key
columns column by column in blocks, exactly as cell by cell."""

import random
from datetime import date, datetime, timedelta

import pytest
from openpyxl import Workbook
from test_plain_rows import _read_both_ways, cell_by_cell  # noqa: F401  (a fixture)

from memberpack.importers import table_reader
from memberpack.importers.keys import PERIOD, SECTION, KeyColumn, date_periods, row_keys


def _spending_list(path, rows=2_400):
    """Payments over £500, one a row: its date (a month's last day now and then, a date alone with no
    time on some rows), directorate (``NA`` now and then), service (blank under its first row now
    and then), expense type, supplier (the label; ``2024`` on a month's last day), transaction
    reference (blank now and then), net, VAT and gross."""
    rnd = random.Random(18)
    wb = Workbook()
    ws = wb.active
    ws.title = "Spend"
    ws.append(["Date", "Directorate", "Service area", "Expense type", "Supplier", "Transaction", "Net £", "VAT £",
               "Gross £"])
    first = datetime(2023, 4, 1)
    for r in range(rows):
        day = first + timedelta(days=r * 365 // rows)
        net = round(rnd.uniform(500, 90_000), 2)
        vat = round(net * 0.2, 2) if r % 4 else 0.0
        month_end = (day + timedelta(days=1)).day == 1
        supplier = "2024" if r > 1_800 and month_end else rnd.choice(["Acme Ltd", "Brook Care", f"Supplier {r}"])
        ws.append([day.date() if r % 7 == 3 else day,
                   "NA" if r % 97 == 5 else f"Directorate {r % 6}",
                   None if r % 13 == 4 else ["Adult care", "Highways", "Libraries"][r % 3],
                   ["Rent", "Fuel", "Agency staff"][r % 3], supplier,
                   None if r % 31 == 9 else f"T{r:07d}", net, vat, round(net + vat, 2)])
    wb.save(path)
    return path


def test_a_spending_lists_keys_are_read_column_by_column_the_same_either_way(tmp_path, cell_by_cell, monkeypatch):
    """Each row's date gives its month and its words its section, read a column at a time (a batch
    whose dates and words are all cells of one kind), with the same observations, report and
    metrics as cell by cell."""
    from memberpack.importers import engine

    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    read = []

    def spied(cells, labels):
        found = date_periods(cells, labels)
        read.append(found is not None)
        return found

    monkeypatch.setattr(table_reader, "date_periods", spied)
    _, fast = _read_both_ways(_spending_list(tmp_path / "spend.xlsx"), cell_by_cell)
    assert sum(read) >= 5 and not all(read)   # (not the batch with the rows named 2024 on a month's last day)
    by_cell = {o.cell: o for o in fast.observations}
    assert str(by_cell["G2"].period) == str(by_cell["G3"].period) and by_cell["G2"].period is not None


def test_date_periods_read_each_date_as_row_keys_does():
    """:func:`date_periods` gives each date the month :func:`row_keys` gives it, and the text it
    carries down; a month's last day beside a label naming a year is left to be read row by row."""
    key = KeyColumn(0, "Date", PERIOD)
    cells = [datetime(2024, 3, 31), date(2024, 4, 1), datetime(2024, 4, 30, 12), datetime(2023, 2, 28)]
    labels = ["Acme", "Acme", "Brook", "Care"]
    carried: dict = {}
    each = [row_keys([cell, label], [key, KeyColumn(1, "Supplier", SECTION)], label, None, carried).period
            for cell, label in zip(cells, labels)]
    assert date_periods(cells, labels) == (each, carried[0])
    assert date_periods(cells, ["2024", "Acme", "Brook", "Care"]) is None
    assert date_periods(["2024-03-01"], ["Acme"]) is None


@pytest.mark.parametrize("part", [None, "", "Adults", "Rent"])
def test_key_texts_joined_a_column_at_a_time_are_each_rows_sections(part):
    """Each row's section from its key columns' texts, joined a column at a time, is the row's own
    (a blank left out, a text in two columns or the same as the part once)."""
    from memberpack.importers.table_reader import _joined, _joined_columns

    plain = [["North", "South"], ["Rent", "Fuel"], ["T1", "T2"]]
    for columns in (plain, [["North", ""], *plain[1:]], [["North", "Fuel"], *plain[1:]], [["North", "South"]]):
        assert _joined_columns(part, columns) == [_joined(part, texts) for texts in zip(*columns)]


def test_labels_with_hyphens_but_no_two_digit_year_are_not_searched_for_months():
    """A supplier's hyphen (``Council in-house``) is passed over; a month and its two-digit year
    (``Mar-12``, after a hyphenated word too) is still found where it is."""
    from memberpack.importers.label_words import _MONTH_YY, may_state_unit_or_period

    for text in ("Council in-house\0Acme", "in-house\0Mar-12\0x-1", "31-Mar-12", "Apr-123\0May-2024", "Jun-١٢"):
        expected = {m.start() for m in _MONTH_YY.finditer(text)}
        assert expected <= set(may_state_unit_or_period(text, text.lower()))
    assert list(may_state_unit_or_period("Council in-house\0Acme", "council in-house\0acme")) == []
    assert list(may_state_unit_or_period("in-house\0Mar-12", "in-house\0mar-12")) == [9]
