"""Plain rows read column-wise (as blocks) give exactly what reading them cell by cell gives."""

import csv
import dataclasses
import random

import pytest
from openpyxl import Workbook

from memberpack.importers import import_files, read_file
from memberpack.importers.label_words import period_in_label
from memberpack.importers.table_reader import TableReader
from memberpack.model.blocks import FigureBlock
from memberpack.store.pack import Pack


def _money_table(path, rows=2_600, *, formatted=True):
    wb = Workbook()
    ws = wb.active
    ws.title = "Ledger"
    ws.append(["Service ledger 2023/24"])
    ws.append(["Service line", "Budget £k", "Spend £k", "Number of placements", "Share", "Rate"])
    rnd = random.Random(7)
    for r in range(rows):
        label = f"Line {r}"
        if r == 2200:
            ws.append(["Placements"])                       # a heading: a new section from here
        if r == 900:
            label = "Fostering"                               # names a metric
        if r == 1300:
            label = "Line 2023"                               # names a period
        if r in (0, 1):
            ws.append([label, 10.0, 20.0, 3, 0.25, 1.5])
            continue
        if r == 2:                                            # adds up the two rows above, unworded
            ws.append(["Line group", 20.0, 40.0, 6, 0.5, 3.0])
            continue
        ws.append([label, round(rnd.uniform(-900, 900), 1), rnd.randint(0, 5000), rnd.randint(0, 40),
                   rnd.random(), 0.1234567891 if r == 2000 else round(rnd.uniform(0, 9), 2)])
    ws.cell(2500, 3).value = "tbc"    # a word among the figures
    if formatted:   # formatted cells inside the format window: each column keeps its first format below it
        ws.cell(30, 5).number_format = "0.0%"
        for row in range(6, 9):
            ws.cell(row, 2).number_format = "#,##0.0;(#,##0.0)"
            ws.cell(row, 4).number_format = "0"
    wb.save(path)
    return path


def _write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)


def _fields(observations):
    return [tuple(getattr(o, f.name) for f in dataclasses.fields(o) if f.name != "id") for o in observations]


def read_alike(fast, slow):
    """The column-wise and the cell-by-cell reading of one table agree field by field."""
    assert _fields(fast.observations) == _fields(slow.observations)
    assert fast.report.to_dict() == slow.report.to_dict()
    assert fast.metric_counts == slow.metric_counts


def _read_both_ways(path, cell_by_cell):
    """The first table's parts as read (blocks and rows) and its column-wise reading, checked
    against its cell-by-cell reading."""
    from memberpack.importers.engine import iter_tables

    parts = list(next(iter_tables(path)).parts)
    fast = read_file(path).tables[0]
    cell_by_cell()
    read_alike(fast, read_file(path).tables[0])
    return parts, fast


@pytest.fixture
def cell_by_cell(monkeypatch):
    def use():
        from memberpack.importers import engine

        monkeypatch.setattr(engine, "READ_IN_CHILD", False)   # the patch holds in this process only
        monkeypatch.setattr(TableReader, "_plain", lambda self, r, row: None)
        monkeypatch.setattr(TableReader, "_plain_batch", lambda self, stream, header_label, size=0: 1 << 30)
    return use


def test_blocks_match_the_cell_by_cell_reading(tmp_path, cell_by_cell):
    path = _money_table(tmp_path / "ledger.xlsx")
    fast = read_file(path)
    (table,) = fast.tables
    cell_by_cell()
    slow = read_file(path)
    read_alike(table, slow.tables[0])
    group = [o for o in table.observations if o.label == "Line group"]
    assert {o.row_role for o in group} == {"subtotal"}
    below = [o for o in table.observations if o.row > 500]
    assert all(o.unit == "percent" and o.display.endswith("%") for o in below if o.measure == "Share")
    assert any(o.measure == "Budget £k" and o.display.startswith("(") for o in below)


def test_formatted_columns_below_the_format_window_are_blocks(tmp_path):
    from memberpack.importers.engine import iter_tables

    found = next(iter_tables(_money_table(tmp_path / "ledger.xlsx")))
    blocks = [part for part in found.parts if isinstance(part, FigureBlock)]
    below = [b for b in blocks if b.rows[0] > 500]
    assert below and [c.code for c in below[0].columns] == ["#,##0.0;(#,##0.0)", None, "0", "0.0%", None]


def test_a_pack_holds_the_same_figures_either_way(tmp_path, cell_by_cell):
    path = _money_table(tmp_path / "ledger.xlsx", rows=3_000, formatted=False)
    with Pack.create(tmp_path / "fast.mpack") as pack:
        import_files(pack, [path])
        (ds,) = pack.datasets()
        fast = _fields(pack.observations(ds.id))
        (blocks,) = pack.db.execute("SELECT COUNT(*) FROM observation_block").fetchone()
    cell_by_cell()
    with Pack.create(tmp_path / "slow.mpack") as pack:
        import_files(pack, [path])
        (ds,) = pack.datasets()
        assert fast == _fields(pack.observations(ds.id))
    assert blocks > 0 and len(fast) >= 15_000


def test_blocks_the_reader_encodes_store_what_the_preview_stores(tmp_path):
    """An import has the reader's process encode blocks as the pack stores them; the wizard's preview
    keeps them as arrays and the pack encodes them: the same rows, heads and figures, to the penny."""
    from memberpack.importers.engine import import_read, read_tables
    from memberpack.store.block_codec import Encoded

    path = _money_table(tmp_path / "ledger.xlsx", rows=3_000, formatted=False)
    tables = read_tables(path, encoded=True)
    assert {type(part) for part in next(tables).parts} == {Encoded, list}
    tables.close()
    stored = []
    for name, store in (("import", lambda pack: import_files(pack, [path])),
                        ("preview", lambda pack: import_read(pack, [read_file(path)]))):
        with Pack.create(tmp_path / f"{name}.mpack") as pack:
            store(pack)
            (ds,) = pack.datasets()
            observations = pack.observations(ds.id)
            stored.append((pack.db.execute("SELECT first_row, row_count, cell_count, head, figures FROM observation_block "
                                           "ORDER BY first_row").fetchall(), _fields(observations)))
    assert stored[0] == stored[1] and len(stored[0][0]) > 1
    budgets = {o.cell: o.value for o in observations if o.measure == "Budget £k"}
    rnd = random.Random(7)   # the ledger's own figures: £k in pounds, to the penny
    for r in range(3, 3_000):
        budget, *_ = round(rnd.uniform(-900, 900), 1), rnd.randint(0, 5000), rnd.randint(0, 40), rnd.random(), \
            0.1 if r == 2000 else rnd.uniform(0, 9)
        assert budgets[f"B{r + 3 + (r >= 2200)}"] == round(budget * 1_000, 2)   # a heading row above row 2200
    assert budgets["B3"] == 10_000.0 and budgets["B5"] == 20_000.0


def test_a_small_plain_table_is_one_block(tmp_path):
    wb = Workbook()
    wb.active.append(["Item", "Q1", "Q2"])
    for i in range(5):
        wb.active.append([f"Item {i}", i * 1.5, i * 2])
    wb.save(tmp_path / "small.xlsx")
    from memberpack.importers.engine import iter_tables
    found = next(iter_tables(tmp_path / "small.xlsx"))
    parts = list(found.parts)
    assert len(parts) == 1 and isinstance(parts[0], FigureBlock) and len(parts[0]) == 5


def test_a_csv_reads_the_same_either_way(tmp_path, cell_by_cell):
    """Figures a CSV holds as text are kept as written (``12.50``) beside their value."""
    rnd = random.Random(11)
    rows = [["Ledger 2023/24"], [], ["Service line", "Budget £k", "Spend £k", "Count", "Rate"]]
    for r in range(2_400):
        rows.append([f"Line {r}", f"{rnd.uniform(-900, 900):.2f}", str(rnd.randint(0, 5000)), str(rnd.randint(0, 40)),
                     f"{rnd.random():.4f}"])
    rows[700][2] = "1,234"          # thousands separator: read without it
    rows[900][3] = "tbc"
    rows[1100][1] = "(479)"
    rows[1300][4] = "12.50"         # shown as written
    rows[1500][1] = "-0"
    rows[1600][0] = "Fostering"     # names a metric
    path = tmp_path / "ledger.csv"
    _write_csv(path, rows + [[], ["Source: finance ledger"]])
    fast = read_file(path).tables[0]
    cell_by_cell()
    slow = read_file(path).tables[0]
    read_alike(fast, slow)
    shown = {o.cell: (o.value, o.display) for o in fast.observations}
    assert shown["E1301"] == (12.5, "12.50") and shown["B1501"] == (0.0, "-0") and shown["C701"][0] == 1_234_000



