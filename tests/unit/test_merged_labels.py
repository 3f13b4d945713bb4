"""A label merged down over rows of figures names each of them, filled in once where the sheet's rows
are made (``reader._filled_down``), the same for every reader of the sheet; text merged over rows with
no figure of their own (a header over two header rows, a description wrapped over a blank row) and a
figure merged over rows stay in their top cell, and no table writes into the rows it reads."""

from copy import deepcopy

import pytest

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.importers.reader import read_sheets
from memberpack.importers.tables import find_tables


def test_a_label_merged_down_fills_only_the_rows_of_figures_it_covers(tmp_path):
    rows = [
        ["Waiting times"],
        ["Year", "Month", "Referrals", "Note"],
        [None, None, "number", None],
        ["2007/08", "Apr 2007", 10, None],
        [None, "May 2007", 11, None],
        [None, "Jun 2007", "-", None],
        ["2008/09", "Apr 2008", 12, None],
        [None, "May 2008", 13, "Described at length, wrapped"],
        [None, None, None, None],
        ["Total", None, 46, None],
        ["of which new", None, None, 5],
    ]
    merges = ["A2:A3", "A4:A6", "A7:A9", "D8:D9", "C10:C11"]
    path = write_xlsx(tmp_path / "rtt.xlsx", {"RTT": rows}, merges={"RTT": merges})
    (sheet,) = read_sheets(path)
    got = {r + 1: row for r, row in sheet.rows}
    assert [got[r][0] for r in range(2, 10)] == ["Year", "", "2007/08", "2007/08", "2007/08", "2008/09", "2008/09", ""]
    assert got[9][3] == ""   # the note wrapped over the blank row below stays in its own row
    assert got[11][2] == ""   # a figure merged over two rows is one figure


def test_a_description_wrapped_over_the_blank_row_below_heads_no_section(tmp_path):
    """A council tax base form: each class's description merged over its row and the blank row
    under it. Each figure keeps its own class, and the form is one table to its total."""
    rows = [["Exempt dwellings"], [], [None, "CLASS", "DESCRIPTION", None, None, "Dwellings"]]
    merges = []
    for i, letter in enumerate("BDEHIJ"):
        rows += [[None, letter, f"Unoccupied dwellings of kind {letter}, described at length so that it wraps.",
                  None, None, 1000 + i], []]
        merges.append(f"C{4 + 2 * i}:D{5 + 2 * i}")
    rows.append([None, "TOTAL", None, None, None, 6015])
    path = write_xlsx(tmp_path / "ctb.xlsx", {"Form": rows}, merges={"Form": merges})
    (table,) = read_file(path).tables
    figures = {o.cell: o for o in table.observations if o.value is not None}
    assert [(cell, o.section, o.value) for cell, o in figures.items()] == [
        ("F4", "B", 1000), ("F6", "D", 1001), ("F8", "E", 1002), ("F10", "H", 1003), ("F12", "I", 1004),
        ("F14", "J", 1005), ("F16", None, 6015)]
    assert figures["F6"].label == "Unoccupied dwellings of kind D, described at length so that it wraps."


def test_a_table_writes_nothing_into_the_rows_it_reads_or_puts_back(tmp_path):
    """The rows below a table, taken by a batch and put back, reach the next table as the sheet made
    them: how far a batch looks ahead changes nothing."""
    rows = [["Table 1: Waiting list by provider"], ["Provider", "Waiting", "Seen"]]
    rows += [[f"Provider {i}", 100 + i, 50 + i] for i in range(40)]
    rows += [[], ["Table 2: Referrals by month"], ["Provider", "Month", "Referrals", "Seen"]]
    merges = []
    for n, first in enumerate(range(len(rows) + 1, len(rows) + 25, 12)):
        rows += [[f"Trust {n}" if i == 0 else None, f"Month {i + 1}", None, 900 + i] for i in range(12)]
        merges.append(f"A{first}:A{first + 11}")
    path = write_xlsx(tmp_path / "two.xlsx", {"S": rows}, merges={"S": merges})
    (sheet,) = read_sheets(path)
    made = []

    def recorded(source):
        for item in source:
            made.append((item, deepcopy(item[1])))
            yield item

    sheet.rows = recorded(sheet.rows)
    tables = find_tables(sheet)
    first = next(tables)
    assert sum(1 for _ in first.parts) and len(made) > 42   # the first table's batches looked past its end
    assert [row for (_, row), _ in made] == [copy for _, copy in made]


