"""Notes written under a table's title (``Source: H-CLIC, figures are provisional``): kept as the
table's notes, not run into its title. A note is a line, or the end of the title's own cell, that
names the figures' source or says they are provisional, estimated or subject to change."""

from __future__ import annotations

import re

_SAYS_OF_FIGURES = (r"(?:figures|data|numbers)\s+(?:are|is)\s+(?:provisional|estimated|unvalidated|subject\b)"
                    r"|provisional\s+(?:figures|data)\s*[,;.:]")
# A line that is a note from its first word ("Source:", "(Source: ...)", "Data source:", "Note:", "Provisional figures, ...")
_NOTE_LINE = re.compile(r"\s*\(?\s*(?:(?:data\s+)?sources?\s*[:\-]|notes?\s*[:\-]|n\.?b\.?\s*[:\-]|please\s+note\b|"
                        rf"{_SAYS_OF_FIGURES})", re.IGNORECASE)
# ... or about the worksheet rather than its figures ("Last updated: 12 December 2024", "Rows 7-10 are
# hidden.", "This worksheet contains 2 tables.", "Produced on a non-IAS19 ... basis unless stated otherwise."),
# or the statistics' designation ("Previously published as 'Experimental Statistics'", "Official Statistics")
_SHEET_LINE = re.compile(r"\s*(?:last\s+(?:updated|revised)\s*[:\-]|(?:rows?|columns?)\s+[\w\s,\-–]{1,20}?\s+(?:are|is)\s+"
                         r"hidden\b|this\s+(?:work)?sheet\s+contains\b|some\s+cells\s+refer\s+to\s+notes\b|"
                         r"produced\s+on\s+an?\b.{0,80}\bbasis\b|previously\s+published\s+as\b|"
                         r"['\"‘“]?(?:experimental|official|national|accredited\s+official)\s+statistics['\"’”]?\s*$)",
                         re.IGNORECASE)
# ... or from what it says anywhere ("H-CLIC data; figures are provisional")
_NOTE_WORDS = re.compile(rf"\b(?:{_SAYS_OF_FIGURES})|\bsource\s*:", re.IGNORECASE)
# Where a note starts within the title's own cell ("Households owed a duty Source: H-CLIC, ...")
_NOTE_START = re.compile(r"\s+(?=\(?\s*(?:(?:data\s+)?sources?\s*:|notes?\s*:|figures\s+are\s+provisional))",
                         re.IGNORECASE)


def is_note_line(text: str) -> bool:
    """Whether a line written under a table's title is a note on its figures, not more of the title."""
    return bool(_NOTE_LINE.match(text) or _SHEET_LINE.match(text) or _NOTE_WORDS.search(text))


def title_and_note(text: str) -> tuple[str, str]:
    """A title cell's text split where a note written in the same cell starts: (title, note), the note
    "" where there is none."""
    parts = _NOTE_START.split(text, maxsplit=1)
    if len(parts) == 1 or not parts[0].strip():
        return text, ""
    return parts[0].strip(), parts[1].strip()
