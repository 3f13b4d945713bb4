"""Benchmarks written as text in KPI scorecards ("England, 53% South West, 53%") read into
comparisons with the row's latest figure, so they sit beside those from open statistics."""

from __future__ import annotations

import re
from dataclasses import dataclass

from memberpack.model.areas import REGIONS
from memberpack.model.grid import Grid, GridRow
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
