"""The reader's child process (see :mod:`memberpack.importers.isolation`).

Started as ``python -m memberpack.importers.reader_process`` (in the bundled app, as the app's own
executable with ``--memberpack-reader``, see ``resources/packaging/launcher.py``): it keeps its
standard output for its messages and sends everything else written there or to stderr nowhere,
loads the readers and says so, meanwhile waiting on stdin for one job ``(target, args, limits, file
name)``, which may follow an early word about it (``(EARLY, module, function, args, limits)``, see
:mod:`.pipe`: a function to call at once, which starts calamine on the file while the readers load);
sets its limits, runs ``target(send, *args)`` and sends each message, then its one error or ``Done``.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading

_FIRST_WORD = 0.05   # seconds the loading waits for an early word about the file


def _set_limits(memory_mb: float, cpu_seconds: float) -> None:
    try:
        import resource  # noqa: PLC0415 - POSIX only

        memory = int(memory_mb * (1 << 20))
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        resource.setrlimit(resource.RLIMIT_CPU, (int(cpu_seconds), int(cpu_seconds) + 5))
    except (ImportError, ValueError, OSError):
        pass


def _failed(name: str, exc: BaseException):
    """A reader's failure as the officer reads it: its kind, or what to correct when it is known (a
    failure a careful reading gets round is sent as ``ReadAgain``, for the importer to read again)."""
    from memberpack.errors import DAMAGED  # noqa: PLC0415
    from memberpack.importers.isolation import Failed, ReaderFailed  # noqa: PLC0415
    from memberpack.importers.reader import is_bad_date  # noqa: PLC0415

    if is_bad_date(exc):
        return Failed("ReadAgain", str(ReaderFailed(name, "a cell formatted as a date or time holds a number no "
                                                          "date can be made of; correct it in Excel")))
    if type(exc).__name__ == "PanicException":   # calamine gave up on the file's structure
        return Failed("ImportFailed", f"{name}: {DAMAGED}")
    return Failed("ImportFailed", str(ReaderFailed(name, type(exc).__name__)))


def _load_readers(send, told: threading.Event) -> None:
    """The readers, loaded before the job arrives (a spare waits loaded), then ``LOADED`` said; a
    moment after the parent was told, so that an early word is acted on first."""
    told.wait(_FIRST_WORD)
    import memberpack.importers.engine  # noqa: F401, PLC0415
    import memberpack.importers.open_statistics  # noqa: F401, PLC0415
    import memberpack.importers.reader  # noqa: F401, PLC0415
    import memberpack.importers.tables  # noqa: F401, PLC0415
    from memberpack.importers.isolation import LOADED  # noqa: PLC0415

    send(LOADED)


class _WithoutPandas:
    """Arrow imports pandas at its first conversion of an open-statistics file, only to ask whether
    it was given pandas objects; the reader gives it none, and Arrow takes an ImportError for
    "none installed": 0.16 s and 25 MB the reader need not load."""

    @staticmethod
    def find_spec(name: str, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError(f"{name} is not loaded in memberpack's reader process")
        return None


def main() -> None:
    sys.meta_path.insert(0, _WithoutPandas)
    results = os.fdopen(os.dup(1), "wb")
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)

    from memberpack.importers import safety  # noqa: PLC0415 - light, first
    from memberpack.importers.pipe import EARLY, read_message, write_message  # noqa: PLC0415

    sending = threading.Lock()
    ended = False

    def send(message) -> None:
        with sending:
            if not ended:
                write_message(results, message)

    def refuse(message: str) -> None:
        """A scan beside the reading found the file hostile: say so, and end before the reading does."""
        from memberpack.importers.isolation import Failed  # noqa: PLC0415

        send(Failed("ImportFailed", message))
        os._exit(1)

    safety.refuse_beside = refuse

    # Loading takes a fifth of a second; meanwhile an early word about the file (its path) lets the
    # reader start on it, calamine parsing beside the loading.
    told = threading.Event()
    loading = threading.Thread(target=_load_readers, args=(send, told), name="memberpack-load")
    loading.start()
    try:
        job = read_message(sys.stdin.buffer)
        if type(job) is tuple and job[:1] == (EARLY,):
            _, module, function, args, limits = job
            _set_limits(*limits)
            getattr(importlib.import_module(module), function)(*args)
            told.set()
            job = read_message(sys.stdin.buffer)
        target, args, (memory_mb, cpu_seconds), name = job
    except (EOFError, OSError):
        return   # the parent went away, or needed no spare after all
    except Exception as exc:  # noqa: BLE001 - a job this process cannot load
        loading.join()
        from memberpack.importers.isolation import Failed  # noqa: PLC0415

        send(Failed("ImportFailed", f"the reader could not start its work ({type(exc).__name__})"))
        return
    finally:
        loading.join()
    from memberpack import errors  # noqa: PLC0415
    from memberpack.importers.isolation import Done, Failed, ReaderFailed  # noqa: PLC0415

    _set_limits(memory_mb, cpu_seconds)
    try:
        target(send, *args)
        safety.scanned()
    except errors.MemberpackError as exc:
        message = Failed(type(exc).__name__, str(exc))
    except MemoryError:
        message = Failed("ImportFailed", str(ReaderFailed(name, f"it needed more than {memory_mb:,.0f} MB")))
    except BaseException as exc:  # noqa: BLE001 - a reader's failure is the file's, told in one line
        message = _failed(name, exc)
    else:
        message = Done()
    try:
        send(message)
    except (OSError, ValueError):
        pass
    with sending:   # a scan still beside a failed reading says nothing after its one error
        ended = True


if __name__ == "__main__":
    main()
