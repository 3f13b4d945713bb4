"""A chart described once as plain data, drawn twice: by pyqtgraph on screen and by reportlab
graphics in the PDF, so screen and paper agree."""

from __future__ import annotations

from dataclasses import dataclass, field

BAR, LINE = "bar", "line"
DATA_SERIES, BENCHMARK, EARLIER = "data", "benchmark", "earlier"


@dataclass(slots=True)
class Series:
    """One series; ``values`` line up with the chart's categories (None where there is no figure).

    ``statuses`` (optional, same length) carry per-point meaning such as ``adverse`` or
    ``favourable`` so a bar can be coloured and lettered; ``cells`` give each point's source cell.
    """

    name: str
    values: list[float | None]
    role: str = DATA_SERIES
    statuses: list[str | None] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)


@dataclass(slots=True)
class ChartSpec:
    """``id`` is stable across re-imports (dataset key and chart kind), so notes can target it."""

    id: str
    kind: str
    title: str
    summary: str
    categories: list[str]
    series: list[Series]
    unit: str | None
    source: str
    dataset_key: str = ""
    y_label: str = ""
