"""Percentages typed as fractions with no % format (``Attendance % | 0.94``) would read as 0.94%:
the table is unsure and the officer is told, while small percentages that are real (exclusion rates
of 0.1%) and fractions shown as percentages read as before."""

import random

import pytest
from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


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
