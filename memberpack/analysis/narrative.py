"""The words written about the figures: every title, summary sentence and headline line the app
and the PDF show comes from here, so they say the same thing and a test can hold them to it.

It reads a money table by its :class:`~memberpack.model.conventions.Convention` (what a positive
figure and brackets mean, the scale the table prints in), a measure by its metric's polarity, and
names periods in full (``Q3 2020/21``, never ``Q3``). A budget is described net first (the total
row, not the sum of the overspends), then its largest items; a series by its latest change first,
then the longer run when that went the other way. Money is written in the table's own scale
(``£0.1m`` beside a table in £m, never ``£100k``), with thousands separators, but a million or more
in £m and a billion or more in £bn, as councils write them (``£12.3m``, ``£1.18bn``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from operator import itemgetter
from typing import TypeVar

from memberpack.analysis.benchmark_text import is_comparator, is_target
from memberpack.model.bidi import closed_bidi
from memberpack.model.conventions import Convention, money_scale, scale_of
from memberpack.model.grid import Grid, GridRow, is_net_result
from memberpack.model.metrics import HIGHER, LOWER, NEUTRAL, match_metric, metric, spelled_out
from memberpack.model.observation import DATA, SUBTOTAL, TOTAL, Dataset, Observation
from memberpack.model.periods import YEAR, parse_period
from memberpack.model.units import COUNT, GBP, PER_10000, PERCENT

T = TypeVar("T")   # an item dated by a period (like_latest)

UNIT_TITLES = {GBP: "£", PERCENT: "%", PER_10000: "rate per 10,000", COUNT: "number"}
_TOTAL_WORDS = re.compile(r"^\s*(sub[\s-]*)?totals?\s*:?\s*$", re.I)


# --- figures -------------------------------------------------------------------------------------
def money(value: float, conv: Convention, beside: Iterable[float] = ()) -> str:
    """The size of a money figure as a council writes it in a sentence: in the table's scale
    (``£479k``; ``£0.1m`` beside a table in £m, never ``£100k``; ``£181,198``), but a million or more
    in £m and a billion or more in £bn (``£12.3m``, ``£1.18bn``, never ``£1,179,091k``). Figures set
    ``beside`` it (it is said to be above, below or apart from them) that the table tells apart keep
    the decimals that tell them apart here too, else the table's own scale."""
    others = [v for v in beside if _sized(v, conv) != _sized(value, conv)]
    for extra in range(3):
        text = _sized(value, conv, extra)
        if text and all(_sized(v, conv, extra) != text for v in others):
            return text
    return _sized(value, conv)


_LARGER = ((1e9, "bn", 2), (1e6, "m", 1))   # the scales a sentence moves a large figure up to


def _sized(value: float, conv: Convention, extra: int | None = None) -> str:
    """``value``'s size in the table's scale (``extra`` None), or in £bn or £m where it reaches one
    with ``extra`` more decimals than the usual; "" where those are finer than the table's own."""
    size = abs(value)
    if extra is not None:
        for scale, suffix, decimals in _LARGER:
            places = decimals + extra
            if scale > conv.scale and round(size / scale, places) >= 1:
                if scale / 10 ** places < conv.scale / 10 ** conv.decimals:   # digits the table has not got
                    return ""
                return f"£{size / scale:,.{places}f}{suffix}"
    suffix = {1e6: "m", 1e3: "k", 1e9: "bn"}.get(conv.scale, "")
    decimals = conv.decimals if conv.scale != 1.0 else 0
    if suffix == "k" and size and round(size / conv.scale, decimals) == 0:
        return f"£{size:,.0f}"   # a few pounds are no "£0k"
    return f"£{size / conv.scale:,.{decimals}f}{suffix}"


def one_register(conv: Convention, said: Iterable[float]) -> Convention:
    """The convention a sentence writes money by: where a table in whole pounds has a figure said in
    £m (``£1.2m``), its other figures in £k (``£696k``, not ``£695,707``), one register a sentence."""
    if conv.scale == 1.0 and any(round(abs(v) / 1e6, 1) >= 1 for v in said):
        return replace(conv, scale=1e3, decimals=0)
    return conv


