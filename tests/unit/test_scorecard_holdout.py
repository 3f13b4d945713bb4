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


def _logframe_export(path):
    """A corporate plan's KPI logframe as its owner exports it: an id per indicator, its area's and
    objective's ids, its outline number and level, then its name, unit, baseline and yearly targets,
    the years coded in the headers (``y1_2026_27``)."""
    wb = Workbook()
    ws = wb.active
    ws.title = "kpis"
    ws.append(["id", "kpa_id", "objective_id", "ref", "level", "kpi_name", "unit", "baseline", "y1_2026_27",
               "y2_2027_28", "direction"])
    ws.append(["kpa1-001", "kpa1", "so1", "1.1", "outcome", "Annual Net Tax Revenue Growth Rate", "percent",
               "9.5%", "10.0%", "11.0%", "grow"])
    ws.append(["kpa1-002", "kpa1", "so1", "1.1", "outcome", "Cost of Revenue Collection Ratio", "percent",
               "2.47%", "3%", "3%", "reduce"])
    ws.append(["kpa1-003", "kpa1", "so1", "1.1.1", "output", "Number of risk assessments conducted", "number",
               "4", "6", "6", "grow"])
    ws.append(["kpa1-004", "kpa1", "so1", "1.1.2", "output", "Average time taken from arrival of goods to exit",
               "days", "8 days", "8 days", "7 days", "reduce"])
    ws.append(["kpa2-001", "kpa2", "so2", "2.1", "outcome", "Percentage of taxpayers satisfied with services",
               "percent", "70%", "75%", "80%", "grow"])
    wb.save(path)
    return path


def test_a_kpi_named_right_of_its_id_and_the_ids_of_its_area_is_labelled_by_its_name(tmp_path):
    """Each figure was labelled 'kpa1-001', its indicator's name only a text beside it, in a table
    read as confident: the row's name is the column of worded names, the ids left of it its keys."""
    table = read_file(_logframe_export(tmp_path / "kpis.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert by_cell["H2"].label == "Annual Net Tax Revenue Growth Rate"
    assert "kpa1-001" in (by_cell["H2"].section or "")
    assert (by_cell["H2"].value, by_cell["H2"].unit) == (9.5, "percent")
    assert by_cell["I6"].label == "Percentage of taxpayers satisfied with services"


def test_a_financial_year_coded_at_the_end_of_a_header_dates_its_column(tmp_path):
    """'y1_2026_27' and 'fy2030_31' name the year 2026/27 and 2030/31: their figures had no period."""
    table = read_file(_logframe_export(tmp_path / "kpis.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert by_cell["I2"].period == "2026/27"
    assert by_cell["J5"].period == "2027/28"