def test_merged_keys_read_in_blocks_as_cell_by_cell(tmp_path, monkeypatch):
    """Rows under keys merged down are read in blocks now that no batch fills them: headings and
    gaps between them included, field by field as the cell-by-cell reading gives them."""
    import dataclasses  # noqa: PLC0415

    from memberpack.importers import engine  # noqa: PLC0415
    from memberpack.importers.table_reader import TableReader  # noqa: PLC0415
    from memberpack.model.blocks import FigureBlock  # noqa: PLC0415

    rows, merges, top = [["Referrals by month"], ["Year", "Month", "Referrals", "Seen"]], [], 3
    for n, year in enumerate(range(2007, 2019)):
        if n == 6:
            rows += [[], [None, "Adjusted series", None, None]]
            top += 2
        months = [[f"{year}/{(year + 1) % 100:02d}" if i == 0 else None, f"Month {i + 1} {year}",
                   "-" if (n, i) == (3, 5) else 1000 + 12 * n + i, 900 + i] for i in range(12)]
        rows += months
        merges.append(f"A{top}:A{top + 11}")
        top += 12
    path = write_xlsx(tmp_path / "rtt.xlsx", {"RTT": rows}, merges={"RTT": merges})
    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    (fast,) = read_file(path).tables
    assert any(isinstance(part, FigureBlock) for part in fast.parts)

    def fields(table):
        return [[getattr(o, f.name) for f in dataclasses.fields(o)] for o in table.observations]

    monkeypatch.setattr(TableReader, "_plain", lambda self, r, row: None)
    monkeypatch.setattr(TableReader, "_plain_batch", lambda self, stream, ends, size=0: 1 << 30)
    (slow,) = read_file(path).tables
    assert fields(fast) == fields(slow) and fast.report.to_dict() == slow.report.to_dict()
    june = next(o for o in fast.observations if o.cell == "C44")
    assert (june.label, june.period, june.status) == ("Month 6 2010", "2010/11", "-")


def _dsg_blocks(lines: int = 0) -> list[list]:
    rows = [["Dedicated Schools Grant 2023/24 Month 6 (£000)"], [], ["Block", "Budget", "Forecast", "Variance"]]
    rows += [[f"Line {n}", 100 + n, 101 + n, 1] for n in range(lines)]
    return rows + [["Schools Block", 12000, 12100, 100], ["Early Years Block", 3000, 2900, -100],
                   ["Special Educational Needs (High Needs", 40000, 55100, 15100], ["Provision)"],
                   ["Central School Services Block", 1500, 1500, 0], ["Total", 56500 + 10 * lines, 71600, 15100]]


@pytest.mark.parametrize("lines", [0, 300])
def test_a_labels_wrapped_rest_joins_the_label_above(tmp_path, lines):
    """``Provision)`` alone in the row under ``Special Educational Needs (High Needs``: the rest of
    that label, wrapped into a row of its own. It had headed a section, so the Central School
    Services Block was filed under 'Provision)' and the High Needs block named by half its name."""
    table, = read_file(write_xlsx(tmp_path / "dsg.xlsx", {"DSG": _dsg_blocks(lines)})).tables
    budget = {o.label: (o.section, o.value) for o in table.observations if o.measure == "Budget"}
    assert budget["Special Educational Needs (High Needs Provision)"] == (None, 40_000_000)
    assert budget["Central School Services Block"] == (None, 1_500_000)
    assert not any("Provision)" == label or label.endswith("(High Needs") for label in budget)
