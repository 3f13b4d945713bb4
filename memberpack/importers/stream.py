"""A row stream that can look ahead, so a table can tell where it ends before it consumes a row."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any

Item = tuple[int, list[Any]]


class Peekable:
    """Rows as ``(index, values)``; :meth:`ahead` buffers only as many rows as asked for."""

    def __init__(self, rows: Iterator[Item], columns: Any = None) -> None:
        self._rows = rows
        self._buffer: deque[Item] = deque()
        self.columns = columns   # the rows read column-wise, where the sheet can (:class:`~.csv_reader.CsvColumns`)

    def buffered(self) -> int:
        """How many rows are held, read ahead."""
        return len(self._buffer)

    def ahead(self, n: int) -> list[Item]:
        """Up to ``n`` next rows, without consuming them."""
        while len(self._buffer) < n:
            item = next(self._rows, None)
            if item is None:
                break
            self._buffer.append(item)
        return list(islice(self._buffer, n))   # (not the whole buffer: a batch put back holds hundreds)

    def at(self, i: int) -> Item | None:
        """The row ``i`` places ahead (0: the next one), without consuming it."""
        while len(self._buffer) <= i:
            item = next(self._rows, None)
            if item is None:
                return None
            self._buffer.append(item)
        return self._buffer[i]

    def peek(self) -> Item | None:
        if not self._buffer:   # asked once a row: without the list ahead() builds
            item = next(self._rows, None)
            if item is None:
                return None
            self._buffer.append(item)
        return self._buffer[0]

    def next(self) -> Item | None:
        if self._buffer:
            return self._buffer.popleft()
        return next(self._rows, None)

    def take(self, n: int) -> list[Item]:
        """Up to ``n`` next rows, consumed (:meth:`push_back` returns them)."""
        buffer = self._buffer
        if n >= len(buffer):   # (all of it, as after a batch put back: at once)
            items = list(buffer)
            buffer.clear()
        else:
            items = [buffer.popleft() for _ in range(n)]
        if len(items) < n:
            items += islice(self._rows, n - len(items))
        return items

    def push_back(self, items: list[Item]) -> None:
        """Put rows taken with :meth:`take` back, to be read again in the same order."""
        self._buffer.extendleft(reversed(items))

    def mapped(self, change: Callable[[Item], Item]) -> None:
        """Every row from the next on passed through ``change`` (in order: those held first)."""
        self._buffer = deque(map(change, self._buffer))
        self._rows = map(change, self._rows)
