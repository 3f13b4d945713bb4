"""Arithmetic and consistency checks: does the table add up as the officer says it does?

Three checks, each reported as one finding per cell that disagrees:

* variance = projection - budget on each row (a table that consistently uses the reverse,
  ``surplus/(deficit)`` convention, as DSG tables do, is read that way);
* sub totals equal the rows above them (or below, where they head their group), and totals equal
  their sub totals (or rows), or the total above and the rows after it; percentages are not summed;
* an ``A`` / ``(F)`` flag agrees with the sign of the variance.

Tolerances follow the figures' own rounding: each figure may be out by half its last shown digit.
"""

from __future__ import annotations

import re
from itertools import takewhile
from dataclasses import dataclass

from memberpack.analysis.charts import metric_column
from memberpack.model.grid import Grid, GridRow
from memberpack.model.observation import DATA, SUBTOTAL, Dataset, Observation
from memberpack.model.units import GBP, unit_cost
from memberpack.model.values import in_range
from memberpack.store.pack import Pack


@dataclass(frozen=True, slots=True)
class Finding:
    file: str
    sheet: str
    cell: str
    message: str

    def line(self) -> str:
        return f"{self.file} {self.sheet}!{self.cell}: {self.message}"


def _shown(obs: Observation) -> tuple[float, int]:
    """How ``obs`` was shown: the scale from the figure shown to its value in base units (1e6 for
    "38.4" in £m) and the decimals shown."""
    digits = re.search(r"(\d[\d,]*)(?:\.(\d+))?", obs.display or "")
    if not digits or obs.value in (None, 0):
        return 1.0, 0
    decimals = digits.group(2) or ""
    shown = float(digits.group(1).replace(",", "") + ("." + decimals if decimals else ""))
    return (abs(obs.value) / shown if shown else 1.0), len(decimals)


def _step(obs: Observation) -> float:
    """One unit of the last digit shown for ``obs`` (0.1 of £1m for "38.4" in £m), in base units."""
    scale, decimals = _shown(obs)
    return scale * 10 ** -decimals


def _fmt(obs: Observation, value: float) -> str:
    """``value`` (base units) written as ``obs`` is shown: 10,100,000 next to "9.5" in £m is "10.1"."""
    scale, decimals = _shown(obs)
    return f"{value / scale:,.{decimals}f}"


def _columns(grid: Grid) -> dict[str, str]:
    """Which measure is the budget, the projection, the variance and the A/(F) flag: of several,
    the current full year's (a revised budget, not the original before it; this month's forecast)."""
    found: dict[str, str] = {}
    for measure in grid.measures:
        sample = next((r.cells[measure] for r in grid.rows if measure in r.cells), None)
        if sample and sample.status in ("adverse", "favourable") or re.search(r"A\s*/\s*\(F\)", measure):
            found.setdefault("flag", measure)
    for role, metric in (("budget", "fin_budget_current"), ("projection", "fin_forecast_outturn"),
                         ("variance", "fin_variance")):
        column = metric_column(grid, metric)
        if column is not None and column != found.get("flag"):
            found[role] = column
    return found


# A wide table repeats its sub-columns under REVISED BUDGET / FORECAST / VARIANCE (seed 001 Appendix 1).
_BLOCK = re.compile(r"^\s*(?P<block>(?:revised\s+)?budget|forecast|projection|variance)\s+(?P<rest>\S.*)$",
                    re.IGNORECASE)
_BLOCK_ROLES = {"budget": "budget", "forecast": "projection", "projection": "projection", "variance": "variance"}


def _block_columns(grid: Grid) -> list[dict[str, str]]:
    """One budget/projection/variance set per sub-column of a wide table, e.g. each of the "Net £"s."""
    sets: dict[str, dict[str, str]] = {}
    for measure in grid.measures:
        m = _BLOCK.match(measure)
        if m:
            role = _BLOCK_ROLES[m["block"].lower().split()[-1]]
            sets.setdefault(m["rest"].strip().lower(), {}).setdefault(role, measure)
    return [cols for cols in sets.values() if len(cols) == 3]


def _variance_findings(ds: Dataset, grid: Grid, cols: dict[str, str]) -> list[Finding]:
    if not {"budget", "projection", "variance"} <= cols.keys():
        return []
    rows = [(r, r.cells.get(cols["variance"]), r.value(cols["budget"]), r.value(cols["projection"]))
            for r in grid.rows]
    rows = [(r, v, b, p) for r, v, b, p in rows if v is not None and v.value is not None
            and b is not None and p is not None]
    tolerance = lambda v: _step(v) * 1.5  # noqa: E731 - three figures each rounded by half a step

    def agree(sign: int) -> list[bool]:
        return [abs(sign * (p - b) - v.value) <= tolerance(v) for _, v, b, p in rows]

    sign = -1 if rows and sum(agree(-1)) > sum(agree(1)) else 1
    out = []
    for (row, var, budget, projection), ok in zip(rows, agree(sign)):
        if not ok:
            expected = sign * (projection - budget)
            shown = var if var.value else row.cells[cols["budget"]]   # a nil variance ("-") shows no scale
            out.append(Finding(ds.source_file, var.sheet, var.cell, f"{row.label}: variance {var.display} but "
                               f"projection - budget is {_fmt(shown, expected)}"))
    return out


