"""What a hold-out of housing, homelessness and adult social care files taught (tests/corpus, the 5 files from
mhclg_HCLIC_detailed_LA_2024Q2.xlsx on): a quarter written in words under the title ("England, April to June
2024") dates the figures by the quarter, not by a month without its year; a count headed "(000s)" is in thousands
while a rate "per (000s)" is per thousand and stays as written; a money unit stated only in the notes under a table
("Data are presented in £'000s") is the table's unit; an OpenDocument file with an .xls name is refused in words
that name what it is."""

import pytest
from awkward_workbooks import write_xlsx

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
