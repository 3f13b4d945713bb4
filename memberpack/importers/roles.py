"""Sub total and total rows, and the section each row belongs to.

Councils mark groups three ways, and all three appear in the seed packs:

* a heading row above the group and a ``... sub total`` row below it (Somerset budget monitors);
* no heading, only a subtotal row after its children, named for the group and not saying
  "total" at all (North Somerset's Appendix 1: ``Support and Safeguarding``). Such rows are found
  by arithmetic: their figures equal the sum of the rows above, within rounding;
* ``Total Expenditure`` / ``Total Income`` followed by ``Net Expenditure`` (placements breakdowns):
  a ``Total X`` row with rows after it closes section ``X``; a row equal to the sum of the
  sub totals before it is the grand total.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from memberpack.model.observation import DATA, SUBTOTAL, TOTAL

_SUBTOTAL = re.compile(r"\bsub[\s-]?totals?\b", re.IGNORECASE)
_TOTAL = re.compile(r"\b(?:grand\s+)?totals?\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d[\d,]*(?:\.(\d+))?")


@dataclass(slots=True)
class ParsedRow:
    """A data row waiting for its role: ``numbers`` holds column -> (value in base units, text shown)."""

    r: int
    label: str
    section: str | None
    role: str
    cells: list = field(default_factory=list)
    numbers: dict[int, tuple[float, str]] = field(default_factory=dict)
    worded: bool = False      # the role came from the label's words


def role_from_words(label: str) -> str:
    """``sub total`` rows, total rows and ordinary rows, by their label; ``- TOTAL COST`` is a measure row."""
    if label.lstrip().startswith(("-", "–", "•")):
        return DATA
    if _SUBTOTAL.search(label):
        return SUBTOTAL
    if _TOTAL.search(label):
        return TOTAL
    return DATA


def group_name(label: str) -> str:
    """``"Total Expenditure"`` -> ``"Expenditure"``; ``"Support and Safeguarding"`` stays."""
    name = _SUBTOTAL.sub(" ", label)
    name = _TOTAL.sub(" ", name)
    return " ".join(name.strip(" -:–").split()) or label


def rounding_step(value: float, display: str) -> float:
    """One unit of the last digit shown (0.1 of £1m for ``38.4`` in £m), in base units."""
    digits = _DIGITS.search(display)
    if not digits or value == 0:
        return 1.0
    shown = float(digits.group(0).replace(",", ""))
    scale = abs(value) / shown if shown else 1.0
    return scale * 10 ** -len(digits.group(1) or "")


class _Sums:
    """Running column sums of a group of rows, so a candidate total is checked in O(columns)."""

    def __init__(self) -> None:
        self.rows: list[ParsedRow] = []
        self.totals: dict[int, float] = {}

    def add(self, row: ParsedRow) -> None:
        self.rows.append(row)
        totals = self.totals
        for col, (value, _) in row.numbers.items():
            totals[col] = totals.get(col, 0.0) + value

    def __len__(self) -> int:
        return len(self.rows)

    def matched_by(self, row: ParsedRow) -> bool:
        """Whether ``row``'s figures are these rows' sums, within rounding, in every column it fills
        (two at least); each figure may be out by half its last shown digit."""
        compared = 0
        nonzero = False
        for col, (value, display) in row.numbers.items():
            total = self.totals.get(col)
            if total is None:
                continue
            if abs(total - value) > rounding_step(value, display) * (len(self.rows) + 1) / 2 + 1e-9:
                return False
            compared += 1
            nonzero = nonzero or value != 0
        return nonzero and compared >= min(2, len(row.numbers))


def assign_roles(rows: list[ParsedRow], *, has_headings: bool, final: bool) -> None:
    """Settle each row's role and section in place; ``final`` when no rows of the table follow."""
    worded_subtotals = any(r.role == SUBTOTAL and r.worded for r in rows)
    last_with_numbers = max((i for i, r in enumerate(rows) if r.numbers), default=-1)
    group, subtotals = _Sums(), _Sums()
    section = rows[0].section if rows else None
    for i, row in enumerate(rows):
        if row.section != section and row.role == DATA:
            group, section = _Sums(), row.section
        later = i < last_with_numbers or not final
        if row.role == DATA:
            if len(subtotals) >= 2 and subtotals.matched_by(row):
                row.role = TOTAL
            elif not (worded_subtotals or has_headings) and len(group) >= 2 and group.matched_by(row):
                row.role = SUBTOTAL
        elif row.role == TOTAL and later and not (len(subtotals) and subtotals.matched_by(row)):
            row.role = SUBTOTAL
        if row.role == DATA:
            group.add(row)
        elif row.role == SUBTOTAL:
            _close_group(row, group.rows)
            subtotals.add(row)
            group = _Sums()
        else:
            row.section = None
            group, subtotals = _Sums(), _Sums()


def _close_group(row: ParsedRow, group: list[ParsedRow]) -> None:
    """A sub total closes its group: rows without a heading take the group's name as their section."""
    if row.section is None or any(g.section is None for g in group):
        name = group_name(row.label)
        row.section = row.section or name
        for member in group:
            member.section = member.section or name
