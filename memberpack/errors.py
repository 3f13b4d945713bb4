"""The one error hierarchy; messages are written for the officer who reads them.

Every message passes through :func:`one_line`, so a file name with a newline, a control character
or a right-to-left override in it can neither split a message nor forge a second line after it.
"""

import unicodedata

# Line breaks, controls, format characters (bidi overrides, zero-width) and lone surrogates.
_ESCAPED_CATEGORIES = {"Cc", "Cf", "Zl", "Zp", "Cs"}


def one_line(text: str) -> str:
    """``text`` with every character that could break or disguise a line shown as an escape
    (``\\n``, ``\\x1b``, ``\\u202e``)."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or (ch == " ") or unicodedata.category(ch) not in _ESCAPED_CATEGORIES:
            out.append(ch)
        else:
            out.append(ch.encode("unicode_escape", "backslashreplace").decode("ascii")
                       if ord(ch) < 0xD800 or ord(ch) > 0xDFFF else f"\\u{ord(ch):04x}")
    return "".join(out)


SAVE_AGAIN = "open it in Excel, save it again (as .xlsx) and import the saved copy"   # what a damaged file needs
DAMAGED = "the file is damaged or not a workbook that can be read; " + SAVE_AGAIN


class MemberpackError(Exception):
    """A problem the user can act on; shown as one line, never as a traceback."""

    def __init__(self, message: str = "") -> None:
        super().__init__(one_line(str(message)))


class PackError(MemberpackError):
    """The pack file cannot be opened or written."""


class ImportFailed(MemberpackError):
    """A file could not be imported; the pack is left exactly as it was."""


class ReadAgain(ImportFailed):
    """A reader failed on something a careful second reading of the file gets round (a cell formatted
    as a date holding a number no date can be made of): the importer reads the file again with
    ``careful`` (:func:`memberpack.importers.engine.read_tables`), and gives this line if that fails too."""


class UnsureTable(ImportFailed):
    """A table was read with a doubt the officer has not confirmed or corrected; nothing was written."""


class NotesError(MemberpackError):
    """A notes file or annotation request is not valid."""


class Cancelled(MemberpackError):
    """Long work was cancelled by the user; nothing was written."""

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(message)


class NoteChanged(NotesError):
    """A note was changed (or deleted) by another window or copy since it was read."""
