"""The notes file: members' notes carried between copies of one pack as small, readable JSON.

    {"format": "memberpack-notes", "version": 1,
     "pack": {"uid": "...", "title": "...", "committee": "...", "meeting_date": "..."},
     "notes": [{"uid": "...", "kind": "question", "body": "...", "target": {"type": "observation", ...}, ...}]}

A pack's identity is the ``uid`` in its metadata, copied with the file to every member, so a
notes file for another pack is refused. A file is read and checked in full before the pack is
touched, and a merge is one transaction: a refused file leaves the pack byte for byte as it was.
One note that breaks the limits (:mod:`memberpack.model.annotations`) is reported and skipped,
the others merged; the limits on size and count are the export's too, so a file written here merges.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from memberpack.errors import NotesError
from memberpack.model.annotations import (
    KINDS, MAX_FILE_BYTES, MAX_NOTES, STATUSES, TARGET_TYPES, VISIBILITIES, Annotation, Target, parse_time,
    text_problem,
    time_problem)
from memberpack.store import annotation_store
from memberpack.store.pack import Pack

FORMAT = "memberpack-notes"
VERSION = 1
_IDENTITY = ("uid", "title", "committee", "meeting_date")
_TEXT_FIELDS = {"body": True, "author": True, "answer": False}     # name: required
_CHOICES = {"kind": KINDS, "visibility": VISIBILITIES, "status": STATUSES}
_TARGET_TEXT = ("dataset_key", "metric_id", "label", "section", "measure", "period", "display", "chart_id")


def pack_identity(pack: Pack) -> dict[str, str]:
    """The pack's uid and the details a person recognises it by; gives an older pack a uid."""
    meta = pack.meta()
    if not meta.get("uid"):
        meta["uid"] = str(uuid.uuid4())
        pack.set_meta(uid=meta["uid"])  # its own transaction, or the caller's
    return {key: meta.get(key, "") for key in _IDENTITY}


def note_dict(note: Annotation) -> dict:
    """A note as stored in the file: its fields, and only the target fields that are set."""
    data = asdict(note)
    target = {k: v for k, v in data.pop("target").items() if v is not None}
    first = {k: data.pop(k) for k in ("uid", "kind", "visibility", "status", "author", "created_at", "modified_at")}
    return first | {"target": target} | data