def test_a_csv_saved_from_formatted_figures_reads_the_same_either_way(tmp_path, cell_by_cell):
    """Figures saved as a formatted sheet shows them, thousands grouped (``"-73,127.2"``, quoted) and
    negatives in brackets (``"(1,234.50)"``), are read in blocks, as their digits in the column's
    unit, and shown as written."""
    rnd = random.Random(12)

    def bracketed(figure):
        return f"({-figure:,.2f})" if figure < 0 else f"{figure:,.2f}"

    rows = [["Service line", "Budget £k", "Variance £k", "Pupils"]]
    for r in range(1_200):
        rows.append([f"Line {r}", f"{rnd.uniform(-99_999, 99_999):,.1f}", bracketed(rnd.uniform(-9_999, 9_999)),
                     f"{rnd.randint(0, 2_000_000):,}"])
    path = tmp_path / "formatted.csv"
    _write_csv(path, rows)
    parts, fast = _read_both_ways(path, cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) == 1_200
    shown = {o.cell: (o.value, o.unit, o.display) for o in fast.observations}
    budget = rows[5][1]
    assert "," in budget and shown["B6"] == (round(float(budget.replace(",", "")) * 1000, 6), "GBP", budget)
    r, negative = next((r, row[2]) for r, row in enumerate(rows) if row[2].startswith("("))
    assert shown[f"C{r + 1}"] == (round(-float(negative[1:-1].replace(",", "")) * 1000, 6), "GBP", negative)


def test_a_csv_with_text_columns_among_its_figures_reads_the_same_either_way(tmp_path, cell_by_cell):
    """A CSV's text columns (a RAG status, a comment, blank cells) beside its figures are read in
    blocks, as an .xlsx's are; a column of figures with a word among them, or figures with a
    percent sign, and the rows around them, are read cell by cell, alike."""
    rnd = random.Random(13)
    rows = [["Provider", "Spend £k", "RAG", "Budget £k", "Comment", "Pupils"]]
    for r in range(2_400):
        rows.append([f"Provider {r}", f"{rnd.uniform(-900, 900):.1f}", rnd.choice(["Red", "Amber", "Green", ""]),
                     str(rnd.randint(0, 999)), rnd.choice(["on track", "late, see note", "", "tbc"]),
                     f"{rnd.randint(0, 9_000):,}"])
    rows[300][2] = "7"                # a figure in the RAG column
    rows[700][4] = "12%"              # a figure with a unit in the comment column
    rows[900][3] = "n/a"              # a word among the figures
    rows[1200][1] = "12.50"           # shown as written
    rows[1300][2] = ""
    rows[1600][0] = "Fostering"       # names a metric
    for r in range(1_800, 1_830):     # a comment column all blank for a while
        rows[r][4] = ""
    path = tmp_path / "providers.csv"
    _write_csv(path, rows)
    parts, fast = _read_both_ways(path, cell_by_cell)
    # the odd rows, and rows read alone around them, cell by cell; the other rows of their windows in blocks
    # (``Provider 1900`` to ``Provider 2099`` too, their comments taking no period; ``Fostering``'s batch
    # too, its label's kind asked with each row's marks)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) == 2_385
    shown = {o.cell: (o.value, o.display, o.status) for o in fast.observations}
    assert shown["B1201"] == (12_500.0, "12.50", None) and shown["F1201"][:2] == (float(rows[1200][5].replace(",", "")),
                                                                                    rows[1200][5])
    assert {shown[f"C{r}"] for r in range(1_500, 1_520)} == {(None, "Red", "red"), (None, "Amber", "amber"),
                                                           (None, "Green", "green"), (None, "", "blank")}


def test_the_json_export_holds_every_figure_of_a_block(tmp_path):
    import json

    from memberpack.export.json_export import export_json

    path = _money_table(tmp_path / "ledger.xlsx", rows=1_500, formatted=False)
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        (ds,) = pack.datasets()
        stored = pack.observations(ds.id)
        export_json(pack, tmp_path / "out.json")
    doc = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [(o["cell"], o["value"], o["display"]) for o in doc["observations"]] == [
        (o.cell, int(o.value) if float(o.value).is_integer() else o.value, o.display) for o in stored]
    assert len(stored) == 1_500 * 5 and doc["annotations"] == [] and not (tmp_path / "out.json.part").exists()


def _shapes():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        from import_shapes import SHAPES
    finally:
        sys.path.pop(0)
    return SHAPES


@pytest.mark.parametrize("shape", list(_shapes()))
def test_every_benchmark_shape_reads_the_same_either_way(tmp_path, cell_by_cell, shape):
    """The import benchmark's shapes, small: the same observations, report and metrics both ways."""
    name, build, _ = _shapes()[shape]
    build(tmp_path / name, 160)
    fast = read_file(tmp_path / name).tables
    cell_by_cell()
    slow = read_file(tmp_path / name).tables
    assert [_fields(t.observations) for t in fast] == [_fields(t.observations) for t in slow]
    assert [t.report.to_dict() for t in fast] == [t.report.to_dict() for t in slow]
    assert [t.metric_counts for t in fast] == [t.metric_counts for t in slow]
    assert sum(len(t.observations) for t in fast) >= 100 * 5


