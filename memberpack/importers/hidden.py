"""Figures read from a sheet's hidden columns and rows, told in the import report.

Hidden columns and rows are read like the others (councils hide working columns, but also figures
a member is meant to see once unhidden), so the report names those that held figures read, sheet by
sheet: ``warning: sheet 'Budget': hidden columns D:F were read (12 figures)``. Which columns and
rows are hidden comes with the sheet's formats (:class:`~memberpack.importers.formats.SheetFormats`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np

from memberpack.importers.cells import column_index, column_letter, parse_ref


# A workbook's own check cells ("CHECKS", "Check sum", "Validation", "OK", TRUE)
_CHECK = re.compile(r"\s*(?:checks?(?:\s*sums?)?|check\s*total|validation|ok|true|false|errors?)\s*:?\s*", re.IGNORECASE)


class HiddenRead:
    """Counts the figures a sheet's tables read in its hidden columns and rows (0-based)."""

    def __init__(self, sheet: str, columns: set[int], rows: set[int]) -> None:
        self.sheet, self.columns, self.rows = sheet, columns, rows
        self._lines = np.fromiter((r + 1 for r in rows), dtype=np.int64, count=len(rows))   # as blocks number rows
        self.in_columns: Counter[int] = Counter()
        self.in_rows: Counter[int] = Counter()

    def only_checks(self, r: int, row: list[Any]) -> bool:
        """Whether row ``r`` holds nothing but check cells, each hidden (in a hidden column, or the row
        hidden): no title or header, so no table starts there (``CHECKS`` in hidden L13 over a calculator
        whose header is E14:E15)."""
        filled = [(c, v) for c, v in enumerate(row) if v is not None and v != ""]
        return bool(filled) and all((r in self.rows or c in self.columns) and _CHECK.fullmatch(str(v))
                                    for c, v in filled)

    def counted(self, parts: Iterable[Any]) -> Iterator[Any]:
        """A table's parts as they come, their figures in hidden cells counted on the way."""
        for part in parts:
            if type(part) is list:
                for obs in part:
                    if obs.value is not None:
                        r, c = parse_ref(obs.cell)
                        if c in self.columns:
                            self.in_columns[c] += 1
                        if r in self.rows:
                            self.in_rows[r] += 1
            else:
                self._block(part)
            yield part

    def _block(self, block) -> None:
        hidden_lines = np.isin(block.lines, self._lines) if len(self._lines) else None
        for column in block.columns:
            figures = ~np.isnan(column.values)
            c = column_index(column.letter)
            if c in self.columns and (n := int(np.count_nonzero(figures))):
                self.in_columns[c] += n
            if hidden_lines is not None and hidden_lines.any():
                for line in block.lines[hidden_lines & figures].tolist():
                    self.in_rows[line - 1] += 1

    def warnings(self) -> list[str]:
        """The report's lines: one for hidden columns, one for hidden rows, where figures were read."""
        out = []
        for counts, what, name in ((self.in_columns, "column", column_letter), (self.in_rows, "row", lambda r: str(r + 1))):
            if counts:
                figures = sum(counts.values())
                out.append(f"warning: sheet {self.sheet!r}: hidden {what}{'s' if len(counts) > 1 else ''} "
                           f"{_runs(sorted(counts), name)} {'were' if len(counts) > 1 else 'was'} read "
                           f"({figures:,} figure{'s' if figures > 1 else ''})")
        return out


def _runs(indexes: list[int], name) -> str:
    """``D:F, H`` (columns) or ``12:14, 20`` (rows): runs of adjacent ones, the first few."""
    runs: list[list[int]] = []
    for i in indexes:
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    shown = [name(a) if a == b else f"{name(a)}:{name(b)}" for a, b in runs[:6]]
    return ", ".join(shown) + (f" and {len(runs) - 6} more" if len(runs) > 6 else "")
