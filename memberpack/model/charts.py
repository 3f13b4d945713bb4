"""A chart described once as plain data, drawn twice: by pyqtgraph on screen and by reportlab
graphics in the PDF, so screen and paper agree.

The spec also fixes what both drawings must agree on and a reader must be able to tell apart in
greyscale: each series' colour, dash pattern and marker (:func:`series_styles`), the value range
(:func:`value_range`, from zero or with a minimum span, so a 0.4-point change does not look like a
collapse) and the axis titles with their units.
"""

from __future__ import annotations

import colorsys
from dataclasses import dataclass, field

BAR, LINE = "bar", "line"
DATA_SERIES, BENCHMARK, EARLIER = "data", "benchmark", "earlier"

# Colours with at least 3:1 contrast against white, so lines and markers read on screen and paper;
# on a dark background each is made lighter until it keeps that contrast (:func:`readable`).
DATA_COLOURS = ("#1f5fa8", "#b34700", "#1b7a5a", "#7a3f9d", "#a8326e", "#4d5b69")
EARLIER_COLOURS = ("#5f6b77", "#737f8b", "#4b5661")
BENCHMARK_COLOURS = ("#6a3d9a", "#9c4a00", "#23659b")
# Dash patterns (on, off lengths in points; empty = solid) and markers, told apart in greyscale.
DASHES = ((), (6.0, 3.0), (2.0, 2.0), (8.0, 3.0, 2.0, 3.0), (3.0, 5.0), (10.0, 4.0))
MARKERS = ("circle", "square", "triangle", "diamond", "cross", "plus")
MAX_LINES = len(DASHES)   # more series than this and a chart is split
MIN_CONTRAST = 3.0        # WCAG 1.4.11: a line, marker or bar against the chart's background


@dataclass(slots=True)
class Series:
    """One series; ``values`` line up with the chart's categories (None where there is no figure).

    ``statuses`` (optional, same length) carry per-point meaning such as ``adverse`` or
    ``favourable`` so a bar can be coloured and lettered; ``cells`` give each point's source cell
    (the row a click selects); ``marks`` the text the source has where there is no figure (``DNA``,
    ``tbc``), marked on the axis instead of a point.
    """

    name: str
    values: list[float | None]
    role: str = DATA_SERIES
    statuses: list[str | None] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)
    marks: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SeriesStyle:
    colour: str
    dash: tuple[float, ...]
    marker: str
    width: float


@dataclass(slots=True)
class ChartSpec:
    """``id`` is stable across re-imports (dataset key and chart kind), so notes can target it.

    ``y_label`` is the value axis title with its unit (``£m``, ``%``, ``rate per 10,000``);
    ``scale`` divides money for that axis, and ``figure_scale`` is the scale (with ``decimals``) a figure
    beside a bar or point is written in, the table's where the axis is raised to £m (0: ``scale``);
    ``y_range`` is the value range both drawings use;
    ``left_out`` says which of the table's measures this chart does not show, and why; ``apart``
    how many of the first points stand apart from the line (a year's figure before its quarters').
    """

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
    x_label: str = ""
    scale: float = 1.0
    y_range: tuple[float, float] | None = None
    left_out: str = ""
    decimals: int = 0
    figure_scale: float = 0.0
    apart: int = 0   # the first points, of longer periods (last year's outturn): not joined to the line


def series_styles(spec: ChartSpec, background: str = "#ffffff") -> list[SeriesStyle]:
    """Colour, dash and marker of each series: no two series of a chart share a dash pattern and
    marker; data lines are solid and thicker, earlier years grey, benchmarks dashed. Colours keep
    :data:`MIN_CONTRAST` against ``background`` (the palette's, on screen; white paper)."""
    roles = [s.role if s.role in (EARLIER, BENCHMARK) else DATA_SERIES for s in spec.series]
    rank = {DATA_SERIES: 0, EARLIER: 1, BENCHMARK: 2}
    order = sorted(range(len(roles)), key=lambda i: (rank[roles[i]], i))   # our own lines solid first
    out: list[SeriesStyle | None] = [None] * len(roles)
    counters = {DATA_SERIES: 0, EARLIER: 0, BENCHMARK: 0}
    for n, i in enumerate(order):
        role = roles[i]
        palette = {EARLIER: EARLIER_COLOURS, BENCHMARK: BENCHMARK_COLOURS}.get(role, DATA_COLOURS)
        colour = readable(palette[counters[role] % len(palette)], background)
        counters[role] += 1
        out[i] = SeriesStyle(colour, DASHES[n % len(DASHES)], MARKERS[n % len(MARKERS)],
                             2.4 if role == DATA_SERIES else 1.6)
    return out


def contrast(a: str, b: str) -> float:
    """The WCAG 2 contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    def luminance(colour: str) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        r, g, b = (int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))
        return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def readable(colour: str, background: str, minimum: float = MIN_CONTRAST) -> str:
    """``colour`` as it reads on ``background``: the same hue made lighter (on a dark background)
    or darker (on a light one) until it keeps ``minimum`` contrast against it."""
    h, l, s = colorsys.rgb_to_hls(*(int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)))
    towards = 1.0 if contrast(background, "#000000") < contrast(background, "#ffffff") else 0.0
    out = colour
    for step in range(21):
        lightness = l + (towards - l) * step / 20
        out = "#" + "".join(f"{round(255 * v):02x}" for v in colorsys.hls_to_rgb(h, lightness, s))
        if contrast(out, background) >= minimum:
            return out
    return out


def line_groups(spec: ChartSpec) -> list[list[Series]]:
    """The series drawn on one set of axes: all of them, or (when their sizes differ more than
    fivefold, so the smaller would lie flat along the bottom) one group per measure, each with the
    benchmark rows that follow it, drawn as small multiples on screen and on paper."""
    peaks = [max((abs(v) for v in s.values if v is not None), default=0) for s in spec.series if s.role != BENCHMARK]
    peaks = [p for p in peaks if p]
    if spec.kind == BAR or len(peaks) < 2 or max(peaks) <= 5 * min(peaks):
        return [list(spec.series)]
    groups: list[list[Series]] = []
    for series in spec.series:
        if series.role == BENCHMARK and groups:
            groups[-1].append(series)
        else:
            groups.append([series])
    return groups


def value_range(values: list[float]) -> tuple[float, float]:
    """The axis range for ``values``: from zero when they are all of one sign (a line's or a bar's
    height in proportion to its figure), else around them with a quarter of the largest size to spare."""
    if not values:
        return 0.0, 1.0
    low, high = min(values), max(values)
    if low >= 0:
        return 0.0, high * 1.1 if high > 0 else 1.0
    if high <= 0:
        return low * 1.1, 0.0
    span = max(high - low, 0.25 * max(abs(low), abs(high)), 1e-9)
    middle = (low + high) / 2
    return middle - 0.6 * span, middle + 0.6 * span


def tick_decimals(step: float) -> int:
    """The fewest decimals that write every tick ``step`` apart exactly: a step of 2.5 needs one
    (0, 2.5, 5, 7.5), where rounding it to whole numbers had labelled 7.5 as "8"."""
    for places in range(7):
        if abs(step * 10 ** places - round(step * 10 ** places)) < 1e-6 * 10 ** places:
            return places
    return 6
