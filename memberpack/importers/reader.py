"""Raw cell grids from a workbook or CSV file, read with python-calamine."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from memberpack.errors import ImportFailed

WORKBOOK_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
CSV_SUFFIXES = {".csv", ".txt"}


@dataclass(slots=True)
class Sheet:
    """One sheet's cell values, row by row, from A1."""

    name: str
    rows: list[list[Any]]


def read_sheets(path: Path, sheet: str | None = None) -> list[Sheet]:
    """Every sheet of ``path`` (or just ``sheet``) as grids of Python values."""
    suffix = path.suffix.lower()
    if suffix in CSV_SUFFIXES:
        return [Sheet(path.stem, _read_csv(path))]
    if suffix not in WORKBOOK_SUFFIXES:
        raise ImportFailed(f"{path.name}: not a spreadsheet memberpack can read (use .xlsx, .xlsm, .xls, .ods or .csv)")
    from python_calamine import CalamineWorkbook  # noqa: PLC0415 - heavy reader loaded on first import

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
        if sheet is not None and sheet not in names:
            raise ImportFailed(f"{path.name}: no sheet named {sheet!r} (sheets: {', '.join(names)})")
        return [Sheet(name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False))
                for name in names if sheet is None or name == sheet]
    except ImportFailed:
        raise
    except Exception as exc:  # calamine raises several types for broken files
        raise ImportFailed(f"{path.name}: cannot be read as a workbook ({exc})") from None


def _read_csv(path: Path) -> list[list[Any]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]
