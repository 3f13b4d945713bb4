"""Every write the app makes to its pack goes through :class:`PackWriter`, so none is lost silently.

A write is tried at once, waiting at most a tenth of a second for the pack's lock. If another
window or process (an import) holds it longer, the write is tried again on a worker thread that
waits a little for the lock, so the window never freezes. Whatever goes wrong is said in one line
("The pack is read-only"),
and the caller's ``done`` runs only for a write that happened: the member's text stays in the
editor and no undo entry is made for a write that failed.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from memberpack.errors import MemberpackError, NoteChanged
from memberpack.store.pack import Pack

READ_ONLY = "The pack is read-only"
MOVED = "The pack file was moved, replaced or deleted since it was opened; open it again"
IN_USE = "The pack is being written by another window or an import; try again when it has finished"
DISK_FULL = "The disk is full"
STILL_SAVING = "Still saving the last change; try again"
READ_WAIT_MS = 250   # how long a read on the GUI thread may wait for another writer
TRY_WAIT_MS = 100    # how long a write's first try, on the GUI thread, waits for a reader to finish
LOCK_WAIT_MS = 2000  # how long the worker waits for the lock before saying the pack is in use

Write = Callable[[Pack], Any]


def describe(exc: BaseException) -> str:
    """One line for the member: what stopped the write (the cause, not SQLite's words)."""
    for error in (exc, exc.__cause__, exc.__context__):
        if isinstance(error, sqlite3.Error):
            name = getattr(error, "sqlite_errorname", "") or ""
            text = str(error).lower()
            if name == "SQLITE_READONLY_DBMOVED":
                return MOVED
            if name.startswith("SQLITE_READONLY") or "readonly" in text or "read-only" in text:
                return READ_ONLY
            if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text:
                return IN_USE
            if name.startswith("SQLITE_FULL") or "full" in text:
                return DISK_FULL
            return f"The pack could not be written ({error})"
    return str(exc)


def is_read_only(pack: Pack) -> bool:
    """True when this connection cannot write the pack: a read-only file, folder or connection.

    The probe is an update of no rows: refused on a read-only connection, a no-op otherwise.
    """
    if not (os.access(pack.path, os.W_OK) and os.access(pack.path.parent, os.W_OK)):
        return True
    try:
        pack.db.execute("UPDATE meta SET value = value WHERE 0")
    except sqlite3.Error as exc:
        return describe(exc) in (READ_ONLY, MOVED)
    return False


def _busy_timeout(pack: Pack, ms: int) -> None:
    pack.db.execute(f"PRAGMA busy_timeout = {int(ms)}")


class _Outcome:
    """What a write came to: ``value`` if it happened, else a one-line ``message``."""

    def __init__(self, value: Any = None, message: str | None = None, *, conflict: bool = False,
                 busy: bool = False) -> None:
        self.value, self.message, self.conflict, self.busy = value, message, conflict, busy


def _attempt(pack: Pack, write: Write) -> _Outcome:
    """Run ``write`` inside a transaction begun here, so the wait for the lock is this connection's
    busy timeout (the store's own transaction joins it) and a lock held elsewhere is said at once."""
    try:
        pack.db.execute("BEGIN IMMEDIATE")
        value = write(pack)
        pack.db.execute("COMMIT")
        pack.committed()   # a protected pack is sealed and written again
        return _Outcome(value)
    except NoteChanged as exc:
        return _Outcome(message=str(exc), conflict=True)
    except (sqlite3.Error, MemberpackError) as exc:
        message = describe(exc)
        return _Outcome(message=message, busy=message == IN_USE)
    finally:
        if pack.db.in_transaction:  # a COMMIT refused for a lock leaves the transaction open
            pack.db.execute("ROLLBACK")


class PackWriter(QObject):
    """Runs the app's writes to one pack. ``failed(message)`` carries every write that did not
    happen; ``busy_changed`` is True while a write waits for the lock on the worker thread."""

    failed = Signal(str)
    busy_changed = Signal(bool)
    read_only_found = Signal()

    def __init__(self, pack: Pack, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.lock_wait_ms = LOCK_WAIT_MS
        self.busy = False
        self.pack = pack
        self.read_only = False
        self.moved = False   # read-only because the file was moved or replaced since it was opened
        self.set_pack(pack)

    def set_pack(self, pack: Pack) -> None:
        self.pack = pack
        _busy_timeout(pack, READ_WAIT_MS)
        self.read_only = is_read_only(pack)
        self.moved = False

    def write(self, write: Write, done: Callable[[Any], None] | None = None, *,
              failed: Callable[[str, bool], None] | None = None) -> bool:
        """Run ``write(pack)``; then ``done(result)`` if it happened, else ``failed(message, conflict)``
        (``conflict``: the note was changed elsewhere since it was read). False if it has already
        failed; True if it happened or is waiting for the lock."""
        if self.busy:
            self._failed(STILL_SAVING, False, failed)
            return False
        _busy_timeout(self.pack, TRY_WAIT_MS)
        try:
            outcome = _attempt(self.pack, write)
        finally:
            _busy_timeout(self.pack, READ_WAIT_MS)
        if outcome.busy:
            self._wait_for_lock(write, done, failed)
            return True
        return self._finish(outcome, done, failed)

    def _wait_for_lock(self, write: Write, done, failed) -> None:
        from memberpack.gui.workers import Job, pool  # noqa: PLC0415 - a thread only when a lock is met

        pack, wait = self.pack, self.lock_wait_ms

        def wait_then_write(_progress, _cancel) -> _Outcome:
            _busy_timeout(pack, wait)
            try:
                return _attempt(pack, write)
            finally:
                _busy_timeout(pack, READ_WAIT_MS)

        self._job = Job(wait_then_write, self)
        self._job.succeeded.connect(lambda outcome: self._waited(outcome, done, failed))
        self._set_busy(True)
        self._job.start(pool("writes"))

    def _waited(self, outcome: _Outcome, done, failed) -> None:
        self._set_busy(False)
        self._finish(outcome, done, failed)

    def _finish(self, outcome: _Outcome, done, failed) -> bool:
        if outcome.message is None:
            if done is not None:
                done(outcome.value)
            return True
        if outcome.message in (READ_ONLY, MOVED) and not self.read_only:
            self.read_only, self.moved = True, outcome.message == MOVED
            self.read_only_found.emit()
        self._failed(outcome.message, outcome.conflict, failed)
        return False

    def _failed(self, message: str, conflict: bool, failed) -> None:
        if failed is not None:
            failed(message, conflict)
        if not conflict:  # the caller asks the member what to do about a conflict
            self.failed.emit(message)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)
