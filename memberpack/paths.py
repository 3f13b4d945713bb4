"""What a path names when it is no regular file, said alike for every kind of file memberpack opens, and
whether its name is text a pack can keep."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def not_a_file(path: Path, kind: str) -> str:
    """Why ``path`` cannot be opened as a ``kind`` (``pack file``, ``spreadsheet file``): a folder,
    a link going round in a loop or to nothing, a device or pipe (which could be read for ever), or
    nothing there. The reason alone, to follow the path."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a link that leads round in a loop, not a file"
        if path.is_symlink():
            return f"is a link to {os.readlink(path)}, which does not exist"
        return f"no such {kind}"
    return f"is a folder, not a {kind}" if stat.S_ISDIR(mode) else f"is a device or pipe, not a {kind}"


def utf8_name(path: Path) -> bool:
    """Whether ``path`` is UTF-8 text, not a name in other bytes (Latin-1, as a Windows zip leaves
    them), which Python holds as lone surrogates that neither SQLite nor calamine take."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
