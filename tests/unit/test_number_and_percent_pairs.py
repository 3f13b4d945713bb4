"""A group header over a pair of columns and a row of ``Number | %`` under each group (DfE and
Scottish Government tables): each column is named by its group and its word, never "Column C"."""

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
