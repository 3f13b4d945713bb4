"""Reading official statistics in the tidy CSV layout of DfE "Explore education statistics".

Each row holds one area (``geographic_level`` with country, region and LA names and codes), one
time period (``time_period`` 2025 or 202223, with ``time_identifier``), the values of the filter
columns and one value per indicator column. Every indicator cell becomes an observation: label =
the area, period = the time period, section = the filter values, measure = the indicator (its
label and unit from ``<name>.meta.csv`` when that file sits beside it). Suppression symbols and
Excel error values are kept as statuses, never as 0.

Files can hold hundreds of thousands of rows, so the observations are a re-readable stream: the
file is read row by row while :meth:`memberpack.store.pack.Pack.add_dataset` writes them, with
progress and cancel, and memory stays flat whatever the file's size.
"""

from __future__ import annotations

import csv
import hashlib
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from memberpack.errors import Cancelled, ImportFailed
from memberpack.importers.cells import column_letter
from memberpack.importers.report import FileReport, Skipped, TableReport
from memberpack.importers.tables import FoundTable
from memberpack.model.areas import LOCAL_AUTHORITY, NATIONAL, REGIONAL, Area
from memberpack.model.metrics import BY_ID, OTHER, match_metric
from memberpack.model.observation import DATA, Observation
from memberpack.model.periods import QUARTER, Period, parse_period
from memberpack.model.units import COUNT_UNIT, PERCENTAGE, Unit, find_unit
from memberpack.model.values import BLANK, TEXT, parse_text

OPEN_STATISTICS = "open_statistics"
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


def _encoding(path: Path) -> str:
    with path.open("rb") as f:
        start = f.read(1 << 20)
    try:
        start.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(start) - 4:      # not just a character cut at the end of the sample
            return "cp1252"
    return "utf-8-sig"


def _scan(path: Path) -> tuple[str, int]:
    """SHA-256 and line count, read in chunks so that memory stays flat."""
    digest, lines = hashlib.sha256(), 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
            lines += chunk.count(b"\n")
    return digest.hexdigest(), lines


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
    with meta.open(encoding=_encoding(meta), newline="") as f:
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


@dataclass(slots=True)
class OpenStatistics:
    """One open-statistics file: its table (observations streamed), report and SHA-256."""

    table: FoundTable
    report: FileReport
    sha256: str


class ObservationStream:
    """Re-readable observations of one file; each pass refreshes the report's counts and errors."""

    def __init__(self, path: Path, encoding: str, columns: list[str], indicators: list[_Indicator],
                 filters: list[int], lines: int, table: TableReport, file_report: FileReport,
                 progress: Progress | None, cancel: Cancel | None) -> None:
        self.path, self.encoding, self.columns = path, encoding, columns
        self.indicators, self.filters, self.lines = indicators, filters, lines
        self.table, self.file_report, self.progress, self.cancel = table, file_report, progress, cancel

        counts = Counter(BY_ID[i.metric_id].domain for i in indicators if i.metric_id != "other")
        self.domain = counts.most_common(1)[0][0] if counts else OTHER

    def __bool__(self) -> bool:
        return bool(self.indicators)

    def _where(self) -> Callable[[list[str]], tuple[str, str]]:
        """A function from a row to its label and area key, remembering each distinct area."""
        pos = {name: i for i, name in enumerate(self.columns) if name in GEOGRAPHY_COLUMNS}
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

    def __iter__(self) -> Iterator[Observation]:
        table, sheet = self.table, self.path.stem
        table.rows_read = table.cells_read = 0
        errors: list[str] = []
        where = self._where()
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
            r = -1
            try:
                for row in reader:
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
                    line = str(r + 2)
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
                                cached = specials[(text, unit)] = (cell.value, cell.unit, cell.status)
                            value, unit_name, status = cached
                            if status is not None and status.startswith("error:"):
                                errors.append(f"{letter}{line} {text.strip()}")
                        yield Observation(label, measure, value, unit_name, text, status, section, period, DATA,
                                          sheet, letter + line, r, col, metric_id, None, area)
                    table.rows_read += 1
            except (csv.Error, UnicodeDecodeError) as exc:
                raise ImportFailed(f"{self.path.name}: row {r + 2} cannot be read ({exc})") from None
        table.cells_read = table.rows_read * len(plan)
        table.cell_range = f"A1:{column_letter(width - 1)}{r + 2}"
        self._report_errors(errors)
        self._tick(self.lines, self.lines)

    def _tick(self, done: int, rows: int) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled()
        if self.progress is not None:
            self.progress(done, max(self.lines, 1), f"Reading {self.path.name}: {rows:,} rows")

    def _report_errors(self, errors: list[str]) -> None:
        self.file_report.warnings = [w for w in self.file_report.warnings if "Excel error" not in w]
        if errors:
            listed = ", ".join(errors[:_LISTED_ERRORS]) + (f" and {len(errors) - _LISTED_ERRORS} more"
                                                           if len(errors) > _LISTED_ERRORS else "")
            self.file_report.warnings.append(
                f"{len(errors)} Excel error value(s) read as missing values, with the error as their status: {listed}")


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
                table.skipped.append(Skipped(f"{column_letter(i)}1", f"column {columns[i]!r} is not in the .meta.csv"))
        return indicators, filters
    with path.open(encoding=encoding, newline="") as f:
        reader = csv.reader(f)
        next(reader, None)
        sample = [row for _, row in zip(range(_SAMPLE_ROWS), reader)]
    for i in rest:
        texts = [row[i] for row in sample if i < len(row) and row[i].strip()]
        if texts and all(parse_text(t).status != TEXT for t in texts):
            indicators.append(_Indicator(i, columns[i], columns[i], _unit_of(columns[i], columns[i], "")))
        else:
            filters.append(i)
    table.assumptions.append("no .meta.csv beside the file: columns whose values are all figures or symbols are "
                             "indicators (" + ", ".join(i.name for i in indicators) + "); the others are filters ("
                             + ", ".join(columns[i] for i in filters) + ")")
    return indicators, filters


def read_open_statistics(path: Path, *, progress: Progress | None = None,
                         cancel: Cancel | None = None) -> OpenStatistics | None:
    """The file as a streamed open-statistics table, or None when it is not in that layout."""
    if path.suffix.lower() != ".csv":
        return None
    encoding = _encoding(path)
    try:
        with path.open(encoding=encoding, newline="") as f:
            header = next(csv.reader(f), [])
    except (csv.Error, UnicodeDecodeError):
        return None
    if not is_open_statistics(header):
        return None
    columns = [h.strip().lower() for h in header]
    sha256, lines = _scan(path)
    meta = _read_meta(path)
    table = TableReport(sheet=path.stem, title=path.stem, cell_range=f"A1:{column_letter(len(columns) - 1)}{lines}",
                        kind=OPEN_STATISTICS, header_rows=[1], label_column="area name", unit=None)
    if meta is not None:
        table.assumptions.append(f"labels and units of the indicators from {path.stem}.meta.csv")
    indicators, filters = _classify(path, encoding, columns, meta, table)
    if not indicators:
        raise ImportFailed(f"{path.name}: an open-statistics file with no indicator columns")
    table.assumptions.append("each row is one area and time period; the section is the filter values ("
                             + (", ".join(columns[i] for i in filters) or "none") + ")")
    file_report = FileReport(file=path.name, sha256=sha256, tables=[table])
    stream = ObservationStream(path, encoding, columns, indicators, filters, lines, table, file_report, progress,
                               cancel)
    return OpenStatistics(FoundTable(title=path.stem, report=table, observations=stream), file_report, sha256)
