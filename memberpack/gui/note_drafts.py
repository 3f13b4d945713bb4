"""The note a member is writing but has not yet added, kept beside the app's settings so that closing
the window, opening another pack or the app being killed never loses it: the next time the same pack
is opened, the text is back in the notes panel.

A draft is one small file per pack (named from the pack's id and where it is, so a copy of the pack
elsewhere does not take it), readable by this user only, and for a protected pack sealed with the
pack's own key, so nothing from a protected pack is on disk in the clear. Copies of a pack made for
an output version (a screenshot) have no draft: what a member has not added never shows there.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict
from pathlib import Path

from memberpack import settings
from memberpack.errors import PackError
from memberpack.model.annotations import Target
from memberpack.store.atomic_write import atomic_write
from memberpack.store.pack import Pack
from memberpack.store.protection import Protection, unseal

MOST_BYTES = 1 << 20   # a draft is one note's text: a larger file is not one memberpack wrote


def draft_file(pack: Pack) -> Path | None:
    """Where the note being written on ``pack`` is kept; None for a copy made for an output version."""
    if pack.in_memory and pack.protection is None:   # an output version's copy, or the wizard's
        return None
    uid = pack.meta().get("uid", "")
    name = hashlib.sha256(f"{uid}\n{Path(pack.path).resolve()}".encode()).hexdigest()[:32]
    return settings.config_dir() / "drafts" / f"{name}.draft"


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


def found(path: Path, protection: Protection | None) -> dict | None:
    """The note left unwritten at ``path``: its text, kind, visibility, target (a :class:`Target`) and
    the note it was editing; None when there is none, or the file is not one memberpack wrote."""
    try:
        if path.stat().st_size > MOST_BYTES:
            return None
        data = path.read_bytes()
        if protection is not None:
            data, _ = unseal(path, data, key=protection)
        draft = json.loads(data.decode("utf-8"))
        draft["target"] = Target(**draft["target"])
        if not (isinstance(draft["text"], str) and draft["text"].strip()):
            return None
    except (OSError, PackError, ValueError, TypeError, KeyError):
        return None
    return draft


def drop(path: Path) -> None:
    """The note is in the pack, or was cleared: no draft of it is kept."""
    try:
        os.unlink(path)
    except OSError:
        pass
