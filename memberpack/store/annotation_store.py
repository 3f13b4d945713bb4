"""Reading and writing annotations in a pack. Edits keep the replaced version in history.

History holds each earlier version once (as canonical JSON), so merging the same notes again, or
in another order, leaves the same current notes and the same history.
"""

from __future__ import annotations

import json
import re

from memberpack.errors import NoteChanged, NotesError
from memberpack.model.annotations import Annotation, Target
from memberpack.store.pack import Pack

_TARGET_FIELDS = ("dataset_key", "metric_id", "label", "section", "measure", "period", "value", "display",
                  "chart_id")
_COLUMNS = ("uid", "target_type", *_TARGET_FIELDS, "kind", "visibility", "status", "answer", "body", "author",
            "created_at", "modified_at")

ADDED, UPDATED, KEPT, UNCHANGED = "added", "updated", "kept", "unchanged"


def _row(note: Annotation) -> tuple:
    t = note.target
    return (note.uid, t.type, *(getattr(t, f) for f in _TARGET_FIELDS), note.kind, note.visibility,
            note.status, note.answer, note.body, note.author, note.created_at, note.modified_at)


def _annotation(row: tuple) -> Annotation:
    values = dict(zip(_COLUMNS, row))
    target = Target(type=values.pop("target_type"), **{f: values.pop(f) for f in _TARGET_FIELDS})
    return Annotation(target=target, **values)


def _keep_in_history(pack: Pack, note: Annotation, replaced_at: str) -> bool:
    """Add ``note`` to its history unless that exact version is already there."""
    snapshot = note.snapshot()
    if pack.db.execute("SELECT 1 FROM annotation_history WHERE uid = ? AND snapshot = ?",
                       (note.uid, snapshot)).fetchone():
        return False
    pack.db.execute("INSERT INTO annotation_history(uid, snapshot, replaced_at) VALUES (?, ?, ?)",
                    (note.uid, snapshot, replaced_at))
    return True


def save(pack: Pack, note: Annotation) -> None:
    """Insert ``note``, or replace the stored note of the same uid, keeping the old one in history.

    A note outside the limits every copy of the pack accepts (:meth:`Annotation.problem`) is refused
    in one line, so nothing is stored here that a merge elsewhere would refuse."""
    if problem := note.problem():
        raise NotesError(f"{pack.path.name}: the note cannot be saved: {problem}")
    with pack.transaction():
        old = get(pack, note.uid, include_deleted=True)
        if old is not None and old.snapshot() != note.snapshot():
            _keep_in_history(pack, old, note.modified_at)
        pack.db.execute(f"INSERT OR REPLACE INTO annotation({', '.join(_COLUMNS)}, deleted) "
                        f"VALUES ({', '.join('?' * len(_COLUMNS))}, 0)", _row(note))


def merge(pack: Pack, incoming: Annotation) -> str:
    """Bring one version of a note in from another copy of the pack; the newer version wins.

    Returns ADDED (a new note), UPDATED (``incoming`` replaced an older version, now in history),
    KEPT (``incoming`` is older and was kept in history) or UNCHANGED (already known).
    """
    with pack.transaction():
        current = get(pack, incoming.uid, include_deleted=True)
        if current is None:
            save(pack, incoming)
            return ADDED
        if current.snapshot() == incoming.snapshot():
            return UNCHANGED
        if incoming.version_key() > current.version_key():
            save(pack, incoming)
            return UPDATED
        return KEPT if _keep_in_history(pack, incoming, current.modified_at) else UNCHANGED


def delete(pack: Pack, uid: str) -> None:
    """Mark a note deleted (kept, so an undo or a later merge can bring it back)."""
    with pack.transaction():
        if pack.db.execute("UPDATE annotation SET deleted = 1 WHERE uid = ?", (uid,)).rowcount == 0:
            raise NotesError(f"{pack.path}: no note with id {uid}")


def get(pack: Pack, uid: str, *, include_deleted: bool = False) -> Annotation | None:
    deleted = "" if include_deleted else "AND deleted = 0"
    row = pack.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM annotation WHERE uid = ? {deleted}",
                          (uid,)).fetchone()
    return _annotation(row) if row else None


def find(pack: Pack, prefix: str) -> Annotation:
    """The one note whose id starts with ``prefix`` (as ``notes list`` shows it)."""
    prefix = prefix.strip().lower()
    rows = []
    if re.fullmatch(r"[0-9a-f-]{1,36}", prefix):
        rows = pack.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM annotation WHERE deleted = 0 AND uid LIKE ? "
                               "ORDER BY uid LIMIT 6", (prefix + "%",)).fetchall()
    if not rows:
        raise NotesError(f"{pack.path.name}: no note with id {prefix or '(empty)'}")
    if len(rows) > 1:
        raise NotesError(f"{pack.path.name}: id {prefix} fits several notes "
                         f"({', '.join(r[0][:8] for r in rows[:5])}); give more of the id")
    return _annotation(rows[0])


def all_notes(pack: Pack, *, include_private: bool = True) -> list[Annotation]:
    """Notes in the order they were written; private ones only when asked for."""
    where = "deleted = 0" + ("" if include_private else " AND visibility = 'shared'")
    rows = pack.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM annotation WHERE {where} ORDER BY created_at, uid")
    return [_annotation(row) for row in rows]


def history(pack: Pack, uid: str) -> list[dict]:
    """Earlier versions of a note, in the order they were replaced."""
    rows = pack.db.execute("SELECT snapshot FROM annotation_history WHERE uid = ? ORDER BY id", (uid,))
    return [json.loads(r[0]) for r in rows]


def replace_if(pack: Pack, uid: str, before: Annotation | None, after: Annotation | None, *,
               force: bool = False) -> None:
    """Compare and set: put ``after`` (None: deleted) where the note ``uid`` still reads as
    ``before`` (None: absent or deleted), so an edit or undo never silently writes over a change
    made in another window or process since. Raises :class:`NoteChanged` otherwise, unless ``force``."""
    with pack.transaction():
        current = get(pack, uid)
        if not force and (current and current.snapshot()) != (before and before.snapshot()):
            raise NoteChanged(f"{pack.path.name}: the note was changed in another window since it was read")
        if after is not None:
            save(pack, after)
        elif current is not None:
            delete(pack, uid)
