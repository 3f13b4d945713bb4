"""Sub total and total rows, and the section each row belongs to.

Councils mark groups three ways, and all three appear in the seed packs:

* a heading row above the group and a ``... sub total`` row below it (Somerset budget monitors);
* no heading, only a subtotal row after its children, named for the group and not saying
  "total" at all (North Somerset's Appendix 1: ``Support and Safeguarding``). Such rows are found
  by arithmetic: their figures equal the sum of the rows above, within rounding;
* ``Total Expenditure`` / ``Total Income`` followed by ``Net Expenditure`` (placements breakdowns):
  a ``Total X`` row with rows after it closes section ``X``; a row equal to the sum of the
  sub totals before it is the grand total.

A pivot table in Excel's compact form puts each group's sub total on the group's own row, above its
lines (``Adults 1,200`` over ``Older people 700``, ``Learning disability 500``), and no row says
"sub total": such rows are found when the ``Grand Total`` is not the sum of the rows above it but
is the sum of rows that each head a run of rows adding up to them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from memberpack.model.observation import DATA, SUBTOTAL, TOTAL

SUBTOTAL_WORDS = re.compile(r"\bsub[\s-]?totals?\b", re.IGNORECASE)
TOTAL_WORDS = re.compile(r"\b(?:grand\s+)?totals?\b", re.IGNORECASE)
_SHARE_OF_TOTAL = re.compile(r"\b(?:of|in)\s+(?:the\s+)?(?:grand\s+|sub[\s-]?)?totals?\b", re.IGNORECASE)
_DIGITS = re.compile(r"\d[\d,]*(?:\.(\d+))?")
_RUNNING = 30   # rows after a total within which a row adding it up with them is looked for
# "All schools", "All pupils", "All state-funded schools": every row's group, a total when it adds them up
# a statement's closing balance: brought forward and the year's movements add up to it, yet it is the
# figure the statement is for, not a group's sub total ("Forecast cumulative deficit carried forward")
CARRIED_FORWARD = re.compile(r"\bcarr(?:y|ied)[\s-]*forward\b|\bc/f\b|\bclosing\s+balance", re.IGNORECASE)
ALL_OF_THEM = re.compile(r"\s*all\s+(?!other\b|the\b)[a-z][\w'-]*(?:\s+[\w'-]+){0,2}\s*", re.IGNORECASE)


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
    unit: str | None = None   # the base unit of the row's first figure
    period: object = None     # the Period its key columns give, if any
    area: str | None = None   # the area its code column gives (model.areas.Area.key)
    own_keys: bool = False    # its section is its own key cells' (an age group written on the row), none carried


def role_from_words(label: str) -> str:
    """``sub total`` rows, total rows and ordinary rows, by their label; ``- TOTAL COST`` is a measure
    row, and so is a share "of total expenditure"."""
    if label.lstrip().startswith(("-", "–", "•")) or _SHARE_OF_TOTAL.search(label):
        return DATA
    if SUBTOTAL_WORDS.search(label):
        return SUBTOTAL
    if TOTAL_WORDS.search(label):
        return TOTAL
    return DATA


def group_name(label: str) -> str:
    """``"Total Expenditure"`` -> ``"Expenditure"``; ``"Support and Safeguarding"`` stays."""
    name = SUBTOTAL_WORDS.sub(" ", label)
    name = TOTAL_WORDS.sub(" ", name)
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
    """A group of rows with the running sum of one key column: a candidate total is tested on that
    column first (O(1)), and only when it matches are the other columns summed. Columns ``apart``
    (percentages: a total's ``Variance %`` is no sum of its lines') are not tested."""

    def __init__(self, apart: frozenset[int] = frozenset()) -> None:
        self.rows: list[ParsedRow] = []
        self.key: int | None = None
        self.key_total = 0.0
        self.apart = apart

    def add(self, row: ParsedRow) -> None:
        self.rows.append(row)
        if self.key is None and row.numbers:
            self.key = next((col for col in row.numbers if col not in self.apart), None)
        figure = row.numbers.get(self.key)
        if figure is not None:
            self.key_total += figure[0]

    def __len__(self) -> int:
        return len(self.rows)

    def add_up_none(self, row: ParsedRow) -> bool:
        """Whether ``row``'s figures are no sum of these rows nor of any of them: in every column it
        fills, more than all their positive figures together or, none negative, less than the
        largest (a statement's ``Total other receipts`` under the balance brought forward). Lines
        counted twice ('of which') only add to the rows' sums, so do not make a total look like none."""
        compared = 0
        for col, (value, display) in row.numbers.items():
            values = [r.numbers[col][0] for r in self.rows if col in r.numbers] if col not in self.apart else None
            if not values:
                continue
            step = rounding_step(value, display) * (len(values) + 1) / 2 + 1e-9
            if not (value > sum(v for v in values if v > 0) + step or min(values) >= 0 and value < max(values) - step):
                return False
            compared += 1
        return compared > 0

    def twice(self, row: ParsedRow) -> bool:
        """Whether these rows' key column adds up to twice ``row``'s figure, within rounding: as a
        compact pivot table's rows do over its total, each line counted in its group's row too."""
        key = row.numbers.get(self.key) if self.key is not None else None
        return key is not None and key[0] != 0 and abs(
            self.key_total - 2 * key[0]) <= rounding_step(*key) * (len(self.rows) + 1) + 1e-9

    def matched_by(self, row: ParsedRow) -> bool:
        """Whether ``row``'s figures are these rows' sums, within rounding, in every column it fills
        (two at least); each figure may be out by half its last shown digit."""
        tolerance = (len(self.rows) + 1) / 2
        key = row.numbers.get(self.key)
        if key is not None and abs(self.key_total - key[0]) > rounding_step(*key) * tolerance + 1e-9:
            return False
        compared = 0
        nonzero = False
        for col, (value, display) in row.numbers.items():
            if col in self.apart:
                continue
            values = [r.numbers[col][0] for r in self.rows if col in r.numbers]
            if not values:
                continue
            if abs(sum(values) - value) > rounding_step(value, display) * tolerance + 1e-9:
                return False
            compared += 1
            nonzero = nonzero or value != 0
        return nonzero and compared >= min(2, len(row.numbers.keys() - self.apart) if self.apart else len(row.numbers))


def summed_apart(sections: Sequence[str | None]) -> list[str | None]:
    """The sections a window's rows are summed within (by :func:`assign_roles`, and by the table
    reader's screen of it): as they are, unless they are rather each row's own code (a key column's
    ``C1001``, ``C1002``, carried onto a blank cell below: half the rows or more have a section of
    their own), which makes no groups (a cost centre's lines closed by an unworded ``Libraries Net``)."""
    named = [s for s in sections if s is not None]
    if len(named) >= 3 and len(set(named)) * 2 >= len(sections):
        return [None] * len(sections)
    return list(sections)


def assign_roles(rows: list[ParsedRow], *, has_headings: bool, final: bool, money: bool = True,
                 apart: frozenset[int] = frozenset()) -> None:
    """Settle each row's role and section in place; ``final`` when no rows of the table follow;
    ``apart``: the columns of percentages, which are not summed.

    Unworded sub totals are looked for only in ``money`` tables (budget monitors), where a row that
    adds up the rows above it is one; in a count or rate table that could be chance.
    """
    worded_subtotals = any(r.role == SUBTOTAL and r.worded for r in rows)
    last_with_numbers = max((i for i, r in enumerate(rows) if r.numbers), default=-1)
    group, subtotals = _Sums(apart), _Sums(apart)
    groups = summed_apart([row.section for row in rows])
    coded = rows and groups[0] is None and any(row.section is not None for row in rows)
    section = groups[0] if rows else None
    whole = True   # whether ``group`` holds every row since the last total, none in a section
    for i, row in enumerate(rows):
        if groups[i] != section and row.role == DATA:
            group, section, whole = _Sums(apart), groups[i], False
        later = i < last_with_numbers or not final
        if row.role == DATA:
            if len(subtotals) >= 2 and subtotals.matched_by(row):
                row.role = TOTAL
            elif money and not (worded_subtotals or has_headings) and len(group) >= 2 and group.matched_by(row) \
                    and not CARRIED_FORWARD.search(row.label):
                row.role = SUBTOTAL
                if coded:
                    row.section = None   # the code carried onto it names its last line, not it
            elif len(group) >= 2 and ALL_OF_THEM.fullmatch(row.label) and group.matched_by(row):
                row.role = TOTAL   # "All schools" under the school types it adds up
        elif row.role == TOTAL and later and not (len(subtotals) and subtotals.matched_by(row)):
            row.role = SUBTOTAL
        if row.role == DATA:
            group.add(row)
            whole = whole and row.section is None
        elif row.role == SUBTOTAL:
            if not (row.worded and group.add_up_none(row)):   # a line of its own adds up no group to name
                _close_group(row, group.rows)
            subtotals.add(row)
            group, whole = _Sums(apart), False
        else:
            if not row.own_keys:   # (a heading's or the rows above's name is no total's; what its own cells say is)
                row.section = None
            if whole and len(group) >= 4 and group.twice(row):
                _head_groups(group.rows, row, apart)
            group, subtotals, whole = _Sums(apart), _Sums(apart), True
    if money:
        _running_totals(rows, apart)


def _running_totals(rows: list[ParsedRow], apart: frozenset[int]) -> None:
    """A row adding up the total above it and the lines and sub totals after it is a total too: a
    General Fund summary's ``Net Budget Requirement`` under ``Net Service Expenditure`` and the
    corporate lines, then the net position after ``Total Funding``. Looked for within
    :data:`_RUNNING` rows of a total, as such summaries are short, or of a sub total closing every
    row above it (a summary of one directorate: its ``... Total`` heads the count, and a row adding
    it up with one or more lines after it is the Net Budget Requirement). Under a total of the
    groups' sub totals, a line is in none of those groups (``Corporate and Capital Financing`` is
    not the last heading's)."""
    last, since = None, []   # the last total, and the rows after it (each line once: in its sub total, if any)
    sums = _Sums(apart)
    closing: set[str | None] = set()   # the groups sub totals closed since the last total
    closed: set[str | None] = set()    # ... before it, when it added up two or more of them
    for i, row in enumerate(rows):
        if row.role == SUBTOTAL and i >= 2 and not closing and last is None and all(
                r.role == DATA and r.section == row.section for r in rows[:i]):
            last, since, sums, closed = row, [], _Sums(apart), {row.section}
            sums.add(row)
            closing.add(row.section)
            continue
        if row.role == SUBTOTAL:
            closing.add(row.section)
        if row.role == TOTAL:
            last, since, sums = row, [], _Sums(apart)
            sums.add(row)
            closed, closing = closing if len(closing) >= 2 else set(), set()
        elif last is None or len(since) > _RUNNING:
            last = None
        elif row.role == SUBTOTAL:
            since = [r for r in since if r.role != DATA or r.section != row.section] + [row]
            sums = _Sums(apart)
            for counted in (last, *since):
                sums.add(counted)
        elif (since or last.role == TOTAL) and sums.matched_by(row):
            row.role, row.section = TOTAL, None
            last, since, sums = row, [], _Sums(apart)
            sums.add(row)
        else:
            if row.section in closed:
                row.section = None
            since.append(row)
            sums.add(row)


def _head_groups(run: list[ParsedRow], total: ParsedRow, apart: frozenset[int]) -> None:
    """Sub totals above their lines (a compact pivot table's), where the ordinary rows ``run`` do not
    add up to the ``total`` below them: two or more of them each equal to the sum of the rows after
    it up to the next such row, and together equal to the total, head groups named after them."""
    groups = _headed_groups(run, apart)
    if groups is None or len(groups) < 2:
        return
    heads = _Sums(apart)
    for head, *_ in groups:
        heads.add(head)
    if not heads.matched_by(total):
        return
    for head, *lines in groups:
        head.role, head.section = SUBTOTAL, head.label
        for line in lines:
            line.section = head.label


def _headed_groups(run: list[ParsedRow], apart: frozenset[int]) -> list[list[ParsedRow]] | None:
    """``run`` cut into groups, each a row followed by the fewest rows (one at least) adding up to
    it; None if it cannot be."""
    groups, i = [], 0
    while i < len(run):
        lines = _Sums(apart)
        for j in range(i + 1, len(run)):
            lines.add(run[j])
            if lines.matched_by(run[i]):
                break
        else:
            return None
        groups.append(run[i:j + 1])
        i = j + 1
    return groups
def _close_group(row: ParsedRow, group: list[ParsedRow]) -> None:
    """A sub total closes its group: rows without a heading take the group's name as their section.
    One closing no rows (``Total borrowing`` under another sub total) is a line of its own: no section."""
    if group and (row.section is None or any(g.section is None for g in group)):
        name = group_name(row.label)
        row.section = row.section or name
        for member in group:
            member.section = member.section or name
