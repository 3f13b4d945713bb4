"""A General Fund summary as councils print it: directorates under headings closed by their totals,
``Net Service Expenditure`` adding them up, corporate lines, ``Net Budget Requirement`` adding those
to it, a Funding section closed by ``Total Funding``, and the net position after funding, budgeted
at nothing. The old reading took the Net Budget Requirement and the net position for lines (the
briefing's largest overspends were "Net Budget Requirement £5,500k and Net (Surplus) / Deficit
£5,000k"), put the corporate line under the last directorate's heading, led on the Net Service
Expenditure, and ``check`` said Total Funding did not add up."""

from awkward_workbooks import write_xlsx
from pypdf import PdfReader

from memberpack.analysis.checks import check_pack
from memberpack.analysis.headlines import headlines
from memberpack.cli import main
from memberpack.importers import read_file
from memberpack.store.pack import Pack

_ROWS = [["Appendix A - General Fund Revenue Monitoring 2024/25 Month 9"], ["£000"],
         ["Service", "Revised Budget", "Forecast Outturn", "Variance"],
         ["Adults and Health"], ["Older People", 45000, 47200, 2200], ["Mental Health", 12000, 12300, 300],
         ["Adults and Health Total", 57000, 59500, 2500],
         ["Children and Families"], ["Placements", 30000, 34000, 4000], ["Social Work", 15000, 14800, -200],
         ["Children and Families Total", 45000, 48800, 3800],
         ["Place"], ["Highways", 10000, 9700, -300], ["Waste", 14000, 14100, 100], ["Place Total", 24000, 23800, -200],
         ["Net Service Expenditure", 126000, 132100, 6100],
         ["Corporate and Capital Financing", 8000, 7400, -600],
         ["Net Budget Requirement", 134000, 139500, 5500],
         ["Funding"], ["Council Tax", -95000, -95000, 0], ["Business Rates", -30000, -30500, -500],
         ["Revenue Support Grant", -9000, -9000, 0], ["Total Funding", -134000, -134500, -500],
         ["Net (Surplus) / Deficit", 0, 5000, 5000]]


def test_each_running_total_is_a_total_and_the_briefing_leads_on_the_budget_requirement(tmp_path):
    path = write_xlsx(tmp_path / "gf.xlsx", {"Appendix A": _ROWS})
    table, = read_file(path).tables
    rows = {o.label: (o.row_role, o.section) for o in table.observations}
    assert rows["Net Budget Requirement"] == rows["Net (Surplus) / Deficit"] == ("total", None)
    assert rows["Corporate and Capital Financing"] == ("data", None)
    assert rows["Total Funding"] == ("subtotal", "Funding")
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path)]) == 0
    with Pack.open(pack) as opened:
        assert check_pack(opened) == []
        position = headlines(opened).budget
    assert (position.label, position.budget, position.variance) == ("Net Budget Requirement", 134e6, 5.5e6)
    assert main(["export", str(pack), "-o", str(tmp_path / "b.pdf")]) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(tmp_path / "b.pdf").pages)
    assert ("Net forecast overspend of £5.5m at 2024/25 Month 9, 4.1% of the £134.0m budget. Largest overspends: "
            "Placements £4.0m and Older People £2.2m.") in text
    assert "More income than budgeted: Business Rates £500k." in text


def test_one_directorate_s_summary_has_its_budget_requirement_and_net_position_for_totals(tmp_path):
    """With one directorate there is no Net Service Expenditure: the directorate's total heads the
    running sum, so the Net Budget Requirement adding it and the corporate line up is a total (the
    old reading took it and the net position for lines, and the headline summed the sub totals:
    "Net forecast overspend of £3,300k, 41.2% of the (£8,000k) budget")."""
    rows = _ROWS[:3] + _ROWS[7:11] + [_ROWS[16], ["Net Budget Requirement", 53000, 56200, 3200], ["Funding"],
                                      ["Council Tax", -40000, -40000, 0], ["Business Rates", -13000, -13500, -500],
                                      ["Total Funding", -53000, -53500, -500],
                                      ["Net (Surplus) / Deficit", 0, 2700, 2700]]
    path = write_xlsx(tmp_path / "gf.xlsx", {"Appendix A": rows})
    table, = read_file(path).tables
    roles = {o.label: (o.row_role, o.section) for o in table.observations}
    assert roles["Net Budget Requirement"] == roles["Net (Surplus) / Deficit"] == ("total", None)
    assert roles["Corporate and Capital Financing"] == ("data", None)
    assert roles["Children and Families Total"] == ("subtotal", "Children and Families")
    pack = tmp_path / "p.mpack"
    assert main(["import", str(pack), str(path)]) == 0
    with Pack.open(pack) as opened:
        assert check_pack(opened) == []
        position = headlines(opened).budget
    assert (position.label, position.budget, position.variance) == ("Net Budget Requirement", 53e6, 3.2e6)