def signed_money(value: float, conv: Convention, beside: Iterable[float] = ()) -> str:
    """A money figure with its sign as the table writes it: brackets for negatives."""
    text = money(value, conv, beside)
    return f"({text})" if value < 0 else text


def share_text(part: float, whole: float) -> str:
    """``part`` as a share of ``whole`` to one decimal (``10.1%``); a share that is not nothing is
    never written ``0.0%`` (``under 0.1%``: an overspend of £500k is no part of nothing); ``n/a`` of
    nothing."""
    if not whole:
        return "n/a"
    share = abs(100 * part / whole)
    return "under 0.1%" if part and round(share, 1) == 0 else f"{share:,.1f}%"


def and_list(names: Sequence[str], most: int = 3) -> str:
    """``A``, ``A and B``, ``A, B and C``; past ``most`` names, ``A, B, C and 2 more``."""
    if len(names) > most:
        return f"{', '.join(names[:most])} and {len(names) - most} more"
    return " and ".join(filter(None, (", ".join(names[:-1]), names[-1]))) if names else ""


def decimals_of(displays: list[str], values: list[float | None] | None = None) -> int:
    """The decimals a row's figures are printed with (``53.7 per 10,000`` has one): the most a display
    has, two fewer where it shows the fraction of a percentage ``values`` holds (``0.25`` of 25%), but no
    more than two where the figure has three significant figures without them (``49,797.24``, not
    ``49,797.24310``; ``33.21%``, not ``33.206600%``; ``0.0123`` keeps four), and at most the six figures
    are kept to."""
    found = []
    for display, value in zip(displays, values or [None] * len(displays)):
        if not (m := _DECIMAL.search(display or "")):
            continue
        decimals, number = len(m.group(2)), float(m.group(1).replace(",", "") + "." + m.group(2))
        if value is not None and number and abs(100 * number - abs(value)) <= 1e-4 * max(1.0, abs(value)):
            decimals, number = decimals - 2, abs(value)
        whole = math.floor(math.log10(number)) if number else 0
        found.append(min(decimals, max(2, 2 - whole)))
    return min(max(found, default=0), 6)


_DECIMAL = re.compile(r"(\d[\d,]*)\.(\d+)")


def value_text(value: float, unit: str | None, decimals: int = 1, conv: Convention | None = None,
               beside: Iterable[float] = ()) -> str:
    """A figure as the table shows it: ``£12.4m``, ``48.0%``, ``50.6 per 10,000``, ``37,291``; money
    as :func:`money` writes it, told apart from the figures ``beside`` it."""
    if unit == GBP:
        return signed_money(value, conv or Convention(), beside)
    text = f"{value:,.{decimals}f}"
    return f"{text}%" if unit == PERCENT else f"{text} per 10,000" if unit == PER_10000 else text


def change_text(before: float, after: float, unit: str | None, decimals: int = 1,
                conv: Convention | None = None) -> str:
    """How far a figure moved: percentages in points, money in the table's scale, others by
    how many and (where it reads better) by what share."""
    size = abs(after - before)
    if unit == PERCENT:
        return f"{size:,.{decimals}f} {plural('point', 2 if round(size, decimals) != 1 else 1)}"
    if unit == GBP:
        return money(size, conv or Convention())
    if before and unit == COUNT and abs(size / before) >= 0.2:
        return f"{abs(100 * size / before):,.0f}%"
    return f"{size:,.{decimals}f}"


_POLARITY_HEADER = re.compile(r"\bpolarity\b|\bgood\s+(?:performance\s+)?is\b|\bis\s+good\b|\bbetter\s+(?:is|if|when)\b",
                              re.IGNORECASE)
