"""How one figure reads on screen: as the source showed it, with RAG, A/(F) and arrows spelt out.

Colour is never the only signal (some councillors print in black and white, some are colour
blind): a RAG cell carries a shape and its word, a variance flag keeps its letter.
"""

from __future__ import annotations

from memberpack.model.display import figure_text
from memberpack.model.observation import Observation

RAG_SHAPES = {"red": "▲ Red", "amber": "◆ Amber", "green": "● Green"}
RAG_COLOURS = {"red": "#f4c7c3", "amber": "#fce8b2", "green": "#c9e7cf"}
FLAG_TEXT = {"adverse": "A", "favourable": "(F)"}
FLAG_COLOURS = {"adverse": "#a61b1b", "favourable": "#1b6e34"}
ARROW_TEXT = {"up": "↑", "down": "↓", "level": "→"}


def cell_text(obs: Observation) -> str:
    """The text a councillor sees for ``obs``: RAG, A/(F) and arrows spelt out, figures as
    :func:`~memberpack.model.display.figure_text` prints them (the PDF prints the same)."""
    status = obs.status or ""
    if status in RAG_SHAPES:
        return RAG_SHAPES[status]
    if status in FLAG_TEXT:
        return FLAG_TEXT[status]
    if status in ARROW_TEXT and obs.value is None:
        return ARROW_TEXT[status]
    return figure_text(obs)


def source_text(obs: Observation, source_file: str) -> str:
    """Where a figure came from, for a tooltip: file, sheet and cell."""
    return f"{source_file}, sheet {obs.sheet}, cell {obs.cell}"


def change_text(display: str, previous_display: str | None, change: float | None) -> str:
    """A figure that moved, with the direction and what it was: ``↑ 12.1 (was 10.4)``."""
    arrow = "" if not change else ("↑ " if change > 0 else "↓ ")
    return f"{arrow}{display}" + (f" (was {previous_display})" if previous_display else "")
