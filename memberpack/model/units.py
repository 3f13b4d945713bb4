"""Units as written in council returns, and the base units the pack stores.

Money is kept in pounds (``GBP``): a figure in ``£m`` is multiplied by a million, one in
``£k`` or ``£000s`` by a thousand. Percentages are 0 to 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

GBP = "GBP"
COUNT = "count"
PERCENT = "percent"
PER_10000 = "per_10000"
DAYS = "days"
WEEKS = "weeks"
MINUTES = "minutes"   # durations written as hours and minutes ("00:10" is ten minutes)
NUMBER = "number"


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit as written (``symbol``) with the base unit and the factor that converts to it."""

    base: str
    factor: float = 1.0
    symbol: str = ""

    def to_base(self, value: float) -> float:
        return value * self.factor

    @property
    def decimals(self) -> int:
        """Decimals a council return usually shows for this unit."""
        if self.base == GBP:
            return 1 if self.factor >= 1_000_000 else 0
        if self.base in (PERCENT, PER_10000):
            return 1
        return 0


POUNDS = Unit(GBP, 1.0, "£")
THOUSANDS = Unit(GBP, 1_000.0, "£k")
MILLIONS = Unit(GBP, 1_000_000.0, "£m")
PERCENTAGE = Unit(PERCENT, 1.0, "%")
RATE_PER_10000 = Unit(PER_10000, 1.0, "per 10,000")
# other rates (ASCOF's admissions per 100,000, a rate per 1,000 population): numbers, as written
RATE_PER_1000 = Unit(NUMBER, 1.0, "per 1,000")
RATE_PER_100000 = Unit(NUMBER, 1.0, "per 100,000")
COUNT_UNIT = Unit(COUNT, 1.0, "")

# Ordered: longer, more specific spellings first. Matched case-insensitively inside header text.
_UNIT_PATTERNS: tuple[tuple[re.Pattern[str], Unit], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), unit)
    for pattern, unit in (
        (r"£\s?(?:bn|billions?)\b", Unit(GBP, 1e9, "£bn")),
        (r"£\s?(?:m|millions?|mn)\b", MILLIONS),
        (r"£\s?(?:,\s?)?(?:k|000'?s?|thousands?)(?![\d,])", THOUSANDS),   # "£000", "£, 000" (the comma of 1,000)
        (r"£\s?'000s?", THOUSANDS),
        (r"\(£\)|£(?!\s?\d)", POUNDS),
        (r"\bper\s+10,?000\b", RATE_PER_10000),
        (r"\bper\s+1,?000\b(?![,\d])", RATE_PER_1000),
        (r"\bper\s+100,?000\b(?![,\d])", RATE_PER_100000),
        # "95% confidence intervals" names a confidence level, not the figures' unit; "10% discount
        # applied for second homes" the kind of thing counted ("25% of pupils" is a share, still percent)
        (r"(?<!\d)%(?!\s*(?:confidence|CI\b))|(?<=\d)%(?!\s*(?:confidence|CI\b)|(?:\s*[-–]\s*\d+%)?\)?\s+(?!of\b)[a-z])"
         r"|\bper\s?cent\b(?!\s+confidence)|\bpercentage\b|^\s*percentages\b", PERCENTAGE),
        # the DfE's "numbers" and "percentages" over their blocks of the same measures, spread to each
        (r"^\s*numbers\b", COUNT_UNIT),
        # a cost or spend per person, client or meal ("Average gross weekly expenditure per person"):
        # pounds, though no £ is written
        (r"\b(?:expenditure|costs?|spend(?:ing)?)(?:\s+on\s+\w+)?\s+per\s+(?!cent\b)[a-z]", POUNDS),
        # "within 91 days", "over 18 weeks", "Waiting 52+ weeks" is a deadline the figures are counted
        # against, not their unit
        (r"(?<![\d+])(?<![\d+]\s)\bdays\b", Unit(DAYS, 1.0, "days")),
        (r"(?<![\d+])(?<![\d+]\s)\bweeks\b", Unit(WEEKS, 1.0, "weeks")),
    )
)


# Rows of a money table whose label names figures of another kind than its costs (a service's activity
# beside its spend): a unit cost, in pounds whatever scale the table's costs are in ("- Average Unit Cost",
# "Unit cost (£ per week)", "Cost per placement"), and a count ("Number of placements", "- FYEs": the
# full-year equivalent clients). Whole labels only: "Unit cost pressures" is money the table's way.
_QUALIFIERS = r"(?:(?:average|avg\.?|mean|gross|net|weekly|annual|actual|budget(?:ed)?|forecast|projected)\s+)*"
_PER_WHAT = r"per\s+(?!cent\b)[a-z]+(?:\s+per\s+[a-z]+)?"
_UNIT_COST_LABEL = re.compile(
    rf"[\W_]*{_QUALIFIERS}(?:unit\s+costs?|costs?\s+{_PER_WHAT}|(?:average|avg\.?|mean)\s+(?:weekly\s+)?costs?)"
    rf"\s*(?:\([^()]*\)|[-–:]?\s*£\s*(?:/|per\b|a\b)?\s*[\w']*|{_PER_WHAT})?\s*$", re.IGNORECASE)