_STATED = ((HIGHER, ("high", "bigger", "larger", "more", "up", "increas", "↑", "⬆", "+")),
           (LOWER, ("low", "small", "less", "fewer", "down", "decreas", "reduc", "↓", "⬇", "-")))


def polarity_of(row: GridRow, obs: Observation | None = None) -> str:
    """A row's polarity: higher-is-better, lower-is-better or neutral, as its Polarity column states
    (``High``, ``Lower is better``), else as its metric's."""
    for measure, cell in row.cells.items():
        if cell.value is None and cell.display and _POLARITY_HEADER.search(measure):
            said = cell.display.strip().lower()
            return next((polarity for polarity, starts in _STATED if said.startswith(starts)), NEUTRAL)
    metric_id = obs.metric_id if obs is not None else "other"
    if metric_id == "other":
        metric_id = match_metric(row.label, None, obs.unit if obs else None).id
    polarity = metric(metric_id).polarity
    return polarity if polarity != NEUTRAL else _rated_polarity(row)


def _rated_polarity(row: GridRow) -> str:
    """The better direction a row's own rating shows where nothing else states it: Green with its
    latest figure under its target, or Red over it, is lower-is-better; the other way, higher."""
    target = next((o.value for m, o in row.cells.items() if o.value is not None and is_target(m)), None)
    rating = next((o.status for o in row.cells.values() if o.status in ("red", "green")), None)
    figures = [o.value for m, o in row.cells.items() if o.value is not None and not is_target(m)
               and not is_comparator(m)]
    if target is None or rating is None or not figures or figures[-1] == target:
        return NEUTRAL
    return LOWER if (figures[-1] < target) == (rating == "green") else HIGHER


def verdict(before: float, after: float, polarity: str) -> str:
    """``better``, ``worse`` or ``""`` (no change, or a measure with no better direction)."""
    if after == before or polarity not in (HIGHER, LOWER):
        return ""
    return "better" if (after > before) == (polarity == HIGHER) else "worse"


def row_name(row: GridRow, repeated: set[str] = frozenset()) -> str:
    """A row as a reader names it: a total with its section, a repeated label with its section; any
    bidi control a label opens closed (:func:`closed_bidi`), so it reorders no word of the sentence after it."""
    label, section = closed_bidi(row.label), closed_bidi(row.section or "")
    if section and (_TOTAL_WORDS.match(row.label) or row.label in repeated) \
            and section.lower() not in label.lower():
        return f"{label} ({section})" if row.label in repeated and not _TOTAL_WORDS.match(row.label) \
            else f"{section} {label}"
    return label


def _said(row: GridRow, repeated: set[str]) -> str:
    """:func:`row_name` as a sentence says it, abbreviations spelled out (``Households in TA``)."""
    return spelled_out(row_name(row, repeated))


_PART_OF = re.compile(r"^\s*(of\s+(whom|which)|including|incl\.)\s", re.I)


def full_label(row: GridRow, rows: list[GridRow]) -> str:
    """A row named so it reads alone, as a title does: a part ("of whom unaccompanied asylum-seeking
    children") with the row it is part of ("Children Looked After, of whom …")."""
    if not _PART_OF.match(row.label) or row not in rows:
        return closed_bidi(row.label)
    before = rows[:next(i for i, r in enumerate(rows) if r is row)]
    whole = next((r for r in reversed(before) if not _PART_OF.match(r.label)), None)
    return closed_bidi(f"{closed_bidi(whole.label)}, {row.label.strip()}" if whole is not None else row.label)


def repeated_labels(rows: list[GridRow]) -> set[str]:
    seen: dict[str, int] = {}
    for r in rows:
        seen[r.label] = seen.get(r.label, 0) + 1
    return {label for label, n in seen.items() if n > 1}


def period_span(before: str | None, after: str | None) -> str:
    """Two periods a change is between: ``2023/24 Month 5 → Month 6``, ``Q2 2020/21 → Q3 2020/21``."""
    if not before or not after or before == after:
        return after or before or ""
    first, rest = before.split(" ", 1)[0], after.split(" ", 1)
    return f"{before} → {rest[1] if len(rest) == 2 and rest[0] == first else after}"