def write_notes_file(pack: Pack, out: str | Path, *, include_private: bool = False) -> int:
    """Write the pack's notes (shared only unless ``include_private``); returns how many."""
    out = Path(out)
    identity = pack_identity(pack)
    notes = annotation_store.all_notes(pack, include_private=include_private)
    if len(notes) > MAX_NOTES:
        raise NotesError(f"{out.name}: {len(notes):,} notes are more than one notes file carries ({MAX_NOTES:,})")
    document = {"format": FORMAT, "version": VERSION, "pack": identity, "notes": [note_dict(n) for n in notes]}
    data = (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise NotesError(f"{out.name}: the notes would take {len(data):,} bytes, more than a notes file may "
                         f"({MAX_FILE_BYTES:,}); export the shared notes only, or fewer")
    tmp = out.with_name(out.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise NotesError(f"{out}: cannot write the notes file ({exc.strerror})") from None
    return len(notes)


@dataclass(slots=True)
class NotesFile:
    """A notes file read and checked: the pack it belongs to and its notes."""

    path: Path
    pack: dict[str, str]
    notes: list[Annotation] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)    # "note 3: body must be text of ..."


def read_notes_file(path: str | Path) -> NotesFile:
    """Read and check a notes file in full; any problem is one NotesError naming the file."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise NotesError(f"{path.name}: too large for a notes file ({path.stat().st_size:,} bytes; "
                             f"the limit is {MAX_FILE_BYTES:,})")
        document = json.loads(path.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise NotesError(f"{path}: no such notes file") from None
    except OSError as exc:
        raise NotesError(f"{path}: cannot read the notes file ({exc.strerror})") from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        where = f" (line {exc.lineno})" if isinstance(exc, json.JSONDecodeError) else ""
        raise NotesError(f"{path.name}: not a memberpack notes file: it is not valid JSON text{where}") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise NotesError(f"{path.name}: not a memberpack notes file")
    version = document.get("version")
    if type(version) is not int or version < 1:
        raise NotesError(f"{path.name}: the notes file has no valid version")
    if version > VERSION:
        raise NotesError(f"{path.name}: made by a newer memberpack (notes version {version}, this app reads up "
                         f"to {VERSION}); please update memberpack")
    pack = document.get("pack")
    if not isinstance(pack, dict) or not isinstance(pack.get("uid"), str) or not pack["uid"]:
        raise NotesError(f"{path.name}: the notes file does not say which pack it belongs to")
    if not isinstance(document.get("notes"), list):
        raise NotesError(f"{path.name}: the notes file has no list of notes")
    if len(document["notes"]) > MAX_NOTES:
        raise NotesError(f"{path.name}: {len(document['notes']):,} notes are more than one notes file carries "
                         f"({MAX_NOTES:,})")
    identity = {key: str(pack.get(key, "")) for key in _IDENTITY}
    notes_file = NotesFile(path, identity)
    for number, item in enumerate(document["notes"], start=1):
        try:
            notes_file.notes.append(_note(item))
        except _BadNote as exc:
            notes_file.skipped.append(f"note {number}: {exc}")
    return notes_file


class _BadNote(ValueError):
    """One note of a file that breaks the limits: skipped and reported, the others merged."""


def _note(item: object) -> Annotation:
    """One note of the file, checked field by field."""
    def bad(problem: str) -> _BadNote:
        return _BadNote(problem)

    if not isinstance(item, dict):
        raise bad("is not an object")
    try:
        uid = str(uuid.UUID(item.get("uid") if isinstance(item.get("uid"), str) else ""))
    except ValueError:
        raise bad("has no valid uid") from None
    values: dict = {"uid": uid}
    for name, required in _TEXT_FIELDS.items():
        text = item.get(name)
        if text is None and not required:
            values[name] = None
        elif why := text_problem(text):
            raise bad(f"{name} {why}")
        else:
            values[name] = text
    for name, choices in _CHOICES.items():
        if item.get(name) not in choices:
            raise bad(f"{name} must be one of {', '.join(choices)}")
        values[name] = item[name]
    for name in ("created_at", "modified_at"):
        if why := time_problem(item.get(name)):
            raise bad(f"{name} {why}")
        values[name] = parse_time(item[name]).isoformat()
    note = Annotation(target=_target(item.get("target"), bad), **values)
    if why := note.problem():
        raise bad(why)
    return note


def _target(item: object, bad) -> Target:
    if not isinstance(item, dict) or item.get("type") not in TARGET_TYPES:
        raise bad(f"target must have a type, one of {', '.join(TARGET_TYPES)}")
    values = {}
    for name in _TARGET_TEXT:
        text = item.get(name)
        if text is not None and (why := text_problem(text)):
            raise bad(f"target {name} {why}")
        values[name] = text
    value = item.get("value")
    if value is not None and (type(value) not in (int, float) or value != value or abs(value) == float("inf")):
        raise bad("target value must be a number or null")
    return Target(type=item["type"], value=None if value is None else float(value), **values)


@dataclass(slots=True)
class MergeSummary:
    """How many notes of a merged file were new, newer, older (kept in history) or already known."""

    added: int = 0
    updated: int = 0
    kept: int = 0
    unchanged: int = 0
    skipped: list[str] = field(default_factory=list)

    def line(self, name: str) -> str:
        skipped = f", {len(self.skipped)} skipped (not valid)" if self.skipped else ""
        return (f"{name}: {self.added} new, {self.updated} updated, {self.kept} older version(s) kept in history, "
                f"{self.unchanged} already in the pack{skipped}")


def merge_notes_file(pack: Pack, path: str | Path) -> MergeSummary:
    """Merge a member's notes file into ``pack`` in one transaction; refuses another pack's file."""
    notes_file = read_notes_file(path)
    summary = MergeSummary(skipped=notes_file.skipped)
    with pack.transaction():
        mine = pack_identity(pack)
        if notes_file.pack["uid"] != mine["uid"]:
            theirs = ", ".join(v for k, v in notes_file.pack.items() if k != "uid" and v) or notes_file.pack["uid"]
            raise NotesError(f"{notes_file.path.name}: these notes are for another pack ({theirs}); "
                             "nothing was merged")
        for note in notes_file.notes:
            outcome = annotation_store.merge(pack, note)
            setattr(summary, outcome, getattr(summary, outcome) + 1)
    return summary
