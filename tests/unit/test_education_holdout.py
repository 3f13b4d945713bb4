"""What a hold-out batch of published education and SEND files taught (tests/corpus: the DfE's looked-after
children's exclusions tables exported to CSV, its older underlying data with region and LA codes, the
dedicated schools grant allocations): shapes read wrong the first time, each rebuilt here small."""

from openpyxl import Workbook

from memberpack.importers import read_file


def _years_over_spaced_blocks(path):
    """A published table saved as CSV (no merged cells): each year written once over its block of
    measures, blank spacer columns inside and between the blocks, one measure's name a row lower."""
    wb = Workbook()
    ws = wb.active
    ws.title = "LA5"
    ws.append(["Table LA5: Exclusions from school of children looked after"])
    ws.append(["Years: 2010 - 2012"])
    ws.append([])
    ws.append(["LA Code", None, None, 2010, None, None, None, None, 2011, None, None, None, None,
               2012, None, None, None])
    head = ["Number matched", None, "Percentage permanently excluded", "Percentage with a fixed period exclusion"]
    ws.append([None, None, None, *head, None, *head, None, *head])
    ws.append([])
    for code, name, base in (("E06000005", "Darlington", 1.0), ("E06000047", "Durham", 2.0),
                             ("E08000020", "Gateshead", 3.0), ("E06000001", "Hartlepool", 4.0)):
        block = [100 + base, None, base / 10, 10 + base]
        ws.append([code, 800 + base, name, *block, None, *[v + 1 for v in block[:1]], None,
                   *[v + 1 for v in block[2:]], None, *[v + 2 for v in block[:1]], None,
                   *[v + 2 for v in block[2:]]])
    wb.save(path)
    return path