def plural(word: str, n: int) -> str:
    if n == 1:
        return word
    return word + ("es" if word.endswith("s") else "s")


# --- budgets -------------------------------------------------------------------------------------
@dataclass(slots=True)
class Story:
    """What is said about one table or chart: a title and a one-paragraph summary."""

    title: str
    summary: str


def net_row(grid: Grid) -> GridRow | None:
    """The row holding the table's net position: its last total row, if it has one; of several, the
    last whose first figure is something (the net position after funding, budgeted at nothing, is
    no base for a share of the budget: the Net Budget Requirement above it is)."""
    totals = [r for r in grid.rows if r.role == TOTAL]
    based = [r for r in totals if next((r.value(m) for m in grid.measures if r.value(m) is not None), None)]
    return (based or totals)[-1] if totals else None


def net_value(grid: Grid, measure: str) -> float:
    """The net figure of a column: the total row's, else the sum of its data rows."""
    row = net_row(grid)
    if row is not None and row.value(measure) is not None:
        return row.value(measure)
    return sum(r.value(measure) or 0.0 for r in grid.rows if r.role == DATA)


def budget_story(grid: Grid, measure: str, conv: Convention, period: str | None,
                 budget: str | None = None, movement: str | None = None, what: str = "", tail: str = "",
                 earlier: str | None = None) -> Story:
    """Net position first, the largest items second, the biggest movement third: by the movement
    column, else against ``earlier`` (last month's variance beside this month's)."""
    net = net_value(grid, measure)
    total_row = net_row(grid)
    word = conv.word(net)
    base = total_row.value(budget) if budget and total_row is not None and word and conv.positive != "surplus" \
        and not is_net_result(total_row.label) else None   # the budget the net is a share of, where said
    conv = one_register(conv, [net, base or 0.0])
    when = f" at {period}" if period else ""
    title = f"Net {what}{word}{tail} of {money(net, conv)}{when}" if word else f"On budget{when}"
    parts = [title + "."]
    if base:
        parts[0] = f"{title}, {share_text(net, base)} of the {money(base, conv)} budget."
    rows = [r for r in grid.rows if r.role == DATA and r.value(measure) and not is_reserve_transfer(r)]
    repeated = repeated_labels(grid.rows)
    income = [r for r in rows if is_income(r)]   # more income than budgeted is no underspend
    for adverse in (True, False):
        side = sorted((r for r in rows if conv.adverse(r.value(measure)) == adverse and r not in income),
                      key=lambda r: -abs(r.value(measure)))[:2]
        if side:
            named = " and ".join(f"{row_name(r, repeated)} {money(r.value(measure), conv)}" for r in side)
            parts.append(f"Largest {plural(conv.word(side[0].value(measure)), len(side))}: {named}.")
    for adverse in (False, True):
        side = sorted((r for r in income if conv.adverse(r.value(measure)) == adverse),
                      key=lambda r: -abs(r.value(measure)))[:2]
        if side:
            named = " and ".join(f"{row_name(r, repeated)} {money(r.value(measure), conv)}" for r in side)
            parts.append(f"{'Less' if adverse else 'More'} income than budgeted: {named}.")
    def moved_by(r: GridRow) -> float | None:
        if movement:
            return r.value(movement)
        before = r.value(earlier) if earlier else None
        return None if before is None else r.value(measure) - before

    if movement or earlier:
        moved = [r for r in rows if moved_by(r)]
        if moved:
            top = max(moved, key=lambda r: abs(moved_by(r)))
            change = moved_by(top)
            parts.append(f"Biggest movement since the last report: {row_name(top, repeated)}, "
                         f"{money(change, conv)} {'worse' if conv.adverse(change) else 'better'}.")
    return Story(title, " ".join(parts))


