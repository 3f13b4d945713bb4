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


def _sheets_ods(path, long_rows):
    """A long first sheet, a short one not wanted, and a short last sheet of percentages."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    for name, rows in (("Long", long_rows), ("Notes", 3), ("Rates", 5)):
        table = Table(name=name)
        for r in range(rows):
            tr = TableRow()
            for c in range(4):
                cell = TableCell(valuetype="percentage", value=(r + c) / 100)
                cell.addElement(P(text=f"{r + c}.0%"))
                tr.addElement(cell)
            table.addElement(tr)
        doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


@pytest.mark.parametrize("chunk", [97, 1_000, 1 << 16])
def test_sheets_after_a_long_one_have_their_formats_without_its_rows_parsed(tmp_path, monkeypatch, chunk):
    """Past a sheet's first rows the bytes are only searched for the next sheet's start (here in
    chunks that cut every tag somewhere): the formats found are those of parsing every byte."""
    from memberpack.importers import ods_formats

    path = _sheets_ods(tmp_path / "three.ods", long_rows=ods_formats.FORMAT_ROWS + 300)
    monkeypatch.setattr(ods_formats, "_CHUNK", chunk)
    skipped = ods_formats.read_ods_formats(path, ["Long", "Rates"])
    with monkeypatch.context() as m:
        m.setattr(ods_formats, "_opening", lambda head: (b"", None))   # every byte parsed
        parsed = ods_formats.read_ods_formats(path, ["Long", "Rates"])
    assert skipped == parsed
    assert set(skipped) == {"Long", "Rates"}
    assert skipped["Rates"].codes[(4, 3)] == "0.0%" and len(skipped["Rates"].codes) == 20
    assert skipped["Long"].rows_read == ods_formats.FORMAT_ROWS