def test_a_year_written_once_over_a_block_with_spacer_columns_dates_the_whole_block(tmp_path):
    """Only the first column under each year took it: the others, past the blank spacer column, were
    dated by the title's '2010 - 2012' and told apart by their column letters ('... (I)')."""
    table = read_file(_years_over_spaced_blocks(tmp_path / "la5.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["F7"].period, by_cell["F7"].value) == ("2010", 0.1)
    assert by_cell["F7"].measure == "2010 Percentage permanently excluded"
    assert (by_cell["L8"].period, by_cell["L8"].value) == ("2011", 13.0)
    assert by_cell["L8"].measure == "2011 Percentage with a fixed period exclusion"
    assert (by_cell["Q10"].period, by_cell["Q10"].value) == ("2012", 16.0)


def _coded_underlying_data(path):
    """The DfE's older underlying data: country, region and LA codes and names, the LA's name blank on
    the England and region rows, England's old code (921) on every row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "UD"
    ws.append(["country_code", "country_name", "gor_code", "gor_name", "la_code", "la_9digit", "la_name",
               "Num_elig_2010", "Num_perm_ex_2010"])
    ws.append([921, "England", None, None, None, None, None, 26180, 70])
    ws.append([921, "England", "A", "North East ", None, None, None, 1520, 10])
    ws.append([921, "England", "A", "North East ", 841, "E06000005", "Darlington", 100, 0])
    ws.append([921, "England", "A", "North East ", 840, "E06000047", "Durham", 300, 5])
    ws.append([921, "England", "B", "North West", None, None, None, 4830, 10])
    ws.append([921, "England", "B", "North West", 330, "E08000025", "Birmingham", 935, 6])
    wb.save(path)
    return path


def test_a_region_row_of_coded_underlying_data_is_named_by_its_region_not_england(tmp_path):
    """A region's row (its LA name blank) had been named 'England' from the country column: its
    figures stood as England's, beside England's own."""
    table = read_file(_coded_underlying_data(tmp_path / "ud.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert by_cell["H2"].label == "England"
    assert by_cell["H3"].label == "North East"
    assert by_cell["H6"].label == "North West"
    assert by_cell["H4"].label == "Darlington"


def test_an_las_own_old_code_is_kept_not_its_countrys(tmp_path):
    """The LA's old code (841) had been lost for England's (921), the first three-digit code on the row."""
    table = read_file(_coded_underlying_data(tmp_path / "ud.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert "|841|" in by_cell["H4"].area and "E06000005" in by_cell["H4"].area
    assert "|330|" in by_cell["I7"].area


def test_a_year_the_figures_are_based_on_does_not_date_them(tmp_path):
    """'Import/export adjustment (based on January 2020 school census and ... 2019 to 2020 ...)' in a
    2020 to 2021 allocations table: the adjustment had been dated 2019/20, the year of its data."""
    wb = Workbook()
    ws = wb.active
    ws.title = "High_needs_block"
    ws.append(["Dedicated schools grant: 2020 to 2021 provisional high needs block allocations"])
    ws.append(["LA", "Name", "NFF allocations (£s)",
               "Import/export adjustment (based on January 2020 school census and 2019 to 2020 learner record) (£s)",
               "Total high needs block (£s)"])
    for code, name, base in (("202", "Camden", 1.0), ("203", "Greenwich", 2.0), ("204", "Hackney", 3.0)):
        ws.append([code, name, 1000000 * base, -12000 * base, 1000000 * base - 12000 * base])
    wb.save(tmp_path / "dsg.xlsx")
    table = read_file(tmp_path / "dsg.xlsx").tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert by_cell["D3"].value == -12000
    assert by_cell["D3"].period == by_cell["C3"].period == "2020/21"


def test_a_region_letter_code_that_reads_as_a_rating_is_kept(tmp_path):
    """The North East's region code 'A' (the DfE's letters A to K) had been read as the mark 'adverse'
    and dropped, as 'NA' is for no breakdown: its rows lost the code the others kept."""
    table = read_file(_coded_underlying_data(tmp_path / "ud.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert "A" in by_cell["H3"].section.split(" / ")
    assert "A" in by_cell["H4"].section.split(" / ")
    assert "B" in by_cell["H7"].section.split(" / ")


def test_englands_old_country_code_makes_no_row_an_la(tmp_path):
    """'921' in country_code on every row (the Isle of Wight's LA number too) had made England's and the
    regions' rows local authority 921: each could pass for the Isle of Wight."""
    table = read_file(_coded_underlying_data(tmp_path / "ud.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert by_cell["H2"].area.startswith("national|") and "921" not in by_cell["H2"].area
    assert by_cell["H3"].area.startswith("regional|") and "921" not in by_cell["H3"].area
    assert by_cell["H4"].area.startswith("la|841|E06000005")


def test_a_per_cent_sign_written_by_the_format_after_a_plain_number_makes_it_a_percentage(tmp_path):
    """'Funding per pupil change' 5.5 shown '5.50%' by a format that writes the sign as text after the
    number ('0.00"%"'; an OpenDocument style's <number:text>%</number:text>): read as 5.5 with no unit and
    shown '5.50', a change of 5.5% could be taken for £5.50."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Schools_block"
    ws.append(["LA", "Name", "Funding per pupil (£s)", "Funding per pupil change"])
    for code, name, base in (("202", "Camden", 1.0), ("203", "Greenwich", 2.0), ("204", "Hackney", 3.0)):
        ws.append([code, name, 5000 + base, 2.5 + base])
        ws.cell(ws.max_row, 4).number_format = '0.00"%"'
    wb.save(tmp_path / "dsg.xlsx")
    by_cell = {o.cell: o for o in read_file(tmp_path / "dsg.xlsx").tables[0].observations}
    assert (by_cell["D3"].value, by_cell["D3"].unit, by_cell["D3"].display) == (4.5, "percent", "4.50%")
    assert by_cell["C3"].unit == "GBP"


def test_an_opendocument_plain_number_shown_with_a_per_cent_sign_is_a_percentage(tmp_path):
    from test_ods_formats import _ods

    path = _ods(tmp_path / "dsg.ods", [
        ["LA", "Name", "Funding per pupil change"],
        ["202", "Camden", ("float", 2.3, "2.30%")],
        ["203", "Greenwich", ("float", 5.5, "5.50%")],
        ["204", "Hackney", ("float", 4.95, "4.95%")],
    ])
    by_cell = {o.cell: o for o in read_file(path).tables[0].observations}
    assert (by_cell["C3"].value, by_cell["C3"].unit, by_cell["C3"].display) == (5.5, "percent", "5.50%")


def test_englands_row_over_the_councils_takes_the_per_cent_sign_too(tmp_path):
    """England's row, named in the code column over the councils, is read by the quick path for plain
    figures: its 4.18 shown '4.18%' had been read with no unit while the councils' were percentages."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Schools_block"
    ws.append(["Dedicated schools grant: schools block", None, "Schools block"])
    ws.append([None, None, "Funding per pupil (£s)", "Number of pupils", "Funding per pupil change"])
    ws.append(["ENGLAND", None, 4844.8, 7427616.4, 4.18])
    for i, name in enumerate(["Camden", "Greenwich", "Hackney", "Islington", "Dorset"]):
        ws.append([str(202 + i), name, 5000.0 + i, 18000.5 + i, 2.16 + i])
    for (cell,) in ws.iter_rows(min_row=3, min_col=5, max_col=5):
        cell.number_format = '0.00"%"'
    wb.save(tmp_path / "dsg.xlsx")
    by_cell = {o.cell: o for o in read_file(tmp_path / "dsg.xlsx").tables[0].observations}
    assert (by_cell["E3"].value, by_cell["E3"].unit, by_cell["E3"].display) == (4.18, "percent", "4.18%")
    assert (by_cell["E4"].value, by_cell["E4"].unit) == (2.16, "percent")
