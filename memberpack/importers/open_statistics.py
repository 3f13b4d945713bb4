"""Reading official statistics in the tidy CSV layout of DfE "Explore education statistics".

Each row holds one area (``geographic_level`` with country, region and LA names and codes), one
time period (``time_period`` 2025 or 202223, with ``time_identifier``), the values of the filter
columns and one value per indicator column. Every indicator cell becomes an observation: label =
the area, period = the time period, section = the filter values, measure = the indicator (its
label and unit from ``<name>.meta.csv`` when that file sits beside it); the area's level, codes and
region go with it (:class:`memberpack.model.areas.Area`). Suppression symbols and Excel error
values are kept as statuses, never as 0, and the errors are listed in the import report.

Files can hold hundreds of thousands of rows, so the figures are a stream of column-wise blocks
(:class:`memberpack.model.blocks.FigureBlock`): the file is read a few MiB at a time while the
engine writes them, with progress and cancel, and memory stays flat.
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from memberpack.errors import Cancelled, ImportFailed
from memberpack.importers.cells import column_letter
from memberpack.importers.csv_reader import detect_encoding
from memberpack.importers.layout import TableLayout, as_heading, shape_key
from memberpack.importers.report import TableReport
from memberpack.importers.tables import FoundTable
from memberpack.model.areas import LOCAL_AUTHORITY, NATIONAL, REGIONAL, Area
from memberpack.model.blocks import BlockColumn, Coded, FigureBlock, Texts
from memberpack.model.metrics import match_metric
from memberpack.model.observation import DATA, OPEN_STATISTICS
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
_BLOCK_BYTES = 1 << 20     # of the file per block of rows (about 5,000 rows), between progress and cancel checks
_PLAIN = r"^-?\d+(?:\.\d+)?$"
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


class _Places:
    """Each distinct area's name and key (:meth:`Area.key`), worked out once per set of geography texts."""

    def __init__(self, columns: list[str]) -> None:
        self.names = [name for name in columns if name in GEOGRAPHY_COLUMNS]
        self.seen: dict[tuple[str, ...], tuple[str, str]] = {}

    def place(self, texts: tuple[str, ...]) -> tuple[str, str]:
        found = self.seen.get(texts)
        if found is None:
            row = {name: text.strip() for name, text in zip(self.names, texts)}
            get = lambda name: row.get(name, "")  # noqa: E731
            written = get("geographic_level")
            level = _LEVELS.get(written.lower(), written.lower())
            if level == NATIONAL:
                area = Area(level, get("country_name") or "England", "", get("country_code"))
            elif level == REGIONAL:
                area = Area(level, get("region_name"), "", get("region_code"), get("region_name"))
            elif level == LOCAL_AUTHORITY:
                area = Area(level, get("la_name"), get("old_la_code"), get("new_la_code"), get("region_name"))
            else:
                area = Area(level, next((get(n) for n in _OTHER_NAMES if get(n)), written))
            found = self.seen[texts] = (area.name, area.key())
        return found


def _groups(arrays: list[pa.DictionaryArray], rows: int) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """Row codes for the distinct combinations of some dictionary-encoded columns, and each
    combination's texts."""
    if not arrays:
        return np.zeros(rows, dtype=np.int32), [()]
    codes = np.zeros(rows, dtype=np.int64)
    for array in arrays:
        codes = pd.factorize(codes * len(array.dictionary) + array.indices.to_numpy(zero_copy_only=False))[0]
    first = np.unique(codes, return_index=True)[1]
    columns = [(a.dictionary.to_pylist(), a.indices.to_numpy(zero_copy_only=False)) for a in arrays]
    combos = [tuple(words[int(index[i])] for words, index in columns) for i in first.tolist()]
    return codes.astype(np.int32), combos


