"""Footnote numbers inside the headers of a table, told apart from real numbers by its notes.

Statistical releases run a footnote's number onto the word it is about, at the end of a header or
inside it (``Reaching the expected standard4 (%)``, ``Percentage with UPN2``), and onto a number too
(``Percentage who achieved at least Level 24 in the following:`` is Level 2, note 4). A digit is
taken for a marker only where the numbered notes under the table (``4. This is the expected level
...``) have its number. Run onto capitals it must also be no more than one past the highest marker
read before it, in reading order (the lines over the header first, then its cells, top to bottom and
left to right), and onto one or two (``Q1``, ``KS2``: names) it is none but inside a grade range
(``A*-C7``) as the very next note. A digit run onto a number is a
marker only where the number is written nowhere else over the table (``at least 12 months2`` under a
title saying ``12 months``: twelve), and either the number without it is (``aged 5 to 161`` beside
``aged 5 to 16``) or it is the very next note in reading order (``Level 24`` after notes 1 to 3). A
header repeated over each year's columns reads as its first copy.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

NOTES_AHEAD = 1_000   # rows below a table's header looked through for its notes

# a numbered note under a table: "4. This is the expected level...", "4 Figures at ...", "[4] ..."
_NOTE = re.compile(r"\s*(?:note\s*)?\[?(\d{1,2})\]?[.):]?\s+[A-Za-z(]", re.IGNORECASE)
# a number run onto a word ("UPN2", "tests4,5", "(5 terms)3"), or a digit onto a number ("Level 24"), before
# a space, a colon, a bracket or the end
_INNER = re.compile(r"(?P<stem>[A-Za-z*)])(?P<glued>\d{1,2}(?:,\d{1,2})*)(?=[\s:;(]|$)"
                    r"|(?<=\s)(?P<number>\d{2,3})(?=[\s:;(]|$)")
_WORD_NUMBER = re.compile(r"(\w+)\s+(\d+)(?![\d,])")   # a number and the word before it ("to 16")
_CAPITALS = re.compile(r"[A-Z]+$")
_TEXTS_ONLY = frozenset({str, type(None)})   # the kinds of cell a row holding a note alone may have


def may_hold_marker(text: str) -> bool:
    """Whether a header text has a number where a footnote's may be (so the notes are worth reading)."""
    return _INNER.search(text) is not None


def note_numbers(rows: Iterable[tuple[int, Sequence[Any]]]) -> frozenset[int]:
    """The numbers of the notes among ``rows``: rows holding one text alone, which starts with its number."""
    found = set()
    for _, row in rows:
        if not _TEXTS_ONLY.issuperset(map(type, row)):
            continue   # a figure, date or flag: the row holds no note alone (its cells need not be looked at)
        cells = [v for v in row if v is not None and not (type(v) is str and not v.strip())]
        if len(cells) == 1 and type(cells[0]) is str and len(cells[0]) > 12 and (m := _NOTE.match(cells[0])):
            found.add(int(m[1]))
    return frozenset(found)


def _after_capitals(text: str, end: int, marker: int, highest: int) -> bool:
    """Whether a marker run onto the letter ending at ``end`` may be one: after a lower-case letter or a
    bracket, yes; after a name in capitals ("UPN2"), where no more than one past the highest before it;
    after one or two capitals, only as the very next note and inside a longer word ("A*-C7": never "Q1",
    "KS2", which are names)."""
    run = _CAPITALS.search(text, 0, end)
    if run is None:
        return True
    if len(run[0]) >= 3:
        return marker <= highest + 1
    return marker == highest + 1 and run.start() > 0 and text[run.start() - 1] in "-*/"


def noted_markers(texts: Sequence[str], notes: frozenset[int]) -> dict[str, tuple[str, str]]:
    """Each text (in reading order) holding footnote numbers the notes show: text -> (the text without
    them, the markers, comma-separated). See the module docstring for when a digit is one."""
    out: dict[str, tuple[str, str]] = {}
    if not notes:
        return out
    written = [set(_WORD_NUMBER.findall(text)) for text in dict.fromkeys(texts)]
    numbers = Counter(number for pairs in written for _, number in pairs)   # in how many texts each is written
    phrases = set().union(*written)
    highest = 0
    for text in texts:
        if text in out:
            continue
        pieces, markers, at = [], [], 0
        for m in _INNER.finditer(text):
            if m["glued"]:
                found = [int(n) for n in m["glued"].split(",")]
                ok = all(n in notes for n in found) and _after_capitals(text, m.end("stem"), found[0], highest)
                cut = m.start("glued")
            else:
                number, before = m["number"], text[:m.start()].split()
                found = [int(number[-1])]
                named = bool(before) and (before[-1], number[:-1]) in phrases
                ok = found[0] in notes and numbers[number] <= 1 and (named or found[0] == highest + 1)
                cut = m.end("number") - 1
            if ok:
                pieces.append(text[at:cut])
                at = m.end()
                markers += found
                highest = max(highest, *found)
        if markers:
            out[text] = (" ".join(("".join(pieces) + text[at:]).split()), ",".join(map(str, markers)))
    return out
