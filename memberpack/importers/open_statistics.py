"""Reading official statistics in the tidy CSV layout of DfE "Explore education statistics".

Each row holds one area (``geographic_level`` with country, region and LA names and codes), one
time period (``time_period`` 2025 or 202223, with ``time_identifier``), the values of the filter
columns and one value per indicator column. Every indicator cell becomes an observation: label =
the area, period = the time period, section = the filter values, measure = the indicator (its
label and unit from ``<name>.meta.csv`` when that file sits beside it); the area's level, codes and
region go with it (:class:`memberpack.model.areas.Area`). Suppression symbols and Excel error
values are kept as statuses, never as 0, and the errors are listed in the import report.

Files can hold hundreds of thousands of rows, so the observations are a stream: the file is read
row by row while the engine writes them, with progress and cancel, and memory stays flat.
"""

from __future__ import annotations

import csv
from collections import Counter
import math
import re
from collections.abc import Callable, Iterator
from operator import itemgetter
from pathlib import Path

from memberpack.errors import Cancelled, ImportFailed
from memberpack.importers.cells import column_letter
from memberpack.importers.csv_reader import detect_encoding
from memberpack.importers.layout import TableLayout, as_heading, shape_key
from memberpack.importers.report import TableReport
from memberpack.importers.tables import FoundTable
from memberpack.model.areas import LOCAL_AUTHORITY, NATIONAL, REGIONAL, Area
from memberpack.model.metrics import match_metric
from memberpack.model.observation import DATA, OPEN_STATISTICS, Observation
from memberpack.model.periods import QUARTER, YEAR, Period, parse_period
from memberpack.model.units import COUNT_UNIT, PERCENTAGE, Unit, find_unit
from memberpack.model.values import TEXT, parse_text

TIME_COLUMNS = ("time_period", "time_identifier")
GEOGRAPHY_COLUMNS = (
    "geographic_level", "country_code", "country_name", "region_code", "region_name", "old_la_code",
    "new_la_code", "la_name", "lad_code", "lad_name", "pcon_code", "pcon_name", "ward_code", "ward_name",
    "lsip_code", "lsip_name", "english_devolved_area_code", "english_devolved_area_name", "opportunity_area_code",
    "opportunity_area_name", "school_urn", "school_laestab", "school_name", "provider_ukprn", "provider_name",
    "trust_id", "trust_name", "sponsor_id", "sponsor_name", "local_enterprise_partnership_code",
    "local_enterprise_partnership_name", "rsc_region_lead_name", "institution_id", "institution_name")
# The most specific name a row of another geographic level (district, constituency, school) carries.
_OTHER_NAMES = ("school_name", "provider_name", "trust_name", "sponsor_name", "institution_name", "ward_name",
                "pcon_name", "lad_name", "lsip_name", "english_devolved_area_name", "opportunity_area_name",
                "local_enterprise_partnership_name", "rsc_region_lead_name", "la_name", "region_name", "country_name")
_LEVELS = {"national": NATIONAL, "regional": REGIONAL, "local authority": LOCAL_AUTHORITY}
_SAMPLE_ROWS = 200         # rows looked at to tell filters from indicators when there is no .meta.csv
_CHECK_EVERY = 2000        # rows between progress and cancel checks
_LISTED_ERRORS = 20
Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


def is_open_statistics(header: list[str]) -> bool:
    names = {h.strip().lower() for h in header}
    return {"time_period", "time_identifier", "geographic_level"} <= names


class _Indicator:
    __slots__ = ("index", "name", "label", "unit", "metric_id", "letter")

    def __init__(self, index: int, name: str, label: str, unit: Unit | None) -> None:
        self.index, self.name, self.label, self.unit = index, name, label, unit
        self.metric_id = match_metric("", label, unit.base if unit else None).id
        self.letter = column_letter(index)


