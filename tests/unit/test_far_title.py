"""A title set far from A1, over the table but right of its columns (DCLG's COR4 2000-01 drop-down
form: ``Capital Receipts`` in F40 over a header in B42:E42), is the table's title when it is the only
text above the header; the old reading named the table "(untitled)"."""

from openpyxl import Workbook

from memberpack.importers import read_file


def _form(path, title_at="F40", between=()):
    wb = Workbook()
    ws = wb.active
    ws.title = "England & LA dropdown"
    ws["B3"] = "£ thousand"
    ws["B8"] = "Service"
    ws["C8"], ws["D8"], ws["E8"] = "Expenditure", "Receipts", "Net"
    for n, (label, value) in enumerate([("Education", 118_741), ("Personal Social Services", 62_818),
                                        ("Transport", 98_422), ("Housing", 40_100)]):
        ws.append([]) if False else None
        ws.cell(10 + n, 1, n + 1)
        ws.cell(10 + n, 2, label)
        ws.cell(10 + n, 3, value)
        ws.cell(10 + n, 4, value // 10)
        ws.cell(10 + n, 5, value - value // 10)
    ws[title_at] = "Capital Receipts"
    for cell, text in between:
        ws[cell] = text
    ws["B42"], ws["C42"], ws["D42"], ws["E42"] = ("Service Block", "COR1/2 (col.13) Total Receipts",
                                                  "Disposal of Share/Loan Capital", "Total Capital Receipts")
    for n, label in enumerate(["Education (line 6)", "Personal Social Services (line 7)", "Transport (line 15)",
                               "Housing (line 30)"]):
        ws.cell(44 + n, 1, n + 1)
        ws.cell(44 + n, 2, label)
        ws.cell(44 + n, 3, 1000 * (n + 1))
        ws.cell(44 + n, 4, n)
        ws.cell(44 + n, 5, 1000 * (n + 1) + n)
    wb.save(path)
    return path


def _titles(path):
    return [t.report.title for t in read_file(path).tables]


def test_a_title_right_of_the_table_and_far_from_a1_is_found(tmp_path):
    assert _titles(_form(tmp_path / "cor4.xlsx"))[-1] == "Capital Receipts"
    assert _titles(_form(tmp_path / "left.xlsx", "B40"))[-1] == "Capital Receipts"


def test_a_text_far_off_to_the_right_names_no_table(tmp_path):
    """Within reason: a text twenty columns off the table's right edge is not its title."""
    assert _titles(_form(tmp_path / "far.xlsx", "Z40"))[-1] != "Capital Receipts"
