"""Reading our statistical neighbours from the DfE statistical-neighbour workbook.

The workbook has title and note rows above its header; the header names the LA number and name
columns, then ``SN1`` .. ``SN10``, each written twice: the neighbour's LA number, then how close
it is ("Extremely close", "Very close", or a distance). One row per authority; ours is found by its
LA number, ONS code or name, and the neighbours are named from their own rows.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from memberpack.errors import ImportFailed
from memberpack.importers.cells import a1
from memberpack.importers.reader import Sheet, read_sheets
from memberpack.importers.safety import not_a_file
from memberpack.model.areas import LOCAL_AUTHORITY, Area, known_authority, la_code, named_by
from memberpack.store.comparators import Neighbour, NeighbourList

_SN = re.compile(r"^\s*SN\s*(\d{1,2})\s*$", re.IGNORECASE)
_CODE_HEADER = re.compile(r"\b(la\s*(number|no\.?|code)|old_la_code|la_code|lea)\b", re.IGNORECASE)
_GSS_HEADER = re.compile(r"\b(new\s*la\s*code|new_la_code|ons\s*code|gss)\b", re.IGNORECASE)
_NAME_HEADER = re.compile(r"\b(la\s*name|la_name|local\s+authority|authority|name)\b", re.IGNORECASE)


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    return "" if value is None else str(value).strip()


def _header(rows: list[list[Any]]) -> tuple[int, dict[int, list[int]], int | None, int | None, int | None] | None:
    """The header row, its SN columns (number -> [code column, closeness column]) and the LA number,
    ONS code and name columns."""
    for r, row in enumerate(rows):
        sn: dict[int, list[int]] = {}
        for c, value in enumerate(row):
            if (m := _SN.match(_text(value))) is not None:
                sn.setdefault(int(m.group(1)), []).append(c)
        if 1 not in sn:
            continue
        first_sn = min(cols[0] for cols in sn.values())
        heads = [(c, _text(v)) for c, v in enumerate(row[:first_sn])]
        gss = next((c for c, h in heads if _GSS_HEADER.search(h)), None)
        code = next((c for c, h in heads if _CODE_HEADER.search(h) and c != gss), None)
        name = next((c for c, h in heads if _NAME_HEADER.search(h) and c not in (code, gss)), None)
        return r, sn, code, gss, name
    return None


def _grid(sheet: Sheet) -> list[list[Any]]:
    """The sheet's rows from row 1 (a neighbour list is a few hundred rows: held whole)."""
    grid: list[list[Any]] = []
    for r, row in sheet.rows:
        grid += [[] for _ in range(r - len(grid))]
        grid.append(row)
    return grid


def read_neighbours(path: str | Path, authority: Area) -> NeighbourList:
    """The statistical neighbours of ``authority`` listed in ``path`` (xlsx, xls, ods or csv)."""
    path = Path(path)
    if not path.is_file():
        raise not_a_file(path)
    for sheet in read_sheets(path):
        grid = _grid(sheet)
        found = _header(grid)
        if found is None:
            continue
        header_row, sn, code_col, gss_col, name_col = found
        if code_col is None and name_col is None:
            raise ImportFailed(f"{path.name}: sheet {sheet.name}, row {header_row + 1}: no LA number or LA name "
                               "column before SN1")
        rows = grid[header_row + 1:]

        def cell(row: list[Any], col: int | None) -> str:
            return _text(row[col]) if col is not None and col < len(row) else ""

        lookup: dict[str, Area] = {}
        for other in rows:
            area = Area(LOCAL_AUTHORITY, cell(other, name_col), cell(other, code_col), cell(other, gss_col))
            lookup.update({key.lower(): area for key in (area.old_code, area.new_code, area.name) if key})
        ours = next((i for i, row in enumerate(rows)
                     if any(authority.matches(cell(row, c)) for c in (code_col, gss_col, name_col) if c is not None)),
                    None)
        if ours is None:
            raise ImportFailed(f"{path.name}: sheet {sheet.name}: {authority.describe()} is not in the list")
        row = rows[ours]
        members = []
        for number in sorted(sn):
            columns = sn[number]
            written = la_code(row[columns[0]]) if columns[0] < len(row) else ""
            if not written:
                continue
            area = lookup.get(written.lower()) or known_authority(written) or named_by(written)
            members.append(Neighbour(area.name, area.old_code, area.new_code,
                                     cell(row, columns[1]) if len(columns) > 1 else ""))
        if not members:
            raise ImportFailed(f"{path.name}: sheet {sheet.name}, row {header_row + ours + 2}: no neighbours "
                               f"listed for {authority.describe()}")
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        return NeighbourList(authority.old_code or authority.name, members, path.name, digest,
                             f"{sheet.name}!{a1(header_row + ours + 1, 0)}")
    raise ImportFailed(f"{path.name}: no statistical-neighbour table found (a header row with SN1 to SN10)")
