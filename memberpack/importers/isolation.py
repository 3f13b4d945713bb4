"""Untrusted files are parsed in a child process, so a reader that aborts, hangs or balloons costs
one line, never the app or the pack.

The readers are native code (calamine, Arrow) fed with files from anywhere: about one randomly
damaged ``.xls`` in 150 makes calamine ask for 134 GB and abort the whole process. Here a reader
runs in a fresh Python process (``python -m memberpack.importers.reader_process``: no fork, which
is unsafe beside Qt's threads, and none of the parent's ``__main__``), with an address-space limit
(``RLIMIT_AS``), a CPU limit and a limit on how long it may stay silent, its own output going
nowhere (a Rust abort prints a long backtrace). It sends back what it reads as it goes, down its
standard output as length-prefixed pickles, figures as column arrays
(:class:`~memberpack.model.blocks.FigureBlock`); a thread here takes them off the pipe into a short
queue, so the parent stores one block while the next is read, both in bounded memory, and polls
for a cancel or a silence on every platform.

A program about to read a file calls :func:`warm_up` early (the command while it opens the pack): a
reader process then loads while it does other work. The command names the files to come, so each
reader is told its file before its job and starts on it at once, the next one
while the one before is read; the app, which reads files now and then, asks for a spare kept
ready after each file. Starting a reader is then off the path of every file.

Limits can be changed with ``MEMBERPACK_READER_MEMORY_MB``, ``MEMBERPACK_READER_TIMEOUT`` (seconds
of silence) and ``MEMBERPACK_READER_CPU`` (seconds).
"""

from __future__ import annotations

import atexit
import os
import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import memberpack
from memberpack import errors
from memberpack.errors import SAVE_AGAIN, Cancelled, ImportFailed
from memberpack.importers.pipe import EARLY, read_message, write_message

MEMORY_MB = 6_144          # address space, not resident memory: numpy and Arrow reserve far more than they use
TIMEOUT = 120.0            # a 1,000,000-row sheet is parsed in under 20 s on an old laptop before its first row
CPU_SECONDS = 1_800
PIPE_BYTES = 1 << 20
READER_FLAG = "--memberpack-reader"   # the bundled app's executable, run as a reader
LOADED = "loaded"          # the child's first message: its readers are imported
_POLL = 0.1
_QUEUED = 16

Send = Callable[[Any], None]


@dataclass(frozen=True, slots=True)
class Failed:
    """The child's own one-line error (the name of a :class:`~memberpack.errors.MemberpackError`)."""

    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class Done:
    pass


@dataclass(frozen=True, slots=True)
class _Ended:
    """The pipe closed, or what came down it could not be read."""


CRASHED = "it crashed"


class ReaderFailed(ImportFailed):
    """The reader of a file crashed, hung or needed more memory than allowed; where it crashed, the
    officer is told what gets round a damaged file."""

    def __init__(self, name: str, why: str, crashed: bool = False) -> None:
        super().__init__(f"{name}: the file could not be read: the reader failed ({why})"
                         + (f"; {SAVE_AGAIN}" if why == CRASHED else ""))
        self.crashed = crashed   # it ended by a crash or short of memory (not a hang or a CPU limit)


def limit(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _limits() -> tuple[float, float]:
    return limit("MEMBERPACK_READER_MEMORY_MB", MEMORY_MB), limit("MEMBERPACK_READER_CPU", CPU_SECONDS)


@dataclass(slots=True)
class _Child:
    process: subprocess.Popen
    env: dict[str, str]
    messages: queue.Queue = field(default_factory=lambda: queue.Queue(_QUEUED))
    ready: bool = False
    told: bool = False   # it has had its early word

    def pump(self) -> None:
        """On its own thread: the child's messages into the queue, then one :class:`_Ended`."""
        try:
            while True:
                self.messages.put(read_message(self.process.stdout))
        except Exception:  # noqa: BLE001 - EOF, or a reply that cannot be read: the child has failed
            self.messages.put(_Ended())

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


_spare: _Child | None = None
_keep_spare = False
_early: list[tuple[str, str, tuple]] = []   # what the readers to come are told early, in turn
_spare_lock = threading.Lock()


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(memberpack.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    env.setdefault("OPENBLAS_NUM_THREADS", "1")   # no linear algebra here: a pool of threads costs 0.1 s to start
    return env


def _start() -> _Child:
    env = _environment()
    command = [sys.executable, READER_FLAG] if getattr(sys, "frozen", False) else \
        [sys.executable, "-m", "memberpack.importers.reader_process"]
    try:
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, env=env)
    except OSError as exc:
        raise ImportFailed(f"the reader could not be started ({exc.strerror or exc})") from None
    _widen(process.stdout.fileno())
    child = _Child(process, env)
    threading.Thread(target=child.pump, name="memberpack-reader-pipe", daemon=True).start()
    return child


def _widen(fd: int) -> None:
    """A 1 MB pipe (Linux) rather than 64 KB: the reader runs a dozen blocks ahead instead of
    waiting for the parent after each, which on a busy machine costs a time slice every time."""
    try:
        import fcntl  # noqa: PLC0415 - POSIX only

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):
        pass


