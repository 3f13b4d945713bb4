"""Long work off the GUI thread: the only module that starts threads.

A job is a plain function ``fn(progress, cancel)`` from the core (import, export). It runs on a
one-thread pool, so pack writes happen one at a time; it never touches a widget. Its outcome
comes back to the GUI thread as signals (connect them, then call ``start``): ``progressed``, then exactly one of ``succeeded``,
``failed`` (a one-line message) or ``cancelled``, then ``finished``. Cancelling sets a flag the
core's ``cancel()`` callback reads; the core then raises :class:`~memberpack.errors.Cancelled` and
writes nothing.

A job is a Qt child of the window or tab that starts it, so closing that owner deletes the job,
maybe while its work is still running. The worker thread therefore never touches a job: it hands
each outcome to one relay that lives in the GUI thread as long as the app, and the relay passes it
on there, to the job if it is still alive.
"""

from __future__ import annotations

import itertools
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

from memberpack.errors import Cancelled, MemberpackError

JobFunction = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]
QUIT_WAIT_MS = 15_000   # how long quitting waits for the jobs running then (a pack write finishes)


class Job(QObject):
    """The GUI-thread handle of one background job."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    cancelled = Signal(str)
    finished = Signal()

    def __init__(self, fn: JobFunction, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()

    def start(self, on: QThreadPool | None = None) -> Job:
        """Queue the job on the worker thread, or on the pool ``on`` (connect to its signals first)."""
        relay = _relay()
        key = relay.track(self)
        fn, cancelled = self._fn, self._cancel.is_set
        _running[key] = self._cancel

        def run() -> None:   # on the worker thread: it touches the relay only
            def progress(done: int, total: int, message: str) -> None:
                relay.delivered.emit(key, "progressed", (done, total, message))

            try:
                for name, args in _outcomes(fn, progress, cancelled):
                    relay.delivered.emit(key, name, args)
            except RuntimeError:   # the app is closing (the relay is gone): nobody to tell
                pass
            finally:
                _running.pop(key, None)

        (on or pool()).start(run)
        return self

    def cancel(self) -> None:
        """Ask the job to stop at its next check; it reports ``cancelled`` when it has."""
        self._cancel.set()


def _outcomes(fn: JobFunction, progress: Callable[[int, int, str], None],
              cancelled: Callable[[], bool]) -> Iterator[tuple[str, tuple]]:
    """Run ``fn`` and yield the signals that tell its outcome, ``finished`` last."""
    try:
        result = fn(progress, cancelled)
    except Cancelled as exc:
        yield "cancelled", (str(exc),)
    except MemberpackError as exc:
        yield "failed", (str(exc),)
    except Exception as exc:  # noqa: BLE001 - a bug must not kill the app silently
        if not _quitting:   # a job the quit outlasted fails as the interpreter goes: not a bug to show
            traceback.print_exc()
        yield "failed", (f"Unexpected error: {exc}",)
    else:
        yield "succeeded", (result,)
    yield "finished", ()


class _Relay(QObject):
    """Lives in the GUI thread: takes the outcomes a worker thread emits (queued) and passes each to
    its job there, unless the job was deleted with its owner meanwhile."""

    delivered = Signal(int, str, object)

    def __init__(self) -> None:
        super().__init__()
        self._jobs: dict[int, Job] = {}
        self._keys = itertools.count()
        self.delivered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def track(self, job: Job) -> int:
        """Hold ``job`` until its ``finished`` is delivered; the key the worker names it by."""
        key = next(self._keys)
        self._jobs[key] = job
        return key

    def _deliver(self, key: int, name: str, args: tuple) -> None:
        job = self._jobs.pop(key, None) if name == "finished" else self._jobs.get(key)
        if job is not None and shiboken6.isValid(job):
            getattr(job, name).emit(*args)


_relays: list[_Relay] = []
_running: dict[int, threading.Event] = {}   # the cancel flag of every job started and not yet done
_quitting = False


def _relay() -> _Relay:
    """The app's one relay, made in the GUI thread by the first job started."""
    if not _relays:
        _relays.append(_Relay())
    return _relays[0]


_processes = None
def in_process(fn: Callable[..., Any], *args: Any) -> Any:
    """Run the top-level function ``fn(*args)`` in a child process and wait for its result (call this
    from a job: the worker thread only waits, so the GUI thread keeps Python's lock). For work that
    makes millions of Python objects, such as reading every figure of a 100,000-row table: in a
    thread, it and the freeing of those objects would hold up the window for tenths of a second."""
    global _processes  # noqa: PLW0603 - one child process per app, started on first use
    if _processes is None:
        import atexit  # noqa: PLC0415
        import multiprocessing  # noqa: PLC0415

        # spawned, not forked (a fork of a process running Qt threads is unsafe); a daemon, so the
        # app's exit ends it rather than waiting for it
        _processes = multiprocessing.get_context("spawn").Pool(1)
        atexit.register(_processes.terminate)   # before the interpreter tears down what the pool needs
    return _processes.apply(fn, args)


_pools: dict[str, QThreadPool] = {}


def pool(name: str = "work") -> QThreadPool:
    """The single worker thread all jobs of one kind share: ``work`` (imports, exports) or
    ``writes`` (a note waiting for the pack's lock must not queue behind a long export)."""
    if name not in _pools:
        _pools[name] = QThreadPool()
        _pools[name].setMaxThreadCount(1)
    return _pools[name]


def stop_all(wait_ms: int = QUIT_WAIT_MS) -> None:
    """The app's event loop has ended: cancel every job, drop those not yet started (but not a pack
    write), and wait up to ``wait_ms`` for the ones running. Python does not wait for Qt's threads as
    it shuts down, and a job still running then fails there (a module it imports cannot register
    its exit handler), printing a traceback on a clean quit, or losing a note being written."""
    global _quitting  # noqa: PLW0603 - once, as the app ends
    _quitting = True
    for cancel in list(_running.values()):
        cancel.set()
    for name, threads in _pools.items():
        if name != "writes":
            threads.clear()
    deadline = time.monotonic() + wait_ms / 1000
    for name in sorted(_pools, key=lambda n: n != "writes"):   # the writes first: what a member typed
        _pools[name].waitForDone(max(0, int((deadline - time.monotonic()) * 1000)))
