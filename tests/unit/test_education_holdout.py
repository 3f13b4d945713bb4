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
