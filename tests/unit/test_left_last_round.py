"""Misreads noticed and left in earlier rounds, each now read by a general rule."""

from awkward_workbooks import observations, write_ods, write_xlsx

from memberpack.importers import read_file


def _monitor(rows_per_group: int) -> list[list]:
    """A budget monitor with each cost centre's code in column A and a blank code on each group's total."""
    rows = [["Budget monitor 2024/25 Month 6"], [], ["Code", "Service", "Budget £000", "Forecast £000"]]
    for g, group in enumerate(("Libraries", "Parks", "Leisure")):
        lines = [[f"C{g + 1}{i:03}", f"{group} line {i}", 10 * g + i + 7, 10 * g + i + 9] for i in range(rows_per_group)]
        rows += [*lines, [None, f"{group} total", sum(r[2] for r in lines), sum(r[3] for r in lines)]]
    totals = [row for row in rows[3:] if row[0] is None]
    return [*rows, [None, "Grand total", sum(r[2] for r in totals), sum(r[3] for r in totals)]]


def _sections_of_totals(path) -> dict[str, set]:
    read = observations(path)
    return {label: {o.section for o in read.values() if o.label == label}
            for label in {o.label for o in read.values() if "total" in o.label}}


def test_a_total_row_takes_no_cost_centre_code_from_the_line_above(tmp_path):
    """The old reading put each group's total in the last line's cost centre (``Libraries total`` under
    ``C1002``): a total adds up more lines than that one. Read cell by cell and in batches alike."""
    for n, rows_per_group in (("few", 2), ("many", 400)):
        sections = _sections_of_totals(write_xlsx(tmp_path / f"{n}.xlsx", {"Monitor": _monitor(rows_per_group)}))
        assert sections == {"Libraries total": {"Libraries"}, "Parks total": {"Parks"}, "Leisure total": {"Leisure"},
                            "Grand total": {None}}
        csv = tmp_path / f"{n}.csv"
        csv.write_text("\n".join(",".join("" if v is None else str(v) for v in row) for row in _monitor(rows_per_group)[2:]))
        assert _sections_of_totals(csv) == sections


def test_a_total_row_keeps_a_group_written_once_over_its_rows(tmp_path):
    """A section written once on its group's first row and taken by the rows below is the total's too."""
    rows = [["Directorate", "Service", "Budget", "Forecast"],
            ["Adults", "Care homes", 100, 110], [None, "Home care", 50, 45], [None, "Sub total", 150, 155],
            ["Children", "Fostering", 80, 82], [None, "Residential", 40, 41], [None, "Sub total", 120, 123]]
    read = observations(write_xlsx(tmp_path / "groups.xlsx", {"Monitor": rows}))
    assert {(o.label, o.section) for o in read.values()} == {
        ("Care homes", "Adults"), ("Home care", "Adults"), ("Sub total", "Adults"),
        ("Fostering", "Children"), ("Residential", "Children"), ("Sub total", "Children")}


def test_a_section_keys_texts_read_a_column_at_a_time_leave_a_total_row_its_own():
    """:func:`section_texts` reads total rows as :func:`row_keys` does row by row, and carries down the same."""
    from memberpack.importers.keys import SECTION, KeyColumn, row_keys, section_texts

    cells = ["C1", "C2", "", "C3", "", "", "", "Adults", "", "", "C4", "", "", "NA", ""]
    labels = ["a", "b", "Total", "c", "d", "Sub total", "Grand total", "e", "f", "Total", "g", "Total", "h", "i", "Total"]
    key = [KeyColumn(0, "Code", SECTION)]
    for above, taken in (("above", False), ("above", True)):
        carried, each = {0: above, ~0: taken}, []
        for cell, label in zip(cells, labels):
            keys = row_keys([cell], key, label, None, carried)
            each.append(keys.sections[0] if keys.sections else "")
        assert section_texts(cells, above, taken, labels) == (each, carried[0], carried[~0])
        assert each[:12] == ["C1", "C2", "", "C3", "C3", "C3", "C3", "Adults", "Adults", "Adults", "C4", ""]


