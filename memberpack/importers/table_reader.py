"""Reading one table, once its layout is known: measures, units, periods, then row by row.

Rows are streamed: at most :data:`ROLE_WINDOW` parsed rows wait for their sub total / total role
(which may depend on rows further down), so memory stays bounded on a million-row sheet.

Benchmark convention: a column whose header names benchmarks or comparators (``National
benchmarking``) keeps each cell's text as written (``England, 53% South West, 53%``) as an
observation with status ``text``; each ``name, figure`` pair in it that parses is stored as an
extra observation with measure ``Benchmark: <name>`` (``Benchmark: England``, 53, ``percent``), the
same row, source cell and period, in an extra column after the table's last one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time
from typing import Any

from memberpack.errors import Cancelled
from memberpack.importers.cells import a1, column_letter
from memberpack.importers.formats import is_percent, render
from memberpack.importers.layout import TableLayout, blank, cell_text, is_units_row
from memberpack.importers.reader import Sheet
from memberpack.importers.report import TableReport
from memberpack.importers.roles import ParsedRow, assign_roles, role_from_words
from memberpack.importers.stream import Peekable
from memberpack.importers.table_ends import TableEnds
from memberpack.model.metrics import CATALOGUE, OTHER_METRIC, match_metric, words
from memberpack.model.observation import DATA, SUBTOTAL, Observation
from memberpack.model.periods import CALENDAR_MONTH, YEAR, Period, parse_period
from memberpack.model.units import NUMBER, PER_10000, PERCENT, Unit, find_unit
from memberpack.model.values import TEXT, CellValue, from_number, parse_text

ROLE_WINDOW = 2_000
PROGRESS_EVERY = 5_000
_BENCHMARK_HEADER = re.compile(r"bench|compar|national|england|neighbour|regional", re.IGNORECASE)
_BENCHMARK = re.compile(r"\s*(?P<name>[A-Za-z][A-Za-z .'&-]*?)\s*[,:]?\s*(?P<num>-?\d[\d,]*(?:\.\d+)?)\s*"
                        r"(?P<unit>%|per\s*10,?000)?\s*")
_NO_PERIOD = re.compile(r"\b(?:from|since|change|movement|direction)\b", re.IGNORECASE)
_YEARISH = re.compile(r"(?:19|20)\d{2}|\d{2}\s*/\s*\d{2}")
_VOCABULARY = frozenset().union(*(keys for m in CATALOGUE for keys in m.keywords))


@dataclass(slots=True)
class Column:
    index: int
    measure: str
    unit: Unit | None
    period: Period | None
    benchmark: bool
    code: str | None = None


def read_value(value: Any, unit: Unit | None, code: str | None) -> CellValue:
    """One calamine or CSV value in base units; ``code`` is its number format, when known."""
    kind = type(value)
    if kind is float or kind is int:
        if code and is_percent(code):
            return from_number(value, percent_format=True, display=render(value, code))
        return from_number(value, unit, display=render(value, code))
    if kind is str:
        return parse_text(value, unit)
    if isinstance(value, (datetime, date)):
        return CellValue(None, None, value.strftime("%d/%m/%Y"), TEXT)
    if isinstance(value, time):
        return CellValue(None, None, value.strftime("%H:%M"), TEXT)
    return parse_text(None if value is None else str(value), unit)


def benchmarks(text: str) -> list[tuple[str, float, str | None]]:
    """``"England, 53% South West, 53%"`` -> [("England", 53.0, "%"), ("South West", 53.0, "%")]."""
    found, pos = [], 0
    while pos < len(text):
        m = _BENCHMARK.match(text, pos)
        if not m or m.end() == pos:
            return []
        found.append((m["name"].strip(), float(m["num"].replace(",", "")), m["unit"]))
        pos = m.end()
    return found


class TableReader:
    """Turns the rows of one table into observations, filling in its :class:`TableReport`."""

    def __init__(self, layout: TableLayout, header: dict[int, list[Any]], sheet: Sheet,
                 context: Period | None, report: TableReport) -> None:
        self.layout, self.sheet, self.report, self.context = layout, sheet, report, context
        self.label_col = layout.label_col
        self.columns = self._columns(header)
        self.header_texts = [c.measure for c in self.columns]
        self.academic = _months_from_september(self.columns)
        self.section: str | None = None
        self.has_headings = False
        self.extra: dict[str, int] = {}
        self.last_row = layout.data_start - 1
        self._metric_cache: dict[tuple[str, str, str | None], str] = {}

    # --- columns ------------------------------------------------------------------------
    def _columns(self, header: dict[int, list[Any]]) -> list[Column]:
        layout = self.layout
        rows = [header.get(h - 1, []) for h in layout.header_rows]
        units_row = header.get(layout.units_row - 1, []) if layout.units_row else []
        table_unit = find_unit(layout.unit) if layout.unit else None
        filled = [_fill_right(row, layout.col_range, self.sheet.merged, h - 1, last=i == len(rows) - 1)
                  for i, (h, row) in enumerate(zip(layout.header_rows, rows))]
        columns, seen = [], set()
        for c in layout.col_range:
            if c <= self.label_col:
                continue
            parts = [f[c] for f in filled if f.get(c)]
            parts = [p for i, p in enumerate(parts) if i == 0 or p != parts[i - 1]]
            measure = " ".join(parts) or f"Column {column_letter(c)}"
            if measure in seen:
                measure = f"{measure} ({column_letter(c)})"
            seen.add(measure)
            unit_text = cell_text(units_row[c]) if c < len(units_row) and not blank(units_row[c]) else ""
            unit = find_unit(unit_text) or find_unit(measure) or table_unit
            period = None if _NO_PERIOD.search(measure) else parse_period(measure)
            code = self.sheet.formats.codes.get((self.layout.data_start, c))
            columns.append(Column(c, measure, unit, period, bool(_BENCHMARK_HEADER.search(measure)), code))
        return columns

    def describe_units(self) -> str | None:
        symbols = list(dict.fromkeys(c.unit.symbol or c.unit.base for c in self.columns if c.unit))
        return ", ".join(symbols) or None

    # --- rows ---------------------------------------------------------------------------
    def observations(self, stream: Peekable, progress=None, cancel=None) -> Iterator[Observation]:
        pending: list[ParsedRow] = []
        ends = TableEnds(self.layout, self.header_texts)
        while (item := stream.peek()) is not None:
            r, row = item
            verdict = ends.verdict(r, row, stream)
            if verdict == "end":
                break
            stream.next()
            if verdict == "blank":
                continue
            if verdict in ("footnote", "header"):
                self.report.skip(a1(r, self.layout.col_range.start),
                                 "footnote row" if verdict == "footnote" else "repeated header row")
                continue
            parsed = self._parse_row(r, row)
            if parsed is not None:
                pending.append(parsed)
                self.last_row = r
            if len(pending) >= ROLE_WINDOW:
                yield from self._settle(pending[:ROLE_WINDOW // 2], final=False)
                del pending[:ROLE_WINDOW // 2]
            if self.report.rows_read % PROGRESS_EVERY == 0 and parsed is not None:
                if cancel is not None and cancel():
                    raise Cancelled()
                if progress is not None:
                    progress(r, max(self.sheet.height, r + 1), f"{self.sheet.name}: row {r + 1:,}")
        yield from self._settle(pending, final=True)

    def _parse_row(self, r: int, row: list[Any]) -> ParsedRow | None:
        label_value = row[self.label_col] if self.label_col < len(row) else None
        values = [(col, row[col.index] if col.index < len(row) else None) for col in self.columns]
        uncached = self.sheet.formats.uncached
        for col, value in values:
            if (r, col.index) in uncached:
                self.report.skip(a1(r, col.index), "formula with no cached value (open and save the workbook "
                                                   "in Excel to calculate it); not guessed")
        if blank(label_value):
            for col, value in values:
                if not blank(value):
                    self.report.skip(a1(r, col.index), "value with no row label")
            return None
        label = cell_text(label_value)
        if all(blank(v) for _, v in values):
            if not any((r, col.index) in uncached for col, _ in values):
                self.section, self.has_headings = label, True
                self.report.assume(f"row {r + 1} ({label!r}) is a section heading")
            return None
        role = role_from_words(label)
        parsed = ParsedRow(r, label, self.section, role, worded=role != DATA)
        if role == SUBTOTAL:
            self.section = None
        row_period = _row_period(label, self.context)
        row_unit, found = None, []
        codes = self.sheet.formats.codes
        for col, value in values:
            if (r, col.index) in uncached:
                continue
            code = codes.get((r, col.index))
            if code is not None and col.code is None:
                col.code = code
            cell = read_value(value, col.unit, code or col.code)
            period = self._period(col, row_period)
            parsed.cells.append((col.index, col.measure, cell, period))
            self.report.cells_read += 1
            if cell.value is not None:
                row_unit = row_unit or cell.unit
                parsed.numbers[col.index] = (cell.value, _step(cell, col.unit))
            elif col.benchmark and cell.status == TEXT:
                found += [(col.index, name, number, unit, cell.display, period)
                          for name, number, unit in benchmarks(cell.display)]
        for c, name, number, unit, display, period in found:
            base = PERCENT if unit == "%" else PER_10000 if unit else row_unit or NUMBER
            parsed.cells.append((c, f"Benchmark: {name}", CellValue(number, base, display), period))
        self.report.rows_read += 1
        return parsed

    def _period(self, col: Column, row_period: Period | None) -> str | None:
        context = row_period or self.context
        period = col.period
        if period is None:
            return context.label() if context else None
        if period.kind == CALENDAR_MONTH and context is not None and context.kind == YEAR and self.academic:
            context = replace(context, academic=True)
        return period.within(context).label()

    def _settle(self, rows: list[ParsedRow], *, final: bool) -> Iterator[Observation]:
        assign_roles(rows, has_headings=self.has_headings, final=final)
        start, label_col, sheet = self.layout.data_start, self.label_col, self.sheet.name
        width = (self.columns[-1].index - label_col + 1) if self.columns else 1
        for parsed in rows:
            for c, measure, cell, period in parsed.cells:
                col = c - label_col
                if measure.startswith("Benchmark: "):
                    col = width + self.extra.setdefault(measure, len(self.extra))
                yield Observation(
                    label=parsed.label, measure=measure, value=cell.value, unit=cell.unit,
                    display=cell.display, status=cell.status, section=parsed.section, period=period, row_role=parsed.role, sheet=sheet,
                    cell=a1(parsed.r, c), row=parsed.r - start, col=col,
                    metric_id=self._metric(parsed.label, measure, cell.unit))

    def _metric(self, label: str, measure: str, unit: str | None) -> str:
        key = (label, measure, unit)
        if key not in self._metric_cache:
            if words(label) & _VOCABULARY or words(measure) & _VOCABULARY:
                self._metric_cache[key] = match_metric(label, measure, unit).id
            else:
                self._metric_cache[key] = OTHER_METRIC.id
            if len(self._metric_cache) > 10_000:
                self._metric_cache.clear()
        return self._metric_cache[key]


def _fill_right(row: list[Any], cols: range, merged, r: int, *, last: bool) -> dict[int, str]:
    """Header texts by column; a top header spans the columns its merge (or, with no merge
    information, the blanks to its right) covers."""
    texts = {c: cell_text(row[c]) for c in cols if c < len(row) and not blank(row[c])}
    if last:
        return texts
    for (r0, c0), (r1, c1) in merged:
        if r0 <= r <= r1 and c0 in texts:
            texts.update({c: texts[c0] for c in range(c0, c1 + 1)})
    if not merged and not is_units_row(row, cols):
        current = None
        for c in cols:
            current = texts.get(c, current)
            if current is not None and c not in texts:
                texts[c] = current
    return texts


def _months_from_september(columns: list[Column]) -> bool:
    months = [c.period.index for c in columns if c.period and c.period.kind == CALENDAR_MONTH]
    return bool(months) and months[0] >= 9


def _row_period(label: str, context: Period | None) -> Period | None:
    if not _YEARISH.search(label):
        return None
    period = parse_period(label)
    return period.within(context) if period else None


def _step(cell: CellValue, unit: Unit | None) -> float:
    """One unit of the last digit shown, in base units."""
    digits = re.search(r"\d(?:[\d,]*)(?:\.(\d+))?", cell.display or "")
    decimals = len(digits.group(1) or "") if digits else 0
    factor = unit.factor if unit is not None and cell.unit == unit.base else 1.0
    if cell.display.rstrip().endswith(("m", "k")):
        factor = abs(cell.value) / max(float(re.sub(r"[^\d.]", "", cell.display) or 1), 1e-12)
    return factor * 10 ** -decimals
