"""One imported figure and the dataset (table) it came from."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from operator import attrgetter

# Layout kinds an importer can detect or be told to use.
BUDGET_MONITOR = "budget_monitor"
KPI_SCORECARD = "kpi_scorecard"
TIME_SERIES = "time_series"
BREAKDOWN = "breakdown"
GENERAL = "general"
LAYOUT_KINDS = (BUDGET_MONITOR, KPI_SCORECARD, TIME_SERIES, BREAKDOWN, GENERAL)
OPEN_STATISTICS = "open_statistics"   # recognised by its columns (importers.open_statistics), not chosen
# Characters in one text of a table (its name, a label, a heading, a cell's text, a sheet's name), as
# Excel allows in a cell: a longer one (a CSV field, an .ods cell or sheet name) is cut at import and
# refused in a pack on opening (a 20 MB table name had taken the PDF export 8 minutes and 2 GB).
MAX_TEXT = 32_767


def cut_text(text: str) -> str:
    """``text`` cut to :data:`MAX_TEXT` characters, its last an ellipsis where it was cut."""
    return text if len(text) <= MAX_TEXT else text[:MAX_TEXT - 1] + "…"

# Row roles: ordinary rows, and the sub total / grand total rows a table adds up to.
DATA, SUBTOTAL, TOTAL = "data", "subtotal", "total"


@dataclass(slots=True)
class Observation:
    """A figure as read: value in base units (None for special values), with its source cell."""

    label: str
    measure: str
    value: float | None
    unit: str | None
    display: str
    status: str | None = None
    section: str | None = None
    period: str | None = None
    row_role: str = DATA
    sheet: str = ""
    cell: str = ""
    row: int = 0          # 0-based row and column within the table, to rebuild its layout
    col: int = 0
    metric_id: str = "other"
    id: int | None = None
    area: str | None = None   # open statistics: the area's key (model.areas.Area.key)

    def __reduce__(self):
        """Pickled as its fields in order: the reader process sends a table's observations down a
        pipe, and this takes half the bytes and half the time of a slotted dataclass's default."""
        return Observation, _OBSERVATION_FIELDS(self)


_OBSERVATION_FIELDS = attrgetter(*(f.name for f in fields(Observation)))


@dataclass(slots=True)
class Dataset:
    """One imported table: where it came from and how it was read.

    ``key`` names the table across monthly returns, so a later import of the same table is a
    new ``version`` of the same dataset.
    """

    name: str
    source_file: str
    sha256: str
    sheet: str
    cell_range: str
    kind: str = GENERAL
    domain: str = "other"
    layout: dict = field(default_factory=dict)
    period: str | None = None
    key: str = ""
    version: int = 1
    imported_at: str = ""
    report: dict = field(default_factory=dict)
    id: int | None = None
