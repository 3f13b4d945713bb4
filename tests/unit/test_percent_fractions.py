"""Percentages typed as fractions with no % format (``Attendance % | 0.94``) would read as 0.94%:
the table is unsure and the officer is told, while small percentages that are real (exclusion rates
of 0.1%) and fractions shown as percentages read as before."""

import random

import numpy as np
import pytest
from awkward_workbooks import write_xlsx
from test_plain_rows import cell_by_cell  # noqa: F401  (a fixture)

from memberpack.importers import read_file
from memberpack.importers.percent_fractions import PercentFractions
from memberpack.model.blocks import BlockColumn, Coded, FigureBlock
from memberpack.model.units import PERCENT


def _tables(tmp_path, rows, formats=None, name="s.xlsx"):
    return read_file(write_xlsx(tmp_path / name, {"S": rows}, formats={"S": formats or {}})).tables


def test_a_scorecard_row_of_fractions_under_a_percent_label_is_doubted(tmp_path):
    rows = [["Measure", "2022/23", "2023/24"], ["Pupils on roll", 32000, 32500], ["Attendance %", 0.94, 0.951]]
    table, = _tables(tmp_path, rows)
    assert table.report.verdict == "unsure"
    doubt, = [d for d in table.report.doubts if "between 0 and 1" in d]
    assert "'Attendance %'" in doubt and "0.94 for 94%" in doubt
    assert {o.cell: o.value for o in table.observations}["B3"] == 0.94   # read as written, never guessed


def test_fractions_shown_as_percentages_are_not_doubted(tmp_path):
    rows = [["Measure", "2022/23", "2023/24"], ["Attendance %", 0.94, 0.951]]
    table, = _tables(tmp_path, rows, formats={"B2": "0%", "C2": "0.0%"})
    assert table.report.verdict == "read"
    assert {o.cell: o.value for o in table.observations}["B2"] == pytest.approx(94)


def test_small_percentages_that_are_real_are_not_doubted(tmp_path):
    rows = [["Local authority", "Percentage of children permanently excluded"]]
    rows += [[f"Authority {i}", round(random.Random(i).uniform(0, 0.7), 2)] for i in range(40)]
    table, = _tables(tmp_path, rows)
    assert not [d for d in table.report.doubts if "between 0 and 1" in d]


def test_a_long_column_of_fractions_read_in_blocks_is_doubted(tmp_path):
    rows = [["School", "Pupils", "Attendance %"]]
    rows += [[f"School {i}", 200 + i, round(0.9 + (i % 9) / 100, 3)] for i in range(3000)]
    table, = _tables(tmp_path, rows, name="long.xlsx")
    assert table.report.verdict == "unsure"
    assert any("'Attendance %'" in d for d in table.report.doubts)


def test_rows_with_units_of_their_own_are_told_alike_in_blocks_and_cell_by_cell():
    """A block whose rows carry their own units (a row naming a percentage metric among counts)
    gives the same doubt as its observations read one by one."""
    rows = 400
    labels = Coded.of([f"Pupils on roll {i}" if i % 2 == 0 else f"Attendance % {i % 4}" for i in range(rows)])
    values = np.array([300.0 + i if i % 2 == 0 else 0.9 + i / 10_000 for i in range(rows)])
    column = BlockColumn(1, "B", "2023/24", None, "other", "2023/24", values,
                         row_units=Coded.of([None if i % 2 == 0 else PERCENT for i in range(rows)]))
    block = FigureBlock("S", np.arange(rows, dtype=np.int32), np.arange(1, rows + 1, dtype=np.int32), labels,
                        Coded.same(None, rows), Coded.same("data", rows), [column])
    blocks, cells = PercentFractions(), PercentFractions()
    blocks.add(block)
    cells.add(list(block.observations()))
    assert blocks.doubt() == cells.doubt() and "'Attendance % 1', 'Attendance % 3'" in blocks.doubt()


def test_a_tidy_files_percentages_all_between_a_quarter_and_one_are_doubted(tmp_path):
    """A tidy file's one indicator, its measure column saying 'Percentage', every figure between 0.34 and
    0.62 (a recycling rate of 34% to 62% written as fractions): averaging under a half, they were read as
    under 1% in a table called confident."""
    rows = [["area_code", "area_name", "period", "indicator", "measure", "unit", "value"]]
    areas = [("E47000001", "Greater Manchester"), ("E08000009", "Trafford"), ("E92000001", "England")]
    for year, figures in [("2010-11", (0.34, 0.408, 0.415)), ("2014-15", (0.45, 0.619, 0.437)),
                          ("2018-19", (0.479, 0.573, 0.435))]:
        rows += [[code, name, year, "Reuse, recycling or composting of household waste", "Percentage", "Waste", figure]
                 for (code, name), figure in zip(areas, figures)]
    table, = _tables(tmp_path, rows)
    assert table.report.verdict == "unsure"
    assert any("between 0 and 1" in d for d in table.report.doubts)
    assert {o.cell: o.value for o in table.observations}["G3"] == pytest.approx(0.408)   # read as written


