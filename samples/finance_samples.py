"""Finance samples: budget monitors, sub-budget breakdowns, DSG, the wide Month 9 table, agency spend."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

from sheet_writing import M1, WHOLE, new_sheet, put, titles, widths

# --- 23/24 General Fund budget monitor ------------------------------------------------------------
# seed 004 T004-4 (slides "2023/24 Children's Budget Monitoring", 12 December 2023), every row as in the
# seed: label, current budget, full year projection, Month 6 variance, A/(F), RAG, movement from Month 5.
# Group header rows come first, then their service lines, then "sub total". All subtotals check.
BUDGET_M6 = [
    ("Children & Families", None),
    ("Prevention Services", (5.7, 5.8, 0.1, "A", "Red", 0.1)),
    ("Fostering & Permanence", (13.3, 12.6, -0.7, "(F)", "Green", -0.7)),
    ("External Placements", (38.4, 48.8, 10.4, "A", "Red", 0.3)),
    ("Fieldwork", (9.1, 10.0, 0.9, "A", "Red", 0.9)),
    ("Disabilities", (6.8, 6.3, -0.5, "(F)", "Green", -0.5)),
    ("Partnership, Audit & Quality", (2.7, 2.7, 0.0, "-", "Green", 0.0)),
    ("Children Looked After", (4.7, 4.9, 0.2, "A", "Red", 0.2)),
    ("Leaving Care", (2.2, 2.5, 0.3, "A", "Red", 0.3)),
    ("CSC Management", (-0.9, -0.9, 0.0, "-", "Green", 0.0)),
    ("C&F Apportionments", (0.0, 0.0, 0.0, "-", "Green", 0.0)),
    ("sub total", (82.0, 92.7, 10.7, "A", "Red", 0.6)),
    ("Commissioning and Performance", None),
    ("C&P Commissioning", (2.0, 2.0, 0.0, "-", "Green", 0.0)),
    ("Performance and Transformation", (4.4, 4.3, -0.1, "(F)", "Green", -0.1)),
    ("Business Support", (4.1, 4.1, 0.0, "-", "Green", 0.0)),
    ("Children, Families & Education Team", (0.7, 0.5, -0.2, "(F)", "Green", -0.2)),
    ("sub total", (11.2, 10.9, -0.3, "(F)", "Green", -0.3)),
    ("Inclusion", None),
    ("Special Educational Needs and Disabilities", (3.1, 3.1, 0.0, "-", "Green", 0.0)),
    ("Vulnerable Learners", (0.2, 0.2, 0.0, "-", "Green", 0.0)),
    ("Educational Psychology", (2.1, 2.1, 0.0, "-", "Green", 0.0)),
    ("Inclusion Transformation and Partnerships", (0.1, 0.1, 0.0, "-", "Green", 0.0)),
    ("SEND Transport", (10.1, 11.8, 1.7, "A", "Red", 0.0)),
    ("Inclusion Strategic Management", (0.2, 0.2, 0.0, "-", "Green", 0.0)),
    ("sub total", (15.8, 17.5, 1.7, "A", "Red", 0.0)),
    ("Education, Partnerships and Skills", None),
    ("Education Leadership", (0.1, -0.1, -0.2, "(F)", "Green", -0.2)),
    ("Education Operations", (-0.1, -0.3, -0.2, "(F)", "Green", -0.2)),
    ("Curriculum and Literacy", (-0.1, 0.4, 0.5, "A", "Red", 0.5)),
    ("Education Places", (0.6, 0.7, 0.1, "A", "Red", 0.1)),
    ("Home to School Transport", (12.9, 12.9, 0.0, "-", "Green", 0.0)),
    ("EPS Management", (0.7, 0.8, 0.1, "A", "Red", 0.1)),
    ("sub total", (14.1, 14.4, 0.3, "A", "Red", 0.3)),
    ("Children, Families & Education Services Total", (123.1, 135.5, 12.4, "A", "Red", 0.6)),
]
# Rows whose negatives are typed as text "(0.9)" rather than stored as numbers with a bracket format.
TEXT_NEGATIVE_ROWS = {"CSC Management", "Education Operations", "Curriculum and Literacy"}


def _m(value, label: str):
    """A £m figure as stored: a number, or bracketed text for the rows officers typed by hand."""
    if isinstance(value, float) and value < 0 and label in TEXT_NEGATIVE_ROWS:
        return f"({-value:.1f})"
    return value


def month5_rows() -> list:
    """Month 5 derived from seed 004: the Month 5 variance is the Month 6 variance minus the movement
    from Month 5 (External Placements 10.4 - 0.3 = 10.1, the "£10.1m overspend" of the minutes; total
    12.4 - 0.6 = 11.8, the minutes' "forecast overspend of £11.8m at the end of month 5"). Budgets are
    the Month 6 budgets (the minutes give the same £123.1m net budget at Month 5); projection = budget +
    variance. The movement from Month 4 is not in any seed, so that column is left out."""
    rows = []
    for label, values in BUDGET_M6:
        if values is None:
            rows.append((label, None))
            continue
        budget, _, variance, _, _, movement = values
        m5 = round(variance - movement, 1)
        flag = "A" if m5 > 0 else "(F)" if m5 < 0 else "-"
        rows.append((label, (budget, round(budget + m5, 1), m5, flag, "Red" if m5 > 0 else "Green")))
    return rows


def budget_monitor(path: Path, *, month: int, month_name: str, rows: list, movement: bool) -> None:
    wb = Workbook()
    ws = new_sheet(wb, "Budget Monitor")
    r = titles(ws, "23/24 Budget Monitoring Report",
                f"Forecast outturn as at the end of {month_name} (Month {month})", "General Fund")
    header = ["Service Area", "Current Budget", "Full Year Projection", f"Month {month} Variance", "A/(F)",
              "RAG Status"] + ([f"Movement From Month {month - 1}"] if movement else [])
    units = [None, "£m", "£m", "£m", None, None] + (["£m"] if movement else [])
    put(ws, r, header, bold=True)
    put(ws, r + 1, units, bold=True)
    r += 2
    for label, values in rows:
        is_sum = label == "sub total" or label.endswith("Total")
        put(ws, r, [label, *(_m(v, label) for v in (values or ()))], fmt=M1,
             bold=values is None or is_sum)
        r += 1
    put(ws, r + 1, ["Note – verbal update on latest position will be provided at the Scrutiny Meeting"])
    widths(ws, 44)
    wb.save(path)


# --- External Placements and Fostering & Permanence breakdowns ---------------------------------------
# seed 004 T004-5. [anomaly kept as in the seed] the expenditure variances add up to 11.6 but Total
# Expenditure says 11.7 (rounding in the source); "Other" appears under expenditure and under income;
# "(0.0)" is a negative nil, kept as text.
EXTERNAL_PLACEMENTS = [
    ("Residential Placements", 24.4, 30.0, 5.6),
    ("Independent Fostering Agencies", 8.2, 7.5, -0.7),
    ("16+ Supported Accommodation", 5.7, 7.2, 1.5),
    ("Homes & Horizons", 4.1, 4.1, 0.0),
    ("Unregistered Placements", 3.7, 7.2, 3.4),
    ("UASC Placements", 1.9, 2.7, 0.8),
    ("Residential Parent & Child", 1.1, 0.7, -0.4),
    ("Secure", 0.9, 1.2, 0.4),
    ("Other", 1.3, 2.4, 1.0),
    ("Total Expenditure", 51.3, 63.0, 11.7),
    ("DSG Grant", -5.0, -6.1, -1.1),
    ("UASC Grant", -2.4, -2.6, -0.1),
    ("NHS Funding", -5.3, -5.3, "(0.0)"),
    ("Other", -0.2, -0.2, "(0.0)"),
    ("Total Income", -12.9, -14.2, -1.2),
    ("Net Expenditure", 38.4, 48.8, 10.4),
]
# seed 004 T004-6: header row, then a units row; all rows as in the seed (they add up exactly).
FOSTERING = [
    ("Fostering fees & allowances", 4.7, 3.7, -1.0),
    ("Special Guardianship", 2.9, 2.9, 0.0),
    ("Adoption Allowances", 1.0, 1.0, 0.0),
    ("Connected Persons", 0.4, 0.8, 0.4),
    ("Staffing costs", 4.1, 4.0, -0.1),
    ("Other costs", 0.2, 0.2, 0.0),
    ("Total Expenditure", 13.3, 12.6, -0.7),
]


def placements(path: Path) -> None:
    wb = Workbook()
    ws = new_sheet(wb, "External Placements")
    r = titles(ws, "External Placements Monitoring & Forecasting")
    put(ws, r, ["External Placements", "23/24 Budget £m", "Full Year Projection £m", "Month 6 Variance £m"],
         bold=True)
    for i, row in enumerate(EXTERNAL_PLACEMENTS, start=r + 1):
        put(ws, i, row, fmt=M1, bold=row[0].startswith(("Total", "Net")))
    widths(ws, 34)
    ws = new_sheet(wb, "Fostering & Permanence")
    r = titles(ws, "Fostering & Permanence Monitoring & Forecasting")
    put(ws, r, ["Fostering & Permanence", "23/24 Budget", "Full Year Projection", "Month 6 Variance"], bold=True)
    put(ws, r + 1, [None, "£m", "£m", "£m"], bold=True)
    for i, row in enumerate(FOSTERING, start=r + 2):
        put(ws, i, row, fmt=M1, bold=row[0].startswith("Total"))
    widths(ws, 34)
    wb.save(path)


# --- Dedicated Schools Grant -------------------------------------------------------------------------
# seed 004 T004-7: two sub-tables side by side sharing one row set, the "DSG Block £m" label column
# repeated in the middle. Sign convention reversed from the General Fund: (x) = deficit. "-" = nil.
# [anomaly kept] the carry-forward column adds up to (37.4); the total says (37.5).
DSG_2023_HEADER = ["DSG Block £m", "Total funding available for services 2023/24", "2023/24 Forecast Month 6",
                   "Forecast in-year variance surplus/ (deficit)", "DSG Block £m",
                   "Balance b/f at 1 Apr 2023 Surplus/ (Deficit)", "NFF drawn from Growth Fund",
                   "Forecast in-year variance surplus/ (deficit)", "Forecast carry forward 31 Mar 2024"]
DSG_2023 = [
    ("Schools", 2.5, 2.9, -0.4, "Schools", 2.6, -1.2, -0.4, 1.0),
    ("Central Schools", 5.0, 5.0, "-", "Central Schools", 5.6, "-", "-", 5.6),
    ("Early Years", 31.1, 31.1, "-", "Early Years", 0.9, "-", "-", 0.9),
    ("High Needs", 73.5, 88.6, -15.1, "High Needs", -29.8, "-", -15.1, -44.9),
    ("Total", 112.1, 127.6, -15.5, "Total", -20.7, -1.2, -15.5, -37.5),
]
# seed 001 T001-9 (North Somerset, para 3.25): two header rows (year, then "£"), whole pounds; sums exactly.
DSG_2021 = [
    ("Schools Block", 129_968_128),
    ("High Needs Block", 26_047_648),
    ("Early Years Block", 11_656_425),
    ("Central Services Block", 1_888_682),
    ("TOTAL DSG", 169_560_883),
]


def dsg(path: Path) -> None:
    wb = Workbook()
    ws = new_sheet(wb, "DSG 2023-24")
    r = titles(ws, "23/24 Budget Monitoring Report", "Forecast outturn as at the end of September (Month 6)",
                "Dedicated Schools Grant (DSG)")
    put(ws, r, DSG_2023_HEADER, bold=True)
    for cell in ws[r]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, row in enumerate(DSG_2023, start=r + 1):
        put(ws, i, row, fmt=M1, bold=row[0] == "Total")
    widths(ws, 18, 16)
    ws = new_sheet(wb, "DSG 2020-21")
    put(ws, 1, [None, "2020/21"], bold=True)
    put(ws, 2, [None, "£"], bold=True)
    for i, row in enumerate(DSG_2021, start=3):
        put(ws, i, row, fmt=WHOLE, bold=row[0].startswith("TOTAL"))
    widths(ws, 26, 16)
    wb.save(path)




# --- 2022/23 Children's Services budget monitor, Month 9 ---------------------------------------------
# seed 003 T003-6 ("Finances", as at the end of December 2022): movement and direction arrows from
# Month 7, "Central" reused under two groups, a negative budget typed "(0.4)". All subtotals check.
BUDGET_M9_2022 = [
    ("Children's Social Care", None),
    ("Prevention", (5.7, 5.8, 0.1, "A", 0.0, "→")),
    ("Fostering & Permanence", (12.8, 12.4, -0.4, "(F)", 0.2, "↓")),
    ("External Placements", (27.4, 41.9, 14.5, "A", 2.4, "↓")),
    ("Fieldwork", (8.9, 10.6, 1.7, "A", 0.5, "↓")),
    ("Disabilities", (3.6, 4.0, 0.4, "A", 0.1, "↓")),
    ("Partnership, Audit & Quality", (2.6, 2.5, -0.1, "(F)", 0.0, "→")),
    ("Safeguarding", (0.0, 0.0, 0.0, "-", 0.0, "→")),
    ("Children Looked After", (4.4, 5.3, 0.9, "A", 0.2, "↓")),
    ("Leaving Care", (2.0, 2.3, 0.3, "A", 0.1, "↓")),
    ("Residential Homes", (2.2, 2.0, -0.2, "(F)", 0.0, "→")),
    ("Central", (0.6, 1.1, 0.5, "A", 0.1, "↓")),
    ("sub total", (70.2, 87.9, 17.7, "A", 3.6, "↓")),
    ("Commissioning", None),
    ("Commissioning Services", (10.8, 10.9, 0.1, "A", 0.0, "→")),
    ("Supporting Families", ("(0.4)", "(0.4)", 0.0, "-", 0.0, "→")),
    ("Central", (0.7, 0.7, 0.0, "-", 0.0, "→")),
    ("sub total", (11.1, 11.2, 0.1, "A", 0.0, "→")),
    ("Education Partnerships and Skills", None),
    ("School Improvement", (0.1, 0.1, 0.0, "-", 0.0, "→")),
    ("Education System Development", (0.9, 0.9, 0.0, "-", 0.0, "→")),
    ("Early Years", (0.5, 0.5, 0.0, "-", 0.0, "→")),
    ("Schools Statutory", (0.0, 0.0, 0.0, "-", 0.0, "→")),
    ("sub total", (1.5, 1.5, 0.0, "-", 0.0, "→")),
    ("Inclusion", None),
    ("Inclusion Services", (5.0, 5.1, 0.1, "A", -0.1, "↑")),
    ("Home to School Transport", (10.9, 12.3, 1.4, "A", 0.0, "→")),
    ("SEND Transport", (6.6, 8.1, 1.5, "A", 0.1, "↓")),
    ("sub total", (22.5, 25.5, 3.0, "A", 0.0, "→")),
    ("Children's Services Total", (105.3, 126.1, 20.8, "A", 3.6, "↓")),
]


def budget_monitor_2022(path: Path) -> None:
    wb = Workbook()
    ws = new_sheet(wb, "Finances")
    r = titles(ws, "2022/23 Children's Services as at the end of December 2022 (Month 9)")
    put(ws, r, ["Service Area", "Current Budget £m", "Full Year Projection £m", "Month 9 Variance £m", "A/(F)",
                "Movement From Month 7", "Direction From Month 7"], bold=True)
    for i, (label, values) in enumerate(BUDGET_M9_2022, start=r + 1):
        put(ws, i, [label, *(values or ())], fmt=M1, bold=values is None or "total" in label.lower())
    widths(ws, 36)
    wb.save(path)


# --- 2020/21 Children's Services forecast year end position, Month 9 ---------------------------------
# seed 001 T001-12 ("Appendix 1 - Children's Services Forecast Year End position", North Somerset Month 9
# 2020/21 budget monitor): two header rows, REVISED BUDGET / FORECAST / VARIANCE merged over Expenditure /
# Income / Reserves / Net £; each sub total row (bold) comes after its service rows, with no group heading;
# then the grand total. [anomaly kept] some subtotals are out by £1 (rounding in the source), e.g. the
# Support and Safeguarding expenditure budget rows add up to 22,182,598 against 22,182,597.
WIDE_HEADER = ["Expenditure £", "Income £", "Reserves £", "Net £"]
WIDE = [
    ("Adoption and Other Allowances", 1862762, -27000, 0, 1835762, 2053959, -37000, 0, 2016959, 191198, -10000,
     0, 181198),
    ("Care Leavers and Refugees", 434026, -248792, 0, 185234, 460537, -404186, 0, 56350, 26511, -155394, 0,
     -128883),
    ("Children Looked After", 10655546, -290586, 0, 10364960, 11513919, -453253, 0, 11060667, 858373, -162667,
     0, 695707),
    ("Disabled Children", 971953, -394680, 0, 577273, 1646200, -405295, 0, 1240905, 674247, -10615, 0, 663632),
    ("Locality Teams", 4026968, -35000, 0, 3991968, 3908978, -58931, 0, 3850047, -117990, -23931, 0, -141921),
    ("Safeguarding and Social Work", 2697838, -112767, 0, 2585071, 2833726, -204330, -82555, 2546841, 135888,
     -91563, -82555, -38230),
    ("Youth Justice", 1533505, -990296, -271165, 272044, 1532058, -1088572, -173090, 270397, -1447, -98276,
     98075, -1647),
    ("Support and Safeguarding", 22182597, -2099121, -271165, 19812311, 23949377, -2651567, -255645, 21042166,
     1766780, -552446, 15520, 1229854),
    ("Childrens Centres", 2347429, -524405, 0, 1823024, 2228700, -557073, -3635, 1667992, -118729, -32668,
     -3635, -155032),
    ("CYPS Early Years", 2838541, -1935118, -58239, 845184, 2545886, -1721855, 109617, 933648, -292655, 213263,
     167856, 88464),
    ("CYPS Special Education", 2068509, -550876, -148950, 1368683, 1933248, -524749, -173796, 1234703, -135261,
     26127, -24846, -133980),
    ("Music Service", 990209, -990209, 0, 0, 892546, -851494, 0, 41053, -97663, 138715, 0, 41053),
    ("Strategic Planning and Governance", 1235847, -780353, 0, 455494, 937313, -485587, -34928, 416798,
     -298534, 294766, -34928, -38696),
    ("Learning and Achievement", 9480535, -4780961, -207189, 4492385, 8537693, -4140758, -102742, 4294194,
     -942842, 640203, 104447, -198192),
    ("CYPS Strategy", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
    ("CYPS Support Services", 8072434, -592928, 0, 7479506, 8236015, -581998, -27294, 7626723, 163581, 10930,
     -27294, 147217),
    ("Strategy and Directorate", 8072434, -592928, 0, 7479506, 8236015, -581998, -27294, 7626723, 163581, 10930,
     -27294, 147217),
    ("P&C - CHILDREN & YOUNG PEOPLE TOTAL", 39735566, -7473010, -478354, 31784203, 40723085, -7374323, -385680,
     32963082, 987519, 98687, 92674, 1178880),
]
WIDE_SUBTOTALS = {"Support and Safeguarding", "Learning and Achievement", "Strategy and Directorate",
                  "P&C - CHILDREN & YOUNG PEOPLE TOTAL"}


def forecast_year_end_2021(path: Path) -> None:
    wb = Workbook()
    ws = new_sheet(wb, "Appendix 1")
    r = titles(ws, "Month 9 Children's Services Budget Monitor 2020/21",
               "Appendix 1 - Children's Services Forecast Year End position")
    put(ws, r, ["PEOPLE & COMMUNITIES - CHILDREN & YOUNG PEOPLE"], bold=True)
    for block, first_col in (("REVISED BUDGET", 2), ("FORECAST", 6), ("VARIANCE", 10)):
        put(ws, r, [block], bold=True, col=first_col)
        ws.merge_cells(start_row=r, start_column=first_col, end_row=r, end_column=first_col + 3)
        ws.cell(row=r, column=first_col).alignment = Alignment(horizontal="center")
        put(ws, r + 1, WIDE_HEADER, bold=True, col=first_col)
    for i, row in enumerate(WIDE, start=r + 2):
        put(ws, i, row, fmt=WHOLE, bold=row[0] in WIDE_SUBTOTALS)
    widths(ws, 46, 13)
    wb.save(path)


# --- Agency staffing spend ---------------------------------------------------------------------------
# seed 001 T001-8 (North Somerset Month 9 2020/21, para 3.20): one row of years with £ inside the cells;
# 2020/21 is the year's estimate. Written as a Windows-1252 CSV, as exported by Excel on a council PC.
AGENCY_YEARS = ["2016/17", "2017/18", "2018/19", "2019/20", "2020/21"]
AGENCY_SPEND = ["£1,700,734", "£1,158,238", "£846,913", "£377,532", "£697,860"]


def agency_spend_csv(path: Path) -> None:
    with path.open("w", encoding="cp1252", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["", *AGENCY_YEARS])
        writer.writerow(["Agency staffing spend", *AGENCY_SPEND])
