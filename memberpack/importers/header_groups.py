"""Group headers over columns: a text written once over the columns it names (merged, or left of
blanks), spread to each of them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from memberpack.importers.layout import blank, cell_text, is_units_row


def fill_right(row: list[Any], cols: range, merged, r: int, *, below: list[list[Any]],
               above: Sequence[list[Any]] = ()) -> dict[int, str]:
    """Header texts by column; a top header spans the columns its merge covers. One not merged (in a
    CSV file, or centred across the columns) spans the blanks to its right while the header rows
    under it name those columns, and it names some itself: a group over its leaves, not over the
    next group's columns or a blank column between groups. The same text written again as the next
    text along the row, one column on, under the same groups above ("Annual" over "percentage" over
    "change" beside each of Median and Mean), is a word of each column's own stacked name, not a group:
    it spans nothing. Written again further on, it is the same group again (a group repeated on each
    printed page: "Receiving services at 31 March 2009" over ten columns, then over nine more). ("Percentage" under each of 2013 and 2014 is a group in each year.)"""
    texts = {c: cell_text(row[c]) for c in cols if c < len(row) and not blank(row[c])}
    if not below:
        return texts
    covered = set()
    for (r0, c0), (r1, c1) in merged:
        if r0 <= r <= r1:
            covered.update(range(c0, c1 + 1))
            if c0 in texts:
                texts.update({c: texts[c0] for c in range(c0, c1 + 1)})
    named_below = {c for lower in below for c in cols if c < len(lower) and not blank(lower[c])}
    if ends := _units_at_block_ends(texts, covered, named_below):
        return ends
    if is_units_row(row, cols):
        return texts
    order = sorted(texts)
    for i, c in enumerate(order):
        if c in covered or c not in named_below:
            continue
        if any(0 <= j < len(order) and order[j] not in covered and texts[order[j]] == texts[c]
               and abs(order[j] - c) <= 2 and _same_groups(above, cols, c, order[j]) for j in (i - 1, i + 1)):
            continue
        d = c + 1
        while d in cols and d not in texts and d not in covered and d in named_below:
            texts[d] = texts[c]
            d += 1
    blocks, step = _regular_blocks([c for c in order if c not in covered])
    for c, own in blocks:   # blocks of one width, blank spacer columns inside: each text spans its block
        for d in range(c, c + step):
            if d in cols and d not in texts and d not in covered and d in named_below:
                texts[d] = texts[own]
    return texts


_BLOCK_UNIT = re.compile(r"\s*(?:numbers|percentages|rates)\s*", re.IGNORECASE)


def _units_at_block_ends(texts: dict[int, str], covered: set[int], named_below: set[int]) -> dict[int, str]:
    """'numbers' and 'percentages' each written once, right-aligned over the last column of its block
    of the same measures (the DfE's local authority tables), the last over the table's last column:
    each spans its block, the columns back to the one before it (the first as wide as the others).
    Empty when the row is not such a row."""
    ends = sorted(texts)
    if len(ends) < 2 or covered.intersection(ends) or ends[-1] != max(named_below, default=-1) \
            or not all(_BLOCK_UNIT.fullmatch(texts[c]) for c in ends):
        return {}
    steps = {b - a for a, b in zip(ends, ends[1:])}
    if len(steps) != 1:
        return {}
    step = steps.pop()
    return {d: texts[c] for c in ends for d in range(c - step + 1, c + 1) if d in named_below} | texts


def _regular_blocks(starts: list[int]) -> tuple[list[tuple[int, int]], int]:
    """The blocks of the last three or more group headers along a row that start blocks one after
    another at the same step, each as its first column and the column of its header, and that step (a
    year written once over each block of a CSV's columns, right of the names' header); none when they
    do not. A last header off that step but inside the block after the run ("2013 (6 terms)" over the
    middle of its block, where it was centred) names that block."""
    blocks, step = _steady(starts)
    if not blocks and len(starts) >= 4:
        run, step = _steady(starts[:-1])
        if run and run[-1] + step < starts[-1] < run[-1] + 2 * step:
            return [(c, c) for c in run] + [(run[-1] + step, starts[-1])], step
    return [(c, c) for c in blocks], step


def _steady(starts: list[int]) -> tuple[list[int], int]:
    """The last three or more of ``starts`` at one step (more than two columns), and that step."""
    i = len(starts) - 2
    while i > 0 and starts[i] - starts[i - 1] == starts[-1] - starts[-2]:
        i -= 1
    blocks = starts[i:]
    step = blocks[1] - blocks[0] if len(blocks) >= 3 else 0
    return (blocks, step) if step > 2 else ([], 0)


def _same_groups(above: Sequence[list[Any]], cols: range, a: int, b: int) -> bool:
    """Whether columns ``a`` and ``b`` fall under the same texts in every header row above (the
    nearest text at or left of each, as a group header written once over its columns)."""
    def group(row: list[Any], c: int) -> str:
        return next((cell_text(row[d]) for d in range(min(c, len(row) - 1), cols.start - 1, -1) if not blank(row[d])), "")
    return all(group(row, a) == group(row, b) for row in above if row)
