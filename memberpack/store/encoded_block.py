"""A block of figures as the pack stores it, encoded where it was read.

Kept apart from :mod:`.block_codec` (and numpy), so that the process storing blocks the reader's
process encoded loads no numpy: it only inserts them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from memberpack.model.blocks import FigureBlock
    from memberpack.model.observation import Observation

# Characters of a block's head (JSON, written as ASCII, so bytes too): a head names a block's columns
# and the distinct texts of its few hundred rows, a few kilobytes. A pack is never written with a
# longer one (that block's figures are stored one by one), and one found longer is refused unread.
MAX_HEAD = 1_000_000


@dataclass(frozen=True, slots=True)
class Encoded:
    """A block encoded where it was read (in the reader's process) and sent so: the process that
    stores it only inserts it, and the pipe carries its figures in the pack's compact form, not as
    pickled arrays (60% of the bytes, unpickled in a sixth of the time)."""

    first_row: int
    last_row: int
    row_count: int
    cell_count: int
    head: str
    blob: bytes
    first_label: str | None   # the label of its first row (what a table is named after when it has no title)

    def __len__(self) -> int:
        return self.row_count

    def decoded(self) -> FigureBlock:
        from memberpack.store.block_codec import decode  # noqa: PLC0415 - numpy only where figures are read

        return decode(self.head, self.blob)

    def observations(self) -> Iterator[Observation]:
        return self.decoded().observations()
