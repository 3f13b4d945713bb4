"""What a hold-out batch of published social care and inclusion files taught (tests/corpus: the DfE's
looked-after children and care leavers tables by local authority, its looked-after children's absence
table exported to CSV, the NHS Information Centre's adult social care activity return by council):
shapes read wrong the first time, each rebuilt here small."""

from openpyxl import Workbook

from memberpack.importers import read_file


def _years_with_a_last_block_labelled_off_its_start(path):
    """A published table saved as CSV (no merges): a year over the first column of each block of
    measures, blank spacer columns inside the blocks, and the last block's label ('2011 (6 terms)')
    written over its middle column, where it had been centred."""
    wb = Workbook()
    ws = wb.active
    ws.title = "LA10"
    ws.append(["Table LA10: Absence from school of children looked after"])
    ws.append(["Years: 2009-2011"])
    ws.append([])
    ws.append([None, None, "2009 (5 terms)", None, None, None, None, "2010 (5 terms)", None, None, None, None,
               "2011 (5 terms)", None, None, None, None, None, None, "2011 (6 terms)", None, None])
    head = ["Number matched", None, "Overall absence", "Persistent absentees", None]
    ws.append([None, None, *head, *head, *head, *head])
    ws.append([])
    for name, base in (("ENGLAND", 1.0), ("Darlington", 2.0), ("Durham", 3.0), ("Gateshead", 4.0)):
        ws.append([name, None, *[v for year in range(4) for v in (100 * base + year, None, base + year / 10,
                                                                  10 * base + year, None)]])
    wb.save(path)
    return path


def test_a_last_block_labelled_over_its_middle_column_takes_its_label(tmp_path):
    """The labels stood at one step but the last ('2013 (6 terms)' at BE of a block starting at BA):
    no block was found, so every column but the labelled ones was dated by the title's '2009-2013'."""
    table = read_file(_years_with_a_last_block_labelled_off_its_start(tmp_path / "la10.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["E8"].period, by_cell["E8"].value) == ("2009", 2.0)
    assert (by_cell["J9"].period, by_cell["J9"].value) == ("2010", 3.1)
    assert by_cell["J9"].measure == "2010 (5 terms) Overall absence"
    assert (by_cell["R10"].period, by_cell["R10"].value) == ("2011", 403.0)
    assert by_cell["R10"].measure == "2011 (6 terms) Number matched"
    assert (by_cell["U10"].period, by_cell["U10"].value) == ("2011", 43.0)
    assert by_cell["U10"].measure == "2011 (6 terms) Persistent absentees"


def _units_over_the_last_column_of_each_block(path):
    """The DfE's care leavers tables: 'numbers' and 'percentages' written once each, right-aligned over
    the last column of their block, the same measures named again under 'percentages' (whole numbers
    of per cent, shown like the counts, '#,##0'), spacer columns inside and between the blocks."""
    wb = Workbook()
    ws = wb.active
    ws.title = "LAF1a"
    ws.append(["Table LAF1a: Care leavers now aged 19, 20 and 21 by contact with Local Authority"])
    ws.append(["Year ending 31 March 2016"])
    ws.append([])
    ws.append([None] * 7 + ["numbers"] + [None] * 5 + ["percentages"])
    names = ["All care leavers", None, "In touch with care leaver", "Refuses contact", "Not in touch"]
    ws.append(["LA Code", None, None, *names, None, *names])
    ws.append([])
    for code, number, name, counts in ((None, None, "England", (26340, 23000, 530, 2100)),
                                       (None, None, "North East", (1220, 1070, 10, 90)),
                                       ("E06000005", 841, "Darlington", (60, 30, 0, 30)),
                                       ("E06000047", 840, "Durham", (170, 165, 0, 5)),
                                       ("E08000037", 390, "Gateshead", (120, 105, 0, 15))):
        shares = [round(100 * n / counts[0]) for n in counts]
        ws.append([code, number, name, counts[0], None, *counts[1:], None, shares[0], None, *shares[1:]])
    for row in ws.iter_rows(min_row=7, min_col=4):
        for cell in row:
            cell.number_format = "#,##0"
    wb.save(path)
    return path


def test_units_written_over_the_last_column_of_their_blocks_name_the_whole_block(tmp_path):
    """'percentages' stood over the last column of its block alone, so the other percentages (87 of
    England's care leavers in touch) were read as counts, in a table read as confident."""
    table = read_file(_units_over_the_last_column_of_each_block(tmp_path / "laf1a.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["L7"].value, by_cell["L7"].unit) == (87.0, "percent")
    assert "In touch with care leaver" in by_cell["L7"].measure
    assert (by_cell["J10"].value, by_cell["J10"].unit) == (100.0, "percent")
    assert (by_cell["F7"].value, by_cell["F7"].unit) == (23000.0, "count")
    assert (by_cell["H11"].value, by_cell["H11"].unit) == (15.0, "count")
    assert by_cell["F7"].measure != by_cell["L7"].measure


def _units_merged_over_their_blocks(path):
    """The DfE's placements table: 'numbers' and 'percentages' each merged over its block of the same
    measures, above the measures' own header, the percentages whole numbers shown like the counts."""
    wb = Workbook()
    ws = wb.active
    ws.title = "LAA3"
    ws.append(["Table LAA3: Children looked after at 31 March by placement"])
    ws.append(["Year ending 31 March 2016"])
    ws.append([])
    ws.append([None, None, None, "numbers", None, None, None, "percentages"])
    ws.merge_cells("D4:F5")
    ws.merge_cells("H4:J5")
    ws.append([])
    names = ["All children looked after", "Foster placements", "Placed for adoption"]
    ws.append(["LA code", None, None, *names, None, *names])
    ws.append([])
    for code, number, name, counts in ((None, None, "England", (70440, 51850, 2940)),
                                       ("E06000005", 841, "Darlington", (205, 150, 10)),
                                       ("E06000047", 840, "Durham", (680, 540, 25)),
                                       ("E08000037", 390, "Gateshead", (345, 270, 15))):
        shares = [round(100 * n / counts[0]) for n in counts]
        ws.append([code, number, name, *counts, None, *shares])
    for row in ws.iter_rows(min_row=8, min_col=4):
        for cell in row:
            cell.number_format = "#,##0"
    wb.save(path)
    return path


def test_units_merged_over_their_blocks_above_the_header_name_each_column(tmp_path):
    """'percentages' merged over its block, above the header, was no units row ('percentages' is no
    unit word) nor a header row: England's 74% of children in foster placements was a count."""
    table = read_file(_units_merged_over_their_blocks(tmp_path / "laa3.xlsx")).tables[0]
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["I8"].value, by_cell["I8"].unit) == (74.0, "percent")
    assert (by_cell["H10"].value, by_cell["H10"].unit) == (100.0, "percent")
    assert (by_cell["E8"].value, by_cell["E8"].unit) == (51850.0, "count")
    assert "Foster placements" in by_cell["I8"].measure
