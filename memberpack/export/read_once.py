"""The pack as a briefing reads it: the latest tables, and each one's figures, read once.

The tables printed, the headlines, the comparisons and the notes' targets each walk the pack's
tables; read through :class:`ReadOnce`, a pack of thousands of tables is read once rather than three
to seven times, and that reading (the long part of an export) is where progress is told and Cancel
is heard. Anything else is asked of the pack itself.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from memberpack.errors import Cancelled
from memberpack.model.observation import OPEN_STATISTICS, Dataset, Observation
from memberpack.store.pack import Pack


class ReadOnce:
    """``pack`` with :meth:`datasets`, :meth:`observations` and :meth:`previous_version` answered
    from one reading. Open statistics (every authority's figures) are not held: they are read by area."""

    def __init__(self, pack: Pack) -> None:
        self.pack = pack
        self._latest = pack.datasets()
        self._figures: dict[int, list[Observation]] = {}
        self._versions: dict[str, list[Dataset]] | None = None

    def read(self, progress: Callable[[int, int, str], None] | None = None,
             cancel: Callable[[], bool] | None = None) -> ReadOnce:
        """Read every latest table's figures, telling ``progress`` after each and asking ``cancel`` before."""
        for n, ds in enumerate(self._latest, start=1):
            if cancel is not None and cancel():
                raise Cancelled("Export cancelled; no file was written.")
            if ds.kind != OPEN_STATISTICS:
                self._figures[ds.id] = self.pack.observations(ds.id)
            if progress is not None:
                progress(n, len(self._latest), f"Reading {ds.name}")
        return self

    def __getattr__(self, name: str):
        return getattr(self.pack, name)

    def datasets(self, *, all_versions: bool = False) -> list[Dataset]:
        return self.pack.datasets(all_versions=True) if all_versions else list(self._latest)

    def observations(self, dataset_id: int, *, areas: Collection[str] | None = None) -> list[Observation]:
        figures = self._figures.get(dataset_id) if areas is None else None
        return list(figures) if figures is not None else self.pack.observations(dataset_id, areas=areas)

    def previous_version(self, dataset: Dataset) -> Dataset | None:
        """As :meth:`Pack.previous_version`, from one list of every version (asked table by table,
        the pack looks through every table's row for each)."""
        if self._versions is None:
            self._versions = {}
            for ds in self.pack.datasets(all_versions=True):
                self._versions.setdefault(ds.key, []).append(ds)
        ids = [ds.id for ds in self._versions.get(dataset.key, [])]
        position = ids.index(dataset.id) if dataset.id in ids else 0
        return self._versions[dataset.key][position - 1] if position > 0 else None


Progress = Callable[[int, int, str], None]
_STEPS = 1_000   # of each half


def halves(progress: Progress | None) -> tuple[Progress | None, Progress | None]:
    """``progress`` split in two: the reading of the tables its first half, the writing its second,
    so one bar moves from start to end once."""
    if progress is None:
        return None, None

    def half(first: int) -> Progress:
        def told(done: int, total: int, text: str) -> None:
            progress(first + done * _STEPS // max(total, 1), 2 * _STEPS, text)
        return told

    return half(0), half(_STEPS)
