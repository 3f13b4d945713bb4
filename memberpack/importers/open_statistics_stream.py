"""Streaming an open-statistics CSV with Arrow's CSV reader, a block of rows at a time.

Kept apart from :mod:`open_statistics` so that Arrow loads only when such a file is
imported (they take longer to load than a council workbook takes to read).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from memberpack.errors import Cancelled, ImportFailed
from memberpack.importers.cells import column_letter
from memberpack.importers import csv_reader
from memberpack.importers.csv_reader import MendedUtf8, first_non_utf8
from memberpack.importers.marked_utf8 import MARKED_UTF8
from memberpack.importers.open_statistics import (
    GEOGRAPHY_COLUMNS, LEVELS, OTHER_NAMES, Cancel, Indicator, Progress, filter_unit, period_label, section_label,
    units_by_filters)
from memberpack.importers.report import TableReport
from memberpack.model.areas import LOCAL_AUTHORITY, NATIONAL, REGIONAL, Area, standard_region
from memberpack.model.blocks import BlockColumn, Coded, FigureBlock, Texts
from memberpack.model.observation import DATA
from memberpack.model.periods import YEAR, Period, parse_period
from memberpack.model.units import Unit
from memberpack.model.values import parse_text

_BLOCK_BYTES = 1 << 20     # of the file per block of rows (about 5,000 rows), between progress and cancel checks
_PLAIN = r"^-?\d+(?:\.\d+)?$"
_LISTED_ERRORS = 20


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
            level = LEVELS.get(written.lower(), written.lower())
            if level == NATIONAL:
                area = Area(level, get("country_name") or "England", "", get("country_code"))
            elif level == REGIONAL:   # (Inner London's region is London)
                area = Area(level, get("region_name"), "", get("region_code"), _region(get("region_name")))
            elif level == LOCAL_AUTHORITY:
                area = Area(level, get("la_name"), get("old_la_code"), get("new_la_code"), _region(get("region_name")))
            else:   # a district, constituency, ward, school...: named by its most specific name, with that name's code
                name = next((n for n in OTHER_NAMES if get(n)), "")
                area = Area(level, get(name) or written, "", get(_CODE_OF.get(name, name[:-5] + "_code")),
                            _region(get("region_name")))
            found = self.seen[texts] = (area.name, area.key())
        return found


# The code beside each name of :data:`OTHER_NAMES` whose code column is not ``<name>_code``
_CODE_OF = {"school_name": "school_urn", "provider_name": "provider_ukprn", "trust_name": "trust_id",
            "sponsor_name": "sponsor_id", "institution_name": "institution_id"}


def _region(name: str) -> str:
    """A region's name as one of the standard nine where it is one (``Inner London``: London), else as written."""
    return standard_region(name) or name


def _factorized(keys: np.ndarray) -> np.ndarray:
    """Each key's code, the distinct keys numbered in the order they first come (as ``pandas.factorize``)."""
    _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    order = np.empty(len(first), dtype=np.int64)
    order[np.argsort(first, kind="stable")] = np.arange(len(first))
    return order[inverse.reshape(-1)]


def _groups(arrays: list[pa.DictionaryArray], rows: int) -> tuple[np.ndarray, list[tuple[str, ...]]]:
    """Row codes for the distinct combinations of some dictionary-encoded columns, and each
    combination's texts."""
    if not arrays:
        return np.zeros(rows, dtype=np.int32), [()]
    codes = np.zeros(rows, dtype=np.int64)
    for array in arrays:
        codes = _factorized(codes * len(array.dictionary) + array.indices.to_numpy(zero_copy_only=False))
    first = np.unique(codes, return_index=True)[1]
    columns = [(a.dictionary.to_pylist(), a.indices.to_numpy(zero_copy_only=False)) for a in arrays]
    combos = [tuple(words[int(index[i])] for words, index in columns) for i in first.tolist()]
    return codes.astype(np.int32), combos


class Stream:
    """One pass over the file, a block of rows at a time, filling the table's report.

    The file is parsed by Arrow's CSV reader, a few MiB at a time, with each indicator column kept
    as the texts written and their figures; rows with too few or too many fields (which Arrow
    will not read) are read by the csv module at the end, with their own line numbers.
    """

    def __init__(self, path: Path, encoding: str, columns: list[str], indicators: list[Indicator],
                 filters: list[int], table: TableReport, progress: Progress | None, cancel: Cancel | None) -> None:
        self.path, self.encoding, self.columns = path, encoding, columns
        self.indicators, self.filters, self.table = indicators, filters, table
        self.progress, self.cancel, self.size = progress, cancel, max(path.stat().st_size, 1)
        self.places = _Places(columns)
        self.geo = [i for i, name in enumerate(columns) if name in GEOGRAPHY_COLUMNS]
        self.when = [columns.index("time_period"), columns.index("time_identifier")]
        self.coded = set(self.geo) | set(self.when) | set(filters)   # read dictionary-encoded
        self.periods: dict[tuple[str, ...], str | None] = {}
        self.sections: dict[tuple[str, ...], str | None] = {}
        self.by_filters = {i.index for i in units_by_filters(indicators)} if filters else set()
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
        types = {name: pa.dictionary(pa.int32(), pa.string()) if i in self.coded else pa.string()
                 for i, name in enumerate(names)}
        utf8 = self.encoding == MARKED_UTF8 or self.encoding.replace("-", "").lower() in ("utf8", "utf8sig")
        encoding = "utf8" if utf8 else self.encoding   # (the header row, marks and all, is skipped)
        source, mended = self._source(encoding)
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
        if mended is not None:
            table.warnings += mended.decoding.notes("utf-8")
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

    def _source(self, encoding: str) -> tuple[pa.NativeFile, MendedUtf8 | None]:
        """The file for Arrow; one that is UTF-8 only at its start (past what chose its encoding) is
        given to Arrow mended, its Windows-1252 bytes read as such, so nothing later is refused or lost."""
        late = first_non_utf8(self.path) if encoding == "utf8" and self.size > csv_reader.SAMPLE_BYTES else None
        if late is None:
            return pa.OSFile(str(self.path)), None
        mended = MendedUtf8(self.path)
        with self.path.open("rb") as fh:   # the line of the first such byte, as the csv reader's warning says it
            while late > 0 and (chunk := fh.read(min(late, 1 << 20))):
                mended.decoding.line += chunk.count(b"\n")
                late -= len(chunk)
        return pa.PythonFile(mended, mode="r"), mended

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
        arrays = [pa.array([r[i] for r in rows], pa.string()) for i in range(width)]
        arrays = [a.dictionary_encode() if i in self.coded else a for i, a in enumerate(arrays)]
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
        for column, indicator in zip(columns, self.indicators):
            if indicator.index in self.by_filters:   # "number": a count, a percentage or an average, as its filter says
                column.row_units = Coded(section_codes, section_texts).mapped(
                    [filter_unit(texts, column.unit) for texts in section_texts])
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
            found = self.periods[texts] = period_label(*texts)
        return found

    def _section(self, texts: tuple[str, ...]) -> str | None:
        found = self.sections.get(texts, "")
        if found == "":
            found = self.sections[texts] = section_label(texts)
        return found

    def _column(self, col: int, indicator: Indicator, texts: pa.Array, lines: np.ndarray) -> BlockColumn:
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
