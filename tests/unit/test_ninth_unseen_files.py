"""What a ninth batch of published files nobody here had seen taught (tests/corpus, the last 4 files: council
reserves, benchmarking indicators, capital and treasury returns): custom XML parts written in UTF-16 are checked
as the text they hold, not refused; pounds thousands may be written '£, 000'; a unit said of all a sheet's figures
holds for each table stacked under the first; 'from' in an indicator's name dates nothing away; an item's code
('M1 - Redundancy Costs') is no month; footnotes make no label column; totals under a row that repeats the key
columns' names take the columns of the table above; and a '# of' column counts."""

import zipfile

import pytest
from awkward_workbooks import write_xlsx

from memberpack.errors import ImportFailed
from memberpack.importers import read_file
from memberpack.model.periods import parse_period


def _with_part(tmp_path, name: str, text: str):
    """A small budget workbook with one more part, ``name``, written in UTF-16 with its byte-order mark."""
    plain = write_xlsx(tmp_path / "plain.xlsx", {"Monitor": [["Service", "Budget £000"], ["Highways", 120],
                                                             ["Libraries", 45]]})
    out = tmp_path / "with_part.xlsx"
    with zipfile.ZipFile(plain) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            zout.writestr(item, zin.read(item))
        zout.writestr(name, text.encode("utf-16"))
    return out


def test_a_large_custom_xml_part_in_utf16_does_not_stop_the_import(tmp_path):
    """MHCLG's COR C 2018-19 return carries a 190 KB SharePoint part in UTF-16: it had been refused as
    having 'no content in its first 64 KB', and the whole return lost."""
    rows = "".join(f'<Row n="{i}">text</Row>' for i in range(3000))   # over 64 KB in UTF-16
    path = _with_part(tmp_path, "customXml/item4.xml",
                      f'<?xml version="1.0" encoding="utf-16"?><DataMashup sqmid="x">{rows}</DataMashup>')
    table = read_file(path).tables[0]
    assert {o.label: o.value for o in table.observations} == {"Highways": 120_000, "Libraries": 45_000}


def test_a_utf16_part_that_declares_entities_is_refused(tmp_path):
    """Written in UTF-16, a document type declaration had passed the check unseen."""
    path = _with_part(tmp_path, "customXml/item1.xml",
                      '<?xml version="1.0" encoding="utf-16"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')
    with pytest.raises(ImportFailed, match="declares XML entities"):
        read_file(path)


def test_pounds_thousands_written_with_the_comma_of_1000_are_thousands(tmp_path):
    """The BBC's reserves table says 'All figures are in £, 000' in its title: its reserves had been read
    as pounds, Northamptonshire's £47.7m of earmarked reserves as £47,695."""
    rows = [["All figures are in £, 000. Change in usable reserves between March 2015 and March 2018"], [],
            ["Local authority", "earmarked 2015", "earmarked 2018"],
            ["Northamptonshire CC", 47695, 5185], ["Somerset CC", 53329, 501], ["Rotherham", 79814, 24693]]
    table = read_file(write_xlsx(tmp_path / "reserves.xlsx", {"Sheet1": rows})).tables[0]
    cells = {o.cell: o for o in table.observations}
    assert (cells["B4"].value, cells["B4"].unit, cells["C6"].value) == (47_695_000, "GBP", 24_693_000)
    header = [["Service", "Budget (£,000)", "Forecast (£ ,000)"], ["Highways", 1200, 1250], ["Parks", 300, 280]]
    cells = {o.cell: o.value for o in read_file(write_xlsx(tmp_path / "m.xlsx", {"M": header})).tables[0].observations}
    assert (cells["B2"], cells["C3"]) == (1_200_000, 280_000)


def _dropdown(statement: str):
    """MHCLG's LA dropdown: small blocks stacked down the sheet, each a heading over 'Amount'."""
    rows = [["Prudential system information for England, 2018-19"], [statement], []]
    for block, lines in (("Capital Financing Requirement", [("CFR as at 1 April 2018", 118054563),
                                                             ("Minimum Revenue Provision", 2000181)]),
                         ("Gross borrowing", [("Gross borrowing as at 1 April 2018", 87878002),
                                              ("Gross borrowing as at 31 March 2019", 94530939)]),
                         ("Investments", [("Investments as at 1 April 2018", 33639990),
                                          ("Investments as at 31 March 2019", 36189616)])):
        rows += [[block, "Amount"], *[list(line) for line in lines], []]
    return rows


