"""Lines of ``name: value`` above a table (``Prepared by: | Finance team``, ``Report date: | 30/09/2024``)
are about the paper, not headers of its columns: the measures are the header's alone and the period
is the title's."""

from datetime import datetime

import pytest
from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.importers.layout import is_stated_fact

SERVICES = ["Adult social care", "Children's services", "Highways", "Libraries"]


def _monitor(above: list[list], *, gap: bool = True) -> list[list]:
    return [["Revenue budget monitor, period 6"], *([[]] if gap else []), *above,
            ["Service", "Budget £k", "Forecast £k", "Variance £k"],
            *[[s, 100 + i, 110 + i, 10] for i, s in enumerate(SERVICES)]]


@pytest.mark.parametrize(("above", "gap"), [
    ([["Prepared by:", "Finance team"]], True),
    ([["Report date:", datetime(2024, 9, 30)]], True),
    ([["Officer:", "J Smith", "Status:", "Draft"]], True),
    ([["Prepared by:", "Finance team"], ["Report date:", datetime(2024, 9, 30)]], True),
    ([["Prepared by:", "Finance team"]], False),                       # straight under the title
    ([["Prepared by:", "Finance team", "Status:", "Draft"], []], True),  # a blank row between it and the header
    ([["Prepared by:", "Finance team", None, "Status:", "Draft"]], True),
])
def test_a_line_of_stated_facts_above_the_header_is_not_a_header(tmp_path, above, gap):
    table, = read_file(write_xlsx(tmp_path / "monitor.xlsx", {"Monitor": _monitor(above, gap=gap)})).tables
    first = {o.cell: o for o in table.observations}
    header = len(_monitor(above, gap=gap)) - len(SERVICES)
    assert table.layout.header_rows == (header,)
    assert [first[f"{c}{header + 1}"].measure for c in "BCD"] == ["Budget £k", "Forecast £k", "Variance £k"]
    assert {o.period for o in table.observations} == {"Month 6"}   # the title's, not the report date's
    assert first[f"B{header + 1}"].value == 100_000


def test_a_group_header_over_the_measures_is_still_one():
    assert not is_stated_fact([None, "Revenue", None, "Capital"])
    assert not is_stated_fact(["Total budget:", 1234.5])           # a figure stated so is read, not passed
    assert not is_stated_fact(["Prepared by:", "Finance team", "Draft"])
    assert is_stated_fact(["Prepared by:", "Finance team", None, "Status:", "Draft"])


def test_figures_stated_as_name_and_value_are_still_read(tmp_path):
    rows = [["Summary"], [], ["Item", "Amount £"], ["Total budget:", 1234.5], ["Total spend:", 1000.25],
            ["Balance:", 234.25]]
    table, = read_file(write_xlsx(tmp_path / "summary.xlsx", {"Summary": rows})).tables
    assert [(o.label, o.value) for o in table.observations] == [
        ("Total budget:", 1234.5), ("Total spend:", 1000.25), ("Balance:", 234.25)]
