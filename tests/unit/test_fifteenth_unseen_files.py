"""What a fifteenth batch of published files nobody here had seen taught (tests/corpus, the 5 council finance files
from mcc_spend_over_500_2014-04.csv on): a percentage whose header states its cap ("as a percentage of the Band D
council tax (maximum 2%)") and whose figures all lie between 0 and the cap as a fraction (0.0159, 0.0200) is written
as fractions; money in a plain number format ('#,##0') with no unit stated anywhere is doubted as money with no
format is; figures at the foot of a column of codes (the number of authorities in each class under a 'Class
Breakdown | Code | #' row) take no money unit from the table, which is unsure; a header parted from its rows by a
blank row names them; capital receipts and borrowing are money; a heading that starts no table leaves the titles and
unit above it to the table that follows."""

from awkward_workbooks import write_xlsx

from memberpack.importers import read_file


def _precept(tmp_path, figures):
    rows = [["Authority", "Band D council tax (£)", "ASC precept as a percentage of the Band D council tax (maximum 2%)"],
            ["England", 1817.62, figures[0]],
            ["Adur", 324.76, "-"],
            ["Barnet", 1528.43, figures[1]],
            ["Bury", 1962.08, figures[2]]]
    formats = {"Data": {f"C{r}": "0.00" for r in range(2, 6)}}
    table, = read_file(write_xlsx(tmp_path / "ctr.xlsx", {"Data": rows}, formats=formats)).tables
    return table, {o.cell: o for o in table.observations}


def test_a_percentage_capped_in_its_header_is_read_from_fractions(tmp_path):
    """The old reading took 0.0159 under '(maximum 2%)' for 0.0159%, a hundredth of a per cent, in a table
    it called confident; read as written, every figure would be a hundredth of the cap or less, so they
    are fractions: 1.59%, 2% and 1.83%, and the report says so."""
    table, cells = _precept(tmp_path, [0.015865, 0.020002, 0.018293])
    assert [(cells[c].value, cells[c].unit) for c in ("C2", "C4", "C5")] == [
        (1.5865, "percent"), (2.0002, "percent"), (1.8293, "percent")]
    assert cells["C3"].value is None and cells["C3"].status == "-"
    assert any("caps it at 2%" in a for a in table.report.assumptions)


def test_a_capped_percentage_written_as_percentages_stays_as_written(tmp_path):
    """Figures already in per cent under the same header (1.59, 2, 1.83) are above the cap as a fraction:
    they stay as written, and nothing is assumed."""
    table, cells = _precept(tmp_path, [1.59, 2, 1.83])
    assert [cells[c].value for c in ("C2", "C4", "C5")] == [1.59, 2, 1.83]
    assert not any("caps it" in a for a in table.report.assumptions)


def test_money_in_a_plain_number_format_with_no_unit_stated_is_doubted(tmp_path):
    """The old reading doubted money with no unit stated only where its cells had no number format, so
    a capital outturn in £ thousand whose figures are formatted '#,##0' (the unit on another sheet) was
    read as confident, in no unit; '#,##0' says no more of the unit than no format, so the table is
    unsure and the officer is asked. A '£' in the format still says pounds."""
    rows = [["Authority", "Capital grants from central government", "Use of capital receipts"],
            ["Bath", 25435, 2383], ["Bristol", 47709, 1546], ["Luton", 33163, 0]]
    plain = {"Financing": {f"{c}{r}": "#,##0" for c in "BC" for r in range(2, 5)}}
    table, = read_file(write_xlsx(tmp_path / "plain.xlsx", {"Financing": rows}, formats=plain)).tables
    assert any("no unit (£, £k, £m) is stated anywhere" in d for d in table.report.doubts)
    pounds = {"Financing": {f"{c}{r}": '"£"#,##0' for c in "BC" for r in range(2, 5)}}
    table, = read_file(write_xlsx(tmp_path / "pounds.xlsx", {"Financing": rows}, formats=pounds)).tables
    assert not table.report.doubts and {o.unit for o in table.observations} == {"GBP"}


