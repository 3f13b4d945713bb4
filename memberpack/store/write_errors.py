"""What a failed write to a pack means, in words an officer can act on.

SQLite reports a full disk, a read-only file system and a lock held by another writer as error
codes, and a full disk often surfaces later as "cannot rollback - no transaction is active"
(SQLite has already rolled back): the codes are turned into the words here, once.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

WAIT_FOR_WRITER = 8.0   # seconds a second writer waits for the first before it is refused

_WORDS = {
    sqlite3.SQLITE_FULL: "the disk is full",
    sqlite3.SQLITE_READONLY: "the pack cannot be written (the file or its folder is read-only)",
    sqlite3.SQLITE_BUSY: "another memberpack is writing to this pack; try again when it has finished",
    sqlite3.SQLITE_LOCKED: "another memberpack is writing to this pack; try again when it has finished",
    sqlite3.SQLITE_IOERR: "the disk could not be written (input/output error)",
    sqlite3.SQLITE_CANTOPEN: "the pack file or its folder cannot be opened for writing",
    sqlite3.SQLITE_CORRUPT: "the pack is damaged (database disk image is malformed)",
    sqlite3.SQLITE_NOTADB: "not a memberpack pack file",
    sqlite3.SQLITE_PERM: "permission to write the pack was refused",
}


def _code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def busy(exc: sqlite3.Error) -> bool:
    return _code(exc) in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


def described(exc: sqlite3.Error) -> str:
    """The words for ``exc``; SQLite's own message where it has no better ones."""
    code = _code(exc)
    if code in _WORDS:
        return _WORDS[code]
    text = str(exc)
    if "full" in text:
        return _WORDS[sqlite3.SQLITE_FULL]
    if "readonly" in text or "read-only" in text:
        return _WORDS[sqlite3.SQLITE_READONLY]
    return f"the pack could not be written ({text})"


def remove_hot_journal(path: Path) -> None:
    """Roll back a journal a failed write left behind, so the pack is exactly as it was when the
    command ends rather than when someone next opens it. Opening and reading is enough: SQLite
    rolls back a journal no live writer holds, and leaves alone one that a writer does."""
    journal = path.with_name(path.name + "-journal")
    try:
        if not journal.is_file() or journal.stat().st_size == 0:
            return
        db = sqlite3.connect(path, timeout=WAIT_FOR_WRITER)
        try:
            db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        finally:
            db.close()
    except (OSError, sqlite3.Error):
        pass
