"""The import report: what was read, assumed and skipped, cell by cell."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


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
    assumptions: list[str] = field(default_factory=list)
    rows_read: int = 0
    cells_read: int = 0
    skipped: list[Skipped] = field(default_factory=list)


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
        out += [f"  warning: {w}" for w in self.warnings]
        for t in self.tables:
            out.append(f"  [{t.sheet}!{t.cell_range}] {t.title or '(untitled)'}: {t.kind}, header rows "
                       f"{', '.join(map(str, t.header_rows))}, labels in column {t.label_column}, "
                       f"unit {t.unit or 'as written'}; {t.rows_read} rows, {t.cells_read} cells read")
            out += [f"    assumed: {a}" for a in t.assumptions]
            out += [f"    skipped {s.cell}: {s.reason}" for s in t.skipped]
        return out
