"""Text from packs and workbooks written into an HTML briefing: escaped, and with any bidi
embedding, override or isolate it opens closed at its end. A label ending in an unclosed U+202E
(right-to-left override) would otherwise turn round everything after it in the same paragraph:
the figure, date or name beside it."""

from __future__ import annotations

import html

_EMBEDDINGS = "\u202a\u202b\u202d\u202e"   # LRE, RLE, LRO, RLO: closed by PDF (U+202C)
_ISOLATES = "\u2066\u2067\u2068"           # LRI, RLI, FSI: closed by PDI (U+2069)
_CLOSE = {"e": "\u202c", "i": "\u2069"}


def escape(text: str) -> str:
    """``text`` escaped for HTML text or an attribute, its bidi controls closed (:func:`closed`)."""
    return html.escape(closed(text))


def closed(text: str) -> str:
    """``text`` with a closing mark added for each bidi embedding, override or isolate left open, as
    Unicode's bidi algorithm pairs them (a PDI closes what was opened inside its isolate)."""
    if not any("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in text):
        return text
    open_: list[str] = []
    for ch in text:
        if ch in _EMBEDDINGS:
            open_.append("e")
        elif ch in _ISOLATES:
            open_.append("i")
        elif ch == "\u202c" and open_ and open_[-1] == "e":
            open_.pop()
        elif ch == "\u2069" and "i" in open_:
            del open_[len(open_) - 1 - open_[::-1].index("i"):]
    return text + "".join(_CLOSE[kind] for kind in reversed(open_))
