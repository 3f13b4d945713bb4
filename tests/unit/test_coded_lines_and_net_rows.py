"""A finance system's monitor: each line's cost centre code in the first column, each service's lines
closed by an unworded ``Libraries Net`` row with no code. The net rows are sub totals (found by their
sums, as elsewhere): the code of each line, changing every row, had kept its lines apart, so ``Museum
Net`` was read as a line of its own, filed under the code above it, and named the largest overspend.
A share "of total expenditure" is no total row."""

import csv
from pathlib import Path

import pytest

from memberpack.importers import read_file
from memberpack.importers.roles import role_from_words
from memberpack.model.observation import DATA, SUBTOTAL, TOTAL

_ROWS = [["Revenue Budget Monitor"], ["Period 6 - September 2024"], [],
         ["Cost Centre", "Description", "Annual Budget", "Actual YTD", "Forecast", "Variance"],
         ["C1001", "Libraries staffing", "£1,250,000.00", "£612,400.00", "£1,262,000.00", "£12,000.00"],
         ["C1002", "Libraries stock", "£310,000.00", "£120,150.00", "£295,000.00", "(£15,000.00)"],
         ["C1003", "Libraries income", "(£85,000.00)", "(£40,100.00)", "(£80,000.00)", "£5,000.00"],
         ["", "Libraries Net", "£1,475,000.00", "£692,450.00", "£1,477,000.00", "£2,000.00"],
         ["C2001", "Museum staffing", "£420,000.00", "£210,300.00", "£431,000.00", "£11,000.00"],
         ["C2002", "Museum income", "(£120,000.00)", "(£55,000.00)", "(£105,000.00)", "£15,000.00"],
         ["", "Museum Net", "£300,000.00", "£155,300.00", "£326,000.00", "£26,000.00"],
         ["", "Culture Total", "£1,775,000.00", "£847,750.00", "£1,803,000.00", "£28,000.00"]]


def test_unworded_net_rows_under_coded_lines_are_sub_totals(tmp_path):
    path = tmp_path / "monitor.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows(_ROWS)
    table, = read_file(path).tables
    rows = {o.label: (o.row_role, o.section) for o in table.observations if o.measure == "Variance"}
    assert rows["Libraries Net"][0] == rows["Museum Net"][0] == SUBTOTAL
    assert "C1003" not in rows["Libraries Net"] and "C2002" not in rows["Museum Net"]
    assert rows["Museum staffing"] == (DATA, "C2001") and rows["Culture Total"][0] == TOTAL


def test_a_share_of_the_total_is_no_total_row():
    assert role_from_words("Expenditure on children in need as % of total expenditure on children") == DATA
    assert role_from_words("Percentage of the total") == DATA
    assert role_from_words("Total expenditure") == TOTAL and role_from_words("Sub total Adults") == SUBTOTAL


def test_a_key_written_on_a_few_rows_is_no_group_carried_down():
    """Tameside's spending over £500: ``Redact Name`` is blank on its first row and written on 171 of
    2,223 (``Business Payment``, ``Redacted Supplier``); a blank means none, where it had named every
    payment after each it was written on."""
    path = Path(__file__).resolve().parents[1] / "corpus" / "files" / "tameside_spend_over_500_2014-09.csv"
    table, = read_file(path).tables
    section = {o.cell: o.section for o in table.observations if o.measure == "Sum of Inv Amount"}
    assert section["H18"].endswith("/ Business Payment")
    assert "Business Payment" not in section["H19"] and "Business Payment" not in section["H22"]


def test_a_code_written_on_each_row_is_not_carried_into_the_totals_under_it():
    """DCLG's COR4: each council's code in column A, then a blank row, England's total and the
    regions' with no code. England and the regions had taken the last council's code (Lee Valley
    Park's E6803) as their section."""
    path = Path(__file__).resolve().parents[1] / "corpus" / "files" / "dclg_COR4_capital_2007-08.xls"
    tables = [t for t in read_file(path).tables if t.layout.sheet == "Data_col2"]
    section = {o.label: o.section for o in tables[0].observations if o.cell.startswith("E")}
    assert section["Lee Valley Park Authority"] == "E6803"
    assert section["England"] is None
    assert section["North East"] == "REGIONAL BREAKDOWN"


