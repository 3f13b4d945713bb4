"""Import faults left from earlier rounds, each now read by a general rule."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file
from memberpack.model.areas import standard_region
from memberpack.model.periods import CALENDAR_MONTHS, parse_period
from memberpack.model.values import CellValue, parse_text


def _cells(path, **kwargs) -> dict[str, object]:
    (table,) = read_file(path, **kwargs).tables
    return {o.cell: o for o in table.observations}


def test_a_title_saying_outturn_wins_over_the_month_in_the_file_name(tmp_path):
    """``Outturn 2019/20`` in a file named ``..._m9``: the year's outturn, not Month 9 (the file was
    named for the month it was sent in); a forecast outturn in a Month 9 file stays Month 9."""
    rows = [["Children's services revenue outturn 2019/20"], [],
            ["Service", "Budget £000s", "Outturn £000s", "Variance £000s"],
            ["Placements", 8834, 10222, 1388], ["Total", 8834, 10222, 1388]]
    obs = _cells(write_xlsx(tmp_path / "childrens_services_m9.xlsx", {"Outturn": rows}))
    assert (obs["C4"].value, obs["C4"].period) == (10_222_000, "2019/20")
    rows[0] = ["Children's services forecast outturn 2019/20"]
    obs = _cells(write_xlsx(tmp_path / "childrens_services_m9.xlsx", {"Outturn": rows}))
    assert obs["C4"].period == "2019/20 Month 9"


def test_a_span_of_months_is_a_period_of_its_own_not_its_first_month(tmp_path):
    """The DSG's place deductions ``April 2020 to August 2020`` had been dated April 2020 alone, and
    ``August 2020 to March 2021`` August 2020."""
    spring = parse_period("Pre-16 SEN places April 2020 to August 2020")
    assert (spring.kind, spring.label(), parse_period(spring.label())) == (CALENDAR_MONTHS, "Apr 2020 to Aug 2020", spring)
    autumn = parse_period("Aug-20 to Mar-21")
    assert autumn.label() == "Aug 2020 to Mar 2021"
    assert sorted([autumn, spring, parse_period("Jul 2020")]) == [parse_period("Jul 2020"), spring, autumn]   # by its end
    assert parse_period("Apr 23 - Mar 24").label() == "2023/24" and parse_period("April to June 2024").label() == "Q1 2024/25"
    rows = [["High needs place deductions 2020 to 2021"], [],
            ["LA", "Pre-16 SEN places April 2020 to August 2020", "Post-16 SEN places August 2020 to March 2021"],
            ["Kent", 120, 60], ["Leeds", 80, 40]]
    obs = _cells(write_xlsx(tmp_path / "deductions.xlsx", {"High_needs_deductions": rows}))
    assert (obs["B4"].period, obs["C4"].period, obs["C5"].value) == ("Apr 2020 to Aug 2020", "Aug 2020 to Mar 2021", 40)


def test_working_rows_above_a_returns_header_are_passed_and_the_measures_named(tmp_path):
    """MHCLG's revenue outturn summary as published: the title, the unit with a note at the far right
    of its row, then the form's working rows (``Hide or delete`` and its column numbers, a row of 1s, a
    group row, the line numbers) over the real header. Its figures had been named ``Column F``, the
    column numbers read as a row of data and the table called unsure."""
    lines = ["Education services", "Highways and transport services", "Children Social Care", "Adult Social Care",
             "Public Health", "Housing services (GFRA only)", "Cultural and related services",
             "Environmental and regulatory services", "Planning and development services"]
    width = 5 + len(lines)
    note = [None] * width
    note[0], note[-1] = "Net current expenditure (£ thousand)", "Previously published as 'Experimental Statistics'"
    rows = [["Revenue Outturn (RO) 2017-18: Revenue Outturn Summary (RS) data"], note,
            ["Hide or delete", None, None, None, None, 1, *range(5, 5 + len(lines) - 1)],
            [None] * 5 + [1] * len(lines),
            [None] * 5 + ["Service Expenditure"],
            [None] * 5 + [190, 290, 330, 360, 390, 490, 509, 590, 599],
            ["E-code", "ONS Code", "Local authority", None, "Class", *lines],
            ["E0521", "E10000003", "Cambridgeshire", None, "SC", 278639, 30400, 91090, 149774, 27389, 0, 6542, 35308, 1320],
            ["E4206", "E08000006", "Salford", None, "MD", 219385.12, 2279, 43658.05, 49964, 21307, 6789, 8014, 7804, 4635],
            ["E0101", "E06000022", "Bath & North East Somerset UA", None, "UA", 89042.144, 2045.28, 24220.86, 64068,
             8964, 2018.47, -2547.9, 19077.08, 4938.51]]
    path = write_xlsx(tmp_path / "RS_2017-18_data_by_LA.xlsx", {"RS LA Data 2017-18": rows})
    (table,) = read_file(path).tables
    obs = {o.cell: o for o in table.observations}
    assert table.report.header_rows[-1] == 7 and table.report.verdict != "unsure", table.report.doubts
    assert (obs["F8"].label, obs["F8"].value, obs["F8"].unit, obs["F8"].period) == (
        "Cambridgeshire", 278_639_000, "GBP", "2017/18")
    assert obs["F8"].measure.endswith("Education services") and obs["H10"].measure.endswith("Children Social Care")
    assert not any(cell[1:] in ("3", "4", "5", "6") for cell in obs)   # the working rows are no data
    assert table.report.notes == ["Previously published as 'Experimental Statistics'"]
    assert parse_text("...") == CellValue(None, None, "...", ":")   # MHCLG's not available, as GSS's ".."


def test_an_areas_name_written_in_several_key_columns_is_one_part_of_its_section(tmp_path):
    """NHS Digital's ASCOF measures: England's rows write 'England' as their code, their name and their
    level, and each had been a part of the section ('England / England / England / 1C2A / Numerator'); a
    part is kept once."""
    header = ["Geographical Code", "Geographical Description", "Geographical Level", "ONS Code", "ASCOF Measure Code",
              "Disaggregation Level", "Measure Type", "Measure Value", "Measure Group", "Measure Group Description"]
    group = "Proportion of people using social care who receive direct payments"
    councils = [(102, "Cumbria", "E10000006"), (107, "Newcastle upon Tyne", "E08000021"), (805, "Surrey", "E10000030"),
                (902, "Cornwall", "E06000052"), (912, "Devon", "E10000008"), (727, "Hillingdon", "E09000017")]
    rows = [header]
    places = [(code, name, "Council", ons) for code, name, ons in councils] + [("England", "England", "England", "E92000001")]
    parts = (("1C2A", "Total"), ("1C2A1864", "18-64"), ("1C2A65OV", "65 and over"), ("1C2AM", "Male"), ("1C2AF", "Female"))
    for code, name, level, ons in places:
        rows += [[code, name, level, ons, measure, part, kind, value, "1C2A", group] for measure, part in parts
                 for kind, value in (("Numerator", 1200 + len(name)), ("Denominator", 4000 + len(name)), ("Outcome", 25.5))]
    obs = _cells(write_xlsx(tmp_path / "ascof.xlsx", {"in": rows}))
    england = obs["H92"]
    assert (england.label, england.value, england.area) == ("Total", 1207, "national||E92000001|")
    assert (england.section, obs["H2"].section) == ("England / 1C2A / Numerator", "Cumbria / Council / 1C2A / Numerator")


def test_regions_written_other_than_the_standard_nine_are_given_their_region(tmp_path):
    """A tidy file's regions written 'Yorks & the Humber', 'Eastern', 'Inner London' had no area at all, and
    its authorities no region; in DfE's open statistics Camden's region was 'Inner London', not London."""
    assert [standard_region(n) for n in ("Yorks & the Humber", "YORKSHIRE AND THE HUMBER", "Eastern", "East of England",
                                         "Inner London", "OUTER LONDON", "South West", "Camden", "East")] == [
        "Yorkshire and The Humber", "Yorkshire and The Humber", "East of England", "East of England", "London", "London",
        "South West", None, None]
    tidy = tmp_path / "cla.csv"
    tidy.write_text("time_period,geographic_level,country_name,region_name,la_name,new_la_code,cla_number\n"
                    "2023,National,England,,,,83840\n2023,Regional,England,Yorks & the Humber,,,8000\n"
                    "2023,Regional,England,Eastern,,,6000\n2023,Regional,England,Inner London,,,4000\n"
                    "2023,Regional,England,South West,,,5500\n2023,Local authority,England,Inner London,Camden,E09000007,400\n"
                    "2023,Local authority,England,Yorks & the Humber,Leeds,E08000035,1400\n", encoding="utf-8")
    obs = _cells(tidy)
    assert [obs[f"G{r}"].area for r in range(3, 9)] == [
        "regional|||Yorkshire and The Humber", "regional|||East of England", "regional|||London", "regional|||South West",
        "la||E09000007|London", "la||E08000035|Yorkshire and The Humber"]
    ees = tmp_path / "cpp.csv"
    ees.write_text("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
                   "old_la_code,new_la_code,la_name,cpp_at31\n"
                   "2025,Reporting year,Regional,E92000001,England,E13000001,Inner London,,,,2250\n"
                   "2025,Reporting year,Local authority,E92000001,England,E13000001,Inner London,202,E09000007,Camden,151\n",
                   encoding="utf-8")
    obs = _cells(ees)
    assert (obs["K2"].area, obs["K3"].area) == ("regional||E13000001|London", "la|202|E09000007|London")


def test_open_statistics_with_no_meta_file_name_their_measures_in_words(tmp_path):
    """With no ``.meta.csv`` beside it, a DfE file's figures had been named by their column names
    (``population_estimate``, ``pt_sess_auth_absence``); the name stays the column's code, and in
    brackets where words were spelt out."""
    path = tmp_path / "absence.csv"
    path.write_text("time_period,time_identifier,geographic_level,country_code,country_name,population_estimate,"
                    "pt_sess_auth_absence,t_perm_excl\n202324,Academic year,National,E92000001,England,11500,4.3,9376\n",
                    encoding="utf-8")
    (table,) = read_file(path).tables
    obs = {o.cell: o for o in table.observations}
    assert [(obs[c].measure, obs[c].unit, obs[c].value) for c in ("F2", "G2", "H2")] == [
        ("Population estimate", None, 11500), ("Percentage of sessions authorised absence (pt_sess_auth_absence)", "percent", 4.3),
        ("Total permanent exclusions (t_perm_excl)", "count", 9376)]   # a t_ total counts
    assert table.report.column_codes == {"F": "population_estimate", "G": "pt_sess_auth_absence", "H": "t_perm_excl"}


def test_an_amount_stated_above_a_table_that_its_figures_give_in_pounds_makes_its_thousands_unsure(tmp_path):
    """The seed's T001-7: under 'Disabled Children's Support Packages - £623k Adverse' a table headed
    £000s whose figures are in pounds (its Total variance 623,248: £623k) had been read as £623m, without
    doubt, and the briefing said 'Net overspend of £623,248k'. With no amount stated above, nothing in the
    table tells £ from £k (whole numbers, a plausible total: the rows sum to 649,968 against 649,969
    either way), and the header's unit stands; nor is there a doubt where the amount agrees (£623m)."""
    header = ["Service Area", "Budget £000s", "Forecast £000s", "Variance £000s", "Covid- related £000s",
              "19/20 Outturn £000s", "Change in Spend £000s"]
    body = [["Direct Payments", 331368, 725692, 394324, 142408, 406014, 319677],
            ["Complex Packages", 279912, 571825, 291913, 200369, 232259, 339566],
            ["Respite", 225796, 161171, -64624, None, 164670, -3499],
            ["Playschemes & Day Care", 15533, 17168, 1635, None, 22944, -5776],
            ["Total", 852609, 1475856, 623248, 342777, 825887, 649969]]

    def table(title):
        rows = ([[title], []] if title else []) + [header, *body]
        (found,) = read_file(write_xlsx(tmp_path / "dcsp.xlsx", {"DCSP": rows})).tables
        return found

    stated = table("Disabled Children's Support Packages - £623k Adverse")
    variance = next(o for o in stated.observations if o.cell == "D8")
    assert (variance.value, variance.unit) == (623_248_000, "GBP")   # read as written, the doubt told
    assert stated.report.verdict == "unsure" and stated.report.doubts == [
        "the lines above the table state £623k, which is D8's 623,248 in pounds; read in £k as its header says, it is "
        "£623,248,000: the figures may be in £, not £k (give the unit with --unit)"]
    assert table(None).report.verdict == "read"
    assert table("Disabled Children's Support Packages - £623m Adverse").report.verdict == "read"


def test_a_column_name_in_words_drops_a_scale_its_figures_were_multiplied_by():
    """'total_revenue_balance_million' read 'Total revenue balance million' beside £2,086,820,000 (the
    figures are multiplied out), and 'new_ehc_pc' read 'New EHC pc'; the file's own name stays in brackets."""
    from memberpack.importers.open_statistics import readable_name

    assert readable_name("total_revenue_balance_million") == "Total revenue balance (total_revenue_balance_million)"
    assert readable_name("new_ehc_pc") == "New EHC (%) (new_ehc_pc)"
    assert readable_name("population_estimate") == "Population estimate"
