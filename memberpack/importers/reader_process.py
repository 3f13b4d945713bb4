"""The reader's child process (see :mod:`memberpack.importers.isolation`).

Started as ``python -m memberpack.importers.reader_process FD`` (in the bundled app, as the app's own
executable with ``--memberpack-reader FD``, see ``resources/packaging/launcher.py``): it loads the readers, then waits
on stdin for one job ``(target, args, limits, file name)``, sets its limits, runs ``target(send, *args)`` and
sends each message, then its one error or ``Done``, down the pipe ``FD``.
"""

from __future__ import annotations

import pickle
import sys
from multiprocessing.connection import Connection

import memberpack.importers.engine  # noqa: F401 - loaded before the job arrives (the spare waits loaded)
from memberpack import errors
from memberpack.importers.isolation import Done, Failed, ReaderFailed


def _set_limits(memory_mb: float, cpu_seconds: float) -> None:
    try:
        import resource  # noqa: PLC0415 - POSIX only

        memory = int(memory_mb * (1 << 20))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_seconds), int(cpu_seconds) + 5))
    except (ImportError, ValueError, OSError):
        pass


def main(fd: int) -> None:
    results = Connection(fd, readable=False)
    results.send("loaded")
    try:
        target, args, (memory_mb, cpu_seconds), name = pickle.load(sys.stdin.buffer)
    except (EOFError, OSError):
        return   # the parent went away, or needed no spare after all
    except Exception as exc:  # noqa: BLE001 - a job this process cannot load
        results.send(Failed("ImportFailed", f"the reader could not start its work ({type(exc).__name__})"))
        return
    _set_limits(memory_mb, cpu_seconds)
    try:
        target(results.send, *args)
    except errors.MemberpackError as exc:
        message = Failed(type(exc).__name__, str(exc))
    except MemoryError:
        message = Failed("ImportFailed", str(ReaderFailed(name, f"it needed more than {memory_mb:,.0f} MB")))
    except BaseException as exc:  # noqa: BLE001 - a reader's failure is the file's, told in one line
        message = Failed("ImportFailed", str(ReaderFailed(name, type(exc).__name__)))
    else:
        message = Done()
    try:
        results.send(message)
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    main(int(sys.argv[1]))