def test_a_lone_start_date_dates_no_figure(tmp_path):
    """The old reading dated each contract's value by the month its contract started (``Apr 2022``): a
    contract's value is not a figure of that month. The start date stays with the row, written the UK way;
    a week's or month's own start ("Week commencing") still dates its figures."""
    from datetime import datetime

    contracts = [["Contract", "Supplier", "Start date", "Value £"],
                 ["Cleaning", "Acme Ltd", datetime(2022, 4, 1), 120000], ["Catering", "Food Co", datetime(2023, 9, 15), 80000],
                 ["Security", "Guard plc", datetime(2021, 1, 10), 45000], ["Grounds", "Green Ltd", datetime(2024, 6, 1), 30000]]
    read = observations(write_xlsx(tmp_path / "contracts.xlsx", {"Register": contracts}))
    assert {o.cell: (o.period, o.section) for o in read.values()} == {
        "D2": (None, "Acme Ltd / 01/04/2022"), "D3": (None, "Food Co / 15/09/2023"),
        "D4": (None, "Guard plc / 10/01/2021"), "D5": (None, "Green Ltd / 01/06/2024")}
    weeks = [["Ward", "Week commencing", "Visits"], *([ward, datetime(2024, m, 1), 10 * m] for m in (4, 5, 6)
                                                     for ward in ("North", "South"))]
    read = observations(write_xlsx(tmp_path / "weeks.xlsx", {"Visits": weeks}))
    assert [o.period for o in read.values()] == ["Apr 2024", "Apr 2024", "May 2024", "May 2024", "Jun 2024", "Jun 2024"]


def test_half_years_and_fy_years_date_their_columns(tmp_path):
    """A column headed ``H1 2024/25`` had been dated the whole year 2024/25 and ``FY24`` not at all."""
    rows = [["Service", "FY24 £000", "FY 24/25 £000", "H1 2024/25 £000"], ["Libraries", 100, 110, 50], ["Parks", 80, 82, 40]]
    read = observations(write_xlsx(tmp_path / "years.xlsx", {"Spend": rows}))
    assert {c: read[("Spend", c)].period for c in ("B2", "C2", "D2")} == {"B2": "2023/24", "C2": "2024/25", "D2": "H1 2024/25"}
    keyed = [["Year", "Service", "Spend £000"], ["FY24", "Libraries", 100], ["FY24", "Parks", 80],
             ["FY25", "Libraries", 110], ["FY25", "Parks", 82]]
    read = observations(write_xlsx(tmp_path / "keyed.xlsx", {"Spend": keyed}))
    assert [(o.period, o.section) for o in read.values()] == [("2023/24", None)] * 2 + [("2024/25", None)] * 2


def test_a_bare_million_is_not_assumed_pounds(tmp_path):
    """``1.2m`` with no unit anywhere had been read as £1.2m in a table read as confident: it is 1,200,000
    of what the file does not say, and the table is unsure; with £ written, or under a £ header, it is money."""
    rows = {"bare": [["Measure", "2023/24", "2024/25"], ["Visitors", "1.2m", "1.4m"], ["Web hits", "2.5m", "3.1bn"]],
            "pounds": [["Measure", "2023/24", "2024/25"], ["Spend", "£1.2m", "£1.4m"], ["Income", "£2.5m", "£3.1bn"]],
            "header": [["Scheme", "Budget £", "Spend £"], ["Roads", "1.2m", "1.4m"], ["Schools", "2.5m", "3.1bn"]]}
    for name, unit in (("bare", None), ("pounds", "GBP"), ("header", "GBP")):
        read = read_file(write_xlsx(tmp_path / f"{name}.xlsx", {"S": rows[name]}))
        (table,) = read.tables
        assert [(o.value, o.unit) for o in table.observations] == [
            (1_200_000, unit), (1_400_000, unit), (2_500_000, unit), (3_100_000_000, unit)]
        assert (table.report.verdict == "unsure") == (unit is None)
    assert "no unit is stated" in read_file(tmp_path / "bare.xlsx").tables[0].report.doubts[0]


