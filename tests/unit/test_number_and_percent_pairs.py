"""A group header over a pair of columns and a row of ``Number | %`` (or ``S3-S5 | S3-S6``) under
each group (DfE and Scottish Government tables): each column is named by its group and its word,
never "Column C"."""

import pytest
from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


@pytest.mark.parametrize("merged", [True, False])
def test_each_column_of_a_group_is_named_by_the_word_under_it(tmp_path, merged):
    rows = [["Ethnicity of children in care, 31 March 2024"],
            ["Ethnic group", "Boys", None, "Girls", None, "Total"],
            [None, "Number", "%", "Number", "%", None],
            ["White", 210, 0.62, 190, 0.6, 400], ["Mixed", 50, 0.15, 45, 0.14, 95]]
    formats = {f"{c}{r}": "0%" for c in "CE" for r in (4, 5)}
    merges = ["B2:C2", "D2:E2", "A2:A3", "F2:F3"] if merged else []
    table, = read_file(write_xlsx(tmp_path / "e.xlsx", {"E": rows}, merges={"E": merges},
                                  formats={"E": formats})).tables
    obs = {o.cell: o for o in table.observations}
    assert [(obs[c].measure, obs[c].value) for c in ("B4", "C4", "D4", "E4", "F4")] == [
        ("Boys Number", 210), ("Boys %", 62), ("Girls Number", 190), ("Girls %", 60), ("Total", 400)]
    assert table.report.verdict == "read"


def test_stage_names_repeated_under_each_group_are_a_header_not_column_codes(tmp_path):
    rows = [["Table 3.10: Percentage of pupils attaining"], [None, "Female", None, None, "Male", None],
            [None, "S3-S5", "S3-S6", None, "S3-S5", "S3-S6"], [1996, 76.5, 42.2, None, 70.1, 38.0],
            [1997, 77.0, 41.6, None, 71.2, 37.5]]
    table, = read_file(write_xlsx(tmp_path / "s.xlsx", {"T": rows})).tables
    obs = {o.cell: o for o in table.observations}
    assert [obs[c].measure for c in ("B4", "C4", "E4", "F4")] == ["Female S3-S5", "Female S3-S6", "Male S3-S5", "Male S3-S6"]
    assert table.report.verdict != "unsure"
