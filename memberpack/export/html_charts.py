"""A :class:`ChartSpec` drawn as inline SVG for the HTML briefing, from the same figures as the PDF's
chart (:mod:`memberpack.export.chart_figures`).

The SVG is one image to assistive technology (``role="img"``, named by its ``<title>`` and
described by its ``<desc>``); its figures follow it as a table, so nothing is only in the picture.
Bars carry their figure and A/(F) as text beside them, so colour is never the only signal.
"""

from __future__ import annotations

import math
from dataclasses import replace

from memberpack.analysis.charts import flag_text, point_text, tick_text
from memberpack.export.chart_figures import ChartFigures
from memberpack.export.html_text import escape
from memberpack.model.charts import BAR, ChartSpec, Series, line_groups, series_styles, tick_decimals
from memberpack.model.short_text import shortened

WIDTH = 720
TEXT = 13           # px, as the page's small print
BAR_PITCH = 24
LABEL_ROOM = 250    # px for a bar's category
VALUE_ROOM = 120    # px for a bar's figure and A/(F)
SLANT_ROOM = 130    # px for a slanted period: "Year-End 2019/20" whole
INK, ADVERSE, FAVOURABLE, ACCENT = "#1b1b1b", "#b3261e", "#2e7d32", "#1d4f91"
STATUS = {"adverse": ADVERSE, "favourable": FAVOURABLE}


def _clip(text: str, room: float) -> str:
    """Text cut to about ``room`` px with an ellipsis (the figure table has it whole)."""
    most = int(room / (TEXT * 0.55))
    return shortened(text, max(2, most))


def _text(x: float, y: float, text: str, *, anchor: str = "start", fill: str = INK, extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{extra}>'
            f"{escape(text)}</text>")


def chart_svg(figures: ChartFigures, ident: str) -> str:
    """The chart as an ``<svg>`` element whose ``<title>`` and ``<desc>`` ids start with ``ident``."""
    spec = figures.spec
    body, height = _bars(figures) if spec.kind == BAR else _lines(figures)
    said = spec.summary if spec.summary.startswith(spec.title) else f"{spec.title}. {spec.summary}"   # once, not twice
    desc = f"{said} The figures are in the table below the chart."
    return (f'<svg class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
            f'aria-labelledby="{ident}-t {ident}-d" font-size="{TEXT}" font-family="DejaVu Sans, Verdana, sans-serif">'
            f'<title id="{ident}-t">{escape(figures.title)}</title><desc id="{ident}-d">{escape(desc)}</desc>'
            f"{body}</svg>")


def _bars(figures: ChartFigures) -> tuple[str, int]:
    spec = figures.spec
    rows = figures.rows
    values = figures.drawn.series[0].values
    numbers = [v for v in values if v is not None] or [0.0]
    low, high = min(0.0, min(numbers)), max(0.0, max(numbers))
    span = (high - low) or 1.0
    plot = WIDTH - LABEL_ROOM - VALUE_ROOM
    zero = LABEL_ROOM + plot * (0 - low) / span
    parts = [f'<line x1="{zero:.1f}" y1="4" x2="{zero:.1f}" y2="{len(rows) * BAR_PITCH + 4}" stroke="{INK}"/>']
    for i, (row, value, status) in enumerate(zip(rows, values, figures.statuses)):
        y = 4 + i * BAR_PITCH
        parts.append(_text(LABEL_ROOM - 6, y + 16, _clip(row[0], LABEL_ROOM - 10), anchor="end"))
        if value is not None:
            x = LABEL_ROOM + plot * (min(value, 0) - low) / span
            parts.append(f'<rect x="{x:.1f}" y="{y + 5}" width="{max(plot * abs(value) / span, 0.5):.1f}" '
                         f'height="{BAR_PITCH - 8}" fill="{STATUS.get(status or "", ACCENT)}"/>')
        flag = flag_text(status, spec)
        parts.append(_text(WIDTH - VALUE_ROOM + 6, y + 16, f"{point_text(value, spec.unit, spec)} {flag}".strip(),
                           fill=STATUS.get(status or "", INK)))
    return "".join(parts), len(rows) * BAR_PITCH + 10