def _sections_table(path, total_row: bool):
    """Sections closed by worded sub totals; with ``total_row``, a row adding up the sub totals
    above it (not worded: found by arithmetic, so read cell by cell)."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Service", "Budget £k", "Spend £k", "Variance £k"])
    rnd = random.Random(3)
    subtotals = []
    for s in range(4):
        ws.append([f"Directorate {s}"])
        rows = [[round(rnd.uniform(-900, 900), 1) for _ in range(3)] for _ in range(6)]
        for i, figures in enumerate(rows):
            ws.append([f"Line {s}.{i}", *figures])
        subtotal = [round(sum(col), 1) for col in zip(*rows)]
        subtotals.append(subtotal)
        ws.append([f"Directorate {s} sub total", *subtotal])
        if total_row and s == 2:
            ws.append(["Line all", *[round(sum(col), 1) for col in zip(*subtotals)]])
    wb.save(path)
    return path


@pytest.mark.parametrize("total_row", [False, True])
def test_sections_with_sub_totals_read_the_same_either_way(tmp_path, cell_by_cell, total_row):
    path = _sections_table(tmp_path / "sections.xlsx", total_row)

    parts, fast = _read_both_ways(path, cell_by_cell)
    roles = {o.label: o.row_role for o in fast.observations}
    assert roles["Directorate 1 sub total"] == "subtotal" and roles["Line 1.0"] == "data"
    assert roles.get("Line all") == ("total" if total_row else None)
    blocked = {label for p in parts if isinstance(p, FigureBlock) for label in p.labels.values}
    assert "Line 1.0" in blocked and "Line all" not in blocked   # (its window's other rows stay in blocks)


def _many_sections(path, *, total_at=None, unheaded_at=None, percent=False):
    """2,800 rows, past the format window: a heading every 20 rows (some a period alone under the
    heading above, some naming catalogue metrics, one with a footnote marker), each section closed
    by a worded sub total; ``total_at``: a row there adding up the sub totals above it in its
    window of 1,000 rows waiting for their roles (unworded, so a total by arithmetic: the screen must
    catch it); ``unheaded_at``: a section there with no heading."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Service", "Budget £k", "Spend £k", "Share" if percent else "Variance £k"])
    rnd = random.Random(5)
    subtotals, line, waiting = [], 0, 0   # waiting: rows that wait for their role before this one
    for s in range(140):
        if s != unheaded_at:
            ws.append([f"Fostering {s}" if s % 7 == 3 else f"Directorate {s} (2)" if s == 40 else f"Directorate {s}"])
        if s % 9 == 4:
            ws.append(["2023/24"])
        rows = []
        for _ in range(17):
            rows.append([round(rnd.uniform(-900, 900), 1), rnd.randint(0, 5000),
                         round(rnd.random(), 4) if percent else round(rnd.uniform(-50, 50), 2)])
            ws.append([f"Line {line}", *rows[-1]])
            line += 1
            waiting += 1
        subtotal = [round(sum(col), 4) for col in zip(*rows)]
        subtotals.append((waiting, subtotal))
        waiting += 1
        ws.append([f"Sub total {s}" if s % 5 == 2 else f"Directorate {s} sub-total", *subtotal])
        if s == total_at:   # the reader settles rows 1,000 at a time (the last window may be longer)
            window = [sub for at, sub in subtotals if at >= min(waiting // 1000, 1) * 1000]
            ws.append(["All lines", *[round(sum(col), 4) for col in zip(*window)]])
            waiting += 1
    if percent:
        for row in range(2, ws.max_row + 1):
            ws.cell(row, 4).number_format = "0.0%"
    wb.save(path)
    return path


@pytest.mark.parametrize("case", [{}, {"total_at": 30}, {"total_at": 100}, {"unheaded_at": 50}, {"percent": True}])
def test_headings_and_sub_totals_are_read_in_blocks_the_same_either_way(tmp_path, cell_by_cell, case):
    """Section headings and worded sub totals inside batches: the headings give the rows under
    them their section, the sub totals are kept in the blocks with their role."""

    path = _many_sections(tmp_path / "sections.xlsx", **case)
    parts, fast = _read_both_ways(path, cell_by_cell)
    blocks = [p for p in parts if isinstance(p, FigureBlock)]
    if "total_at" not in case:   # a window with a total in it is read cell by cell
        assert {role for b in blocks for role in b.roles.expanded()} == {"data", "subtotal"}
        assert sum(len(b) for b in blocks) >= (800 if "unheaded_at" in case else 1_500)
    by_label = {o.label: o for o in fast.observations}
    assert by_label["Line 100"].section == "Directorate 5" and by_label["Directorate 5 sub-total"].row_role == "subtotal"
    assert by_label["Line 70"].section == "Directorate 4 / 2023/24"
    if "total_at" in case:
        assert by_label["All lines"].row_role == "total"
    if "unheaded_at" in case:   # named after the sub total that closes it
        assert by_label["Line 850"].section == "Directorate 50"


def test_the_first_figures_of_a_table_are_the_same_read_alone(tmp_path):
    """``iter_observations(first=n)`` (a budget monitor's sign convention is learnt from its first
    figures) reads only the blocks and rows holding them, and gives what the whole reading starts with."""
    path = _money_table(tmp_path / "ledger.xlsx", rows=3_000, formatted=False)
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        (ds,) = pack.datasets()
        everything = _fields(pack.observations(ds.id))
        for first in (1, 7, 4_999, 10_003, len(everything), 10**6):
            assert _fields(pack.iter_observations(ds.id, first=first)) == everything[:first]


def _placements_table(path, rows=1_300):
    """A budget monitor with a provider key column, a RAG status and a comment among its figures:
    blanks, a comment that reads as a figure, a suppressed figure, a label naming a metric, and a
    row adding up the two rows above it in its provider's run (an unworded sub total)."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Placement", "Provider", "Budget £k", "RAG", "Forecast £k", "Comment", "Weeks"])
    rnd = random.Random(5)
    providers = ("Acme Care Ltd", "Northfield Trust", "Brightpath")
    for r in range(rows):
        budget, forecast = round(rnd.uniform(10, 900), 1), round(rnd.uniform(10, 900), 1)
        comment = None if r % 7 == 0 else f"Review in week {r % 52}"
        row = [f"Line {r}", providers[(r // 4) % 3], budget, ("Red", "Amber", "Green", "")[r % 4], forecast,
               comment, rnd.randint(1, 52)]
        if r == 600:
            row[5] = "1,050 families"        # a comment that reads as a figure: read cell by cell
        if r == 700:
            row[4] = "c"                     # a suppressed figure
        if r == 800:
            row[0] = "Fostering"             # names a metric
        if r == 903:                          # adds up the three rows above it, its provider's
            above = [ws.cell(ws.max_row - i, c).value for i in range(3) for c in (3, 5, 7)]
            row[2], row[4], row[6] = (round(sum(above[k::3]), 1) for k in range(3))
        ws.append(row)
    wb.save(path)
    return path


def test_text_columns_read_the_same_either_way(tmp_path, cell_by_cell, monkeypatch):
    from memberpack.importers import engine, table_reader
    from memberpack.importers.engine import iter_tables


    monkeypatch.setattr(engine, "READ_IN_CHILD", False)        # so that the next line holds
    monkeypatch.setattr(table_reader, "ROLE_WINDOW", 400)   # windows of 200 rows: the odd rows spoil only theirs
    path = _placements_table(tmp_path / "placements.xlsx")
    parts = list(next(iter_tables(path)).parts)
    fast = read_file(path).tables[0]
    with Pack.create(tmp_path / "p.mpack") as pack:   # stored and read back (text cells as a block's specials)
        import_files(pack, [path])
        stored = _fields(pack.observations(pack.datasets()[0].id))
        assert pack.block_rows(pack.datasets()[0].id)[0] >= 800
    cell_by_cell()
    slow = read_file(path).tables[0]
    read_alike(fast, slow)
    blocks = [p for p in parts if isinstance(p, FigureBlock)]
    assert sum(len(b) for b in blocks) >= 800
    shown = {o.cell: (o.value, o.display, o.status) for o in fast.observations}
    assert shown["D502"] == (None, "Red", "red") and shown["D505"] == (None, "", "blank")
    assert shown["F703"] == (None, "Review in week 25", "text") and shown["F9"] == (None, "", "blank")
    assert {o.row_role for o in fast.observations if o.row == 903} == {"subtotal"}
    assert stored == _fields(slow.observations)


@pytest.mark.parametrize("column_period", [False, True])
def test_rows_whose_labels_name_periods_read_the_same_either_way(tmp_path, cell_by_cell, column_period):
    """A series down the rows (``Q1 2019/20``): each row's figures take its label's period, in a
    block as cell by cell; with a period in a column's header, that column's within each row's."""

    wb = Workbook()
    ws = wb.active
    ws.append(["Quarter", "Placements", "2023-24 spend" if column_period else "Spend", "Children"])
    rnd = random.Random(9)
    for r in range(600):
        label = f"Q{r % 4 + 1} {2000 + r // 4}/{(r // 4 + 1) % 100:02d}" if r % 50 < 40 else f"Line {r}"
        ws.append([label, rnd.randint(0, 90), round(rnd.uniform(0, 900), 1), rnd.randint(0, 40)])
    wb.save(tmp_path / "series.xlsx")
    parts, fast = _read_both_ways(tmp_path / "series.xlsx", cell_by_cell)
    blocks = [p for p in parts if isinstance(p, FigureBlock)]
    assert sum(len(b) for b in blocks) >= 500
    periods = {o.period for o in fast.observations if o.measure == "Placements"}
    assert {"Q1 2019/20", "Q4 2031/32"} <= periods


def test_rows_whose_labels_name_metrics_are_kept_in_blocks(tmp_path, cell_by_cell):
    """``Care leavers`` among other services: its figures take the label's metric and are counts,
    kept per row in the block, stored and read back as cell by cell."""
    from memberpack.importers.engine import iter_tables

    _shapes()["dated rows"][1](tmp_path / "dated.xlsx", 400)
    blocks = [p for p in next(iter_tables(tmp_path / "dated.xlsx")).parts if isinstance(p, FigureBlock)]
    assert sum(map(len, blocks)) == 400 and blocks[0].columns[0].row_metrics is not None
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [tmp_path / "dated.xlsx"])
        (ds,) = pack.datasets()
        stored = _fields(pack.observations(ds.id))
    cell_by_cell()
    slow = read_file(tmp_path / "dated.xlsx").tables[0]
    assert stored == _fields(slow.observations)
    leavers = {(o.metric_id, o.unit) for o in slow.observations if o.label == "Care leavers"}
    assert leavers == {("care_leavers_count", "count")}


def test_rows_naming_metrics_beside_texts_and_blanks_are_kept_in_blocks(tmp_path, cell_by_cell):
    """A budget monitor's ``Care leavers - team 3`` beside a subjective (text) and the months not
    yet spent (blanks): what its label gives its figures and text cells is kept per row in the
    block, stored and read back as cell by cell."""
    from memberpack.importers.engine import iter_tables

    path = tmp_path / "monitor.xlsx"
    _shapes()["budget monitor, 46 columns"][1](path, 300)
    blocks = [p for p in next(iter_tables(path)).parts if isinstance(p, FigureBlock)]
    assert sum(map(len, blocks)) == 300
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        stored = _fields(pack.observations(pack.datasets()[0].id))
    parts, fast = _read_both_ways(path, cell_by_cell)
    assert stored == _fields(fast.observations)
    assert any(c.row_metrics is not None for b in blocks for c in b.columns)   # (Care leavers' variance %)


def test_a_scorecard_keyed_by_period_with_a_commentary_is_read_in_blocks(tmp_path, cell_by_cell):
    """A KPI scorecard: each row's period from its Period column, a commentary beside its figures
    (which takes no period): its rows are blocks, each column's period row by row as cell by cell,
    those whose descriptions state a unit or count (``... per 10,000``, ``Number of ...``) too."""
    from memberpack.importers.engine import iter_tables

    path = tmp_path / "scorecard.xlsx"
    _shapes()["KPI scorecard"][1](path, 300)
    blocks = [p for p in next(iter_tables(path)).parts if isinstance(p, FigureBlock)]
    assert sum(map(len, blocks)) == 300
    parts, fast = _read_both_ways(path, cell_by_cell)
    periods = {(o.measure, o.period) for o in fast.observations if o.row == 0}
    assert ("Commentary", None) in periods and ("Actual", "Apr 2024") in periods


def test_a_section_key_carried_down_reads_the_same_either_way(tmp_path, cell_by_cell):
    """A provider written once over its rows (blanks carry it down), its rows' keys looked up a
    batch at a time: each row in its own provider's section, as cell by cell."""
    from memberpack.importers.engine import iter_tables

    wb = Workbook()
    ws = wb.active
    ws.append(["Placement", "Provider", "Budget £k", "Forecast £k"])
    rnd = random.Random(3)
    providers = ("Acme Care Ltd", "Northfield Trust", "Brightpath")
    for r in range(700):
        provider = providers[(r // 9) % 3] if r % 9 == 0 or r % 31 == 0 else None
        ws.append([f"Line {r % 40}", provider, round(rnd.uniform(10, 900), 1), round(rnd.uniform(10, 900), 1)])
    wb.save(tmp_path / "carried.xlsx")
    blocks = [p for p in next(iter_tables(tmp_path / "carried.xlsx")).parts if isinstance(p, FigureBlock)]
    fast = read_file(tmp_path / "carried.xlsx").tables[0]
    cell_by_cell()
    slow = read_file(tmp_path / "carried.xlsx").tables[0]
    read_alike(fast, slow)
    assert sum(map(len, blocks)) >= 600
    sections = {o.cell: o.section for o in fast.observations}
    assert sections["C11"] == "Northfield Trust" and sections["C19"] == "Northfield Trust"


def test_the_batch_tests_of_labels_agree_with_each_label_read_alone():
    """Footnote markers, white space and catalogue words found over a batch's labels joined
    together are those each label gives alone (including NUL and other white space inside a label)."""
    from memberpack.importers.label_words import MARKED, single_spaced, any_marked
    from memberpack.model.metrics import catalogue_words, catalogue_words_each

    rnd = random.Random(11)
    alphabet = "aZ)(],1 2¹x\0AB3\t\xa0é"
    for _ in range(20_000):
        labels = ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8))) for _ in range(rnd.randint(1, 3))]
        joined = "\0".join(labels)
        assert any_marked(joined) == bool(MARKED.search(joined)), labels
        if single_spaced(joined):
            assert all(" ".join(label.split()) == label for label in labels), labels
    assert any_marked("Line 4\0Somerset5") and any_marked("Total (3)\0Line") and not any_marked("Line 12\0Line 3")
    assert not single_spaced("Line  4") and not single_spaced("Line 4 \0x") and single_spaced("Line 4\0x y")
    labels = ["School 3", "Fostering 12", "Line 9", "School 3", "Care leavers", "KS2 results, 2023"]
    assert catalogue_words_each(labels) == [catalogue_words(label) for label in labels]