def _census_export(tmp_path, name="census.xlsx"):
    """A Scotland's Census table-builder export: the tool's field name, the title on lines of one cell,
    the geography's title, what is counted, then a ``Filters:`` block above the header."""
    rows = [[], [], ["household2022NotVisibleFromCatalogueScreen"],
            ["Scotland's Census 2022 - National Records of Scotland\nTable UV415 - Occupancy rating for bedrooms\n"
             "All occupied households in Scotland, by the data zone they are in, as published in 2024, perturbed"],
            ["Intermediate Zone - Data Zone 2011 by Occupancy Rating"], ["Counting: Households"], [],
            ["Filters:"], ["Default Summation", "Households"], [],
            ["Occupancy Rating", None, "All occupied households", "Rating: +1", "Rating: 0"],
            [None, "Intermediate Zone - Data Zone 2011"],
            *([None, f"S0100{6506 + i}", 300 + i, 100 + i, 200] for i in range(6))]
    return read_file(write_xlsx(tmp_path / name, {"Data Sheet 0": rows}))


def test_a_census_exports_filters_are_no_header_and_leave_its_title(tmp_path):
    """The ``Filters:`` lines had been tried as a header, which failed and dropped the title lines
    collected above them (the table had no title); the boundaries' year (``Data Zone 2011``) dates nothing."""
    (table,) = _census_export(tmp_path).tables
    assert table.layout.title == "Intermediate Zone - Data Zone 2011 by Occupancy Rating Counting: Households"
    assert table.layout.header_rows == (11, 12)
    assert {o.period for o in table.observations} == {"2022"}
    from memberpack.model.periods import parse_period

    assert parse_period("LSOA 2021 population 2023").label() == "2023" and parse_period("Data Zone 2011") is None


def test_an_ods_files_merged_cells_are_read_as_an_xlsx_files(tmp_path):
    """calamine gives no .ods merges: an area merged down over its years named only its first row, and
    the later years' figures were left out as having no row label. Now they are read from content.xml."""
    rows = [["Area", "Year", "Children looked after"],
            ["Somerset", 2022, 10], [None, 2023, 11], ["Devon", 2022, 20], [None, 2023, 21], ["Dorset", 2022, 30], [None, 2023, 31]]
    xlsx = observations(write_xlsx(tmp_path / "cla.xlsx", {"S": rows}, merges={"S": ["A2:A3", "A4:A5", "A6:A7"]}))
    ods = observations(write_ods(tmp_path / "cla.ods", {"S": rows}, merges={"S": [(1, 0, 2, 1), (3, 0, 2, 1), (5, 0, 2, 1)]}))
    assert {k: (o.label, o.period, o.value) for k, o in ods.items()} == {k: (o.label, o.period, o.value) for k, o in xlsx.items()}
    assert (ods[("S", "C5")].label, ods[("S", "C5")].period, ods[("S", "C5")].value) == ("Devon", "2023", 21)


def test_an_ods_files_merges_are_the_same_by_byte_search_and_by_parser():
    """The byte search of content.xml (LibreOffice's writing) and the XML parser find the same merges."""
    import zipfile
    from pathlib import Path

    from memberpack.importers import ods_formats

    path = Path(__file__).parents[1] / "corpus" / "files" / "dluhc_CTR_Table_9_2023-24.ods"
    names = ["Billing_Authorities", "Precepting_Authorities"]
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as fh:
        searched = ods_formats._searched(fh, set(names))
    parsed = ods_formats._parsed(path, names)
    assert {n: f.merged for n, f in searched.items()} == {n: f.merged for n, f in parsed.items()}
    assert all(parsed[n].merged for n in names)


def test_a_title_merged_over_a_row_of_letter_codes_stays_in_its_cell(tmp_path):
    """DfE's DSG tables merge the title over the header and its row of column codes (``[A] [B] [C]``,
    ``[C]`` also being the suppressed mark): that row is no row of figures for the title to name."""
    from memberpack.importers.reader import read_sheets

    rows = [["High needs block allocations", None, "Total (£s)", "Unit of funding (£s)", "Pupils"],
            [None, None, "[A]", "[B]", "[C]"], ["ENGLAND", None, 8652765763, 4804.6, 169741.16],
            [202, "Camden", 44825449, 5656.28, 386]]
    (sheet,) = read_sheets(write_xlsx(tmp_path / "dsg.xlsx", {"S": rows}, merges={"S": ["A1:B2"]}))
    assert [row[0] for _, row in sheet.rows][:3] == ["High needs block allocations", "", "ENGLAND"]


