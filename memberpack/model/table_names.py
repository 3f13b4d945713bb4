"""Short names for tables where a whole title will not fit (the lists of tables, the Overview's
Table column); the whole title goes in the tooltip. A council's titles often share their first
words ("23/24 Budget Monitoring Report …") and differ at the end ("… General Fund", "… (DSG)"),
so the shared start is left out and a long name keeps its first and last words."""

from __future__ import annotations

SHORT_NAME = 60   # characters of a table's name in a list of tables


def short_names(names: list[str], limit: int = SHORT_NAME) -> list[str]:
    """Names for a list of tables: the words every name shares at its start are left out, and a
    name longer than ``limit`` keeps its first and last words with "…" between (the end tells
    "… General Fund" from "… (DSG)"); names that would read alike stay whole."""
    split = [n.split() for n in names]
    shared = 0
    if len(names) > 1:
        while all(len(w) > shared + 1 for w in split) and len({tuple(w[:shared + 1]) for w in split}) == 1:
            shared += 1
    shortened = [_middle_cut(words[shared:], limit) for words in split]
    return shortened if len(set(shortened)) == len(set(names)) else names


def _broken(word: str, opening: str, closing: str) -> bool:
    """A word that is half of a bracket pair, or a lone joining mark, reads badly beside "…"."""
    return word.count(opening) > word.count(closing) or word in ("&", "-", "–", "and", "of", "the")


def _middle_cut(words: list[str], limit: int) -> str:
    if len(" ".join(words)) <= limit:
        return " ".join(words)
    head: list[str] = []
    tail: list[str] = []
    while len(head) < len(words) - 1 and len(" ".join(head + [words[len(head)]])) <= limit // 2:
        head.append(words[len(head)])
    while len(" ".join([words[-len(tail) - 1]] + tail)) <= limit // 2 and len(head) + len(tail) < len(words) - 1:
        tail.insert(0, words[-len(tail) - 1])
    while len(head) > 1 and _broken(head[-1], "(", ")"):
        head.pop()
    while len(tail) > 1 and _broken(tail[0], ")", "("):
        tail.pop(0)
    return " ".join(head) + " … " + " ".join(tail)
