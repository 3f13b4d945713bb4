"""Writing an output file so that a reader never sees half of it and a planted link is never followed.

The new content goes to a fresh temporary file in the target's folder, created exclusively and
without following links (``O_CREAT | O_EXCL | O_NOFOLLOW``, under a random name, so an ``OUT.part``
symlink someone left there is never written through), is flushed to disk, then renamed over the
target: the rename replaces a link at the target itself rather than the file it points to. The
temporary name carries the writer's process id (``.OUT.PID.RANDOM.part``): one a writer killed
outright (``kill -9``, a power cut) left is removed by the next write of that target, as the hidden
file of a pack's creation is (:func:`remove_stale`); a killed save of a protected pack leaves
sealed bytes, but a full-version PDF's is as sensitive as the PDF.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


@contextmanager
def atomic_write(target: str | Path, *, encoding: str | None = None, mode: int = 0o666) -> Iterator[BinaryIO]:
    """A file (binary, or text in ``encoding``) that becomes ``target`` when the block ends without
    an error, and is removed otherwise. OSError (no such folder, no space, read-only) propagates for
    the caller to word."""
    target = Path(target)
    remove_stale(target, (".part",))
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(6).hex()}.part")
    fd = os.open(tmp, _FLAGS, mode)
    try:
        with os.fdopen(fd, "wb") as f:
            if encoding is None:
                yield f
            else:
                text = io.TextIOWrapper(f, encoding=encoding, newline="")
                yield text  # type: ignore[misc]
                text.flush()
                text.detach()
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(target: str | Path, data: bytes) -> None:
    """``data`` as the whole of ``target``, atomically (see :func:`atomic_write`)."""
    with atomic_write(target) as f:
        f.write(data)


def replaces(target: str | Path, existing: str | Path) -> bool:
    """Whether writing ``target`` (a rename onto its name) would put the new file in place of the file
    ``existing`` names: the same name, spelt another way or reached through linked folders, or
    ``existing`` a link to it. (A link at ``target`` is itself replaced, not what it points to.)"""
    target = Path(target)
    where = os.path.join(os.path.realpath(target.parent), target.name)
    return os.path.normcase(where) == os.path.normcase(os.path.realpath(existing))


def remove_stale(target: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """Remove the hidden ``.NAME.PID.*`` files ending in one of ``suffixes`` that a writer of
    ``target`` killed outright left beside it; those of a live process are kept. Returns what was
    removed."""
    prefix = f".{target.name}."
    removed = []
    try:
        entries = [e for e in os.scandir(target.parent) if e.name.startswith(prefix) and e.name.endswith(suffixes)]
    except OSError:
        return removed
    for entry in entries:
        pid = entry.name[len(prefix):].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:   # in use (Windows keeps an open file), or not ours to remove
                pass
    return removed


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs. On Windows a live writer holds its file open, so unlinking
    it fails there anyway: count every process as gone (``os.kill`` would end it)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:   # it exists, owned by someone else
        return True
    return True
