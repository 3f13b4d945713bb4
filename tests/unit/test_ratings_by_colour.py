"""A scorecard whose RAG column is left blank and coloured red, amber or green (as most councils'
are) is read for its ratings: the old reading had them all blank, so the briefing said "Nothing is
rated red" of a sheet with two red indicators."""

import pytest
from openpyxl import Workbook
from openpyxl.styles import PatternFill
from openpyxl.styles.colors import Color

from memberpack.importers import read_file
from memberpack.importers.cell_fills import rating_of


def _scorecard(path):
    wb = Workbook()
    ws = wb.active
    ws.title = "KPIs"
    ws.append(["Performance scorecard Q2 2024/25"])
    ws.append([])
    ws.append(["Indicator", "Q1 2024/25", "Q2 2024/25", "Target", "RAG", "Comment"])
    for row in (("Number of children looked after", 420, 431, 400), ("% of EHC plans issued within 20 weeks", 51, 38, 60),
                ("Care leavers in EET (%)", 55, 57, 60), ("Adults with learning disability in paid employment (%)", 5.8, 6.4, 7),
                ("Delayed transfers of care per 100,000", 10.2, 8.1, 9), ("Homes built", 120, 150, 140)):
        ws.append([*row, None, None])
    fills = {"E4": "FF0000", "E5": "FFC7CE", "E6": Color(theme=9), "E7": Color(indexed=17), "E8": "FFC000",
             "E9": "C6EFCE", "F4": "FF0000", "A3": "00B050"}
    for cell, colour in fills.items():
        ws[cell].fill = PatternFill("solid", fgColor=colour)
    ws["E8"] = "Amber"
    wb.save(path)
    return path


def test_blank_rag_cells_are_read_by_their_colour_and_the_report_says_so(tmp_path):
    table, = read_file(_scorecard(tmp_path / "kpi.xlsx")).tables
    status = {o.cell: o.status for o in table.observations}
    assert [status[f"E{r}"] for r in range(4, 10)] == ["red", "red", "amber", "green", "amber", "green"]
    assert status["F4"] == "blank"   # a coloured comment cell rates nothing
    assert table.report.verdict == "read with assumptions"
    assert any("column E (RAG)" in a and "colour" in a for a in table.report.assumptions)


@pytest.mark.parametrize("rgb, rating", [
    ("FF0000", "red"), ("C00000", "red"), ("FFC7CE", "red"), ("FFC000", "amber"), ("FFFF00", "amber"),
    ("FFEB9C", "amber"), ("00B050", "green"), ("92D050", "green"), ("C6EFCE", "green"),
    ("4472C4", None), ("DDEBF7", None), ("FFFFFF", None), ("D9D9D9", None), ("000000", None)])
def test_only_plain_reds_ambers_and_greens_are_ratings(rgb, rating):
    assert rating_of(rgb) == rating
