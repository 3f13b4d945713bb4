"""Notes, questions for officers and concerns, tied to the figure they are about."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone

PACK, DATASET, METRIC, OBSERVATION, CHART = "pack", "dataset", "metric", "observation", "chart"
TARGET_TYPES = (PACK, DATASET, METRIC, OBSERVATION, CHART)
NOTE, QUESTION, CONCERN = "note", "question", "concern"
KINDS = (NOTE, QUESTION, CONCERN)
KIND_TITLES = {NOTE: "Note", QUESTION: "Question for officers", CONCERN: "Concern"}
PRIVATE, SHARED = "private", "shared"
OPEN, ANSWERED = "open", "answered"


def now_iso() -> str:
    """The current UTC time, to the second, as stored in the pack."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


@dataclass(frozen=True, slots=True)
class Target:
    """What a note is about. An observation is named by dataset key, label, section, measure and
    period (not by row id) so the note finds its figure again in next month's return; ``value``
    is the figure when the note was written."""

    type: str = PACK
    dataset_key: str | None = None
    metric_id: str | None = None
    label: str | None = None
    section: str | None = None
    measure: str | None = None
    period: str | None = None
    value: float | None = None
    display: str | None = None
    chart_id: str | None = None


@dataclass(slots=True)
class Annotation:
    body: str
    target: Target = field(default_factory=Target)
    kind: str = NOTE
    visibility: str = SHARED
    status: str = OPEN
    answer: str | None = None
    author: str = ""
    uid: str = field(default_factory=lambda: str(uuid.uuid4()))
    created_at: str = field(default_factory=now_iso)
    modified_at: str = field(default_factory=now_iso)
