"""Holding generated words to the figures: every number, direction word and period is parsed out
of a title, sentence or headline line and checked against the table it is about (issue 13).

``check(text, grid, convention, periods)`` returns the problems found, each a short string; an
empty list means every claim in ``text`` agrees with the figures:

* a money amount is written in the table's scale (``£0.7m`` beside a table in £m, never ``£700k``)
  or a larger one (``£1.18bn`` for a table's ``1,179,091`` in £k), and is a figure of the table (or
  its net: the total row, else the sum of its rows) to the digits written, with the word beside it
  (overspend/underspend, surplus/deficit, worse/better) matching its sign under the table's convention;
  "Net ... of £X" is the net position itself;
* "up/down ... from A in P1 to B in P2" goes the way A and B do, A and B are one row's figures for
  P1 and P2, and P1 is the row's figure just before P2 (no older peak hiding a recent rise);
* "(worse)/(better)" agrees with the metric's polarity;
* every period is named in full and is one of the table's; numbers of 1,000 and more have
  thousands separators.
"""

from __future__ import annotations

import re

from memberpack.analysis.benchmark_text import is_comparator
from memberpack.analysis.narrative import net_value, polarity_of, verdict
from memberpack.model.conventions import Convention
from memberpack.model.grid import Grid, GridRow
from memberpack.model.units import GBP

MONEY = re.compile(r"\(?£([\d,]+(?:\.\d+)?)(bn|m|k)?\)?")
WORD = re.compile(r"\b(overspends?|underspends?|surplus(?:es)?|deficits?|worse|better)\b")
TREND = re.compile(r"\b(up|down)\b[^;]*?\bfrom (\S+(?: per 10,000)?) in (.+?) to (\S+(?: per 10,000)?) in "
                   r"(.+?)(?= \(|,|;|\.$|\. |$)")
PERIOD = re.compile(r"\b(Year-End \d{4}/\d{2}|Q[1-4] \d{4}/\d{2}|\d{4}/\d{2} Month \d{1,2}|\d{4}/\d{2}|"
                    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4})\b")
BARE_QUARTER = re.compile(r"\bQ[1-4]\b(?! \d{4}/\d{2})")
UNSEPARATED = re.compile(r"(?<![\d,.£])\d{4,}(?:\.\d+)?\b(?!/)")
SCALE = {"m": 1e6, "k": 1e3, "bn": 1e9, "": 1.0}


def _number(text: str) -> float:
    return float(re.search(r"\d[\d,]*(?:\.\d+)?", text).group(0).replace(",", ""))


def _money_figures(grid: Grid) -> tuple[list[float], list[float]]:
    """The table's money figures and nets; and the changes between two figures of one row."""
    values = [o.value for r in grid.rows for o in r.cells.values() if o.unit == GBP and o.value is not None]
    nets = [net_value(grid, m) for m in grid.measures]
    changes = []
    for r in grid.rows:
        row = [o.value for o in r.cells.values() if o.unit == GBP and o.value is not None]
        changes += [abs(a - b) for a in row for b in row]
    return values + nets, changes


def _check_money(text: str, grid: Grid, conv: Convention) -> list[str]:
    problems = []
    figures, changes = _money_figures(grid)
    pieces = re.split(r"(?<=[.;])\s|,\s(?=[A-Z])|\band\b", text)
    for piece in pieces:
        listed = WORD.findall(piece.split(":")[0]) if piece.lstrip().startswith("Largest") else []
        for m in MONEY.finditer(piece):
            near = WORD.findall(piece[max(0, m.start() - 40):m.start()].split(",")[-1]) + \
                WORD.findall(piece[m.end():m.end() + 12])
            words = near[-1:] or listed
            if re.match(r"\s*(from|to)\b", piece[m.end():]) or re.search(r"\b(up|down)\s*$", piece[:m.start()]):
                words = []   # a figure in a trend: checked by _check_trends
            size, suffix = _number(m.group(1)), m.group(2) or ""
            if SCALE[suffix] < conv.scale:
                problems.append(f"{m.group(0)} is not in the table's scale ({conv.unit_text})")
                continue
            word = next((w for w in words), "")
            word = word.rstrip("s") if not word.startswith("surplus") else "surplus"
            said = m.group(1) + suffix
            matching = [v for v in figures if _shown(abs(v), said) == size]
            if not matching and re.search(r"\b(up|down)\s*$", piece[:m.start()]):
                matching = [v for v in changes if _shown(v, said) == size]
            if word in ("worse", "better"):
                matching = [v for v in matching if conv.adverse(v) == (word == "worse")]
            elif word:
                matching = [v for v in matching if conv.word(v) == word]
            if not matching:
                problems.append(f"{m.group(0)} {word} is no figure of the table")
            if piece.lstrip().startswith("Net ") and m.start() == MONEY.search(piece).start():
                measure_nets = {_shown(abs(net_value(grid, x)), said): conv.word(net_value(grid, x))
                                for x in grid.measures}
                if measure_nets.get(size) != word:
                    problems.append(f"'Net {word} {m.group(0)}' is not the table's net position")
    return problems


