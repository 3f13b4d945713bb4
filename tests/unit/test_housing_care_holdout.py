"""What a hold-out of housing, homelessness and adult social care files taught (tests/corpus, the 5 files from
mhclg_HCLIC_detailed_LA_2024Q2.xlsx on): a quarter written in words under the title ("England, April to June
2024") dates the figures by the quarter, not by a month without its year; a count headed "(000s)" is in thousands
while a rate "per (000s)" is per thousand and stays as written; a money unit stated only in the notes under a table
("Data are presented in £'000s") is the table's unit; a column the same on the rows sampled but not further down
is a key of every row, and a total keeps the keys it writes; a total under the header with its code columns blank
is a row, not a header; an OpenDocument file with an .xls name is read as what it is."""

import zipfile

import pytest
from awkward_workbooks import write_ods, write_xlsx

from memberpack.importers import read_file
from memberpack.model.periods import QUARTER, parse_period


@pytest.mark.parametrize(("text", "label"), [
    ("England, April to June 2024", "Q1 2024/25"),
    ("Households accepted, July to September 2014", "Q2 2014/15"),
    ("January to March 2011", "Q4 2010/11"),
    ("October to December 2019", "Q3 2019/20"),
])
def test_a_quarter_written_as_its_months_in_words_is_that_quarter(text, label):
    """The old reading found 'April' alone, with no year ('Apr'), in GOV.UK's 'April to June 2024'."""
    period = parse_period(text)
    assert period.kind == QUARTER and period.label() == label


def test_months_in_words_that_are_no_quarter_are_dated_by_the_last():
    """Three months that are not a financial quarter are dated by their last, as 'Nov-Jan 1984' is."""
    assert parse_period("November to January 2024").label() == "Jan 2024"
    assert parse_period("Jan-Mar 1971").label() == "Mar 1971"


def _hclic(tmp_path):
    rows = [["Table A1 - Number of households by initial assessment of homelessness circumstances and needs\n"
             "England, April to June 2024"],
            [None, None, "Total initial assessments1,2", "Number of households in area5 (000s)",
             "Households assessed as homeless\nper (000s)"],
            ["E92000001", "ENGLAND", 92610, 24209.029, 1.93599441732165],
            ["E08000025", "Birmingham", 1828, 433.166, 2.4840361431876],
            ["E08000003", "Manchester", 1410, 220.459, 4.67660653454837]]
    table, = read_file(write_xlsx(tmp_path / "hclic.xlsx", {"A1": rows})).tables
    return table, {o.cell: o for o in table.observations}


def test_a_quarterly_table_titled_with_its_months_is_dated_by_its_quarter(tmp_path):
    """Every figure of H-CLIC's table A1 was dated 'Apr', in a table read as confident."""
    _, cells = _hclic(tmp_path)
    assert {cells[c].period for c in ("C3", "C4", "C5")} == {"Q1 2024/25"}


def test_a_count_in_thousands_is_multiplied_out_and_a_rate_per_thousand_is_not(tmp_path):
    """'Number of households in area (000s)' is 24,209,029 households, not 24,209; 'per (000s)' names a rate per
    thousand households, as written."""
    _, cells = _hclic(tmp_path)
    assert cells["D3"].value == pytest.approx(24_209_029) and cells["D5"].value == pytest.approx(220_459)
    assert cells["E5"].value == pytest.approx(4.67660653454837)


def _bridging(tmp_path, note):
    lines = [",,,NW,L,Eng",
             "Service,Year,Accounting category,306 - Manchester,London,ENGLAND",
             "Total expenditure,2014 - 2015,Gross total cost,100000.5,950000,9000000",
             "Total expenditure,2014 - 2015,Net total expenditure,52690,700000,6713687.94",
             "Actual total net cost,2013 - 2014,Net total expenditure,:,1557309.32,",
             ",,,,,",
             "Notes:,,,,,",
             f"{note},,,,,",
             ":  represents mandatory data that are unavailable.,,,,,"]
    path = tmp_path / "bridging.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table, = read_file(path).tables
    return table, {o.cell: o for o in table.observations}


def test_a_money_unit_stated_in_the_notes_under_a_table_is_its_unit(tmp_path):
    """The ASC-FR bridging data say "Data are presented in £'000s" only under the table: Manchester's net
    expenditure of 52690 is £52,690,000."""
    table, cells = _bridging(tmp_path, "Data are presented in £'000s")
    assert (cells["D4"].value, cells["D4"].unit) == (52_690_000, "GBP")
    assert (cells["F3"].value, cells["F3"].unit) == (9_000_000_000, "GBP")
    assert cells["D5"].value is None and cells["D5"].status == ":"
    assert any("under the table" in a for a in table.report.assumptions)