def test_the_sum_screen_finds_what_testing_every_row_of_every_column_finds():
    """A window's screen for a row that might be the sum of the rows above it in its run tests the
    other columns only in the rows the first leaves, and finds what testing every cell finds; the
    loose columns (percentages) pass whatever they hold."""
    import numpy as np

    from memberpack.importers.figure_arrays import close_to_sum, may_add_up

    def every_cell(raw, factors, steps, starts):   # the screen as it was: every row, every column
        figures = raw * factors
        running = np.vstack([np.zeros((1, raw.shape[1])), np.cumsum(figures, axis=0)])
        rows = (np.arange(len(raw)) - starts).astype(np.float64)[:, None]
        slack = steps * (rows + 1) / 2 + 1e-6 + 1e-9 * np.cumsum(np.abs(figures), axis=0)
        size = np.abs(raw)
        return (np.abs(running[1:] - figures - running[starts] - figures) <= slack) | (size < 1e-4) | (size >= 1e16)

    rng = np.random.default_rng(5)
    found = 0
    for _ in range(3_000):
        n, k = int(rng.integers(1, 40)), int(rng.integers(1, 5))
        raw = np.round(rng.normal(0, 5, (n, k)), 1)
        for i in rng.integers(0, n, 2).tolist():   # rows that are the sum of those above them
            raw[i] = raw[:i].sum(axis=0) if rng.random() < 0.7 else raw[i]
        raw[rng.random((n, k)) < 0.05] = 0.0
        changes = sorted({0, *rng.integers(1, n + 1, int(rng.integers(0, 4))).tolist()} - {n})
        starts = np.repeat(changes, np.diff(changes + [n]))
        factors = rng.choice([1.0, 1000.0, 0.01], k)
        steps = factors * rng.choice([1.001, 1.5], k)
        loose = rng.random(k) < 0.2
        whole = every_cell(raw, factors, steps, starts)
        at = np.arange(n)
        assert (close_to_sum(raw, factors, steps, starts, at) == whole).all()
        expected = bool((whole | loose)[np.arange(n) - starts >= 2].all(axis=1).any())
        assert may_add_up(raw, factors, steps, starts, loose) == expected
        found += expected
    assert 300 < found < 2_700


def test_every_label_stating_a_unit_is_found_in_a_batch():
    """A label stating a unit (``Percentage upholding exclusion``, ``Days lost``, ``Rate per 10,000``)
    is found among a batch's labels joined together wherever it stands, as read alone."""
    from memberpack.importers.label_words import UNIT_HINT, labels_found, may_state_unit_or_period

    rnd = random.Random(2)
    words = ["Percentage upholding", "Line", "per 10,000", "Days lost", " percentage", "£ spent", "Share %",
             "Number", "Expenditure", "weeks", "2019-20"]
    for _ in range(3_000):
        labels = [rnd.choice(words) + f" {i}" for i in range(rnd.randint(1, 6))]
        joined = "\0".join(labels)
        found = labels_found(may_state_unit_or_period, joined, joined.lower(), labels)
        assert {label for label in found if UNIT_HINT.search(label)} == {label for label in labels
                                                                         if UNIT_HINT.search(label)}, labels


def test_every_label_naming_a_period_is_found_in_a_batch():
    """A label whose year's digits may name a period (``Adoption 2019``, ``Q3 12019``, ``201904``) is
    found among a batch's labels joined together, as parsed alone; labels whose digits only look
    like a year (``Line 12019``) are not parsed at all."""
    from memberpack.importers.label_words import UNIT_HINT, labels_found, may_state_unit_or_period

    rnd = random.Random(7)
    words = ["Line", "Adoption", "Q3", "Month 6", "March", "mar-19", "Percentage", "Days", "2019/20", "to", "-", "1.",
             "é", "İ", "P4", "x"]
    digits = ["2019", "12019", "20190", "201904", "1999", "19", "2020a", "3", "2019.5", "5.2019"]
    for _ in range(5_000):
        labels = [" ".join(rnd.choice(words + digits) for _ in range(rnd.randint(1, 4))) for _ in range(rnd.randint(1, 6))]
        joined = "\0".join(labels)
        found = set(labels_found(may_state_unit_or_period, joined, joined.lower(), labels))
        for label in labels:
            if period_in_label(label, None) is not None or UNIT_HINT.search(label):
                assert label in found, (label, labels)
    joined = "Line 12019\0Line 2019b\0Adoption 2019"
    assert labels_found(may_state_unit_or_period, joined, joined.lower(), joined.split("\0")) == ["Adoption 2019"]