_STATEMENT = (re.compile(r"(?:(?:revised|current|original|net|annual)\s+)?budget", re.I),
              re.compile(r"(?:actual\s+|forecast\s+|projected\s+)?(?:spend|spending|expenditure|actuals?|"
                         r"forecast|projection|outturn)", re.I),
              re.compile(r"(?:forecast\s+)?variance", re.I))


def statement_rows(rows: list[GridRow]) -> tuple[GridRow, GridRow, GridRow] | None:
    """The ``Budget``, ``Spend`` and ``Variance`` rows of a year-on-year statement (budget, spend
    and variance down the rows, years across), or None where the rows are not those three lines."""
    found = [next((r for r in rows if pattern.fullmatch(" ".join(r.label.split()))), None) for pattern in _STATEMENT]
    return None if None in found else (found[0], found[1], found[2])


def statement_story(lines: tuple[GridRow, GridRow, GridRow], measure: str, conv: Convention, period: str | None,
                    earlier: list[tuple[str, float]]) -> Story:
    """A budget statement told as a budget, not as a ranking of its lines (a variance is not the
    "lowest" of budget, spend and variance): the variance, what it was spent against, and the
    variance in the ``earlier`` (period, figure) columns."""
    budget, spend, variance = (row.value(measure) for row in lines)
    when = f" at {period}" if period else ""
    word = conv.word(variance)
    title = f"{word.capitalize()} of {money(variance, conv)}{when}" if word else f"On budget{when}"
    said = (f"{title}: {lines[1].label.lower()} {money(spend, conv, [budget])} against a budget of "
            f"{money(budget, conv, [spend])}.")
    before = [f"{conv.word(value) or 'on budget'}{f' of {money(value, conv)}' if value else ''} "
              f"{'in' if period_kind(name) == YEAR else 'at'} {name}" for name, value in earlier]
    if before:
        said += f" {lines[2].label.capitalize()}: {'; '.join(before)}."
    return Story(title, said)


_INCOME = re.compile(r"\bincome\b|\bfunding\b|\bresources\s+available\b", re.I)


def is_income(row: GridRow) -> bool:
    """A line of a monitor's income or funding section (``DSG Grant`` under ``Income``, ``Business
    Rates`` under ``Funding``): its favourable variance is income above budget, its adverse one
    income short of it, neither an under- nor an overspend."""
    return bool(row.section and _INCOME.search(row.section))


_RESERVE_TRANSFER = re.compile(r"\b(?:transfers?|contributions?|appropriations?|drawdowns?|draw)\s+"
                               r"(?:to|from|into|on)\b.*\breserves?\b", re.I)


def is_reserve_transfer(row: GridRow) -> bool:
    """A line moving money to or from reserves (``Transfer to Earmarked Reserves``): set aside or
    drawn, neither spent nor saved, so its variance is no over- nor underspend."""
    return bool(_RESERVE_TRANSFER.search(row.label))


