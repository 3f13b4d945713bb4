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