class _Stream:
    """One pass over the file, a block of rows at a time, filling the table's report.

    The file is parsed by Arrow's CSV reader, a few MiB at a time, with each indicator column kept
    as the texts written and their figures; rows with too few or too many fields (which Arrow
    will not read) are read by the csv module at the end, with their own line numbers.
    """

    def __init__(self, path: Path, encoding: str, columns: list[str], indicators: list[_Indicator],
                 filters: list[int], table: TableReport, progress: Progress | None, cancel: Cancel | None) -> None:
        self.path, self.encoding, self.columns = path, encoding, columns
        self.indicators, self.filters, self.table = indicators, filters, table
        self.progress, self.cancel, self.size = progress, cancel, max(path.stat().st_size, 1)
        self.places = _Places(columns)
        self.geo = [i for i, name in enumerate(columns) if name in GEOGRAPHY_COLUMNS]
        self.when = [columns.index("time_period"), columns.index("time_identifier")]
        self.periods: dict[tuple[str, ...], str | None] = {}
        self.sections: dict[tuple[str, ...], str | None] = {}
        self.specials: dict[tuple[str, Unit | None], tuple[float | None, str | None, str | None]] = {}
        self.errors: list[tuple[int, int, str, str]] = []   # (line, column) order: the first few, for the report
        self.error_count = 0
        self.rows = 0
        self.skipped: list[tuple[int, str]] = []   # (line, text) of rows Arrow would not read

    def __iter__(self) -> Iterator[FigureBlock]:
        table = self.table
        table.rows_read = table.cells_read = 0
        width = len(self.columns)
        names = [f"c{i}" for i in range(width)]
        coded = set(self.geo) | set(self.when) | set(self.filters)
        types = {name: pa.dictionary(pa.int32(), pa.string()) if i in coded else pa.string()
                 for i, name in enumerate(names)}
        encoding = "utf8" if self.encoding.replace("-", "").lower() in ("utf8", "utf8sig") else self.encoding
        source = pa.OSFile(str(self.path))
        position = 0      # rows Arrow has given, blank ones included
        try:
            reader = pacsv.open_csv(
                source, read_options=pacsv.ReadOptions(skip_rows=1, column_names=names, encoding=encoding,
                                                      use_threads=False, block_size=_BLOCK_BYTES),
                parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False,
                                                 invalid_row_handler=self._set_aside),
                convert_options=pacsv.ConvertOptions(column_types=types, strings_can_be_null=False, null_values=[],
                                                     quoted_strings_can_be_null=False))
            for batch in reader:
                self._tick(source.tell(), self.rows)
                block = self._block(batch.columns, self._lines(position, batch.num_rows))
                position += batch.num_rows
                if block is not None:
                    yield block
        except (pa.ArrowInvalid, UnicodeDecodeError) as exc:
            raise ImportFailed(f"{self.path.name}: the file cannot be read ({_first_line(exc)})") from None
        finally:
            source.close()
        if self.skipped:
            yield from self._ragged(width)
        last_line = 1 + position + len(self.skipped)
        table.cells_read = table.rows_read * len(self.indicators)
        table.cell_range = f"A1:{column_letter(width - 1)}{last_line}"
        seen = sorted((p for p in set(self.periods.values()) if p),
                      key=lambda p: (parse_period(p) or Period(YEAR)).sort_key())
        table.period = f"{seen[0]} to {seen[-1]}" if len(seen) > 1 else (seen[0] if seen else None)
        self._report_errors()
        self._tick(self.size, self.rows)

    def _set_aside(self, row) -> str:
        """Arrow's handler for a row with the wrong number of fields: read it later with the csv module."""
        if row.number is None:
            raise ImportFailed(f"{self.path.name}: a row has {row.actual_columns} fields where the header has "
                               f"{row.expected_columns}")
        self.skipped.append((row.number, row.text))
        return "skip"

    def _lines(self, position: int, count: int) -> np.ndarray:
        """The file's line numbers of the next ``count`` rows Arrow gives (the header is line 1)."""
        kept = np.arange(position, position + count, dtype=np.int64)
        if not self.skipped:
            return kept + 2
        before = np.array([line for line, _ in self.skipped], dtype=np.int64)
        before = np.sort(before) - 2 - np.arange(len(before))
        return kept + 2 + np.searchsorted(before, kept, side="right")

    def _ragged(self, width: int) -> Iterator[FigureBlock]:
        """The rows Arrow set aside, padded with empty fields as the csv module reads them."""
        rows = []
        for _, text in sorted(self.skipped):
            fields = next(csv.reader([text]), [])
            rows.append((fields + [""] * width)[:width])
        coded = set(self.geo) | set(self.when) | set(self.filters)
        arrays = [pa.array([r[i] for r in rows], pa.string()) for i in range(width)]
        arrays = [a.dictionary_encode() if i in coded else a for i, a in enumerate(arrays)]
        block = self._block(arrays, np.array(sorted(line for line, _ in self.skipped), dtype=np.int64))
        if block is not None:
            yield block

    def _block(self, arrays: list, lines: np.ndarray) -> FigureBlock | None:
        """One batch of rows as a block: blank rows left out, areas, periods and sections worked
        out once per distinct value, and each indicator's figures read column-wise."""
        blank = self._blank(arrays, len(lines))
        if blank is not None:
            keep = pa.array(~blank)
            arrays, lines = [a.filter(keep) for a in arrays], lines[~blank]
        n = len(lines)
        if n == 0:
            return None
        area_codes, area_texts = _groups([arrays[i] for i in self.geo], n)
        places = [self.places.place(texts) for texts in area_texts]
        period_codes, period_texts = _groups([arrays[i] for i in self.when], n)
        periods = [self._period(texts) for texts in period_texts]
        section_codes, section_texts = _groups([arrays[i] for i in self.filters], n)
        sections = [self._section(texts) for texts in section_texts]
        first = self.rows
        self.rows += n
        self.table.rows_read += n
        columns = [self._column(col, indicator, arrays[indicator.index], lines)
                   for col, indicator in enumerate(self.indicators)]
        self.errors = sorted(self.errors)[:_LISTED_ERRORS]   # the first ones in the file, row by row
        return FigureBlock(self.path.stem, np.arange(first, first + n, dtype=np.int32), lines.astype(np.int32),
                           Coded(area_codes, [name for name, _ in places]), Coded(section_codes, sections),
                           Coded.same(DATA, n), columns, Coded(period_codes, periods),
                           Coded(area_codes, [key for _, key in places]))

    def _blank(self, arrays: list, n: int) -> np.ndarray | None:
        """Which rows are empty lines (every field empty), or None when none is."""
        tp = arrays[self.when[0]]
        if "" not in tp.dictionary.to_pylist():
            return None
        blank = np.ones(n, dtype=bool)
        for array in arrays:
            if isinstance(array, pa.DictionaryArray):
                empty = np.array([w == "" for w in array.dictionary.to_pylist()] + [False])
                blank &= empty[array.indices.to_numpy(zero_copy_only=False)]
            else:
                blank &= pc.equal(array, "").to_numpy(zero_copy_only=False)
        return blank if blank.any() else None

    def _period(self, texts: tuple[str, ...]) -> str | None:
        found = self.periods.get(texts, "")
        if found == "":
            found = self.periods[texts] = _period(*texts)
        return found

    def _section(self, texts: tuple[str, ...]) -> str | None:
        found = self.sections.get(texts, "")
        if found == "":
            found = self.sections[texts] = _section(texts)
        return found

    def _column(self, col: int, indicator: _Indicator, texts: pa.Array, lines: np.ndarray) -> BlockColumn:
        """One indicator's cells: figures cast by Arrow where every cell is a plain number, the few
        others (symbols, errors, ``1,234``) read one by one as the cell parser reads them."""
        unit = indicator.unit
        factor, base = (unit.factor, unit.base) if unit else (1.0, None)
        try:
            values = pc.cast(texts, pa.float64()).to_numpy(zero_copy_only=False)
            odd = np.flatnonzero(~np.isfinite(values))
        except pa.ArrowInvalid:
            plain = pc.match_substring_regex(texts, _PLAIN).to_numpy(zero_copy_only=False)
            values = np.full(len(texts), np.nan)
            values[plain] = pc.cast(texts.filter(pa.array(plain)), pa.float64()).to_numpy(zero_copy_only=False)
            odd = np.flatnonzero(~plain | ~np.isfinite(values))
        if factor != 1.0:
            values = np.array([round(v * factor, 6) for v in values.tolist()])
        specials = {}
        if len(odd):
            odd_texts = texts.take(pa.array(odd)).to_pylist()
            for i, text in zip(odd.tolist(), odd_texts):
                specials[i] = self._special(text, unit, factor, base, indicator.letter, int(lines[i]))
                values[i] = np.nan
        offsets, data = _packed(texts)
        return BlockColumn(col, indicator.letter, indicator.label, base, indicator.metric_id, None, values, raw=False,
                           displays=Texts(data, offsets), specials=specials)

    def _special(self, text: str, unit: Unit | None, factor: float, base: str | None, letter: str,
                 line: int) -> tuple[float | None, str | None, str | None]:
        try:
            number = float(text)
        except ValueError:
            number = math.nan
        if number - number == 0:    # a finite number Arrow would not read, such as " 12"
            return (number if factor == 1.0 else round(number * factor, 6)), base, None
        cached = self.specials.get((text, unit))
        if cached is None:
            cell = parse_text(text, unit)
            cached = (cell.value, cell.unit, cell.status)
            if cell.status is not None:     # symbols repeat; "1,234" need not be kept
                self.specials[(text, unit)] = cached
        if cached[2] is not None and cached[2].startswith("error:"):
            self.error_count += 1
            self.errors.append((line, len(letter), letter, text.strip()))
        return cached

    def _tick(self, done: int, rows: int) -> None:
        if self.cancel is not None and self.cancel():
            raise Cancelled()
        if self.progress is not None:
            self.progress(min(done, self.size), self.size, f"Reading {self.path.name}: {rows:,} rows")

    def _report_errors(self) -> None:
        if self.errors:
            count, listed = self.error_count, ", ".join(f"{letter}{line} {text}" for line, _, letter, text in self.errors)
            if count > len(self.errors):
                listed += f" and {count - len(self.errors)} more"
            self.table.assume(f"{count} Excel error value(s) read as missing values, with the error as their "
                              f"status: {listed}")


def _packed(texts: pa.StringArray) -> tuple[np.ndarray, bytes]:
    """An Arrow string column's offsets (from 0) and UTF-8 bytes, copied out of its buffers."""
    _, offsets_buffer, data_buffer = texts.buffers()
    offsets = np.frombuffer(offsets_buffer, dtype=np.int32)[texts.offset:texts.offset + len(texts) + 1]
    start, stop = int(offsets[0]), int(offsets[-1])
    data = data_buffer.to_pybytes()[start:stop] if data_buffer is not None else b""
    return offsets - start, data


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _section(values: tuple[str, ...]) -> str | None:
    """Filter values joined."""
    return " / ".join(v.strip() for v in values if v.strip()) or None


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