# --- series --------------------------------------------------------------------------------------
def trend_story(name: str, points: list[tuple[str, float]], unit: str | None, polarity: str, decimals: int,
                conv: Convention | None = None, written: dict[str, str] | None = None) -> Story:
    """The latest change first (``up 85% from £377,532 in 2019/20 to £697,860 in 2020/21``), then the
    longer run where it went the other way, so a recent rise is not hidden by an older fall.
    ``written`` holds, by period, the figures to quote as the source wrote them (``5,400 [e]``)."""
    name = spelled_out(name)
    if unit == GBP and conv is not None:
        conv = one_register(conv, [v for _, v in points])

    def fig(v: float, at: str, beside: float | None = None) -> str:
        return (written or {}).get(at) or value_text(v, unit, decimals, conv, [] if beside is None else [beside])

    if not points:
        return Story(name, f"{name}: no figures.")
    points = like_latest(points, itemgetter(0))
    last_at, last = points[-1]
    if len(points) == 1:
        text = f"{name}: {fig(last, last_at)} in {last_at}"
        return Story(text, text + ".")
    before_at, before = points[-2]
    if last > before and _CUMULATIVE.search(name) and _one_year(before_at, last_at):
        made = change_text(before, last, unit if unit != COUNT else None, decimals, conv)
        text = f"{name}: {fig(last, last_at)} by {last_at}, {made} of it in {last_at}"
        return Story(text, text + ".")   # a year-to-date figure rises as the year goes: no rise to judge
    if last == before:
        text = f"{name}: unchanged at {fig(last, last_at)} in {last_at}, as in {before_at}"
    else:
        direction = "up" if last > before else "down"
        text = (f"{name}: {direction} {change_text(before, last, unit, decimals, conv)} from "
                f"{fig(before, before_at, last)} in {before_at} to {fig(last, last_at, before)} in {last_at}")
    judged = verdict(before, last, polarity)
    summary = text + (f" ({judged})" if judged else "")
    if len(points) > 2:
        first_at, first = points[0]
        if (first < before) != (before < last) and first != before:
            summary += (f", after {'rising' if before > first else 'falling'} from {fig(first, first_at, before)} "
                        f"in {first_at}")
    return Story(text, summary + ".")


_CUMULATIVE = re.compile(r"\b(?:ytd|year[\s-]+to[\s-]+date|cumulative|to\s+date)\b", re.IGNORECASE)


def _one_year(first: str, last: str) -> bool:
    """Whether two periods fall in one financial or academic year (a year-to-date figure starts again each year)."""
    a, b = parse_period(first), parse_period(last)
    return a is not None and b is not None and a.year is not None and a.year == b.year and a.kind == b.kind


def like_latest(items: list[T], period_of: Callable[[T], str | None]) -> list[T]:
    """The items of the same kind of period as the latest (a scorecard's quarters, not the last
    year's outturn before them: Q1's sickness days are no fall from the whole year's)."""
    kind = period_kind(period_of(items[-1])) if items else None
    return [item for item in items if period_kind(period_of(item)) == kind] if kind else items


_WORD = re.compile(r"[^\W\d_]{3,}")
_PERIOD_WORD = re.compile(r"(?:month|period|quarter|qtr|year|end|ending|to)$", re.IGNORECASE)


def names_a_measure(header: str) -> bool:
    """Whether a header names what its figures are besides their period: ``Persistent absence %
    2024/25`` does, ``2024/25`` and ``Month 6`` do not (the table's title names those figures)."""
    return any(not _PERIOD_WORD.match(w) and parse_period(w) is None for w in _WORD.findall(header))


def period_kind(label: str | None) -> str | None:
    """The kind of period a label names (a year, a quarter, a month...), or None."""
    period = parse_period(label) if label else None
    return period.kind if period is not None else None


