"""A large CSV's row labels by their keys, found for a chunk of them at once by Arrow.

A label ending in a number after a space, when that number has three digits or more than four
(``Placement 201934``), has as its key its words followed by ``000`` (``Placement 000``); any other
label is its own key. Such a number is no year, month, quarter, unit, catalogue word or footnote
marker: what a plain row's label may name is asked of its key, so a table whose labels differ row by
row only by such numbers (a ledger's lines, a list of placements) asks each question once per key,
not once per row (:meth:`~.table_reader.TableReader._column_batch`). No Arrow scalar is made: that
loads pandas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

_DIGITS = "0123456789"
_SPACE = ord(" ")
_AT_END = 1 << 30   # a position past the end of any label


@dataclass(slots=True)
class LabelKeys:
    """The distinct keys of a chunk's labels, in the order they first come, and each label's key."""

    keys: list[str]
    codes: np.ndarray   # each label's key, by its index in ``keys``

    def each(self, answers: list[Any]) -> list[Any]:
        """Each label's answer, from an answer for each key."""
        return list(map(answers.__getitem__, self.codes.tolist()))


def label_keys(labels: Any) -> LabelKeys:
    """The keys of ``labels`` (a pyarrow string array of ASCII texts, as a chunk of a CSV holds them)."""
    import pyarrow as pa  # noqa: PLC0415 - loaded already where a CSV is read column-wise
    import pyarrow.compute as pc  # noqa: PLC0415

    words = pc.ascii_rtrim(labels, characters=_DIGITS)
    numbered = _numbered(_int32s(labels, len(labels) + 1), _int32s(words, len(words) + 1), words.buffers()[2])
    flags = pa.BooleanArray.from_buffers(pa.bool_(), len(labels),
                                         [None, pa.py_buffer(np.packbits(numbered, bitorder="little"))])
    keyed = pc.binary_replace_slice(words, start=_AT_END, stop=_AT_END, replacement="000")
    encoded = pc.if_else(flags, keyed, labels).dictionary_encode()
    return LabelKeys(encoded.dictionary.to_pylist(), _int32s(encoded.indices, len(encoded)))


def labels_matching(labels: Any, pattern: str) -> np.ndarray:
    """The positions of the labels (a pyarrow string array) in which ``pattern`` (a regular expression
    that RE2 reads as :mod:`re` does) finds a match."""
    import pyarrow.compute as pc  # noqa: PLC0415

    found = pc.indices_nonzero(pc.match_substring_regex(labels, pattern))
    return np.frombuffer(found.buffers()[1], dtype=np.uint64)[found.offset:found.offset + len(found)].astype(np.int64)


def _numbered(label_offsets: np.ndarray, word_offsets: np.ndarray, data: Any) -> np.ndarray:
    """Whether each label ends in a number of three digits or more than four after a space, from
    where each label and its words before the digits it ends in (``data``) start and end."""
    lengths = np.diff(word_offsets)
    digits = np.diff(label_offsets) - lengths
    last = np.zeros(len(lengths), dtype=np.uint8)   # each word's last character
    if data is not None and len(data):
        worded = lengths > 0
        last[worded] = np.frombuffer(data, dtype=np.uint8)[word_offsets[1:][worded] - 1]
    return (last == _SPACE) & ((digits == 3) | (digits > 4))


def _int32s(array: Any, count: int) -> np.ndarray:
    """``count`` int32s of an Arrow array's buffer of them from its offset: a string array's offsets, a
    dictionary's codes."""
    return np.frombuffer(array.buffers()[1], dtype=np.int32)[array.offset:array.offset + count]
