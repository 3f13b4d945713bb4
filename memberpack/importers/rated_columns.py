"""Columns of ratings (``RAG``, ``Status``) read for what their cells mean there, where the rows are
made so that every reader of the sheet sees the same: under a RAG header a letter ``A`` is amber
(elsewhere it flags an adverse variance, and it had made a scorecard a budget monitor), as it is
under a Status header in a column that writes ``R`` or ``G`` too (alone, it may be Active); such a
column's letters are written ``Red``, ``Amber`` and ``Green`` (a column had shown ``G`` beside
``Amber``); and under either a blank cell filled red, amber or green (.xlsx, :mod:`.cell_fills`) is that rating, kept in
``SheetFormats.rated`` for the report.

A column is one of ratings from a header naming them down to the next other text in it; headers are
looked for in the sheet's first :data:`~memberpack.importers.formats.FORMAT_ROWS` rows, as the
fills are read. A rating column's own words for its ratings (``On track``, ``At risk``, ``Not met``)
are the ratings they stand for, where its header names no comments (in ``Status comments`` a
``Complete`` is a comment's word).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import partial
from itertools import chain, islice
from operator import itemgetter
from typing import Any

from memberpack.importers.formats import FORMAT_ROWS, SheetFormats
from memberpack.model.values import RAG_WORDS

RATINGS_HEADER = re.compile(r"\b(?:b?rag|r\s*/\s*a\s*/\s*g|status|rating)\b", re.IGNORECASE)
_RAG_HEADER = re.compile(r"\b(?:b?rag|r\s*/\s*a\s*/\s*g)\b", re.IGNORECASE)   # (a Status's "A" may be Active)
_RATINGS = {"red": "Red", "amber": "Amber", "green": "Green"}
_LETTERS = {"R": "Red", "A": "Amber", "G": "Green", "r": "Red", "a": "Amber", "g": "Green"}   # all three alike
# a status column's words for its ratings, in lower case and single spaced
RATING_PHRASES = {"on track": "Green", "achieved": "Green", "met": "Green", "complete": "Green", "at risk": "Amber",
                  "off track": "Red", "not achieved": "Red", "not met": "Red"}
_COMMENT_HEADER = re.compile(r"\b(?:comments?|commentary|narrative|notes?|updates?|explanation|reasons?|actions?)\b",
                             re.IGNORECASE)
_HEADER_LENGTH = 60   # longer texts are sentences, not a column's header
_BATCH_ROWS = 512     # rows below the first ones read at a time for a RAG column's letters
_ROW = itemgetter(1)


def with_ratings(rows: Iterator[tuple[int, list[Any]]], formats: SheetFormats | None,
                 rewritten: Callable[[], None] | None = None) -> Iterator[tuple[int, list[Any]]]:
    """The rows with the cells of rating columns read as their ratings (see the module docstring):
    the first rows read here at once, the others passed on as they come (a batch at a time through
    a rating column's check, only where a RAG header was found: ``rewritten`` is then called)."""
    fills = formats.fills if formats is not None else {}
    rated: dict[int, bool] = {}   # column -> whether the last text above names ratings
    lettered: dict[int, bool] = {}   # ... names RAG ratings, whose letter A is amber
    held: dict[int, list[list[Any]]] = {}   # column -> rows whose letter under a Status header waits for an R or G
    worded: dict[int, bool] = {}   # ... names ratings and no comments, whose words are ratings
    head: list[tuple[int, list[Any]]] = []
    below: tuple[int, list[Any]] | None = None
    for r, row in rows:
        if r >= FORMAT_ROWS:
            below = (r, row)
            break
        for c, value in enumerate(row):
            if type(value) is str and (text := value.strip()):
                if lettered.get(c) and text in _LETTERS:
                    row[c] = _LETTERS[text]
                elif rated.get(c) and text in _LETTERS:   # a Status column's letter: lettered if it writes R or G
                    held.setdefault(c, []).append(row)
                    if text.lower() != "a":
                        lettered[c] = True
                        for letter in held.pop(c):
                            letter[c] = _LETTERS[letter[c].strip()]
                elif worded.get(c) and (rating := _phrase_rating(text)):
                    row[c] = rating
                elif len(text) <= _HEADER_LENGTH:
                    lowered = text.lower()
                    kept = lowered in RAG_WORDS
                    named = _may_name_ratings(text, lowered) and RATINGS_HEADER.search(text) is not None
                    rated[c] = named or bool(rated.get(c)) and kept
                    lettered[c] = named and _RAG_HEADER.search(text) is not None or bool(lettered.get(c)) and kept
                    worded[c] = named and not _COMMENT_HEADER.search(text) or bool(worded.get(c)) and kept
                    if not kept:
                        held.pop(c, None)
                    elif lowered in ("red", "green") and c in held:   # "Red", "A", "Green": its A is amber
                        lettered[c] = True
                        for letter in held.pop(c):
                            letter[c] = _LETTERS[letter[c].strip()]
                else:
                    rated[c] = lettered[c] = worded[c] = False
                    held.pop(c, None)
        if fills:
            _coloured(r, row, rated, formats)
        head.append((r, row))
    rest = rows if below is None else chain((below,), rows)
    columns = [c for c, is_rated in lettered.items() if is_rated]
    if columns:
        rest = chain.from_iterable(map(partial(_rewritten, columns=columns, words=_LETTERS.get), _batches(rest)))
    phrased = [c for c, is_worded in worded.items() if is_worded]
    if (columns or phrased) and rewritten is not None:
        rewritten()
    if phrased:
        rest = chain.from_iterable(map(partial(_rewritten, columns=phrased, words=_phrase_rating), _batches(rest)))
    return chain(head, rest)


def _batches(rows: Iterator[tuple[int, list[Any]]]) -> Iterator[list[tuple[int, list[Any]]]]:
    return iter(lambda: list(islice(rows, _BATCH_ROWS)), [])


def _may_name_ratings(text: str, lowered: str) -> bool:
    """Whether :data:`RATINGS_HEADER` may find a header in ``text`` (``lowered``: in lower case): an
    ASCII text holding none of its words' letters in a row does not (a sheet's labels, asked first)."""
    return (not text.isascii() or "rag" in lowered or "/" in lowered or "status" in lowered
            or "rating" in lowered)


def _rewritten(rows: list[tuple[int, list[Any]]], columns: list[int],
               words: Callable[[str], str | None]) -> list[tuple[int, list[Any]]]:
    """The rows with each cell of the columns that ``words`` reads as a rating (``a`` with spaces
    round it, ``Off track``) written as that rating: each column's distinct cells looked at, not
    each cell."""
    for c in columns:
        try:
            cells = list(map(itemgetter(c), map(_ROW, rows)))
        except IndexError:   # a short row
            cells = [row[c] if c < len(row) else None for _, row in rows]
        found = {v: rating for v in set(cells) if type(v) is str and (rating := words(v.strip()))}
        if found:
            for (_, row), value in zip(rows, cells):
                if value in found:
                    row[c] = found[value]
    return rows


def _phrase_rating(text: str) -> str | None:
    """The rating a status column's words stand for (``Off track``: Red), or None."""
    return RATING_PHRASES.get(" ".join(text.lower().split())) if len(text) <= 16 else None


def _coloured(r: int, row: list[Any], rated: dict[int, bool], formats: SheetFormats) -> None:
    """Each blank cell of the row's rating columns filled red, amber or green, written as that rating."""
    for c, is_rated in rated.items():
        rating = formats.fills.get((r, c)) if is_rated else None
        if rating is None:
            continue
        if c >= len(row):
            row.extend([None] * (c + 1 - len(row)))
        if row[c] is None or row[c] == "":
            row[c] = _RATINGS[rating]
            formats.rated.add((r, c))