def test_a_numbered_label_is_asked_by_its_words_with_the_same_answer():
    """A label ending in a long number (``Placement 201934``) is asked whether it may name a period
    or state a unit, and which catalogue words it has, by its words before the number, once for all
    such labels of those words: the answers are the label's own, whatever the words (a quarter, a
    month, a span up to the number, a catalogue word that is a number)."""
    from memberpack.importers.label_words import may_name_or_state, unit_words, words_before_number
    from memberpack.model.metrics import _CATALOGUE_WORDS, catalogue_words
    from memberpack.model.periods import may_name_period

    assert max(len(word) for word in _CATALOGUE_WORDS if word.isdigit()) < 3   # what the words stand for

    rnd = random.Random(19)
    words = ["Placement", "Quarter", "Q", "Month", "M", "Period", "P", "to", "-", "–", "/", "2019", "2019 -", "3 to",
             "March", "mar", "Sept", "1", "12", "£", "per", "days", "Week", "x", "Line", "é", "İ", "ſept", "٣", "2019/20",
             "Fostering", "KS", "ks2", "Care leavers,", "20", "8"]
    asked, numbered = [], 0
    for _ in range(20_000):
        label = " ".join(rnd.choice(words) for _ in range(rnd.randint(0, 3)))
        number = "".join(rnd.choice("0123456789") for _ in range(rnd.randint(1, 8)))
        label = f"{label} {number}".strip() if rnd.random() < 0.9 else label + number
        expected = bool(may_name_period(label) or unit_words(label.lower()))
        assert may_name_or_state(label) == expected, label
        asked.append(expected)
        before = words_before_number(label)
        assert before is None or catalogue_words(before) == catalogue_words(label), label
        numbered += before is not None
    assert 0.1 < sum(asked) / len(asked) < 0.9 and numbered > 5_000
    assert not may_name_or_state("Placement 201934") and may_name_or_state("Quarter 3") and may_name_or_state("2019 - 201934")


def test_a_batchs_labels_have_their_words_before_a_number_found_at_once():
    """The words before each label's long number, found for a batch's labels at once, are what
    :func:`words_before_number` finds in each (the label itself where it finds none)."""
    from memberpack.importers.label_words import words_before_number, words_before_numbers

    rnd = random.Random(29)
    pieces = ["Placement", " ", "  ", "1", "12", "123", "1234", "12345", "٣", "x", "", "\t", "Line 3."]
    labels = ["".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 5))) for _ in range(20_000)]
    assert words_before_numbers(labels) == [words_before_number(label) or label for label in labels]
    assert words_before_numbers(["Placement 201934", "Line 2019", ""]) == ["Placement ", "Line 2019", ""]


def test_a_label_ending_in_decimals_like_a_year_is_asked_by_its_words():
    """A label ending in a number whose decimals look like a year (``Line 3.2013``, item 2013 of list
    3) is asked whether it may name a period or state a unit by its words before the number, once for
    all such labels of those words: it is found wherever the label read alone names a period or
    states a unit, whatever the words, and a list's numbered lines are not each parsed."""
    from memberpack.importers.label_words import UNIT_HINT, may_name_or_state

    rnd = random.Random(23)
    words = ["Line", "Quarter", "Q3", "Month 6", "March", "mar-19", "to", "-", "2019", "2019/20", "3.2013", "per", "per 1",
             "£", "days", "Percentage", "x", "é", "Position at 31.03.", "1."]
    for _ in range(20_000):
        number = f"{rnd.randint(0, 120)}.{rnd.choice(['19', '20', '21'])}{rnd.randint(0, 99):02d}"
        label = f"{' '.join(rnd.choice(words) for _ in range(rnd.randint(0, 3)))} {number}".strip()
        if period_in_label(label, None) is not None or UNIT_HINT.search(label):
            assert may_name_or_state(label), label
    assert not may_name_or_state("Line 3.2013") and not may_name_or_state("Line 19.2099")
    assert may_name_or_state("Line 3.2013 Q1") and may_name_or_state("Q1 3.2013") and may_name_or_state("per 1000.2013")


def test_a_year_written_as_the_decimals_of_a_number_is_no_period(tmp_path, cell_by_cell):
    """``Line 3.2013`` (item 2013 of list 3) under quarter columns names no year: its figures take
    their columns' periods and are read in blocks like the rows around them; a date's year
    (``31.03.2013``) is still the row's."""

    wb = Workbook()
    ws = wb.active
    ws.append(["Service line", "Q1 £k", "Q2 £k", "Measure £k"])
    rnd = random.Random(5)
    for r in range(1_990, 2_030):
        ws.append([f"Line 3.{r}", *(round(rnd.uniform(-900, 900), 1) for _ in range(3))])
    ws.append(["Position at 31.03.2013", 1.5, 2.5, 3.5])
    wb.save(tmp_path / "items.xlsx")
    parts, fast = _read_both_ways(tmp_path / "items.xlsx", cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) == 41   # the dated row too, each column its own
    periods = {(o.label, o.measure): o.period for o in fast.observations}
    assert periods["Line 3.2013", "Q2 £k"] == "Q2" and periods["Line 3.2013", "Measure £k"] is None
    assert periods["Position at 31.03.2013", "Q2 £k"] == "Q2 2013/14"
    assert periods["Position at 31.03.2013", "Measure £k"] == "2013"


@pytest.mark.parametrize("distinct, doubted", [(400, True), (1_198, False)])
def test_rows_repeating_a_label_are_counted_the_same_either_way(tmp_path, cell_by_cell, distinct, doubted):
    """A long table whose labels come round again: the rows repeating another's label are counted
    (each key kept as its hash) alike in blocks and cell by cell; two repeats are no doubt."""
    wb = Workbook()
    ws = wb.active
    ws.append(["Service line", "Budget £k", "Spend £k"])
    rnd = random.Random(4)
    for r in range(1_200):
        ws.append([f"Line {r % distinct}", round(rnd.uniform(-900, 900), 1), round(rnd.uniform(-900, 900), 1)])
    wb.save(tmp_path / "repeats.xlsx")
    fast = read_file(tmp_path / "repeats.xlsx").tables[0]
    cell_by_cell()
    slow = read_file(tmp_path / "repeats.xlsx").tables[0]
    read_alike(fast, slow)
    repeats = [d for d in fast.report.doubts if "repeat another row's label" in d]
    assert repeats == (["800 rows repeat another row's label, section and period: no column tells them apart "
                        "(name the identifying columns with --key-columns)"] if doubted else [])


def test_rows_keyed_by_no_period_are_counted_without_looking_up_periods(tmp_path, monkeypatch):
    """A window of plain rows none of whose key columns gives a period has each row's key made with
    no period to look up, and its repeats counted as before (rows keyed by dates: see
    test_dated_and_keyed_blocks)."""
    from memberpack.importers import engine, table_reader

    monkeypatch.setattr(engine, "READ_IN_CHILD", False)   # (the spy is in this process)
    asked = []
    hashed = table_reader._hashed
    monkeypatch.setattr(table_reader, "_hashed", lambda period: asked.append(period) or hashed(period))
    wb = Workbook()
    ws = wb.active
    ws.append(["Service line", "Budget £k", "Spend £k"])
    for r in range(1_200):
        ws.append([f"Line {r % 300}", 1.5, 2.5])
    wb.save(tmp_path / "plain.xlsx")
    table = read_file(tmp_path / "plain.xlsx").tables[0]
    assert asked == [] and any("900 rows repeat" in d for d in table.report.doubts)


@pytest.mark.parametrize("odd_format", [False, True])
def test_percentages_inside_the_format_window_read_the_same_either_way(tmp_path, cell_by_cell, odd_format):
    """A return whose every percentage cell carries its column's format: the rows inside the format
    window are read in blocks as the rows below it are, the same as cell by cell, the first row
    below the window a percentage too; with one cell formatted otherwise, the window is read cell
    by cell as before."""
    from openpyxl import load_workbook

    path = tmp_path / "percentages.xlsx"
    _shapes()["percentages"][1](path, 450)
    if odd_format:
        wb = load_workbook(path)
        wb.active.cell(50, 2).number_format = "0%"
        wb.save(path)
    parts, fast = _read_both_ways(path, cell_by_cell)
    in_blocks = sum(len(p) for p in parts if isinstance(p, FigureBlock))
    assert (in_blocks == 450) != odd_format
    percents = [o for o in fast.observations if o.cell[0] == "B"]
    assert len(percents) == 450 and all(o.unit == "percent" and o.display.endswith("%") for o in percents)


