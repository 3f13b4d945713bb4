"""Reading and writing annotations in a pack. Edits keep the replaced version in history."""

from __future__ import annotations

import json
from dataclasses import asdict

from memberpack.errors import NotesError
from memberpack.model.annotations import Annotation, Target
from memberpack.store.pack import Pack

_TARGET_FIELDS = ("dataset_key", "metric_id", "label", "section", "measure", "period", "value", "display",
                  "chart_id")
_COLUMNS = ("uid", "target_type", *_TARGET_FIELDS, "kind", "visibility", "status", "answer", "body", "author",
            "created_at", "modified_at")


def _row(note: Annotation) -> tuple:
    t = note.target
    return (note.uid, t.type, *(getattr(t, f) for f in _TARGET_FIELDS), note.kind, note.visibility,
            note.status, note.answer, note.body, note.author, note.created_at, note.modified_at)


def _annotation(row: tuple) -> Annotation:
    values = dict(zip(_COLUMNS, row))
    target = Target(type=values.pop("target_type"), **{f: values.pop(f) for f in _TARGET_FIELDS})
    return Annotation(target=target, **values)


def save(pack: Pack, note: Annotation) -> None:
    """Insert ``note``, or replace the stored note of the same uid, keeping the old one in history."""
    with pack.transaction():
        old = get(pack, note.uid, include_deleted=True)
        if old is not None:
            pack.db.execute("INSERT INTO annotation_history(uid, snapshot, replaced_at) VALUES (?, ?, ?)",
                            (note.uid, json.dumps(asdict(old)), note.modified_at))
        pack.db.execute(f"INSERT OR REPLACE INTO annotation({', '.join(_COLUMNS)}, deleted) "
                        f"VALUES ({', '.join('?' * len(_COLUMNS))}, 0)", _row(note))


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


def all_notes(pack: Pack, *, include_private: bool = True) -> list[Annotation]:
    """Notes in the order they were written; private ones only when asked for."""
    where = "deleted = 0" + ("" if include_private else " AND visibility = 'shared'")
    rows = pack.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM annotation WHERE {where} ORDER BY created_at, uid")
    return [_annotation(row) for row in rows]


def history(pack: Pack, uid: str) -> list[dict]:
    """Earlier versions of a note, oldest first."""
    rows = pack.db.execute("SELECT snapshot FROM annotation_history WHERE uid = ? ORDER BY id", (uid,))
    return [json.loads(r[0]) for r in rows]
