"""The pack file: one SQLite database per briefing pack."""

from memberpack.store.pack import Pack

__all__ = ["Pack"]
