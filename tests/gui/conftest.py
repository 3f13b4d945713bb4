"""GUI test fixtures: small workbooks built with openpyxl, one feature each."""

from __future__ import annotations

from pathlib import Path

import pytest
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


@pytest.fixture
def suspensions_xlsx(tmp_path) -> Path:
    """Suspensions Sep-Jan for three academic years (earlier years overlaid)."""
    return write_workbook(tmp_path / "suspensions.xlsx", "Suspensions", SUSPENSIONS)


@pytest.fixture
def cla_rate_xlsx(tmp_path) -> Path:
    """A rate per 10,000 with England and South West benchmark rows."""
    return write_workbook(tmp_path / "cla_rate.xlsx", "CLA rate", CLA_RATE)
