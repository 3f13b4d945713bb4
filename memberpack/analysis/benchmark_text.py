"""Benchmarks written inside council tables, read so that they become comparisons like those
from open statistics: text in KPI scorecards ("England, 53% South West, 53%") beside the row's
latest figure, and tables with England, region or statistical-neighbour rows (or columns) beside
our own row, period by period."""

from __future__ import annotations

import re
from dataclasses import dataclass

from memberpack.model.areas import REGIONS
from memberpack.model.grid import Grid, GridRow
from memberpack.model.metrics import match_metric
from memberpack.model.observation import Observation
from memberpack.model.periods import parse_period
from memberpack.model.units import PERCENT

ENGLAND, REGION, NEIGHBOURS, OTHER_AREA = "england", "region", "neighbours", "other"
_PAIR = re.compile(r"(?P<name>[A-Za-z][A-Za-z .'&()/-]*?)\s*[,:=]?\s*(?P<num>[-−]?\d+(?:\.\d+)?)\s*(?P<pct>%)?")
_NEIGHBOURS = re.compile(r"\b(sn|stat\w* neighbou?rs?|neighbou?rs?|sn average)\b", re.IGNORECASE)
_ENGLAND = re.compile(r"\b(england|national)\b", re.IGNORECASE)
_REGION = re.compile(r"\b(region|regional|" + "|".join(re.escape(r) for r in REGIONS) + r")\b", re.IGNORECASE)
_HEADER = re.compile(r"benchmark|comparator|comparison", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WrittenBenchmark:
    kind: str
    name: str
    value: float
    display: str
    percent: bool


def kind_of(name: str) -> str:
    if _NEIGHBOURS.search(name):
        return NEIGHBOURS
    if _ENGLAND.search(name):
        return ENGLAND
    if _REGION.search(name):
        return REGION
    return OTHER_AREA


def parse_benchmarks(text: str | None) -> list[WrittenBenchmark]:
    """Each ``name, figure`` pair in ``text``; none for "Local measure" or free text."""
    out = []
    for m in _PAIR.finditer(text or ""):
        name = " ".join(m["name"].split()).strip(" ,:-")
        if not name:
            continue
        value = float(m["num"].replace("−", "-"))
        out.append(WrittenBenchmark(kind_of(name), name, value, f"{m['num']}{m['pct'] or ''}", bool(m["pct"])))
    return out


def _is_benchmark_cell(measure: str, obs: Observation) -> bool:
    if obs.value is not None:
        return False
    found = parse_benchmarks(obs.display)
    return bool(found) and (bool(_HEADER.search(measure)) or any(b.kind != OTHER_AREA for b in found))


def written_benchmarks(grid: Grid) -> list[tuple[GridRow, Observation, Observation, list[WrittenBenchmark]]]:
    """Rows with benchmark text: the row, its latest figure in a period column, the text cell and
    the benchmarks read from it."""
    periods = [m for m in grid.measures if parse_period(m) is not None]
    out = []
    for row in grid.rows:
        text = next((o for m, o in row.cells.items() if _is_benchmark_cell(m, o)), None)
        latest = next((row.cells[m] for m in reversed(periods) if m in row.cells and row.cells[m].value is not None),
                      None)
        if text is not None and latest is not None:
            found = [b for b in parse_benchmarks(text.display) if latest.unit == PERCENT or not b.percent]
            if found:
                out.append((row, latest, text, found))
    return out


_FILLER = {"average", "avg", "mean", "rate", "figure", "the", "all", "authorities", "la", "las"}
_AREA_PHRASES = {"england", "national", "region", "regional", "sn", "statistical neighbours", "statistical neighbour",
                 "stat neighbours", "neighbours", "neighbour", *(r.lower() for r in REGIONS)}


def area_label_kind(label: str) -> str:
    """The kind of a row or column label that is nothing but a comparator's name ("England",
    "South West", "SN average", "Statistical neighbours"), else ``other``."""
    words = [w for w in re.sub(r"[^a-z ]", " ", label.lower()).split() if w not in _FILLER]
    return kind_of(" ".join(words)) if " ".join(words) in _AREA_PHRASES else OTHER_AREA


@dataclass(slots=True)
class BenchmarkTable:
    """A table of areas by period: our row (or column) and the comparators' beside it."""

    our_name: str
    ours: dict[str, Observation]
    others: list[tuple[str, str, dict[str, Observation]]]    # kind, name, period -> figure
    metric_id: str
    unit: str | None


def _areas_by_period(grid: Grid) -> dict[str, dict[str, Observation]]:
    """Area name -> period -> figure, with areas as rows and periods as columns or the other way."""
    periods = [m for m in grid.measures if parse_period(m) is not None]
    if len(periods) >= 1 and any(area_label_kind(r.label) != OTHER_AREA for r in grid.rows):
        return {r.label: {p: r.cells[p] for p in periods if p in r.cells} for r in grid.rows}
    if any(area_label_kind(m) != OTHER_AREA for m in grid.measures):
        by_area: dict[str, dict[str, Observation]] = {}
        for row in (r for r in grid.rows if parse_period(r.label) is not None):
            for measure, obs in row.cells.items():
                by_area.setdefault(measure, {})[row.label] = obs
        return by_area
    return {}


def benchmark_table(grid: Grid, our_name: str | None, title: str) -> BenchmarkTable | None:
    """England / region / neighbour rows or columns beside ours (the row named for our authority,
    or the only other row with figures), or None when the table is not like that."""
    by_area = {name: figures for name, figures in _areas_by_period(grid).items()
               if any(o.value is not None for o in figures.values())}
    others = [(area_label_kind(name), name, figures) for name, figures in by_area.items()
              if area_label_kind(name) != OTHER_AREA]
    candidates = [name for name in by_area if area_label_kind(name) == OTHER_AREA]
    named = [n for n in candidates if our_name and our_name.lower() in n.lower()]
    ours = named[0] if len(named) == 1 else candidates[0] if len(candidates) == 1 else None
    if not others or ours is None:
        return None
    figures = by_area[ours]
    metric_ids = [o.metric_id for o in figures.values() if o.metric_id != "other"]
    unit = next((o.unit for o in figures.values() if o.unit), None)
    return BenchmarkTable(ours, figures, others, metric_ids[0] if metric_ids else match_metric(title, None, unit).id,
                          unit)