def _read_meta(path: Path) -> dict[str, dict[str, str]] | None:
    """``col_name`` -> its row of ``<name>.meta.csv``, or None when there is no such file."""
    meta = path.with_name(path.name[: -len(path.suffix)] + ".meta.csv")
    if not meta.is_file():
        return None
    with meta.open(encoding=detect_encoding(meta), errors="replace", newline="") as f:
        rows = list(csv.DictReader(f))
    if not rows or "col_name" not in rows[0] or "col_type" not in rows[0]:
        raise ImportFailed(f"{meta.name}: not a metadata file (it needs col_name and col_type columns)")
    return {(r.get("col_name") or "").strip().lower(): {k: (v or "").strip() for k, v in r.items() if k}
            for r in rows}


def _unit_of(name: str, label: str, unit_text: str) -> Unit | None:
    found = find_unit(unit_text) or find_unit(label) or find_unit(name.replace("_", " "))
    if found is None and re.search(r"(^|_)(pct|perc)(_|$)", name.lower()):
        return PERCENTAGE
    if found is None and re.search(r"^(number|num|count|headcount)\b|_(number|count)$", name.lower()):
        return COUNT_UNIT
    return found


def _where(columns: list[str]) -> Callable[[list[str]], tuple[str, str]]:
    """A function from a row to its label and area key, remembering each distinct area."""
    pos = {name: i for i, name in enumerate(columns) if name in GEOGRAPHY_COLUMNS}
    geo = itemgetter(*pos.values())
    seen: dict[tuple[str, ...] | str, tuple[str, str]] = {}

    def get(row: list[str], name: str) -> str:
        return row[pos[name]].strip() if name in pos else ""

    def where(row: list[str]) -> tuple[str, str]:
        key = geo(row)
        found = seen.get(key)
        if found is None:
            written = get(row, "geographic_level")
            level = _LEVELS.get(written.lower(), written.lower())
            if level == NATIONAL:
                area = Area(level, get(row, "country_name") or "England", "", get(row, "country_code"))
            elif level == REGIONAL:
                area = Area(level, get(row, "region_name"), "", get(row, "region_code"), get(row, "region_name"))
            elif level == LOCAL_AUTHORITY:
                area = Area(level, get(row, "la_name"), get(row, "old_la_code"), get(row, "new_la_code"),
                            get(row, "region_name"))
            else:
                area = Area(level, next((get(row, n) for n in _OTHER_NAMES if get(row, n)), written))
            found = seen[key] = (area.name, area.key())
        return found

    return where


