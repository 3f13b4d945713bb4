"""Text shown to people, cut short at a word with an ellipsis, so a quoted cell, a title or a
message never ends mid-word ("Figures in £ thous"). Only for what is read: a label, key or name
that identifies something is kept whole wherever it is stored or compared."""

from __future__ import annotations

ELLIPSIS = "…"
_DANGLING = " \t\n,;:.-–—(/&"   # a mark left hanging before the ellipsis reads badly


def shortened(text: str, most: int) -> str:
    """``text`` in at most ``most`` characters: whole where it fits; else cut after the last whole
    word that fits with "…" after it, or, where that would drop more than half of the room (one long
    word, a URL), within the word."""
    if len(text) <= most:
        return text
    room = max(most - 1, 0)
    head = text[:room]
    if not text[room].isspace():
        space = max(head.rfind(" "), head.rfind("\n"), head.rfind("\t"))
        head = head[:space] if space >= room // 2 else head
    return head.rstrip(_DANGLING) + ELLIPSIS if head.strip(_DANGLING) else text[:room] + ELLIPSIS
