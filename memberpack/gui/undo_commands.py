"""Undoable note edits: each command writes the pack straight away and can put it back.

Every step is saved at once (a councillor's laptop may close mid-meeting); undo writes the
previous version back rather than holding changes in memory.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from memberpack.model.annotations import KIND_TITLES, Annotation
from memberpack.store import annotation_store
from memberpack.store.pack import Pack


class _NoteCommand(QUndoCommand):
    def __init__(self, pack: Pack, text: str, on_change: Callable[[], None]) -> None:
        super().__init__(text)
        self.pack = pack
        self.on_change = on_change


class AddNote(_NoteCommand):
    def __init__(self, pack: Pack, note: Annotation, on_change: Callable[[], None]) -> None:
        super().__init__(pack, f"Add {KIND_TITLES[note.kind].lower()}", on_change)
        self.note = note

    def redo(self) -> None:
        annotation_store.save(self.pack, self.note)
        self.on_change()

    def undo(self) -> None:
        annotation_store.delete(self.pack, self.note.uid)
        self.on_change()


class EditNote(_NoteCommand):
    def __init__(self, pack: Pack, before: Annotation, after: Annotation, on_change: Callable[[], None]) -> None:
        super().__init__(pack, f"Edit {KIND_TITLES[after.kind].lower()}", on_change)
        self.before, self.after = before, after

    def redo(self) -> None:
        annotation_store.save(self.pack, self.after)
        self.on_change()

    def undo(self) -> None:
        annotation_store.save(self.pack, self.before)
        self.on_change()


class DeleteNote(_NoteCommand):
    def __init__(self, pack: Pack, note: Annotation, on_change: Callable[[], None]) -> None:
        super().__init__(pack, f"Delete {KIND_TITLES[note.kind].lower()}", on_change)
        self.note = note

    def redo(self) -> None:
        annotation_store.delete(self.pack, self.note.uid)
        self.on_change()

    def undo(self) -> None:
        annotation_store.save(self.pack, self.note)
        self.on_change()
