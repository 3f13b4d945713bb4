"""A table's plain rows kept column-wise, as a CSV read column-wise gives them (:class:`~.csv_reader.CsvColumns`).

What a run of plain rows (:data:`~.plain_row.PlainRow`) holds, a list or array for all of them:
their labels, the period and kind each label gives, their figures (each column's contiguous, as a
block stores them) and each figure column's texts as written. Its rows are made into plain rows only
where the table reader reads them row by row after all (a window whose roles need the rows' rules,
the rows left at the end). The rows read and not yet settled are held chunk by chunk
(:class:`HeldRows`): a window's rows are copied out of their chunk once, not the chunk joined to the
rows before it first.
"""

from __future__ import annotations

from collections.abc import Iterator
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
    columns: np.ndarray   # figure columns by rows, as written
    texts: list[Texts]   # each figure column's cells as written

    def __len__(self) -> int:
        return len(self.labels)

    @property
    def figures(self) -> np.ndarray:
        """Rows by figure columns (a view of :attr:`columns`)."""
        return self.columns.T

    def part(self, start: int, stop: int) -> ColumnRows:
        return ColumnRows(self.first + start, self.labels[start:stop], self.periods[start:stop], self.kinds[start:stop],
                          self.columns[:, start:stop], [_texts_part(t, start, stop) for t in self.texts])

    def plain_rows(self, section: str | None) -> list[tuple]:
        """Each row as the table reader's plain row (its values the texts as written, its figures a row of the array)."""
        values = list(map(list, zip(*(t.tolist() for t in self.texts))))
        n = len(self)
        return list(zip(range(self.first, self.first + n), self.labels, repeat(section), values,
                        np.ascontiguousarray(self.figures), repeat(None), repeat(None), repeat(()), self.periods,
                        self.kinds, repeat(DATA)))


class HeldRows:
    """Rows read column-wise and not settled yet, one after another: the chunks they were read in, and
    how many rows of the first are taken already."""

    def __init__(self) -> None:
        self.chunks: list[ColumnRows] = []
        self.taken = 0
        self.count = 0

    def __len__(self) -> int:
        return self.count

    @property
    def first(self) -> int:
        """The sheet row of the first row held."""
        return self.chunks[0].first + self.taken

    def add(self, rows: ColumnRows) -> None:
        self.chunks.append(rows)
        self.count += len(rows)

    def take(self, n: int) -> ColumnRows:
        """The next ``n`` rows held (no more than are), no longer held."""
        parts = list(self._parts(min(n, self.count)))
        return parts[0] if len(parts) == 1 else _joined(parts)

    def rest(self) -> ColumnRows | None:
        """All the rows held, no longer held; None when none are."""
        return self.take(self.count) if self.count else None

    def _parts(self, n: int) -> Iterator[ColumnRows]:
        while n:
            chunk = self.chunks[0]
            stop = min(self.taken + n, len(chunk))
            yield chunk if self.taken == 0 and stop == len(chunk) else chunk.part(self.taken, stop)
            n -= stop - self.taken
            self.count -= stop - self.taken
            self.taken = stop
            if stop == len(chunk):
                del self.chunks[0]
                self.taken = 0


def _joined(parts: list[ColumnRows]) -> ColumnRows:
    """Rows that follow one another, as one run."""
    return ColumnRows(parts[0].first, [label for part in parts for label in part.labels],
                      [period for part in parts for period in part.periods], [kind for part in parts for kind in part.kinds],
                      np.concatenate([part.columns for part in parts], axis=1),
                      [_texts_joined([part.texts[j] for part in parts]) for j in range(len(parts[0].texts))])


def _texts_part(texts: Texts, start: int, stop: int) -> Texts:
    offsets = texts.offsets[start:stop + 1]
    return Texts(texts.data[offsets[0]:offsets[-1]], offsets - offsets[0])


def _texts_joined(parts: list[Texts]) -> Texts:
    starts = np.cumsum([0] + [len(t.data) for t in parts[:-1]])
    return Texts(b"".join(t.data for t in parts),
                 np.concatenate([parts[0].offsets[:1]] + [t.offsets[1:] + at for t, at in zip(parts, starts.tolist())]))
