"""The import report: per table, how it was read (verdict, range, headers, keys, unit, period,
rows and figures), then what was assumed, then what was skipped.

Printed by ``memberpack import`` (and ``--dry-run``), saved with ``--report FILE.json``, stored
with each dataset, and shown by the import wizard. Skipped cells are kept compactly as they are
reported and given back as rectangular runs with one reason each (``P4:AP5, 28 cells: value with
no row label``), so a sheet with thousands of skipped cells still gives a report one can read.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, fields

from memberpack.importers.cells import a1, column_index
from memberpack.model.display import counted

READ, ASSUMED, UNSURE = "read", "read with assumptions", "unsure"
PERIOD_CLEARED = "cleared by hand"   # the period_reason of a table the officer said states no period
# What a doubt is about, which says what answers it: the layout (header rows, label and key columns, the
# table's rows), answered by a layout the officer set or corrected; the unit, by a unit given by hand;
# the period, by a period set by hand; percentages that may be fractions, by the officer's word on them
# (before reading: table_reader); the figures themselves (a share of a whole over 100), by nothing but the
# officer accepting them.
LAYOUT_DOUBT, UNIT_DOUBT, PERIOD_DOUBT = "layout", "unit", "period"
FRACTIONS_DOUBT, FIGURES_DOUBT = "fractions", "figures"
MAX_ASSUMPTIONS = 1_000
MAX_SKIPPED_CELLS = 1_000_000   # kept per table to make runs from; beyond this they are only counted
MAX_RUNS_LISTED = 1_000         # runs in the JSON report and the pack; the text shows fewer
RUNS_SHOWN_PER_REASON = 8       # runs printed per reason before "N more runs" (the JSON lists them all)
HEADINGS_SHOWN = 8              # section headings printed before "and N more"
_LETTERS = re.compile(r"[A-Z]{1,3}")
_COLUMNS: dict[str, int] = {}    # column letters seen, and their index
_STRIDE = 1 << 15               # more columns than a sheet can have: row * _STRIDE + column sorts by row
_THREE_LETTERS = 18_278         # columns A to ZZZ: those _code reads back


@dataclass(frozen=True, slots=True)
class SkippedRun:
    """Skipped cells with the same reason inside one rectangle of the sheet (``range``); ``count``
    is how many of its cells were skipped (the others were blank, or skipped for another reason)."""

    range: str
    count: int
    reason: str

    def text(self) -> str:
        cells = f", {self.count:,} cells" if self.count > 1 else ""
        return f"{self.range}{cells}: {self.reason}"


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
    verdict: str = ""             # "read", "read with assumptions" or "unsure", once the table is read
    doubts: list[str] = field(default_factory=list)          # why it is unsure
    fractions_doubted: dict[str, float] = field(default_factory=dict)   # percentages that may be fractions, a figure of each
    key_columns: list[dict] = field(default_factory=list)    # {"column", "header", "role"} each
    context: dict[str, str] = field(default_factory=dict)    # columns with one value for every row
    unit_reason: str = ""
    period_reason: str = ""
    assumptions: list[str] = field(default_factory=list)
    section_headings: list[list] = field(default_factory=list)   # [row, label] each, also among assumptions
    rows_read: int = 0
    cells_read: int = 0
    skipped_not_listed: int = 0
    column_codes: dict[str, str] = field(default_factory=dict)   # column letter -> "C1", "3"
    footnotes: dict[str, str] = field(default_factory=dict)      # name or header -> marker stripped from it
    notes: list[str] = field(default_factory=list)   # notes under the title ("Source: H-CLIC, figures are provisional")
    warnings: list[str] = field(default_factory=list)   # "warning: ..." of the table, and of its file or sheet
    _about: dict[str, str] = field(default_factory=dict, repr=False)     # doubt -> what it is about (LAYOUT_DOUBT ...)
    _answered: dict[str, str] = field(default_factory=dict, repr=False)  # LAYOUT_DOUBT ... -> how the officer answered it
    _skipped: dict[str, array] = field(default_factory=dict, repr=False)   # reason -> row * _STRIDE + col
    _skipped_odd: list[tuple[str, str]] = field(default_factory=list, repr=False)  # cells not in A1 style
    _count: int = field(default=0, repr=False)
    _runs: list[SkippedRun] | None = field(default=None, repr=False)

    def skip(self, cell: str, reason: str) -> None:
        """Record a cell (A1 reference) left out of the table, and why."""
        self._skip(_code(cell), cell, reason)

    def skip_at(self, r: int, c: int, reason: str) -> None:
        """:meth:`skip` the cell at 0-based row ``r``, column ``c``, its reference not written out
        and read back (a table's rows may each leave a dozen cells out)."""
        if r >= 0 and 0 <= c < _THREE_LETTERS:
            self._skip(r * _STRIDE + c, None, reason)
        else:
            self.skip(a1(r, c), reason)

    def unskip_at(self, r: int, columns: list[int], reason: str) -> None:
        """Take back :meth:`skip_at` of row ``r``'s cells in ``columns`` (a row read after all)."""
        codes = {r * _STRIDE + c for c in columns if r >= 0 and 0 <= c < _THREE_LETTERS}
        cells = self._skipped.get(reason)
        if not codes or not cells:
            return
        kept = [code for code in cells if code not in codes]
        self._count -= len(cells) - len(kept)
        self._runs = None
        if kept:
            self._skipped[reason] = array("q", kept)
        else:
            del self._skipped[reason]

    def _skip(self, code: int | None, cell: str | None, reason: str) -> None:
        self._runs = None
        if self._count >= MAX_SKIPPED_CELLS:
            self.skipped_not_listed += 1
            return
        self._count += 1
        cells = self._skipped.get(reason)
        if code is None:
            self._skipped_odd.append((cell, reason))
        elif cells is None:
            self._skipped[reason] = array("q", (code,))
        else:
            cells.append(code)

    def assume(self, text: str) -> None:
        if len(self.assumptions) < MAX_ASSUMPTIONS:
            self.assumptions.append(text)

    def doubt(self, text: str, about: str = FIGURES_DOUBT) -> None:
        """Record why the table is unsure, and what the doubt is about (:data:`LAYOUT_DOUBT`,
        :data:`UNIT_DOUBT`, :data:`PERIOD_DOUBT`, :data:`FRACTIONS_DOUBT` or :data:`FIGURES_DOUBT`):
        which of the officer's corrections answers it."""
        if text not in self.doubts:
            self.doubts.append(text)
            self._about[text] = about

    def doubt_about(self, text: str) -> str:
        """What the doubt ``text`` is about (:data:`FIGURES_DOUBT` for one not recorded here)."""
        return self._about.get(text, FIGURES_DOUBT)

    def answer(self, about: str, how: str) -> None:
        """Record that the officer's corrections answer the doubts about ``about`` (``how``: ``the unit
        was set by hand``)."""
        self._answered[about] = how

    def settle_verdict(self) -> str:
        """*unsure* when anything is doubtful, *read with assumptions* when anything was assumed.
        A doubt the officer's corrections answer (:meth:`answer`) stays listed, as assumed; one they do
        not answer (the figures themselves, a unit when only the layout was corrected) stays a doubt."""
        answered = [d for d in self.doubts if self.doubt_about(d) in self._answered]
        for d in answered:
            if (assumed := f"{d} ({self._answered[self.doubt_about(d)]})") not in self.assumptions:
                self.assume(assumed)
        self.doubts = [d for d in self.doubts if d not in answered]
        self.verdict = UNSURE if self.doubts else ASSUMED if self.assumptions else READ
        return self.verdict

    def section_heading(self, row: int, label: str) -> None:
        """Record the assumption that a row (1-based) with a label and no figures heads a section;
        the printed report lists them all on one line."""
        if len(self.section_headings) < MAX_ASSUMPTIONS:
            self.section_headings.append([row, label])
        self.assume(f"row {row} ({label!r}) is a section heading")

    def not_a_heading(self, row: int, label: str) -> None:
        """Take back :meth:`section_heading` of a row found to head no rows."""
        self.section_headings.remove([row, label])
        if (assumed := f"row {row} ({label!r}) is a section heading") in self.assumptions:
            self.assumptions.remove(assumed)

    @property
    def skipped(self) -> list[SkippedRun]:
        """The skipped cells as runs: rectangles of one reason, in the order of their first cell."""
        if self._runs is None:
            runs = sorted(run for reason, cells in self._skipped.items() for run in _runs(reason, cells))
            self._runs = [run for *_, run in runs] + [SkippedRun(c, 1, reason) for c, reason in self._skipped_odd]
        return list(self._runs)

    def skipped_cells(self) -> list[tuple[str, str]]:
        """Every skipped cell and its reason, in sheet order (for checking a report cell by cell)."""
        cells = sorted((code, reason) for reason, codes in self._skipped.items() for code in codes)
        return [(a1(*divmod(code, _STRIDE)), reason) for code, reason in cells] + self._skipped_odd

    def to_dict(self) -> dict:
        out = {f.name: _plain(getattr(self, f.name)) for f in fields(self) if not f.name.startswith("_")}
        runs = self.skipped
        out["skipped"] = [{"range": r.range, "count": r.count, "reason": r.reason} for r in runs[:MAX_RUNS_LISTED]]
        out["skipped_not_listed"] = self.skipped_not_listed + sum(r.count for r in runs[MAX_RUNS_LISTED:])
        return out

    def lines(self, above: Collection[str] = (), kind_name: Callable[[str], str] = str) -> list[str]:
        """The table's part of the printed report; its warnings among ``above`` (the file's, printed
        before it) are counted in the verdict, the others listed under it. ``kind_name`` names the
        layout kind (the command line shows its id, which ``--kind`` takes)."""
        out = [f"  [{self.sheet}!{self.cell_range}] {self.title or '(untitled)'}"]
        if self.verdict:
            count = f" ({len(self.assumptions)} listed below)" if self.assumptions and not self.doubts else ""
            if self.warnings:
                where = "above" if all(w in above for w in self.warnings) else "below"
                count += f", but with {counted(len(self.warnings), 'warning')} ({where})"
            out.append(f"    {self.verdict}{count}")
        out += [f"    {w}" for w in self.warnings if w not in above]
        out += [f"    doubt: {d}" for d in self.doubts]
        units = f", units row {self.units_row}" if self.units_row else ""
        label = next((c for c in self.key_columns if c.get("role") == "label"), None)
        named = f" ({label['header']})" if label and label.get("header") else ""
        out.append(f"    header rows {', '.join(map(str, self.header_rows)) or 'none'}{units}; labels in column "
                   f"{self.label_column}{named}; {_keys([c for c in self.key_columns if c is not label])}")
        unit_reason = self.unit_reason or (f"units row {self.units_row}" if self.unit and self.units_row else "")
        period_reason = self.period_reason if self.period or self.period_reason == PERIOD_CLEARED else ""
        out.append(f"    unit {self.unit or 'as written'}{_why(unit_reason)}; "
                   f"period {self.period or 'not stated'}{_why(period_reason)}")
        kind = f"{kind_name(self.kind)} ({self.kind_reason})" if self.kind_reason else kind_name(self.kind)
        out.append(f"    {counted(self.rows_read, 'row')}, {counted(self.cells_read, 'figure')} read; {kind}, "
                   f"layout {self.layout_source}")
        out += [f"    the table's note: {n}" for n in self.notes]
        if self.context:
            out.append("    the same on every row: " + "; ".join(f"{k}: {v}" for k, v in self.context.items()))
        headings = {f"row {row} ({label!r}) is a section heading" for row, label in self.section_headings}
        if headings:
            out.append(f"    assumed section heading{'s' if len(headings) > 1 else ''}: {_headings(self.section_headings)}")
        out += [f"    assumed: {a}" for a in self.assumptions if a not in headings]
        out += _skipped_lines(self.skipped)
        if self.skipped_not_listed:
            out.append(f"    skipped {self.skipped_not_listed:,} more cells (not placed)")
        return out


@dataclass(slots=True)
class FileReport:
    """Everything found in one file."""

    file: str
    sha256: str
    tables: list[TableReport] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)   # what the readers noticed: notes, and "warning: ..."

    def to_dict(self) -> dict:
        return {"file": self.file, "sha256": self.sha256, "tables": [t.to_dict() for t in self.tables],
                "warnings": list(self.warnings)}

    def lines(self, kind_name: Callable[[str], str] = str) -> list[str]:
        """The report as plain text, for the command line and the import wizard (which names the
        layout kinds with ``kind_name``)."""
        out = [f"{self.file}: {len(self.tables)} table{'' if len(self.tables) == 1 else 's'}"]
        out += [f"  {_note(w)}" for w in self.warnings]
        for table in self.tables:
            out += table.lines(above=self.warnings, kind_name=kind_name)
        return out

    def settle_warnings(self) -> list[TableReport]:
        """Give each table the file's warnings that concern it (a sheet's, to that sheet's tables;
        the others, such as characters the decoding had to mend, to every table), so its verdict
        says so; returns the tables that gained one."""
        changed = []
        for table in self.tables:
            concern = [w for w in self.warnings if w.startswith("warning: ") and w not in table.warnings
                       and (not w.startswith("warning: sheet ") or f"sheet {table.sheet!r}" in w)]
            if concern:
                table.warnings += concern
                changed.append(table)
        return changed


