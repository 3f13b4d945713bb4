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


def _full_parse(path, names):
    """Every sheet's formats from a parse of the whole of content.xml, nothing passed over."""
    import zipfile
    from xml.etree.ElementTree import XMLPullParser

    from memberpack.importers.ods_formats import _Walk

    found = {}
    state, parser = _Walk(found, set(names)), XMLPullParser(events=("start", "end"))
    parser.feed(zipfile.ZipFile(path).read("content.xml"))
    for event, element in parser.read_events():
        state.step(event, element)
    return found


@pytest.mark.parametrize("chunk", [64, 1_000, 1 << 16])
def test_rows_passed_over_leave_every_sheets_formats_as_a_full_parse_finds_them(tmp_path, monkeypatch, chunk):
    from ods_workbooks import awkward_content, write_ods

    from memberpack.importers import ods_formats

    monkeypatch.setattr(ods_formats, "FORMAT_ROWS", 120)
    monkeypatch.setattr(ods_formats, "_CHUNK", chunk)
    content = awkward_content(400).replace("><table:table ", ">\n<table:table\n ")   # start tags across lines too
    path = write_ods(tmp_path / "release.ods", content)
    names = ["Cover", "Table 1", "Table 2"]   # "Lookups", hidden, is passed over whole
    found = ods_formats.read_ods_formats(path, names)
    assert found == _full_parse(path, names)
    assert found["Table 1"].codes[(3, 4)] == "0.00%" and found["Table 2"].codes[(1, 3)] == "0.00;(0.00)"
    assert found["Table 1"].rows_read == 120 and "Lookups" not in found


def test_a_long_first_sheet_does_not_keep_the_next_sheets_formats_from_being_read(tmp_path, monkeypatch):
    from ods_workbooks import NAMESPACES, number, row, text, write_ods

    from memberpack.importers import ods_formats

    monkeypatch.setattr(ods_formats, "MAX_BYTES", 200_000)   # of XML parsed: the first rows, not the long sheet
    long_rows = "".join(row(text(f"Line {i}"), number(i)) for i in range(3_000))
    assert len(long_rows) > 2 * ods_formats.MAX_BYTES
    share = '<table:table-cell office:value-type="percentage" office:value="0.25"><text:p>25.0%</text:p></table:table-cell>'
    path = write_ods(tmp_path / "two.ods", (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES}><office:body><office:spreadsheet>'
        f'<table:table table:name="Ledger">{long_rows}</table:table>'
        f'<table:table table:name="Summary">{row(text("Share"), share)}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"))
    found = ods_formats.read_ods_formats(path, ["Ledger", "Summary"])
    assert found["Summary"].codes == {(0, 1): "0.0%"}
    assert found["Ledger"].rows_read == ods_formats.FORMAT_ROWS


def test_a_figure_shown_with_fewer_decimals_than_its_value_shows_as_the_sheet_does(tmp_path):
    """The Home Office's % change cells hold 0.437636761 and show ``0.4`` (a one-decimal style): the
    display had been every decimal, printed so in the briefing. A figure General shows whole stays so."""
    from memberpack.importers import ods_formats

    path = _ods(tmp_path / "police.ods", [
        ["Force", "Change number", "Change %", "FTE"],
        ["North East", ("float", 24, "24"), ("float", 0.437636761487965, "0.4"), ("float", 315.42, "315")],
        ["Cleveland", ("float", 22, "22"), ("float", -1.800327332242226, "-1.8"), ("float", 9.123, "9.123")],
    ])
    obs = observations(path)
    assert [obs[("KPI", c)].display for c in ("B2", "C2", "D2", "C3", "D3")] == ["24", "0.4", "315", "-1.8", "9.123"]
    assert obs[("KPI", "C2")].value == pytest.approx(0.437636761487965)
    assert ods_formats.read_ods_formats(path, ["KPI"]) == ods_formats._parsed(path, ["KPI"])
