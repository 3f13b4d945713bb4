"""Two tables side by side, each with its own names: the borrowing on the left (``Temporary
borrowing`` a heading over ``Banks``, ``Building societies``), the investments on the right, starting a
row higher (``Deposits: banks | 13318823.59`` beside that heading). Read as one table, the rows down to
the first with a figure on the left were its header, so the investments were named by the borrowing
and their first figures read as the header's words, in a table read as confident (DCLG's borrowing and
investment drop-down, Treasury bills read as 'Banks'). A header row naming a row and holding a figure
where the rows under it have figures makes the table unsure."""

from __future__ import annotations

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file

ROWS = [
    ["Outstanding amounts of local authority borrowing and investments as at 31st March 2016"],
    [],
    ["Borrowing", None, "£thousand", None, "Investments", None, "£thousand"],
    [None, None, "31st March 2016", None, None, None, "31st March 2016"],
    [],
    ["Temporary borrowing", None, None, None, "Deposits: banks", None, 13_318_823.59],
    [None, None, None, None, "Deposits: building societies", None, 2_668_293],
    ["Banks", None, 59_450.78, None, "Treasury bills", None, 2_184_967.10],
    ["Building societies", None, 0, None, "Certificates of deposit: banks", None, 1_015_108],
    ["Other financial intermediaries", None, 315_090, None, "Money market funds", None, 5_318_719.57],
    ["Total", None, 584_938.78, None, "Money market funds (externally managed)", None, 1_878_920.45],
    [None, None, None, None, "Other investments", None, 4_281_379.38],
]


def test_a_header_row_naming_a_row_beside_a_figure_makes_the_table_unsure(tmp_path):
    tables = read_file(write_xlsx(tmp_path / "drop_down.xlsx", {"Q4 Drop Down Table": ROWS})).tables
    read = {o.cell: (o, t) for t in tables for o in t.observations}
    deposits, treasury = read.get("G6"), read["G8"]
    assert treasury[0].value == 2_184_967_100
    if deposits is None or deposits[0].label != "Deposits: banks" or treasury[0].label != "Treasury bills":
        table = treasury[1]
        assert table.report.verdict == "unsure", (treasury[0].label, table.report.doubts)
        assert any("row 6 has a figure (13318823.59)" in d for d in table.report.doubts), table.report.doubts