def _row_points(grid: Grid, value: float, period: str) -> list[tuple[GridRow, list[tuple[str, float]]]]:
    out = []
    for row in grid.rows:
        points = [(o.period or m, o.value) for m, o in row.cells.items() if o.value is not None
                  and not is_comparator(m)]
        if any(p == period for p, _v in points):
            out.append((row, points))
    return out


def _check_trends(text: str, grid: Grid) -> list[str]:
    problems = []
    for m in TREND.finditer(text):
        direction, before_text, before_at, after_text, after_at = m.groups()
        before, after = _number(before_text), _number(after_text)
        if (after > before) != (direction == "up"):
            problems.append(f"'{direction}' from {before_text} to {after_text}")
        scale = 1.0
        suffix = re.search(r"(bn|m|k)$", after_text)
        if suffix:
            scale = SCALE[suffix.group(1)]
        found = False
        if _same_month(before_at, after_at):
            everything = {(o.period, _shown(o.value, before_text)) for r in grid.rows for o in r.cells.values()
                          if o.value is not None}
            found = (before_at, before) in everything and (after_at, after) in everything
        for row, points in _row_points(grid, after * scale, after_at):
            at = {p: v for p, v in points}
            if before_at in at and after_at in at and _shown(at[before_at], before_text) == before \
                    and _shown(at[after_at], after_text) == after:
                order = [p for p, _v in points]
                if order.index(after_at) - order.index(before_at) == 1:
                    found = True
                    judged = re.search(r"\((worse|better)\)", text[m.end():m.end() + 12])
                    if judged:
                        expected = verdict(at[before_at], at[after_at], polarity_of(row, next(iter(row.cells.values()))))
                        if judged.group(1) != expected:
                            problems.append(f"'({judged.group(1)})' where the metric's polarity says {expected!r}")
        if not found:
            problems.append(f"no row goes from {before_text} in {before_at} straight to {after_text} in {after_at}")
    return problems


def _shown(value: float, like: str) -> float:
    """``value`` as a figure written like ``like`` shows it (£m, £k or plain; its decimals)."""
    suffix = re.search(r"(bn|m|k)$", like)
    scale = SCALE[suffix.group(1)] if suffix else 1.0
    decimals = len(like.split(".")[1].rstrip("bnm%k").split()[0]) if "." in like else 0
    return round(value / scale, decimals)


def _same_month(a: str, b: str) -> bool:
    """Monthly figures set against the same month a year before (Jan 2022, Jan 2023)."""
    return a.split()[0] == b.split()[0] and a != b


def _check_periods(text: str, periods: set[str]) -> list[str]:
    problems = [f"period {q.group(0)!r} without its year" for q in BARE_QUARTER.finditer(text)]
    for p in PERIOD.findall(text):
        if p not in periods and not any(p in known for known in periods):
            problems.append(f"period {p!r} is not one of the table's")
    return problems


def table_periods(grid: Grid, extra: list[str | None] = ()) -> set[str]:
    found = {o.period for r in grid.rows for o in r.cells.values() if o.period}
    return found | set(grid.measures) | {p for p in extra if p}


def check(text: str, grid: Grid, conv: Convention, periods: set[str]) -> list[str]:
    """Every problem with the claims in ``text`` about the table ``grid``."""
    problems = _check_money(text, grid, conv) + _check_trends(text, grid) + _check_periods(text, periods)
    problems += [f"{n.group(0)} has no thousands separator" for n in UNSEPARATED.finditer(text)
                 if not PERIOD.search(text[max(0, n.start() - 10):n.end() + 3]) and n.group(0) not in periods]
    return problems
