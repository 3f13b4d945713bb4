"""Untrusted files are parsed in a child process, so a reader that aborts, hangs or balloons costs
one line, never the app or the pack.

The readers are native code (calamine, Arrow) fed with files from anywhere: about one randomly
damaged ``.xls`` in 150 makes calamine ask for 134 GB and abort the whole process. Here a reader
runs in a fresh Python process (``python -m memberpack.importers.reader_process``: no fork, which
is unsafe beside Qt's threads, and none of the parent's ``__main__``), with an address-space limit
(``RLIMIT_AS``), a CPU limit and a limit on how long it may stay silent, its own output going
nowhere (a Rust abort prints a long backtrace). It sends back what it reads as it goes, figures as
column arrays (:class:`~memberpack.model.blocks.FigureBlock`), so the parent stores one block while
the next is read and the pipe's small buffer keeps both in bounded memory.

A program that reads files now and then (the app, a command) calls :func:`warm_up` early: a reader
process then loads while it does other work, and after each file a new spare is started for the
next one, so starting a reader is off the path of every file.

Limits can be changed with ``MEMBERPACK_READER_MEMORY_MB``, ``MEMBERPACK_READER_TIMEOUT`` (seconds
of silence) and ``MEMBERPACK_READER_CPU`` (seconds).
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import memberpack
from memberpack import errors
from memberpack.errors import Cancelled, ImportFailed

MEMORY_MB = 6_144          # address space, not resident memory: numpy and Arrow reserve far more than they use
TIMEOUT = 120.0            # a 1,000,000-row sheet is parsed in under 20 s on an old laptop before its first row
CPU_SECONDS = 1_800
_POLL = 0.1
PIPE_BYTES = 1 << 20
READER_FLAG = "--memberpack-reader"   # the bundled app's executable, run as a reader

Send = Callable[[Any], None]


@dataclass(frozen=True, slots=True)
class Failed:
    """The child's own one-line error (the name of a :class:`~memberpack.errors.MemberpackError`)."""

    kind: str
    message: str


@dataclass(frozen=True, slots=True)
class Done:
    pass


class ReaderFailed(ImportFailed):
    """The reader of a file crashed, hung or needed more memory than allowed."""

    def __init__(self, name: str, why: str) -> None:
        super().__init__(f"{name}: the file could not be read: the reader failed ({why})")


def limit(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(slots=True)
class _Child:
    process: subprocess.Popen
    results: Connection
    env: dict[str, str]
    ready: bool = False

    def stop(self) -> None:
        self.results.close()
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


_spare: _Child | None = None
_keep_spare = False
_spare_lock = threading.Lock()


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    root = str(Path(memberpack.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


def _start() -> _Child:
    read_end, write_end = os.pipe()
    _widen(read_end)
    env = _environment()
    try:
        command = [sys.executable, READER_FLAG] if getattr(sys, "frozen", False) else \
            [sys.executable, "-m", "memberpack.importers.reader_process"]
        process = subprocess.Popen([*command, str(write_end)],
                                   stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                   pass_fds=(write_end,), env=env, close_fds=True)
    except OSError as exc:
        os.close(read_end)
        raise ImportFailed(f"the reader could not be started ({exc.strerror or exc})") from None
    finally:
        os.close(write_end)
    return _Child(process, Connection(read_end, writable=False), env)


def _widen(fd: int) -> None:
    """A 1 MB pipe (Linux) rather than 64 KB: the reader runs a dozen blocks ahead instead of
    waiting for the parent after each, which on a busy machine costs a time slice every time."""
    try:
        import fcntl  # noqa: PLC0415 - POSIX only

        fcntl.fcntl(fd, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_BYTES)
    except (ImportError, OSError):
        pass


def warm_up(*, wait: bool = False) -> None:
    """Start the next file's reader now, and a new spare after each file from now on; with
    ``wait``, return once it has loaded the readers."""
    global _spare, _keep_spare  # noqa: PLW0603 - one spare per process
    with _spare_lock:
        _keep_spare = True
        if _spare is None or _spare.process.poll() is not None:
            _spare = _start()
        if wait and _spare.results.poll(TIMEOUT):
            _ready(_spare)


def _ready(child: _Child) -> None:
    """Take the child's "loaded" message off the pipe, at most once."""
    if not child.ready:
        child.ready = True
        try:
            child.results.recv()
        except (EOFError, OSError):
            pass   # it has died: the next read says so


def _take() -> _Child:
    global _spare  # noqa: PLW0603
    with _spare_lock:
        child, _spare = _spare, None
        if _keep_spare:
            _spare = _start()
    if child is not None and child.process.poll() is None and child.env == _environment():
        return child
    if child is not None:   # started before the environment changed (a test's settings)
        child.stop()
    return _start()


def run_isolated(target: Callable[..., None], *args: Any, name: str,
                 cancel: Callable[[], bool] | None = None) -> Iterator[Any]:
    """Run ``target(send, *args)`` in a limited child process and yield everything it sends.

    ``target`` must be importable by name (a module-level function). An error the child raises as a
    :class:`~memberpack.errors.MemberpackError` is raised here as the same class with the same
    message; a crash, a hang, an exhausted memory limit or a reply that cannot be read raises
    :class:`ReaderFailed` naming ``name``. ``cancel`` is asked between messages: the child is
    then stopped and :class:`Cancelled` raised. Leaving the iterator early stops the child too.
    """
    child = _take()
    limits = (limit("MEMBERPACK_READER_MEMORY_MB", MEMORY_MB), limit("MEMBERPACK_READER_CPU", CPU_SECONDS))
    timeout = limit("MEMBERPACK_READER_TIMEOUT", TIMEOUT)
    process, results = child.process, child.results
    try:
        try:
            if not child.ready and results.poll(timeout):
                _ready(child)
            pickle.dump((target, args, limits, name), process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            process.stdin.close()
        except (OSError, ValueError):
            raise ReaderFailed(name, _how_it_ended(process)) from None
        while True:
            silent = 0.0
            while not results.poll(_POLL):
                if cancel is not None and cancel():
                    raise Cancelled()
                silent += _POLL
                if silent >= timeout:
                    raise ReaderFailed(name, f"it gave nothing for {timeout:g} s and was stopped")
            try:
                message = results.recv()
            except (EOFError, OSError, pickle.UnpicklingError, AttributeError, ImportError, MemoryError):
                raise ReaderFailed(name, _how_it_ended(process)) from None
            if isinstance(message, Done):
                return
            if isinstance(message, Failed):
                error = getattr(errors, message.kind, None)
                if not (isinstance(error, type) and issubclass(error, errors.MemberpackError)):
                    error = ImportFailed
                raise error(message.message)
            if cancel is not None and cancel():
                raise Cancelled()
            yield message
    finally:
        child.stop()


def _how_it_ended(process: subprocess.Popen) -> str:
    try:
        code = process.wait(1)
    except subprocess.TimeoutExpired:
        return "it stopped answering"
    if code < 0:
        import signal  # noqa: PLC0415

        if -code == signal.SIGXCPU:
            return "it took too long"
        if -code == signal.SIGKILL:
            return "it was stopped, perhaps short of memory"
        return "it crashed"
    return f"it stopped with exit status {code}"


