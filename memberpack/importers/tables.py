"""Finding a table in a sheet grid and turning its cells into observations."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from memberpack.importers.cells import a1, column_letter
from memberpack.importers.reader import Sheet
from memberpack.importers.report import Skipped, TableReport
from memberpack.model.metrics import match_metric
import re

from memberpack.model.observation import DATA, GENERAL, SUBTOTAL, TOTAL, Observation
from memberpack.model.periods import parse_period
from memberpack.model.units import find_unit
from memberpack.model.values import CellValue, from_number, parse_text


@dataclass(slots=True)
class FoundTable:
    """A table read from a sheet: its observations and its report entry."""

    title: str
    report: TableReport
    observations: list[Observation] = field(default_factory=list)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_cell(value: Any, unit) -> CellValue:
    if isinstance(value, bool):
        return parse_text(str(value), unit)
    if isinstance(value, (int, float)):
        return from_number(float(value), unit, display=f"{value:g}" if isinstance(value, float) else str(value))
    return parse_text(None if value is None else str(value), unit)


def row_role(label: str) -> str:
    """``sub total`` rows, total rows, and ordinary data rows, by their label."""
    if re.search(r"\bsub[\s-]?total\b", label, re.IGNORECASE):
        return SUBTOTAL
    if re.search(r"\btotal\b", label, re.IGNORECASE):
        return TOTAL
    return DATA


def find_table(sheet: Sheet, *, kind: str | None = None) -> FoundTable | None:
    """The table of a clean sheet: the first non-empty row is its header, the first column its labels."""
    rows = sheet.rows
    header_row = next((i for i, r in enumerate(rows) if any(not _blank(v) for v in r)), None)
    if header_row is None:
        return None
    header = rows[header_row]
    label_col = next(i for i, v in enumerate(header) if not _blank(v) or i == 0)
    last_col = max(i for i, v in enumerate(header) if not _blank(v))
    measures = {c: str(header[c]).strip() for c in range(label_col + 1, last_col + 1) if not _blank(header[c])}
    report = TableReport(sheet=sheet.name, title="", cell_range="", kind=kind or GENERAL,
                         header_rows=[header_row + 1], label_column=column_letter(label_col), unit=None)
    found = FoundTable(title=sheet.name, report=report)
    last_row = header_row
    section = None
    for r in range(header_row + 1, len(rows)):
        row = rows[r]
        label_value = row[label_col] if label_col < len(row) else None
        if _blank(label_value):
            report.skipped += [Skipped(a1(r, c), "value with no row label") for c in measures
                               if c < len(row) and not _blank(row[c])]
            continue
        label = str(label_value).strip()
        if all(c >= len(row) or _blank(row[c]) for c in measures):
            section = label
            report.assumptions.append(f"row {r + 1} ({label!r}) is a section heading")
            continue
        role = row_role(label)
        report.rows_read += 1
        last_row = r
        for c, measure in measures.items():
            unit = find_unit(measure)
            cell = read_cell(row[c] if c < len(row) else None, unit)
            period = parse_period(measure)
            found.observations.append(Observation(
                label=label, measure=measure, value=cell.value, unit=cell.unit, display=cell.display,
                status=cell.status, period=period.label() if period else None, sheet=sheet.name,
                section=section, row_role=role,
                cell=a1(r, c), row=r - header_row - 1, col=c - label_col,
                metric_id=match_metric(label, measure, cell.unit).id))
            report.cells_read += 1
    report.cell_range = f"{a1(header_row, label_col)}:{a1(last_row, last_col)}"
    return found
