"""What the window reads from its pack after the first paint, in a worker thread or a child process.

No Qt here: a child process started for a large pack imports only this and the analysis it calls.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from memberpack.store.pack import Pack

IN_PROCESS_FIGURES = 200_000   # a pack with more figures than this is read in a child process


@contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while millions of short-lived objects are made (the
    figures of a 100,000-row table): each full collection would stop every thread, the GUI's too,
    for tenths of a second. Those objects hold no cycles; they go as soon as they are released."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def pack_headlines(source: str | Pack):
    """The headlines of the pack at ``source`` (a path, or a pack of its own, closed after)."""
    from memberpack.analysis.headlines import headlines  # noqa: PLC0415 - the import engine with it

    with collection_paused(), _opened(source) as pack:
        return headlines(pack)


def pack_comparisons_by_dataset(source: str | Pack) -> dict[str, list]:
    """How our authority compares, by dataset key, for the pack at ``source`` (as for :func:`pack_headlines`)."""
    from memberpack.analysis.comparisons import by_dataset, pack_comparisons  # noqa: PLC0415

    with collection_paused(), _opened(source) as pack:
        return by_dataset(pack_comparisons(pack))


def _opened(source: str | Pack) -> Pack:
    """A pack held in memory (protected, or an output version's copy) is read from a copy of it,
    never from the file at its path."""
    return source if isinstance(source, Pack) else Pack.open(source)
