"""Text from a workbook or a note made fit to print: a control character (``\\x01``, a backspace, an
escape) is no valid HTML and no glyph in a PDF, so it is shown as � where it was, never dropped
unseen (tabs, line and page breaks are kept)."""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
SHOWN_FOR_CONTROL = "\ufffd"


def printable(text: str) -> str:
    """``text`` with every control character but whitespace replaced by U+FFFD."""
    return _CONTROL.sub(SHOWN_FOR_CONTROL, text)
