"""Small helpers the sample builders share: writing rows with number formats, titles, widths."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

M1 = "#,##0.0;(#,##0.0)"      # £m to one decimal, negatives in brackets
WHOLE = "#,##0;(#,##0)"       # whole pounds, negatives in brackets
PCT2 = "0.00%"
PCT1 = "0.0%"
BOLD = Font(bold=True)


def put(ws, row: int, values, *, fmt: str | None = None, bold: bool = False, col: int = 1) -> None:
    """Write one row; numbers get ``fmt``. Text such as "(0.9)" stays text, as officers type it."""
    for offset, value in enumerate(values):
        if value is None:
            continue
        cell = ws.cell(row=row, column=col + offset, value=value)
        if fmt and isinstance(value, (int, float)):
            cell.number_format = fmt
        if bold:
            cell.font = BOLD


def titles(ws, *lines: str) -> int:
    """Bold title rows at the top of a sheet; returns the next free row (after one blank row)."""
    for i, line in enumerate(lines, start=1):
        put(ws, i, [line], bold=True)
    return len(lines) + 2


def widths(ws, first: int, rest: int = 14) -> None:
    ws.column_dimensions["A"].width = first
    for col in range(2, ws.max_column + 1):
        ws.column_dimensions[ws.cell(row=1, column=col).column_letter].width = rest


def new_sheet(wb: Workbook, title: str):
    ws = wb.active if wb.active.title == "Sheet" else wb.create_sheet()
    ws.title = title
    return ws


