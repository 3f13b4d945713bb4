"""The one error hierarchy; messages are written for the officer who reads them."""


class MemberpackError(Exception):
    """A problem the user can act on; shown as one line, never as a traceback."""


class PackError(MemberpackError):
    """The pack file cannot be opened or written."""


class ImportFailed(MemberpackError):
    """A file could not be imported; the pack is left exactly as it was."""


class NotesError(MemberpackError):
    """A notes file or annotation request is not valid."""


class Cancelled(MemberpackError):
    """Long work was cancelled by the user; nothing was written."""

    def __init__(self, message: str = "Cancelled; nothing was changed.") -> None:
        super().__init__(message)


class NoteChanged(NotesError):
    """A note was changed (or deleted) by another window or copy since it was read."""
