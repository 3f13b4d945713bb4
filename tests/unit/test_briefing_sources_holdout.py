"""What a hold-out batch of files a council officer imports for a members' briefing pack taught
(tests/corpus: MHCLG's first H-CLIC detailed local authority tables, DCLG's revenue outturn summary
2010-11, Trafford's procurement card transactions and land assets, DfE's early years foundation stage
profile by authority and district, exclusions by pupil characteristics, NHS Health Checks by authority):
shapes read wrong the first time, each rebuilt here small."""

from openpyxl import Workbook

from memberpack.importers import read_file


def _csv_table(path, header, rows):
    """The first table read from a CSV of ``header`` over ``rows`` (each a line as written)."""
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return read_file(path).tables[0]


def test_a_projections_base_year_does_not_date_the_figure(tmp_path):
    """'Number of households (2016-based household projections for 2018) (000s)' in a table for April to
    June 2018: the households had been dated 2016, the year the projections were made from."""
    wb = Workbook()
    ws = wb.active
    ws.title = "TA1"
    ws.append(["Table TA1 - Households in temporary accommodation at end of quarter by local authority\n"
               "England, April to June 2018"])
    ws.append(["Code", "Local authority", "Total number of households in TA",
               "Number of households (2016-based household projections for 2018)3  (000s)"])
    for code, name, base in (("E09000033", "Westminster", 1.0), ("E07000224", "Arun", 2.0),
                             ("E07000032", "Amber Valley", 3.0)):
        ws.append([code, name, 2561 * base, 50.5 * base])
    wb.save(tmp_path / "ta1.xlsx")
    table = read_file(tmp_path / "ta1.xlsx").tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert by_cell["D3"].value == 50500
    assert "2018" in by_cell["D3"].period and "2016" not in by_cell["D3"].period


def test_an_open_statistics_district_keeps_its_own_code(tmp_path):
    """DfE's open statistics give Manchester twice, as the local authority (6,828 children) and as the
    local authority district (6,826): the district's rows had kept only their level, their own code
    (lad_code) lost, so nothing said which Manchester a district figure was for."""
    header = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,"
              "old_la_code,new_la_code,la_name,lad_code,lad_name,characteristic,children_number,gld_percentage")
    rows = [
        "202122,Academic year,National,E92000001,England,,,,,,,,Total,622583,65.2",
        "202122,Academic year,Local authority,E92000001,England,E12000002,North West,352,E08000003,Manchester,,,"
        "Total,6828,53.1",
        "202122,Academic year,Local authority district,E92000001,England,E12000002,North West,352,E08000003,"
        "Manchester,E08000003,Manchester,Total,6826,53.1",
    ]
    table = _csv_table(tmp_path / "eyfsp.csv", header, rows)
    by_cell = {o.cell: o for o in table.observations}
    assert by_cell["N4"].value == 6826 and by_cell["N4"].label == "Manchester"
    assert "E08000003" in by_cell["N4"].area and "North West" in by_cell["N4"].area
    assert by_cell["N4"].area != by_cell["N3"].area


def test_coordinates_and_street_numbers_are_not_figures(tmp_path):
    """A council's land and buildings register: each property's GeoX and GeoY (-2.35, 53.39) and its street
    number (105) had been read as figures beside its building size, in a table read as confident."""
    header = "AssetCode,PropertyName,StreetNumber,StreetName,PostCode,GeoX,GeoY,TenureType,BuildingSize"
    rows = ["TMBC0001,Altrincham Town Hall,,Market Street,WA14 1PF,-2.3520922,53.3879587,Freehold,415.05",
            "TMBC0002,Broomwood Centre,105,Mainwood Road,WA15 7JU,-2.306004,53.3914925,Freehold,872.8",
            "TMBC0003,Claremont Centre,21,Claremont Road,M33 7DZ,-2.3204334,53.426618,Freehold,1047",
            "TMBC0004,Moss View Centre,54-56,,M31,,,Freehold,1299.3"]
    table = _csv_table(tmp_path / "land.csv", header, rows)
    measures = {o.measure for o in table.observations if o.value is not None}
    assert measures == {"BuildingSize"}
    assert {o.cell: o.value for o in table.observations if o.value is not None}["I3"] == 872.8