def test_a_pound_format_makes_pounds_in_blocks_too(tmp_path, cell_by_cell):
    """A column with no unit in its header but a pound number format holds pounds, in every row:
    inside the format window and below it, in blocks as cell by cell."""
    from awkward_workbooks import write_xlsx

    rows = [["LA", "Basic need allocation", "Pupils"]] + [[f"LA {i}", 1000.5 + i, 12209 + i] for i in range(700)]
    path = write_xlsx(tmp_path / "pounds.xlsx", {"S": rows}, formats={"S": {f"B{r}": '"£"#,##0' for r in range(2, 703)}})
    fast = read_file(path).tables[0]
    cell_by_cell()
    slow = read_file(path).tables[0]
    read_alike(fast, slow)
    pounds = [o for o in fast.observations if o.cell[0] == "B"]
    assert len(pounds) == 700 and {o.unit for o in pounds} == {"GBP"} and pounds[600].display == "1,601"


def _marked_rows(rnd, rows):
    """Authorities' figures with suppression marks, blanks and words among them, in every column."""
    marks = ["[c]", "..", "x", "z", ":", "*", "[low]", None, "n/a", "tbc"]
    out = []
    for r in range(rows):
        out.append([f"Authority {r}", 800 + r % 150,
                    rnd.choice(marks) if rnd.random() < 0.3 else rnd.randint(0, 5_000),
                    rnd.choice(marks) if rnd.random() < 0.2 else round(rnd.uniform(-900, 900), 1),
                    rnd.choice(marks) if rnd.random() < 0.1 else rnd.random(),
                    rnd.choice(marks) if rnd.random() < 0.4 else rnd.randint(0, 40)])
    return out


@pytest.mark.parametrize(("rate", "suffix"), [("Absence rate", ".xlsx"), ("Spend £k", ".xlsx"), ("Absence rate", ".csv")])
def test_marks_among_figures_are_kept_in_blocks_the_same_either_way(tmp_path, cell_by_cell, rate, suffix):
    """Suppression marks and blanks scattered over the figure columns (a statistics table's ``[c]``
    in one row's pupils, ``..`` in the next's spend) do not break a run of rows into a block a row:
    the columns with marks keep each cell, figure or mark, as reading it alone does. (A money
    table's rows with marks are read cell by cell: which of them add up is told row by row.)"""
    rnd = random.Random(5)
    header = ["Local authority", "LA code", "Number of pupils", rate, "Share %" if suffix == ".csv" else "Share", "Places"]
    body = _marked_rows(rnd, 1_500)
    path = tmp_path / f"marked{suffix}"
    if suffix == ".csv":   # figures written as text, blanks empty, a percentage with its sign
        _write_csv(path, [header] + [["" if v is None else f"{100 * v:.1f}%" if j == 4 and type(v) is float
                                      else str(v) for j, v in enumerate(row)] for row in body])
    else:
        wb = Workbook()
        ws = wb.active
        ws.append(header)
        for row in body:
            ws.append(row)
        for r in range(2, 1_502):
            ws.cell(r, 5).number_format = "0.0%"
        wb.save(path)
    with Pack.create(tmp_path / "p.mpack") as pack:   # stored and read back (marks as a block's specials)
        import_files(pack, [path])
        stored = _fields(pack.observations(pack.datasets()[0].id))
    parts, fast = _read_both_ways(path, cell_by_cell)
    blocks = [p for p in parts if isinstance(p, FigureBlock)]
    if rate == "Absence rate":
        assert sum(len(b) for b in blocks) >= 1_400 and len(blocks) <= 10
    if suffix == ".xlsx":   # the figures stay raw, shown through their format; each mark keeps its own display
        marked = [c for b in blocks for c in b.columns if c.specials and c.measure == "Share"]
        assert marked and all(c.raw and c.displays is None and c.code == "0.0%" for c in marked)
        assert {d for c in marked for d in c.special_displays.values()} >= {"[c]", "..", "x"}
    assert stored == _fields(read_file(path).tables[0].observations)
    by_cell = {o.cell: o for o in fast.observations}
    for r, row in enumerate(body[:200], start=2):
        for letter, value in zip("CDEF", row[2:]):
            o = by_cell[f"{letter}{r}"]
            if value is None or isinstance(value, str):
                assert o.value is None and o.status is not None
            else:
                assert o.value is not None and o.status is None


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_percentages_written_with_their_sign_read_the_same_either_way(tmp_path, cell_by_cell, suffix):
    """Figures written as text with thousands, brackets and a percent sign (``(344,041.31)``,
    ``-12.5%``), as a formatted sheet saved as text holds them, are read in blocks where the column
    is one of percentages; under a header that names no unit, the sign makes each a percentage,
    and those rows are read cell by cell, alike."""
    rnd = random.Random(11)
    header = ["Service", "Budget £", "Variance £", "Variance %", "Change"]

    def money(v):
        return f"({abs(v):,.2f})" if v < 0 else f"{v:,.2f}"

    body = [[f"Service line {r}", money(rnd.uniform(-1e6, 1e6)), money(rnd.uniform(-1e5, 1e5)),
             rnd.choice([f"{rnd.uniform(-50, 50):.1f}%", f"({rnd.uniform(0, 50):.1f})%", "-0%", "12%"]),
             f"{rnd.uniform(-9, 9):.1f}%" if r >= 600 else f"{rnd.uniform(-9, 9):.1f}"] for r in range(1_200)]
    path = tmp_path / f"variances{suffix}"
    if suffix == ".xlsx":
        wb = Workbook()
        ws = wb.active
        ws.append(header)
        for row in body:
            ws.append(row)
        wb.save(path)
    else:
        _write_csv(path, [header] + body)
    parts, fast = _read_both_ways(path, cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) >= 500
    by_cell = {o.cell: o for o in fast.observations}
    assert (by_cell["D2"].value, by_cell["D2"].unit, by_cell["D2"].display) == (
        float(body[0][3].strip("()%")) * (-1 if "(" in body[0][3] else 1) or 0.0, "percent", body[0][3])
    assert by_cell["E700"].unit == "percent" and by_cell["E2"].unit is None


def test_payments_dated_on_a_months_last_day_read_the_same_either_way(tmp_path, cell_by_cell):
    """A council's payments over £500: a date on every row (a month's last day among them, whose
    keys are read with the row's label) and an expense type carried down where it is blank; the
    other rows of a batch are still looked up, in order."""
    import datetime

    rnd = random.Random(3)
    wb = Workbook()
    ws = wb.active
    ws.append(["Date", "Supplier", "Expense type", "Amount £", "Transaction"])
    day = datetime.date(2023, 1, 1)
    for r in range(1_500):
        ws.append([day + datetime.timedelta(days=r % 400), f"Supplier {rnd.randint(1, 300)}",
                   "" if r % 7 == 3 else rnd.choice(["Rent", "Fuel", "Agency staff"]), round(rnd.uniform(500, 9e4), 2),
                   f"T{r:07d}"])
    path = tmp_path / "payments.xlsx"
    wb.save(path)
    parts, fast = _read_both_ways(path, cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) >= 1_400
    month_end = [o for o in fast.observations if o.cell == "D32"]   # 31 January 2023
    assert month_end and month_end[0].value is not None


def test_a_csvs_figures_read_cell_by_cell_are_each_what_read_value_makes_of_it(tmp_path, cell_by_cell):
    """Rows read one by one (a label stating a unit) keep each text figure as :func:`read_value`
    reads it alone (plain, or formatted with thousands and brackets): scaled into its column's unit,
    shown as written, beyond the pack's range kept as written."""
    from memberpack.importers.table_reader import read_value
    from memberpack.model.units import find_unit

    headers = ["Service line", "Budget £k", "Spend £m", "Share %", "Rate per 10,000", "Count", "Average minutes"]
    cells = ["-234.2", "007", "-0", "-0.0", "12.50", "999999999999999", "1000000000000", "0.1234567891",
             "123456789012345.5", "1,234", "(479)", "-1,234.5", "(1,234,567.25)", "-0,000", "12,345,678,901,234,567",
             "1,23", "1,234 ", "٣,٤٥٦", "tbc", "", "x", "1e5", "-", ".5"]
    rnd = random.Random(5)
    rows = [headers] + [[f"Line {r}" + (" (per 10,000)" if r % 3 == 0 else ""), *rnd.sample(cells, len(headers) - 1)]
                        for r in range(300)]
    path = tmp_path / "cells.csv"
    _write_csv(path, rows)
    cell_by_cell()
    table = read_file(path).tables[0]
    written = {f"{chr(66 + j)}{r + 1}": cell for r, row in enumerate(rows) for j, cell in enumerate(row[1:])}
    checked = 0
    for o in table.observations:
        label_unit = find_unit(o.label) if "per 10,000" in o.label else None
        unit = find_unit(o.measure) or label_unit
        cell = read_value(written[o.cell], unit, None)
        assert (o.value, o.unit, o.display, o.status) == (cell.value, cell.unit, cell.display, cell.status), o.cell
        checked += cell.value is not None
    assert checked > 500