def test_a_note_under_a_table_naming_no_unit_leaves_it_unsaid(tmp_path):
    """A note that names no unit of the figures says nothing of their scale: read as written."""
    _, cells = _bridging(tmp_path, "Data are from the PSS-EX1 return")
    assert cells["D4"].value == 52690 and cells["D4"].unit != "GBP"


def _by_age(tmp_path):
    """An expenditure table by council whose age group is the same for its first 45 rows (more than the rows
    sampled to find its layout) and another below, ending in a total that writes its own age group and category."""
    services = [f"Service {n}" for n in range(1, 16)]
    lines = ["Service,Year,Age group,Accounting category,102 - Cumbria,306 - Manchester"]
    for age in ("Adults aged 65 and over", "Adults aged 18 to 64"):
        for n, service in enumerate(services):
            for k, category in enumerate(("Gross total cost", "Income", "Net total expenditure")):
                lines.append(f"{service},2014 - 2015,{age},{category},{100 + n * 3 + k},{200 + n * 3 + k}")
    lines.append("Actual total net cost,2014 - 2015,Total,Net total expenditure,9999,8888")
    path = tmp_path / "by_age.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table, = read_file(path).tables
    return table, {o.cell: o for o in table.observations}


def test_a_column_the_same_on_the_first_rows_only_is_a_key_of_every_row(tmp_path):
    """The age group, the same on every row the layout was found from, was taken for the table's context; the
    rows above its first change then lost it: Service 1's gross cost for those aged 65 and over and for those
    aged 18 to 64 had the same name."""
    table, cells = _by_age(tmp_path)
    older, younger = cells["E2"], cells["E47"]
    assert (older.value, younger.value) == (100, 100)
    assert "Adults aged 65 and over" in older.section and "Adults aged 18 to 64" in younger.section
    assert any("column C" in a and "a key of every row" in a for a in table.report.assumptions)


def test_a_total_keeps_the_keys_its_own_row_writes(tmp_path):
    """The last row, a total, lost its age group and category ('Total', 'Net total expenditure') with the
    section a heading would have given it."""
    _, cells = _by_age(tmp_path)
    total = cells["E92"]
    assert total.label == "Actual total net cost" and total.value == 9999
    assert "Net total expenditure" in (total.section or "")


def test_an_opendocument_file_named_xls_is_read_as_what_it_is(tmp_path):
    """Live table 100 as published: an .ods file saved with an .xls name. It was refused as 'a newer Excel (.xlsx)
    file with an .xls name' (renaming it so would have failed again); it is read by its bytes, as the .ods it is."""
    ods = write_ods(tmp_path / "dwellings.ods", {"2024": [["Area", "Local authority", "Total"],
                                                         ["England", 1574098, 25617413], ["Hackney", 21593, 119131]]})
    named = tmp_path / "dwellings.xls"
    named.write_bytes(ods.read_bytes())
    assert zipfile.is_zipfile(named)
    table, = read_file(named).tables
    cells = {o.cell: o for o in table.observations}
    assert (cells["B3"].label, cells["B3"].measure, cells["B3"].value) == ("Hackney", "Local authority", 21593)
    assert cells["C2"].value == 25617413


def test_a_total_under_the_header_with_its_codes_blank_is_a_row_not_a_header(tmp_path):
    """Live table 100's England row sits under the header with its code and region cells blank; it was taken for a
    second header row, in a table read as confident: Alnwick's council-owned dwellings measured 'Local Authority
    1819696', England's figures lost."""
    rows = [["Table 100: Number of Dwellings by Tenure and district, England, 2009 [note 2]"],
            ["Old ONS code", "LA Code", "Local Authority Name", "Region", "Local Authority", "Housing association",
             "Private sector", "Total"],
            [None, None, "ENGLAND", None, 1819696, 2195195, 18605213.48, 22693802.48],
            ["35UB", "A2905", "Alnwick", "NE", 1764, 694, 13530.95, 16197.95],
            ["35UC", "E2910", "Berwick-upon-Tweed", "NE", "[x]", 2238, "[x]", 14135.42],
            ["00BN", "B4215", "Manchester", "NW", 18207, 52023, 140199.6, 210829.6]]
    table, = read_file(write_xlsx(tmp_path / "lt100.xlsx", {"2009": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert table.report.header_rows == [2]
    assert (cells["E3"].label, cells["E3"].measure, cells["E3"].value) == ("ENGLAND", "Local Authority", 1819696)
    assert (cells["E4"].label, cells["E4"].measure, cells["E4"].value) == ("Alnwick", "Local Authority", 1764)
