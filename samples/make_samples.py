"""Regenerate the sample workbooks in this folder from the figures of the seed packs.

Run: python samples/make_samples.py. Each builder names the seed file and table it copies.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

HERE = Path(__file__).resolve().parent

# Seed 004 (Somerset Scrutiny, 12 December 2023), T004-4: 23/24 Budget Monitoring Report, Month 6.
BUDGET_M6 = [
    ("Children & Families", None),
    ("Prevention Services", (9.5, 9.3, -0.2, "(F)", "Green", -0.1)),
    ("Fostering & Permanence", (13.3, 12.6, -0.7, "(F)", "Green", 0.0)),
    ("External Placements", (38.4, 48.8, 10.4, "A", "Red", 0.3)),
    ("Fieldwork", (9.1, 9.8, 0.7, "A", "Red", 0.1)),
    ("Disabilities", (6.8, 6.3, -0.5, "(F)", "Green", -0.5)),
    ("Children Looked After", (4.7, 4.7, 0.0, "-", "Green", 0.0)),
    ("Leaving Care", (2.2, 2.6, 0.4, "A", "Red", 0.1)),
    ("CSC Management", (-0.9, -0.9, 0.0, "-", "Green", 0.0)),
    ("Children & Families sub total", (83.1, 93.2, 10.1, "A", "Red", -0.1)),
]


def budget_monitor(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "M6 Summary"
    ws.append(["Service Area", "Current Budget £m", "Full Year Projection £m", "Month 6 Variance £m", "A/(F)",
               "RAG Status", "Movement From Month 5 £m"])
    for label, values in BUDGET_M6:
        ws.append([label, *(values or ())])
    wb.save(path)


def main() -> None:
    budget_monitor(HERE / "01_budget_monitor_m6_2023-24.xlsx")


if __name__ == "__main__":
    main()
