"""Regenerate the sample workbooks in this folder from the real figures of the seed packs.

Run ``python samples/make_samples.py``. The workbooks are committed; the demo pack imports them in
name order, so the Month 5 budget monitor (00_) comes before the Month 6 one (01_) and becomes its
earlier version. Each table's figures sit beside a comment naming the seed file (``seed 004`` =
``/work/shared/seeds/004_69bfa307b7823af0.txt``) and the table id of SEED_TABLES.md they copy.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from comparator_samples import cla_rates_csv, cla_rates_meta, neighbours_workbook
from education_samples import education
from finance_samples import (BUDGET_M6, agency_spend_csv, budget_monitor, budget_monitor_2022, dsg,
                             forecast_year_end_2021, month5_rows, placements)
from people_samples import attendance, children_looked_after, ehcp, exclusions, kpi_scorecard

HERE = Path(__file__).resolve().parent

SAMPLES = {
    "00_budget_monitor_m5_2023-24.xlsx": partial(budget_monitor, month=5, month_name="August",
                                                 rows=month5_rows(), movement=False),
    "01_budget_monitor_m6_2023-24.xlsx": partial(budget_monitor, month=6, month_name="September",
                                                 rows=BUDGET_M6, movement=True),
    "02_external_placements_fostering_m6_2023-24.xlsx": placements,
    "03_dsg_blocks.xlsx": dsg,
    "04_suspensions_exclusions_by_month.xlsx": exclusions,
    "05_attendance_by_school_type.xlsx": attendance,
    "06_kcpi_scorecard_q3_2020-21.xlsx": kpi_scorecard,
    "07_ehcp_requests_timeliness.xlsx": ehcp,
    "08_children_looked_after_cin_cp.xlsx": children_looked_after,
    "09_childrens_services_m9_2020-21.xlsx": forecast_year_end_2021,
    "10_agency_staffing_spend.csv": agency_spend_csv,
    "11_budget_monitor_m9_2022-23.xlsx": budget_monitor_2022,
    "12_children_looked_after_rates_2017-2020.csv": cla_rates_csv,
    "12_children_looked_after_rates_2017-2020.meta.csv": cla_rates_meta,
    "13_education_ofsted_early_years_ks4.xlsx": education,
    "statistical_neighbours.xlsx": neighbours_workbook,
}


def main() -> None:
    for name, build in SAMPLES.items():
        build(HERE / name)


if __name__ == "__main__":
    main()
