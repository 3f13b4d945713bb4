"""What a hold-out batch of councils' finance and performance files taught (tests/corpus: MHCLG's revenue
outturn summary 2016-17, the BBC's reserves and spending-change workbooks, Trafford's corporate plan
indicators): shapes read wrong the first time, each rebuilt here small."""

from openpyxl import Workbook

from memberpack.importers import read_file


def _outturn_with_a_count_column(path):
    """A revenue outturn summary in £ thousand (said once, under the title), with one column counting
    the authorities that filled the form in on an "Off-Balance Sheet" basis."""
    wb = Workbook()
    ws = wb.active
    ws.title = "RS LA Data 2016-17"
    ws.append(["Revenue Outturn (RO) 2016-17: Revenue Outturn Summary (RS) data"])
    ws.append(["Net current expenditure (£ thousand)"])
    ws.append([None, None, "Service Expenditure", None, "Accounting Basis"])
    ws.append(["E-code", "Local authority", "Education services", "Adult Social Care",
               'Number of authorities that confirmed the form is completed on non-IAS19 and PFI '
               '"Off-Balance Sheet" basis'])
    for code, name, base in (("E0101", "Bath & North East Somerset UA", 94203), ("E0102", "Bristol UA", 230269),
                             ("E0103", "South Gloucestershire UA", 148250), ("E0104", "North Somerset UA", 105403)):
        ws.append([code, name, base, base // 2, 1])
    ws.append([None, "ENGLAND", 33382235, 14930000, 446])
    wb.save(path)
    return path


def test_a_column_counting_authorities_is_no_money_though_its_header_names_a_balance_sheet(tmp_path):
    """'Number of authorities ... "Off-Balance Sheet" basis' took the table's £ thousand: its 'Balance'
    read as money, so the 446 authorities became £446,000 in a table read as confident."""
    table = read_file(_outturn_with_a_count_column(tmp_path / "rs.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["E9"].value, by_cell["E9"].unit) == (446, "count")
    assert (by_cell["C5"].value, by_cell["C5"].unit) == (94203000, "GBP")