class _Stream:
    """One pass over the file's rows, yielding observations and filling the table's report."""

    def __init__(self, path: Path, encoding: str, columns: list[str], indicators: list[_Indicator],
                 filters: list[int], table: TableReport, progress: Progress | None, cancel: Cancel | None) -> None:
        self.path, self.encoding, self.columns = path, encoding, columns
        self.indicators, self.filters, self.table = indicators, filters, table
        self.progress, self.cancel, self.size = progress, cancel, max(path.stat().st_size, 1)

    def __iter__(self) -> Iterator[Observation]:
        table, sheet = self.table, self.path.stem
        table.rows_read = table.cells_read = 0
        errors: list[str] = []      # the first few, for the report
        error_count = 0
        where = _where(self.columns)
        when = itemgetter(self.columns.index("time_period"), self.columns.index("time_identifier"))
        how = itemgetter(*self.filters) if self.filters else (lambda row: ())
        periods: dict[tuple[str, str], str | None] = {}
        sections: dict[tuple[str, ...] | str, str | None] = {}
        specials: dict[tuple[str, Unit | None], tuple[float | None, str | None, str | None]] = {}
        plan = [(col, i.index, i.label, i.unit, i.unit.factor if i.unit else 1.0, i.unit.base if i.unit else None,
                 i.metric_id, i.letter) for col, i in enumerate(self.indicators)]
        width = len(self.columns)
        with self.path.open(encoding=self.encoding, newline="") as f:
            reader = csv.reader(f)
            next(reader, None)
            r, record = -1, 1       # record: the row number a spreadsheet shows (the header is 1)
            try:
                for record, row in enumerate(reader, start=2):
                    if not row:
                        continue
                    r += 1
                    if r % _CHECK_EVERY == 0:
                        self._tick(f.buffer.tell(), r)
                    if len(row) < width:
                        row += [""] * (width - len(row))
                    label, area = where(row)
                    key = when(row)
                    period = periods.get(key, "")
                    if period == "":
                        period = periods[key] = _period(*key)
                    key = how(row)
                    section = sections.get(key, "")
                    if section == "":
                        section = sections[key] = _section(key)
                    line = str(record)
                    for col, index, measure, unit, factor, base, metric_id, letter in plan:
                        text = row[index]
                        try:
                            number = float(text)
                        except ValueError:
                            number = math.nan
                        if number - number == 0:    # a finite number
                            value, unit_name, status = (number if factor == 1.0 else round(number * factor, 6),
                                                        base, None)
                        else:
                            cached = specials.get((text, unit))
                            if cached is None:
                                cell = parse_text(text, unit)
                                cached = (cell.value, cell.unit, cell.status)
                                if cell.status is not None:     # symbols repeat; "1,234" need not be kept
                                    specials[(text, unit)] = cached
                            value, unit_name, status = cached
                            if status is not None and status.startswith("error:"):
                                error_count += 1
                                if len(errors) < _LISTED_ERRORS:
                                    errors.append(f"{letter}{line} {text.strip()}")
                        yield Observation(label, measure, value, unit_name, text, status, section, period, DATA,
                                          sheet, letter + line, r, col, metric_id, None, area)
                    table.rows_read += 1
            except (csv.Error, UnicodeDecodeError) as exc:
                raise ImportFailed(f"{self.path.name}: row {record + 1} cannot be read ({exc})") from None
        table.cells_read = table.rows_read * len(plan)
        table.cell_range = f"A1:{column_letter(width - 1)}{record}"
        seen = sorted((p for p in periods.values() if p), key=lambda p: (parse_period(p) or Period(YEAR)).sort_key())
        table.period = f"{seen[0]} to {seen[-1]}" if len(seen) > 1 else (seen[0] if seen else None)
        self._report_errors(errors, error_count)
        self._tick(self.size, r + 1)

    def _tick(self, done: int, rows: int) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled()
        if self.progress is not None:
            self.progress(done, self.size, f"Reading {self.path.name}: {rows:,} rows")

    def _report_errors(self, errors: list[str], count: int) -> None:
        if errors:
            listed = ", ".join(errors) + (f" and {count - len(errors)} more" if count > len(errors) else "")
            self.table.assume(f"{count} Excel error value(s) read as missing values, with the error as their "
                              f"status: {listed}")


def _section(values: tuple[str, ...] | str) -> str | None:
    """Filter values joined (one filter column gives a plain string)."""
    parts = (values,) if isinstance(values, str) else values
    return " / ".join(v.strip() for v in parts if v.strip()) or None


def _period(time_period: str, identifier: str) -> str | None:
    """``202223`` + ``Academic year`` -> ``2022/23``; quarters, months and terms keep their part."""
    tp, ti = time_period.strip(), identifier.strip()
    base = parse_period(tp, academic="academic" in ti.lower())
    if base is None:
        return tp or None
    quarter = re.search(r"\bQ([1-4])\b", ti, re.IGNORECASE)
    if quarter:
        return Period(QUARTER, base.year, int(quarter.group(1))).label()
    month = parse_period(ti)
    if month is not None and month.kind == "calendar_month":
        return Period(month.kind, base.year, month.index).label()
    if re.search(r"\bterm\b|\bweek\b", ti, re.IGNORECASE):
        return f"{base.label()} {ti}"
    return base.label()


