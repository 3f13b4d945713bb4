"""The note a member is writing but has not yet added, kept beside the app's settings so that closing
the window, opening another pack or the app being killed never loses it: the next time the same pack
is opened, the text is back in the notes panel.

A draft is one small file per pack and window (named from the pack's id and where it is, so a copy of
the pack elsewhere does not take it), readable by this user only, and for a protected pack sealed with
the pack's own key, so nothing from a protected pack is on disk in the clear. Each window showing a
pack holds a lock on its own draft (:func:`claim`), so two windows on one pack, in one app or two, each
keep their own note; a lock dies with its app, so a window opened later takes a draft left unheld, one
holding text first. Copies of a pack made for an output version (a screenshot) have no draft: what a
member has not added never shows there.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from PySide6.QtCore import QLockFile

from memberpack import settings
from memberpack.errors import PackError
from memberpack.model.annotations import PRIVATE, VISIBILITIES, Target
from memberpack.store.atomic_write import atomic_write
from memberpack.store.pack import Pack
from memberpack.store.protection import Protection, unseal

MOST_BYTES = 32 << 20   # the largest draft put back in the editor (a long paste); a larger one is set aside
MOST_WINDOWS = 16      # windows writing on one pack at once, each with its own draft


def draft_file(pack: Pack) -> Path | None:
    """Where the note being written on ``pack`` is kept; None for a copy made for an output version."""
    if pack.in_memory and pack.protection is None:   # an output version's copy, or the wizard's
        return None
    uid = pack.meta().get("uid", "")
    name = hashlib.sha256(f"{uid}\n{Path(pack.path).resolve()}".encode()).hexdigest()[:32]
    return settings.config_dir() / "drafts" / f"{name}.draft"


def claim(pack: Pack) -> tuple[Path | None, QLockFile | None]:
    """A draft of ``pack`` no other window holds, and its lock (held until released): one left holding
    text if any, else a free one. (None, None) for a copy made for an output version; no lock when
    the drafts' folder cannot be made (keeping the draft then says why)."""
    first = draft_file(pack)
    if first is None:
        return None, None
    try:
        first.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        return first, None
    free: tuple[Path, QLockFile] | None = None
    for n in range(MOST_WINDOWS):
        path = first if n == 0 else first.with_name(f"{first.stem}.{n}.draft")
        lock = QLockFile(str(path.with_suffix(".lock")))
        lock.setStaleLockTime(0)   # held as long as its window shows the pack: stale only once its app is gone
        if not lock.tryLock(0):
            continue
        if path.exists():
            if free is not None:
                free[1].unlock()
            return path, lock
        if free is None:
            free = path, lock
        else:
            lock.unlock()
    return free or (None, None)


def keep(path: Path, protection: Protection | None, text: str, kind: str, visibility: str, target: Target,
         editing: str | None) -> None:
    """Keep the note being written at ``path`` (sealed with a protected pack's ``protection``;
    ``editing``: the uid of the note it changes, if any). Raises OSError when it cannot be written."""
    data = json.dumps({"text": text, "kind": kind, "visibility": visibility, "target": asdict(target),
                       "editing": editing}, ensure_ascii=False).encode("utf-8")
    if protection is not None:
        data = protection.seal(data)
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_write(path, mode=0o600) as f:
        f.write(data)


def set_aside(path: Path) -> Path | None:
    """A draft too large to put back in the editor (over :data:`MOST_BYTES`) moved to a name of its
    own beside it, where the next draft kept will not write over it; its new path, or None if there
    was no such draft."""
    try:
        if path.stat().st_size <= MOST_BYTES:
            return None
        aside = path.with_name(f"{path.stem}-too-large-{int(path.stat().st_mtime)}.draft")
        os.replace(path, aside)
    except OSError:
        return None
    return aside


def found(path: Path, protection: Protection | None) -> dict | None:
    """The note left unwritten at ``path``: its text, kind, visibility, target (a :class:`Target`) and
    the note it was editing; None when there is none, or the file is not one memberpack wrote."""
    try:
        data = path.read_bytes()
        if protection is not None:
            data, _ = unseal(path, data, key=protection)
        draft = json.loads(data.decode("utf-8"))
        draft["target"] = Target(**draft["target"])
        if not (isinstance(draft["text"], str) and draft["text"].strip()):
            return None
        for key in ("kind", "editing"):   # (a draft edited by hand, or kept by another version)
            if not isinstance(draft.get(key), str):
                draft[key] = None
        if draft.get("visibility") not in VISIBILITIES:   # not known to be shared: kept private
            draft["visibility"] = PRIVATE
    except (OSError, PackError, ValueError, TypeError, KeyError):
        return None
    return draft


def drop(path: Path) -> None:
    """The note is in the pack, or was cleared: no draft of it is kept."""
    try:
        os.unlink(path)
    except OSError:
        pass
