"""Text from the pack as the HTML briefing writes it: escaped, and with any bidi control it opens
closed at its own end (:func:`~memberpack.model.bidi.closed_bidi`), so a label, a name or a note
cannot reorder the words the page writes after it."""

from __future__ import annotations

import html

from memberpack.model.bidi import closed_bidi


def escape(text: str) -> str:
    """``text`` as HTML character data or an attribute's value, its bidi controls closed."""
    return html.escape(closed_bidi(text))
