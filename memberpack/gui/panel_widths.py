"""How wide the panels beside a table are: the tables' list on the left of a domain tab and the
notes on the right. A 1280-pixel window gives them 240 and 300 pixels; a narrower one less, so a
1024-pixel laptop keeps about 600 pixels for the table being read rather than 440. A width the
member chose is kept (the list may be collapsed to nothing), unless it would leave the table no room.
"""

from __future__ import annotations

TABLES_WIDTH, NOTES_WIDTH = 240, 300
SMALLEST_TABLES, SMALLEST_NOTES = 160, 220
NOTES_WIDTHS = (SMALLEST_NOTES, 520)   # a saved notes width outside these (or over 40% of the window) is not kept
ROOM = 850                             # the window width below which the tables' list starts narrower
NOTES_ROOM = 780                       # ... and the notes panel


def tables_width(window_width: int, saved: object = None) -> int:
    """The tables' list width: the member's (0 = collapsed) if it leaves the table room, else the default."""
    width = _saved(saved)
    if 0 <= width <= window_width * 0.35:
        return width
    return min(TABLES_WIDTH, max(SMALLEST_TABLES, window_width - ROOM))


def notes_width(window_width: int, saved: object = None) -> int:
    """The notes panel's width: the member's if it is sensible for this window, else the default."""
    width = _saved(saved)
    low, high = NOTES_WIDTHS
    if low <= width <= min(high, int(window_width * 0.4)):
        return width
    return min(NOTES_WIDTH, max(SMALLEST_NOTES, window_width - NOTES_ROOM))


def _saved(saved: object) -> int:
    """A saved width as a number of pixels; -1 where none was saved, or it is not a number."""
    try:
        return int(saved)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return -1
