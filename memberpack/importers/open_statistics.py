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

import re
from collections import Counter
from collections.abc import Callable
from itertools import islice
from pathlib import Path


from memberpack.errors import ImportFailed
from memberpack.importers.cells import column_letter
from memberpack.importers.csv_reader import MAX_FIELDS, bounded_lines, bounded_rows, detect_encoding
from memberpack.importers.found_table import FoundTable
from memberpack.importers.keys import TIDY_NAMES
from memberpack.importers.layout import TableLayout, as_heading, shape_key
from memberpack.importers.report import TableReport
from memberpack.importers.table_reader import CLOCK_SEEN, clock_minutes, years_months_doubt
from memberpack.model.areas import LOCAL_AUTHORITY, NATIONAL, REGIONAL
from memberpack.model.metrics import match_metric
from memberpack.model.observation import OPEN_STATISTICS
from memberpack.model.periods import QUARTER, Period, parse_period
from memberpack.model.units import COUNT_UNIT, GBP, NUMBER, PERCENT, POUNDS, Unit, find_unit, unit_in_name
from memberpack.model.values import TEXT, parse_text

TIME_COLUMNS = ("time_period", "time_identifier")
GEOGRAPHY_COLUMNS = (
    "geographic_level", "country_code", "country_name", "region_code", "region_name", "old_la_code",
    "new_la_code", "la_name", "lad_code", "lad_name", "pcon_code", "pcon_name", "ward_code", "ward_name",
    "lsip_code", "lsip_name", "english_devolved_area_code", "english_devolved_area_name", "opportunity_area_code",
    "opportunity_area_name", "school_urn", "school_laestab", "school_name", "provider_ukprn", "provider_name",
    "trust_id", "trust_name", "sponsor_id", "sponsor_name", "local_enterprise_partnership_code",
    "local_enterprise_partnership_name", "rsc_region_lead_name", "institution_id", "institution_name")
OTHER_NAMES = TIDY_NAMES   # the most specific name a row of another geographic level carries
LEVELS = {"national": NATIONAL, "regional": REGIONAL, "local authority": LOCAL_AUTHORITY}
_SAMPLE_ROWS = 200         # rows looked at to tell filters from indicators when there is no .meta.csv
Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


def is_open_statistics(header: list[str]) -> bool:
    names = {h.strip().lower() for h in header}
    return {"time_period", "time_identifier", "geographic_level"} <= names


class Indicator:
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
        lines = bounded_rows(bounded_lines(f, meta.name), meta.name)
        header = next(lines, [])
        rows = [dict(zip(header, row)) for row in islice(lines, MAX_FIELDS + 1) if row]
    if len(rows) > MAX_FIELDS:   # (a row per column of the data file, which has at most as many)
        raise ImportFailed(f"{meta.name}: more than {MAX_FIELDS:,} rows; a metadata file has a row per column "
                           "of its data file")
    if not rows or "col_name" not in header or "col_type" not in header:
        raise ImportFailed(f"{meta.name}: not a metadata file (it needs col_name and col_type columns)")
    return {(r.get("col_name") or "").strip().lower(): {k: v.strip() for k, v in r.items() if k} for r in rows}


# A scale word as the last part of a column name: ``total_revenue_balance_million`` holds £ millions.
_SCALE_IN_NAME = re.compile(r"(?:^|_)(thousands?|000s|millions?|mn|bn|billions?)$")
_SCALES = {"thousand": 1e3, "thousands": 1e3, "000s": 1e3, "million": 1e6, "millions": 1e6, "mn": 1e6,
           "bn": 1e9, "billion": 1e9, "billions": 1e9}
_MONEY_NAME = re.compile(r"balance|reserve|income|expenditure|spend|funding|budget|cost|grant|allocation|amount|"
                         r"revenue|deficit|surplus|gbp|pounds", re.IGNORECASE)


def _scaled(name: str) -> Unit | None:
    """The unit a scale word ending a column name gives: money when the name says money, else a number."""
    found = _SCALE_IN_NAME.search(name.lower())
    if found is None:
        return None
    factor = _SCALES[found.group(1)]
    return _money(factor) if _MONEY_NAME.search(name) else Unit(NUMBER, factor, found.group(1))


def _money(factor: float) -> Unit:
    return Unit(GBP, factor, {1e3: "£k", 1e6: "£m"}.get(factor, "£bn"))


def _one_scale_for_money(indicators: list[Indicator]) -> None:
    """Columns scaled by their name (``B01_million`` beside ``total_income_million``) are money when the
    other columns of that scale are: a file does not mix £ millions with millions of things."""
    money = {i.unit.factor for i in indicators if i.unit is not None and i.unit.base == GBP and i.unit.factor > 1}
    for ind in indicators:
        if ind.unit is not None and ind.unit.base == NUMBER and ind.unit.factor in money:
            ind.unit = _money(ind.unit.factor)


def _unit_of(name: str, label: str, unit_text: str) -> Unit | None:
    found = find_unit(unit_text) or find_unit(label) or find_unit(name.replace("_", " "))
    if (found is None or found == POUNDS) and (scaled := _scaled(name)) is not None:
        return scaled
    if found is None and (named := unit_in_name(name)) is not None:   # DfE: t_ a total, pt_ its percentage
        return named
    if found is None and re.search(r"^(number|num|count|headcount)\b|_(number|count)$", name.lower()):
        return COUNT_UNIT
    return found


# An indicator named only "number" or "value" says nothing of what it counts: its filters do, and so give
# each row's unit ("Percentage of children who had a missing incident during the year": a percentage)
_GENERIC_NAMES = {"number", "value", "count", "num"}
_AVERAGE = re.compile(r"\s*(?:average|mean|median)\b", re.IGNORECASE)