def test_a_code_written_in_figures_after_the_amounts_is_not_a_figure(tmp_path):
    """Procurement card transactions: each payment's merchant category code (5199, 5462) after its amount
    had been read as a figure, as if 5,199 of something had been bought."""
    header = "OrganisationalUnit,BeneficiaryName,PaymentDate,Amount,Purpose,CategoryInternalName,MerchantCategoryCode"
    rows = ["Bth,Dunsters Farm Limited,2026-05-29,181.56,Catering provisions,Other Nondurable Goods,5199",
            "Highfield,Morris Quality Bakers,2026-05-26,30.74,Catering provisions,Bakeries,5462",
            "Sale Grammar,Chicken Joes Ltd,2026-05-20,2054.57,Catering,Caterers,5811",
            "Alma Park,Dunsters Farm Limited,2026-05-22,-144.68,Credit voucher,Other Nondurable Goods,5199"]
    table = _csv_table(tmp_path / "gpc.csv", header, rows)
    figures = {o.cell: o.value for o in table.observations if o.value is not None}
    assert figures == {"D2": 181.56, "D3": 30.74, "D4": 2054.57, "D5": -144.68}


def test_a_rate_beside_counted_exclusions_is_not_a_count(tmp_path):
    """Exclusions by pupil characteristics: the permanent exclusion rate (0.08, per hundred pupils) beside
    the count of exclusions had been read as a count, its row naming a count (exclusions)."""
    header = "year,school_type,characteristic_1,headcount,perm_excl,perm_excl_rate,fixed_excl,fixed_excl_rate"
    rows = ["201516,Total,Total,7916225,6685,0.08,339360,4.29",
            "201516,Total,Gender_male,4034250,5225,0.13,249445,6.18",
            "201516,Total,Gender_female,3881975,1460,0.04,89920,2.32",
            "201415,Total,Total,7798850,5795,0.07,302975,3.88"]
    table = _csv_table(tmp_path / "excl.csv", header, rows)
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["E3"].value, by_cell["E3"].unit) == (5225, "count")
    assert by_cell["F3"].value == 0.13 and by_cell["F3"].unit != "count"
    assert by_cell["H4"].value == 2.32 and by_cell["H4"].unit != "count"


def _main_duty_outcomes(path):
    """H-CLIC's table MD2: the quarter in the title, under a footnote's digit ('June 20181') on the
    drop-down sheet's copy, and a measure naming the Housing Act 1996."""
    wb = Workbook()
    ws = wb.active
    ws.title = "MD2"
    ws.append(["Table MD2 - Outcome of households no longer owed a main duty\nEngland, April to June 20181"])
    ws.append([None, None, "Total households no longer owed a main duty", "Housing Act 1996 Pt6 social housing offer",
               None, "Private rented sector offer"])
    ws.append([None, None, None, "Accepted", "Refused", "Accepted"])
    for code, name, base in (("E92000001", "ENGLAND", 7970.0), ("E12000007", "London", 2020.0),
                             ("E12000001", "North East", 410.0)):
        ws.append([code, name, base, base * 0.6, base * 0.05, base * 0.1])
    wb.save(path)
    return path


def test_the_year_of_an_act_does_not_date_the_figures(tmp_path):
    """'Housing Act 1996 Pt6 social housing offer' had dated the offers accepted in April to June 2018 1996."""
    table = read_file(_main_duty_outcomes(tmp_path / "md2.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert by_cell["D4"].value == 7970 * 0.6
    assert by_cell["D4"].period == by_cell["C4"].period == "Q1 2018/19"


def test_a_footnote_digit_stuck_to_the_titles_year_is_not_part_of_it(tmp_path):
    """'England, April to June 20181' (2018 and its footnote 1) had dated the figures 'Apr', with no year."""
    table = read_file(_main_duty_outcomes(tmp_path / "md2.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert by_cell["C5"].period == "Q1 2018/19"