def _classify(path: Path, encoding: str, columns: list[str], meta: dict | None,
              table: TableReport) -> tuple[list[_Indicator], list[int]]:
    """Indicator and filter columns: from the .meta.csv, or from the values of the first rows."""
    rest = [i for i, c in enumerate(columns) if c not in GEOGRAPHY_COLUMNS and c not in TIME_COLUMNS and c]
    indicators: list[_Indicator] = []
    filters: list[int] = []
    if meta is not None:
        for i in rest:
            info = meta.get(columns[i])
            kind = (info or {}).get("col_type", "").lower()
            if kind == "indicator":
                label = info.get("label") or columns[i]
                indicators.append(_Indicator(i, columns[i], label, _unit_of(columns[i], label,
                                                                             info.get("indicator_unit", ""))))
            elif kind == "filter":
                filters.append(i)
            else:
                table.skip(f"{column_letter(i)}1", f"column {columns[i]!r} is not in the .meta.csv")
        return indicators, filters
    with path.open(encoding=encoding, errors="replace", newline="") as f:
        reader = csv.reader(f)
        next(reader, None)
        sample = [row for _, row in zip(range(_SAMPLE_ROWS), reader)]
    for i in rest:
        texts = [row[i] for row in sample if i < len(row) and row[i].strip()]
        if texts and all(parse_text(t).status != TEXT for t in texts):
            indicators.append(_Indicator(i, columns[i], columns[i], _unit_of(columns[i], columns[i], "")))
        else:
            filters.append(i)
    table.assume("no .meta.csv beside the file: columns whose values are all figures or symbols are indicators ("
                 + ", ".join(i.name for i in indicators) + "); the others are filters ("
                 + ", ".join(columns[i] for i in filters) + ")")
    return indicators, filters


def _title(stem: str) -> str:
    """A publication's file name as a heading: ``12_children_looked_after_rates_2017-2020`` ->
    ``Children looked after rates 2017-2020``."""
    return as_heading(re.sub(r"^[\d\s_-]+", "", stem) or stem)


def recognise_open_statistics(path: Path, sheet: str | None = None, *, progress: Progress | None = None,
                              cancel: Cancel | None = None) -> list[FoundTable] | None:
    """The file as one open-statistics table with streamed observations, or None when it is not
    in that layout (``sheet`` does not apply to a CSV)."""
    if path.suffix.lower() != ".csv":
        return None
    encoding = detect_encoding(path)
    with path.open(encoding=encoding, errors="replace", newline="") as f:
        try:
            header = next(csv.reader(f), [])
        except csv.Error:
            return None
    if not is_open_statistics(header):
        return None
    columns = [h.strip().lower() for h in header]
    meta = _read_meta(path)
    name_column = column_letter(columns.index("la_name")) if "la_name" in columns else "A"
    layout = TableLayout(sheet=path.stem, first_row=1, header_rows=(1,), label_column=name_column, first_column="A",
                         last_column=column_letter(len(columns) - 1), kind=OPEN_STATISTICS,
                         kind_reason="time_period, time_identifier and geographic_level columns: DfE open statistics",
                         title=_title(path.stem))
    table = TableReport(sheet=path.stem, title=_title(path.stem), cell_range="", kind=OPEN_STATISTICS, header_rows=[1],
                        label_column=name_column, unit=None, kind_reason=layout.kind_reason)
    if meta is not None:
        table.assume(f"labels and units of the indicators from {path.stem}.meta.csv")
    indicators, filters = _classify(path, encoding, columns, meta, table)
    if not indicators:
        raise ImportFailed(f"{path.name}: an open-statistics file with no indicator columns")
    table.assume("each row is one area and time period; the label is the area (England, the region or the "
                 "authority); the section is the filter values (" + (", ".join(columns[i] for i in filters) or "none")
                 + ")")
    stream = _Stream(path, encoding, columns, indicators, filters, table, progress, cancel)
    # The table's domain follows its indicators (the figures stream in after the dataset is made).
    metrics = Counter(i.metric_id for i in indicators if i.metric_id != "other")
    return [FoundTable(layout, table, shape_key(path.stem, columns), iter(stream), metrics)]
