"""A figure's ``display`` is the text Excel shows for it: 15 significant digits, halves rounded away
from zero, General cells at most 11 characters wide."""

import pytest
from awkward_workbooks import observations, write_xlsx

from memberpack.model.number_formats import render


@pytest.mark.parametrize("number, code, shown", [
    (-1234.5, "#,##0;(#,##0)", "(1,235)"),       # Python's own rounding gives (1,234)
    (2.675, "0.00", "2.68"),                     # 2.67499999... in binary, 2.675 to Excel
    (0.125, "0.00", "0.13"),
    (2.5, "0", "3"),
    (-0.05, "0.0", "-0.1"),
    (0.34285, "0.00%", "34.29%"),
    (1234567.5, "#,##0", "1,234,568"),
    (0.7000000000000011, None, "0.7"),            # 9.8 - 9.1, worked out by a formula
    (0.30000000000000004, "General", "0.3"),
    (-0.7000000000000011, None, "-0.7"),
    (1e-05, None, "0.00001"),
    (1234.5678901234, None, "1234.56789"),
    (123456789012.5, None, "1.23457E+11"),
    (1e-12, None, "1E-12"),
    (53.7, None, "53.7"),
])
def test_render_shows_what_excel_shows(number, code, shown):
    assert render(number, code) == shown


def test_a_variance_worked_out_in_the_workbook_reads_as_excel_shows_it(tmp_path):
    path = write_xlsx(tmp_path / "v.xlsx", {"M6": [["Service", "Budget £m", "Forecast £m", "Variance £m"],
                                                   ["Fieldwork", 9.1, 9.8, 9.8 - 9.1],
                                                   ["Disabilities", 6.8, 6.3, 6.3 - 6.8]]},
                      formats={"M6": {"D3": "#,##0.0;(#,##0.0)"}})
    obs = observations(path)
    assert (obs[("M6", "D2")].display, obs[("M6", "D2")].value) == ("0.7", 700_000)
    assert (obs[("M6", "D3")].display, obs[("M6", "D3")].value) == ("(0.5)", -500_000)


def test_thousands_scaled_by_a_trailing_comma():
    assert render(1_234_567, "#,##0,") == "1,235" and render(2_500_000, "#,##0.0,,") == "2.5"


def test_a_legacy_xls_keeps_its_percentages_and_brackets(tmp_path):
    xlwt = pytest.importorskip("xlwt", reason="xlwt writes the legacy .xls test file")
    book = xlwt.Workbook()
    sheet = book.add_sheet("KPI")
    for c, text in enumerate(["Measure", "Q1 2023/24", "Q2 2023/24"]):
        sheet.write(0, c, text)
    percent, brackets = xlwt.easyxf(num_format_str="0.0%"), xlwt.easyxf(num_format_str="#,##0.0;(#,##0.0)")
    sheet.write(1, 0, "EET care leavers")
    sheet.write(1, 1, 0.3429, percent)
    sheet.write(1, 2, 0.5, percent)
    sheet.write(2, 0, "Variance £m")
    sheet.write(2, 1, -0.5, brackets)
    sheet.write(2, 2, 1234.5, brackets)
    book.save(str(tmp_path / "kpi.xls"))
    obs = observations(tmp_path / "kpi.xls")
    assert [(obs[("KPI", c)].value, obs[("KPI", c)].unit, obs[("KPI", c)].display) for c in ("B2", "C2")] == [
        (34.29, "percent", "34.3%"), (50, "percent", "50.0%")]
    assert [(obs[("KPI", c)].value, obs[("KPI", c)].display) for c in ("B3", "C3")] == [
        (-500_000, "(0.5)"), (1_234_500_000, "1,234.5")]


def test_an_xls_whose_formats_cannot_be_read_is_read_without_them(tmp_path):
    from memberpack.importers.xls_formats import read_xls_formats

    (tmp_path / "x.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))
    assert read_xls_formats(tmp_path / "x.xls", ["S"]) is None