def units_by_filters(indicators: list[Indicator]) -> list[Indicator]:
    """The indicators whose rows take their unit from their filter values: those named only "number" or
    "value", in a file that gives no percentage a column of its own (where it does, "number" counts)."""
    if any(i.unit is not None and i.unit.base == PERCENT for i in indicators):
        return []
    return [i for i in indicators if i.name.strip().lower() in _GENERIC_NAMES]


def filter_unit(values: tuple[str, ...], base: str | None) -> str | None:
    """The unit a row's filter values give a figure of such an indicator: the share or rate one names
    (``Percentage of ...``, ``Rate per 10,000``), a plain number for an average; else ``base``."""
    for value in values:
        found = find_unit(value)
        if found is not None and found.factor == 1.0 and found.base != GBP:
            return found.base
        if _AVERAGE.match(value):
            return NUMBER
    return base


def section_label(values: tuple[str, ...]) -> str | None:
    """Filter values joined."""
    return " / ".join(v.strip() for v in values if v.strip()) or None


def period_label(time_period: str, identifier: str) -> str | None:
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
              table: TableReport) -> tuple[list[Indicator], list[int]]:
    """Indicator and filter columns: from the .meta.csv, or from the values of the first rows."""
    rest = [i for i, c in enumerate(columns) if c not in GEOGRAPHY_COLUMNS and c not in TIME_COLUMNS and c]
    indicators: list[Indicator] = []
    filters: list[int] = []
    with path.open(encoding=encoding, errors="replace", newline="") as f:
        reader = bounded_rows(bounded_lines(f, path.name), path.name)
        next(reader, None)
        sample = [row for _, row in zip(range(_SAMPLE_ROWS), reader)]
    texts = {i: [row[i] for row in sample if i < len(row) and row[i].strip()] for i in rest}
    clocks = [column_letter(i) for i in rest if len(minutes := clock_minutes(texts[i])) >= CLOCK_SEEN and max(minutes) <= 11]
    if clocks:
        table.doubt(years_months_doubt(clocks))
    if meta is not None:
        for i in rest:
            info = meta.get(columns[i])
            kind = (info or {}).get("col_type", "").lower()
            if kind == "indicator":
                label = info.get("label") or columns[i]
                indicators.append(Indicator(i, columns[i], label, _unit_of(columns[i], label,
                                                                             info.get("indicator_unit", ""))))
            elif kind == "filter":
                filters.append(i)
            else:
                table.skip(f"{column_letter(i)}1", f"column {columns[i]!r} is not in the .meta.csv")
        _one_scale_for_money(indicators)
        return indicators, filters
    for i in rest:
        if texts[i] and all(parse_text(t).status != TEXT for t in texts[i]):
            indicators.append(Indicator(i, columns[i], readable_name(columns[i]), _unit_of(columns[i], columns[i], "")))
            table.column_codes[indicators[-1].letter] = columns[i]
        else:
            filters.append(i)
    _one_scale_for_money(indicators)
    table.assume("no .meta.csv beside the file: columns whose values are all figures or symbols are indicators ("
                 + ", ".join(i.name for i in indicators) + "); the others are filters ("
                 + ", ".join(columns[i] for i in filters) + ")")
    return indicators, filters


# The shorthand of DfE's column names ("pt_sess_auth_absence", "t_perm_excl"), spelt out; "pt" and "t"
# only as the first word, as DfE writes a percentage's or a total's column
_FIRST_WORDS = {"pt": "percentage of", "pc": "percentage of", "t": "total", "num": "number of"}
_WORDS = {"sess": "sessions", "auth": "authorised", "unauth": "unauthorised", "perm": "permanent", "excl": "exclusions",
          "sus": "suspensions", "susp": "suspensions", "avg": "average", "fte": "FTE", "la": "LA", "cla": "CLA",
          "cin": "CIN", "cpp": "CPP", "sen": "SEN", "ehc": "EHC", "ehcp": "EHCP", "fsm": "FSM"}


_LAST_WORDS = {"pc": "(%)", "pct": "(%)"}   # "new_ehc_pc": a percentage, as its last word


def readable_name(name: str) -> str:
    """A column name in words (``population_estimate``: ``Population estimate``), its shorthand spelt out
    and then the name itself in brackets (``Percentage of sessions authorised absence
    (pt_sess_auth_absence)``), so the figure is still found by the name the file gives it."""
    words = name.split("_")
    spelt = [_FIRST_WORDS.get(w.lower(), w) if i == 0 and len(words) > 1 else _WORDS.get(w.lower(), w)
             for i, w in enumerate(words)]
    if len(spelt) > 1 and spelt[-1].lower() in _LAST_WORDS:
        spelt[-1] = _LAST_WORDS[spelt[-1].lower()]
    elif len(spelt) > 1 and _SCALE_IN_NAME.fullmatch(spelt[-1].lower()):
        spelt.pop()   # its figures are multiplied out (_unit_of): a "million" left in the name would mislead
    heading = as_heading(" ".join(spelt))
    return heading if spelt == words else f"{heading} ({name})"


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
            header = next(bounded_rows(bounded_lines(f, path.name), path.name), [])
        except ImportFailed:
            return None   # the reader of every CSV says what is wrong with it
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
    table.period_reason = "the time_period column, row by row"
    table.settle_verdict()   # the columns say what each is: in doubt only over durations
    from memberpack.importers.open_statistics_stream import Stream  # noqa: PLC0415 (Arrow loads only when needed)

    stream = Stream(path, encoding, columns, indicators, filters, table, progress, cancel)
    # The table's domain follows its indicators (the figures stream in after the dataset is made).
    metrics = Counter(i.metric_id for i in indicators if i.metric_id != "other")
    return [FoundTable(layout, table, shape_key(path.stem, columns), iter(stream), metrics)]