def test_a_double_spaced_table_reads_the_same_either_way(tmp_path, cell_by_cell):
    """A blank row after every row (a table converted from PDF): the rows between the gaps are read
    in blocks, each row after a gap told apart as before (a heading, the title of the next table
    after two blank rows ends this one)."""
    rnd = random.Random(9)
    wb = Workbook()
    ws = wb.active
    ws.append(["Spending by service, £ thousand"])
    ws.append(["Service", "2022-23", "2023-24", "2024-25"])
    for r in range(700):
        if r == 400:
            ws.append(["Capital items"])   # a heading after a gap
            ws.append([])
        ws.append([f"Service {r}", rnd.randint(0, 999), rnd.randint(0, 999), round(rnd.uniform(0, 99), 1)])
        ws.append([])
    ws.append([])
    ws.append(["Table 2: staff by service"])
    ws.append(["Service", "FTE 2023", "FTE 2024"])
    for r in range(20):
        ws.append([f"Team {r}", rnd.randint(1, 90), rnd.randint(1, 90)])
    path = tmp_path / "spaced.xlsx"
    wb.save(path)
    parts, fast = _read_both_ways(path, cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) >= 500
    assert {o.label for o in fast.observations} == {f"Service {r}" for r in range(700)}
    assert {o.section for o in fast.observations if o.label == "Service 450"} == {"Capital items"}



def test_small_tables_between_blank_rows_read_the_same_either_way(tmp_path, cell_by_cell, monkeypatch):
    """A header and two rows, a blank row, the header again... (a ward's results each): a batch is
    tested up to the first gap that may end it, not every blank row of the next 500 rows looked at
    (each of 300 tables read that way), and the rows read are those cell by cell reading gives."""
    from memberpack.importers import table_reader

    rnd = random.Random(3)
    wb = Workbook()
    for t in range(300):
        wb.active.append(["Ward", "2023", "2024"])
        wb.active.append([f"Ward {t} electors", rnd.randint(0, 9000), rnd.randint(0, 9000)])
        wb.active.append([f"Ward {t} turnout", rnd.randint(0, 9000), rnd.randint(0, 9000)])
        wb.active.append([])
    path = tmp_path / "wards.xlsx"
    wb.save(path)
    looked = []
    all_blank = table_reader._all_blank
    monkeypatch.setattr(table_reader, "_all_blank", lambda row: looked.append(1) or all_blank(row))
    parts, fast = _read_both_ways(path, cell_by_cell)
    assert len(fast.observations) == 1_200 and {o.label for o in fast.observations} >= {"Ward 299 turnout"}
    assert 0 < len(looked) < 10 * 300


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_figures_written_with_a_pound_sign_read_the_same_either_way(tmp_path, cell_by_cell, suffix):
    """A council's spending exported with a pound sign on every figure (``£1,234.56``, ``-£12``,
    ``(£479)``), the CSV in Windows-1252, is read in blocks where the column is in pounds; in a
    column of £ thousands or with no unit, where the sign makes each figure pounds, cell by cell."""
    rnd = random.Random(5)
    header = ["Service – area", "Budget £", "Spend £", "Grant £k", "Amount"]

    def pounds(v):
        return rnd.choice([f"£{v:,.2f}", f"-£{abs(v):.2f}", f"(£{abs(v):,.0f})", f"£{v:.1f}"]) if v < 0 else f"£{v:,.2f}"

    body = [[f"Café line {r}", pounds(rnd.uniform(-1e5, 1e6)), pounds(rnd.uniform(0, 1e6)),
             f"£{rnd.uniform(0, 900):.1f}" if r >= 600 else f"{rnd.uniform(0, 900):.1f}",
             pounds(rnd.uniform(-9, 9)) if r >= 900 else f"{rnd.uniform(-9, 9):.2f}"] for r in range(1_200)]
    path = tmp_path / f"spending{suffix}"
    if suffix == ".xlsx":
        wb = Workbook()
        for row in [header] + body:
            wb.active.append(row)
        wb.save(path)
    else:
        with path.open("w", newline="", encoding="cp1252") as f:
            csv.writer(f).writerows([header] + body)
    parts, fast = _read_both_ways(path, cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) >= 300
    by_cell = {o.cell: o for o in fast.observations}
    first = body[0][1]
    assert (by_cell["B2"].value, by_cell["B2"].unit, by_cell["B2"].display) == (
        float(first.strip("-()£").replace(",", "")) * (-1 if first[0] in "-(" else 1), "GBP", first)
    assert (by_cell["D700"].value, by_cell["D700"].unit) == (float(body[698][3][1:]), "GBP")   # pounds, not £k
    assert by_cell["D2"].value == round(float(body[0][3]) * 1000, 6)
    assert by_cell["E1000"].unit == "GBP" and by_cell["E2"].unit is None


def test_a_window_across_the_format_windows_end_is_cut_there_at_once(tmp_path, cell_by_cell, monkeypatch):
    """A window of plain rows that crosses the end of the format window (a small sheet's first
    thousand rows) is cut into its two runs where that window ends, each a block, without each row
    being asked how its figures are written; read both ways alike."""
    from memberpack.importers import table_reader
    from memberpack.importers.formats import FORMAT_ROWS

    wb = Workbook()
    ws = wb.active
    ws.append(["Table 1: service spend"])
    ws.append([])
    ws.append(["Service line", "Q1 £k", "Q2 £k", "Measure £k"])
    rnd = random.Random(13)
    for r in range(1_500):
        ws.append([f"Line 4.{r}", *(round(rnd.uniform(-900, 900), 1) for _ in range(3))])
    wb.save(tmp_path / "small.xlsx")
    asked = []
    written = table_reader.figures_written_row
    monkeypatch.setattr(table_reader, "figures_written_row", lambda row: asked.append(row[0]) or written(row))
    parts, _ = _read_both_ways(tmp_path / "small.xlsx", cell_by_cell)
    blocks = [part for part in parts if isinstance(part, FigureBlock)]
    assert [len(b) for b in blocks] == [FORMAT_ROWS - 2, 1_500 - FORMAT_ROWS + 2] and len(asked) < 20   # (ahead of row 401)


def test_labels_naming_years_beside_a_comments_column_are_read_in_blocks(tmp_path, cell_by_cell, monkeypatch):
    """Rows whose label names a year (``Placement 1999``) give it to their figures, a month column's
    within it, and none to the comments column beside them: such rows are read column-wise, each
    column with its own periods, and give what the cell-by-cell reading gives, stored and read back too."""
    from memberpack.importers import engine, table_reader
    from memberpack.importers.engine import iter_tables

    monkeypatch.setattr(engine, "READ_IN_CHILD", False)
    monkeypatch.setattr(table_reader, "ROLE_WINDOW", 400)
    wb = Workbook()
    ws = wb.active
    ws.append(["Placements 2024-25"])   # the table's own period, for rows whose label names none
    ws.append(["Placement", "Budget £k", "Comment", "Forecast £k", "Month 3 £k"])
    rnd = random.Random(3)
    for r in range(1_200):
        ws.append([f"Placement {1800 + r}", round(rnd.uniform(10, 900), 1),
                   None if r % 5 == 0 else f"Review in week {r % 52}", round(rnd.uniform(10, 900), 1),
                   round(rnd.uniform(0, 90), 1)])
    path = tmp_path / "years.xlsx"
    wb.save(path)
    parts = list(next(iter_tables(path)).parts)
    fast = read_file(path).tables[0]
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [path])
        stored = _fields(pack.observations(pack.datasets()[0].id))
    cell_by_cell()
    slow = read_file(path).tables[0]
    read_alike(fast, slow)
    assert stored == _fields(slow.observations)
    blocks = [p for p in parts if isinstance(p, FigureBlock)]
    assert sum(len(b) for b in blocks) == 1_200 and any(b.periods is not None for b in blocks)   # every row
    shown = {o.cell: o.period for o in fast.observations}
    assert (shown["B203"], shown["C203"], shown["D203"]) == ("2000", None, "2000")   # "Placement 2000"
    assert (shown["B303"], shown["C303"], shown["B3"], shown["C4"]) == ("2024/25", None, "2024/25", None)
    assert (shown["E203"], shown["E303"]) == ("2000/01 Month 3", "2024/25 Month 3")


