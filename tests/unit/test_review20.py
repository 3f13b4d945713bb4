"""What councillors and clerks read, held to the figures (round 20): each case is a small workbook
built here, imported and exported through the command line, and its words read back from the PDF
and the HTML briefing."""

from __future__ import annotations

import re
from html import unescape

import openpyxl
import pypdf

from memberpack.cli import main


def _briefing(tmp_path, source, imported: bool = False) -> tuple[str, str]:
    """The PDF's and the HTML's text, white space made single, of a pack importing ``source`` (or
    having ``imported`` it already)."""
    pack = tmp_path / "p.mpack"
    assert imported or main(["import", str(pack), str(source)]) == 0
    assert main(["export", str(pack), "-o", str(tmp_path / "b.pdf")]) == 0
    assert main(["export", str(pack), "-o", str(tmp_path / "b.html")]) == 0
    pdf = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(tmp_path / "b.pdf").pages)
    html = unescape(re.sub(r"<[^>]+>", " ", (tmp_path / "b.html").read_text(encoding="utf-8")))
    return pdf, " ".join(html.split())


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

