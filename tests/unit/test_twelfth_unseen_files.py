"""What a twelfth batch of published files nobody here had seen taught (tests/corpus, the last 5 files: adult
social care, public health and police): a header that is a band of weights ("2000-2499g") names no year; a
measure's code with letters beside its breakdown ("1C2A" beside "Total") is a key of its own, as is a measure
group's code after the value ("1A", no figure 1 Adverse); a row saying in
brackets that its figures are a number ("(units)") is not in the percentage a table's filters state; a tidy
file's "type_definition" column gives each row's unit, but not its numerator's; a change over a span of months
("Sep-18 to Sep-19") is dated by its end; a heading alone in its row over "number" and "%" a blank row below
is their header; and a date's year with a footnote digit run onto it ("30 September 20122") is that year."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.periods import parse_period, span_end


def test_a_band_of_weights_names_no_year(tmp_path):
    """The old reading dated the births under '2000-2499g' to the year 2000 (and those under '<2000g' too),
    where the table is for 2023."""
    rows = [["Live births by local health board and birth weight"], ["Year: 2023"], [None],
            ["Area", "<2000g", "2000-2499g", "2500-2999g", "4000+g", "Total"],
            ["Wales", 684, 1335, 4409, 2890, 27457], ["Powys", 21, 35, 135, 124, 933],
            ["Gwynedd", 23, 37, 161, 110, 1000], ["Conwy", 23, 36, 134, 86, 864]]
    table, = read_file(write_xlsx(tmp_path / "births.xlsx", {"Births": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert [(cells[c].measure, cells[c].period, cells[c].value) for c in ("B5", "C5", "E6")] == [
        ("<2000g", "2023", 684.0), ("2000-2499g", "2023", 1335.0), ("4000+g", "2023", 124.0)]
    assert [parse_period(t) for t in ("2000g", "1500 kg", "2000 to 2499 grams")] == [None] * 3
    assert [str(parse_period(t)) for t in ("2019 g", "Apr 2019", "2019-20")] == ["2019", "Apr 2019", "2019/20"]


def _measures_by_council():
    """A long file of outcome measures by council: each measure's code (1A, 1A1864...) beside its breakdown
    (Total, 18-64...), measure 1A for every council first, so the first rows pair each code with one breakdown."""
    rows = [["Geographical Code", "Geographical Description", "ASCOF Measure Code", "Disaggregation Level",
             "Measure Type", "Measure Value"]]
    breakdowns = {"": "Total", "1864": "18-64", "65OV": "65 and over", "F": "Female", "M": "Male"}
    for m, measure in enumerate(["1A", "1B"]):
        for a, area in enumerate(["Cumbria", "Gateshead", "Bolton", "Luton"]):
            for b, (suffix, breakdown) in enumerate(breakdowns.items()):
                for t, kind in enumerate(["Outcome", "Numerator", "Denominator"]):
                    rows.append([102 + a, area, measure + suffix, breakdown, kind, 10 * m + a + b / 10 + t / 100])
    return rows


def test_a_measures_code_with_letters_beside_its_breakdown_is_a_key(tmp_path):
    """The old reading took the measure code for a number of the breakdown beside it (as 'Ethnic group Code' -8
    numbers 'Does not apply') and dropped it, so measure 1B's rows could not be told from 1A's: the table was
    read as unsure, every figure without its measure."""
    table, = read_file(write_xlsx(tmp_path / "ascof.xlsx", {"in": _measures_by_council()})).tables
    assert table.report.verdict != "unsure", table.report.doubts
    cells = {o.cell: o for o in table.observations}
    first, later = cells["F2"], cells[f"F{2 + 60 + 15 + 4}"]   # 1A Cumbria Total Outcome; 1B Gateshead 18-64 Numerator
    assert ("1A" in first.section, "1B1864" in later.section, later.value) == (True, True, 11.11)


def test_a_row_saying_its_figures_are_units_is_not_the_tables_percentage(tmp_path):
    """The old reading gave the mean units of alcohol a year (498.5) the table's unit, the percentage its
    filters state, so Wales's drinkers drank '498.5%'; a column headed '%' keeps its own unit."""
    areas = ["Wales", "Powys", "Gwynedd", "Conwy"]
    rows = [["Adult lifestyles by local authority"], ["Measure: Percentage of adults (16+)"], [None],
            [None, None, *areas, "Change %"],
            ["Alcohol", "Drinks none", 17.9, 15.9, 20.1, 20.4, 1.5],
            [None, "Drinks over guidelines", 16.5, 16.1, 19.8, 16.7, -0.5],
            [None, "Average annual alcohol consumption (units) - drinkers only", 498.5, 486.2, 554.4, 478.1, 2.1],
            ["Smoking", "Smoker", 12.8, 9.8, 15.7, 6.2, -1.1]]
    table, = read_file(write_xlsx(tmp_path / "lifestyles.xlsx", {"Lifestyles": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert [(cells[c].value, cells[c].unit) for c in ("C5", "C7", "E7", "G7", "C8")] == [
        (17.9, "percent"), (498.5, "number"), (554.4, "number"), (2.1, "percent"), (12.8, "percent")]


def test_a_type_definition_column_gives_each_rows_unit_but_not_its_numerators(tmp_path):
    """The old reading took ScotPHO's 'type_definition' column, 'Percentage' on its first rows, for the same on
    every row, so no figure had a unit (a percentage of problem drinkers was a plain number); now each row's
    figure is in the unit its row names, and the numerator beside it stays a count."""
    rows = [["area_code", "area_name", "year", "type_definition", "indicator", "numerator", "measure"]]
    councils = [("S12000005", "Clackmannanshire"), ("S12000006", "Dumfries & Galloway"), ("S12000008", "East Ayrshire")]
    for i in range(15):
        code, name = councils[i % 3]
        rows.append([code, name, 2010 + i // 3, "Percentage", "Alcohol problem drinking", 100 + i, 20.5 + i])
    for i in range(6):
        code, name = councils[i % 3]
        rows.append([code, name, 2020 + i // 3, "Crude rate per 10,000 population", "Domestic abuse", 700 + i, 140.5 + i])
    table, = read_file(write_xlsx(tmp_path / "scotpho.xlsx", {"scotpho": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert [(cells[c].value, cells[c].unit) for c in ("G2", "F2", "G17", "F17")] == [
        (20.5, "percent"), (100.0, None), (140.5, "per_10000"), (700.0, None)]


def test_a_change_over_a_span_of_months_is_dated_by_its_end(tmp_path):
    """The old reading dated 'Change in 12 months Sep-18 to Sep-19' (and the 6 months from March 2019) to
    September 2018, the first date the title names, as if the change had happened by then."""
    from datetime import datetime
    rows = [["Table 1: Police officers by police force area, 30 September 2018, 31 March 2019 and 30 September 2019"],
            [None], [None, "As at:", None, None, "Change in 12 months Sep-18 to Sep-19", None,
                     "Change in 6 months Mar-19 to Sep-19", None],
            [None, datetime(2018, 9, 30), datetime(2019, 3, 31), datetime(2019, 9, 30), "number", "%", "number", "%"],
            ["Cleveland", 1223.9, 1198.3, 1225.9, 2.0, 0.16, 27.6, 2.31], ["Durham", 1141.1, 1118.0, 1124.7, -16.4, -1.43, 6.8, 0.6],
            ["Northumbria", 3151.6, 3081.4, 3084.1, -67.6, -2.14, 2.6, 0.09]]
    table, = read_file(write_xlsx(tmp_path / "police.xlsx", {"Table_1": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert [cells[c].period for c in ("B5", "D5", "E5", "F5", "H5")] == ["Sep 2018", "Sep 2019", "Sep 2019", "Sep 2019",
                                                                         "Sep 2019"]
    assert [str(span_end(t)) for t in ("Change Jan 2020 to Mar 2020", "Change in 6 months Mar-19 to Sep-19 %")] == [
        "Mar 2020", "Sep 2019"]
    assert span_end("Change since 2019") is None


def test_a_lone_heading_over_number_and_percent_a_blank_row_below_names_them(tmp_path):
    """The old reading took 'Change in 6 months Mar-19 to Sep-19', alone in its row over the 'number' and '%' a
    blank row below, for a title, so the table started at the dates and its last two columns measured just
    'number' and '%' (of what, unsaid)."""
    from datetime import datetime
    rows = [["Table 7: Police officers by police force area, 31 March 2019 and 30 September 2019 (headcount)"],
            [None], ["England and Wales", None, None, None, "Headcount"],
            [None, None, None, "Change in 6 months Mar-19 to Sep-19", None], [None],
            [None, datetime(2019, 3, 31), datetime(2019, 9, 30), "number", "%"],
            ["Cleveland", 1222, 1244, 22, 1.8], ["Durham", 1133, 1135, 2, 0.18], ["Northumbria", 3129, 3129, 0, 0.0]]
    table, = read_file(write_xlsx(tmp_path / "police.xlsx", {"Table_7": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert "Change in 6 months" in cells["D7"].measure and "Change in 6 months" in cells["E7"].measure
    assert (cells["E7"].value, cells["E7"].unit, cells["E7"].period) == (1.8, "percent", "Sep 2019")
    assert (cells["B7"].value, cells["B7"].period) == (1222.0, "Mar 2019")


def test_a_dates_year_with_a_footnote_digit_run_onto_it_is_that_year(tmp_path):
    """The old reading read '30 September 20122' (2012, note 2) as September with no year, and placed it in the
    table's first year: the 2012 figures were dated September 2006, beside the 2006 row's."""
    rows = [["Table 6: Police officers, police staff and designated officers, 30 September 2006 to 2019 (FTE)"], [None],
            [None, "Police officers", "Police Staff", "Designated officers"]]
    rows += [[f"30 September {year}{'2' if year == 2012 else ''}", 140000.0 - year, 70000.0 - year, 1000.0 + year]
             for year in range(2006, 2020)]
    table, = read_file(write_xlsx(tmp_path / "series.xlsx", {"Table_6": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert [(cells[c].period, cells[c].value) for c in ("B4", "C10", "D11")] == [
        ("Sep 2006", 137994.0), ("Sep 2012", 67988.0), ("Sep 2013", 3013.0)]


def test_a_measure_groups_code_after_the_figures_is_a_key_not_a_figure(tmp_path):
    """ASCOF's ``Measure Group`` (``1A``, ``2B``) and its description after the measure's value: codes
    naming the row's group, not figures. ``1A`` had been read as the figure 1 (the ``A`` taken for
    Adverse), a count, beside every measure's value."""
    rows = _measures_by_council()
    rows[0] += ["Measure Group", "Measure Group Description"]
    names = {"1A": "Social care-related quality of life", "1B": "Control over daily life"}
    for row in rows[1:]:
        group = row[2][:2]
        row += [group, names[group]]
    table, = read_file(write_xlsx(tmp_path / "ascof.xlsx", {"in": rows})).tables
    assert {o.measure for o in table.observations} == {"Measure Value"}
    cells = {o.cell: o for o in table.observations}
    assert cells["F2"].value == 0.0 and "1A" in cells["F2"].section
    later = cells[f"F{2 + 60 + 15 + 4}"]
    assert (later.value, "Control over daily life" in later.section) == (11.11, True)