def test_a_unit_said_of_all_the_figures_holds_for_each_block_stacked_under_it(tmp_path):
    """COR C's LA Dropdown sheet: 'All figures in £ thousand' over eight blocks; only the first had been read
    in thousands, England's gross borrowing of £94.5bn shown as 94,530,939 with no unit, confidently."""
    read = read_file(write_xlsx(tmp_path / "dropdown.xlsx", {"LA Dropdown": _dropdown("All figures in £ thousand")}))
    cells = {o.cell: o for t in read.tables for o in t.observations}
    assert [(cells[c].value, cells[c].unit) for c in ("B5", "B10", "B14")] == [
        (118_054_563_000, "GBP"), (94_530_939_000, "GBP"), (36_189_616_000, "GBP")]


def test_a_unit_stated_without_saying_all_figures_stays_with_its_own_table(tmp_path):
    """'£ thousand' alone over the first block says nothing of the one-column blocks under it."""
    read = read_file(write_xlsx(tmp_path / "dropdown.xlsx", {"LA Dropdown": _dropdown("£ thousand")}))
    cells = {o.cell: o for t in read.tables for o in t.observations}
    assert (cells["B5"].unit, cells["B10"].unit, cells["B10"].value) == ("GBP", None, 94_530_939)


def test_from_in_an_indicators_name_leaves_its_columns_dated_by_their_years(tmp_path):
    """The benchmarking tool: 'Percentage of income due from Council Tax received by the end of the year'
    over 'CORP 7 2014-15' and 'CORP 7 2015-16'. 'from' had made every such column undated, so Fife's
    2014/15 and 2015/16 collection rates both stood under the workbook's 2015 to 2017."""
    name = "CORP 7 - Percentage of income due from Council Tax received by the end of the year"
    rows = [["All costs are real", name, None, "CORP 4 - The cost per dwelling of collecting Council Tax", None],
            ["Local Authority", "CORP 7 2014-15", "CORP 7 2015-16", "CORP 4 2014-15", "CORP 4 2015-16"],
            ["Fife", 93.1, 95.69, 4.1, 3.65], ["Angus", 97.4, 97.82, 9.2, 8.39], ["Moray", 96.2, 95.6, 10.1, 9.71]]
    path = write_xlsx(tmp_path / "lgbf.xlsx", {"All measures": rows}, merges={"All measures": ["B1:C1", "D1:E1"]})
    cells = {o.cell: o.period for o in read_file(path).tables[0].observations}
    assert [cells[c] for c in ("B3", "C3", "D3", "E3")] == ["2014/15", "2015/16", "2014/15", "2015/16"]
    changes = [["Service", "Spend 2019/20", "Change from 2019/20"], ["Roads", 120, 5], ["Parks", 80, -2], ["Libraries", 40, 1]]
    cells = {o.cell: o.period for o in read_file(write_xlsx(tmp_path / "c.xlsx", {"C": changes})).tables[0].observations}
    assert (cells["B2"], cells["C2"]) == ("2019/20", None)


def test_an_items_code_before_a_dash_and_its_name_is_no_month(tmp_path):
    """COR4's memorandum items 'M1 - Section 16(2)(b) - Redundancy Costs' to 'M12 - ...' had dated their
    columns Month 1 to Month 12 of 2007/08; 'Forecast M6' and 'P7' are still months."""
    rows = [["Capital outturn return 2007-08: memorandum items, £ thousand"],
            ["Authority", "M1 - Section 16(2)(b) - Redundancy Costs", "M7 - Sales of Tangible Fixed Assets - Vehicles"],
            ["Bristol UA", 0, 11], ["Leeds", 120, 40], ["Kent", 75, 0]]
    cells = {o.cell: o.period for o in read_file(write_xlsx(tmp_path / "m.xlsx", {"Data": rows})).tables[0].observations}
    assert (cells["B3"], cells["C5"]) == ("2007/08", "2007/08")
    assert [parse_period(t).label() for t in ("Forecast M6 2023/24", "P7", "M6 - Sep")] == [
        "2023/24 Month 6", "Month 7", "Sep"]


