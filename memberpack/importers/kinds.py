"""Which of the layout kinds a table is, with the reason shown in the import report."""

from __future__ import annotations

import re

from memberpack.model.display import counted
from memberpack.model.observation import BREAKDOWN, BUDGET_MONITOR, GENERAL, KPI_SCORECARD, TIME_SERIES
from memberpack.model.periods import parse_period

_FINANCE = {
    "budget": re.compile(r"\bbudget\b", re.IGNORECASE),
    "projection": re.compile(r"\b(?:projection|projected|forecast|outturn|spend|actuals?)\b", re.IGNORECASE),
    "variance": re.compile(r"\bvariance\b|\bover\s?spend\b", re.IGNORECASE),
}
_SCORECARD = re.compile(r"\b(?:rag|status|target|benchmark\w*|comments?|polarity|direction of travel)\b",
                        re.IGNORECASE)
# A column set beside a series to compare with, not one of its periods: "Benchmark (county councils 2024)",
# "2024/25 Target" (not a measure of repairs "completed within target times 2010-11")
_BESIDE = r"(?:benchmark\w*|comparators?|comparison|targets?)"
_BESIDE_SERIES = re.compile(rf"^\W*{_BESIDE}\b|\b{_BESIDE}\W*$", re.IGNORECASE)
# A comparator's column ("England 2023/24", "Statistical neighbours 2023/24"): no period of a series beside
# our own column of the same period
_COMPARATOR = re.compile(r"^\W*(?:england|national|regional|region|(?:statistical\s+)?neighbou?rs?|sn(?:\s+average)?)\b",
                         re.IGNORECASE)
# A change between periods ("Change in 6 months Mar-19 to Sep-19", "% change on 2019/20"): no period of its own
_CHANGE = re.compile(r"(?:^|\s)(?:change|difference|movement|increase|decrease)\s+(?:in|on|from|since|over|between)\b|"
                     r"^\W*(?:change|difference|movement)\b", re.IGNORECASE)
# the words of a period's name ("Quarter ending 30 June to 30 September 2019", "Jan-Mar 2020 (provisional)")
_PERIOD_NAME = re.compile(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*|q|quarters?|years?|months?|"
                          r"weeks?|ending|ended|to|from|of|and|financial|calendar|academic|provisional|revised|"
                          r"period|p|m|h|half|estimated?|final|fy|ytd|as|at|in|the|end")
_WORDS = re.compile(r"[a-z][a-z'-]*")


def _dated_line(label: str) -> bool:
    """Whether a label naming a period is rather a line dated: four words or more of its own
    ("Cumulative deficit brought forward 1 April 2024")."""
    return sum(not _PERIOD_NAME.fullmatch(w) for w in _WORDS.findall(label.lower())) >= 4


_STATUS_WORDS = {"red", "amber", "green", "not targeted", "completed", "pending", "incomplete", "ongoing"}


def detect_kind(measures: list[str], labels: list[str], statuses: set[str]) -> tuple[str, str]:
    """The kind of a table from its column headers, row labels and the statuses in its first rows."""
    finance = [name for name, pattern in _FINANCE.items() if any(pattern.search(m) for m in measures)]
    if len(finance) >= 2:
        return BUDGET_MONITOR, f"columns name {' / '.join(finance)}"
    if "adverse" in statuses or "favourable" in statuses:
        return BUDGET_MONITOR, "an A/(F) column flags adverse and favourable variances"
    scorecard = sorted({m.group(0).lower() for m in map(_SCORECARD.search, measures) if m})
    rag = statuses & _STATUS_WORDS
    if scorecard and (rag or len(scorecard) >= 2):
        return KPI_SCORECARD, f"indicator rows with {', '.join(scorecard)} columns"
    if rag and len(labels) >= 2:
        return KPI_SCORECARD, f"indicator rows with statuses ({', '.join(sorted(rag))})"
    dated = [m for m in measures if not _CHANGE.search(m)]   # (a change between periods: neither)
    period_columns, periods = _series_columns(dated)
    if periods >= 3 and len(period_columns) * 2 > len(dated):
        return TIME_SERIES, f"{len(period_columns)} columns are periods ({period_columns[0]} ... {period_columns[-1]})"
    period_rows = [label for label in labels if parse_period(label) is not None and not _dated_line(label)]
    if len(period_rows) >= 3 and len(period_rows) * 2 > len(labels):
        return TIME_SERIES, f"{len(period_rows)} row labels are periods ({period_rows[0]} ... {period_rows[-1]})"
    if labels and measures:
        return BREAKDOWN, f"{counted(len(labels), 'category', 'categories')} by {counted(len(measures), 'measure')}"
    return GENERAL, "no budget, scorecard, period or category pattern recognised"


def _series_columns(measures: list[str]) -> tuple[list[str], int]:
    """The headers of a series of periods and how many periods they name: not a benchmark or target
    set beside the series (``2022 | 2023 | 2024 | Benchmark (county councils 2024)`` has three periods),
    nor a comparator's figure of one of our own periods (``England 2023/24`` beside ``2023/24``); two
    years of each measure (``Overall absence % 2023/24 | ... 2024/25``) are two periods, no series.
    Days are told apart by their numbers (a weekly series' ``17 Apr 2020 | 24 Apr 2020``: a month each)."""
    dated = [(m, p) for m in measures if not _BESIDE_SERIES.search(m) and (p := parse_period(m)) is not None]
    own = {p for m, p in dated if not _COMPARATOR.match(m)}
    dated = [(m, p) for m, p in dated if p not in own or not _COMPARATOR.match(m)]
    return [m for m, _ in dated], len({(p, *re.findall(r"\d+", m)) for m, p in dated})
