"""Text from packs and workbooks printed to a terminal with its control and bidi characters shown
as escapes, so a note cannot move the cursor, retitle the window or reverse a line's reading order."""

from __future__ import annotations

import io
import re
import sys
from typing import TextIO

from memberpack.errors import MemberpackError

# C0 and C1 controls (not newline or tab, which lay out the command's own output), DEL, and the
# Unicode bidi embeddings, overrides, isolates and marks.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


_LINE_BREAKS = re.compile("[\n\t]")


def escaped(text: str, *, one_line: bool = False) -> str:
    """``text`` with unsafe characters written as escapes (``\\x1b``, ``\\u202e``); with
    ``one_line``, newlines and tabs too (an error message is one line)."""
    text = _UNSAFE.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)
    return _LINE_BREAKS.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text) if one_line else text


def _cannot_write(exc: OSError) -> MemberpackError:
    return MemberpackError(f"the output cannot be written ({exc.strerror or exc})")


class EscapingWriter(io.TextIOBase):
    """A stream that escapes what is written to it before passing it on."""

    def __init__(self, inner: TextIO) -> None:
        super().__init__()
        self.inner = inner

    def write(self, text: str) -> int:
        try:
            self.inner.write(escaped(text))
        except BrokenPipeError:   # the reader has stopped (`| head`): the command says nothing more
            raise
        except OSError as exc:   # a full disk under `> file`
            raise _cannot_write(exc) from None
        return len(text)

    def flush(self) -> None:
        try:
            self.inner.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise _cannot_write(exc) from None

    def isatty(self) -> bool:
        return self.inner.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.inner, "encoding", "utf-8")


def progress_line(done: int, total: int, message: str) -> None:
    """Long work's progress, on one line of a terminal only; scripts and tests see just the result."""
    if sys.stderr.isatty():
        print(f"\r{escaped(message, one_line=True)} ({min(done, total) * 100 // max(total, 1)}%)\033[K", end="",
              file=sys.stderr, flush=True)


def clear_progress() -> None:
    """The progress line wiped, for what the command prints next."""
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr, flush=True)
