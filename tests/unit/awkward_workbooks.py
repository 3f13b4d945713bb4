"""Small awkward workbooks for the import tests, written with openpyxl, and a way to read them back."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from memberpack.importers import read_file


def write_xlsx(path: Path, sheets: dict[str, list[list]], *, merges: dict[str, list[str]] | None = None,
               formats: dict[str, dict[str, str]] | None = None) -> Path:
    """One sheet per entry, rows from A1; ``merges`` and number ``formats`` by sheet and cell."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
        for cells in (merges or {}).get(name, []):
            ws.merge_cells(cells)
        for cell, code in (formats or {}).get(name, {}).items():
            ws[cell].number_format = code
    wb.save(path)
    return path


def observations(path: Path, **kwargs) -> dict[tuple[str, str], object]:
    """Every figure read from ``path``, by (sheet, cell) (benchmarks by (sheet, cell, measure))."""
    out = {}
    for table in read_file(path, **kwargs).tables:
        for obs in table.observations:
            key = (obs.sheet, obs.cell, obs.measure) if obs.measure.startswith("Benchmark: ") else (obs.sheet, obs.cell)
            assert key not in out, f"{key} read twice"
            out[key] = obs
    return out
