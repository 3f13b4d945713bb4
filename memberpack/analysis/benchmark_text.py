"""Benchmarks written inside council tables, read so that they become comparisons like those from
open statistics:

* scorecard cells of text ("England, 53% South West, 53%") or benchmark columns ("Benchmark:
  England") beside a row's latest figure;
* England, region or statistical-neighbour rows under a figure's row ("England rate per 10,000"
  under "Children looked after rate per 10,000"), or a table of areas by period with our row (or
  column) among them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from memberpack.model.areas import REGIONS
from memberpack.model.grid import Grid, GridRow
from memberpack.model.metrics import match_metric
from memberpack.model.observation import Observation
from memberpack.model.periods import parse_period
from memberpack.model.units import PERCENT, find_unit

ENGLAND, REGION, NEIGHBOURS, OTHER_AREA = "england", "region", "neighbours", "other"
_NEIGHBOURS = re.compile(r"\b(sn|stat\w* neighbou?rs?|neighbou?rs?|sn average)\b", re.IGNORECASE)
_ENGLAND = re.compile(r"\b(england|national)\b", re.IGNORECASE)
# regions as DfE's tables also write them ("Yorks & the Humber"), and London's two halves
_YORKSHIRE = r"yorks(?:hire)?\W+(?:(?:and|&)\W+)?(?:the\W+)?humber"
_REGION = re.compile(r"\b(region|regional|" + "|".join(re.escape(r) for r in REGIONS) + "|" + _YORKSHIRE + r")\b",
                     re.IGNORECASE)
_REGION_SPELLINGS = ("yorks the humber", "yorks and the humber", "yorkshire the humber", "yorkshire and humber",
                     "yorkshire humber", "yorks humber", "yorks and humber", "inner london", "outer london")
_HEADER = re.compile(r"benchmark|comparator|comparison", re.IGNORECASE)
_TARGET = re.compile(r"\btargets?\b", re.IGNORECASE)
_FILLER = {"average", "avg", "mean", "figure", "the", "all", "authorities", "la", "las"}
# what follows a region's name when the label is an authority's own ("North East Lincolnshire", "North
# West Leicestershire"), not the region's figure ("South West rate per 10,000", "North East Total"),
# its class or council after it as lists of councils write them ("North East Lincolnshire UA")
_PLACE_REST = re.compile(r"[A-Z][a-z]{3,}(?:\s+(?:(?:and|of|upon|on|the)\s+)?[A-Z][a-z]+)*"
                         r"(?:\s+(?:UA|CC|DC|BC|MBC|LB|MD|(?:(?:County|District|Borough|City)\s+)?Council))?")
# what ends the name of a body of its own that is named after a region ("London North West Healthcare
# NHS Trust", "East Midlands Ambulance Service NHS Trust"), not the region's figure
_BODY = re.compile(r"\b(?:NHS|Trust|Ambulance|Hospitals?|Healthcare|Police|Fire|ICB|CCG|Combined\s+Authority)\b")
_COMPARATOR_WORDS = re.compile(r"\b(?:total|average|mean|median|rate|figure|value|benchmark|comparator|"
                               r"regions?|regional)\b", re.IGNORECASE)
_AREA_PHRASES = sorted({"england", "national", "region", "regional", "sn", "statistical neighbours",
                        "statistical neighbour", "stat neighbours", "neighbours", "neighbour",
                        *(r.lower() for r in REGIONS), *_REGION_SPELLINGS}, key=len, reverse=True)


@dataclass(frozen=True, slots=True)
class WrittenBenchmark:
    kind: str
    name: str
    value: float
    display: str
    percent: bool
    cell: str = ""


def kind_of(name: str) -> str:
    if _NEIGHBOURS.search(name):
        return NEIGHBOURS
    if _ENGLAND.search(name):
        return ENGLAND
    if _REGION.search(name):
        return REGION
    return OTHER_AREA


def parse_benchmarks(text: str | None, cell: str = "") -> list[WrittenBenchmark]:
    """Each ``name, figure`` pair in ``text`` (read as the importer reads benchmark columns); none
    for "Local measure" or free text."""
    from memberpack.importers.table_reader import benchmarks  # noqa: PLC0415 - the import engine and numpy: not on the app's start path

    return [WrittenBenchmark(kind_of(name), name, number, f"{number:g}{'%' if unit == '%' else ''}", unit == "%", cell)
            for name, number, unit in benchmarks(text or "")]


def area_prefix(label: str) -> tuple[str, str, str]:
    """A label that starts with a comparator's name, split into its kind, the rest and the name
    as written: ``"South West rate per 10,000"`` -> (``region``, ``"rate per 10,000"``, ``"South
    West"``); ``"SN average"`` -> (``neighbours``, ``""``, ``"SN"``); otherwise (``other``, the
    label, ``""``)."""
    written = re.sub(r"[^A-Za-z0-9, ]", " ", label).split()
    text = " ".join(written).lower()
    for phrase in _AREA_PHRASES:
        if text == phrase or text.startswith(phrase + " "):
            count = len(phrase.split())
            rest = [w for w in written[count:] if w.lower() not in _FILLER]
            tail = " ".join(written[count:])
            if _PLACE_REST.fullmatch(" ".join(rest)) and not _COMPARATOR_WORDS.search(" ".join(rest)) \
                    or _BODY.search(tail) and not _COMPARATOR_WORDS.search(tail):
                break   # "North East Lincolnshire", "North West Anglia NHS Foundation Trust": a body of its own
            return kind_of(phrase), " ".join(rest), " ".join(written[:count])
    return OTHER_AREA, label, ""


def is_comparator(text: str) -> bool:
    """Whether a row label or column names a comparator rather than the council's own figure:
    ``England: EHC plans issued within 20 weeks``, ``South West rate per 10,000``, ``Benchmark:
    England``, ``National benchmarking``."""
    return bool(_HEADER.search(text)) or area_prefix(text)[0] != OTHER_AREA


def is_target(text: str) -> bool:
    """Whether a column holds what a figure is measured against (``Target 2024/25``), not a figure."""
    return bool(_TARGET.search(text))


def _row_benchmarks(measure: str, obs: Observation) -> list[WrittenBenchmark]:
    """The benchmarks one cell gives: a figure under a "Benchmark: England" header, or text."""
    if obs.value is not None:
        kind = kind_of(measure)
        if (_HEADER.search(measure) or _area_column(measure)) and kind != OTHER_AREA:
            name = _ENGLAND.search(measure) or _REGION.search(measure) or _NEIGHBOURS.search(measure)
            shown = f"{obs.value:g}{'%' if obs.unit == PERCENT else ''}"   # the cell may hold the whole text
            return [WrittenBenchmark(kind, name.group(0), obs.value, shown, obs.unit == PERCENT, obs.cell)]
        return []
    found = parse_benchmarks(obs.display, obs.cell)
    return found if found and (_HEADER.search(measure) or any(b.kind != OTHER_AREA for b in found)) else []


def _area_column(measure: str) -> bool:
    """Whether a column is a comparator's figures for a period: ``England 2023/24``,
    ``Statistical neighbours 2023/24`` (not ``England rate per 10,000``)."""
    kind, rest, _name = area_prefix(measure)
    return kind != OTHER_AREA and not re.search(r"[A-Za-z]{3,}", rest)


def written_benchmarks(grid: Grid) -> list[tuple[GridRow, Observation, list[WrittenBenchmark]]]:
    """Rows with benchmarks written beside them: the row, its latest figure in a period column and
    the benchmarks (one per kind: benchmark columns first, then text)."""
    periods = [m for m in grid.measures if parse_period(m) is not None]
    out = []
    for row in grid.rows:
        if area_prefix(row.label)[0] != OTHER_AREA:  # a comparator's own row ("England: ...") is not ours
            continue
        latest = next((row.cells[m] for m in reversed(periods) if m in row.cells and row.cells[m].value is not None),
                      None)
        if latest is None:
            continue
        found: dict[str, WrittenBenchmark] = {}
        when: set[str | None] = set()   # the periods of the benchmarks' figures
        for measure, obs in sorted(row.cells.items(), key=lambda item: item[1].value is None):
            for bench in _row_benchmarks(measure, obs):
                if latest.unit == PERCENT or not bench.percent:
                    found.setdefault(bench.kind if bench.kind != OTHER_AREA else bench.name, bench)
                    when.add(obs.period if obs.value is not None else None)
        if found:
            out.append((row, _of_period(row, periods, when) or latest, list(found.values())))
    return out


def _of_period(row: GridRow, periods: list[str], when: set[str | None]) -> Observation | None:
    """Our figure of the one period the benchmarks are of, where the row has it (2023/24 beside
    England 2023/24, not this year's Q2)."""
    period = next(iter(when)) if len(when) == 1 else None
    return next((c for m in periods if not is_comparator(m) and (c := row.cells.get(m)) is not None
                 and c.value is not None and c.period == period), None) if period else None


@dataclass(slots=True)
class BenchmarkTable:
    """Our figures by period, and the comparators' beside them, as one table laid them out."""

    title: str
    our_name: str
    ours: dict[str, Observation]
    others: list[tuple[str, str, dict[str, Observation]]]    # kind, name, period -> figure
    metric_id: str
    unit: str | None


def _figures(row: GridRow, periods: list[str]) -> dict[str, Observation]:
    return {p: row.cells[p] for p in periods if p in row.cells}


def _table(title: str, our_name: str, ours: dict[str, Observation], others, label: str) -> BenchmarkTable:
    metric_ids = [o.metric_id for o in ours.values() if o.metric_id != "other"]
    unit = next((o.unit for o in ours.values() if o.unit), None) or getattr(find_unit(label), "base", None)
    return BenchmarkTable(title, our_name, ours, others,
                          metric_ids[0] if metric_ids else match_metric(label, None, unit).id, unit)


def _named_ours(rows: list, our_name: str | None) -> list:
    """The rows that name our authority: the one named exactly so where there is one ("Somerset"
    beside "North Somerset" and "Bath and North East Somerset"), else those whose label holds it."""
    if not our_name:
        return []
    name = our_name.lower()
    exact = [r for r in rows if re.sub(r"\s*\(.*\)\s*$", "", r.label).strip().lower() == name]
    return exact or [r for r in rows if name in r.label.lower()]


def benchmark_tables(grid: Grid, our_name: str | None, title: str) -> list[BenchmarkTable]:
    """Comparator rows or columns beside our own figures, in the three ways tables lay them out."""
    periods = [m for m in grid.measures if parse_period(m) is not None]
    numeric = [r for r in grid.rows if any(r.cells[p].value is not None for p in periods if p in r.cells)]
    split = [(r, *area_prefix(r.label)) for r in numeric]
    out = []
    whole = [(kind, r) for r, kind, rest, _ in split if kind != OTHER_AREA and not rest]
    if whole:   # areas down the side: Somerset, England, South West...
        candidates = [r for r, kind, _, _ in split if kind == OTHER_AREA]
        named = _named_ours(candidates, our_name)
        ours = named[0] if len(named) == 1 else candidates[0] if len(candidates) == 1 else None
        if ours is not None:
            others = [(kind, r.label, _figures(r, periods)) for kind, r in whole]
            out.append(_table(title, ours.label, _figures(ours, periods), others, title))
        return out
    mine = None   # comparator rows under a figure's row: "England rate per 10,000"
    groups: dict[int, list] = {}
    for r, kind, _, name in split:
        if kind == OTHER_AREA:
            mine = r
        elif mine is not None:
            groups.setdefault(id(mine), [mine]).append((kind, name, _figures(r, periods)))
    for ours, *others in groups.values():
        out.append(_table(ours.label, our_name or "Our figure", _figures(ours, periods), others, ours.label))
    if not out and any(area_prefix(m)[0] != OTHER_AREA and not area_prefix(m)[1] for m in grid.measures):
        by_area: dict[str, dict[str, Observation]] = {}   # areas across the top, periods down the side
        for row in (r for r in grid.rows if parse_period(r.label) is not None):
            for measure, obs in row.cells.items():
                by_area.setdefault(measure, {})[row.label] = obs
        kinds = {name: area_prefix(name) for name in by_area}
        others = [(k, name, f) for name, f in by_area.items() for k, rest, _ in [kinds[name]] if k != OTHER_AREA
                  and not rest]
        candidates = [name for name, (k, _, _) in kinds.items() if k == OTHER_AREA
                      and any(o.value is not None for o in by_area[name].values())]
        if len(candidates) == 1 and others:
            out.append(_table(title, candidates[0], by_area[candidates[0]], others, candidates[0]))
    return out
