"""Lines of a table that are not parts of one whole, so no chart ranks them nor sentence sums them.

A reserve's roll-forward (the balance brought forward, the year's deficit, the balance carried
forward, a safety valve target) holds balances at two dates and the movement between them; treasury
indicators (the authorised limit, the operational boundary, the debt actually held) are limits and a
figure set against them. "Highest for the in-year deficit" or "the authorised limit the largest"
says nothing true of either.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_OPENING = re.compile(r"\bb/?f\b|brought[\s-]+forward|opening\s+balance", re.IGNORECASE)
_CLOSING = re.compile(r"\bc/?f\b|carr(?:y|ied)[\s-]+forward|closing\s+balance", re.IGNORECASE)
_DSG = re.compile(r"\bdsg\b|dedicated\s+schools?\s+grant|high\s+needs|safety\s+valve", re.IGNORECASE)
_TREASURY = (re.compile(r"authori[sz]ed\s+limit", re.IGNORECASE),
             re.compile(r"operational\s+boundary", re.IGNORECASE),
             re.compile(r"\b(?:actual|gross|total)\s+(?:external\s+)?(?:debt|borrowing)\b", re.IGNORECASE),
             re.compile(r"capital\s+financing\s+requirement|liability\s+benchmark", re.IGNORECASE))

ROLL_FORWARD = ("its lines are a balance brought forward, the year's movement and the balance carried forward, "
                "not parts of one whole")
TREASURY = ("its lines are treasury limits and the debt held against them (authorised limit, operational "
            "boundary, actual debt), not parts of one whole")


def is_roll_forward(labels: Iterable[str]) -> bool:
    """Whether the lines hold a balance brought forward and one carried forward."""
    labels = list(labels)
    return any(_OPENING.search(t) for t in labels) and any(_CLOSING.search(t) for t in labels)


def is_treasury(labels: Iterable[str]) -> bool:
    """Whether the lines are two or more kinds of prudential indicator (a limit and the debt held)."""
    return sum(any(p.search(t) for t in labels) for p in _TREASURY) >= 2 if (labels := list(labels)) else False


def unlike_reason(labels: Iterable[str]) -> str | None:
    """Why the lines are no breakdown of one whole (:data:`ROLL_FORWARD`, :data:`TREASURY`), or None."""
    labels = list(labels)
    return ROLL_FORWARD if is_roll_forward(labels) else TREASURY if is_treasury(labels) else None


def roll_forward_title(labels: Iterable[str]) -> str | None:
    """A title for an untitled roll-forward, from its lines: ``DSG reserve position`` where a line
    names the grant, its high needs or a safety valve, else ``Reserve position``; None for other lines."""
    labels = list(labels)
    if not is_roll_forward(labels):
        return None
    return "DSG reserve position" if any(_DSG.search(t) for t in labels) else "Reserve position"
