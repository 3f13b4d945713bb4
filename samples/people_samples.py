"""Children's services samples: inclusion, attendance, the KPI scorecard, EHCPs, children looked after."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment

from sheet_writing import PCT1, PCT2, new_sheet, put, titles, widths

WRAP = Alignment(wrap_text=True, vertical="top")

# --- Suspensions and permanent exclusions by month -------------------------------------------------
# seed 003 T003-1 ("Suspensions") and T003-2 ("Exclusions"): two tables on one sheet, each under its
# heading; rows are academic-year series, columns the months Sep..Jan. The 2022-23 January figures may
# be part-month (the report is dated January to March 2023).
MONTHS = ["Sep", "Oct", "Nov", "Dec", "Jan"]
SUSPENSIONS = [
    ("Fixed Period Exclusions 2020 - 2021", 503, 677, 825, 507, 71),
    ("Fixed Period Exclusions 2021 - 2022", 551, 580, 1105, 585, 778),
    ("Fixed Period Exclusions 2022 - 2023", 667, 849, 1216, 638, 451),
]
EXCLUSIONS = [
    ("Permanent Exclusions 2020 - 2021", 7, 1, 5, 13, 1),
    ("Permanent Exclusions 2021 - 2022", 9, 8, 16, 14, 13),
    ("Permanent Exclusions 2022 - 2023", 8, 10, 13, 8, 10),
]


def exclusions(path: Path) -> None:
    wb = Workbook()
    ws = new_sheet(wb, "Vulnerable Learners")
    r = 1
    for heading, rows in (("Suspensions", SUSPENSIONS), ("Exclusions", EXCLUSIONS)):
        put(ws, r, [heading], bold=True)
        put(ws, r + 1, ["Data Set", *MONTHS], bold=True)
        for i, row in enumerate(rows, start=r + 2):
            put(ws, i, row)
        r += len(rows) + 5
    widths(ws, 38, 9)
    wb.save(path)


# --- Attendance and persistent absence by school type ------------------------------------------------
# seed 003 T003-3: percentages stored as fractions with a "0.00%" format (17.06% = 0.1706).
ATTENDANCE = [
    ("Primary", 37291, 6363, 0.1706, 0.9426),
    ("PRU", 127, 108, 0.8504, 0.5459),
    ("Secondary", 29630, 7068, 0.2385, 0.9141),
    ("Special", 936, 321, 0.3429, 0.8309),
]


def attendance(path: Path) -> None:
    wb = Workbook()
    ws = new_sheet(wb, "Attendance")
    put(ws, 1, ["Attendance"], bold=True)
    put(ws, 3, ["School Type", "Total on Roll", "Number of Persistent Absence", "Persistent Absence %",
                 "Present Average %"], bold=True)
    for i, (label, roll, count, pa, present) in enumerate(ATTENDANCE, start=4):
        put(ws, i, [label, roll, count])
        put(ws, i, [pa, present], fmt=PCT2, col=4)
    widths(ws, 16, 18)
    wb.save(path)


# --- Key corporate performance indicators, Quarter 3 2020/21 -----------------------------------------
# seed 001 T001-14 ("Table 1.1", North Somerset Performance Monitoring, KCPIs Q3 2020/21), every row and
# cell as in the seed: units inside cells ("1,050 families", "53.7 per 10,000"), DNA / tbc / n/a, a blank
# Q4, blank Q1/Q2 in the last three rows, status GREEN/AMBER/RED/not targeted, benchmark free text.
# The audit percentages are stored as fractions with a "0.0%" format; the other percentages are text.
KCPI_HEADER = ["EO: Equality Objective", "Year-End 2019/20", "Q1", "Q2", "Q3", "Q4", "Predicted Year-End Status",
               "Comments", "National benchmarking"]
KCPIS = [
    ("The percentage of children's case audits graded good or outstanding", 0.389, "DNA", "DNA", 0.87, None,
     "GREEN", "Performance is better than target", "Local measure"),
    ("The number of early help interventions", "1,050 families", "1,035 families", "911 families",
     "1,028 families", None, "GREEN", "Exceeding the annual target of 1,000 families.", "Local measure"),
    ("The percentage of care leavers who are EET (in education, employment or training) (aged 19 - 21 years) EO",
     "46.5%", "37.0%", "43.0%", "44.0%", None, "RED",
     "Targeted work is being undertaken through our children's improvement plan to address this. This "
     "includes auditing of those who are NEET, working within North Somerset and partner agencies through "
     "kickstart and support through the SIB RREBBOT west as well as targeted work in the leaving care team.",
     "England, 53% South West, 53%"),
    ("The percentage of care leavers who are EET (in education, employment or training) who are education / "
     "work ready (aged 19 - 21 years) EO", "63.9%", "51.5%", "55.0%", "56.0%", None, "RED", None, None),
    ("The percentage of care leavers who are in suitable accommodation EO", "tbc", "88.0%", "88.0%", "89.0%",
     None, "GREEN", "We continue to drive performance forward in this area, as we are aware, we can always "
     "improve and develop further, and we work with our commissioning colleagues closely on this.",
     "England, 85% South West, 85%"),
    ("The rate of children looked after entering care (overall) EO", "53.7 per 10,000", "52 per 10,000",
     "50 per 10,000", "51 per 10,000", None, "AMBER",
     "No significant change since last quarter. Further analysis is in train.", "England, 67 South West, 57"),
    ("The number of North Somerset foster carers", 62, 65, 63, 62, None, "GREEN",
     "Our recruitment this year is on target to deliver 18 new foster households, which is a significant "
     "improvement in previous years.", "Local measure"),
    ("The number of new SEND school places to be commissioned in the next five years based on agreed capital "
     "schemes EO", 18, 18, 18, 18, None, "GREEN", "All agreed schemes for September 2020 have been delivered.",
     "Local measure"),
    ("KS4: the gap between FSM and Non-FSM Attainment 8 score EO", 15.8, None, None, 15.4, None, "GREEN", None,
     "England, 13.7 South West, 15.4"),
    ("Child Poverty Indicator: The percentage of children in child poverty EO", "22.3%", None, None, "22.0%",
     None, "not targeted", "Data relates to the 2018/19 financial year.", "England, 31.0% South West, 25.0%"),
    ("The number of children and families open to Early Help and CSC where domestic abuse is the predominant "
     "factor EO (note: figures currently do not include Early Help)", "n/a", 341, 303, 276, None,
     "not targeted", "Figure relates to CSC DA identified, not EH.", "Local measure"),
]


def kpi_scorecard(path: Path) -> None:
    wb = Workbook()
    ws = new_sheet(wb, "KCPIs Q3 2020-21")
    r = titles(ws, "Performance Monitoring: Key Corporate Performance Indicators (KCPIs) Quarter 3 2020/21",
               "Table 1.1")
    put(ws, r, KCPI_HEADER, bold=True)
    for i, row in enumerate(KCPIS, start=r + 1):
        put(ws, i, row, fmt=PCT1 if isinstance(row[1], float) and row[1] < 1 else None)
        ws.cell(row=i, column=1).alignment = WRAP
        ws.cell(row=i, column=8).alignment = WRAP
    put(ws, r + len(KCPIS) + 2, ["EO: Equality Objective"])
    widths(ws, 60, 15)
    ws.column_dimensions["H"].width = 50
    ws.column_dimensions["I"].width = 24
    wb.save(path)


# --- EHC needs assessments and plans ------------------------------------------------------------------
# seed 004, report "Education, Health and Care Assessment and Plan 2022-2023" (prose figures; its Tables
# 1-12 are images). The "2021/22" column is the seed's "previous year" / "21/22", the "2022/23" column its
# "22/23" or latest year; the comment says what each figure counts.
EHCP = [
    ("EHC needs assessment requests", 1060, 1128, "6% increase on the previous year"),
    ("EHC needs assessment requests refused", 295, 420, "Refused by the multi-agency decision making panel"),
    ("EHC plans issued within 20 weeks %", 0.68, 0.48, "12 months to 31 October 2023 against the year before"),
    ("England: EHC plans issued within 20 weeks %", 0.59, 0.49, "National rate as of January 2023"),
    ("EHC plans maintained", 4970, 5545, "As of October 2022 and 1 November 2023: an 11% increase"),
    ("Annual Reviews submitted", 3529, 3931, "An 11% increase on the previous year"),
]


def ehcp(path: Path) -> None:
    wb = Workbook()
    ws = new_sheet(wb, "EHCP")
    r = titles(ws, "Education, Health and Care Assessment and Plan 2022-2023")
    put(ws, r, ["Measure", "2021/22", "2022/23", "Comment"], bold=True)
    for i, (label, before, after, comment) in enumerate(EHCP, start=r + 1):
        put(ws, i, [label, before, after, comment], fmt=PCT1 if isinstance(before, float) else "#,##0")
    widths(ws, 46, 12)
    ws.column_dimensions["D"].width = 56
    wb.save(path)


# --- Children looked after, in need and on child protection plans --------------------------------------
# Somerset, point-in-time counts from the prose of three seeds: seed 002 N002 (CLA 523 in December 2017 and
# 546 in January 2019; CIN 1750 in May 2018 and 1240 in January 2019), seed 000 (CLA 534 in March 2019 and
# 529 in March 2020; CP plans "a high of 444 in May 2018"; 299 care leavers aged 18+ at end of March 2020),
# seed 003 N003 (CLA 584 in January 2022 and 570 now, January 2023; 943 CIN; 246 CP plans). Blank = not
# reported for that date.
SOMERSET_DATES = ["Dec 2017", "May 2018", "Jan 2019", "Mar 2019", "Mar 2020", "Jan 2022", "Jan 2023"]
SOMERSET = [
    ("Children Looked After", 523, None, 546, 534, 529, 584, 570),
    ("Children in Need", None, 1750, 1240, None, None, None, 943),
    ("Children subject to a Child Protection Plan", None, 444, None, None, None, None, 246),
    ("Care Leavers aged 18 and over", None, None, None, None, 299, None, None),
]
# North Somerset, seed 001: Corporate Parenting Q3 2020/21 (221 CLA, 50.6 per 10,000, 15 UASC; CIN rate
# 192 per 10,000; 91 CP plans; 44% of care leavers aged 17-21 EET, 41 of 93) and the 29 October 2020
# minutes on Q1 (227 CLA, 52.5 per 10,000, 12 UASC; 42% EET, 56 of 132); year-end 2019/20 rate 53.7 and
# suitable accommodation 88%/89% from T001-14; benchmark rows: England 67, South West 57 (T001-14) and
# statistical neighbours 53 ("lower than our statistical neighbours (53) and England (67)").
NORTH_SOMERSET = [
    ("Children Looked After", None, 227, 221),
    ("of whom unaccompanied asylum-seeking children", None, 12, 15),
    ("Children Looked After rate per 10,000", 53.7, 52.5, 50.6),
    ("England rate per 10,000", None, None, 67),
    ("South West rate per 10,000", None, None, 57),
    ("Statistical neighbours rate per 10,000", None, None, 53),
    ("Children in Need rate per 10,000", None, None, 192),
    ("Children subject to a Child Protection Plan", None, None, 91),
    ("Care leavers in suitable accommodation %", "tbc", 0.88, 0.89),
    ("Care leavers aged 17-21 in education, employment or training %", None, 0.42, 0.44),
]


def children_looked_after(path: Path) -> None:
    wb = Workbook()
    ws = new_sheet(wb, "Somerset")
    r = titles(ws, "Somerset: children looked after, in need and on child protection plans")
    put(ws, r, ["Measure", *SOMERSET_DATES], bold=True)
    for i, row in enumerate(SOMERSET, start=r + 1):
        put(ws, i, row, fmt="#,##0")
    widths(ws, 44, 10)
    ws = new_sheet(wb, "North Somerset")
    r = titles(ws, "North Somerset: children looked after and benchmarks, 2020/21")
    put(ws, r, ["Measure", "Year-End 2019/20", "Q1 2020/21", "Q3 2020/21"], bold=True)
    for i, row in enumerate(NORTH_SOMERSET, start=r + 1):
        put(ws, i, row, fmt=PCT1 if row[0].endswith("%") else "0.0" if "rate" in row[0] else "#,##0")
    widths(ws, 58, 16)
    wb.save(path)
