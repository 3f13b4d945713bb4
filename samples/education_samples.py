"""Education samples: schools by Ofsted judgement, early years and the KS4 disadvantage gap."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from sheet_writing import PCT1, new_sheet, put, titles, widths

PCT0 = "0%"

# --- Schools by Ofsted judgement, per phase ----------------------------------------------------------
# seed 001 (North Somerset, "For all North Somerset schools (as of February 2021)"; SEED_TABLES 1.2 "List
# tables in 001", catalogue 2.5 school_ofsted_dist): "pct grade (count)" lists per phase, as written.
# Primary: 16% Outstanding (10), 71% Good (45), 8% Requires Improvement (5), 3% Inadequate (2), 2% not yet
# inspected (1). Secondary: 37% Outstanding (4), 18% Good (2), 37% Requires Improvement (4) (4/11 = 36.4%,
# written 37%), 0% Inadequate (0), 8% not yet inspected (1). Special schools and PRUs: 100% Good (4), so the
# other judgements are 0 of 4.
OFSTED_HEADER = ["Ofsted judgement", "Primary: number of schools", "Primary %", "Secondary: number of schools",
                 "Secondary %", "Special schools and PRUs: number of schools", "Special schools and PRUs %"]
OFSTED = [
    ("Outstanding", 10, 0.16, 4, 0.37, 0, 0.0),
    ("Good", 45, 0.71, 2, 0.18, 4, 1.0),
    ("Requires Improvement", 5, 0.08, 4, 0.37, 0, 0.0),
    ("Inadequate", 2, 0.03, 0, 0.0, 0, 0.0),
    ("Not yet inspected", 1, 0.02, 1, 0.08, 0, 0.0),
]

# --- Early years -----------------------------------------------------------------------------------------
# seed 002 (Somerset, Lead Member annual report; SEED_TABLES 1.3, catalogue 2.5 eyfs_gld_pct): "71.8% of
# children achieved a good level of development in 17/18, up 0.8% from 16/17 [so 71.0%], above the national
# average which stands at 71.5%".
GLD = [
    ("Children achieving a good level of development at the end of EYFS %", 0.710, 0.718),
    ("England: good level of development %", None, 0.715),
]
# seed 002 (catalogue 2.5 ey_takeup_3_4_pct): "The proportion of 3&4 year olds taking up an early years place
# in 2018 was 96%, up from 95% in 2017, and above the national rate (England) of 94%" (England: 2018).
TAKE_UP = [
    ("Early education take-up, 3 and 4 year olds %", 0.95, 0.96),
    ("England: early education take-up %", None, 0.94),
]

# --- KS4 Attainment 8 gap between pupils eligible for free school meals and the rest -----------------------
# seed 001 T001-14 (KCPIs Q3 2020/21, catalogue 2.5 ks4_fsm_gap_att8): "KS4: the gap between FSM and Non-FSM
# Attainment 8 score EO | 15.8 | | | 15.4 | ... | England, 13.7 South West, 15.4" (Year-End 2019/20 and Q3;
# the benchmarks are written beside the Q3 figure, so they sit in the Q3 column here).
KS4 = [
    ("KS4: the gap between FSM and Non-FSM Attainment 8 score", 15.8, 15.4),
    ("England: FSM gap in Attainment 8", None, 13.7),
    ("South West: FSM gap in Attainment 8", None, 15.4),
]


def education(path: Path) -> None:
    wb = Workbook()
    ws = new_sheet(wb, "Ofsted")
    r = titles(ws, "North Somerset schools by Ofsted judgement, as of February 2021")
    put(ws, r, OFSTED_HEADER, bold=True)
    for i, (label, *figures) in enumerate(OFSTED, start=r + 1):
        put(ws, i, [label])
        for offset, value in enumerate(figures):
            put(ws, i, [value], fmt=PCT0 if offset % 2 else "#,##0", col=2 + offset)
    widths(ws, 24, 16)

    for sheet, title, periods, rows, fmt, width in (
            ("Early years", "Good level of development at the end of the Early Years Foundation Stage",
             ["2016/17", "2017/18"], GLD, PCT1, 62),
            ("Early education", "Early education take-up, 3 and 4 year olds", ["2017", "2018"], TAKE_UP, PCT0, 50),
            ("KS4", "KS4 Attainment 8: gap between FSM and non-FSM pupils", ["Year-End 2019/20", "Q3 2020/21"],
             KS4, "0.0", 58)):
        ws = new_sheet(wb, sheet)
        r = titles(ws, title)
        put(ws, r, ["Measure", *periods], bold=True)
        for i, row in enumerate(rows, start=r + 1):
            put(ws, i, row, fmt=fmt)
        widths(ws, width, 16 if sheet == "KS4" else 12)
    wb.save(path)
