"""What a hold-out batch of files a council officer imports for a members' briefing pack taught
(tests/corpus: Defra's fly-tipping and local authority collected waste tables, DfE's care leavers staying
put, children missing from care and the looked-after time series, Ofsted's register of social care
providers, Trafford's senior salaries): shapes read wrong the first time, each rebuilt here small."""

from openpyxl import Workbook

from memberpack.importers import read_file


def _csv_cells(path, lines):
    """The observations of the one table of a CSV of ``lines``, by cell."""
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    (table,) = read_file(path).tables
    return {o.cell: o for o in table.observations}


def _xlsx_table(path, rows, title="Data"):
    """The first table read from a one-sheet workbook of ``rows``."""
    wb = Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    wb.save(path)
    return read_file(path).tables[0]


def test_a_registers_local_authority_and_region_columns_stay_with_each_row(tmp_path):
    """Ofsted's providers: each row's URN and type, then the council ("LA"), sector and region ("GOR")
    before the places. "LA" and "GOR" had been read as measures holding words, so a provider's places
    had lost which council's area it is in."""
    rows = [["URN", "Provision Type", "LA", "Sector", "GOR", "Max/Estimated Places"]]
    for i, (kind, la, sector, region) in enumerate([
            ("Children's Home", "Somerset", "Private", "South West"), ("Children's Home", "Somerset", "Local Authority", "South West"),
            ("Boarding School", "Bromley", "Private", "London"), ("Children's Home", "Trafford", "Private", "North West"),
            ("Independent Fostering Agency", "Trafford", "Voluntary", "North West"),
            ("Children's Home", "Camden", "Private", "London"), ("Boarding School", "Somerset", "Academy", "South West")]):
        rows.append([f"SC{40000 + i:06d}", kind, la, sector, region, 2 + i])
    table = _xlsx_table(tmp_path / "providers.xlsx", rows)
    by_cell = {o.cell: o for o in table.observations}
    home = by_cell["F5"]
    assert home.value == 5 and home.measure == "Max/Estimated Places"
    said = " / ".join(str(x) for x in (home.label, home.section))
    assert all(part in said for part in ("SC040003", "Children's Home", "Trafford", "Private", "North West"))
    assert not [o for o in table.observations if o.value is None and o.display in ("Somerset", "London")]


def test_an_open_statistics_number_column_takes_the_unit_its_filter_names(tmp_path):
    """DfE's children missing from care: one "number" column whose filter says what each row is
    ("Children looked after during the year" 489, "Percentage of children who had a missing incident
    during the year" 11, "Average number of missing incidents per looked after child" 7.9). The
    percentages and averages had been read as counts of children."""
    head = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
            "old_la_code,la_name,new_la_code,CLA_group,number")
    groups = (("Children looked after during the year", "489"),
              ("Percentage of children who had a missing incident during the year", "11"),
              ("Average number of missing incidents per looked after child who went missing", "7.9"),
              ("Children missing at 31 March", "c"))
    lines = [f"2024,Reporting year,Local authority,E92000001,England,E12000002,North West,358,Trafford,E08000009,{g},{n}"
             for g, n in groups]
    by_cell = _csv_cells(tmp_path / "missing.csv", [head, *lines])
    assert (by_cell["L2"].value, by_cell["L2"].unit) == (489, "count")
    assert (by_cell["L3"].value, by_cell["L3"].unit) == (11, "percent")
    assert (by_cell["L4"].value, by_cell["L4"].unit) == (7.9, "number")
    assert (by_cell["L5"].value, by_cell["L5"].status) == (None, "c")


def test_an_open_statistics_number_column_beside_its_own_percentages_stays_a_count(tmp_path):
    """Care leavers staying put: "number" and "percentage" columns side by side; a filter value naming a
    share does not make the counts percentages where the file gives the share a column of its own."""
    head = ("time_period,time_identifier,geographic_level,country_code,country_name,age,stay_put,number,percentage")
    lines = ["2024,Reporting year,National,E92000001,England,Aged 18,Percentage of care leavers living with former "
             "foster carers,2270,62"]
    by_cell = _csv_cells(tmp_path / "stayput.csv", [head, *lines])
    assert (by_cell["H2"].value, by_cell["H2"].unit) == (2270, "count")
    assert (by_cell["I2"].value, by_cell["I2"].unit) == (62, "percent")


def test_a_revision_note_over_a_column_dates_none_of_its_figures(tmp_path):
    """Defra's waste indicators, a year's councils after another's (2010-11 to 2022-23), with
    "2022/23 figures revised in this column - March 2024" over one column's header: every figure of
    that column, 2010-11's too, had been dated 2022/23."""
    rows = [["Table 3: Selected Waste Indicators 2010-11 to 2022-23"], [],
            [None, None, None, None, "2022/23 figures revised in this column -  March 2024"],
            ["Year", "ONS code", "Authority", "Residual household waste per household (kg/household)",
             "Collected household waste per person (kg)"]]
    for year in ("2010-11", "2022-23"):
        for code, name in (("E08000003", "Manchester City Council MBC"), ("E08000009", "Trafford MBC"),
                           ("E06000024", "North Somerset Council")):
            rows.append([year, code, name, 400.5 + len(rows), 300.25 + len(rows)])
    table = _xlsx_table(tmp_path / "waste.xlsx", rows, "Table_3")
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["E5"].value, by_cell["E5"].label, by_cell["E5"].period) == (304.25, "Manchester City Council MBC", "2010/11")
    assert (by_cell["E9"].value, by_cell["E9"].period) == (308.25, "2022/23")
    assert by_cell["D5"].period == "2010/11"


def test_a_total_row_named_only_total_is_named_by_the_region_its_row_writes(tmp_path):
    """Defra's fly-tipping by council: England's and each region's totals first, '*Total' as their code
    and name and the region in the Region column. Every one had been labelled '*Total', the region
    left to the section, so the South West's total read as one more '*Total'."""
    rows = [["Fly-tipping incidents reported by local authorities in England"],
            [None, None, None, None, "TOTAL", "Land type"],
            ["Year", "ONS Code", "LA Name", "Region", "Total Incidents", "Highway Incidents"]]
    for year in ("2021-22", "2022-23"):
        rows += [[year, "*Total", "*Total", "*Total England", 1082673, 433138.5],
                 [year, "*Total", "*Total", "North West", 150000, 60000],
                 [year, "*Total", "*Total", "South West", 49954, 29431]]
        rows += [[year, code, name, region, 2029 + len(rows), 897]
                 for code, name, region in (("E08000009", "Trafford", "North West"), ("E08000003", "Manchester", "North West"),
                                            ("E06000024", "North Somerset", "South West"), ("E06000066", "Somerset", "South West"))]
    table = _xlsx_table(tmp_path / "flytipping.xlsx", rows, "LA_incidents")
    by_cell = {o.cell: o for o in table.observations}
    south_west = by_cell["E6"]
    assert (south_west.value, south_west.label, south_west.period) == (49954, "South West Total", "2021/22")
    assert by_cell["E4"].label == "*Total England" and by_cell["E4"].value == 1082673
    assert (by_cell["E7"].label, by_cell["E7"].value) == ("Trafford", 2029 + 6)
    assert by_cell["E6"].row_role == by_cell["E4"].row_role != "data"