def _ticks(low: float, high: float) -> list[float]:
    """About five round steps from ``low`` to ``high``."""
    raw = ((high - low) or abs(high) or 1.0) / 5
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = (low // step) * step
    ticks = [start]
    while ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def _lines(figures: ChartFigures) -> tuple[str, int]:
    """One set of axes; or, for measures of one unit but very different sizes, each measure (with
    its benchmarks) on its own axes from zero, two to a row, as the app and the PDF draw them, so
    the smaller is not flattened along the bottom of the larger."""
    spec = figures.spec
    looks = dict(zip(map(id, spec.series), series_styles(spec)))   # the app's and the PDF's colours and dashes
    names = dict(zip(map(id, spec.series), figures.names))
    groups = line_groups(spec)
    if len(groups) == 1:
        return _panel(spec, spec.series, names, looks, 0, 0, WIDTH, 200)
    parts, top, half = [], 0, WIDTH / 2
    for first in range(0, len(groups), 2):
        drawn = [_panel(spec, group, names, looks, column * half, top, half, 120)
                 for column, group in enumerate(groups[first:first + 2])]
        parts += [body for body, _ in drawn]
        top += max(height for _, height in drawn) + 10
    return "".join(parts), top


def _panel(spec: ChartSpec, series: list[Series], names: dict, looks: dict, x0: float, y0: float, width: float,
           plot_h: float) -> tuple[str, int]:
    """``series`` on one set of axes in the box from (``x0``, ``y0``), ``width`` wide, and the
    height it takes with its legend."""
    left, top, plot_w = x0 + 80, y0 + 10, width - 100
    values = [v for s in series for v in s.values if v is not None] or [0.0]
    low, high = min(values), max(values)
    if low >= 0:
        low = 0.0
    ticks = _ticks(low, high)
    low, high = ticks[0], ticks[-1]
    span = (high - low) or 1.0
    n = max(len(spec.categories), 1)

    def at(i: int, v: float) -> tuple[float, float]:
        x = left + (plot_w * (i + 0.5) / n)
        return x, top + plot_h - plot_h * (v - low) / span

    step = (ticks[1] - ticks[0]) / spec.scale if len(ticks) > 1 else 1.0
    axis = replace(spec, decimals=tick_decimals(step), figure_scale=0.0)   # in the axis scale: 2.5 and 7.5, not "2" and "8"
    parts = []
    for t in ticks:
        y = top + plot_h - plot_h * (t - low) / span
        parts += [f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="#d0d0d0"/>',
                  _text(left - 6, y + 4, tick_text(t, spec.unit, axis), anchor="end")]
    slanted = n > 8 or (width < WIDTH and n > 4)
    for i, category in enumerate(spec.categories):
        x, _ = at(i, low)
        if slanted:
            parts.append(_text(x, top + plot_h + 16, _clip(category, SLANT_ROOM), anchor="end",
                               extra=f' transform="rotate(-35 {x:.1f} {top + plot_h + 16})"'))
        else:
            parts.append(_text(x, top + plot_h + 18, _clip(category, plot_w / n), anchor="middle"))
    legend_top = top + plot_h + (96 if slanted else 36)
    for k, line in enumerate(series):
        look = looks[id(line)]
        colour, stroke, dash = look.colour, look.width, " ".join(f"{d:g}" for d in look.dash)
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        run: list[str] = []
        for i, v in enumerate(line.values + [None]):
            if v is None or i == spec.apart:   # a gap, or where the points standing apart end
                if len(run) > 1:
                    parts.append(f'<polyline points="{" ".join(run)}" fill="none" stroke="{colour}" '
                                 f'stroke-width="{stroke}"{dashed}/>')
                run = []
            if v is None:
                continue
            x, y = at(i, v)
            run.append(f"{x:.1f},{y:.1f}")
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>')   # one figure still shows
        for i, v in enumerate(line.values):
            mark = line.marks[i] if i < len(line.marks) else ""
            if mark:   # DNA on the axis where the figure would be; "c. 580" above its point, as in the PDF
                x, y = at(i, low if v is None else v)
                parts.append(_text(x, y - (4 if v is None else 8), mark, anchor="middle", fill=colour))
        y = legend_top + k * 20
        parts += [f'<line x1="{x0 + 10}" y1="{y - 4}" x2="{x0 + 40}" y2="{y - 4}" stroke="{colour}" '
                  f'stroke-width="{stroke}"{dashed}/>',
                  _text(x0 + 48, y, _clip(names[id(line)], width - 60))]
    return "".join(parts), int(legend_top + len(series) * 20 - y0)