def test_a_blocks_percentages_noted_by_column_are_noted_as_cell_by_cell():
    """A block's percentage rows are noted together under the name each label gives them: the same
    counts, sizes, example and sums as noting each row's figure on its own, the names in the order
    their first figures come (``Share %``, where row 0, ``Rate % 0``, holds no percentage)."""
    rows = 600
    names = [f"Line {i}" if i % 7 else f"Rate % {i % 3}" for i in range(rows)]
    names[5] = names[1]   # a label that comes again
    labels = Coded.of(names)
    values = np.array([(i * 37 % 101) / 100 for i in range(rows)])
    values[::50] = np.nan
    units = Coded.of([PERCENT if i % 5 else None for i in range(rows)])
    column = BlockColumn(1, "B", "Share %", PERCENT, "other", None, values, row_units=units)
    block = FigureBlock("S", np.arange(rows, dtype=np.int32), np.arange(1, rows + 1, dtype=np.int32), labels,
                        Coded.same(None, rows), Coded.same("data", rows), [column])
    noted = PercentFractions()
    noted.add(block)
    one_by_one = PercentFractions()
    percent = (units.codes == units.values.index(PERCENT)) & np.isfinite(values)
    for i in np.flatnonzero(percent).tolist():
        name = names[i] if "%" in names[i] else "Share %"
        one_by_one._note(name, values[i:i + 1], False)
    assert list(noted._seen) == list(one_by_one._seen) == ["Share %", "Rate % 1", "Rate % 2", "Rate % 0"]
    assert noted._seen == one_by_one._seen


def test_the_officer_is_told_how_to_say_a_csvs_percentages_are_fractions(tmp_path):
    """The doubt told the officer to "format those cells as percentages in the workbook": a CSV keeps
    no formats, so for the recycling rates published as a CSV it asked the impossible. Then it asked
    for the file to be saved again as .xlsx; now the officer says so in the import."""
    path = tmp_path / "recycling.csv"
    path.write_text("area_name,period,Recycling rate %\nTrafford,2010-11,0.408\nTrafford,2011-12,0.492\n"
                    "Trafford,2012-13,0.479\n", encoding="utf-8")
    table, = read_file(path).tables
    doubt, = (d for d in table.report.doubts if "between 0 and 1" in d)
    assert doubt.endswith("but may be fractions (0.408 for 40.8%): if they are, import it with --fractions")


def test_a_block_whose_every_row_has_its_own_label_notes_its_percentages_as_each_row_alone():
    """A block of rows each with its own label (a ledger's lines), its percentages a column of their
    own units (figures as text: ``12.5%``), is noted a column at a time: the same count, total (added
    up in the rows' order), sizes and example as noting each row's figure under its label in turn."""
    rows = 600
    rnd = random.Random(18)
    labels = Coded.of([f"Line {i}" for i in range(rows)])
    values = np.array([rnd.choice([0.0, 1.0, 0.1, 1e-17, -0.7]) if i < 30 else rnd.uniform(0, 1) for i in range(rows)])
    values[5] = np.nan
    column = BlockColumn(1, "B", "Share %", None, "other", "Share %", values,
                         row_units=Coded.of([PERCENT] * (rows - 1) + [None]))
    block = FigureBlock("S", np.arange(rows, dtype=np.int32), np.arange(1, rows + 1, dtype=np.int32), labels,
                        Coded.same(None, rows), Coded.same("data", rows), [column])
    blocks, each = PercentFractions(), PercentFractions()
    for _ in range(2):
        blocks.add(block)
        for value in values[:-1][np.isfinite(values[:-1])]:
            each._note("Share %", np.array([value]), False)
    assert blocks._seen == each._seen and blocks.doubt() == each.doubt()


def _kpi_rows(target_of_share, rows=1):
    """A KPI scorecard laid out as the benchmark's: a ``Percentage of ...`` indicator beside a count,
    each with a target, an actual and a RAG status (North Somerset's Table 1.1 states its targets as
    percentages of 0 to 100: ``target 85%``)."""
    out = [["Ref", "Measure", "Target", "Actual", "RAG"]]
    for r in range(rows):
        out += [[f"KPI {r:03d}a", "Percentage of EHC plans issued within 20 weeks", target_of_share, 61.5, "Amber"],
                [f"KPI {r:03d}b", "Number of children looked after", 402, 388, "Green"]]
    return out


@pytest.mark.parametrize("by_cell", [False, True])   # in blocks, and cell by cell
def test_a_percentage_of_a_whole_over_100_is_doubted_not_asserted(tmp_path, cell_by_cell, by_cell):
    """A target of 402 under ``Percentage of EHC plans issued within 20 weeks`` read as 402%: no share of
    a whole is over 100, so the table is unsure and the officer is told; the figure stays as written."""
    if by_cell:
        cell_by_cell()
    table, = _tables(tmp_path, _kpi_rows(402, 300))
    assert table.report.verdict == "unsure"
    doubt, = [d for d in table.report.doubts if "over 100" in d]
    assert "'Percentage of EHC plans issued within 20 weeks'" in doubt and "402" in doubt
    assert {o.cell: (o.value, o.unit) for o in table.observations}["C2"] == (402, "percent")


def test_percentages_of_a_whole_up_to_100_and_other_percentages_over_it_are_not_doubted(tmp_path):
    """A share's target of 85 is no doubt; nor is a percentage over 100 that is no share of a whole (a
    change, a collection against a target, a budget spent)."""
    assert not [d for d in _tables(tmp_path, _kpi_rows(85, 300))[0].report.doubts if "over 100" in d]
    rows = [["Measure", "2022/23", "2023/24"], ["Percentage change in referrals", 112.5, 140],
            ["Percentage of budget spent", 98.2, 104.7], ["Percentage of target achieved", 120, 95]]
    assert not [d for d in _tables(tmp_path, rows, name="t.xlsx")[0].report.doubts if "over 100" in d]