_COUNT_LABEL = re.compile(
    r"[\W_]*(?:(?:fyes?|full[\s-]+year\s+equivalents?)(?:\s+(?:clients?|service\s+users?|placements?|packages?))?"
    r"\s*(?:\([^()]*\))?\s*$|(?:number|no\.?|nos\.?)\s+of\s+[a-z])", re.IGNORECASE)


def may_name_own_unit(lowered: str) -> bool:
    """Whether any of many labels (joined, in lower case) may name its own unit (:func:`own_unit`): what
    every such label holds, asked by substring, so most batches of a large table's labels are not matched."""
    return "cost" in lowered or "fye" in lowered or "equivalent" in lowered or "number" in lowered \
        or "no of" in lowered or "no. of" in lowered or "nos of" in lowered or "nos. of" in lowered


def unit_cost(label: str) -> bool:
    """Whether a row's label names a unit cost (see :func:`own_unit`): a figure never summed with costs."""
    return _UNIT_COST_LABEL.match(label) is not None


def own_unit(label: str) -> Unit | None:
    """The unit a money table's row states by its label, beating the table's (its title's or its
    columns' £000): pounds (or the £ scale the label names) for a unit cost, a count for a number of
    things; None for a row of the table's costs, or one whose label names another unit (``%``)."""
    if _UNIT_COST_LABEL.match(label):
        named = find_unit(label)
        return named if named is not None and named.base == GBP else POUNDS
    if _COUNT_LABEL.match(label):
        named = find_unit(label)
        return COUNT_UNIT if named is None or named.base in (DAYS, WEEKS) else None
    return None


# A description of an indicator naming a share of people ("Proportion of people who use services who feel safe")
_SHARE = re.compile(r"\s*(?:proportion|percentage)\s+of\b", re.IGNORECASE)


def described_unit(text: str) -> Unit | None:
    """The unit an indicator's description or definition names (``..., per 100,000 population``,
    ``Proportion of carers who ...``: a percentage), or None."""
    return PERCENTAGE if _SHARE.match(text) else find_unit(text)


# "Significance Level: 95%" over a survey's letters of significant differences: the test's level, no unit
_TEST_LEVEL = re.compile(r"\b(?:significance|confidence)\s+level\s*:?\s*\d+(?:\.\d+)?\s*%", re.IGNORECASE)
# "A&E performance (5 = worst performing 20%)": the key to a score's bands, no unit of the scores
_SCORE_KEY = re.compile(r"\(\s*\d+\s*=[^()]*\)")


def find_unit(text: str | None) -> Unit | None:
    """The unit named inside a header or units cell (``"Budget £m"`` -> £m), or None."""
    return _unit_in(text) if text else None


@lru_cache(maxsize=4096)
def _unit_in(text: str) -> Unit | None:
    """:func:`find_unit` of a text, worked out once per text (the headers of stacked tables repeat)."""
    if "evel" in text:
        text = _TEST_LEVEL.sub(" ", text)
    if "=" in text:
        text = _SCORE_KEY.sub(" ", text)
    for pattern, unit in _UNIT_PATTERNS:
        if pattern.search(text):
            return unit
    return None


# A data file's column name (``pt_entbasics``, ``PC_schools_with_surplus``, ``absence_pct``): one token of
# words joined by underscores, naming a percentage by DfE's prefixes and suffixes.
_IDENTIFIER = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+")
_PERCENT_NAME = re.compile(r"(^|_)(pct|perc|pc)(_|$)|^pt_", re.IGNORECASE)
# DfE's totals (``t_pupils``, ``t_perm_excl``) count; a total of scores or an average is a number
_TOTAL_NAME = re.compile(r"^t_(?!.*(score|average|avg|mean|median|rate|ratio))", re.IGNORECASE)


def unit_in_name(name: str) -> Unit | None:
    """The unit a column name of a data file states by its parts: a percentage (``pt_`` beside a
    ``t_`` total, ``_pct``), a count (the ``t_`` total), or None."""
    text = name.strip()
    if not _IDENTIFIER.fullmatch(text):
        return None
    return PERCENTAGE if _PERCENT_NAME.search(text) else COUNT_UNIT if _TOTAL_NAME.search(text) else None
