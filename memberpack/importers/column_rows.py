"""A table's plain rows kept column-wise, as a CSV read column-wise gives them (:class:`~.csv_reader.CsvColumns`).

What a run of plain rows (:data:`~.plain_row.PlainRow`) holds, a list or array for all of them:
their labels, the period and kind each label gives, their figures (rows by columns) and each figure
column's texts as written. Its rows are made into plain rows only where the table reader reads
them row by row after all (a window whose roles need the rows' rules, the rows left at the end).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat

import numpy as np

from memberpack.model.blocks import Texts
from memberpack.model.observation import DATA


@dataclass(slots=True)
class ColumnRows:
    """Plain rows from sheet row ``first`` on, one after another, column by column."""

    first: int
    labels: list[str]
    periods: list        # the period each label gives (None for none)
    kinds: list          # what each label gives its figures (TableReader._row_kind), None for nothing
    figures: np.ndarray   # rows by figure columns, as written
    texts: list[Texts]   # each figure column's cells as written

    def __len__(self) -> int:
        return len(self.labels)

    def part(self, start: int, stop: int) -> ColumnRows:
        return ColumnRows(self.first + start, self.labels[start:stop], self.periods[start:stop], self.kinds[start:stop],
                          self.figures[start:stop], [_texts_part(t, start, stop) for t in self.texts])

    def then(self, more: ColumnRows) -> ColumnRows:
        """These rows and ``more``, which follow them."""
        if not len(self):
            return more
        return ColumnRows(self.first, self.labels + more.labels, self.periods + more.periods, self.kinds + more.kinds,
                          np.concatenate([self.figures, more.figures]),
                          [_texts_joined(a, b) for a, b in zip(self.texts, more.texts)])

    def plain_rows(self, section: str | None) -> list[tuple]:
        """Each row as the table reader's plain row (its values the texts as written, its figures a row of the array)."""
        values = list(map(list, zip(*(t.tolist() for t in self.texts))))
        n = len(self)
        return list(zip(range(self.first, self.first + n), self.labels, repeat(section), values, self.figures,
                        repeat(None), repeat(None), repeat(()), self.periods, self.kinds, repeat(DATA)))


def _texts_part(texts: Texts, start: int, stop: int) -> Texts:
    offsets = texts.offsets[start:stop + 1]
    return Texts(texts.data[offsets[0]:offsets[-1]], offsets - offsets[0])


def _texts_joined(a: Texts, b: Texts) -> Texts:
    return Texts(a.data + b.data, np.concatenate([a.offsets, b.offsets[1:] + a.offsets[-1]]))