def _pupils(tmp_path, all_schools):
    path = tmp_path / "pupils.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["School type", "Pupils", "With an EHC plan"], ["Primary", "21,040", "412"],
                                  ["Secondary", "16,210", "388"], ["Special", "1,150", "1,020"], ["All schools", *all_schools],
                                  ["All other settings", "310", "25"]])
    table, = read_file(path).tables
    return {o.label: o.row_role for o in table.observations}


def test_an_all_schools_row_adding_up_the_rows_above_is_their_total(tmp_path):
    """Scottish Government's pupil census: 'All local authorities' under the 32 councils, DfE's 'All
    schools' under the school types, had been one more row of data (charted, and summed, beside them)."""
    roles = _pupils(tmp_path, ["38,400", "1,820"])
    assert (roles["All schools"], roles["Special"], roles["All other settings"]) == (TOTAL, DATA, DATA)
    assert _pupils(tmp_path, ["39,900", "1,820"])["All schools"] == DATA   # (adds up to no rows above it)


def _councils_then_totals(path, councils: int, spaced: bool = False):
    """A council table with region and class codes on every row (repeated, so no code is a row's
    own), a blank row, then England's and the regions' totals with those cells blank."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Net expenditure 2022-23 (£ thousand)"])
    ws.append([])
    ws.append(["LA code", "Local authority", "Region", "Class", "Education", "Children's social care"])
    regions, classes = ("NW", "SW", "YH", "L"), ("UA", "SC", "MD")
    for i in range(councils):
        ws.append([f"E{1000 + i}", f"Council {i}", regions[i % 4], classes[i % 3], 1000 + i, 500 + i])
        if spaced:
            ws.append([])
    ws.append([])
    for name, amount in (("England", 90000), ("North West", 9000), ("South West", 8000)):
        ws.append([None, name, None, None, amount, amount // 2])
    wb.save(path)
    return path


@pytest.mark.parametrize("councils, spaced", [(8, False), (300, False), (60, True)])
def test_codes_written_on_every_council_are_not_carried_across_the_blank_row_into_the_totals(tmp_path, councils, spaced):
    """England's and the regions' rows under a blank row take no region or class code from the
    last council above it (they had been read in that council's region and class)."""
    table, = read_file(_councils_then_totals(tmp_path / "councils.xlsx", councils, spaced)).tables
    section = {o.label: o.section for o in table.observations if o.measure == "Education"}
    last = councils - 1
    assert section[f"Council {last}"] == f"E{1000 + last} / {('NW', 'SW', 'YH', 'L')[last % 4]} / {('UA', 'SC', 'MD')[last % 3]}"
    assert section["England"] is None and section["North West"] is None and section["South West"] is None
    figures = {o.label: o.value for o in table.observations if o.measure == "Education"}
    assert figures["England"] == 90_000_000 and figures["South West"] == 8_000_000


def test_a_class_written_on_every_council_is_not_carried_into_englands_row():
    """MHCLG's RS 2017-18: each council's E-code and class (SC, MD, O) on its row, two blank rows,
    then ENGLAND with neither: it had been read under the last council's code (E6353)."""
    path = Path(__file__).resolve().parents[1] / "corpus" / "files" / "mhclg_RS_2017-18_data_by_LA.xlsx"
    table, = [t for t in read_file(path).tables if t.layout.sheet == "RS LA Data 2017-18"]
    section = {o.cell: o.section for o in table.observations}
    assert section["F452"] == "E6353 / O" and section["F455"] is None and section["F458"] == "CLASS BREAKDOWN / L"
