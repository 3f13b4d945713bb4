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
import os
import stat
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from memberpack.analysis.output_version import PUBLIC, output_pack
from memberpack.errors import NotesError, PackError
from memberpack.paths import not_a_file
from memberpack.model.annotations import (
    KINDS, MAX_FILE_BYTES, MAX_NOTES, STATUSES, TARGET_TYPES, VISIBILITIES, Annotation, Target, parse_time,
    text_problem, time_problem, value_problem)
from memberpack.store import annotation_store, classification
from memberpack.store.atomic_write import write_bytes
from memberpack.store.classification import PARAGRAPHS
from memberpack.store.pack import Pack
from memberpack.store.protection import Protection, is_protected, unseal

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


def write_notes_file(pack: Pack, out: str | Path, *, include_private: bool = False, version: str = PUBLIC) -> int:
    """Write the pack's notes (shared only unless ``include_private``; exempt ones only in the full
    ``version``); returns how many. From a protected pack, the file is protected with the same
    passphrase."""
    out = Path(out)
    pack.check_output(out, "notes file")
    identity = pack_identity(pack)
    with output_pack(pack, version, include_private=include_private) as (view, ov):
        notes = annotation_store.all_notes(view, include_private=include_private)
        own = classification.exemptions(view, classification.NOTE)  # travels with the note, so a merge keeps it
    if len(notes) > MAX_NOTES:
        raise NotesError(f"{out.name}: {len(notes):,} notes are more than one notes file carries ({MAX_NOTES:,})")
    document = {"format": FORMAT, "version": VERSION, "output": ov.to_dict(), "pack": identity,
                "notes": [note_dict(n) | ({"exempt": {"paragraph": own[n.uid].paragraph, "reason": own[n.uid].reason}}
                                         if n.uid in own else {}) for n in notes]}
    data = (json.dumps(document, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise NotesError(f"{out.name}: the notes would take {len(data):,} bytes, more than a notes file may "
                         f"({MAX_FILE_BYTES:,}); export the shared notes only, or fewer")
    try:
        write_bytes(out, data if pack.protection is None else pack.protection.seal(data))
    except OSError as exc:
        raise NotesError(f"{out}: cannot write the notes file ({exc.strerror or exc})") from None
    return len(notes)


@dataclass(slots=True)
class NotesFile:
    """A notes file read and checked: the pack it belongs to and its notes."""

    path: Path
    pack: dict[str, str]
    notes: list[Annotation] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)    # "note 3: body must be text of ..."
    exempt: dict[str, tuple[int, str]] = field(default_factory=dict)  # note uid -> (paragraph, reason)


def _bounded_bytes(path: Path) -> bytes:
    """The file's bytes, refusing a folder, a pipe or a device (which could be waited on for ever) and
    a file larger than :data:`MAX_FILE_BYTES`, however much it grows while it is read."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    found = os.fstat(fd)
    if not stat.S_ISREG(found.st_mode):
        os.close(fd)
        raise NotesError(f"{path}: {not_a_file(path, 'notes file')}")
    size = found.st_size
    with open(fd, "rb") as fh:
        data = fh.read(MAX_FILE_BYTES + 1) if size <= MAX_FILE_BYTES else b""
    if size > MAX_FILE_BYTES or len(data) > MAX_FILE_BYTES:
        raise NotesError(f"{path.name}: too large for a notes file (more than {MAX_FILE_BYTES:,} bytes, the limit)")
    return data


def read_notes_file(path: str | Path, protection: Protection | None = None) -> NotesFile:
    """Read and check a notes file in full; any problem is one NotesError naming the file. A
    protected notes file opens with the ``protection`` of the protected pack it came from."""
    path = Path(path)
    try:
        data = _bounded_bytes(path)
        if is_protected(data):
            try:
                data = unseal(path, data, key=protection)[0]
            except PackError as exc:
                raise NotesError(str(exc)) from None
        document = json.loads(data.decode("utf-8"))
    except FileNotFoundError:
        raise NotesError(f"{path}: no such notes file") from None
    except OSError as exc:
        raise NotesError(f"{path}: cannot read the notes file ({exc.strerror})") from None
    except RecursionError:
        raise NotesError(f"{path.name}: not a memberpack notes file: its JSON is nested too deeply to be one") from None
    except ValueError as exc:   # also a number too long to convert (Python's 4,300 digits)
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
            note = _note(item)
            if isinstance(item, dict) and "exempt" in item:  # a note it cannot read as exempt is not merged
                notes_file.exempt[note.uid] = _exemption(item["exempt"])
            notes_file.notes.append(note)
        except _BadNote as exc:
            notes_file.skipped.append(f"note {number}: {exc}")
    return notes_file


def _exemption(mark: object) -> tuple[int, str]:
    if not isinstance(mark, dict) or type(mark.get("paragraph")) is not int or mark["paragraph"] not in PARAGRAPHS \
            or text_problem(mark.get("reason", "")):
        raise _BadNote("exempt must give a paragraph of Schedule 12A from 1 to 7 and a reason as text")
    return mark["paragraph"], mark.get("reason", "")


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
    if why := value_problem(value):
        raise bad(why)
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
    notes_file = read_notes_file(path, pack.protection)
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
        known = classification.exemptions(pack, classification.NOTE)
        for uid, (paragraph, reason) in notes_file.exempt.items():
            if uid not in known:  # a note once exempt stays so; making it public is the clerk's call
                classification.classify(pack, classification.NOTE, uid, paragraph, reason=reason,
                                        by=f"notes file {notes_file.path.name}")
    return summary