def _code(cell: str) -> int | None:
    """An A1 reference as ``row * _STRIDE + column`` (0-based), or None when it is not one."""
    letters = cell.rstrip("0123456789")
    col = _COLUMNS.get(letters)
    if col is None:
        if not _LETTERS.fullmatch(letters):
            return None
        col = _COLUMNS[letters] = column_index(letters)
    digits = cell[len(letters):]
    if not digits or digits[0] == "0":
        return None
    return (int(digits) - 1) * _STRIDE + col


def _note(text: str) -> str:
    """What a reader noticed about the file, as printed: its warnings (``warning: ...``) as they
    are, anything else as a note."""
    return text if text.startswith("warning: ") else f"note: {text}"


def _plain(value):
    """A field's value as JSON takes it (lists and dicts copied, so the report can go on changing)."""
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _why(reason: str) -> str:
    """Where a unit or period came from (``(from the title)``), or that it was set by hand."""
    if not reason:
        return ""
    return f" ({reason})" if reason.startswith("set ") or reason == PERIOD_CLEARED else f" (from {reason})"


def _headings(headings: list[list]) -> str:
    """``row 7 'Children & Families', row 19 'Inclusion'``, the first few, then how many more."""
    shown = ", ".join(f"row {row} {label!r}" for row, label in headings[:HEADINGS_SHOWN])
    return shown + (f" and {len(headings) - HEADINGS_SHOWN:,} more" if len(headings) > HEADINGS_SHOWN else "")


