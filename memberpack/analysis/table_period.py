"""The period a table is said to be of, beside its title: the one it was imported with, unless
its own figures say otherwise."""

from __future__ import annotations

from collections.abc import Iterable

from memberpack.model.observation import Dataset, Observation
from memberpack.model.periods import parse_period


def table_period(ds: Dataset, observations: Iterable[Observation]) -> str | None:
    """``ds.period``, or None where the figures are dated and none of their periods overlaps it:
    a CLA table of 2020/21 and 2021/22 in a file named ``som_q4_2022-23.xlsx`` is not of Q4 2022/23,
    though the file name gave the import that period."""
    said = parse_period(ds.period) if ds.period else None
    if said is None or said.year is None:
        return ds.period
    first, last = said.span()
    spans = []
    for period in {o.period for o in observations if o.period}:
        parsed = parse_period(period)
        if parsed is None or parsed.year is None:
            return ds.period   # a figure of a period with no year ("Month 9"): no telling
        spans.append(parsed.span())
    if spans and all(end < first or start > last for start, end in spans):
        return None
    return ds.period
