"""What councillors and clerks read, held to the figures (round 20): each case is a small workbook
built here, imported and exported through the command line, and its words read back from the PDF
and the HTML briefing."""

from __future__ import annotations

from html import unescape

import openpyxl
from test_truth17 import exported_texts

from memberpack.cli import main


def _briefing(tmp_path, source, imported: bool = False) -> tuple[str, str]:
    """The PDF's and the HTML's text, white space made single, of a pack importing ``source`` (or
    having ``imported`` it already)."""
    pack = tmp_path / "p.mpack"
    assert imported or main(["import", str(pack), str(source)]) == 0
    return exported_texts(tmp_path, pack)


def test_a_reserves_chart_draws_the_closing_balance(tmp_path):
    """An earmarked reserves statement (opening balance, contributions, drawdowns, closing balance)
    was charted by its opening balance: "Transformation reserve the largest, at £4.0m", a reserve
    drawn down to £500k by the year's end."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Reserves"
    ws.append(["Earmarked reserves 2023/24"])
    ws.append([])
    ws.append(["Reserve", "Opening balance £000", "Contributions £000", "Drawdowns £000", "Closing balance £000"])
    for row in (("Insurance reserve", 2500, 300, -800, 2000), ("Transformation reserve", 4000, 0, -3500, 500),
                ("Business rates reserve", 1200, 900, 0, 2100), ("Public health reserve", 800, 100, -50, 850),
                ("Total", 8500, 1300, -4350, 5450)):
        ws.append(list(row))
    wb.save(tmp_path / "reserves.xlsx")
    for text in _briefing(tmp_path, tmp_path / "reserves.xlsx"):
        assert "Opening balance £000: £8.5m in total" not in text
        assert "Closing balance £000: £5.5m in total in 2023/24; Business rates reserve the largest, at £2.1m; " \
               "lowest for Transformation reserve, at £500k." in text
        assert "Not charted (one measure per bar chart; the table has them all): Opening balance £000;" in text


RLO, PDF, RLI, PDI = "\u202e", "\u202c", "\u2067", "\u2069"


def test_an_open_right_to_left_override_reorders_nothing_after_its_own_text(tmp_path):
    """A row label and a member's name each opening a right-to-left override (U+202E) and never
    closing it: the HTML briefing wrote them as they were, so "Cllr ‮Smith · 08/12/2026 · on
    Placements" and "Largest overspends: ‮Fieldwork teams £300,000 and Transport" read backwards
    from the name on."""
    source = tmp_path / "monitor.csv"
    source.write_text(f"Service,Budget £,Forecast £,Variance £\n{RLO}Fieldwork teams,9100000,9400000,300000\n"
                      "Placements,12000000,11500000,-500000\nTransport,3000000,3100000,100000\n", encoding="utf-8")
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(source)]) == 0
    assert main(["notes", "add", str(pack), "--label", "Placements", "--measure", "Variance", "--kind", "question",
                 "--text", f"Why {RLO}is this so low", "--author", f"Cllr {RLO}Smith"]) == 0
    pdf, html = _briefing(tmp_path, source, imported=True)[0], (tmp_path / "b.html").read_text(encoding="utf-8")
    for text in (pdf, unescape(html)):
        assert f"Largest overspends: {RLO}Fieldwork teams{PDF} £300,000 and Transport £100,000." in text
        assert f"Cllr {RLO}Smith{PDF} · " in text
        assert f"Why {RLO}is this so low{PDF}" in text
        assert text.count(RLO) == text.count(PDF)
    assert f'<th scope="row">{RLO}Fieldwork teams{PDF}</th>' in html


def test_closed_bidi_closes_what_is_left_open_innermost_first():
    from memberpack.model.bidi import closed_bidi

    assert closed_bidi("Smith") == "Smith"
    assert closed_bidi(f"a{RLO}b{PDF}c") == f"a{RLO}b{PDF}c"
    assert closed_bidi(f"a{RLI}b{RLO}c") == f"a{RLI}b{RLO}c{PDF}{PDI}"
    assert closed_bidi(f"a{RLO}b{RLI}c{PDF}") == f"a{RLO}b{RLI}c{PDF}{PDI}{PDF}"   # a PDF closes no isolate
    assert closed_bidi(f"a{RLI}b{RLO}c{PDI}") == f"a{RLI}b{RLO}c{PDI}"   # a PDI closes what it holds


def test_a_revision_note_over_a_column_is_its_note_not_its_name(tmp_path):
    """Defra's waste indicators: "2022/23 figures revised in this column - March 2024" over one
    column's header had been read as the start of its name, so the measure a member read was
    "2022/23 figures revised in this column - March 2024 Collected household waste per person (kg)"."""
    from memberpack.importers import read_file

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Table_3"
    for row in (["Table 3: Selected Waste Indicators 2010-11 to 2022-23"], [],
                [None, None, None, None, "2022/23 figures revised in this column -  March 2024"],
                ["Year", "ONS code", "Authority", "Residual household waste per household (kg/household)",
                 "Collected household waste per person (kg)"]):
        ws.append(row)
    for year in ("2010-11", "2022-23"):
        for n, (code, name) in enumerate((("E08000003", "Manchester City Council MBC"), ("E08000009", "Trafford MBC"),
                                          ("E06000024", "North Somerset Council"))):
            ws.append([year, code, name, 400.5 + n, 300.25 + n])
    wb.save(tmp_path / "waste.xlsx")
    (table,) = read_file(tmp_path / "waste.xlsx").tables
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["E6"].measure, by_cell["E6"].value, by_cell["E6"].period) == \
        ("Collected household waste per person (kg)", 301.25, "2010/11")
    assert table.report.notes == ["Collected household waste per person (kg): 2022/23 figures revised in this column "
                                  "- March 2024"]


def test_a_drop_downs_list_beside_the_tables_leaves_their_titles_alone(tmp_path):
    """DCLG's COR4 drop-down sheet keeps the list its authority drop-down picks from in column K,
    from the row above the third table down past the last: "North East" stood beside that table's
    title "B. RESOURCES USED TO FINANCE CAPITAL EXPENDITURE IN 2007-08", which was read as a header
    over the line numbers, so the table was untitled and ran out to column K."""
    from memberpack.importers import read_file

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "LA dropdown"
    ws.append(["£ thousand"])
    ws.append([])
    ws.append([None, "Capital Receipts", None, None, "England"])
    for n, (line, value) in enumerate((("Sales of land", 2664), ("Sales of buildings", 1200), ("Other", 300))):
        ws.append([n + 1, line, None, None, value])
    ws.append([])
    names = ["England", "North East", "North West", "Yorkshire and Humber"] + [f"Council {i}" for i in range(40)]
    lines = [("Capital grants from central government departments", 6893380),
             ("Use of capital receipts", 2664937), ("Capital expenditure financed from the General Fund", 1203668),
             ("Other borrowing not supported by central government", 3186097)]
    rows = [[], [None, "B. RESOURCES USED TO FINANCE CAPITAL EXPENDITURE IN 2007-08"], []]
    rows += [[16 + n, line, None, None, value] for n, (line, value) in enumerate(lines)]
    rows += [[]] * (len(names) - len(rows))
    for row, name in zip(rows, names):
        ws.append([*row, *[None] * (10 - len(row)), name])
    wb.save(tmp_path / "cor4.xlsx")
    read = read_file(tmp_path / "cor4.xlsx")
    titles = [t.layout.title for t in read.tables]
    assert "B. RESOURCES USED TO FINANCE CAPITAL EXPENDITURE IN 2007-08" in titles
    (table,) = [t for t in read.tables if t.layout.title.startswith("B. RESOURCES")]
    by_cell = {o.cell: o for o in table.observations}
    assert (by_cell["E11"].label, by_cell["E11"].value) == ("Capital grants from central government departments",
                                                            6893380)
    assert not [o for o in table.observations if o.cell.startswith("K")]
    assert f"sheet 'LA dropdown': cells K8:K51 not read: a list of {len(names)} names beside the tables, with no " \
           "figures (as a drop-down's list of choices)" in read.report.warnings
