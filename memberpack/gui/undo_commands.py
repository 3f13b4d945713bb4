"""Undoable note edits, each a move of one note from one version to another.

Every step is saved at once (a councillor's laptop may close mid-meeting). The write itself is
made by the notes panel through :class:`~memberpack.gui.pack_writes.PackWriter` *before* the
command is pushed, undone or redone, and only if the write succeeded, so the undo stack never
holds a step that is not in the pack. ``before``/``after`` None means no note (not yet added, or
deleted); each write checks the stored note still reads as expected (compare and set).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from memberpack.model.annotations import KIND_TITLES, Annotation


class NoteCommand(QUndoCommand):
    """The note ``uid`` went from ``before`` to ``after``; redo and undo only show it."""

    def __init__(self, verb: str, before: Annotation | None, after: Annotation | None,
                 on_change: Callable[[], None]) -> None:
        note = after or before
        super().__init__(f"{verb} {KIND_TITLES[note.kind].lower()}")
        self.uid = note.uid
        self.before, self.after = before, after
        self.on_change = on_change

    def redo(self) -> None:
        self.on_change()

    def undo(self) -> None:
        self.on_change()


def add_note(note: Annotation, on_change: Callable[[], None]) -> NoteCommand:
    return NoteCommand("Add", None, note, on_change)


def edit_note(before: Annotation, after: Annotation, on_change: Callable[[], None]) -> NoteCommand:
    return NoteCommand("Edit", before, after, on_change)


def delete_note(note: Annotation, on_change: Callable[[], None]) -> NoteCommand:
    return NoteCommand("Delete", note, None, on_change)
