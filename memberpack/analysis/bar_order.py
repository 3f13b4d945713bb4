"""The order a bar chart's bars are drawn in. Bars of categories with no order of their own (service
areas, placement types, councils) go largest first, so the biggest overspend leads the chart; bars
whose order means something keep the source's: periods, bands (ages, Ofsted grades, RAG, Band A to
H), and the lines of a statement (brought forward, in year, carried forward)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from memberpack.model.periods import parse_period

_BANDED = re.compile(
    r"\d|\b(?:under|over|less|more|fewer|least|most|up\s+to|above|below|outstanding|good|requires\s+improvement|"
    r"inadequate|red|amber|green|agree|disagree|satisfied|dissatisfied|never|always|sometimes|often|rarely|first|"
    r"second|third|fourth|fifth|last|next|quartile|quintile|decile|band|tier|stage|level|grade|aged?|"
    r"opening|closing|brought|carried|b/f|c/f|balance|in[\s-]year|start|end)\b", re.IGNORECASE)
_SCALE = re.compile(r"(?:very|fairly|quite|extremely)?\s*(?:high|medium|low|small|large|none|some|all)", re.IGNORECASE)
_LETTER = re.compile(r"[A-Za-z]")


def in_own_order(labels: Sequence[str]) -> bool:
    """Whether bars with these labels are in an order of their own: a period, a band or a number
    among them, a scale (``High``, ``Medium``, ``Low``), or letters alone (bands ``A`` to ``H``)."""
    return any(_BANDED.search(label) or _SCALE.fullmatch(label.strip()) or _LETTER.fullmatch(label.strip())
               or parse_period(label) is not None for label in labels)


def bar_order(labels: Sequence[str], values: Sequence[float | None],
              key: Callable[[float], float] = lambda v: -v) -> list[int]:
    """The indices of the bars in the order they are drawn: by ``key`` of each value (the largest
    first, unless told otherwise), ties and blanks in the source's order; the source's order where
    the labels have one of their own."""
    if in_own_order(labels):
        return list(range(len(labels)))
    return sorted(range(len(labels)), key=lambda i: (values[i] is None, key(values[i] or 0.0)))
