"""A reserves statement's headline names what it compares: the closing balance against the opening
one (``£5.5m at the close of 2023/24, down £3.0m from the opening £8.5m``), not ``down £3.0m from
£8.5m in 2023/24``, which reads as if £8.5m were the year's own balance. A table of balances at
dates keeps saying the date each is from."""

import re

import openpyxl
import pypdf

from memberpack.analysis.headlines import Item
from memberpack.cli import main


def _briefing(tmp_path, head, lines, title="Usable reserves 2023/24"):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Reserves"
    for row in [[title], ["£000"], [], head, *lines]:
        sheet.append(row)
    book.save(tmp_path / "reserves.xlsx")
    pack, pdf = tmp_path / "p.mpack", tmp_path / "b.pdf"
    assert main(["import", str(pack), str(tmp_path / "reserves.xlsx")]) == 0
    assert main(["export", str(pack), "-o", str(pdf)]) == 0
    assert main(["export", str(pack), "-o", str(tmp_path / "b.html")]) == 0
    page = " ".join(" ".join((p.extract_text() or "").split()) for p in pypdf.PdfReader(pdf).pages[:3])
    return page.split("Reserves and deficits", 1)[1]


def _html(tmp_path):
    return " ".join(re.sub(r"<[^>]+>", " ", (tmp_path / "b.html").read_text(encoding="utf-8")).split())


def test_a_closing_balance_is_told_against_its_opening_one(tmp_path):
    told = _briefing(tmp_path, ["Reserve", "Opening balance", "Movement", "Closing balance"],
                     [["General Fund reserve", 5_000, -1_200, 3_800],
                      ["Earmarked reserves", 3_500, -1_800, 1_700],
                      ["Total usable reserves", 8_500, -3_000, 5_500]])
    assert "£5.5m at the close of 2023/24, down £3.0m from the opening £8.5m" in told, told[:800]
    assert "from £8.5m in" not in told
    assert "£5.5m at the close of 2023/24, down £3.0m from the opening £8.5m" in _html(tmp_path)


def test_balances_at_two_dates_keep_their_dates(tmp_path):
    told = _briefing(tmp_path, ["Reserve", "31 March 2023", "31 March 2024"],
                     [["General Fund reserve", 5_000, 3_800], ["Earmarked reserves", 3_500, 1_700],
                      ["Total usable reserves", 8_500, 5_500]], "Usable reserves")
    assert "opening" not in told and "at the close" not in told
    assert "£5.5m, down £3.0m from £8.5m in Mar 2023" in told, told[:800]
    assert "£5.5m, down £3.0m from £8.5m in Mar 2023" in _html(tmp_path)


def test_a_closing_balance_within_the_year_is_not_said_to_be_the_years_close():
    """A monitor's Month 6 reserves statement: its closing balance is the year's forecast, not a
    balance at the close of Month 6."""
    item = Item("Reserves", "Total", "Forecast closing balance", "£5.5m", 5_500_000, -3_000_000, "£8.5m",
                period="Month 6 2023/24", previous_period="Month 6 2023/24", moved_by="£3.0m", from_opening=True)
    assert item.with_earlier == "£5.5m closing balance, down £3.0m from the opening £8.5m"