def test_a_true_or_false_among_a_batchs_figures_is_told_from_a_one_or_a_zero():
    import numpy as np

    from memberpack.importers.figure_arrays import any_bool

    rows = [[12.5, 0.0, 1], [3.0, 7.0, -2.0]]
    assert not any_bool(np.array(rows, dtype=np.float64), rows)                 # numbers 0 and 1
    assert not any_bool(np.array([[2.5, 3.0]]), [[2.5, 3.0]])                  # none that may be one
    flagged = [[12.5, 0.0, 1], [3.0, True, -2.0]]
    assert any_bool(np.array(flagged, dtype=np.float64), flagged)
    columns = list(zip(*flagged))                                             # a batch's columns alike
    assert any_bool(np.array(columns, dtype=np.float64), columns)


def test_a_window_naming_all_of_its_rows_is_found_as_each_label_asked_finds_it():
    from memberpack.importers.roles import ALL_OF_THEM
    from memberpack.importers.plain_row import names_all

    def plain(label):
        return (0, label, None, [], [], None, None, (), None, None, "data")

    rnd = random.Random(4)
    words = ["All schools", "  ALL pupils ", "Small schools", "Hall", "all", "All the rest", "Line 4", "Allowances",
             "all other services", "ÀLL schools", "\u212a", "Wallsend", ""]
    for _ in range(400):
        labels = [rnd.choice(words) for _ in range(rnd.randint(1, 5))]
        assert names_all([plain(label) for label in labels]) == any(ALL_OF_THEM.fullmatch(label) for label in labels), labels


def test_a_blocks_figures_are_summed_for_the_tables_foot_as_each_finite_data_figure_adds_up():
    import numpy as np

    from memberpack.importers.table_reader import _add_sums
    from memberpack.model.blocks import BlockColumn, Coded

    def block(values, roles):
        n = len(roles)
        columns = [BlockColumn(j + 1, "BCD"[j], f"M{j}", None, "other", None, np.array(v, dtype=np.float64),
                               factor=(1.0, 1000.0, 1.0)[j], raw=j < 2) for j, v in enumerate(values)]
        return FigureBlock("S", np.arange(n, dtype=np.int32), np.arange(n, dtype=np.int32), Coded.of(list("abcd")[:n]),
                           Coded.same(None, n), Coded.of(roles), columns)

    def expected(part):
        data = np.array([r == "data" for r in part.roles.expanded()])
        out = {}
        for c in part.columns:
            v = c.values[data]
            v = v[np.isfinite(v)]
            out[" BCD".index(c.letter)] = [float(v.sum()) * (c.factor if c.raw else 1.0), len(v)]
        return out

    column_at = {"B": 1, "C": 2, "D": 3}
    for values, roles in [([[1.5, 2.25, -3.0, 0.1], [1e308, 1e308, 1.0, 2.0], [np.nan] * 4], ["data"] * 4),
                          ([[1.5, np.nan, -3.0, 0.1], [4.0, 5.0, 6.0, 7.0], [1.0, np.nan, 2.0, 3.0]],
                           ["data", "data", "subtotal", "data"])]:
        part, sums = block(values, roles), {}
        with np.errstate(over="ignore"):   # (1e308 twice: inf, either way)
            _add_sums(sums, part, column_at)
            assert sums == expected(part)


def test_rows_a_sub_total_closes_stay_in_blocks(tmp_path, cell_by_cell):
    """A monitor of formulas whose groups of 25 lines are closed by `Sub total` rows and headed by
    nothing: settling the window gives each line its group's section, and only that; the lines stay
    blocks (they had all been read again cell by cell), read as cell by cell reads them."""
    from memberpack.importers.engine import iter_tables

    path = tmp_path / "formulas.xlsx"
    _shapes()["formulas, cached values"][1](path, 1_000)
    parts = list(next(iter_tables(path)).parts)
    in_blocks = sum(len(p) for p in parts if isinstance(p, FigureBlock))
    assert in_blocks >= 900
    _, fast = _read_both_ways(path, cell_by_cell)
    assert {o.section for o in fast.observations if o.row_role == "data"} >= {"0", "1", "39"}


def test_pounds_with_negatives_in_brackets_without_the_sign_are_read_in_blocks(tmp_path, cell_by_cell):
    """Figures stored as text as a finance system pastes them: a column of pounds whose positives have
    a pound sign and whose negatives are in brackets without one (``£1,234`` above ``(500)``), beside
    percentages with their sign and thousands with commas (the benchmark's numbers-as-text shape), is
    read in blocks, just as cell by cell."""
    name, build, _ = _shapes()["numbers as text"]
    build(tmp_path / name, 1_000)
    parts, fast = _read_both_ways(tmp_path / name, cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) >= 900
    by_cell = {o.cell: o for o in fast.observations}
    negative = next(o for o in fast.observations if o.display.startswith("("))
    assert negative.value < 0 and negative.unit == "GBP"
    assert by_cell["B2"].unit == "GBP" and by_cell["B2"].display.startswith("£")


_RETURN_LABELS = ("Percentage of household waste recycled", "Rate of referrals to children's social care per 10,000",
                  "Number of rough sleepers", "Council tax collected (%)", "Library visits", "Days lost to sickness per FTE",
                  "Average days to re-let council homes", "Delayed transfers of care per 100,000", "Forecast outturn")


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_labels_stating_units_counting_or_naming_metrics_among_marks_read_the_same_either_way(tmp_path, cell_by_cell, suffix):
    """A performance return's measures, each row's label numbered (``Number of rough sleepers 1234``):
    labels stating a unit (``Percentage of ...``, ``... per 10,000``), counting, or naming a catalogue
    metric, beside month columns, a money column and a percentage column, with marks and blanks among
    the figures. What each label gives its row's figures and marks in each column, worked out once a
    batch, is what reading each cell alone gives it; the labels' own metrics are kept."""
    rnd = random.Random(20)
    header = ["Measure", "Apr 2024", "May 2024", "Jun 2024", "Budget £", "Share %"]
    body = []
    for r in range(1_200):
        figures = [rnd.choice(["x", "n/a", "..", None]) if rnd.random() < 0.06
                   else round(rnd.uniform(0, 900), 2) if c != 3 else round(rnd.uniform(-5e4, 5e4), 2) for c in range(5)]
        body.append([f"{_RETURN_LABELS[r % len(_RETURN_LABELS)]} {r * 37 % 100_000}"] + figures)
    path = tmp_path / f"return{suffix}"
    if suffix == ".csv":
        _write_csv(path, [header] + [["" if v is None else str(v) for v in row] for row in body])
    else:
        wb = Workbook()
        ws = wb.active
        for row in [header] + body:
            ws.append(row)
        wb.save(path)
    parts, fast = _read_both_ways(path, cell_by_cell)
    assert sum(len(p) for p in parts if isinstance(p, FigureBlock)) >= 900   # (most rows in blocks)
    by_label = {}
    for o in fast.observations:
        by_label.setdefault(o.label.rsplit(" ", 1)[0], set()).add((o.measure, o.metric_id, o.unit))
    referrals = by_label["Rate of referrals to children's social care per 10,000"]
    assert {("Apr 2024", "referrals_count", "per_10000"), ("Apr 2024", "referrals_count", None),   # a mark: no unit
            ("Budget £", "fin_budget_current", "GBP")} <= referrals
    assert {metric for _, metric, _ in by_label["Number of rough sleepers"]} == {"rough_sleepers"}
    assert {unit for measure, _, unit in by_label["Days lost to sickness per FTE"] if measure == "May 2024"} == {"days", None}
    assert {unit for _, _, unit in by_label["Percentage of household waste recycled"]} == {"percent", None}
    assert ("Budget £", "fin_budget_current", "GBP") in by_label["Forecast outturn"]   # (money: its measure first)
    assert fast.metric_counts["referrals_count"] > 500
