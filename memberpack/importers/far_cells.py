"""Cells far from the rest of an .xlsx sheet: an entry left in ``XFD1048576`` (Excel's Ctrl+End trap).

calamine gives a sheet as the rectangle from its first cell to its last, so one stray entry turns a
20-row table into 17 billion cells (calamine cannot allocate them and the reader fails) or a 5,000-row
table into 80 million (gigabytes, seconds). A sheet whose declared size is that large is scanned for
its cells; those beyond a gap of more than :data:`GAP_COLUMNS` empty columns or :data:`GAP_ROWS` empty
rows from the rest are left out of the part calamine parses, and the report names them. A sheet part
of up to :data:`SIZED_FROM_CELLS` bytes that declares no size (openpyxl's write-only mode and others
leave out its ``<dimension>``) is sized from its cells' references, as calamine sizes it (a larger one
is not: 38 MB of sheet took 0.6 s and 80 MB to size so). A workbook on which the reader crashes is
read again with every part sized from its cells' references, whatever its ``<dimension>`` says
(``large_sheets(..., every=True)``): a dimension may lie, and a larger part may hold a stray cell.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from memberpack.importers.cells import column_index, column_letter

LARGE_AREA = 10_000_000   # declared cells: below this a sheet is parsed as it is
SPARSE = 4                # declared cells per byte of the part: a sheet that full has no stray far cell to matter
GAP_COLUMNS = 1_000
GAP_ROWS = 100_000
MOST_LEFT_OUT = 20        # stray entries are few: more cells that far are another table, read as they are
HEAD_BYTES = 4_096        # the dimension element stands before the sheet's data
SIZED_FROM_CELLS = 1 << 20   # bytes of a sheet part with no dimension read for its cells' references
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="\$?([A-Z]{1,3})?\$?(\d+)?(?::\$?([A-Z]{1,3})\$?(\d+))?"')
_REFERENCE = re.compile(rb'<(?:\w+:)?c\b[^>]*?\sr="([A-Z]{1,3})(\d{1,10})"')
# a cell with content (not an empty, formatted one), its reference and its whole element
_CELL = re.compile(rb'<((?:\w+:)?c)\b[^>]*?\sr="([A-Z]{1,3})(\d{1,10})"[^>]*?(?<!/)>.*?</\1>', re.DOTALL)


@dataclass(slots=True)
class Trimmed:
    """A sheet part without its far cells, and the references of those left out."""

    xml: bytes
    left_out: list[str]

    def note(self, sheet: str) -> str:
        shown = ", ".join(self.left_out[:3]) + (f" and {len(self.left_out) - 3:,} more" if len(self.left_out) > 3 else "")
        many = len(self.left_out) > 1
        return (f"warning: sheet {sheet!r}: {len(self.left_out):,} cell{'s' if many else ''} far from the rest "
                f"({shown}) {'were' if many else 'was'} not read: a stray entry there makes the sheet millions of "
                "cells large; delete it in Excel if it matters")


def large_sheets(path: Path, parts: dict[str, tuple[str, int]], *, every: bool = False) -> dict[str, str]:
    """Of ``parts`` (sheet name -> (part, bytes) of an .xlsx/.xlsm file), those declared
    :data:`LARGE_AREA` cells or more while holding far fewer (a byte for every :data:`SPARSE` cells
    declared): a sheet that large and full is read as it is. A part that cannot be read is left to
    calamine, which names what is wrong. With ``every`` (a second reading, after the reader failed),
    every part is sized from its cells' references, whatever its ``<dimension>`` says."""
    found: dict[str, str] = {}
    if not parts:
        return found
    try:
        with zipfile.ZipFile(path) as archive:
            for name, (part, size) in parts.items():
                with archive.open(part) as fh:
                    head = fh.read(HEAD_BYTES)
                    match = _DIMENSION.search(head)
                    area = _referenced_area(head, fh) if every or not match and size <= SIZED_FROM_CELLS else \
                        _area(match) if match else 0
                if area >= max(LARGE_AREA, size * SPARSE):
                    found[name] = part
    except Exception:  # noqa: BLE001 - calamine's own parse names what is wrong
        return found
    return found


def _area(match: re.Match) -> int:
    first_col, first_row, last_col, last_row = match.groups()
    if last_col is None:
        return 1
    width = column_index(last_col.decode()) - column_index((first_col or b"A").decode()) + 1
    return width * (int(last_row) - int(first_row or 1) + 1)


def _referenced_area(head: bytes, fh) -> int:
    """The cells from the first referenced to the last, of a sheet part read on from ``head`` (16 MB
    at a time; a reference cut by a chunk is read with the next)."""
    columns: set[bytes] = set()
    low, high = 1 << 30, 0
    rest = head
    while True:
        chunk = fh.read(1 << 24)
        block = rest + chunk
        end = (block.rfind(b"<") % (len(block) + 1)) if chunk else len(block)
        found = _REFERENCE.findall(block, 0, end)
        if found:
            columns.update(column for column, _ in found)
            rows = [int(row) for _, row in found]
            low, high = min(low, min(rows)), max(high, max(rows))
        rest = block[end:]
        if not chunk:
            break
    if not columns:
        return 0
    indices = [column_index(column.decode()) for column in columns]
    return (max(indices) - min(indices) + 1) * (high - low + 1)


def trimmed(xml: bytes) -> Trimmed | None:
    """``xml`` (a sheet part) without the cells far from the rest, or None when none is, or too many
    are to be stray entries."""
    cells = [(int(m.group(3)), column_index(m.group(2).decode()), m.start(), m.end()) for m in _CELL.finditer(xml)]
    if not cells:
        return None
    rows = _near(sorted({r for r, *_ in cells}), GAP_ROWS)
    cols = _near(sorted({c for _, c, *_ in cells}), GAP_COLUMNS)
    far = [cell for cell in cells if not (rows[0] <= cell[0] <= rows[1] and cols[0] <= cell[1] <= cols[1])]
    if not far or len(far) > MOST_LEFT_OUT:
        return None
    kept, at = [], 0
    for _, _, start, end in far:
        kept.append(xml[at:start])
        at = end
    kept.append(xml[at:])
    return Trimmed(b"".join(kept), [f"{column_letter(c)}{r}" for r, c, *_ in far])


def _near(values: list[int], gap: int) -> tuple[int, int]:
    """The span of the largest group of ``values`` (sorted) that no gap of more than ``gap`` divides."""
    cuts = [0] + [i + 1 for i, (a, b) in enumerate(zip(values, values[1:])) if b - a > gap] + [len(values)]
    start, stop = max(zip(cuts, cuts[1:]), key=lambda run: run[1] - run[0])
    return values[start], values[stop - 1]
