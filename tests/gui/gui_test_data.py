"""Small workbooks for the GUI tests, built with openpyxl, one feature each."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

SUSPENSIONS = [("Academic year", "Sep", "Oct", "Nov", "Dec", "Jan"),
               ("2020/21", 310, 402, 455, 298, 377),
               ("2021/22", 356, 480, 512, 340, 420),
               ("2022/23", 401, 552, 590, 388, 497)]
CLA_RATE = [("Measure", "2020/21", "2021/22", "2022/23"),
            ("CLA rate per 10,000", 48.2, 51.0, 53.7),
            ("England", 67.0, 70.0, 71.0),
            ("South West", 55.0, 56.0, 58.0)]


def write_workbook(path: Path, sheet: str, rows) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def budget_monitor(pack):
    """The demo pack's Month 6 budget monitor (latest version): External Placements budget £38.4m,
    forecast £48.8m, variance £10.4m A, in the Children & Families section."""
    for ds in pack.datasets():
        observations = pack.observations(ds.id)
        if any(o.label == "External Placements" and o.measure.startswith("Current Budget") and o.value == 38_400_000
               and o.section == "Children & Families" for o in observations):
            return ds, observations
    raise LookupError("no Month 6 budget monitor in the demo pack")

