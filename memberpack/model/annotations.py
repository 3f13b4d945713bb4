"""Notes, questions for officers and concerns, tied to the figure they are about.

Notes travel between members' copies of a pack, so every version of a note can be ordered
without a clock in common: the later ``modified_at`` wins, and two versions written in the same
second are ordered by a hash of their content, so every copy picks the same one.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timedelta, timezone

from memberpack.model.values import MAX_FIGURE, in_range

PACK, DATASET, METRIC, OBSERVATION, CHART = "pack", "dataset", "metric", "observation", "chart"
TARGET_TYPES = (PACK, DATASET, METRIC, OBSERVATION, CHART)
NOTE, QUESTION, CONCERN = "note", "question", "concern"
KINDS = (NOTE, QUESTION, CONCERN)
KIND_TITLES = {NOTE: "Note", QUESTION: "Question for officers", CONCERN: "Concern"}
PRIVATE, SHARED = "private", "shared"
VISIBILITIES = (PRIVATE, SHARED)
OPEN, ANSWERED = "open", "answered"
STATUSES = (OPEN, ANSWERED)

# One set of limits, checked wherever a note is written (``notes add``, the app, an answer) and
# wherever one comes in (``notes merge``), so a note one accepts the other never refuses.
MAX_TEXT = 20_000                      # characters in a body, answer, author or target field
MAX_NOTES = 50_000                     # notes in one notes file
MAX_FILE_BYTES = MAX_NOTES * 2_560     # 128 MB: 10,000 ordinary notes take about 6.6 MB
EARLIEST = datetime(1970, 1, 1, tzinfo=timezone.utc)
FUTURE_SLACK = timedelta(days=1)       # clocks of members' laptops disagree, but not by more
_TEXT_FIELDS = ("body", "answer", "author")
_TARGET_TEXT = ("dataset_key", "metric_id", "label", "section", "measure", "period", "display", "chart_id")


def new_uid() -> str:
    """A note's id, unique across every member's copy of the pack."""
    import uuid  # noqa: PLC0415 - uuid loads the platform module: not on the app's start path

    return str(uuid.uuid4())


def now_iso() -> str:
    """The current UTC time, to the second, as stored in the pack."""
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def parse_time(text: str) -> datetime:
    """A stored or imported ISO time as an aware UTC datetime (times without a zone are UTC).

    Raises ValueError for text that is not an ISO time, or one outside the years a datetime holds
    (year 1 with an offset east of UTC).
    """
    moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith("Z") else text)  # "Z": Python 3.10
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:
        raise ValueError(f"{text!r} is outside the years a date can hold") from None


def time_problem(text: object) -> str | None:
    """Why ``text`` cannot be a note's timestamp (not ISO, before 1970, more than a day ahead), or None."""
    if not isinstance(text, str):
        return "must be an ISO date and time"
    try:
        moment = parse_time(text)
    except ValueError:
        return "must be an ISO date and time"
    if moment < EARLIEST:
        return "is before 1970"
    if moment > datetime.now(timezone.utc) + FUTURE_SLACK:
        return "is more than a day in the future"
    return None


def value_problem(value: object) -> str | None:
    """Why ``value`` cannot be a note's figure (the figure's value, in base units, when it was written):
    not a number, or beyond what a pack holds (an integer of 400 digits, 1e308); None when it can."""
    if value is None or (type(value) in (int, float) and in_range(value)):
        return None
    return f"target value must be a number of at most {MAX_FIGURE:.0e} either way, or null"


def text_problem(text: object) -> str | None:
    """Why ``text`` cannot be a note's text (too long, not valid Unicode), or None."""
    if not isinstance(text, str):
        return "must be text"
    if len(text) > MAX_TEXT:
        return f"must be text of at most {MAX_TEXT:,} characters (it has {len(text):,})"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "holds characters that are not valid Unicode (a lone surrogate)"
    return None


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
    uid: str = field(default_factory=new_uid)
    created_at: str = field(default_factory=now_iso)
    modified_at: str = field(default_factory=now_iso)

    def edited(self, **changes: object) -> Annotation:
        """A new version of this note, stamped strictly later than this one so it always wins a merge."""
        stamp = parse_time(now_iso())
        previous = parse_time(self.modified_at)
        if stamp <= previous:
            try:
                stamp = previous + timedelta(seconds=1)
            except OverflowError:   # stored before timestamps were checked: 9999-12-31T23:59:59
                pass
        return replace(self, **changes, modified_at=stamp.isoformat())

    def problem(self) -> str | None:
        """Why this note cannot be stored or shared (``body is more than ...``), or None when it can."""
        for name in _TEXT_FIELDS:
            value = getattr(self, name)
            if value is not None and (why := text_problem(value)):
                return f"{name} {why}"
        if not self.body.strip():
            return "body is empty"
        for name in _TARGET_TEXT:
            value = getattr(self.target, name)
            if value is not None and (why := text_problem(value)):
                return f"target {name} {why}"
        if why := value_problem(self.target.value):
            return why
        for name in ("created_at", "modified_at"):
            if why := time_problem(getattr(self, name)):
                return f"{name} {why}"
        return None

    def snapshot(self) -> str:
        """This version as canonical JSON: what history keeps and what the content hash is of."""
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)

    def version_key(self) -> tuple[datetime, str]:
        """Orders versions of one note: later modification first, then content hash (ties)."""
        import hashlib  # noqa: PLC0415 - OpenSSL loads only when two versions of a note meet

        return parse_time(self.modified_at), hashlib.sha256(self.snapshot().encode("utf-8")).hexdigest()
