"""The import report: what was read, assumed and skipped, cell by cell.

Printed by ``memberpack import`` (and ``--dry-run``), saved with ``--report FILE.json``, stored
with each dataset, and shown by the import wizard.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

MAX_SKIPPED_LISTED = 1_000
READ, ASSUMED, UNSURE = "read", "read with assumptions", "unsure"


@dataclass(slots=True)
class Skipped:
    cell: str
    reason: str


@dataclass(slots=True)
class TableReport:
    """One table found in a file, and how it was read."""

    sheet: str
    title: str
    cell_range: str
    kind: str
    header_rows: list[int]
    label_column: str
    unit: str | None
    kind_reason: str = ""
    units_row: int | None = None
    period: str | None = None
    layout_source: str = "detected"
    assumptions: list[str] = field(default_factory=list)
    rows_read: int = 0
    cells_read: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    skipped_not_listed: int = 0
    verdict: str = READ
    doubts: list[str] = field(default_factory=list)        # why the table is unsure
    key_columns: list[dict] = field(default_factory=list)  # {"column", "header", "role"}: what identifies a row
    context: dict[str, str] = field(default_factory=dict)  # constant columns: the same on every row
    unit_reason: str = ""
    period_reason: str = ""
    column_codes: dict[str, str] = field(default_factory=dict)   # column letter -> "C1", "3"
    footnotes: dict[str, str] = field(default_factory=dict)      # name or header -> marker stripped from it

    def skip(self, cell: str, reason: str) -> None:
        if len(self.skipped) < MAX_SKIPPED_LISTED:
            self.skipped.append(Skipped(cell, reason))
        else:
            self.skipped_not_listed += 1

    def assume(self, text: str) -> None:
        if len(self.assumptions) < MAX_SKIPPED_LISTED:
            self.assumptions.append(text)

    def doubt(self, text: str) -> None:
        if text not in self.doubts:
            self.doubts.append(text)

    def settle_verdict(self) -> str:
        """*unsure* when anything is doubtful, *read with assumptions* when anything was assumed.
        A layout the officer set or corrected by hand answers the doubts: they stay listed, as assumed."""
        if self.doubts and self.layout_source.startswith(("set by hand", "corrected by hand")):
            self.assumptions += [f"{d} (the layout was set by hand)" for d in self.doubts]
            self.doubts = []
        self.verdict = UNSURE if self.doubts else ASSUMED if self.assumptions else READ
        return self.verdict

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class FileReport:
    """Everything found in one file."""

    file: str
    sha256: str
    tables: list[TableReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    def lines(self) -> list[str]:
        """The report as plain text, for the command line."""
        out = [f"{self.file}: {len(self.tables)} table(s)"]
        out += [f"  note: {w}" for w in self.warnings]
        for t in self.tables:
            units = f", units row {t.units_row}" if t.units_row else ""
            out.append(f"  [{t.sheet}!{t.cell_range}] {t.title or '(untitled)'}")
            out.append(f"    {t.verdict}" + "".join(f"; doubt: {d}" for d in t.doubts))
            out.append(f"    {t.kind} ({t.kind_reason}); header rows {', '.join(map(str, t.header_rows)) or 'none'}"
                       f"{units}; labels in column {t.label_column}; unit {t.unit or 'as written'}; "
                       f"period {t.period or 'not stated'}; layout {t.layout_source}")
            out.append(f"    {t.rows_read} rows, {t.cells_read} cells read")
            out += [f"    assumed: {a}" for a in t.assumptions]
            out += [f"    skipped {s.cell}: {s.reason}" for s in t.skipped]
            if t.skipped_not_listed:
                out.append(f"    skipped {t.skipped_not_listed:,} more cells (not listed)")
        return out