def _sum_findings(ds: Dataset, grid: Grid) -> list[Finding]:
    out: list[Finding] = []
    block: list[GridRow] = []       # data rows since the last sub total
    subtotals: list[GridRow] = []   # sub totals since the last total
    last: GridRow | None = None     # the last total, and the rows after it (each line once: in its sub total)
    since: list[GridRow] = []
    for i, row in enumerate(grid.rows):
        if row.role == DATA:
            block.append(row)
            since.append(row)
            continue
        parts = block if row.role == SUBTOTAL or not subtotals else subtotals
        if row.role == SUBTOTAL and row.section is not None and not any(p.section == row.section for p in block):
            parts = list(takewhile(lambda r: r.role == DATA and r.section == row.section, grid.rows[i + 1:]))
        found = _sum_mismatches(ds, row, parts)
        running = [last, *since] if last else since   # the total (or sub totals) above and the rows after it
        if found and row.role != SUBTOTAL and since and not _sum_mismatches(ds, row, running):
            found = []   # a running total (Net Budget Requirement)
        out += found
        if row.role == SUBTOTAL:
            subtotals.append(row)
            since = [r for r in since if r.role != DATA or r.section != row.section] + [row]
        else:
            subtotals = []
            last, since = row, []
        block = []
    return out


def _sum_mismatches(ds: Dataset, row: GridRow, parts: list[GridRow]) -> list[Finding]:
    """Each figure of a sub total or total ``row`` that ``parts`` do not add up to, within rounding;
    a part in another unit (a count of placements, a unit cost among £000s) is no part of the sum."""
    out = []
    for measure, obs in row.cells.items():
        summed = [p for p in parts if _summed(p, measure, obs)]
        values = [p.value(measure) for p in summed]
        if obs.value is None or obs.unit == "percent" or not values or any(v is None for v in values):
            continue
        steps = [_step(p.cells[measure]) for p in summed if measure in p.cells] + [_step(obs)]
        if abs(sum(values) - obs.value) > sum(steps) / 2:
            what = "sub total" if row.role == SUBTOTAL else "total"
            out.append(Finding(ds.source_file, obs.sheet, obs.cell,
                               f"{what} {row.label!r} {measure} is {obs.display} but its "
                               f"{len(values)} rows add up to {_fmt(obs, sum(values))}"))
    return out


def _summed(part: GridRow, measure: str, total: Observation) -> bool:
    """Whether a part's figure counts towards ``total``: in its unit (or blank), and no unit cost among costs."""
    obs = part.cells.get(measure)
    return obs is None or obs.value is None or obs.unit == total.unit and not (
        total.unit == GBP and unit_cost(part.label))


def _flag_findings(ds: Dataset, grid: Grid, cols: dict[str, str]) -> list[Finding]:
    if not {"flag", "variance"} <= cols.keys():
        return []
    out = []
    for row in grid.rows:
        flag, var = row.cells.get(cols["flag"]), row.cells.get(cols["variance"])
        if flag is None or var is None or var.value is None or flag.status not in ("adverse", "favourable", "-"):
            continue
        expected = "adverse" if var.value > 0 else "favourable" if var.value < 0 else "-"
        if flag.status != expected:
            out.append(Finding(ds.source_file, flag.sheet, flag.cell,
                               f"{row.label}: flagged {flag.display} but the variance is {var.display}"))
    return out


def check_dataset(ds: Dataset, observations: list[Observation]) -> list[Finding]:
    # A figure beyond the range a pack sums (stored by an older memberpack) is not checked: it
    # would only say "-inf".
    grid = Grid.of([o for o in observations if o.value is None or in_range(o.value)])
    cols = _columns(grid)
    blocks = _block_columns(grid)
    variances = [f for c in blocks for f in _variance_findings(ds, grid, c)] if blocks else \
        _variance_findings(ds, grid, cols)
    return variances + _sum_findings(ds, grid) + _flag_findings(ds, grid, cols)


def check_pack(pack: Pack) -> list[Finding]:
    """Every finding in the latest version of every dataset, in import order."""
    return [f for ds in pack.datasets() for f in check_dataset(ds, pack.observations(ds.id))]