def _keys(columns: list[dict]) -> str:
    if not columns:
        return "no key columns"
    return "key columns " + ", ".join(
        f"{c.get('column', '?')} ({c.get('header') or 'no header'}{', ' + c['role'] if c.get('role') else ''})"
        for c in columns)


def _runs(reason: str, cells: array) -> list[tuple[int, int, int, SkippedRun]]:
    """Cells with one reason as rectangles: each row's cells make one segment (gaps are blank or
    read cells), and a segment joins the run above it when it is on the next row and its columns
    overlap or touch the run's. Each run comes after its first row and column, to sort by."""
    runs: list[list[int]] = []    # first row, last row, first column, last column, count
    for row, segment in _row_segments(sorted(cells)):
        first, last, count = segment
        run = runs[-1] if runs else None
        if run is not None and run[1] == row - 1 and first <= run[3] + 1 and last >= run[2] - 1:
            run[1], run[2], run[3], run[4] = row, min(run[2], first), max(run[3], last), run[4] + count
        else:
            runs.append([row, row, first, last, count])
    return [(r0, c0, i, SkippedRun(_range(r0, c0, r1, c1), n, reason)) for i, (r0, r1, c0, c1, n) in enumerate(runs)]


def _row_segments(codes: list[int]):
    """(row, (first column, last column, cells)) for each row of sorted cell codes."""
    row = first = last = count = None
    for code in codes:
        r, c = divmod(code, _STRIDE)
        if r == row:
            if c != last:
                last, count = c, count + 1
            continue
        if row is not None:
            yield row, (first, last, count)
        row, first, last, count = r, c, c, 1
    if row is not None:
        yield row, (first, last, count)


def _range(r0: int, c0: int, r1: int, c1: int) -> str:
    start, end = a1(r0, c0), a1(r1, c1)
    return start if start == end else f"{start}:{end}"


def _skipped_lines(runs: list[SkippedRun]) -> list[str]:
    """A line per run, at most a few per reason; the rest of a reason's runs summed in one line."""
    shown: dict[str, int] = {}
    rest: dict[str, list[int]] = {}
    out = []
    for run in runs:
        if shown.get(run.reason, 0) < RUNS_SHOWN_PER_REASON:
            shown[run.reason] = shown.get(run.reason, 0) + 1
            out.append(f"    skipped {run.text()}")
        else:
            more = rest.setdefault(run.reason, [0, 0])
            more[0], more[1] = more[0] + 1, more[1] + run.count
    out += [f"    skipped {n:,} more runs, {cells:,} cells: {reason}"
            for reason, (n, cells) in rest.items()]
    return out