def test_counts_under_a_column_of_codes_are_not_read_as_money(tmp_path):
    """The old reading took the number of authorities in each class (56), written in the Subclass column
    under a 'Class Breakdown | Code | #' row at the foot of a table in £ thousand, for £56,000 in a table it
    called confident; a column of codes on every row seen gives its figures further down no unit, and the
    table is unsure, the report naming the column."""
    classes = ["SD", "UA", "MD", "L", "SC"]
    rows = [["All figures in £000s"], ["LGF Code", "LA Name", "Class", "Subclass", "Capital grants"]]
    rows += [[f"E{1000 + i}", f"Council {i}", classes[i % 5], classes[i % 5], 400 + i] for i in range(24)]
    rows += [[None, "England", None, 444, 9999], [None, "Class Breakdown", "Code", "#", None],
             [None, "Unitary Authorities", "UA", 56, 1080049], [None, "London Boroughs", "L", 33, 586215]]
    table, = read_file(write_xlsx(tmp_path / "cor_b.xlsx", {"Financing": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert (cells["D29"].value, cells["D29"].unit) == (56, None)
    assert (cells["E29"].value, cells["E29"].unit) == (1080049000, "GBP")
    assert cells["D3"].status == "text" and cells["E3"].value == 400000
    assert any("column D (Subclass) holds words on the rows sampled but 3 figures further down" in d
               for d in table.report.doubts)   # not "3 figure(s)"



def test_a_header_parted_from_its_rows_by_a_blank_row_names_them(tmp_path):
    """The old reading found no header over the numbered lines of a return's form under a blank row
    ('row 5 looks like the data under it'), so their figures measured 'Column C'; a header of words, a
    blank row, then rows named with figures under the header's words: the header is theirs."""
    rows = [["Capital outturn return 2010-11"], [],
            [None, "Service Block", "COR1/2 Total Expenditure", "Acquisition of Share/Loan Capital",
             "Total Capital Expenditure"], [],
            [1, "Education (line 5)", 6106010, 559, 6106569], [2, "Transport (line 13)", 7492230, 450657, 7942887],
            [3, "Social Services (line 14)", 312321, 150, 312471], [4, "Housing (line 15)", 4060878, 1855, 4062733]]
    table, = read_file(write_xlsx(tmp_path / "cor4.xlsx", {"LA dropdown": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert (cells["C5"].label, cells["C5"].measure, cells["C5"].value) == (
        "Education (line 5)", "COR1/2 Total Expenditure", 6106010)
    assert (cells["E8"].label, cells["E8"].measure) == ("Housing (line 15)", "Total Capital Expenditure")
    assert not any("no header row found" in d for d in table.report.doubts)


def test_capital_receipts_with_no_unit_stated_are_doubted_as_money(tmp_path):
    """'Total Capital Receipts' and 'Prudential borrowing' are money: with no unit stated anywhere the
    table is unsure (the old reading called a return's receipts confident, in no unit)."""
    rows = [["Service Block", "COR1/2 Total Receipts", "Disposal of Share/Loan Capital", "Total Capital Receipts"],
            ["Education (line 5)", 113959, 0, 113959], ["Transport (line 13)", 41343, 1207, 42550],
            ["Housing (line 15)", 513386, 0, 513386]]
    table, = read_file(write_xlsx(tmp_path / "receipts.xlsx", {"Receipts": rows})).tables
    assert any("look like money but no unit" in d for d in table.report.doubts)


def test_a_unit_above_a_heading_that_starts_no_table_is_the_tables_under_it(tmp_path):
    """The old reading took a lone 'Capital Expenditure' over a form's header for a table of its own,
    found nothing under it, and forgot the '£ thousand' above it, so the form's figures were read in no
    unit; a heading that starts no table leaves the titles and unit above it to the table that follows."""
    rows = [["Capital outturn return (COR) 2010-11"], [],
            [None, None, None, None, None, "£ thousand"],
            [None, "England"], [],
            [None, None, None, None, None, "Capital Expenditure"],
            [None, "A. EXPENDITURE & OTHER TRANSACTIONS ON AN ACCRUALS BASIS"],
            [None, "Service Block", "COR1/2 Total Expenditure", "Acquisition of Share/Loan Capital",
             "Total Capital Expenditure", "Expenditure by virtue of S.16(2)(b) Direction"], [],
            [1, "Education (line 5)", 6106010, 559, 6106569, 7733], [2, "Transport (line 13)", 7492230, 450657, 7942887, 1012],
            [3, "Social Services (line 14)", 312321, 150, 312471, 11724], [4, "Housing (line 15)", 4060878, 1855, 4062733, 2112]]
    table, = read_file(write_xlsx(tmp_path / "dropdown.xlsx", {"LA dropdown": rows})).tables
    cells = {o.cell: o for o in table.observations}
    assert (cells["C10"].value, cells["C10"].unit, cells["C10"].measure) == (6106010000, "GBP", "COR1/2 Total Expenditure")
    assert (cells["F13"].value, cells["F13"].unit) == (2112000, "GBP")
