"""What a seventh batch of published files nobody here had seen taught (tests/corpus, the last 4 files): a
column headed ``Measure`` beside the figures of a long file tells a council's rows of one year apart, even
when the first rows all share one measure; and a column headed as an identifier given for only some rows
(``Postcode or identifying number (if given)``) tells apart rows of one name (ten cameras on ``Fishponds
Rd``), though most of its cells are blank; figures written with the £ sign are money, and so are the
bare ones among them (``130``); and figures counted from one date to another (``Date figures start from``,
``Date of reply/figures correct to``) are as at the last, not of the month they started; a coded header ending in its year after an
underscore (``SIMDEMP_2012``) dates its column; and when a column the first rows all share changes further
down, only it joins the later rows' section, not the columns that still have not changed."""

import csv

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


def _by_cell(table) -> dict:
    return {o.cell: o for o in table.observations}


def _write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_a_measure_column_names_the_figures_of_a_long_file_sorted_by_measure(tmp_path):
    """Oflog's adult social care measures: every council once per measure and year, sorted by measure, so
    the first rows all share one. The old reading took 'Grouping' for the first column of figures, kept
    neither the measure nor anything else that told a council's rows apart, and left the table unsure."""
    measures = ["Outcome, Carer quality of life", "Outcome, Workforce turnover rate"]
    rows = [["Financial year", "Local authority code", "Local authority name", "Grouping", "Region", "Measure", "Value"]]
    rows += [["2021-22", f"E0600{i:04d}", f"Council {i}", "LA_Raw", "North East", measure, 7 + m + i / 100]
             for m, measure in enumerate(measures) for i in range(40)]
    table, = read_file(_write_csv(tmp_path / "asc.csv", rows)).tables
    assert "unsure" not in table.report.verdict
    cells = _by_cell(table)
    first, later = cells["G2"], cells["G42"]
    assert (first.label, first.measure, first.period, first.value) == (
        "Council 0", "Outcome, Carer quality of life: Value", "2021/22", 7)
    assert (later.label, later.measure, later.value) == ("Council 0", "Outcome, Workforce turnover rate: Value", 8)


def test_an_identifier_given_for_some_rows_tells_rows_of_one_name_apart(tmp_path):
    """Councils' FOI replies on bus lane cameras: one road on several rows, each camera with its number or
    postcode where the council gave one. The old reading took the sparse column for notes and left the
    rows of one road alike."""
    rows = [["Location", "Council", "Postcode or identifying number (if given)", "Total PCNs", "Gross income"]]
    given = ["WC1B 4AP", "", "184", "", "UAE01EDEN", "185", "", "", "SO14 5AR", "", "", "TW4 4BA"]
    for i, camera in enumerate(given):
        road = "Fishponds Rd" if camera in ("184", "185") else f"Road {i}"
        rows.append([road, f"Council {i % 4}", camera, 1000 + i, f"\u00a3{2000 + i}.00"])
    table, = read_file(_write_csv(tmp_path / "cameras.csv", rows)).tables
    cells = _by_cell(table)
    first, second = cells["D4"], cells["D7"]
    assert (first.label, first.value, second.label, second.value) == ("Fishponds Rd", 1002, "Fishponds Rd", 1005)
    assert "184" in f"{first.section} {first.area}" and "185" in f"{second.section} {second.area}"
    assert "repeat another row" not in " ".join(table.report.doubts)


def _cameras(tmp_path, charged):
    rows = [["Location", "Council", "Date figures start from", "Date of reply/figures correct to", "Total PCNs",
             "Gross income since switched on", "Amount charged"]]
    rows += [[f"Road {i}", f"Council {i}", f"0{i + 1}/04/2015", "31/10/2016", 1000 + i, f"£{2000 + i:,}.00", charge]
             for i, charge in enumerate(charged)]
    table, = read_file(_write_csv(tmp_path / "cameras.csv", rows)).tables
    return table


def test_figures_written_with_the_pound_sign_are_money_and_so_are_bare_ones_among_them(tmp_path):
    """'£1,495,975.00' states its unit: the old reading doubted the column 'looks like money but no unit is
    stated anywhere' (the table unsure), and read the charge one council wrote bare ('130') as no unit."""
    table = _cameras(tmp_path, ["£60.00", "£60.00", "130", "£60.00", "£60.00"])
    assert "unsure" not in table.report.verdict, table.report.doubts
    cells = _by_cell(table)
    assert (cells["F2"].value, cells["F2"].unit) == (2000, "GBP")
    assert (cells["G4"].label, cells["G4"].value, cells["G4"].unit) == ("Road 2", 130, "GBP")


def test_figures_counted_from_one_date_to_another_are_as_at_the_last(tmp_path):
    """The totals since a camera was switched on, to the council's reply: the old reading dated every
    figure by the month the camera started (Apr 2015), as if it were that month's."""
    table = _cameras(tmp_path, ["£60.00"] * 5)
    first = _by_cell(table)["E2"]
    assert (first.label, first.value, first.period) == ("Road 0", 1000, "Oct 2016")
    assert "01/04/2015" in str(first.section)


def test_a_coded_header_ending_in_a_year_dates_its_column(tmp_path):
    """The Improvement Service's family groups: 'SIMDEMP_2012' is the share employment-deprived in SIMD 2012;
    the old reading gave its figures no period (the underscore hid the year)."""
    rows = [["Local Authority", "deprivationFG_2012", "AUDIT_2013", "SIMDEMP_2012", "SIMD_OVERALL"],
            ["Aberdeen City", 1, "Urban", 8.8, 8.2], ["Aberdeenshire", 1, "Rural", 6.5, 1.7],
            ["Angus", 2, "Mixed", 10.6, 2.1], ["Glasgow City", 4, "Urban", 19.1, 41.6]]
    table, = read_file(write_xlsx(tmp_path / "simd.xlsx", {"Sheet1": rows})).tables
    cells = _by_cell(table)
    assert (cells["D5"].label, cells["D5"].measure, cells["D5"].period, cells["D5"].value) == (
        "Glasgow City", "SIMDEMP_2012", "2012", 19.1)
    assert cells["B2"].period == "2012" and cells["E2"].period is None


def test_a_constant_column_that_changes_adds_only_itself_to_the_rows_section(tmp_path):
    """A long file whose first rows share every context column: when one of them changes (the measure, the
    school type), the rows after it were put in sections naming every constant column too ('National /
    E92000001 / England / State-funded primary'), unlike the rows before: one table, two shapes of section."""
    days = ["Total", *map(str, range(1, 46)), "46 or more"]
    rows = [["Year", "level", "country_code", "country_name", "school_type", "duration_days_fixed_exclusions",
             "fixed_excl"]]
    rows += [["201516", "National", "E92000001", "England", school, day, 5000 - 10 * i]
             for school in ("Total", "State-funded primary") for i, day in enumerate(days)]
    table, = read_file(_write_csv(tmp_path / "durations.csv", rows)).tables
    cells = _by_cell(table)
    assert (cells["G3"].label, cells["G3"].section) == ("1", "Total")   # the first school type, a key from row 2 on
    assert (cells["G50"].label, cells["G50"].section, cells["G50"].value) == ("1", "State-funded primary", 4990)
