"""What a hold-out batch of published service-performance files taught (tests/corpus: a Nomis mortality
extract, Trafford Data Lab's child protection rates, an NHS performance scorecard by trust): shapes read
wrong the first time, each rebuilt here small."""

import csv

from openpyxl import Workbook
from test_plain_rows import _read_both_ways, cell_by_cell  # noqa: F401  (a fixture)

from memberpack.analysis.benchmark_text import area_prefix
from memberpack.analysis.charts import charts_for
from memberpack.analysis.comparisons import pack_comparisons
from memberpack.importers import import_files, read_file
from memberpack.model.areas import known_authority
from memberpack.model.observation import Dataset
from memberpack.model.periods import parse_period
from memberpack.model.units import find_unit
from memberpack.store import comparators
from memberpack.store.pack import Pack

_AREAS = ["Darlington", "County Durham", "Hartlepool", "Middlesbrough", "Northumberland", "Gateshead"]


def _nomis_extract(path):
    """Nomis's shape: a title and a copyright line dated the day of the extract, the query's dimensions
    one a line ('cause of death | ...', 'measure | ...'), a blank row, then areas by years with '-' marks."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(["Mortality statistics - underlying cause, sex and age"])
    ws.append(["ONS Crown Copyright Reserved [from Nomis on 17 January 2024]"])
    ws.append([])
    ws.append(["cause of death", "LC01b Accidental falls"])
    ws.append(["gender", "Total"])
    ws.append(["age", "total (all ages)"])
    ws.append(["measure", "Age-standardised mortality rate"])
    ws.append([])
    ws.append(["local authority: county / unitary (as of April 2021)", 2019, 2020, 2021, 2022])
    for i, area in enumerate(_AREAS):
        ws.append([area, 8.15 + i, "-" if i == 2 else 9.5 + i, 10.25 + i, 16.84 + i])
    ws.append([])
    ws.append(["Figures under 3 deaths are not shown"])
    wb.save(path)
    return path


def test_the_lines_above_a_data_services_extract_name_its_figures_and_are_no_table(tmp_path):
    """The four 'name | value' lines above the table had been read as a table of their own (three words
    for figures, dated January 2024 by the copyright line), every rate was named by its year alone, and
    the table of 2019 to 2022 was dated April 2021 by its boundaries ('(as of April 2021)')."""
    tables = read_file(_nomis_extract(tmp_path / "nomis.xlsx")).tables
    assert len(tables) == 1
    table = tables[0]
    by_cell = {o.cell: o for o in table.observations}
    first = by_cell["B10"]
    assert (first.label, first.value, first.period) == ("Darlington", 8.15, "2019")
    assert first.measure == "LC01b Accidental falls / Age-standardised mortality rate: 2019"
    assert (by_cell["C12"].value, by_cell["C12"].display) == (None, "-")
    assert table.report.context["measure"] == "Age-standardised mortality rate"
    assert table.report.context["gender"] == "Total"
    assert table.report.period is None   # the day of the extract is no period of the figures


def test_name_and_value_lines_naming_no_measure_stay_a_table(tmp_path):
    """Two columns of words with no line saying what figures are is a table as it was (its own words)."""
    path = tmp_path / "contacts.csv"
    path.write_text("Service,Lead officer\nAdults,Jo Smith\nChildren,Sam Patel\n\nArea,2023,2024\n"
                    + "".join(f"{a},{10 + i},{12 + i}\n" for i, a in enumerate(_AREAS)))
    tables = read_file(path).tables
    assert [o.display for o in tables[0].observations if o.measure == "Lead officer"] == ["Jo Smith", "Sam Patel"]
    assert tables[-1].observations[0].measure == "2023"


def _tidy_rates(path):
    """Trafford Data Lab's shape: area, period and value, then the indicator, its unit and a comparison
    with England written on every row after the figures."""
    rows = [["area_code", "area_name", "period", "value", "indicator", "measure", "unit", "significance"]]
    for p, period in enumerate(["2012/13", "2013/14", "2014/15"]):
        for i, area in enumerate(_AREAS):
            rows.append([f"E0600000{i}", area, period, 40.5 + i + p, "Children on child protection plans: Rate per "
                         "10,000 children <18", "per 10,000", "Persons", ["Similar", "Worse", "Better"][(i + p) % 3]])
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_the_indicator_and_its_unit_written_after_the_figures_name_them(tmp_path):
    """Written after the value column, the constant indicator and 'per 10,000' had been read as text
    figures on every row, the rate named 'value' and counted in no unit."""
    table = read_file(_tidy_rates(tmp_path / "cp.csv")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    rate = by_cell["D8"]
    assert (rate.label, rate.period, rate.value, rate.unit) == ("Darlington", "2013/14", 41.5, "per_10000")
    assert rate.measure.startswith("Children on child protection plans: Rate per 10,000 children <18")
    assert "E8" not in by_cell and "F8" not in by_cell   # the constant columns: context, not figures
    assert by_cell["H8"].display == "Worse"   # the comparison, which changes, is still read beside the rate
    assert table.report.context["indicator"].startswith("Children on child protection plans")


def _trust_scorecard(path):
    """An NHS performance scorecard's shape: counts of patients waiting past a threshold, and each
    trust's band against the others with its key in the header."""
    wb = Workbook()
    ws = wb.active
    ws.title = "England"
    ws.append(["Trust", "Trust code", "Waiting 52+ weeks", "Waiting > 18 weeks", "Average weeks waited",
               "A&E performance (5 = worst performing 20%)"])
    for i, name in enumerate(["NORTH MIDLANDS", "NORFOLK AND NORWICH", "PENNINE ACUTE", "STOCKPORT", "DERBY"]):
        ws.append([f"{name} NHS TRUST", f"R{i}X", 4563 + i, 20100 + i, 12.5 + i, 1 + i])
    wb.save(path)
    return path


