"""Long work off the GUI thread: the only module that starts threads.

A job is a plain function ``fn(progress, cancel)`` from the core (import, export). It runs on a
one-thread pool, so pack writes happen one at a time; it never touches a widget. Its outcome
comes back to the GUI thread as signals (connect them, then call ``start``): ``progressed``, then exactly one of ``succeeded``,
``failed`` (a one-line message) or ``cancelled``. Cancelling sets a flag the core's ``cancel()``
callback reads; the core then raises :class:`~memberpack.errors.Cancelled` and writes nothing.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from memberpack.errors import Cancelled, MemberpackError

JobFunction = Callable[[Callable[[int, int, str], None], Callable[[], bool]], Any]


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
        # The job keeps its runnable: a temporary one may be collected before the pool runs it.
        self._runnable = _Runnable(self)
        (on or pool()).start(self._runnable)
        return self

    def cancel(self) -> None:
        """Ask the job to stop at its next check; it reports ``cancelled`` when it has."""
        self._cancel.set()

    def _run(self) -> None:
        """Runs on the worker thread; signals cross back to the GUI thread queued."""
        try:
            self._outcome()
        except RuntimeError:  # the job's owner (a window or tab) was closed meanwhile: nobody to tell
            pass

    def _outcome(self) -> None:
        try:
            result = self._fn(self.progressed.emit, self._cancel.is_set)
        except Cancelled as exc:
            self.cancelled.emit(str(exc))
        except MemberpackError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug must not kill the app silently
            traceback.print_exc()
            self.failed.emit(f"Unexpected error: {exc}")
        else:
            self.succeeded.emit(result)
        finally:
            self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, job: Job) -> None:
        super().__init__()
        self._job = job
        self.setAutoDelete(False)

    def run(self) -> None:
        self._job._run()


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