def breakdown_story(rows: list[GridRow], measure: str, unit: str | None, total: GridRow | None,
                    period: str | None, conv: Convention | None = None, name: str = "") -> Story:
    """The total first where the table has one, then the largest and smallest categories.
    ``name`` stands for the measure where its header is only a period (``2020/21``)."""
    measure_name = name or measure
    decimals = decimals_of([r.cells[measure].display for r in rows], [r.cells[measure].value for r in rows])
    values = [(r, r.value(measure)) for r in rows]
    spent = unit == GBP and all(v <= 0 for _, v in values)   # spending in brackets: the most negative is the most
    high, lowest_word = ("largest", "smallest") if spent else ("highest", "lowest")
    top = max(values, key=lambda p: -p[1] if spent else p[1])
    low = min(values, key=lambda p: -p[1] if spent else p[1])
    repeated = repeated_labels(rows)

    def sharing(figure: float) -> str:
        """Every row whose figure is ``figure``: a figure three lines share is no one line's."""
        names = [_said(r, repeated) for r, v in values if math.isclose(v, figure, rel_tol=1e-9, abs_tol=1e-9)]
        if len(names) > 3:
            return f"{names[0]}, {names[1]} and {len(names) - 2} more"
        return " and ".join(filter(None, (", ".join(names[:-1]), names[-1])))

    when = f" in {period}" if period else ""
    named_when = when if name else ""   # a period column's figures are named by the table, with their period
    if top[1] == low[1]:   # nothing to rank: no "highest" of figures that are all the same
        title = f"{measure_name}{named_when}: {value_text(top[1], unit, decimals, conv)} for all {len(rows)}"
        return Story(title, title + ".")
    whole = total.value(measure) if total is not None else None
    apart = [low[1]] + ([] if whole is None else [whole])   # the top figure is said to be above these
    title = (f"{measure_name}{named_when}: {high} for {sharing(top[1])}, "
             f"at {value_text(top[1], unit, decimals, conv, apart)}")
    if whole is not None:
        shown = value_text(whole, unit, decimals, conv, [top[1]])
        if unit in (PERCENT, PER_10000):
            said = f"{shown} overall"   # a rate's total row adds nothing up
        elif _BARE_TOTAL.fullmatch(total.label) or \
                abs(sum(v for _, v in values) - whole) <= max(abs(whole) / 100, 10.0 ** -decimals):
            said = f"{shown} in total"
        else:   # a statement's "Total cash and investments" line: no sum of the lines told here
            said = f"{_said(total, repeated)} at {shown}"
        title = (f"{measure_name}: {said}{when}; "
                 f"{sharing(top[1])} the largest, at {value_text(top[1], unit, decimals, conv, apart)}")
    lowest = value_text(low[1], unit, decimals, conv, [top[1]])
    summary = title + (f"; {lowest_word} for {sharing(low[1])}, at {lowest}" if low[0] is not top[0] else "")
    return Story(title, summary + ".")


_BARE_TOTAL = re.compile(r"\s*(?:grand\s+)?total\s*", re.IGNORECASE)
_UNIT_WORDS = re.compile(r"\(?\s*£\s*(?:(?:'?000'?s?|k|m|bn)\b)?\s*\)?|\(?\b000'?s\b\)?|\(?\s*%\s*\)?", re.IGNORECASE)


def without_unit(header: str) -> str:
    """A column header less its unit (``TOTAL £000s`` is ``TOTAL``, ``£000s`` nothing): what its
    figures are, for a sentence or an axis that states the unit itself."""
    return " ".join(_UNIT_WORDS.sub(" ", header).split()).strip(" ,:-")


def names_only_unit(header: str) -> bool:
    """Whether a header says nothing of its figures but their unit, or their unit and that they
    are the total (``£000s``, ``TOTAL £000s``): the table's title names them."""
    bare = without_unit(header)
    return bare != " ".join(header.split()) and (not bare or bool(_BARE_TOTAL.fullmatch(bare)))
_HEADER_UNIT = re.compile(r"£|%|\b(gbp|000s?|k|m|bn|pounds|per\s*cent|percent|rate|per\s*10,?000)\b", re.I)
_SHOWN_UNIT = {GBP: "£", PERCENT: "%", PER_10000: "per"}


def column_titles(grid: Grid) -> list[str]:
    """Each column's header, named in full where it gives only the start of its figures' period
    (``Q1`` above figures of Q1 2020/21 is ``Q1 2020/21``: the source had the year only in its
    title), with the unit its figures are in where neither the header nor the figures say it:
    ``Current Budget (£m)`` above ``5.7``, as the source's units row had it."""
    titles = [_with_period(grid, m) for m in grid.measures]
    columns = {m: [r.cells[m] for r in grid.rows if m in r.cells and r.cells[m].value is not None]
               for m in grid.measures}
    if any(len({o.unit for o in figures}) > 1 for figures in columns.values()):
        return titles    # units by row (a scorecard): a column has no one unit
    out = []
    for title, (measure, figures) in zip(titles, columns.items()):
        unit = figures[0].unit if figures else None
        stated = _stated_scale(measure) if unit == GBP and any(o.value for o in figures) else None
        if stated is not None and stated != scale_of(figures)[0]:   # the officer corrected the header's unit
            out.append(f"{title} (read as {_SCALE_TEXT.get(scale_of(figures)[0], '£')})")
            continue
        if unit not in _SHOWN_UNIT or _HEADER_UNIT.search(measure) \
                or any(_SHOWN_UNIT[unit] in o.display for o in figures):
            out.append(title)
            continue
        scale = scale_of(figures)[0] if any(o.value for o in figures) else money_scale(grid)[0]  # zeros: the table's
        text = {GBP: _SCALE_TEXT.get(scale, "£"), PERCENT: "%", PER_10000: "per 10,000"}[unit]
        out.append(f"{title} ({text})")
    return out