def test_a_count_waiting_past_a_threshold_and_a_band_keyed_by_a_percentage_are_plain_numbers(tmp_path):
    """'Waiting 52+ weeks' (patients) had been read in weeks, and the 1-5 band whose key says 'worst
    performing 20%' as a percentage."""
    table = read_file(_trust_scorecard(tmp_path / "nhs.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert by_cell["C2"].value == 4563 and by_cell["C2"].unit not in ("weeks", "days")
    assert by_cell["D2"].unit not in ("weeks", "days")
    assert by_cell["E2"].unit == "weeks"   # a duration still is one
    assert by_cell["F2"].value == 1 and by_cell["F2"].unit != "percent"
    assert find_unit("Waiting 18+ weeks") is None and find_unit("% waiting 18+ weeks").symbol == "%"
    assert find_unit("Score (1 = best, 5 = worst)") is None and find_unit("Rate (%)").symbol == "%"


def _homelessness_acceptances(path):
    """P1E's shape: councils by priority need, one of the needs an age band ('Aged 16/17 years old'),
    England's grossed row under them."""
    rows = [["ONS Code", "Laname", "Households with dependent children", "Aged 16/17 years old", "Total households"]]
    for i, name in enumerate(["Adur", "Allerdale", "Barnet", "Birmingham", "Bolton", "Bristol", "Croydon"]):
        rows.append([f"E0700002{i}", name, 10 * i, i % 3, 12 * i + 1])
    rows += [[], ["", "Grossed data for households"], ["", "England", 9350, 160, 13900]]
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_an_age_band_is_no_year_and_england_is_not_ranked_among_the_councils(tmp_path):
    """'Aged 16/17 years old' had dated its figures 2016/17 (of a return for July to September 2014),
    and England's grossed total was the 'highest' council of the bar chart's sentence."""
    table = read_file(_homelessness_acceptances(tmp_path / "p1e.csv")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["D3"].measure, by_cell["D3"].period) == ("Aged 16/17 years old", None)
    assert parse_period("Aged 16/17") is None and parse_period("10 to 17 year olds") is None
    assert parse_period("2016/17").label() == "2016/17" and parse_period("aged 65+ 2014/15").label() == "2014/15"
    ds = Dataset("p1e", "p1e.csv", "0" * 64, "p1e", "A1:E11", table.layout.kind, key="k")
    spec, = charts_for(ds, list(table.observations))
    assert spec.summary.startswith("Total households: highest for Croydon, at 73; lowest for Adur, at 1.")
    assert "England" not in spec.categories and "(comparators, not ranked with the rest): England." in spec.left_out


def _rates_by_year(path):
    """Councils' rates per 10,000 for three years, one row a council a year, England's among them: the
    highest of all the rows (Blackpool's 2012/13) is not the highest of the latest year (Coventry's)."""
    rates = {"Blackpool": [150.0, 120.0, 80.0], "Coventry": [60.0, 70.0, 95.5], "Milton Keynes": [20.0, 15.0, 8.7],
             "Trafford": [40.6, 53.5, 46.9], "Wigan": [26.5, 30.0, 33.0], "England": [37.9, 42.0, 200.0]}
    rows = [["area_code", "area_name", "period", "value", "indicator", "measure"]]
    for p, period in enumerate(["2012/13", "2013/14", "2014/15"]):
        rows += [[f"E0800000{i}" if area != "England" else "E92000001", area, period, values[p],
                  "Children on child protection plans", "per 10,000"] for i, (area, values) in enumerate(rates.items())]
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_a_ranking_of_councils_over_several_years_is_of_the_latest_year(tmp_path):
    """Every council's three years had been ranked together: 'highest for Blackpool, at 150.0' was its
    2012/13 rate, beside others' 2014/15, with no year said; England's row ranked as a council."""
    table = read_file(_rates_by_year(tmp_path / "cp.csv")).tables[0]
    ds = Dataset("cp", "cp.csv", "0" * 64, "cp", "A1:F19", table.layout.kind, key="k")
    spec, = charts_for(ds, list(table.observations))
    assert spec.title.startswith("Children on child protection plans per 10,000: value in 2014/15: highest for "
                                 "Coventry, at 95.5 per 10,000")
    assert "lowest for Milton Keynes, at 8.7 per 10,000." in spec.summary
    assert sorted(spec.categories) == ["Blackpool", "Coventry", "Milton Keynes", "Trafford", "Wigan"]


def _falls_by_area(path):
    """A table of councils by year with no England or region row, where a council's name starts with a
    region's ('North East Lincolnshire') and another is one the app knows (Worcestershire)."""
    rows = [["local authority", "2021", "2022"]]
    for i, area in enumerate(["Kingston upon Hull, City of", "North East Lincolnshire", "Somerset", "Worcestershire",
                              "North West Leicestershire", "Wigan"]):
        rows.append([area, 5.0 + i, 9.5 + i])
    with open(path, "w", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_a_council_named_after_its_region_is_no_regional_benchmark(tmp_path):
    """'North East Lincolnshire' had been taken for the North East's figure under Hull's row, so the
    briefing compared 'Worcestershire' (the first council the app knew among the rows, taken for whose
    table it was) with 'North East', showing Hull's rate as ours."""
    with Pack.create(tmp_path / "p.mpack") as pack:
        import_files(pack, [_falls_by_area(tmp_path / "falls.csv")])
        comparators.set_authority(pack, known_authority("933"))
        assert pack_comparisons(pack) == []
    assert area_prefix("North East Lincolnshire")[0] == "other"
    assert area_prefix("South West rate per 10,000")[:2] == ("region", "rate per 10,000")
    assert area_prefix("South East Region")[0] == "region"


def test_a_councils_ranking_is_of_its_latest_outcome_not_a_projection(tmp_path):
    """The Improvement Service's outcomes profile (2018) ends each indicator with years projected from
    the trend ('Child Poverty_Projected_2020/21'): the briefing had ranked the councils by 2020/21's
    projection, not by 2016/17, the latest year measured, and Scotland's row as one of them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Chi Pov - CPP"
    ws.append([None, "Child Poverty_Imputed_2015/16", "Child Poverty_Raw data_2016/17",
               "Child Poverty_Projected_2017/18", "Child Poverty_Projected_2020/21"])
    for i, area in enumerate(["Aberdeen City", "Angus", "Fife", "Glasgow City", "Inverclyde", "Scotland"]):
        ws.append([area, 12.0 + i, 11.5 + i, 11.0 + i, 20.0 - i])
    wb.save(tmp_path / "cpop.xlsx")
    table = read_file(tmp_path / "cpop.xlsx").tables[0]
    ds = Dataset("cpop", "cpop.xlsx", "0" * 64, "Chi Pov - CPP", "A1:E7", table.layout.kind, key="k")
    spec, = charts_for(ds, list(table.observations))
    assert spec.summary.startswith("Child Poverty_Raw data_2016/17: highest for Inverclyde, at 15.5; lowest for "
                                   "Aberdeen City, at 11.5.")
    assert "Scotland" not in spec.categories


def test_a_trend_ends_with_the_latest_year_measured_not_a_projection(tmp_path):
    """The profile's depopulation index ran on into projected years: 'down 1.1 from 87.5 in 2019/20 to 86.4
    in 2020/21' told a change two years after the file was made."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Depopulation"
    ws.append([None, "Depopulation 2015/16", "Depopulation 2016/17", "Depopulation Projected 2017/18",
               "Depopulation Projected 2018/19"])
    for i, area in enumerate(["Midlothian", "Fife", "Angus"]):
        ws.append([area, 96.4 + i, 95.6 + i, 94.0 + i, 90.0 + i])
    wb.save(tmp_path / "depopulation.xlsx")
    table = read_file(tmp_path / "depopulation.xlsx").tables[0]
    ds = Dataset("dep", "depopulation.xlsx", "0" * 64, "Depopulation", "A1:E4", table.layout.kind, key="k")
    spec, = charts_for(ds, list(table.observations))
    assert spec.categories == ["2015/16", "2016/17"]
    assert "2016/17" in spec.title and "2018/19" not in spec.summary


def test_a_tidy_files_rates_read_the_same_column_wise_and_cell_by_cell(tmp_path, cell_by_cell):
    _parts, table = _read_both_ways(_tidy_rates(tmp_path / "cp.csv"), cell_by_cell)
    assert {o.unit for o in table.observations if o.value is not None} == {"per_10000"}


def test_a_data_services_extract_reads_the_same_column_wise_and_cell_by_cell(tmp_path, cell_by_cell):
    _parts, table = _read_both_ways(_nomis_extract(tmp_path / "nomis.xlsx"), cell_by_cell)
    assert table.observations[0].measure.startswith("LC01b Accidental falls / Age-standardised mortality rate")
