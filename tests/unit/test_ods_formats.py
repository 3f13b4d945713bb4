"""An OpenDocument sheet's percentages stored as fractions, and its negatives shown in brackets,
read as LibreOffice shows them (the cell says so itself: its value type and its text)."""

import pytest

from awkward_workbooks import observations

odf = pytest.importorskip("odf", reason="odfpy writes the OpenDocument test file")


def _ods(path, rows, *, blank_rows=0):
    """``rows`` of (text or (value type, value, text shown)) cells, below ``blank_rows`` empty rows."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="KPI")
    if blank_rows:
        table.addElement(TableRow(numberrowsrepeated=blank_rows))
    for row in rows:
        tr = TableRow()
        for cell in row:
            kind, value, shown = ("string", None, cell) if isinstance(cell, str) else cell
            element = TableCell(valuetype=kind) if value is None else TableCell(valuetype=kind, value=value)
            element.addElement(P(text=shown))
            tr.addElement(element)
        table.addElement(tr)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def test_percentages_and_bracketed_negatives_read_as_shown(tmp_path):
    path = _ods(tmp_path / "kpi.ods", [
        ["Measure", "Q1 2023/24", "Q2 2023/24"],
        ["EET care leavers", ("percentage", 0.3429, "34.29%"), ("percentage", 0.5, "50%")],
        ["Variance £m", ("float", -0.5, "(0.5)"), ("float", 1234.5, "1,234.5")],
        ["Budget £m", ("float", 9.1, "9.10"), ("float", 9.123, "9.123")],
    ], blank_rows=2)
    obs = observations(path)
    eet, half = obs[("KPI", "B4")], obs[("KPI", "C4")]
    assert (eet.value, eet.unit, eet.display) == (34.29, "percent", "34.29%")
    assert (half.value, half.unit, half.display) == (50, "percent", "50%")
    variance, plain = obs[("KPI", "B5")], obs[("KPI", "C5")]
    assert (variance.value, variance.unit, variance.display) == (-500_000, "GBP", "(0.5)")
    assert (plain.value, plain.display) == (1_234_500_000, "1,234.5")
    assert [obs[("KPI", c)].display for c in ("B6", "C6")] == ["9.10", "9.123"]   # fixed decimals; General


def test_the_report_no_longer_says_ods_formats_are_not_read(tmp_path):
    from memberpack.importers import read_file

    path = _ods(tmp_path / "kpi.ods", [["Measure", "Q1"], ["EET", ("percentage", 0.25, "25%")]])
    assert not any("number formats are not read" in w for w in read_file(path).report.warnings)