_SCALE_TEXT = {1e6: "£m", 1e3: "£k", 1e9: "£bn"}
_STATED_SCALES = ((re.compile(r"£\s*(?:bn|billions?)\b", re.I), 1e9),
                  (re.compile(r"£\s*(?:m|mn|millions?)\b", re.I), 1e6),
                  (re.compile(r"£\s*'?(?:k|000'?s?|thousands?)(?![\d,])|\b000'?s\b", re.I), 1e3),
                  (re.compile(r"£"), 1.0))


def _stated_scale(measure: str) -> float | None:
    """The money scale a column's header states (``£000s`` thousands, ``£m`` millions, a bare ``£``
    pounds), or None where it states none."""
    return next((scale for pattern, scale in _STATED_SCALES if pattern.search(measure)), None)


def _with_period(grid: Grid, measure: str) -> str:
    """The column's one period where every cell of it has that period and the header is its start."""
    periods = {r.cells[measure].period for r in grid.rows if measure in r.cells}
    period = periods.pop() if len(periods) == 1 else None
    bare = " ".join(measure.split())
    return period if period and period.casefold().startswith(bare.casefold() + " ") else measure


_SCORE = re.compile(r"\b(?:scores?|points?|attainment|progress\s*8)\b", re.IGNORECASE)


def unit_title(unit: str | None, conv: Convention | None = None, names: Iterable[str] = ()) -> str:
    """An axis title with its unit: ``£m``, ``%``, ``rate per 10,000``, ``number``; for figures
    of no stated unit, ``points`` where ``names`` (the measures drawn) name a score (an Attainment 8
    gap), else ``number`` (an average of 10.5 children on part-time timetables is no score)."""
    if unit == GBP and conv is not None:
        return conv.unit_text
    if unit is None:
        return "points" if any(_SCORE.search(name) for name in names) else "number"
    return UNIT_TITLES.get(unit, unit)


def left_out_text(names: list[str], why: str) -> str:
    if not names:
        return ""
    shown = "; ".join(names[:4]) + (f"; and {len(names) - 4} more" if len(names) > 4 else "")
    return f"Not charted ({why}): {shown}."


def is_total(row: GridRow) -> bool:
    return row.role in (SUBTOTAL, TOTAL)


# what the importing officer was told to do about a doubt ("give it with --unit", "(name the identifying
# columns with --key-columns)", "if they are, format those cells ... and import it again"): not for members
_OFFICERS_ADVICE = re.compile(r"(?:\s*\((?:give|name)\b[^()]*\)|:\s*(?:give|if they are|open and save)\b.*)$")


def doubt_line(ds: Dataset) -> str:
    """What a councillor is told of a table read with a doubt that the importing officer confirmed
    rather than corrected (its report's verdict stays *unsure*): the doubt the officer was shown,
    without what the officer was told to do about it. Empty for a table read without one."""
    report = ds.report or {}
    if report.get("verdict") != "unsure":
        return ""
    doubts = "; ".join(_OFFICERS_ADVICE.sub("", d) for d in report.get("doubts") or
                       ["the reading of this table was in doubt"])
    return f"Unsure reading, imported as read on the officer's word: {doubts}."
