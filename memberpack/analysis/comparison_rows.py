"""A comparison as the app and the PDF show it: one row per measure (ours, England, the region, the
neighbours' average with how many have a figure, the verdict against England, rank and band) and a
line saying who is compared with whom and what rank and band mean."""

from __future__ import annotations

from memberpack.analysis.comparisons import (BETTER, ENGLAND, HIGHER_THAN, LOWER_THAN, NEIGHBOURS, REGION, SAME,
                                             WORSE, Comparison)

NEIGHBOURS_HEAD = "Neighbours' average"
VERDICT_WORDS = {BETTER: "Better", WORSE: "Worse", SAME: "Same", HIGHER_THAN: "Higher", LOWER_THAN: "Lower"}


def region_name(found: list[Comparison]) -> str:
    names = {b.name for c in found for b in c.benchmarks if b.kind == REGION}
    return names.pop() if len(names) == 1 else "Region"


def summary_head(found: list[Comparison]) -> list[str]:
    """The columns of the "how we compare" table the app and the PDF show."""
    return ["Measure", "Period", found[0].area if found else "Our figure", "England", region_name(found),
            NEIGHBOURS_HEAD, "vs England", "Rank", "Band"]


def with_a_figure(count: int | None, of: int) -> str:
    """How many of the neighbours the average is of, in words: ``(2 of 3)``, not ``(2/3)`` (n/N)."""
    return f"({count or 0} of {of})"


def summary_row(c: Comparison) -> list[str]:
    """One comparison as a row of :func:`summary_head`'s columns (blank where there is no figure)."""
    def shown(kind: str) -> str:
        b = c.benchmark(kind)
        if b is None:
            return ""
        text = c.format(b.value) if b.value is not None else b.display
        return f"{text} {with_a_figure(b.count, b.of)}" if b.of else text

    england = c.benchmark(ENGLAND)
    return [c.title, c.period or "", c.format(c.value) if c.value is not None else c.display, shown(ENGLAND),
            shown(REGION), shown(NEIGHBOURS), VERDICT_WORDS.get(england.verdict, "") if england else "",
            c.rank.text() if c.rank else "", c.rank.band if c.rank else ""]


def intro_text(found: list[Comparison]) -> str:
    """Who is compared with whom, and what rank and band mean."""
    sizes = {b.of for c in found for b in c.benchmarks if b.kind == NEIGHBOURS and b.of}
    kinds = {b.kind for c in found for b in c.benchmarks}   # only the comparators there are figures for
    names = [name for kind, name in ((ENGLAND, "England"), (REGION, region_name(found)),
                                     (NEIGHBOURS, f"the average of {max(sizes)} statistical neighbours" if sizes
                                                  else "statistical neighbours"))
             if kind in kinds and name]
    who = f"{found[0].area} against " + (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1
                                         else names[0] if names else "no comparator") + "."
    if sizes:
        who += " Beside the neighbours' average, in brackets: how many of them have a figure."
    note = rank_note(found)
    if note:
        who += (f" {note}. Tied figures share the better rank. Bands A to D are quarters of the ranking, "
                "A holding rank 1.")
    return who


def rank_note(found: list[Comparison]) -> str:
    """What rank 1 means: one meaning for all, or, where measures are ranked differently (a neutral
    measure by the highest beside one where higher is better), which measure has which."""
    by_direction: dict[str, list[str]] = {}
    for c in found:
        if c.rank:
            by_direction.setdefault(c.rank.direction, []).append(c.title)
    if len(by_direction) < 2:
        return "".join(f"Rank among all authorities in the file ({direction})" for direction in by_direction)
    return "Rank among all authorities in the file: " + "; ".join(
        f"for {' and '.join(dict.fromkeys(titles))}, {direction}" for direction, titles in sorted(by_direction.items()))