def _with_totals(lgf_codes: bool = True):
    """COR C's shape: councils, then national and class totals under a row naming the key columns, and
    footnotes in column A, which holds nothing else; without ``lgf_codes`` the ONS codes are in A."""
    councils = [("E0202", "E06000055", "Bedford", "UA", 74321, 73066), ("E4601", "E08000025", "Birmingham", "MD",
                 3387395, 3292904), ("E4704", "E08000035", "Leeds", "MD", 2006790, 2140210),
                ("E3641", "E07000217", "Woking", "SD", 811698, 1184591)]
    rows = [["Borrowing and Lending by authority & category, England, 2018-19"], ["All figures in £ thousand"],
            [None, None, None, None, "Gross borrowing", None, None],
            ["LGF Code", "ONS Code", "LA Name", "Class", "Gross borrowing as at 1 April 2018",
             "Gross borrowing as at 31 March 2019", "Change in gross borrowing"],
            *[[*c, c[5] - c[4]] for c in councils],
            [],
            [None, "ONS Code", "National Totals", "Class Code"],
            [None, "E92000001", "England", "ENG", 87878002, 94530939, 6652936],
            [None, "ONS Code", "Class Breakdown", "Class Code"],
            [None, "E06", "Unitary Authorities", "UA", 16093145, 17598574, 1505429],
            [None, "E08", "Metropolitan Districts", "MD", 18402007, 19286279, 884272],
            [None, "E26", "National Park Authorities", "NPA", 1858, 1779, -79],
            ["** This total should avoid double counting due to any flow of grants between local authorities"],
            ["Source: COR 2018-19"]]
    return rows if lgf_codes else [row[1:] if len(row) > 1 else row for row in rows]


def test_totals_under_a_row_of_key_names_are_read_not_dropped(tmp_path):
    """The footnotes in column A had made it the label column of the totals block, whose rows have no
    label there: England's and the classes' totals were dropped without a word."""
    read = read_file(write_xlsx(tmp_path / "totals.xlsx", {"B": _with_totals()}))
    cells = {o.cell: o for t in read.tables for o in t.observations}
    assert (cells["F11"].label, cells["F11"].value) == ("England", 94_530_939_000)
    assert (cells["G15"].label, cells["G15"].value) == ("National Park Authorities", -79_000)


def test_totals_under_a_row_repeating_the_key_names_take_the_columns_of_the_table_above(tmp_path):
    """COR C's totals row 450 ('ONS Code | National Totals | Class Code') is blank over the figures: they had
    been shown as 'Column G' in an unsure table; they are the table above's columns."""
    tables = read_file(write_xlsx(tmp_path / "totals.xlsx", {"B": _with_totals(lgf_codes=False)})).tables
    cells = {o.cell: o for t in tables for o in t.observations}
    assert "Gross borrowing as at 31 March 2019" in cells["E11"].measure
    assert ("Change in gross borrowing" in cells["F15"].measure, cells["F15"].value) == (True, -79_000)
    assert "columns of the table above" in " ".join(tables[-1].report.assumptions)
    assert tables[-1].report.cell_range == "A10:F15"   # its own rows, not the header rows it borrows


def test_a_header_starting_with_a_hash_counts_and_is_no_money(tmp_path):
    """'# of LAS' (how many authorities) under 'All figures in £ thousand': 443 authorities had been £443,000."""
    rows = [["All figures in £ thousand"], ["Class", "# of LAS", "Gross borrowing"],
            ["Unitary Authorities", 56, 16093145], ["London Boroughs", 33, 10466833], ["Shire Districts", 201, 12425435]]
    cells = {o.cell: o for o in read_file(write_xlsx(tmp_path / "h.xlsx", {"S": rows})).tables[0].observations}
    assert (cells["B3"].value, cells["B3"].unit, cells["C3"].value) == (56, None, 16_093_145_000)
