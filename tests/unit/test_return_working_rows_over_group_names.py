"""A return's data sheet as MHCLG publishes it (RO2 2017-18): the title, then "Net current expenditure
(£ thousand)", then its working rows ("Hide or delete | Row_no | 11 | 11 ...", "Col_no | 1 | 2 ...
7 | 1 | 2 ..."), each service's name over its block of columns, a blank row, and the header naming the
code and authority columns and each block's columns. The working rows were read as a table of their
own (the form's line numbers as £ thousands), taking the title and its unit with them, so the
authorities' figures had no unit (Westminster's on-street parking income £88.8m read as 88,829); and
the services' names, over a blank row and starting right of the header, were lost, every block's
columns named alike ("Total Income (C6 = C4 + C5)"). Working rows are skipped; a row of group names
over a blank row names the header under it, though that starts further left."""

from __future__ import annotations

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file

SERVICES = ["Highways maintenance planning, policy and strategy", "On-street parking", "Off-street parking",
            "Concessionary fares"]
COLUMNS = ["Total Expenditure (C3 = C1 + C2)", "Total Income (C6 = C4 + C5)", "Net Current Expenditure (C7 = C3 - C6)"]
AUTHORITIES = [("E0101", "Bath & North East Somerset UA", "UA"), ("E0102", "Bristol UA", "UA"),
               ("E5022", "Westminster", "L"), ("E5030", "Camden", "L"), ("E4203", "Manchester", "MD")]


def _rows() -> list[list]:
    rows = [["Revenue Outturn (RO) 2017-18: Highways and Transport Services (RO2) data"],
            ["Net current expenditure (£ thousand)"],
            ["Hide or delete", None, None, "Row_no", *[line for line in (11, 61, 62, 71) for _ in COLUMNS]],
            [None, None, None, "Col_no", *[col for _ in SERVICES for col in (3, 6, 7)]],
            [None, None, None, None, *[cell for service in SERVICES for cell in (service, None, None)]],
            [],
            ["E-code", "Local authority", None, "Class", *[name for _ in SERVICES for name in COLUMNS]]]
    for n, (code, name, cls) in enumerate(AUTHORITIES):
        figures = []
        for s in range(len(SERVICES)):
            spent, income = 1000.5 + 250 * n + 40 * s, 600.25 + 310 * n * s
            figures += [spent, income, round(spent - income, 2)]
        rows.append([code, name, None, cls, *figures])
    return rows


def test_working_rows_are_no_table_and_the_services_name_their_blocks(tmp_path):
    tables = read_file(write_xlsx(tmp_path / "RO2_2017-18_data_by_LA.xlsx", {"RO2 LA Data 2017-18": _rows()})).tables
    assert len(tables) == 1, [t.report.cell_range for t in tables]
    table, = tables
    westminster = {o.measure: o for o in table.observations if o.label == "Westminster"}
    income = next((o for m, o in westminster.items() if "On-street parking" in m and "Total Income" in m), None)
    assert income is not None, sorted(westminster)
    assert (income.value, income.unit) == (1_220_250, "GBP")   # 600.25 + 310 * 2 * 1 = 1220.25 £ thousand
    assert not any(o.label == "Hide or delete" for o in table.observations)
    assert table.report.verdict != "unsure", table.report.doubts
