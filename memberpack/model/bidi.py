"""Text from a workbook or a note closed against the bidi controls it opens: a right-to-left
override (U+202E) left open in a row label or an author's name reversed everything written after it
in the same line of the HTML briefing ("Cllr ‮Smith · 08/12/2026 · on Placements" read backwards).
Each embedding or override is closed with U+202C and each isolate with U+2069 at the end of its own
text, so it can reorder nothing beyond it; the text itself is kept as written."""

from __future__ import annotations

import re

_EMBEDDINGS = "\u202a\u202b\u202d\u202e"   # LRE, RLE, LRO, RLO: closed by PDF (U+202C)
_ISOLATES = "\u2066\u2067\u2068"           # LRI, RLI, FSI: closed by PDI (U+2069)
_POP_EMBEDDING, _POP_ISOLATE = "\u202c", "\u2069"
_CONTROLS = re.compile(f"[{_EMBEDDINGS}{_ISOLATES}{_POP_EMBEDDING}{_POP_ISOLATE}]")


def closed_bidi(text: str) -> str:
    """``text`` with a closer after it for every bidi embedding, override or isolate it leaves open,
    innermost first (as the Unicode bidi algorithm pairs them: a PDI closes its isolate and whatever
    was opened inside it; a PDF closes only an embedding opened since the last isolate)."""
    if not _CONTROLS.search(text):
        return text
    opened: list[str] = []
    for mark in _CONTROLS.findall(text):
        if mark in _EMBEDDINGS or mark in _ISOLATES:
            opened.append(mark)
        elif mark == _POP_EMBEDDING:
            if opened and opened[-1] in _EMBEDDINGS:
                opened.pop()
        elif any(m in _ISOLATES for m in opened):
            while opened.pop() not in _ISOLATES:
                pass
    return text + "".join(_POP_ISOLATE if m in _ISOLATES else _POP_EMBEDDING for m in reversed(opened))
