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


@dataclass(slots=True)
class ParsedRow:
    """A data row waiting for its role: ``numbers`` holds column -> (value in base units, rounding step)."""

    r: int
    label: str
    section: str | None
    role: str
    cells: list = field(default_factory=list)
    numbers: dict[int, tuple[float, float]] = field(default_factory=dict)
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


def _adds_up(row: ParsedRow, parts: list[ParsedRow]) -> bool:
    """Whether ``row``'s figures are the sum of ``parts``' in every column it fills (two at least)."""
    compared = 0
    nonzero = False
    for col, (value, step) in row.numbers.items():
        values = [p.numbers[col] for p in parts if col in p.numbers]
        if not values:
            continue
        total = sum(v for v, _ in values)
        tolerance = (step + sum(s for _, s in values)) / 2 + 1e-9
        if abs(total - value) > tolerance:
            return False
        compared += 1
        nonzero = nonzero or value != 0
    return nonzero and compared >= min(2, len(row.numbers))


def assign_roles(rows: list[ParsedRow], *, has_headings: bool, final: bool) -> None:
    """Settle each row's role and section in place; ``final`` when no rows of the table follow."""
    worded_subtotals = any(r.role == SUBTOTAL and r.worded for r in rows)
    group: list[ParsedRow] = []
    subtotals: list[ParsedRow] = []
    section = rows[0].section if rows else None
    for i, row in enumerate(rows):
        if row.section != section and row.role == DATA:
            group, section = [], row.section
        later = any(r.numbers for r in rows[i + 1:]) or not final
        if row.role == DATA:
            if len(subtotals) >= 2 and _adds_up(row, subtotals):
                row.role = TOTAL
            elif not (worded_subtotals or has_headings) and len(group) >= 2 and _adds_up(row, group):
                row.role = SUBTOTAL
        elif row.role == TOTAL and later and not (subtotals and _adds_up(row, subtotals)):
            row.role = SUBTOTAL
        if row.role == DATA:
            group.append(row)
        elif row.role == SUBTOTAL:
            _close_group(row, group)
            subtotals.append(row)
            group = []
        else:
            row.section = None
            group, subtotals = [], []


def _close_group(row: ParsedRow, group: list[ParsedRow]) -> None:
    """A sub total closes its group: rows without a heading take the group's name as their section."""
    if row.section is None or any(g.section is None for g in group):
        name = group_name(row.label)
        row.section = row.section or name
        for member in group:
            member.section = member.section or name
