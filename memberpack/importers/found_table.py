"""A table found in a file, as the importer hands it on: its layout, report and figures.

Kept apart from the table finder (:mod:`.tables`) so that the process that stores tables (the
``import`` command, reading files in a child process) loads neither the readers nor numpy: blocks
of figures load numpy only when the first one arrives.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Union

from memberpack.importers.table_layout import TableLayout
from memberpack.importers.report import TableReport
from memberpack.model.observation import Observation

if TYPE_CHECKING:
    from memberpack.model.blocks import FigureBlock
    from memberpack.store.encoded_block import Encoded

Recall = Callable[[str], Union[dict, None]]
Part = Union[list[Observation], "FigureBlock", "Encoded"]


@dataclass(slots=True)
class FoundTable:
    """A table found on a sheet: its layout, its report, and its figures (lazy while importing).

    ``parts`` are the figures as read: a list of observations per row, or a block of rows kept
    column-wise (:class:`~memberpack.model.blocks.FigureBlock`, or on its way into a pack, already
    encoded: :class:`~memberpack.store.encoded_block.Encoded`); :attr:`observations` gives them one by one.
    """

    layout: TableLayout
    report: TableReport
    shape: str
    parts: Iterator[Part] | list[Part] = field(default_factory=list)
    metric_counts: Counter = field(default_factory=Counter)

    @property
    def title(self) -> str:
        return self.layout.title

    @property
    def observations(self) -> Iterator[Observation] | list[Observation]:
        """Every figure, blocks expanded: a list once the table is read, an iterator while importing."""
        flat = chain.from_iterable(part if isinstance(part, list) else part.observations() for part in self.parts)
        return list(flat) if isinstance(self.parts, list) else flat