def warm_up(*, keep: bool = False, wait: bool = False, early: Sequence[tuple[str, str, tuple]] = ()) -> None:
    """Start the next file's reader now; with ``keep``, start a spare again after each file (for
    files not chosen yet); with ``wait``, return once it has loaded the readers. ``early`` holds a
    ``(module, function, args)`` for each of the files to come, in turn: each file's reader is
    started as the one before gets its job, and calls it to start on its file before its own job
    arrives (:func:`memberpack.importers.reader.prefetch`)."""
    global _keep_spare, _early  # noqa: PLW0603 - one spare per process
    with _spare_lock:
        _keep_spare, _early = _keep_spare or keep, list(early)
    _spare_ready(wait)


def _spare_ready(wait: bool = False) -> None:
    """A spare reader started, told of its file if one is to come, and loaded if ``wait``."""
    global _spare  # noqa: PLW0603
    with _spare_lock:
        if _spare is None or _spare.process.poll() is not None:
            _spare = _start()
        if _early and not _spare.told:
            _spare.told = True
            try:
                write_message(_spare.process.stdin, (EARLY, *_early.pop(0), _limits()))
            except (OSError, ValueError):
                pass   # the job, sent the same way, says what went wrong
        if wait and not _spare.ready:
            try:
                _spare.ready = _spare.messages.get(timeout=TIMEOUT) == LOADED
            except queue.Empty:
                pass


def forget_early() -> None:
    """The files the readers were told of early are not coming (the import wizard closed unread): a
    spare told of one is stopped (it had been left parsing a file no one would take up, and the
    next wizard found it told already), and no reader to come is told of them."""
    global _spare, _early  # noqa: PLW0603
    with _spare_lock:
        child = _spare if _spare is not None and _spare.told else None
        _early = []
        if child is not None:
            _spare = None
    if child is not None:
        child.stop()


@atexit.register
def _stop_spare() -> None:
    """At exit, a spare reader no file came for is stopped, so the thread reading its pipe ends
    before the interpreter does: left blocked there, it holds the pipe's lock, and Python aborted
    at shutdown ("could not acquire lock ... daemon threads", status 134) or hung."""
    global _spare, _keep_spare, _early  # noqa: PLW0603
    with _spare_lock:
        child, _spare, _keep_spare, _early = _spare, None, False, []
    if child is not None:
        child.stop()


def _take() -> _Child:
    global _spare  # noqa: PLW0603
    with _spare_lock:
        child, _spare = _spare, None
    if child is not None and child.process.poll() is None and child.env == _environment():
        return child
    if child is not None:   # started before the environment changed (a test's settings)
        child.stop()
    return _start()


def run_isolated(target: Callable[..., None], *args: Any, name: str,
                 cancel: Callable[[], bool] | None = None, meanwhile: Callable[[], None] | None = None) -> Iterator[Any]:
    """Run ``target(send, *args)`` in a limited child process and yield everything it sends.

    ``target`` must be importable by name (a module-level function). An error the child raises as a
    :class:`~memberpack.errors.MemberpackError` is raised here as the same class with the same
    message; a crash, a hang, an exhausted memory limit or a reply that cannot be read raises
    :class:`ReaderFailed` naming ``name``. ``cancel`` is asked between messages: the child is
    then stopped and :class:`Cancelled` raised. Leaving the iterator early stops the child too.
    ``meanwhile`` is called once the child has its job, before its first message is awaited.
    """
    child = _take()
    limits = _limits()
    timeout = limit("MEMBERPACK_READER_TIMEOUT", TIMEOUT)
    try:
        try:
            write_message(child.process.stdin, (target, args, limits, name))
            child.process.stdin.close()
        except (OSError, ValueError):
            raise ReaderFailed(name, *_how_it_ended(child.process)) from None
        if _early:   # the next file's reader starts on it now, beside this one
            _spare_ready()
        if meanwhile is not None:
            meanwhile()
        while True:
            message = _next(child, timeout, cancel, name)
            if isinstance(message, Done):
                return
            if isinstance(message, Failed):
                error = getattr(errors, message.kind, None)
                if not (isinstance(error, type) and issubclass(error, errors.MemberpackError)):
                    error = ImportFailed
                raise error(message.message)
            if message != LOADED:
                yield message
    finally:
        child.stop()
        if _keep_spare:   # one not told of its file starts now, not while this file was read: the
            _spare_ready()   # app keeps one for files not picked yet, which would compete for the CPU


def _next(child: _Child, timeout: float, cancel: Callable[[], bool] | None, name: str) -> Any:
    """The child's next message, asking ``cancel`` every tenth of a second while it is quiet."""
    silent = 0.0
    while True:
        if cancel is not None and cancel():
            raise Cancelled()
        try:
            message = child.messages.get(timeout=_POLL)
        except queue.Empty:
            silent += _POLL
            if silent >= timeout:
                raise ReaderFailed(name, f"it gave nothing for {timeout:g} s and was stopped") from None
            continue
        if isinstance(message, _Ended):
            raise ReaderFailed(name, *_how_it_ended(child.process))
        return message


def _how_it_ended(process: subprocess.Popen) -> tuple[str, bool]:
    """Why the reader ended, and whether it crashed (or ran short of memory)."""
    try:
        code = process.wait(1)
    except subprocess.TimeoutExpired:
        return "it stopped answering", False
    if code < 0:
        import signal  # noqa: PLC0415

        if -code == signal.SIGXCPU:
            return "it took too long", False
        if -code == signal.SIGKILL:
            return "it was stopped, perhaps short of memory", True
        return CRASHED, True
    if code == 3:   # Windows' abort()
        return CRASHED, True
    return f"it stopped with exit status {code}", False
