"""Notes, questions for officers and concerns, tied to the figure they are about.

Notes travel between members' copies of a pack, so every version of a note can be ordered
without a clock in common: the later ``modified_at`` wins, and two versions written in the same
second are ordered by a hash of their content, so every copy picks the same one.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta, timezone

PACK, DATASET, METRIC, OBSERVATION, CHART = "pack", "dataset", "metric", "observation", "chart"
TARGET_TYPES = (PACK, DATASET, METRIC, OBSERVATION, CHART)
NOTE, QUESTION, CONCERN = "note", "question", "concern"
KINDS = (NOTE, QUESTION, CONCERN)
KIND_TITLES = {NOTE: "Note", QUESTION: "Question for officers", CONCERN: "Concern"}
PRIVATE, SHARED = "private", "shared"
VISIBILITIES = (PRIVATE, SHARED)
OPEN, ANSWERED = "open", "answered"
STATUSES = (OPEN, ANSWERED)


def now_iso() -> str:
    """The current UTC time, to the second, as stored in the pack."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def parse_time(text: str) -> datetime:
    """A stored or imported ISO time as an aware UTC datetime (times without a zone are UTC).

    Raises ValueError for text that is not an ISO time.
    """
    moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)  # "Z": Python 3.10
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


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

    def describe(self) -> str:
        """The target as a member would name it: ``External Placements · Month 6 Variance £m``."""
        if self.type == OBSERVATION:
            return " · ".join(p for p in (self.section, self.label, self.measure) if p)
        if self.type == DATASET:
            return f"table {self.dataset_key}"
        if self.type == METRIC:
            return f"measure {self.metric_id}"
        if self.type == CHART:
            return f"chart {self.chart_id}"
        return "the whole pack"


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

    def edited(self, **changes: object) -> Annotation:
        """A new version of this note, stamped strictly later than this one so it always wins a merge."""
        stamp = parse_time(now_iso())
        previous = parse_time(self.modified_at)
        if stamp <= previous:
            stamp = previous + timedelta(seconds=1)
        return replace(self, **changes, modified_at=stamp.isoformat())

    def snapshot(self) -> str:
        """This version as canonical JSON: what history keeps and what the content hash is of."""
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)

    def version_key(self) -> tuple[datetime, str]:
        """Orders versions of one note: later modification first, then content hash (ties)."""
        return parse_time(self.modified_at), hashlib.sha256(self.snapshot().encode("utf-8")).hexdigest()
