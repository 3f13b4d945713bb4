"""A budget monitor's sign convention, worked out from its first figures on their way into the pack.

The convention (:mod:`memberpack.model.conventions`) is read from a table's first
:data:`SAMPLE_FIGURES` figures. Reading them back from the pack once the table is stored left that
work for after the reader's last row; taken here from the parts as they are stored, it is done as
soon as they are in, while the reader still reads the rest. They are the figures the pack gives
back first, in its order (row then column), so the convention is the same; parts that do not come
in row order (the table reader always sends them so) leave it to be read back from the pack.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from operator import attrgetter

from memberpack.importers.found_table import Part
from memberpack.model.conventions import SAMPLE_FIGURES, Convention, infer
from memberpack.model.grid import Grid
from memberpack.model.observation import Observation
from memberpack.store.encoded_block import Encoded


class SignSample:
    """Watches a table's parts go by; :attr:`convention` is then the table's, or None when it has to be
    read back from the pack (parts out of row order)."""

    def __init__(self, size: int = SAMPLE_FIGURES) -> None:
        self.size = size
        self.convention: Convention | None = None
        self._taken: list[Observation] = []
        self._last_row = -1
        self._in_order = True

    def watch(self, parts: Iterable[Part]) -> Iterator[Part]:
        """``parts``, passed on as they come."""
        for part in parts:
            if self._in_order and len(part):
                self._see(part)
            yield part
        if self._in_order and self.convention is None:   # a table shorter than the sample
            self.convention = infer(Grid.of(self._taken))
        self._taken = []

    def _see(self, part: Part) -> None:
        if isinstance(part, list):
            rows = [o.row for o in part]
            first, last = min(rows), max(rows)
        elif isinstance(part, Encoded):
            first, last = part.first_row, part.last_row
        else:
            first, last = int(part.rows[0]), int(part.rows[-1])
        if first <= self._last_row:   # the pack's order is not the order they came in
            self._in_order, self.convention, self._taken = False, None, []
            return
        self._last_row = last
        if self.convention is not None:
            return
        wanted = self.size - len(self._taken)
        if isinstance(part, list):
            self._taken += sorted(part, key=attrgetter("row", "col"))[:wanted]
        else:
            block = part.decoded() if isinstance(part, Encoded) else part
            if block.columns:
                self._taken += itertools.islice(block.head(-(-wanted // len(block.columns))).observations(), wanted)
        if len(self._taken) >= self.size:
            self.convention = infer(Grid.of(self._taken))
            self._taken = []