def test_an_ods_sheet_longer_than_its_merges_read_says_so(tmp_path):
    """Merges are read with the number formats, from an .ods sheet's first rows: below them, the report warns."""
    from memberpack.importers.formats import FORMAT_ROWS

    rows = [["Area", "Year", "Children looked after"]]
    for i in range(FORMAT_ROWS // 2 + 5):
        rows += [[f"Area {i}", 2022, i], [None, 2023, i + 1]]
    merges = [(1 + 2 * i, 0, 2, 1) for i in range(FORMAT_ROWS // 2 + 5)]
    read = read_file(write_ods(tmp_path / "long.ods", {"S": rows}, merges={"S": merges}))
    assert any("merged cells are read from its first 400 rows only" in w for w in read.report.warnings)
    assert not any("merged" in w for w in read_file(write_ods(tmp_path / "short.ods", {"S": rows[:9]}, merges={
        "S": merges[:4]})).report.warnings)


def test_a_unit_costs_return_with_a_column_of_units(tmp_path):
    """NHS Information Centre's unit costs, one council a sheet: a four-row header (the last line of one
    cell, ``only``, run on under ``LA supported``), the council's name under the first figure column beside
    a heading, and a column of each row's unit. The header had not been found (measures ``Column E``,
    ``878.39``), and a unit cost of children looked after was read as a count of children; now each
    figure is a unit cost in £ (``Per child per week`` kept with its row), or the percentage its row says."""
    rows = [["PSS EX1 Return for 2006-07", None, None, "Unit costs summary sheet"], [],
            ["Unit cost", "PSS PAF", "Client group and service", "Units of indicator", "Unit cost", None, None, None],
            ["indicator", "indicator", None, None, "All provision", None, "Own provision", "Provision by others"],
            ["number", None, None, None, "All", "LA supported", None, None],
            [None, None, None, None, None, "only", None, None],
            [None, None, "CHILDREN AND YOUNG PEOPLE (AGED UNDER 18)", None, "Barnsley", None, None, None], [],
            [1.1, "B8", "Children looked after in foster care or children's homes", "Per child per week", 878.39, None, None, None],
            ["1.2/2A/2B", None, "Children looked after in children's homes", "Per child per week", 3179.56, None, 2883.3, 3840.8],
            [1.6, None, "Children looked after in secure accommodation (welfare)", "Per child per week", 1234.74, None, None, None],
            [1.7, "E44", "Expenditure on children in need as a share of spending on children", "%", 35.78, None, None, None],
            [], [None, None, "ADULTS (AGED 18-64) AND OLDER PEOPLE (AGED 65+)"], [],
            ["2.1/1A", "B12", "Residential and nursing care and intensive home care", "Per person per week", 424.29, 404.12, None, None],
            ["2.22/23/24", "B17", "Adults and older people receiving home care", "Per hour", 10.73, None, 14.48, 8.6]]
    (table,) = read_file(write_xlsx(tmp_path / "unit_costs.xlsx", {"Barnsley": rows})).tables
    assert table.layout.header_rows == (3, 4, 5, 6) and table.report.verdict == "read with assumptions"
    figures = {o.cell: o for o in table.observations if o.value is not None}
    assert min(int(cell[1:]) for cell in figures) == 9   # the heading with the council's name is no row of figures
    assert (figures["G10"].measure, figures["G10"].value, figures["G10"].unit) == ("Unit cost Own provision", 2883.3, "GBP")
    assert figures["F16"].measure == "Unit cost All provision LA supported only"
    assert figures["E10"].section.startswith("CHILDREN AND YOUNG PEOPLE (AGED UNDER 18) / 1.2/2A/2B")
    assert figures["E10"].section.endswith("Per child per week")
    assert {cell: o.unit for cell, o in figures.items()} == {
        "E9": "GBP", "E10": "GBP", "G10": "GBP", "H10": "GBP", "E11": "GBP", "E12": "percent", "E16": "GBP", "F16": "GBP",
        "E17": "GBP", "G17": "GBP", "H17": "GBP"}
    assert figures["E17"].section.endswith("Per hour")
