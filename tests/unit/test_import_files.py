"""CSV encodings and delimiters, and the other workbook formats (.xlsm, .xls, .ods)."""

import pytest

from awkward_workbooks import observations, write_ods, write_xls, write_xlsx
from memberpack.importers import read_file


def test_windows_1252_csv_keeps_the_pound_sign(tmp_path):
    path = tmp_path / "agency.csv"
    path.write_bytes('Agency spend £,2016/17,2017/18\nSocial workers,"£1,700,734","£1,158,238"\n'.encode("cp1252"))
    result = read_file(path)
    obs = {o.cell: o for o in result.tables[0].observations}
    assert (obs["B2"].value, obs["B2"].unit, obs["B2"].display, obs["B2"].period) == (
        1_700_734, "GBP", "£1,700,734", "2016/17")
    assert "Windows-1252" in result.report.warnings[0]


def test_utf8_bom_csv_does_not_leak_the_bom_into_the_first_header(tmp_path):
    path = tmp_path / "bom.csv"
    path.write_bytes("\ufeffIndicator,Q1\nChildren looked after,227\n".encode("utf-8"))
    result = read_file(path)
    (table,) = result.tables
    assert table.layout.label_column == "A" and table.observations[0].value == 227
    assert "UTF-8 with BOM" in result.report.warnings[0]
    assert table.report.header_rows == [1] and table.observations[0].label == "Children looked after"


@pytest.mark.parametrize("name, encoding", [("agency.txt", "utf-16-le"), ("agency.csv", "utf-16-be")])
def test_excels_unicode_text_is_read_not_called_a_binary_file(tmp_path, name, encoding):
    """Excel's "Unicode Text" (.txt, tab-separated UTF-16) was refused as "a binary file with a .csv name"."""
    path = tmp_path / name
    bom = "\ufeff".encode(encoding)
    path.write_bytes(bom + "Agency spend £\t2016/17\nSocial workers\t£1,700,734\n".encode(encoding))
    result = read_file(path)
    obs = {o.cell: o for o in result.tables[0].observations}
    assert (obs["B2"].value, obs["B2"].unit, obs["B2"].display) == (1_700_734, "GBP", "£1,700,734")
    assert result.tables[0].observations[0].label == "Social workers"
    assert "read as UTF-16 text, tab-separated" in result.report.warnings[0]


def test_semicolon_csv_with_decimal_points(tmp_path):
    path = tmp_path / "semi.csv"
    path.write_text("School Type;Total on Roll;Persistent Absence %\nPrimary;37291;17.06\nPRU;127;85.04\n",
                    encoding="utf-8")
    obs = {o.cell: o for o in read_file(path).tables[0].observations}
    assert (obs["B2"].value, obs["C3"].value, obs["C3"].unit) == (37291, 85.04, "percent")
    assert "semicolon" in read_file(path).report.warnings[0]


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_excels_sep_line_names_the_delimiter_and_is_no_row(tmp_path, bom):
    """Excel writes ``sep=;`` as a CSV's first line to name its delimiter: the old reading sniffed
    commas in ``1,234.5`` and took the line for the table's title ("sep=; Service;Budget £k;..."), so
    every row was one cell of text and the variance column had no header."""
    path = tmp_path / "monitor.csv"
    path.write_text(f"{bom}sep=;\r\nService;Budget £k;Forecast £k;Variance £k\r\n"
                    "Adults;1,234.5;1,300.0;65.5\r\nChildren;980.0;950.0;(30.0)\r\n", encoding="utf-8")
    result = read_file(path)
    table, = result.tables
    obs = {o.cell: o for o in table.observations}
    assert (obs["B2"].label, obs["B2"].value, obs["D3"].value) == ("Adults", 1_234_500, -30_000)
    assert obs["D3"].measure == "Variance £k"
    assert not table.report.title
    assert 'semicolon-separated (as its first line "sep=;" says)' in result.report.warnings[0]


def test_a_byte_no_encoding_reads_near_a_sep_line_is_reported(tmp_path):
    """The ``sep=`` line was read before the decoding counted what it mended: a byte no encoding
    reads in the file's first 8 KB failed the import (IndexError)."""
    path = tmp_path / "monitor.csv"
    path.write_bytes(b"sep=;\r\nService;Budget \xa3k\r\nCare \x81;100\r\nSchools;200\r\nRoads;300\r\n")
    result = read_file(path)
    assert [o.value for o in result.tables[0].observations] == [100_000, 200_000, 300_000]
    assert any("1 byte could not be read as Windows-1252" in w for w in result.report.warnings)


def test_xlsm_is_read_like_xlsx(tmp_path):
    path = write_xlsx(tmp_path / "m.xlsx", {"S": [["Service", "Budget £m"], ["Fieldwork", 9.1]]})
    macro = tmp_path / "m.xlsm"
    macro.write_bytes(path.read_bytes())
    assert observations(macro)[("S", "B2")].value == 9_100_000


def test_xls_workbook(tmp_path):
    pytest.importorskip("xlwt", reason="xlwt writes the legacy .xls test file")
    path = write_xls(tmp_path / "old.xls", {"Summary": [["Service Area", "Current Budget £m"],
                                                        ["External Placements", 38.4]]})
    obs = observations(path)
    assert (obs[("Summary", "B2")].value, obs[("Summary", "B2")].label) == (38_400_000, "External Placements")


def test_ods_workbook(tmp_path):
    pytest.importorskip("odf", reason="odfpy writes the OpenDocument test file")
    path = write_ods(tmp_path / "open.ods", {"Attendance": [["School Type", "Total on Roll"], ["Primary", 37291]]})
    obs = observations(path)
    assert (obs[("Attendance", "B2")].value, obs[("Attendance", "B2")].label) == (37291, "Primary")


def test_a_finance_systems_run_date_is_not_the_period_of_its_figures(tmp_path):
    """A ledger's report header says when it was run and which period it is for: the old reading
    placed "Period: 8 (November 2024)" in the year of the run date, and told the briefing "at 2024"; it is
    Month 8 of 2024/25."""
    path = tmp_path / "gl.csv"
    path.write_text("Report:,GL Budget Monitoring\nRun date:,05/12/2024 08:14\nPeriod:,8 (November 2024)\n,,\n"
                    "Cost Centre,Description,Annual Budget £,Forecast Outturn £,Forecast Variance £\n"
                    "C1001,Older People Residential,12450000,13380000,930000\n"
                    "C1002,Older People Home Care,8100000,8050000,-50000\n", encoding="utf-8")
    table, = read_file(path).tables
    assert table.report.period == "2024/25 Month 8"


def test_a_csv_with_decimal_commas_is_refused_saying_so(tmp_path):
    """A CSV saved with continental settings (``1.234,5`` in a semicolon-separated file) holds no
    figure the UK way: the old refusal said only "no table found in the file"."""
    from memberpack.errors import ImportFailed

    path = tmp_path / "monitor.csv"
    path.write_text("Service;Budget £k;Forecast £k;Variance £k\nAdults;1.234,5;1.300,0;65,5\n"
                    "Children;980,0;950,0;(30,0)\nTotal;2.214,5;2.250,0;35,5\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"decimal comma \('1\.234,5'\).*save it with a decimal point"):
        read_file(path)
    title = tmp_path / "title.csv"
    title.write_text("Budget monitoring;Month 8\n", encoding="utf-8")
    with pytest.raises(ImportFailed, match=r"no table found in the file$"):
        read_file(title)
